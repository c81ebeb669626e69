package htmlreport

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/csatkit/csat/analysis"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	xlwidth "golang.org/x/text/width"
)

// RenderXLSX writes every table of r's report as an Excel workbook
// (.xlsx), one sheet per section of the page [Render] writes with the
// same options, for the figures to be reused in a spreadsheet.
//
// The first sheet, 报告 (Report in English), holds the title block —
// title, organisation, period, scale, answers per source and date — the
// headline figures and the key findings and warnings. Each section of
// the page that has a table then gets a sheet named by its heading
// (shortened to Excel's 31 characters, the characters Excel forbids in
// a sheet name replaced, made unique), holding each of the section's
// tables in page order, one empty row between two, each under its
// sub-heading when it has one; the headline figures a section shows
// above its tables come first. Charts and the derivations (计算过程)
// are left out: the figures a chart draws are in the section's tables.
//
// A table keeps its header rows (bold, their spanning headings merged,
// the first table's header frozen on scrolling); in the body, a cell
// that spans rows (an item over its sources) is repeated in each row,
// so the sheet can be filtered and sorted. A figure printed as a plain
// number (25, 8.5, −3) or a percentage (76%, +4.8%) is a number in the
// workbook, a percentage as a fraction (76% is 0.76) shown with a
// percent format of as many decimals as the page prints and its sign
// when the page prints one; everything else — a figure marked ≈ as
// rounded, an interval, a difference in percentage points, a name — is
// text as printed. Columns are widened roughly to their contents.
//
// The workbook is built from the page, so it says what the page says,
// in its language. Like Render, RenderXLSX writes nothing when it fails
// and fails as Render does; it never reads the clock: the workbook's
// creation date is opts.Generated (1980-01-01 without one), and the same
// report and options give the same bytes.
func RenderXLSX(w io.Writer, r analysis.Report, opts Options) error {
	var page bytes.Buffer
	if err := Render(&page, r, opts); err != nil {
		return err
	}
	doc, err := html.Parse(&page)
	if err != nil {
		return fmt.Errorf("htmlreport: reading the page back: %w", err)
	}
	c := newXLCollector(doc)
	c.walk(doc, c.front)
	created := "1980-01-01T00:00:00Z"
	if !opts.Generated.IsZero() {
		created = opts.Generated.UTC().Format("2006-01-02T15:04:05Z")
	}
	f, err := c.workbook(created)
	if err != nil {
		return fmt.Errorf("htmlreport: writing the workbook: %w", err)
	}
	defer func() { _ = f.Close() }() // a workbook in memory: nothing to lose
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return fmt.Errorf("htmlreport: writing the workbook: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// xlRowKind says how a row of a sheet is written.
type xlRowKind int

const (
	xlRowData    xlRowKind = iota // figures and text; widens its columns
	xlRowHead                     // a table's header row: bold, text only
	xlRowCaption                  // a sub-heading: bold, not counted in widths
	xlRowTitle                    // the report's title
	xlRowNote                     // a line of text (a finding): not counted in widths
)

// xlRow is one row of a sheet.
type xlRow struct {
	kind  xlRowKind
	cells []string
}

// xlMerge is a range of cells written as one, 0-based and inclusive.
type xlMerge struct{ r1, c1, r2, c2 int }

// xlSheet is a sheet being collected.
type xlSheet struct {
	name   string
	rows   []xlRow
	merges []xlMerge
	freeze int // rows frozen at the top; 0 for none
	tables int
}

// gap adds an empty row after the sheet's last block, if any.
func (s *xlSheet) gap() {
	if n := len(s.rows); n > 0 && len(s.rows[n-1].cells) > 0 {
		s.rows = append(s.rows, xlRow{})
	}
}

// add adds a row.
func (s *xlSheet) add(kind xlRowKind, cells ...string) {
	s.rows = append(s.rows, xlRow{kind: kind, cells: cells})
}

// addTable adds a table under its caption ("" for none); the first
// table of a sheet that starts with it has its header frozen.
func (s *xlSheet) addTable(caption string, t xlTable) {
	if len(t.rows) == 0 {
		return
	}
	s.gap()
	first := len(s.rows) == 0
	if caption != "" {
		s.add(xlRowCaption, caption)
	}
	top := len(s.rows)
	s.rows = append(s.rows, t.rows...)
	for _, m := range t.merges {
		s.merges = append(s.merges, xlMerge{m.r1 + top, m.c1, m.r2 + top, m.c2})
	}
	if first && s.tables == 0 && t.head > 0 && t.head < len(t.rows) {
		s.freeze = top + t.head
	}
	s.tables++
}

// xlCollector walks the page and gathers its sheets: the front sheet (the
// title block, headline figures, findings) and one per section with a
// table.
type xlCollector struct {
	lang    string // the page's language (html lang)
	title   string // the report's title (h1)
	front   *xlSheet
	secs    []*xlSheet
	caption string // the sub-heading awaiting the next table
}

// newXLCollector returns a collector for the page doc.
func newXLCollector(doc *html.Node) *xlCollector {
	c := &xlCollector{lang: "zh-CN"}
	if el := xlFind(doc, atom.Html); el != nil {
		if v := xlAttr(el, "lang"); v != "" {
			c.lang = v
		}
	}
	c.front = &xlSheet{name: c.word("报告", "Report")}
	return c
}

// english tells whether the page is in English.
func (c *xlCollector) english() bool { return strings.HasPrefix(strings.ToLower(c.lang), "en") }

// word returns zh or en in the page's language.
func (c *xlCollector) word(zh, en string) string {
	if c.english() {
		return en
	}
	return zh
}

// walk gathers n's content into cur.
func (c *xlCollector) walk(n *html.Node, cur *xlSheet) {
	if n.Type != html.ElementNode {
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			c.walk(k, cur)
		}
		return
	}
	if xlSkipped(n) {
		return
	}
	switch n.DataAtom {
	case atom.Section:
		if xlHasTable(n) {
			s := &xlSheet{name: xlSectionName(n, len(c.secs)+1)}
			c.secs = append(c.secs, s)
			c.caption = ""
			cur = s
		}
	case atom.Table:
		cur.addTable(c.caption, xlReadTable(n))
		c.caption = ""
		return
	case atom.H1:
		c.title = xlText(n)
		c.front.add(xlRowTitle, c.title)
		return
	case atom.H2, atom.H3, atom.H4:
		if cur != c.front {
			if n.DataAtom != atom.H2 {
				c.caption = xlText(n)
			}
			return
		}
		cur.gap()
		cur.add(xlRowCaption, xlText(n))
		return
	case atom.Li:
		if cur == c.front {
			cur.add(xlRowNote, xlText(n))
		}
		return
	case atom.Dl:
		c.pairs(n, cur)
		return
	case atom.Div:
		if c.div(n, cur) {
			return
		}
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.walk(k, cur)
	}
}

// div gathers the title block's lines and the headline cards; it tells
// whether n is one of them.
func (c *xlCollector) div(n *html.Node, cur *xlSheet) bool {
	switch {
	case xlHasClass(n, "org"):
		c.front.add(xlRowData, c.word("编制单位", "Organisation"), xlText(n))
	case xlHasClass(n, "subtitle"):
		c.front.add(xlRowData, xlText(n))
	case xlHasClass(n, "cards"): // a row of cards: a block of rows
		cur.gap()
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			c.walk(k, cur)
		}
	case xlHasClass(n, "card"):
		var cells []string
		for _, part := range []string{"card-label", "card-value", "card-sub", "chip"} {
			if el := xlFindClass(n, part); el != nil {
				cells = append(cells, xlText(el))
			} else if part != "chip" {
				cells = append(cells, "")
			}
		}
		cur.add(xlRowData, xlTrimRight(cells)...)
	default:
		return false
	}
	return true
}

