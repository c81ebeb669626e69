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
	// Large samples from their sums (df ≈ 3·10⁵), Python (scipy):
	//   n1,s1,q1 = 200000,800000,3400000; n2,s2,q2 = 150000,601000,2560000
	//   m1, m2 = s1/n1, s2/n2
	//   v1 = (q1-s1*s1/n1)/(n1-1)/n1; v2 = (q2-s2*s2/n2)/(n2-1)/n2
	//   t = (m1-m2)/math.sqrt(v1+v2)
	//   df = (v1+v2)**2/(v1**2/(n1-1)+v2**2/(n2-1)); p = 2*stats.t.sf(abs(t), df)
	//   # -1.944425649361594 321942.29485784046 0.05184501306915936
	// and df exactly with fractions (the same lines with F(s1*s1, n1)…):
	//   # 1888787928897950549635251249401/5866852411336568114555599
	//   # = 321942.294857840602061677655…
	tt, df, p, err := Welch(
		Sample{N: 200000, Sum: big.NewRat(800000, 1), SumSq: big.NewRat(3400000, 1)},
		Sample{N: 150000, Sum: big.NewRat(601000, 1), SumSq: big.NewRat(2560000, 1)}, 16)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "large t", tt, "-1.944425649361594", "1e-10")
	near(t, "large df", df, "321942.294857840602061678", "1e-12")
	near(t, "large p", p, "0.05184501306915936", "1e-12")
	// Equal means: t = 0, p = 1.
	tt, _, p, err = Welch(sample("1", "2", "3"), sample("2", "2", "2", "2"), 10)
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

type chartRow struct {
	x, n                                   uint64
	sigma, lcl, ucl, z, laneyLCL, laneyUCL string
}

// checkChart compares a chart with reference rows to 1e-10, and its
// signals with want (period → signals; the others in control).
func checkChart(t *testing.T, rows []chartRow, center *big.Rat, sigmaZ string, want map[int]Signal) {
	t.Helper()
	x, n := make([]uint64, len(rows)), make([]uint64, len(rows))
	for i, r := range rows {
		x[i], n[i] = r.x, r.n
	}
	c, err := PChart(x, n, 14)
	if err != nil {
		t.Fatal(err)
	}
	if c.Center.Cmp(center) != 0 {
		t.Errorf("centre %s, want %s", c.Center, center)
	}
	near(t, "σ_z", c.SigmaZ, sigmaZ, "1e-10")
	for i, r := range rows {
		p := c.Periods[i]
		near(t, "σ", p.Sigma, r.sigma, "1e-10")
		near(t, "LCL", p.LCL, r.lcl, "1e-10")
		near(t, "UCL", p.UCL, r.ucl, "1e-10")
		near(t, "z", p.Z, r.z, "1e-10")
		near(t, "Laney LCL", p.LaneyLCL, r.laneyLCL, "1e-10")
		near(t, "Laney UCL", p.LaneyUCL, r.laneyUCL, "1e-10")
		if p.Signals != want[i] {
			t.Errorf("period %d: %s, want %s", i, p.Signals, want[i])
		}
	}
}

