package htmlreport_test

import (
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/importance"
	"github.com/csatkit/csat/io/htmlreport"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// sectionOf returns the section of a page with the given id ("" when
// the page has none).
func sectionOf(page, id string) string {
	return regexp.MustCompile(`(?s)<section class="sec[^"]*" id="` + id + `">.*?</section>`).FindString(page)
}

// textOf returns the text of markup: tags out, entities decoded, runs of
// white space as one space.
func textOf(s string) string {
	s = html.UnescapeString(untag(s))
	return strings.Join(strings.Fields(s), " ")
}

// untag replaces each tag, < up to the next >, with a space, as
// regexp.MustCompile(`<[^>]*>`).ReplaceAllString(s, " ") does, by
// strings.IndexByte: the regexp walks a whole page's chart library (a
// megabyte of script with many a <) in seconds under -race.
func untag(s string) string {
	return replaceSpans(s, "<", ">", " ")
}

// chartByID returns the chart of a page with the given id.
func chartByID(tb testing.TB, page, id string) chart {
	tb.Helper()
	for _, c := range charts(tb, page) {
		if c.ID == id {
			return c
		}
	}
	tb.Fatalf("no chart %s", id)
	return chart{}
}

// l10n picks the Chinese or the English text for a language.
func pick(lang, zh, en string) string {
	if lang == "en" {
		return en
	}
	return zh
}

// The priorities report's sections and charts, in order.
var (
	prioritySections = []string{"overall", "items", "likert", "importance", "quadrant", "pareto", "benchmarks", "churn"}
	priorityCharts   = []string{"chart-likert", "chart-importance", "chart-quadrant", "chart-pareto", "chart-benchmarks", "chart-churn"}
)

// TestImportanceSection renders the Shapley importance of the priorities
// survey in both languages: the method named, the forms and deletion,
// R² to 3 places marked ≈, the bars in the set's order with their
// values, and the table's rank, value (≈ when rounded) and interval.
func TestImportanceSection(t *testing.T) {
	rep := prioritiesReport(t)
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			page := render(t, rep, htmlreport.Options{Lang: lang})
			if diff := cmp.Diff(prioritySections, sections(page)); diff != "" {
				t.Errorf("sections (-want +got):\n%s", diff)
			}
			checkCharts(t, page, priorityCharts)
			sec := sectionOf(page, "importance")
			for _, w := range []string{
				pick(lang, "重要度（关键驱动因素）", "Importance (key drivers)"),
				pick(lang, "方法：Shapley 分解 (LMG)，解释总体满意度，基于 20 份所有项目和总体满意度均已作答的完整答卷。", "Method: Shapley decomposition (LMG), explaining the overall question, on 20 complete forms (listwise deletion)."),
				pick(lang, "R² = 0.683，分解为各项目的贡献，各项目之和等于 R²。", "R² = 0.683, decomposed into each item's contribution; the items' values add up to R²."),
			} {
				if !strings.Contains(textOf(sec), w) {
					t.Errorf("the section lacks %q", w)
				}
			}
			want := [][]string{
				{pick(lang, "排名", "Rank"), pick(lang, "项目", "Item"), pick(lang, "R² 贡献", "Share of R²"), pick(lang, "95% 区间", "95% CI")},
				{"1", "交货期", "22.0%", "[18.0%, 26.0%]"},
				{"2", "产品质量", "18.0%", "[14.0%, 22.0%]"},
				{"3", "包装", "13.3%", "[9.3%, 17.3%]"},
				{"4", "技术支持", "6.0%", "[2.0%, 10.0%]"},
				{"5", "价格", "5.0%", "[1.0%, 9.0%]"},
				{"6", "服务态度", "4.0%", "[0.0%, 8.0%]"},
			}
			if diff := cmp.Diff(want, tableRows(sec)); diff != "" {
				t.Errorf("importance table (-want +got):\n%s", diff)
			}
			c := chartByID(t, page, "chart-importance")
			if diff := cmp.Diff([]any{"交货期", "产品质量", "包装", "技术支持", "价格", "服务态度"}, c.Option["yAxis"].(map[string]any)["data"]); diff != "" {
				t.Errorf("bars (-want +got):\n%s", diff)
			}
			s := c.Option["series"].([]any)[0].(map[string]any)
			if diff := cmp.Diff([]any{22.0, 18.0, 13.3, 6.0, 5.0, 4.0}, s["data"]); diff != "" {
				t.Errorf("bar values (-want +got):\n%s", diff)
			}
			if f := s["label"].(map[string]any)["formatter"]; f != "{c}%" {
				t.Errorf("bar labels %v, want {c}%%", f)
			}
		})
	}
}

