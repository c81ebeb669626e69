package mathx

// Binary floating point at a stated precision (math/big.Float, no
// float64) for the quantiles: the relative precision suits the tails and
// the large degrees of freedom (1 − x of the t distribution near 10⁻¹⁹ keeps
// all its digits), and it is an order of magnitude faster than decimal
// arithmetic. Every function here returns a value whose relative error is
// a few units in the last place of prec bits, or, for Log and Exp, whose
// absolute (Log) or relative (Exp) error is a few units of 2^−prec.

import (
	"math/big"
	"sync"
)

// newF returns a zero big.Float of precision prec.
func newF(prec uint) *big.Float { return new(big.Float).SetPrec(prec) }

// intF returns n as a big.Float of precision prec.
func intF(n int64, prec uint) *big.Float { return newF(prec).SetInt64(n) }

// ratF returns a/b as a big.Float of precision prec.
func ratF(a, b int64, prec uint) *big.Float {
	return newF(prec).Quo(intF(a, prec), intF(b, prec))
}

// exp2 returns the binary exponent of x (x = m·2^e, ½ ≤ |m| < 1), and a
// very small number for zero.
func exp2(x *big.Float) int {
	if x.Sign() == 0 {
		return -1 << 40
	}
	return x.MantExp(nil)
}

// constCache keeps a mathematical constant at the highest precision
// computed so far; a request at a lower precision is served by rounding
// it. It is internal state that only ever grows more precise.
type constCache struct {
	mu      sync.Mutex
	v       *big.Float
	compute func(prec uint) *big.Float
}

func (c *constCache) get(prec uint) *big.Float {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.v == nil || c.v.Prec() < prec+16 {
		c.v = c.compute(max(prec+16, 256))
	}
	return newF(prec).Set(c.v)
}

var (
	piConst  = &constCache{compute: machinPi}
	ln2Const = &constCache{compute: func(prec uint) *big.Float {
		// ln 2 = 2 atanh(1/3)
		w := newF(prec+16).Quo(intF(1, prec+16), intF(3, prec+16))
		r := atanhF(w, prec+16)
		return r.Mul(r, intF(2, prec+16))
	}}
)

// piF returns π to prec bits.
func piF(prec uint) *big.Float { return piConst.get(prec) }

// ln2F returns ln 2 to prec bits.
func ln2F(prec uint) *big.Float { return ln2Const.get(prec) }

// machinPi computes π = 16 atan(1/5) − 4 atan(1/239).
func machinPi(prec uint) *big.Float {
	wp := prec + 16
	a := atanInv(5, wp)
	a.Mul(a, intF(16, wp))
	b := atanInv(239, wp)
	b.Mul(b, intF(4, wp))
	return a.Sub(a, b)
}

// atanInv returns atan(1/n) = Σ (−1)^k / ((2k+1) n^(2k+1)) for n ≥ 2.
func atanInv(n int64, prec uint) *big.Float {
	pw := newF(prec).Quo(intF(1, prec), intF(n, prec)) // n^−(2k+1)
	n2 := intF(n*n, prec)
	sum := newF(prec).Set(pw)
	term := newF(prec)
	for k := int64(1); ; k++ {
		pw.Quo(pw, n2)
		term.Quo(pw, intF(2*k+1, prec))
		if exp2(term) < exp2(sum)-int(prec)-4 {
			return sum
		}
		if k%2 == 1 {
			sum.Sub(sum, term)
		} else {
			sum.Add(sum, term)
		}
	}
}

// atanhF returns atanh(w) = Σ w^(2k+1)/(2k+1) for 0 ≤ w ≤ ½, with relative
// error of a few units in 2^−prec (every term is positive).
func atanhF(w *big.Float, prec uint) *big.Float {
	wp := prec + 8
	w2 := newF(wp).Mul(w, w)
	pw := newF(wp).Set(w)
	sum := newF(wp).Set(w)
	term := newF(wp)
	den := newF(wp)
	// The terms fall at least by w² ≤ ¼, so the rest after a term is below
	// a third of it.
	for k := int64(1); ; k++ {
		pw.Mul(pw, w2)
		term.Quo(pw, den.SetInt64(2*k+1))
		sum.Add(sum, term)
		if term.Sign() == 0 || exp2(term) < exp2(sum)-int(wp) {
			return sum.SetPrec(prec)
		}
	}
}

