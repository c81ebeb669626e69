package htmlreport_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/io/htmlreport"
)

// update writes the screenshots into docs/img (also set by
// CSAT_UPDATE_SCREENSHOTS=1); without it they go to a temporary
// directory, so that running the tests leaves the tree clean.
var update = flag.Bool("update", false, "write the report screenshots to docs/img")

// findChrome returns the browser to drive: $CSAT_CHROME, else chromium,
// chromium-browser, google-chrome or google-chrome-stable on PATH. The
// test skips when there is none, unless CSAT_REQUIRE_CHROME=1 (as in CI).
func findChrome(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CSAT_CHROME"); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("CSAT_CHROME=%s: %v", p, err)
		}
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CSAT_REQUIRE_CHROME") == "1" { // CI installs Chromium: the test must run there
		t.Fatal("CSAT_REQUIRE_CHROME=1 but no Chromium or Chrome found (looked for $CSAT_CHROME, chromium, chromium-browser, google-chrome, google-chrome-stable on PATH)")
	}
	t.Skip("no Chromium or Chrome found (looked for $CSAT_CHROME, chromium, chromium-browser, google-chrome, google-chrome-stable on PATH): the report is not checked in a browser")
	return ""
}

// pageState is what the page reports about itself after drawing.
type pageState struct {
	Cards  []string     `json:"cards"`
	Text   string       `json:"text"`
	Charts []chartState `json:"charts"`
	// Sections are the ids of the report's sections, in order.
	Sections []string `json:"sections"`
}

type chartState struct {
	ID       string `json:"id"`
	Width    int    `json:"width"`
	Height   int    `json:"height"`
	SVG      bool   `json:"svg"`
	SVGWidth int    `json:"svgWidth"`
	Shapes   int    `json:"shapes"`
	Rendered bool   `json:"rendered"`
}

const stateJS = `(() => {
  const charts = [...document.querySelectorAll('.chart')].map(el => {
    const r = el.getBoundingClientRect();
    const svg = el.querySelector('svg');
    return {id: el.id, width: Math.round(r.width), height: Math.round(r.height), svg: !!svg,
      svgWidth: svg ? Math.round(svg.getBoundingClientRect().width) : 0,
      shapes: svg ? svg.querySelectorAll('path, rect, text').length : 0,
      rendered: el.getAttribute('data-rendered') === 'true'};
  });
  return {cards: [...document.querySelectorAll('.headline .card-value')].map(e => e.textContent.trim()),
    text: document.body.innerText, charts,
    sections: [...document.querySelectorAll('section.sec')].map(s => s.id)};
})()`

// printJS measures each chart: its box's width and height and its
// drawing's width.
const printJS = `(() => [...document.querySelectorAll('.chart')].map(el => {
  const r = el.getBoundingClientRect();
  const svg = el.querySelector('svg');
  return [Math.round(r.width), Math.round(r.height), svg ? Math.round(svg.getBoundingClientRect().width) : 1e6];
}))()`

// The headline cards, worked by hand (METHOD.md §2–3): blended
// 0.4×82% + 0.6×76% = 78.4% and 0.4×90% + 0.6×84% = 86.4%, then the
// survey's 190/250 = 76% and 21/25 = 84%; the sections and charts of the
// full report.
var (
	wantCards    = []string{"78.4%", "86.4%", "76.0%", "84.0%"}
	wantSections = []string{"overall", "items", "likert", "groups", "response", "pareto", "competitor", "trend", "control", "complaints", "customers", "segments", "loyalty"}
	wantCharts   = []string{"chart-likert", "chart-groups-1", "chart-groups-2", "chart-pareto", "chart-competitor", "chart-trend", "chart-control", "chart-outcomes", "chart-bands", "chart-segments"}
)

