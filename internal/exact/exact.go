// Package exact holds the rational-arithmetic helpers csat uses to keep
// every score exact until the single, documented rounding at the end.
//
// Users must not depend on it: it is internal to github.com/csatkit/csat.
package exact

import (
	"math/big"

	"github.com/shopspring/decimal"
)

// Rat returns d as an exact rational.
func Rat(d decimal.Decimal) *big.Rat { return d.Rat() }

// Int returns n as an exact rational.
func Int(n int64) *big.Rat { return new(big.Rat).SetInt64(n) }

// Uint returns n as an exact rational.
func Uint(n uint64) *big.Rat { return new(big.Rat).SetUint64(n) }

// Decimal converts r to a decimal. When r's decimal expansion terminates
// within places digits after the point, the result is exact and exact is
// true; otherwise it is rounded half away from zero (decimal's DivRound)
// to places digits and exact is false.
func Decimal(r *big.Rat, places int32) (d decimal.Decimal, isExact bool) {
	num := decimal.NewFromBigInt(r.Num(), 0)
	den := decimal.NewFromBigInt(r.Denom(), 0)
	if r.IsInt() {
		return num, true
	}
	q := num.DivRound(den, places)
	return q, q.Mul(den).Equal(num)
}

// Parts returns r's reduced numerator and denominator as decimals.
func Parts(r *big.Rat) (num, den decimal.Decimal) {
	return decimal.NewFromBigInt(r.Num(), 0), decimal.NewFromBigInt(r.Denom(), 0)
}

// Quo returns a/b as a new rational; b must not be zero.
func Quo(a, b *big.Rat) *big.Rat { return new(big.Rat).Quo(a, b) }

// Mul returns a×b as a new rational.
func Mul(a, b *big.Rat) *big.Rat { return new(big.Rat).Mul(a, b) }

// Add returns a+b as a new rational.
func Add(a, b *big.Rat) *big.Rat { return new(big.Rat).Add(a, b) }

// Sub returns a−b as a new rational.
func Sub(a, b *big.Rat) *big.Rat { return new(big.Rat).Sub(a, b) }
