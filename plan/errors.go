package plan

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
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

// errorf returns err (one of csat's sentinels, or a csat error) with
// context in front, "csat: context: reason", as csat's own errors are
// built (internal/errs): the prefix printed once.
func errorf(err error, format string, args ...any) error {
	return errs.New(err, fmt.Sprintf(format, args...)+": "+errs.Detail(err))
}

// customerErrorf returns a [csat.Error] of the customer id whose
// reason wraps the sentinel err.
func customerErrorf(id string, err error, format string, args ...any) error {
	return &csat.Error{Part: "customer", Name: id, Err: errorf(err, format, args...)}
}

// validName reports whether an id is non-empty UTF-8.
func validName(name string) bool { return name != "" && utf8.ValidString(name) }

// quoteShort quotes s for an error message: escaped, at most 40 bytes of
// it, with the length when cut.
func quoteShort(s string) string { return errs.QuoteShort(s) }
