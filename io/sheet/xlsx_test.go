package sheet

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/csatkit/csat"
)

// benchWorkbooks returns the workbooks BenchmarkReadXLSX reads: n rows of
// long answers as WriteAnswers writes them (inline strings, through
// excelize's stream writer), and n rows of wide answers as Excel saves
// them (shared strings).
func benchWorkbooks(b *testing.B, n int) map[string][]byte {
	var long bytes.Buffer
	if err := WriteAnswers(&long, FormatXLSX, LayoutLong, longPeriods(b, n)); err != nil {
		b.Fatal(err)
	}
	var wide strings.Builder
	wide.WriteString("期间,表单,功能,外观,包装,交货期,服务质量\n")
	for i := range n {
		delivery := "" // 交货期 mostly blank, answered on every tenth form (a column never answered is an error)
		if i%10 == 0 {
			delivery = streamLevels[i%5]
		}
		fmt.Fprintf(&wide, "2025H%d,F%d,%s,%s,%s,%s,%s\n", 1+i%2, i, streamLevels[i%5], streamLevels[(i+1)%5], streamLevels[(i+2)%5], delivery, streamLevels[(i+3)%5])
	}
	return map[string][]byte{"long": long.Bytes(), "wide": xlsxOf(b, []byte(wide.String()))}
}

// BenchmarkReadXLSX reads a few thousand rows of answers from a workbook,
// long (inline strings) and wide (shared strings).
func BenchmarkReadXLSX(b *testing.B) {
	for name, data := range benchWorkbooks(b, 5000) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, sum, err := ReadAnswersFrom(bytes.NewReader(data), "b.xlsx", nil); err != nil || sum.Rows < 5000 {
					b.Fatal(sum.Rows, err)
				}
			}
		})
	}
}

// TestDeflateRepeat checks the hand-made deflate streams of the hostile
// workbooks: they inflate to what they stand for, with its size and CRC.
func TestDeflateRepeat(t *testing.T) {
	for _, p := range []bigPart{
		{prefix: "", unit: "\x00", n: 1},
		{prefix: "<sst>", unit: "<si/>", n: 1000, suffix: "</sst>"},
		{prefix: "a", unit: "xy", n: 517, suffix: "z"},
		{prefix: "<row>", unit: strings.Repeat("é", 300), n: 3, suffix: "</row>"},
		{prefix: "a", unit: "xy", n: 5171, suffix: "z"},                             // 40 copies: repeated in groups of eight
		{prefix: "<row>", unit: strings.Repeat("é", 1500), n: 41, suffix: "</row>"}, // 465 copies at a distance with extra bits
	} {
		data, size, crc := deflateRepeat(p.prefix, p.unit, p.n, p.suffix)
		got, err := io.ReadAll(flate.NewReader(bytes.NewReader(data)))
		want := p.prefix + strings.Repeat(p.unit, p.n) + p.suffix
		if err != nil || string(got) != want {
			t.Fatalf("%q×%d inflates to %d bytes (%v), want %d", p.unit, p.n, len(got), err, len(want))
		}
		if size != uint64(len(want)) || crc != crc32.ChecksumIEEE([]byte(want)) {
			t.Errorf("%q×%d: size %d, crc %x; want %d, %x", p.unit, p.n, size, crc, len(want), crc32.ChecksumIEEE([]byte(want)))
		}
	}
}

// fuzzLimits keep the fuzzer's workbooks small, so that it spends its
// time in the reader, not in megabytes of input.
var fuzzLimits = xlsxLimits{size: 64 << 10, strings: 100, stringBytes: 4 << 10, rows: 200, cols: 50, cell: 1 << 10, token: 4 << 10, parts: 20}

