package htmlreport_test

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"log"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/io/htmlreport"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// The workbook of the report of the method's worked survey with its
// self-assessment (as in ExampleRender), in Chinese: the front sheet 报告
// and a sheet per section; the overall satisfaction's table holds the
// figures as numbers, 82% as 0.82, shown as the page prints them.
func ExampleRenderXLSX() {
	tab := csat.NewTable(csat.FivePoint())
	for source, counts := range map[string][]uint64{
		csat.SourceSurvey: {10, 5, 6, 3, 1},
		csat.SourceSelf:   {20, 20, 5, 5, 0},
	} {
		for level, n := range counts { // level 0 is 很满意
			if err := tab.AddN("全部项目", source, level, n); err != nil {
				log.Fatal(err)
			}
		}
	}
	rep, err := analysis.Build(analysis.Input{Period: "2026H1", Table: tab})
	if err != nil {
		log.Fatal(err)
	}
	var book bytes.Buffer
	err = htmlreport.RenderXLSX(&book, rep, htmlreport.Options{
		Organisation: "华东精密机械有限公司",
		Generated:    time.Date(2026, 7, 3, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		log.Fatal(err)
	}
	f, err := excelize.OpenReader(&book)
	if err != nil {
		log.Fatal(err)
	}
	sheets := f.GetSheetList()
	fmt.Println(sheets[0], len(sheets) > 1)
	shown, _ := f.GetCellValue(sheets[1], "B2")
	value, _ := f.GetCellValue(sheets[1], "B2", excelize.Options{RawCellValue: true})
	fmt.Println(shown, value)
	// Output:
	// 报告 true
	// 82.0% 0.82
}

// xlsxOf renders r's workbook with opts and opens it.
func xlsxOf(t *testing.T, r analysis.Report, opts htmlreport.Options) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := htmlreport.RenderXLSX(&buf, r, opts); err != nil {
		t.Fatal(err)
	}
	b := bytes.Clone(buf.Bytes())
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f, b
}

// sectionTitles returns the headings of the page's numbered sections,
// read with a regular expression (independently of RenderXLSX's HTML
// parser).
func sectionTitles(t *testing.T, r analysis.Report, opts htmlreport.Options) []string {
	t.Helper()
	var page bytes.Buffer
	if err := htmlreport.Render(&page, r, opts); err != nil {
		t.Fatal(err)
	}
	heads := regexp.MustCompile(`(?s)<section class="sec[^"]*"[^>]*>\s*<h2>(.*?)</h2>`).FindAllStringSubmatch(page.String(), -1)
	tags := regexp.MustCompile(`<[^>]*>`)
	var titles []string
	for _, h := range heads {
		titles = append(titles, strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(h[1], " "))), " "))
	}
	return titles
}

// The workbook has the front sheet, then one sheet per section of the
// page, named by its heading: in full in Chinese; in English a heading
// longer than Excel's 31 characters shortened after a whole word and
// ended by "…".
func TestXLSXSheets(t *testing.T) {
	rep := full(t)
	for _, tc := range []struct{ lang, front, signoff string }{{"zh", "报告", "编制与审批"}, {"en", "Report", "Sign-off"}} {
		t.Run(tc.lang, func(t *testing.T) {
			opts := htmlreport.Options{Lang: tc.lang, Organisation: "华东精密机械有限公司"}
			f, _ := xlsxOf(t, rep, opts)
			titles := sectionTitles(t, rep, opts)
			if len(titles) < 10 {
				t.Fatalf("the page has %d sections: %q", len(titles), titles)
			}
			got := f.GetSheetList()
			if len(got) != len(titles)+2 || got[0] != tc.front || got[len(got)-1] != tc.signoff {
				t.Fatalf("sheets %q, want %s, the %d sections %q and %s", got, tc.front, len(titles), titles, tc.signoff)
			}
			clipped := 0
			for i, title := range titles {
				name := got[i+1]
				if units := len(utf16.Encode([]rune(name))); units > 31 || strings.ContainsAny(name, `:\/?*[]`) {
					t.Errorf("sheet %q (%d units): not a name Excel accepts", name, units)
				}
				if len(utf16.Encode([]rune(title))) <= 31 {
					if name != title {
						t.Errorf("sheet %d is %q, want the section's heading %q", i+2, name, title)
					}
					continue
				}
				clipped++
				stem, ok := strings.CutSuffix(name, "…")
				if !ok || !strings.HasPrefix(title, stem+" ") {
					t.Errorf("sheet %q for the heading %q: want the heading cut after a whole word, then …", name, title)
				}
			}
			if tc.lang == "en" && clipped == 0 {
				t.Error("no English heading was shortened: the test no longer covers Excel's 31-character limit")
			}
			if tc.lang == "zh" && clipped != 0 {
				t.Errorf("%d Chinese headings were shortened", clipped)
			}
		})
	}
}

