package analysis

import (
	"encoding/json"
	"errors"
	"math/big"
	"slices"
	"strconv"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
	"github.com/csatkit/csat/internal/exact"
	"github.com/csatkit/csat/internal/mathx"
	"github.com/csatkit/csat/internal/stats"
	"github.com/shopspring/decimal"
)

// A Comparison is a significance test of our figure against another
// (a competitor's, a previous period's). Its components are typed fields.
type Comparison struct {
	// Test names the test: "two-proportion z-test (pooled)" or "Welch's t-test".
	Test         string
	Ours, Theirs csat.Result
	// Difference is ours − theirs, exact.
	Difference csat.Result
	// Pooled is the pooled proportion of the z-test, exact (nil for
	// Welch's test).
	Pooled *csat.Result
	// SE is the standard error of the difference, to [csat.Precision] places
	// (zero when both sides have no variance).
	SE decimal.Decimal
	// Statistic is z or t; DF the degrees of freedom (Welch only).
	Statistic, DF decimal.Decimal
	// PValue is the two-sided p-value, in [0, 1], to [csat.Precision] places.
	PValue decimal.Decimal
	Alpha  decimal.Decimal
	// Significant is PValue < Alpha.
	Significant bool
	// Warnings say what makes the result weak (too few forms, …); they
	// are never hidden.
	Warnings []string
	formula  string
}

// Verdict returns "significant" or "not significant" at Alpha.
func (c Comparison) Verdict() string {
	if c.Significant {
		return "significant at α = " + c.Alpha.String()
	}
	return "not significant at α = " + c.Alpha.String()
}

// Explain returns the test with the numbers substituted.
func (c Comparison) Explain() string {
	s := c.Test + ": " + c.Ours.String() + " vs " + c.Theirs.String()
	if c.formula != "" {
		s += ", " + c.formula
	}
	s += ", p = " + c.PValue.Round(4).String() + ", " + c.Verdict()
	for _, w := range c.Warnings {
		s += "; warning: " + w
	}
	return s
}

// Equal reports whether c and u are the same comparison, field by field.
func (c Comparison) Equal(u Comparison) bool {
	pooled := (c.Pooled == nil) == (u.Pooled == nil) && (c.Pooled == nil || c.Pooled.Equal(*u.Pooled))
	return c.Test == u.Test && c.Ours.Equal(u.Ours) && c.Theirs.Equal(u.Theirs) && c.Difference.Equal(u.Difference) &&
		pooled && c.SE.Equal(u.SE) && c.Statistic.Equal(u.Statistic) && c.DF.Equal(u.DF) && c.PValue.Equal(u.PValue) &&
		c.Alpha.Equal(u.Alpha) && c.Significant == u.Significant && slices.Equal(c.Warnings, u.Warnings) && c.formula == u.formula
}

func alphaOr(a decimal.Decimal) (decimal.Decimal, error) {
	if a.IsZero() {
		return decimal.RequireFromString("0.05"), nil
	}
	if !a.IsPositive() || !a.LessThan(one) {
		return a, errorf(csat.ErrOutOfRange, "significance level α %s outside (0, 1)", a)
	}
	return a, nil
}

