package exact

import (
	"math/big"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// genBigInt draws an integer of up to digits decimal digits, often a
// boundary of int64 or of 128 bits, any sign.
func genBigInt(t *rapid.T, label string, digits int) *big.Int {
	var s string
	switch rapid.IntRange(0, 3).Draw(t, label+" form") {
	case 0:
		s = rapid.StringMatching(`[0-9]{1,4}`).Draw(t, label)
	case 1:
		s = rapid.SampledFrom([]string{"9223372036854775807", "9223372036854775808", "999999999999999999",
			"1000000000000000000", "18446744073709551615", "18446744073709551616",
			"340282366920938463463374607431768211455", "340282366920938463463374607431768211456"}).Draw(t, label)
	default:
		s = "1" + strings.Repeat("0", rapid.IntRange(0, digits).Draw(t, label+" zeros"))
		n, _ := new(big.Int).SetString(s, 10)
		n.Add(n, big.NewInt(rapid.Int64Range(-1e6, 1e6).Draw(t, label+" delta")))
		s = n.String()
	}
	n, _ := new(big.Int).SetString(s, 10)
	if rapid.Bool().Draw(t, label+" neg") {
		n.Neg(n)
	}
	return n
}

// genDecimal draws a decimal: a coefficient of up to 45 digits and an
// exponent in ±30.
func genDecimal(t *rapid.T, label string) decimal.Decimal {
	return decimal.NewFromBigInt(genBigInt(t, label, 45), rapid.Int32Range(-30, 30).Draw(t, label+" exp"))
}

// genPositive draws a positive decimal.
func genPositive(t *rapid.T, label string) decimal.Decimal {
	d := genDecimal(t, label)
	if d.IsZero() {
		return decimal.New(1, d.Exponent())
	}
	return d.Abs()
}

// genFrac draws a fraction num/den (den > 0) and its value as a big.Rat
// computed apart from the keys (decimal's Rat). One fraction in four is
// close to the one given as near (differing in the 40th digit or so), to
// reach equal leading bits.
func genFrac(t *rapid.T, label string, near *big.Rat) (decimal.Decimal, decimal.Decimal, *big.Rat) {
	num, den := genDecimal(t, label+" num"), genPositive(t, label+" den")
	if near != nil && rapid.IntRange(0, 3).Draw(t, label+" near") == 0 {
		k := decimal.New(1, rapid.Int32Range(0, 25).Draw(t, label+" scale"))
		eps := decimal.NewFromInt(rapid.Int64Range(-2, 2).Draw(t, label+" eps"))
		n, _ := new(big.Int).SetString(near.Num().String(), 10)
		d, _ := new(big.Int).SetString(near.Denom().String(), 10)
		num = decimal.NewFromBigInt(n, 0).Mul(k).Add(eps)
		den = decimal.NewFromBigInt(d, 0).Mul(k)
	}
	return num, den, new(big.Rat).Quo(num.Rat(), den.Rat())
}

// TestKeyCmp: fractions compared by CmpFrac, and keys read by Keys (with
// their leading bits and shared denominators) and from big.Rat, compare
// exactly as big.Rat does.
func TestKeyCmp(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		xn, xd, x := genFrac(t, "x", nil)
		yn, yd, y := genFrac(t, "y", x)
		want := x.Cmp(y)
		var ks Keys
		var c Comparer
		if got := c.CmpFrac(xn, xd, yn, yd); got != want {
			t.Fatalf("CmpFrac(%s, %s) = %d, want %d", x.RatString(), y.RatString(), got, want)
		}
		keys := map[string][2]Key{
			"Keys.Of": {ks.Of(xn, xd), ks.Of(yn, yd)},
			"RatKey":  {RatKey(x), RatKey(y)},
			"OfRat":   {ks.OfRat(x), ks.OfRat(y)},
			"mixed":   {ks.Of(xn, xd), RatKey(y)},
		}
		for name, k := range keys {
			if got := c.Cmp(k[0], k[1]); got != want {
				t.Fatalf("%s: Cmp(%s, %s) = %d, want %d", name, x.RatString(), y.RatString(), got, want)
			}
			if got := c.Cmp(k[1], k[0]); got != -want {
				t.Fatalf("%s: Cmp(%s, %s) = %d, want %d", name, y.RatString(), x.RatString(), got, -want)
			}
			if k[0].Sign() != x.Sign() || k[0].Rat().Cmp(x) != 0 {
				t.Fatalf("%s: key of %s has sign %d, value %s", name, x.RatString(), k[0].Sign(), k[0].Rat().RatString())
			}
			if k[0].Small() && k[1].Small() && CmpSmall(k[0], k[1]) != want {
				t.Fatalf("%s: CmpSmall(%s, %s) ≠ %d", name, x.RatString(), y.RatString(), want)
			}
		}
	})
}

