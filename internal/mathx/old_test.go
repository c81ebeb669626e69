// Code kept for reference: the implementation of the quantiles (and of
// everything they use) before issue 22, renamed with an "old" prefix.
// Tests compare the new code against it (old_sweep_test.go); it is
// test-only and never changes.

package mathx

import (
	"math/big"

	"github.com/shopspring/decimal"
)

var (
	oldln2 = decimal.RequireFromString("0.693147180559945309417232121458176568075500134360255254120680")
	// Bernoulli numbers B2 … B20 as fractions for Stirling's series.
	oldbernoulli = [][2]int64{{1, 6}, {-1, 30}, {1, 42}, {-1, 30}, {5, 66}, {-691, 2730}, {7, 6}, {-3617, 510}, {43867, 798}, {-174611, 330}}
)

// oldLn returns the natural logarithm of x > 0 to places decimal places
// (x ≤ 0 gives 0): x = m·2^k with m in [0.75, 1.5), then
// ln m = 2 atanh((m−1)/(m+1)) by its series.
func oldLn(x decimal.Decimal, places int32) decimal.Decimal {
	if x.Sign() <= 0 {
		return decimal.Zero
	}
	wp := places + guard
	k := int64(0)
	m := x
	lo, hi := decimal.RequireFromString("0.75"), decimal.RequireFromString("1.5")
	for m.GreaterThanOrEqual(hi) {
		m = m.Mul(half)
		k++
	}
	for m.LessThan(lo) {
		m = m.Mul(two)
		k--
	}
	z := m.Sub(one).DivRound(m.Add(one), wp)
	z2 := z.Mul(z).Round(wp)
	term, sum := z, z
	for n := int64(3); n < 10000; n += 2 {
		term = term.Mul(z2).Round(wp)
		t := term.DivRound(decimal.NewFromInt(n), wp)
		if t.IsZero() {
			break
		}
		sum = sum.Add(t)
	}
	return sum.Mul(two).Add(oldln2.Mul(decimal.NewFromInt(k))).Round(places)
}

// oldLnGamma returns ln Γ(x) for x > 0 to places decimal places: the
// recurrence Γ(x) = Γ(x+1)/x up to x ≥ 40, then Stirling's series with
// ten terms (error below 10⁻⁴⁰ there).
func oldLnGamma(x decimal.Decimal, places int32) decimal.Decimal {
	wp := places + guard
	shift := decimal.Zero
	forty := decimal.NewFromInt(40)
	for x.LessThan(forty) {
		shift = shift.Add(oldLn(x, wp))
		x = x.Add(one)
	}
	// (x − ½) ln x − x + ½ ln 2π + Σ B₂ₖ / (2k(2k−1) x^(2k−1))
	lnx := oldLn(x, wp)
	s := x.Sub(half).Mul(lnx).Sub(x).Add(oldLn(two.Mul(pi), wp).Mul(half))
	x2 := x.Mul(x)
	xp := x // x^(2k−1)
	for k, b := range oldbernoulli {
		kk := int64(k + 1)
		den := decimal.NewFromInt(b[1] * 2 * kk * (2*kk - 1)).Mul(xp)
		s = s.Add(decimal.NewFromInt(b[0]).DivRound(den, wp))
		xp = xp.Mul(x2)
	}
	return s.Sub(shift).Round(places)
}

// oldbetaCF evaluates the continued fraction of the regularized incomplete
// beta function by the modified Lentz method (Numerical Recipes §6.4).
func oldbetaCF(a, b, x decimal.Decimal, wp int32) decimal.Decimal {
	tiny := decimal.New(1, -(wp + 5))
	eps := decimal.New(1, -(wp + 2))
	qab, qap, qam := a.Add(b), a.Add(one), a.Sub(one)
	c := one
	d := one.Sub(qab.Mul(x).DivRound(qap, wp))
	if d.Abs().LessThan(tiny) {
		d = tiny
	}
	d = one.DivRound(d, wp)
	h := d
	// step applies one coefficient aa of the fraction to the Lentz
	// state (c, d) and returns the factor d·c that multiplies h.
	step := func(aa decimal.Decimal) decimal.Decimal {
		d = one.Add(aa.Mul(d)).Round(wp)
		if d.Abs().LessThan(tiny) {
			d = tiny
		}
		c = one.Add(aa.DivRound(c, wp))
		if c.Abs().LessThan(tiny) {
			c = tiny
		}
		d = one.DivRound(d, wp)
		return d.Mul(c).Round(wp)
	}
	for m := int64(1); m < 100000; m++ {
		md := decimal.NewFromInt(m)
		m2 := md.Mul(two)
		h = h.Mul(step(md.Mul(b.Sub(md)).Mul(x).DivRound(qam.Add(m2).Mul(a.Add(m2)), wp))).Round(wp)
		del := step(a.Add(md).Mul(qab.Add(md)).Mul(x).Neg().DivRound(a.Add(m2).Mul(qap.Add(m2)), wp))
		h = h.Mul(del).Round(wp)
		if del.Sub(one).Abs().LessThan(eps) {
			break
		}
	}
	return h
}

