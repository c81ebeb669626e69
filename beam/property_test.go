package csatbeam

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/csatkit/csat"
	"pgregory.net/rapid"
)

// A genRow is one answer row of a generated survey, or a bad line (bad
// is the kind of error it must give; its line is text).
type genRow struct {
	company, period, item, source, level string
	count                                uint64
	bad                                  string
	text                                 string // a bad line, per format: csv or json
}

// A genFile is one generated input file.
type genFile struct {
	json      bool
	hasCount  bool
	order     []int // column order of a CSV file (indexes into columnNames)
	crlf, bom bool
	badHeader bool
	rows      []genRow
	blank     []bool // a blank line before the row
	quote     []bool // quote the row's fields (CSV)
}

var (
	genCompanies = []string{"acme", "globex", "公司甲"}
	genPeriods   = []string{"2025Q1", "2025Q2"}
	genItems     = []string{"功能", "外观", "包装", "交货期"}
	genSources   = []string{csat.SourceSurvey, csat.SourceSurvey, csat.SourceSelf, csat.SourceCompetitor}
)

// levelName draws a name of level i: its key, English or Chinese label.
func levelName(t *rapid.T, sc *csat.Scale, i int) string {
	l := sc.Levels()[i]
	names := []string{l.Key}
	if l.Label != "" {
		names = append(names, l.Label)
	}
	if l.LabelZH != "" {
		names = append(names, l.LabelZH)
	}
	return rapid.SampledFrom(names).Draw(t, "name")
}

func drawRow(t *rapid.T, sc *csat.Scale, hasCount bool) genRow {
	r := genRow{
		company: rapid.SampledFrom(genCompanies).Draw(t, "company"),
		period:  rapid.SampledFrom(genPeriods).Draw(t, "period"),
		item:    rapid.SampledFrom(genItems).Draw(t, "item"),
		source:  rapid.SampledFrom(genSources).Draw(t, "source"),
		level:   levelName(t, sc, rapid.IntRange(0, sc.Len()-1).Draw(t, "level")),
		count:   1,
	}
	if hasCount {
		r.count = rapid.Uint64Range(0, 1000).Draw(t, "count")
	}
	return r
}

// csvValues returns the row's values in the file's column order.
func (f *genFile) csvValues(r genRow) []string {
	all := []string{r.company, r.period, r.item, r.source, r.level, strconv.FormatUint(r.count, 10)}
	out := make([]string, len(f.order))
	for i, k := range f.order {
		out[i] = all[k]
	}
	return out
}

// drawBad draws a bad line of one of the kinds the format has, from a
// good row.
func drawBad(t *rapid.T, f *genFile, r genRow) genRow {
	if f.json {
		q := func(v string) string { b, _ := json.Marshal(v); return string(b) }
		fields := [][2]string{{"company", q(r.company)}, {"period", q(r.period)}, {"item", q(r.item)},
			{"source", q(r.source)}, {"level", q(r.level)}, {"count", strconv.FormatUint(r.count, 10)}}
		switch rapid.IntRange(0, 7).Draw(t, "json bad") {
		case 0:
			fields[4][1], r.bad = q("great"), csat.ErrUnknownLevel.Error()
		case 1:
			fields, r.bad = slices.Delete(fields, 2, 3), csat.ErrMissing.Error()
		case 2:
			fields, r.bad = append(fields, [2]string{"foo", "1"}), csat.ErrInvalid.Error()
		case 3:
			fields[5][1], r.bad = q("3"), csat.ErrInvalid.Error()
		case 4:
			fields[5][1], r.bad = "-1", csat.ErrInvalid.Error()
		case 5:
			fields[5][1], r.bad = "18446744073709551616", csat.ErrOverflow.Error()
		case 6:
			fields, r.bad = append(fields, [2]string{"item", q("x")}), csat.ErrDuplicate.Error()
		case 7:
			r.text, r.bad = `{"company":"acme",`, csat.ErrSyntax.Error()
			return r
		}
		parts := make([]string, len(fields))
		for i, kv := range fields {
			parts[i] = q(kv[0]) + ":" + kv[1]
		}
		r.text = "{" + strings.Join(parts, ",") + "}"
		return r
	}
	v := f.csvValues(r)
	at := func(col int) int { return slices.Index(f.order, col) }
	kinds := []int{0, 1, 2, 3}
	if f.hasCount {
		kinds = append(kinds, 4, 5)
	}
	switch rapid.SampledFrom(kinds).Draw(t, "csv bad") {
	case 0:
		v[at(colLevel)], r.bad = "great", csat.ErrUnknownLevel.Error()
	case 1:
		v[at(colItem)], r.bad = " ", csat.ErrInvalid.Error()
	case 2:
		v, r.bad = v[:len(v)-1], csat.ErrSyntax.Error()
	case 3:
		v[at(colItem)], r.bad = `"`+r.item, csat.ErrSyntax.Error()
	case 4:
		v[at(colCount)], r.bad = rapid.SampledFrom([]string{"-1", "1.5", "x", ""}).Draw(t, "count"), csat.ErrInvalid.Error()
	case 5:
		v[at(colCount)], r.bad = "18446744073709551616", csat.ErrOverflow.Error()
	}
	r.text = strings.Join(v, ",")
	return r
}

