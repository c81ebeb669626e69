package csat_test

import (
	"errors"
	"fmt"
	"log"
	"slices"
	"strconv"
	"strings"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
)

// TopTwoBox is a user's own scorer: the share of answers in the two
// levels with the most points (on the five-level scale, 很满意 and 满意).
// It is built with csat's public constructors only, so its result is as
// good as a built-in's: exact Num/Den, the inexact flag, a derivation.
type TopTwoBox struct{}

var _ csat.Scorer = TopTwoBox{}

func (TopTwoBox) Score(t csat.Tally) (csat.Result, error) {
	n, err := t.N()
	if err != nil {
		return csat.Result{}, err
	}
	if n == 0 || t.Scale().Len() < 2 {
		return csat.Result{}, fmt.Errorf("top-2 box: %d answers on %d levels: %w", n, t.Scale().Len(), csat.ErrEmpty)
	}
	levels := t.Scale().Levels()
	byPoints := make([]int, len(levels))
	for i := range byPoints {
		byPoints[i] = i
	}
	slices.SortFunc(byPoints, func(a, b int) int { return levels[b].Points.Cmp(levels[a].Points) })
	top, terms := decimal.Zero, []string{}
	for _, i := range byPoints[:2] {
		top = top.Add(decimal.NewFromUint64(t.Count(i)))
		terms = append(terms, strconv.FormatUint(t.Count(i), 10))
	}
	r, err := csat.Quotient("top-2 box", csat.Fraction, top, decimal.NewFromUint64(n))
	if err != nil {
		return csat.Result{}, err
	}
	return r.WithFormula(func() string {
		return "(" + strings.Join(terms, " + ") + ") / " + strconv.FormatUint(n, 10) + " = " + top.String() + "/" + strconv.FormatUint(n, 10)
	}), nil
}

// A top-2-box scorer of the user's own, on the method's worked survey
// (10, 5, 6, 3, 1 answers from 很满意 to 很不满意) and on three answers,
// where the share 1/3 has no finite decimal expansion.
func Example_topTwoBox() {
	survey := csat.NewTally(csat.FivePoint())
	for level, n := range []uint64{10, 5, 6, 3, 1} {
		if err := survey.AddN(level, n); err != nil {
			log.Fatal(err)
		}
	}
	r, err := TopTwoBox{}.Score(survey)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.Explain())
	fmt.Println(r.Num(), r.Den(), r.Exact())

	three := csat.NewTally(csat.FivePoint())
	for _, level := range []int{0, 2, 3} {
		if err := three.Add(level); err != nil {
			log.Fatal(err)
		}
	}
	r, err = TopTwoBox{}.Score(three)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.Explain())
	fmt.Println(r.Num(), r.Den(), r.Exact(), r.Value())

	_, err = TopTwoBox{}.Score(csat.NewTally(csat.FivePoint()))
	fmt.Println(errors.Is(err, csat.ErrEmpty))
	// Output:
	// top-2 box = (10 + 5) / 25 = 15/25 = 60%
	// 15 25 true
	// top-2 box = (1 + 0) / 3 = 1/3 = ≈33.33%
	// 1 3 false 0.33333333333333333333
	// true
}

// CSATPercent is the share of 4 and 5 answers on a 1–5 scale: the usual
// "CSAT %" of survey tools.
type CSATPercent struct{}

func (CSATPercent) Score(t csat.Tally) (csat.Result, error) {
	n, err := t.N()
	if err != nil {
		return csat.Result{}, err
	}
	happy, terms := decimal.Zero, []string{}
	for i, l := range t.Scale().Levels() {
		if l.Points.GreaterThanOrEqual(decimal.NewFromInt(4)) {
			happy = happy.Add(decimal.NewFromUint64(t.Count(i)))
			terms = append(terms, strconv.FormatUint(t.Count(i), 10))
		}
	}
	r, err := csat.Quotient("CSAT %", csat.Fraction, happy, decimal.NewFromUint64(n))
	if err != nil {
		return csat.Result{}, err // no answers: a zero denominator, ErrInvalid
	}
	return r.WithFormula(func() string {
		return "(" + strings.Join(terms, " + ") + ") / " + strconv.FormatUint(n, 10)
	}), nil
}

// CSAT % (the share of 4–5 answers) on a scale the user defines: 1 to 5,
// best first. 30 answers: 8 fives, 12 fours, 5 threes, 3 twos, 2 ones →
// (8 + 12) / 30 = 2/3. The user's scorer runs wherever a built-in does:
// here it is blended 40/60 like a degree.
func Example_csatPercent() {
	var levels []csat.Level
	for p := int64(5); p >= 1; p-- {
		levels = append(levels, csat.Level{Key: strconv.FormatInt(p, 10), Points: decimal.NewFromInt(p), Satisfied: p >= 4})
	}
	scale, err := csat.NewScale("CSAT 1–5", decimal.NewFromInt(5), levels)
	if err != nil {
		log.Fatal(err)
	}
	survey, self := csat.NewTally(scale), csat.NewTally(scale)
	for i, n := range []uint64{8, 12, 5, 3, 2} {
		if err := survey.AddN(i, n); err != nil {
			log.Fatal(err)
		}
	}
	for i, n := range []uint64{3, 1, 0, 0, 0} {
		if err := self.AddN(i, n); err != nil {
			log.Fatal(err)
		}
	}
	s, err := CSATPercent{}.Score(survey)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.Explain())
	fmt.Println(s.Num(), s.Den(), s.Exact())
	m, err := CSATPercent{}.Score(self)
	if err != nil {
		log.Fatal(err)
	}
	overall, err := csat.SelfSurvey().Combine(map[string]csat.Result{csat.SourceSelf: m, csat.SourceSurvey: s})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(overall.Derivation())
	fmt.Println(overall.Num(), overall.Den())
	// Output:
	// CSAT % = (8 + 12) / 30 = ≈66.67%
	// 20 30 false
	// blend = 0.4×100% + 0.6×≈66.67% = 80%
	//   self: CSAT % = (3 + 1) / 4 = 100%
	//   survey: CSAT % = (8 + 12) / 30 = ≈66.67%
	// 4 5
}

