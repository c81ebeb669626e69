package mathx

import (
	"bufio"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/shopspring/decimal"
)

// TestMpref checks the quantiles against mpmath (mpref_test.go, generated
// by testdata/mpref.py): the cases csat's callers ask for, far tails,
// places from 0 to 60 and df below 1.
func TestMpref(t *testing.T) {
	for _, c := range mprefCases {
		var got decimal.Decimal
		if c.fn == "t" {
			got = TQuantile(d(c.p), d(c.df), c.places)
		} else {
			got = NormQuantile(d(c.p), c.places)
		}
		if got.String() != c.want {
			t.Errorf("%s(%s, %s) to %d places = %s, want %s", c.fn, c.p, c.df, c.places, got, c.want)
		}
	}
}

// readMpmath returns mpmath's values of the sweep grid (45 decimals) by
// "fn p df".
func readMpmath(t *testing.T) map[string]decimal.Decimal {
	t.Helper()
	f, err := os.Open(filepath.FromSlash("testdata/mpmath_quantiles.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := map[string]decimal.Decimal{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) != 4 {
			t.Fatalf("bad line %q", sc.Text())
		}
		m[strings.Join(fs[:3], " ")] = d(fs[3])
	}
	return m
}

// mpmathAt returns mpmath's value of c rounded to c's places.
func mpmathAt(t *testing.T, mp map[string]decimal.Decimal, c sweepCase) string {
	t.Helper()
	v, ok := mp[c.fn+" "+c.p+" "+c.df]
	if !ok {
		t.Fatalf("no mpmath value for %s", c.key())
	}
	return v.Round(c.places).String()
}

// TestSweep checks the new quantiles on the whole grid (8 512 values)
// against mpmath, and against the old implementation: where the two
// differ the old one must be the one mpmath refutes, and at the places
// csat's callers use (t to 28 places at whole df, z to 24 at p > ½) only
// at the points listed in oldWrongForCallers.
func TestSweep(t *testing.T) {
	old, mp := readOld(t), readMpmath(t)
	cs := sweepCases()
	if len(old) != len(cs) {
		t.Fatalf("%s has %d values, the grid %d", oldFile, len(old), len(cs))
	}
	got := make([]string, len(cs))
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i := w; i < len(cs); i += 2 {
				c := cs[i]
				if c.fn == "t" {
					got[i] = TQuantile(d(c.p), d(c.df), c.places).String()
				} else {
					got[i] = NormQuantile(d(c.p), c.places).String()
				}
			}
		})
	}
	wg.Wait()
	var callerDiffs []string
	for i, c := range cs {
		want := mpmathAt(t, mp, c)
		if got[i] != want {
			t.Errorf("%s: %s, mpmath %s", c.key(), got[i], want)
		}
		if o := old[c.key()]; o != got[i] {
			if o == want {
				t.Errorf("%s: %s, old %s = mpmath", c.key(), got[i], o)
			}
			if callerPlaces(c) {
				callerDiffs = append(callerDiffs, c.key())
			}
		}
	}
	if g, w := strings.Join(callerDiffs, "\n"), strings.Join(oldWrongForCallers, "\n"); g != w {
		t.Errorf("the old values wrong at the callers' places:\n%s\nwant\n%s", g, w)
	}
}

// callerPlaces tells whether csat's callers ask for c: t to 28 places at
// a whole df, z to 24 places at p > ½.
func callerPlaces(c sweepCase) bool {
	if c.fn == "t" {
		return c.places == 28 && d(c.df).IsInteger()
	}
	return c.places == 24 && d(c.p).GreaterThan(half)
}