// oldBetaInc returns the regularized incomplete beta function I_x(a, b) for
// a, b > 0 and 0 ≤ x ≤ 1, to places decimal places.
func oldBetaInc(a, b, x decimal.Decimal, places int32) decimal.Decimal {
	if x.Sign() <= 0 {
		return decimal.Zero
	}
	if !x.LessThan(one) {
		return one
	}
	wp := places + guard
	// front = x^a (1−x)^b / B(a, b)
	lnFront := oldLnGamma(a.Add(b), wp).Sub(oldLnGamma(a, wp)).Sub(oldLnGamma(b, wp)).
		Add(a.Mul(oldLn(x, wp))).Add(b.Mul(oldLn(one.Sub(x), wp)))
	front := oldExp(lnFront, wp)
	if x.LessThan(a.Add(one).DivRound(a.Add(b).Add(two), wp)) {
		return front.Mul(oldbetaCF(a, b, x, wp)).DivRound(a, places)
	}
	return one.Sub(front.Mul(oldbetaCF(b, a, one.Sub(x), wp)).DivRound(b, wp)).Round(places)
}

// oldTCDF returns the distribution function of Student's t with df > 0
// degrees of freedom (df need not be an integer, as for Welch's test), to
// places decimal places: P(T ≤ t) = 1 − ½ I_{df/(df+t²)}(df/2, ½) for t ≥ 0.
func oldTCDF(t, df decimal.Decimal, places int32) decimal.Decimal {
	if t.IsNegative() {
		return one.Sub(oldTCDF(t.Neg(), df, places+2)).Round(places)
	}
	wp := places + guard
	x := df.DivRound(df.Add(t.Mul(t)), wp)
	tail := oldBetaInc(df.Mul(half), half, x, wp).Mul(half)
	return one.Sub(tail).Round(places)
}

// oldTPDF returns the density of Student's t with df degrees of freedom.
func oldTPDF(t, df decimal.Decimal, places int32) decimal.Decimal {
	wp := places + guard
	h := df.Add(one).Mul(half)
	lnc := oldLnGamma(h, wp).Sub(oldLnGamma(df.Mul(half), wp)).Sub(oldLn(df.Mul(pi), wp).Mul(half))
	base := one.Add(t.Mul(t).DivRound(df, wp))
	return oldExp(lnc.Sub(h.Mul(oldLn(base, wp))), wp).Round(places)
}

// oldTQuantile returns t with oldTCDF(t, df) = p, for 0 < p < 1 and df > 0, to
// places decimal places: the Cornish–Fisher expansion around the normal
// quantile (three terms) as a start, then Newton's method, which
// converges from either side because the distribution function is
// concave for t > 0.
func oldTQuantile(p, df decimal.Decimal, places int32) decimal.Decimal {
	if p.Sign() <= 0 || !p.LessThan(one) || df.Sign() <= 0 {
		return decimal.Zero
	}
	if p.LessThan(half) {
		return oldTQuantile(one.Sub(p), df, places).Neg()
	}
	if p.Equal(half) {
		return decimal.Zero
	}
	wp := places + 6
	z := oldNormQuantile(p, 12)
	z2 := z.Mul(z)
	z3 := z2.Mul(z)
	z5 := z3.Mul(z2)
	z7 := z5.Mul(z2)
	g1 := z3.Add(z).DivRound(decimal.NewFromInt(4), wp)
	g2 := z5.Mul(decimal.NewFromInt(5)).Add(z3.Mul(decimal.NewFromInt(16))).Add(z.Mul(decimal.NewFromInt(3))).DivRound(decimal.NewFromInt(96), wp)
	g3 := z7.Mul(decimal.NewFromInt(3)).Add(z5.Mul(decimal.NewFromInt(19))).Add(z3.Mul(decimal.NewFromInt(17))).Sub(z.Mul(decimal.NewFromInt(15))).DivRound(decimal.NewFromInt(384), wp)
	t := z.Add(g1.DivRound(df, wp)).Add(g2.DivRound(df.Mul(df), wp)).Add(g3.DivRound(df.Mul(df).Mul(df), wp))
	tol := decimal.New(1, -(places + 3))
	small := decimal.New(1, -3)
	for range 200 {
		step := oldTCDF(t, df, wp).Sub(p).DivRound(oldTPDF(t, df, wp), wp)
		next := t.Sub(step)
		if !next.IsPositive() { // never leave t > 0, where the root is
			next = t.Mul(half)
			if next.LessThan(small) {
				next = small
			}
		}
		t = next
		if step.Abs().LessThan(tol) {
			break
		}
	}
	return t.Round(places)
}
func oldSqrt(x decimal.Decimal, places int32) decimal.Decimal {
	if x.Sign() <= 0 {
		return decimal.Zero
	}
	p := places + 1
	// floor(√(x·10^(2p))) / 10^p, then round to places.
	scaled := x.Shift(2 * p).Truncate(0).BigInt()
	r := new(big.Int).Sqrt(scaled)
	return decimal.NewFromBigInt(r, -p).Round(places)
}