// Python (mpmath at 40 digits, fractions), for x, n below:
//
//	pb = F(sum(x), sum(n)); p = mp.mpf(pb.numerator) / pb.denominator
//	s = [mp.sqrt(p * (1 - p) / ni) for ni in n]
//	z = [(mp.mpf(xi) / ni - p) / si for xi, ni, si in zip(x, n, s)]
//	sz = sum(abs(z[i] - z[i-1]) for i in range(1, len(z))) / (len(z) - 1) / mp.mpf("1.128")
//	# per period: s, max(0, p-3s), min(1, p+3s), z,
//	#             max(0, p-3*s*sz), min(1, p+3*s*sz); out when x/n beyond
//
// Limits to 1e-10.
func TestPChart(t *testing.T) {
	rows := []chartRow{
		{12, 100, "0.03582627127215325", "0.04374069837866221", "0.2586983260115817", "-0.8714139397305351", "0", "0.3415916922803471"},
		{15, 120, "0.03270476154509606", "0.05310522755983376", "0.2493337968304101", "-0.8017032063960562", "0", "0.3250047411186446"},
		{9, 90, "0.03776420576368747", "0.03792689490405955", "0.2645121294861844", "-1.356297879416084", "0", "0.351889409595475"},
		{20, 110, "0.03415900937016222", "0.0487424840846353", "0.2536965403056086", "0.8957715749739425", "0", "0.3327322639395089"},
		{14, 100, "0.03582627127215325", "0.04374069837866221", "0.2586983260115817", "-0.313164384590661", "0", "0.3415916922803471"},
		{11, 95, "0.03675697876115949", "0.04094857591164349", "0.2614904484786004", "-0.9638996377022635", "0", "0.3465372478018195"},
		{30, 105, "0.03496286074796829", "0.04633092995121707", "0.2561080944390268", "3.846789726066089", "0", "0.3370037366276645"},
		{13, 100, "0.03582627127215325", "0.04374069837866221", "0.2586983260115817", "-0.5922891621605981", "0", "0.3415916922803471"},
	}
	// pb = 31/205, sz = 1.7712530807264156; period 6 (30/105) above UCL.
	checkChart(t, rows, big.NewRat(31, 205), "1.7712530807264156", map[int]Signal{6: AboveUCL})
}

// An over-dispersed set (n ≈ 2000, σ_z ≈ 5): the p-chart flags four
// periods that Laney's p′ keeps, and both flag the last. Same snippet as
// TestPChart.
func TestPChartLaney(t *testing.T) {
	rows := []chartRow{
		{250, 2000, "0.007816449001944553", "0.1190506529941663", "0.1659493470058337", "-2.238868314198225", "0.02457665476839429", "0.2604233452316057"},
		{310, 2100, "0.007628073151196179", "0.1196157805464115", "0.1653842194535885", "0.6710800378526637", "0.02741859878614093", "0.2575814012138591"},
		{190, 1900, "0.00801950746617272", "0.1184414776014818", "0.1665585223985182", "-5.299577334302672", "0.02151320058690846", "0.2634867994130915"},
		{280, 2000, "0.007816449001944553", "0.1190506529941663", "0.1659493470058337", "-0.3198383305997464", "0.02457665476839429", "0.2604233452316057"},
		{330, 2050, "0.007720538019922781", "0.1193383859402317", "0.1656616140597683", "2.39304692346847", "0.02602362177881579", "0.2589763782211842"},
		{205, 1950, "0.007916025615071084", "0.1187519231547867", "0.1662480768452133", "-4.721030058397465", "0.02307438598575492", "0.2619256140142451"},
		{260, 2000, "0.007816449001944553", "0.1190506529941663", "0.1659493470058337", "-1.599191652998732", "0.02457665476839429", "0.2604233452316057"},
		{300, 2100, "0.007628073151196179", "0.1196157805464115", "0.1653842194535885", "0.04681953752460444", "0.02741859878614093", "0.2575814012138591"},
		{180, 1900, "0.00801950746617272", "0.1184414776014818", "0.1665585223985182", "-5.955871741027461", "0.02151320058690846", "0.2634867994130915"},
		{290, 2000, "0.007816449001944553", "0.1190506529941663", "0.1659493470058337", "0.3198383305997464", "0.02457665476839429", "0.2604233452316057"},
		{540, 2000, "0.007816449001944553", "0.1190506529941663", "0.1659493470058337", "16.31175486058707", "0.02457665476839429", "0.2604233452316057"},
	}
	want := map[int]Signal{2: BelowLCL, 5: BelowLCL, 8: BelowLCL, 10: AboveUCL | AboveLaneyUCL}
	checkChart(t, rows, big.NewRat(57, 400), "5.0288541170152452", want)
	c, _ := PChart([]uint64{250, 540}, []uint64{2000, 2000}, 6)
	if c.Periods[1].Out(true) != (c.Periods[1].Signals&AboveLaneyUCL != 0) || !c.Periods[1].Out(false) {
		t.Errorf("Out: %s", c.Periods[1].Signals)
	}
}