// oldWrongForCallers are the grid points at the callers' places where the
// old implementation was wrong (its Newton iteration did not converge at
// df = 10¹⁸: 1 − x held to ~28 digits), with the old, new and mpmath
// values:
//
//	p         old                                 new = mpmath
//	0.500001  0.0000025066282746336254322248      0.0000025066282746336254380334
//	0.975     1.9599639845400542378968658753      1.9599639845400542378968656608
//	0.99      2.3263478740408411046146803404      2.3263478740408411046146804079
//	0.995     2.5758293035489007658951243156      2.5758293035489007658951243472
//	0.9995    3.2905267314918948029513577498      3.2905267314918948029513576986
//	0.025     −1.9599639845400542378968658753     −1.9599639845400542378968656608
var oldWrongForCallers = []string{
	"t 0.500001 1000000000000000000 28",
	"t 0.975 1000000000000000000 28",
	"t 0.99 1000000000000000000 28",
	"t 0.995 1000000000000000000 28",
	"t 0.9995 1000000000000000000 28",
	"t 0.025 1000000000000000000 28",
}

// TestQuantileDomain checks the values outside the functions' domain and
// the symmetry.
func TestQuantileDomain(t *testing.T) {
	cases := []struct {
		name      string
		got, want decimal.Decimal
	}{
		{"t p=0", TQuantile(d("0"), d("5"), 10), decimal.Zero},
		{"t p=1", TQuantile(d("1"), d("5"), 10), decimal.Zero},
		{"t p<0", TQuantile(d("-0.5"), d("5"), 10), decimal.Zero},
		{"t df=0", TQuantile(d("0.975"), d("0"), 10), decimal.Zero},
		{"t df<0", TQuantile(d("0.975"), d("-3"), 10), decimal.Zero},
		{"t p=½", TQuantile(d("0.5"), d("5"), 10), decimal.Zero},
		{"z p=0", NormQuantile(d("0"), 10), decimal.Zero},
		{"z p=1.5", NormQuantile(d("1.5"), 10), decimal.Zero},
		{"z p=½", NormQuantile(d("0.5"), 10), decimal.Zero},
		{"t symmetric", TQuantile(d("0.1"), d("7"), 20), TQuantile(d("0.9"), d("7"), 20).Neg()},
		{"z symmetric", NormQuantile(d("0.1"), 20), NormQuantile(d("0.9"), 20).Neg()},
	}
	for _, c := range cases {
		if !c.got.Equal(c.want) {
			t.Errorf("%s = %s, want %s", c.name, c.got, c.want)
		}
	}
	// the old NormQuantile gave 0 with exponent −places at ½
	if e := NormQuantile(d("0.5"), 24).Exponent(); e != -24 {
		t.Errorf("z(½) has exponent %d, want −24", e)
	}
	// results carry exactly places decimals, as the old ones did
	if e := TQuantile(d("0.975"), d("10"), 28).Exponent(); e != -28 {
		t.Errorf("t(0.975, 10) has exponent %d, want −28", e)
	}
}

// TestTwoSidedZ checks TwoSidedZ at the places and levels its callers
// use against the old implementation (the sweep covers its quantiles).
func TestTwoSidedZ(t *testing.T) {
	for _, lv := range []string{"0.5", "0.8", "0.9", "0.95", "0.98", "0.99", "0.999", "0.9999"} {
		if got, want := TwoSidedZ(d(lv), 24), oldTwoSidedZ(d(lv), 24); got.String() != want.String() {
			t.Errorf("TwoSidedZ(%s) = %s, old %s", lv, got, want)
		}
	}
}

// TestQuantileCache checks that the cache answers with the computed
// value, under concurrent use, and stays within its bound.
func TestQuantileCache(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 40 {
				df := decimal.NewFromInt(int64(2 + (i+g)%7))
				p := d("0.975")
				if got, want := TQuantile(p, df, 20), tQuantile(p, df, 20); !got.Equal(want) {
					t.Errorf("cached t(0.975, %s) = %s, computed %s", df, got, want)
				}
				z := decimal.New(int64(900+i%9), -3)
				if got, want := NormQuantile(z, 20), normQuantile(z, 20); !got.Equal(want) {
					t.Errorf("cached z(%s) = %s, computed %s", z, got, want)
				}
			}
		})
	}
	wg.Wait()
	for i := range qCacheCap + 10 {
		TQuantile(d("0.975"), decimal.NewFromInt(int64(1000+i)), 4)
	}
	qCache.mu.Lock()
	n := len(qCache.m)
	qCache.mu.Unlock()
	if n > qCacheCap {
		t.Errorf("the cache holds %d quantiles, more than %d", n, qCacheCap)
	}
}