// TestBrowser renders the method's worked survey with every part of a
// report, opens it in headless Chromium, and checks what a reader sees:
// the headline figures, every chart drawn with a size, no console error,
// charts that fit the printed A4 page; it prints the page to PDF and
// takes a full-page screenshot of each language. The pages are
// independent: they are visited in parallel, each in a tab of the one
// browser.
func TestBrowser(t *testing.T) {
	// Most of its time is Chromium's: the test runs beside the package's
	// other parallel tests (TestRenderProperty), which use the Go
	// process's.
	t.Parallel()
	chrome := findChrome(t)
	rep := full(t)
	b := startBrowser(t, chrome)
	outDir := screenshotDir(t)
	for _, tc := range []struct {
		lang, org string
		words     []string
	}{
		{"zh", "华东精密机械有限公司", []string{"客户满意度检查分析报告", "整体满意度", "各项目满意程度分布", "与竞争对手比较", "很不满意",
			"5 份答卷 · 25 答项", "分组比较", "字母标记", "样本偏少", "少于 2 份答卷，不显示", "字母相同的组之间差异不显著（α = 0.05，Holm 校正）。", "满意率控制图（p 图）", "回收率"}},
		{"en", "East China Precision Machinery Co.", []string{"Customer Satisfaction Analysis Report", "Overall satisfaction", "Distribution of answers by item", "Comparison with the competitor", "very dissatisfied",
			"5 forms · 25 answers", "By customer group", "Letters", "small sample", "fewer than 2 forms: not shown", "Values sharing a letter do not differ at α = 0.05 (Holm-adjusted).", "Control chart of the rate (p-chart)", "Response rate"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			t.Parallel()
			browseFull(t, b, rep, tc.lang, tc.org, tc.words, outDir)
		})
	}
	t.Run("priorities", func(t *testing.T) {
		t.Parallel()
		browsePriorities(t, b, outDir)
	})
	t.Run("groups", func(t *testing.T) {
		t.Parallel()
		browseGroups(t, b)
	})
	t.Run("crowded", func(t *testing.T) {
		t.Parallel()
		browseCrowded(t, b)
	})
}

// browseFull opens the full report in lang (for organisation org) and
// checks it: the headline cards, the words, the sections and charts,
// its PDF, the printed page and its sign-off block, the page at 1280
// and 390 px, axe-core, a full-page screenshot, the checks of issue 21
// and the console. The checks that need one layout
// (print, a width) are made together, so that the page redraws its
// charts once for each.
func browseFull(t *testing.T, b *browser, rep analysis.Report, lang, org string, words []string, outDir string) {
	var buf bytes.Buffer
	err := htmlreport.Render(&buf, rep, htmlreport.Options{Lang: lang, Organisation: org,
		Generated: time.Date(2026, 7, 3, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	p := open(t, b, writePage(t, "report-"+lang+".html", buf.Bytes()), len(wantCharts))
	st := checkPage(t, p, words)
	pages := checkPDF(t, p, len(wantSections))
	checkPrint(t, p, len(wantCharts), true)
	labels := chartLabels(buf.String())
	checkWidth(t, p, 1280, labels)
	checkWidth(t, p, 390, labels)
	checkNarrow(t, p, "groups", "response", "control")
	checkAxe(t, p.view(t, 900, 1200, ""))
	// Before the tooltips, which leave their axis pointer drawn until
	// the charts are redrawn.
	out := screenshot(t, p, outDir, "report-"+lang+".png")
	checkIssue21(t, p, rep, lang)
	t.Logf("%s: %d charts, PDF %d pages, screenshot %s", lang, len(st.Charts), pages, out)
	p.heard.check(t, p.ctx)
}

// writePage writes a rendered page to a temporary file and returns its
// path.
func writePage(t *testing.T, name string, html []byte) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, html, 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

// browseGroups opens the groups report (groups_test.go): its section by
// customer group with letters and a suppressed group, and a control
// chart with a period out of control, which the chart marks ("50% !")
// and the text below it names; the page fits 390 px and prints.
func browseGroups(t *testing.T, b *browser) {
	var buf bytes.Buffer
	if err := htmlreport.Render(&buf, groupsReport(t), htmlreport.Options{}); err != nil {
		t.Fatal(err)
	}
	n := strings.Count(buf.String(), `<div class="chart" `)
	p := open(t, b, writePage(t, "groups.html", buf.Bytes()), n)
	st, err := chromedp.Run(p.ctx, chromedp.Evaluate[pageState](stateJS))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"分组比较", "ab", "样本偏少", "少于 5 份答卷，不显示", "Holm 校正 p 0.029", "失控期：2025Q4（低于控制下限）", "控制限为 Laney p′", "低于计划最少回收数"} {
		if !strings.Contains(st.Text, w) {
			t.Errorf("the page does not show %q", w)
		}
	}
	marked, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](`[...document.querySelectorAll('#chart-control svg text')].some(e => e.textContent.trim() === '50% !')`))
	if err != nil {
		t.Fatal(err)
	}
	if !marked {
		t.Error("the control chart does not mark 2025Q4 (50% !)")
	}
	letters, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](`[...document.querySelectorAll('#chart-groups-1 svg text')].some(e => e.textContent.trim() === '75%  ab')`))
	if err != nil {
		t.Fatal(err)
	}
	if !letters {
		t.Error("the chart of 地区 does not label 西南's bar with its letters (75%  ab)")
	}
	checkPrint(t, p, n, false)
	labels := chartLabels(buf.String())
	checkWidth(t, p, 1280, labels)
	checkWidth(t, p, 390, labels)
	checkNarrow(t, p, "groups", "response", "control")
	checkAxe(t, p.view(t, 900, 1200, ""))
	p.heard.check(t, p.ctx)
}

