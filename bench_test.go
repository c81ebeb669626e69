package csat

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// BenchmarkTallyAdd counts one answer; it must not allocate.
func BenchmarkTallyAdd(b *testing.B) {
	b.ReportAllocs()
	t := NewTally(FivePoint())
	i := 0
	for b.Loop() {
		if err := t.Add(i); err != nil {
			b.Fatal(err)
		}
		i++
		if i == 5 {
			i = 0
		}
	}
}

// codes returns n pseudo-random level codes 0..4 (fixed seed).
func codes(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.IntN(5))
	}
	return b
}

var benchSizes = []struct {
	name string
	n    int
}{{"1MiB", 1 << 20}, {"64MiB", 64 << 20}}

// BenchmarkAddCodes counts byte-coded answers in bulk, validated and
// overflow-checked. Compare its MB/s with BenchmarkBaselineCount.
func BenchmarkAddCodes(b *testing.B) {
	for _, s := range benchSizes {
		data := codes(s.n)
		b.Run("size="+s.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				t := NewTally(FivePoint())
				if err := t.AddCodes(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

var baselineSink uint64

// BenchmarkBaselineCount is the plainest possible byte-counting loop, with
// no validation: the yardstick for BenchmarkAddCodes.
func BenchmarkBaselineCount(b *testing.B) {
	for _, s := range benchSizes {
		data := codes(s.n)
		b.Run("size="+s.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				var c [256]uint64
				for _, x := range data {
					c[x]++
				}
				baselineSink += c[0]
			}
		})
	}
}

// BenchmarkScore scores tallies of 10 and of 10⁹ answers: the cost is that
// of the counts' digits, not of the number of answers.
func BenchmarkScore(b *testing.B) {
	for _, n := range []struct {
		name   string
		counts []uint64
	}{
		{"n=10", []uint64{4, 2, 2, 1, 1}},
		{"n=1e9", []uint64{400_000_000, 200_000_000, 200_000_000, 100_000_000, 100_000_000}},
	} {
		t := tallyOf(b, n.counts...)
		b.Run("degree/"+n.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := (Degree{}).Score(t); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("rate/"+n.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := (Rate{}).Score(t); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTableMerge merges two 5-item × 3-source survey tables.
func BenchmarkTableMerge(b *testing.B) {
	mk := func() *Table {
		t := NewTable(FivePoint())
		for _, it := range []string{"a", "b", "c", "d", "e"} {
			for _, s := range []string{SourceSelf, SourceSurvey, SourceCompetitor} {
				_ = t.AddN(it, s, 1, 7)
			}
		}
		return t
	}
	x, y := mk(), mk()
	b.ReportAllocs()
	for b.Loop() {
		if err := x.Merge(y); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTableAdd counts one answer into an existing cell of a table,
// beside BenchmarkTallyAdd.
func BenchmarkTableAdd(b *testing.B) {
	t := NewTable(FivePoint())
	if err := t.Add("功能", SourceSurvey, 0); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := t.Add("功能", SourceSurvey, 1); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTableAddRow counts survey rows answer by answer, as a reader
// does: each row rates 8 items, with names freshly allocated per row (as
// parsed from a file), so that no two rows pass the same strings.
func BenchmarkTableAddRow(b *testing.B) {
	t := NewTable(FivePoint())
	const rows = 64
	names := make([][8]string, rows)
	for r := range names {
		for it := range names[r] {
			names[r][it] = "item" + strconv.Itoa(it)
		}
	}
	b.ReportAllocs()
	r := 0
	for b.Loop() {
		for it, item := range names[r] {
			if err := t.AddN(item, SourceSurvey, (r+it)%5, 1); err != nil {
				b.Fatal(err)
			}
		}
		r = (r + 1) % rows
	}
}

// BenchmarkTableMerge1000 merges 1,000 tables of 24 cells (8 items × 3
// sources) into one, as a sharded job's reducer does.
func BenchmarkTableMerge1000(b *testing.B) {
	shards := make([]*Table, 1000)
	for k := range shards {
		t := NewTable(FivePoint())
		for it := 0; it < 8; it++ {
			for _, s := range []string{SourceSelf, SourceSurvey, SourceCompetitor} {
				_ = t.AddN("item"+strconv.Itoa(it), s, (k+it)%5, uint64(k+1))
			}
		}
		shards[k] = t
	}
	b.ReportAllocs()
	for b.Loop() {
		acc := NewTable(FivePoint())
		for _, t := range shards {
			if err := acc.Merge(t); err != nil {
				b.Fatal(err)
			}
		}
	}
}
