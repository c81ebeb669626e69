package mathx

// The quantiles of Student's t and of the standard normal distribution,
// correct to the last decimal place asked for.
//
// Both solve F(t) = p for p > ½ (t > 0) in big.Float, from a cheap start
// at 64 bits (Hill 1970 or a Cornish–Fisher expansion for t, Acklam for
// the normal), each step at the precision its result can use, the last
// at the full one. With g = F(t) − p, f = F'(t) and h = −F''/F' ≥ 0 (h =
// (ν+1)t/(ν+t²) for t, z for the normal):
//
//   - far from the root (h·|u| ≥ 1/16, u = g/f), a Newton step t − u. F is
//     concave for t > 0, so the step lands at or left of the root (at or
//     below 0 the iteration backs off to the right), and the error after
//     it is 0 ≤ t* − tₖ₊₁ ≤ ½|F''(ξ)|u²/f(t*) ≤ hmax·u², hmax the largest h
//     on the interval (f(ξ)/f(t*) < 2 there);
//   - near it, a step of Chebyshev's method, t − (u − ½hu²), of the third
//     order: by Taylor's formula g after it is ½fh²u³(1 − hu/4) −
//     F'''(ξ)s³/6, F'''/f = h² − h', so the error is below k·|u|³ with
//     k = max(h² + |h'|) on the interval (the factor 1.4 between the
//     terms' sum and k covers f's change and |s| ≤ 1.07|u|).
//
// The evaluation at prec bits adds an error below 2^−(prec−e), e the bits
// of 1/f, of t and 24 more for the sums' rounding. The iteration stops
// when the bound, with the evaluation at the full precision, is below
// 2^−(b+4), b the bits of places + guard decimals. The value is then
// rounded to places decimals, half away from zero, unless the guard
// digits are within 10^−(places+guard−3) of a half (the only case where
// the last digit could be wrong): then the guard doubles, up to 4 times.

import (
	"math/big"
	"sync"

	"github.com/shopspring/decimal"
)

const (
	qGuard   = 10  // guard decimals of the quantiles
	startP   = 64  // bits of the starting values
	firstP   = 128 // bits of the first step
	maxIter  = 400 // steps, a bound never reached in practice
	maxRetry = 4   // guard doublings when the rounding is close to a tie
)

// problem is one quantile: g = F(t) − p and the density f at t, h(t) =
// −F”/F' at 64 bits, bounds of h and of h² + |h'| on an interval, and a
// start at or left of the root.
type problem interface {
	eval(t *big.Float, prec uint) (g, f *big.Float)
	h(t *big.Float) *big.Float
	bounds(lo, hi *big.Float) (hmax, k *big.Float)
	left(prec uint) *big.Float
}

// bitsFor returns ⌈d·log₂10⌉ for d ≥ 0 decimals.
func bitsFor(d int32) int { return int((int64(d)*33220 + 9999) / 10000) }

// solve refines t towards the root of pr until its error is below
// 2^−tolBits (see the file comment).
func solve(pr problem, t *big.Float, tolBits int) *big.Float {
	prec := uint(firstP)
	for range maxIter {
		g, f := pr.eval(t, prec)
		if f.Sign() <= 0 || f.IsInf() || g.IsInf() { // beyond big.Float's range: give up
			return t
		}
		extra := max(exp2(t), 0) + max(-exp2(f), 0) + 24
		full := uint(tolBits + extra + 8)
		u := newF(prec).Quo(g, f)
		h := pr.h(t)
		eu := exp2(u)
		cheb := exp2(h)+eu < -4
		s := u
		if cheb {
			s = newF(prec).Mul(u, u)
			s.Mul(s, h)
			s.SetMantExp(s, -1)
			s.Sub(u, s)
		}
		tn := newF(prec).Sub(t, s)
		if tn.Sign() <= 0 { // far right of the root: back off
			tn = pr.left(prec)
			if tt := newF(prec).SetMantExp(t, -3); tt.Cmp(tn) > 0 {
				tn = tt
			}
			t = tn
			continue
		}
		lo, hi := t, tn
		if lo.Cmp(hi) > 0 {
			lo, hi = hi, lo
		}
		hmax, k := pr.bounds(lo, hi)
		var errBits int
		if cheb {
			errBits = exp2(k) + 3*eu
		} else {
			errBits = exp2(hmax) + 2*eu
		}
		// the evaluation's part: g to about 2^(12−prec) over f, t to its
		// last bit
		errBits = max(errBits, max(exp2(tn), max(-exp2(f), 0)+16)-int(prec))
		t = tn
		if prec >= full && errBits < -tolBits-4 && exp2(hmax)+exp2(s) < -4 {
			return t
		}
		var need int
		if exp2(hmax)+errBits < -4 { // the next step is Chebyshev's
			need = -(exp2(k) + 3*errBits)
		} else {
			need = -(exp2(hmax) + 2*errBits)
		}
		prec = uint(min(max(need+extra, firstP), int(full)))
	}
	return t
}

