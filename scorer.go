package csat

import (
	"strings"

	"github.com/shopspring/decimal"
)

// A Scorer turns the counts of a [Tally] into one figure that explains
// itself. The built-ins are [Degree] (满意度), [Rate] (满意率) and [Mean];
// a user's own scorer (a top-box share, an index) needs only this method.
type Scorer interface {
	Score(t Tally) (Result, error)
}

var (
	_ Scorer         = Degree{}
	_ Scorer         = Rate{}
	_ Scorer         = Mean{}
	_ IntervalScorer = Degree{}
	_ IntervalScorer = Rate{}
)

// An IntervalScorer is a [Scorer] that can also give a confidence interval
// of its figure. It is optional: the report
// ([github.com/csatkit/csat/analysis.Build]) shows an interval beside
// each figure whose scorer has one. [Degree] (a t-interval) and [Rate]
// (Wilson) do.
type IntervalScorer interface {
	Scorer
	Interval(t Tally, c Confidence) (Interval, error)
}

// Interval returns the t-interval of the degree of t ([DegreeInterval]).
func (Degree) Interval(t Tally, c Confidence) (Interval, error) { return DegreeInterval(t, c) }

// Interval returns the Wilson interval of the rate of t ([RateInterval]).
func (Rate) Interval(t Tally, c Confidence) (Interval, error) { return RateInterval(t, c) }

// Degree scores the satisfaction degree 满意度 (METHOD.md §2): the points
// earned over the points a perfect set of answers would earn,
//
//	degree = Σ count×points / (n × full marks)
//
// a [Fraction] in [0, 1]. On the five-level point scale full marks are 10;
// on the PVC band scale 100, each answer earning its band's
// representative point. The worked example (10, 5, 6, 3, 1 answers from
// very satisfied to very dissatisfied) gives
//
//	(10×10 + 5×8 + 6×6 + 3×4 + 1×2) / (25×10) = 190/250 = 76%
//
// The zero Degree is ready to use.
type Degree struct{}

// Score returns the degree of t; an empty tally is [ErrEmpty].
func (Degree) Score(t Tally) (Result, error) {
	if t.scale == nil {
		return Result{}, errorf(ErrEmpty, "degree of a tally without scale")
	}
	den, ok := t.pointsDen()
	if !ok {
		n, err := scorable(t, "degree")
		if err != nil {
			return Result{}, err
		}
		den = n.Mul(t.scale.fullMarks)
	}
	if den.IsZero() {
		_, err := scorable(t, "degree")
		return Result{}, err
	}
	r, err := Quotient("degree 满意度", Fraction, t.pointsSum(), den)
	return r.withFormula(&tallyFormula{what: degreeFormula, t: t}), err
}

// tallyFormula prints the formula of a score of a tally: one allocation,
// made when the score is, the text only when asked for.
type tallyFormula struct {
	what int
	t    Tally
}

const (
	degreeFormula = iota
	rateFormula
	meanFormula
)

func (f *tallyFormula) text(r *Result, _ lang) string {
	t, n := f.t, f.t.total()
	switch f.what {
	case degreeFormula:
		return "(" + pointTerms(t) + ") / (" + fmtDec(n) + "×" + fmtDec(t.scale.fullMarks) + ") = " + fmtFrac(r.num, r.den)
	case rateFormula:
		var terms []string
		for i, l := range t.scale.levels {
			if l.Satisfied {
				terms = append(terms, decimal.NewFromUint64(t.counts[i]).String())
			}
		}
		if len(terms) == 0 {
			terms = []string{"0"}
		}
		return "(" + strings.Join(terms, " + ") + ") / " + fmtDec(n) + " = " + fmtFrac(r.num, r.den)
	}
	return "(" + pointTerms(t) + ") / " + fmtDec(n) + " = " + fmtFrac(r.num, r.den)
}

// Rate scores the satisfaction rate 满意率 (METHOD.md §2): the share of
// answers at a level that counts as satisfied (on the point scale,
// basically satisfied or better),
//
//	rate = Σ satisfied counts / n
//
// a [Fraction] in [0, 1]; the worked example gives (10 + 5 + 6) / 25 =
// 21/25 = 84%. The zero Rate is ready to use.
type Rate struct{}

// Score returns the rate of t; an empty tally is [ErrEmpty].
func (Rate) Score(t Tally) (Result, error) {
	n, err := scorable(t, "rate")
	if err != nil {
		return Result{}, err
	}
	num := t.sum(func(l *Level) bool { return l.Satisfied })
	r, err := Quotient("rate 满意率", Fraction, num, n)
	return r.withFormula(&tallyFormula{what: rateFormula, t: t}), err
}

// Mean scores the mean points per answer, Σ count×points / n, as
// [Points] (7.6 for the worked example). The zero Mean is ready to use.
type Mean struct{}

// Score returns the mean points of t; an empty tally is [ErrEmpty].
func (Mean) Score(t Tally) (Result, error) {
	n, err := scorable(t, "mean")
	if err != nil {
		return Result{}, err
	}
	r, err := Quotient("mean points", Points, t.pointsSum(), n)
	return r.withFormula(&tallyFormula{what: meanFormula, t: t}), err
}

// scorable returns t's number of answers, or ErrEmpty.
func scorable(t Tally, what string) (decimal.Decimal, error) {
	if t.scale == nil {
		return decimal.Zero, errorf(ErrEmpty, "%s of a tally without scale", what)
	}
	n := t.total()
	if n.IsZero() {
		return decimal.Zero, errorf(ErrEmpty, "%s of an empty tally (scale %q)", what, t.scale.name)
	}
	return n, nil
}

// pointTerms prints "10×10 + 5×8 + …", one term per level.
func pointTerms(t Tally) string {
	var b strings.Builder
	for i, l := range t.scale.levels {
		if i > 0 {
			b.WriteString(" + ")
		}
		b.WriteString(decimal.NewFromUint64(t.counts[i]).String())
		b.WriteString("×")
		b.WriteString(fmtDec(l.Points))
	}
	return b.String()
}