// FuzzXLSX reads fuzzed workbooks through the XLSX reader with small
// limits: a sheet and shared strings put in a workbook (raw false), or
// whole archives (raw true). Every read ends, without panicking, in rows
// within the limits or an error wrapping a csat sentinel that names the
// file.
func FuzzXLSX(f *testing.F) {
	for _, name := range []string{"answers_long.xlsx", "answers_wide.xlsx", "complaints.xlsx"} {
		b, err := os.ReadFile(td(name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, []byte(nil), true)
		sheet, sst := partOf(f, b, "xl/worksheets/sheet1.xml"), partOf(f, b, "xl/sharedStrings.xml")
		f.Add(sheet, sst, false)
		f.Add(sheet[:len(sheet)*2/3], sst, false)
	}
	rows := answerRows(nil)
	for _, r := range []string{
		rows,
		strings.Replace(rows, "功能", "功\x01能", 1),
		strings.Replace(rows, `<c r="C3"><v>1</v></c>`, `<c r="C3" t="b"><v>1</v></c><c r="D3" t="e"><v>#N/A</v></c><c r="E3"><f>A1</f></c>`, 1),
		strings.Replace(rows, `<c r="C4"><v>1</v></c>`, `<c r="C4" t="s"><v>1</v></c><c r="D4" t="s"><v>7</v></c>`, 1),
		`<row><c t="inlineStr"><is><r><t>a_x0041_</t></r><rPh><t>b</t></rPh></is></c><c><v>1</v></c></row><row r="9"/>`,
	} {
		f.Add([]byte(sheetXML(r)), []byte(sstPrefix+"<si><t>x</t></si><si><r><t>y</t></r><r><t>z</t></r></si></sst>"), false)
	}
	f.Fuzz(func(t *testing.T, sheet, sst []byte, raw bool) {
		b := sheet
		if !raw {
			b = storedWorkbook(t, sheet, sst)
		}
		rows, errs, sum := readXLSXAll(b, fuzzLimits)
		checkFuzzedRows(t, rows, errs, sum)
	})
}

// partOf returns a part of the workbook b.
func partOf(t testing.TB, b []byte, name string) []byte {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			p, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
	}
	t.Fatalf("no part %s", name)
	return nil
}

