package csat

import (
	"cmp"
	"encoding/json"
	"errors"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/csatkit/csat/internal/exact"
	"github.com/csatkit/csat/internal/mathx"
	"github.com/shopspring/decimal"
)

// A DissatisfiedCell counts the dissatisfied answers (levels that do not
// count as satisfied: 不满意 and 很不满意 on the point scale) of one item
// and source (METHOD.md §10).
type DissatisfiedCell struct {
	Item   string `json:"item"`
	Source string `json:"source"`
	Count  uint64 `json:"count"`
	N      uint64 `json:"n"`
	Share  Result `json:"share"` // Count / N, a Fraction
}

// Dissatisfied returns the dissatisfied answers of every cell of the
// table, in item then source order.
func Dissatisfied(t *Table) []DissatisfiedCell {
	var out []DissatisfiedCell
	for _, c := range t.Cells() {
		tl := t.tally(c)
		var k uint64
		for i, l := range t.scale.levels {
			if !l.Satisfied {
				k += tl.counts[i]
			}
		}
		n, _ := tl.N()
		cell := DissatisfiedCell{Item: c.Item, Source: c.Source, Count: k, N: n}
		if n > 0 {
			K, N := decimal.NewFromUint64(k), decimal.NewFromUint64(n)
			cell.Share = newResult("dissatisfied share", Fraction, K, N, func() string { return K.String() + " / " + N.String() }, nil)
		}
		out = append(out, cell)
	}
	return out
}

// A ParetoEntry is one item of a Pareto ordering of dissatisfaction.
type ParetoEntry struct {
	Item       string `json:"item"`
	Count      uint64 `json:"count"`
	Share      Result `json:"share"`      // of all dissatisfied answers of the source
	Cumulative Result `json:"cumulative"` // running total of Share; the last is 100%
}

// Pareto orders the items of one source by their dissatisfied answers,
// most first (ties by item), with each item's share of all dissatisfied
// answers and the cumulative share, the main areas of dissatisfaction
// first. Items without dissatisfied answers are left out; no dissatisfied
// answers at all gives an empty list.
func Pareto(t *Table, source string) []ParetoEntry {
	var cells []DissatisfiedCell
	var total uint64
	for _, c := range Dissatisfied(t) {
		if c.Source == source && c.Count > 0 {
			cells = append(cells, c)
			total += c.Count
		}
	}
	slices.SortStableFunc(cells, func(a, b DissatisfiedCell) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Item, b.Item))
	})
	T := decimal.NewFromUint64(total)
	var out []ParetoEntry
	var run uint64
	for _, c := range cells {
		run += c.Count
		K, R := decimal.NewFromUint64(c.Count), decimal.NewFromUint64(run)
		out = append(out, ParetoEntry{Item: c.Item, Count: c.Count,
			Share:      newResult("share", Fraction, K, T, func() string { return K.String() + " / " + T.String() }, nil),
			Cumulative: newResult("cumulative", Fraction, R, T, func() string { return R.String() + " / " + T.String() }, nil)})
	}
	return out
}

// A Gap compares the self-assessment with the survey for one item:
// positive differences mean the sales staff rate the item higher than the
// customers do, a problem they may be blind to.
type Gap struct {
	Item         string `json:"item"`
	SelfDegree   Result `json:"self_degree"`
	SurveyDegree Result `json:"survey_degree"`
	SelfRate     Result `json:"self_rate"`
	SurveyRate   Result `json:"survey_rate"`
	DegreeGap    Result `json:"degree_gap"` // self − survey, exact
	RateGap      Result `json:"rate_gap"`   // self − survey, exact
}

// Gaps returns the self-assessment minus survey gap for every item that
// has both, largest degree gap first (ties by item).
func Gaps(t *Table) []Gap {
	var out []Gap
	for _, it := range t.Items() {
		self, survey := t.tally(Cell{it, SourceSelf}), t.tally(Cell{it, SourceSurvey})
		sd, e1 := Degree{}.Score(self)
		vd, e2 := Degree{}.Score(survey)
		if e1 != nil || e2 != nil {
			continue
		}
		sr, _ := Rate{}.Score(self)
		vr, _ := Rate{}.Score(survey)
		out = append(out, Gap{Item: it, SelfDegree: sd, SurveyDegree: vd, SelfRate: sr, SurveyRate: vr,
			DegreeGap: difference("degree gap", sd, vd), RateGap: difference("rate gap", sr, vr)})
	}
	slices.SortStableFunc(out, func(a, b Gap) int {
		return cmp.Or(b.DegreeGap.Rat().Cmp(a.DegreeGap.Rat()), strings.Compare(a.Item, b.Item))
	})
	return out
}

