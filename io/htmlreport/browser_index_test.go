package htmlreport_test

import (
	"context"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/chromedp/chromedp"
	"github.com/csatkit/csat/csi"
	"github.com/csatkit/csat/io/htmlreport"
)

// The index report (RenderIndex) in the browser: the ECSI model on the
// mobi data (index_test.go), bootstrapped with 30 resamples, in either
// language. The page has no script and no chart: it is opened with
// openIndex, which waits for the page to load only.

// indexSections are the ids of the index report's numbered sections,
// in order.
var indexSections = []string{"paths", "measurement", "reliability", "ipma"}

var ecsi30Once struct {
	sync.Once
	e   *csi.Estimates
	b   *csi.Bootstrapped
	err error
}

// ecsi30 returns the ECSI estimates on mobi and their bootstrap of 30
// resamples (seed 1), computed once.
func ecsi30(tb testing.TB) (*csi.Estimates, *csi.Bootstrapped) {
	tb.Helper()
	ecsi30Once.Do(func() {
		forms := mobiForms(tb, nil)
		ecsi30Once.e = estimate(tb, csi.ECSI(), forms, nil)
		d, err := csi.NewData(csi.ECSI(), tenPoints(tb))
		if err != nil {
			ecsi30Once.err = err
			return
		}
		for _, f := range forms {
			if err := d.Add(f); err != nil {
				ecsi30Once.err = err
				return
			}
		}
		ecsi30Once.b, ecsi30Once.err = csi.Bootstrap(context.Background(), d, nil, &csi.BootOptions{Resamples: 30, Seed: 1})
	})
	if ecsi30Once.err != nil || ecsi30Once.e == nil || ecsi30Once.b == nil {
		tb.Fatal("ECSI on mobi, 30 resamples:", ecsi30Once.err)
	}
	return ecsi30Once.e, ecsi30Once.b
}

// TestBrowserIndex renders the ECSI index report in zh and en, opens
// each in headless Chromium and checks what a reader sees: the title,
// the bootstrap line and the four numbered sections; axe-core's rules
// at 900 and 390 px; no sideways scroll at a phone's width; the path
// diagram drawn top to bottom (svg.narrow) on the screen and in print;
// the printed page with its sign-off block; an A4 PDF of 4 to 8 pages
// whose outline holds the four numbered sections; and no console
// error. Gated as TestBrowser: skipped without Chromium unless
// CSAT_REQUIRE_CHROME=1, axe-core skipped without it unless
// CSAT_REQUIRE_AXE=1.
func TestBrowserIndex(t *testing.T) {
	t.Parallel()
	chrome := findChrome(t)
	e, bs := ecsi30(t)
	b := startBrowser(t, chrome)
	for _, tc := range []struct {
		lang  string
		words []string
	}{
		{"zh", []string{"华东机械厂", "顾客满意度指数测评报告", "30 次重抽样", "随机种子 1", "结构模型", "测量模型", "信度与区分效度", "重要度–表现分析", "编制", "批准"}},
		{"en", []string{"East China Machinery", "Customer Satisfaction Index Report", "30 resamples", "seed 1", "Structural model", "Measurement model",
			"Reliability and discriminant validity", "Importance–performance map"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			t.Parallel()
			org := map[string]string{"zh": "华东机械厂", "en": "East China Machinery"}[tc.lang]
			page := renderIndex(t, htmlreport.IndexReport{Estimates: e, Bootstrap: bs, Period: "2026H1"},
				htmlreport.Options{Lang: tc.lang, Organisation: org, Generated: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)})
			browseIndex(t, b, page, tc.lang, tc.words)
		})
	}
}

// browseIndex opens the index page (in lang) and checks it.
func browseIndex(t *testing.T, b *browser, page, lang string, words []string) {
	p := openIndex(t, b, writePage(t, "index-"+lang+".html", []byte(page)))
	checkIndexPage(t, p, words)
	checkDiagram(t, p.view(t, 900, 1200, ""), "900 px")
	checkAxe(t, p)
	checkNarrow(t, p, indexSections...)
	checkDiagram(t, p, "390 px")
	checkAxe(t, p)
	pages := checkPDF(t, p.view(t, 900, 1200, ""), len(indexSections))
	if pages > 8 {
		t.Errorf("PDF of %d pages, want at most 8", pages)
	}
	checkOutline(t, p)
	checkPrint(t, p, 0, true)
	checkDiagram(t, p, "print")
	t.Logf("%s: PDF %d pages", lang, pages)
	p.heard.check(t, p.ctx)
}

