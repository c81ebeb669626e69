package csat_test

import (
	"fmt"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
)

// Confidence intervals: Wilson for a rate, t for a degree.
func ExampleWilson() {
	iv, err := csat.Wilson(csat.Proportion{K: 6, N: 32}, csat.Confidence{}) // 95%
	if err != nil {
		panic(err)
	}
	fmt.Println(iv.Low.StringFixed(5), iv.High.StringFixed(5))
	fmt.Println(iv.Explain())
	t := csat.NewTally(csat.FivePoint())
	_ = t.AddCodes([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4})
	di, _ := csat.DegreeInterval(t, csat.Confidence{Z: decimal.RequireFromString("1.96")})
	fmt.Println(di.Explain())
	fmt.Println(di.Quantile.StringFixed(4), di.DF, di.Variance.StringFixed(6))
	// Output:
	// 0.08890 0.35309
	// Wilson 95% interval = centre 22.1% ± 13.21% (z 1.96, n 32) = [8.89%, 35.31%]
	// t ≈95% interval = 76% ± 2.064×4.9% (t with 24 df, s/√n) = [65.89%, 86.11%]
	// 2.0639 24 0.002400
}

// Our rate and degree against a competitor's, with significance (values
// checked independently with mpmath: t = 1.5689, df = 14.713, p = 0.13792).
func ExampleCompareRates() {
	ours, theirs := csat.NewTally(csat.FivePoint()), csat.NewTally(csat.FivePoint())
	_ = ours.AddCodes([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4})
	_ = theirs.AddCodes([]byte{0, 0, 1, 1, 2, 3, 3, 3, 3, 4})
	po, _ := csat.SatisfiedOf(ours)   // 21 of 25
	pt, _ := csat.SatisfiedOf(theirs) // 5 of 10
	r, _ := csat.CompareRates(po, pt, decimal.Zero)
	fmt.Println(r.Explain())
	fmt.Println(r.Pooled.Num(), r.Pooled.Den(), r.SE.StringFixed(4), r.Statistic.StringFixed(4), r.PValue.StringFixed(4))
	d, _ := csat.CompareDegrees(ours, theirs, decimal.Zero)
	fmt.Println(d.Explain())
	// Output:
	// two-proportion z-test (pooled): 84% vs 50%, pooled rate 74.29%, z = 2.079, p = 0.0376, significant at α = 0.05
	// 26 35 0.1635 2.0791 0.0376
	// Welch's t-test: 76% vs 60%, t = 1.569, df = 14.71, p = 0.1379, not significant at α = 0.05
}

// The yearly target 平均先进指标 from past surveys.
func ExampleTarget() {
	var h []decimal.Decimal
	for _, v := range []int64{82, 85, 78, 88, 90, 80} {
		h = append(h, decimal.NewFromInt(v))
	}
	t, _ := csat.Target(h, csat.AverageAdvanced, csat.Points)
	fmt.Print(t.Target.Derivation())
	fmt.Println(t.Mean.Num(), t.Mean.Den(), t.Advanced, len(t.Advanced), t.AdvancedMean.Num(), t.AdvancedMean.Den())
	v, _ := csat.Target(h, csat.AverageAdvancedVariant, csat.Points)
	fmt.Println(v.Target.Explain())
	// Output:
	// target 平均先进指标 = (≈83.83 + ≈87.67) / 2 = 85.75
	//   mean = (82 + 85 + 78 + 88 + 90 + 80) / 6 = ≈83.83
	//   advanced mean = (85 + 88 + 90) / 3 = ≈87.67
	// 503 6 [85 88 90] 3 263 3
	// target 平均先进指标 (variant) = (≈83.83 + 85 + 88 + 90) / 4 = ≈86.71
}