// pairs gathers a description list (the title block's period, scale,
// answers and date) as rows of a term and its description.
func (c *xlCollector) pairs(n *html.Node, cur *xlSheet) {
	var term string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			switch {
			case k.Type != html.ElementNode:
			case k.DataAtom == atom.Dt:
				term = xlText(k)
			case k.DataAtom == atom.Dd:
				cur.add(xlRowData, term, xlText(k))
				term = ""
			default:
				walk(k)
			}
		}
	}
	walk(n)
}

// xlSkipped tells whether an element holds nothing for the workbook:
// scripts and styles, charts, the derivations, the footer.
func xlSkipped(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Footer, atom.Svg, atom.Head:
		return true
	}
	return xlHasClass(n, "chart") || xlHasClass(n, "derivs")
}

// xlHasTable tells whether n holds a table outside the parts left out
// (charts, derivations).
func xlHasTable(n *html.Node) bool {
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Type == html.ElementNode && !xlSkipped(k) && (k.DataAtom == atom.Table || xlHasTable(k)) {
			return true
		}
	}
	return false
}

// xlSectionName returns the name of a section: its heading's text, its
// number included ("2 各项目满意度"), else its aria-label, else
// "Sheet" and k.
func xlSectionName(n *html.Node, k int) string {
	if h := xlFind(n, atom.H2); h != nil {
		if s := xlText(h); s != "" {
			return s
		}
	}
	if s := strings.TrimSpace(xlAttr(n, "aria-label")); s != "" {
		return s
	}
	return "Sheet" + strconv.Itoa(k)
}