// openIndex opens file, a page without charts, in a free tab of the
// browser and waits until it is loaded (open waits for the charts of
// the main report). At the end of the test the tab returns to the
// screen and its own window, and is freed for the next page.
func openIndex(t *testing.T, b *browser, file string) *visit {
	t.Helper()
	defer took(t, "load")()
	tb := b.tab()
	p := &visit{axe: b.axe}
	tb.listenTo(&p.heard)
	if err := chromedp.Do(tb.ctx, chromedp.Navigate("file://"+file)); err != nil {
		tb.listenTo(nil)
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(tb.ctx, 180*time.Second)
	p.ctx = ctx
	t.Cleanup(func() {
		tb.listenTo(nil)
		cancel()
		if err := p.layout(tb.ctx, 0, 0, ""); err != nil {
			t.Logf("the tab is not used again: %v", err)
			return
		}
		b.tabs <- tb
	})
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.readyState === 'complete' && document.fonts.status === 'loaded'`,
		chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("page not loaded: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](watchJS)); err != nil {
		t.Fatal(err)
	}
	return p
}

// indexStateJS returns the page's text, its sections' ids and numbered
// headings, its cards and whether it holds a script or a chart.
const indexStateJS = `(() => ({text: document.body.innerText,
  sections: [...document.querySelectorAll('section.sec')].map(s => s.id),
  headings: [...document.querySelectorAll('section.sec > h2')].map(h => h.innerText.replace(/\s+/g, ' ').trim()),
  cards: document.querySelectorAll('.headline .card-value').length,
  scripts: document.scripts.length, charts: document.querySelectorAll('.chart').length}))()`

type indexState struct {
	Text     string   `json:"text"`
	Sections []string `json:"sections"`
	Headings []string `json:"headings"`
	Cards    int      `json:"cards"`
	Scripts  int      `json:"scripts"`
	Charts   int      `json:"charts"`
}

// checkIndexPage checks what the page shows: the words, the four
// numbered sections in order, the seven cards, and neither script nor
// chart.
func checkIndexPage(t *testing.T, p *visit, words []string) {
	t.Helper()
	st, err := chromedp.Run(p.ctx, chromedp.Evaluate[indexState](indexStateJS))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range words {
		if !strings.Contains(st.Text, w) {
			t.Errorf("the page does not show %q", w)
		}
	}
	if strings.Join(st.Sections, " ") != strings.Join(indexSections, " ") {
		t.Errorf("sections %q, want %q", st.Sections, indexSections)
	}
	for i, h := range st.Headings {
		if !strings.HasPrefix(h, fmt.Sprint(i+1, " ")) {
			t.Errorf("section %d's heading %q is not numbered %d", i+1, h, i+1)
		}
	}
	if st.Cards != 7 || st.Scripts != 0 || st.Charts != 0 {
		t.Errorf("%d cards, %d scripts, %d charts; want 7 cards (a construct each), no script, no chart", st.Cards, st.Scripts, st.Charts)
	}
}

// diagramJS measures the path diagram's two drawings: their display,
// and the width and right edge of the one displayed.
const diagramJS = `(() => {
  const box = document.querySelector('.drawing.paths');
  const m = s => { const e = box.querySelector('svg.' + s), r = e.getBoundingClientRect();
    return {display: getComputedStyle(e).display, width: Math.round(r.width), right: Math.round(r.right)}; };
  return {tall: box.classList.contains('tall'), wide: m('wide'), narrow: m('narrow'), inner: innerWidth};
})()`

type drawingState struct {
	Display string `json:"display"`
	Width   int    `json:"width"`
	Right   int    `json:"right"`
}

// checkDiagram checks that ECSI's path diagram (7 columns, class tall)
// is drawn top to bottom in the page's present layout (at, for the
// messages): svg.narrow displayed, with a size and inside the window,
// svg.wide not.
func checkDiagram(t *testing.T, p *visit, at string) {
	t.Helper()
	st, err := chromedp.Run(p.ctx, chromedp.Evaluate[struct {
		Tall   bool         `json:"tall"`
		Wide   drawingState `json:"wide"`
		Narrow drawingState `json:"narrow"`
		Inner  int          `json:"inner"`
	}](diagramJS))
	if err != nil {
		t.Fatal(err)
	}
	if !st.Tall || st.Wide.Display != "none" || st.Narrow.Display != "block" || st.Narrow.Width < 200 || st.Narrow.Right > st.Inner {
		t.Errorf("%s: path diagram tall %v, svg.wide %+v, svg.narrow %+v in a %d px window; want tall, svg.wide not displayed, svg.narrow displayed inside the window",
			at, st.Tall, st.Wide, st.Narrow, st.Inner)
	}
}

// pdfTitle matches the title of an entry of a PDF's outline: a literal
// string or a hexadecimal one.
var pdfTitle = regexp.MustCompile(`/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)`)

// pdfString decodes a PDF text string, literal ((…), escapes taken
// as the character they escape, octal escapes as bytes) or hexadecimal
// (<…>), in UTF-16BE after a byte order mark, else as bytes.
func pdfString(s string) string {
	var raw []byte
	if strings.HasPrefix(s, "<") {
		h := strings.Join(strings.Fields(strings.Trim(s, "<>")), "")
		if len(h)%2 == 1 {
			h += "0"
		}
		raw, _ = hex.DecodeString(h)
	} else {
		s = s[1 : len(s)-1]
		for i := 0; i < len(s); i++ {
			if s[i] != '\\' || i+1 == len(s) {
				raw = append(raw, s[i])
				continue
			}
			i++
			switch c := s[i]; {
			case c >= '0' && c <= '7':
				v := 0
				for k := 0; k < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7'; k++ {
					v = v*8 + int(s[i]-'0')
					i++
				}
				i--
				raw = append(raw, byte(v))
			case c == 'n':
				raw = append(raw, '\n')
			case c == 'r':
				raw = append(raw, '\r')
			case c == 't':
				raw = append(raw, '\t')
			default:
				raw = append(raw, c)
			}
		}
	}
	if len(raw) >= 2 && raw[0] == 0xfe && raw[1] == 0xff {
		u := make([]uint16, 0, len(raw)/2)
		for i := 2; i+1 < len(raw); i += 2 {
			u = append(u, uint16(raw[i])<<8|uint16(raw[i+1]))
		}
		return string(utf16.Decode(u))
	}
	return string(raw)
}

// checkOutline prints the page to an A4 PDF with its document outline
// (the page's headings) and checks that the outline holds the four
// numbered sections' headings: the PDF's text is in compressed streams
// in the fonts' own codes, its outline's titles are plain strings.
func checkOutline(t *testing.T, p *visit) {
	t.Helper()
	defer took(t, "PDF outline")()
	st, err := chromedp.Run(p.ctx, chromedp.Evaluate[indexState](indexStateJS))
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Run(p.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPrintBackground(),
		chromedp.PDFPreferCSSPageSize(), chromedp.PDFOutlineAndTagged()))
	if err != nil {
		t.Fatal(err)
	}
	// Chromium 156 drops the space between a heading's number and its
	// name, and gives some Chinese headings' names twice (2测量模型测量模型):
	// a heading is found in a title that starts with it, spaces aside.
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	var titles []string
	for _, m := range pdfTitle.FindAllSubmatch(pdf, -1) {
		titles = append(titles, pdfString(string(m[1])))
	}
	for _, h := range st.Headings {
		found := false
		for _, x := range titles {
			found = found || strings.HasPrefix(squeeze(x), squeeze(h))
		}
		if !found {
			t.Errorf("the PDF's outline %q lacks the section %q", titles, h)
		}
	}
	if len(st.Headings) != len(indexSections) {
		t.Errorf("%d numbered headings, want %d", len(st.Headings), len(indexSections))
	}
}
