package analysis_test

// The user's own scorer and segmenter of csat's examples
// (example_plugin_test.go, example_segment_test.go there), for the
// report's example: a report takes them wherever a built-in goes.

import (
	"cmp"
	"fmt"
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

// Quartiles is a user's own segmenter: customers ranked by exact value
// (ties by id) and split into four classes of equal size, "Q1" the most
// valuable. It goes wherever ABC goes.
type Quartiles struct{}

var _ csat.Segmenter = Quartiles{}

func (Quartiles) Segment(values []csat.CustomerValue) ([]csat.Assignment, error) {
	if err := csat.CheckIDs(values); err != nil {
		return nil, err
	}
	vs := slices.Clone(values)
	slices.SortFunc(vs, func(a, b csat.CustomerValue) int {
		return cmp.Or(b.Value.Cmp(a.Value), strings.Compare(a.ID, b.ID))
	})
	out := make([]csat.Assignment, len(vs))
	for i, v := range vs {
		q := 4*i/len(vs) + 1 // rank i of n falls in quartile ⌊4i/n⌋ + 1
		out[i] = csat.Assignment{ID: v.ID, Class: "Q" + strconv.Itoa(q), Value: v.Value, Rank: i + 1}
	}
	return out, nil
}
