package htmlreport_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/csi"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/io/htmlreport"
	"github.com/shopspring/decimal"
	"golang.org/x/net/html"
)

// The index report is checked on the ECSI model estimated on the
// mobile-phone data of package csi (csi/testdata/mobi.csv, 250 forms,
// 24 indicators on 1–10 scales), bootstrapped with 50 resamples.

// tenPoints is the 1–10 scale of the mobi data.
func tenPoints(tb testing.TB) *csat.Scale {
	tb.Helper()
	var lv []csat.Level
	for i := 1; i <= 10; i++ {
		k := strconv.Itoa(i)
		lv = append(lv, csat.Level{Key: k, Label: k, LabelZH: k, Points: decimal.NewFromInt(int64(i)), Satisfied: i >= 6})
	}
	s, err := csat.NewScale("ten", decimal.NewFromInt(10), lv)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// mobiForms reads the mobi data as forms, blank where blank(form,
// indicator) says so.
func mobiForms(tb testing.TB, blank func(r int, name string) bool) []form.Form {
	tb.Helper()
	f, err := os.Open("../../csi/testdata/mobi.csv")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var out []form.Form
	for r, rec := range recs[1:] {
		fm := form.Form{ID: "F" + strconv.Itoa(r+1), Answers: map[string]string{}}
		for c, v := range rec {
			if blank != nil && blank(r, recs[0][c]) {
				v = ""
			}
			fm.Answers[recs[0][c]] = v
		}
		out = append(out, fm)
	}
	return out
}

// estimate estimates a model on forms.
func estimate(tb testing.TB, m *csi.Model, forms []form.Form, opts *csi.Options) *csi.Estimates {
	tb.Helper()
	st, err := form.New(tenPoints(tb), nil)
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range forms {
		if err := st.Add(f); err != nil {
			tb.Fatal(err)
		}
	}
	e, err := csi.Estimate(m, st, opts)
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

var ecsiOnce struct {
	sync.Once
	e   *csi.Estimates
	b   *csi.Bootstrapped
	err error
}

// ecsi returns the ECSI estimates on mobi and their bootstrap (50
// resamples, seed 1), computed once.
func ecsi(tb testing.TB) (*csi.Estimates, *csi.Bootstrapped) {
	tb.Helper()
	ecsiOnce.Do(func() {
		forms := mobiForms(tb, nil)
		ecsiOnce.e = estimate(tb, csi.ECSI(), forms, nil)
		d, err := csi.NewData(csi.ECSI(), tenPoints(tb))
		if err != nil {
			ecsiOnce.err = err
			return
		}
		for _, f := range forms {
			if err := d.Add(f); err != nil {
				ecsiOnce.err = err
				return
			}
		}
		ecsiOnce.b, ecsiOnce.err = csi.Bootstrap(context.Background(), d, nil, &csi.BootOptions{Resamples: 50, Seed: 1})
	})
	if ecsiOnce.err != nil || ecsiOnce.e == nil {
		tb.Fatal("ECSI on mobi:", ecsiOnce.err)
	}
	return ecsiOnce.e, ecsiOnce.b
}

// renderIndex renders r, failing the test on error.
func renderIndex(tb testing.TB, r htmlreport.IndexReport, opts htmlreport.Options) string {
	tb.Helper()
	var buf bytes.Buffer
	if err := htmlreport.RenderIndex(&buf, r, opts); err != nil {
		tb.Fatal(err)
	}
	return buf.String()
}

// parsePage parses a page, checking first that every element it opens
// it closes, in order (void and self-closed elements aside).
func parsePage(tb testing.TB, page string) *html.Node {
	tb.Helper()
	void := map[string]bool{"meta": true, "link": true, "br": true, "hr": true, "img": true, "input": true, "col": true, "wbr": true}
	var open []string
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		name, _ := z.TagName()
		switch tt {
		case html.StartTagToken:
			if !void[string(name)] {
				open = append(open, string(name))
			}
		case html.EndTagToken:
			if len(open) == 0 || open[len(open)-1] != string(name) {
				tb.Fatalf("</%s> closes %v", name, open)
			}
			open = open[:len(open)-1]
		}
	}
	if len(open) > 0 {
		tb.Fatalf("elements left open: %v", open)
	}
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// attr returns n's attribute key ("" without).
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasClass reports whether n has the class c.
func hasClass(n *html.Node, c string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), c)
}

