package mathx

import (
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
)

// TestSeriesNearHalf checks seriesT where z is just under ½ (t² just
// under ν, the distribution's far tail at moderate df): it used to stop
// only once a ratio of terms was ≤ ½, which takes millions of terms
// there (FuzzTQuantile found TQuantile(9.668e−14, 78.5, 10) taking
// seconds). The sum must agree to 2^−(prec−24) with a plain summation
// of 20,000 terms at a higher precision (past their peak the terms fall
// as 0.4999…ⁿ, so the plain sum's cut-off is far below that), and stop
// within a few thousand terms.
func TestSeriesNearHalf(t *testing.T) {
	const prec = 200
	for _, c := range []struct{ nu, z string }{
		{"78.5", "0.4999999999"},
		{"78.5", "0.49"},
		{"3", "0.4999999999999999"},
		{"1000.5", "0.4999"},
		{"0.7", "0.4999999"},
	} {
		nu, _ := new(big.Float).SetPrec(prec).SetString(c.nu)
		z, _ := new(big.Float).SetPrec(prec).SetString(c.z)
		for _, cc := range []*big.Float{intF(3, prec), newF(prec).Add(nu, intF(2, prec))} {
			got, terms := seriesTN(nu, z, cc, prec)
			want := plainSeries(nu, z, cc, prec+64, 20000)
			diff := newF(prec+64).Sub(got, want)
			if diff.Sign() != 0 && exp2(diff) > exp2(want)-prec+24 {
				t.Errorf("ν %s, z %s, c %s: sum %s, plain sum %s", c.nu, c.z, cc.Text('g', 10), got.Text('g', 40), want.Text('g', 40))
			}
			if terms > 5000 {
				t.Errorf("ν %s, z %s, c %s: %d terms", c.nu, c.z, cc.Text('g', 10), terms)
			}
		}
	}
}

// plainSeries sums the first n terms of seriesT's series at prec bits.
func plainSeries(nu, z, c *big.Float, prec uint, n int) *big.Float {
	sum, term := intF(1, prec), intF(1, prec)
	num := newF(prec).Add(nu, intF(1, prec))
	den := newF(prec).Set(c)
	for range n {
		term.Mul(term, num)
		term.Mul(term, z)
		term.Quo(term, den)
		sum.Add(sum, term)
		num.Add(num, intF(2, prec))
		den.Add(den, intF(2, prec))
	}
	return sum
}

// TestQuantileNearHalf checks TQuantile against the distribution
// function (TCDF, a decimal continued fraction of its own) where the
// quantile's t² is just under ν, in the far tail that FuzzTQuantile's
// check leaves out (p below 10⁻⁶): TCDF one unit either side of the
// quantile's last place brackets p.
func TestQuantileNearHalf(t *testing.T) {
	for _, c := range []struct {
		t, df  string
		places int32
	}{
		{"-8.85", "78.5", 10},
		{"-1.7", "3", 12},
		{"-10.9", "120", 8},
	} {
		df := d(c.df)
		p := TCDF(d(c.t), df, 30)
		if p.Sign() <= 0 {
			t.Fatalf("TCDF(%s, %s) = %s", c.t, c.df, p)
		}
		v := TQuantile(p, df, c.places)
		ulp := decimal.New(1, -c.places)
		wp := max(c.places, -p.Exponent()) + 6
		if TCDF(v.Sub(ulp), df, wp).GreaterThan(p) || TCDF(v.Add(ulp), df, wp).LessThan(p) {
			t.Errorf("t(%s, %s) to %d places = %s does not bracket p", p, df, c.places, v)
		}
	}
}
