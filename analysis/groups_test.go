package analysis

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// workedForms are the forms of the worked example: two regions (华东,
// 华南) and sizes 大, 中, 小 (and 微, two forms: suppressed), two items,
// levels by index on the five-point scale (0 very satisfied … 4 very
// dissatisfied), -1 a blank; one form of 华东 has no size.
//
// The reference figures below were computed independently with Python
// (3.11, fractions, scipy 1.10.1, statsmodels 0.13.5):
//
//	from fractions import Fraction as F
//	from itertools import combinations
//	from scipy import stats
//	from statsmodels.stats.proportion import proportions_ztest
//	from statsmodels.stats.multitest import multipletests
//	P = [10, 8, 6, 4, 2]
//	# forms: (region, size, 品质, 交货) as in workedForms, None a blank
//	def answers(sel): return [c for f in forms if sel(f) for c in f[2:] if c is not None]
//	deg  = F(sum(P[c] for c in a), 10*len(a)); rate = F(sum(c <= 2 for c in a), len(a))
//	# pairs in best-first order, i < j:
//	z, p = proportions_ztest([k_i, k_j], [n_i, n_j])          # pooled
//	t, p = stats.ttest_ind([P[c]/10 for c in a_i], [P[c]/10 for c in a_j], equal_var=False)
//	adj = multipletests(ps, method='holm')[1]
var workedForms = []struct {
	region, size string
	quality      []int // 品质
	delivery     []int // 交货
}{
	{"华东", "大", []int{0, 0, 0, 1, 0, 1, 0, 2}, []int{0, 1, 0, 1, 2, 0, -1, 1}},
	{"华东", "中", []int{1, 2, 1, 2, 2, 1}, []int{2, 2, 3, 1, -1, 2}},
	{"华东", "小", []int{3, 2, 1, 3, 2, 2}, []int{2, 4, 2, 1, 3, 2}},
	{"华南", "大", []int{0, 1, 0, 1}, []int{1, 0, 2, 0}},
	{"华南", "中", []int{2, 1, 2, 3, 1, 2}, []int{2, 3, 1, 2, 2, 0}},
	{"华南", "小", []int{3, 2, 2, 1}, []int{2, 3, 1, -1}},
	{"华南", "微", []int{1, 2}, []int{2, 1}},
	{"华东", "", []int{1}, []int{1}},
}

// workedFormList returns the worked example's forms, one by one.
func workedFormList() []form.Form {
	s := csat.FivePoint()
	key := func(i int) string {
		if i < 0 {
			return ""
		}
		l, _ := s.Level(i)
		return l.Key
	}
	var out []form.Form
	for _, g := range workedForms {
		for i := range g.quality {
			attrs := map[string]string{"地区": g.region}
			if g.size != "" {
				attrs["规模"] = g.size
			}
			out = append(out, form.Form{ID: fmt.Sprintf("F%03d", len(out)+1), Attrs: attrs,
				Answers: map[string]string{"品质": key(g.quality[i]), "交货": key(g.delivery[i])}})
		}
	}
	return out
}

