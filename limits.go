package csat

import "github.com/shopspring/decimal"

// Limits on the decimals csat accepts as input (scores, weights, points,
// rates). Exact arithmetic costs time and memory in proportion to the
// digits involved, so a hostile value such as 1e1000000 would slow every
// computation after it; a value outside these limits is an error wrapping
// [ErrOutOfRange]. They are far beyond any score, weight or money amount:
// 1e-40 and 40-digit amounts pass.
const (
	// MaxDigits is the largest number of significant digits of an input
	// decimal.
	MaxDigits = 100
	// MaxExponent is the largest magnitude of an input decimal's
	// exponent: inputs lie between 1e-100 and 1e100 in magnitude (or are
	// 0).
	MaxExponent = 100
)

// inLimits reports whether d lies within the input limits.
func inLimits(d decimal.Decimal) bool {
	if d.IsZero() {
		return true
	}
	e := d.Exponent()
	return e <= MaxExponent && e >= -MaxExponent && d.NumDigits() <= MaxDigits && int64(e)+int64(d.NumDigits()) <= MaxExponent
}

// checkDecimal returns an error wrapping ErrOutOfRange, naming what, when
// d lies outside the input limits. Callers on hot paths test [inLimits]
// first, so that the name is built only for the error.
func checkDecimal(what string, d decimal.Decimal) error {
	if !inLimits(d) {
		e := d.Exponent()
		s := d.String()
		if len(s) > 40 {
			s = s[:20] + "…e" + decimal.NewFromInt(int64(e)).String()
		}
		return errorf(ErrOutOfRange, "%s %s outside the input limits (%d digits, exponent ±%d)", what, s, MaxDigits, MaxExponent)
	}
	return nil
}