// TestKeyPrefix: the leading bits of a big key bound its magnitude as
// documented: 2^(e+63) ≤ |v| < 2^(e+64) and m = ⌊|v|/2^e⌋.
func TestKeyPrefix(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		num, den, v := genFrac(t, "v", nil)
		var ks Keys
		k := ks.Of(num, den)
		if !k.p {
			if k.bn != nil && k.s != 0 {
				t.Fatalf("big key of %s has no leading bits", v.RatString())
			}
			return
		}
		abs := new(big.Rat).Abs(v)
		scaled := new(big.Rat).Mul(abs, pow2(-k.n))
		m := new(big.Int).Quo(scaled.Num(), scaled.Denom())
		if !m.IsUint64() || m.Uint64() != uint64(k.d) || m.BitLen() != 64 { //nolint:gosec // the bits
			t.Fatalf("%s: e %d, m %d; want ⌊|v|/2^e⌋ = %s of 64 bits", v.RatString(), k.n, uint64(k.d), m) //nolint:gosec // the bits
		}
	})
}

// pow2 returns 2^e as a rational.
func pow2(e int64) *big.Rat {
	p := new(big.Int).Lsh(big.NewInt(1), uint(max(e, -e)))
	if e < 0 {
		return new(big.Rat).SetFrac(big.NewInt(1), p)
	}
	return new(big.Rat).SetInt(p)
}

// TestSum: a Sum equals the sum of the same values in big.Rat, whatever
// their denominators, and Over keeps a common denominator.
func TestSum(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 40).Draw(t, "n")
		var ks Keys
		var s Sum
		want := new(big.Rat)
		keys := make([]Key, n)
		for i := range keys {
			num, den, v := genFrac(t, "v", nil)
			switch rapid.IntRange(0, 2).Draw(t, "form") {
			case 0:
				num = decimal.New(rapid.Int64Range(-1e6, 1e6).Draw(t, "small num"), rapid.Int32Range(-4, 2).Draw(t, "small exp"))
				den = decimal.New(rapid.Int64Range(1, 1e3).Draw(t, "small den"), 0)
				v = new(big.Rat).Quo(num.Rat(), den.Rat())
			case 1: // one of 20 big denominators, more than the quotients kept
				den = decimal.NewFromBigInt(new(big.Int).Exp(big.NewInt(rapid.Int64Range(2, 21).Draw(t, "base")), big.NewInt(30), nil), 0)
				v = new(big.Rat).Quo(num.Rat(), den.Rat())
			}
			keys[i] = ks.Of(num, den)
			if rapid.Bool().Draw(t, "repeat") && i > 0 {
				keys[i] = keys[i-1]
				v = keys[i-1].Rat()
			}
			s.Add(keys[i])
			want.Add(want, v)
		}
		if s.Rat().Cmp(want) != 0 {
			t.Fatalf("sum %s, want %s", s.Rat().RatString(), want.RatString())
		}
		if n == 0 {
			return
		}
		var o Sum
		o.Over(s.Den())
		for _, k := range keys {
			o.Add(k)
			if o.Den().Cmp(s.Den()) != 0 {
				t.Fatalf("denominator changed from %s to %s", s.Den(), o.Den())
			}
		}
		if o.Rat().Cmp(want) != 0 {
			t.Fatalf("sum over %s: %s, want %s", s.Den(), o.Rat().RatString(), want.RatString())
		}
		var z big.Int
		for _, k := range keys {
			if got, w := s.Scaled(k, &z), new(big.Rat).Mul(k.Rat(), new(big.Rat).SetInt(s.Den())); !w.IsInt() || got.Cmp(w.Num()) != 0 {
				t.Fatalf("%s scaled by %s: %s, want %s", k.Rat().RatString(), s.Den(), got, w.RatString())
			}
		}
	})
}