// Python (fractions):
//
//	x = [30,28,8,9,10,8,9,10,8,9,10,12,9]; n = [100]*13
//	pb = F(sum(x), sum(n)); side = L = 0; marks = []
//	for xi, ni in zip(x, n):
//	    s = (F(xi,ni) > pb) - (F(xi,ni) < pb)
//	    if s == 0: side, L = 0, 0
//	    elif s == side: L += 1
//	    else: side, L = s, 1
//	    marks.append(L >= 8)
//	# pb = 8/65; runs marked at periods [9, 10, 11, 12]
func TestPChartRun(t *testing.T) {
	x := []uint64{30, 28, 8, 9, 10, 8, 9, 10, 8, 9, 10, 12, 9}
	n := make([]uint64, len(x))
	for i := range n {
		n[i] = 100
	}
	c, err := PChart(x, n, 10)
	if err != nil {
		t.Fatal(err)
	}
	var runs []int
	for i, p := range c.Periods {
		if p.Signals&Run != 0 {
			runs = append(runs, i)
		}
	}
	if len(runs) != 4 || runs[0] != 9 || runs[3] != 12 {
		t.Errorf("runs at %v, want [9 10 11 12]", runs)
	}
	// A period on the centre line (p̄ = 90/180 = 1/2) ends a run: eight
	// above broken after four, then eight below, the last one the run.
	x = []uint64{6, 6, 6, 6, 5, 6, 6, 6, 6, 4, 4, 4, 4, 4, 4, 4, 4, 5}
	n = make([]uint64, len(x))
	for i := range n {
		n[i] = 10
	}
	c, _ = PChart(x, n, 6)
	for i, p := range c.Periods {
		if (p.Signals&Run != 0) != (i == 16) {
			t.Errorf("period %d: %s", i, p.Signals)
		}
	}
	if s := (AboveUCL | Run).String(); s != "above UCL+run" {
		t.Errorf("signal string %q", s)
	}
}

func TestPChartEdges(t *testing.T) {
	// p̄ = 0: zero-width limits, nothing out, σ_z 0.
	c, err := PChart([]uint64{0, 0, 0}, []uint64{5, 7, 9}, 6)
	if err != nil || !c.SigmaZ.IsZero() || c.Periods[1].Signals != 0 || !c.Periods[1].UCL.IsZero() {
		t.Errorf("all zero: %+v %v", c, err)
	}
	// One period: it is the centre.
	c, err = PChart([]uint64{3}, []uint64{9}, 6)
	if err != nil || c.Periods[0].Signals != 0 || !c.CenterD.Equal(dec("0.333333")) {
		t.Errorf("one period: %+v %v", c, err)
	}
	for _, bad := range [][2][]uint64{{nil, nil}, {{1}, {1, 2}}, {{1}, {0}}, {{3}, {2}}} {
		if _, err := PChart(bad[0], bad[1], 6); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}

// The exact ±3σ decision agrees with the rounded limits wherever the
// proportion is not within rounding of a limit.
func TestPChartProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.IntRange(1, 6).Draw(t, "periods")
		x, n := make([]uint64, k), make([]uint64, k)
		for i := range k {
			n[i] = uint64(rapid.IntRange(1, 300).Draw(t, "n"))
			x[i] = uint64(rapid.IntRange(0, int(n[i])).Draw(t, "x"))
		}
		c, err := PChart(x, n, 12)
		if err != nil {
			t.Fatal(err)
		}
		eps := dec("1e-11")
		for i, p := range c.Periods {
			if p.LCL.IsNegative() || p.UCL.GreaterThan(one) || p.LCL.GreaterThan(p.UCL) {
				t.Fatalf("period %d: limits %s %s", i, p.LCL, p.UCL)
			}
			above := p.P.GreaterThan(p.UCL.Add(eps))
			below := p.P.LessThan(p.LCL.Sub(eps))
			inside := p.P.GreaterThan(p.LCL.Add(eps)) && p.P.LessThan(p.UCL.Sub(eps))
			if (above && p.Signals&AboveUCL == 0) || (below && p.Signals&BelowLCL == 0) ||
				(inside && p.Signals&(AboveUCL|BelowLCL) != 0) {
				t.Fatalf("period %d: p %s limits %s %s signals %s", i, p.P, p.LCL, p.UCL, p.Signals)
			}
		}
	})
}
