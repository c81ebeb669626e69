package csatbeam

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/graph/mtime"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/graph/window"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"
)

type keyed struct {
	At  beam.EventTime
	Key beam.X
	A   Answer
}

// sumsTable counts keyed answers into one table per key, as TableFn does.
func sumsTable(t fataler, sc *csat.Scale, in []keyed) map[any]*csat.Table {
	t.Helper()
	out := map[any]*csat.Table{}
	for _, k := range in {
		tb := out[k.Key]
		if tb == nil {
			tb = csat.NewTable(sc)
			out[k.Key] = tb
		}
		if k.A.Level == Blank {
			continue
		}
		if err := tb.AddN(k.A.Item, k.A.Source, k.A.Level, k.A.Count); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// sumAnswersFn, over any bundles, passes on answers that count into the
// tables the answers themselves give, with the same keys (blanks
// included: a key of blanks only still has its empty table); it passes
// on no more than one answer per key, item, source, level and timestamp
// and bundle, and those of other key types and windows as they are.
func TestSumAnswersFnSameTables(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := csat.FivePoint()
		keys := []beam.X{Key{Company: "acme", Period: "Q1"}, Key{Company: "acme", Period: "Q2"}, "globex", 7}
		in := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) keyed {
			return keyed{
				At:  mtime.Time(rapid.IntRange(0, 1).Draw(t, "at")),
				Key: rapid.SampledFrom(keys).Draw(t, "key"),
				A: Answer{Item: rapid.SampledFrom(genItems).Draw(t, "item"), Source: rapid.SampledFrom(genSources).Draw(t, "source"),
					Level: rapid.IntRange(Blank, sc.Len()-1).Draw(t, "level"), Count: rapid.Uint64Range(0, 1<<40).Draw(t, "count")},
			}
		}), 0, 300).Draw(t, "answers")
		fixed := rapid.Bool().Draw(t, "fixed window")
		var w beam.Window = window.GlobalWindow{}
		if fixed {
			w = window.IntervalWindow{Start: 0, End: 10}
		}
		var out []keyed
		ends := []int{} // the end of each bundle's answers in out
		emit := func(at beam.EventTime, k beam.X, a Answer) { out = append(out, keyed{at, k, a}) }
		fn := &sumAnswersFn{}
		for i, k := range in {
			if i > 0 && rapid.IntRange(0, 20).Draw(t, "new bundle") == 0 {
				fn.FinishBundle(emit)
				ends = append(ends, len(out))
			}
			fn.ProcessElement(w, k.At, k.Key, k.A, emit)
		}
		fn.FinishBundle(emit)
		ends = append(ends, len(out))
		want, got := sumsTable(t, sc, in), sumsTable(t, sc, out)
		if len(got) != len(want) {
			t.Fatalf("%d keys, want %d", len(got), len(want))
		}
		for k, tb := range want {
			if !got[k].Equal(tb) {
				t.Fatalf("the table of %v differs", k)
			}
		}
		if fixed && !cmp.Equal(out, in, cmpopts.EquateEmpty()) {
			t.Fatalf("answers in a fixed window were changed")
		}
		start := 0
		for _, end := range ends {
			seen := map[string]bool{}
			for _, k := range out[start:end] {
				if _, other := k.Key.(int); other || fixed {
					continue
				}
				id := fmt.Sprint(k.At, k.Key, k.A.Item, k.A.Source, k.A.Level)
				if seen[id] {
					t.Fatalf("two sums of %s in one bundle", id)
				}
				seen[id] = true
			}
			start = end
		}
	})
}

