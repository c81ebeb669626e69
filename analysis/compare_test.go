package analysis

import (
	"errors"
	"testing"

	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Reference values: see the mpmath computations at the top of interval_test.go.
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
	if testing.Short() {
		t.Skip("long property: run without -short")
	}
	gen := func(t *rapid.T, label string) csat.Tally {
		tl := csat.NewTally(csat.FivePoint())
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
		big := csat.NewTally(csat.FivePoint())
		for i := range 5 {
			_ = big.AddN(i, a.Count(i)*k)
		}
		for _, f := range []func(csat.Tally, csat.Confidence) (csat.Interval, error){csat.RateInterval, csat.DegreeInterval} {
			iv, err := f(a, csat.Confidence{})
			if err != nil {
				t.Fatal(err)
			}
			ib, _ := f(big, csat.Confidence{})
			if !iv.Contains(iv.Estimate.Round(csat.Precision)) || iv.Low.IsNegative() || iv.High.GreaterThan(decimal.NewFromInt(1)) {
				t.Fatalf("%s %s does not contain %s or leaves [0,1]", iv.Method, iv, iv.Estimate)
			}
			if ib.Width().GreaterThan(iv.Width()) {
				t.Fatalf("%s widened from %s to %s with n×%d", iv.Method, iv.Width(), ib.Width(), k)
			}
		}
	}))
}

func TestCompetitorWarnings(t *testing.T) {
	tab := surveyTable(t)
	_ = tab.AddN("function 功能", csat.SourceCompetitor, 1, 3)
	_ = tab.AddN("function 功能", csat.SourceCompetitor, 3, 2)
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
	checkErr(t, err, errCheck{Is: csat.ErrEmpty})
}

// compareRateTallies compares the satisfied proportions of two tallies.
func compareRateTallies(a, b csat.Tally, alpha decimal.Decimal) (Comparison, error) {
	pa, err := csat.SatisfiedOf(a)
	if err != nil {
		return Comparison{}, err
	}
	pb, err := csat.SatisfiedOf(b)
	if err != nil {
		return Comparison{}, err
	}
	return CompareRates(pa, pb, alpha)
}

// A tally of 2⁶⁴ answers or more (each count fits, their sum does not)
// is an overflow for the t-interval and Welch's test, never "too few
// answers", and the competitor comparison and trend return it as an
// error instead of a warning.
func TestAnswerCountOverflow(t *testing.T) {
	huge := csat.NewTally(csat.FivePoint())
	_ = huge.AddN(0, ^uint64(0))
	_ = huge.AddN(1, 2)
	_, err := csat.DegreeInterval(huge, csat.Confidence{})
	checkErr(t, err, errCheck{Is: csat.ErrOverflow})
	_, err = CompareDegrees(huge, tallyOf(t, 1, 1), decimal.Zero)
	checkErr(t, err, errCheck{Is: csat.ErrOverflow})
	_, err = csat.SatisfiedOf(huge)
	checkErr(t, err, errCheck{Is: csat.ErrOverflow})
	tab := csat.NewTable(csat.FivePoint())
	_ = tab.AddTally("x", csat.SourceSurvey, huge)
	_ = tab.AddN("x", csat.SourceCompetitor, 0, 3)
	_ = tab.AddN("x", csat.SourceCompetitor, 2, 3)
	_, err = CompareCompetitor(tab, nil)
	checkErr(t, err, errCheck{Is: csat.ErrOverflow})
	prev := csat.NewTable(csat.FivePoint())
	_ = prev.AddN("x", csat.SourceSurvey, 0, 3)
	_ = prev.AddN("x", csat.SourceSurvey, 1, 3)
	_, err = Trend([]csat.Period{{Name: "a", Table: prev}, {Name: "b", Table: tab}}, csat.SourceSurvey, 0, nil)
	checkErr(t, err, errCheck{Is: csat.ErrOverflow})
}

// From csat's TestIntervalErrors: the tests' errors and constant groups.
func TestCompareErrors(t *testing.T) {
	var err error
	_, err = CompareDegrees(tallyOf(t, 1), tallyOf(t, 3), decimal.Zero)
	checkErr(t, err, errCheck{Is: csat.ErrTooFew})
	_, err = compareRateTallies(tallyOf(t, 1), csat.NewTally(csat.FivePoint()), decimal.Zero)
	checkErr(t, err, errCheck{Is: csat.ErrEmpty})
	_, err = compareRateTallies(tallyOf(t, 1), tallyOf(t, 1), dec("2"))
	checkErr(t, err, errCheck{Is: csat.ErrOutOfRange})
	// Constant groups: equal means p = 1, different means p = 0.
	c, _ := CompareDegrees(tallyOf(t, 3), tallyOf(t, 4), decimal.Zero)
	d, _ := CompareDegrees(tallyOf(t, 3), tallyOf(t, 0, 4), decimal.Zero)
	if !c.PValue.Equal(decimal.NewFromInt(1)) || !d.PValue.IsZero() {
		t.Errorf("constant groups: p %s and %s", c.PValue, d.PValue)
	}
}
