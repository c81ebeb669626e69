// Package enum is the one mechanism behind every enumerated type of csat
// and its packages: a list of text names indexed by the type's values.
// String, MarshalText and UnmarshalText of an enum all go through it, so
// the text a value prints is the text it marshals to and parses from
// (as log/slog.Level's do).
package enum

import (
	"strconv"
	"strings"
)

// An Errorf builds the error of a bad value or name: it wraps the
// sentinel err with a message made from format and args. Each module
// passes its own (csat's adds the "csat: " prefix once).
type Errorf func(err error, format string, args ...any) error

// Names are the names of the values 0, 1, … of the enum type T. A value
// without a name ("" in the list, or past its end) is not valid.
type Names[T ~int | ~int8 | ~int16 | ~int32 | ~uint8 | ~uint16 | ~uint32] struct {
	typ, what string
	first     int64 // the value of names[0]
	names     []string
	invalid   error
	errorf    Errorf
}

// New returns the names of T: typ is the Go type's name (for the String
// of a value without a name, "Typ(7)"), what the noun used in errors
// ("status"), invalid the sentinel that errors wrap, errorf the module's
// error builder, names the names of 0, 1, ….
func New[T ~int | ~int8 | ~int16 | ~int32 | ~uint8 | ~uint16 | ~uint32](typ, what string, invalid error, errorf Errorf, names ...string) Names[T] {
	return Names[T]{typ: typ, what: what, names: names, invalid: invalid, errorf: errorf}
}

// From returns the names with names[0] naming the value first instead of
// 0, for an enum with negative values (a direction of -1 and +1).
func (n Names[T]) From(first T) Names[T] {
	n.first = int64(first)
	return n
}

// Name returns v's name and whether it has one.
func (n Names[T]) Name(v T) (string, bool) {
	i := int64(v) - n.first
	if i < 0 || i >= int64(len(n.names)) || n.names[i] == "" {
		return "", false
	}
	return n.names[i], true
}

// String returns v's name, or "Typ(v)" for a value without one.
func (n Names[T]) String(v T) string {
	if s, ok := n.Name(v); ok {
		return s
	}
	return n.typ + "(" + strconv.FormatInt(int64(v), 10) + ")"
}

// MarshalText returns v's name, or an error wrapping the sentinel for a
// value without one.
func (n Names[T]) MarshalText(v T) ([]byte, error) {
	if s, ok := n.Name(v); ok {
		return []byte(s), nil
	}
	return nil, n.errorf(n.invalid, "%s %d has no name", n.what, int64(v))
}

// Parse returns the value named s, or an error wrapping the sentinel that
// quotes s (at most 64 bytes of it) and lists the names.
func (n Names[T]) Parse(s string) (T, error) {
	for i, name := range n.names {
		if name != "" && name == s {
			return T(int64(i) + n.first), nil //nolint:gosec // a value of T has this name, so it fits
		}
	}
	if len(s) > 64 {
		s = s[:64] + "…"
	}
	return 0, n.errorf(n.invalid, "unknown %s %q (want %s)", n.what, s, strings.Join(n.Texts(), ", "))
}

// UnmarshalText sets *v to the value named text; on error *v is
// unchanged.
func (n Names[T]) UnmarshalText(text []byte, v *T) error {
	x, err := n.Parse(string(text))
	if err == nil {
		*v = x
	}
	return err
}

// Texts returns the names, in the order of their values.
func (n Names[T]) Texts() []string {
	var ts []string
	for _, name := range n.names {
		if name != "" {
			ts = append(ts, name)
		}
	}
	return ts
}

// Values returns the values that have a name, in order.
func (n Names[T]) Values() []T {
	var vs []T
	for i, name := range n.names {
		if name != "" {
			vs = append(vs, T(int64(i)+n.first)) //nolint:gosec // a value of T has this name, so it fits
		}
	}
	return vs
}
