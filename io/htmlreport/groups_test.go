package htmlreport_test

import (
	"html"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/io/htmlreport"
	"github.com/google/go-cmp/cmp"
)

// The groups report: one item (产品质量) answered on 115 of 117 forms
// (2 left blank), by region (very satisfied first):
//
//	华东 61 forms {30, 20, 6, 3, 1}: 60 answers, rate 56/60 ≈ 93.33%
//	华北 40 forms {10, 12, 8, 7, 3}: rate 30/40 = 75%
//	西南 12 forms {3, 3, 3, 2, 1}:   rate 9/12 = 75%   (small sample)
//	东北  4 forms {1, 1, 0, 1, 0}:   3 answers, fewer than 5 forms: suppressed
//
// The rates' pooled z tests and Holm's adjustment, by scipy/statsmodels:
//
//	from scipy.stats import norm; from statsmodels.stats.multitest import multipletests
//	def z(x1, n1, x2, n2):
//	    p = (x1 + x2) / (n1 + n2); z = (x1/n1 - x2/n2) / (p*(1-p)*(1/n1 + 1/n2))**.5
//	    return 2*norm.sf(abs(z))
//	ps = [z(56, 60, 30, 40), z(56, 60, 9, 12), z(30, 40, 9, 12)]  # 0.009642, 0.050359, 1.0
//	multipletests(ps, method='holm')[1]                               # 0.028926, 0.100719, 1.0
//
// so 华东 differs from 华北 only: letters 华东 a, 华北 b, 西南 ab.
var regionGroups = []groupIn{
	{"华东", 61, [5]uint64{30, 20, 6, 3, 1}},
	{"华北", 40, [5]uint64{10, 12, 8, 7, 3}},
	{"西南", 12, [5]uint64{3, 3, 3, 2, 1}},
	{"东北", 4, [5]uint64{1, 1, 0, 1, 0}},
}

// controlRates are ten quarters of 50 answers, one far below the rest:
// p̄ = 389/500, and the moving ranges of the z-scores make σz ≈ 1.41 > 1,
// so the limits are Laney's; 2025Q4 (25 of 50) is below them.
var (
	controlPeriods = []string{"2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2"}
	controlX       = []uint64{40, 41, 39, 42, 40, 41, 40, 25, 41, 40}
	controlN       = []uint64{50, 50, 50, 50, 50, 50, 50, 50, 50, 50}
)

var (
	groupsOnce sync.Once
	groupsRep  analysis.Report
)

// groupsReport is a report of the groups survey with its breakdowns
// under the default sample rule, its response rate and a control chart.
func groupsReport(tb testing.TB) analysis.Report {
	tb.Helper()
	groupsOnce.Do(func() {
		tab := csat.NewTable(csat.FivePoint())
		var total [5]uint64
		for _, g := range regionGroups {
			for i, n := range g.counts {
				total[i] += n
			}
		}
		addCounts(tb, tab, csat.SourceSurvey, map[string][5]uint64{"产品质量": total})
		rep := build(tb, analysis.Input{Period: "2026Q2", Table: tab,
			Headlines: []analysis.Headline{{Scorer: scoreOnly{csat.Degree{}}}, {Scorer: csat.Rate{}}}})
		rep.Forms = &analysis.FormCounts{Sources: []analysis.SourceForms{{Source: csat.SourceSurvey, Forms: 117, Answers: 115, Blanks: 2,
			Items: []analysis.ItemForms{{Item: "产品质量", Answers: 115, Blanks: 2}}}}}
		ms := analysis.MinSample{Small: analysis.DefaultSmallSample, Suppress: analysis.DefaultSuppressBelow}
		rep.Groups = []analysis.Breakdown{breakdown(tb, "地区", false, ms, regionGroups), breakdown(tb, "地区", true, ms, regionGroups)}
		rep.Response = response(tb, "地区", []string{"华东", "华北", "西南", "东北"}, []uint64{80, 60, 30, 10}, []uint64{61, 40, 12, 4}, 15)
		rep.Control = controlChart(tb, controlPeriods, controlX, controlN)
		groupsRep = rep
	})
	return groupsRep
}

var groupsSecRE = regexp.MustCompile(`(?s)<section class="sec" id="groups">.*?</section>`)

