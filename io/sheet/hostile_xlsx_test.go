package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/csatkit/csat"
)

// A hostileXLSX is a row of the XLSX catalogue: a workbook made to hurt
// the reader, and either the error it must give (a sentinel, and the
// words that place it: the file, the sheet, the row or cell, the limit)
// or, with want nil, a read that succeeds; maxAlloc bounds the bytes
// the read allocates.
type hostileXLSX struct {
	name     string // "pN/what": the point of issue 18 it covers
	input    func(t testing.TB) []byte
	lim      *xlsxLimits // read the rows with these limits, else ReadAnswersFrom
	file     bool        // read it from a file, not from a reader
	sheet    string      // Options.Sheet
	want     error
	names    []string // words the error must hold, beside "f.xlsx"
	maxAlloc uint64   // bytes the read may allocate; 0: not measured
	check    func(t *testing.T, sum Summary)
	long     bool // skipped with -short and under the race detector
}

// TestHostileXLSX reads the hostile workbooks of the catalogue.
func TestHostileXLSX(t *testing.T) {
	var cases []hostileXLSX
	for _, part := range [][]hostileXLSX{hostileDecodeCases(), hostileCellCases(), hostileSheetCases(), hostileLimitCases(), hostileSizeCases()} {
		cases = append(cases, part...)
	}
	errs, bounded := 0, 0
	for _, tt := range cases {
		if tt.want != nil {
			errs++
		}
		if tt.maxAlloc > 0 {
			bounded++
		}
		t.Run(tt.name, func(t *testing.T) { tt.run(t) })
	}
	t.Logf("%d cases: %d errors, %d bounded in memory", len(cases), errs, bounded)
}

func (tt hostileXLSX) run(t *testing.T) {
	if tt.long && (testing.Short() || raceEnabled) {
		t.Skip("reads a million rows")
	}
	b := tt.input(t)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	sum, err := tt.read(t, b)
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; tt.maxAlloc > 0 && alloc > tt.maxAlloc {
		t.Errorf("the read allocated %d KiB, want at most %d KiB", alloc>>10, tt.maxAlloc>>10)
	}
	if tt.want == nil {
		if err != nil {
			t.Fatalf("error %v, want none", err)
		}
		if tt.check != nil {
			tt.check(t, sum)
		}
		return
	}
	if !errors.Is(err, tt.want) {
		t.Fatalf("error %v, want one wrapping %v", err, tt.want)
	}
	for _, w := range append([]string{"f.xlsx"}, tt.names...) {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not say %q", err, w)
		}
	}
}

func (tt hostileXLSX) read(t *testing.T, b []byte) (Summary, error) {
	if tt.lim != nil {
		_, sum, err := readXLSXRows(b, *tt.lim)
		return sum, err
	}
	opts := &Options{Sheet: tt.sheet}
	if tt.file {
		path := filepath.Join(t.TempDir(), "f.xlsx")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		_, sum, err := ReadAnswers(path, opts)
		return sum, err
	}
	_, sum, err := ReadAnswersFrom(bytes.NewReader(b), "f.xlsx", opts)
	return sum, err
}

// readXLSXRows reads every row of the first visible sheet of the
// workbook b, named f.xlsx, with the limits lim, as the readers do,
// stopping at the first error.
func readXLSXRows(b []byte, lim xlsxLimits) ([][]string, Summary, error) {
	var sum Summary
	src, err := openXLSXWith("f.xlsx", bytes.NewReader(b), "", &sum, lim)
	if err != nil {
		return nil, sum, err
	}
	defer src.close()
	var rows [][]string
	for {
		rec, err := src.next()
		if errors.Is(err, io.EOF) {
			return rows, sum, nil
		}
		var fe *fatalError
		if errors.As(err, &fe) {
			err = fe.err
		}
		if err != nil {
			return rows, sum, err
		}
		rows = append(rows, slices.Clone(rec))
	}
}

// Cells and rows of a sheet's XML.
func inl(ref, s string) string {
	return `<c r="` + ref + `" t="inlineStr"><is><t>` + s + `</t></is></c>`
}
func num(ref, v string) string { return `<c r="` + ref + `"><v>` + v + `</v></c>` }
func row(n int, cells ...string) string {
	return fmt.Sprintf(`<row r="%d">`, n) + strings.Join(cells, "") + `</row>`
}

