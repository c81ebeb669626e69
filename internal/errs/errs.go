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
// text already holds the wrapped error's detail; package csat's own
// errors recognise it by Detail, so that an Error wrapped in one of them
// prints "csat: " once.
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

// Detail returns err's text without the "csat: " prefix when err is an
// error of one of csat's packages (one with a Detail method, as Error
// and package csat's typed errors have), and err.Error() otherwise.
func Detail(err error) string {
	if d, ok := err.(interface{ Detail() string }); ok {
		return d.Detail()
	}
	return err.Error()
}

// Own reports whether err is an error of one of csat's packages, one that
// prints the "csat: " prefix itself.
func Own(err error) bool {
	_, ok := err.(interface{ Detail() string })
	return ok
}
