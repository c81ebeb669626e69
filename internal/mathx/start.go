package mathx

// Starting values of the quantiles, at 64 bits: only Newton's method
// that follows decides the digits, so these need only be close.

import (
	"math/big"

	"github.com/shopspring/decimal"
)

// Coefficients of Acklam's rational approximation of the normal quantile
// (relative error below 1.2×10⁻⁹).
var (
	acA  = startFs("-39.69683028665376", "220.9460984245205", "-275.9285104469687", "138.3577518672690", "-30.66479806614716", "2.506628277459239")
	acB  = startFs("-54.47609879822406", "161.5858368580409", "-155.6989798598866", "66.80131188771972", "-13.28068155288572", "1")
	acC  = startFs("-0.007784894002430293", "-0.3223964580411365", "-2.400758277161838", "-2.549732539343734", "4.374664141464968", "2.938163982698783")
	acD  = startFs("0.007784695709041462", "0.3224671290700398", "2.445134137142996", "3.754408661907416", "1")
	acLo = startFs("0.02425")[0]
)

// startFs parses decimal literals at 64 bits.
func startFs(ss ...string) []*big.Float {
	out := make([]*big.Float, len(ss))
	for i, s := range ss {
		f, ok := newF(startP).SetString(s)
		if !ok {
			panic("mathx: bad literal " + s)
		}
		out[i] = f
	}
	return out
}

// hornerF evaluates c[0]x^(n−1) + … + c[n−1] at 64 bits.
func hornerF(c []*big.Float, x *big.Float) *big.Float {
	acc := newF(startP)
	for _, k := range c {
		acc.Mul(acc, x)
		acc.Add(acc, k)
	}
	return acc
}

// acklamF returns Acklam's approximation of the normal quantile z(p) for
// ½ ≤ p < 1, given q = 1 − p (exactly, so that the tail keeps its digits).
func acklamF(q *big.Float) *big.Float {
	if q.Cmp(acLo) < 0 {
		r := logF(q, startP)
		r.Mul(r, intF(-2, startP))
		r.Sqrt(r)
		z := hornerF(acC, r)
		return z.Neg(z.Quo(z, hornerF(acD, r)))
	}
	pm := newF(startP).Sub(ratF(1, 2, startP), q) // p − ½
	r := newF(startP).Mul(pm, pm)
	z := hornerF(acA, r)
	z.Mul(z, pm)
	return z.Quo(z, hornerF(acB, r))
}

// hillStart returns a start for t(p, ν), p > ½: Hill's approximation
// (Algorithm 396, Comm. ACM 13 (1970) 617–619) for ν > 1, exact for
// ν = 2, and for ν ≤ 1 the tail t ≈ √ν (R/(ν q))^(1/ν) (R as in tDist),
// or (p − ½)/f(0) for q ≥ ¼. Anything odd falls back on the latter.
func hillStart(d *tDist) (t *big.Float) {
	defer func() {
		if recover() != nil || t == nil || t.IsInf() || t.Sign() <= 0 {
			t = d.left(startP)
		}
	}()
	q := decF(d.q, startP)
	nu := decF(d.nu, startP)
	switch {
	case d.nu.Equal(two):
		// t = √(2/(P(2−P)) − 2), P = 2q
		pp := newF(startP).SetMantExp(q, 1)
		den := newF(startP).Sub(intF(2, startP), pp)
		den.Mul(den, pp)
		r := newF(startP).Quo(intF(2, startP), den)
		return r.Sqrt(r.Sub(r, intF(2, startP)))
	case d.nu.LessThanOrEqual(one):
		if d.q.GreaterThanOrEqual(decimal.New(25, -2)) {
			return nil
		}
		_, _, r, _, _ := d.consts(startP)
		l := logF(r.Quo(r, newF(startP).Mul(nu, q)), startP)
		l.Quo(l, nu)
		l.Add(l, newF(startP).SetMantExp(logF(nu, startP), -1))
		return expF(l, startP)
	}
	z := acklamF(q)
	if d.nu.GreaterThan(decimal.NewFromInt(100)) {
		return cornishFisher(nu, z)
	}
	return hill(nu, q, z)
}

// Coefficients of the Cornish–Fisher expansion of t in powers of 1/ν
// (Abramowitz & Stegun 26.7.5): gₖ(z) = Σ c·z^(2j+1)/den, lowest power
// first.
var (
	cf1 = startFs("1", "1", "4")
	cf2 = startFs("3", "16", "5", "96")
	cf3 = startFs("-15", "17", "19", "3", "384")
	cf4 = startFs("-945", "-1920", "1482", "776", "79", "92160")
)

// cornishFisher returns z + g₁/ν + g₂/ν² + g₃/ν³ + g₄/ν⁴, the start for
// ν > 100 (its error is about g₅/ν⁵ there, below 10⁻¹⁰).
func cornishFisher(nu, z *big.Float) *big.Float {
	z2 := newF(startP).Mul(z, z)
	t := newF(startP).Set(z)
	inv := newF(startP).Quo(intF(1, startP), nu)
	pw := newF(startP).Set(inv)
	for _, c := range [][]*big.Float{cf1, cf2, cf3, cf4} {
		g := newF(startP)
		for i := len(c) - 2; i >= 0; i-- {
			g.Mul(g, z2)
			g.Add(g, c[i])
		}
		g.Mul(g, z)
		g.Quo(g, c[len(c)-1])
		t.Add(t, g.Mul(g, pw))
		pw.Mul(pw, inv)
	}
	return t
}

