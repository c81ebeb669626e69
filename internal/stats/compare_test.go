package stats

// Reference values are independent: computed with Python 3.11 and
// scipy 1.10.1 / statsmodels 0.13.5 / mpmath 1.3.0 / fractions (Debian
// packages), by the snippet written above each table. Tolerances are
// stated per test; the computations here are to 14 or more places, so a
// tolerance is the reference's float precision, not ours.

import (
	"math/big"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// near fails t unless |got − want| ≤ tol.
func near(t *testing.T, name string, got decimal.Decimal, want, tol string) {
	t.Helper()
	if got.Sub(dec(want)).Abs().GreaterThan(dec(tol)) {
		t.Errorf("%s = %s, want %s ± %s", name, got, want, tol)
	}
}

// Python (statsmodels):
//
//	from statsmodels.stats.multitest import multipletests
//	multipletests([0.01, 0.04, 0.03, 0.005], method='holm')[1]
//	# [0.03, 0.06, 0.06, 0.02]
//	multipletests([0.2, 0.01, 0.01, 0.5, 0.03], method='holm')[1]
//	# [0.4, 0.05, 0.05, 0.5, 0.09]
//	multipletests([0.6, 0.7, 0.9], method='holm')[1]
//	# [1.0, 1.0, 1.0]
//
// Holm is exact, so the comparison is exact too.
func TestHolm(t *testing.T) {
	cases := []struct{ in, want []string }{
		{[]string{"0.01", "0.04", "0.03", "0.005"}, []string{"0.03", "0.06", "0.06", "0.02"}},
		{[]string{"0.2", "0.01", "0.01", "0.5", "0.03"}, []string{"0.4", "0.05", "0.05", "0.5", "0.09"}},
		{[]string{"0.6", "0.7", "0.9"}, []string{"1", "1", "1"}},
		{[]string{"0.0123456789"}, []string{"0.0123456789"}},
		{nil, nil},
	}
	for _, c := range cases {
		ps := make([]decimal.Decimal, len(c.in))
		for i, s := range c.in {
			ps[i] = dec(s)
		}
		got := Holm(ps)
		if len(got) != len(c.want) {
			t.Fatalf("Holm(%v): %d values, want %d", c.in, len(got), len(c.want))
		}
		for i, w := range c.want {
			if !got[i].Equal(dec(w)) {
				t.Errorf("Holm(%v)[%d] = %s, want %s", c.in, i, got[i], w)
			}
		}
	}
}

func TestHolmProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		raw := rapid.SliceOfN(rapid.IntRange(0, 10000), 0, 12).Draw(t, "p×10⁴")
		ps := make([]decimal.Decimal, len(raw))
		for i, r := range raw {
			ps[i] = decimal.New(int64(r), -4)
		}
		adj := Holm(ps)
		for i := range ps {
			if adj[i].LessThan(ps[i]) || adj[i].GreaterThan(one) {
				t.Fatalf("adjusted %s of %s: not in [p, 1]", adj[i], ps[i])
			}
			for j := range ps {
				if ps[i].LessThanOrEqual(ps[j]) && adj[i].GreaterThan(adj[j]) {
					t.Fatalf("p %s ≤ %s but adjusted %s > %s", ps[i], ps[j], adj[i], adj[j])
				}
			}
		}
	})
}

// letterSets splits a group's letters into single letters ("{53}" is one).
func letterSets(s string) map[string]bool {
	out := map[string]bool{}
	for s != "" {
		n := 1
		if s[0] == '{' {
			n = strings.IndexByte(s, '}') + 1
		}
		out[s[:n]] = true
		s = s[n:]
	}
	return out
}

func share(a, b string) bool {
	bs := letterSets(b)
	for l := range letterSets(a) {
		if bs[l] {
			return true
		}
	}
	return false
}

