// Package mathx computes the irrational functions csat's statistics need
// — square root, exponential, the standard normal distribution — in
// decimals, to a stated number of decimal places, without float64.
//
// Each function works with guard digits and returns a value correct to
// the places asked for, rounded half away from zero, for arguments in the
// documented ranges; tests check them against published values.
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

// Coefficients of Acklam's rational approximation of the normal quantile
// (relative error below 1.2×10⁻⁹), used only as the starting point of
// Newton's method.
var (
	ackA = decs("-39.69683028665376", "220.9460984245205", "-275.9285104469687", "138.3577518672690", "-30.66479806614716", "2.506628277459239")
	ackB = decs("-54.47609879822406", "161.5858368580409", "-155.6989798598866", "66.80131188771972", "-13.28068155288572")
	ackC = decs("-0.007784894002430293", "-0.3223964580411365", "-2.400758277161838", "-2.549732539343734", "4.374664141464968", "2.938163982698783")
	ackD = decs("0.007784695709041462", "0.3224671290700398", "2.445134137142996", "3.754408661907416")
	pLow = decimal.RequireFromString("0.02425")
)

func decs(ss ...string) []decimal.Decimal {
	out := make([]decimal.Decimal, len(ss))
	for i, s := range ss {
		out[i] = decimal.RequireFromString(s)
	}
	return out
}

// horner evaluates c[0]x^(n−1) + … + c[n−1].
func horner(c []decimal.Decimal, x decimal.Decimal, wp int32) decimal.Decimal {
	acc := decimal.Zero
	for _, k := range c {
		acc = acc.Mul(x).Add(k).Round(wp)
	}
	return acc
}

// acklam returns Acklam's approximation of the normal quantile of p.
func acklam(p decimal.Decimal, wp int32) decimal.Decimal {
	if p.GreaterThan(one.Sub(pLow)) {
		return acklam(one.Sub(p), wp).Neg()
	}
	if p.LessThan(pLow) {
		q := Sqrt(Ln(p, wp).Mul(decimal.NewFromInt(-2)), wp)
		// c-polynomial over d-polynomial with trailing 1: (((d1 q + d2) q + d3) q + d4) q + 1
		den := horner(append(append([]decimal.Decimal{}, ackD...), one), q, wp)
		return horner(ackC, q, wp).DivRound(den, wp)
	}
	q := p.Sub(half)
	r := q.Mul(q)
	den := horner(append(append([]decimal.Decimal{}, ackB...), one), r, wp)
	return horner(ackA, r, wp).Mul(q).DivRound(den, wp)
}

// NormQuantile returns z with Φ(z) = p, for 0 < p < 1, to places decimal
// places: Acklam's approximation refined by Newton's method. p outside
// (0, 1) returns 0.
func NormQuantile(p decimal.Decimal, places int32) decimal.Decimal {
	if p.Sign() <= 0 || !p.LessThan(one) {
		return decimal.Zero
	}
	wp := places + 6
	z := acklam(p, wp)
	tol := decimal.New(1, -(places + 3))
	for range 50 {
		step := NormCDF(z, wp).Sub(p).DivRound(NormPDF(z, wp), wp)
		z = z.Sub(step)
		if step.Abs().LessThan(tol) {
			break
		}
	}
	return z.Round(places)
}

// TwoSidedZ returns the two-sided normal quantile of a confidence level
// in (0, 1): z(1 − (1 − level)/2), 1.959963… for 0.95, to places.
func TwoSidedZ(level decimal.Decimal, places int32) decimal.Decimal {
	p := decimal.NewFromInt(1).Sub(decimal.NewFromInt(1).Sub(level).Mul(decimal.New(5, -1)))
	return NormQuantile(p, places)
}
