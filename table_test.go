package csat

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"unsafe"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
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
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("accessors mismatch (-want +got):\n%s", diff)
	}
	total, err := tab.Total(SourceSurvey)
	must(err)
	if diff := gocmp.Diff([]uint64{2, 0, 0, 0, 1}, total.Counts()); diff != "" {
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

// tableModel is the reference of TestTableCacheModel: a table as a plain
// map from cell to counts (present means the cell exists, even with no
// answers), with overflow checked by comparison, sharing no code with
// Table. scaled is false for a zero Table.
type tableModel struct {
	scaled bool
	cells  map[Cell][5]uint64
}

func (m *tableModel) clone() *tableModel {
	c := &tableModel{scaled: m.scaled, cells: map[Cell][5]uint64{}}
	for k, v := range m.cells {
		c.cells[k] = v
	}
	return c
}

// cacheNames are items and sources that a cache comparing only addresses,
// only lengths or only bytes would confuse: "ab" is a prefix of "abc" at
// the same address, "xy" and "xz" have one length, and a name may be
// drawn as a fresh copy at another address. "" and "a\x1bb" are invalid.
var cacheNames = func() []string {
	abc := strings.Clone("abc") // built at run time: abc[:2] shares its bytes
	return []string{abc, abc[:2], "xy", "xz", "功能", SourceSurvey, "", "a\x1bb"}
}()

// drawName draws one of cacheNames, as a fresh copy half the time.
func drawName(t *rapid.T, label string) string {
	s := rapid.SampledFrom(cacheNames).Draw(t, label)
	if rapid.Bool().Draw(t, label+" copy") {
		s = strings.Clone(s)
	}
	return s
}

// update applies add (the counts to add, or an unknown level) to the
// model's cell as the table does: ErrInvalid without a scale or for a
// bad new name, ErrUnknownLevel, ErrOverflow, and nothing changed on
// error.
func (m *tableModel) update(item, source string, add [5]uint64, unknown bool) error {
	if !m.scaled {
		return ErrInvalid
	}
	c := Cell{item, source}
	counts, ok := m.cells[c]
	if !ok && (!validName(item) || !validName(source)) {
		return ErrInvalid
	}
	if unknown {
		return ErrUnknownLevel
	}
	for i, n := range add {
		if counts[i] > ^uint64(0)-n {
			return ErrOverflow
		}
		counts[i] += n
	}
	m.cells[c] = counts
	return nil
}

// merge adds u to m as Table.Merge does.
func (m *tableModel) merge(u *tableModel) error {
	if !m.scaled {
		if u.scaled {
			*m = *u.clone()
		}
		return nil
	}
	next := m.clone()
	for c, add := range u.cells {
		counts := next.cells[c]
		for i, n := range add {
			if counts[i] > ^uint64(0)-n {
				return ErrOverflow
			}
			counts[i] += n
		}
		next.cells[c] = counts
	}
	*m = *next
	return nil
}

// tableOp draws one operation and applies it to a table and its model,
// returning both errors (nil, nil for operations that cannot fail).
type tableOp func(t *rapid.T, tabs *[]*Table, models *[]*tableModel) (got, want error)

var cacheLabels = []string{"很满意", "满意", "基本满意", "不满意", "很不满意", "无"}

func levelOf(i int) (add [5]uint64, unknown bool) {
	if i < 0 || i > 4 {
		return add, true
	}
	add[i] = 1
	return add, false
}

var tableOps = map[string]tableOp{
	"Add": func(t *rapid.T, tabs *[]*Table, models *[]*tableModel) (error, error) {
		k := rapid.IntRange(0, len(*tabs)-1).Draw(t, "table")
		item, source, i := drawName(t, "item"), drawName(t, "source"), rapid.IntRange(-1, 5).Draw(t, "level")
		add, unknown := levelOf(i)
		return (*tabs)[k].Add(item, source, i), (*models)[k].update(item, source, add, unknown)
	},
	"AddN": func(t *rapid.T, tabs *[]*Table, models *[]*tableModel) (error, error) {
		k := rapid.IntRange(0, len(*tabs)-1).Draw(t, "table")
		item, source, i := drawName(t, "item"), drawName(t, "source"), rapid.IntRange(-1, 5).Draw(t, "level")
		n := rapid.SampledFrom([]uint64{0, 1, 7, 1 << 63, ^uint64(0)}).Draw(t, "n")
		add, unknown := levelOf(i)
		if !unknown {
			add[i] = n
		}
		return (*tabs)[k].AddN(item, source, i, n), (*models)[k].update(item, source, add, unknown)
	},
	"AddKey": func(t *rapid.T, tabs *[]*Table, models *[]*tableModel) (error, error) {
		k := rapid.IntRange(0, len(*tabs)-1).Draw(t, "table")
		item, source, i := drawName(t, "item"), drawName(t, "source"), rapid.IntRange(0, 5).Draw(t, "label")
		add, unknown := levelOf(i)
		return (*tabs)[k].AddKey(item, source, cacheLabels[i]), (*models)[k].update(item, source, add, unknown)
	},
	"AddCodes": func(t *rapid.T, tabs *[]*Table, models *[]*tableModel) (error, error) {
		k := rapid.IntRange(0, len(*tabs)-1).Draw(t, "table")
		item, source := drawName(t, "item"), drawName(t, "source")
		codes := rapid.SliceOfN(rapid.ByteRange(0, 5), 0, 4).Draw(t, "codes")
		var add [5]uint64
		unknown := false
		for _, c := range codes {
			if c > 4 {
				unknown = true
				break
			}
			add[c]++
		}
		return (*tabs)[k].AddCodes(item, source, codes), (*models)[k].update(item, source, add, unknown)
	},
	"Row": func(t *rapid.T, tabs *[]*Table, models *[]*tableModel) (error, error) {
		// A row of answers in a fixed cell order, the pattern the
		// next-cell guess serves.
		k := rapid.IntRange(0, len(*tabs)-1).Draw(t, "table")
		i := rapid.IntRange(0, 4).Draw(t, "level")
		add, _ := levelOf(i)
		for _, item := range []string{"xy", "xz", "abc", "ab"} {
			got, want := (*tabs)[k].Add(item, SourceSurvey, i), (*models)[k].update(item, SourceSurvey, add, false)
			if !sameErr(got, want) {
				return got, want
			}
		}
		return nil, nil
	},
	"Merge": func(t *rapid.T, tabs *[]*Table, models *[]*tableModel) (error, error) {
		a, b := rapid.IntRange(0, len(*tabs)-1).Draw(t, "into"), rapid.IntRange(0, len(*tabs)-1).Draw(t, "from")
		if a == b {
			// Merging a table into itself doubles it; the model needs its
			// own copy for that.
			return (*tabs)[a].Merge((*tabs)[b]), (*models)[a].merge((*models)[b].clone())
		}
		return (*tabs)[a].Merge((*tabs)[b]), (*models)[a].merge((*models)[b])
	},
	"Clone": func(t *rapid.T, tabs *[]*Table, models *[]*tableModel) (error, error) {
		k := rapid.IntRange(0, len(*tabs)-1).Draw(t, "table")
		*tabs = append(*tabs, (*tabs)[k].Clone())
		*models = append(*models, (*models)[k].clone())
		return nil, nil
	},
	"Decode": func(t *rapid.T, tabs *[]*Table, models *[]*tableModel) (error, error) {
		// Decoding replaces the cells (in another order) under the hint.
		k := rapid.IntRange(0, len(*tabs)-1).Draw(t, "table")
		if !(*models)[k].scaled {
			return nil, nil
		}
		wire, err := (*tabs)[k].MarshalBinary()
		if err == nil {
			err = (*tabs)[k].UnmarshalBinary(wire)
		}
		return err, nil
	},
}

// sameErr reports whether got is want's kind of error (both nil, or got
// matching want with errors.Is).
func sameErr(got, want error) bool {
	if want == nil {
		return got == nil
	}
	return errors.Is(got, want)
}

// checkModel fails unless tab holds exactly the model's cells and counts.
func checkModel(t *rapid.T, k int, tab *Table, m *tableModel) {
	want := []Cell{}
	for c := range m.cells {
		want = append(want, c)
	}
	slices.SortFunc(want, func(a, b Cell) int {
		return cmp.Or(strings.Compare(a.Item, b.Item), strings.Compare(a.Source, b.Source))
	})
	if diff := gocmp.Diff(want, tab.Cells(), cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("table %d: cells (-want +got):\n%s", k, diff)
	}
	for _, c := range want {
		tl, err := tab.Tally(c.Item, c.Source)
		counts := m.cells[c]
		if err != nil || !slices.Equal(tl.Counts(), counts[:]) {
			t.Fatalf("table %d, cell %q/%q: %v, %v; want %v", k, c.Item, c.Source, tl.Counts(), err, counts)
		}
	}
}

// TestTableCacheModel: random sequences of updates, merges, clones and
// decodings over several tables (a zero Table among them), with names
// that share addresses or lengths, leave every table equal to a plain
// map-of-counts model, with the same errors: the last-cell hint never
// picks a wrong tally, and no table's hint writes into another table.
func TestTableCacheModel(t *testing.T) {
	if unsafe.StringData(cacheNames[0]) != unsafe.StringData(cacheNames[1]) {
		t.Fatal(`"ab" and "abc" do not share an address: the test misses its case`)
	}
	names := slices.Sorted(maps.Keys(tableOps))
	rapid.Check(t, func(t *rapid.T) {
		tabs := []*Table{NewTable(FivePoint()), {}}
		models := []*tableModel{{scaled: true, cells: map[Cell][5]uint64{}}, {cells: map[Cell][5]uint64{}}}
		for range rapid.IntRange(1, 60).Draw(t, "steps") {
			name := rapid.SampledFrom(names).Draw(t, "op")
			if got, want := tableOps[name](t, &tabs, &models); !sameErr(got, want) {
				t.Fatalf("%s: error %v, want %v", name, got, want)
			}
			for k := range tabs {
				checkModel(t, k, tabs[k], models[k])
			}
		}
	})
}

// TestTableCloneCache: a clone shares no cell with its original, whatever
// cell each one's hint holds.
func TestTableCloneCache(t *testing.T) {
	orig := NewTable(FivePoint())
	if err := orig.Add("功能", SourceSurvey, 0); err != nil {
		t.Fatal(err)
	}
	c := orig.Clone()
	err := errors.Join(c.Add("功能", SourceSurvey, 1), c.AddN("功能", SourceSurvey, 1, 2),
		c.AddKey("功能", SourceSurvey, "满意"), c.AddCodes("功能", SourceSurvey, []byte{1}))
	if err != nil {
		t.Fatal(err)
	}
	if tl, _ := orig.Tally("功能", SourceSurvey); !slices.Equal(tl.Counts(), []uint64{1, 0, 0, 0, 0}) {
		t.Errorf("the clone's updates reached the original: %v", tl.Counts())
	}
	if err := orig.Add("功能", SourceSurvey, 4); err != nil {
		t.Fatal(err)
	}
	if tl, _ := c.Tally("功能", SourceSurvey); !slices.Equal(tl.Counts(), []uint64{1, 5, 0, 0, 0}) {
		t.Errorf("clone: %v, want 1 + 5 answers (1 before the clone, 5 after)", tl.Counts())
	}
	// A zero Table that took a copy by Merge is just as independent.
	var z Table
	if err := errors.Join(z.Merge(orig), z.Add("功能", SourceSurvey, 2)); err != nil {
		t.Fatal(err)
	}
	if tl, _ := orig.Tally("功能", SourceSurvey); !slices.Equal(tl.Counts(), []uint64{1, 0, 0, 0, 1}) {
		t.Errorf("the merged copy's update reached the original: %v", tl.Counts())
	}
}

// TestTableCachePrefix: names that share their address but not their
// length are other cells, in the item and the source at once.
func TestTableCachePrefix(t *testing.T) {
	abc := strings.Clone("abc")
	for _, s := range []string{abc, abc[:2], abc[:1], strings.Clone("abd"), strings.Clone("abc")} {
		if got := sameString(abc, s); got != (s == "abc") {
			t.Errorf("sameString(%q, %q) = %t", abc, s, got)
		}
	}
	tab := NewTable(FivePoint())
	if err := errors.Join(tab.Add(abc, abc, 0), tab.Add(abc[:2], abc[:2], 1), tab.Add(abc[:2], abc[:2], 1)); err != nil {
		t.Fatal(err)
	}
	want := []Cell{{"ab", "ab"}, {"abc", "abc"}}
	if diff := gocmp.Diff(want, tab.Cells()); diff != "" {
		t.Fatalf("cells (-want +got):\n%s", diff)
	}
	for c, counts := range map[Cell][]uint64{want[0]: {0, 2, 0, 0, 0}, want[1]: {1, 0, 0, 0, 0}} {
		if tl, err := tab.Tally(c.Item, c.Source); err != nil || !slices.Equal(tl.Counts(), counts) {
			t.Errorf("cell %v: %v, %v; want %v", c, tl.Counts(), err, counts)
		}
	}
}
