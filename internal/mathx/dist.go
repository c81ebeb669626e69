package mathx

import (
	"math/big"

	"github.com/shopspring/decimal"
)

var (
	ln2 = decimal.RequireFromString("0.693147180559945309417232121458176568075500134360255254120680")
	// Bernoulli numbers B2 … B20 as fractions for Stirling's series.
	bernoulli = [][2]int64{{1, 6}, {-1, 30}, {1, 42}, {-1, 30}, {5, 66}, {-691, 2730}, {7, 6}, {-3617, 510}, {43867, 798}, {-174611, 330}}
)

// Ln returns the natural logarithm of x > 0 to places decimal places
// (x ≤ 0 gives 0): x = m·2^k with m in [0.75, 1.5), then
// ln m = 2 atanh((m−1)/(m+1)) by its series.
func Ln(x decimal.Decimal, places int32) decimal.Decimal {
	if x.Sign() <= 0 {
		return decimal.Zero
	}
	wp := places + guard
	k := int64(0)
	m := x
	lo, hi := decimal.RequireFromString("0.75"), decimal.RequireFromString("1.5")
	if b := m.Truncate(0).BigInt().BitLen(); b > 1 {
		// m ≥ 2: divide by 2^(b−1) at once (exactly, by 5^(b−1)/10^(b−1)),
		// which leaves m in [1, 2), as b−1 halvings would
		k = int64(b - 1)
		m = m.Mul(decimal.NewFromBigInt(new(big.Int).Exp(big.NewInt(5), big.NewInt(k), nil), -int32(k))) //nolint:gosec // k < 4·(digits of x), far below 2³¹
	}
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
	return sum.Mul(two).Add(ln2.Mul(decimal.NewFromInt(k))).Round(places)
}

// Pow returns x^y = e^(y ln x) for x > 0, to places decimal places.
func Pow(x, y decimal.Decimal, places int32) decimal.Decimal {
	wp := places + guard
	digits := min(len(y.Abs().Truncate(0).String()), 1000) // y's integer digits, bounded
	return Exp(y.Mul(Ln(x, wp+int32(digits))), wp).Round(places)
}

// LnGamma returns ln Γ(x) for x > 0 to places decimal places: the
// recurrence Γ(x) = Γ(x+m)/(x(x+1)…(x+m−1)) up to x+m ≥ 40, with one
// logarithm of the exact product, then Stirling's series with ten terms
// (its rest is about 3·10⁻³³ at x = 40, less above).
//
// Values are kept in the bounded cache of TQuantile: BetaInc asks for
// ln Γ(½) and ln Γ of the same degrees of freedom again and again.
func LnGamma(x decimal.Decimal, places int32) decimal.Decimal {
	return cachedQuantile(qKey{'g', x.String(), "", places}, func() decimal.Decimal { return lnGamma(x, places) })
}

func lnGamma(x decimal.Decimal, places int32) decimal.Decimal {
	wp := places + guard
	shift := decimal.Zero
	forty := decimal.NewFromInt(40)
	if x.LessThan(forty) {
		prod := one
		for x.LessThan(forty) {
			prod = prod.Mul(x)
			x = x.Add(one)
		}
		shift = Ln(prod, wp)
	}
	// (x − ½) ln x − x + ½ ln 2π + Σ B₂ₖ / (2k(2k−1) x^(2k−1))
	lnx := Ln(x, wp)
	ln2pi := cachedQuantile(qKey{'l', "2π", "", wp}, func() decimal.Decimal { return Ln(two.Mul(pi), wp) })
	s := x.Sub(half).Mul(lnx).Sub(x).Add(ln2pi.Mul(half))
	x2 := x.Mul(x)
	xp := x // x^(2k−1)
	for k, b := range bernoulli {
		kk := int64(k + 1)
		den := decimal.NewFromInt(b[1] * 2 * kk * (2*kk - 1)).Mul(xp)
		s = s.Add(decimal.NewFromInt(b[0]).DivRound(den, wp))
		xp = xp.Mul(x2)
	}
	return s.Sub(shift).Round(places)
}

// betaCF evaluates the continued fraction of the regularized incomplete
// beta function by the modified Lentz method (Numerical Recipes §6.4).
func betaCF(a, b, x decimal.Decimal, wp int32) decimal.Decimal {
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

// BetaInc returns the regularized incomplete beta function I_x(a, b) for
// a, b > 0 and 0 ≤ x ≤ 1, to places decimal places.
func BetaInc(a, b, x decimal.Decimal, places int32) decimal.Decimal {
	if x.Sign() <= 0 {
		return decimal.Zero
	}
	if !x.LessThan(one) {
		return one
	}
	wp := places + guard
	// front = x^a (1−x)^b / B(a, b)
	lnFront := LnGamma(a.Add(b), wp).Sub(LnGamma(a, wp)).Sub(LnGamma(b, wp)).
		Add(a.Mul(Ln(x, wp))).Add(b.Mul(Ln(one.Sub(x), wp)))
	front := Exp(lnFront, wp)
	if x.LessThan(a.Add(one).DivRound(a.Add(b).Add(two), wp)) {
		return front.Mul(betaCF(a, b, x, wp)).DivRound(a, places)
	}
	return one.Sub(front.Mul(betaCF(b, a, one.Sub(x), wp)).DivRound(b, wp)).Round(places)
}

// TCDF returns the distribution function of Student's t with df > 0
// degrees of freedom (df need not be an integer, as for Welch's test), to
// places decimal places: P(T ≤ t) = 1 − ½ I_{df/(df+t²)}(df/2, ½) for t ≥ 0.
func TCDF(t, df decimal.Decimal, places int32) decimal.Decimal {
	if t.IsNegative() {
		return one.Sub(TCDF(t.Neg(), df, places+2)).Round(places)
	}
	wp := places + guard
	x := df.DivRound(df.Add(t.Mul(t)), wp)
	tail := BetaInc(df.Mul(half), half, x, wp).Mul(half)
	return one.Sub(tail).Round(places)
}

// TPDF returns the density of Student's t with df degrees of freedom.
func TPDF(t, df decimal.Decimal, places int32) decimal.Decimal {
	wp := places + guard
	h := df.Add(one).Mul(half)
	lnc := LnGamma(h, wp).Sub(LnGamma(df.Mul(half), wp)).Sub(Ln(df.Mul(pi), wp).Mul(half))
	base := one.Add(t.Mul(t).DivRound(df, wp))
	return Exp(lnc.Sub(h.Mul(Ln(base, wp))), wp).Round(places)
}

// TQuantile returns t with TCDF(t, df) = p, for 0 < p < 1 and df > 0
// (df need not be an integer), to places decimal places, correct to the
// last place (rounded half away from zero); anything else returns 0. It
// solves the equation by Newton's method in binary floating point (see
// quantile.go) from Hill's approximation; any df up to 2⁶⁴ and beyond
// costs about the same.
//
// Results are kept in a bounded cache of the process, keyed by p, df and
// places: a report asks for the same few quantiles again and again. A
// cached value is the computed one; the cache changes only the time.
func TQuantile(p, df decimal.Decimal, places int32) decimal.Decimal {
	if p.Sign() <= 0 || !p.LessThan(one) || df.Sign() <= 0 {
		return decimal.Zero
	}
	if p.LessThan(half) {
		return TQuantile(one.Sub(p), df, places).Neg()
	}
	if p.Equal(half) {
		return decimal.Zero
	}
	return cachedQuantile(qKey{'t', p.String(), df.String(), places}, func() decimal.Decimal {
		return tQuantile(p, df, places)
	})
}
