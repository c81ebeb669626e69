package analysis

import (
	"math/big"
	"testing"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestTargets(t *testing.T) {
	h := []decimal.Decimal{dec("82"), dec("85"), dec("78"), dec("88"), dec("90"), dec("80")}
	r, err := Target(h, AverageAdvanced, csat.Points)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := Target(h, AverageAdvancedVariant, csat.Points)
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
	eq, _ := Target([]decimal.Decimal{dec("80"), dec("80")}, AverageAdvanced, csat.Points)
	if !eq.Target.Value().Equal(dec("80")) || eq.AdvancedMean != nil || len(eq.Advanced) != 0 ||
		eq.Target.Explain() != "target 平均先进指标 = 80 (no value above the mean 80: the target is the mean) = 80" {
		t.Errorf("all-equal history: %s", eq.Target.Explain())
	}
	_, err = Target([]decimal.Decimal{dec("82")}, AverageAdvanced, csat.Fraction)
	checkErr(t, err, errCheck{Is: csat.ErrOutOfRange})
	_, err = Target(nil, AverageAdvanced, csat.Points)
	checkErr(t, err, errCheck{Is: csat.ErrEmpty})
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
			tg, err := Target(hist, m, csat.Points)
			if err != nil {
				rt.Fatal(err)
			}
			if tg.Target.Rat().Cmp(lo) < 0 || (m == AverageAdvanced && tg.Target.Rat().Cmp(hi) > 0) {
				rt.Fatalf("method %d: target %s outside [mean %s, max %s]", m, tg.Target.Value(), lo.FloatString(4), hi.FloatString(4))
			}
		}
	})
}
