package csat

import (
	"errors"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Reference values in this file were computed independently with mpmath
// at 30 digits (closed formulas, betainc for Student's t), shown here:
//
//	Wilson 6/32  → [0.08889544689565953, 0.35309155201375962]
//	Wilson 7/50  → [0.06950833427016290, 0.26186193710585539]
//	Wilson 0/20  → [0, 0.16112515805281939];  20/20 → [0.83887484194718061, 1]
//	t-interval of the worked example: s² = (15.88 − 25×0.76²)/24 = 0.06,
//	  se = √(0.06/25), t(0.975, 24) = 2.0638985616280258 →
//	  [0.65889003286294391, 0.86110996713705609]
//	z-test 21/25 vs 5/10: pooled 26/35, z = 2.0790982594984713, p = 0.0376083200528839
//	Welch, worked example vs counts 2,2,3,2,1 (degree 64%): t = 1.2421180068162376,
//	  df = 15.607857016457264, p = 0.23253380414327916
func TestIntervalsReference(t *testing.T) {
	cases := []struct {
		name         string
		iv           func() (Interval, error)
		low, high    string
		places       int32
		wantEstimate string
	}{
		{"wilson 6/32", func() (Interval, error) { return Wilson(Proportion{6, 32}, Confidence{}) }, "0.08890", "0.35309", 5, "0.1875"},
		{"wilson 7/50", func() (Interval, error) { return Wilson(Proportion{7, 50}, Confidence{}) }, "0.0695", "0.2619", 4, "0.14"},
		{"wilson 6/32 16 places", func() (Interval, error) { return Wilson(Proportion{6, 32}, ConfidenceLevel(dec("0.95"))) }, "0.0888954468956595", "0.3530915520137596", 16, "0.1875"},
		{"wilson 0/20", func() (Interval, error) { return Wilson(Proportion{0, 20}, Confidence{}) }, "0.0000000000000000", "0.1611251580528194", 16, "0"},
		{"wilson 20/20", func() (Interval, error) { return Wilson(Proportion{20, 20}, Confidence{}) }, "0.8388748419471806", "1.0000000000000000", 16, "1"},
		{"t interval", func() (Interval, error) { return DegreeInterval(tallyOf(t, 10, 5, 6, 3, 1), Confidence{}) }, "0.6588900328629439", "0.8611099671370561", 16, "0.76"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			iv, err := c.iv()
			if err != nil {
				t.Fatal(err)
			}
			got := []string{iv.Low.StringFixed(c.places), iv.High.StringFixed(c.places), iv.Estimate.Value().String()}
			if diff := cmp.Diff([]string{c.low, c.high, c.wantEstimate}, got); diff != "" {
				t.Errorf("interval mismatch (-want +got):\n%s", diff)
			}
		})
	}
	iv, _ := Wilson(Proportion{6, 32}, Confidence{})
	if want := "Wilson 95% interval = centre 22.1% ± 13.21% (z 1.96, n 32) = [8.89%, 35.31%]"; iv.Explain() != want {
		t.Errorf("Explain\n got: %s\nwant: %s", iv.Explain(), want)
	}
}

func TestComparisonsReference(t *testing.T) {
	ours := tallyOf(t, 10, 5, 6, 3, 1)
	theirs := tallyOf(t, 2, 2, 1, 4, 1) // rate 5/10
	c, err := compareRateTallies(ours, theirs, decimal.Zero)
	if err != nil {
		t.Fatal(err)
	}
	if c.Statistic.Round(15).String() != "2.079098259498471" || c.PValue.Round(15).String() != "0.037608320052884" || !c.Significant {
		t.Errorf("z-test: z %s p %s significant %t", c.Statistic, c.PValue, c.Significant)
	}
	w, err := CompareDegrees(ours, tallyOf(t, 2, 2, 3, 2, 1), decimal.Zero)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{w.Theirs.Value().String(), w.Statistic.Round(15).String(), w.DF.Round(15).String(), w.PValue.Round(14).String()}
	want := []string{"0.64", "1.242118006816238", "15.607857016457264", "0.23253380414328"}
	if diff := cmp.Diff(want, got); diff != "" || w.Significant {
		t.Errorf("welch mismatch (-want +got):\n%s", diff)
	}
}

