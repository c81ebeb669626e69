package htmlreport_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/cmd/csat/htmlreport"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// render renders r, failing the test on error.
func render(tb testing.TB, r csat.Report, opts htmlreport.Options) string {
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

// TestSections checks that each section appears exactly when the report
// has its data, with its charts, and nothing else.
func TestSections(t *testing.T) {
	noDissatisfied := func(tb testing.TB) *csat.Table {
		tb.Helper()
		tab := csat.NewTable(csat.FivePoint())
		addCounts(tb, tab, csat.SourceSurvey, map[string][5]uint64{"功能": {3, 1, 1, 0, 0}, "外观": {2, 2, 1, 0, 0}})
		return tab
	}
	action := csat.Action{Item: "功能", Kind: csat.Preventive, Action: "复核图纸", Owner: "技术部",
		Due: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), Status: csat.Planned}
	for _, tc := range []struct {
		name     string
		in       func(testing.TB) csat.ReportInput
		table    bool
		sections []string
		charts   []string
		has      []string
		hasNot   []string
	}{
		{
			name:     "survey only",
			in:       func(tb testing.TB) csat.ReportInput { return csat.ReportInput{Period: "2026H1", Table: surveyOnly(tb)} },
			sections: []string{"overall", "items", "pareto"},
			charts:   []string{"chart-pareto"},
			hasNot:   []string{"加权计算", "自评与检查的差距", "纠正和预防措施", "年度目标", "注意事项"},
		},
		{
			name:     "survey with its table",
			in:       func(tb testing.TB) csat.ReportInput { return csat.ReportInput{Period: "2026H1", Table: surveyOnly(tb)} },
			table:    true,
			sections: []string{"overall", "items", "likert", "pareto"},
			charts:   []string{"chart-likert", "chart-pareto"},
		},
		{
			name: "no dissatisfied answers",
			in: func(tb testing.TB) csat.ReportInput {
				return csat.ReportInput{Period: "2026H1", Table: noDissatisfied(tb)}
			},
			sections: []string{"overall", "items"},
			charts:   []string{},
		},
		{
			name: "actions without dissatisfaction",
			in: func(tb testing.TB) csat.ReportInput {
				return csat.ReportInput{Period: "2026H1", Table: noDissatisfied(tb), Actions: []csat.Action{action}}
			},
			sections: []string{"overall", "items", "pareto"},
			charts:   []string{},
			has:      []string{"本期检查无不满意答卷。", "复核图纸", "纠正和预防措施"},
		},
		{
			name: "targets without history",
			in: func(tb testing.TB) csat.ReportInput {
				return csat.ReportInput{Period: "2026H1", Table: workedTable(tb),
					TargetHistories: [][]decimal.Decimal{{dec("0.82"), dec("0.85"), dec("0.78"), dec("0.88"), dec("0.90"), dec("0.80")}}}
			},
			sections: []string{"overall", "items", "pareto", "competitor", "trend"},
			charts:   []string{"chart-pareto", "chart-competitor"},
			// METHOD.md §10: history 82, 85, 78, 88, 90, 80 (as
			// fractions) → mean 83.83…%, advanced mean 87.67…%, target
			// 85.75%; the overall degree 78.4% misses it.
			has:    []string{"85.75%", "年度目标（平均先进指标）", "未达成", "加权计算", "自评与检查的差距"},
			hasNot: []string{"比上期"},
		},
		{
			name:     "everything",
			in:       nil,
			table:    true,
			sections: []string{"overall", "items", "likert", "pareto", "competitor", "trend", "complaints", "customers", "segments", "loyalty"},
			charts:   []string{"chart-likert", "chart-pareto", "chart-competitor", "chart-trend", "chart-outcomes", "chart-bands", "chart-segments"},
			has:      []string{"比上期", "2025H1", "C003 南方塑业", "T-05", "NPS", "纠正和预防措施"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var in csat.ReportInput
			var rep csat.Report
			if tc.in == nil {
				in, rep = full(t)
			} else {
				in = tc.in(t)
				// Sections do not depend on intervals, which are slow.
				in.Scorers = []csat.Scorer{scoreOnly{csat.Degree{}}, csat.Rate{}}
				rep = build(t, in)
			}
			opts := htmlreport.Options{}
			if tc.table {
				opts.Table = in.Table
			}
			page := render(t, rep, opts)
			if diff := cmp.Diff(tc.sections, sections(page)); diff != "" {
				t.Errorf("sections (-want +got):\n%s", diff)
			}
			cs := charts(t, page)
			if diff := cmp.Diff(tc.charts, chartIDs(cs)); diff != "" {
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

// TestHeadline checks the headline cards and the overall table against
// the method's worked figures, computed by hand in fixture_test.go.
func TestHeadline(t *testing.T) {
	in, rep := full(t)
	page := render(t, rep, htmlreport.Options{Table: in.Table})
	var cards []string
	for _, m := range cardRE.FindAllStringSubmatch(page, 4) {
		cards = append(cards, m[1])
	}
	if diff := cmp.Diff([]string{"78.4%", "86.4%", "76%", "84%"}, cards); diff != "" {
		t.Errorf("headline cards (-want +got):\n%s", diff)
	}
	for _, want := range []string{
		"0.4×82% + 0.6×76%", "0.4×90% + 0.6×84%", // the blend's formulas
		"(10×10 + 5×8 + 6×6 + 3×4 + 1×2) / (25×10) = 190/250 = 76%", // the derivation
		"(20×10 + 20×8 + 5×6 + 5×4 + 0×2) / (50×10) = 410/500 = 82%",
		"1 (4%)", "10 (40%)", // 很不满意 1 of 25, 很满意 10 of 25
	} {
		if !strings.Contains(html.UnescapeString(page), want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Without a self-assessment the survey's figures are the headline.
	page = render(t, build(t, csat.ReportInput{Period: "2026H1", Table: surveyOnly(t)}), htmlreport.Options{})
	cards = nil
	for _, m := range cardRE.FindAllStringSubmatch(page, -1) {
		cards = append(cards, m[1])
	}
	if diff := cmp.Diff([]string{"76%", "84%"}, cards); diff != "" {
		t.Errorf("survey-only cards (-want +got):\n%s", diff)
	}
}

// TestLikertChart checks the distribution chart's numbers: shares of
// each item's answers in percent, dissatisfied levels negative.
func TestLikertChart(t *testing.T) {
	in, rep := full(t)
	page := render(t, rep, htmlreport.Options{Table: in.Table})
	var likert *chart
	for _, c := range charts(t, page) {
		if c.ID == "chart-likert" {
			likert = &c
		}
	}
	if likert == nil {
		t.Fatal("no likert chart")
	}
	got := map[string][]any{}
	for _, s := range likert.Option["series"].([]any) {
		s := s.(map[string]any)
		got[s["name"].(string)] = s["data"].([]any)
	}
	// Rows: all items (10, 5, 6, 3, 1 of 25), then 交货期 (0, 0, 4, 1,
	// 0 of 5), 功能, 包装, 外观, 服务质量.
	want := map[string][]any{
		"很满意":  {40.0, 0.0, 60.0, 40.0, 60.0, 40.0},
		"满意":   {20.0, 0.0, 20.0, 20.0, 20.0, 40.0},
		"基本满意": {24.0, 80.0, 0.0, 20.0, 20.0, 0.0},
		"不满意":  {-12.0, -20.0, -20.0, 0.0, 0.0, -20.0},
		"很不满意": {-4.0, 0.0, 0.0, -20.0, 0.0, 0.0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("likert series (-want +got):\n%s", diff)
	}
	names := likert.Option["yAxis"].(map[string]any)["data"]
	if diff := cmp.Diff([]any{"全部项目", "交货期", "功能", "包装", "外观", "服务质量"}, names); diff != "" {
		t.Errorf("likert rows (-want +got):\n%s", diff)
	}
}

// TestDeterministic checks that the same report gives the same bytes,
// also after a trip through JSON, and that the options' date is the
// only date on the page.
func TestDeterministic(t *testing.T) {
	in, rep := full(t)
	opts := htmlreport.Options{Table: in.Table, Organisation: "ACME", Generated: time.Date(2026, 7, 3, 0, 0, 0, 0, time.UTC)}
	a := render(t, rep, opts)
	if b := render(t, rep, opts); a != b {
		t.Error("two renders of the same report differ")
	}
	// A report built again from the same input, given in another order.
	again := fullInput(t)
	slices.Reverse(again.Customers)
	slices.Reverse(again.Complaints)
	slices.Reverse(again.Actions)
	if b := render(t, build(t, again), opts); a != b {
		t.Error("a report built again renders differently")
	}
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back csat.Report
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if c := render(t, back, opts); c != a {
		t.Error("the report read back from JSON renders differently")
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
	_, rep := full(t)
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
	in := csat.ReportInput{Period: "2026H1</title><script>alert(3)</script>", Table: tab,
		Actions: []csat.Action{{Item: evil, Kind: csat.Corrective, Cause: "</script><script>alert(4)</script>", Action: attr, Owner: "o",
			Due: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), Status: csat.Done}},
		Values: []csat.CustomerValue{{ID: evil, Value: r}}}
	page := render(t, build(t, in), htmlreport.Options{Table: tab, Organisation: evil, Title: attr})
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
	_, rep := full(t)
	other := csat.NewTable(csat.FivePoint())
	addCounts(t, other, csat.SourceSurvey, map[string][5]uint64{"功能": {1, 0, 0, 0, 0}})
	pvc := csat.NewTable(csat.PVCBands())
	addCounts(t, pvc, csat.SourceSurvey, workedSurvey)
	for _, tc := range []struct {
		name string
		r    csat.Report
		opts htmlreport.Options
		want error
		msg  string
	}{
		{"language", rep, htmlreport.Options{Lang: "fr"}, csat.ErrInvalid, `"fr"`},
		{"no period", csat.Report{}, htmlreport.Options{}, csat.ErrMissing, "period"},
		{"no survey", csat.Report{Period: "2026H1"}, htmlreport.Options{}, csat.ErrMissing, "survey"},
		{"other table", rep, htmlreport.Options{Table: other}, csat.ErrInvalid, "survey answers"},
		{"other scale", rep, htmlreport.Options{Table: pvc}, csat.ErrScaleMismatch, "pvc-bands"},
		{"empty table", rep, htmlreport.Options{Table: csat.NewTable(csat.FivePoint())}, csat.ErrInvalid, "0 survey answers for \"全部项目\""},
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
		rep, err := csat.BuildReport(csat.ReportInput{Period: "P", Table: tab,
			Scorers: []csat.Scorer{scoreOnly{csat.Degree{}}, csat.Rate{}}})
		if err != nil {
			rt.Skip(err.Error()) // e.g. no survey answers at all
		}
		lang := rapid.SampledFrom([]string{"zh", "en"}).Draw(rt, "lang")
		var a, b bytes.Buffer
		if err := htmlreport.Render(&a, rep, htmlreport.Options{Lang: lang, Table: tab}); err != nil {
			rt.Fatal(err)
		}
		if err := htmlreport.Render(&b, rep, htmlreport.Options{Lang: lang, Table: tab}); err != nil {
			rt.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			rt.Fatal("two renders differ")
		}
		page := a.String()
		want := rep.Sources[0].Overall.Figures[0].Score.String()
		if len(rep.Overall) > 0 {
			want = rep.Overall[0].String()
		}
		if m := cardRE.FindStringSubmatch(page); m == nil || html.UnescapeString(m[1]) != want {
			rt.Fatalf("first card %v, want %s", m, want)
		}
		if !strings.Contains(page, `id="likert"`) || !strings.Contains(page, "</html>") {
			rt.Fatal("page incomplete")
		}
	})
}

// TestExpandDerivations checks that derivations are folded by default
// and open with the option, one list per section.
func TestExpandDerivations(t *testing.T) {
	_, rep := full(t)
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
