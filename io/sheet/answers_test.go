package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
)

// TestReadAnswersFiles reads the example answers files of every format,
// layout and encoding: each holds the method's worked survey in period
// 2025H1.
func TestReadAnswersFiles(t *testing.T) {
	// The long files: 20 data rows and a blank line; 2025H1 has the
	// worked survey (25 answers) and 5 self answers, 2024H2 5 + 5.
	long := Summary{Layout: LayoutLong, Rows: 20, Accepted: 20, Blank: 1, Answers: 40}
	// The wide files: 5 forms × 5 items.
	wide := Summary{Layout: LayoutWide, Encoding: EncodingUTF8, Format: FormatCSV, Rows: 5, Accepted: 5, Answers: 25}
	tests := []struct {
		file    string
		want    Summary
		periods []string
	}{
		{"answers_long.csv", with(long, FormatCSV, EncodingUTF8), []string{"2024H2", "2025H1"}},
		{"answers_long_gbk.csv", with(long, FormatCSV, EncodingGBK), []string{"2024H2", "2025H1"}},
		{"answers_long.xlsx", with(long, FormatXLSX, EncodingAuto), []string{"2024H2", "2025H1"}},
		{"answers_wide.csv", wide, []string{"2025H1"}},
		{"answers_wide.xlsx", with(wide, FormatXLSX, EncodingAuto), []string{"2025H1"}},
	}
	var first []csat.Period
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			ps, sum, err := ReadAnswers(td(tt.file), nil)
			if err != nil {
				t.Fatal(err)
			}
			tt.want.File = td(tt.file)
			if diff := cmp.Diff(tt.want, sum, ignoreItems); diff != "" {
				t.Errorf("summary (-want +got):\n%s", diff)
			}
			var names []string
			for _, p := range ps {
				names = append(names, p.Name)
			}
			if diff := cmp.Diff(tt.periods, names); diff != "" {
				t.Fatalf("periods (-want +got):\n%s", diff)
			}
			cur := ps[len(ps)-1]
			checkWorkedSurvey(t, cur.Table)
			if tt.want.Layout == LayoutLong {
				if first == nil {
					first = ps
					checkLongExtras(t, ps)
				}
				for i := range ps {
					if !ps[i].Table.Equal(first[i].Table) {
						t.Errorf("period %s differs from answers_long.csv's", ps[i].Name)
					}
				}
			}
		})
	}
}

func with(s Summary, f Format, e Encoding) Summary {
	s.Format, s.Encoding = f, e
	if f == FormatXLSX {
		s.Sheet = "Sheet1" // the generated workbooks' first sheet
	}
	return s
}

// checkLongExtras checks the rows of answers_long.csv beside the worked
// survey.
func checkLongExtras(t *testing.T, ps []csat.Period) {
	t.Helper()
	for _, c := range []struct {
		period, item, source string
		want                 []uint64
	}{
		{"2025H1", "功能", csat.SourceSelf, []uint64{2, 3, 0, 0, 0}},
		{"2024H2", "功能", csat.SourceSurvey, []uint64{0, 4, 0, 1, 0}},
		{"2024H2", "功能", csat.SourceSelf, []uint64{0, 5, 0, 0, 0}},
	} {
		for _, p := range ps {
			if p.Name != c.period {
				continue
			}
			tl, err := p.Table.Tally(c.item, c.source)
			if err != nil {
				t.Fatal(err)
			}
			if !equalCounts(tl.Counts(), c.want) {
				t.Errorf("%s %s/%s: %v, want %v", c.period, c.item, c.source, tl.Counts(), c.want)
			}
		}
	}
}

