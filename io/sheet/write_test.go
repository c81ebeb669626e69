package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// genPeriods draws periods of random tables of scale s: up to 3 periods,
// items and sources with awkward names, counts up to maxCount per level.
func genPeriods(t *rapid.T, s *csat.Scale, maxCount uint64, wide bool) []csat.Period {
	items := []string{"功能", "外观", "交货 期", "a,b", `say "hi"`, "x\ny", "Q1", "0.5", "=SUM(A1)", "品质"}
	sources := []string{csat.SourceSurvey, csat.SourceSelf, csat.SourceCompetitor, "dealer"}
	if wide { // the wide layout reads the three known sources only
		sources = sources[:3]
	}
	names := rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"2024H1", "2024H2", "2025-9", "2025-10"}), 1, 3, rapid.ID[string]).Draw(t, "periods")
	var ps []csat.Period
	for _, name := range names {
		tb := csat.NewTable(s)
		cells := rapid.SliceOfNDistinct(rapid.IntRange(0, len(items)*len(sources)-1), 1, 8, rapid.ID[int]).Draw(t, "cells")
		for _, c := range cells {
			item, src := items[c%len(items)], sources[c/len(items)]
			for l := range s.Len() {
				n := rapid.Uint64Range(0, maxCount).Draw(t, "count")
				if err := tb.AddN(item, src, l, n); err != nil {
					t.Fatal(err)
				}
			}
		}
		ps = append(ps, csat.Period{Name: name, Table: tb})
	}
	return ps
}

// roundTrip writes periods, checks that their permutation perm writes
// the same bytes, and reads them back. With none (a wide file of periods
// without answers: no item column), the read must fail with ErrMissing.
func roundTrip(t *rapid.T, format Format, layout Layout, ps, perm []csat.Period, none bool) []csat.Period {
	var b, pb bytes.Buffer
	if err := WriteAnswers(&b, format, layout, ps); err != nil {
		t.Fatalf("write: %v", err)
	}
	if err := WriteAnswers(&pb, format, layout, perm); err != nil {
		t.Fatalf("write the periods permuted: %v", err)
	}
	if !bytes.Equal(b.Bytes(), pb.Bytes()) {
		t.Fatal("the periods permuted write different bytes")
	}
	name := "rt.csv"
	if format == FormatXLSX {
		name = "rt.xlsx"
	}
	got, sum, err := ReadAnswersFrom(&b, name, &Options{Scale: ps[0].Table.Scale()})
	if none {
		if !errors.Is(err, csat.ErrMissing) {
			t.Fatalf("read of a wide file without answers: %v, want ErrMissing", err)
		}
		return nil
	}
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if sum.Layout != layout || sum.Rejected != 0 {
		t.Fatalf("read back as %s with %d rejected, want %s", sum.Layout, sum.Rejected, layout)
	}
	return got
}

// TestRoundTrip checks that tables written to each format and layout
// read back with the same tallies, and that the same periods in any
// order write the same bytes. (The second property had a test of its
// own, TestWriteDeterministic, drawing tables of the five-point scale
// with counts up to 3; these draws cover those, and the write they share
// with the round trip is the cost: a workbook takes 30 ms to write under
// the race detector.)
func TestRoundTrip(t *testing.T) {
	for _, format := range []Format{FormatCSV, FormatXLSX} {
		for _, layout := range []Layout{LayoutLong, LayoutWide} {
			t.Run(format.String()+"/"+layout.String(), rapid.MakeCheck(func(t *rapid.T) {
				s := rapid.SampledFrom([]*csat.Scale{csat.FivePoint(), csat.NPSScale(), csat.PVCBands()}).Draw(t, "scale")
				maxCount := uint64(math.MaxUint64)
				if layout == LayoutWide {
					maxCount = 3
				}
				ps := genPeriods(t, s, maxCount, layout == LayoutWide)
				perm := rapid.Permutation(ps).Draw(t, "perm")
				// The wide layout writes no period without answers.
				var want []csat.Period
				for _, p := range ps {
					if layout == LayoutLong || answers(p.Table) > 0 {
						want = append(want, p)
					}
				}
				got := roundTrip(t, format, layout, ps, perm, len(want) == 0)
				// Periods come back in the order of their meaning (2025-9
				// before 2025-10), as genPeriods' names rank.
				rank := map[string]int{"2024H1": 0, "2024H2": 1, "2025-9": 2, "2025-10": 3}
				slices.SortFunc(want, func(a, b csat.Period) int { return rank[a.Name] - rank[b.Name] })
				if len(got) != len(want) {
					t.Fatalf("%d periods read back, want %d", len(got), len(want))
				}
				for i := range want {
					if got[i].Name != want[i].Name || !got[i].Table.Equal(want[i].Table) {
						t.Fatalf("period %s read back as %s, with other tallies", want[i].Name, got[i].Name)
					}
					if layout == LayoutLong && !cmp.Equal(got[i].Table.Cells(), want[i].Table.Cells()) {
						t.Fatalf("period %s: cells %v, want %v", want[i].Name, got[i].Table.Cells(), want[i].Table.Cells())
					}
				}
			}))
		}
	}
}

