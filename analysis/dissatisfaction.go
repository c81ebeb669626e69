package analysis

import (
	"cmp"
	"slices"
	"strings"

	"github.com/csatkit/csat"
)

// A DissatisfiedCell counts the dissatisfied answers (levels that do not
// count as satisfied: 不满意 and 很不满意 on the point scale) of one item
// and source (METHOD.md §10).
type DissatisfiedCell struct {
	Item   string      `json:"item"`
	Source string      `json:"source"`
	Count  uint64      `json:"count"`
	N      uint64      `json:"n"`
	Share  csat.Result `json:"share"` // Count / N, a Fraction
}

// Dissatisfied returns the dissatisfied answers of every cell of the
// table that has answers, in item then source order. A nil table is [csat.ErrInvalid]; a cell
// of more than 2⁶⁴ − 1 answers [csat.ErrOverflow] (a [*csat.CellError]).
func Dissatisfied(t *csat.Table) ([]DissatisfiedCell, error) {
	if t == nil || t.Scale() == nil {
		return nil, errorf(csat.ErrInvalid, "dissatisfied: table without scale (use NewTable)")
	}
	var out []DissatisfiedCell
	for _, c := range t.Cells() {
		tl := cell(t, c.Item, c.Source)
		sat, err := csat.SatisfiedOf(tl)
		if err != nil {
			if empty(tl) {
				continue
			}
			return nil, &csat.CellError{Item: c.Item, Source: c.Source, Err: err}
		}
		p := csat.Proportion{K: sat.N - sat.K, N: sat.N}
		share, err := p.Result("dissatisfied share")
		if err != nil {
			return nil, &csat.CellError{Item: c.Item, Source: c.Source, Err: err}
		}
		out = append(out, DissatisfiedCell{Item: c.Item, Source: c.Source, Count: p.K, N: p.N, Share: share})
	}
	return out, nil
}

// A ParetoEntry is one item of a Pareto ordering of dissatisfaction.
type ParetoEntry struct {
	Item       string      `json:"item"`
	Count      uint64      `json:"count"`
	Share      csat.Result `json:"share"`      // of all dissatisfied answers of the source
	Cumulative csat.Result `json:"cumulative"` // running total of Share; the last is 100%
}

// Pareto orders the items of one source by their dissatisfied answers,
// most first (ties by item), with each item's share of all dissatisfied
// answers and the cumulative share, the main areas of dissatisfaction
// first. Items without dissatisfied answers are left out; no dissatisfied
// answers at all gives an empty list. Errors are those of [Dissatisfied],
// and [csat.ErrOverflow] for more than 2⁶⁴ − 1 dissatisfied answers in all.
func Pareto(t *csat.Table, source string) ([]ParetoEntry, error) {
	all, err := Dissatisfied(t)
	if err != nil {
		return nil, err
	}
	var cells []DissatisfiedCell
	var total uint64
	for _, c := range all {
		if c.Source == source && c.Count > 0 {
			cells = append(cells, c)
			if total+c.Count < total {
				return nil, errorf(csat.ErrOverflow, "pareto: more than 2^64-1 dissatisfied answers of source %s", quoteShort(source))
			}
			total += c.Count
		}
	}
	slices.SortStableFunc(cells, func(a, b DissatisfiedCell) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Item, b.Item))
	})
	var out []ParetoEntry
	var run uint64
	for _, c := range cells {
		run += c.Count
		share, err := csat.Proportion{K: c.Count, N: total}.Result("share")
		if err != nil {
			return nil, err
		}
		cum, err := csat.Proportion{K: run, N: total}.Result("cumulative")
		if err != nil {
			return nil, err
		}
		out = append(out, ParetoEntry{Item: c.Item, Count: c.Count, Share: share, Cumulative: cum})
	}
	return out, nil
}

// A Gap compares the self-assessment with the survey for one item:
// positive differences mean the sales staff rate the item higher than the
// customers do, a problem they may be blind to.
type Gap struct {
	Item         string      `json:"item"`
	SelfDegree   csat.Result `json:"self_degree"`
	SurveyDegree csat.Result `json:"survey_degree"`
	SelfRate     csat.Result `json:"self_rate"`
	SurveyRate   csat.Result `json:"survey_rate"`
	DegreeGap    csat.Result `json:"degree_gap"` // self − survey, exact
	RateGap      csat.Result `json:"rate_gap"`   // self − survey, exact
}

// Gaps returns the self-assessment minus survey gap for every item that
// has both, largest degree gap first by exact value (ties by item). A nil
// table is [csat.ErrInvalid].
func Gaps(t *csat.Table) ([]Gap, error) {
	if t == nil || t.Scale() == nil {
		return nil, errorf(csat.ErrInvalid, "gaps: table without scale (use NewTable)")
	}
	var out []Gap
	for _, it := range t.Items() {
		self, survey := cell(t, it, csat.SourceSelf), cell(t, it, csat.SourceSurvey)
		if empty(self) || empty(survey) {
			continue
		}
		g := Gap{Item: it}
		var err error
		for _, step := range []struct {
			dst *csat.Result
			s   csat.Scorer
			t   csat.Tally
		}{{&g.SelfDegree, csat.Degree{}, self}, {&g.SurveyDegree, csat.Degree{}, survey}, {&g.SelfRate, csat.Rate{}, self}, {&g.SurveyRate, csat.Rate{}, survey}} {
			if *step.dst, err = step.s.Score(step.t); err != nil {
				return nil, &csat.Error{Part: "item", Name: it, Err: err}
			}
		}
		if g.DegreeGap, err = csat.Difference("degree gap", g.SelfDegree, g.SurveyDegree); err != nil {
			return nil, &csat.Error{Part: "item", Name: it, Err: err}
		}
		if g.RateGap, err = csat.Difference("rate gap", g.SelfRate, g.SurveyRate); err != nil {
			return nil, &csat.Error{Part: "item", Name: it, Err: err}
		}
		out = append(out, g)
	}
	slices.SortStableFunc(out, func(a, b Gap) int {
		return cmp.Or(b.DegreeGap.Cmp(a.DegreeGap), strings.Compare(a.Item, b.Item))
	})
	return out, nil
}
