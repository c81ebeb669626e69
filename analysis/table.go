package analysis

import "github.com/csatkit/csat"

// cell returns the tally of item as rated by source: an empty tally of
// the table's scale when nothing was counted there.
func cell(t *csat.Table, item, source string) csat.Tally {
	tl, err := t.Tally(item, source)
	if err != nil { // an item or source the table has never seen
		return csat.NewTally(t.Scale())
	}
	return tl
}

// empty reports whether tl has no answers.
func empty(tl csat.Tally) bool {
	for _, c := range tl.Counts() {
		if c != 0 {
			return false
		}
	}
	return true
}
