package csat

import (
	"encoding/json"
	"math/big"

	"github.com/csatkit/csat/internal/exact"
	"github.com/csatkit/csat/internal/mathx"
	"github.com/csatkit/csat/internal/stats"
	"github.com/shopspring/decimal"
)

// An Interval is a confidence interval around an estimate. Its bounds
// involve square roots and normal or t quantiles, so they are computed to
// [Precision] places (internal/mathx, checked against published values)
// and rounded half away from zero; they are never exact. Its components
// are typed fields, so nothing needs to be read back from the
// explanation.
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
	// Quantile is the quantile used: z for Wald and Wilson, t for the t
	// interval.
	Quantile decimal.Decimal
	// DF is the degrees of freedom of the t interval (zero otherwise).
	DF decimal.Decimal
	// Variance is the variance of the estimate the interval uses, to
	// [Precision] places: p(1−p)/n for Wilson, s²/n for t, and for an
	// NPS (p + d − (p − d)²)/n in shares (×100² for points).
	Variance decimal.Decimal
	formula  string
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
	lv := iv.Level.Shift(2)
	shown := lv.Round(DisplayPlaces)
	s := iv.Method + " " + shown.String() + "% interval"
	if !shown.Equal(lv) {
		s = iv.Method + " ≈" + shown.String() + "% interval"
	}
	if iv.formula != "" {
		s += " = " + iv.formula
	}
	return s + " = " + iv.String()
}

// Equal reports whether iv and u are the same interval, field by field
// (decimals by value) and explanation.
func (iv Interval) Equal(u Interval) bool {
	return iv.Method == u.Method && iv.Level.Equal(u.Level) && iv.Estimate.Equal(u.Estimate) &&
		iv.Low.Equal(u.Low) && iv.High.Equal(u.High) && iv.Quantile.Equal(u.Quantile) && iv.DF.Equal(u.DF) &&
		iv.Variance.Equal(u.Variance) && iv.formula == u.formula
}

// A Confidence says how confident an interval is: by its level (0.95) or
// directly by the two-sided normal quantile z (1.96). Give one of the
// two; the zero Confidence means the level 0.95. With Z set, the level
// printed is 2Φ(z) − 1 (computed to [Precision] places).
type Confidence struct {
	// Level is the confidence level, in (0, 1).
	Level decimal.Decimal
	// Z is the two-sided normal quantile, positive.
	Z decimal.Decimal
}

// resolve returns z and the level of c. Both set, a level outside (0, 1)
// or a z that is not positive is an error wrapping [ErrOutOfRange] or
// [ErrInvalid].
func (c Confidence) resolve() (z, level decimal.Decimal, err error) {
	switch {
	case !c.Z.IsZero() && !c.Level.IsZero():
		return z, level, errorf(ErrInvalid, "confidence: give a level (%s) or a z (%s), not both", c.Level, c.Z)
	case !c.Z.IsZero():
		if !c.Z.IsPositive() || c.Z.GreaterThan(decimal.NewFromInt(40)) {
			return z, level, errorf(ErrOutOfRange, "confidence: z %s outside (0, 40]", c.Z)
		}
		two := decimal.NewFromInt(2)
		return c.Z, mathx.NormCDF(c.Z, Precision+4).Mul(two).Sub(decimal.NewFromInt(1)).Round(Precision), nil
	}
	return zFor(c.Level)
}

// zFor returns the two-sided normal quantile z(1 − (1 − level)/2), and an
// error wrapping [ErrOutOfRange] unless 0 < level < 1. A zero level means
// 0.95.
func zFor(level decimal.Decimal) (decimal.Decimal, decimal.Decimal, error) {
	level, err := checkLevel(level)
	if err != nil {
		return decimal.Zero, level, err
	}
	return mathx.TwoSidedZ(level, Precision+4), level, nil
}