// findAll returns the elements under n (n included) named tag ("" for
// any) that have the class c ("" for any), in document order.
func findAll(n *html.Node, tag, c string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (tag == "" || n.Data == tag) && (c == "" || hasClass(n, c)) {
			out = append(out, n)
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return out
}

// byID returns the element with the id given.
func byID(tb testing.TB, doc *html.Node, id string) *html.Node {
	tb.Helper()
	for _, n := range findAll(doc, "", "") {
		if attr(n, "id") == id {
			return n
		}
	}
	tb.Fatalf("no element #%s", id)
	return nil
}

// nodeText is the text under n.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return b.String()
}

// texts are the texts of the elements under n named tag with class c.
func texts(n *html.Node, tag, c string) []string {
	var out []string
	for _, e := range findAll(n, tag, c) {
		out = append(out, nodeText(e))
	}
	return out
}

// readable is what a reader of the page sees or hears: its text outside
// scripts and styles, and its titles, labels and alternative texts.
func readable(doc *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data + "\n")
		}
		for _, k := range []string{"title", "aria-label", "alt"} {
			if v := attr(n, k); v != "" {
				b.WriteString(v + "\n")
			}
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(doc)
	return b.String()
}

// latinWords are the runs of two or more Latin letters (and the digits
// that follow them: IMAG1) of s.
var latinWords = regexp.MustCompile(`[A-Za-z]{2,}[0-9]*`)

// TestRenderIndexECSI renders the ECSI estimates with their bootstrap
// and checks each part of the page against the estimates: 12 arrows
// with their coefficients, R² in every endogenous box, 7 cards with
// satisfaction first, the tables, the reliability marks and the IPMA
// points.
func TestRenderIndexECSI(t *testing.T) {
	e, b := ecsi(t)
	const places = 3
	page := renderIndex(t, htmlreport.IndexReport{Estimates: e, Bootstrap: b, Period: "2026H1"},
		htmlreport.Options{Places: places, Organisation: "华东机械厂", Generated: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)})
	doc := parsePage(t, page)
	fixed := func(d decimal.Decimal) string { return d.Round(places).StringFixed(places) }
	for _, class := range []string{"wide", "narrow"} {
		svg := findAll(doc, "svg", class)
		if len(svg) != 1 {
			t.Fatalf("%d path diagrams of class %s", len(svg), class)
		}
		if n := len(findAll(svg[0], "path", "arrow")); n != 12 {
			t.Errorf("%s: %d arrows, want 12", class, n)
		}
		if attr(svg[0], "viewBox") == "" || attr(svg[0], "width") != "100%" || attr(svg[0], "role") != "img" || attr(svg[0], "aria-label") == "" {
			t.Errorf("%s: the diagram's svg is %v", class, svg[0].Attr)
		}
		var want []string
		for _, p := range e.Paths {
			want = append(want, fixed(p.Coefficient))
		}
		if got := texts(svg[0], "text", "coef"); !slices.Equal(got, want) {
			t.Errorf("%s: coefficients %q, want %q", class, got, want)
		}
		boxes := texts(svg[0], "text", "name")
		r2 := texts(svg[0], "text", "r2")
		var wantR2 []string
		for _, c := range e.Constructs {
			if c.Endogenous {
				wantR2 = append(wantR2, "R² = "+fixed(c.R2))
			}
		}
		if len(boxes) != 7 || !slices.Equal(r2, wantR2) {
			t.Errorf("%s: boxes %q with R² %q, want 7 with %q", class, boxes, r2, wantR2)
		}
	}
	checkIndexCards(t, doc, e, b)
	checkIndexTables(t, doc, e, b)
	checkIPMA(t, doc, e)
	meta := nodeText(findAll(doc, "dl", "meta")[0])
	for _, s := range []string{"2026H1", "2026-07-01", "250 份（共 250 份）", "均值替代", "路径加权", strconv.Itoa(e.Iterations), "1–10 分"} {
		if !strings.Contains(meta, s) {
			t.Errorf("the title block %q lacks %q", meta, s)
		}
	}
	boot := texts(doc, "p", "bootline")
	if len(boot) != 1 || !strings.Contains(boot[0], "50 次重抽样") || !strings.Contains(boot[0], "随机种子 1") || !strings.Contains(boot[0], "95%") {
		t.Errorf("bootstrap line %q", boot)
	}
	if got := texts(doc, "th", ""); !slices.Contains(got, "编制") || !slices.Contains(got, "批准") {
		t.Error("no sign-off block")
	}
}

