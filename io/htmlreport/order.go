package htmlreport

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/shopspring/decimal"
)

// The orders of items ([Options.Order]).
const (
	orderQuestionnaire = "questionnaire"
	orderScore         = "score"
)

// itemRanks returns each item's place in the report's lists: in
// questionnaire order ([Options.Items], then the items the report lists
// first in its sources, survey first), or, with order "score", by the
// survey's first headline figure ascending (the worst first; items
// without it last, in questionnaire order).
func itemRanks(r analysis.Report, opts Options) (map[string]int, error) {
	switch opts.Order {
	case "", orderQuestionnaire, orderScore:
	default:
		return nil, fmt.Errorf("htmlreport: order %q: want questionnaire or score: %w", opts.Order, csat.ErrInvalid)
	}
	var names []string
	add := func(n string) {
		if n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	for _, n := range opts.Items {
		add(n)
	}
	for _, sf := range r.Sources {
		for _, it := range sf.Items {
			add(it.Item)
		}
	}
	if opts.Order == orderScore {
		score := map[string]csat.Result{}
		if sv := surveyFigures(r); sv != nil {
			for _, it := range sv.Items {
				if len(it.Figures) > 0 {
					score[it.Item] = it.Figures[0].Score
				}
			}
		}
		slices.SortStableFunc(names, func(a, b string) int {
			sa, okA := score[a]
			sb, okB := score[b]
			switch {
			case okA && okB:
				return sa.Cmp(sb)
			case okA:
				return -1
			case okB:
				return 1
			}
			return 0
		})
	}
	ranks := make(map[string]int, len(names))
	for i, n := range names {
		ranks[n] = i
	}
	return ranks, nil
}

// rank is an item's place: all items ("") first, an item the order does
// not know last.
func (b *builder) rank(item string) int {
	if item == "" {
		return -1
	}
	if k, ok := b.ranks[item]; ok {
		return k
	}
	return len(b.ranks)
}

// sortBy sorts xs stably by their items' places.
func sortBy[T any](b *builder, xs []T, item func(T) string) {
	slices.SortStableFunc(xs, func(x, y T) int { return cmp.Compare(b.rank(item(x)), b.rank(item(y))) })
}

// blendWeights returns the weights of self-assessment and survey in the
// report's blend, read off its overall figures (each the weighted mean of
// its two parts, so w = (overall − survey) / (self − survey)); a figure
// whose parts are equal says nothing, and without any the weights are
// those of [csat.SelfSurvey]. ok is false when the report has no blend.
func blendWeights(r analysis.Report) (self, survey decimal.Decimal, ok bool) {
	self, survey = decimal.RequireFromString("0.4"), decimal.RequireFromString("0.6")
	for _, w := range csat.SelfSurvey().Weights() {
		switch w.Name {
		case csat.SourceSelf:
			self = w.Weight
		case csat.SourceSurvey:
			survey = w.Weight
		}
	}
	if len(r.Overall) == 0 {
		return self, survey, false
	}
	for _, o := range r.Overall {
		var s, v *csat.Result
		for _, pt := range o.Parts() {
			switch {
			case strings.HasPrefix(pt.Label(), csat.SourceSelf):
				s = &pt
			case strings.HasPrefix(pt.Label(), csat.SourceSurvey):
				v = &pt
			}
		}
		if s == nil || v == nil || s.Cmp(*v) == 0 {
			continue
		}
		den := new(big.Rat).Sub(s.Rat(), v.Rat())
		w := new(big.Rat).Quo(new(big.Rat).Sub(o.Rat(), v.Rat()), den)
		ws, err := decimal.NewFromString(w.FloatString(12))
		if err != nil || ws.IsNegative() || ws.GreaterThan(decimal.NewFromInt(1)) || ws.Rat().Cmp(w) != 0 {
			continue
		}
		return ws, decimal.NewFromInt(1).Sub(ws), true
	}
	return self, survey, true
}