// storedWorkbook returns a workbook of one sheet and shared strings,
// stored without compression.
func storedWorkbook(t testing.TB, sheet, sst []byte) []byte {
	ps := workbookParts("")
	ps["xl/worksheets/sheet1.xml"], ps["xl/sharedStrings.xml"] = string(sheet), string(sst)
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range []string{"_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(ps[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// readXLSXAll reads the rows of the workbook b (f.xlsx) as the readers
// do with CollectAll: on past row errors, up to a fatal error (the last
// of errs).
func readXLSXAll(b []byte, lim xlsxLimits) ([][]string, []error, Summary) {
	var sum Summary
	src, err := openXLSXWith("f.xlsx", bytes.NewReader(b), "", &sum, lim)
	if err != nil {
		return nil, []error{err}, sum
	}
	defer src.close()
	var rows [][]string
	var errs []error
	for {
		rec, err := src.next()
		var fe *fatalError
		switch {
		case errors.Is(err, io.EOF):
			return rows, errs, sum
		case errors.As(err, &fe):
			return rows, append(errs, fe.err), sum
		case err != nil:
			errs = append(errs, err)
		default:
			rows = append(rows, append([]string(nil), rec...))
		}
	}
}

// checkFuzzedRows checks what a read of a fuzzed workbook gave.
func checkFuzzedRows(t *testing.T, rows [][]string, errs []error, sum Summary) {
	t.Helper()
	if len(rows) > fuzzLimits.rows {
		t.Fatalf("%d rows past the limit %d", len(rows), fuzzLimits.rows)
	}
	for _, r := range rows {
		if len(r) > fuzzLimits.cols {
			t.Fatalf("%d cells past the limit %d", len(r), fuzzLimits.cols)
		}
		for _, v := range r {
			if len(v) > fuzzLimits.cell || !utf8.ValidString(v) || strings.TrimSpace(v) != v || strings.IndexFunc(v, badCellControl) >= 0 {
				t.Fatalf("cell %q read", v)
			}
		}
	}
	for _, err := range errs {
		wraps := false
		for _, s := range append(sentinels, csat.ErrCorrupt) {
			wraps = wraps || errors.Is(err, s)
		}
		if !wraps || !strings.Contains(err.Error(), "f.xlsx") {
			t.Fatalf("error %q wraps no csat sentinel or does not name the file", err)
		}
	}
	if len(rows) > 0 && sum.Sheet == "" {
		t.Fatalf("rows read from no sheet")
	}
}

// TestXLSXCells checks how cells read: rich text without its phonetic
// runs, _xHHHH_ escapes, numbers as written, rows and cells without
// references, blank and skipped rows.
func TestXLSXCells(t *testing.T) {
	rows := `<row r="2"><c r="B2" t="s"><v>0</v></c><c r="D2"><v>0.10000000000000001</v></c></row>` +
		`<row r="3"/>` +
		`<row><c t="inlineStr"><is><t xml:space="preserve">  a_x005F_x0041_b_x000D__xD83D__xDE00_ </t></is></c><c t="str"><f>A1</f><v>s</v></c><c t="d"><v>2025-01-02T03:04:05</v></c></row>` +
		`<row r="7"><c r="A7" t="inlineStr"><is><t>  </t></is></c></row>` +
		`<row r="8"><c r="C8"><v>1</v></c></row>`
	sst := sstPrefix + `<si><r><rPr><b/></rPr><t>功</t></r><r><t>能</t></r><rPh sb="0" eb="1"><t>ゴン</t></rPh><phoneticPr fontId="1"/></si></sst>`
	rs, errs, sum := readXLSXAll(storedWorkbook(t, []byte(sheetXML(rows)), []byte(sst)), defaultLimits)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := [][]string{{"", "功能", "", "0.10000000000000001"}, {"a_x0041_b\r\U0001F600", "s", "2025-01-02T03:04:05"}, {"", "", "1"}}
	if fmt.Sprint(rs) != fmt.Sprint(want) {
		t.Errorf("rows %q, want %q", rs, want)
	}
	if src := sum.Sheet; src != "Sheet1" {
		t.Errorf("sheet %q, want Sheet1", src)
	}
}

// TestXLSXLines checks the row numbers and blank counts a read reports:
// missing rows and rows of spaces are blank.
func TestXLSXLines(t *testing.T) {
	rows := `<row r="2"><c r="A2" t="inlineStr"><is><t>h</t></is></c></row><row r="3"><c r="A3"><v> </v></c></row><row r="6"><c r="A6"><v>1</v></c></row>`
	var sum Summary
	src, err := openXLSXWith("f.xlsx", bytes.NewReader(storedWorkbook(t, []byte(sheetXML(rows)), []byte(sstPrefix+"</sst>"))), "", &sum, defaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer src.close()
	var lines []int
	for {
		if _, err := src.next(); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, src.line(0))
	}
	if fmt.Sprint(lines) != "[2 6]" || src.blank() != 4 {
		t.Errorf("lines %v, %d blank; want [2 6], 4 blank (rows 1, 3, 4, 5)", lines, src.blank())
	}
}

// TestColumnNames checks cell names both ways.
func TestColumnNames(t *testing.T) {
	for n, name := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 703: "AAA", MaxColumns: "XFD"} {
		if got := columnName(n); got != name {
			t.Errorf("columnName(%d) = %q, want %q", n, got, name)
		}
		col, row, ok := parseCellName(name + "12")
		if !ok || col != n || row != 12 {
			t.Errorf("parseCellName(%q) = %d, %d, %t", name+"12", col, row, ok)
		}
	}
	for _, bad := range []string{"", "A", "12", "a1", "A0", "A01", "A1B", "A-1", "A99999999999999999999"} {
		if _, _, ok := parseCellName(bad); ok {
			t.Errorf("parseCellName(%q) ok", bad)
		}
	}
	if col, _, _ := parseCellName("ZZZZZZZZZZZZZZ1"); col != MaxColumns+1 {
		t.Errorf("a column past XFD reads as %d, want %d", col, MaxColumns+1)
	}
}

// TestPartReader checks that the bytes unzipped count against the size
// limit as they are read, whatever the archive declares.
func TestPartReader(t *testing.T) {
	wb := &workbook{name: "f.xlsx", lim: xlsxLimits{size: 1000}, used: 400}
	p := &partReader{r: io.NopCloser(bytes.NewReader(make([]byte, 700))), wb: wb, name: "xl/x.xml"}
	n, err := io.Copy(io.Discard, p)
	if n != 600 || !errors.Is(err, csat.ErrOutOfRange) || !strings.Contains(err.Error(), "MaxXLSXSize (1000 bytes)") {
		t.Errorf("read %d bytes, error %v; want 600 and MaxXLSXSize", n, err)
	}
	wb.used = 400
	p = &partReader{r: io.NopCloser(bytes.NewReader(make([]byte, 600))), wb: wb, name: "xl/x.xml"}
	if n, err := io.Copy(io.Discard, p); n != 600 || err != nil {
		t.Errorf("read %d bytes, error %v; want 600 exactly at the limit", n, err)
	}
}

// TestDecodeEscapes checks the _xHHHH_ escapes.
func TestDecodeEscapes(t *testing.T) {
	for in, want := range map[string]string{
		"a_x0041_":           "aA",
		"_x005F_x0041_":      "_x0041_",
		"_x000d_":            "\r",
		"_xD83D__xDE00_":     "\U0001F600",
		"_xD83D_":            "_xD83D_",
		"_xDE00_":            "_xDE00_",
		"_x12G4_ _x12":       "_x12G4_ _x12",
		"功_x4E2D_":           "功中",
		"no escape _x nor _": "no escape _x nor _",
	} {
		if got := decodeEscapes(in); got != want {
			t.Errorf("decodeEscapes(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestZipEntries checks that the entries are counted as archive/zip finds
// them, in plain archives, archives with data before them, zip64
// archives, and past the limit.
func TestZipEntries(t *testing.T) {
	many := manyEntries(70_000)(t)
	for name, b := range map[string][]byte{
		"answers_long.xlsx":   readTD(t, "answers_long.xlsx"),
		"with data before":    append([]byte(strings.Repeat("MZ", 500)), readTD(t, "complaints.xlsx")...),
		"70,006 entries (64)": many,
	} {
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		if n := zipEntries(bytes.NewReader(b), int64(len(b)), 1<<20); n != len(zr.File) {
			t.Errorf("%s: %d entries counted, archive/zip reads %d", name, n, len(zr.File))
		}
	}
	if n := zipEntries(bytes.NewReader(many), int64(len(many)), 100); n != 101 {
		t.Errorf("%d entries counted with the limit 100, want 101", n)
	}
	// Zip64 (70,000 entries) and a comment of 65,535 bytes: the zip64
	// locator lies before the tail searched for the end record.
	long := withLongComment(70_000)(t)
	if zr, err := zip.NewReader(bytes.NewReader(long), int64(len(long))); err != nil || len(zr.File) < 70_000 {
		t.Fatalf("archive/zip reads %v entries (%v): the test archive is not what it means to be", zr, err)
	}
	if n := zipEntries(bytes.NewReader(long), int64(len(long)), MaxXLSXParts); n != MaxXLSXParts+1 {
		t.Errorf("zip64 with a long comment: %d entries counted with the limit %d, want %d", n, MaxXLSXParts, MaxXLSXParts+1)
	}
	if n := zipEntries(bytes.NewReader([]byte("PK\x05\x06 not really")), 18, 100); n != 0 {
		t.Errorf("%d entries counted in no archive", n)
	}
}

// TestXLSXInlineStringOfAnotherType: <is> in a cell whose type is not
// inlineStr was read as empty (a review's find); it is an error naming
// the cell.
func TestXLSXInlineStringOfAnotherType(t *testing.T) {
	for _, c := range []string{`<c r="A2"><is><t>x</t></is></c>`, `<c r="A2" t="s"><is><t>y</t></is></c>`, `<c r="A2" t="str"><is><t>z</t></is></c>`} {
		_, errs, _ := readXLSXAll(storedWorkbook(t, []byte(sheetXML(`<row r="2">`+c+`</row>`)), []byte(sstPrefix+"</sst>")), defaultLimits)
		if len(errs) == 0 || !errors.Is(errs[0], csat.ErrSyntax) || !strings.Contains(errs[0].Error(), "an inline string <is> in a cell of type") || !strings.Contains(errs[0].Error(), "A2") {
			t.Errorf("%s: errors %v, want ErrSyntax naming A2", c, errs)
		}
	}
}