// round returns t to places decimals (half away from zero) and whether
// the guard digits leave the last digit certain, t being within
// 10^−(places+guard) of the true value.
func round(t *big.Float, places, guard int32) (decimal.Decimal, bool) {
	d := max(places, 0) + guard
	v, err := decimal.NewFromString(t.Text('f', int(d)))
	if err != nil { // cannot happen: Text gives a plain decimal
		return decimal.Zero, false
	}
	k := d - places // digits after the rounding position
	ten := big.NewInt(10)
	tail := new(big.Int).Abs(v.Coefficient())
	tail.Mod(tail, new(big.Int).Exp(ten, big.NewInt(int64(k)), nil))
	halfway := new(big.Int).Exp(ten, big.NewInt(int64(k-1)), nil)
	halfway.Mul(halfway, big.NewInt(5))
	margin := new(big.Int).Exp(ten, big.NewInt(int64(k-guard+3)), nil)
	sure := tail.Sub(tail, halfway).Abs(tail).Cmp(margin) > 0
	return v.Round(places), sure
}

// quantile solves pr from t and rounds to places, adding guard digits
// while the rounding is in doubt.
func quantile(pr problem, t *big.Float, places int32) decimal.Decimal {
	guard := int32(qGuard)
	var v decimal.Decimal
	for range maxRetry {
		t = solve(pr, t, bitsFor(max(places, 0)+guard))
		var sure bool
		if v, sure = round(t, places, guard); sure {
			break
		}
		guard *= 2
	}
	return v
}

// decF returns d as a big.Float of precision prec (rounded to nearest).
func decF(d decimal.Decimal, prec uint) *big.Float {
	return newF(prec).SetRat(d.Rat())
}

// tDist is the problem of t(p, ν): F(t) = 1 − ½ I_x(a, ½), a = ν/2,
// x = ν/(ν+t²), y = 1 − x = t²/(ν+t²), with the two series (all terms
// positive)
//
//	I_x(a, ½) = x^a √y · R/a · Σₙ (a+½)ₙ/(a+1)ₙ xⁿ,
//	I_y(½, a) = 2 x^a √y · R · Σₙ (a+½)ₙ/(3/2)ₙ yⁿ,
//
// R = Γ(a+½)/(Γ(a)√π), and the density f(t) = R x^a √y / t. The series in
// the smaller of x and y (≤ ½) is used: F − p = q − ½ I_x(a, ½) for x ≤ y,
// F − p = ½ I_y(½, a) − (p − ½) otherwise, q = 1 − p.
type tDist struct {
	nu, pm, q decimal.Decimal // ν, p − ½, 1 − p exactly
	cprec     uint            // precision of the constants below
	cnu, cr   *big.Float      // ν and R at cprec
	n64       *big.Float      // ν at 64 bits
	whole     int64           // ν if a whole number ≤ maxWhole, else 0
	even      int64           // a = ν/2 for an even ν ≤ maxEven, else 0
}

const (
	// maxEven is the largest even ν whose distribution function is taken
	// from its finite sum (ν/2 terms): up to it that is no longer than
	// the series.
	maxEven = 64
	// maxWhole is the largest whole ν whose R is computed exactly.
	maxWhole = 1000
)