// TestQuadrantSection renders the quadrant of the priorities survey:
// the fix-first list in the order given with its gaps and the item
// without a corrective action flagged, the cut lines with rule and
// value, each item's zone (word and mark) and signed gap in percentage
// points, and the chart: a series per zone, each point in its zone's
// series at (performance %, importance %), the cut lines at the exact
// cuts rounded to 2 places, the four zones shaded.
func TestQuadrantSection(t *testing.T) {
	rep := prioritiesReport(t)
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			// The questionnaire's order (not the table's code-point order).
			page := render(t, rep, htmlreport.Options{Lang: lang, Items: []string{"交货期", "产品质量", "包装", "技术支持", "价格", "服务态度"}})
			sec := sectionOf(page, "quadrant")
			box := regexp.MustCompile(`(?s)<div class="box fixfirst".*?</div>`).FindString(sec)
			fix := textOf(regexp.MustCompile(`</?(strong|span)[^>]*>`).ReplaceAllString(box, ""))
			wantFix := pick(lang, "优先改进 交货期：低于表现分界线 18.3 个百分点 包装：低于表现分界线 6.3 个百分点 无纠正措施",
				"Fix first 交货期: 18.3 percentage points below the performance cut 包装: 6.3 percentage points below the performance cut no corrective action")
			if fix != wantFix {
				t.Errorf("fix-first box %q, want %q", fix, wantFix)
			}
			if w := pick(lang, "重要度分界线：均值 11.4% · 表现分界线：均值 76.3%", "Importance cut: Mean 11.4% · Performance cut: Mean 76.3%"); !strings.Contains(textOf(sec), w) {
				t.Errorf("the section lacks the cuts %q", w)
			}
			fixW, strW, oppW, mntW := pick(lang, "▲ 修补区", "▲ Fix first"), pick(lang, "● 优势区", "● Strengths"), pick(lang, "◆ 机会区", "◆ Opportunities"), pick(lang, "■ 维持区", "■ Maintain")
			want := [][]string{
				{pick(lang, "序号", "No."), pick(lang, "项目", "Item"), pick(lang, "重要度（Shapley 分解 (LMG)）", "Importance (Shapley decomposition (LMG))"),
					pick(lang, "表现（满意度）", "Performance (Degree)"), pick(lang, "区域", "Zone"), pick(lang, "差距（百分点）", "Gap (pp)")},
				{"1", "交货期", "22.0%", "58.0%", fixW, "+18.3"},
				{"2", "产品质量", "18.0%", "88.0%", strW, "−11.7"},
				{"3", "包装", "13.3%", "70.0%", fixW, "+6.3"},
				{"4", "技术支持", "6.0%", "80.0%", mntW, "−3.7"},
				{"5", "价格", "5.0%", "72.0%", oppW, "+4.3"},
				{"6", "服务态度", "4.0%", "90.0%", mntW, "−13.7"},
			}
			got := tableRows(sec)
			for i := range got {
				for j := range got[i] {
					got[i][j] = strings.Join(strings.Fields(got[i][j]), " ")
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("quadrant table (-want +got):\n%s", diff)
			}
			c := chartByID(t, page, "chart-quadrant")
			points := map[string][]any{}
			var names []string
			for _, s := range c.Option["series"].([]any) {
				s := s.(map[string]any)
				names = append(names, s["name"].(string))
				for _, d := range s["data"].([]any) {
					d := d.(map[string]any)
					points[s["name"].(string)+" "+d["name"].(string)] = d["value"].([]any)
				}
			}
			zf, zs, zo, zm := fixW[len("▲ "):], strW[len("● "):], oppW[len("◆ "):], mntW[len("■ "):]
			if diff := cmp.Diff([]string{zf, zs, zo, zm}, names); diff != "" {
				t.Errorf("series (-want +got):\n%s", diff)
			}
			wantPoints := map[string][]any{
				zf + " 交货期": {58.0, 22.0}, zs + " 产品质量": {88.0, 18.0}, zf + " 包装": {70.0, 13.33},
				zm + " 技术支持": {80.0, 6.0}, zo + " 价格": {72.0, 5.0}, zm + " 服务态度": {90.0, 4.0},
			}
			if diff := cmp.Diff(wantPoints, points); diff != "" {
				t.Errorf("points (-want +got):\n%s", diff)
			}
			first := c.Option["series"].([]any)[0].(map[string]any)
			lines := first["markLine"].(map[string]any)["data"].([]any)
			if x, y := lines[0].(map[string]any), lines[1].(map[string]any); x["xAxis"] != 76.33 || y["yAxis"] != 11.39 ||
				x["label"].(map[string]any)["formatter"] != pick(lang, "均值 76.3%", "Mean 76.3%") {
				t.Errorf("cut lines %v", lines)
			}
			var areas []string
			for _, a := range first["markArea"].(map[string]any)["data"].([]any) {
				areas = append(areas, a.([]any)[0].(map[string]any)["name"].(string))
			}
			if diff := cmp.Diff([]string{zf, zs, zo, zm}, areas); diff != "" {
				t.Errorf("zones shaded (-want +got):\n%s", diff)
			}
			// The axes: performance 58–90% in steps of 10 with margins
			// (50–100%), importance 4–22% in steps of 5 (0–25%).
			x, y := c.Option["xAxis"].(map[string]any), c.Option["yAxis"].(map[string]any)
			if x["min"] != 50.0 || x["max"] != 100.0 || y["min"] != 0.0 || y["max"] != 25.0 {
				t.Errorf("axes x %v–%v, y %v–%v; want 50–100, 0–25", x["min"], x["max"], y["min"], y["max"])
			}
		})
	}
}