// browser is the headless Chromium the subtests of TestBrowser share,
// with its tabs and axe-core's source.
type browser struct {
	ctx context.Context // the browser's first tab, which started it
	axe string          // axe-core (axe.min.js), or "" when there is none
	// tabs holds the tabs no page shows. A tab, a window of its own, is
	// kept from page to page: its renderer draws the next page in a
	// third of the time a new one takes.
	tabs chan *tab
	mu   sync.Mutex
	all  []context.CancelFunc // closes every tab opened
}

// tab is a window of the browser. Its listener passes the events of the
// page it shows to that page's console.
type tab struct {
	ctx   context.Context
	mu    sync.Mutex
	heard *console
}

// listen is the tab's listener.
func (tb *tab) listen(ev any) {
	tb.mu.Lock()
	c := tb.heard
	tb.mu.Unlock()
	if c != nil {
		c.listen(ev)
	}
}

// listenTo sends the tab's events to c (nil: nowhere).
func (tb *tab) listenTo(c *console) {
	tb.mu.Lock()
	tb.heard = c
	tb.mu.Unlock()
}

// startBrowser starts headless Chromium for the test, stopped at its end,
// and loads axe-core's source.
func startBrowser(t *testing.T, chrome string) *browser {
	t.Helper()
	defer took(t, "start the browser")()
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		// The pages are visited in parallel, each in its window: none
		// may be slowed as if it were in the background.
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		// Chromium 156 loads the omnibox's popup, a page of its own, in
		// every browser, headless too: seconds of work for nothing.
		chromedp.Flag("disable-features", "WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(900, 1200),
	)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(cancelBrowser)
	if err := chromedp.Do(bctx); err != nil { // starts the browser
		t.Fatalf("starting %s: %v", chrome, err)
	}
	// More room for free tabs than there are pages: freeing a tab
	// never waits.
	b := &browser{ctx: bctx, axe: loadAxe(t), tabs: make(chan *tab, 8)}
	t.Cleanup(func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		for _, c := range b.all {
			c()
		}
	})
	return b
}

// tab returns a free tab, opening a new one when every tab shows a
// page.
func (b *browser) tab() *tab {
	select {
	case tb := <-b.tabs:
		return tb
	default:
	}
	tb := &tab{}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithListener(tb.listen))
	tb.ctx = ctx
	b.mu.Lock()
	b.all = append(b.all, cancel)
	b.mu.Unlock()
	return tb
}

// visit is a report open in a tab: what its console heard, and how it is
// laid out now.
type visit struct {
	ctx   context.Context // the tab, with a bound on the visit
	heard console
	axe   string // axe-core's source
	axed  bool   // axe-core is loaded in the page
	// w and h are the window emulated (0: the tab's own, 900 by 1113
	// px), media the media ("" for the screen).
	w, h  int64
	media string
}

// view lays the page out in a window w by h CSS px under media m ("" for
// the screen, "print"), unless it already is, and waits until the page
// has handled the change (its charts redrawn); it returns the page.
func (p *visit) view(t *testing.T, w, h int64, m string) *visit {
	t.Helper()
	resized, printed := w != p.w || h != p.h, m != p.media
	if err := p.layout(p.ctx, w, h, m); err != nil {
		t.Fatal(err)
	}
	if !resized && !printed {
		return p
	}
	// The page redraws its charts in its listeners of the window's
	// resize and of the print media's change, which run before the
	// test's (watchJS), registered after them.
	done := fmt.Sprintf(`(!%t || window.csatSize === '%dx%d') && (!%t || window.csatPrint === %t)`, resized, w, h, printed, m == "print")
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](done, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("%d×%d px %q: the page did not handle the change: %v", w, h, m, err)
	}
	return p
}

