package plan

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/csatkit/csat"
)

// Plan violations, reported by [Plan.Check]. Every other error of the
// package wraps one of csat's sentinels ([csat.ErrInvalid],
// [csat.ErrOutOfRange], …), so [errors.Is] matches the reason as it does
// for csat itself; messages start with "csat: ", as csat's do.
var (
	// ErrTooFewForms is a plan violation: fewer planned returned forms
	// than the minimum (100).
	ErrTooFewForms = errors.New("too few survey forms planned")
	// ErrTooFewCompetitorForms is a plan violation: fewer competitor forms
	// than the minimum (10).
	ErrTooFewCompetitorForms = errors.New("too few competitor forms planned")
	// ErrKeyCustomerMissing is a plan violation: a key customer is not
	// among the respondents.
	ErrKeyCustomerMissing = errors.New("key customer not surveyed")
)

// wrapped is a reason (a sentinel) with the text naming what was wrong,
// printed "csat: text: reason" like csat's own errors.
type wrapped struct {
	msg string
	err error
}

func (w *wrapped) Error() string { return "csat: " + w.msg + ": " + w.err.Error() }
func (w *wrapped) Unwrap() error { return w.err }

// errorf returns an error prefixed "csat: " that wraps the sentinel err.
func errorf(err error, format string, args ...any) error {
	return &wrapped{msg: fmt.Sprintf(format, args...), err: err}
}

// reason is what was wrong without the prefix: the reason inside a
// [csat.CustomerError], which prints "csat: " once.
type reason struct {
	msg string
	err error
}

func (r *reason) Error() string { return r.msg + ": " + r.err.Error() }
func (r *reason) Unwrap() error { return r.err }

// customerErrorf returns a [csat.CustomerError] for the customer id whose
// reason wraps the sentinel err.
func customerErrorf(id string, err error, format string, args ...any) error {
	return &csat.CustomerError{Customer: id, Err: &reason{msg: fmt.Sprintf(format, args...), err: err}}
}

// validName reports whether an id is non-empty UTF-8.
func validName(name string) bool { return name != "" && utf8.ValidString(name) }

// quoteShort quotes s for an error message: escaped, at most 40 bytes of
// it, with the length when cut.
func quoteShort(s string) string {
	const max = 40
	if len(s) <= max {
		return strconv.Quote(s)
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "… (" + strconv.Itoa(len(s)) + " bytes)"
}
