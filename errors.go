package csat

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/csatkit/csat/internal/errs"
	"github.com/shopspring/decimal"
)

// Sentinel errors. Every error csat returns wraps one of these, so callers
// can match the reason with [errors.Is]; the wrapping text names what was
// wrong (the level, node, item or value given). Context (the customer,
// item, period, line or cell concerned) is added by the typed errors
// below, which wrap the reason and are matched with [errors.As].
var (
	// ErrInvalidScale reports a scale that cannot be built: no levels,
	// duplicate keys or labels, negative points, bands with gaps or overlaps.
	ErrInvalidScale = errors.New("invalid scale")
	// ErrUnknownLevel reports a level key, label, index or points value
	// that the scale does not have.
	ErrUnknownLevel = errors.New("unknown level")
	// ErrOverflow reports a count or sum that would not fit in a uint64.
	// Counts never wrap around.
	ErrOverflow = errors.New("count overflow")
	// ErrEmpty reports a computation over no data (an empty tally, no
	// scores, no sources). Its result would be undefined, not 0.
	ErrEmpty = errors.New("no data")
	// ErrScaleMismatch reports tallies or encoded data of different
	// scales, or a tally on a scale a metric cannot read (NPS needs 0–10).
	ErrScaleMismatch = errors.New("scale mismatch")
	// ErrKindMismatch reports results of different kinds combined (a
	// [Fraction] and [Points] summed), or a result of the wrong kind for
	// its receiver (a fraction given to a 0–100 weight tree).
	ErrKindMismatch = errors.New("kind mismatch")
	// ErrCorrupt reports encoded data that cannot be decoded.
	ErrCorrupt = errors.New("corrupt encoding")
	// ErrWeightsMismatch reports weights that do not add up: a parent that
	// is not the sum of its children, a root that is not the declared
	// total, blend weights that do not sum to 1.
	ErrWeightsMismatch = errors.New("weights do not add up")
	// ErrNegative reports a negative weight, count, duration or value
	// where only non-negative ones make sense.
	ErrNegative = errors.New("negative value")
	// ErrDuplicate reports a name, key or id given twice.
	ErrDuplicate = errors.New("duplicate")
	// ErrMissing reports a required score, leaf or source that was not
	// given.
	ErrMissing = errors.New("missing value")
	// ErrUnknownItem reports a name (leaf, source, item) that the
	// receiving scheme or table does not know. Nothing is silently
	// ignored.
	ErrUnknownItem = errors.New("unknown item")
	// ErrOutOfRange reports a value outside its allowed range.
	ErrOutOfRange = errors.New("value out of range")
	// ErrInvalid reports any other invalid argument (an empty name, a zero
	// total, an option out of its domain, an unknown enum name).
	ErrInvalid = errors.New("invalid argument")
	// ErrOutOfBand reports a visit estimate outside the band of the level
	// the interviewer heard (METHOD.md §5.2).
	ErrOutOfBand = errors.New("estimate outside its band")
	// ErrUnknownOutcome reports a complaint outcome that is not one of the
	// six of the method (METHOD.md §5.4), including the zero [Outcome].
	ErrUnknownOutcome = errors.New("unknown complaint outcome")
	// ErrBadTimes reports complaint times out of order: a first response
	// or a resolution before the complaint was received, or a resolution
	// before the first response.
	ErrBadTimes = errors.New("complaint times out of order")
	// ErrTooFew reports too few observations for a statistic (a
	// t-interval or a t-test needs at least two answers).
	ErrTooFew = errors.New("too few observations")
	// ErrSyntax reports input that is not well-formed in its format: a
	// stray or unterminated quote in a CSV file, a row with the wrong
	// number of fields. The format's own error is wrapped beside it.
	ErrSyntax = errors.New("malformed input")
)

// errorf returns err (a sentinel, or a csat error) with context in front:
// "csat: context: reason". Every package of csat builds its errors this
// way (internal/errs): the prefix is printed once, by the outermost csat
// error, an inner one contributing its text without it. errors.Is and
// errors.As still see err.
func errorf(err error, format string, args ...any) error {
	return errs.New(err, fmt.Sprintf(format, args...)+": "+detail(err))
}

// detail returns err's message without the "csat: " every csat error
// starts with, so that an error wrapping it says it once, and a warning
// line of a report shows the reason alone. Other errors print as they
// are. It never edits text: csat's error types know their message
// without the prefix.
func detail(err error) string {
	if err == nil {
		return "<nil>"
	}
	if s, ok := typedDetail(err); ok {
		return s
	}
	return errs.Detail(err)
}

// typedDetail is detail for the typed errors of this package; the
// packages analysis and plan reach it through internal/errs.
func typedDetail(err error) (string, bool) {
	if d, ok := err.(interface{ detail() string }); ok {
		return d.detail(), true
	}
	return "", false
}

func init() { errs.RegisterTyped(typedDetail) }

// An Error reports an error about one named part of the input — a
// customer, an item, a period of a series, a node of a weight tree — and
// wraps the reason, as strconv.NumError names the function and the
// number. Get it with [errors.As]; match the reason with [errors.Is].
// Errors nest: a customer's error may wrap an item's.
type Error struct {
	// Part says what Name names: "customer", "item", "period" or "node"
	// (a node of a weight tree).
	Part string
	// Name is the customer's id, or the item's, period's or node's name
	// ("" for a node without one).
	Name string
	Err  error // the reason
}