// answerRows returns the five rows of a long answers sheet (a header
// and four answers, one per data row), row n replaced by its entry in
// repl.
func answerRows(repl map[int]string) string {
	rs := []string{row(1, inl("A1", "项目"), inl("B1", "等级"), inl("C1", "数量"))}
	for i, lv := range []string{"很满意", "满意", "基本满意", "不满意"} {
		n := i + 2
		rs = append(rs, row(n, inl(fmt.Sprint("A", n), "功能"), inl(fmt.Sprint("B", n), lv), num(fmt.Sprint("C", n), "1")))
	}
	for n, r := range repl {
		rs[n-1] = r
	}
	return strings.Join(rs, "")
}

// book returns a workbook of the answer rows, row n replaced by repl[n],
// and shared strings.
func book(repl map[int]string, strs ...string) func(testing.TB) []byte {
	return func(t testing.TB) []byte { return zipOf(t, workbookParts(answerRows(repl), strs...), nil) }
}

// bookX is book with the run of "x" of 64 KiB or more in a part deflated
// by hand (deflateRepeat), not by compress/flate, which takes a fifth of
// a second on 2 MiB of it under the race detector: the part inflates to
// the same bytes.
func bookX(repl map[int]string, strs ...string) func(testing.TB) []byte {
	return func(t testing.TB) []byte {
		ps := workbookParts(answerRows(repl), strs...)
		big := map[string]bigPart{}
		for name, p := range ps {
			i := strings.Index(p, strings.Repeat("x", 64<<10))
			if i < 0 {
				continue
			}
			j := len(p) - len(strings.TrimLeft(p[i:], "x"))
			big[name] = bigPart{prefix: p[:i], unit: "x", n: j - i, suffix: p[j:]}
			delete(ps, name)
		}
		if len(big) == 0 {
			t.Fatal("no run of x to deflate by hand")
		}
		return zipOf(t, ps, big)
	}
}

// bookWith returns a workbook of the answer rows with parts changed (a
// part "" is left out) and big parts added.
func bookWith(parts map[string]string, big map[string]bigPart) func(testing.TB) []byte {
	return func(t testing.TB) []byte {
		ps := workbookParts(answerRows(nil))
		for k, v := range parts {
			ps[k] = v
			if v == "" {
				delete(ps, k)
			}
		}
		for k := range big {
			delete(ps, k)
		}
		return zipOf(t, ps, big)
	}
}

// bigSheet returns a workbook whose sheet holds prefix, unit n times and
// suffix, deflated by hand.
func bigSheet(prefix, unit string, n int, suffix string) func(testing.TB) []byte {
	return bookWith(nil, map[string]bigPart{"xl/worksheets/sheet1.xml": {prefix: prefix, unit: unit, n: n, suffix: suffix}})
}

// small are limits small enough to reach in a test.
var small = xlsxLimits{size: 1 << 20, strings: 1000, stringBytes: 10_000, rows: 1000, cols: 10, cell: 1000, token: 4000, parts: 20}

func with1(f func(*xlsxLimits)) *xlsxLimits {
	l := small
	f(&l)
	return &l
}