// A sum that would overflow is passed on as it is before the answer
// that overflows it, so that the table overflows as it would one answer
// at a time; a full set of sums is passed on.
func TestAnswerSumsOverflowAndBound(t *testing.T) {
	var out []Answer
	emit := func(_ beam.EventTime, _ struct{}, a Answer) { out = append(out, a) }
	var s answerSums[struct{}]
	a := Answer{Company: "acme", Period: "Q1", Item: "功能", Source: "survey", Level: 0}
	for _, c := range []uint64{math.MaxUint64 - 1, 1, 1, 5} {
		a.Count = c
		s.add(window.GlobalWindow{}, 0, struct{}{}, a, emit)
	}
	s.flush(emit)
	var counts []uint64
	for _, a := range out {
		counts = append(counts, a.Count)
	}
	if want := []uint64{math.MaxUint64, 6}; !cmp.Equal(counts, want) {
		t.Errorf("counts passed on %v, want %v", counts, want)
	}

	out = nil
	for i := range maxSums + 1 {
		a.Item = fmt.Sprint(i)
		a.Count = 1
		s.add(window.GlobalWindow{}, 0, struct{}{}, a, emit)
	}
	if len(out) != maxSums {
		t.Errorf("%d answers passed on when the sums are full, want %d", len(out), maxSums)
	}
	s.flush(emit)
	if len(out) != maxSums+1 || len(s.pending) != 0 || len(s.index) != 0 {
		t.Errorf("after the flush: %d passed on, %d held", len(out), len(s.pending))
	}
}