func drawFile(t *rapid.T, sc *csat.Scale) *genFile {
	f := &genFile{
		json:     rapid.Bool().Draw(t, "json"),
		crlf:     rapid.Bool().Draw(t, "crlf"),
		bom:      rapid.Bool().Draw(t, "bom"),
		hasCount: true,
	}
	if !f.json {
		f.hasCount = rapid.Bool().Draw(t, "has count")
		n := colCount
		if f.hasCount {
			n = colCount + 1
		}
		f.order = rapid.Permutation(slices.Collect(func(yield func(int) bool) {
			for i := range n {
				if !yield(i) {
					return
				}
			}
		})).Draw(t, "order")
		f.badHeader = rapid.IntRange(0, 9).Draw(t, "bad header") == 0
	}
	return f
}

// text returns the file's content and, per row, its line number.
func (f *genFile) text() (string, []int64) {
	var b strings.Builder
	eol := "\n"
	if f.crlf {
		eol = "\r\n"
	}
	if f.bom {
		b.WriteString("\ufeff")
	}
	line := int64(0)
	if !f.json {
		names := make([]string, len(f.order))
		for i, k := range f.order {
			names[i] = columnNames[k]
		}
		if f.badHeader {
			names[0] = "rating"
		}
		b.WriteString(strings.Join(names, ",") + eol)
		line++
	}
	lines := make([]int64, len(f.rows))
	for i, r := range f.rows {
		if f.blank[i] {
			b.WriteString(eol)
			line++
		}
		line++
		lines[i] = line
		switch {
		case r.bad != "":
			b.WriteString(r.text)
		case f.json:
			m := map[string]any{"company": r.company, "period": r.period, "item": r.item, "source": r.source, "level": r.level}
			if r.count != 1 || f.quote[i] {
				m["count"] = r.count
			}
			j, _ := json.Marshal(m)
			b.Write(j)
		default:
			v := f.csvValues(r)
			for k := range v {
				if f.quote[i] {
					v[k] = `" ` + v[k] + ` "`
				}
			}
			b.WriteString(strings.Join(v, ","))
		}
		b.WriteString(eol)
	}
	return b.String(), lines
}

