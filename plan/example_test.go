package plan_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/plan"
	"github.com/shopspring/decimal"
)

// A survey plan: the sample size, its allocation to strata, and the rules.
func ExampleCochran() {
	ss, _ := plan.Cochran(&plan.SampleSizeOptions{Population: 2000})
	fmt.Println(ss.N0.Explain())
	fmt.Println(ss.Corrected.Explain(), "→", ss.N)
	alloc, _ := plan.Allocate([]plan.Stratum{{Name: "large", Population: 1000}, {Name: "medium", Population: 600}, {Name: "small", Population: 400}}, ss.N, plan.Proportional)
	fmt.Println(alloc["large"], alloc["medium"], alloc["small"])
	p := plan.Plan{Period: "2027H1", Method: plan.Telephone, PlannedForms: ss.N, PlannedCompetitorForms: 8,
		KeyCustomers: []string{"K1"}, Respondents: []string{"K1"}}
	err := p.Check(nil)
	fmt.Println(errors.Is(err, plan.ErrTooFewCompetitorForms), errors.Is(err, plan.ErrKeyCustomerMissing))
	// Output:
	// n₀ = 1.96² × 0.5 × (1 − 0.5) / 0.05² = 384.16
	// n = 384.16 / (1 + (384.16 − 1) / 2000) = ≈322.4 → 323
	// 161 97 65
	// true false
}

// The relationship to build, by unit margin and number of customers.
func ExampleRecommendRelationship() {
	r, _ := plan.RecommendRelationship(plan.HighMargin, plan.FewCustomers)
	fmt.Println(r.LabelZH(), r, "—", r.Description())
	// Output: 伙伴型 partnership — work with the customer continuously on its problems and success
}

// Key customers (class A or flagged) are surveyed quarterly, others every
// half year.
func ExampleSchedule() {
	v := func(n int64) csat.Result { r, _ := csat.Given("CLV", csat.Points, decimal.NewFromInt(n)); return r }
	as, _ := csat.ABC{}.Segment([]csat.CustomerValue{{ID: "big", Value: v(80)}, {ID: "mid", Value: v(15)}, {ID: "small", Value: v(5)}})
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	sched, _ := plan.Schedule(as, plan.ScheduleOptions{AsOf: day(11, 23), Last: map[string]time.Time{"big": day(7, 1), "mid": day(7, 1)}})
	for _, e := range sched {
		fmt.Println(e.ID, e.Class, e.Key, e.Due.Format("2006-01-02"), e.Overdue)
	}
	// Output:
	// big A true 2026-10-01 true
	// small C false 2026-11-23 false
	// mid B false 2027-01-01 false
}