// difference returns a − b exactly.
func difference(label string, a, b Result) Result {
	return ratResult(label, a.kind, exact.Sub(a.Rat(), b.Rat()), func() string {
		return a.String() + " − " + b.String()
	}, nil)
}

// ActionKind says whether an action corrects a found problem or prevents
// one.
type ActionKind uint8

// Action kinds.
const (
	Corrective ActionKind = iota + 1 // 纠正措施
	Preventive                       // 预防措施
)

// ActionStatus is how far an action has got.
type ActionStatus uint8

// Action statuses.
const (
	Planned ActionStatus = iota + 1
	InProgress
	Done
	Verified
)

// An Action is a corrective or preventive action attached to an item
// (METHOD.md §10): the cause found, what is done, who owns it, when it is
// due and how far it is.
type Action struct {
	Item   string       `json:"item"`
	Kind   ActionKind   `json:"kind"`
	Cause  string       `json:"cause"`
	Action string       `json:"action"`
	Owner  string       `json:"owner"`
	Due    time.Time    `json:"due"`
	Status ActionStatus `json:"status"`
}

// Validate checks an action: an item, an action text and an owner
// ([ErrMissing]), a known kind and status ([ErrInvalid]).
func (a Action) Validate() error {
	switch {
	case a.Item == "":
		return errorf(ErrMissing, "action: no item")
	case a.Action == "":
		return errorf(ErrMissing, "action for %q: no action text", a.Item)
	case a.Owner == "":
		return errorf(ErrMissing, "action for %q: no owner", a.Item)
	case a.Kind < Corrective || a.Kind > Preventive:
		return errorf(ErrInvalid, "action for %q: kind %d", a.Item, a.Kind)
	case a.Status < Planned || a.Status > Verified:
		return errorf(ErrInvalid, "action for %q: status %d", a.Item, a.Status)
	}
	return nil
}

// A Comparison is a significance test of our figure against another
// (a competitor's, a previous period's).
type Comparison struct {
	// Test names the test: "two-proportion z-test (pooled)" or "Welch's t-test".
	Test         string
	Ours, Theirs Result
	// Difference is ours − theirs, exact.
	Difference Result
	// Statistic is z or t; DF the degrees of freedom (Welch only).
	Statistic, DF decimal.Decimal
	// PValue is the two-sided p-value, in [0, 1], to [Precision] places.
	PValue decimal.Decimal
	Alpha  decimal.Decimal
	// Significant is PValue < Alpha.
	Significant bool
	// Warnings say what makes the result weak (too few forms, …); they
	// are never hidden.
	Warnings []string
	formula  func() string
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
	if c.formula != nil {
		s += ", " + c.formula()
	}
	s += ", p = " + c.PValue.Round(4).String() + ", " + c.Verdict()
	for _, w := range c.Warnings {
		s += "; warning: " + w
	}
	return s
}

func alphaOr(a decimal.Decimal) (decimal.Decimal, error) {
	if a.IsZero() {
		return decimal.RequireFromString("0.05"), nil
	}
	if !a.IsPositive() || !a.LessThan(decimal.NewFromInt(1)) {
		return a, errorf(ErrOutOfRange, "significance level α %s outside (0, 1)", a)
	}
	return a, nil
}