// The letter displays are worked by hand from the definition (the
// maximal sets of groups no two of which differ, named in order of
// their lowest group): 4 groups where 1–2 and 1–3 differ (0-based 0–1,
// 0–2) have the sets {0,3} → a and {1,2,3} → b; 5 groups sorted by mean
// where only neighbours do not differ have {0,1}, {1,2}, {2,3}, {3,4}.
func TestCompactLetters(t *testing.T) {
	pairs := func(ps ...[2]int) func(i, j int) bool {
		return func(i, j int) bool {
			for _, p := range ps {
				if p[0] == i && p[1] == j {
					return true
				}
			}
			return false
		}
	}
	chain := func(i, j int) bool { return j-i >= 2 }
	cases := []struct {
		k      int
		differ func(i, j int) bool
		want   []string
	}{
		{4, pairs([2]int{0, 1}, [2]int{0, 2}), []string{"a", "b", "b", "ab"}},
		{5, chain, []string{"a", "ab", "bc", "cd", "d"}},
		{3, pairs(), []string{"a", "a", "a"}},
		{3, func(int, int) bool { return true }, []string{"a", "b", "c"}},
		{1, pairs(), []string{"a"}},
		{0, pairs(), []string{}},
	}
	for _, c := range cases {
		got := CompactLetters(c.k, c.differ)
		if strings.Join(got, ",") != strings.Join(c.want, ",") || len(got) != len(c.want) {
			t.Errorf("k=%d: got %q, want %q", c.k, got, c.want)
		}
	}
	// 60 groups that all differ: a–z, A–Z, then {53}…{60}.
	got := CompactLetters(60, func(int, int) bool { return true })
	if got[0] != "a" || got[26] != "A" || got[52] != "{53}" || got[59] != "{60}" {
		t.Errorf("letter names: %q", got)
	}
}

// A compact letter display guarantees exactly this: groups that differ
// share no letter, groups that do not differ share at least one, and
// every group has a letter.
func TestCompactLettersProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.IntRange(1, 10).Draw(t, "k")
		d := make([][]bool, k)
		for i := range d {
			d[i] = make([]bool, k)
		}
		for i := range k {
			for j := i + 1; j < k; j++ {
				d[i][j] = rapid.Bool().Draw(t, "differ")
			}
		}
		calls := 0
		letters := CompactLetters(k, func(i, j int) bool {
			if i >= j {
				t.Fatalf("differ(%d, %d) called with i ≥ j", i, j)
			}
			calls++
			return d[i][j]
		})
		if calls != k*(k-1)/2 {
			t.Fatalf("differ called %d times for %d groups", calls, k)
		}
		for i := range k {
			if letters[i] == "" {
				t.Fatalf("group %d has no letter: %q", i, letters)
			}
			for j := i + 1; j < k; j++ {
				if share(letters[i], letters[j]) == d[i][j] {
					t.Fatalf("groups %d, %d (differ %v) have letters %q, %q", i, j, d[i][j], letters[i], letters[j])
				}
			}
		}
		if letters[0][0] != 'a' {
			t.Fatalf("group 0 does not hold a: %q", letters)
		}
	})
}

// Python (scipy):
//
//	import numpy as np; from scipy import stats
//	def ztest(x1, n1, x2, n2):
//	    p1, p2, pp = x1/n1, x2/n2, (x1+x2)/(n1+n2)
//	    z = (p1-p2)/np.sqrt(pp*(1-pp)*(1/n1+1/n2))
//	    return z, 2*stats.norm.sf(abs(z))
//
// z to 1e-10, p to 1e-12.
func TestTwoProportionZ(t *testing.T) {
	cases := []struct {
		x1, n1, x2, n2 uint64
		z, p           string
	}{
		{45, 100, 30, 90, "1.642726612871930", "0.100439509979635"},
		{12, 40, 25, 50, "-1.916140945866539", "0.0553471576873915"},
		{3, 10, 3, 10, "0", "1"},
		{480, 1000, 520, 1000, "-1.788854381999833", "0.0736382701203024"},
	}
	for _, c := range cases {
		z, p, err := TwoProportionZ(c.x1, c.n1, c.x2, c.n2, 15)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "z", z, c.z, "1e-10")
		near(t, "p", p, c.p, "1e-12")
		// Swapping the samples negates z and keeps p.
		z2, p2, _ := TwoProportionZ(c.x2, c.n2, c.x1, c.n1, 15)
		if !z2.Equal(z.Neg()) || !p2.Equal(p) {
			t.Errorf("swapped: z %s p %s, want %s %s", z2, p2, z.Neg(), p)
		}
	}
	for _, c := range [][4]uint64{{0, 0, 1, 2}, {1, 2, 0, 0}, {3, 2, 1, 2}, {0, 5, 0, 7}, {5, 5, 7, 7}} {
		if _, _, err := TwoProportionZ(c[0], c[1], c[2], c[3], 10); err == nil {
			t.Errorf("%v: no error", c)
		}
	}
}

