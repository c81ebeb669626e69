package sheet

import (
	"slices"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
)

// A ValueError reports a value that its cell does not take: a level the
// scale does not have, a count or number that is not one, a source,
// status or yes/no that is none of those accepted, a spreadsheet's
// error value or boolean. It is the reason inside a row's
// [*csat.ParseError], which names the place (file, line and field, or
// sheet and cell); its text is the reason's and it wraps the reason's
// sentinel. Get it with [errors.As], to tell a person in their words
// what was found and what is accepted.
type ValueError struct {
	// Kind says what is wrong with the value: "level" (not a level of
	// Scale), "count" (not a non-negative integer), "number", "time",
	// "status", "yes/no" and "source" (none of Accepted), "excel-error"
	// (a formula's error value such as #N/A), "boolean" (an XLSX TRUE or
	// FALSE cell), "formula" (an XLSX formula without its cached value),
	// "control" (a control character), "not-utf8" (bytes that are not
	// UTF-8: a GBK file read as UTF-8?), "not-gbk", "unnamed" (a value
	// in a column without a header), "empty" (a cell that must not be
	// empty), "utf-16" (a UTF-16 file), "encoding" (text that reads as
	// UTF-8 and as GBK: Value is its first non-ASCII character).
	Kind string
	// Value is the value found, as read ("" when it is not text, as for
	// a formula without its value).
	Value string
	// Accepted lists the values accepted when they are few (the sources,
	// the statuses), nil otherwise; a level's are those of Scale.
	Accepted []string
	// Scale is the scale of a level ("level"), nil otherwise.
	Scale *csat.Scale
	Err   error // the reason, with its text
}

// Error returns the reason's text.
func (e *ValueError) Error() string { return e.Err.Error() }

// Detail returns the reason's text without the "csat: " prefix, for an
// error wrapping it to print the prefix once.
func (e *ValueError) Detail() string { return errs.Detail(e.Err) }

// Unwrap returns the reason.
func (e *ValueError) Unwrap() error { return e.Err }

// A ColumnError reports a bad column of a header: unknown, missing,
// given twice, of the other layout, or an item column whose values are
// no levels. It is the reason inside the [*csat.ParseError] that names
// the place; its text is the reason's and it wraps the reason's
// sentinel. Get it with [errors.As].
type ColumnError struct {
	// Kind says what is wrong: "unknown" (a header no column of the file
	// has), "missing" (a required column the header lacks), "twice" (a
	// column given twice), "long-only" (a column of the long layout in a
	// wide file), "no-items" (a wide file without item columns),
	// "no-form" (a column about forms without a form column), "empty"
	// (an item column that holds no value in any row), "not-items" (an
	// item column whose first value is no level: a survey tool's meta
	// column?), "unknown-item" (an importance column whose item, in
	// Accepted, has no column).
	Kind string
	// Column is the header as given; for "missing", the column's
	// canonical name ("level"), "" for "no-items".
	Column string
	// Accepted lists the headers accepted: for "unknown", the canonical
	// names of the file's columns; for "missing", the headers that name
	// the column (level, 等级, 评价). Nil otherwise.
	Accepted []string
	Err      error // the reason, with its text
}

// Error returns the reason's text.
func (e *ColumnError) Error() string { return e.Err.Error() }

// Detail returns the reason's text without the "csat: " prefix, for an
// error wrapping it to print the prefix once.
func (e *ColumnError) Detail() string { return errs.Detail(e.Err) }

// Unwrap returns the reason.
func (e *ColumnError) Unwrap() error { return e.Err }

// A SheetError reports a workbook without the sheet asked for
// ([Options.Sheet]). Its text is the reason's; it wraps
// [csat.ErrMissing]. Get it with [errors.As].
type SheetError struct {
	File   string   // the workbook's name
	Sheet  string   // the sheet asked for
	Sheets []string // the workbook's sheets, in its order
	Err    error    // the reason, with its text
}

// Error returns the reason's text.
func (e *SheetError) Error() string { return e.Err.Error() }

// Detail returns the reason's text without the "csat: " prefix.
func (e *SheetError) Detail() string { return errs.Detail(e.Err) }

// Unwrap returns the reason.
func (e *SheetError) Unwrap() error { return e.Err }

// valueError returns err as a *ValueError of kind about value v.
func valueError(kind, v string, accepted []string, err error) error {
	return &ValueError{Kind: kind, Value: v, Accepted: accepted, Err: err}
}

// columnError returns err as a *ColumnError of kind about column h.
func columnError(kind, h string, accepted []string, err error) error {
	return &ColumnError{Kind: kind, Column: h, Accepted: accepted, Err: err}
}

// headersOf returns the headers that name canonical column c, sorted.
func headersOf(c string) []string {
	var out []string
	for h, col := range aliases {
		if col == c {
			out = append(out, h)
		}
	}
	slices.Sort(out)
	return out
}