// Hill's constants at 64 bits.
var (
	h0_05  = startFs("0.05")[0]
	h0_089 = startFs("0.089")[0]
	h0_3   = startFs("0.3")[0]
	h0_4   = startFs("0.4")[0]
	h0_5   = startFs("0.5")[0]
	h0_6   = startFs("0.6")[0]
	h0_822 = startFs("0.822")[0]
	h1     = startFs("1")[0]
	h2     = startFs("2")[0]
	h3     = startFs("3")[0]
	h4     = startFs("4")[0]
	h4_5   = startFs("4.5")[0]
	h5     = startFs("5")[0]
	h6     = startFs("6")[0]
	h6_3   = startFs("6.3")[0]
	h7     = startFs("7")[0]
	h16    = startFs("16")[0]
	h36    = startFs("36")[0]
	h48    = startFs("48")[0]
	h94_5  = startFs("94.5")[0]
	h96_36 = startFs("96.36")[0]
	h98    = startFs("98")[0]
	h20700 = startFs("20700")[0]
)

// hill is Hill's general case for ν > 1: P = 2q the two-tailed
// probability, z the upper normal quantile of q.
func hill(n, q, z *big.Float) *big.Float {
	nf := func() *big.Float { return newF(startP) }
	P := nf().SetMantExp(q, 1)
	a := nf().Sub(n, h0_5)
	a.Quo(intF(1, startP), a)
	b := nf().Quo(h48, nf().Mul(a, a))
	// c = ((20700 a/b − 98) a − 16) a + 96.36
	c := nf().Mul(h20700, a)
	c.Quo(c, b)
	c.Sub(c, h98)
	c.Mul(c, a)
	c.Sub(c, h16)
	c.Mul(c, a)
	c.Add(c, h96_36)
	// d = ((94.5/(b+c) − 3)/b + 1) √(aπ/2) n
	d := nf().Quo(h94_5, nf().Add(b, c))
	d.Sub(d, h3)
	d.Quo(d, b)
	d.Add(d, h1)
	s := nf().Mul(a, piF(startP))
	s.SetMantExp(s, -1)
	d.Mul(d, s.Sqrt(s))
	d.Mul(d, n)
	x := nf().Mul(d, P)
	// y = x^(2/n)
	ly := logF(x, startP)
	ly.Quo(ly, n)
	ly.SetMantExp(ly, 1)
	y := expF(ly, startP)
	lim := nf().Add(h0_05, a)
	if y.Cmp(lim) > 0 {
		x = nf().Neg(z) // the lower-tail quantile of P/2
		y = nf().Mul(x, x)
		if n.Cmp(h5) < 0 {
			k := nf().Sub(n, h4_5)
			k.Mul(k, h0_3)
			k.Mul(k, nf().Add(x, h0_6))
			c.Add(c, k)
		}
		// c = (((0.05 d x − 5) x − 7) x − 2) x + b + c
		c2 := nf().Mul(h0_05, d)
		c2.Mul(c2, x)
		c2.Sub(c2, h5)
		c2.Mul(c2, x)
		c2.Sub(c2, h7)
		c2.Mul(c2, x)
		c2.Sub(c2, h2)
		c2.Mul(c2, x)
		c2.Add(c2, b)
		c = c2.Add(c2, c)
		// y = (((((0.4y + 6.3) y + 36) y + 94.5)/c − y − 3)/b + 1) x
		w := nf().Mul(h0_4, y)
		w.Add(w, h6_3)
		w.Mul(w, y)
		w.Add(w, h36)
		w.Mul(w, y)
		w.Add(w, h94_5)
		w.Quo(w, c)
		w.Sub(w, y)
		w.Sub(w, h3)
		w.Quo(w, b)
		w.Add(w, h1)
		w.Mul(w, x)
		y = w.Mul(w, w)
		y.Mul(y, a)
		y = expF(y, startP)
		y.Sub(y, h1)
	} else {
		// y = ((1/(((n+6)/(n y) − 0.089 d − 0.822)(n+2)·3) + 0.5/(n+4)) y − 1)(n+1)/(n+2) + 1/y
		w := nf().Add(n, h6)
		w.Quo(w, nf().Mul(n, y))
		w.Sub(w, nf().Mul(h0_089, d))
		w.Sub(w, h0_822)
		w.Mul(w, nf().Add(n, h2))
		w.Mul(w, h3)
		w.Quo(h1, w)
		w.Add(w, nf().Quo(h0_5, nf().Add(n, h4)))
		w.Mul(w, y)
		w.Sub(w, h1)
		w.Mul(w, nf().Add(n, h1))
		w.Quo(w, nf().Add(n, h2))
		y = w.Add(w, nf().Quo(h1, y))
	}
	if y.Sign() <= 0 {
		return nil
	}
	y.Mul(y, n)
	return y.Sqrt(y)
}
