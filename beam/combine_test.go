package csatbeam

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"testing"

	"github.com/csatkit/csat"
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

// roundTrip encodes and decodes a table with the Beam coder's functions.
func roundTrip(t fataler, tb *csat.Table) *csat.Table {
	t.Helper()
	b, err := EncodeTable(tb)
	if err != nil {
		t.Fatal(err)
	}
	out, err := DecodeTable(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// However the answers are split into bundles (of any sizes, empty ones
// included), each bundle's accumulator encoded and decoded as between
// workers, and the accumulators merged in any order, TableFn gives the
// table that counting every answer into one table gives, bit for bit.
func TestTableFnAnyBundlesAnyMergeOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		scales := []*csat.Scale{csat.FivePoint(), csat.PVCBands(), sevenPoint(t)}
		sc := scales[rapid.IntRange(0, len(scales)-1).Draw(t, "scale")]
		answers := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) Answer {
			return Answer{
				Item:   rapid.SampledFrom(genItems).Draw(t, "item"),
				Source: rapid.SampledFrom(genSources).Draw(t, "source"),
				Level:  rapid.IntRange(0, sc.Len()-1).Draw(t, "level"),
				Count:  rapid.Uint64Range(0, 1<<40).Draw(t, "count"),
			}
		}), 0, 200).Draw(t, "answers")
		want := csat.NewTable(sc)
		for _, a := range answers {
			if err := want.AddN(a.Item, a.Source, a.Level, a.Count); err != nil {
				t.Fatal(err)
			}
		}
		// Several splits of the same answers per check (the package runs
		// few rapid checks: see pipelineChecks).
		for range 8 {
			fn := fnOnWorker(t, sc)
			var accs []*csat.Table
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
			got := fn.ExtractOutput(accs[0])
			if !got.Equal(want) {
				t.Fatalf("merged table differs from the single table")
			}
			gb, _ := got.MarshalBinary()
			wb, _ := want.MarshalBinary()
			if !bytes.Equal(gb, wb) {
				t.Fatalf("merged table encodes to other bytes")
			}
		}
	})
}

// Counts never wrap: an overflow in AddInput or in MergeAccumulators is
// an error wrapping csat.ErrOverflow naming the cell.
func TestTableFnOverflow(t *testing.T) {
	fn := NewTableFn(csat.FivePoint())
	a, _ := fn.CreateAccumulator()
	a, err := fn.AddInput(a, Answer{Item: "功能", Source: "survey", Level: 0, Count: 1<<64 - 1})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := fn.CreateAccumulator()
	b, _ = fn.AddInput(b, Answer{Item: "功能", Source: "survey", Level: 0, Count: 1})
	var ce *csat.CellError
	if _, err := fn.MergeAccumulators(a, b); !errors.Is(err, csat.ErrOverflow) || !errors.As(err, &ce) || ce.Item != "功能" {
		t.Errorf("merge: %v, want an overflow of cell 功能/survey", err)
	}
	if n, _ := a.Tally("功能", "survey"); n.Count(0) != 1<<64-1 {
		t.Errorf("a failed merge changed the accumulator: %d", n.Count(0))
	}
	if _, err := fn.AddInput(a, Answer{Item: "功能", Source: "survey", Level: 0, Count: 1}); !errors.Is(err, csat.ErrOverflow) || !errors.As(err, &ce) || ce.Source != "survey" {
		t.Errorf("add: %v, want an overflow of cell 功能/survey", err)
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
	if got := roundTrip(t, tb); !got.Equal(tb) {
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