// ACSI is an American-Customer-Satisfaction-Index-style 0–100 index from
// answers on a 1–10 scale: (mean − 1) / 9 × 100, computed exactly as
// (Σ points − n) × 100 / (9 × n).
type ACSI struct{}

func (ACSI) Score(t csat.Tally) (csat.Result, error) {
	n, err := t.N()
	if err != nil {
		return csat.Result{}, err
	}
	sum := decimal.Zero
	for i, l := range t.Scale().Levels() {
		sum = sum.Add(l.Points.Mul(decimal.NewFromUint64(t.Count(i))))
	}
	N := decimal.NewFromUint64(n)
	mean, err := csat.Quotient("mean", csat.Points, sum, N)
	if err != nil {
		return csat.Result{}, err
	}
	r, err := csat.Quotient("ACSI", csat.Points, sum.Sub(N).Mul(decimal.NewFromInt(100)), N.Mul(decimal.NewFromInt(9)))
	if err != nil {
		return csat.Result{}, err
	}
	return r.WithFormula(func() string { return "(" + mean.String() + " − 1) / 9 × 100" }).WithParts(mean), nil
}

// An ACSI-style index from 1–10 answers: 4 tens, 3 nines, 2 eights and a
// seven have mean 90/10 = 9, so the index is (9 − 1) / 9 × 100 = 800/9,
// kept as given: (90 − 10) × 100 / (9 × 10) = 8000/90.
func Example_acsi() {
	var levels []csat.Level
	for p := int64(10); p >= 1; p-- {
		levels = append(levels, csat.Level{Key: strconv.FormatInt(p, 10), Points: decimal.NewFromInt(p), Satisfied: p >= 7})
	}
	scale, err := csat.NewScale("1–10", decimal.NewFromInt(10), levels)
	if err != nil {
		log.Fatal(err)
	}
	t := csat.NewTally(scale)
	for i, n := range []uint64{4, 3, 2, 1} { // 10, 9, 8, 7
		if err := t.AddN(i, n); err != nil {
			log.Fatal(err)
		}
	}
	r, err := ACSI{}.Score(t)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(r.Derivation())
	fmt.Println(r.Num(), r.Den(), r.Exact())
	// Output:
	// ACSI = (9 − 1) / 9 × 100 = ≈88.89
	//   mean = 90/10 = 9
	// 8000 90 false
}

// CES is a customer-effort score: the mean agreement, on a 1–7 scale, with
// "the company made it easy to handle my issue" (7 = strongly agree).
type CES struct{}

func (CES) Score(t csat.Tally) (csat.Result, error) {
	n, err := t.N()
	if err != nil {
		return csat.Result{}, err
	}
	sum, terms := decimal.Zero, []string{}
	for i, l := range t.Scale().Levels() {
		if c := t.Count(i); c > 0 {
			sum = sum.Add(l.Points.Mul(decimal.NewFromUint64(c)))
			terms = append(terms, strconv.FormatUint(c, 10)+"×"+l.Points.String())
		}
	}
	r, err := csat.Quotient("CES", csat.Points, sum, decimal.NewFromUint64(n))
	if err != nil {
		return csat.Result{}, err
	}
	return r.WithFormula(func() string { return "(" + strings.Join(terms, " + ") + ") / " + strconv.FormatUint(n, 10) }), nil
}

// A customer-effort score on a 1–7 agreement scale: 5 sevens, 3 sixes, a
// five and a one give (35 + 18 + 5 + 1) / 10 = 5.9.
func Example_customerEffortScore() {
	var levels []csat.Level
	for p := int64(7); p >= 1; p-- {
		levels = append(levels, csat.Level{Key: "agree_" + strconv.FormatInt(p, 10), Points: decimal.NewFromInt(p), Satisfied: p >= 5})
	}
	scale, err := csat.NewScale("effort 1–7", decimal.NewFromInt(7), levels)
	if err != nil {
		log.Fatal(err)
	}
	t := csat.NewTally(scale)
	for _, key := range []string{"agree_7", "agree_7", "agree_7", "agree_7", "agree_7", "agree_6", "agree_6", "agree_6", "agree_5", "agree_1"} {
		if err := t.AddKey(key); err != nil {
			log.Fatal(err)
		}
	}
	r, err := CES{}.Score(t)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.Explain())
	fmt.Println(r.Num(), r.Den(), r.Exact())
	// Output:
	// CES = (5×7 + 3×6 + 1×5 + 1×1) / 10 = 5.9
	// 59 10 true
}
