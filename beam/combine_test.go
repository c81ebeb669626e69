package csatbeam

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// sevenPoint is a user's scale, with fractional points and no Chinese
// labels, to check that a scale of any definition travels.
func sevenPoint(t fataler) *csat.Scale {
	t.Helper()
	var levels []csat.Level
	for i, k := range []string{"s7", "s6", "s5", "s4", "s3", "s2", "s1"} {
		levels = append(levels, csat.Level{Key: k, Points: decimal.New(int64(70-10*i), -1).Sub(decimal.New(5, -2)), Satisfied: i < 3})
	}
	s, err := csat.NewScale("seven-point", decimal.NewFromInt(7), levels)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// fnOnWorker returns the TableFn as a worker has it: marshalled to JSON
// (what Beam does with a CombineFn's exported fields) and read back.
func fnOnWorker(t fataler, s *csat.Scale) *TableFn {
	t.Helper()
	b, err := json.Marshal(NewTableFn(s))
	if err != nil {
		t.Fatal(err)
	}
	var fn TableFn
	if err := json.Unmarshal(b, &fn); err != nil {
		t.Fatal(err)
	}
	return &fn
}

// roundTrip encodes and decodes a Counting with the Beam coder's
// functions.
func roundTrip(t fataler, c *Counting) *Counting {
	t.Helper()
	b, err := encodeCounting(c)
	if err != nil {
		t.Fatal(err)
	}
	out, err := decodeCounting(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// However the answers are split into bundles (of any sizes, empty ones
// included), each bundle's accumulator encoded and decoded as between
// workers, and the accumulators merged in any order, TableFn gives the
// table that counting every answer into one table gives, bit for bit;
// with counts near 2⁶³ among them, the cells that overflow are exactly
// those where the sum of one level's counts, taken with big integers,
// passes 2⁶⁴ − 1, and the other cells hold their sums.
func TestTableFnAnyBundlesAnyMergeOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		scales := []*csat.Scale{csat.FivePoint(), csat.PVCBands(), sevenPoint(t)}
		sc := scales[rapid.IntRange(0, len(scales)-1).Draw(t, "scale")]
		huge := rapid.Bool().Draw(t, "huge counts")
		answers := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) Answer {
			a := Answer{
				Item:   rapid.SampledFrom(genItems).Draw(t, "item"),
				Source: rapid.SampledFrom(genSources).Draw(t, "source"),
				Level:  rapid.IntRange(0, sc.Len()-1).Draw(t, "level"),
				Count:  rapid.Uint64Range(0, 1<<40).Draw(t, "count"),
			}
			if huge && rapid.IntRange(0, 2).Draw(t, "big") == 0 {
				// A count near 2⁶³ in one of two cells' first levels: two
				// or three of them pass 2⁶⁴ − 1.
				a.Item, a.Source, a.Level = genItems[rapid.IntRange(0, 1).Draw(t, "big item")], csat.SourceSurvey, rapid.IntRange(0, 1).Draw(t, "big level")
				a.Count = rapid.Uint64Range(1<<62+1<<61, 1<<63+1<<62).Draw(t, "big count")
			}
			return a
		}), 0, 200).Draw(t, "answers")
		wantOver, over, want := tableFnReference(t, sc, answers)
		// Several splits of the same answers per check (the package runs
		// few rapid checks: see pipelineChecks).
		for range 8 {
			got := runTableFn(t, fnOnWorker(t, sc), answers)
			if diff := cmp.Diff(wantOver, got.Overflow, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("overflowing cells (-want +got):\n%s", diff)
			}
			if (got.Err() != nil) != (len(wantOver) > 0) || (got.Err() != nil && !errors.Is(got.Err(), csat.ErrOverflow)) {
				t.Fatalf("Err() = %v with %d cells overflowing", got.Err(), len(wantOver))
			}
			kept := got.Table
			if len(wantOver) > 0 { // the overflowing cells' counts are no sums: leave them out
				kept = csat.NewTable(sc)
				for _, c := range got.Table.Cells() {
					if over[c] {
						continue
					}
					u, err := got.Table.Tally(c.Item, c.Source)
					if err != nil {
						t.Fatal(err)
					}
					if err := kept.AddTally(c.Item, c.Source, u); err != nil {
						t.Fatal(err)
					}
				}
			}
			if !kept.Equal(want) {
				t.Fatalf("merged table differs from the single table")
			}
			gb, _ := kept.MarshalBinary()
			wb, _ := want.MarshalBinary()
			if !bytes.Equal(gb, wb) {
				t.Fatalf("merged table encodes to other bytes")
			}
		}
	})
}