// sheetNamed returns the sheet whose name contains part.
func sheetNamed(t *testing.T, f *excelize.File, part string) string {
	t.Helper()
	for _, s := range f.GetSheetList() {
		if strings.Contains(s, part) {
			return s
		}
	}
	t.Fatalf("no sheet named …%s… in %q", part, f.GetSheetList())
	return ""
}

// cellOf is a cell read back: what it shows, its raw value, whether it
// is a number, and its number format.
type cellOf struct {
	shown, raw, format string
	number             bool
}

// readCell reads a cell of sheet at column col (1-based) and row.
func readCell(t *testing.T, f *excelize.File, sheet string, col, row int) cellOf {
	t.Helper()
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		t.Fatal(err)
	}
	var c cellOf
	if c.shown, err = f.GetCellValue(sheet, ref); err != nil {
		t.Fatal(err)
	}
	if c.raw, err = f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true}); err != nil {
		t.Fatal(err)
	}
	typ, err := f.GetCellType(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	c.number = typ == excelize.CellTypeUnset && c.raw != "" || typ == excelize.CellTypeNumber
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	if st, err := f.GetStyle(id); err == nil && st.CustomNumFmt != nil {
		c.format = *st.CustomNumFmt
	}
	return c
}

// rowWith returns the 1-based row of sheet whose first cells are first.
func rowWith(t *testing.T, f *excelize.File, sheet string, first ...string) int {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) >= len(first) && slices.Equal(r[:len(first)], first) {
			return i + 1
		}
	}
	t.Fatalf("sheet %s has no row starting %q", sheet, first)
	return 0
}

// lastRowWith returns the 1-based last row of sheet whose first cell is
// first.
func lastRowWith(t *testing.T, f *excelize.File, sheet, first string) int {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := len(rows) - 1; i >= 0; i-- {
		if len(rows[i]) > 0 && rows[i][0] == first {
			return i + 1
		}
	}
	t.Fatalf("sheet %s has no row starting %q", sheet, first)
	return 0
}

// percentCells returns the cells of a row that are numbers in a percent
// format, left to right.
func percentCells(t *testing.T, f *excelize.File, sheet string, row int) []cellOf {
	t.Helper()
	cols, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var out []cellOf
	for col := 1; col <= len(cols[row-1]); col++ {
		if c := readCell(t, f, sheet, col, row); c.number && strings.Contains(c.format, "%") {
			out = append(out, c)
		}
	}
	return out
}

// level points of the five-point scale, very satisfied first.
var fivePoints = [5]int64{10, 8, 6, 4, 2}

// degreeRate computes a survey's degree Σ count×points / (n×10) and rate
// (the three satisfied levels over n) from its counts, independently of
// the library (METHOD.md §2).
func degreeRate(counts [5]uint64) (degree, rate decimal.Decimal, n uint64) {
	var points, satisfied int64
	for i, c := range counts {
		points += int64(c) * fivePoints[i]
		if i < 3 {
			satisfied += int64(c)
		}
		n += c
	}
	degree = decimal.NewFromInt(points).Div(decimal.NewFromInt(int64(n) * 10))
	rate = decimal.NewFromInt(satisfied).Div(decimal.NewFromInt(int64(n)))
	return degree, rate, n
}

// The figures of the workbook are the report's, as numbers: the overall
// degree of the survey 190/250 = 76% as 0.76, of the self-assessment
// 410/500 = 82%, their blend 0.4×82% + 0.6×76% = 78.4%; every item's
// survey degree and rate from the fixture's counts; the answers per item
// as counts; figures marked ≈ stay text.
func TestXLSXFigures(t *testing.T) {
	f, _ := xlsxOf(t, full(t), htmlreport.Options{Organisation: "华东精密机械有限公司", Generated: time.Date(2026, 7, 3, 0, 0, 0, 0, time.UTC)})

	overall := sheetNamed(t, f, "整体满意度")
	got := percentCells(t, f, overall, rowWith(t, f, overall, "满意度"))
	want := []string{"0.82", "0.76", "0.784"} // self, survey, blend
	var raws []string
	for _, c := range got {
		raws = append(raws, c.raw)
	}
	if !slices.Equal(raws, want) {
		t.Errorf("overall degree row: percent figures %q, want self, survey, blend %q", raws, want)
	}
	for _, c := range got {
		d := decimal.RequireFromString(c.raw)
		if shown := strings.TrimSuffix(c.shown, "%"); !decimal.RequireFromString(shown).Equal(d.Shift(2)) {
			t.Errorf("%s shows %q: not its value as a percentage", c.raw, c.shown)
		}
	}

	checkItems(t, f)
	checkSpansAndSigns(t, f)
	checkDistribution(t, f)
}