// Values of mpmath at 80 digits, as printed by mpmath.nstr(…, 70):
// π, ln 2, ln x, e^x, and Γ(a+½)/Γ(a) (exp(loggamma(a+½) − loggamma(a))).
func TestBigFunctions(t *testing.T) {
	const prec = 200 // bits, about 60 digits
	f := func(s string) *big.Float {
		x, ok := newF(prec + 64).SetString(s)
		if !ok {
			t.Fatalf("bad literal %s", s)
		}
		return x
	}
	cases := []struct {
		name     string
		got      *big.Float
		want     string
		relative bool
	}{
		{"pi", piF(prec), "3.141592653589793238462643383279502884197169399375105820974944592307816", true},
		{"ln2", ln2F(prec), "0.6931471805599453094172321214581765680755001343602552541206800094933936", true},
		{"ln 1e-30", logF(f("1e-30"), prec), "-69.07755278982137052053974364053092622803304465886318928099983702902718", false},
		{"ln 0.001", logF(f("0.001"), prec), "-6.907755278982137052053974364053092622803304465886318928099983702902718", false},
		{"ln 0.5", logF(f("0.5"), prec), "-0.6931471805599453094172321214581765680755001343602552541206800094933936", false},
		{"ln 1", logF(f("1"), prec), "0", false},
		{"ln 10", logF(f("10"), prec), "2.302585092994045684017991454684364207601101488628772976033327900967573", false},
		{"ln 123.456", logF(f("123.456"), prec), "4.815884817283263883109232105166525577172158135505457311796579542392126", false},
		{"ln 1e20", logF(f("1e20"), prec), "46.05170185988091368035982909368728415202202977257545952066655801935145", false},
		{"exp -700", expF(f("-700"), prec), "9.859676543759770856705372947849465105115600181400941710586466767793187e-305", true},
		{"exp -23.5", expF(f("-23.5"), prec), "0.00000000006224144622907783232136689302022997237838750643220946992160286443162858", true},
		{"exp -1", expF(f("-1"), prec), "0.3678794411714423215955237701614608674458111310317678345078368016974615", true},
		{"exp -0.001", expF(f("-0.001"), prec), "0.9990004998333749916680553571676559747023559023600820590520285111960868", true},
		{"exp 0.3", expF(f("0.3"), prec), "1.349858807576003103983744313328007330378299697359365803049917989939613", true},
		{"exp 2.5", expF(f("2.5"), prec), "12.18249396070347343807017595116796618318276779006316131156039834183819", true},
		{"exp 50", expF(f("50"), prec), "5184705528587072464087.453322933485384827469100583846401904056933806857", true},
		{"ghr 0.25", gammaHalfRatio(f("0.25"), prec), "0.3379891200336423644977238423354028741436417274577029759884314570027487", true},
		{"ghr 0.5", gammaHalfRatio(f("0.5"), prec), "0.5641895835477562869480794515607725858440506293289988568440857217106425", true},
		{"ghr 1", gammaHalfRatio(f("1"), prec), "0.8862269254527580136490837416705725913987747280611935641069038949264556", true},
		{"ghr 2", gammaHalfRatio(f("2"), prec), "1.329340388179137020473625612505858887098162092091790346160355842389683", true},
		{"ghr 3.5", gammaHalfRatio(f("3.5"), prec), "1.805406667352820118233854244994472274700962013852796341901074309474056", true},
		{"ghr 7.688…", gammaHalfRatio(f("7.6883967560823456"), prec), "2.728110583012764724166141733651643028940043085535904127453301225686307", true},
		{"ghr 40", gammaHalfRatio(f("40"), prec), "6.304822447426830394579571466117606542147047414670332709403671402676334", true},
		{"ghr 1000", gammaHalfRatio(f("1000"), prec), "31.61882400181591282116700878000262217216295426284481465283230726254879", true},
		{"ghr 2^63−½", gammaHalfRatio(f("9223372036854775807.5"), prec), "3037000499.976049692327911434779548487992551601408453331622394953116035", true},
	}
	for _, c := range cases {
		want := f(c.want)
		diff := newF(prec+64).Sub(c.got, want)
		scale := -prec + 8 // a few units in the last place
		if c.relative && want.Sign() != 0 {
			scale += exp2(want)
		}
		if diff.Sign() != 0 && exp2(diff) > scale {
			t.Errorf("%s = %s, want %s", c.name, c.got.Text('g', 60), c.want)
		}
	}
}