// TestBenchmarksSection renders the gaps to the benchmarks: a group of
// rows per figure and item, ours once, each benchmark's value, the gap
// in signed percentage points (0 when level) and the standing in word
// and mark; the dot chart has a row per figure and item.
func TestBenchmarksSection(t *testing.T) {
	rep := prioritiesReport(t)
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			page := render(t, rep, htmlreport.Options{Lang: lang})
			sec := sectionOf(page, "benchmarks")
			avg, lead, world := pick(lang, "行业平均", "Industry average"), pick(lang, "行业领先", "Industry leader"), pick(lang, "世界领先", "World leader")
			above, level, below := pick(lang, "▲ 高于", "▲ above"), pick(lang, "= 持平", "= level"), pick(lang, "▼ 低于", "▼ below")
			degree, rate, all := pick(lang, "满意度", "Satisfaction degree"), pick(lang, "满意率", "Satisfaction rate"), pick(lang, "全部项目", "All items")
			want := [][]string{
				{pick(lang, "指标", "Figure"), pick(lang, "本公司", "Us"), pick(lang, "标杆", "Benchmark"), pick(lang, "标杆值", "Theirs"), pick(lang, "差距（百分点）", "Gap (pp)"), pick(lang, "位置", "Standing")},
				{degree + " · " + all, "76.3%", avg, "75.0%", "+1.3", above},
				{lead, "85.0%", "−8.7", below},
				{world, "90.0%", "−13.7", below},
				{degree + " · 交货期", "58.0%", avg, "58.0%", "0.0", level},
				{lead, "75.0%", "−17.0", below},
				{rate + " · " + all, "86.7%", avg, "82.0%", "+4.7", above},
				{world, "95.0%", "−8.3", below},
			}
			got := tableRows(sec)
			for i := range got {
				for j := range got[i] {
					got[i][j] = strings.Join(strings.Fields(got[i][j]), " ")
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("benchmarks table (-want +got):\n%s", diff)
			}
			c := chartByID(t, page, "chart-benchmarks")
			if got := c.Option["yAxis"].(map[string]any)["data"].([]any); len(got) != 3 {
				t.Errorf("dot chart rows %v, want 3", got)
			}
			var series []string
			for _, s := range c.Option["series"].([]any) {
				series = append(series, s.(map[string]any)["name"].(string))
			}
			if diff := cmp.Diff([]string{pick(lang, "本公司", "Us"), avg, lead, world}, series); diff != "" {
				t.Errorf("dot chart series (-want +got):\n%s", diff)
			}
		})
	}
}

