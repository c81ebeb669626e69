package analysis

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
)

// errorf returns err (one of csat's sentinels, or a csat error) with
// context in front, "csat: context: reason", so errors.Is and errors.As
// match as for csat's own errors; the prefix is printed once.
func errorf(err error, format string, args ...any) error {
	return errs.New(err, fmt.Sprintf(format, args...)+": "+errs.Detail(err))
}

// quoteShort quotes s for an error message (at most 40 bytes of it).
func quoteShort(s string) string { return errs.QuoteShort(s) }

// decodeStrict decodes one JSON value into v, rejecting unknown fields
// and trailing data.
func decodeStrict(data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return errorf(csat.ErrCorrupt, "trailing data after JSON value")
	}
	return nil
}

// jsonError wraps a JSON decoding error: [csat.ErrCorrupt], or the csat
// error a nested decoder returned as it is.
func jsonError(what string, err error) error {
	if errs.Own(err) {
		return err
	}
	return errorf(csat.ErrCorrupt, "decode %s JSON: %v", what, err)
}