func workedStats(t testing.TB) *form.Stats {
	t.Helper()
	st, err := form.New(csat.FivePoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range workedFormList() {
		if err := st.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// workedHistory: 2025H1 60 of 80 answers satisfied, 2025H2 50 of 75.
func workedHistory(t testing.TB) []csat.Period {
	t.Helper()
	h1, h2 := csat.NewTable(csat.FivePoint()), csat.NewTable(csat.FivePoint())
	for _, c := range []struct {
		t     *csat.Table
		level int
		n     uint64
		item  string
	}{{h1, 0, 30, "品质"}, {h1, 2, 30, "交货"}, {h1, 3, 20, "交货"}, {h2, 1, 50, "品质"}, {h2, 4, 25, "品质"}} {
		if err := c.t.AddN(c.item, csat.SourceSurvey, c.level, c.n); err != nil {
			t.Fatal(err)
		}
	}
	return []csat.Period{{Name: "2025H1", Table: h1}, {Name: "2025H2", Table: h2}}
}

func workedReport(t testing.TB) Report {
	t.Helper()
	st := workedStats(t)
	tab, err := st.Table()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Build(Input{Period: "2026H1", Table: tab, Forms: st, History: workedHistory(t),
		Sent: &Sent{Dimension: "地区", Forms: map[string]uint64{"华东": 40, "华南": 30}, Minimum: 20}})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func near(t *testing.T, what string, got decimal.Decimal, want float64, tol float64) {
	t.Helper()
	g, _ := got.Float64()
	if d := g - want; d > tol || d < -tol {
		t.Errorf("%s = %s, want %.15g (±%g)", what, got, want, tol)
	}
}

func isFrac(r *csat.Result, num, den int64) bool {
	return r != nil && r.Rat().Cmp(big.NewRat(num, den)) == 0
}

// TestWorkedFormCounts: 37 survey forms, 71 answers, 3 blanks (all 交货).
func TestWorkedFormCounts(t *testing.T) {
	rep := workedReport(t)
	want := &FormCounts{Sources: []SourceForms{{Source: csat.SourceSurvey, Forms: 37, Answers: 71, Blanks: 3,
		Items: []ItemForms{{Item: "交货", Answers: 34, Blanks: 3}, {Item: "品质", Answers: 37}}}}}
	if diff := cmp.Diff(want, rep.Forms); diff != "" {
		t.Errorf("form counts (-want +got):\n%s", diff)
	}
	if rep.MinSample == nil || *rep.MinSample != (MinSample{Small: 30, Suppress: 5}) {
		t.Errorf("min sample %v", rep.MinSample)
	}
}

type wantValue struct {
	value          string
	forms, answers uint64
	num, den       int64
	sample         SampleFlag
	letters        string
}

type wantPair struct {
	a, b      string
	p, adj    float64
	signifant bool
}

func checkBreakdownFigures(t *testing.T, b Breakdown, vals []wantValue, pairs []wantPair) {
	t.Helper()
	if len(b.Values) != len(vals) || len(b.Pairs) != len(pairs) {
		t.Fatalf("%s %s: %d values, %d pairs", b.Dimension, b.Figure, len(b.Values), len(b.Pairs))
	}
	for i, w := range vals {
		v := b.Values[i]
		ok := v.Value == w.value && v.Forms == w.forms && v.Answers == w.answers && v.Sample == w.sample && v.Letters == w.letters
		if w.sample == SampleSuppressed {
			ok = ok && v.Score == nil && v.Interval == nil
		} else {
			ok = ok && isFrac(v.Score, w.num, w.den) && v.Interval != nil
		}
		if !ok {
			t.Errorf("%s %s value %d: got %+v (score %v), want %+v", b.Dimension, b.Figure, i, v, v.Score, w)
		}
	}
	for i, w := range pairs {
		p := b.Pairs[i]
		if p.A != w.a || p.B != w.b || p.Significant != w.signifant {
			t.Errorf("%s %s pair %d: %s–%s significant %t, want %s–%s %t", b.Dimension, b.Figure, i, p.A, p.B, p.Significant, w.a, w.b, w.signifant)
		}
		near(t, b.Figure+" "+p.A+"–"+p.B+" p", p.Comparison.PValue, w.p, 1e-6)
		near(t, b.Figure+" "+p.A+"–"+p.B+" Holm", p.Adjusted, w.adj, 1e-6)
	}
}

// TestWorkedBreakdowns: per region and size, degree and rate exact,
// p-values and Holm-adjusted p-values to 1e-6 of scipy/statsmodels, and
// the letters derived by hand from the adjusted p-values at α = 0.05:
//
//	rate by size: 大–小 differ (0.0108), 大–中 (0.1464) and 中–小 (0.1464)
//	do not: 大 {a}, 中 {a, b}, 小 {b} → a, ab, b.
//	degree by size: 大–中 and 大–小 differ, 中–小 (0.0990) does not:
//	大 a, 中 b, 小 b. By region nothing differs: a, a.
func TestWorkedBreakdowns(t *testing.T) {
	rep := workedReport(t)
	if len(rep.Groups) != 4 {
		t.Fatalf("%d breakdowns, want 4", len(rep.Groups))
	}
	for i, w := range []struct{ dim, figure, test string }{{"地区", "degree 满意度", testWelch}, {"地区", "rate 满意率", testZ},
		{"规模", "degree 满意度", testWelch}, {"规模", "rate 满意率", testZ}} {
		if b := rep.Groups[i]; b.Dimension != w.dim || b.Figure != w.figure || b.Test != w.test || !b.Alpha.Equal(decimal.RequireFromString("0.05")) {
			t.Errorf("breakdown %d: %s %s %s, want %v", i, b.Dimension, b.Figure, b.Test, w)
		}
	}
	// 华东 degree 143/200 rate 7/8 (35/40); 华南 degree 109/155 rate 27/31.
	checkBreakdownFigures(t, rep.Groups[0], []wantValue{
		{"华东", 21, 40, 143, 200, SampleSmall, "a"}, {"华南", 16, 31, 109, 155, SampleSmall, "a"},
	}, []wantPair{{"华东", "华南", 0.799277466762381, 0.799277466762381, false}})
	checkBreakdownFigures(t, rep.Groups[1], []wantValue{
		{"华东", 21, 40, 7, 8, SampleSmall, "a"}, {"华南", 16, 31, 27, 31, SampleSmall, "a"},
	}, []wantPair{{"华东", "华南", 0.959605182959035, 0.959605182959035, false}})
	// 大 degree 101/115 rate 1; 中 15/23, 20/23; 小 54/95, 13/19; 微 (2 forms) suppressed.
	checkBreakdownFigures(t, rep.Groups[2], []wantValue{
		{"大", 12, 23, 101, 115, SampleSmall, "a"}, {"中", 12, 23, 15, 23, SampleSmall, "b"},
		{"小", 10, 19, 54, 95, SampleSmall, "b"}, {"微", 2, 4, 0, 0, SampleSuppressed, ""},
	}, []wantPair{
		{"大", "中", 4.98631805827617e-06, 9.97263611655234e-06, true},
		{"大", "小", 2.31351769525327e-07, 6.9405530857598e-07, true},
		{"中", "小", 0.0989730270531395, 0.0989730270531395, false},
	})
	checkBreakdownFigures(t, rep.Groups[3], []wantValue{
		{"大", 12, 23, 1, 1, SampleSmall, "a"}, {"中", 12, 23, 20, 23, SampleSmall, "ab"},
		{"小", 10, 19, 13, 19, SampleSmall, "b"}, {"微", 2, 4, 0, 0, SampleSuppressed, ""},
	}, []wantPair{
		{"大", "中", 0.0732206986560085, 0.146441397312017, false},
		{"大", "小", 0.00360320917275847, 0.0108096275182754, true},
		{"中", "小", 0.145087516509347, 0.146441397312017, false},
	})
	joined := cautionText(rep)
	for _, w := range []string{"规模: suppressed, fewer than 5 forms or 2 answers: 微 (2 forms)", "地区: small sample, fewer than 30 forms: 华东 (21 forms), 华南 (16 forms)"} {
		if !strings.Contains(joined, w) {
			t.Errorf("warnings lack %q:\n%s", w, joined)
		}
	}
}

// TestWorkedResponse: 华东 21 of 40, 华南 16 of 30 (under the minimum of
// 20), overall 37/70; by size 微 is unplanned and one form has no size.
func TestWorkedResponse(t *testing.T) {
	rep := workedReport(t)
	r := rep.Response
	if r == nil || r.Dimension != "地区" || len(r.Strata) != 2 {
		t.Fatalf("response %+v", r)
	}
	for _, c := range []struct {
		s            StratumResponse
		name         string
		ret, sent    uint64
		num, den     int64
		underMinimum bool
	}{{r.Strata[0], "华东", 21, 40, 21, 40, false}, {r.Strata[1], "华南", 16, 30, 8, 15, true}, {r.Overall, "", 37, 70, 37, 70, false}} {
		if c.s.Stratum != c.name || c.s.Returned != c.ret || c.s.Sent != c.sent || !isFrac(&c.s.Rate, c.num, c.den) || c.s.UnderMinimum != c.underMinimum {
			t.Errorf("stratum %+v, want %+v", c.s, c)
		}
	}
	if !strings.Contains(cautionText(rep), "地区 华南 returned 16 forms, fewer than the plan's minimum of 20") {
		t.Errorf("warnings %q", cautionText(rep))
	}
	bySize, err := ResponseRate(workedStats(t), &Sent{Dimension: "规模", Forms: map[string]uint64{"大": 20, "中": 20, "小": 20}})
	if err != nil {
		t.Fatal(err)
	}
	if !isFrac(&bySize.Overall.Rate, 34, 60) || len(bySize.Unplanned) != 1 || bySize.Unplanned[0] != (StratumCount{"微", 2}) || bySize.NoStratum != 1 {
		t.Errorf("by size: overall %s, unplanned %v, no stratum %d", bySize.Overall.Rate, bySize.Unplanned, bySize.NoStratum)
	}
}

// TestWorkedControlChart: the p-chart of 60/80, 50/75, 62/71. Reference
// (Python, float64):
//
//	pb = F(172, 226) = 86/113; s_i = sqrt(pb(1-pb)/n_i); z_i = (x_i/n_i - pb)/s_i
//	sz = sum(|z_i - z_{i-1}|)/(k-1)/1.128 = 2.579170627127851 > 1: Laney
//	Laney limits pb ∓ 3 s_i sz, clipped to [0, 1]
func TestWorkedControlChart(t *testing.T) {
	c := workedReport(t).Control
	if c == nil || len(c.Periods) != 3 || c.Source != csat.SourceSurvey {
		t.Fatalf("control chart %+v", c)
	}
	if !isFrac(&c.Center, 86, 113) || !c.Laney {
		t.Errorf("centre %s, Laney %t", c.Center, c.Laney)
	}
	near(t, "σz", c.SigmaZ, 2.579170627127851, 1e-10)
	lows := []float64{0.392161654354829, 0.380063363049648, 0.369478054728117}
	for i, w := range []struct {
		name string
		x, n uint64
	}{{"2025H1", 60, 80}, {"2025H2", 50, 75}, {"2026H1", 62, 71}} {
		p := c.Periods[i]
		if p.Period != w.name || p.Satisfied != w.x || p.N != w.n || !isFrac(&p.Rate, int64(w.x), int64(w.n)) || p.Signal != "" {
			t.Errorf("period %d: %+v", i, p)
		}
		near(t, w.name+" lower", p.Lower, lows[i], 1e-10)
		near(t, w.name+" upper", p.Upper, 1, 1e-10)
	}
}

// TestControlChartLimits: the plain p-chart (σz ≤ 1) and its signals.
// Reference (Python, float64) for 40/50, 41/50, 39/50, 40/50:
//
//	pb = 0.8, s = sqrt(0.8*0.2/50) = 0.0565685424949238
//	limits 0.8 ∓ 3s = 0.630294372515229, 0.969705627484771
//	z = 0, 0.353553390593274, -0.353553390593274, 0: sz = (0.3536+0.7071+0.3536)/3/1.128 = 0.417913...
func TestControlChartLimits(t *testing.T) {
	var ps []csat.Period
	for i, x := range []uint64{40, 41, 39, 40} {
		tab := csat.NewTable(csat.FivePoint())
		_ = tab.AddN("品质", csat.SourceSurvey, 0, x)
		_ = tab.AddN("品质", csat.SourceSurvey, 3, 50-x)
		ps = append(ps, csat.Period{Name: fmt.Sprintf("P%d", i), Table: tab})
	}
	c, err := ControlChartOf(ps, csat.SourceSurvey)
	if err != nil {
		t.Fatal(err)
	}
	if c.Laney {
		t.Errorf("Laney with σz %s", c.SigmaZ)
	}
	near(t, "σz", c.SigmaZ, (0.353553390593274+0.707106781186548+0.353553390593274)/3/1.128, 1e-10)
	for _, p := range c.Periods {
		near(t, p.Period+" lower", p.Lower, 0.630294372515229, 1e-10)
		near(t, p.Period+" upper", p.Upper, 0.969705627484771, 1e-10)
	}
	// Nine periods: eight at 45/50, above p̄ = (8×45 + 10)/450, then 10/50.
	ps = ps[:0]
	for i := range 9 {
		x := uint64(45)
		if i == 8 {
			x = 10
		}
		tab := csat.NewTable(csat.FivePoint())
		_ = tab.AddN("品质", csat.SourceSurvey, 0, x)
		_ = tab.AddN("品质", csat.SourceSurvey, 3, 50-x)
		ps = append(ps, csat.Period{Name: fmt.Sprintf("P%d", i), Table: tab})
	}
	if c, err = ControlChartOf(ps, csat.SourceSurvey); err != nil {
		t.Fatal(err)
	}
	var signals []string
	for _, p := range c.Periods {
		signals = append(signals, p.Signal)
	}
	want := []string{"", "", "", "", "", "", "", "run_above", "below"}
	if diff := cmp.Diff(want, signals); diff != "" {
		t.Errorf("signals (Laney %t, σz %s) (-want +got):\n%s", c.Laney, c.SigmaZ, diff)
	}
	if _, err := ControlChartOf(ps[:1], csat.SourceSurvey); err == nil {
		t.Error("one period gives a chart")
	}
}

// TestWorkedReportJSON: the worked report reads back and marshals to the
// same bytes.
func TestWorkedReportJSON(t *testing.T) {
	rep := workedReport(t)
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	js2, err := json.Marshal(back)
	if err != nil {
		t.Fatal(err)
	}
	if string(js) != string(js2) {
		t.Error("the worked report re-encodes differently")
	}
}
