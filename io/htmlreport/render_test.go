package htmlreport_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"html"
	"math"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/io/htmlreport"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// render renders r, failing the test on error.
func render(tb testing.TB, r analysis.Report, opts htmlreport.Options) string {
	tb.Helper()
	var buf bytes.Buffer
	if err := htmlreport.Render(&buf, r, opts); err != nil {
		tb.Fatal(err)
	}
	return buf.String()
}

var (
	sectionRE = regexp.MustCompile(`<section class="sec[^"]*" id="(\w+)">`)
	chartsRE  = regexp.MustCompile(`(?s)<script type="application/json" id="csat-charts">(.*?)</script>`)
	cardRE    = regexp.MustCompile(`<div class="card-value">([^<]*)</div>`)
)

// sections returns the ids of a page's sections, in order.
func sections(page string) []string {
	var ids []string
	for _, m := range sectionRE.FindAllStringSubmatch(page, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// chart is a chart of the page as its script reads it.
type chart struct {
	ID     string         `json:"id"`
	Kind   string         `json:"kind"`
	Height int            `json:"height"`
	Option map[string]any `json:"option"`
}

// charts decodes the page's chart options.
func charts(tb testing.TB, page string) []chart {
	tb.Helper()
	m := chartsRE.FindStringSubmatch(page)
	if m == nil {
		tb.Fatal("the page has no chart data")
	}
	var cs []chart
	if err := json.Unmarshal([]byte(m[1]), &cs); err != nil {
		tb.Fatalf("chart data: %v", err)
	}
	return cs
}

func chartIDs(cs []chart) []string {
	ids := []string{}
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return ids
}

// sectionCase is a report and the sections, charts and texts its page
// has and has not.
type sectionCase struct {
	name     string
	in       func(testing.TB) analysis.Input // nil for full
	strip    bool                            // the report without levels and counts
	sections []string
	charts   []string
	has      []string
	hasNot   []string
}

// noDissatisfied is a survey without dissatisfied answers.
func noDissatisfied(tb testing.TB) *csat.Table {
	tb.Helper()
	tab := csat.NewTable(csat.FivePoint())
	addCounts(tb, tab, csat.SourceSurvey, map[string][5]uint64{"功能": {3, 1, 1, 0, 0}, "外观": {2, 2, 1, 0, 0}})
	return tab
}

// plannedAction is a preventive action of item 功能.
var plannedAction = analysis.Action{Item: "功能", Kind: analysis.Preventive, Action: "复核图纸", Owner: "技术部",
	Due: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), Status: analysis.Planned}

var sectionCases = []sectionCase{
	{
		name:     "survey only",
		in:       func(tb testing.TB) analysis.Input { return analysis.Input{Period: "2026H1", Table: surveyOnly(tb)} },
		sections: []string{"overall", "items", "likert", "pareto"},
		charts:   []string{"chart-likert", "chart-pareto"},
		// A small survey: its main areas of dissatisfaction rest on fewer
		// than 30 answers, which the warnings say in the report's language.
		has:    []string{"各项目满意程度分布", "很不满意", "注意事项", "样本偏少（少于 30 答项）的主要不满意项目"},
		hasNot: []string{"加权计算", "自评与检查的差距", "纠正和预防措施", "年度目标", "small sample"},
	},
	{
		// A report not built by analysis.Build may lack the levels and
		// counts: it has no distribution, and the rest renders.
		name:     "no levels or counts",
		in:       func(tb testing.TB) analysis.Input { return analysis.Input{Period: "2026H1", Table: surveyOnly(tb)} },
		strip:    true,
		sections: []string{"overall", "items", "pareto"},
		charts:   []string{"chart-pareto"},
		hasNot:   []string{"各项目满意程度分布"},
	},
	{
		name: "no dissatisfied answers",
		in: func(tb testing.TB) analysis.Input {
			return analysis.Input{Period: "2026H1", Table: noDissatisfied(tb)}
		},
		sections: []string{"overall", "items", "likert"},
		charts:   []string{"chart-likert"},
	},
	{
		name: "actions without dissatisfaction",
		in: func(tb testing.TB) analysis.Input {
			return analysis.Input{Period: "2026H1", Table: noDissatisfied(tb), Actions: []analysis.Action{plannedAction}}
		},
		sections: []string{"overall", "items", "likert", "pareto"},
		charts:   []string{"chart-likert"},
		has:      []string{"本期检查无不满意答项。", "复核图纸", "纠正和预防措施"},
	},
	{
		name: "targets without history",
		in: func(tb testing.TB) analysis.Input {
			return analysis.Input{Period: "2026H1", Table: workedTable(tb),
				Headlines: []analysis.Headline{{Scorer: csat.Degree{},
					TargetHistory: []decimal.Decimal{dec("0.82"), dec("0.85"), dec("0.78"), dec("0.88"), dec("0.90"), dec("0.80")}}, {Scorer: csat.Rate{}}}}
		},
		sections: []string{"overall", "items", "likert", "pareto", "competitor", "trend"},
		charts:   []string{"chart-likert", "chart-pareto", "chart-competitor"},
		// METHOD.md §10: history 82, 85, 78, 88, 90, 80 (as
		// fractions) → mean 83.83…%, advanced mean 87.67…%, target
		// 85.75%; the overall degree 78.4% misses it.
		has:    []string{"85.75%", "年度目标（平均先进指标）", "未达成", "加权计算", "自评与检查的差距"},
		hasNot: []string{"比上期"},
	},
	{
		name:     "everything",
		in:       nil,
		sections: []string{"overall", "items", "likert", "groups", "response", "pareto", "competitor", "trend", "control", "complaints", "customers", "segments", "loyalty"},
		charts:   []string{"chart-likert", "chart-groups-1", "chart-groups-2", "chart-pareto", "chart-competitor", "chart-trend", "chart-control", "chart-outcomes", "chart-bands", "chart-segments"},
		has:      []string{"比上期", "2025H1", "C003 南方塑业", "T-05", "NPS", "纠正和预防措施"},
	},
}

// TestSections checks that each section appears exactly when the report
// has its data, with its charts, and nothing else.
func TestSections(t *testing.T) {
	for _, tc := range sectionCases {
		t.Run(tc.name, func(t *testing.T) {
			page := render(t, tc.report(t), htmlreport.Options{})
			if diff := cmp.Diff(tc.sections, sections(page)); diff != "" {
				t.Errorf("sections (-want +got):\n%s", diff)
			}
			checkCharts(t, page, tc.charts)
			for _, s := range tc.has {
				if !strings.Contains(page, s) {
					t.Errorf("page lacks %q", s)
				}
			}
			for _, s := range tc.hasNot {
				if strings.Contains(page, s) {
					t.Errorf("page has %q", s)
				}
			}
		})
	}
}

// report builds the case's report: without intervals, and without levels
// and counts if strip.
func (tc sectionCase) report(t *testing.T) analysis.Report {
	t.Helper()
	var rep analysis.Report
	if tc.in == nil {
		rep = full(t)
	} else {
		in := tc.in(t)
		// Sections do not depend on intervals, which are slow: the
		// degree without its interval, each headline keeping its
		// target history.
		hs := []analysis.Headline{{Scorer: scoreOnly{csat.Degree{}}}, {Scorer: csat.Rate{}}}
		for i := range in.Headlines {
			hs[i].TargetHistory = in.Headlines[i].TargetHistory
		}
		in.Headlines = hs
		rep = build(t, in)
	}
	if tc.strip {
		rep.Levels = nil
		for i := range rep.Sources {
			sf := &rep.Sources[i]
			sf.Overall.Counts = nil
			for k := range sf.Items {
				sf.Items[k].Counts = nil
			}
		}
	}
	return rep
}

// checkCharts checks that the page has the charts of the given ids, in
// order, each with its element and not animated, and no other chart
// element.
func checkCharts(t *testing.T, page string, ids []string) {
	t.Helper()
	cs := charts(t, page)
	if diff := cmp.Diff(ids, chartIDs(cs)); diff != "" {
		t.Errorf("charts (-want +got):\n%s", diff)
	}
	for _, c := range cs {
		if !strings.Contains(page, `<div class="chart" id="`+c.ID+`"`) {
			t.Errorf("chart %s has no element", c.ID)
		}
		if c.Option["animation"] != false {
			t.Errorf("chart %s is animated", c.ID)
		}
	}
	if n := strings.Count(page, `<div class="chart" `); n != len(cs) {
		t.Errorf("%d chart elements for %d charts", n, len(cs))
	}
}

// TestHeadline checks the headline cards and the overall table against
// the method's worked figures, computed by hand in fixture_test.go.
func TestHeadline(t *testing.T) {
	rep := full(t)
	page := render(t, rep, htmlreport.Options{})
	var cards []string
	for _, m := range cardRE.FindAllStringSubmatch(page, 4) {
		cards = append(cards, m[1])
	}
	if diff := cmp.Diff([]string{"78.4%", "86.4%", "76.0%", "84.0%"}, cards); diff != "" {
		t.Errorf("headline cards (-want +got):\n%s", diff)
	}
	for _, want := range []string{
		"0.4×82% + 0.6×76%", "0.4×90% + 0.6×84%", // the blend's formulas
		"(10×10 + 5×8 + 6×6 + 3×4 + 1×2) / (25×10) = 190/250 = 76%", // the derivation
		"(20×10 + 20×8 + 5×6 + 5×4 + 0×2) / (50×10) = 410/500 = 82%",
		"1 (4.0%)", "10 (40.0%)", // 很不满意 1 of 25, 很满意 10 of 25, one place
	} {
		if !strings.Contains(html.UnescapeString(page), want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Without a self-assessment the survey's figures are the headline.
	page = render(t, build(t, analysis.Input{Period: "2026H1", Table: surveyOnly(t)}), htmlreport.Options{})
	cards = nil
	for _, m := range cardRE.FindAllStringSubmatch(page, -1) {
		cards = append(cards, m[1])
	}
	if diff := cmp.Diff([]string{"76.0%", "84.0%"}, cards); diff != "" {
		t.Errorf("survey-only cards (-want +got):\n%s", diff)
	}
}

// likertOf returns the page's distribution chart and the rows of its
// table of counts (item, counts worst level first, answers).
func likertOf(tb testing.TB, page string) (chart, [][]string) {
	tb.Helper()
	var likert *chart
	for _, c := range charts(tb, page) {
		if c.ID == "chart-likert" {
			likert = &c
		}
	}
	if likert == nil {
		tb.Fatal("no likert chart")
	}
	sec := likertSecRE.FindString(page)
	var rows [][]string
	for _, tr := range rowRE.FindAllString(sec, -1) {
		var row []string
		for _, c := range cellRE.FindAllStringSubmatch(tr, -1) {
			row = append(row, html.UnescapeString(c[1]))
		}
		rows = append(rows, row)
	}
	return *likert, rows
}

var (
	likertSecRE = regexp.MustCompile(`(?s)<section class="sec" id="likert">.*?</section>`)
	rowRE       = regexp.MustCompile(`(?s)<tr[ >].*?</tr>`)
	cellRE      = regexp.MustCompile(`<t[hd][^>]*>([^<]*)</t[hd]>`)
)

// series returns a chart's series data by series name.
func series(c chart) map[string][]any {
	got := map[string][]any{}
	for _, s := range c.Option["series"].([]any) {
		s := s.(map[string]any)
		got[s["name"].(string)] = s["data"].([]any)
	}
	return got
}

// TestLikertChart checks the distribution chart's numbers, drawn from
// the report alone: shares of each item's survey answers in percent,
// dissatisfied levels negative, and the table of counts, worst level
// first.
func TestLikertChart(t *testing.T) {
	likert, rows := likertOf(t, render(t, full(t), htmlreport.Options{}))
	// Rows: all items (10, 5, 6, 3, 1 of 25), then 交货期 (0, 0, 4, 1,
	// 0 of 5), 功能, 包装, 外观, 服务质量 (fixture_test.go).
	want := map[string][]any{
		"很满意":  {40.0, 0.0, 60.0, 40.0, 60.0, 40.0},
		"满意":   {20.0, 0.0, 20.0, 20.0, 20.0, 40.0},
		"基本满意": {24.0, 80.0, 0.0, 20.0, 20.0, 0.0},
		"不满意":  {-12.0, -20.0, -20.0, 0.0, 0.0, -20.0},
		"很不满意": {-4.0, 0.0, 0.0, -20.0, 0.0, 0.0},
	}
	if diff := cmp.Diff(want, series(likert)); diff != "" {
		t.Errorf("likert series (-want +got):\n%s", diff)
	}
	names := likert.Option["yAxis"].(map[string]any)["data"]
	if diff := cmp.Diff([]any{"全部项目", "交货期", "功能", "包装", "外观", "服务质量"}, names); diff != "" {
		t.Errorf("likert rows (-want +got):\n%s", diff)
	}
	wantRows := [][]string{
		{"项目", "很不满意", "不满意", "基本满意", "满意", "很满意", "答项数"},
		{"全部项目", "1 (4.0%)", "3 (12.0%)", "6 (24.0%)", "5 (20.0%)", "10 (40.0%)", "25"},
		{"交货期", "0 (0.0%)", "1 (20.0%)", "4 (80.0%)", "0 (0.0%)", "0 (0.0%)", "5"},
		{"功能", "0 (0.0%)", "1 (20.0%)", "0 (0.0%)", "1 (20.0%)", "3 (60.0%)", "5"},
		{"包装", "1 (20.0%)", "0 (0.0%)", "1 (20.0%)", "1 (20.0%)", "2 (40.0%)", "5"},
		{"外观", "0 (0.0%)", "0 (0.0%)", "1 (20.0%)", "1 (20.0%)", "3 (60.0%)", "5"},
		{"服务质量", "0 (0.0%)", "1 (20.0%)", "0 (0.0%)", "2 (40.0%)", "2 (40.0%)", "5"},
	}
	if diff := cmp.Diff(wantRows, rows); diff != "" {
		t.Errorf("likert table (-want +got):\n%s", diff)
	}
}

// TestLikertScale draws the distribution on a scale of its own whose
// levels are listed neither best nor worst first: the chart and the
// table order the levels by points, worst first, and stack each side
// outwards from zero.
func TestLikertScale(t *testing.T) {
	sc, err := csat.NewScale("three", dec("10"), []csat.Level{
		{Key: "no", Label: "no", LabelZH: "否", Points: dec("0")},
		{Key: "yes", Label: "yes", LabelZH: "是", Points: dec("10"), Satisfied: true},
		{Key: "partly", Label: "partly", LabelZH: "部分", Points: dec("5"), Satisfied: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	tab := csat.NewTable(sc)
	// a: no 1, yes 2, partly 1 (of 4); b: yes 3, partly 1 (of 4).
	for _, a := range []struct {
		item  string
		level int
		n     uint64
	}{{"a", 0, 1}, {"a", 1, 2}, {"a", 2, 1}, {"b", 1, 3}, {"b", 2, 1}} {
		if err := tab.AddN(a.item, csat.SourceSurvey, a.level, a.n); err != nil {
			t.Fatal(err)
		}
	}
	rep := build(t, analysis.Input{Period: "P", Table: tab, Headlines: []analysis.Headline{{Scorer: scoreOnly{csat.Degree{}}}, {Scorer: csat.Rate{}}}})
	likert, rows := likertOf(t, render(t, rep, htmlreport.Options{Lang: "en"}))
	// All items: no 1, yes 5, partly 2 of 8 → −12.5%, 62.5%, 25%.
	want := map[string][]any{"no": {-12.5, -25.0, 0.0}, "partly": {25.0, 25.0, 25.0}, "yes": {62.5, 50.0, 75.0}}
	if diff := cmp.Diff(want, series(likert)); diff != "" {
		t.Errorf("series (-want +got):\n%s", diff)
	}
	var order []string
	for _, s := range likert.Option["series"].([]any) {
		order = append(order, s.(map[string]any)["name"].(string))
	}
	// Stacked from zero outwards: partly then yes right, no left.
	if diff := cmp.Diff([]string{"partly", "yes", "no"}, order); diff != "" {
		t.Errorf("stacking order (-want +got):\n%s", diff)
	}
	wantRows := [][]string{
		{"Item", "no", "partly", "yes", "Answers"},
		{"All items", "1 (12.5%)", "2 (25.0%)", "5 (62.5%)", "8"},
		{"a", "1 (25.0%)", "1 (25.0%)", "2 (50.0%)", "4"},
		{"b", "0 (0.0%)", "1 (25.0%)", "3 (75.0%)", "4"},
	}
	if diff := cmp.Diff(wantRows, rows); diff != "" {
		t.Errorf("table (-want +got):\n%s", diff)
	}
}

// cardChipRE matches a headline card: its label, value and chip.
var cardChipRE = regexp.MustCompile(`<div class="card-label">([^<]*)</div><div class="card-value">[^<]*</div>(?:<div class="card-sub">[^<]*</div>)?(?:<div class="chip (\w+)">([^<]*)</div>)?</div>`)

// chips returns the chips of the four headline cards ("" for none).
func chips(tb testing.TB, page string) []string {
	tb.Helper()
	var out []string
	for _, m := range cardChipRE.FindAllStringSubmatch(page, 4) {
		out = append(out, html.UnescapeString(m[3]))
	}
	if len(out) != 4 {
		tb.Fatalf("%d headline cards, want 4", len(out))
	}
	return out
}

// TestTargets checks that a target goes with the headline figure its
// index names (TargetFigure.Figure) and the figure it was compared
// against (the blend or the survey).
func TestTargets(t *testing.T) {
	rep := full(t)
	// METHOD.md §10 on fullInput's histories: degree 72, 75, 74, 78 →
	// mean 74.75, advanced mean (75 + 78) / 2 = 76.5, target 75.625,
	// met by the blend's 78.4%; rate 84, 88, 86, 90 → mean 87, advanced
	// mean 89, target 88, missed by 86.4%.
	degreeChip := "✓ 达成"
	rateChip := "目标 88.0% ✗ 未达成"
	got := chips(t, render(t, rep, htmlreport.Options{}))
	if !strings.HasSuffix(got[0], degreeChip) || got[1] != rateChip || got[2] != "" || got[3] != "" {
		t.Errorf("chips %q, want the degree's met and %q on the blended cards", got, rateChip)
	}

	// The same targets with their indexes swapped go on the other cards,
	// and the table of targets names them by their new figures.
	swapped := rep
	swapped.Targets = slices.Clone(rep.Targets)
	swapped.Targets[0].Figure, swapped.Targets[1].Figure = 1, 0
	page := render(t, swapped, htmlreport.Options{})
	got = chips(t, page)
	if got[0] != rateChip || !strings.HasSuffix(got[1], degreeChip) {
		t.Errorf("swapped: chips %q, want %q first", got, rateChip)
	}
	if !regexp.MustCompile(`<tr><th scope="row">满意度</th><td class="num"><span[^>]*>87.0%</span>`).MatchString(page) {
		t.Error("swapped: the rate's target (mean 87%) is not named 满意度 in the table")
	}

	// Targets compared against the survey go on the survey's cards.
	survey := rep
	survey.Targets = slices.Clone(rep.Targets)
	for i := range survey.Targets {
		survey.Targets[i].Against = analysis.AgainstSurvey
	}
	got = chips(t, render(t, survey, htmlreport.Options{}))
	if got[0] != "" || got[1] != "" || !strings.HasSuffix(got[2], degreeChip) || got[3] != rateChip {
		t.Errorf("against the survey: chips %q, want them on the survey's cards", got)
	}

	// An index the report has no figure for puts the target on no card;
	// the table still lists it, named by its current figure.
	odd := rep
	odd.Targets = slices.Clone(rep.Targets)
	odd.Targets[0].Figure = 7
	page = render(t, odd, htmlreport.Options{})
	got = chips(t, page)
	if got[0] != "" || got[1] != rateChip {
		t.Errorf("index 7: chips %q, want none on the degree", got)
	}
	if !strings.Contains(page, `<tr><th scope="row">满意度</th>`) {
		t.Error("index 7: the target is not listed")
	}
}

// TestDeterministic checks that the same report gives the same bytes,
// also after a trip through JSON, and that the options' date is the
// only date on the page.
func TestDeterministic(t *testing.T) {
	rep := full(t)
	opts := htmlreport.Options{Organisation: "ACME", Generated: time.Date(2026, 7, 3, 0, 0, 0, 0, time.UTC)}
	a := render(t, rep, opts)
	if b := render(t, rep, opts); a != b {
		t.Error("two renders of the same report differ")
	}
	// A report built again from the same input, given in another order.
	again := fullInput(t)
	slices.Reverse(again.Customers)
	slices.Reverse(again.Complaints)
	slices.Reverse(again.Actions)
	if b := render(t, withForms(t, build(t, again)), opts); a != b {
		t.Error("a report built again renders differently")
	}
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back analysis.Report
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	// Read back from JSON, the report renders in full: the same bytes,
	// with the distribution of answers.
	if c := render(t, back, opts); c != a {
		t.Error("the report read back from JSON renders differently")
	}
	if !slices.Contains(sections(a), "likert") {
		t.Errorf("sections %q lack the distribution of answers", sections(a))
	}
	if !strings.Contains(a, "2026-07-03") {
		t.Error("the date of Options.Generated is missing")
	}
	if strings.Contains(render(t, rep, htmlreport.Options{}), "编制日期") {
		t.Error("a report without Options.Generated shows a date")
	}
}

// TestLanguages checks both languages' words and the title options.
func TestLanguages(t *testing.T) {
	rep := full(t)
	for _, tc := range []struct {
		opts   htmlreport.Options
		has    []string
		hasNot []string
	}{
		{htmlreport.Options{}, []string{`<html lang="zh-CN">`, "<h1>客户满意度检查分析报告</h1>", "整体满意度", "各项目满意度", "与竞争对手比较", "投诉处理", "计算过程"}, []string{"Overall satisfaction"}},
		{htmlreport.Options{Lang: "zh-CN"}, []string{`<html lang="zh-CN">`}, nil},
		{htmlreport.Options{Lang: "en"}, []string{`<html lang="en">`, "<h1>Customer Satisfaction Analysis Report</h1>", "Overall satisfaction", "Satisfaction by item", "Comparison with the competitor", "Complaints", "How each figure was computed"}, []string{"各项目满意度", "计算过程"}},
		{htmlreport.Options{Lang: "EN", Title: "Q2 customer review", Organisation: "ACME Ltd"}, []string{"<h1>Q2 customer review</h1>", `<div class="org">ACME Ltd</div>`, "<title>ACME Ltd · Q2 customer review · 2026H1</title>"}, []string{"<h1>Customer Satisfaction"}},
	} {
		page := render(t, rep, tc.opts)
		for _, s := range tc.has {
			if !strings.Contains(page, s) {
				t.Errorf("%+v: page lacks %q", tc.opts.Lang, s)
			}
		}
		for _, s := range tc.hasNot {
			if strings.Contains(page, s) {
				t.Errorf("%+v: page has %q", tc.opts.Lang, s)
			}
		}
	}
}

// TestEscaping renders user text that is HTML and checks that the page
// shows it as text and the charts carry it as data.
func TestEscaping(t *testing.T) {
	const evil = `<script>alert(1)</script>`
	const attr = `"><img src=x onerror=alert(2)>`
	tab := csat.NewTable(csat.FivePoint())
	addCounts(t, tab, csat.SourceSurvey, map[string][5]uint64{evil: {3, 1, 0, 1, 0}, "外观" + attr: {3, 1, 1, 0, 0}})
	r, err := csat.Given("CLV", csat.Points, dec("10"))
	if err != nil {
		t.Fatal(err)
	}
	in := analysis.Input{Period: "2026H1</title><script>alert(3)</script>", Table: tab,
		Actions: []analysis.Action{{Item: evil, Kind: analysis.Corrective, Cause: "</script><script>alert(4)</script>", Action: attr, Owner: "o",
			Due: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), Status: analysis.Done}},
		Values: []csat.CustomerValue{{ID: evil, Value: r}}}
	page := render(t, build(t, in), htmlreport.Options{Organisation: evil, Title: attr})
	// The page up to the chart library, which has markup of its own in
	// its strings.
	lib := strings.Index(page, "<script>/*! Apache ECharts")
	if lib < 0 {
		t.Fatal("no chart library")
	}
	for _, bad := range []string{evil, "<img", "alert(3)</script>", "<script>alert", "</script><script>"} {
		if strings.Contains(page[:lib], bad) {
			t.Errorf("the page contains %q unescaped", bad)
		}
	}
	if data := chartsRE.FindStringSubmatch(page); data == nil || strings.ContainsAny(data[1], "<>") {
		t.Error("the chart data holds < or > unescaped")
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the item name is not shown as text")
	}
	// In the chart data the name is exact (the script reads JSON).
	found := false
	for _, c := range charts(t, page) {
		js, err := json.Marshal(c.Option)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		var walk func(any)
		walk = func(v any) {
			switch v := v.(type) {
			case map[string]any:
				for _, x := range v {
					walk(x)
				}
			case []any:
				for _, x := range v {
					walk(x)
				}
			case string:
				names = append(names, v)
			}
		}
		var o any
		if err := json.Unmarshal(js, &o); err != nil {
			t.Fatal(err)
		}
		walk(o)
		for _, n := range names {
			found = found || n == evil
		}
	}
	if !found {
		t.Error("no chart carries the item name as data")
	}
	// The page has exactly its own three scripts.
	if n := strings.Count(page, "<script"); n != 3 {
		t.Errorf("%d <script elements, want 3", n)
	}
}

// TestErrors checks the errors and that nothing is written on error.
func TestErrors(t *testing.T) {
	rep := full(t)
	// withSurvey returns rep with its survey's figures changed by f
	// (on copies: rep is shared).
	withSurvey := func(f func(sf *analysis.SourceFigures)) analysis.Report {
		r := rep
		r.Sources = slices.Clone(rep.Sources)
		for i := range r.Sources {
			if sf := &r.Sources[i]; sf.Source == csat.SourceSurvey {
				sf.Overall.Counts = slices.Clone(sf.Overall.Counts)
				sf.Items = slices.Clone(sf.Items)
				for k := range sf.Items {
					sf.Items[k].Counts = slices.Clone(sf.Items[k].Counts)
				}
				f(sf)
			}
		}
		return r
	}
	noLevels := rep
	noLevels.Levels = nil
	for _, tc := range []struct {
		name string
		r    analysis.Report
		opts htmlreport.Options
		want error
		msg  string
	}{
		{"language", rep, htmlreport.Options{Lang: "fr"}, csat.ErrInvalid, `"fr"`},
		{"no period", analysis.Report{}, htmlreport.Options{}, csat.ErrMissing, "period"},
		{"no survey", analysis.Report{Period: "2026H1"}, htmlreport.Options{}, csat.ErrMissing, "survey"},
		// Counts that do not fit the levels or the answers.
		{"a count short", withSurvey(func(sf *analysis.SourceFigures) { sf.Overall.Counts = sf.Overall.Counts[:4] }),
			htmlreport.Options{}, csat.ErrInvalid, `"全部项目" has 4 counts for the report's 5 levels`},
		{"no counts", withSurvey(func(sf *analysis.SourceFigures) { sf.Items[1].Counts = nil }),
			htmlreport.Options{}, csat.ErrInvalid, `"功能" has 0 counts for the report's 5 levels`},
		{"counts without levels", noLevels, htmlreport.Options{}, csat.ErrInvalid, `has 5 counts for the report's 0 levels`},
		// 交货期 has 0, 0, 4, 1, 0: one more very satisfied makes 6.
		{"counts off the answers", withSurvey(func(sf *analysis.SourceFigures) { sf.Items[0].Counts[0]++ }),
			htmlreport.Options{}, csat.ErrInvalid, `counts for "交货期" add up to 6, not its 5 answers`},
		{"counts overflow", withSurvey(func(sf *analysis.SourceFigures) { sf.Items[0].Counts[0] = math.MaxUint64 }),
			htmlreport.Options{}, csat.ErrInvalid, `counts for "交货期" overflow`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := htmlreport.Render(&buf, tc.r, tc.opts)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %v, want one wrapping %v that names %s", err, tc.want, tc.msg)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written on error", buf.Len())
			}
		})
	}
	// A failing writer's error is returned.
	werr := errors.New("disk full")
	if err := htmlreport.Render(failWriter{werr}, rep, htmlreport.Options{}); !errors.Is(err, werr) {
		t.Errorf("error %v, want the writer's", err)
	}
}

type failWriter struct{ err error }

func (w failWriter) Write([]byte) (int, error) { return 0, w.err }

// TestRenderProperty renders random surveys, with and without a
// self-assessment: rendering never fails, is deterministic, and the
// headline shows the survey's figures as the library prints them.
func TestRenderProperty(t *testing.T) {
	t.Parallel() // beside TestBrowser, whose time is mostly Chromium's
	items := []string{"功能", "外观", "包装", "交货期", "服务质量"}
	rapid.Check(t, func(rt *rapid.T) {
		tab := csat.NewTable(csat.FivePoint())
		for _, src := range []string{csat.SourceSurvey, csat.SourceSelf} {
			if src == csat.SourceSelf && !rapid.Bool().Draw(rt, "self") {
				continue
			}
			for _, it := range items {
				for lvl := range 5 {
					n := rapid.Uint64Range(0, 40).Draw(rt, "n")
					if n == 0 {
						continue
					}
					if err := tab.AddN(it, src, lvl, n); err != nil {
						rt.Fatal(err)
					}
				}
			}
		}
		if _, err := tab.Total(csat.SourceSurvey); err != nil {
			rt.Skip("no survey answers")
		}
		rep, err := analysis.Build(analysis.Input{Period: "P", Table: tab,
			Headlines: []analysis.Headline{{Scorer: scoreOnly{csat.Degree{}}}, {Scorer: csat.Rate{}}}})
		if err != nil {
			rt.Skip(err.Error()) // e.g. no survey answers at all
		}
		lang := rapid.SampledFrom([]string{"zh", "en"}).Draw(rt, "lang")
		var a, b bytes.Buffer
		if err := htmlreport.Render(&a, rep, htmlreport.Options{Lang: lang}); err != nil {
			rt.Fatal(err)
		}
		if err := htmlreport.Render(&b, rep, htmlreport.Options{Lang: lang}); err != nil {
			rt.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			rt.Fatal("two renders differ")
		}
		// The page is read where it is: a copy of its megabyte takes
		// tens of ms under -race.
		page := a.Bytes()
		// The first card at one place from the exact value (big.Rat
		// rounds half away from zero), its trailing zero kept.
		first := rep.Sources[0].Overall.Figures[0].Score
		if len(rep.Overall) > 0 {
			first = rep.Overall[0]
		}
		want := new(big.Rat).Mul(first.Rat(), big.NewRat(100, 1)).FloatString(1) + "%"
		if m := cardRE.FindSubmatch(page); m == nil || html.UnescapeString(string(m[1])) != want {
			rt.Fatalf("first card %q, want %s", m, want)
		}
		if !bytes.Contains(page, []byte(`id="likert"`)) || !bytes.Contains(page, []byte("</html>")) {
			rt.Fatal("page incomplete")
		}
	})
}

// TestExpandDerivations checks that derivations are folded by default
// and open with the option, one list per section.
func TestExpandDerivations(t *testing.T) {
	rep := full(t)
	folded := render(t, rep, htmlreport.Options{})
	open := render(t, rep, htmlreport.Options{ExpandDerivations: true})
	n := len(sections(folded))
	if got := strings.Count(folded, `<details class="derivs">`); got != n {
		t.Errorf("%d folded derivation lists for %d sections", got, n)
	}
	if got := strings.Count(open, `<details class="derivs" open>`); got != n {
		t.Errorf("%d open derivation lists for %d sections", got, n)
	}
}

// TestEChartsInlined checks that the page carries the chart library
// whole, once, in its script after the licence note, even when the data
// holds the mark Render puts in its place (a NUL, which the page writes
// escaped wherever it writes data, and no page holds raw).
func TestEChartsInlined(t *testing.T) {
	mark := "\x00csat:echarts\x00"
	for _, opts := range []htmlreport.Options{{}, {Lang: "en", Organisation: mark, Title: mark, SignOff: htmlreport.SignOff{Prepared: mark}}} {
		page := render(t, full(t), opts)
		if n := strings.Count(page, htmlreport.EChartsJS); n != 1 {
			t.Fatalf("the page carries the chart library %d times, want once", n)
		}
		at := strings.Index(page, htmlreport.EChartsJS)
		if !strings.HasSuffix(page[:at], "*/\n") || !strings.HasPrefix(page[at+len(htmlreport.EChartsJS):], "</script>\n<script>") {
			t.Error("the chart library is not in its script, after the licence note")
		}
		if strings.Contains(page, "\x00") {
			t.Error("the page holds a raw NUL")
		}
	}
}