// tableRows returns the rows of the tables in s as their cells' text.
func tableRows(s string) [][]string {
	var rows [][]string
	for _, tr := range rowRE.FindAllString(s, -1) {
		var row []string
		for _, c := range regexp.MustCompile(`(?s)<t[hd][^>]*>(.*?)</t[hd]>`).FindAllStringSubmatch(tr, -1) {
			row = append(row, html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(c[1], "")))
		}
		rows = append(rows, row)
	}
	return rows
}

// TestGroupsSection renders the breakdowns in both languages: a table
// per figure with forms, answers, the figure and interval, the letters
// and the sample flags; the suppressed group's figure is not shown; the
// significant pair is listed with its Holm-adjusted p.
func TestGroupsSection(t *testing.T) {
	rep := groupsReport(t)
	rate := rep.Groups[1]
	// The rate's pairs, in the order of the values: 华东–华北, 华东–西南,
	// 华北–西南.
	if got := []string{rate.Pairs[0].Adjusted.Round(6).String(), rate.Pairs[1].Adjusted.Round(6).String(), rate.Pairs[2].Adjusted.Round(6).String()}; !cmp.Equal(got, []string{"0.028926", "0.100719", "1"}) {
		t.Fatalf("fixture: Holm-adjusted p %q, want scipy's 0.028926, 0.100719, 1", got)
	}
	for _, tc := range []struct {
		lang                                           string
		title, letters, small, suppressed, legend, adj string
		header                                         []string
	}{
		{"zh", "分组比较", "字母标记", "样本偏少", "少于 5 份答卷，不显示", "字母相同的组之间差异不显著（α = 0.05，Holm 校正）。", "Holm 校正 p 0.029",
			[]string{"分组", "答卷数", "答项数", "满意率", "95% 区间", "字母标记", "样本"}},
		{"en", "By customer group", "Letters", "small sample", "fewer than 5 forms: not shown", "Values sharing a letter do not differ at α = 0.05 (Holm-adjusted).", "Holm-adjusted p 0.029",
			[]string{"Group", "Forms", "Answers", "Rate", "95% CI", "Letters", "Sample"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			page := render(t, rep, htmlreport.Options{Lang: tc.lang})
			sec := html.UnescapeString(groupsSecRE.FindString(page))
			if sec == "" {
				t.Fatal("no section by customer group")
			}
			for _, w := range []string{tc.title, "地区", tc.legend, tc.adj, "华东 – 华北"} {
				if !strings.Contains(sec, w) {
					t.Errorf("the section lacks %q", w)
				}
			}
			// The lists of significant pairs (degree, rate) name no pair
			// that does not differ.
			for _, ul := range regexp.MustCompile(`(?s)<ul class="note pairs">.*?</ul>`).FindAllString(sec, -1) {
				if strings.Contains(ul, "华东 – 西南") || strings.Contains(ul, "华北 – 西南") {
					t.Errorf("a pair that does not differ is listed as significant: %s", ul)
				}
			}
			rows := tableRows(sec)
			// Two tables (degree, rate) of a header and four rows.
			if len(rows) != 10 {
				t.Fatalf("%d rows, want 10: %q", len(rows), rows)
			}
			wantRate := [][]string{
				tc.header,
				{"华东", "61", "60", "93.3%", "[84.1%, 97.4%]", "a", ""},        // 56/60; Wilson [84.07%, 97.38%] to one place
				{"华北", "40", "40", "75.0%", "[59.8%, 85.8%]", "b", ""},        // 30/40; [59.81%, 85.81%]
				{"西南", "12", "12", "75.0%", "[46.8%, 91.1%]", "ab", tc.small}, // 9/12; [46.77%, 91.11%]
				{"东北", "4", "3", "—", "", "", tc.suppressed},
			}
			if diff := cmp.Diff(wantRate, rows[5:]); diff != "" {
				t.Errorf("rate table (-want +got):\n%s", diff)
			}
			// 东北's figures (2 of 3 satisfied, degree 22/30) are nowhere.
			for _, hidden := range []string{"66.7%", "73.3%"} {
				if strings.Contains(sec, hidden) {
					t.Errorf("the suppressed group's figure %s is shown", hidden)
				}
			}
			var gc *chart
			for _, c := range charts(t, page) {
				if c.ID == "chart-groups-1" {
					gc = &c
				}
			}
			if gc == nil {
				t.Fatal("no chart of 地区")
			}
			if diff := cmp.Diff([]any{"华东", "华北", "西南"}, gc.Option["yAxis"].(map[string]any)["data"]); diff != "" {
				t.Errorf("chart categories (-want +got):\n%s", diff)
			}
			var labels []string
			for _, s := range gc.Option["series"].([]any) {
				for _, d := range s.(map[string]any)["data"].([]any) {
					labels = append(labels, d.(map[string]any)["label"].(map[string]any)["formatter"].(string))
				}
			}
			if diff := cmp.Diff([]string{"{c}%  a", "{c}%  b", "{c}%  ab", "{c}%  a", "{c}%  b", "{c}%  ab"}, labels); diff != "" {
				t.Errorf("bar labels (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFormCounts checks that forms (答卷) and answers (答项) are never
// confused: the title block counts both, the forms table has the blanks,
// and a report without form counts calls its answers answers.
func TestFormCounts(t *testing.T) {
	rep := groupsReport(t)
	for _, tc := range []struct{ lang, meta, table string }{
		{"zh", "<dt>检查</dt><dd>117 份答卷 · 115 答项</dd>", "答卷与答项"},
		{"en", "<dt>Survey</dt><dd>117 forms · 115 answers</dd>", "Forms and answers"},
	} {
		page := render(t, rep, htmlreport.Options{Lang: tc.lang})
		if !strings.Contains(page, tc.meta) {
			t.Errorf("%s: the title block lacks %q", tc.lang, tc.meta)
		}
		sec := regexp.MustCompile(`(?s)<table class="data compact forms">.*?</table>`).FindString(page)
		rows := tableRows(sec)
		if len(rows) != 3 || !cmp.Equal(rows[1][1:], []string{l10n(tc.lang, "全部项目", "All items"), "117", "115", "2"}) || !cmp.Equal(rows[2], []string{"产品质量", "—", "115", "2"}) {
			t.Errorf("%s: forms table %q", tc.lang, rows)
		}
	}
	page := render(t, build(t, analysis.Input{Period: "2026H1", Table: surveyOnly(t)}), htmlreport.Options{})
	if !strings.Contains(page, "<dt>检查</dt><dd>25 答项</dd>") || strings.Contains(page, "答卷与答项") {
		t.Error("without form counts the title block does not count 25 answers (答项), or shows a forms table")
	}
	if strings.Contains(page, "份答卷") {
		t.Error("a report without form counts names forms")
	}
}

func l10n(lang, zh, en string) string {
	if lang == "en" {
		return en
	}
	return zh
}

// TestResponseSection checks the response rates and the strata under
// the plan's minimum.
func TestResponseSection(t *testing.T) {
	page := render(t, groupsReport(t), htmlreport.Options{})
	sec := regexp.MustCompile(`(?s)<section class="sec" id="response">.*?</section>`).FindString(page)
	want := [][]string{
		{"地区", "发出", "回收", "回收率", "备注"},
		{"华东", "80", "61", "76.3%", ""}, // 61/80 = 76.25%, half away from zero
		{"华北", "60", "40", "66.7%", ""},
		{"西南", "30", "12", "40.0%", "低于计划最少回收数"},
		{"东北", "10", "4", "40.0%", "低于计划最少回收数"},
		{"合计", "180", "117", "65.0%", ""},
	}
	if diff := cmp.Diff(want, tableRows(sec)); diff != "" {
		t.Errorf("response table (-want +got):\n%s", diff)
	}
}

// TestControlSection checks the p-chart: the rate's points with the
// out-of-control one highlighted, the limits as step lines, the centre
// line, and the period named below the chart, in both languages.
func TestControlSection(t *testing.T) {
	rep := groupsReport(t)
	if !rep.Control.Laney || rep.Control.Periods[7].Signal != "below" {
		t.Fatalf("fixture: Laney %v, 2025Q4 signal %q; want Laney limits and 2025Q4 below", rep.Control.Laney, rep.Control.Periods[7].Signal)
	}
	for _, tc := range []struct{ lang, out, laney string }{
		{"zh", "失控期：2025Q4（低于控制下限）", "控制限为 Laney p′"},
		{"en", "Out of control: 2025Q4 (below the lower limit)", "the limits are Laney's p′"},
	} {
		page := render(t, rep, htmlreport.Options{Lang: tc.lang})
		sec := html.UnescapeString(regexp.MustCompile(`(?s)<section class="sec" id="control">.*?</section>`).FindString(page))
		for _, w := range []string{tc.out, tc.laney} {
			if !strings.Contains(sec, w) {
				t.Errorf("%s: the control chart's section lacks %q", tc.lang, w)
			}
		}
		var cc *chart
		for _, c := range charts(t, page) {
			if c.ID == "chart-control" {
				cc = &c
			}
		}
		if cc == nil {
			t.Fatalf("%s: no control chart", tc.lang)
		}
		ss := cc.Option["series"].([]any)
		if len(ss) != 3 {
			t.Fatalf("%s: %d series, want rate, upper and lower limits", tc.lang, len(ss))
		}
		rate := ss[0].(map[string]any)["data"].([]any)
		if len(rate) != 10 {
			t.Fatalf("%s: %d points", tc.lang, len(rate))
		}
		if out, ok := rate[7].(map[string]any); !ok || out["value"] != 50.0 {
			t.Errorf("%s: 2025Q4 is not highlighted: %v", tc.lang, rate[7])
		}
		if _, ok := rate[6].(float64); !ok {
			t.Errorf("%s: 2025Q3 is highlighted: %v", tc.lang, rate[6])
		}
		for i, want := range []decimal.Decimal{rep.Control.Periods[0].Upper, rep.Control.Periods[0].Lower} {
			s := ss[i+1].(map[string]any)
			if s["step"] != "middle" || len(s["data"].([]any)) != 10 {
				t.Errorf("%s: limit %d is not a step line over the periods: %v", tc.lang, i, s)
			}
			if got := s["data"].([]any)[0]; got != mustFloat(t, want) {
				t.Errorf("%s: limit %d starts at %v, want %v%%", tc.lang, i, got, want)
			}
		}
		centre := ss[0].(map[string]any)["markLine"].(map[string]any)["data"].([]any)[0].(map[string]any)["yAxis"]
		if centre != 77.8 { // 389/500
			t.Errorf("%s: centre line at %v, want 77.8", tc.lang, centre)
		}
	}
}

// mustFloat is a limit (a fraction) as the chart draws it: in percent,
// 2 places.
func mustFloat(tb testing.TB, d decimal.Decimal) float64 {
	tb.Helper()
	return d.Shift(2).Round(2).InexactFloat64()
}

// findings returns the page's key findings.
func findings(page string) []string {
	box := regexp.MustCompile(`(?s)<div class="box findings">.*?</div>`).FindString(page)
	var out []string
	for _, m := range regexp.MustCompile(`<li>(.*?)</li>`).FindAllStringSubmatch(box, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// TestFindingsCarryN checks that no finding calls an item a main
// problem or a difference significant without its n, and that it
// cautions a small sample: the full report's survey is five forms
// (under its rule's 30), the groups report's 117.
func TestFindingsCarryN(t *testing.T) {
	for _, tc := range []struct {
		name   string
		rep    analysis.Report
		lang   string
		has    []string
		hasNot []string
	}{
		{"full zh", full(t), "zh", []string{
			"主要不满意项目：交货期；功能；包装；服务质量（占不满意答项的 100.0%；不满意答项 4 / 5 份答卷，样本偏少）。",
			"显著低于竞争对手：交货期 满意度（检查 5 / 竞争对手 12 答项，样本偏少）。",
			// 15/15 against 6/10: z ≈ 2.6726, p ≈ 0.007526 (scipy, one pair: Holm's p is p).
			"地区 满意率差异显著：华东 100.0% 对 华南 60.0%（3 / 2 份答卷，样本偏少；Holm 校正 p = 0.008）。",
			"回收率 55.6%（回收 5 / 发出 9 份答卷）。", // 5/9 = 55.55…% to one place,
			"回收低于计划最少数的层（地区）：华南。",
			"检查满意度比上期（2025H2）变化 +1.6 个百分点，不显著（25 / 25 答项，样本偏少）。",
		}, nil},
		{"full en", full(t), "en", []string{
			"Main areas of dissatisfaction: 交货期; 功能; 包装; 服务质量 (100.0% of dissatisfied answers; 4 dissatisfied answers / 5 forms, small sample).",
			"Significantly worse than the competitor: 交货期 degree (5 vs 12 answers, small sample).",
			"Rate differs by 地区: 华东 100.0% vs 华南 60.0% (3 vs 2 forms, small sample; Holm-adjusted p = 0.008).",
		}, nil},
		{"groups zh", groupsReport(t), "zh", []string{
			"主要不满意项目：产品质量（占不满意答项的 100.0%；不满意答项 18 / 117 份答卷）。",
			"地区 满意率差异显著：华东 93.3% 对 华北 75.0%（61 / 40 份答卷；Holm 校正 p = 0.029）。",
			"满意率控制图失控期：2025Q4（低于控制下限，50 答项）。",
		}, []string{"样本偏少", "西南 75.0%"}},
		{"groups en", groupsReport(t), "en", []string{
			"Rate differs by 地区: 华东 93.3% vs 华北 75.0% (61 vs 40 forms; Holm-adjusted p = 0.029).",
			"Rate out of control in: 2025Q4 (below the lower limit, 50 answers).",
		}, []string{"small sample"}},
		{"no forms", build(t, analysis.Input{Period: "2026H1", Table: surveyOnly(t)}), "zh", []string{
			// Without form counts: the survey's 25 answers, and the
			// caution from the 5 answers of an item.
			"主要不满意项目：交货期；功能；包装；服务质量（占不满意答项的 100.0%；不满意答项 4 / 25 答项，样本偏少）。",
		}, []string{"份答卷"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := strings.Join(findings(render(t, tc.rep, htmlreport.Options{Lang: tc.lang})), "\n")
			for _, w := range tc.has {
				if !strings.Contains(got, w) {
					t.Errorf("findings lack %q:\n%s", w, got)
				}
			}
			for _, w := range tc.hasNot {
				if strings.Contains(got, w) {
					t.Errorf("findings have %q:\n%s", w, got)
				}
			}
		})
	}
}

// TestSampleRuleDefault checks that a report with breakdowns but no
// rule of its own prints the defaults, 30 and 5 forms, and a rule of
// its own its numbers.
func TestSampleRuleDefault(t *testing.T) {
	rep := groupsReport(t)
	rep.MinSample = nil
	if page := render(t, rep, htmlreport.Options{}); !strings.Contains(page, "样本偏少：少于 30 份答卷。 少于 5 份答卷，不显示") {
		t.Error("without a rule the notes do not give 30 and 5 forms")
	}
	rep.MinSample = &analysis.MinSample{Small: 50, Suppress: 10}
	if page := render(t, rep, htmlreport.Options{Lang: "en"}); !strings.Contains(page, "Small sample: fewer than 50 forms. Fewer than 10 forms: not shown") {
		t.Error("the report's own rule is not printed")
	}
}

// TestGroupsEscaping names a dimension, a group and a stratum with
// markup: the page shows them as text, the chart carries them as data.
func TestGroupsEscaping(t *testing.T) {
	const evil = `<script>alert(5)</script>`
	rep := groupsReport(t)
	rep.Groups = append([]analysis.Breakdown(nil), rep.Groups...)
	for i := range rep.Groups {
		bd := &rep.Groups[i]
		bd.Dimension = evil
		bd.Values = append([]analysis.GroupFigure(nil), bd.Values...)
		bd.Values[1].Value = evil + "北"
		bd.Pairs = append([]analysis.GroupPair(nil), bd.Pairs...)
		bd.Pairs[0].B = evil + "北"
	}
	resp := *rep.Response
	resp.Dimension = evil
	rep.Response = &resp
	page := render(t, rep, htmlreport.Options{})
	lib := strings.Index(page, "<script>/*! Apache ECharts")
	if lib < 0 || strings.Contains(page[:lib], evil) {
		t.Error("markup of a group reaches the page unescaped")
	}
	if !strings.Contains(page, "&lt;script&gt;alert(5)&lt;/script&gt;北") {
		t.Error("the group's name is not shown as text")
	}
	var names []any
	for _, c := range charts(t, page) {
		if c.ID == "chart-groups-1" {
			names = c.Option["yAxis"].(map[string]any)["data"].([]any)
		}
	}
	if len(names) < 2 || names[1] != evil+"北" {
		t.Errorf("the chart's groups %q lack the exact name", names)
	}
}