// TestReadLibrarySurvey reads the library's own CSV form: a long file
// without a period column.
func TestReadLibrarySurvey(t *testing.T) {
	path := "../../testdata/survey.csv"
	ps, sum, err := ReadAnswers(path, &Options{Period: "2025"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].Name != "2025" {
		t.Fatalf("periods %v, want one named 2025", ps)
	}
	checkWorkedSurvey(t, ps[0].Table)
	f, err := readFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := csat.ReadTableCSV(bytes.NewReader(f), csat.FivePoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !ps[0].Table.Equal(want) {
		t.Error("table differs from csat.ReadTableCSV's")
	}
	if sum.Layout != LayoutLong || sum.Rows != 27 || sum.Accepted != 27 {
		t.Errorf("summary %+v, want 27 long rows", sum)
	}
	ps, _, err = ReadAnswers(path, nil)
	if err != nil || ps[0].Name != DefaultPeriod {
		t.Errorf("without Options.Period: %v, %v; want one period %q", ps, err, DefaultPeriod)
	}
}

// TestReadAnswersOrder checks that the row order does not matter.
func TestReadAnswersOrder(t *testing.T) {
	src := string(readTD(t, "answers_long.csv"))
	lines := strings.Split(strings.TrimSpace(src), "\n")
	rev := []string{lines[0]}
	for i := len(lines) - 1; i > 0; i-- {
		rev = append(rev, lines[i])
	}
	a, _, err := ReadAnswersFrom(strings.NewReader(src), "a.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := ReadAnswersFrom(strings.NewReader(strings.Join(rev, "\n")), "b.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d and %d periods", len(a), len(b))
	}
	for i := range a {
		if a[i].Name != b[i].Name || !a[i].Table.Equal(b[i].Table) {
			t.Errorf("period %d differs: %s and %s", i, a[i].Name, b[i].Name)
		}
	}
}

// TestReadAnswersOptions covers the layout and source options, the items
// mapping and the wide layout's meta columns.
func TestReadAnswersOptions(t *testing.T) {
	t.Run("wide items mapping", func(t *testing.T) {
		src := "提交时间,Q1,Q2,来源,备注\n2025-01-01,很满意,,自评,好\n2025-01-02,满意,不满意,,\n"
		ps, sum, err := ReadAnswersFrom(strings.NewReader(src), "w.csv", &Options{Items: map[string]string{"Q1": "功能", "Q2": "外观"}})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"提交时间", "备注"}, sum.Ignored); diff != "" {
			t.Errorf("ignored (-want +got):\n%s", diff)
		}
		if sum.Answers != 3 || sum.Unanswered != 1 || sum.Layout != LayoutWide {
			t.Errorf("summary %+v, want 3 answers, 1 unanswered, wide", sum)
		}
		tb := ps[0].Table
		for _, c := range []struct {
			item, source string
			want         []uint64
		}{
			{"功能", csat.SourceSelf, []uint64{1, 0, 0, 0, 0}},
			{"功能", csat.SourceSurvey, []uint64{0, 1, 0, 0, 0}},
			{"外观", csat.SourceSurvey, []uint64{0, 0, 0, 1, 0}},
		} {
			tl, err := tb.Tally(c.item, c.source)
			if err != nil || !equalCounts(tl.Counts(), c.want) {
				t.Errorf("%s/%s: %v %v, want %v", c.item, c.source, tl.Counts(), err, c.want)
			}
		}
	})
	t.Run("long items mapping and default source", func(t *testing.T) {
		ps, _, err := ReadAnswersFrom(strings.NewReader("item,level\nQ1,很满意\n"), "l.csv", &Options{Items: map[string]string{"Q1": "功能"}, Source: "自评"})
		if err != nil {
			t.Fatal(err)
		}
		if tl, err := ps[0].Table.Tally("功能", csat.SourceSelf); err != nil || tl.Count(0) != 1 {
			t.Errorf("功能/self: %v %v, want 1 very satisfied", tl.Counts(), err)
		}
		ps, _, err = ReadAnswersFrom(strings.NewReader("item,level\nQ1,3\n"), "l.csv", &Options{Scale: csat.NPSScale()})
		if err != nil {
			t.Fatalf("NPS scale, level by key 3: %v", err)
		}
		if tl, err := ps[0].Table.Tally("Q1", csat.SourceSurvey); err != nil || tl.Count(3) != 1 {
			t.Errorf("Q1/survey: %v %v, want one 3", tl.Counts(), err)
		}
	})
	t.Run("forced wide", func(t *testing.T) {
		// item and level columns, read as wide with a mapping: two items.
		src := "item,level\n很满意,满意\n"
		ps, _, err := ReadAnswersFrom(strings.NewReader(src), "f.csv", &Options{Layout: LayoutWide, Items: map[string]string{"item": "a", "level": "b"}})
		if err != nil {
			t.Fatal(err)
		}
		if got := ps[0].Table.Items(); !cmp.Equal(got, []string{"a", "b"}) {
			t.Errorf("items %v, want [a b]", got)
		}
	})
	t.Run("extra empty fields and blank rows", func(t *testing.T) {
		src := "\n,,\nitem,level\n\n功能,很满意,\n,\n  ,  \n功能,满意\n\n"
		_, sum, err := ReadAnswersFrom(strings.NewReader(src), "e.csv", nil)
		if err != nil {
			t.Fatal(err)
		}
		// Blank: line 1 (empty), 2 (",,"), 4, 6 (","), 7 (spaces), 9.
		if sum.Rows != 2 || sum.Accepted != 2 || sum.Blank != 6 {
			t.Errorf("summary %+v, want 2 rows, 6 blank", sum)
		}
	})
}