// CompareRates tests whether two satisfaction rates differ: the pooled
// two-proportion z-test, z = (p₁ − p₂) / √(p(1−p)(1/n₁ + 1/n₂)) with p the
// pooled rate, two-sided p-value 2(1 − Φ(|z|)). When p is 0 or 1 the rates
// are equal and the p-value is 1. alpha zero means 0.05. An empty tally is
// [ErrEmpty].
func CompareRates(ours, theirs Tally, alpha decimal.Decimal) (Comparison, error) {
	a, r1, r2, err := scorePair(Rate{}, ours, theirs, alpha)
	if err != nil {
		return Comparison{}, err
	}
	wp := int32(Precision + 8)
	n1, n2 := r1.den, r2.den
	pool := exact.Quo(exact.Add(r1.num.Rat(), r2.num.Rat()), exact.Add(n1.Rat(), n2.Rat()))
	varR := exact.Mul(exact.Mul(pool, exact.Sub(exact.Int(1), pool)), exact.Add(exact.Quo(exact.Int(1), n1.Rat()), exact.Quo(exact.Int(1), n2.Rat())))
	c := Comparison{Test: "two-proportion z-test (pooled)", Ours: r1, Theirs: r2, Difference: difference("difference", r1, r2), Alpha: a}
	diff := exact.Sub(r1.Rat(), r2.Rat())
	if varR.Sign() == 0 {
		c.PValue = decimal.NewFromInt(1)
	} else {
		v, _ := exact.Decimal(varR, wp)
		d, _ := exact.Decimal(diff, wp)
		c.Statistic = d.DivRound(mathx.Sqrt(v, wp), wp).Round(Precision)
		c.PValue = twoSided(mathx.NormCDF(c.Statistic.Abs(), wp))
	}
	c.Significant = c.PValue.LessThan(a)
	pp, _ := exact.Decimal(pool, DisplayPlaces+2)
	c.formula = func() string {
		return "pooled rate " + pp.Shift(2).String() + "%, z = " + c.Statistic.Round(DisplayPlaces+1).String()
	}
	return c, nil
}

// scorePair checks alpha (zero: 0.05) and scores both tallies.
func scorePair(s Scorer, ours, theirs Tally, alpha decimal.Decimal) (a decimal.Decimal, r1, r2 Result, err error) {
	if a, err = alphaOr(alpha); err != nil {
		return
	}
	if r1, err = s.Score(ours); err != nil {
		return
	}
	r2, err = s.Score(theirs)
	return
}

