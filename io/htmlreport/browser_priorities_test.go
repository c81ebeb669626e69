package htmlreport_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/io/htmlreport"
)

// findAxe returns the accessibility engine axe-core (axe.min.js) to run
// in the page: $CSAT_AXE, else the npm package axe-core installed
// globally (npm install -g axe-core). Without it the accessibility check
// is skipped with a note, unless CSAT_REQUIRE_AXE=1, when it fails.
func findAxe(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CSAT_AXE"); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("CSAT_AXE=%s: %v", p, err)
		}
		return p
	}
	roots := []string{"/usr/lib/node_modules", "/usr/local/lib/node_modules"}
	if npm, err := exec.LookPath("npm"); err == nil {
		if out, err := exec.Command(npm, "root", "-g").Output(); err == nil { //nolint:gosec // G204: npm found on PATH, fixed arguments
			roots = append([]string{strings.TrimSpace(string(out))}, roots...)
		}
	}
	for _, r := range roots {
		p := filepath.Join(r, "axe-core", "axe.min.js")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CSAT_REQUIRE_AXE") == "1" {
		t.Fatal("CSAT_REQUIRE_AXE=1 but no axe-core found ($CSAT_AXE, or axe-core/axe.min.js under npm root -g)")
	}
	return ""
}

// axeViolation is one rule axe-core finds broken, with the first nodes
// that break it.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// loadAxe reads axe-core's source (findAxe), "" when there is none.
func loadAxe(t *testing.T) string {
	t.Helper()
	path := findAxe(t)
	if path == "" {
		return ""
	}
	src, err := os.ReadFile(path) //nolint:gosec // G304: the test's own tool
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// checkAxe runs axe-core's WCAG 2 A and AA rules and its best practices
// on the page as it is (the customers' table opened first, so that it
// is checked too) and fails on each violation. axe-core is loaded in
// the page the first time.
func checkAxe(t *testing.T, p *visit) {
	t.Helper()
	if p.axe == "" {
		t.Log("no axe-core (npm install -g axe-core, or set CSAT_AXE): the accessibility rules are not checked")
		return
	}
	defer took(t, "axe-core")()
	if !p.axed {
		if _, err := chromedp.Run(p.ctx, chromedp.Evaluate[chromedp.Void](p.axe+"\n;undefined")); err != nil {
			t.Fatalf("loading axe-core: %v", err)
		}
		p.axed = true
	}
	vs, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]axeViolation](`document.querySelectorAll('details').forEach(d => d.open = true),
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}, resultTypes: ['violations']})
  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(' '))})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core: %v", err)
	}
	for _, v := range vs {
		t.Errorf("axe: %s (%s): %s, at %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, " | "))
	}
	if _, err := chromedp.Run(p.ctx, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('details').forEach(d => d.open = false)`)); err != nil {
		t.Fatal(err)
	}
}

// sectionsVisibleJS returns, for each given section, whether it is laid
// out with a size and shows text.
const sectionsVisibleJS = `((ids) => ids.map(id => { const el = document.getElementById(id);
  if (!el) { return false; }
  const r = el.getBoundingClientRect(); const cs = getComputedStyle(el);
  return r.width > 0 && r.height > 100 && cs.display !== 'none' && cs.visibility === 'visible' && el.innerText.trim().length > 0; }))`

// overlapJS measures the quadrant's point labels (those given, and any
// axis label that reads the same): how many of the given are drawn, and
// the largest share of one label's box another covers.
const overlapJS = `((labels) => {
  const texts = [...document.querySelectorAll('#chart-quadrant svg text')].filter(e => labels.includes(e.textContent.trim()));
  const drawn = labels.filter(l => texts.some(e => e.textContent.trim() === l)).length;
  const boxes = texts.map(e => e.getBoundingClientRect());
  let worst = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 0 && h > 0) { worst = Math.max(worst, w * h / Math.min(a.width * a.height, b.width * b.height)); }
    }
  }
  return {n: drawn, worst: Math.round(worst * 100)};
})`

type overlapState struct {
	N     int `json:"n"`
	Worst int `json:"worst"` // percent of the smaller box
}

// checkLabels checks that the quadrant draws every given label and that
// no two overlap by more than a fifth of the smaller.
func checkLabels(t *testing.T, p *visit, labels []string) {
	t.Helper()
	list := `["` + strings.Join(labels, `","`) + `"]`
	st, err := chromedp.Run(p.ctx, chromedp.Evaluate[overlapState](overlapJS+`(`+list+`)`))
	if err != nil {
		t.Fatal(err)
	}
	if st.N != len(labels) || st.Worst > 20 {
		t.Errorf("quadrant labels: %d of %d drawn, overlapping by up to %d%%", st.N, len(labels), st.Worst)
	}
}