func hostileDecodeCases() []hostileXLSX {
	full := sheetXML(answerRows(nil))
	cut := full[:strings.Index(full, `<row r="5"`)+40]
	return []hostileXLSX{
		{name: "p1/sheet-cut-inside-row-5", input: bookWith(map[string]string{"xl/worksheets/sheet1.xml": cut}, nil), want: csat.ErrSyntax, names: []string{"cell A5", `sheet "Sheet1"`, "unexpected EOF"}},
		{name: "p1/U+0001-inside-row-3", input: book(map[int]string{3: row(3, inl("A3", "功\x01能"))}), want: csat.ErrSyntax, names: []string{"cell A3", "U+0001"}},
		{name: "p1/not-a-zip", input: func(testing.TB) []byte { return []byte("PK\x03\x04 not really") }, want: csat.ErrSyntax, names: []string{"not a readable .xlsx"}},
		{name: "p1/archive-cut-in-half", input: func(t testing.TB) []byte { b := book(nil)(t); return b[:len(b)/2] }, want: csat.ErrSyntax, names: []string{"not a readable .xlsx"}},
		{name: "p1/control-hand-deflated-sheet-reads", input: bigSheet(full[:100], " ", 1000, full[100:]), check: accepted(4)},
		{name: "p1/sheet-checksum-wrong", input: bookWith(nil, map[string]bigPart{"xl/worksheets/sheet1.xml": {prefix: sheetXML(answerRows(nil)), unit: " ", n: 1, badCRC: true}}), want: csat.ErrSyntax, names: []string{"after row 5", "checksum"}},
		{name: "p1/sheet-longer-than-declared", input: bookWith(nil, map[string]bigPart{"xl/worksheets/sheet1.xml": {prefix: sheetXML(answerRows(nil)), unit: " ", n: 1, declared: 500}}), want: csat.ErrSyntax, names: []string{`sheet "Sheet1"`, "inflates to more bytes than the archive declares"}},
		{name: "p1/rows-out-of-order", input: book(map[int]string{3: row(9, inl("A9", "功能"), inl("B9", "满意"), num("C9", "1")), 4: row(4, inl("A4", "x"))}), want: csat.ErrSyntax, names: []string{"row 4", "row 4: part xl/worksheets/sheet1.xml: comes after row 9"}},
		{name: "p1/cell-given-twice", input: book(map[int]string{2: row(2, inl("A2", "功能"), inl("B2", "满意"), inl("B2", "很满意"))}), want: csat.ErrSyntax, names: []string{"row 2", "cell B2 after cell B2"}},
		{name: "p1/cell-of-another-row", input: book(map[int]string{2: row(2, inl("A3", "功能"))}), want: csat.ErrSyntax, names: []string{"row 2", `reference "A3" in row 2`}},
		{name: "p1/second-sheetData", input: bookWith(map[string]string{"xl/worksheets/sheet1.xml": strings.Replace(sheetXML(answerRows(nil)), "</worksheet>", "<sheetData>"+row(6, inl("A6", "x"))+"</sheetData></worksheet>", 1)}, nil), want: csat.ErrSyntax, names: []string{"after row 5", "second <sheetData>"}},
		{name: "p1/second-root-element", input: bookWith(map[string]string{"xl/worksheets/sheet1.xml": sheetXML(answerRows(nil)) + "<worksheet><sheetData/></worksheet>"}, nil), want: csat.ErrSyntax, names: []string{"after row 5", "second root"}},
		{name: "p1/rows-wrapped-in-another-element", input: bookWith(map[string]string{"xl/worksheets/sheet1.xml": sheetXML("<group>" + answerRows(nil) + "</group>")}, nil), want: csat.ErrSyntax, names: []string{"row 1", "a <group> element in <sheetData>"}},
		{name: "p1/cell-wrapped-in-another-element", input: book(map[int]string{3: row(3, "<g>"+inl("A3", "功能")+"</g>")}), want: csat.ErrSyntax, names: []string{"row 3", "a <g> element in a row"}},
		{name: "p1/value-wrapped-in-another-element", input: book(map[int]string{3: row(3, `<c r="A3"><g><v>1</v></g></c>`)}), want: csat.ErrSyntax, names: []string{"cell A3", "a <g> element in a cell"}},
		{name: "p1/empty-sheet-part", input: bookWith(map[string]string{"xl/worksheets/sheet1.xml": " "}, nil), want: csat.ErrSyntax, names: []string{"row 1", "no root element"}},
		{name: "p1/undeclared-entity", input: book(map[int]string{4: row(4, inl("A4", "&bomb;"))}), want: csat.ErrSyntax, names: []string{"cell A4", "entity"}},
		{name: "p1/unknown-cell-type", input: book(map[int]string{2: row(2, `<c r="A2" t="x"><v>1</v></c>`)}), want: csat.ErrSyntax, names: []string{"cell A2", `type "x"`}},
		{name: "p1/part-twice-in-archive", input: func(t testing.TB) []byte { return dupPart(t, "xl/worksheets/sheet1.xml") }, want: csat.ErrSyntax, names: []string{"xl/worksheets/sheet1.xml", "twice"}},
		{name: "p1/1904-date-system", input: bookWith(map[string]string{"xl/workbook.xml": strings.Replace(workbookXML(`<sheet name="Sheet1" sheetId="1" r:id="rId1"/>`), "<sheets>", `<workbookPr date1904="1"/><sheets>`, 1)}, nil), want: csat.ErrInvalid, names: []string{"xl/workbook.xml", "1904 date system"}},
	}
}

