package htmlreport_test

import (
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/importance"
	"github.com/shopspring/decimal"
)

// The priorities survey: 20 forms rating six items (very satisfied
// first), so each item's degree is its points over 20 × 10:
//
//	交货期   {2, 4, 6, 6, 2}   (20 + 32 + 36 + 24 + 4) / 200 = 116/200 = 58%
//	包装     {4, 6, 6, 4, 0}   140/200 = 70%
//	价格     {4, 6, 8, 2, 0}   144/200 = 72%
//	技术支持 {8, 6, 4, 2, 0}   160/200 = 80%
//	产品质量 {10, 8, 2, 0, 0}  176/200 = 88%
//	服务态度 {12, 6, 2, 0, 0}  180/200 = 90%
//
// Overall degree 916/1200 ≈ 76.33%, rate (40 + 36 + 28)/120 = 104/120 ≈
// 86.67%. The performance cut is the items' mean degree, (58 + 70 + 72 +
// 80 + 88 + 90)/600 = 458/600 ≈ 76.33%.
var prioritySurvey = map[string][5]uint64{
	"交货期":  {2, 4, 6, 6, 2},
	"包装":   {4, 6, 6, 4, 0},
	"价格":   {4, 6, 8, 2, 0},
	"技术支持": {8, 6, 4, 2, 0},
	"产品质量": {10, 8, 2, 0, 0},
	"服务态度": {12, 6, 2, 0, 0},
}

// The Shapley shares of R² (exact, as importance.Shapley gives them),
// most important first: they add up to R² = 0.22 + 0.18 + 2/15 + 0.06 +
// 0.05 + 0.04 = 41/60 ≈ 0.683, and their mean, the importance cut, is
// 41/360 ≈ 11.39%. The zones (high: at or above the cut):
//
//	交货期   22%     58%  fix first   gap 458/600 − 58/100 = 110/600 ≈ +18.33 pp
//	产品质量 18%     88%  strength    gap −70/600 ≈ −11.67 pp
//	包装     ≈13.33% 70%  fix first   gap 38/600 ≈ +6.33 pp
//	技术支持 6%      80%  maintain    gap −22/600 ≈ −3.67 pp
//	价格     5%      72%  opportunity gap 26/600 ≈ +4.33 pp
//	服务态度 4%      90%  maintain    gap −82/600 ≈ −13.67 pp
//
// so the fix-first list is 交货期 then 包装 (the larger gap first).
var priorityShares = []struct {
	item     string
	num, den int64
	zone     analysis.Zone
}{
	{"交货期", 22, 100, analysis.ZoneFix},
	{"产品质量", 18, 100, analysis.ZoneStrength},
	{"包装", 2, 15, analysis.ZoneFix},
	{"技术支持", 6, 100, analysis.ZoneMaintain},
	{"价格", 5, 100, analysis.ZoneOpportunity},
	{"服务态度", 4, 100, analysis.ZoneMaintain},
}