// checkItems checks the items' sheet: its header frozen, and every
// item's survey degree and rate computed from the fixture's counts.
func checkItems(t *testing.T, f *excelize.File) {
	t.Helper()
	items := sheetNamed(t, f, "各项目满意度")
	if a1 := readCell(t, f, items, 1, 1); a1.shown != "项目" {
		t.Errorf("the items' sheet starts with %q, want its header 项目", a1.shown)
	}
	panes, err := f.GetPanes(items)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 2 || panes.TopLeftCell != "A3" {
		t.Errorf("items' panes %+v: want the two header rows frozen", panes)
	}
	for item, counts := range workedSurvey {
		degree, rate, n := degreeRate(counts)
		row := rowWith(t, f, items, item)
		// The item's rows: one per source, the item repeated in each;
		// the survey's has its n answers.
		for ; ; row++ {
			if c := readCell(t, f, items, 3, row); c.number && c.raw == fmt.Sprint(n) {
				break
			}
			if a := readCell(t, f, items, 1, row); a.raw != item {
				t.Fatalf("item %s: no row with %d answers", item, n)
			}
		}
		figs := percentCells(t, f, items, row)
		if len(figs) < 2 || !decimal.RequireFromString(figs[0].raw).Equal(degree) || !decimal.RequireFromString(figs[1].raw).Equal(rate) {
			t.Errorf("item %s: figures %+v, want degree %s and rate %s", item, figs, degree, rate)
		}
	}
}

// checkSpansAndSigns checks that an item spanning rows is repeated in
// each, that signed differences keep their signs and that a figure
// marked ≈ stays text.
func checkSpansAndSigns(t *testing.T, f *excelize.File) {
	t.Helper()
	items := sheetNamed(t, f, "各项目满意度")
	// The item spans its sources' rows on the page; in the workbook each
	// row names it: 交货期's rows hold the survey's 5, the
	// self-assessment's 10 and the competitor's 12 answers.
	first := rowWith(t, f, items, "交货期")
	var answers []string
	for r := first; r < first+3; r++ {
		if a := readCell(t, f, items, 1, r); a.raw != "交货期" {
			t.Errorf("row %d of the items' sheet starts with %q, want the item 交货期 repeated", r, a.raw)
		}
		answers = append(answers, readCell(t, f, items, 3, r).raw)
	}
	if slices.Sort(answers); !slices.Equal(answers, []string{"10", "12", "5"}) {
		t.Errorf("交货期's rows hold %q answers, want 5, 10 and 12", answers)
	}
	// The gaps of 交货期, self-assessment less survey, keep their signs
	// and are in percentage points (text: a difference, not a share):
	// degree 72% − 56% = +16 points ((3×10+3×8+1×6+3×4)/100 against
	// (4×6+1×4)/50), rate 7/10 − 4/5 = −10 points.
	gaps := lastRowWith(t, f, items, "交货期")
	var signed []string
	for col := 1; col <= 12; col++ {
		if c := readCell(t, f, items, col, gaps); strings.Contains(c.raw, "个百分点") {
			if c.number {
				t.Errorf("%+v: a difference in percentage points written as a number", c)
			}
			signed = append(signed, c.raw)
		}
	}
	if want := []string{"+16.0 个百分点", "−10.0 个百分点"}; !slices.Equal(signed, want) {
		t.Errorf("gaps of 交货期: %q, want %q", signed, want)
	}
	// The competitor's degree of 交货期, (5×10+4×8+2×6+1×4)/120 = 98/120
	// = 81.666…%, is printed 81.7% at one place: the number 0.817 shown
	// as 81.7%, what the page shows.
	found := false
	for r := first; r < first+3; r++ {
		for col := 1; col <= 8; col++ {
			if c := readCell(t, f, items, col, r); c.shown == "81.7%" {
				found = true
				if !c.number || c.raw != "0.817" {
					t.Errorf("%+v: want the number 0.817", c)
				}
			}
		}
	}
	if !found {
		t.Error("the competitor's 81.7% of 交货期 is not in the items' sheet")
	}
}

// checkDistribution checks the answers per item of the distribution's
// sheet: numbers, from the fixture's counts.
func checkDistribution(t *testing.T, f *excelize.File) {
	t.Helper()
	dist := sheetNamed(t, f, "分布")
	for item, counts := range workedSurvey {
		_, _, n := degreeRate(counts)
		r := rowWith(t, f, dist, item)
		rows, _ := f.GetRows(dist)
		last := readCell(t, f, dist, len(rows[r-1]), r)
		if !last.number || last.raw != fmt.Sprint(n) {
			t.Errorf("distribution of %s: answers %+v, want the number %d", item, last, n)
		}
	}
}