// answers returns the answers of a table, saturating at the largest
// uint64 as Summary.Answers does.
func answers(tb *csat.Table) uint64 {
	var n uint64
	for _, c := range tb.Cells() {
		tl, _ := tb.Tally(c.Item, c.Source)
		k, err := tl.N()
		if err != nil {
			k = math.MaxUint64
		}
		n = addSat(n, k)
	}
	return n
}

// TestWriteWideForms checks how the wide layout lays answers out as
// forms, against the text written out by hand.
func TestWriteWideForms(t *testing.T) {
	tb := csat.NewTable(csat.FivePoint())
	must(t, tb.AddN("A", csat.SourceSurvey, 0, 2))
	must(t, tb.AddN("A", csat.SourceSurvey, 1, 1))
	must(t, tb.AddN("B", csat.SourceSurvey, 2, 1))
	must(t, tb.AddN("B", csat.SourceSelf, 4, 1))
	var b bytes.Buffer
	if err := WriteAnswers(&b, FormatCSV, LayoutWide, []csat.Period{{Name: "P", Table: tb}}); err != nil {
		t.Fatal(err)
	}
	want := "\ufeffperiod,source,form,A,B\n" +
		"P,self,1,,very_dissatisfied\n" +
		"P,survey,2,very_satisfied,basically_satisfied\n" +
		"P,survey,3,very_satisfied,\n" +
		"P,survey,4,satisfied,\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("wide CSV (-want +got):\n%s", diff)
	}
	b.Reset()
	if err := WriteAnswers(&b, FormatCSV, LayoutLong, []csat.Period{{Name: "P", Table: tb}}); err != nil {
		t.Fatal(err)
	}
	want = "\ufeffperiod,item,source,level,count\n" +
		"P,A,survey,very_satisfied,2\n" +
		"P,A,survey,satisfied,1\n" +
		"P,B,self,very_dissatisfied,1\n" +
		"P,B,survey,basically_satisfied,1\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("long CSV (-want +got):\n%s", diff)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestWriteErrors(t *testing.T) {
	table := func(item, source string) *csat.Table {
		tb := csat.NewTable(csat.FivePoint())
		must(t, tb.Add(item, source, 0))
		return tb
	}
	ok := table("功能", csat.SourceSurvey)
	big := csat.NewTable(csat.FivePoint())
	must(t, big.AddN("功能", csat.SourceSurvey, 0, MaxWideForms+1))
	for _, c := range []struct {
		name    string
		format  Format
		layout  Layout
		periods []csat.Period
		want    error
	}{
		{"format auto", FormatAuto, LayoutLong, []csat.Period{{Name: "P", Table: ok}}, csat.ErrInvalid},
		{"bad layout", FormatCSV, Layout(5), []csat.Period{{Name: "P", Table: ok}}, csat.ErrInvalid},
		{"nil table", FormatCSV, LayoutLong, []csat.Period{{Name: "P"}}, csat.ErrInvalid},
		{"empty period name", FormatCSV, LayoutLong, []csat.Period{{Name: "", Table: ok}}, csat.ErrInvalid},
		{"period twice", FormatCSV, LayoutLong, []csat.Period{{Name: "P", Table: ok}, {Name: "P", Table: ok}}, csat.ErrDuplicate},
		{"scales differ", FormatCSV, LayoutLong, []csat.Period{{Name: "P", Table: ok}, {Name: "Q", Table: csat.NewTable(csat.NPSScale())}}, csat.ErrScaleMismatch},
		{"item with space", FormatCSV, LayoutLong, []csat.Period{{Name: "P", Table: table(" 功能", csat.SourceSurvey)}}, csat.ErrInvalid},
		{"period with control", FormatXLSX, LayoutLong, []csat.Period{{Name: "P\x01", Table: ok}}, csat.ErrInvalid}, // a Table refuses such item names itself
		{"source alias", FormatCSV, LayoutLong, []csat.Period{{Name: "P", Table: table("功能", "检查")}}, csat.ErrInvalid},
		{"wide meta item", FormatCSV, LayoutWide, []csat.Period{{Name: "P", Table: table("期间", csat.SourceSurvey)}}, csat.ErrInvalid},
		{"wide other source", FormatCSV, LayoutWide, []csat.Period{{Name: "P", Table: table("功能", "dealer")}}, csat.ErrInvalid},
		{"wide too many forms", FormatCSV, LayoutWide, []csat.Period{{Name: "P", Table: big}}, csat.ErrOutOfRange},
		{"xlsx cell too long", FormatXLSX, LayoutLong, []csat.Period{{Name: "P", Table: table(strings.Repeat("长", 32768), csat.SourceSurvey)}}, csat.ErrOutOfRange},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := WriteAnswers(&bytes.Buffer{}, c.format, c.layout, c.periods)
			if !errors.Is(err, c.want) {
				t.Errorf("error %v, want %v", err, c.want)
			}
		})
	}
	if err := WriteAnswers(nil, FormatCSV, LayoutLong, nil); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("nil writer: %v, want ErrInvalid", err)
	}
	// A long-layout item named like a meta column is fine.
	var b bytes.Buffer
	if err := WriteAnswers(&b, FormatCSV, LayoutLong, []csat.Period{{Name: "P", Table: table("期间", csat.SourceSurvey)}}); err != nil {
		t.Errorf("long item 期间: %v", err)
	}
	// The wide layout writes no column for an item without answers (it
	// would not read back), and the long one takes any source.
	tb := table("功能", csat.SourceSurvey)
	must(t, tb.AddN("外观", csat.SourceSurvey, 0, 0))
	b.Reset()
	if err := WriteAnswers(&b, FormatCSV, LayoutWide, []csat.Period{{Name: "P", Table: tb}}); err != nil || !strings.HasPrefix(b.String(), "\ufeffperiod,source,form,功能\n") {
		t.Errorf("wide item without answers: %v, %q", err, b.String())
	}
	if err := WriteAnswers(&b, FormatCSV, LayoutLong, []csat.Period{{Name: "P", Table: table("功能", "dealer")}}); err != nil {
		t.Errorf("long source dealer: %v", err)
	}
}

// TestGBKTwin checks that a GBK file reads as its UTF-8 twin, also when
// the decoder's chunks cut characters: a long file of Chinese items.
func TestGBKTwin(t *testing.T) {
	var b strings.Builder
	b.WriteString("期间,项目,来源,等级,数量\n")
	items := []string{"功能", "外观", "包装", "交货期", "服务质量"}
	levels := []string{"很满意", "满意", "基本满意", "不满意", "很不满意"}
	for i := range 20000 {
		fmt.Fprintf(&b, "2025,%s%d,检查,%s,%d\n", items[i%5], i%37, levels[i%5], i%7)
	}
	utf := []byte(b.String())
	a, asum, err := ReadAnswersFrom(bytes.NewReader(utf), "u.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	g, gsum, err := ReadAnswersFrom(bytes.NewReader(gbk(t, utf)), "g.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	if asum.Encoding != EncodingUTF8 || gsum.Encoding != EncodingGBK || asum.Answers != gsum.Answers || asum.Rows != 20000 {
		t.Errorf("summaries %+v and %+v", asum, gsum)
	}
	if len(a) != 1 || len(g) != 1 || !a[0].Table.Equal(g[0].Table) {
		t.Error("GBK file reads differently from its UTF-8 twin")
	}
}