// readCase is a malformed input and the error it must give.
type readCase struct {
	name  string
	src   string
	opts  *Options
	want  error
	line  int
	field int // -1: not checked
}

// answerCases are the malformed answers inputs, one per class of error.
var answerCases = []readCase{
	{"unknown level", "item,source,level\n功能,survey,极好\n", nil, csat.ErrUnknownLevel, 2, 3},
	{"empty level", "item,source,level\n功能,survey, \n", nil, csat.ErrMissing, 2, 3},
	{"empty item", "item,source,level\n,survey,很满意\n", nil, csat.ErrMissing, 2, 1},
	{"count not a number", "item,level,count\n功能,很满意,x\n", nil, csat.ErrInvalid, 2, 3},
	{"negative count", "item,level,count\n功能,很满意,-1\n", nil, csat.ErrInvalid, 2, 3},
	{"empty count", "item,level,count\n功能,很满意,\n", nil, csat.ErrMissing, 2, 3},
	{"count over 64 bits", "item,level,count\n功能,很满意,18446744073709551616\n", nil, csat.ErrOverflow, 2, 3},
	{"counts overflow", "item,level,count\n功能,很满意,18446744073709551615\n功能,很满意,1\n", nil, csat.ErrOverflow, 3, 3},
	{"stray quote", "item,source,level\n功能,sur\"vey,很满意\n", nil, csv.ErrBareQuote, 2, -1},
	{"unterminated quote", "item,source,level\n功能,\"survey,很满意\n", nil, csv.ErrQuote, 2, -1},
	{"syntax is ErrSyntax", "item,source,level\n功能,\"survey,很满意\n", nil, csat.ErrSyntax, 2, -1},
	{"too few fields", "item,source,level\n功能,survey\n", nil, csv.ErrFieldCount, 2, -1},
	{"too many fields", "item,source,level\n功能,survey,很满意,x\n", nil, csat.ErrSyntax, 2, 4},
	{"value without header", "item,level,\n功能,很满意,x\n", nil, csat.ErrInvalid, 2, 3},
	{"unknown column", "item,level,colour\n功能,很满意,red\n", nil, csat.ErrInvalid, 1, 3},
	{"column twice", "item,项目,level\n功能,功能,很满意\n", nil, csat.ErrDuplicate, 1, 2},
	{"no level column", "item,source\n功能,survey\n", &Options{Layout: LayoutLong}, csat.ErrMissing, 1, 0},
	{"empty file", "", nil, csat.ErrEmpty, 1, 0},
	{"only blank lines", "\n\n,,\n", nil, csat.ErrEmpty, 1, 0},
	{"empty period", "period,item,level\n,功能,很满意\n", nil, csat.ErrMissing, 2, 1},
	{"not UTF-8", "item,level\n\xff\xfe,很满意\n", &Options{Encoding: EncodingUTF8}, csat.ErrInvalid, 2, 1},
	{"not GBK", "item,level\n\x81\x20,很满意\n", &Options{Encoding: EncodingGBK}, csat.ErrInvalid, 2, 1},
	{"UTF-16", "\xff\xfei\x00t\x00", nil, csat.ErrInvalid, 1, 0},
	{"item not mapped", "item,level\nQ9,很满意\n", &Options{Items: map[string]string{"Q1": "功能"}}, csat.ErrUnknownItem, 2, 1},
	{"multi-line field", "item,level\n\"功\n能\",极好\n", nil, csat.ErrUnknownLevel, 3, 2},
	{"wide unknown level", "表单,功能,外观\nF1,很满意,极好\n", nil, csat.ErrUnknownLevel, 2, 3},
	{"wide mapped header missing", "Q1,Q2\n很满意,满意\n", &Options{Items: map[string]string{"Q3": "功能"}}, csat.ErrMissing, 1, 0},
	{"wide item twice", "功能,功能\n很满意,满意\n", nil, csat.ErrDuplicate, 1, 2},
	{"wide two headers one item", "Q1,Q2\n很满意,满意\n", &Options{Items: map[string]string{"Q1": "功能", "Q2": "功能"}}, csat.ErrDuplicate, 1, 2},
	{"wide meta twice", "form,表单,功能\nF1,F1,很满意\n", nil, csat.ErrDuplicate, 1, 2},
	{"wide no items", "form,customer\nF1,C1\n", nil, csat.ErrMissing, 1, 0},
	{"wide long column", "item,source\n功能,survey\n", nil, csat.ErrInvalid, 1, 1},
	{"wide empty period", "期间,功能\n,很满意\n", nil, csat.ErrMissing, 2, 1},
}

