package analysis

import (
	"fmt"
	"reflect"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
	"github.com/csatkit/csat/internal/strictjson"
	"github.com/shopspring/decimal"
)

// errorf returns err (one of csat's sentinels, or a csat error) with
// context in front, "csat: context: reason", so errors.Is and errors.As
// match as for csat's own errors; the prefix is printed once.
func errorf(err error, format string, args ...any) error {
	return errs.New(err, fmt.Sprintf(format, args...)+": "+errs.Detail(err))
}

// quoteShort quotes s for an error message (at most 40 bytes of it).
func quoteShort(s string) string { return errs.QuoteShort(s) }

// strict is the strict JSON decoder of this package's types (see
// package csat's): errors wrap [csat.ErrCorrupt], a repeated key also
// [csat.ErrDuplicate], an overlong number also [csat.ErrOutOfRange];
// results, intervals and comparisons check their own JSON.
var strict = strictjson.Rules{Corrupt: csat.ErrCorrupt, Duplicate: csat.ErrDuplicate, OutOfRange: csat.ErrOutOfRange,
	Numbers: []reflect.Type{reflect.TypeFor[decimal.Decimal]()},
	Strict:  []reflect.Type{reflect.TypeFor[csat.Result](), reflect.TypeFor[csat.Interval](), reflect.TypeFor[Comparison]()}}

// decodeStrict decodes one JSON value into v strictly; what names the
// value in errors.
func decodeStrict(what string, data []byte, v any) error { return strict.Decode(what, data, v) }

// jsonError wraps a JSON decoding error: [csat.ErrCorrupt], or the csat
// error a nested decoder returned as it is.
func jsonError(what string, err error) error {
	if errs.Own(err) {
		return err
	}
	return errorf(csat.ErrCorrupt, "decode %s JSON: %v", what, err)
}
