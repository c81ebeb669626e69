package htmlreport_test

import (
	"cmp"
	"slices"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/internal/stats"
	"github.com/shopspring/decimal"
)

// The worked survey's 25 answers are five forms of five items each
// (levels 0 very satisfied … 4 very dissatisfied, items 功能 外观 包装
// 交货期 服务质量):
//
//	F1 0 0 0 2 0   F2 0 0 0 2 0   F3 0 0 1 2 1   F4 1 1 2 2 1   F5 3 2 4 3 3
//
// which add up per item to fixture_test.go's workedSurvey. By region,
// 华东 = F1 F2 F3: {10, 2, 3, 0, 0} (15 answers, all satisfied: rate
// 15/15 = 100%, degree (100 + 16 + 18)/150 = 134/150 ≈ 89.33%); 华南 =
// F4 F5: {0, 3, 3, 3, 1} (rate 6/10 = 60%, degree 56/100 = 56%). By
// size, 大 = F1–F4: {10, 5, 5, 0, 0}; 小 = F5: {0, 0, 1, 3, 1}.
var (
	eastForms  = [5]uint64{10, 2, 3, 0, 0}
	southForms = [5]uint64{0, 3, 3, 3, 1}
	bigForms   = [5]uint64{10, 5, 5, 0, 0}
	smallForms = [5]uint64{0, 0, 1, 3, 1}
)

// fixtureSample is the full report's sample-size rule: its groups have
// a handful of forms, so it suppresses only a group of one form.
var fixtureSample = analysis.MinSample{Small: 30, Suppress: 2}

// groupIn is one value of a dimension: its forms and its answers per
// level (very satisfied first).
type groupIn struct {
	value  string
	forms  uint64
	counts [5]uint64
}

func tallyOf(tb testing.TB, counts [5]uint64) csat.Tally {
	tb.Helper()
	t := csat.NewTally(csat.FivePoint())
	for lvl, n := range counts {
		if n == 0 {
			continue
		}
		if err := t.AddN(lvl, n); err != nil {
			tb.Fatal(err)
		}
	}
	return t
}

// breakdown computes a Breakdown as the analysis package describes it,
// from csat's scorers and intervals and analysis.CompareRates or
// CompareDegrees: values best first (suppressed last), the pairs of the
// values shown tested, their p-values Holm-adjusted, letters by
// stats.CompactLetters.
func breakdown(tb testing.TB, dim string, rate bool, ms analysis.MinSample, in []groupIn) analysis.Breakdown {
	tb.Helper()
	alpha := decimal.New(5, -2)
	var scorer csat.Scorer = csat.Degree{}
	interval := csat.DegreeInterval
	if rate {
		scorer, interval = csat.Rate{}, csat.RateInterval
	}
	type val struct {
		g analysis.GroupFigure
		t csat.Tally
	}
	var vals []val
	for _, g := range in {
		t := tallyOf(tb, g.counts)
		n, err := t.N()
		if err != nil {
			tb.Fatal(err)
		}
		gf := analysis.GroupFigure{Value: g.value, Forms: g.forms, Answers: n, Sample: analysis.SampleOK}
		switch {
		case g.forms < ms.Suppress:
			gf.Sample = analysis.SampleSuppressed
		case g.forms < ms.Small:
			gf.Sample = analysis.SampleSmall
		}
		if gf.Sample != analysis.SampleSuppressed {
			sc, err := scorer.Score(t)
			if err != nil {
				tb.Fatal(err)
			}
			gf.Score = &sc
			if iv, err := interval(t, csat.Confidence{}); err == nil {
				gf.Interval = &iv
			}
		}
		vals = append(vals, val{gf, t})
	}
	slices.SortStableFunc(vals, func(a, b val) int {
		switch {
		case a.g.Score == nil || b.g.Score == nil:
			return cmp.Compare(btoi(a.g.Score == nil), btoi(b.g.Score == nil))
		}
		return b.g.Score.Cmp(*a.g.Score)
	})
	bd := analysis.Breakdown{Dimension: dim, Alpha: alpha}
	shown := 0
	tallies := make([]csat.Tally, 0, len(vals))
	for _, v := range vals {
		if v.g.Score != nil {
			shown++
			tallies = append(tallies, v.t)
		}
	}
	names := make([]string, len(vals))
	for i, v := range vals {
		names[i] = v.g.Value
	}
	differ := testPairs(tb, &bd, rate, alpha, names, tallies)
	letters := stats.CompactLetters(shown, func(i, j int) bool { return differ[[2]int{i, j}] })
	for i, v := range vals {
		if i < shown {
			v.g.Letters = letters[i]
			bd.Figure = v.g.Score.Label()
		}
		bd.Values = append(bd.Values, v.g)
	}
	return bd
}