// checkIndexCards checks the cards: 7, satisfaction first, each index
// and interval at 3 places.
func checkIndexCards(t *testing.T, doc *html.Node, e *csi.Estimates, b *csi.Bootstrapped) {
	t.Helper()
	cards := findAll(doc, "div", "card")
	if len(cards) != 7 {
		t.Fatalf("%d cards, want 7", len(cards))
	}
	sat, _ := e.Construct("Satisfaction")
	first := cards[0]
	if !hasClass(first, "accent") || texts(first, "div", "card-label")[0] != "顾客满意" || texts(first, "div", "card-value")[0] != sat.Index.Round(3).StringFixed(3) {
		t.Errorf("first card %q, want 顾客满意 %s", nodeText(first), sat.Index.Round(3).StringFixed(3))
	}
	var labels []string
	for _, c := range cards {
		labels = append(labels, texts(c, "div", "card-label")[0])
	}
	if want := []string{"顾客满意", "企业形象", "顾客期望", "感知质量", "感知价值", "顾客抱怨", "顾客忠诚"}; !slices.Equal(labels, want) {
		t.Errorf("cards %q, want %q", labels, want)
	}
	iv := b.IndexIntervals[4] // Satisfaction
	if sub := texts(first, "div", "card-sub")[0]; !strings.Contains(sub, iv.Lower.Round(3).StringFixed(3)) || !strings.Contains(sub, iv.Upper.Round(3).StringFixed(3)) || !strings.Contains(sub, "95%") {
		t.Errorf("satisfaction's card %q lacks its interval %v", sub, iv)
	}
}

// rows returns the cells' texts of each body row of a table.
func rows(table *html.Node) [][]string {
	var out [][]string
	for _, tr := range findAll(table, "tr", "") {
		if tr.Parent.Data != "tbody" {
			continue
		}
		var cells []string
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				cells = append(cells, strings.TrimSpace(nodeText(c)))
			}
		}
		out = append(out, cells)
	}
	return out
}

// checkIndexTables checks the tables of paths, indicators, reliability
// and HTMT.
func checkIndexTables(t *testing.T, doc *html.Node, e *csi.Estimates, b *csi.Bootstrapped) {
	t.Helper()
	f3 := func(d decimal.Decimal) string { return strings.Replace(d.Round(3).StringFixed(3), "-", "−", 1) }
	paths := rows(findAll(byID(t, doc, "paths"), "table", "")[0])
	if len(paths) != 12 {
		t.Fatalf("%d rows of paths, want 12", len(paths))
	}
	iv := b.PathIntervals[0]
	if want := []string{"企业形象", "顾客期望", f3(e.Paths[0].Coefficient), "[" + f3(iv.Lower) + ", " + f3(iv.Upper) + "]", f3(iv.SE)}; !slices.Equal(paths[0], want) {
		t.Errorf("first path %q, want %q", paths[0], want)
	}
	ind := rows(findAll(byID(t, doc, "measurement"), "table", "")[0])
	if len(ind) != 24 || ind[0][0] != "IMAG1" || ind[0][1] != "企业形象" || ind[0][2] != f3(e.Indicators[0].Weight) {
		t.Errorf("indicators %q", ind)
	}
	rel := byID(t, doc, "reliability")
	tables := findAll(rel, "table", "")
	rr := rows(tables[0])
	if len(rr) != 7 {
		t.Fatalf("%d reliability rows, want 7", len(rr))
	}
	for i, c := range e.Constructs {
		for j, fig := range []struct {
			flag string
			v    decimal.Decimal
		}{{"alpha", c.Alpha}, {"rhoC", c.RhoC}, {"AVE", c.AVE}} {
			want := f3(fig.v)
			if slices.Contains(c.Weak, fig.flag) {
				want += " 偏低"
			}
			if got := rr[i][j+1]; got != want {
				t.Errorf("%s %s: %q, want %q", c.Name, fig.flag, got, want)
			}
		}
	}
	weak := 0
	for _, c := range e.Constructs {
		weak += len(c.Weak)
	}
	if n := len(findAll(tables[0], "span", "mark")); n != weak || weak == 0 {
		t.Errorf("%d values marked low, want %d (and some)", n, weak)
	}
	ht := rows(tables[1])
	over := 0
	for i, h := range e.HTMT {
		if h.Over {
			over++
		}
		if got := strings.HasSuffix(ht[i][2], "偏高"); got != h.Over {
			t.Errorf("HTMT %s–%s %q, over %v", h.A, h.B, ht[i][2], h.Over)
		}
	}
	if len(ht) != 21 || over == 0 {
		t.Errorf("%d HTMT rows (want 21), %d over", len(ht), over)
	}
}