// tableFnReference is what TableFn must give for answers: the cells
// where the sum of one level's counts, taken with big integers, passes
// 2⁶⁴ − 1 (sorted, and as a set), and one table of the other cells'
// answers.
func tableFnReference(t *rapid.T, sc *csat.Scale, answers []Answer) ([]csat.Cell, map[csat.Cell]bool, *csat.Table) {
	// The reference: sums in big integers, the overflowing cells, and
	// one table of the others' answers.
	type cellLevel struct {
		cell  csat.Cell
		level int
	}
	sums := map[cellLevel]*big.Int{}
	for _, a := range answers {
		k := cellLevel{csat.Cell{Item: a.Item, Source: a.Source}, a.Level}
		if sums[k] == nil {
			sums[k] = new(big.Int)
		}
		sums[k].Add(sums[k], new(big.Int).SetUint64(a.Count))
	}
	limit := new(big.Int).SetUint64(1<<64 - 1)
	over := map[csat.Cell]bool{}
	for k, v := range sums {
		if v.Cmp(limit) > 0 {
			over[k.cell] = true
		}
	}
	var wantOver []csat.Cell
	for c := range over {
		wantOver = append(wantOver, c)
	}
	slices.SortFunc(wantOver, compareCell)
	want := csat.NewTable(sc)
	for _, a := range answers {
		if over[csat.Cell{Item: a.Item, Source: a.Source}] {
			continue
		}
		if err := want.AddN(a.Item, a.Source, a.Level, a.Count); err != nil {
			t.Fatal(err)
		}
	}
	return wantOver, over, want
}

// runTableFn runs fn over answers split into random bundles (a few
// empty ones among them), each accumulator through the coder, merged
// in a random order.
func runTableFn(t *rapid.T, fn *TableFn, answers []Answer) *Counting {
	var accs []*Counting
	empty := 0
	for rest := answers; ; {
		acc, err := fn.CreateAccumulator()
		if err != nil {
			t.Fatal(err)
		}
		n := rapid.IntRange(0, len(rest)).Draw(t, "bundle size")
		if n == 0 {
			if empty++; empty > 3 { // a few empty bundles, not forever
				n = len(rest)
			}
		}
		for _, a := range rest[:n] {
			if acc, err = fn.AddInput(acc, a); err != nil {
				t.Fatal(err)
			}
		}
		accs = append(accs, roundTrip(t, acc))
		if rest = rest[n:]; len(rest) == 0 {
			break
		}
	}
	for len(accs) > 1 {
		i := rapid.IntRange(0, len(accs)-1).Draw(t, "a")
		j := rapid.IntRange(0, len(accs)-2).Draw(t, "b")
		a := accs[i]
		accs = append(accs[:i], accs[i+1:]...)
		b := accs[j]
		m, err := fn.MergeAccumulators(a, b)
		if err != nil {
			t.Fatal(err)
		}
		accs[j] = roundTrip(t, m)
	}
	return fn.ExtractOutput(accs[0])
}

// Counts never wrap: a count that passes 2⁶⁴ − 1, in AddInput or in
// MergeAccumulators, makes its cell overflow, and the key's failure
// wraps csat.ErrOverflow and names the cell; the other cells count on.
func TestTableFnOverflow(t *testing.T) {
	fn := NewTableFn(csat.FivePoint())
	a, _ := fn.CreateAccumulator()
	a, err := fn.AddInput(a, Answer{Item: "功能", Source: "survey", Level: 0, Count: 1<<64 - 1})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := fn.CreateAccumulator()
	b, _ = fn.AddInput(b, Answer{Item: "功能", Source: "survey", Level: 0, Count: 1})
	b, _ = fn.AddInput(b, Answer{Item: "外观", Source: "survey", Level: 1, Count: 2})
	m, err := fn.MergeAccumulators(a, b)
	if err != nil {
		t.Fatal(err)
	}
	want := []csat.Cell{{Item: "功能", Source: "survey"}}
	if diff := cmp.Diff(want, m.Overflow); diff != "" {
		t.Errorf("merge: overflow (-want +got):\n%s", diff)
	}
	if n, _ := m.Table.Tally("外观", "survey"); n.Count(1) != 2 {
		t.Errorf("merge: 外观 counts %d at level 1, want 2", n.Count(1))
	}
	if err := m.Err(); !errors.Is(err, csat.ErrOverflow) || !strings.Contains(err.Error(), `cell "功能"/"survey"`) {
		t.Errorf("merge: Err() = %v, want an overflow of cell 功能/survey", err)
	}
	c, _ := fn.CreateAccumulator()
	c, _ = fn.AddInput(c, Answer{Item: "功能", Source: "self", Level: 4, Count: 1<<63 + 1})
	c, _ = fn.AddInput(c, Answer{Item: "功能", Source: "self", Level: 4, Count: 1 << 63})
	if diff := cmp.Diff([]csat.Cell{{Item: "功能", Source: "self"}}, c.Overflow); diff != "" {
		t.Errorf("add: overflow (-want +got):\n%s", diff)
	}
}