// The churn figures: 20 surveyed customers, each with one form of the
// six items (their answers per level add up to the survey's), the
// points of each over 60:
//
//	active  (C01–C10) 56 54 52 52 50 50 48 46 50 48, complaints 0 0 0 1 0 0 1 0 0 1
//	at risk (C11–C14) 46 42 44 44,                   complaints 1 2 0 1
//	lost    (C15–C20) 44 42 40 42 36 30,             complaints 2 1 3 2 4 3
//
// Mean degrees (each customer once): active 506/600 ≈ 84.33%, at risk
// 176/240 ≈ 73.33%, lost 234/360 = 65%. By scipy (script in
// /tmp/churn.py of the session, figures here):
//
//	stats.ttest_ind(active/60, lost/60, equal_var=False)
//	  → t = 5.01043686837189, p = 0.00151893212785797; df = 162/23 ≈ 7.04
//	stats.spearmanr(degrees, complaints)
//	  → ρ = −0.800431187356669, p = 2.2525871118172946e-05
//
// and exactly ρ² = 56448/88105 (the Pearson correlation of the ranks,
// in fractions), t = ρ√(18/(1 − ρ²)) ≈ −5.665 (mpmath, 25 digits below).
var churnCustomers = []struct {
	counts     [5]uint64
	complaints uint64
	status     csat.Status
}{
	{[5]uint64{4, 2, 0, 0, 0}, 0, csat.Active}, {[5]uint64{4, 1, 1, 0, 0}, 0, csat.Active},
	{[5]uint64{3, 2, 1, 0, 0}, 0, csat.Active}, {[5]uint64{3, 2, 1, 0, 0}, 1, csat.Active},
	{[5]uint64{3, 1, 2, 0, 0}, 0, csat.Active}, {[5]uint64{2, 3, 1, 0, 0}, 0, csat.Active},
	{[5]uint64{2, 2, 2, 0, 0}, 1, csat.Active}, {[5]uint64{2, 2, 1, 1, 0}, 0, csat.Active},
	{[5]uint64{3, 2, 0, 1, 0}, 0, csat.Active}, {[5]uint64{2, 3, 0, 1, 0}, 1, csat.Active},
	{[5]uint64{2, 2, 1, 1, 0}, 1, csat.AtRisk}, {[5]uint64{1, 2, 2, 1, 0}, 2, csat.AtRisk},
	{[5]uint64{2, 1, 2, 1, 0}, 0, csat.AtRisk}, {[5]uint64{1, 3, 1, 1, 0}, 1, csat.AtRisk},
	{[5]uint64{2, 1, 2, 1, 0}, 2, csat.Lost}, {[5]uint64{1, 2, 2, 1, 0}, 1, csat.Lost},
	{[5]uint64{1, 1, 3, 1, 0}, 3, csat.Lost}, {[5]uint64{1, 2, 2, 1, 0}, 2, csat.Lost},
	{[5]uint64{1, 1, 2, 1, 1}, 4, csat.Lost}, {[5]uint64{0, 1, 2, 2, 1}, 3, csat.Lost},
}

// The benchmarks, in the order analysis.Benchmarks gives them (by
// figure, item, kind): the overall degree (916/1200) against the industry
// average 75% (above, +4/3 ≈ +1.33 pp), the industry leader 85% (below,
// ≈ −8.67 pp) and the world leader 90% (below, ≈ −13.67 pp); the overall
// rate (104/120) against the industry average 82% (above, ≈ +4.67 pp)
// and the world leader 95% (below, ≈ −8.33 pp); 交货期's degree (58%)
// against the industry average 58% (level, 0) and the industry leader
// 75% (below, −17 pp).
var priorityBenchmarks = []struct {
	figure int // 0 degree, 1 rate
	item   string
	kind   analysis.BenchmarkKind
	value  string
}{
	{0, "", analysis.IndustryAverage, "0.75"}, {0, "", analysis.IndustryLeader, "0.85"}, {0, "", analysis.WorldLeader, "0.9"},
	{0, "交货期", analysis.IndustryAverage, "0.58"}, {0, "交货期", analysis.IndustryLeader, "0.75"},
	{1, "", analysis.IndustryAverage, "0.82"}, {1, "", analysis.WorldLeader, "0.95"},
}

var (
	prioritiesOnce sync.Once
	prioritiesRep  analysis.Report
)

// prioritiesReport is the priorities survey's report, built by
// analysis.Build (with a corrective action for 交货期 only), with its
// forms, importance, quadrant, churn figures and benchmarks filled in
// by hand as the analysis package describes them, and the caution for
// 包装, second on the fix-first list without a corrective action. It is
// shared: callers copy what they alter.
func prioritiesReport(tb testing.TB) analysis.Report {
	tb.Helper()
	prioritiesOnce.Do(func() {
		tab := csat.NewTable(csat.FivePoint())
		addCounts(tb, tab, csat.SourceSurvey, prioritySurvey)
		rep := build(tb, analysis.Input{Period: "2026H1", Table: tab,
			Headlines: []analysis.Headline{{Scorer: scoreOnly{csat.Degree{}}}, {Scorer: csat.Rate{}}},
			Actions: []analysis.Action{{Item: "交货期", Kind: analysis.Corrective, Cause: "供应商延迟", Action: "认证第二供应商",
				Owner: "生产部", Due: time.Date(2026, 8, 31, 0, 0, 0, 0, time.UTC), Status: analysis.InProgress}}})
		fc := analysis.SourceForms{Source: csat.SourceSurvey, Forms: 20, Answers: 120}
		for _, it := range slices.Sorted(maps.Keys(prioritySurvey)) { // in byte order, as the analysis package gives them
			fc.Items = append(fc.Items, analysis.ItemForms{Item: it, Answers: 20})
		}
		rep.Forms = &analysis.FormCounts{Sources: []analysis.SourceForms{fc}}
		rep.Importance, rep.Quadrant = priorityQuadrant(tb, rep)
		rep.Churn = churnFigures(tb)
		rep.Benchmarks = benchmarkGaps(tb, rep)
		rep.Cautions = append(rep.Cautions, analysis.Caution{Kind: analysis.CautionNoAction, Subject: "包装", N: []uint64{2}})
		prioritiesRep = rep
	})
	return prioritiesRep
}