func sample(xs ...string) Sample {
	s := Sample{N: uint64(len(xs)), Sum: new(big.Rat), SumSq: new(big.Rat)}
	for _, x := range xs {
		r := dec(x).Rat()
		s.Sum.Add(s.Sum, r)
		s.SumSq.Add(s.SumSq, new(big.Rat).Mul(r, r))
	}
	return s
}

// Python (scipy):
//
//	a = [5,4,4,3,5,2,4,5,3,4,4,5]; b = [3,2,4,3,1,3,2,4,3]
//	r = stats.ttest_ind(a, b, equal_var=False)   # t, p
//	va, vb = np.var(a, ddof=1)/len(a), np.var(b, ddof=1)/len(b)
//	df = (va+vb)**2/(va**2/(len(a)-1) + vb**2/(len(b)-1))
//
// and the same for a2, b2 below. t and df to 1e-10, p to 1e-12.
func TestWelch(t *testing.T) {
	cases := []struct {
		a, b      Sample
		t, df, p  string
		labelling string
	}{
		{
			sample("5", "4", "4", "3", "5", "2", "4", "5", "3", "4", "4", "5"),
			sample("3", "2", "4", "3", "1", "3", "2", "4", "3"),
			"2.875253161956633", "17.200560269502454", "0.0104077594101432", "levels",
		},
		{
			sample("0.8", "1.0", "0.6", "0.9", "1.0", "0.7", "0.75"),
			sample("1.0", "0.95", "1.0", "0.9", "1.0", "0.85", "0.9", "1.0", "0.95", "1.0"),
			"-2.220306961878346", "7.106114110321359", "0.0612861372785162", "degrees",
		},
	}
	for _, c := range cases {
		tt, df, p, err := Welch(c.a, c.b, 16)
		if err != nil {
			t.Fatal(err)
		}
		near(t, c.labelling+" t", tt, c.t, "1e-10")
		near(t, c.labelling+" df", df, c.df, "1e-10")
		near(t, c.labelling+" p", p, c.p, "1e-12")
	}
	// Equal means: t = 0, p = 1.
	tt, _, p, err := Welch(sample("1", "2", "3"), sample("2", "2", "2", "2"), 10)
	if err != nil || !tt.IsZero() || !p.Equal(one) {
		t.Errorf("equal means: t %s p %s err %v", tt, p, err)
	}
	bad := []struct{ a, b Sample }{
		{sample("1"), sample("1", "2")},
		{sample("1", "1"), sample("2", "2")},
		{Sample{N: 3, Sum: big.NewRat(3, 1), SumSq: big.NewRat(2, 1)}, sample("1", "2")},
		{Sample{N: 3}, sample("1", "2")},
	}
	for i, c := range bad {
		if _, _, _, err := Welch(c.a, c.b, 10); err == nil {
			t.Errorf("bad %d: no error", i)
		}
	}
}

// Python (fractions):
//
//	from fractions import Fraction as F
//	F(45, 120), F(30, 90), F(45 + 30 + 0, 120 + 90 + 0)  # 3/8, 1/3, 5/14
func TestResponseRates(t *testing.T) {
	strata, all, err := ResponseRates([]uint64{45, 30, 0}, []uint64{120, 90, 0}, 6)
	if err != nil {
		t.Fatal(err)
	}
	want := []*big.Rat{big.NewRat(3, 8), big.NewRat(1, 3), nil}
	vals := []string{"0.375", "0.333333", "0"}
	for i, w := range want {
		got := strata[i].Exact()
		if (w == nil) != (got == nil) || (w != nil && got.Cmp(w) != 0) || !strata[i].Value.Equal(dec(vals[i])) {
			t.Errorf("stratum %d: %v %s, want %v %s", i, got, strata[i].Value, w, vals[i])
		}
	}
	if all.Exact().Cmp(big.NewRat(5, 14)) != 0 || !all.Value.Equal(dec("0.357143")) {
		t.Errorf("overall %s %s", all.Exact(), all.Value)
	}
	if _, _, err := ResponseRates([]uint64{3}, []uint64{2}, 6); err == nil {
		t.Error("more complete than sent: no error")
	}
	if _, _, err := ResponseRates([]uint64{3}, nil, 6); err == nil {
		t.Error("lengths differ: no error")
	}
}