// TestChurnSection renders satisfaction against complaints and churn:
// the lost and kept customers' means in one sentence with their
// difference, Welch's test and Spearman's ρ with their numbers (as
// scipy gives them, priorities_fixture_test.go), the counts outside, the
// statuses with their flags, and every customer in a folded table.
func TestChurnSection(t *testing.T) {
	rep := prioritiesReport(t)
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			page := render(t, rep, htmlreport.Options{Lang: lang})
			sec := sectionOf(page, "churn")
			text := textOf(sec)
			for _, w := range []string{
				pick(lang, "流失客户的平均满意度 65.0%，保留客户 84.3%（相差 19.3 个百分点）。", "Customers we lost rated us 65.0%, those we kept 84.3% (a difference of 19.3 percentage points)."),
				pick(lang, "Welch t 检验（正常对流失）：t = 5.010，df = 7.04，p = 0.002，显著（α = 0.05）。", "Welch's t-test, active against lost: t = 5.010, df = 7.04, p = 0.002, significant (α = 0.05)."),
				pick(lang, "满意度与投诉次数的 Spearman ρ = −0.800（n = 20，t = -5.665，df = 18），p < 0.001，显著（α = 0.05）。",
					"Spearman's ρ of degree and complaints = −0.800 (n = 20, t = -5.665, df = 18), p < 0.001, significant (α = 0.05)."),
				pick(lang, "2 位被调查客户没有状态，按正常计。", "Surveyed customers without a status, counted active: 2."),
				pick(lang, "1 位有状态的客户没有答卷，不计入。", "Customers with a status but no survey answers, outside the figures: 1."),
				pick(lang, "3 起投诉来自没有答卷的客户，不计入。", "Complaints of customers without survey answers, outside the figures: 3."),
				pick(lang, "各客户明细（20 位）", "Customer by customer (20)"),
			} {
				if !strings.Contains(text, w) {
					t.Errorf("the section lacks %q", w)
				}
			}
			rows := tableRows(sec)
			small, untested := pick(lang, "样本偏少", "small sample"), pick(lang, "不作检验", "not tested")
			wantStatuses := [][]string{
				{pick(lang, "状态", "Status"), pick(lang, "客户数", "Customers"), pick(lang, "平均满意度", "Mean degree"), pick(lang, "样本", "Sample")},
				{pick(lang, "正常", "active"), "10", "84.3%", small},
				{pick(lang, "有流失风险", "at risk"), "4", "73.3%", untested},
				{pick(lang, "已流失", "lost"), "6", "65.0%", small},
			}
			if len(rows) != 4+21 {
				t.Fatalf("%d rows, want 4 + 21", len(rows))
			}
			if diff := cmp.Diff(wantStatuses, rows[:4]); diff != "" {
				t.Errorf("statuses (-want +got):\n%s", diff)
			}
			// The customers: C01 (56/60), C20 (30/60, lost, 3 complaints).
			if diff := cmp.Diff([]string{"C01", "6", "93.3%", "0", pick(lang, "正常", "active")}, rows[5]); diff != "" {
				t.Errorf("C01 (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{"C20", "6", "50.0%", "3", pick(lang, "已流失", "lost")}, rows[24]); diff != "" {
				t.Errorf("C20 (-want +got):\n%s", diff)
			}
			if n := strings.Count(sec, `<tr class="lost">`); n != 6 {
				t.Errorf("%d lost customers marked, want 6", n)
			}
			if !strings.Contains(sec, `<details class="customers">`) {
				t.Error("the customers are not in a folded table")
			}
			c := chartByID(t, page, "chart-churn")
			var means []any
			for _, d := range c.Option["series"].([]any)[0].(map[string]any)["data"].([]any) {
				means = append(means, d.(map[string]any)["value"])
			}
			if diff := cmp.Diff([]any{84.3, 73.3, 65.0}, means); diff != "" {
				t.Errorf("bars (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPriorityFindings checks the key findings and the caution of the
// new sections, in each language.
func TestPriorityFindings(t *testing.T) {
	rep := prioritiesReport(t)
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"zh", []string{"最重要的项目（Shapley 分解 (LMG)）：交货期 22.0%；产品质量 18.0%；包装 13.3%。",
			"优先改进（修补区：重要度高、表现低）：交货期（低于表现分界线 18.3 个百分点）；包装（低于表现分界线 6.3 个百分点）。",
			"与标杆比较：高于 2 项，持平 1 项，低于 4 项。",
			"流失客户的平均满意度 65.0%，保留客户 84.3%（Welch t 检验 p = 0.002，显著）。",
			"满意度与投诉次数的 Spearman ρ = −0.800（20 位客户，p < 0.001，显著）。",
			"优先改进（修补区）的项目尚无纠正措施：包装（第 2 位）；请制定措施并指定责任部门。"}},
		{"en", []string{"Most important items (Shapley decomposition (LMG)): 交货期 22.0%; 产品质量 18.0%; 包装 13.3%.",
			"Fix first (high importance, low performance): 交货期 (18.3 percentage points below the performance cut); 包装 (6.3 percentage points below the performance cut).",
			"Against the benchmarks: above 2, level with 1, below 4.",
			"Customers we lost rated us 65.0%, those we kept 84.3% (Welch's t-test p = 0.002, significant).",
			"Spearman's ρ of degree and complaints = −0.800 (20 customers, p < 0.001, significant).",
			"Fix-first items without a corrective action: 包装 (no. 2); plan one for each, with an owner."}},
	} {
		page := textOf(render(t, rep, htmlreport.Options{Lang: tc.lang}))
		for _, w := range tc.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: the page lacks %q", tc.lang, w)
			}
		}
	}
}