// TestStirlingTable checks the Stirling coefficients cₖ = B₂ₖ/(2k(2k−1))
// against the Bernoulli numbers from their recurrence
// Σ_{j<m+1} C(m+1, j) Bⱼ = 0, computed here in big.Rat.
func TestStirlingTable(t *testing.T) {
	n := 2 * len(stirlingC)
	b := make([]*big.Rat, n+1)
	b[0] = big.NewRat(1, 1)
	for m := 1; m <= n; m++ {
		s := new(big.Rat)
		for j := range m {
			c := new(big.Int).Binomial(int64(m+1), int64(j))
			s.Add(s, new(big.Rat).Mul(new(big.Rat).SetInt(c), b[j]))
		}
		b[m] = s.Neg(s.Quo(s, big.NewRat(int64(m+1), 1)))
	}
	for k, s := range stirlingC {
		kk := int64(k + 1)
		want := new(big.Rat).Quo(b[2*kk], big.NewRat(2*kk*(2*kk-1), 1))
		if got := stirlingRat()[k]; got.Cmp(want) != 0 {
			t.Errorf("c%d = %s (%s), want %s", kk, got.RatString(), s, want.RatString())
		}
	}
}

// FuzzTQuantile checks that TQuantile never panics and that its value
// solves the equation: TCDF at the value rounded down and up by one
// place brackets p.
func FuzzTQuantile(f *testing.F) {
	f.Add(int64(975), int64(3), int64(10), int64(0), int32(8))
	f.Add(int64(500001), int64(6), int64(1), int64(0), int32(6))
	f.Add(int64(9995), int64(4), int64(7688), int64(3), int32(5))
	f.Fuzz(func(t *testing.T, pc, pe, dfc, dfe int64, places int32) {
		p := decimal.New(pc, -int32(pe%20))
		df := decimal.New(dfc%1000000, -int32(dfe%5))
		places = places % 12
		if places < 0 {
			places = -places
		}
		v := TQuantile(p, df, places)
		if p.Sign() <= 0 || !p.LessThan(one) || df.Sign() <= 0 || p.Equal(half) || df.LessThan(d("0.5")) {
			return
		}
		if p.Sub(half).Abs().LessThan(d("0.000001")) || one.Sub(p).LessThan(d("0.000001")) || p.LessThan(d("0.000001")) {
			return
		}
		ulp := decimal.New(1, -places)
		lo, hi := v.Sub(ulp), v.Add(ulp)
		// TCDF to enough places to tell p's own digits apart (a p of
		// 0.00010034 needs 8 of them whatever the quantile's places),
		// and more until TCDF at lo and hi differs by more than 4 units
		// of its last place: TCDF is within one unit of its last place,
		// which must not decide the bracket. (t(0.000001176, 0.524) to
		// 4 places is −23350088320.5108, 15 significant digits: TCDF at
		// ±1 in the 4th place moves by 5·10⁻²¹, and mpmath's incomplete
		// beta at 50 digits gives the quantile −23350088320.51083.)
		wp := max(places, -p.Exponent()) + 6
		flo, fhi := TCDF(lo, df, wp), TCDF(hi, df, wp)
		for fhi.Sub(flo).LessThanOrEqual(decimal.New(4, -wp)) && wp < 60 {
			wp += 4
			flo, fhi = TCDF(lo, df, wp), TCDF(hi, df, wp)
		}
		unit := decimal.New(1, -wp)
		if flo.Sub(unit).GreaterThan(p) || fhi.Add(unit).LessThan(p) {
			t.Errorf("t(%s, %s) to %d places = %s does not bracket p (TCDF to %d places: %s, %s)", p, df, places, v, wp, flo, fhi)
		}
	})
}