// TestWords128: a big integer below 2¹²⁸ goes to words and back.
func TestWords128(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x := new(big.Int).Abs(genBigInt(t, "x", 40))
		hi, lo, ok := Words128(x)
		if ok != (x.BitLen() <= 128) {
			t.Fatalf("Words128(%s): ok %t", x, ok)
		}
		if !ok {
			return
		}
		z := big.NewInt(rapid.Int64().Draw(t, "old z"))
		if SetWords128(z, hi, lo).Cmp(x) != 0 {
			t.Fatalf("SetWords128(Words128(%s)) = %s", x, z)
		}
	})
}

// TestReduce: Reduce gives the lowest terms big.Rat gives, and says
// whether the fraction already was in them.
func TestReduce(t *testing.T) {
	var rd Reducer
	rapid.Check(t, func(t *rapid.T) {
		n := genBigInt(t, "n", 45)
		d := new(big.Int).Abs(genBigInt(t, "d", 45))
		if d.Sign() == 0 {
			d.SetInt64(1)
		}
		if rapid.Bool().Draw(t, "common factor") {
			f := new(big.Int).Abs(genBigInt(t, "f", 20))
			if f.Sign() != 0 {
				n.Mul(n, f)
				d.Mul(d, f)
			}
		}
		want := new(big.Rat).SetFrac(n, d)
		rn, rdn, lowest := rd.Reduce(n, d)
		if rn.Cmp(want.Num()) != 0 || rdn.Cmp(want.Denom()) != 0 {
			t.Fatalf("Reduce(%s/%s) = %s/%s, want %s", n, d, rn, rdn, want.RatString())
		}
		if wantLowest := want.Denom().Cmp(d) == 0; lowest != wantLowest {
			t.Fatalf("Reduce(%s/%s): lowest %t, want %t", n, d, lowest, wantLowest)
		}
	})
}

// TestGCD128 checks the binary algorithm against math/big around the
// word boundaries.
func TestGCD128(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := new(big.Int).Abs(genBigInt(t, "a", 38))
		b := new(big.Int).Abs(genBigInt(t, "b", 38))
		if f := rapid.Uint64().Draw(t, "f"); f != 0 && rapid.Bool().Draw(t, "common") {
			a.Mul(a, new(big.Int).SetUint64(f))
			b.Mul(b, new(big.Int).SetUint64(f))
		}
		if a.Sign() == 0 || b.Sign() == 0 || a.BitLen() > 128 || b.BitLen() > 128 {
			t.Skip("outside gcd128's domain")
		}
		ah, al := words128(a)
		bh, bl := words128(b)
		gh, gl := gcd128(ah, al, bh, bl)
		got := new(big.Int).Lsh(new(big.Int).SetUint64(gh), 64)
		got.Or(got, new(big.Int).SetUint64(gl))
		if want := new(big.Int).GCD(nil, nil, a, b); got.Cmp(want) != 0 {
			t.Fatalf("gcd128(%s, %s) = %s, want %s", a, b, got, want)
		}
	})
}

// TestKeyAllocs: comparing keys, once read, allocates nothing, nor do a
// Sum over a common denominator and a Reducer on 128 bits once warm.
func TestKeyAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocations are not counted under the race detector")
	}
	var ks Keys
	big1, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
	big2, _ := new(big.Int).SetString("987654321098765432109876543", 10)
	x := ks.Of(decimal.NewFromBigInt(big1, 0), decimal.NewFromBigInt(big2, 0))
	y := ks.Of(decimal.NewFromBigInt(big1, -1), decimal.NewFromBigInt(big2, 0))
	sx := ks.Of(decimal.New(12345, -2), decimal.New(3, 0))
	sy := ks.Of(decimal.New(-7, 0), decimal.New(1, 0))
	var c Comparer
	var s, o Sum
	var rd Reducer
	s.Add(x)
	s.Add(y)
	s.Add(sx)
	o.Over(s.Den())
	for name, f := range map[string]func(){
		"small":  func() { c.Cmp(sx, sy) },
		"big":    func() { c.Cmp(x, y) },
		"mixed":  func() { c.Cmp(x, sx) },
		"sum":    func() { o.Add(x); o.Add(sx) },
		"reduce": func() { rd.Reduce(big2, big1) },
	} {
		f()
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s: %v allocations", name, n)
		}
	}
}
