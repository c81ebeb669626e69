package csat

import (
	"testing"

	"github.com/shopspring/decimal"
)

// BenchmarkDegreeInterval times DegreeInterval for n = 10 and n = 10¹⁸
// answers. Each call asks for another level (0.95 + i·10⁻¹⁵), so that the
// quantile cache of internal/mathx never answers: the time is that of a
// quantile computed afresh. The /cached variants repeat one level.
func BenchmarkDegreeInterval(b *testing.B) {
	for _, c := range []struct {
		name   string
		counts []uint64
	}{
		{"n=10", []uint64{1, 2, 2, 3, 2}},
		{"n=1e18", []uint64{100000000000000000, 200000000000000000, 200000000000000000, 300000000000000000, 200000000000000000}},
	} {
		tl := tallyOf(b, c.counts...)
		base := decimal.RequireFromString("0.95")
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			i := int64(0)
			for b.Loop() {
				i++
				lv := base.Add(decimal.New(i, -15))
				if _, err := DegreeInterval(tl, Confidence{Level: lv}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/cached", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := DegreeInterval(tl, Confidence{Level: base}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
