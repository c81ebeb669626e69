package csat_test

import (
	"fmt"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
)

// The Net Promoter Score with its Wald and adjusted-Wald intervals.
func ExampleNPS() {
	t := csat.NewTally(csat.NPSScale())
	_ = t.AddN(10, 100) // promoters
	_ = t.AddN(8, 30)   // passives
	_ = t.AddN(3, 80)   // detractors
	r, err := csat.NPS{}.Compute(t)
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Score.Explain())
	fmt.Println(r.Wald.Explain())
	fmt.Println(r.AdjustedWald.Explain())
	// Output:
	// NPS = (100 − 80) / 210 × 100 = ≈9.52
	// Wald 95% interval = ≈9.52 ± 1.96×6.35 = [-2.93, 21.98]
	// adjusted Wald 95% interval = ≈9.39 ± 1.96×6.29 = [-2.94, 21.72]
}

// The composite loyalty index: seven measures, each normalised to 0–100
// in its direction against declared bounds, then weighted equally.
func ExampleLoyaltyIndex() {
	ms := csat.SevenMeasures()
	for i := range ms {
		ms[i].Low, ms[i].High = decimal.Zero, decimal.NewFromInt(10)
	}
	li, err := csat.NewLoyaltyIndex(ms, nil)
	if err != nil {
		panic(err)
	}
	r, err := li.Score(map[string]decimal.Decimal{
		"repeat_purchases": decimal.NewFromInt(8), "share_of_wallet": decimal.NewFromInt(6),
		"brand_attention": decimal.NewFromInt(7), "choice_time": decimal.NewFromInt(2),
		"price_sensitivity": decimal.NewFromInt(3), "competitor_attitude": decimal.NewFromInt(4),
		"incident_tolerance": decimal.NewFromInt(9),
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Value().StringFixed(2))
	fmt.Println(r.Parts()[1].Explain())
	// Output:
	// 72.86
	// choice_time = (10 − 2) / (10 − 0) × 100 = 80
}