// TestPipelineMatchesSingleProcess is the pipeline's contract: over
// random answers of several companies and periods, split at random into
// CSV and JSON-lines files (random column orders, optional count column,
// CRLF, byte-order marks, blank lines, quoted fields) with bad lines and
// bad headers among them, the Prism pipeline gives per key exactly the
// table and the report bytes of the single-process path
// (csat.ReadTableCSV of that key's good rows, analysis.Build,
// json.Marshal), the same failures, and every bad line in the dead
// letter with its file, line number and kind of error; and so does
// ReadTables.
func TestPipelineMatchesSingleProcess(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := csat.FivePoint()
		if rapid.Bool().Draw(t, "pvc-bands scale") {
			sc = csat.PVCBands()
		}
		files := drawFiles(t, sc)
		dir, err := os.MkdirTemp("", "csatbeam")
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(dir)
		perKey, wantBad := writeFiles(t, dir, files)
		w := singleProcess(t, sc, perKey)

		p, s := beam.NewPipelineWithRoot()
		answers, bad := Read(s, sc, filepath.Join(dir, "*"), nil)
		tables, failedTables := CombineTables(s, sc, KeyByCompanyPeriod(s, answers))
		passert.Empty(s, failedTables)
		reports, failed := Reports(s, tables, nil)
		passert.Equals(s, beam.ParDo(s, tableString, tables), w.tables...)
		passert.Equals(s, beam.ParDo(s, reportString, reports), w.reports...)
		passert.Equals(s, beam.ParDo(s, failureString, failed), w.failures...)
		passert.Equals(s, beam.ParDo(s, badRowString, bad), wantBad...)
		// ReadTables, which counts per file before the shuffle, gives the
		// same tables and the same dead letter.
		tables2, bad2, failedTables2 := ReadTables(s, sc, filepath.Join(dir, "*"), nil)
		passert.Empty(s, failedTables2)
		passert.Equals(s, beam.ParDo(s, tableString, tables2), w.tables...)
		passert.Equals(s, beam.ParDo(s, badRowString, bad2), wantBad...)
		if err := ptest.Run(p); err != nil {
			t.Fatalf("pipeline: %s", cut(err))
		}
	})
}

// drawFiles draws one to five files and up to 80 rows spread over them,
// one in eight bad, some after a blank line or quoted.
func drawFiles(t *rapid.T, sc *csat.Scale) []*genFile {
	files := make([]*genFile, rapid.IntRange(1, 5).Draw(t, "files"))
	for i := range files {
		files[i] = drawFile(t, sc)
	}
	n := rapid.IntRange(1, 80).Draw(t, "rows")
	for range n {
		f := files[rapid.IntRange(0, len(files)-1).Draw(t, "file")]
		r := drawRow(t, sc, f.hasCount)
		if rapid.IntRange(0, 7).Draw(t, "is bad") == 0 {
			r = drawBad(t, f, r)
		}
		f.rows = append(f.rows, r)
		f.blank = append(f.blank, rapid.IntRange(0, 9).Draw(t, "blank") == 0)
		f.quote = append(f.quote, rapid.IntRange(0, 4).Draw(t, "quote") == 0)
	}
	return files
}

// writeFiles writes the files into dir and returns the good rows of each
// key as a long CSV file, and the dead letter expected: file:line:error
// of each bad header and bad line.
func writeFiles(t *rapid.T, dir string, files []*genFile) (map[Key]*strings.Builder, []any) {
	perKey := map[Key]*strings.Builder{}
	var wantBad []any
	for i, f := range files {
		name := fmt.Sprintf("f%d.csv", i)
		if f.json {
			name = fmt.Sprintf("f%d.jsonl", i)
		}
		text, lines := f.text()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		if f.badHeader {
			wantBad = append(wantBad, name+":1:"+csat.ErrInvalid.Error())
		}
		for j, r := range f.rows {
			switch {
			case f.badHeader:
				wantBad = append(wantBad, fmt.Sprintf("%s:%d:%s", name, lines[j], csat.ErrInvalid))
			case r.bad != "":
				wantBad = append(wantBad, fmt.Sprintf("%s:%d:%s", name, lines[j], r.bad))
			default:
				k := Key{r.company, r.period}
				if perKey[k] == nil {
					perKey[k] = &strings.Builder{}
					perKey[k].WriteString("item,source,level,count\n")
				}
				fmt.Fprintf(perKey[k], "%s,%s,%s,%d\n", r.item, r.source, r.level, r.count)
			}
		}
	}
	return perKey, wantBad
}

// singleOutputs are the outputs of the single-process path, each as
// company|period|value.
type singleOutputs struct {
	tables, reports, failures []any
}

// singleProcess runs the single-process path on each key's good rows.
func singleProcess(t *rapid.T, sc *csat.Scale, perKey map[Key]*strings.Builder) singleOutputs {
	var w singleOutputs
	for k, csv := range perKey {
		tb, rep, err := singleReport(t, sc, k.Period, csv.String())
		w.tables = append(w.tables, k.Company+"|"+k.Period+"|"+tableHex(t, tb))
		if err != nil {
			w.failures = append(w.failures, k.Company+"|"+k.Period+"|"+err.Error())
			continue
		}
		w.reports = append(w.reports, k.Company+"|"+k.Period+"|"+rep)
	}
	return w
}