// xlTable is an HTML table laid out on a grid.
type xlTable struct {
	rows   []xlRow
	merges []xlMerge
	head   int // header rows at the top
}

// xlMaxSpan bounds a cell's colspan and rowspan, as browsers do.
const xlMaxSpan = 1000

// xlReadTable lays a table out on a grid: its header rows (thead) with
// their spanning cells merged, then its body rows with a cell spanning
// rows repeated in each and one spanning columns merged. A rowspan does
// not reach past its row group, as in HTML.
func xlReadTable(n *html.Node) xlTable {
	var t xlTable
	for _, g := range xlRowGroups(n) {
		start := len(t.rows)
		taken := map[[2]int]bool{}
		for i, tr := range g.rows {
			col := 0
			for td := tr.FirstChild; td != nil; td = td.NextSibling {
				if td.Type != html.ElementNode || (td.DataAtom != atom.Td && td.DataAtom != atom.Th) {
					continue
				}
				for taken[[2]int{i, col}] {
					col++
				}
				cs := xlSpan(td, "colspan")
				rs := min(xlSpan(td, "rowspan"), len(g.rows)-i)
				s := xlText(td)
				for dr := range rs {
					for dc := range cs {
						taken[[2]int{i + dr, col + dc}] = true
					}
					if dr == 0 || !g.head {
						t.set(start+i+dr, col, s, g.head)
					}
				}
				switch {
				case g.head && (cs > 1 || rs > 1):
					t.merges = append(t.merges, xlMerge{start + i, col, start + i + rs - 1, col + cs - 1})
				case !g.head && cs > 1:
					for dr := range rs {
						t.merges = append(t.merges, xlMerge{start + i + dr, col, start + i + dr, col + cs - 1})
					}
				}
				col += cs
			}
		}
		for len(t.rows) < start+len(g.rows) { // rows of spanned cells only
			t.rows = append(t.rows, xlRow{})
		}
		if g.head && start == t.head {
			t.head = len(t.rows)
		}
	}
	return t
}

// set puts s in the cell at row r, column c.
func (t *xlTable) set(r, c int, s string, head bool) {
	for len(t.rows) <= r {
		t.rows = append(t.rows, xlRow{})
	}
	row := &t.rows[r]
	if head {
		row.kind = xlRowHead
	}
	for len(row.cells) <= c {
		row.cells = append(row.cells, "")
	}
	row.cells[c] = s
}

// xlRowGroup is a table's thead, tbody or tfoot, or its rows outside them.
type xlRowGroup struct {
	head bool
	rows []*html.Node
}

