package csat_test

import (
	"errors"
	"fmt"

	"github.com/csatkit/csat"
)

// A survey plan: the sample size, its allocation to strata, and the rules.
func ExampleCochranSampleSize() {
	ss, _ := csat.CochranSampleSize(&csat.SampleSizeOptions{Population: 2000})
	fmt.Println(ss.N0.Explain())
	fmt.Println(ss.Corrected.Explain(), "→", ss.N)
	alloc, _ := csat.Allocate([]csat.Stratum{{Name: "large", Population: 1000}, {Name: "medium", Population: 600}, {Name: "small", Population: 400}}, ss.N, csat.Proportional)
	fmt.Println(alloc["large"], alloc["medium"], alloc["small"])
	plan := csat.Plan{Period: "2027H1", Method: csat.Telephone, PlannedForms: ss.N, PlannedCompetitorForms: 8,
		KeyCustomers: []string{"K1"}, Respondents: []string{"K1"}}
	err := plan.Check(nil)
	fmt.Println(errors.Is(err, csat.ErrTooFewCompetitorForms), errors.Is(err, csat.ErrKeyCustomerMissing))
	// Output:
	// n₀ = 1.96² × 0.5 × (1 − 0.5) / 0.05² = 384.16
	// n = 384.16 / (1 + (384.16 − 1) / 2000) = ≈322.4 → 323
	// 161 97 65
	// true false
}