func TestReadAnswersErrors(t *testing.T) {
	for _, tt := range answerCases {
		t.Run(tt.name, func(t *testing.T) {
			ps, sum, err := ReadAnswersFrom(strings.NewReader(tt.src), "bad.csv", tt.opts)
			checkParseError(t, err, "bad.csv", tt.line, tt.field, tt.want)
			if ps != nil {
				t.Errorf("periods %v returned with the error", ps)
			}
			if len(sum.Errors) != 1 || !errors.Is(sum.Errors[0], tt.want) {
				t.Errorf("summary errors %v, want the error", sum.Errors)
			}
		})
	}
}

// TestReadAnswersErrorsXLSX checks that errors in a workbook name its
// row and column.
func TestReadAnswersErrorsXLSX(t *testing.T) {
	for _, tt := range []readCase{
		{"unknown level", "item,source,level\n功能,survey,很满意\n\n功能,survey,极好\n", nil, csat.ErrUnknownLevel, 4, 3},
		{"empty item", "form,item,level\nF1,,很满意\n", nil, csat.ErrMissing, 2, 2},
		{"unknown column", "item,level,x\n功能,很满意,1\n", nil, csat.ErrInvalid, 1, 3},
		{"wide unknown level", "表单,功能,外观\nF1,很满意,极好\n", nil, csat.ErrUnknownLevel, 2, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ReadAnswersFrom(bytes.NewReader(xlsxOf(t, []byte(tt.src))), "bad.xlsx", tt.opts)
			checkParseError(t, err, "bad.xlsx", tt.line, tt.field, tt.want)
		})
	}
	t.Run("value past the last column", func(t *testing.T) {
		b := xlsxOf(t, []byte("item,level\n功能,很满意\n"))
		b = setCell(t, b, "D2", "x")
		_, _, err := ReadAnswersFrom(bytes.NewReader(b), "bad.xlsx", nil)
		checkParseError(t, err, "bad.xlsx", 2, 4, csat.ErrSyntax)
	})
	t.Run("not a workbook", func(t *testing.T) {
		_, _, err := ReadAnswersFrom(strings.NewReader("PK\x03\x04 not really"), "bad.xlsx", nil)
		if !errors.Is(err, csat.ErrSyntax) {
			t.Errorf("error %v, want ErrSyntax", err)
		}
	})
	t.Run("no such sheet", func(t *testing.T) {
		_, _, err := ReadAnswers(td("answers_long.xlsx"), &Options{Sheet: "2026"})
		if !errors.Is(err, csat.ErrMissing) || !strings.Contains(err.Error(), `"Sheet1", "说明"`) {
			t.Errorf("error %v, want ErrMissing naming the sheets", err)
		}
	})
	t.Run("named sheet", func(t *testing.T) {
		// The second sheet has one cell: a wide file with one item and no
		// forms.
		ps, sum, err := ReadAnswers(td("answers_long.xlsx"), &Options{Sheet: "说明"})
		if err != nil || len(ps) != 0 || sum.Rows != 0 || sum.Layout != LayoutWide {
			t.Errorf("sheet 说明: %v, %+v, %v; want no periods, no rows", ps, sum, err)
		}
	})
}

