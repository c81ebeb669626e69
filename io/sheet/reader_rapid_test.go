package sheet

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/unicode/norm"
	"pgregory.net/rapid"
)

// The property of this file: the reader gives the periods, tallies and
// Summary that a straightforward reader gives, written here with
// encoding/csv on the text's lines (the generated files have no line
// break inside a field), on random long and wide CSV files with quoted
// fields, a byte-order mark, CRLF, blank lines and rows, padded fields,
// Chinese names, NFC and NFD spellings, in UTF-8 or GBK.

// refLevels are the five-point scale's names, by level (csat's
// documentation of FivePoint).
var refLevels = [][]string{
	{"very_satisfied", "very satisfied", "很满意"},
	{"satisfied", "满意"},
	{"basically_satisfied", "basically satisfied", "基本满意"},
	{"dissatisfied", "不满意"},
	{"very_dissatisfied", "very dissatisfied", "很不满意"},
}

// refPeriods are the periods drawn, in the order of their meaning.
var refPeriods = []string{"2025H2", "2026H1", "2026-07"}

// refItems are item names: Chinese, with a comma, a quote, inner
// space, and é composed and decomposed (one item).
var refItems = []string{"功能", "外观", "交货期", "售后 服务", "a,b", `说"好"`, "Caf\u00e9", "Cafe\u0301", "品质"}

// refSources are source values with their meaning ("" the default).
var refSources = map[string]string{"": "survey", "survey": "survey", "Survey": "survey", "检查": "survey", "self": "self", "自评": "self", "competitor": "competitor", "竞争对手": "competitor"}

// refFile is a drawn file: its text (UTF-8), and how it is written.
type refFile struct {
	text string
	gbk  bool
}

// drawWriter writes a drawn file's lines: fields padded, quoted or not,
// blank lines and rows between rows, LF or CRLF.
type drawWriter struct {
	t     *rapid.T
	b     strings.Builder
	crlf  bool
	blank int // blank lines and rows written
}

