package csat

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

type answer struct {
	item, source string
	level        int
}

func genSurvey(t *rapid.T) []answer {
	items := []string{"功能", "外观", "包装", "交货期", "服务质量"}
	sources := []string{SourceSelf, SourceSurvey, SourceCompetitor}
	return rapid.SliceOfN(rapid.Custom(func(t *rapid.T) answer {
		return answer{
			item:   rapid.SampledFrom(items).Draw(t, "item"),
			source: rapid.SampledFrom(sources).Draw(t, "source"),
			level:  rapid.IntRange(0, 4).Draw(t, "level"),
		}
	}), 0, 300).Draw(t, "answers")
}

// TestTableShardMerge: a survey split over shards, each shard's table
// encoded, decoded and merged in any order, equals the single table and
// encodes to the same bytes.
func TestTableShardMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		answers := genSurvey(t)
		single := NewTable(FivePoint())
		for _, a := range answers {
			if err := single.Add(a.item, a.source, a.level); err != nil {
				t.Fatal(err)
			}
		}
		n := rapid.IntRange(1, 5).Draw(t, "shards")
		shards := make([]*Table, n)
		for i := range shards {
			shards[i] = NewTable(FivePoint())
		}
		for _, a := range answers {
			_ = shards[rapid.IntRange(0, n-1).Draw(t, "to")].Add(a.item, a.source, a.level)
		}
		merged := NewTable(FivePoint())
		for _, k := range rapid.Permutation(rangeN(n)).Draw(t, "order") {
			wire, err := shards[k].MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			got := NewTable(FivePoint())
			if err := got.UnmarshalBinary(wire); err != nil {
				t.Fatal(err)
			}
			if err := merged.Merge(got); err != nil {
				t.Fatal(err)
			}
		}
		a, _ := merged.MarshalBinary()
		b, _ := single.MarshalBinary()
		if !merged.Equal(single) || !bytes.Equal(a, b) {
			t.Fatal("sharded table differs from the single table")
		}
		js, _ := json.Marshal(single)
		back := NewTable(FivePoint())
		if err := json.Unmarshal(js, back); err != nil || !back.Equal(single) {
			t.Fatalf("JSON round trip: %v", err)
		}
	})
}