// rat is a fraction result of num/den, exact.
func rat(tb testing.TB, label string, num, den int64) csat.Result {
	tb.Helper()
	r, err := csat.FromRat(label, csat.Fraction, big.NewRat(num, den))
	if err != nil {
		tb.Fatal(err)
	}
	zh := fixtureZh[label]
	if item, ok := strings.CutPrefix(label, "Shapley share of R² of "); ok {
		zh = item + " 的 Shapley R² 份额"
	}
	if zh == "" { // the library's own label ("degree 满意度") or a test's
		return r
	}
	return r.In("zh", zh, nil)
}

// benchmarkZh are the benchmarks' names in Chinese.
var benchmarkZh = map[string]string{"industry average": "行业平均", "industry leader": "行业领先", "world leader": "世界领先"}

// fixtureZh are the Chinese labels of the fixture's hand-built results,
// as the library would label them.
var fixtureZh = map[string]string{
	"R² of the overall question on the 6 items": "总体满意度对 6 个项目的 R²",
	"mean importance":                  "平均重要度",
	"Shapley share":                    "Shapley 份额",
	"mean degree":                      "平均满意度",
	"mean degree of active customers":  "在用客户的平均满意度",
	"mean degree of at-risk customers": "有流失风险客户的平均满意度",
	"mean degree of lost customers":    "流失客户的平均满意度",
}

// surveyDegree returns the survey's degree of an item ("" overall).
func surveyDegree(tb testing.TB, rep analysis.Report, item string, figure int) csat.Result {
	tb.Helper()
	for _, sf := range rep.Sources {
		if sf.Source != csat.SourceSurvey {
			continue
		}
		if item == "" {
			return sf.Overall.Figures[figure].Score
		}
		for _, it := range sf.Items {
			if it.Item == item {
				return it.Figures[figure].Score
			}
		}
	}
	tb.Fatalf("no survey figure of %q", item)
	return csat.Result{}
}

// priorityQuadrant returns the Shapley importance of the priorities
// survey (with made-up 95% bootstrap intervals of ± 4 points) and its
// quadrant, cut at the means.
func priorityQuadrant(tb testing.TB, rep analysis.Report) (*importance.Set, *analysis.QuadrantReport) {
	tb.Helper()
	r2 := rat(tb, "R² of the overall question on the 6 items", 41, 60)
	set := &importance.Set{Method: "shapley", Source: csat.SourceSurvey, Target: "overall", Deletion: "listwise", Forms: 20, R2: &r2}
	q := &analysis.QuadrantReport{Method: "shapley", Source: csat.SourceSurvey,
		Importance:  analysis.Cut{Rule: analysis.CutMean, Value: rat(tb, "mean importance", 41, 360)},
		Performance: analysis.Cut{Rule: analysis.CutMean, Value: rat(tb, "mean degree", 458, 600)},
		FixFirst:    []string{"交货期", "包装"}}
	for i, s := range priorityShares {
		v := rat(tb, "Shapley share of R² of "+s.item, s.num, s.den)
		low := v.Value().Sub(dec("0.04"))
		iv := csat.Interval{Method: "percentile bootstrap", Level: dec("0.95"), Estimate: v, Low: decimal.Max(low, decimal.Zero), High: v.Value().Add(dec("0.04"))}
		set.Items = append(set.Items, importance.Item{Item: s.item, Value: v, Interval: &iv, Rank: i + 1})
		perf := surveyDegree(tb, rep, s.item, 0)
		gap, err := csat.Difference("gap", q.Performance.Value, perf)
		if err != nil {
			tb.Fatal(err)
		}
		gap = gap.In("zh", "差距", nil)
		q.Items = append(q.Items, analysis.QuadrantItem{Item: s.item, Importance: v, Performance: perf, Zone: s.zone, Gap: gap})
	}
	return set, q
}