// CompareRates tests whether two proportions (satisfaction rates: k
// satisfied of n) differ: the pooled two-proportion z-test,
//
//	z = (p₁ − p₂) / √(p(1−p)(1/n₁ + 1/n₂))
//
// with p the pooled proportion, two-sided p-value 2(1 − Φ(|z|)). When p is
// 0 or 1 the rates are equal and the p-value is 1. alpha zero means 0.05.
// An empty proportion is [csat.ErrEmpty]; k > n [csat.ErrOutOfRange]. Use
// [csat.SatisfiedOf] to read a tally's rate as a proportion.
func CompareRates(ours, theirs csat.Proportion, alpha decimal.Decimal) (Comparison, error) {
	a, err := alphaOr(alpha)
	if err != nil {
		return Comparison{}, err
	}
	r1, err := ours.Result("rate")
	if err != nil {
		return Comparison{}, err
	}
	r2, err := theirs.Result("rate")
	if err != nil {
		return Comparison{}, err
	}
	diff, err := csat.Difference("difference", r1, r2)
	if err != nil {
		return Comparison{}, err
	}
	k := exact.Add(exact.Uint(ours.K), exact.Uint(theirs.K))
	n := exact.Add(exact.Uint(ours.N), exact.Uint(theirs.N))
	pooled, err := csat.FromRat("pooled rate", csat.Fraction, exact.Quo(k, n))
	if err != nil {
		return Comparison{}, err
	}
	pooled = pooled.WithFormula(func() string { return "(" + ours.String() + " + " + theirs.String() + " counts pooled)" }).
		In("zh", "合并满意率", func() string { return "（" + ours.String() + " 与 " + theirs.String() + " 合并计数）" })
	pool := pooled.Rat()
	varR := exact.Mul(exact.Mul(pool, exact.Sub(exact.Int(1), pool)), exact.Add(exact.Quo(exact.Int(1), exact.Uint(ours.N)), exact.Quo(exact.Int(1), exact.Uint(theirs.N))))
	c := Comparison{Test: testZ, Ours: r1, Theirs: r2, Difference: diff, Pooled: &pooled, Alpha: a}
	wp := int32(csat.Precision + 8)
	if varR.Sign() == 0 {
		c.PValue = one
	} else {
		v, _ := exact.Decimal(varR, wp)
		d, _ := exact.Decimal(diff.Rat(), wp)
		se := mathx.Sqrt(v, wp)
		c.SE = se.Round(csat.Precision)
		c.Statistic = d.DivRound(se, wp).Round(csat.Precision)
		c.PValue = twoSided(mathx.NormCDF(c.Statistic.Abs(), wp))
	}
	c.Significant = c.PValue.LessThan(a)
	pp, _ := exact.Decimal(pool, csat.DisplayPlaces+2)
	c.formula = "pooled rate " + pp.Shift(2).String() + "%, z = " + c.Statistic.Round(csat.DisplayPlaces+1).String()
	return c, nil
}

// twoSided returns the two-sided p-value 2(1 − F(|statistic|)) from the
// distribution function value cdf = F(|statistic|), kept within [0, 1]
// and rounded to Precision places.
func twoSided(cdf decimal.Decimal) decimal.Decimal {
	p := one.Sub(cdf).Mul(decimal.NewFromInt(2))
	return decimal.Min(decimal.Max(p, decimal.Zero), one).Round(csat.Precision)
}

// CompareDegrees tests whether two satisfaction degrees differ: Welch's
// t-test on the per-answer values points/full marks, with means m, sample
// variances s² and sizes n from the tallies,
//
//	t  = (m₁ − m₂) / √(s₁²/n₁ + s₂²/n₂)
//	df = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1))
//
// and a two-sided p-value from Student's t with df degrees of freedom.
// When both variances are 0 the p-value is 1 for equal means and 0
// otherwise (no statistic is computed). Fewer than two answers on either
// side is [csat.ErrTooFew]; a tally of more than 2⁶⁴ − 1 answers
// [csat.ErrOverflow]; alpha zero means 0.05.
func CompareDegrees(ours, theirs csat.Tally, alpha decimal.Decimal) (Comparison, error) {
	a, err := alphaOr(alpha)
	if err != nil {
		return Comparison{}, err
	}
	d1, err := csat.Degree{}.Score(ours)
	if err != nil {
		return Comparison{}, err
	}
	d2, err := csat.Degree{}.Score(theirs)
	if err != nil {
		return Comparison{}, err
	}
	n1, v1, err := answerStats(ours)
	if err != nil {
		return Comparison{}, errorf(err, "welch test: ours")
	}
	n2, v2, err := answerStats(theirs)
	if err != nil {
		return Comparison{}, errorf(err, "welch test: theirs")
	}
	diff, err := csat.Difference("difference", d1, d2)
	if err != nil {
		return Comparison{}, err
	}
	c := Comparison{Test: testWelch, Ours: d1, Theirs: d2, Difference: diff, Alpha: a}
	wp := int32(csat.Precision + 8)
	a1, a2 := exact.Quo(v1, exact.Uint(n1)), exact.Quo(v2, exact.Uint(n2))
	sum := exact.Add(a1, a2)
	if sum.Sign() == 0 {
		c.PValue = one
		if diff.Rat().Sign() != 0 {
			c.PValue = decimal.Zero
		}
	} else {
		dfr := exact.Quo(exact.Mul(sum, sum), exact.Add(
			exact.Quo(exact.Mul(a1, a1), exact.Uint(n1-1)), exact.Quo(exact.Mul(a2, a2), exact.Uint(n2-1))))
		c.DF, _ = exact.Decimal(dfr, csat.Precision)
		s, _ := exact.Decimal(sum, wp)
		d, _ := exact.Decimal(diff.Rat(), wp)
		se := mathx.Sqrt(s, wp)
		c.SE = se.Round(csat.Precision)
		c.Statistic = d.DivRound(se, wp).Round(csat.Precision)
		df, _ := exact.Decimal(dfr, wp)
		c.PValue = twoSided(mathx.TCDF(c.Statistic.Abs(), df, wp))
	}
	c.Significant = c.PValue.LessThan(a)
	c.formula = "t = " + c.Statistic.Round(csat.DisplayPlaces+1).String() + ", df = " + c.DF.Round(csat.DisplayPlaces).String()
	return c, nil
}