// Error returns `csat: customer "C1": reason`, `csat: item "品质":
// reason`, `csat: period "2026H1": reason` or, for a node, `csat:
// weights: node "N": reason`.
func (e *Error) Error() string { return "csat: " + e.detail() }
func (e *Error) detail() string {
	part := e.Part
	if part == "node" {
		part = "weights: node"
	}
	return part + " " + strconv.Quote(e.Name) + ": " + detail(e.Err)
}

// Unwrap returns the reason.
func (e *Error) Unwrap() error { return e.Err }

// A CellError reports an error about one cell (item × source) of a
// [Table]: an unknown cell, an overflow when merging, a bad count when
// decoding. It wraps the reason.
type CellError struct {
	Item, Source string
	Err          error // the reason
}

// Error returns `csat: cell "ITEM"/"SOURCE": reason`.
func (e *CellError) Error() string {
	return "csat: " + e.detail()
}
func (e *CellError) detail() string {
	return "cell " + strconv.Quote(e.Item) + "/" + strconv.Quote(e.Source) + ": " + detail(e.Err)
}

// Unwrap returns the reason.
func (e *CellError) Unwrap() error {
	return e.Err
}

// A WeightError reports a weight-tree node whose declared weight is not
// the sum of its children's weights (METHOD.md §4): at the root, the
// children do not add up to the declared total; at an inner node, to the
// node's own weight. It wraps [ErrWeightsMismatch]; get it with
// [errors.As].
type WeightError struct {
	Node        string          // the node's name
	Root        bool            // whether the node is the root (its weight is the declared total)
	Declared    decimal.Decimal // its declared weight (the total, at the root)
	ChildrenSum decimal.Decimal // the sum of its children's weights
}

// Error returns `csat: weights: node "N" declares D but its children sum
// to S: weights do not add up` (`root "N" declares the total D …` at the
// root).
func (e *WeightError) Error() string {
	return "csat: " + e.detail()
}
func (e *WeightError) detail() string {
	what := "node %q declares %s"
	if e.Root {
		what = "root %q declares the total %s"
	}
	return fmt.Sprintf("weights: "+what+" but its children sum to %s: %s", e.Node, e.Declared, e.ChildrenSum, ErrWeightsMismatch)
}

// Unwrap returns [ErrWeightsMismatch].
func (e *WeightError) Unwrap() error {
	return ErrWeightsMismatch
}

// A ParseError reports bad input at a place in a file: its 1-based line,
// the 1-based number of the field (column of the table) when known, and,
// for a syntax error, the 1-based byte column in the line. A
// spreadsheet's error names its sheet and cell (F2) instead; a field's
// header is given when known. It wraps the reason ([ErrUnknownLevel],
// [ErrInvalid], [ErrOverflow], [ErrSyntax] with encoding/csv's own error,
// …), so [errors.Is] works.
type ParseError struct {
	File   string // the file's name, when the reader was told it
	Line   int    // 1-based line (a spreadsheet's row)
	Field  int    // 1-based field number, 0 when not known
	Column int    // 1-based byte column in the line, 0 when not known
	Err    error  // the reason
	// Sheet is the sheet of a spreadsheet (XLSX) the error is in, "" for
	// a CSV file.
	Sheet string
	// Cell is the spreadsheet's reference of the cell (F2: column F, row
	// 2), "" when the error is about a whole row or the file is CSV.
	Cell string
	// Header is the header of the field's column, "" when not known.
	Header string
}

// Error returns "csat: FILE line L, field F: reason", "csat: FILE line L,
// field F (HEADER), byte column C: reason" for a syntax error (whose
// reason does not name the column); without a file name, "csat: csv
// line L, …". A spreadsheet's error reads "csat: FILE sheet "S", cell
// F2: reason" ("row R" when no cell is concerned).
func (e *ParseError) Error() string {
	return "csat: " + e.detail()
}
func (e *ParseError) detail() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File + " ")
	} else if e.Sheet == "" {
		b.WriteString("csv ")
	}
	if e.Sheet != "" {
		b.WriteString("sheet " + strconv.Quote(e.Sheet) + ", ")
		if e.Cell != "" {
			b.WriteString("cell " + e.Cell)
		} else {
			b.WriteString("row " + strconv.Itoa(e.Line))
		}
		return b.String() + ": " + detail(e.Err)
	}
	b.WriteString("line " + strconv.Itoa(e.Line))
	if e.Field > 0 {
		b.WriteString(", field " + strconv.Itoa(e.Field))
		if e.Column > 0 && e.Header != "" {
			b.WriteString(" (" + quoteShort(e.Header) + ")")
		}
	}
	if e.Column > 0 {
		b.WriteString(", byte column " + strconv.Itoa(e.Column))
	}
	return b.String() + ": " + detail(e.Err)
}

// Unwrap returns the reason.
func (e *ParseError) Unwrap() error {
	return e.Err
}

// quoteShort quotes s for an error message: escaped, at most 40 bytes of
// it, with the length when cut.
func quoteShort(s string) string { return errs.QuoteShort(s) }