// twoSided returns the two-sided p-value 2(1 − F(|statistic|)) from the
// distribution function value cdf = F(|statistic|), kept within [0, 1]
// and rounded to Precision places.
func twoSided(cdf decimal.Decimal) decimal.Decimal {
	one := decimal.NewFromInt(1)
	p := one.Sub(cdf).Mul(decimal.NewFromInt(2))
	return decimal.Min(decimal.Max(p, decimal.Zero), one).Round(Precision)
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
// side is [ErrTooFew]; alpha zero means 0.05.
func CompareDegrees(ours, theirs Tally, alpha decimal.Decimal) (Comparison, error) {
	a, d1, d2, err := scorePair(Degree{}, ours, theirs, alpha)
	if err != nil {
		return Comparison{}, err
	}
	n1, _, v1, err := answerStats(ours)
	if err != nil {
		return Comparison{}, errorf(ErrTooFew, "welch test: ours has %d answers (at least 2 needed)", n1)
	}
	n2, _, v2, err := answerStats(theirs)
	if err != nil {
		return Comparison{}, errorf(ErrTooFew, "welch test: theirs has %d answers (at least 2 needed)", n2)
	}
	c := Comparison{Test: "Welch's t-test", Ours: d1, Theirs: d2, Difference: difference("difference", d1, d2), Alpha: a}
	wp := int32(Precision + 8)
	a1, a2 := exact.Quo(v1, exact.Uint(n1)), exact.Quo(v2, exact.Uint(n2))
	sum := exact.Add(a1, a2)
	diff := exact.Sub(d1.Rat(), d2.Rat())
	if sum.Sign() == 0 {
		c.PValue = decimal.NewFromInt(1)
		if diff.Sign() != 0 {
			c.PValue = decimal.Zero
		}
	} else {
		dfr := exact.Quo(exact.Mul(sum, sum), exact.Add(
			exact.Quo(exact.Mul(a1, a1), exact.Uint(n1-1)), exact.Quo(exact.Mul(a2, a2), exact.Uint(n2-1))))
		c.DF, _ = exact.Decimal(dfr, Precision)
		s, _ := exact.Decimal(sum, wp)
		d, _ := exact.Decimal(diff, wp)
		c.Statistic = d.DivRound(mathx.Sqrt(s, wp), wp).Round(Precision)
		df, _ := exact.Decimal(dfr, wp)
		c.PValue = twoSided(mathx.TCDF(c.Statistic.Abs(), df, wp))
	}
	c.Significant = c.PValue.LessThan(a)
	c.formula = func() string {
		return "t = " + c.Statistic.Round(DisplayPlaces+1).String() + ", df = " + c.DF.Round(DisplayPlaces).String()
	}
	return c, nil
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

// CompareCompetitor compares the survey ([SourceSurvey]) with the
// competitor ratings ([SourceCompetitor]) per item and overall (all items
// merged, Item ""), rates by the z-test and degrees by Welch's t-test.
// An item rated by fewer competitor forms than the plan's minimum carries
// a warning (overall: the most competitor forms of any item). Items
// without both survey and competitor answers are skipped; none at all is
// [ErrEmpty]. A test that cannot run for one item (fewer than two
// answers) is reported as a warning on that item, not hidden.
func CompareCompetitor(t *Table, opts *CompareOptions) ([]ItemComparison, error) {
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
		ours, theirs := t.tally(Cell{it, SourceSurvey}), t.tally(Cell{it, SourceCompetitor})
		no, _ := ours.N()
		nt, _ := theirs.N()
		if no == 0 || nt == 0 {
			continue
		}
		maxForms = max(maxForms, nt)
		ic, err := compareItem(it, ours, theirs, nt, o)
		if err != nil {
			return nil, err
		}
		out = append(out, ic)
	}
	if len(out) == 0 {
		return nil, errorf(ErrEmpty, "competitor comparison: no item has both survey and competitor answers")
	}
	ours, err := t.Total(SourceSurvey)
	if err != nil {
		return nil, err
	}
	theirs, err := t.Total(SourceCompetitor)
	if err != nil {
		return nil, err
	}
	overall, err := compareItem("", ours, theirs, maxForms, o)
	if err != nil {
		return nil, err
	}
	return append([]ItemComparison{overall}, out...), nil
}

func compareItem(item string, ours, theirs Tally, forms uint64, o CompareOptions) (ItemComparison, error) {
	ic := ItemComparison{Item: item}
	var err error
	if ic.Rate, err = CompareRates(ours, theirs, o.Alpha); err != nil {
		return ic, err
	}
	if ic.Degree, err = CompareDegrees(ours, theirs, o.Alpha); err != nil {
		if !errors.Is(err, ErrTooFew) {
			return ic, err
		}
		ic.Degree.Warnings = append(ic.Degree.Warnings, strings.TrimPrefix(err.Error(), "csat: "))
	}
	if forms < o.MinCompetitorForms {
		w := strconv.FormatUint(forms, 10) + " competitor forms, fewer than the plan's minimum of " + strconv.FormatUint(o.MinCompetitorForms, 10)
		ic.Rate.Warnings = append(ic.Rate.Warnings, w)
		ic.Degree.Warnings = append(ic.Degree.Warnings, w)
	}
	return ic, nil
}

// A Period is one survey of a series: a name ("2025H1") and its table.
type Period struct {
	Name  string
	Table *Table
}

// A TrendPoint is one period of a trend, for one source.
type TrendPoint struct {
	Period string `json:"period"`
	Degree Result `json:"degree"`
	Rate   Result `json:"rate"`
	// VsPrevious and VsBaseline compare this period with the previous
	// one and with the baseline (nil for the first period and for the
	// baseline itself).
	VsPrevious *Change `json:"vs_previous"`
	VsBaseline *Change `json:"vs_baseline"`
}

// A Change compares one period with another: degrees by Welch's t-test,
// rates by the z-test; ours is the later period.
type Change struct {
	Against string     `json:"against"`
	Degree  Comparison `json:"degree"`
	Rate    Comparison `json:"rate"`
}

// A TrendReport is the trend of one source over periods.
type TrendReport struct {
	Source   string       `json:"source"`
	Baseline string       `json:"baseline"`
	Points   []TrendPoint `json:"points"`
	// DegreeSlope and RateSlope are the least-squares slopes per period
	// (periods numbered 0, 1, 2, …), exact: Σ(x−x̄)(y−ȳ) / Σ(x−x̄)².
	DegreeSlope Result `json:"degree_slope"`
	RateSlope   Result `json:"rate_slope"`
}

// Trend follows one source over a series of periods (oldest first): per
// period degree and rate, the change against the previous period and
// against the baseline period (index baseline) with their significance,
// and the least-squares slope. Fewer than two periods is [ErrTooFew]; a
// period without answers of the source [ErrEmpty]; a baseline index out
// of range [ErrOutOfRange]; repeated period names [ErrDuplicate].
func Trend(periods []Period, source string, baseline int, opts *CompareOptions) (TrendReport, error) {
	var o CompareOptions
	if opts != nil {
		o = *opts
	}
	if len(periods) < 2 {
		return TrendReport{}, errorf(ErrTooFew, "trend: %d periods (at least 2 needed)", len(periods))
	}
	if baseline < 0 || baseline >= len(periods) {
		return TrendReport{}, errorf(ErrOutOfRange, "trend: baseline %d of %d periods", baseline, len(periods))
	}
	rep := TrendReport{Source: source, Baseline: periods[baseline].Name}
	names := map[string]bool{}
	totals := make([]Tally, len(periods))
	var degrees, rates []*big.Rat
	for i, p := range periods {
		if p.Name == "" || names[p.Name] {
			return TrendReport{}, errorf(ErrDuplicate, "trend: period name %q empty or repeated", p.Name)
		}
		names[p.Name] = true
		if p.Table == nil {
			return TrendReport{}, errorf(ErrEmpty, "trend: period %q has no table", p.Name)
		}
		tot, err := p.Table.Total(source)
		if err != nil {
			return TrendReport{}, err
		}
		totals[i] = tot
		d, err := Degree{}.Score(tot)
		if err != nil {
			return TrendReport{}, &prefixed{prefix: "trend: period " + strconv.Quote(p.Name), err: err}
		}
		r, _ := Rate{}.Score(tot)
		degrees, rates = append(degrees, d.Rat()), append(rates, r.Rat())
		rep.Points = append(rep.Points, TrendPoint{Period: p.Name, Degree: d.WithLabel(p.Name + " degree"), Rate: r.WithLabel(p.Name + " rate")})
	}
	change := func(i, j int) (*Change, error) {
		ch := &Change{Against: periods[j].Name}
		var err error
		if ch.Rate, err = CompareRates(totals[i], totals[j], o.Alpha); err != nil {
			return nil, err
		}
		if ch.Degree, err = CompareDegrees(totals[i], totals[j], o.Alpha); err != nil {
			if !errors.Is(err, ErrTooFew) {
				return nil, err
			}
			ch.Degree.Warnings = append(ch.Degree.Warnings, strings.TrimPrefix(err.Error(), "csat: "))
		}
		return ch, nil
	}
	for i := range periods {
		var err error
		if i > 0 {
			if rep.Points[i].VsPrevious, err = change(i, i-1); err != nil {
				return TrendReport{}, err
			}
		}
		if i != baseline {
			if rep.Points[i].VsBaseline, err = change(i, baseline); err != nil {
				return TrendReport{}, err
			}
		}
	}
	rep.DegreeSlope = slope("degree slope per period", degrees, Fraction)
	rep.RateSlope = slope("rate slope per period", rates, Fraction)
	return rep, nil
}

// slope returns the least-squares slope of ys against 0, 1, 2, ….
func slope(label string, ys []*big.Rat, kind Kind) Result {
	n := int64(len(ys))
	xbar := big.NewRat(n-1, 2)
	ybar := new(big.Rat)
	for _, y := range ys {
		ybar.Add(ybar, y)
	}
	ybar.Quo(ybar, big.NewRat(n, 1))
	num, den := new(big.Rat), new(big.Rat)
	for i, y := range ys {
		dx := exact.Sub(big.NewRat(int64(i), 1), xbar)
		num.Add(num, exact.Mul(dx, exact.Sub(y, ybar)))
		den.Add(den, exact.Mul(dx, dx))
	}
	return ratResult(label, kind, exact.Quo(num, den), func() string {
		return "Σ(x−x̄)(y−ȳ) / Σ(x−x̄)² over " + strconv.FormatInt(n, 10) + " periods"
	}, nil)
}

// TargetMethod selects the reading of the average-advanced target
// 平均先进指标 (METHOD.md §10).
type TargetMethod uint8

const (
	// AverageAdvanced (default, our reading): the mean of the history;
	// the advanced mean of the values above it; the target is the mean
	// of the two.
	AverageAdvanced TargetMethod = iota
	// AverageAdvancedVariant: (mean + Σ advanced values) / (k + 1), k the
	// number of advanced values.
	AverageAdvancedVariant
)

// Target returns the yearly target for a figure (degree, rate, score)
// from its history of past surveys, higher being better. History 82, 85,
// 78, 88, 90, 80: mean 503/6 = 83.8333…, advanced 85, 88, 90 with mean
// 87.6667…, target (83.8333… + 87.6667…)/2 = 85.75; the variant gives
// (83.8333… + 263)/4 = 86.7083…. When no value is above the mean (all
// equal) the target is the mean, and the explanation says so. kind says
// how the values read: [Points] (scores, as above) or [Fraction]
// (degrees and rates, printed as percentages). An empty history is
// [ErrEmpty].
func Target(history []decimal.Decimal, method TargetMethod, kind Kind) (Result, error) {
	if len(history) == 0 {
		return Result{}, errorf(ErrEmpty, "target: no history")
	}
	if method > AverageAdvancedVariant {
		return Result{}, errorf(ErrInvalid, "target: method %d", method)
	}
	sum := new(big.Rat)
	for _, h := range history {
		sum.Add(sum, h.Rat())
	}
	n := int64(len(history))
	mean := exact.Quo(sum, big.NewRat(n, 1))
	var adv []decimal.Decimal
	advSum := new(big.Rat)
	for _, h := range history {
		if h.Rat().Cmp(mean) > 0 {
			adv = append(adv, h)
			advSum.Add(advSum, h.Rat())
		}
	}
	hist := slices.Clone(history)
	meanR := ratResult("mean", kind, mean, func() string { return "(" + joinDec(hist, " + ") + ") / " + strconv.FormatInt(n, 10) }, nil)
	if len(adv) == 0 {
		return ratResult("target 平均先进指标", kind, mean, func() string {
			return meanR.String() + " (no value above the mean " + meanR.String() + ": the target is the mean)"
		}, []Result{meanR}), nil
	}
	k := int64(len(adv))
	advMean := exact.Quo(advSum, big.NewRat(k, 1))
	advR := ratResult("advanced mean", kind, advMean, func() string { return "(" + joinDec(adv, " + ") + ") / " + strconv.FormatInt(k, 10) }, nil)
	if method == AverageAdvancedVariant {
		q := exact.Quo(exact.Add(mean, advSum), big.NewRat(k+1, 1))
		return ratResult("target 平均先进指标 (variant)", kind, q, func() string {
			return "(" + meanR.String() + " + " + joinDec(adv, " + ") + ") / " + strconv.FormatInt(k+1, 10)
		}, []Result{meanR}), nil
	}
	q := exact.Quo(exact.Add(mean, advMean), big.NewRat(2, 1))
	return ratResult("target 平均先进指标", kind, q, func() string {
		return "(" + meanR.String() + " + " + advR.String() + ") / 2"
	}, []Result{meanR, advR}), nil
}

func joinDec(ds []decimal.Decimal, sep string) string {
	s := make([]string, len(ds))
	for i, d := range ds {
		s[i] = d.String()
	}
	return strings.Join(s, sep)
}

type comparisonJSON struct {
	Test        string   `json:"test"`
	Ours        Result   `json:"ours"`
	Theirs      Result   `json:"theirs"`
	Difference  Result   `json:"difference"`
	Statistic   string   `json:"statistic"`
	DF          string   `json:"df,omitempty"`
	PValue      string   `json:"p_value"`
	Alpha       string   `json:"alpha"`
	Significant bool     `json:"significant"`
	Warnings    []string `json:"warnings,omitempty"`
	Explain     string   `json:"explain"`
}

// MarshalJSON encodes the comparison with stable field names: test, ours,
// theirs, difference, statistic, df, p_value, alpha, significant,
// warnings, explain.
func (c Comparison) MarshalJSON() ([]byte, error) {
	j := comparisonJSON{Test: c.Test, Ours: c.Ours, Theirs: c.Theirs, Difference: c.Difference,
		Statistic: c.Statistic.String(), PValue: c.PValue.String(), Alpha: c.Alpha.String(),
		Significant: c.Significant, Warnings: c.Warnings, Explain: c.Explain()}
	if !c.DF.IsZero() {
		j.DF = c.DF.String()
	}
	return json.Marshal(j)
}