type comparisonJSON struct {
	Test        string          `json:"test"`
	Ours        csat.Result     `json:"ours"`
	Theirs      csat.Result     `json:"theirs"`
	Difference  csat.Result     `json:"difference"`
	Pooled      *csat.Result    `json:"pooled,omitempty"`
	SE          decimal.Decimal `json:"se"`
	Statistic   decimal.Decimal `json:"statistic"`
	DF          decimal.Decimal `json:"df"`
	PValue      decimal.Decimal `json:"p_value"`
	Alpha       decimal.Decimal `json:"alpha"`
	Significant bool            `json:"significant"`
	Warnings    []string        `json:"warnings,omitempty"`
	Formula     string          `json:"formula,omitempty"`
	Explain     string          `json:"explain"`
}

// MarshalJSON encodes the comparison with stable field names: test, ours,
// theirs, difference, pooled, se, statistic, df, p_value, alpha,
// significant, warnings, formula, explain (decimals as strings).
func (c Comparison) MarshalJSON() ([]byte, error) {
	return json.Marshal(comparisonJSON{Test: c.Test, Ours: c.Ours, Theirs: c.Theirs, Difference: c.Difference,
		Pooled: c.Pooled, SE: c.SE, Statistic: c.Statistic, DF: c.DF, PValue: c.PValue, Alpha: c.Alpha,
		Significant: c.Significant, Warnings: c.Warnings, Formula: c.formula, Explain: c.Explain()})
}

// UnmarshalJSON decodes what [Comparison.MarshalJSON] encodes, strictly:
// unknown, repeated or case-folded keys, trailing data, invalid UTF-8, a
// p-value outside [0, 1], a verdict that does not follow from the
// p-value and alpha, or an explanation that does not match are
// [csat.ErrCorrupt].
func (c *Comparison) UnmarshalJSON(data []byte) error {
	var j comparisonJSON
	if err := decodeStrict("comparison", data, &j); err != nil {
		return jsonError("comparison", err)
	}
	u := Comparison{Test: j.Test, Ours: j.Ours, Theirs: j.Theirs, Difference: j.Difference, Pooled: j.Pooled,
		SE: j.SE, Statistic: j.Statistic, DF: j.DF, PValue: j.PValue, Alpha: j.Alpha, Significant: j.Significant,
		Warnings: j.Warnings, formula: j.Formula}
	if u.PValue.IsNegative() || u.PValue.GreaterThan(one) || u.Significant != u.PValue.LessThan(u.Alpha) || u.Explain() != j.Explain {
		return errorf(csat.ErrCorrupt, "comparison %s: p-value, verdict or explanation inconsistent", quoteShort(j.Test))
	}
	*c = u
	return nil
}

// CompareOptions configures [CompareCompetitor] and [Trend].
type CompareOptions struct {
	// Alpha is the significance level; zero means 0.05.
	Alpha decimal.Decimal
	// MinCompetitorForms is the plan's minimum of competitor forms; zero
	// means 10 (METHOD.md §9). Fewer is a warning on the comparison.
	MinCompetitorForms uint64
}

// An ItemComparison compares us with the competitor on one item, or
// overall (Item "").
type ItemComparison struct {
	Item   string     `json:"item"`
	Rate   Comparison `json:"rate"`
	Degree Comparison `json:"degree"`
}