// The front sheet holds the title block: title, organisation, period
// and date, in the report's language.
func TestXLSXFront(t *testing.T) {
	for _, tc := range []struct {
		lang, front, title, org string
	}{
		{"zh", "报告", "客户满意度检查分析报告", "华东精密机械有限公司"},
		{"en", "Report", "Customer Satisfaction Analysis Report", "East China Precision Machinery Co."},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			f, _ := xlsxOf(t, full(t), htmlreport.Options{Lang: tc.lang, Organisation: tc.org, Generated: time.Date(2026, 7, 3, 0, 0, 0, 0, time.UTC)})
			rows, err := f.GetRows(tc.front)
			if err != nil {
				t.Fatal(err)
			}
			var cells []string
			for _, r := range rows {
				cells = append(cells, r...)
			}
			for _, w := range []string{tc.title, tc.org, "2026H1", "2026-07-03"} {
				if !slices.Contains(cells, w) {
					t.Errorf("the front sheet lacks %q: %q", w, rows)
				}
			}
			props, err := f.GetDocProps()
			if err != nil {
				t.Fatal(err)
			}
			if props.Created != "2026-07-03T00:00:00Z" || props.Title != tc.title {
				t.Errorf("document properties %+v: want created 2026-07-03, titled %s", props, tc.title)
			}
		})
	}
}

// The same report and options give the same bytes; the workbook's date
// is the report's, or 1980-01-01 without one, never the clock's; the
// derivations, open or folded on the page, are not in it.
func TestXLSXDeterministic(t *testing.T) {
	rep := full(t)
	for _, gen := range []time.Time{{}, time.Date(2026, 7, 3, 0, 0, 0, 0, time.UTC)} {
		opts := htmlreport.Options{Lang: "en", Generated: gen}
		f, a := xlsxOf(t, rep, opts)
		_, b := xlsxOf(t, rep, opts)
		if !bytes.Equal(a, b) {
			t.Errorf("generated %v: two renderings differ (%d and %d bytes)", gen, len(a), len(b))
		}
		props, err := f.GetDocProps()
		if err != nil {
			t.Fatal(err)
		}
		want := "1980-01-01T00:00:00Z"
		if !gen.IsZero() {
			want = "2026-07-03T00:00:00Z"
		}
		if props.Created != want || props.Modified != want {
			t.Errorf("generated %v: created %s, modified %s, want %s", gen, props.Created, props.Modified, want)
		}
		// The derivations are left out, printed open or folded.
		opts.ExpandDerivations = true
		if _, c := xlsxOf(t, rep, opts); !bytes.Equal(a, c) {
			t.Errorf("generated %v: the derivations printed open change the workbook", gen)
		}
		checkNoDerivations(t, f, rep, opts)
	}
}

// checkNoDerivations checks that no cell of f holds a derivation of the
// page (the entries of its 计算过程 lists).
func checkNoDerivations(t *testing.T, f *excelize.File, rep analysis.Report, opts htmlreport.Options) {
	t.Helper()
	var page bytes.Buffer
	if err := htmlreport.Render(&page, rep, opts); err != nil {
		t.Fatal(err)
	}
	derivs := map[string]bool{}
	for _, list := range regexp.MustCompile(`(?s)<details class="derivs".*?</details>`).FindAllString(page.String(), -1) {
		for _, dd := range regexp.MustCompile(`(?s)<dd>(.*?)</dd>`).FindAllStringSubmatch(list, -1) {
			derivs[strings.Join(strings.Fields(html.UnescapeString(dd[1])), " ")] = true
		}
	}
	if len(derivs) < 10 {
		t.Fatalf("the page has %d derivations: the check would prove nothing", len(derivs))
	}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			for _, c := range r {
				if derivs[c] {
					t.Errorf("sheet %s holds the derivation %q", sheet, c)
					return
				}
			}
		}
	}
}

// RenderXLSX fails as Render does, and writes nothing then.
func TestXLSXErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		rep  analysis.Report
		opts htmlreport.Options
		want error
	}{
		{"no period", analysis.Report{}, htmlreport.Options{}, csat.ErrMissing},
		{"bad language", full(t), htmlreport.Options{Lang: "fr"}, csat.ErrInvalid},
	} {
		var buf bytes.Buffer
		err := htmlreport.RenderXLSX(&buf, tc.rep, tc.opts)
		if !errors.Is(err, tc.want) || buf.Len() != 0 {
			t.Errorf("%s: %v and %d bytes written, want an error wrapping %v and nothing", tc.name, err, buf.Len(), tc.want)
		}
	}
}
