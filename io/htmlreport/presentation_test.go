package htmlreport_test

import (
	"errors"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/io/htmlreport"
	"github.com/google/go-cmp/cmp"
)

// This file checks what a quality director needs to sign the report
// (issue 21): the title block and the sign-off block, the figures at the
// chosen places in percentage points where they are differences, the
// items in questionnaire or score order, the per-item blend, the
// complaint adjustments with their signs, the charts' names and their
// data without JavaScript, and the derivations in one language.

// TestTitleBlockAndSignOff renders the organisation, period and date in
// the title block and, at the end, the sign-off block: 编制 / 审核 /
// 批准 with the names given and blank lines for signature and date.
func TestTitleBlockAndSignOff(t *testing.T) {
	rep := full(t)
	opts := htmlreport.Options{Organisation: "华东机械厂", Generated: time.Date(2026, 6, 30, 15, 4, 5, 0, time.UTC),
		SignOff: htmlreport.SignOff{Prepared: "张三", Approved: "王五"}}
	for _, lang := range []string{"zh", "en"} {
		opts.Lang = lang
		page := render(t, rep, opts)
		head := regexp.MustCompile(`(?s)<header class="titleblock">.*?</header>`).FindString(page)
		for _, w := range []string{`<div class="org">华东机械厂</div>`,
			"<dt>" + pick(lang, "调查期间", "Period") + "</dt><dd>2026H1</dd>",
			"<dt>" + pick(lang, "编制日期", "Date") + "</dt><dd>2026-06-30</dd>"} {
			if !strings.Contains(head, w) {
				t.Errorf("%s: the title block lacks %q:\n%s", lang, w, head)
			}
		}
		block := regexp.MustCompile(`(?s)<section class="signoff"[^>]*>.*?</section>`).FindString(page)
		if block == "" {
			t.Fatalf("%s: no sign-off block", lang)
		}
		want := [][]string{
			{pick(lang, "职责", "Role"), pick(lang, "姓名", "Name"), pick(lang, "签名", "Signature"), pick(lang, "日期", "Date")},
			{pick(lang, "编制", "Prepared by"), "张三", "", ""},
			{pick(lang, "审核", "Reviewed by"), "", "", ""},
			{pick(lang, "批准", "Approved by"), "王五", "", ""},
		}
		if diff := cmp.Diff(want, tableRows(block)); diff != "" {
			t.Errorf("%s: sign-off (-want +got):\n%s", lang, diff)
		}
		// After every section, before the footer; blank lines to sign on.
		last := strings.LastIndex(page, `<section class="sec`)
		if i := strings.Index(page, block); i < last || i > strings.Index(page, "<footer>") {
			t.Errorf("%s: the sign-off block is not at the end of the report", lang)
		}
		if !strings.Contains(page, ".signoff { break-inside: avoid; page-break-inside: avoid; }") {
			t.Errorf("%s: the sign-off block may break across printed pages", lang)
		}
		if n := strings.Count(block, `<td class="signoff-line"></td>`); n != 6 {
			t.Errorf("%s: %d blank lines for signatures and dates, want 6", lang, n)
		}
	}
	// Without a date the title block has none; the sign-off block stays.
	page := render(t, rep, htmlreport.Options{})
	if strings.Contains(page, "编制日期") || !strings.Contains(page, `<section class="signoff"`) {
		t.Error("without a date: a date is printed or the sign-off block is missing")
	}
}

