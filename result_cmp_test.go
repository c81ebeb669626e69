package csat

import (
	"math/big"
	"strings"
	"testing"

	"github.com/csatkit/csat/internal/exact"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// genDigits draws an integer of 1 to maxDigits decimal digits, any sign,
// often near a power of ten (just below 10^18, at 2^63 …).
func genDigits(t *rapid.T, label string, maxDigits int) *big.Int {
	s := rapid.StringMatching(`[1-9][0-9]{0,5}`).Draw(t, label)
	if rapid.Bool().Draw(t, label+" long") {
		s = "1" + strings.Repeat("0", rapid.IntRange(0, maxDigits-1).Draw(t, label+" zeros"))
	}
	n, _ := new(big.Int).SetString(s, 10)
	n.Add(n, big.NewInt(rapid.Int64Range(-3, 3).Draw(t, label+" delta")))
	if rapid.Bool().Draw(t, label+" neg") {
		n.Neg(n)
	}
	return n
}

// genExactResult draws a result of kind Points: a decimal of up to 40 digits
// (Given), a quotient as given, exact or rounded (Quotient), a fraction
// of up to 60 digits over up to 40 (FromRat), or a rounded irrational
// stand-in (Approx). Half of them are drawn near base when it is given
// (one unit of the 40th digit or so away, or equal in another form), so
// that comparisons reach their exact fallback.
func genExactResult(t *rapid.T, label string, base *Result) Result {
	if base != nil && rapid.Bool().Draw(t, label+" near") {
		return genNear(t, label, *base)
	}
	var r Result
	var err error
	switch rapid.IntRange(0, 3).Draw(t, label+" form") {
	case 0:
		r, err = Given(label, Points, decimal.NewFromBigInt(genDigits(t, label+" coef", 40), rapid.Int32Range(-50, 50).Draw(t, label+" exp")))
	case 1:
		den := decimal.New(rapid.Int64Range(1, 1e6).Draw(t, label+" den"), rapid.Int32Range(-3, 3).Draw(t, label+" den exp"))
		if rapid.Bool().Draw(t, label+" negative den") {
			den = den.Neg()
		}
		r, err = Quotient(label, Points, decimal.New(rapid.Int64Range(-1e9, 1e9).Draw(t, label+" num"), rapid.Int32Range(-3, 3).Draw(t, label+" num exp")), den)
	case 2:
		r, err = FromRat(label, Points, new(big.Rat).SetFrac(genDigits(t, label+" n", 60), genDen(t, label+" d")))
	default:
		r, err = Approx(label, Points, decimal.NewFromBigInt(genDigits(t, label+" approx", 30), -rapid.Int32Range(0, 30).Draw(t, label+" places")))
	}
	if err != nil {
		t.Fatalf("drawing %s: %v", label, err)
	}
	return r
}

// genNear draws a result equal to base in another form, or one part in
// about 10^40 above or below it.
func genNear(t *rapid.T, label string, base Result) Result {
	q := base.Rat()
	k := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(rapid.IntRange(0, 40).Draw(t, label+" scale"))), nil)
	n := new(big.Int).Mul(q.Num(), k)
	n.Add(n, big.NewInt(rapid.Int64Range(-1, 1).Draw(t, label+" step")))
	d := new(big.Int).Mul(q.Denom(), k)
	r, err := Quotient(label, Points, decimal.NewFromBigInt(n, 0), decimal.NewFromBigInt(d, 0))
	if err != nil { // beyond the input limits: the rational itself
		r, err = FromRat(label, Points, new(big.Rat).SetFrac(n, d))
	}
	if err != nil {
		t.Fatalf("drawing %s: %v", label, err)
	}
	return r
}