func TestTestsProperties(t *testing.T) {
	gen := func(t *rapid.T, label string) Tally {
		tl := NewTally(FivePoint())
		for i := range 5 {
			_ = tl.AddN(i, rapid.Uint64Range(0, 30).Draw(t, label))
		}
		if n, _ := tl.N(); n < 2 {
			_ = tl.AddN(0, 1)
			_ = tl.AddN(4, 1)
		}
		return tl
	}
	t.Run("p-value symmetric and in [0,1]", rapid.MakeCheck(func(t *rapid.T) {
		a, b := gen(t, "a"), gen(t, "b")
		r1, err1 := compareRateTallies(a, b, decimal.Zero)
		r2, err2 := compareRateTallies(b, a, decimal.Zero)
		d1, err3 := CompareDegrees(a, b, decimal.Zero)
		d2, err4 := CompareDegrees(b, a, decimal.Zero)
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			t.Fatal(err)
		}
		for _, p := range []decimal.Decimal{r1.PValue, d1.PValue} {
			if p.IsNegative() || p.GreaterThan(decimal.NewFromInt(1)) {
				t.Fatalf("p-value %s", p)
			}
		}
		if !r1.PValue.Equal(r2.PValue) || !d1.PValue.Equal(d2.PValue) {
			t.Fatalf("asymmetric: %s/%s, %s/%s", r1.PValue, r2.PValue, d1.PValue, d2.PValue)
		}
	}))
	t.Run("intervals contain the estimate and narrow with n", rapid.MakeCheck(func(t *rapid.T) {
		a := gen(t, "a")
		k := rapid.Uint64Range(2, 10).Draw(t, "k")
		big := NewTally(FivePoint())
		for i := range 5 {
			_ = big.AddN(i, a.Count(i)*k)
		}
		for _, f := range []func(Tally, Confidence) (Interval, error){RateInterval, DegreeInterval} {
			iv, err := f(a, Confidence{})
			if err != nil {
				t.Fatal(err)
			}
			ib, _ := f(big, Confidence{})
			if !iv.Contains(iv.Estimate.Round(Precision)) || iv.Low.IsNegative() || iv.High.GreaterThan(decimal.NewFromInt(1)) {
				t.Fatalf("%s %s does not contain %s or leaves [0,1]", iv.Method, iv, iv.Estimate)
			}
			if ib.Width().GreaterThan(iv.Width()) {
				t.Fatalf("%s widened from %s to %s with n×%d", iv.Method, iv.Width(), ib.Width(), k)
			}
		}
	}))
}

func TestIntervalErrors(t *testing.T) {
	_, err := Wilson(Proportion{0, 0}, Confidence{})
	checkErr(t, err, errCheck{Is: ErrEmpty})
	_, err = Wilson(Proportion{3, 2}, Confidence{})
	checkErr(t, err, errCheck{Is: ErrOutOfRange, Msg: `csat: proportion 3 of 2: value out of range`})
	_, err = Wilson(Proportion{1, 2}, ConfidenceLevel(dec("1.5")))
	checkErr(t, err, errCheck{Is: ErrOutOfRange, Msg: `csat: confidence level 1.5 outside (0, 1): value out of range`})
	_, err = DegreeInterval(tallyOf(t, 1), Confidence{})
	checkErr(t, err, errCheck{Is: ErrTooFew, Msg: `csat: degree interval: 1 answers (at least 2 needed): too few observations`})
	_, err = CompareDegrees(tallyOf(t, 1), tallyOf(t, 3), decimal.Zero)
	checkErr(t, err, errCheck{Is: ErrTooFew})
	_, err = compareRateTallies(tallyOf(t, 1), NewTally(FivePoint()), decimal.Zero)
	checkErr(t, err, errCheck{Is: ErrEmpty})
	_, err = compareRateTallies(tallyOf(t, 1), tallyOf(t, 1), dec("2"))
	checkErr(t, err, errCheck{Is: ErrOutOfRange})
	// Constant groups: equal means p = 1, different means p = 0.
	c, _ := CompareDegrees(tallyOf(t, 3), tallyOf(t, 4), decimal.Zero)
	d, _ := CompareDegrees(tallyOf(t, 3), tallyOf(t, 0, 4), decimal.Zero)
	if !c.PValue.Equal(decimal.NewFromInt(1)) || !d.PValue.IsZero() {
		t.Errorf("constant groups: p %s and %s", c.PValue, d.PValue)
	}
}

func surveyTable(t testing.TB) *Table {
	tab := NewTable(FivePoint())
	for _, row := range perItem {
		for lvl, c := range row.counts {
			_ = tab.AddN(row.item, SourceSurvey, lvl, c)
		}
	}
	return tab
}

