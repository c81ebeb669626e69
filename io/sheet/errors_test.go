package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/xuri/excelize/v2"
)

// xlsxBook returns a workbook of one sheet named sheet holding rows as
// text cells.
func xlsxBook(t testing.TB, sheet string, rows [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	for i, rec := range rows {
		row := make([]any, len(rec))
		for j, v := range rec {
			row[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestCSVSyntaxField checks that a CSV syntax error names the field
// (counted by hand in each input) and its header, and says what is wrong
// in plain words, not encoding/csv's.
func TestCSVSyntaxField(t *testing.T) {
	for _, c := range []struct {
		name, in     string
		line, field  int
		header, text string
		is           error
	}{
		// x"y is the first field of line 2; the quote is its 2nd byte.
		{"stray quote", "项目,来源,等级\nx\"y,survey,很满意\n", 2, 1, "项目",
			`csat: a.csv line 2, field 1 ("项目"), byte column 2: a quote (") inside a field that does not start with one: quote the whole field and double the quotes inside it ("a ""b"" c"): malformed input`, csv.ErrBareQuote},
		// the third field 满"意 holds the quote, after 品质,survey, (14 bytes).
		{"stray quote in field 3", "项目,来源,等级\n品质,survey,满\"意\n", 2, 3, "等级", "", csv.ErrBareQuote},
		// "ab"c: text after the closing quote of field 2 on line 3.
		{"text after a closing quote", "项目,来源,等级\n品质,survey,满意\n品质,\"ab\"c,满意\n", 3, 2, "来源",
			`csat: a.csv line 3, field 2 ("来源"), byte column 11: a quoted field whose closing quote is missing or followed by more text before the next comma: malformed input`, csv.ErrQuote},
		// a quoted field 3 opened on line 2 and never closed: the error is
		// at the end of the file, line 3.
		{"unterminated quote over two lines", "项目,来源,等级\n品质,survey,\"满意\n更多\n", 3, 3, "等级", "", csv.ErrQuote},
		// a quoted field over two lines (the quote's line and the next
		// are read one by one), then a stray quote in field 2 of line 4.
		{"after a multi-line quoted field", "项目,来源,等级\n品质,\"a\nb\",满意\n交付,x\"y,满意\n", 4, 2, "来源", "", csv.ErrBareQuote},
		// CRLF line breaks: the quote is in field 3 of line 2.
		{"CRLF", "项目,来源,等级\r\n品质,survey,满\"意\r\n", 2, 3, "等级", "", csv.ErrBareQuote},
		// a line longer than a read: the quote after 5,000 bytes of field 2.
		{"long line", "项目,来源,等级\n品质," + strings.Repeat("s", 5000) + "\"x,满意\n", 2, 2, "来源", "", csv.ErrBareQuote},
		// a long quote-free line, then the error on a line of its own.
		{"after a long line", "项目,来源,等级\n" + strings.Repeat("品", 3000) + ",survey,满意\n交付,survey,\"满意\"x\n", 3, 3, "等级", "", csv.ErrQuote},
		// many rows after, which a read ahead would have taken.
		{"stray quote before many rows", "项目,来源,等级\n品质,survey,满\"意\n" + strings.Repeat("品质,survey,满意\n", 3000), 2, 3, "等级", "", csv.ErrBareQuote},
		// many short rows before: the record is still known.
		{"late stray quote", "项目,来源,等级\n" + strings.Repeat("品质,survey,满意\n", 5000) + "品质,sur\"vey,满意\n", 5002, 2, "来源", "", csv.ErrBareQuote},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := ReadAnswersFrom(strings.NewReader(c.in), "a.csv", nil)
			checkParseError(t, err, "a.csv", c.line, c.field, csat.ErrSyntax)
			var pe *csat.ParseError
			if errors.As(err, &pe) && (pe.Header != c.header || pe.Column == 0) {
				t.Errorf("header %q, column %d; want %q and a column", pe.Header, pe.Column, c.header)
			}
			if !errors.Is(err, c.is) {
				t.Errorf("%v does not wrap %v", err, c.is)
			}
			if c.text != "" && err.Error() != c.text {
				t.Errorf("got  %s\nwant %s", err, c.text)
			}
		})
	}
}

// TestXLSXErrorPlace checks that an XLSX error names its sheet and cell,
// in the ParseError's fields and in its text.
func TestXLSXErrorPlace(t *testing.T) {
	b := xlsxBook(t, "数据", [][]string{{"期间", "品质", "交付"}, {"2026H1", "满意", "很满意"}, {"2026H1", "好极了", "满意"}})
	_, _, err := ReadAnswersFrom(strings.NewReader(string(b)), "a.xlsx", nil)
	var pe *csat.ParseError
	if !errors.As(err, &pe) || pe.Sheet != "数据" || pe.Cell != "B3" || pe.Line != 3 || pe.Field != 2 || pe.Header != "品质" {
		t.Fatalf("%v: want sheet 数据, cell B3 (row 3, field 2, header 品质)", err)
	}
	want := `csat: a.xlsx sheet "数据", cell B3: item "品质": scale "five-point": no level "好极了": unknown level`
	if err.Error() != want || !errors.Is(err, csat.ErrUnknownLevel) {
		t.Errorf("got  %s\nwant %s", err, want)
	}
	var ve *ValueError
	if !errors.As(err, &ve) || ve.Kind != "level" || ve.Value != "好极了" || ve.Scale == nil || ve.Scale.Name() != "five-point" {
		t.Errorf("%v: want a ValueError of level 好极了 on five-point, got %+v", err, ve)
	}
}

// TestTypedReasons checks the ValueError and ColumnError inside the
// errors of some bad files, and that the sentinels still match.
func TestTypedReasons(t *testing.T) {
	for _, c := range []struct {
		name, in string
		is       error
		layout   Layout
		check    func(err error) bool
	}{
		{"unknown long column", "项目,等级,颜色\n品质,满意,红\n", csat.ErrInvalid, LayoutAuto, func(err error) bool {
			var ce *ColumnError
			return errors.As(err, &ce) && ce.Kind == "unknown" && ce.Column == "颜色" && len(ce.Accepted) > 2 && ce.Accepted[0] == "item"
		}},
		{"missing level column", "项目,来源,数量\n品质,survey,1\n", csat.ErrMissing, LayoutLong, func(err error) bool {
			var ce *ColumnError
			return errors.As(err, &ce) && ce.Kind == "missing" && ce.Column == "level" && strings.Join(ce.Accepted, " ") == "level 等级 评价"
		}},
		{"column twice", "项目,等级,等级\n品质,满意,满意\n", csat.ErrDuplicate, LayoutAuto, func(err error) bool {
			var ce *ColumnError
			return errors.As(err, &ce) && ce.Kind == "twice" && ce.Column == "等级"
		}},
		{"bad count", "项目,等级,数量\n品质,满意,三\n", csat.ErrInvalid, LayoutAuto, func(err error) bool {
			var ve *ValueError
			return errors.As(err, &ve) && ve.Kind == "count" && ve.Value == "三"
		}},
		{"bad source", "表单编号,来源,品质\n1,微信,满意\n", csat.ErrInvalid, LayoutAuto, func(err error) bool {
			var ve *ValueError
			return errors.As(err, &ve) && ve.Kind == "source" && ve.Value == "微信" && len(ve.Accepted) == 6
		}},
		{"excel error value", "项目,等级\n品质,#N/A\n", csat.ErrInvalid, LayoutAuto, func(err error) bool {
			var ve *ValueError
			return errors.As(err, &ve) && ve.Kind == "excel-error" && ve.Value == "#N/A"
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := ReadAnswersFrom(strings.NewReader(c.in), "a.csv", &Options{Layout: c.layout})
			if !errors.Is(err, c.is) || !c.check(err) {
				t.Errorf("%v (%#v): wrong reason", err, err)
			}
			if strings.Count(err.Error(), "csat: ") != 1 {
				t.Errorf("%v: the prefix is not printed once", err)
			}
		})
	}
}

// TestSheetError checks the error of a sheet the workbook does not have:
// it lists the workbook's sheets.
func TestSheetError(t *testing.T) {
	b := xlsxBook(t, "数据", [][]string{{"项目", "等级"}, {"品质", "满意"}})
	_, _, err := ReadAnswersFrom(strings.NewReader(string(b)), "a.xlsx", &Options{Sheet: "Nope"})
	var se *SheetError
	if !errors.As(err, &se) || se.Sheet != "Nope" || strings.Join(se.Sheets, ",") != "数据" || se.File != "a.xlsx" || !errors.Is(err, csat.ErrMissing) {
		t.Errorf("%v: want a SheetError of Nope listing 数据", err)
	}
}

// TestEmptyValue checks the ValueError of an empty level in the long
// layout.
func TestEmptyValue(t *testing.T) {
	_, _, err := ReadAnswersFrom(strings.NewReader("项目,等级\n品质,\n"), "a.csv", nil)
	var ve *ValueError
	if !errors.As(err, &ve) || ve.Kind != "empty" || !errors.Is(err, csat.ErrMissing) {
		t.Errorf("%v: want a ValueError of an empty cell", err)
	}
}
