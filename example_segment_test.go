package csat_test

import (
	"cmp"
	"fmt"
	"log"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/plan"
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

// Quartiles is a user's own segmenter: customers ranked by exact value
// (ties by id) and split into four classes of equal size, "Q1" the most
// valuable. It goes wherever ABC goes.
type Quartiles struct{}

var _ csat.Segmenter = Quartiles{}

func (Quartiles) Segment(values []csat.CustomerValue) ([]csat.Assignment, error) {
	if err := csat.CheckIDs(values); err != nil {
		return nil, err
	}
	vs := slices.Clone(values)
	slices.SortFunc(vs, func(a, b csat.CustomerValue) int {
		return cmp.Or(b.Value.Cmp(a.Value), strings.Compare(a.ID, b.ID))
	})
	out := make([]csat.Assignment, len(vs))
	for i, v := range vs {
		q := 4*i/len(vs) + 1 // rank i of n falls in quartile ⌊4i/n⌋ + 1
		out[i] = csat.Assignment{ID: v.ID, Class: "Q" + strconv.Itoa(q), Value: v.Value, Rank: i + 1}
	}
	return out, nil
}

// A quartile segmentation of eight customers by CLV (365 in all: the top
// quartile holds 120 + 80 = 200, 200/365 ≈ 54.79%), summarised and
// scheduled like ABC classes: the top quartile is surveyed quarterly
// (1 October + 3 months), the others half-yearly (1 October + 6 months).
// Two CLVs that differ only past the 20th decimal (2/3 and
// 0.66666666666666666667) are still ranked exactly.
func Example_quartiles() {
	var vs []csat.CustomerValue
	for i, n := range []int64{120, 80, 60, 40, 30, 20, 10, 5} {
		r, err := csat.Given("CLV", csat.Points, decimal.NewFromInt(n))
		if err != nil {
			log.Fatal(err)
		}
		vs = append(vs, csat.CustomerValue{ID: fmt.Sprintf("c%d", i+1), Value: r})
	}
	as, err := Quartiles{}.Segment(vs)
	if err != nil {
		log.Fatal(err)
	}
	summary, err := csat.Summarize(as)
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range summary {
		fmt.Println(s.Class, s.Count, s.Value, s.Share)
	}
	day := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	sched, err := plan.Schedule(as, plan.ScheduleOptions{AsOf: day, KeyClasses: []string{"Q1"},
		Last: map[string]time.Time{"c1": day.AddDate(0, -1, 0), "c3": day.AddDate(0, -1, 0)}})
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range sched[len(sched)-2:] {
		fmt.Println(e.ID, e.Class, e.Key, e.Due.Format(time.DateOnly))
	}
	third, _ := csat.Quotient("CLV", csat.Points, decimal.NewFromInt(2), decimal.NewFromInt(3))
	near, _ := csat.Given("CLV", csat.Points, decimal.RequireFromString("0.66666666666666666667"))
	tie, _ := Quartiles{}.Segment([]csat.CustomerValue{{ID: "a", Value: third}, {ID: "b", Value: near}})
	fmt.Println(tie[0].ID, tie[1].ID, tie[1].Value.Exact(), third.Value().Equal(near.Value()))
	// Output:
	// Q1 2 200 ≈54.79%
	// Q2 2 100 ≈27.4%
	// Q3 2 50 ≈13.7%
	// Q4 2 15 ≈4.11%
	// c1 Q1 true 2027-01-01
	// c3 Q2 false 2027-04-01
	// b a false true
}