func TestParetoAndGaps(t *testing.T) {
	tab := surveyTable(t)
	// Self-assessment: staff see no problem with delivery.
	_ = tab.AddN("delivery 交货期", SourceSelf, 1, 5)
	_ = tab.AddN("function 功能", SourceSelf, 0, 4)
	_ = tab.AddN("function 功能", SourceSelf, 3, 1)
	// Dissatisfied answers: function 1, packaging 1, delivery 1, service 1 → 4 in all, 25% each.
	p, err := Pareto(tab, SourceSurvey)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range p {
		got = append(got, e.Item+" "+e.Share.String()+" "+e.Cumulative.String())
	}
	want := []string{"delivery 交货期 25% 25%", "function 功能 25% 50%", "packaging 包装 25% 75%", "service 服务质量 25% 100%"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Pareto mismatch (-want +got):\n%s", diff)
	}
	gaps, err := Gaps(tab)
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, g := range gaps {
		got = append(got, g.Item+" "+g.DegreeGap.String()+" "+g.RateGap.String())
	}
	// delivery: self 80% vs 56% → +24%, rate 100% vs 80% → +20%;
	// function: self (40+4)/50 = 88% vs 84% → +4%, rate 80% vs 80% → 0%.
	want = []string{"delivery 交货期 24% 20%", "function 功能 4% 0%"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("gaps mismatch (-want +got):\n%s", diff)
	}
	if p, err := Pareto(NewTable(FivePoint()), SourceSurvey); err != nil || len(p) != 0 {
		t.Error("Pareto of no dissatisfaction must be empty")
	}
}

func TestParetoProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tab := NewTable(FivePoint())
		for _, a := range genSurvey(t) {
			_ = tab.Add(a.item, a.source, a.level)
		}
		p, err := Pareto(tab, SourceSurvey)
		if err != nil {
			t.Fatal(err)
		}
		if len(p) == 0 {
			return
		}
		if last := p[len(p)-1].Cumulative.Rat(); last.Cmp(big.NewRat(1, 1)) != 0 {
			t.Fatalf("cumulative ends at %s", last)
		}
		for i := 1; i < len(p); i++ {
			if p[i].Count > p[i-1].Count || p[i].Cumulative.Rat().Cmp(p[i-1].Cumulative.Rat()) <= 0 {
				t.Fatal("Pareto not ordered")
			}
		}
	})
}

func TestCompetitorWarnings(t *testing.T) {
	tab := surveyTable(t)
	_ = tab.AddN("function 功能", SourceCompetitor, 1, 3)
	_ = tab.AddN("function 功能", SourceCompetitor, 3, 2)
	cs, err := CompareCompetitor(tab, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].Item != "" || cs[1].Item != "function 功能" {
		t.Fatalf("comparisons %+v", cs)
	}
	if want := "5 competitor forms, fewer than the plan's minimum of 10"; len(cs[1].Rate.Warnings) != 1 || cs[1].Rate.Warnings[0] != want {
		t.Errorf("warnings %v", cs[1].Rate.Warnings)
	}
	_, err = CompareCompetitor(surveyTable(t), nil)
	checkErr(t, err, errCheck{Is: ErrEmpty})
}