// genDen draws a positive denominator of up to 40 digits, one time in
// three 2^a·5^b, whose fractions terminate: with a or b above Precision
// (20) they round, some of them exactly half-way (1/(2·10^20)).
func genDen(t *rapid.T, label string) *big.Int {
	if rapid.IntRange(0, 2).Draw(t, label+" terminating") == 0 {
		d := new(big.Int).Lsh(big.NewInt(1), uint(rapid.IntRange(0, 25).Draw(t, label+" twos")))
		return d.Mul(d, new(big.Int).Exp(big.NewInt(5), big.NewInt(int64(rapid.IntRange(0, 25).Draw(t, label+" fives"))), nil))
	}
	d := new(big.Int).Abs(genDigits(t, label, 40))
	if d.Sign() == 0 {
		d.SetInt64(1)
	}
	return d
}

// ratOf is the reference value of r: Num/Den as big.Rat, computed by
// decimal and math/big alone.
func ratOf(r Result) *big.Rat { return new(big.Rat).Quo(r.Num().Rat(), r.Den().Rat()) }

// TestResultCmpExact: Result.Cmp and the sort keys (read once, compared
// with a Comparer) order results exactly as big.Rat orders Num/Den, for
// decimals, rounded quotients, huge fractions and values a unit of the
// 40th digit apart.
func TestResultCmpExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x := genExactResult(t, "x", nil)
		y := genExactResult(t, "y", &x)
		want := ratOf(x).Cmp(ratOf(y))
		if got := x.Cmp(y); got != want {
			t.Fatalf("Cmp(%s, %s) = %d, want %d", ratOf(x).RatString(), ratOf(y).RatString(), got, want)
		}
		if got := y.Cmp(x); got != -want {
			t.Fatalf("Cmp(%s, %s) = %d, want %d", ratOf(y).RatString(), ratOf(x).RatString(), got, -want)
		}
		if x.Cmp(x) != 0 {
			t.Fatalf("Cmp(x, x) ≠ 0 for %s", ratOf(x).RatString())
		}
		var ks exact.Keys
		var c exact.Comparer
		if got := c.Cmp(x.key(&ks), y.key(&ks)); got != want {
			t.Fatalf("keys: Cmp(%s, %s) = %d, want %d", ratOf(x).RatString(), ratOf(y).RatString(), got, want)
		}
	})
}

// TestResultCmpAllocs: comparing results whose fractions fit in 64 bits
// allocates nothing.
func TestResultCmpAllocs(t *testing.T) {
	q1, _ := Quotient("", Points, dec("190"), dec("250"))
	q2, _ := Quotient("", Points, dec("2"), dec("3"))
	for _, c := range [][2]Result{{pts("1234.56"), pts("1234.5")}, {q1, q2}, {pts("-0.001"), q2}, {{}, q1}} {
		if n := testing.AllocsPerRun(100, func() { c[0].Cmp(c[1]) }); n != 0 {
			t.Errorf("Cmp(%s, %s): %v allocations", c[0], c[1], n)
		}
	}
}

// TestFracResult: fracResult builds exactly the result FromRat builds,
// down to the exponent of the rounded value.
func TestFracResult(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		q := new(big.Rat).SetFrac(genDigits(t, "n", 60), genDen(t, "d"))
		want, err := FromRat("share", Fraction, q)
		if err != nil {
			t.Fatal(err)
		}
		var s fracScratch
		n, dd := q.Num(), new(big.Int).Set(q.Denom())
		got := fracResult("share", Fraction, n, dd, nil, &s)
		den := decimal.NewFromBigInt(dd, 0)
		shared := fracResult("share", Fraction, n, dd, &den, &s)
		for _, g := range []Result{got, shared} {
			if !g.Equal(want) || g.value.Exponent() != want.value.Exponent() || g.value.Coefficient().Cmp(want.value.Coefficient()) != 0 ||
				g.num.Exponent() != want.num.Exponent() || g.Den().Exponent() != want.Den().Exponent() {
				t.Fatalf("fracResult(%s) = %s (%s/%s, value %s e%d), want %s (%s/%s, value %s e%d)", q.RatString(),
					g, g.num, g.Den(), g.value.Coefficient(), g.value.Exponent(), want, want.num, want.Den(), want.value.Coefficient(), want.value.Exponent())
			}
		}
	})
}