func TestTableAccessors(t *testing.T) {
	tab := NewTable(FivePoint())
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(tab.Add("b", SourceSurvey, 0))
	must(tab.AddKey("a", SourceSelf, "满意"))
	must(tab.AddCodes("a", SourceSurvey, []byte{0, 4}))
	must(tab.AddTally("b", SourceSelf, tallyOf(t, 0, 0, 1)))
	got := struct {
		Cells   []Cell
		Items   []string
		Sources []string
	}{tab.Cells(), tab.Items(), tab.Sources()}
	want := struct {
		Cells   []Cell
		Items   []string
		Sources []string
	}{
		[]Cell{{"a", "self"}, {"a", "survey"}, {"b", "self"}, {"b", "survey"}},
		[]string{"a", "b"}, []string{"self", "survey"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("accessors mismatch (-want +got):\n%s", diff)
	}
	total, err := tab.Total(SourceSurvey)
	must(err)
	if diff := cmp.Diff([]uint64{2, 0, 0, 0, 1}, total.Counts()); diff != "" {
		t.Errorf("Total mismatch (-want +got):\n%s", diff)
	}
	c := tab.Clone()
	must(c.Add("a", SourceSelf, 1))
	if tl, err := tab.Tally("a", SourceSelf); err != nil || c.Equal(tab) || tl.Count(1) != 1 {
		t.Error("Clone is not independent")
	}
}

func TestTableErrors(t *testing.T) {
	pvc := NewTable(PVCBands())
	_ = pvc.Add("x", SourceSurvey, 0)
	full := NewTable(FivePoint())
	_ = full.AddN("x", SourceSurvey, 0, ^uint64(0))
	one := NewTable(FivePoint())
	_ = one.Add("x", SourceSurvey, 0)
	_ = one.Add("y", SourceSurvey, 0)
	fp := `"fingerprint":"` + fpHex(FivePoint()) + `"`
	all := `"very_satisfied":1,"satisfied":2,"basically_satisfied":3,"dissatisfied":4,"very_dissatisfied":5`
	cases := []struct {
		name string
		run  func() error
		want errCheck
	}{
		{"empty item", func() error { return NewTable(FivePoint()).Add("", SourceSurvey, 0) }, errCheck{ErrInvalid, `csat: table: item name "" must be non-empty UTF-8 without control characters: invalid argument`}},
		{"empty source", func() error { return NewTable(FivePoint()).Add("x", "", 0) }, errCheck{ErrInvalid, `csat: table: source name "" must be non-empty UTF-8 without control characters: invalid argument`}},
		{"escape in item", func() error { return NewTable(FivePoint()).Add("a\x1b[2Jb", SourceSurvey, 0) }, errCheck{ErrInvalid, `csat: table: item name "a\x1b[2Jb" must be non-empty UTF-8 without control characters: invalid argument`}},
		{"bad utf8", func() error { return NewTable(FivePoint()).Add("\xff", "s", 0) }, errCheck{ErrInvalid, ""}},
		{"unknown level", func() error { return NewTable(FivePoint()).Add("x", SourceSurvey, 9) }, errCheck{ErrUnknownLevel, ""}},
		{"zero table", func() error { var z Table; return z.Add("x", "s", 0) }, errCheck{ErrInvalid, `csat: table without scale (use NewTable): invalid argument`}},
		{"merge scales", func() error { return one.Clone().Merge(pvc) }, errCheck{ErrScaleMismatch, `csat: merge: table of scale "five-point" with table of scale "pvc-bands": scale mismatch`}},
		{"merge overflow", func() error { return full.Clone().Merge(one) }, errCheck{ErrOverflow, `csat: cell "x"/"survey": merge: level 0 count 18446744073709551615 + 1: count overflow`}},
		{"decode other scale", func() error { b, _ := pvc.MarshalBinary(); return NewTable(FivePoint()).UnmarshalBinary(b) }, errCheck{ErrScaleMismatch, ""}},
		{"decode duplicate JSON cell", func() error {
			return NewTable(FivePoint()).UnmarshalJSON([]byte(`{"scale":"five-point",` + fp + `,"cells":[{"item":"x","source":"s","counts":{` + all + `}},{"item":"x","source":"s","counts":{` + all + `}}]}`))
		}, errCheck{ErrDuplicate, `csat: cell "x"/"s": decode: cell given twice: duplicate`}},
		{"decode empty JSON item", func() error {
			return NewTable(FivePoint()).UnmarshalJSON([]byte(`{"scale":"five-point",` + fp + `,"cells":[{"item":"","source":"s","counts":{` + all + `}}]}`))
		}, errCheck{ErrCorrupt, ""}},
		// Accepted silently before: {} and "cells":null as a table, an
		// empty table of another scale, a bad cell not named.
		{"decode {}", func() error { return NewTable(FivePoint()).UnmarshalJSON([]byte(`{}`)) }, errCheck{ErrScaleMismatch, ""}},
		{"decode null cells", func() error {
			return NewTable(FivePoint()).UnmarshalJSON([]byte(`{"scale":"five-point",` + fp + `,"cells":null}`))
		}, errCheck{ErrCorrupt, ""}},
		{"decode empty foreign table", func() error {
			return NewTable(FivePoint()).UnmarshalJSON([]byte(`{"scale":"pvc-bands","fingerprint":"` + fpHex(PVCBands()) + `","cells":[]}`))
		}, errCheck{ErrScaleMismatch, ""}},
		{"decode bad count names the cell", func() error {
			return NewTable(FivePoint()).UnmarshalJSON([]byte(`{"scale":"five-point",` + fp + `,"cells":[{"item":"x","source":"s","counts":{"great":1}}]}`))
		}, errCheck{ErrUnknownLevel, `csat: cell "x"/"s": decode: scale "five-point" has no level key "great": unknown level`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkErr(t, c.run(), c.want) })
	}
	// Out-of-order cells in a binary encoding are rejected.
	b, _ := one.MarshalBinary()
	swapped := bytes.Replace(b, []byte("\x01x\x06survey"), []byte("\x01z\x06survey"), 1)
	if err := NewTable(FivePoint()).UnmarshalBinary(swapped); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "checksum mismatch") {
		t.Errorf("damaged encoding: %v", err)
	}
	// With its checksum made right, the order is what is refused.
	swapped = appendCRC(swapped[:len(swapped)-crcLen])
	if err := NewTable(FivePoint()).UnmarshalBinary(swapped); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "out of order or repeated") {
		t.Errorf("cells out of order: %v", err)
	}
	// The failed overflow merge left the table unchanged.
	before := full.Clone()
	_ = full.Merge(one)
	if !full.Equal(before) {
		t.Error("failed merge changed the table")
	}
}

