package htmlreport_test

import (
	"sync"
	"testing"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/shopspring/decimal"
)

// The method's worked survey (METHOD.md §2), split per item as METHOD.md
// prints it, very satisfied first: 10, 5, 6, 3, 1 answers in all, so
// degree (10×10 + 5×8 + 6×6 + 3×4 + 1×2) / 250 = 190/250 = 76% and rate
// 21/25 = 84%.
var workedSurvey = map[string][5]uint64{
	"功能":   {3, 1, 0, 1, 0},
	"外观":   {3, 1, 1, 0, 0},
	"包装":   {2, 1, 1, 0, 1},
	"交货期":  {0, 0, 4, 1, 0},
	"服务质量": {2, 2, 0, 1, 0},
}

// A self-assessment of 50 answers, 20, 20, 5, 5, 0 in all: degree
// (20×10 + 20×8 + 5×6 + 5×4) / 500 = 410/500 = 82%, rate 45/50 = 90%;
// blended 40/60 with the survey: 0.4×82% + 0.6×76% = 78.4% and
// 0.4×90% + 0.6×84% = 86.4% (METHOD.md §3).
var workedSelf = map[string][5]uint64{
	"功能":   {5, 4, 1, 0, 0},
	"外观":   {4, 4, 1, 1, 0},
	"包装":   {3, 5, 1, 1, 0},
	"交货期":  {3, 3, 1, 3, 0},
	"服务质量": {5, 4, 1, 0, 0},
}

// A competitor rated on the same forms, 12 answers per item (above the
// plan's minimum of 10, so no warning).
var workedCompetitor = map[string][5]uint64{
	"功能":   {3, 4, 3, 1, 1},
	"外观":   {2, 5, 3, 2, 0},
	"包装":   {4, 4, 2, 1, 1},
	"交货期":  {5, 4, 2, 1, 0},
	"服务质量": {2, 3, 4, 2, 1},
}

// addCounts adds counts per item (very satisfied first) for one source.
func addCounts(tb testing.TB, t *csat.Table, src string, rows map[string][5]uint64) {
	tb.Helper()
	for item, counts := range rows {
		for lvl, n := range counts {
			if n == 0 {
				continue
			}
			if err := t.AddN(item, src, lvl, n); err != nil {
				tb.Fatal(err)
			}
		}
	}
}

// surveyOnly is the worked survey alone.
func surveyOnly(tb testing.TB) *csat.Table {
	tb.Helper()
	t := csat.NewTable(csat.FivePoint())
	addCounts(tb, t, csat.SourceSurvey, workedSurvey)
	return t
}