// logF returns ln x for x > 0 with absolute error of a few units in
// 2^−prec (relative, for |ln x| ≥ ½): x = m·2^e with m in [1/√2, √2),
// ln x = e ln 2 + 2 atanh((m−1)/(m+1)).
func logF(x *big.Float, prec uint) *big.Float {
	m := newF(prec + 16)
	e := x.MantExp(m) // x = m·2^e, ½ ≤ m < 1
	wp := prec + 16 + uint(bitLen(int64(e)))
	m.SetPrec(wp)
	// below 1/√2 ≈ 0.7071 (compare with 0.70710678 > 1/√2 is close enough:
	// either side keeps |z| ≤ 0.172)
	if m.Cmp(ratF(7071, 10000, 64)) < 0 {
		m.SetMantExp(m, 1)
		e--
	}
	num := newF(wp).Sub(m, intF(1, wp))
	den := newF(wp).Add(m, intF(1, wp))
	neg := num.Sign() < 0
	num.Abs(num)
	z := num.Quo(num, den)
	r := atanhF(z, wp)
	r.Mul(r, intF(2, wp))
	if neg {
		r.Neg(r)
	}
	if e != 0 {
		l := ln2F(wp)
		l.Mul(l, intF(int64(e), wp))
		r.Add(r, l)
	}
	return r.SetPrec(prec)
}

// lnRatio returns ln(u/(u+v)) for u, v > 0 without forming 1 − v/(u+v):
// −2 atanh(v/(2u+v)) when that argument is small, else logF.
func lnRatio(u, v *big.Float, prec uint) *big.Float {
	wp := prec + 8
	w := newF(wp).Add(u, u)
	w.Add(w, v)
	w.Quo(v, w) // in (0, 1)
	if w.Cmp(ratF(1, 5, 64)) <= 0 {
		r := atanhF(w, wp)
		return r.Neg(r.Mul(r, intF(2, wp))).SetPrec(prec)
	}
	s := newF(wp).Add(u, v)
	return logF(s.Quo(u, s), prec)
}

// expF returns e^x with relative error of a few units in 2^−prec, for
// |x| < 2^40 (beyond, it returns 0 for a negative x and 2^(2^40) for a
// positive one: no caller gets near).
func expF(x *big.Float, prec uint) *big.Float {
	if x.Sign() == 0 {
		return intF(1, prec)
	}
	if exp2(x) > 40 {
		if x.Sign() < 0 {
			return newF(prec)
		}
		return newF(prec).SetMantExp(intF(1, prec), 1<<40)
	}
	// x = k ln 2 + r, |r| ≤ ln 2 (k from a rounded quotient), then
	// e^r = (e^(r/2^s))^(2^s) with the Taylor series of the small part.
	const s = 8
	kbits := uint(max(exp2(x), 0))
	wp := prec + 16 + kbits + s
	l2 := ln2F(wp)
	kf := newF(wp).Quo(x, l2)
	ki, _ := kf.Int64()
	r := newF(wp).Mul(l2, intF(ki, wp))
	r.Sub(x, r)
	r.SetMantExp(r, -s)
	sum := intF(1, wp)
	term := intF(1, wp)
	den := newF(wp)
	for n := int64(1); ; n++ {
		term.Mul(term, r)
		term.Quo(term, den.SetInt64(n))
		sum.Add(sum, term)
		if term.Sign() == 0 || exp2(term) < exp2(sum)-int(wp)-2 {
			break
		}
	}
	for range s {
		sum.Mul(sum, sum)
	}
	sum.SetMantExp(sum, int(ki))
	return sum.SetPrec(prec)
}

// bitLen returns the number of bits of |n|.
func bitLen(n int64) int {
	if n < 0 {
		n = -n
	}
	b := 0
	for n > 0 {
		n >>= 1
		b++
	}
	return b
}