func TestTrend(t *testing.T) {
	p1 := surveyTable(t) // 76% / 84%
	p2 := NewTable(FivePoint())
	_ = p2.AddN("all", SourceSurvey, 0, 15) // 15×10 + 10×8 = 230/250 = 92%, rate 100%
	_ = p2.AddN("all", SourceSurvey, 1, 10)
	p3 := NewTable(FivePoint())
	_ = p3.AddN("all", SourceSurvey, 1, 25) // 80%, 100%
	rep, err := Trend([]Period{{"2025H1", p1}, {"2025H2", p2}, {"2026H1", p3}}, SourceSurvey, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Degree slope: x 0,1,2, y .76 .92 .80, x̄ 1, ȳ .8267; Σ(x−x̄)(y−ȳ) = (−1)(.76) + (1)(.80) + 0 − 0 = 0.04, Σ(x−x̄)² = 2 → 0.02.
	// Rate slope: y .84 1 1 → (−.84 + 1)/2 = 0.08.
	if !rep.DegreeSlope.Value().Equal(dec("0.02")) || !rep.RateSlope.Value().Equal(dec("0.08")) {
		t.Errorf("slopes %s %s", rep.DegreeSlope.Value(), rep.RateSlope.Value())
	}
	if rep.Points[0].VsPrevious != nil || rep.Points[0].VsBaseline != nil || rep.Points[2].VsBaseline.Against != "2025H1" || rep.Points[2].VsPrevious.Against != "2025H2" {
		t.Error("changes wired wrongly")
	}
	if !rep.Points[1].VsPrevious.Degree.Difference.Value().Equal(dec("0.16")) {
		t.Errorf("change %s", rep.Points[1].VsPrevious.Degree.Difference.Value())
	}
	_, err = Trend([]Period{{"a", p1}}, SourceSurvey, 0, nil)
	checkErr(t, err, errCheck{Is: ErrTooFew})
	_, err = Trend([]Period{{"a", p1}, {"a", p2}}, SourceSurvey, 0, nil)
	checkErr(t, err, errCheck{Is: ErrDuplicate})
	_, err = Trend([]Period{{"a", p1}, {"b", p2}}, SourceSurvey, 2, nil)
	checkErr(t, err, errCheck{Is: ErrOutOfRange})
	_, err = Trend([]Period{{"a", p1}, {"b", p2}}, SourceSelf, 0, nil)
	checkErr(t, err, errCheck{Is: ErrEmpty})
}

func TestTargets(t *testing.T) {
	h := []decimal.Decimal{dec("82"), dec("85"), dec("78"), dec("88"), dec("90"), dec("80")}
	r, err := Target(h, AverageAdvanced, Points)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := Target(h, AverageAdvancedVariant, Points)
	// (503/6 + 263/3)/2 = (503 + 526)/12 = 1029/12 = 85.75; (503/6 + 263)/4 = 2081/24 = 86.708333…
	if !r.Target.Value().Equal(dec("85.75")) || v.Target.Rat().Cmp(big.NewRat(2081, 24)) != 0 {
		t.Errorf("targets %s %s", r.Target.Value(), v.Target.Value())
	}
	if want := "target 平均先进指标 = (≈83.83 + ≈87.67) / 2 = 85.75"; r.Target.Explain() != want {
		t.Errorf("Explain\n got: %s\nwant: %s", r.Target.Explain(), want)
	}
	// The components as typed fields: mean 503/6, advanced 85, 88, 90 (3
	// values) with mean 263/3, for both methods.
	for _, x := range []TargetResult{r, v} {
		if x.Mean.Rat().Cmp(big.NewRat(503, 6)) != 0 || len(x.Advanced) != 3 || !x.Advanced[0].Equal(dec("85")) ||
			!x.Advanced[2].Equal(dec("90")) || x.AdvancedMean == nil || x.AdvancedMean.Rat().Cmp(big.NewRat(263, 3)) != 0 {
			t.Errorf("%s: mean %s, advanced %v, advanced mean %v", x.Method, x.Mean.Rat(), x.Advanced, x.AdvancedMean)
		}
	}
	eq, _ := Target([]decimal.Decimal{dec("80"), dec("80")}, AverageAdvanced, Points)
	if !eq.Target.Value().Equal(dec("80")) || eq.AdvancedMean != nil || len(eq.Advanced) != 0 ||
		eq.Target.Explain() != "target 平均先进指标 = 80 (no value above the mean 80: the target is the mean) = 80" {
		t.Errorf("all-equal history: %s", eq.Target.Explain())
	}
	_, err = Target([]decimal.Decimal{dec("82")}, AverageAdvanced, Fraction)
	checkErr(t, err, errCheck{Is: ErrOutOfRange})
	_, err = Target(nil, AverageAdvanced, Points)
	checkErr(t, err, errCheck{Is: ErrEmpty})
	rapid.Check(t, func(rt *rapid.T) {
		vals := rapid.SliceOfN(rapid.IntRange(0, 10000), 1, 20).Draw(rt, "history")
		hist := make([]decimal.Decimal, len(vals))
		lo, hi := new(big.Rat), new(big.Rat)
		sum := new(big.Rat)
		for i, v := range vals {
			hist[i] = decimal.New(int64(v), -2)
			sum.Add(sum, hist[i].Rat())
			if i == 0 || hist[i].Rat().Cmp(hi) > 0 {
				hi = hist[i].Rat()
			}
		}
		lo = sum.Quo(sum, big.NewRat(int64(len(vals)), 1))
		for _, m := range []TargetMethod{AverageAdvanced, AverageAdvancedVariant} {
			tg, err := Target(hist, m, Points)
			if err != nil {
				rt.Fatal(err)
			}
			if tg.Target.Rat().Cmp(lo) < 0 || (m == AverageAdvanced && tg.Target.Rat().Cmp(hi) > 0) {
				rt.Fatalf("method %d: target %s outside [mean %s, max %s]", m, tg.Target.Value(), lo.FloatString(4), hi.FloatString(4))
			}
		}
	})
}

func TestActionValidate(t *testing.T) {
	ok := Action{Item: "a", Kind: Preventive, Action: "x", Owner: "o", Status: Done}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		change func(*Action)
		want   error
	}{
		{"no item", func(a *Action) { a.Item = "" }, ErrMissing},
		{"no owner", func(a *Action) { a.Owner = "" }, ErrMissing},
		{"kind", func(a *Action) { a.Kind = 0 }, ErrInvalid},
		{"status", func(a *Action) { a.Status = 9 }, ErrInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := ok
			c.change(&a)
			checkErr(t, a.Validate(), errCheck{Is: c.want})
		})
	}
}

// compareRateTallies compares the satisfied proportions of two tallies.
func compareRateTallies(a, b Tally, alpha decimal.Decimal) (Comparison, error) {
	pa, err := SatisfiedOf(a)
	if err != nil {
		return Comparison{}, err
	}
	pb, err := SatisfiedOf(b)
	if err != nil {
		return Comparison{}, err
	}
	return CompareRates(pa, pb, alpha)
}