// checkIPMA checks the map: a point per construct with an effect on
// Loyalty, each labelled, and the table.
func checkIPMA(t *testing.T, doc *html.Node, e *csi.Estimates) {
	t.Helper()
	sec := byID(t, doc, "ipma")
	svg := findAll(sec, "svg", "")
	if len(svg) != 1 {
		t.Fatalf("%d IPMA charts", len(svg))
	}
	if n := len(findAll(svg[0], "path", "point")); n != len(e.IPMA.Points) || n != 6 {
		t.Errorf("%d points, want 6", n)
	}
	chart := nodeText(svg[0])
	for _, name := range []string{"企业形象", "顾客期望", "感知质量", "感知价值", "顾客满意", "顾客抱怨", "修补区", "优势区", "机会区", "维持区", "顾客忠诚"} {
		if !strings.Contains(chart, name) {
			t.Errorf("the IPMA chart lacks %q", name)
		}
	}
	rs := rows(findAll(sec, "table", "")[0])
	if len(rs) != 6 || rs[0][0] != "企业形象" || rs[0][1] != e.IPMA.Points[0].Importance.Round(3).StringFixed(3) || rs[0][2] != e.IPMA.Points[0].Performance.Round(3).StringFixed(3) {
		t.Errorf("IPMA table %q", rs)
	}
}

// TestRenderIndexLanguages checks that each page is in one language:
// no Latin word in the Chinese page but the indicators' names and the
// tool's, no Han character in the English page; and the titles.
func TestRenderIndexLanguages(t *testing.T) {
	e, b := ecsi(t)
	r := htmlreport.IndexReport{Estimates: e, Bootstrap: b, Period: "2026年上半年"}
	allowed := map[string]bool{"csat": true}
	for _, in := range e.Indicators {
		allowed[in.Name] = true
	}
	zh := parsePage(t, renderIndex(t, r, htmlreport.Options{SignOff: htmlreport.SignOff{Prepared: "张三"}}))
	for _, w := range latinWords.FindAllString(readable(zh), -1) {
		if !allowed[w] {
			t.Errorf("the Chinese page has the word %q", w)
		}
	}
	if got := nodeText(findAll(zh, "h1", "")[0]); got != "顾客满意度指数测评报告" {
		t.Errorf("zh title %q", got)
	}
	en := parsePage(t, renderIndex(t, r, htmlreport.Options{Lang: "en", Organisation: "ACME"}))
	text := readable(en)
	for _, c := range text {
		if unicode.Is(unicode.Han, c) && !strings.Contains("2026年上半年", string(c)) {
			t.Errorf("the English page has the Han character %q", c)
			break
		}
	}
	if got := nodeText(findAll(en, "h1", "")[0]); got != "Customer Satisfaction Index Report" {
		t.Errorf("en title %q", got)
	}
	for _, s := range []string{"Satisfaction", "Loyalty", "Structural model", "Cronbach's α", "Fix first"} {
		if !strings.Contains(text, s) {
			t.Errorf("the English page lacks %q", s)
		}
	}
}

// TestRenderIndexDeterministic renders the same input twice, and the
// bootstrap with estimates of its own (csi.Estimate on form.Stats of
// the same forms) and with its own estimates: the same bytes.
func TestRenderIndexDeterministic(t *testing.T) {
	e, b := ecsi(t)
	opts := htmlreport.Options{Lang: "en", Generated: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)}
	a := renderIndex(t, htmlreport.IndexReport{Estimates: e, Bootstrap: b}, opts)
	if c := renderIndex(t, htmlreport.IndexReport{Estimates: e, Bootstrap: b}, opts); c != a {
		t.Error("two renders differ")
	}
	if c := renderIndex(t, htmlreport.IndexReport{Estimates: b.Estimates, Bootstrap: b}, opts); c != a {
		t.Error("the bootstrap's own estimates render differently")
	}
	// Without a bootstrap: no interval, the default places (indices to
	// one, coefficients to three).
	plain := parsePage(t, renderIndex(t, htmlreport.IndexReport{Estimates: e}, htmlreport.Options{}))
	if n := len(findAll(plain, "p", "bootline")); n != 0 {
		t.Error("a bootstrap line without a bootstrap")
	}
	sat, _ := e.Construct("Satisfaction")
	if got := texts(plain, "div", "card-value")[0]; got != sat.Index.Round(1).StringFixed(1) {
		t.Errorf("satisfaction card %q at the default places", got)
	}
	if got := texts(findAll(plain, "svg", "wide")[0], "text", "coef")[0]; got != e.Paths[0].Coefficient.Round(3).StringFixed(3) {
		t.Errorf("first coefficient %q at the default places", got)
	}
}

