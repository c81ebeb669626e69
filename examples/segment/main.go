// Segment: customers graded A/B/C by lifetime value (METHOD.md §8), the
// relationship type to build with each class, and the survey schedule
// that follows (key customers quarterly, others every half year).
//
//	go run ./examples/segment
package main

import (
	"fmt"
	"log"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/plan"
	"github.com/shopspring/decimal"
)

func main() {
	d := decimal.RequireFromString
	// Yearly margin, retention, discount rate, horizon in years.
	customers := []struct {
		id       string
		margin   string
		retained string
	}{
		{"华东化工", "50000", "0.9"},
		{"北方塑业", "20000", "0.85"},
		{"南方管材", "12000", "0.8"},
		{"西部建材", "8000", "0.8"},
		{"东海型材", "5000", "0.7"},
		{"中原门窗", "4000", "0.6"},
		{"新客户", "3000", "0.5"},
	}
	var values []csat.CustomerValue
	fmt.Println("Customer lifetime value 顾客终身价值 (discount 10%, 3 years):")
	for _, c := range customers {
		clv, err := csat.CLVConstant(d(c.margin), d(c.retained), d("0.1"), 3)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("  %s: %s\n", c.id, clv.Explain())
		values = append(values, csat.CustomerValue{ID: c.id, Value: clv}) // exact: ranked on the fraction
	}

	as, err := csat.ABC{}.Segment(values)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("\nABC by cumulative value share (A below 80% before, B below 95%):")
	for _, a := range as {
		fmt.Printf("  %d. %s %s (value %s, share before %s)\n", a.Rank, a.Class, a.ID, a.Value, a.ShareBefore)
	}
	summary, err := csat.Summarize(as)
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range summary {
		fmt.Printf("  class %s: %d customers, value %s, share %s\n", s.Class, s.Count, s.Value, s.Share)
	}

	fmt.Println("\nRelationship to build 关系类型 (margin × number of customers):")
	for _, row := range []struct {
		class  string
		margin plan.Margin
		count  plan.CustomerCount
	}{
		{"A", plan.HighMargin, plan.FewCustomers},
		{"B", plan.MediumMargin, plan.MediumCustomers},
		{"C", plan.LowMargin, plan.ManyCustomers},
	} {
		r, err := plan.RecommendRelationship(row.margin, row.count)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("  class %s: %s (%s) — %s\n", row.class, r.LabelZH(), r.Label(), r.Description())
	}

	day := func(m time.Month, dd int) time.Time { return time.Date(2026, m, dd, 0, 0, 0, 0, time.UTC) }
	last := map[string]time.Time{"华东化工": day(8, 15), "北方塑业": day(5, 10), "西部建材": day(3, 1), "东海型材": day(9, 1)}
	sched, err := plan.Schedule(as, plan.ScheduleOptions{AsOf: day(11, 23), Key: map[string]bool{"东海型材": true}, Last: last})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("\nSurvey schedule as of 2026-11-23 (key 重点客户 quarterly, others half-yearly):")
	for _, e := range sched {
		kind := "general"
		if e.Key {
			kind = "key"
		}
		status := ""
		if e.Overdue {
			status = " OVERDUE"
		}
		lastS := "never"
		if !e.Last.IsZero() {
			lastS = e.Last.Format("2006-01-02")
		}
		fmt.Printf("  %s %-8s %-7s last %s, due %s%s\n", e.Class, e.ID, kind, lastS, e.Due.Format("2006-01-02"), status)
	}
}