// TestPlaces prints the figures at Options.Places, trailing zeros kept,
// and refuses places outside 1–4. The competitor's degree of 功能,
// (3×10 + 4×8 + 3×6 + 1×4 + 1×2)/120 = 86/120 = 71.666…% (fixture_test.go),
// shows its rounding; the survey's 190/250 = 76% its zeros.
func TestPlaces(t *testing.T) {
	rep := full(t)
	for _, tc := range []struct {
		places               int
		survey, competitor   string
		card                 string // the blended degree 78.4%
		deliveryGap, intvSep string
	}{
		{0, "76.0%", "71.7%", "78.4%", "+16.0 个百分点", ""},
		{1, "76.0%", "71.7%", "78.4%", "+16.0 个百分点", ""},
		{2, "76.00%", "71.67%", "78.40%", "+16.00 个百分点", ""},
		{4, "76.0000%", "71.6667%", "78.4000%", "+16.0000 个百分点", ""},
	} {
		page := render(t, rep, htmlreport.Options{Places: tc.places})
		items := textOf(sectionOf(page, "items"))
		if !strings.Contains(items, "检查 25 "+tc.survey) || !regexp.MustCompile(`功能 检查 5 .*? 竞争对手 12 `+regexp.QuoteMeta(tc.competitor)).MatchString(items) {
			t.Errorf("places %d: the items table lacks survey %s or competitor %s", tc.places, tc.survey, tc.competitor)
		}
		if m := cardRE.FindStringSubmatch(page); m == nil || m[1] != tc.card {
			t.Errorf("places %d: first card %v, want %s", tc.places, m, tc.card)
		}
		// 交货期: self 72% (72/100) against survey 56% (28/50).
		if !strings.Contains(items, tc.deliveryGap) {
			t.Errorf("places %d: the gaps lack %q", tc.places, tc.deliveryGap)
		}
	}
	for _, p := range []int{-1, 5, 10} {
		err := htmlreport.Render(&strings.Builder{}, rep, htmlreport.Options{Places: p})
		if !errors.Is(err, csat.ErrInvalid) {
			t.Errorf("places %d: %v, want ErrInvalid", p, err)
		}
	}
}

// cellText returns the text of a page outside its derivations, hover
// titles and scripts: what a reader sees in tables, cards and findings.
func cellText(page string) string {
	page = regexp.MustCompile(`(?s)<details class="derivs".*?</details>|<script.*?</script>|<style.*?</style>`).ReplaceAllString(withoutScripts(page), "")
	page = regexp.MustCompile(` (title|aria-label)="[^"]*"`).ReplaceAllString(page, "")
	return html.UnescapeString(page)
}

// withoutScripts returns page without its script elements (<script up
// to the next </script>), found by strings.Index: cellText's regexp
// takes seconds under -race to walk the chart library's megabyte.
func withoutScripts(page string) string {
	return replaceSpans(page, "<script", "</script>", "")
}

// replaceSpans replaces each span of s from open up to the next close
// (both included) with repl, by strings.Index; an open without a close
// after it is left as it is.
func replaceSpans(s, open, close, repl string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, open)
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], close)
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		b.WriteString(repl)
		s = s[i+j+len(close):]
	}
	b.WriteString(s)
	return b.String()
}

// TestPercentagePoints prints the differences of fractions in
// percentage points (个百分点 / pp), signed, and "≈" only in
// derivations and hover titles.
func TestPercentagePoints(t *testing.T) {
	rep := full(t)
	for _, lang := range []string{"zh", "en"} {
		page := render(t, rep, htmlreport.Options{Lang: lang})
		pp := pick(lang, " 个百分点", " pp")
		// 交货期: self 72% − survey 56% = +16 points (degree); self 7/10
		// = 70% − survey 4/5 = 80%: −10 points (rate).
		gaps := textOf(sectionOf(page, "items"))
		for _, w := range []string{"+16.0" + pp, "−10.0" + pp} {
			if !strings.Contains(gaps, w) {
				t.Errorf("%s: the gaps lack %q", lang, w)
			}
		}
		// 交货期 against the competitor: degree 56% − (5×10 + 4×8 + 2×6 +
		// 1×4)/120 = 98/120 = 81.666…%: −25.666… points.
		if comp := textOf(sectionOf(page, "competitor")); !strings.Contains(comp, "−25.7"+pp) {
			t.Errorf("%s: the competitor table lacks −25.7%s", lang, pp)
		}
		if trend := textOf(sectionOf(page, "trend")); !regexp.MustCompile(`[+−]\d+\.\d` + regexp.QuoteMeta(pp)).MatchString(trend) {
			t.Errorf("%s: the trend's changes are not in percentage points", lang)
		}
		// The targets (render_test.go TestTargets): the blend's degree
		// 78.4% against 75.625%: +2.775 points; its rate 86.4% against
		// 88%: −1.6 points, in the table and the findings.
		trend := textOf(sectionOf(page, "trend"))
		for _, w := range []string{"+2.8" + pp, "−1.6" + pp} {
			if !strings.Contains(trend, w) {
				t.Errorf("%s: the targets table lacks %q", lang, w)
			}
		}
		if w := pick(lang, "满意率 86.4% / 88.0%（−1.6 个百分点）", "rate 86.4% / 88.0% (−1.6 pp)"); !strings.Contains(textOf(page), w) {
			t.Errorf("%s: the findings lack %q", lang, w)
		}
		// Groups (groups_test.go): the rate of 华东 56/60 against 华北
		// 30/40: 93.33…% − 75% = +18.33… points.
		if g := textOf(sectionOf(render(t, groupsReport(t), htmlreport.Options{Lang: lang}), "groups")); !strings.Contains(g, "+18.3"+pp) {
			t.Errorf("%s: the groups' difference is not +18.3%s", lang, pp)
		}
		seen := cellText(page)
		if i := strings.Index(seen, "≈"); i >= 0 {
			t.Errorf("%s: ≈ outside a derivation: %q", lang, seen[max(0, i-120):min(len(seen), i+40)])
		}
		if !strings.Contains(page, "= 86/120 = ≈71.67%") {
			t.Errorf("%s: the derivations lost their ≈ (86/120 = ≈71.67%%)", lang)
		}
	}
}