// setCell returns the workbook b with a cell of Sheet1 set.
func setCell(t *testing.T, b []byte, cell, v string) []byte {
	t.Helper()
	f, err := excelizeOpen(b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.SetCellValue("Sheet1", cell, v); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestReadAnswersColumn checks the byte column of a CSV syntax error.
func TestReadAnswersColumn(t *testing.T) {
	src := "item,source,level\n功能,sur\"vey,很满意\n"
	_, _, err := ReadAnswersFrom(strings.NewReader(src), "q.csv", nil)
	var pe *csat.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v, want a ParseError", err)
	}
	if want := len("功能,sur") + 1; pe.Column != want {
		t.Errorf("column %d, want %d", pe.Column, want)
	}
}

// TestReadAnswersFatal covers errors that stop a read even with
// CollectAll.
func TestReadAnswersFatal(t *testing.T) {
	t.Run("overlong line", func(t *testing.T) {
		src := "item,level\n功能,很满意\n" + strings.Repeat("x", MaxLine+10) + ",很满意\n功能,满意\n"
		ps, sum, err := ReadAnswersFrom(strings.NewReader(src), "long.csv", &Options{CollectAll: true})
		checkParseError(t, err, "long.csv", 3, 0, csat.ErrOutOfRange)
		if ps != nil || sum.Accepted != 1 {
			t.Errorf("periods %v, summary %+v; want none returned, 1 accepted", ps, sum)
		}
	})
	t.Run("too many periods", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("period,item,level\n")
		for i := range csat.MaxPeriods + 1 {
			fmt.Fprintf(&b, "p%05d,功能,很满意\n", i)
		}
		_, _, err := ReadAnswersFrom(strings.NewReader(b.String()), "p.csv", nil)
		checkParseError(t, err, "p.csv", csat.MaxPeriods+2, 1, csat.ErrOutOfRange)
	})
	t.Run("no file", func(t *testing.T) {
		_, _, err := ReadAnswers(td("nothing.csv"), nil)
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("error %v, want fs.ErrNotExist", err)
		}
		_, _, err = ReadAnswers(td("nothing.xlsx"), nil)
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("xlsx: error %v, want fs.ErrNotExist", err)
		}
	})
	t.Run("xls", func(t *testing.T) {
		_, _, err := ReadAnswers("old.xls", nil)
		if !errors.Is(err, csat.ErrInvalid) {
			t.Errorf("error %v, want ErrInvalid", err)
		}
	})
	t.Run("bad options", func(t *testing.T) {
		for _, o := range []*Options{{Format: 9}, {Layout: -1}, {Encoding: 3}, {Items: map[string]string{"a": " b"}}, {Source: "\xff"}} {
			if _, _, err := ReadAnswersFrom(strings.NewReader("item,level\n"), "o.csv", o); !errors.Is(err, csat.ErrInvalid) {
				t.Errorf("options %+v: error %v, want ErrInvalid", o, err)
			}
		}
		if _, _, err := ReadAnswersFrom(nil, "nil.csv", nil); !errors.Is(err, csat.ErrInvalid) {
			t.Errorf("nil reader: error %v, want ErrInvalid", err)
		}
	})
}

