// Package mathx computes the irrational functions csat's statistics need
// — square root, exponential, the standard normal distribution — in
// decimals, to a stated number of decimal places, without float64.
//
// Each function works with guard digits and returns a value correct to
// the places asked for, rounded half away from zero, for arguments in the
// documented ranges; tests check them against published values.
//
// The quantiles (TQuantile, NormQuantile) solve their equations in
// math/big.Float at a precision chosen for the places asked for, and
// round the result to decimal places only after checking that the guard
// digits decide the last one (quantile.go). They, and LnGamma, keep their
// results in a bounded cache of the process (at most 1024 values; a cached
// value is the computed one, so only the time depends on it).
//
// Users must not depend on it: it is internal to github.com/csatkit/csat.
package mathx

import (
	"math/big"

	"github.com/shopspring/decimal"
)

const guard = 12

var (
	one  = decimal.NewFromInt(1)
	two  = decimal.NewFromInt(2)
	half = decimal.New(5, -1)
	// pi to 60 places.
	pi = decimal.RequireFromString("3.141592653589793238462643383279502884197169399375105820974944")
)

// Sqrt returns √x to places decimal places (x ≥ 0; a negative x gives 0).
// It uses big.Int's exact integer square root, so the digits are exact
// before the final rounding.
func Sqrt(x decimal.Decimal, places int32) decimal.Decimal {
	if x.Sign() <= 0 {
		return decimal.Zero
	}
	p := places + 1
	// floor(√(x·10^(2p))) / 10^p, then round to places.
	scaled := x.Shift(2 * p).Truncate(0).BigInt()
	r := new(big.Int).Sqrt(scaled)
	return decimal.NewFromBigInt(r, -p).Round(places)
}

// Exp returns e^x to places decimal places, for |x| ≤ 700.
func Exp(x decimal.Decimal, places int32) decimal.Decimal {
	wp := places + guard
	// Range reduction: e^x = (e^(x/2^k))^(2^k) with |x/2^k| < 0.5.
	k := 0
	y := x
	for y.Abs().GreaterThan(half) {
		y = y.Mul(half)
		k++
	}
	wp += int32(k) // squaring k times loses about k bits; add digits
	sum, term := one, one
	for n := int64(1); n < 1000; n++ {
		term = term.Mul(y).DivRound(decimal.NewFromInt(n), wp)
		if term.IsZero() {
			break
		}
		sum = sum.Add(term)
	}
	for range k {
		sum = sum.Mul(sum).Round(wp)
	}
	return sum.Round(places)
}

// NormPDF returns the standard normal density φ(x) = e^(−x²/2)/√(2π) to
// places decimal places.
func NormPDF(x decimal.Decimal, places int32) decimal.Decimal {
	wp := places + guard
	e := Exp(x.Mul(x).Mul(half).Neg(), wp)
	return e.DivRound(Sqrt(two.Mul(pi), wp), places)
}

// NormCDF returns the standard normal distribution function Φ(x) to places
// decimal places. For |x| > 12 it returns 0 or 1 (the tail is below
// 10⁻³²).
func NormCDF(x decimal.Decimal, places int32) decimal.Decimal {
	if x.IsNegative() {
		return one.Sub(NormCDF(x.Neg(), places+2)).Round(places)
	}
	if x.GreaterThan(decimal.NewFromInt(12)) {
		return one
	}
	// Φ(x) = 1/2 + φ(x) Σ x^(2k+1) / (1·3·5···(2k+1)); the terms grow up
	// to about e^(x²/2) before they shrink, so carry that many extra digits.
	wp := places + guard + int32(x.Mul(x).IntPart()/4) + 2 //nolint:gosec // x ≤ 12 here, so x²/4 ≤ 36
	x2 := x.Mul(x)
	term, sum := x, x
	for k := int64(1); k < 5000; k++ {
		term = term.Mul(x2).DivRound(decimal.NewFromInt(2*k+1), wp)
		if term.IsZero() {
			break
		}
		sum = sum.Add(term)
	}
	return half.Add(NormPDF(x, wp).Mul(sum)).Round(places)
}

// NormQuantile returns z with Φ(z) = p, for 0 < p < 1, to places decimal
// places, correct to the last place (rounded half away from zero); p
// outside (0, 1) returns 0. It solves the equation by Newton's method in
// binary floating point (see quantile.go) from Acklam's approximation,
// and keeps its results in the bounded cache of TQuantile.
func NormQuantile(p decimal.Decimal, places int32) decimal.Decimal {
	if p.Sign() <= 0 || !p.LessThan(one) {
		return decimal.Zero
	}
	if p.LessThan(half) {
		return NormQuantile(one.Sub(p), places).Neg()
	}
	if p.Equal(half) {
		return decimal.New(0, -places)
	}
	return cachedQuantile(qKey{'z', p.String(), "", places}, func() decimal.Decimal {
		return normQuantile(p, places)
	})
}

// TwoSidedZ returns the two-sided normal quantile of a confidence level
// in (0, 1): z(1 − (1 − level)/2), 1.959963… for 0.95, to places.
func TwoSidedZ(level decimal.Decimal, places int32) decimal.Decimal {
	p := decimal.NewFromInt(1).Sub(decimal.NewFromInt(1).Sub(level).Mul(decimal.New(5, -1)))
	return NormQuantile(p, places)
}
