package csat_test

import (
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
)

// Customer lifetime value of a constant margin with retention.
func ExampleCLVConstant() {
	r, err := csat.CLVConstant(decimal.NewFromInt(1000), decimal.RequireFromString("0.8"), decimal.RequireFromString("0.1"), 3)
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Explain())
	// Output: CLV = 1000/1.1 + 800/1.1^2 + 640/1.1^3 = 2730000/1331 = ≈2051.09
}

// ABC grading by cumulative value share, with a summary per class.
func ExampleABC() {
	var vs []csat.CustomerValue
	for i, v := range []int64{50, 20, 10, 8, 5, 4, 3} {
		clv, err := csat.Given("CLV", csat.Points, decimal.NewFromInt(v))
		if err != nil {
			log.Fatal(err)
		}
		vs = append(vs, csat.CustomerValue{ID: fmt.Sprintf("c%d", i+1), Value: clv})
	}
	as, err := csat.ABC{}.Segment(vs)
	if err != nil {
		panic(err)
	}
	classes := make([]string, len(as))
	for i, a := range as {
		classes[i] = a.Class
	}
	fmt.Println(strings.Join(classes, " "))
	summary, err := csat.Summarize(as)
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range summary {
		fmt.Println(s.Class, s.Count, s.Value, s.Share)
	}
	// Output:
	// A A A B B B C
	// A 3 80 80%
	// B 3 17 17%
	// C 1 3 3%
}

// The relationship to build, by unit margin and number of customers.
func ExampleRecommendRelationship() {
	r, _ := csat.RecommendRelationship(csat.HighMargin, csat.FewCustomers)
	fmt.Println(r, "—", r.Description())
	// Output: 伙伴型 (partnership) — work with the customer continuously on its problems and success
}

// Key customers (class A or flagged) are surveyed quarterly, others every
// half year.
func ExampleSurveySchedule() {
	v := func(n int64) csat.Result { r, _ := csat.Given("CLV", csat.Points, decimal.NewFromInt(n)); return r }
	as, _ := csat.ABC{}.Segment([]csat.CustomerValue{{ID: "big", Value: v(80)}, {ID: "mid", Value: v(15)}, {ID: "small", Value: v(5)}})
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	sched, _ := csat.SurveySchedule(as, csat.ScheduleOptions{AsOf: day(11, 23), Last: map[string]time.Time{"big": day(7, 1), "mid": day(7, 1)}})
	for _, e := range sched {
		fmt.Println(e.ID, e.Class, e.Key, e.Due.Format("2006-01-02"), e.Overdue)
	}
	// Output:
	// big A true 2026-10-01 true
	// small C false 2026-11-23 false
	// mid B false 2027-01-01 false
}