// consts returns ν, a, R, p − ½, 1 − p at prec.
func (d *tDist) consts(prec uint) (nu, a, r, pm, q *big.Float) {
	if d.cprec < prec {
		d.cprec = prec + 32
		d.cnu = decF(d.nu, d.cprec)
		switch k := d.whole / 2; {
		case d.whole > 0 && d.whole%2 == 0:
			// a = k: R = k·C(2k, k)/4^k
			b := new(big.Int).Binomial(2*k, k)
			d.cr = newF(d.cprec).SetInt(b.Mul(b, big.NewInt(k)))
			d.cr.SetMantExp(d.cr, -2*int(k))
		case d.whole > 0:
			// a = k + ½: R = 4^k/(C(2k, k)·π)
			b := newF(d.cprec).SetInt(new(big.Int).Binomial(2*k, k))
			d.cr = newF(d.cprec).SetMantExp(intF(1, d.cprec), 2*int(k))
			d.cr.Quo(d.cr, b.Mul(b, piF(d.cprec)))
		default:
			a := newF(d.cprec).SetMantExp(d.cnu, -1)
			d.cr = gammaHalfRatio(a, d.cprec)
			d.cr.Quo(d.cr, newF(d.cprec).Sqrt(piF(d.cprec)))
		}
	}
	nu = newF(prec).Set(d.cnu)
	a = newF(prec).SetMantExp(nu, -1)
	r = newF(prec).Set(d.cr)
	return nu, a, r, decF(d.pm, prec), decF(d.q, prec)
}

func (d *tDist) eval(t *big.Float, prec uint) (g, f *big.Float) {
	wp := prec + 8
	nu, a, r, pm, q := d.consts(wp)
	t2 := newF(wp).Mul(t, t)
	den := newF(wp).Add(nu, t2)
	x := newF(wp).Quo(nu, den)
	y := newF(wp).Quo(t2, den)
	if d.even > 0 {
		return d.evalEven(t, x, y, r, pm, wp)
	}
	// x^a = e^(a ln x); a ln x needs absolute precision wp.
	alx := lnRatio(nu, t2, wp)
	alx.Mul(alx, a)
	if e := exp2(alx); e > 4 {
		alx = lnRatio(nu, t2, wp+uint(e))
		alx.Mul(alx, newF(wp+uint(e)).SetMantExp(decF(d.nu, wp+uint(e)), -1))
	}
	base := expF(alx, wp)
	base.Mul(base, r)
	base.Mul(base, newF(wp).Sqrt(y))
	f = newF(wp).Quo(base, t)
	if t2.Cmp(nu) < 0 { // y < x
		s := seriesT(nu, y, intF(3, wp), wp)
		g = s.Mul(s, base)
		return g.Sub(g, pm), f
	}
	nu2 := newF(wp).Add(nu, intF(2, wp))
	s := seriesT(nu, x, nu2, wp)
	s.Mul(s, base)
	s.Quo(s, nu)
	return q.Sub(q, s), f
}

// evalEven is eval for an even ν = 2a ≤ maxEven, by the finite sum
//
//	F − ½ = ½ √y Σ_{k<a} (½)ₖ/k! xᵏ
//
// (all terms positive) and x^a by squarings.
func (d *tDist) evalEven(t, x, y, r, pm *big.Float, wp uint) (g, f *big.Float) {
	sum, term := intF(1, wp), intF(1, wp)
	for k := int64(0); k < d.even-1; k++ {
		term.Mul(term, x)
		term.Mul(term, intF(2*k+1, wp))
		term.Quo(term, intF(2*k+2, wp))
		sum.Add(sum, term)
	}
	sy := newF(wp).Sqrt(y)
	g = sum.Mul(sum, sy)
	g.SetMantExp(g, -1)
	g.Sub(g, pm)
	xa := intF(1, wp)
	pw := newF(wp).Set(x)
	for e := d.even; e > 0; e >>= 1 {
		if e&1 == 1 {
			xa.Mul(xa, pw)
		}
		pw.Mul(pw, pw)
	}
	f = xa.Mul(xa, r)
	f.Mul(f, sy)
	return g, f.Quo(f, t)
}

