// Package errs holds what the error messages of csat and of its packages
// share: every error prints "csat: " once, then what was wrong, then the
// reason, whichever package returned it.
package errs

import (
	"strconv"
	"unicode/utf8"
)

// An Error is an error of one of csat's packages: its text without the
// "csat: " prefix, and the error it wraps (a sentinel of csat, or
// another csat error).
type Error struct {
	text string
	err  error
}

// New returns an Error that prints "csat: " + text and wraps err. The
// text already holds the wrapped error's detail ([Detail]), so that the
// prefix is printed once, by the outermost error.
func New(err error, text string) *Error { return &Error{text: text, err: err} }

// Error returns "csat: " + the text.
func (e *Error) Error() string { return "csat: " + e.text }

// Detail returns the text without the "csat: " prefix.
func (e *Error) Detail() string { return e.text }

// Unwrap returns the wrapped error.
func (e *Error) Unwrap() error { return e.err }

// QuoteShort quotes s for an error message: escaped, at most 40 bytes of
// it, with the length when cut.
func QuoteShort(s string) string {
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

// typedDetail gives the text without the prefix of package csat's typed
// errors (csat.Error, CellError, ParseError, WeightError), whose method
// for it is unexported. Package csat registers it once, in its init, before
// any of its packages (they all import it) can return an error; it is
// never changed after.
var typedDetail func(error) (string, bool)

// RegisterTyped registers package csat's detail function (see
// typedDetail). It is called once, by csat's init.
func RegisterTyped(f func(error) (string, bool)) { typedDetail = f }

// Detail returns err's text without the "csat: " prefix when err is an
// error of one of csat's packages (an Error, or one of package csat's
// typed errors), and err.Error() otherwise. It never edits text: each
// error type knows its text without the prefix.
func Detail(err error) string {
	if s, ok := detail(err); ok {
		return s
	}
	return err.Error()
}

// Own reports whether err is an error of one of csat's packages, one that
// prints the "csat: " prefix itself.
func Own(err error) bool {
	_, ok := detail(err)
	return ok
}

func detail(err error) (string, bool) {
	if d, ok := err.(interface{ Detail() string }); ok {
		return d.Detail(), true
	}
	if typedDetail != nil {
		return typedDetail(err)
	}
	return "", false
}