// itemOrder returns the items of the items table, in order.
func itemOrder(page string) []string {
	var out []string
	items := regexp.MustCompile(`(?s)<table class="data items">.*?</table>`).FindString(sectionOf(page, "items"))
	for _, m := range regexp.MustCompile(`<th scope="rowgroup" rowspan="\d+">([^<]*)</th>`).FindAllStringSubmatch(items, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	return out
}

// TestOrder lists the items in questionnaire order (Options.Items, else
// the report's) or by the survey's degree, lowest first, in the items
// table, the distribution chart and the competitor table; another order
// is an error.
func TestOrder(t *testing.T) {
	rep := full(t)
	// The survey's degrees (fixture_test.go): 交货期 28/50 = 56%, 包装
	// 36/50 = 72%, 服务质量 40/50 = 80%, 功能 42/50 = 84%, 外观 44/50 = 88%.
	byScore := []string{"全部项目", "交货期", "包装", "服务质量", "功能", "外观"}
	asked := []string{"服务质量", "外观", "功能", "包装", "交货期"}
	for _, tc := range []struct {
		name string
		opts htmlreport.Options
		want []string
	}{
		{"score", htmlreport.Options{Order: "score"}, byScore},
		{"questionnaire", htmlreport.Options{Order: "questionnaire", Items: asked}, append([]string{"全部项目"}, asked...)},
		{"default with items", htmlreport.Options{Items: asked}, append([]string{"全部项目"}, asked...)},
		// Items not named follow in the report's order.
		{"partial", htmlreport.Options{Items: []string{"外观"}}, []string{"全部项目", "外观", "交货期", "功能", "包装", "服务质量"}},
	} {
		page := render(t, rep, tc.opts)
		if diff := cmp.Diff(tc.want, itemOrder(page)); diff != "" {
			t.Errorf("%s: items table (-want +got):\n%s", tc.name, diff)
		}
		likert := chartByID(t, page, "chart-likert")
		if diff := cmp.Diff(toAny(tc.want), likert.Option["yAxis"].(map[string]any)["data"]); diff != "" {
			t.Errorf("%s: distribution chart (-want +got):\n%s", tc.name, diff)
		}
		var comp []string
		for _, row := range tableRows(sectionOf(page, "competitor"))[2:] {
			comp = append(comp, row[0])
		}
		if diff := cmp.Diff(tc.want, comp); diff != "" {
			t.Errorf("%s: competitor table (-want +got):\n%s", tc.name, diff)
		}
	}
	for _, o := range []string{"alphabetical", "Score", "desc"} {
		if err := htmlreport.Render(&strings.Builder{}, rep, htmlreport.Options{Order: o}); !errors.Is(err, csat.ErrInvalid) {
			t.Errorf("order %q: %v, want ErrInvalid", o, err)
		}
	}
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// TestItemBlend shows each item blended from self-assessment and survey
// with the report's weights (40/60), exact, with its derivation; a
// report without a self-assessment has no such table.
func TestItemBlend(t *testing.T) {
	page := render(t, full(t), htmlreport.Options{})
	table := regexp.MustCompile(`(?s)<table class="data item-blend">.*?</table>`).FindString(page)
	rows := tableRows(table)
	if len(rows) != 2+5 {
		t.Fatalf("%d rows, want 2 heads and 5 items:\n%v", len(rows), rows)
	}
	// 交货期 (fixture_test.go): self degree (3×10 + 3×8 + 1×6 + 3×4)/100 =
	// 72%, survey 56%: 0.4×72 + 0.6×56 = 62.4%; self rate 7/10 = 70%,
	// survey 4/5 = 80%: 0.4×70 + 0.6×80 = 76%.
	if diff := cmp.Diff([]string{"交货期", "72.0%", "56.0%", "62.4%", "70.0%", "80.0%", "76.0%"}, rows[2]); diff != "" {
		t.Errorf("交货期 (-want +got):\n%s", diff)
	}
	if !strings.Contains(html.UnescapeString(page), "0.4×72% + 0.6×56% = 62.4%") {
		t.Error("the blend of 交货期 lacks its derivation")
	}
	if !strings.Contains(textOf(page), "自评 40% + 检查 60%") {
		t.Error("the blend's weights are not named")
	}
	// Another blend, 30/70: 交货期's degree 0.3×72 + 0.7×56 = 60.8%.
	bl, err := csat.NewBlend([]csat.Weight{{Name: csat.SourceSelf, Weight: dec("0.3")}, {Name: csat.SourceSurvey, Weight: dec("0.7")}}, csat.Renormalize)
	if err != nil {
		t.Fatal(err)
	}
	in := fullInput(t)
	in.Blend = bl
	other := render(t, build(t, in), htmlreport.Options{})
	rows = tableRows(regexp.MustCompile(`(?s)<table class="data item-blend">.*?</table>`).FindString(other))
	if len(rows) < 3 || rows[2][3] != "60.8%" || !strings.Contains(textOf(other), "自评 30% + 检查 70%") {
		t.Errorf("a 30/70 blend: 交货期 %v, want its degree blended 60.8%% and the weights named", rows)
	}
	if strings.Contains(render(t, build(t, analysis.Input{Period: "2026H1", Table: surveyOnly(t)}), htmlreport.Options{}), "item-blend") {
		t.Error("a survey alone has a per-item blend")
	}
}

// TestAdjustmentsSigned lists every complaint adjustment of a customer
// with its sign: C001's three complaints adjust by −1 (基本满意), +2
// (很满意) and −5 (未处理), METHOD.md §5.
func TestAdjustmentsSigned(t *testing.T) {
	page := render(t, full(t), htmlreport.Options{})
	var row []string
	for _, r := range tableRows(sectionOf(page, "customers")) {
		if slices.Contains(r, "C001 华东机械") {
			row = r
		}
	}
	if row == nil {
		t.Fatal("no row for C001")
	}
	want := "−1 " + csat.HandledBasicallySatisfied.LabelZH() + "；+2 " + csat.HandledVerySatisfied.LabelZH() + "；−5 " + csat.NotHandled.LabelZH()
	if !slices.Contains(row, want) {
		t.Errorf("C001's adjustments %q, want %q", row, want)
	}
}

// TestChartsNamedAndReadable names every chart by what it plots (not its
// section's title), hides the empty chart boxes without JavaScript and
// gives a chart without a table of its own one in <noscript>.
func TestChartsNamedAndReadable(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		page := render(t, full(t), htmlreport.Options{Lang: lang})
		labels := regexp.MustCompile(`<div class="chart" id="([\w-]+)"[^>]* aria-label="([^"]*)"`).FindAllStringSubmatch(page, -1)
		if len(labels) < 10 {
			t.Fatalf("%s: %d charts named", lang, len(labels))
		}
		titles := regexp.MustCompile(`<h2><span class="num">\d+</span> ([^<]*)</h2>`).FindAllStringSubmatch(page, -1)
		for _, l := range labels {
			for _, h := range titles {
				if html.UnescapeString(l[2]) == html.UnescapeString(h[1]) {
					t.Errorf("%s: %s is named by its section's title %q", lang, l[1], h[1])
				}
			}
		}
		pareto := pick(lang, "排列图：不满意答项按项目，柱为答项数，折线为累计百分比",
			"Pareto chart: dissatisfied answers by item, bars the number of answers, the line the cumulative percentage")
		if !strings.Contains(page, `id="chart-pareto" data-kind="pareto" role="img" aria-label="`+pareto+`"`) {
			t.Errorf("%s: the Pareto chart is not named %q", lang, pareto)
		}
		if !strings.Contains(page, "<noscript><style>.chart { display: none; }</style></noscript>") {
			t.Errorf("%s: empty chart boxes show without JavaScript", lang)
		}
		// The outcomes of the five complaints (fixture_test.go): one of
		// them (T-01) handled, customer very satisfied: 1 of 5 = 20%.
		fb := regexp.MustCompile(`(?s)<noscript><table class="data compact chart-fallback">.*?</table></noscript>`).FindString(sectionOf(page, "complaints"))
		rows := tableRows(fb)
		wantRow := []string{outcomeName(lang, csat.HandledVerySatisfied), "1", "20.0%"}
		if len(rows) < 2 || !slices.ContainsFunc(rows, func(r []string) bool { return slices.Equal(r, wantRow) }) {
			t.Errorf("%s: the outcomes' fallback table %v lacks 很满意 1 of 5 = 20.0%%", lang, rows)
		}
	}
}

func outcomeName(lang string, o csat.Outcome) string {
	if lang == "zh" {
		return o.LabelZH()
	}
	return o.Label()
}

// TestMethodLinkAndLanguage links the method to docs/method.md in the
// repository, prints the derivations in the report's language only, and
// words the analysis' warnings in it.
func TestMethodLinkAndLanguage(t *testing.T) {
	rep := full(t)
	rep.Warnings = append(slices.Clone(rep.Warnings), "competitor answers share no item with the survey")
	for _, lang := range []string{"zh", "en"} {
		page := render(t, rep, htmlreport.Options{Lang: lang})
		if !strings.Contains(page, `<a href="https://github.com/csatkit/csat/blob/main/docs/method.md">`+pick(lang, "计算方法说明", "the method as implemented")+`</a>`) {
			t.Errorf("%s: no link to docs/method.md", lang)
		}
		if strings.Contains(cellText(page), "METHOD.md") {
			t.Errorf("%s: the page names METHOD.md", lang)
		}
		// The survey's degree card: "满意度 = … = 76%" in Chinese,
		// "degree = … = 76%" in English, never the bilingual label.
		card := regexp.MustCompile(`<div class="card" title="([^"]*)"><div class="card-label">`).FindStringSubmatch(page)
		want := pick(lang, "满意度 = ", "degree = ") + "(10×10 + 5×8 + 6×6 + 3×4 + 1×2) / (25×10) = 190/250 = 76%"
		if card == nil || html.UnescapeString(card[1]) != want {
			t.Errorf("%s: survey card title %v, want %q", lang, card, want)
		}
		if strings.Contains(page, "degree 满意度") || strings.Contains(page, "95% interval") == (lang == "zh") {
			t.Errorf("%s: bilingual labels or an interval in the other language", lang)
		}
		warn := pick(lang, "竞争对手的答卷与检查没有共同的项目", "competitor answers share no item with the survey")
		if !strings.Contains(sectionWarnings(page), warn) {
			t.Errorf("%s: the warnings lack %q", lang, warn)
		}
	}
}

// sectionWarnings returns the page's warnings box.
func sectionWarnings(page string) string {
	return regexp.MustCompile(`(?s)<div class="box warnings".*?</div>`).FindString(page)
}