// CompareCompetitor compares the survey ([csat.SourceSurvey]) with the
// competitor ratings ([csat.SourceCompetitor]) per item and overall (all items
// merged, Item ""), rates by the z-test and degrees by Welch's t-test.
// An item rated by fewer competitor forms than the plan's minimum carries
// a warning (overall: the most competitor forms of any item). Items
// without both survey and competitor answers are skipped; none at all is
// [csat.ErrEmpty]. A test that cannot run for one item (fewer than two
// answers) is reported as a warning on that item, not hidden; an
// overflowing tally is [csat.ErrOverflow], never a warning.
func CompareCompetitor(t *csat.Table, opts *CompareOptions) ([]ItemComparison, error) {
	if t == nil || t.Scale() == nil {
		return nil, errorf(csat.ErrInvalid, "competitor comparison: table without scale (use NewTable)")
	}
	var o CompareOptions
	if opts != nil {
		o = *opts
	}
	if o.MinCompetitorForms == 0 {
		o.MinCompetitorForms = 10
	}
	var out []ItemComparison
	var maxForms uint64
	for _, it := range t.Items() {
		ours, theirs := cell(t, it, csat.SourceSurvey), cell(t, it, csat.SourceCompetitor)
		if empty(ours) || empty(theirs) {
			continue
		}
		nt, err := theirs.N()
		if err != nil {
			return nil, &csat.CellError{Item: it, Source: csat.SourceCompetitor, Err: err}
		}
		maxForms = max(maxForms, nt)
		ic, err := compareItem(it, ours, theirs, nt, o)
		if err != nil {
			return nil, &csat.Error{Part: "item", Name: it, Err: err}
		}
		out = append(out, ic)
	}
	if len(out) == 0 {
		return nil, errorf(csat.ErrEmpty, "competitor comparison: no item has both survey and competitor answers")
	}
	ours, err := t.Total(csat.SourceSurvey)
	if err != nil {
		return nil, err
	}
	theirs, err := t.Total(csat.SourceCompetitor)
	if err != nil {
		return nil, err
	}
	overall, err := compareItem("", ours, theirs, maxForms, o)
	if err != nil {
		return nil, err
	}
	return append([]ItemComparison{overall}, out...), nil
}

func compareItem(item string, ours, theirs csat.Tally, forms uint64, o CompareOptions) (ItemComparison, error) {
	ic := ItemComparison{Item: item}
	po, err := csat.SatisfiedOf(ours)
	if err != nil {
		return ic, err
	}
	pt, err := csat.SatisfiedOf(theirs)
	if err != nil {
		return ic, err
	}
	if ic.Rate, err = CompareRates(po, pt, o.Alpha); err != nil {
		return ic, err
	}
	if ic.Degree, err = CompareDegrees(ours, theirs, o.Alpha); err != nil {
		if !errors.Is(err, csat.ErrTooFew) {
			return ic, err
		}
		ic.Degree.Warnings = append(ic.Degree.Warnings, errs.Detail(err))
	}
	if forms < o.MinCompetitorForms {
		w := strconv.FormatUint(forms, 10) + " competitor forms, fewer than the plan's minimum of " + strconv.FormatUint(o.MinCompetitorForms, 10)
		ic.Rate.Warnings = append(ic.Rate.Warnings, w)
		ic.Degree.Warnings = append(ic.Degree.Warnings, w)
	}
	return ic, nil
}

// one is the decimal 1.
var one = decimal.NewFromInt(1)

// answerStats returns the number of answers and the sample variance (n −
// 1 divisor) of the per-answer degree points/full marks, exactly, from
// the counts. A total beyond 2⁶⁴ − 1 is [csat.ErrOverflow], fewer than
// two answers [csat.ErrTooFew].
func answerStats(t csat.Tally) (uint64, *big.Rat, error) {
	n, err := t.N()
	if err != nil {
		return 0, nil, err
	}
	if n < 2 {
		return n, nil, errorf(csat.ErrTooFew, "%d answers (at least 2 needed)", n)
	}
	s := t.Scale()
	levels := s.Levels()
	points := make([]decimal.Decimal, len(levels))
	for i, l := range levels {
		points[i] = l.Points
	}
	return n, stats.DegreeVariance(t.Counts(), points, s.FullMarks(), n), nil
}