// churnFigures returns the churn figures of churnCustomers, with two
// customers presumed active, one customer with a status but no answers
// and 3 complaints outside.
func churnFigures(tb testing.TB) *analysis.ChurnFigures {
	tb.Helper()
	cf := &analysis.ChurnFigures{Source: csat.SourceSurvey, Presumed: 2, OutsideCustomers: 1, OutsideComplaints: 3}
	for i, c := range churnCustomers {
		var pts int64
		for lvl, n := range c.counts {
			pts += int64(n) * int64(10-2*lvl)
		}
		d, err := csat.Quotient("degree 满意度", csat.Fraction, decimal.NewFromInt(pts), decimal.NewFromInt(60))
		if err != nil {
			tb.Fatal(err)
		}
		cf.Customers = append(cf.Customers, analysis.ChurnCustomer{Customer: fmt.Sprintf("C%02d", i+1), Answers: 6, Counts: c.counts[:],
			Degree: d, Complaints: c.complaints, Status: c.status})
	}
	active, risk, lost := rat(tb, "mean degree of active customers", 506, 600), rat(tb, "mean degree of at-risk customers", 176, 240),
		rat(tb, "mean degree of lost customers", 234, 360)
	cf.Statuses = []analysis.StatusFigure{
		{Status: csat.Active, Customers: 10, Mean: &active, Sample: analysis.SampleSmall},
		{Status: csat.AtRisk, Customers: 4, Mean: &risk, Sample: analysis.SampleSuppressed},
		{Status: csat.Lost, Customers: 6, Mean: &lost, Sample: analysis.SampleSmall},
	}
	diff, err := csat.Difference("active − lost", active, lost)
	if err != nil {
		tb.Fatal(err)
	}
	diff = diff.In("zh", "在用 − 流失", nil)
	cf.Test = &analysis.Comparison{Test: "Welch's t-test", Ours: active, Theirs: lost, Difference: diff,
		SE: dec("0.03858612300930075158"), Statistic: dec("5.01043686837188863781"), DF: dec("7.04347826086956521739"),
		PValue: dec("0.00151893212785797287"), Alpha: dec("0.05"), Significant: true}
	rho2, err := csat.FromRat("ρ²", csat.Points, big.NewRat(56448, 88105))
	if err != nil {
		tb.Fatal(err)
	}
	rho, err := csat.Approx("Spearman ρ", csat.Points, dec("-0.80043118735666901109"))
	if err != nil {
		tb.Fatal(err)
	}
	cf.Spearman = &analysis.RankCorrelation{N: 20, RhoSquared: rho2, Rho: rho, T: dec("-5.66533576358998396934"), DF: 18,
		PValue: dec("0.00002252587111817290"), Alpha: dec("0.05"), Significant: true}
	return cf
}

// benchmarkGaps returns the gaps of priorityBenchmarks, as
// analysis.Benchmarks computes them: ours − theirs, exact, the standing
// by its sign.
func benchmarkGaps(tb testing.TB, rep analysis.Report) []analysis.BenchmarkGap {
	tb.Helper()
	var out []analysis.BenchmarkGap
	for _, b := range priorityBenchmarks {
		ours := surveyDegree(tb, rep, b.item, b.figure)
		theirs, err := csat.Given(b.kind.String(), ours.Kind(), dec(b.value))
		if err != nil {
			tb.Fatal(err)
		}
		theirs = theirs.In("zh", benchmarkZh[b.kind.String()], nil)
		gap, err := csat.Difference("gap to "+b.kind.String(), ours, theirs)
		if err != nil {
			tb.Fatal(err)
		}
		gap = gap.In("zh", "与"+benchmarkZh[b.kind.String()]+"的差距", nil)
		out = append(out, analysis.BenchmarkGap{Figure: ours.Label(), Item: b.item, Kind: b.kind, Ours: ours, Theirs: theirs, Gap: gap,
			Standing: [...]analysis.Standing{analysis.Below, analysis.Level, analysis.Above}[gap.Rat().Sign()+1]})
	}
	return out
}