// hanRE matches a Chinese character; latinRE a word of Latin letters.
var (
	hanRE   = regexp.MustCompile(`\p{Han}`)
	latinRE = regexp.MustCompile(`[A-Za-z]{2,}`)
)

// TestPrioritiesOneLanguage: the new sections speak the report's
// language only. Their text, derivations aside (they print as the
// library writes them), and the items' names and customer ids taken
// out, has no Latin word in Chinese beyond the methods' and tests' names
// (Shapley, LMG, Welch, Spearman, listwise, METHOD.md), and no Chinese
// character in English.
func TestPrioritiesOneLanguage(t *testing.T) {
	rep := prioritiesReport(t)
	names := []string{}
	for item := range prioritySurvey {
		names = append(names, item)
	}
	// Longest first, so that no name is cut out of a longer one.
	slices.SortFunc(names, func(a, b string) int { return len(b) - len(a) })
	allowed := []string{"Shapley", "LMG", "Welch", "Spearman", "listwise", "METHOD", "md", "df"}
	derivs := regexp.MustCompile(`(?s)<details class="derivs".*?</details>`)
	for _, lang := range []string{"zh", "en"} {
		page := render(t, rep, htmlreport.Options{Lang: lang})
		for _, id := range []string{"importance", "quadrant", "benchmarks", "churn"} {
			text := textOf(derivs.ReplaceAllString(sectionOf(page, id), ""))
			for _, n := range names {
				text = strings.ReplaceAll(text, n, "")
			}
			text = regexp.MustCompile(`C\d\d`).ReplaceAllString(text, "")
			switch lang {
			case "zh":
				for _, w := range latinRE.FindAllString(text, -1) {
					if !slices.Contains(allowed, w) {
						t.Errorf("zh %s has the English word %q", id, w)
					}
				}
			case "en":
				if h := hanRE.FindAllString(text, -1); len(h) > 0 {
					t.Errorf("en %s has Chinese %q", id, strings.Join(h, ""))
				}
			}
		}
	}
}