// seriesT returns Σₙ Tₙ, T₀ = 1, Tₙ₊₁ = Tₙ·(ν+1+2n)/(c+2n)·z, for
// z ≤ ½ and c = 3 (ratios falling to z for ν ≥ 2, rising to z below) or
// c = ν+2 (ratios below z). The ratios move monotonically towards z, so
// once the last ratio r is below 1 every later one is at most ρ =
// max(r, z) and the rest of the sum is below the last term times
// ρ/(1 − ρ) (at most the last term when ρ ≤ ½); the sum stops when that
// is below 2^−(prec+4) of it. (Stopping only once a ratio is ≤ ½ took
// millions of terms for z just under ½, as at t² just under ν.)
func seriesT(nu, z, c *big.Float, prec uint) *big.Float {
	sum, _ := seriesTN(nu, z, c, prec)
	return sum
}

// seriesTN is seriesT, also returning the number of terms it added.
func seriesTN(nu, z, c *big.Float, prec uint) (sum *big.Float, terms int) {
	sum, term := intF(1, prec), intF(1, prec)
	num := newF(prec).Add(nu, intF(1, prec))
	den := newF(prec).Set(c)
	two := intF(2, prec)
	h := ratF(1, 2, prec)
	ratio := newF(prec)
	for terms = 1; terms < 1<<22; terms++ {
		ratio.Mul(num, z)
		ratio.Quo(ratio, den)
		term.Mul(term, ratio)
		sum.Add(sum, term)
		if term.Sign() == 0 {
			break
		}
		if small := exp2(sum) - int(prec) - 4; exp2(term) < small && (ratio.Cmp(h) <= 0 || tailBelow(ratio, z, term, small)) {
			break
		}
		num.Add(num, two)
		den.Add(den, two)
	}
	return sum, terms
}

// tailBelow reports whether term·ρ/(1 − ρ) < 2^small for ρ =
// max(ratio, z) < 1, bounding the rest of seriesT's sum (z ≤ ½ ≤ ratio
// here).
func tailBelow(ratio, z, term *big.Float, small int) bool {
	prec := max(ratio.Prec(), z.Prec())
	rho := newF(prec).Set(ratio)
	if z.Cmp(rho) > 0 {
		rho.Set(z)
	}
	one := intF(1, prec)
	if rho.Cmp(one) >= 0 {
		return false
	}
	b := newF(prec).Sub(one, rho) // exact: ρ and 1 at prec bits, ½ < ρ < 1
	b.Quo(rho, b)                 // ρ/(1 − ρ) > 1, to the last bit: term·b < 2^(exp2(term)+exp2(b))
	return exp2(term)+exp2(b)+1 < small
}

// h returns −F”/F' = (ν+1)t/(ν+t²) at 64 bits.
func (d *tDist) h(t *big.Float) *big.Float {
	nu := d.nu64()
	h := newF(startP).Add(nu, intF(1, startP))
	h.Mul(h, t)
	den := newF(startP).Mul(t, t)
	return h.Quo(h, den.Add(den, nu))
}

// nu64 returns ν at 64 bits.
func (d *tDist) nu64() *big.Float {
	if d.n64 == nil {
		d.n64 = decF(d.nu, startP)
	}
	return d.n64
}

// bounds returns the largest h = (ν+1)t/(ν+t²) on [lo, hi] (h rises to
// t = √ν and falls after), and hmax² + (ν+1)/ν, |h'| being largest at 0.
func (d *tDist) bounds(lo, hi *big.Float) (hmax, k *big.Float) {
	nu := d.nu64()
	t := newF(startP).Sqrt(nu)
	if t.Cmp(lo) < 0 {
		t = lo
	} else if t.Cmp(hi) > 0 {
		t = hi
	}
	hmax = d.h(t)
	k = newF(startP).Mul(hmax, hmax)
	hp := newF(startP).Add(nu, intF(1, startP))
	k.Add(k, hp.Quo(hp, nu))
	return hmax, k
}

// left returns (p − ½)/f(0) = (p − ½)√ν/R, at or left of the root since F
// is concave for t > 0.
func (d *tDist) left(prec uint) *big.Float {
	nu, _, r, pm, _ := d.consts(prec)
	pm.Mul(pm, newF(prec).Sqrt(nu))
	return pm.Quo(pm, r)
}