// splitFn keys answers on a form by their form, passes answers with a
// form's fields but no form id as they are, and sums the others.
func TestSplitFn(t *testing.T) {
	var loose []Answer
	var onForm []FormKey
	emitLoose := func(_ beam.EventTime, a Answer) { loose = append(loose, a) }
	emitForm := func(k FormKey, _ Answer) { onForm = append(onForm, k) }
	fn := &splitFn{}
	a := Answer{Company: "acme", Period: "Q1", Item: "功能", Source: "survey", Level: 1, Count: 2}
	odd := a
	odd.Attrs = map[string]string{"地区": "华东"}
	f := a
	f.Form = "F1"
	for _, x := range []Answer{a, f, a, odd, a} {
		fn.ProcessElement(window.GlobalWindow{}, 0, x, emitLoose, emitForm)
	}
	fn.FinishBundle(emitLoose, emitForm)
	want := a
	want.Count = 6
	if diff := cmp.Diff([]Answer{odd, want}, loose); diff != "" {
		t.Errorf("loose answers (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]FormKey{{Company: "acme", Period: "Q1", Form: "F1"}}, onForm); diff != "" {
		t.Errorf("answers on forms (-want +got):\n%s", diff)
	}
}

// countFile runs ReadTables' DoFn over one file's text.
func countFile(t *testing.T, text string) (tables map[Key]*Counting, bad []BadRow, name string, err error) {
	t.Helper()
	dir := t.TempDir()
	name = filepath.Join(dir, "a.csv")
	if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	fn := &readTablesFn{Scale: mustScaleDef(csat.FivePoint()), MaxLine: DefaultMaxLine, MaxField: csat.DefaultMaxField}
	if err := fn.Setup(); err != nil {
		t.Fatal(err)
	}
	tables = map[Key]*Counting{}
	err = fn.ProcessElement(context.Background(), fileio.ReadableFile{Metadata: fileio.FileMetadata{Path: name}},
		func(k Key, c *Counting) { tables[k] = c }, func(b BadRow) { bad = append(bad, b) })
	return tables, bad, name, err
}

// ReadTables' DoFn counts each line of a file, a line seen before too,
// as the table counts the same rows one at a time; a bad line is a bad
// row with its own number each time it comes; a cell whose counts are 0
// is in the table.
func TestReadTablesFnCountsRepeatedLines(t *testing.T) {
	rows := []string{
		"acme,Q1,功能,survey,很满意,2", "acme,Q1,功能,survey,很满意,2", "acme,Q1,功能,survey,great,1",
		"acme,Q1,功能,survey,very_satisfied,3", "acme,Q1,外观,self,满意,0", "globex,Q1,功能,survey,很满意,2",
		"acme,Q1,功能,survey,great,1", "acme,Q1,功能,survey,很满意,2",
	}
	tables, bad, _, err := countFile(t, "company,period,item,source,level,count\n"+strings.Join(rows, "\n")+"\n")
	if err != nil {
		t.Fatal(err)
	}
	acme, globex := csat.NewTable(csat.FivePoint()), csat.NewTable(csat.FivePoint())
	for _, c := range []struct {
		t            *csat.Table
		item, source string
		level        int
		n            uint64
	}{{acme, "功能", "survey", 0, 2}, {acme, "功能", "survey", 0, 2}, {acme, "功能", "survey", 0, 3}, {acme, "外观", "self", 1, 0},
		{globex, "功能", "survey", 0, 2}, {acme, "功能", "survey", 0, 2}} {
		if err := c.t.AddN(c.item, c.source, c.level, c.n); err != nil {
			t.Fatal(err)
		}
	}
	if len(tables) != 2 || !tables[Key{"acme", "Q1"}].Table.Equal(acme) || !tables[Key{"globex", "Q1"}].Table.Equal(globex) {
		t.Errorf("tables %v differ from the rows'", tables)
	}
	var lines []int64
	for _, b := range bad {
		if !strings.Contains(b.Err, csat.ErrUnknownLevel.Error()) {
			t.Errorf("bad row %+v: want an unknown level", b)
		}
		lines = append(lines, b.Line)
	}
	if want := []int64{4, 8}; !cmp.Equal(lines, want) {
		t.Errorf("bad rows on lines %v, want %v", lines, want)
	}
}

// An overflow in a file makes its cell overflow, for its key only: the
// file's other cells, and other keys, count on, the lines after it too.
func TestReadTablesFnOverflowFailsTheKey(t *testing.T) {
	const max = "18446744073709551615" // 2⁶⁴ − 1
	tables, bad, _, err := countFile(t, "company,period,item,source,level,count\nacme,Q1,功能,survey,很满意,7\nacme,Q1,功能,survey,满意,"+max+
		"\nacme,Q1,功能,survey,很满意,"+max+"\nacme,Q1,外观,survey,很满意,1\nglobex,Q1,功能,survey,很满意,"+max+"\nacme,Q1,功能,survey,很满意,1\n")
	if err != nil || len(bad) != 0 {
		t.Fatalf("err %v, bad rows %v", err, bad)
	}
	acme := tables[Key{"acme", "Q1"}]
	if diff := cmp.Diff([]csat.Cell{{Item: "功能", Source: "survey"}}, acme.Overflow); diff != "" {
		t.Errorf("acme's overflow (-want +got):\n%s", diff)
	}
	if u, err := acme.Table.Tally("外观", "survey"); err != nil || u.Count(0) != 1 {
		t.Errorf("acme's 外观: %v, %v; want 1 at 很满意", u, err)
	}
	if err := acme.Err(); !errors.Is(err, csat.ErrOverflow) {
		t.Errorf("acme: %v, want an overflow", err)
	}
	globex := tables[Key{"globex", "Q1"}]
	want := csat.NewTable(csat.FivePoint())
	if err := want.AddN("功能", "survey", 0, math.MaxUint64); err != nil {
		t.Fatal(err)
	}
	if globex.Err() != nil || !globex.Table.Equal(want) {
		t.Errorf("globex: %v, %v; want its one row", globex.Err(), globex.Table.Cells())
	}
}

// ParseLines' DoFn gives a line's answer under its own header and format
// when the same text came before under another, and a bad row each time
// a bad line comes.
func TestParseFnLineUnderEachHeader(t *testing.T) {
	fn := &parseFn{Scale: mustScaleDef(csat.FivePoint()), MaxField: csat.DefaultMaxField}
	if err := fn.Setup(); err != nil {
		t.Fatal(err)
	}
	json := `{"company":"a","period":"b","item":"功能","source":"survey","level":"满意"}`
	lines := []Line{
		{File: "x.csv", Number: 2, Text: "a,b,功能,survey,满意", Header: "company,period,item,source,level"},
		{File: "x.csv", Number: 3, Text: "a,b,功能,survey,满意", Header: "company,period,item,source,level"},
		{File: "y.csv", Number: 2, Text: "a,b,功能,survey,满意", Header: "period,company,item,source,level"},
		{File: "y.csv", Number: 3, Text: "a,b,功能,survey,great", Header: "period,company,item,source,level"},
		{File: "y.csv", Number: 4, Text: "a,b,功能,survey,great", Header: "period,company,item,source,level"},
		{File: "z.jsonl", Number: 1, Text: json},
		{File: "z.csv", Number: 5, Text: json},
	}
	var got []string
	for _, l := range lines {
		fn.ProcessElement(context.Background(), l, func(a Answer) { got = append(got, a.Company+"/"+a.Period) }, func(b BadRow) {
			got = append(got, fmt.Sprintf("bad %s:%d", b.File, b.Line))
		})
	}
	want := []string{"a/b", "a/b", "b/a", "bad y.csv:3", "bad y.csv:4", "a/b", "bad z.csv:5"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
}