// dupPart returns the answers workbook with the part name in it twice.
func dupPart(t testing.TB, name string) []byte {
	ps := workbookParts(answerRows(nil))
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	add := func(k, v string) {
		w, err := zw.Create(k)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(v)); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range slices.Sorted(mapKeys(ps)) {
		add(k, ps[k])
	}
	add(name, sheetXML(""))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// accepted checks that n rows were accepted.
func accepted(n int) func(t *testing.T, sum Summary) {
	return func(t *testing.T, sum Summary) {
		t.Helper()
		if sum.Rows != n || sum.Accepted != n {
			t.Errorf("%d rows, %d accepted; want %d", sum.Rows, sum.Accepted, n)
		}
	}
}

func hostileCellCases() []hostileXLSX {
	return []hostileXLSX{
		{name: "p8/formula-without-cached-value", input: book(map[int]string{2: row(2, inl("A2", "功能"), inl("B2", "满意"), `<c r="C2"><f>SUM(1,2)</f></c>`)}), want: csat.ErrMissing, names: []string{"cell C2", "cell C2", "formula without its cached value"}},
		{name: "p8/formula-with-cached-value", input: book(map[int]string{2: row(2, inl("A2", "功能"), inl("B2", "满意"), `<c r="C2"><f>SUM(1,2)</f><v>3</v></c>`)}), check: accepted(4)},
		{name: "p8/shared-string-index-past-table", input: book(map[int]string{3: row(3, inl("A3", "功能"), `<c r="B3" t="s"><v>99</v></c>`)}, "很满意", "满意"), want: csat.ErrSyntax, names: []string{"cell B3", "cell B3", "index 99 past the table's 2 strings"}},
		{name: "p8/shared-string-index-not-a-number", input: book(map[int]string{3: row(3, inl("A3", "功能"), `<c r="B3" t="s"><v>-1</v></c>`)}, "很满意"), want: csat.ErrSyntax, names: []string{"cell B3", "cell B3", `"-1"`}},
		{name: "p8/shared-strings-read", input: book(map[int]string{3: row(3, `<c r="A3" t="s"><v>0</v></c>`, `<c r="B3" t="s"><v>1</v></c>`, num("C3", "2"))}, "功能", "满意"), check: accepted(4)},
		{name: "p8/error-value-#N/A-as-level", input: book(map[int]string{2: row(2, inl("A2", "功能"), `<c r="B2" t="e"><v>#N/A</v></c>`)}), want: csat.ErrInvalid, names: []string{"cell B2", "cell B2", "#N/A"}},
		{name: "p8/error-value-#REF!-as-item", input: book(map[int]string{4: row(4, `<c r="A4" t="e"><f>Sheet9!A1</f><v>#REF!</v></c>`, inl("B4", "满意"))}), want: csat.ErrInvalid, names: []string{"cell A4", "cell A4", "#REF!"}},
		{name: "p8/boolean-TRUE-as-count", input: book(map[int]string{5: row(5, inl("A5", "功能"), inl("B5", "满意"), `<c r="C5" t="b"><v>1</v></c>`)}), want: csat.ErrInvalid, names: []string{"cell C5", "cell C5", "boolean TRUE"}},
		{name: "p8/bad-cell-in-ignored-note-column", input: book(map[int]string{1: row(1, inl("A1", "项目"), inl("B1", "等级"), inl("C1", "数量"), inl("D1", "备注")), 2: row(2, inl("A2", "功能"), inl("B2", "满意"), num("C2", "1"), `<c r="D2" t="e"><v>#DIV/0!</v></c>`)}), want: csat.ErrInvalid, names: []string{"cell D2", "cell D2", "#DIV/0!"}},
		{name: "lower/control-character-by-escape", input: book(map[int]string{2: row(2, inl("A2", "功_x001B_[31m能"), inl("B2", "满意"))}), want: csat.ErrInvalid, names: []string{"cell A2", "cell A2", "U+001B"}},
	}
}

func hostileSheetCases() []hostileXLSX {
	twoSheets := func(state1, kind1 string) map[string]string {
		return map[string]string{
			"xl/workbook.xml":            workbookXML(`<sheet name="Old" sheetId="1" state="` + state1 + `" r:id="rId1"/><sheet name="Data" sheetId="2" r:id="rId2"/>`),
			"xl/_rels/workbook.xml.rels": relsXML(`<Relationship Id="rId1" Type="` + relNS + kind1 + `" Target="worksheets/old.xml"/><Relationship Id="rId2" Type="` + relNS + `worksheet" Target="/xl/worksheets/sheet1.xml"/>`),
			"xl/worksheets/old.xml":      sheetXML(row(1, inl("A1", "junk"))),
		}
	}
	sheet := func(name string) func(t *testing.T, sum Summary) {
		return func(t *testing.T, sum Summary) {
			accepted(4)(t, sum)
			if sum.Sheet != name {
				t.Errorf("sheet %q read, want %q", sum.Sheet, name)
			}
		}
	}
	return []hostileXLSX{
		{name: "p8/hidden-first-sheet-passed-over", input: bookWith(twoSheets("hidden", "worksheet"), nil), check: sheet("Data")},
		{name: "p8/very-hidden-first-sheet-passed-over", input: bookWith(twoSheets("veryHidden", "worksheet"), nil), check: sheet("Data")},
		{name: "p8/chart-sheet-first-passed-over", input: bookWith(twoSheets("visible", "chartsheet"), nil), check: sheet("Data")},
		{name: "p8/hidden-sheet-named-is-read", input: bookWith(twoSheets("hidden", "worksheet"), nil), sheet: "old", check: func(t *testing.T, sum Summary) {
			if sum.Sheet != "Old" || sum.Layout != LayoutWide || sum.Rows != 0 {
				t.Errorf("sheet %q, %s layout, %d rows read; want Old's header alone", sum.Sheet, sum.Layout, sum.Rows)
			}
		}},
		{name: "p8/chart-sheet-named", input: bookWith(twoSheets("visible", "chartsheet"), nil), sheet: "Old", want: csat.ErrInvalid, names: []string{`sheet "Old" is a chartsheet`}},
		{name: "p8/every-sheet-hidden", input: bookWith(map[string]string{"xl/workbook.xml": workbookXML(`<sheet name="Sheet1" sheetId="1" state="hidden" r:id="rId1"/>`)}, nil), want: csat.ErrMissing, names: []string{`no visible worksheet (it has "Sheet1" (hidden))`}},
		{name: "p6/no-such-sheet", input: book(nil), sheet: "Nope", want: csat.ErrMissing, names: []string{`no sheet "Nope" (it has "Sheet1")`}},
		{name: "p1/sheet-part-missing", input: bookWith(map[string]string{"xl/worksheets/sheet1.xml": ""}, nil), want: csat.ErrSyntax, names: []string{`sheet "Sheet1"`, "xl/worksheets/sheet1.xml is missing"}},
		{name: "p8/shared-strings-part-missing", input: bookWith(map[string]string{"xl/sharedStrings.xml": ""}, nil), want: csat.ErrSyntax, names: []string{"shared-strings part xl/sharedStrings.xml", "missing"}},
		{name: "p1/workbook-part-missing", input: bookWith(map[string]string{"xl/workbook.xml": ""}, nil), want: csat.ErrSyntax, names: []string{"no part xl/workbook.xml"}},
		{name: "p1/sheet-listed-twice", input: bookWith(map[string]string{"xl/workbook.xml": workbookXML(`<sheet name="Sheet1" sheetId="1" r:id="rId1"/><sheet name="SHEET1" sheetId="2" r:id="rId1"/>`)}, nil), want: csat.ErrDuplicate, names: []string{"xl/workbook.xml", `"SHEET1" listed twice`}},
		{name: "lower/no-cell-or-row-references", input: bookWith(map[string]string{"xl/worksheets/sheet1.xml": sheetXML(strings.NewReplacer(` r="A`, ` x="`, ` r="B`, ` x="`, ` r="C`, ` x="`, `<row r="3">`, `<row>`, `<row r="5">`, `<row>`).Replace(answerRows(nil)))}, nil), check: accepted(4)},
	}
}

// sstPrefix starts a shared-strings part.
const sstPrefix = `<?xml version="1.0" encoding="UTF-8"?><sst ` + nsMain + `>`

// bigSST returns a workbook whose shared strings hold prefix, unit n
// times and suffix, deflated by hand.
func bigSST(prefix, unit string, n int, suffix string) func(testing.TB) []byte {
	return bookWith(nil, map[string]bigPart{"xl/sharedStrings.xml": {prefix: sstPrefix + prefix, unit: unit, n: n, suffix: suffix}})
}

const mib = 1 << 20

func hostileLimitCases() []hostileXLSX {
	head := `<?xml version="1.0"?><worksheet ` + nsMain + `><sheetData>`
	end := `</sheetData></worksheet>`
	junkRow := `<row><c t="inlineStr"><is><t>x</t></is></c></row>`
	answerRow := `<row><c t="inlineStr"><is><t>功能</t></is></c><c t="inlineStr"><is><t>满意</t></is></c></row>`
	full := sheetXML(answerRows(nil))
	afterRow2 := strings.Index(full, `<row r="3"`)
	return []hostileXLSX{
		{name: "p2/30M-empty-shared-strings", input: bigSST("", "<si/>", 30_000_000, "</sst>"), want: csat.ErrOutOfRange, names: []string{"xl/sharedStrings.xml", "MaxSharedStrings (1048576)"}, maxAlloc: 256 * mib},
		{name: "p2/1GiB-unrelated-entry-costs-nothing", input: bookWith(nil, map[string]bigPart{"xl/media/image1.bin": {unit: "\x00", n: 1 << 30}}), file: true, check: accepted(4), maxAlloc: 4 * mib},
		{name: "p2/sheet-declared-past-MaxXLSXSize", input: bookWith(nil, map[string]bigPart{"xl/worksheets/sheet1.xml": {prefix: full, unit: " ", n: 1, declared: 300 * mib}}), want: csat.ErrOutOfRange, names: []string{"xl/worksheets/sheet1.xml", "MaxXLSXSize (268435456 bytes)"}, maxAlloc: mib},
		{name: "p2/sheet-inflating-past-MaxXLSXSize", input: bigSheet(head, junkRow, 100_000, end), lim: with1(func(l *xlsxLimits) { l.rows = MaxRows }), want: csat.ErrOutOfRange, names: []string{"xl/worksheets/sheet1.xml", "MaxXLSXSize (1048576 bytes)"}, maxAlloc: mib},
		{name: "p2/sheet-inflating-past-its-declared-size", input: bookWith(nil, map[string]bigPart{"xl/worksheets/sheet1.xml": {prefix: head, unit: junkRow, n: 20_000_000, suffix: end, declared: 1000}}), file: true, want: csat.ErrSyntax, names: []string{`sheet "Sheet1"`, "inflates to more bytes than the archive declares"}, maxAlloc: 4 * mib},
		{name: "p2/sheet-inflating-past-MaxRows", input: bigSheet(head, junkRow, 15_000, end), lim: &small, want: csat.ErrOutOfRange, names: []string{"row 1001", "MaxRows (1000)"}, maxAlloc: 16 * mib},
		{name: "p2/1GiB-of-answer-rows-refused-unread", input: bigSheet(head+row(1, inl("A1", "项目"), inl("B1", "等级")), answerRow, 10_000_000, end), file: true, want: csat.ErrOutOfRange, names: []string{"xl/worksheets/sheet1.xml", "MaxXLSXSize (268435456 bytes)"}, maxAlloc: mib},
		{name: "p2/1.5M-answer-rows-past-MaxRows", input: bigSheet(head+row(1, inl("A1", "项目"), inl("B1", "等级")), answerRow, 1_500_000, end), want: csat.ErrOutOfRange, names: []string{"row 1048577", "MaxRows (1048576)"}, long: true},
		{name: "p2/row-number-past-MaxRows", input: book(map[int]string{5: row(1048577, inl("A1048577", "功能"))}), want: csat.ErrOutOfRange, names: []string{"row 1048577", "row 1048577: part xl/worksheets/sheet1.xml: past MaxRows (1048576)"}},
		{name: "p2/column-past-MaxColumns", input: book(map[int]string{2: row(2, inl("XFE2", "x"))}), want: csat.ErrOutOfRange, names: []string{"row 2", "MaxColumns (16384)"}},
		{name: "p2/columns-without-references-past-MaxColumns", input: bigSheet(head+"<row>", `<c t="inlineStr"><is><t>x</t></is></c>`, 11, "</row>"+end), lim: &small, want: csat.ErrOutOfRange, names: []string{"row 1", "MaxColumns (10)"}},
		{name: "p2/shared-strings-past-MaxSharedStringsSize", input: bigSST("", "<si><t>"+strings.Repeat("x", 999)+"</t></si>", 11, "</sst>"), lim: &small, want: csat.ErrOutOfRange, names: []string{"xl/sharedStrings.xml", "MaxSharedStringsSize (10000 bytes)"}},
		{name: "p2/elements-nested-deep", input: book(map[int]string{2: row(2, `<c r="A2"><extLst>`+strings.Repeat("<x>", 100)+strings.Repeat("</x>", 100)+`</extLst></c>`)}), want: csat.ErrOutOfRange, names: []string{"cell A2", "nested more than 64 deep"}},
		{name: "p2/8MiB-of-spaces-between-rows", input: bigSheet(full[:afterRow2], " ", 8*mib, full[afterRow2:]), want: csat.ErrOutOfRange, names: []string{"after row 2", "longer than 4194304 bytes"}, maxAlloc: 64 * mib},
		{name: "p2/70k-entry-archive", input: manyEntries(70_000), file: true, want: csat.ErrOutOfRange, names: []string{"MaxXLSXParts (65536)"}, maxAlloc: mib},
		{name: "p2/reader-past-MaxXLSXSize", input: func(testing.TB) []byte { return make([]byte, 2*mib) }, lim: &small, want: csat.ErrOutOfRange, names: []string{"MaxXLSXSize (1048576 bytes)"}},
	}
}

func hostileSizeCases() []hostileXLSX {
	full := sheetXML(answerRows(nil))
	cellA2 := strings.Index(full, "功能") // the text of cell A2
	long := strings.Repeat("x", 2*mib)
	return []hostileXLSX{
		{name: "p9/100MB-cell", input: bigSheet(full[:cellA2], "x", 100_000_000, full[cellA2:]), want: csat.ErrOutOfRange, names: []string{"cell A2", "longer than 4194304 bytes"}, maxAlloc: 64 * mib},
		{name: "p9/100MB-shared-string", input: bigSST("<si><t>", "x", 100_000_000, "</t></si></sst>"), want: csat.ErrOutOfRange, names: []string{"xl/sharedStrings.xml", "longer than 4194304 bytes"}, maxAlloc: 64 * mib},
		{name: "p9/2MiB-cell-past-MaxLine", input: bookX(map[int]string{2: row(2, inl("A2", long))}), want: csat.ErrOutOfRange, names: []string{"cell A2", "MaxLine (1048576 bytes)"}, maxAlloc: 32 * mib},
		{name: "p9/2MiB-shared-string-used", input: bookX(map[int]string{2: row(2, `<c r="A2" t="s"><v>0</v></c>`)}, long), want: csat.ErrOutOfRange, names: []string{"cell A2", "shared string 0 longer than MaxLine (1048576 bytes)"}, maxAlloc: 32 * mib},
		{name: "p9/2MiB-shared-string-unused", input: bookX(nil, long), check: accepted(4), maxAlloc: 32 * mib},
		{name: "p9/row-past-MaxLine-together", input: book(map[int]string{2: row(2, inl("A2", long[:600_000]), inl("B2", long[:600_000]))}), want: csat.ErrOutOfRange, names: []string{"row 2", "cells longer than MaxLine (1048576 bytes) together"}, maxAlloc: 32 * mib},
	}
}

// manyEntries returns the answers workbook with n empty entries more,
// built once for each n (three tests read the one of 70,000 entries) and
// copied for each caller.
func manyEntries(n int) func(testing.TB) []byte {
	return func(t testing.TB) []byte {
		manyMu.Lock()
		defer manyMu.Unlock()
		b, ok := manyBuilt[n]
		if !ok {
			b = buildManyEntries(t, n)
			manyBuilt[n] = b
		}
		return slices.Clone(b)
	}
}

var (
	manyMu    sync.Mutex
	manyBuilt = map[int][]byte{}
)

func buildManyEntries(t testing.TB, n int) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	writeParts(t, zw, workbookParts(answerRows(nil)))
	for i := range n {
		if _, err := zw.CreateRaw(&zip.FileHeader{Name: fmt.Sprintf("x/%d", i), Method: zip.Store}); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withLongComment is manyEntries with a zip comment of 65,535 bytes: the
// zip64 locator then lies before the tail where the end record is
// searched for (a review found the count bypassed so).
func withLongComment(n int) func(testing.TB) []byte {
	return func(t testing.TB) []byte {
		b := manyEntries(n)(t)
		// The end record's comment length is its last field; the comment
		// follows it. Rewrite a zero-length comment as 65,535 spaces.
		if b[len(b)-2] != 0 || b[len(b)-1] != 0 {
			t.Fatal("the archive already has a comment")
		}
		b[len(b)-2], b[len(b)-1] = 0xFF, 0xFF
		return append(b, bytes.Repeat([]byte(" "), 0xFFFF)...)
	}
}