func (w *drawWriter) field(v string) string {
	pads := rapid.SampledFrom([]string{"", "", " ", "\t", "\u3000", "\u00a0"})
	v = pads.Draw(w.t, "pad") + v + pads.Draw(w.t, "pad")
	if strings.ContainsAny(v, `,"`) || rapid.IntRange(0, 3).Draw(w.t, "quote") == 0 {
		return `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
	}
	return v
}

func (w *drawWriter) row(vals ...string) {
	for rapid.IntRange(0, 5).Draw(w.t, "blanks before") == 0 {
		w.b.WriteString(rapid.SampledFrom([]string{"", " ", ",", " , \t"}).Draw(w.t, "blank"))
		w.eol()
		w.blank++
	}
	fs := make([]string, len(vals))
	empty := true
	for i, v := range vals {
		fs[i] = w.field(v)
		empty = empty && v == ""
	}
	if empty {
		w.blank++ // a row of empty cells is blank
	}
	w.b.WriteString(strings.Join(fs, ","))
	w.eol()
}

func (w *drawWriter) eol() {
	if w.crlf {
		w.b.WriteString("\r\n")
	} else {
		w.b.WriteString("\n")
	}
}

// drawLong draws a long file: the columns item and level, maybe period,
// source and count, in any order and spelling.
func drawLong(t *rapid.T) (refFile, int) {
	cols := []string{"item", "level"}
	for _, c := range []string{"period", "source", "count"} {
		if rapid.Bool().Draw(t, "has "+c) {
			cols = append(cols, c)
		}
	}
	cols = rapid.Permutation(cols).Draw(t, "columns")
	spell := map[string][]string{"item": {"item", "项目", "Item"}, "level": {"level", "等级", "评价"}, "period": {"period", "期间"}, "source": {"source", "来源"}, "count": {"count", "数量"}}
	w := &drawWriter{t: t, crlf: rapid.Bool().Draw(t, "crlf")}
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = rapid.SampledFrom(spell[c]).Draw(t, "header")
	}
	w.row(header...)
	for range rapid.IntRange(0, 30).Draw(t, "rows") {
		vals := make([]string, len(cols))
		for i, c := range cols {
			switch c {
			case "item":
				vals[i] = rapid.SampledFrom(refItems).Draw(t, "item")
			case "level":
				vals[i] = rapid.SampledFrom(slices.Concat(refLevels...)).Draw(t, "level")
			case "period":
				vals[i] = rapid.SampledFrom(refPeriods).Draw(t, "period")
			case "source":
				vals[i] = rapid.SampledFrom(slices.Sorted(maps.Keys(refSources))).Draw(t, "source")
			case "count":
				vals[i] = strconv.Itoa(rapid.IntRange(0, 5).Draw(t, "count"))
			}
		}
		w.row(vals...)
	}
	return w.file(t), w.blank
}

// drawWide draws a wide file: maybe period and form columns, then item
// columns (each answered on the first row), cells blank or levels.
func drawWide(t *rapid.T) (refFile, int) {
	w := &drawWriter{t: t, crlf: rapid.Bool().Draw(t, "crlf")}
	period, form := rapid.Bool().Draw(t, "period column"), rapid.Bool().Draw(t, "form column")
	items := rapid.SliceOfNDistinct(rapid.SampledFrom(refItems), 1, 4, func(s string) string { return norm.NFC.String(s) }).Draw(t, "items")
	var header []string
	if period {
		header = append(header, "期间")
	}
	if form {
		header = append(header, "表单")
	}
	w.row(append(header, items...)...)
	levels := append(slices.Concat(refLevels...), "", "")
	for r := range rapid.IntRange(0, 20).Draw(t, "rows") {
		var vals []string
		if period {
			vals = append(vals, rapid.SampledFrom(refPeriods).Draw(t, "period"))
		}
		if form {
			vals = append(vals, fmt.Sprintf("F%d", r))
		}
		for range items {
			v := rapid.SampledFrom(levels).Draw(t, "level")
			if r == 0 && v == "" {
				v = "满意"
			}
			vals = append(vals, v)
		}
		w.row(vals...)
	}
	return w.file(t), w.blank
}

func (w *drawWriter) file(t *rapid.T) refFile {
	text := w.b.String()
	if cut := strings.TrimSuffix(strings.TrimSuffix(text, "\n"), "\r"); !strings.HasSuffix(cut, "\n") && rapid.Bool().Draw(t, "no final line break") {
		text = cut // (a last line left empty would vanish)
	}
	f := refFile{text: text, gbk: rapid.IntRange(0, 3).Draw(t, "gbk") == 0}
	if !f.gbk && rapid.Bool().Draw(t, "bom") {
		f.text = "\ufeff" + f.text
	}
	return f
}

// refResult is what the reference reader finds: the counts per period,
// item, source and level, and the summary's figures.
type refResult struct {
	Periods             []string
	Counts              map[string]map[[2]string][5]uint64
	Rows, Blank         int
	Answers, Unanswered uint64
	Forms               uint64
	Items               []string
	Layout              Layout
	Encoding            Encoding
}

// refRead reads a drawn file as the package doc says a file reads: line
// by line (the drawn files have no line break inside a field), each
// line's fields by encoding/csv, trimmed and in NFC; a line with no
// field but space is blank.
func refRead(f refFile) refResult {
	res := refResult{Counts: map[string]map[[2]string][5]uint64{}, Encoding: EncodingUTF8}
	if f.gbk && strings.ContainsFunc(f.text, func(r rune) bool { return r >= 0x80 }) {
		res.Encoding = EncodingGBK
	}
	var header []string
	lines := strings.Split(strings.TrimPrefix(f.text, "\ufeff"), "\n")
	if strings.HasSuffix(f.text, "\n") {
		lines = lines[:len(lines)-1] // after the final line break: no line
	}
	for _, line := range lines {
		rec, err := csv.NewReader(strings.NewReader(strings.TrimSuffix(line, "\r"))).Read()
		if err != nil && err != io.EOF {
			panic(fmt.Sprintf("%q: %v", line, err))
		}
		blank := true
		for i := range rec {
			rec[i] = norm.NFC.String(strings.TrimSpace(rec[i]))
			blank = blank && rec[i] == ""
		}
		switch {
		case blank:
			res.Blank++
		case header == nil:
			header = rec
			res.layout(header)
		default:
			res.Rows++
			res.row(header, rec)
		}
	}
	for _, p := range refPeriods {
		if _, ok := res.Counts[p]; ok {
			res.Periods = append(res.Periods, p)
		}
	}
	if _, ok := res.Counts["current"]; ok {
		res.Periods = append(res.Periods, "current")
	}
	return res
}

// refColumns are the headers drawn, by column.
var refColumns = map[string]string{"item": "item", "项目": "item", "level": "level", "等级": "level", "评价": "level", "period": "period", "期间": "period", "source": "source", "来源": "source", "count": "count", "数量": "count", "表单": "form"}

// layout sets the layout of the file whose header is header: long with
// an item column, else wide, whose items are its other columns.
func (res *refResult) layout(header []string) {
	res.Layout = LayoutWide
	for _, h := range header {
		if refColumns[strings.ToLower(h)] == "item" {
			res.Layout = LayoutLong
		}
	}
	for _, h := range header {
		if res.Layout == LayoutWide && refColumns[h] == "" {
			res.Items = append(res.Items, h)
		}
	}
}

// row counts a data row of the file whose header is header.
func (res *refResult) row(header, rec []string) {
	var item, level string
	period, source, count := "current", "", uint64(1)
	var cells [][2]string // wide: item and level
	for i, h := range header {
		switch refColumns[strings.ToLower(h)] {
		case "item":
			item = rec[i]
		case "level":
			level = rec[i]
		case "period":
			period = rec[i]
		case "source":
			source = rec[i]
		case "count":
			count, _ = strconv.ParseUint(rec[i], 10, 64)
		case "form":
		default:
			cells = append(cells, [2]string{h, rec[i]})
		}
	}
	if res.Layout == LayoutLong {
		cells = [][2]string{{item, level}}
	} else {
		res.Forms++
	}
	if res.Counts[period] == nil {
		res.Counts[period] = map[[2]string][5]uint64{}
	}
	for _, c := range cells {
		if c[1] == "" {
			res.Unanswered++
			continue
		}
		if !slices.Contains(res.Items, c[0]) {
			res.Items = append(res.Items, c[0])
		}
		k := [2]string{c[0], refSources[strings.ToLower(source)]}
		n := res.Counts[period][k]
		n[refLevel(c[1])] += count
		res.Counts[period][k] = n
		res.Answers += count
	}
}

func refLevel(name string) int {
	for i, names := range refLevels {
		if slices.Contains(names, name) {
			return i
		}
	}
	panic("no level " + name)
}

// read reads a drawn file with ReadSurveyFrom and puts what it gives as
// the reference reader does.
func read(t *rapid.T, f refFile) refResult {
	in := []byte(f.text)
	if f.gbk {
		var err error
		if in, err = simplifiedchinese.GB18030.NewEncoder().Bytes(in); err != nil {
			t.Fatal(err)
		}
	}
	var opts *Options
	if !f.gbk && !strings.HasPrefix(f.text, "\ufeff") && !strings.ContainsFunc(f.text, func(r rune) bool { return r >= 0x800 }) {
		// UTF-8 whose only non-ASCII characters take two bytes reads as
		// GBK too: an error unless the encoding is given (TestHostileCSV).
		opts = &Options{Encoding: EncodingUTF8}
	}
	surveys, sum, err := ReadSurveyFrom(bytes.NewReader(in), "r.csv", opts)
	if err != nil {
		t.Fatalf("%q: %v", f.text, err)
	}
	got := refResult{Counts: map[string]map[[2]string][5]uint64{}, Rows: sum.Rows, Blank: sum.Blank, Answers: sum.Answers,
		Unanswered: sum.Unanswered, Forms: sum.Forms, Items: sum.Items, Layout: sum.Layout, Encoding: sum.Encoding}
	if sum.Accepted != sum.Rows || sum.Rejected != 0 || sum.Format != FormatCSV {
		t.Fatalf("summary %+v", sum)
	}
	for _, s := range surveys {
		got.Periods = append(got.Periods, s.Name)
		got.Counts[s.Name] = map[[2]string][5]uint64{}
		for _, c := range s.Table.Cells() {
			tl, err := s.Table.Tally(c.Item, c.Source)
			if err != nil {
				t.Fatal(err)
			}
			got.Counts[s.Name][[2]string{c.Item, c.Source}] = [5]uint64(tl.Counts())
		}
	}
	return got
}

// TestReaderMatchesReference: the reader and the reference reader agree
// on random long and wide files.
func TestReaderMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		draw := drawLong
		if rapid.Bool().Draw(t, "wide") {
			draw = drawWide
		}
		f, blanks := draw(t)
		want := refRead(f)
		if want.Blank != blanks {
			t.Fatalf("the reference counts %d blank lines and rows, %d were written", want.Blank, blanks)
		}
		if diff := cmp.Diff(want, read(t, f)); diff != "" {
			t.Fatalf("%q: (-reference +reader):\n%s", f.text, diff)
		}
	})
}