// oldExp returns e^x to places decimal places, for |x| ≤ 700.
func oldExp(x decimal.Decimal, places int32) decimal.Decimal {
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

// oldNormPDF returns the standard normal density φ(x) = e^(−x²/2)/√(2π) to
// places decimal places.
func oldNormPDF(x decimal.Decimal, places int32) decimal.Decimal {
	wp := places + guard
	e := oldExp(x.Mul(x).Mul(half).Neg(), wp)
	return e.DivRound(oldSqrt(two.Mul(pi), wp), places)
}

// oldNormCDF returns the standard normal distribution function Φ(x) to places
// decimal places. For |x| > 12 it returns 0 or 1 (the tail is below
// 10⁻³²).
func oldNormCDF(x decimal.Decimal, places int32) decimal.Decimal {
	if x.IsNegative() {
		return one.Sub(oldNormCDF(x.Neg(), places+2)).Round(places)
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
	return half.Add(oldNormPDF(x, wp).Mul(sum)).Round(places)
}

// Coefficients of Acklam's rational approximation of the normal quantile
// (relative error below 1.2×10⁻⁹), used only as the starting point of
// Newton's method.
var (
	oldackA = olddecs("-39.69683028665376", "220.9460984245205", "-275.9285104469687", "138.3577518672690", "-30.66479806614716", "2.506628277459239")
	oldackB = olddecs("-54.47609879822406", "161.5858368580409", "-155.6989798598866", "66.80131188771972", "-13.28068155288572")
	oldackC = olddecs("-0.007784894002430293", "-0.3223964580411365", "-2.400758277161838", "-2.549732539343734", "4.374664141464968", "2.938163982698783")
	oldackD = olddecs("0.007784695709041462", "0.3224671290700398", "2.445134137142996", "3.754408661907416")
	oldpLow = decimal.RequireFromString("0.02425")
)

func olddecs(ss ...string) []decimal.Decimal {
	out := make([]decimal.Decimal, len(ss))
	for i, s := range ss {
		out[i] = decimal.RequireFromString(s)
	}
	return out
}

// oldhorner evaluates c[0]x^(n−1) + … + c[n−1].
func oldhorner(c []decimal.Decimal, x decimal.Decimal, wp int32) decimal.Decimal {
	acc := decimal.Zero
	for _, k := range c {
		acc = acc.Mul(x).Add(k).Round(wp)
	}
	return acc
}

// oldacklam returns Acklam's approximation of the normal quantile of p.
func oldacklam(p decimal.Decimal, wp int32) decimal.Decimal {
	if p.GreaterThan(one.Sub(oldpLow)) {
		return oldacklam(one.Sub(p), wp).Neg()
	}
	if p.LessThan(oldpLow) {
		q := oldSqrt(oldLn(p, wp).Mul(decimal.NewFromInt(-2)), wp)
		// c-polynomial over d-polynomial with trailing 1: (((d1 q + d2) q + d3) q + d4) q + 1
		den := oldhorner(append(append([]decimal.Decimal{}, oldackD...), one), q, wp)
		return oldhorner(oldackC, q, wp).DivRound(den, wp)
	}
	q := p.Sub(half)
	r := q.Mul(q)
	den := oldhorner(append(append([]decimal.Decimal{}, oldackB...), one), r, wp)
	return oldhorner(oldackA, r, wp).Mul(q).DivRound(den, wp)
}

// oldNormQuantile returns z with Φ(z) = p, for 0 < p < 1, to places decimal
// places: Acklam's approximation refined by Newton's method. p outside
// (0, 1) returns 0.
func oldNormQuantile(p decimal.Decimal, places int32) decimal.Decimal {
	if p.Sign() <= 0 || !p.LessThan(one) {
		return decimal.Zero
	}
	wp := places + 6
	z := oldacklam(p, wp)
	tol := decimal.New(1, -(places + 3))
	for range 50 {
		step := oldNormCDF(z, wp).Sub(p).DivRound(oldNormPDF(z, wp), wp)
		z = z.Sub(step)
		if step.Abs().LessThan(tol) {
			break
		}
	}
	return z.Round(places)
}

// oldTwoSidedZ returns the two-sided normal quantile of a confidence level
// in (0, 1): z(1 − (1 − level)/2), 1.959963… for 0.95, to places.
func oldTwoSidedZ(level decimal.Decimal, places int32) decimal.Decimal {
	p := decimal.NewFromInt(1).Sub(decimal.NewFromInt(1).Sub(level).Mul(decimal.New(5, -1)))
	return oldNormQuantile(p, places)
}