// workedTable is the worked survey with the self-assessment and the
// competitor.
func workedTable(tb testing.TB) *csat.Table {
	tb.Helper()
	t := surveyOnly(tb)
	addCounts(tb, t, csat.SourceSelf, workedSelf)
	addCounts(tb, t, csat.SourceCompetitor, workedCompetitor)
	return t
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func at(day, hour int) time.Time { return time.Date(2026, 6, day, hour, 0, 0, 0, time.UTC) }

// fullInput is a period with every part of a report: the worked survey,
// self-assessment and competitor, two earlier periods, target
// histories, complaints, customers, actions, an NPS and customer values.
func fullInput(tb testing.TB) analysis.Input {
	tb.Helper()
	h1, h2 := fixtureHistory(tb)
	customers := fixtureCustomers(tb)
	values := fixtureValues(tb)
	recommend := fixtureRecommend(tb)
	return analysis.Input{
		Period:  "2026H1",
		Table:   workedTable(tb),
		History: []csat.Period{{Name: "2025H1", Table: h1}, {Name: "2025H2", Table: h2}},
		Headlines: []analysis.Headline{
			{Scorer: csat.Degree{}, TargetHistory: []decimal.Decimal{dec("0.72"), dec("0.75"), dec("0.74"), dec("0.78")}},
			{Scorer: csat.Rate{}, TargetHistory: []decimal.Decimal{dec("0.84"), dec("0.88"), dec("0.86"), dec("0.90")}},
		},
		Customers: customers,
		Complaints: []csat.Complaint{
			{ID: "T-01", Customer: "C001 华东机械", Received: at(2, 9), FirstResponse: at(2, 11), Resolved: at(2, 20), Channel: "phone", Category: "quality", Outcome: csat.HandledVerySatisfied},
			{ID: "T-02", Customer: "C003 南方塑业", Received: at(5, 8), FirstResponse: at(5, 16), Resolved: at(8, 12), Channel: "e-mail", Category: "delivery", Outcome: csat.HandledBasicallySatisfied},
			{ID: "T-03", Customer: "C003 南方塑业", Received: at(12, 10), FirstResponse: at(12, 12), Resolved: at(13, 9), Channel: "visit", Category: "service", Outcome: csat.HandledSatisfied},
			{ID: "T-04", Customer: "C006 中原电气", Received: at(20, 14), FirstResponse: at(21, 9), Resolved: at(24, 17), Channel: "phone", Category: "packaging", Outcome: csat.HandledDissatisfied},
			{ID: "T-05", Customer: "C001 华东机械", Received: at(27, 9), FirstResponse: at(27, 10), Channel: "phone", Category: "delivery", Outcome: csat.NotHandled},
		},
		ComplaintOptions: &analysis.ComplaintOptions{AsOf: at(30, 18)},
		Actions: []analysis.Action{
			{Item: "交货期", Kind: analysis.Corrective, Cause: "一家原料供应商延迟交货 late raw material from one supplier",
				Action: "认证第二供应商，每周交期评审 second supplier; weekly delivery review", Owner: "生产部 production",
				Due: time.Date(2026, 8, 31, 0, 0, 0, 0, time.UTC), Status: analysis.InProgress},
			{Item: "包装", Kind: analysis.Preventive, Cause: "运输途中包装破损 damage in transit",
				Action: "加固外包装，改用托盘 reinforced cartons on pallets", Owner: "物流部 logistics",
				Due: time.Date(2026, 7, 15, 0, 0, 0, 0, time.UTC), Status: analysis.Planned},
		},
		Loyalty:     []csat.LoyaltyMetric{csat.NPS{}},
		LoyaltyData: csat.LoyaltyData{Recommend: recommend},
		Values:      values,
	}
}

// fixtureHistory returns the surveys of the two periods before fullInput's.
func fixtureHistory(tb testing.TB) (h1, h2 *csat.Table) {
	tb.Helper()
	h1 = csat.NewTable(csat.FivePoint())
	addCounts(tb, h1, csat.SourceSurvey, map[string][5]uint64{
		"功能": {2, 1, 1, 1, 0}, "外观": {2, 2, 1, 0, 0}, "包装": {1, 2, 1, 0, 1},
		"交货期": {0, 0, 3, 1, 1}, "服务质量": {1, 2, 1, 1, 0},
	})
	h2 = csat.NewTable(csat.FivePoint())
	addCounts(tb, h2, csat.SourceSurvey, map[string][5]uint64{
		"功能": {3, 1, 1, 0, 0}, "外观": {2, 2, 1, 0, 0}, "包装": {2, 1, 1, 0, 1},
		"交货期": {0, 1, 2, 2, 0}, "服务质量": {1, 2, 1, 1, 0},
	})
	return h1, h2
}

// fixtureCustomers returns five customers scored by the PVC method.
func fixtureCustomers(tb testing.TB) []csat.CustomerScore {
	tb.Helper()
	var customers []csat.CustomerScore
	scorer := csat.PVCCustomerScorer()
	q := func(quality, pack, use, rec, proc, price, trans, prob, tech string) map[string]decimal.Decimal {
		return map[string]decimal.Decimal{"品质": dec(quality), "包装": dec(pack), "使用性": dec(use),
			"接待": dec(rec), "程序": dec(proc), "价格和付款": dec(price),
			"运输": dec(trans), "问题处理": dec(prob), "技术支持和服务": dec(tech)}
	}
	for _, c := range []csat.Customer{
		{ID: "C001 华东机械", Questionnaire: q("92", "85", "88", "80", "75", "60", "70", "65", "90"),
			Visit:      map[string]csat.VisitNote{"品质": {Level: "很满意"}, "包装": {Level: "比较不满意"}, "价格和付款": {Level: "比较满意"}},
			Complaints: []csat.Complaint{{Outcome: csat.HandledBasicallySatisfied}, {Outcome: csat.HandledVerySatisfied}, {Outcome: csat.NotHandled}}},
		{ID: "C002 北方化工", Questionnaire: q("95", "90", "92", "88", "85", "80", "90", "85", "92")},
		{ID: "C003 南方塑业", Questionnaire: q("70", "60", "65", "70", "60", "55", "50", "45", "60"),
			Visit: map[string]csat.VisitNote{"问题处理": {Level: "不满意"}, "运输": {Level: "比较不满意"}}, Status: csat.AtRisk},
		{ID: "C004 西部建材", Visit: map[string]csat.VisitNote{"品质": {Level: "满意"}}, Status: csat.Lost},
		{ID: "C005 东海管业", Questionnaire: q("85", "80", "82", "78", "80", "70", "75", "80", "85")},
	} {
		s, err := scorer.Score(c)
		if err != nil {
			tb.Fatal(err)
		}
		customers = append(customers, s)
	}
	return customers
}

// fixtureValues returns the customer values (CLV) of seven customers.
func fixtureValues(tb testing.TB) []csat.CustomerValue {
	tb.Helper()
	var values []csat.CustomerValue
	for _, v := range []struct {
		id    string
		value string
	}{{"C001 华东机械", "50"}, {"C002 北方化工", "20"}, {"C003 南方塑业", "10"}, {"C005 东海管业", "8"},
		{"C006 中原电气", "5"}, {"C007 滨海包装", "4"}, {"C008 江南纺织", "3"}} {
		r, err := csat.Given("CLV", csat.Points, dec(v.value))
		if err != nil {
			tb.Fatal(err)
		}
		values = append(values, csat.CustomerValue{ID: v.id, Value: r})
	}
	return values
}

// fixtureRecommend returns the answers to "would you recommend us" of
// fullInput's NPS.
func fixtureRecommend(tb testing.TB) csat.Tally {
	tb.Helper()
	recommend := csat.NewTally(csat.NPSScale())
	for points, n := range map[int]uint64{10: 30, 9: 20, 8: 15, 7: 10, 5: 10, 3: 5} {
		if err := recommend.AddN(points, n); err != nil {
			tb.Fatal(err)
		}
	}
	return recommend
}

// build builds the report of in, failing the test on error.
func build(tb testing.TB, in analysis.Input) analysis.Report {
	tb.Helper()
	r, err := analysis.Build(in)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// The full report takes about a second to build (18 t-intervals, each
// with a t quantile computed in decimals), so tests share one.
var (
	fullOnce sync.Once
	fullRep  analysis.Report
	fullErr  error
)

// full returns the report of fullInput, built once, with its forms
// (withForms). It is shared: callers copy what they alter.
func full(tb testing.TB) analysis.Report {
	tb.Helper()
	fullOnce.Do(func() {
		fullRep, fullErr = analysis.Build(fullInput(tb))
		if fullErr == nil {
			fullRep = withForms(tb, fullRep)
		}
	})
	if fullErr != nil || fullRep.Period == "" {
		tb.Fatalf("building the full report: %v", fullErr)
	}
	return fullRep
}

// scoreOnly hides a scorer's interval: the report then computes none,
// which keeps tests that build many reports fast.
type scoreOnly struct{ csat.Scorer }