// checkLevel returns level (0.95 for zero), and an error wrapping
// [ErrOutOfRange] unless 0 < level < 1.
func checkLevel(level decimal.Decimal) (decimal.Decimal, error) {
	if level.IsZero() {
		level = decimal.RequireFromString("0.95")
	}
	if !level.IsPositive() || !level.LessThan(decimal.NewFromInt(1)) {
		return level, errorf(ErrOutOfRange, "confidence level %s outside (0, 1)", level)
	}
	return level, nil
}

// level returns the level of c as resolve does, without computing the
// normal quantile of a level (the t interval does not use it).
func (c Confidence) level() (decimal.Decimal, error) {
	if c.Z.IsZero() {
		return checkLevel(c.Level)
	}
	_, lv, err := c.resolve()
	return lv, err
}

// Wilson returns the Wilson score interval for the proportion p (k
// satisfied answers of n) at confidence c (the zero Confidence is 95%):
//
//	centre = (p + z²/2n) / (1 + z²/n)
//	half   = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n)
//
// It stays within [0, 1] and works for 0/n and n/n. Reference: 6/32 →
// [0.08890, 0.35309]; 7/50 → [0.0695, 0.2619]. n = 0 is [ErrEmpty]; k > n
// is [ErrOutOfRange].
func Wilson(p Proportion, c Confidence) (Interval, error) {
	est, err := p.Result("rate")
	if err != nil {
		return Interval{}, err
	}
	z, lv, err := c.resolve()
	if err != nil {
		return Interval{}, err
	}
	return wilson(est, decimal.NewFromUint64(p.K), decimal.NewFromUint64(p.N), z, lv), nil
}

func wilson(est Result, K, N, z, level decimal.Decimal) Interval {
	wp := int32(Precision + 8)
	p := K.DivRound(N, wp)
	z2 := z.Mul(z)
	denom := one.Add(z2.DivRound(N, wp))
	centre := p.Add(z2.DivRound(N.Mul(decimal.NewFromInt(2)), wp)).DivRound(denom, wp)
	variance := p.Mul(one.Sub(p)).DivRound(N, wp)
	inner := variance.Add(z2.DivRound(N.Mul(N).Mul(decimal.NewFromInt(4)), wp))
	half := z.Mul(mathx.Sqrt(inner, wp)).DivRound(denom, wp)
	lo := decimal.Max(centre.Sub(half), decimal.Zero).Round(Precision)
	hi := decimal.Min(centre.Add(half), one).Round(Precision)
	return Interval{Method: "Wilson", Level: level, Estimate: est, Low: lo, High: hi,
		Quantile: z.Round(Precision), Variance: variance.Round(Precision),
		formula: "centre " + centre.Shift(2).Round(DisplayPlaces).String() + "% ± " + half.Shift(2).Round(DisplayPlaces).String() +
			"% (z " + z.Round(DisplayPlaces+1).String() + ", n " + N.String() + ")"}
}

// RateInterval returns the Wilson interval of the satisfaction rate of t
// at confidence c.
func RateInterval(t Tally, c Confidence) (Interval, error) {
	est, err := Rate{}.Score(t)
	if err != nil {
		return Interval{}, err
	}
	z, lv, err := c.resolve()
	if err != nil {
		return Interval{}, err
	}
	return wilson(est, est.num, est.den, z, lv), nil
}

// answerStats returns the number of answers and the sample variance (n −
// 1 divisor) of the per-answer degree points/full marks, exactly, from
// the counts. A total beyond 2⁶⁴ − 1 is [ErrOverflow], fewer than two
// answers [ErrTooFew].
func answerStats(t Tally) (n uint64, variance *big.Rat, err error) {
	if n, err = t.N(); err != nil {
		return 0, nil, err
	}
	if n < 2 {
		return n, nil, errorf(ErrTooFew, "%d answers (at least 2 needed)", n)
	}
	points := make([]decimal.Decimal, len(t.scale.levels))
	for i, l := range t.scale.levels {
		points[i] = l.Points
	}
	return n, stats.DegreeVariance(t.counts[:], points, t.scale.fullMarks, n), nil
}

