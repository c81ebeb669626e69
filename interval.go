package csat

import (
	"github.com/csatkit/csat/internal/mathx"
	"github.com/shopspring/decimal"
)

// An Interval is a confidence interval around an estimate. Its bounds
// involve square roots and normal or t quantiles, so they are computed to
// [Precision] places (internal/mathx, checked against published values)
// and rounded half away from zero; they are never exact.
type Interval struct {
	// Method names the interval: "Wald", "adjusted Wald", "Wilson", "t".
	Method string
	// Level is the confidence level, e.g. 0.95.
	Level decimal.Decimal
	// Estimate is the point estimate the interval is built around (for
	// the adjusted Wald interval, the adjusted estimate).
	Estimate Result
	// Low and High are the bounds.
	Low, High decimal.Decimal
	formula   func() string
}

// Contains reports whether x lies in [Low, High].
func (iv Interval) Contains(x decimal.Decimal) bool {
	return !x.LessThan(iv.Low) && !x.GreaterThan(iv.High)
}

// Width returns High − Low.
func (iv Interval) Width() decimal.Decimal { return iv.High.Sub(iv.Low) }

// String prints the bounds at [DisplayPlaces], as a percentage for a
// [Fraction] estimate: "[8.89%, 35.31%]", "[-2.93, 21.98]".
func (iv Interval) String() string {
	f := func(d decimal.Decimal) string {
		if iv.Estimate.kind == Fraction {
			return d.Shift(2).Round(DisplayPlaces).String() + "%"
		}
		return d.Round(DisplayPlaces).String()
	}
	return "[" + f(iv.Low) + ", " + f(iv.High) + "]"
}

// Explain returns the interval's derivation with the numbers substituted.
func (iv Interval) Explain() string {
	s := iv.Method + " " + iv.Level.Shift(2).String() + "% interval"
	if iv.formula != nil {
		s += " = " + iv.formula()
	}
	return s + " = " + iv.String()
}

// zFor returns the two-sided normal quantile z(1 − (1 − level)/2), and an
// error wrapping [ErrOutOfRange] unless 0 < level < 1. A zero level means
// 0.95.
func zFor(level decimal.Decimal) (decimal.Decimal, decimal.Decimal, error) {
	if level.IsZero() {
		level = decimal.RequireFromString("0.95")
	}
	if !level.IsPositive() || !level.LessThan(decimal.NewFromInt(1)) {
		return decimal.Zero, level, errorf(ErrOutOfRange, "confidence level %s outside (0, 1)", level)
	}
	p := decimal.NewFromInt(1).Sub(decimal.NewFromInt(1).Sub(level).Mul(decimal.New(5, -1)))
	return mathx.NormQuantile(p, Precision+4), level, nil
}

// approx returns an inexact result of value v computed to Precision places.
func approx(label string, kind Kind, v decimal.Decimal, formula func() string, parts []Result) Result {
	v = v.Round(Precision)
	return Result{label: label, kind: kind, value: v, num: v, den: decimal.NewFromInt(1), inexact: true, formula: formula, parts: parts}
}
