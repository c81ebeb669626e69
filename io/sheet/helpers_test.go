package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

var update = flag.Bool("update", false, "regenerate the generated files under testdata/")

// The generated test files: GBK twins of UTF-8 CSV files, and XLSX
// twins of CSV files (numbers as number cells, plain dates as date
// cells).
var (
	gbkTwins = map[string]string{
		"answers_long_gbk.csv": "answers_long.csv",
		"complaints_gbk.csv":   "complaints.csv",
	}
	xlsxTwins = map[string]string{
		"answers_long.xlsx": "answers_long.csv",
		"answers_wide.xlsx": "answers_wide.csv",
		"customers.xlsx":    "customers.csv",
		"complaints.xlsx":   "complaints.csv",
		"values.xlsx":       "values.csv",
		"purchases.xlsx":    "purchases.csv",
	}
)

func td(name string) string { return filepath.Join("testdata", name) }

// gbk encodes UTF-8 text as GBK.
func gbk(t testing.TB, b []byte) []byte {
	t.Helper()
	out, err := simplifiedchinese.GBK.NewEncoder().Bytes(b)
	if err != nil {
		t.Fatalf("gbk: %v", err)
	}
	return out
}

// xlsxOf returns a workbook holding the CSV text src on its first sheet
// "Sheet1", each record on the row of its line (so blank lines stay blank
// rows), with a second sheet "说明" holding one note. Integers and
// decimals become number cells, "2006-01-02 15:04" and "2006-01-02"
// date cells, anything else text.
func xlsxOf(t testing.TB, src []byte) []byte {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(src, []byte("\ufeff"))))
	f := excelize.NewFile()
	defer f.Close()
	for {
		rec, err := r.Read()
		if err != nil {
			break
		}
		line, _ := r.FieldPos(0)
		row := make([]any, len(rec))
		for i, v := range rec {
			row[i] = cellValue(v)
		}
		cell, _ := excelize.CoordinatesToCellName(1, line)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.NewSheet("说明"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("说明", "A1", "本工作簿由测试生成"); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func cellValue(v string) any {
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return n
	}
	if strings.ContainsAny(v, "0123456789") && !strings.ContainsAny(v, "-:/eE") {
		if x, err := strconv.ParseFloat(v, 64); err == nil {
			return x
		}
	}
	for _, l := range []string{"2006-01-02 15:04", "2006-01-02"} {
		if tm, err := time.Parse(l, v); err == nil {
			return tm
		}
	}
	return v
}

// generated returns the content of a generated test file.
func generated(t testing.TB, name string) []byte {
	t.Helper()
	if src, ok := gbkTwins[name]; ok {
		return gbk(t, readTD(t, src))
	}
	if src, ok := xlsxTwins[name]; ok {
		return xlsxOf(t, readTD(t, src))
	}
	t.Fatalf("%s is not generated", name)
	return nil
}

func readTD(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(td(name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestGenerated checks that the generated test files are up to date
// (run with -update to regenerate them): the GBK files byte for byte,
// the workbooks by content.
func TestGenerated(t *testing.T) {
	for _, set := range []map[string]string{gbkTwins, xlsxTwins} {
		for name := range set {
			want := generated(t, name)
			if *update {
				if err := os.WriteFile(td(name), want, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			got := readTD(t, name)
			if strings.HasSuffix(name, ".xlsx") {
				if g, w := sheetText(t, got), sheetText(t, want); g != w {
					t.Errorf("%s is out of date (go test -run TestGenerated -update):\n got %q\nwant %q", name, g, w)
				}
				continue
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s is out of date (go test -run TestGenerated -update)", name)
			}
		}
	}
}

// sheetText returns the raw cells of every sheet of a workbook.
func sheetText(t testing.TB, b []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var s strings.Builder
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		s.WriteString(sh + ":")
		for _, r := range rows {
			s.WriteString(strings.Join(r, "|") + ";")
		}
	}
	return s.String()
}

// surveyCounts are the counts of the method's worked survey (METHOD.md
// §2) per item, from very satisfied to very dissatisfied: 25 answers,
// 10/5/6/3/1 in all.
var surveyCounts = map[string][5]uint64{
	"功能":   {3, 1, 0, 1, 0},
	"外观":   {3, 1, 1, 0, 0},
	"包装":   {2, 1, 1, 0, 1},
	"交货期":  {0, 0, 4, 1, 0},
	"服务质量": {2, 2, 0, 1, 0},
}

// checkWorkedSurvey checks that source survey of t is the worked survey:
// its item tallies, and the degree 190/250 = 76% and rate 21/25 = 84% of
// its total.
func checkWorkedSurvey(t *testing.T, tb *csat.Table) {
	t.Helper()
	for item, want := range surveyCounts {
		tl, err := tb.Tally(item, csat.SourceSurvey)
		if err != nil {
			t.Fatalf("item %s: %v", item, err)
		}
		if got := tl.Counts(); !equalCounts(got, want[:]) {
			t.Errorf("item %s: counts %v, want %v", item, got, want)
		}
	}
	total, err := tb.Total(csat.SourceSurvey)
	if err != nil {
		t.Fatal(err)
	}
	if got := total.Counts(); !equalCounts(got, []uint64{10, 5, 6, 3, 1}) {
		t.Errorf("total counts %v, want [10 5 6 3 1]", got)
	}
	deg, err := csat.Degree{}.Score(total)
	if err != nil {
		t.Fatal(err)
	}
	if !deg.Value().Equal(decimal.RequireFromString("0.76")) {
		t.Errorf("degree %s, want 0.76 (190/250)", deg.Value())
	}
	rate, err := csat.Rate{}.Score(total)
	if err != nil {
		t.Fatal(err)
	}
	if !rate.Value().Equal(decimal.RequireFromString("0.84")) {
		t.Errorf("rate %s, want 0.84 (21/25)", rate.Value())
	}
}

func equalCounts(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// checkParseError checks that err is a *csat.ParseError at file, line
// and field (field -1: not checked) wrapping want.
func checkParseError(t *testing.T, err error, file string, line, field int, want error) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %v", want)
	}
	if !errors.Is(err, want) {
		t.Errorf("error %v does not wrap %v", err, want)
	}
	var pe *csat.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *csat.ParseError", err, err)
	}
	if pe.File != file || pe.Line != line || (field >= 0 && pe.Field != field) {
		t.Errorf("error at %s line %d field %d, want %s line %d field %d: %v", pe.File, pe.Line, pe.Field, file, line, field, err)
	}
}

func readFile(path string) ([]byte, error) { return os.ReadFile(path) }

func excelizeOpen(b []byte) (*excelize.File, error) {
	return excelize.OpenReader(bytes.NewReader(b))
}