// watchJS records in the page the size of the window at its last
// resize and whether the print media applies at its last change.
const watchJS = `addEventListener('resize', () => { window.csatSize = innerWidth + 'x' + innerHeight; });
matchMedia('print').addEventListener('change', e => { window.csatPrint = e.matches; });`

// layout emulates a window w by h CSS px (0 by 0: the tab's own) and
// media m, unless the page already has them. Entering print sets the
// window first, leaving it the media first.
func (p *visit) layout(ctx context.Context, w, h int64, m string) error {
	size := chromedp.EmulateViewport(w, h)
	if w == 0 {
		size = chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{})
			return err
		})
	}
	var steps []chromedp.Action[chromedp.Void]
	if m != p.media && m == "print" {
		steps = append(steps, size, media(m))
	} else {
		if m != p.media {
			steps = append(steps, media(m))
		}
		if w != p.w || h != p.h {
			steps = append(steps, size)
		}
	}
	if len(steps) == 0 {
		return nil
	}
	if err := chromedp.Do(ctx, steps...); err != nil {
		return err
	}
	p.w, p.h, p.media = w, h, m
	return nil
}

// screenshotDir returns where the screenshots go: docs/img with -update
// or CSAT_UPDATE_SCREENSHOTS=1, else "": they are taken and checked, not
// written.
func screenshotDir(t *testing.T) string {
	t.Helper()
	if !*update && os.Getenv("CSAT_UPDATE_SCREENSHOTS") != "1" {
		return ""
	}
	outDir := filepath.Join("..", "..", "docs", "img")
	if err := os.MkdirAll(outDir, 0o750); err != nil {
		t.Fatal(err)
	}
	return outDir
}

// console gathers the exceptions, console errors and warnings, and log
// errors and warnings a page reports.
type console struct {
	mu       sync.Mutex
	problems []string
}

// listen is the tab's listener: it keeps the events that are problems.
func (c *console) listen(ev any) {
	var p string
	switch e := ev.(type) {
	case *runtime.EventExceptionThrown:
		p = "exception: " + e.ExceptionDetails.Text
		if e.ExceptionDetails.Exception != nil {
			p += " " + e.ExceptionDetails.Exception.Description
		}
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning || e.Type == runtime.ConsoleAPICalledTypeAssert {
			p = fmt.Sprintf("console.%s: %d argument(s)", e.Type, len(e.Args))
			for _, a := range e.Args {
				p += " " + string(a.Value) + a.Description
			}
		}
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError || e.Entry.Level == log.EntryLevelWarning {
			p = fmt.Sprintf("log %s (%s): %s %s", e.Entry.Level, e.Entry.Source, e.Entry.Text, e.Entry.URL)
		}
	}
	if p != "" {
		c.mu.Lock()
		c.problems = append(c.problems, p)
		c.mu.Unlock()
	}
}

// check fails the test for each problem heard so far, then checks that
// the listener does hear the page: a console error made on purpose
// arrives.
func (c *console) check(t *testing.T, ctx context.Context) {
	t.Helper()
	defer took(t, "console")()
	c.mu.Lock()
	seen := append([]string(nil), c.problems...)
	c.mu.Unlock()
	for _, p := range seen {
		t.Errorf("browser reported %s", p)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`console.error('csat-probe')`)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for heard := false; !heard; time.Sleep(20 * time.Millisecond) {
		c.mu.Lock()
		heard = len(c.problems) > len(seen) && strings.Contains(c.problems[len(c.problems)-1], "csat-probe")
		c.mu.Unlock()
		if !heard && time.Now().After(deadline) {
			t.Fatal("the console listener did not hear console.error('csat-probe')")
		}
	}
}

// open opens file in a free tab of the browser and waits until its
// charts (as many as given) are drawn. At the end of the test the tab
// returns to the screen and its own window, and is freed for the next
// page.
func open(t *testing.T, b *browser, file string, charts int) *visit {
	t.Helper()
	defer took(t, "load")()
	tb := b.tab()
	p := &visit{axe: b.axe}
	tb.listenTo(&p.heard)
	if err := chromedp.Do(tb.ctx, chromedp.Navigate("file://"+file)); err != nil {
		tb.listenTo(nil)
		t.Fatal(err)
	}
	// A bound on the whole visit (drawing, axe-core, PDF, print, 390 px,
	// screenshot), generous for a loaded machine under -race.
	ctx, cancel := context.WithTimeout(tb.ctx, 180*time.Second)
	p.ctx = ctx
	t.Cleanup(func() {
		tb.listenTo(nil)
		cancel()
		// Back to the screen and the tab's own window, where the next
		// page opens as in a new tab; a tab that does not come back
		// is not used again.
		if err := p.layout(tb.ctx, 0, 0, ""); err != nil {
			t.Logf("the tab is not used again: %v", err)
			return
		}
		b.tabs <- tb
	})
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](
		`document.documentElement.getAttribute('data-charts') === '`+fmt.Sprint(charts)+`' && [...document.querySelectorAll('.chart')].every(c => c.querySelector('svg'))`,
		chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("charts not drawn: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](watchJS)); err != nil {
		t.Fatal(err)
	}
	return p
}