// browsePriorities opens the priorities report (priorities_fixture_test.go)
// in both languages, in parallel: the sections importance, quadrant,
// benchmarks and churn are drawn and visible, say what they should,
// pass axe-core, do not scroll sideways at 390 px (the customers' table
// opened), print to A4 with every chart inside the page, and the
// quadrant's labels do not overlap.
func browsePriorities(t *testing.T, b *browser, outDir string) {
	rep := prioritiesReport(t)
	for _, tc := range []struct {
		lang  string
		words []string
	}{
		{"zh", []string{"重要度（关键驱动因素）", "R² = 0.683", "重要度–满意度四分图", "优先改进", "修补区", "优势区", "机会区", "维持区", "均值 76.3%",
			"无纠正措施", "标杆对比", "行业领先", "▼ 低于", "满意度与投诉、流失", "流失客户的平均满意度 65.0%，保留客户 84.3%", "Spearman ρ = −0.800"}},
		{"en", []string{"Importance (key drivers)", "R² = 0.683", "Importance–performance quadrant", "Fix first", "Strengths", "Opportunities", "Maintain",
			"Mean 76.3%", "no corrective action", "Benchmarks", "Industry leader", "▼ below", "Satisfaction, complaints and churn",
			"Customers we lost rated us 65.0%, those we kept 84.3%", "Spearman's ρ of degree and complaints = −0.800"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			t.Parallel()
			browsePriority(t, b, rep, tc.lang, tc.words, outDir)
		})
	}
}

// browsePriority checks the priorities report in lang (browsePriorities).
// The checks that need one layout (print, a width) are made together,
// so that the page redraws its charts once for each.
func browsePriority(t *testing.T, b *browser, rep analysis.Report, lang string, words []string, outDir string) {
	var buf bytes.Buffer
	if err := htmlreport.Render(&buf, rep, htmlreport.Options{Lang: lang, Organisation: "华东精密机械有限公司",
		Generated: time.Date(2026, 7, 3, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	p := open(t, b, writePage(t, "priorities-"+lang+".html", buf.Bytes()), len(priorityCharts))
	st, err := chromedp.Run(p.ctx, chromedp.Evaluate[pageState](stateJS))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range words {
		if !strings.Contains(st.Text, w) {
			t.Errorf("the page does not show %q", w)
		}
	}
	var ids []string
	for _, c := range st.Charts {
		ids = append(ids, c.ID)
		if c.Width <= 0 || c.Height <= 0 || !c.SVG || c.Shapes < 5 || !c.Rendered {
			t.Errorf("chart %s not drawn: %+v", c.ID, c)
		}
	}
	if strings.Join(ids, " ") != strings.Join(priorityCharts, " ") {
		t.Errorf("charts %q, want %q", ids, priorityCharts)
	}
	newSections := []string{"importance", "quadrant", "benchmarks", "churn"}
	visible, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]bool](sectionsVisibleJS+`(["`+strings.Join(newSections, `","`)+`"])`))
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range visible {
		if !v {
			t.Errorf("section %s is not visible", newSections[i])
		}
	}
	checkLabels(t, p, []string{"交货期", "产品质量", "包装", "技术支持", "价格", "服务态度"})
	checkAxe(t, p)
	checkDirection(t, p.view(t, 900, 1200, ""))
	pages := checkPDF(t, p, len(prioritySections))
	checkPrint(t, p, len(priorityCharts), false)
	labels := chartLabels(buf.String())
	checkWidth(t, p, 1280, labels)
	checkWidth(t, p, 390, labels)
	if _, err := chromedp.Run(p.ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('details.customers').open = true`)); err != nil {
		t.Fatal(err)
	}
	checkNarrow(t, p, newSections...)
	checkLanguage(t, p.view(t, 900, 1200, ""), lang, priorityData)
	out := screenshot(t, p, outDir, "report-priorities-"+lang+".png")
	t.Logf("%s: PDF %d pages, screenshot %s", lang, pages, out)
	p.heard.check(t, p.ctx)
}

// browseCrowded opens a quadrant of 30 items, two of them a very long
// name and markup: labelled by number, the labels do not overlap, the
// page passes axe-core and does not scroll sideways at 390 px.
func browseCrowded(t *testing.T, b *browser) {
	rep := statedQuadrant(t, 30, crowdedName)
	var buf bytes.Buffer
	if err := htmlreport.Render(&buf, rep, htmlreport.Options{}); err != nil {
		t.Fatal(err)
	}
	n := strings.Count(buf.String(), `<div class="chart" `)
	p := open(t, b, writePage(t, "crowded.html", buf.Bytes()), n)
	labels := make([]string, 30)
	for i := range labels {
		labels[i] = fmt.Sprint(i + 1)
	}
	checkLabels(t, p, labels)
	checkAxe(t, p)
	checkPrint(t, p, n, false)
	checkNarrow(t, p, "importance", "quadrant")
	p.heard.check(t, p.ctx)
}

// priorityData is the data of the priorities report (its items,
// customers, periods, organisation, its actions' causes and the
// method of its given intervals), which the page shows as they are in either
// language.
var priorityData = []string{"交货期", "产品质量", "包装", "技术支持", "价格", "服务态度", "2026H1", "华东精密机械有限公司",
	"percentile bootstrap", "供应商延迟", "认证第二供应商", "生产部"}