// xlRowGroups returns a table's row groups in order; rows outside a group
// form one of their own, and nested tables are not looked into.
func xlRowGroups(n *html.Node) []xlRowGroup {
	var gs []xlRowGroup
	var loose []*html.Node
	flush := func() {
		if len(loose) > 0 {
			gs = append(gs, xlRowGroup{rows: loose})
			loose = nil
		}
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		switch k.DataAtom {
		case atom.Tr:
			loose = append(loose, k)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			flush()
			g := xlRowGroup{head: k.DataAtom == atom.Thead}
			for tr := k.FirstChild; tr != nil; tr = tr.NextSibling {
				if tr.DataAtom == atom.Tr {
					g.rows = append(g.rows, tr)
				}
			}
			gs = append(gs, g)
		}
	}
	flush()
	return gs
}

// xlSpan reads a colspan or rowspan: 1 when absent or unreadable, at most
// xlMaxSpan.
func xlSpan(n *html.Node, key string) int {
	v, err := strconv.Atoi(strings.TrimSpace(xlAttr(n, key)))
	if err != nil || v < 1 {
		return 1
	}
	return min(v, xlMaxSpan)
}

// xlText returns the text of n as a reader sees it: spaces collapsed, a
// line break a space, scripts and charts left out.
func xlText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			b.WriteByte(' ')
		case n.Type == html.ElementNode && xlSkipped(n):
		default:
			for k := n.FirstChild; k != nil; k = k.NextSibling {
				walk(k)
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// xlFind returns the first element of kind a in n's tree (n included).
func xlFind(n *html.Node, a atom.Atom) *html.Node {
	return xlFindFunc(n, func(n *html.Node) bool { return n.DataAtom == a })
}

// xlFindClass returns the first element of class cls in n's tree.
func xlFindClass(n *html.Node, cls string) *html.Node {
	return xlFindFunc(n, func(n *html.Node) bool { return xlHasClass(n, cls) })
}

// xlFindFunc returns the first element of n's tree, in document order,
// for which ok holds.
func xlFindFunc(n *html.Node, ok func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode && ok(n) {
		return n
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if m := xlFindFunc(k, ok); m != nil {
			return m
		}
	}
	return nil
}

// xlAttr returns n's attribute key ("" without).
func xlAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// xlHasClass tells whether n is of class cls.
func xlHasClass(n *html.Node, cls string) bool {
	return n.Type == html.ElementNode && strings.Contains(" "+strings.Join(strings.Fields(xlAttr(n, "class")), " ")+" ", " "+cls+" ")
}

// xlTrimRight drops the empty cells at the end of a row.
func xlTrimRight(cells []string) []string {
	for len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	return cells
}

// A figure is a number or a percentage as the page prints it: an
// optional sign (+, - or −), digits without a needless leading zero, an
// optional decimal part and an optional %.
var xlFigureRE = regexp.MustCompile(`^([+\-−]?)(0|[1-9][0-9]*)(?:\.([0-9]+))?(%?)$`)

// xlMaxDigits is the most significant digits written as a number: Excel
// keeps 15.
const xlMaxDigits = 15

// xlNumber is a figure to write as a number: its value in Excel's plain
// notation and its number format.
type xlNumber struct {
	value  string // "0.784"
	format string // "0.0%"
}

// xlParseFigure reads s as a figure, or tells it is text.
func xlParseFigure(s string) (xlNumber, bool) {
	m := xlFigureRE.FindStringSubmatch(s)
	if m == nil || len(m[2])+len(m[3]) > xlMaxDigits {
		return xlNumber{}, false
	}
	sign, whole, frac, pct := m[1], m[2], m[3], m[4] == "%"
	digits := whole
	if frac != "" {
		digits += "." + frac
	}
	d, err := decimal.NewFromString(digits)
	if err != nil {
		return xlNumber{}, false
	}
	if pct {
		d = d.Shift(-2)
	}
	if sign == "-" || sign == "−" {
		d = d.Neg()
	}
	base := "0"
	if frac != "" {
		base += "." + strings.Repeat("0", len(frac))
	}
	if pct {
		base += "%"
	}
	format := base
	if sign != "" { // the page prints a sign: keep it
		format = "+" + base + ";-" + base + ";" + base
	}
	return xlNumber{value: d.String(), format: format}, true
}

// workbook writes the collected sheets into a new workbook, created
// (and last modified) at created.
func (c *xlCollector) workbook(created string) (*excelize.File, error) {
	f := excelize.NewFile()
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: c.title, Creator: "csat", LastModifiedBy: "csat", Language: c.lang,
		Created: created, Modified: created,
	}); err != nil {
		return nil, err
	}
	st := &xlStyles{f: f, num: map[string]int{}}
	used := map[string]bool{"history": true} // Excel reserves History
	sheets := []*xlSheet{c.front}
	for _, s := range c.secs {
		if len(s.rows) > 0 { // tables without rows
			sheets = append(sheets, s)
		}
	}
	for i, s := range sheets {
		name := xlSheetName(s.name, used)
		var err error
		if i == 0 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err == nil {
			err = xlWriteSheet(f, st, name, s)
		}
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	f.SetActiveSheet(0)
	return f, nil
}

