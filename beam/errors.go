package csatbeam

import (
	"errors"
	"fmt"
)

// reason is what was wrong, in words, wrapping the library's sentinel for
// errors.Is. It prints without a prefix: it is the reason inside a
// [csat.ParseError] or [csat.CellError], which print "csat: " once.
type reason struct {
	msg string
	err error
}

func (r *reason) Error() string { return r.msg + ": " + r.err.Error() }
func (r *reason) Unwrap() error { return r.err }

// reasonf returns a reason wrapping the sentinel err.
func reasonf(err error, format string, args ...any) error {
	return &reason{msg: fmt.Sprintf(format, args...), err: err}
}

// opError is an error of one of the package's transforms: "csatbeam: op:
// reason".
type opError struct {
	op  string
	err error
}

func (e *opError) Error() string { return "csatbeam: " + e.op + ": " + e.err.Error() }
func (e *opError) Unwrap() error { return e.err }

// errPanic is the reason of a report whose [InputFunc] or scorer
// panicked: the key fails with the panic's value, the job goes on.
var errPanic = errors.New("panic while building the report")