// TestPrioritiesDeterministic renders the priorities report twice.
func TestPrioritiesDeterministic(t *testing.T) {
	rep := prioritiesReport(t)
	if a, b := render(t, rep, htmlreport.Options{}), render(t, rep, htmlreport.Options{}); a != b {
		t.Error("two renders of the priorities report differ")
	}
}

// withoutTests returns the priorities report's churn figures without
// Welch's test and Spearman's ρ, lost customers without a mean, and the
// cautions that say why.
func withoutTests(rep analysis.Report) analysis.Report {
	cf := *rep.Churn
	cf.Test, cf.Spearman = nil, nil
	cf.Presumed, cf.OutsideCustomers, cf.OutsideComplaints = 0, 0, 0
	cf.Statuses = slices.Clone(cf.Statuses)
	cf.Statuses[2].Customers, cf.Statuses[2].Mean, cf.Statuses[2].Sample = 0, nil, analysis.SampleSuppressed
	rep.Churn = &cf
	rep.Cautions = []analysis.Caution{
		{Kind: analysis.CautionNoCorrelation, N: []uint64{3, 3, 1}, Limit: 5},
		{Kind: analysis.CautionChurnSmall, Values: []string{"active", "lost"}, N: []uint64{3, 0}, Limit: 5},
	}
	return rep
}

// TestChurnWithoutTests: without Welch's test or Spearman's ρ the
// section says why instead, a status without customers shows "—", and no
// headline compares means that are not there; the cautions are worded in
// the report's language.
func TestChurnWithoutTests(t *testing.T) {
	rep := withoutTests(prioritiesReport(t))
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"zh", []string{"正常或流失客户过少，未作检验。", "客户过少或取值相同，未计算满意度与投诉次数的 Spearman ρ。", "已流失 0 — 不作检验",
			"未计算满意度与投诉次数的 Spearman ρ：被调查客户 3 位（至少需要 5 位），满意度有 3 种取值，投诉次数有 1 种取值（各至少需要 2 种）。",
			"流失分析：客户少于 5 位，未检验正常客户与流失客户的差异：正常（3 位客户）、已流失（0 位客户）。"}},
		{"en", []string{"Too few active or lost customers: not tested.", "Too few customers, or values all alike: no Spearman ρ of degree and complaints.", "lost 0 — not tested",
			"No Spearman ρ of degree and complaints: 3 surveyed customers (at least 5 needed), 3 distinct degrees, 1 distinct complaint counts (at least 2 of each needed).",
			"Churn: fewer than 5 customers, active not tested against lost: active (3 customers), lost (0 customers)."}},
	} {
		page := render(t, rep, htmlreport.Options{Lang: tc.lang})
		text := textOf(page)
		for _, w := range tc.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the page lacks %q", tc.lang, w)
			}
		}
		for _, w := range []string{"流失客户的平均满意度", "Customers we lost rated us", "Welch t 检验 p", "Welch's t-test p"} {
			if strings.Contains(text, w) {
				t.Errorf("%s: the page has %q without a test", tc.lang, w)
			}
		}
		// The cautions in the other language are absent.
		other := pick(tc.lang, "Churn:", "流失分析")
		if strings.Contains(text, other) {
			t.Errorf("%s: the page has %q", tc.lang, other)
		}
	}
	// htmlreport.Cautions words them as the page does.
	lines, err := htmlreport.Cautions(rep.Cautions, "en")
	if err != nil || len(lines) != 2 || !strings.HasPrefix(lines[1], "Churn: fewer than 5 customers") {
		t.Errorf("Cautions: %q, %v", lines, err)
	}
}