// checkPage checks what the page shows: the headline cards, the words,
// the sections and every chart drawn with a size.
func checkPage(t *testing.T, p *visit, words []string) pageState {
	t.Helper()
	defer took(t, "page")()
	st, err := chromedp.Run(p.ctx, chromedp.Evaluate[pageState](stateJS))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(st.Cards, " ") != strings.Join(wantCards, " ") {
		t.Errorf("headline cards %q, want %q", st.Cards, wantCards)
	}
	for _, w := range append(append([]string(nil), wantCards...), words...) {
		if !strings.Contains(st.Text, w) {
			t.Errorf("the page does not show %q", w)
		}
	}
	if strings.Join(st.Sections, " ") != strings.Join(wantSections, " ") {
		t.Errorf("sections %q, want %q", st.Sections, wantSections)
	}
	var ids []string
	for _, c := range st.Charts {
		ids = append(ids, c.ID)
		if c.Width <= 0 || c.Height <= 0 || !c.SVG || c.SVGWidth <= 0 || c.Shapes < 5 || !c.Rendered {
			t.Errorf("chart %s not drawn: %+v", c.ID, c)
		}
	}
	if strings.Join(ids, " ") != strings.Join(wantCharts, " ") {
		t.Errorf("charts %q, want %q", ids, wantCharts)
	}
	return st
}

// pdfPage matches a page object of a PDF.
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// checkPDF prints the page as it is on the screen to an A4 PDF and
// checks it has a page per section (of as many sections as given); it
// returns the number of pages.
func checkPDF(t *testing.T, p *visit, sections int) int {
	t.Helper()
	defer took(t, "PDF")()
	pdf, err := chromedp.Run(p.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPrintBackground(), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatal(err)
	}
	// Each section starts a page; the first shares page one with
	// the title block.
	pages := len(pdfPage.FindAll(pdf, -1))
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || pages < sections {
		t.Errorf("PDF of %d bytes, %d pages; want a PDF of at least %d pages", len(pdf), pages, sections)
	}
	return pages
}

// media returns an action emulating the CSS media m ("" for the screen).
func media(m string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
		return err
	})
}

// checkPrint checks the charts of the printed page and, with signoff,
// its sign-off block (checkSignoff). Printed, the page is laid out at
// the A4 content width, 210mm − 2×18mm = 174mm ≈ 657.6 CSS px: under
// print media at that width every chart and its drawing must fit.
func checkPrint(t *testing.T, p *visit, charts int, signoff bool) {
	t.Helper()
	defer took(t, "print")()
	p.view(t, 657, 1200, "print")
	// The page redraws its charts when the media changes.
	fits := `[...document.querySelectorAll('.chart')].every(el => { const s = el.querySelector('svg'); return s && s.getBoundingClientRect().width <= el.getBoundingClientRect().width + 1; })`
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](fits, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("print: charts not redrawn to fit: %v", err)
	}
	sizes, err := chromedp.Run(p.ctx, chromedp.Evaluate[[][3]int](printJS))
	if err != nil {
		t.Fatal(err)
	}
	if len(sizes) != charts {
		t.Errorf("print: %d charts, want %d", len(sizes), charts)
	}
	for i, s := range sizes {
		// The drawing may round one pixel wider than its box, as the
		// poll above allows.
		if s[0] < 300 || s[0] > 658 || s[1] <= 0 || s[2] > s[0]+1 {
			t.Errorf("print: chart %d is %d×%d px drawn %d px wide, want 300–658 px wide with the drawing inside", i, s[0], s[1], s[2])
		}
	}
	if signoff {
		checkSignoff(t, p)
	}
}