func TestTableFnWithoutScale(t *testing.T) {
	if _, err := (&TableFn{}).CreateAccumulator(); !errors.Is(err, csat.ErrMissing) {
		t.Errorf("no scale: %v, want ErrMissing", err)
	}
	if _, err := (&TableFn{Scale: `{"name":"x","full_marks":"10","levels":[]}`}).CreateAccumulator(); !errors.Is(err, csat.ErrInvalidScale) {
		t.Errorf("bad scale: %v, want ErrInvalidScale", err)
	}
}

// A scale rebuilt from its definition is the scale: equal, same
// fingerprint, so tables and tallies of the two merge.
func TestScaleDefinitionRoundTrip(t *testing.T) {
	for _, s := range []*csat.Scale{csat.FivePoint(), csat.PVCBands(), csat.NPSScale(), sevenPoint(t)} {
		d, err := scaleDef(s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := scaleFromJSON([]byte(d))
		if err != nil {
			t.Fatalf("%s: %v", s.Name(), err)
		}
		if !got.Equal(s) || got.Fingerprint() != s.Fingerprint() {
			t.Errorf("%s: rebuilt scale differs", s.Name())
		}
	}
}

func TestDecodeTableRejectsCorruptData(t *testing.T) {
	tb := csat.NewTable(csat.FivePoint())
	if err := tb.AddN("功能", "survey", 1, 5); err != nil {
		t.Fatal(err)
	}
	good, err := EncodeTable(tb)
	if err != nil {
		t.Fatal(err)
	}
	if got := roundTrip(t, &Counting{Table: tb}).Table; !got.Equal(tb) {
		t.Fatal("round trip changed the table")
	}
	// The five-point scale's definition before a table of another scale.
	def, _ := scaleDef(csat.FivePoint())
	pvc, _ := csat.NewTable(csat.PVCBands()).MarshalBinary()
	mixed := append(binary.AppendUvarint([]byte(tableCodec), uint64(len(def))), def...)
	mixed = append(mixed, pvc...)
	for name, data := range map[string][]byte{
		"empty":             nil,
		"other magic":       append([]byte("XSBT\x01"), good[5:]...),
		"cut in the length": good[:len(tableCodec)],
		"cut in the scale":  good[:len(tableCodec)+20],
		"cut in the table":  good[:len(good)-1],
		"trailing byte":     append(append([]byte{}, good...), 0),
		"scale not JSON":    append([]byte(tableCodec+"\x02{]"), good[len(good)-10:]...),
		"mixed":             mixed,
	} {
		if _, err := DecodeTable(data); !errors.Is(err, csat.ErrCorrupt) && !errors.Is(err, csat.ErrScaleMismatch) {
			t.Errorf("%s: %v, want ErrCorrupt", name, err)
		}
	}
	if _, err := EncodeTable(nil); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("nil table: %v, want ErrInvalid", err)
	}
	if _, err := EncodeTable(&csat.Table{}); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("table without scale: %v, want ErrInvalid", err)
	}
}

func TestDecodeCountingRejectsCorruptData(t *testing.T) {
	c := &Counting{Table: csat.NewTable(csat.FivePoint()), Overflow: []csat.Cell{{Item: "a", Source: "s"}, {Item: "b", Source: "s"}}}
	if err := c.Table.AddN("功能", "survey", 1, 5); err != nil {
		t.Fatal(err)
	}
	good, err := encodeCounting(c)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(c.Overflow, roundTrip(t, c).Overflow); diff != "" {
		t.Fatalf("round trip changed the cells (-want +got):\n%s", diff)
	}
	swapped := bytes.Replace(good, []byte("\x01a\x01s\x01b"), []byte("\x01b\x01s\x01a"), 1)
	if bytes.Equal(swapped, good) {
		t.Fatal("test: the cells were not found in the encoding")
	}
	for name, data := range map[string][]byte{
		"empty":           nil,
		"other magic":     append([]byte("XSBC\x01"), good[5:]...),
		"cut in a cell":   good[:len(good)-1],
		"trailing byte":   append(append([]byte{}, good...), 0),
		"cells unordered": swapped,
		"huge cell count": append(good[:len(good)-8], 0xff, 0xff, 0xff, 0x0f),
	} {
		if _, err := decodeCounting(data); !errors.Is(err, csat.ErrCorrupt) {
			t.Errorf("%s: %v, want ErrCorrupt", name, err)
		}
	}
	if _, err := encodeCounting(nil); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("nil: %v, want ErrInvalid", err)
	}
}