// normDist is the problem of z(p): Φ(z) − ½ = φ(z) Σₖ z^(2k+1)/(2k+1)!!
// (all terms positive), φ(z) = e^(−z²/2)/√(2π).
type normDist struct {
	pm decimal.Decimal // p − ½
}

func (d *normDist) eval(z *big.Float, prec uint) (g, f *big.Float) {
	wp := prec + 8
	z2 := newF(wp).Mul(z, z)
	e := newF(wp).SetMantExp(z2, -1)
	phi := expF(e.Neg(e), wp)
	s2p := piF(wp)
	s2p.SetMantExp(s2p, 1)
	phi.Quo(phi, s2p.Sqrt(s2p))
	sum, term := newF(wp).Set(z), newF(wp).Set(z)
	h := ratF(1, 2, wp)
	ratio, den := newF(wp), newF(wp)
	for k := int64(1); k < 1<<22; k++ {
		ratio.Quo(z2, den.SetInt64(2*k+1))
		term.Mul(term, ratio)
		sum.Add(sum, term)
		if term.Sign() == 0 || (ratio.Cmp(h) <= 0 && exp2(term) < exp2(sum)-int(wp)-4) {
			break
		}
	}
	sum.Mul(sum, phi)
	return sum.Sub(sum, decF(d.pm, wp)), phi
}

func (d *normDist) h(z *big.Float) *big.Float { return z }

// bounds returns hmax = hi and hi² + 1 (h = z, h' = 1).
func (d *normDist) bounds(_, hi *big.Float) (hmax, k *big.Float) {
	k = newF(startP).Mul(hi, hi)
	return hi, k.Add(k, intF(1, startP))
}

// left returns (p − ½)√(2π) = (p − ½)/φ(0).
func (d *normDist) left(prec uint) *big.Float {
	s := piF(prec)
	s.SetMantExp(s, 1)
	s.Sqrt(s)
	return s.Mul(s, decF(d.pm, prec))
}

// qKey identifies a cached value.
type qKey struct {
	kind   byte // 't' or 'z' (quantiles), 'g' (LnGamma), 'l' (Ln)
	p, df  string
	places int32
}

// qCache keeps the quantiles (and values of LnGamma and Ln that the
// distribution functions ask for again and again) computed in this
// process, keyed by the arguments as given, at most qCacheCap of them;
// when full it starts afresh. A cached value is the one computed: the
// results do not depend on the cache, only the time does.
var qCache = struct {
	mu sync.Mutex
	m  map[qKey]decimal.Decimal
}{m: map[qKey]decimal.Decimal{}}

const qCacheCap = 1024

func cachedQuantile(k qKey, compute func() decimal.Decimal) decimal.Decimal {
	qCache.mu.Lock()
	v, ok := qCache.m[k]
	qCache.mu.Unlock()
	if ok {
		return v
	}
	v = compute()
	qCache.mu.Lock()
	if len(qCache.m) >= qCacheCap {
		clear(qCache.m)
	}
	qCache.m[k] = v
	qCache.mu.Unlock()
	return v
}

// tQuantile is TQuantile without the cache, for ½ < p < 1 and ν > 0.
func tQuantile(p, nu decimal.Decimal, places int32) decimal.Decimal {
	d := &tDist{nu: nu, pm: p.Sub(half), q: one.Sub(p)}
	if nu.IsInteger() && nu.LessThanOrEqual(decimal.NewFromInt(maxWhole)) {
		d.whole = nu.IntPart()
		if d.whole%2 == 0 && d.whole <= maxEven {
			d.even = d.whole / 2
		}
	}
	d.consts(uint(bitsFor(max(places, 0)+qGuard)) + 64) // once, at about the final precision
	return quantile(d, hillStart(d), places)
}

// normQuantile is NormQuantile without the cache, for ½ < p < 1.
func normQuantile(p decimal.Decimal, places int32) decimal.Decimal {
	d := &normDist{pm: p.Sub(half)}
	return quantile(d, acklamF(decF(one.Sub(p), startP)), places)
}