// TestRenderIndexBlanks blanks an indicator on 12% of the forms: the
// title block names it, under mean replacement and casewise deletion.
func TestRenderIndexBlanks(t *testing.T) {
	forms := mobiForms(t, func(r int, name string) bool { return name == "CUSCO" && r%25 < 3 })
	for _, tc := range []struct {
		missing csi.Missing
		words   []string
	}{
		{csi.MeanReplacement, []string{"250 份（共 250 份）", "均值替代", "CUSCO（12.0%）"}},
		{csi.Casewise, []string{"220 份（共 250 份）", "整卷剔除", "CUSCO（12.0%）"}},
	} {
		e := estimate(t, csi.ECSI(), forms, &csi.Options{Missing: tc.missing, Scheme: csi.Centroid})
		doc := parsePage(t, renderIndex(t, htmlreport.IndexReport{Estimates: e}, htmlreport.Options{}))
		meta := nodeText(findAll(doc, "dl", "meta")[0])
		for _, w := range append(tc.words, "形心加权") {
			if !strings.Contains(meta, w) {
				t.Errorf("%v: the title block %q lacks %q", tc.missing, meta, w)
			}
		}
	}
}

// TestRenderIndexEscaping renders constructs named with markup: the
// page shows the names as text.
func TestRenderIndexEscaping(t *testing.T) {
	const evil = `<script>alert(1)</script>`
	m, err := csi.NewModel([]csi.Construct{
		{Name: evil, Indicators: []string{"IMAG1", "IMAG2", "IMAG3"}},
		{Name: `"><img src=x onerror=alert(2)>`, Indicators: []string{"CUSA1", "CUSA2", "CUSA3"}},
		{Name: "Loyalty", Indicators: []string{"CUSL1", "CUSL3"}},
	}, []csi.Path{{From: evil, To: `"><img src=x onerror=alert(2)>`}, {From: `"><img src=x onerror=alert(2)>`, To: "Loyalty"}, {From: evil, To: "Loyalty"}})
	if err != nil {
		t.Fatal(err)
	}
	e := estimate(t, m, mobiForms(t, nil), nil)
	page := renderIndex(t, htmlreport.IndexReport{Estimates: e, Period: evil}, htmlreport.Options{Organisation: evil, Title: evil})
	doc := parsePage(t, page)
	if strings.Contains(page, "<script") || strings.Contains(page, "<img") {
		t.Error("markup of a name reaches the page")
	}
	if len(findAll(doc, "script", "")) != 0 || len(findAll(doc, "img", "")) != 0 {
		t.Error("the page has a script or an image")
	}
	if got := texts(findAll(doc, "svg", "wide")[0], "text", "name"); !slices.Contains(got, evil) {
		t.Errorf("the diagram's names %q lack %q", got, evil)
	}
}

// TestRenderIndexErrors checks the errors: no estimates, a bootstrap
// of other estimates, a bad language or number of places; nothing is
// written.
func TestRenderIndexErrors(t *testing.T) {
	e, b := ecsi(t)
	other := estimate(t, csi.ECSI(), mobiForms(t, nil), &csi.Options{Scheme: csi.Factorial})
	for _, tc := range []struct {
		name string
		r    htmlreport.IndexReport
		opts htmlreport.Options
	}{
		{"no estimates", htmlreport.IndexReport{Bootstrap: b}, htmlreport.Options{}},
		{"other estimates", htmlreport.IndexReport{Estimates: other, Bootstrap: b}, htmlreport.Options{}},
		{"empty bootstrap", htmlreport.IndexReport{Estimates: e, Bootstrap: &csi.Bootstrapped{}}, htmlreport.Options{}},
		{"no construct", htmlreport.IndexReport{Estimates: &csi.Estimates{}}, htmlreport.Options{}},
		{"cycle", htmlreport.IndexReport{Estimates: &csi.Estimates{Constructs: []csi.ConstructEstimate{{Name: "A"}, {Name: "B"}},
			Paths: []csi.PathEstimate{{From: "A", To: "B"}, {From: "B", To: "A"}}}}, htmlreport.Options{}},
		{"fr", htmlreport.IndexReport{Estimates: e}, htmlreport.Options{Lang: "fr"}},
		{"places 5", htmlreport.IndexReport{Estimates: e}, htmlreport.Options{Places: 5}},
		{"places -1", htmlreport.IndexReport{Estimates: e}, htmlreport.Options{Places: -1}},
	} {
		var buf bytes.Buffer
		err := htmlreport.RenderIndex(&buf, tc.r, tc.opts)
		if !errors.Is(err, csat.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", tc.name, err)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: %d bytes written", tc.name, buf.Len())
		}
	}
}