// testPairs tests every two of the values shown (their tallies, best
// first) as the analysis package does, adds the pairs to bd with their
// Holm-adjusted p-values, and returns which pairs differ.
func testPairs(tb testing.TB, bd *analysis.Breakdown, rate bool, alpha decimal.Decimal, names []string, ts []csat.Tally) map[[2]int]bool {
	tb.Helper()
	// The test is named even when fewer than two values are shown (the
	// lone value still gets its letter), as analysis.Breakdowns does.
	bd.Test = "Welch's t-test"
	if rate {
		bd.Test = "two-proportion z-test (pooled)"
	}
	var ps []decimal.Decimal
	var idx [][2]int
	for i := range ts {
		for j := i + 1; j < len(ts); j++ {
			var c analysis.Comparison
			var err error
			if rate {
				pa, _ := csat.SatisfiedOf(ts[i])
				pb, _ := csat.SatisfiedOf(ts[j])
				c, err = analysis.CompareRates(pa, pb, alpha)
			} else {
				c, err = analysis.CompareDegrees(ts[i], ts[j], alpha)
			}
			if err != nil {
				tb.Fatal(err)
			}
			bd.Test = c.Test
			bd.Pairs = append(bd.Pairs, analysis.GroupPair{A: names[i], B: names[j], Comparison: c})
			ps = append(ps, c.PValue)
			idx = append(idx, [2]int{i, j})
		}
	}
	differ := map[[2]int]bool{}
	for k, adj := range stats.Holm(ps) {
		bd.Pairs[k].Adjusted = adj
		bd.Pairs[k].Significant = adj.LessThan(alpha)
		differ[idx[k]] = bd.Pairs[k].Significant
	}
	return differ
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// controlChart draws the p-chart of x satisfied of n answers per
// period with analysis.ControlChartOf, over survey tables of those counts
// (satisfied answers 满意, the others 不满意).
func controlChart(tb testing.TB, periods []string, x, n []uint64) *analysis.ControlChart {
	tb.Helper()
	ps := make([]csat.Period, len(periods))
	for i, name := range periods {
		t := csat.NewTable(csat.FivePoint())
		if err := t.AddN("全部", csat.SourceSurvey, 1, x[i]); err != nil {
			tb.Fatal(err)
		}
		if n[i] > x[i] {
			if err := t.AddN("全部", csat.SourceSurvey, 3, n[i]-x[i]); err != nil {
				tb.Fatal(err)
			}
		}
		ps[i] = csat.Period{Name: name, Table: t}
	}
	cc, err := analysis.ControlChartOf(ps, csat.SourceSurvey)
	if err != nil {
		tb.Fatal(err)
	}
	return &cc
}

// response computes the response rate per stratum.
func response(tb testing.TB, dim string, strata []string, sent, returned []uint64, minimum uint64) *analysis.Response {
	tb.Helper()
	rr := func(name string, s, r uint64) analysis.StratumResponse {
		rate, err := csat.Quotient("response rate RR1", csat.Fraction, decimal.NewFromUint64(r), decimal.NewFromUint64(s))
		if err != nil {
			tb.Fatal(err)
		}
		return analysis.StratumResponse{Stratum: name, Sent: s, Returned: r, Rate: rate, UnderMinimum: r < minimum}
	}
	out := &analysis.Response{Dimension: dim, Minimum: minimum}
	var ts, tr uint64
	for i, s := range strata {
		out.Strata = append(out.Strata, rr(s, sent[i], returned[i]))
		ts += sent[i]
		tr += returned[i]
	}
	out.Overall = rr("", ts, tr)
	out.Overall.UnderMinimum = false
	return out
}

// withForms adds to a report of fullInput what the analysis package
// makes of its survey's five forms (above): the counts of forms,
// answers and blanks, the breakdowns by region and size under
// fixtureSample, the response rate per region (华东 3 of 4 sent, 华南 2
// of 5, the plan's minimum 3) and the p-chart of the survey's rate over
// the trend's periods (20, 21, 21 satisfied of 25: p̄ = 62/75).
func withForms(tb testing.TB, rep analysis.Report) analysis.Report {
	tb.Helper()
	fc := analysis.SourceForms{Source: csat.SourceSurvey, Forms: 5, Answers: 25}
	for _, it := range []string{"交货期", "功能", "包装", "外观", "服务质量"} {
		fc.Items = append(fc.Items, analysis.ItemForms{Item: it, Answers: 5})
	}
	rep.Forms = &analysis.FormCounts{Sources: []analysis.SourceForms{fc}}
	ms := fixtureSample
	rep.MinSample = &ms
	region := []groupIn{{"华东", 3, eastForms}, {"华南", 2, southForms}}
	size := []groupIn{{"大", 4, bigForms}, {"小", 1, smallForms}}
	rep.Groups = []analysis.Breakdown{
		breakdown(tb, "地区", false, ms, region), breakdown(tb, "地区", true, ms, region),
		breakdown(tb, "规模", false, ms, size), breakdown(tb, "规模", true, ms, size),
	}
	rep.Response = response(tb, "地区", []string{"华东", "华南"}, []uint64{4, 5}, []uint64{3, 2}, 3)
	rep.Control = controlChart(tb, []string{"2025H1", "2025H2", "2026H1"}, []uint64{20, 21, 21}, []uint64{25, 25, 25})
	return rep
}
