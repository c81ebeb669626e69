package csat

// A Period is one survey of a series: a name ("2025H1") and its table.
type Period struct {
	Name  string
	Table *Table
}
