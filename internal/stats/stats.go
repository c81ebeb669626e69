// Package stats holds the exact statistics that csat and its analysis
// package both compute from a tally's counts.
package stats

import (
	"math/big"

	"github.com/csatkit/csat/internal/exact"
	"github.com/shopspring/decimal"
)

// Variance returns the exact sample variance (n − 1 divisor) of n ≥ 2
// answers, counts[i] of them of value xs[i]:
// s² = (Σx² − n·mean²) / (n − 1).
func Variance(counts []uint64, xs []*big.Rat, n uint64) *big.Rat {
	sum, sq := new(big.Rat), new(big.Rat)
	for i, x := range xs {
		c := exact.Uint(counts[i])
		sum.Add(sum, exact.Mul(c, x))
		sq.Add(sq, exact.Mul(c, exact.Mul(x, x)))
	}
	N := exact.Uint(n)
	mean := exact.Quo(sum, N)
	return exact.Quo(exact.Sub(sq, exact.Mul(N, exact.Mul(mean, mean))), exact.Uint(n-1))
}

// DegreeVariance is the sample variance of the per-answer degree values
// points/fullMarks of n answers counted per level (counts[i] at points[i]).
func DegreeVariance(counts []uint64, points []decimal.Decimal, fullMarks decimal.Decimal, n uint64) *big.Rat {
	fm := fullMarks.Rat()
	xs := make([]*big.Rat, len(points))
	for i, p := range points {
		xs[i] = exact.Quo(p.Rat(), fm)
	}
	return Variance(counts[:len(xs)], xs, n)
}