// statedQuadrant returns a report of the worked survey with a stated
// importance (mean ratings, points) of n items named by name(i), cut at
// the median of the importance and at a given performance of 80%; the
// items' degrees are the worked survey's, cycled.
func statedQuadrant(tb testing.TB, n int, name func(int) string) analysis.Report {
	tb.Helper()
	rep := prioritiesReport(tb)
	rep.Churn, rep.Benchmarks, rep.Cautions = nil, nil, nil
	degrees := []int64{58, 70, 72, 80, 88, 90}
	given, err := csat.Given("given performance cut", csat.Fraction, dec("0.8"))
	if err != nil {
		tb.Fatal(err)
	}
	median, err := csat.Given("median importance", csat.Points, dec("3.5"))
	if err != nil {
		tb.Fatal(err)
	}
	q := &analysis.QuadrantReport{Method: "stated", Source: csat.SourceSurvey,
		Importance: analysis.Cut{Rule: analysis.CutMedian, Value: median}, Performance: analysis.Cut{Rule: analysis.CutGiven, Value: given}}
	set := &importance.Set{Method: "stated", Source: csat.SourceSurvey, Forms: 20}
	for i := range n {
		imp, err := csat.Given("mean importance", csat.Points, dec("5").Sub(decimal.New(int64(i), -1)))
		if err != nil {
			tb.Fatal(err)
		}
		perf := rat(tb, "degree 满意度", degrees[i%len(degrees)], 100)
		gap, err := csat.Difference("gap", given, perf)
		if err != nil {
			tb.Fatal(err)
		}
		zone := analysis.ZoneFix
		switch highImp, highPerf := imp.Value().GreaterThanOrEqual(median.Value()), perf.Value().GreaterThanOrEqual(given.Value()); {
		case highImp && highPerf:
			zone = analysis.ZoneStrength
		case !highImp && highPerf:
			zone = analysis.ZoneMaintain
		case !highImp:
			zone = analysis.ZoneOpportunity
		default:
			q.FixFirst = append(q.FixFirst, name(i))
		}
		q.Items = append(q.Items, analysis.QuadrantItem{Item: name(i), Importance: imp, Performance: perf, Zone: zone, Gap: gap})
		set.Items = append(set.Items, importance.Item{Item: name(i), Value: imp, Rank: i + 1})
	}
	rep.Importance, rep.Quadrant = set, q
	return rep
}

// crowdedName names the i-th item of statedQuadrant's tests: markup,
// then a very long name without a space, then 项目B, 项目C, ….
func crowdedName(i int) string {
	switch i {
	case 0:
		return "<script>alert(1)</script>"
	case 1:
		return strings.Repeat("很长的项目名称", 12)
	}
	return "项目" + string(rune('A'+i%26)) + strings.Repeat("′", i/26)
}