// xlStyles makes the workbook's cell styles once each, in the order first
// needed, so that the same sheets give the same styles.
type xlStyles struct {
	f                    *excelize.File
	head, caption, title int
	num                  map[string]int // by number format
}

// style returns the style of a kind of row (0 for the default).
func (st *xlStyles) style(kind xlRowKind) (int, error) {
	var id *int
	var s excelize.Style
	switch kind {
	case xlRowHead:
		id = &st.head
		s = excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8ECF2"}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
			Border:    []excelize.Border{{Type: "bottom", Color: "5B6577", Style: 1}},
		}
	case xlRowCaption:
		id, s = &st.caption, excelize.Style{Font: &excelize.Font{Bold: true}}
	case xlRowTitle:
		id, s = &st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}
	default:
		return 0, nil
	}
	if *id == 0 {
		v, err := st.f.NewStyle(&s)
		if err != nil {
			return 0, err
		}
		*id = v
	}
	return *id, nil
}

// number returns the style of a number format.
func (st *xlStyles) number(format string) (int, error) {
	if id, ok := st.num[format]; ok {
		return id, nil
	}
	id, err := st.f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		return 0, err
	}
	st.num[format] = id
	return id, nil
}

// xlWriteSheet writes s's rows, merges, frozen header and column widths
// into the sheet name.
func xlWriteSheet(f *excelize.File, st *xlStyles, name string, s *xlSheet) error {
	var widths []int
	for r, row := range s.rows {
		for col, v := range row.cells {
			if v == "" {
				continue
			}
			ref, err := excelize.CoordinatesToCellName(col+1, r+1)
			if err != nil {
				return err
			}
			shown, err := xlWriteCell(f, st, name, ref, v, row.kind)
			if err != nil {
				return err
			}
			if row.kind == xlRowData || (row.kind == xlRowHead && !xlMerged(s.merges, r, col)) {
				for len(widths) <= col {
					widths = append(widths, 0)
				}
				widths[col] = max(widths[col], xlDisplayWidth(shown))
			}
		}
	}
	for _, m := range s.merges {
		if m.r1 == m.r2 && m.c1 == m.c2 {
			continue
		}
		a, err := excelize.CoordinatesToCellName(m.c1+1, m.r1+1)
		if err != nil {
			return err
		}
		b, err := excelize.CoordinatesToCellName(m.c2+1, m.r2+1)
		if err != nil {
			return err
		}
		if err := f.MergeCell(name, a, b); err != nil {
			return err
		}
	}
	if s.freeze > 0 {
		top, err := excelize.CoordinatesToCellName(1, s.freeze+1)
		if err != nil {
			return err
		}
		if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: s.freeze, TopLeftCell: top, ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	for col, w := range widths {
		if err := xlSetWidth(f, name, col+1, w); err != nil {
			return err
		}
	}
	return nil
}

// xlWriteCell writes one cell: a figure as a number, anything else as
// text. It returns the text the cell shows.
func xlWriteCell(f *excelize.File, st *xlStyles, sheet, ref, v string, kind xlRowKind) (string, error) {
	if kind == xlRowData {
		if fig, ok := xlParseFigure(v); ok {
			if err := f.SetCellDefault(sheet, ref, fig.value); err != nil {
				return "", err
			}
			id, err := st.number(fig.format)
			if err != nil {
				return "", err
			}
			return v, f.SetCellStyle(sheet, ref, ref, id)
		}
	}
	if err := f.SetCellStr(sheet, ref, v); err != nil {
		return "", err
	}
	id, err := st.style(kind)
	if err != nil || id == 0 {
		return v, err
	}
	return v, f.SetCellStyle(sheet, ref, ref, id)
}

// xlMerged tells whether the cell at row r, column c is part of a merge
// wider than one column.
func xlMerged(ms []xlMerge, r, c int) bool {
	for _, m := range ms {
		if m.c1 != m.c2 && r >= m.r1 && r <= m.r2 && c >= m.c1 && c <= m.c2 {
			return true
		}
	}
	return false
}

// xlDisplayWidth is the width of s in Excel's character widths: a wide
// (CJK) character counts two.
func xlDisplayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch xlwidth.LookupRune(r).Kind() {
		case xlwidth.EastAsianWide, xlwidth.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// xlSetWidth sets a column's width roughly to w characters and some
// room: a few steps from 8 to 60 characters suffice for a table read on
// screen.
func xlSetWidth(f *excelize.File, sheet string, col, w int) error {
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		return err
	}
	switch {
	case w <= 6:
		return f.SetColWidth(sheet, name, name, 8)
	case w <= 10:
		return f.SetColWidth(sheet, name, name, 12)
	case w <= 14:
		return f.SetColWidth(sheet, name, name, 16)
	case w <= 20:
		return f.SetColWidth(sheet, name, name, 22)
	case w <= 28:
		return f.SetColWidth(sheet, name, name, 30)
	case w <= 40:
		return f.SetColWidth(sheet, name, name, 42)
	default:
		return f.SetColWidth(sheet, name, name, 60)
	}
}

// xlMaxSheetName is Excel's limit on a sheet name, in UTF-16 code units.
const xlMaxSheetName = 31

// xlSheetName makes s a sheet name Excel accepts, different (case
// aside) from the names in used, which it records: the characters
// Excel forbids (: \ / ? * [ ]) and control characters replaced, no
// apostrophe at either end, at most 31 UTF-16 units, and " (2)", " (3)",
// … added to a name already taken.
func xlSheetName(s string, used map[string]bool) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '[':
			return '('
		case r == ']':
			return ')'
		case strings.ContainsRune(`:\/?*`, r):
			return '-'
		case unicode.IsControl(r) || r == utf8.RuneError:
			return -1
		}
		return r
	}, s)
	base := strings.Trim(s, "' ")
	if base == "" {
		base = "Sheet"
	}
	name := xlClip(base, xlMaxSheetName)
	for k := 2; used[strings.ToLower(name)]; k++ {
		suffix := " (" + strconv.Itoa(k) + ")"
		name = xlClip(base, xlMaxSheetName-len(suffix)) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

// xlClip shortens s to at most n UTF-16 units: cut after a whole word
// where there is one in its second half, ended by "…".
func xlClip(s string, n int) string {
	units, keep := 0, 0 // keep: the bytes of s within n-1 units
	for i, r := range s {
		u := 1
		if r > 0xFFFF {
			u = 2
		}
		if units+u > n {
			cut := s[:keep]
			if j := strings.LastIndexByte(cut, ' '); j > len(cut)/2 {
				cut = cut[:j]
			}
			return strings.TrimRight(cut, "' ") + "…"
		}
		if units += u; units < n {
			keep = i + utf8.RuneLen(r)
		}
	}
	return s
}
