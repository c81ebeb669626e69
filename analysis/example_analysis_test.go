package analysis_test

import (
	"fmt"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/shopspring/decimal"
)

// Our rate and degree against a competitor's, with significance (values
// checked independently with mpmath: t = 1.5689, df = 14.713, p = 0.13792).
func ExampleCompareRates() {
	ours, theirs := csat.NewTally(csat.FivePoint()), csat.NewTally(csat.FivePoint())
	_ = ours.AddCodes([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4})
	_ = theirs.AddCodes([]byte{0, 0, 1, 1, 2, 3, 3, 3, 3, 4})
	po, _ := csat.SatisfiedOf(ours)   // 21 of 25
	pt, _ := csat.SatisfiedOf(theirs) // 5 of 10
	r, _ := analysis.CompareRates(po, pt, decimal.Zero)
	fmt.Println(r.Explain())
	fmt.Println(r.Pooled.Num(), r.Pooled.Den(), r.SE.StringFixed(4), r.Statistic.StringFixed(4), r.PValue.StringFixed(4))
	d, _ := analysis.CompareDegrees(ours, theirs, decimal.Zero)
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
	t, _ := analysis.Target(h, analysis.AverageAdvanced, csat.Points)
	fmt.Print(t.Target.Derivation())
	fmt.Println(t.Mean.Num(), t.Mean.Den(), t.Advanced, len(t.Advanced), t.AdvancedMean.Num(), t.AdvancedMean.Den())
	v, _ := analysis.Target(h, analysis.AverageAdvancedVariant, csat.Points)
	fmt.Println(v.Target.Explain())
	// Output:
	// target 平均先进指标 = (≈83.83 + ≈87.67) / 2 = 85.75
	//   mean = (82 + 85 + 78 + 88 + 90 + 80) / 6 = ≈83.83
	//   advanced mean = (85 + 88 + 90) / 3 = ≈87.67
	// 503 6 [85 88 90] 3 263 3
	// target 平均先进指标 (variant) = (≈83.83 + 85 + 88 + 90) / 4 = ≈86.71
}

// The company view: mean of customer scores, with lost customers counted
// in the lowest band by default.
func ExampleCompany() {
	scorer := csat.PVCCustomerScorer()
	happy, _ := scorer.Score(csat.Customer{ID: "A", Visit: map[string]csat.VisitNote{}}) // nothing mentioned: 80
	q := map[string]decimal.Decimal{}
	for _, it := range scorer.Items() {
		q[it] = decimal.NewFromInt(50)
	}
	gone, _ := scorer.Score(csat.Customer{ID: "B", Questionnaire: q, Status: csat.Lost})
	view, err := analysis.Company([]csat.CustomerScore{happy, gone}, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(view.Mean.Explain())
	fmt.Println(view.LostAffected, view.Ranking[0].ID, view.Ranking[0].Band.LabelZH)
	// Output:
	// company mean = (1×80 + 1×30) / 2 = 55
	// 1 B 不满意
}