// screenshot takes a full-page screenshot of the page on the screen at
// 900 px and checks its size, the whole page; with outDir (-update) it
// writes it there as name and returns its path. The window is made as
// high as the page for the capture (as chromedp.FullScreenshot has
// Chromium do, which on the way may make the window 1 px wide: the page
// then redraws its charts for it, and the ABC chart's first label stays
// turned on its side).
func screenshot(t *testing.T, p *visit, outDir, name string) string {
	t.Helper()
	defer took(t, "screenshot")()
	height, err := chromedp.Run(p.view(t, 900, 1200, "").ctx, chromedp.Evaluate[int64](`document.documentElement.scrollHeight`))
	if err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(p.view(t, 900, height, "").ctx, capture(outDir == ""))
	if err != nil {
		t.Fatal(err)
	}
	// The size is in the PNG's header: decoding the whole image
	// (seconds under -race) is left to the one kept.
	size, err := png.DecodeConfig(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	if size.Width != 900 || size.Height < 3000 {
		t.Errorf("screenshot %d×%d px, want 900 px wide and the whole page", size.Width, size.Height)
	}
	if outDir == "" {
		return "not written (-update writes it)"
	}
	if _, err := png.Decode(bytes.NewReader(shot)); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(outDir, name)
	if err := os.WriteFile(out, shot, 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

// capture captures the window as a PNG; fast encodes it for speed (the
// same image in a larger file), for a screenshot that is not kept.
func capture(fast bool) chromedp.Action[[]byte] {
	return func(ctx context.Context, _ *chromedp.Target) ([]byte, error) {
		yes := true
		r, err := chromedp.Call(ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{Format: page.CaptureScreenshotFormatPng,
			FromSurface: &yes, OptimizeForSpeed: &fast})
		return r.Data, err
	}
}

// narrowJS measures the page at a phone's width: how wide the document
// scrolls, and the right edge of each given section and of each chart
// and its drawing.
const narrowJS = `((ids) => ({
  scrollWidth: document.documentElement.scrollWidth,
  clientWidth: document.documentElement.clientWidth,
  sections: ids.map(id => { const el = document.getElementById(id); return el ? Math.round(el.getBoundingClientRect().right) : -1; }),
  charts: [...document.querySelectorAll('.chart')].map(el => { const s = el.querySelector('svg');
    return {id: el.id, right: Math.round(el.getBoundingClientRect().right), svg: s ? Math.round(s.getBoundingClientRect().right) : 1e6,
      shapes: s ? s.querySelectorAll('path, rect, text').length : 0}; })
}))`

type narrowState struct {
	ScrollWidth int   `json:"scrollWidth"`
	ClientWidth int   `json:"clientWidth"`
	Sections    []int `json:"sections"`
	Charts      []struct {
		ID     string `json:"id"`
		Right  int    `json:"right"`
		SVG    int    `json:"svg"`
		Shapes int    `json:"shapes"`
	} `json:"charts"`
}

// checkNarrow lays the page out at 390 CSS px, a phone's width: the page
// does not scroll sideways (wide tables scroll inside their own box),
// the given sections fit, and every chart is redrawn inside the screen.
func checkNarrow(t *testing.T, p *visit, sections ...string) {
	t.Helper()
	defer took(t, "390 px")()
	p.view(t, 390, 844, "")
	fits := `[...document.querySelectorAll('.chart')].every(el => { const s = el.querySelector('svg'); return s && s.getBoundingClientRect().right <= 391; })`
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](fits, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("390 px: charts not redrawn to fit: %v", err)
	}
	ids := `["` + strings.Join(sections, `","`) + `"]`
	st, err := chromedp.Run(p.ctx, chromedp.Evaluate[narrowState](narrowJS+`(`+ids+`)`))
	if err != nil {
		t.Fatal(err)
	}
	if st.ClientWidth != 390 || st.ScrollWidth > st.ClientWidth {
		t.Errorf("390 px: the page is %d px wide in a %d px window: it scrolls sideways", st.ScrollWidth, st.ClientWidth)
	}
	for i, right := range st.Sections {
		if right <= 0 || right > 390 {
			t.Errorf("390 px: section %s ends at %d px", sections[i], right)
		}
	}
	for _, c := range st.Charts {
		if c.Right > 390 || c.SVG > 390 || c.Shapes < 5 {
			t.Errorf("390 px: chart %s ends at %d px, drawn to %d px with %d shapes", c.ID, c.Right, c.SVG, c.Shapes)
		}
	}
}