// TestCollectAll reads past bad rows: every accepted row is counted,
// every bad one reported, and a bad wide row counts nothing.
func TestCollectAll(t *testing.T) {
	src := "期间,功能,外观\n" +
		"2025,很满意,很满意\n" + // line 2: good
		"2025,满意,极好\n" + // line 3: bad in its second item
		"2025,\"bad\"quote,满意\n" + // line 4: syntax
		",满意,满意\n" + // line 5: empty period
		"2025,,不满意\n" // line 6: good, one unanswered
	ps, sum, err := ReadAnswersFrom(strings.NewReader(src), "all.csv", &Options{CollectAll: true})
	var rej *RejectedError
	if !errors.As(err, &rej) {
		t.Fatalf("error %v (%T), want a *RejectedError", err, err)
	}
	for _, want := range []error{csat.ErrUnknownLevel, csat.ErrSyntax, csat.ErrMissing} {
		if !errors.Is(err, want) {
			t.Errorf("error does not wrap %v", want)
		}
	}
	var lines []int
	for _, e := range rej.Errs {
		var pe *csat.ParseError
		if !errors.As(e, &pe) {
			t.Fatalf("row error %v is not a ParseError", e)
		}
		lines = append(lines, pe.Line)
	}
	if diff := cmp.Diff([]int{3, 4, 5}, lines); diff != "" {
		t.Errorf("error lines (-want +got):\n%s", diff)
	}
	want := Summary{File: "all.csv", Format: FormatCSV, Encoding: EncodingUTF8, Layout: LayoutWide, Rows: 5, Accepted: 2, Rejected: 3, Answers: 3, Unanswered: 1, Errors: rej.Errs}
	if diff := cmp.Diff(want, sum, ignoreItems, cmp.Comparer(func(a, b error) bool { return errors.Is(a, b) })); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	if len(ps) != 1 {
		t.Fatalf("periods %v, want 2025", ps)
	}
	for item, want := range map[string][]uint64{"功能": {1, 0, 0, 0, 0}, "外观": {1, 0, 0, 1, 0}} {
		tl, err := ps[0].Table.Tally(item, csat.SourceSurvey)
		if err != nil || !equalCounts(tl.Counts(), want) {
			t.Errorf("%s: %v %v, want %v", item, tl.Counts(), err, want)
		}
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "csat: all.csv: 3 of 5 rows rejected:\n\tcsat: all.csv line 3, field 3:") {
		t.Errorf("message %q", msg)
	}

	_, sum, err = ReadAnswersFrom(strings.NewReader(src), "all.csv", &Options{CollectAll: true, MaxErrors: 2})
	if !errors.As(err, &rej) || len(rej.Errs) != 2 || rej.Rejected != 3 || len(sum.Errors) != 2 {
		t.Fatalf("MaxErrors 2: %v", err)
	}
	if !strings.HasSuffix(err.Error(), "… and 1 more") {
		t.Errorf("message %q does not count the row not listed", err.Error())
	}

	ps, sum, err = ReadAnswersFrom(strings.NewReader(src), "all.csv", nil)
	checkParseError(t, err, "all.csv", 3, 3, csat.ErrUnknownLevel)
	if ps != nil || sum.Rows != 2 || sum.Rejected != 1 {
		t.Errorf("without CollectAll: %v, %+v; want no periods, stop at row 2", ps, sum)
	}
}

// TestFormatSniff checks that a name without a known extension is read
// by its content: a zip archive as XLSX, anything else as CSV.
func TestFormatSniff(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		file string
		want Format
	}{
		{"answers_long.xlsx", FormatXLSX},
		{"answers_long.csv", FormatCSV},
		{"answers_long_gbk.csv", FormatCSV},
	} {
		b := readTD(t, c.file)
		path := dir + "/" + strings.ReplaceAll(c.file, ".", "_") + ".dat"
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, read := range []func() ([]csat.Period, Summary, error){
			func() ([]csat.Period, Summary, error) { return ReadAnswers(path, nil) },
			func() ([]csat.Period, Summary, error) { return ReadAnswersFrom(bytes.NewReader(b), "export", nil) },
		} {
			ps, sum, err := read()
			if err != nil {
				t.Fatalf("%s: %v", c.file, err)
			}
			if sum.Format != c.want || len(ps) != 2 {
				t.Errorf("%s read as %s with %d periods, want %s and 2", c.file, sum.Format, len(ps), c.want)
			}
			checkWorkedSurvey(t, ps[1].Table)
		}
	}
	// A format given overrides the name.
	if _, sum, err := ReadAnswersFrom(bytes.NewReader(readTD(t, "answers_long.xlsx")), "a.csv", &Options{Format: FormatXLSX}); err != nil || sum.Format != FormatXLSX {
		t.Errorf("Format XLSX for a.csv: %v, %s", err, sum.Format)
	}
}