// TestQuadrantStated renders a quadrant of stated importance (mean
// ratings, points) cut at the median and at a given performance, with
// few items (labelled by name) and with 30 (labelled by number, the
// table giving each number), names that are long or hold markup.
func TestQuadrantStated(t *testing.T) {
	evil := crowdedName(0)
	for _, tc := range []struct {
		n        int
		numbered bool
	}{{4, false}, {30, true}} {
		rep := statedQuadrant(t, tc.n, crowdedName)
		for _, lang := range []string{"zh", "en"} {
			page := render(t, rep, htmlreport.Options{Lang: lang})
			imp, quad := sectionOf(page, "importance"), sectionOf(page, "quadrant")
			for _, w := range []string{pick(lang, "方法：陈述重要度，每个项目至少 20 个重要度答项。", "Method: Stated importance, at least 20 importance answers per item."),
				pick(lang, "重要度均分", "Mean importance rating")} {
				if !strings.Contains(textOf(imp), w) {
					t.Errorf("%d %s: importance lacks %q", tc.n, lang, w)
				}
			}
			if strings.Contains(imp, "R²") {
				t.Errorf("%d %s: stated importance has an R²", tc.n, lang)
			}
			if w := pick(lang, "重要度分界线：中位数 3.5 · 表现分界线：给定值 80.0%", "Importance cut: Median 3.5 · Performance cut: Given 80.0%"); !strings.Contains(textOf(quad), w) {
				t.Errorf("%d %s: the quadrant lacks %q", tc.n, lang, w)
			}
			if got := strings.Contains(quad, pick(lang, "图中以序号标注", "by number")); got != tc.numbered {
				t.Errorf("%d %s: numbered note %v, want %v", tc.n, lang, got, tc.numbered)
			}
			for _, sec := range []string{imp, quad} {
				if strings.Contains(sec, evil) || !strings.Contains(sec, html.EscapeString(evil)) {
					t.Errorf("%d %s: the name with markup is not escaped", tc.n, lang)
				}
			}
			c := chartByID(t, page, "chart-quadrant")
			if f := c.Option["yAxis"].(map[string]any)["axisLabel"].(map[string]any)["formatter"]; f != "{value}" {
				t.Errorf("%d %s: importance axis %v, want points", tc.n, lang, f)
			}
			var labels []string
			items := 0
			for _, s := range c.Option["series"].([]any) {
				for _, d := range s.(map[string]any)["data"].([]any) {
					d := d.(map[string]any)
					items++
					if l, ok := d["label"].(map[string]any); ok {
						labels = append(labels, l["formatter"].(string))
					} else if tc.numbered {
						t.Errorf("%d %s: %q is labelled by name", tc.n, lang, d["name"])
					}
					if d["name"] == evil {
						labels = append(labels, "evil")
					}
				}
			}
			if items != tc.n {
				t.Errorf("%d %s: %d points, want %d", tc.n, lang, items, tc.n)
			}
			if tc.numbered && (len(labels) != tc.n+1 || !slices.Contains(labels, "30")) {
				t.Errorf("%d %s: labels %q, want the numbers 1–30", tc.n, lang, labels)
			}
			if !slices.Contains(labels, "evil") {
				t.Errorf("%d %s: the chart does not carry the name with markup exactly", tc.n, lang)
			}
			if rows := tableRows(quad); len(rows) != tc.n+1 || rows[tc.n][0] != fmt.Sprint(tc.n) {
				t.Errorf("%d %s: quadrant table of %d rows", tc.n, lang, len(rows))
			}
		}
	}
}

// The fix-first items feed the actions table: 交货期 has its corrective
// action (given), 包装 none, so the table gets a row asking for one, in
// the fix-first order, with no owner invented; with an action for 包装
// the row goes.
func TestFixFirstFeedsActions(t *testing.T) {
	rep := prioritiesReport(t)
	for _, lang := range []string{"zh", "en"} {
		sec := sectionOf(render(t, rep, htmlreport.Options{Lang: lang}), "pareto")
		rows := regexp.MustCompile(`(?s)<tr class="needed">.*?</tr>`).FindAllString(sec, -1)
		want := pick(lang, "包装 纠正 四分图修补区：优先改进第 2 位 待制定（请指定责任部门） — — 无纠正措施",
			"包装 corrective quadrant's fix-first zone: no. 2 to fix to be planned (name an owner) — — no corrective action")
		if len(rows) != 1 || textOf(rows[0]) != want {
			t.Errorf("%s: needed rows %q, want one: %q", lang, rows, want)
		}
	}
	rep.Actions = append(rep.Actions, analysis.Action{Item: "包装", Kind: analysis.Corrective, Cause: "c", Action: "a", Owner: "o",
		Due: rep.Actions[0].Due, Status: analysis.Planned})
	if sec := sectionOf(render(t, rep, htmlreport.Options{Lang: "zh"}), "pareto"); strings.Contains(sec, `class="needed"`) {
		t.Error("a needed row for 包装, which has its corrective action")
	}
}