// DegreeInterval returns a t-interval for the satisfaction degree of t at
// confidence c: each answer is a value points/full marks, whose mean is
// the degree and whose sample variance s² follows from the counts; the
// interval is degree ± t(n−1)·s/√n, kept within [0, 1]. Fewer than two
// answers is [ErrTooFew]; more than 2⁶⁴ − 1 (after merges) [ErrOverflow].
// A confidence given as z is turned into its level for the t quantile.
func DegreeInterval(t Tally, c Confidence) (Interval, error) {
	est, err := Degree{}.Score(t)
	if err != nil {
		return Interval{}, err
	}
	lv, err := c.level()
	if err != nil {
		return Interval{}, err
	}
	n, variance, err := answerStats(t)
	if err != nil {
		return Interval{}, errorf(err, "degree interval")
	}
	wp := int32(Precision + 8)
	p := one.Sub(one.Sub(lv).Mul(decimal.New(5, -1)))
	df := decimal.NewFromUint64(n - 1)
	tq := mathx.TQuantile(p, df, wp)
	v, _ := exact.Decimal(variance, wp)
	vn := v.DivRound(decimal.NewFromUint64(n), wp)
	se := mathx.Sqrt(vn, wp)
	m := est.Round(wp)
	lo := decimal.Max(m.Sub(tq.Mul(se)), decimal.Zero).Round(Precision)
	hi := decimal.Min(m.Add(tq.Mul(se)), one).Round(Precision)
	return Interval{Method: "t", Level: lv, Estimate: est, Low: lo, High: hi,
		Quantile: tq.Round(Precision), DF: df, Variance: vn.Round(Precision),
		formula: est.String() + " ± " + tq.Round(DisplayPlaces+1).String() + "×" + se.Shift(2).Round(DisplayPlaces).String() +
			"% (t with " + df.String() + " df, s/√n)"}, nil
}

type intervalJSON struct {
	Method   string          `json:"method"`
	Level    decimal.Decimal `json:"level"`
	Estimate Result          `json:"estimate"`
	Low      decimal.Decimal `json:"low"`
	High     decimal.Decimal `json:"high"`
	Quantile decimal.Decimal `json:"quantile"`
	DF       decimal.Decimal `json:"df"`
	Variance decimal.Decimal `json:"variance"`
	Formula  string          `json:"formula,omitempty"`
	Display  string          `json:"display"`
	Explain  string          `json:"explain"`
}

// MarshalJSON encodes the interval with stable field names: method,
// level, estimate, low, high, quantile, df, variance, formula, display,
// explain (decimals as strings).
func (iv Interval) MarshalJSON() ([]byte, error) {
	return json.Marshal(intervalJSON{Method: iv.Method, Level: iv.Level, Estimate: iv.Estimate,
		Low: iv.Low, High: iv.High, Quantile: iv.Quantile, DF: iv.DF, Variance: iv.Variance,
		Formula: iv.formula, Display: iv.String(), Explain: iv.Explain()})
}

// UnmarshalJSON decodes what [Interval.MarshalJSON] encodes, strictly:
// unknown, repeated or case-folded keys, trailing data, invalid UTF-8,
// Low above High, or a display or explanation that does not match the
// values are [ErrCorrupt]; a decimal of more than 128 characters or with
// an exponent beyond ±128 is also [ErrOutOfRange].
func (iv *Interval) UnmarshalJSON(data []byte) error {
	var j intervalJSON
	if err := decodeStrict("interval", data, &j); err != nil {
		return jsonError("interval", err)
	}
	u := Interval{Method: j.Method, Level: j.Level, Estimate: j.Estimate, Low: j.Low, High: j.High,
		Quantile: j.Quantile, DF: j.DF, Variance: j.Variance, formula: j.Formula}
	if u.Low.GreaterThan(u.High) || u.String() != j.Display || u.Explain() != j.Explain {
		return errorf(ErrCorrupt, "interval %s: bounds, display or explanation inconsistent", quoteShort(j.Method))
	}
	*iv = u
	return nil
}