func TestTableTallyUnknownName(t *testing.T) {
	tab := NewTable(FivePoint())
	if err := errors.Join(tab.Add("功能", SourceSurvey, 0), tab.Add("外观", SourceSelf, 1)); err != nil {
		t.Fatal(err)
	}
	// A cell of a known item and a known source with no answers is an
	// empty tally, not an error.
	tl, err := tab.Tally("功能", SourceSelf)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := tl.N(); n != 0 || tl.Scale() != FivePoint() {
		t.Errorf("empty cell: %d answers, scale %v", n, tl.Scale())
	}
	// A misspelt item or source is an error naming the cell.
	for _, c := range []Cell{{"功 能", SourceSurvey}, {"功能", "surevy"}} {
		_, err := tab.Tally(c.Item, c.Source)
		var ce *CellError
		if !errors.Is(err, ErrUnknownItem) || !errors.As(err, &ce) || ce.Item != c.Item || ce.Source != c.Source {
			t.Errorf("Tally(%q, %q): %v; want a *CellError wrapping ErrUnknownItem", c.Item, c.Source, err)
		}
	}
}

// A zero Table is a ready accumulator: merging into it takes the other
// table's scale and a copy of its cells; a nil *Table is ErrInvalid.
func TestZeroTableMerge(t *testing.T) {
	u := NewTable(FivePoint())
	if err := u.AddN("功能", SourceSurvey, 0, 3); err != nil {
		t.Fatal(err)
	}
	var z Table
	if err := z.Merge(nil); err != nil || z.Scale() != nil {
		t.Fatalf("zero merge nil: %v, scale %v", err, z.Scale())
	}
	if err := z.Merge(&Table{}); err != nil || z.Scale() != nil {
		t.Fatalf("zero merge zero: %v, scale %v", err, z.Scale())
	}
	if err := z.Merge(u); err != nil || !z.Equal(u) {
		t.Fatalf("zero merge u: %v, equal %t", err, z.Equal(u))
	}
	// A copy: adding to u afterwards leaves z alone; merging again adds.
	if err := u.AddN("功能", SourceSurvey, 0, 1); err != nil {
		t.Fatal(err)
	}
	if tl, _ := z.Tally("功能", SourceSurvey); tl.Count(0) != 3 {
		t.Errorf("z shares u's cells: count %d, want 3", tl.Count(0))
	}
	if err := z.Merge(u); err != nil {
		t.Fatal(err)
	}
	if tl, _ := z.Tally("功能", SourceSurvey); tl.Count(0) != 7 {
		t.Errorf("after a second merge count %d, want 3 + 4 = 7", tl.Count(0))
	}
	var nilTable *Table
	if err := nilTable.Merge(u); !errors.Is(err, ErrInvalid) {
		t.Errorf("nil table merge: %v, want ErrInvalid", err)
	}
}
