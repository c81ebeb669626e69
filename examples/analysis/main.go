// Analysis: what a quality manager does after each survey (METHOD.md
// §9–10), over two half-year surveys with a self-assessment and a
// competitor rated on the same forms: degree and rate with confidence
// intervals, the Pareto of dissatisfaction, the self-assessment gap, the
// competitor comparison, the trend, the yearly target, and the plan for
// the next survey. The whole report also marshals to JSON.
//
//	go run ./examples/analysis
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/plan"
	"github.com/shopspring/decimal"
)

// survey builds a table from counts per item and source, very satisfied
// first.
func survey(rows map[string]map[string][5]uint64) *csat.Table {
	t := csat.NewTable(csat.FivePoint())
	for item, bySource := range rows {
		for src, counts := range bySource {
			for lvl, n := range counts {
				if err := t.AddN(item, src, lvl, n); err != nil {
					log.Fatal(err)
				}
			}
		}
	}
	return t
}

func main() {
	s, c, self := csat.SourceSurvey, csat.SourceCompetitor, csat.SourceSelf
	h1 := survey(map[string]map[string][5]uint64{
		"功能 function":   {s: {30, 40, 20, 8, 2}, c: {4, 5, 3, 1, 0}, self: {6, 3, 1, 0, 0}},
		"交货期 delivery":  {s: {20, 30, 30, 15, 5}, c: {5, 5, 2, 1, 0}, self: {5, 4, 1, 0, 0}},
		"服务质量 service":  {s: {35, 40, 15, 8, 2}, c: {3, 4, 4, 2, 0}, self: {7, 3, 0, 0, 0}},
		"包装 packaging":  {s: {40, 35, 20, 4, 1}, c: {4, 6, 2, 1, 0}, self: {4, 5, 1, 0, 0}},
		"外观 appearance": {s: {45, 35, 15, 5, 0}, c: {6, 4, 2, 1, 0}, self: {5, 5, 0, 0, 0}},
	})
	h2 := survey(map[string]map[string][5]uint64{
		"功能 function":   {s: {38, 40, 15, 6, 1}, c: {4, 5, 3, 1, 0}, self: {6, 4, 0, 0, 0}},
		"交货期 delivery":  {s: {22, 30, 28, 16, 4}, c: {6, 5, 1, 1, 0}, self: {6, 3, 1, 0, 0}},
		"服务质量 service":  {s: {40, 42, 12, 5, 1}, c: {3, 4, 4, 2, 0}, self: {7, 3, 0, 0, 0}},
		"包装 packaging":  {s: {42, 36, 18, 3, 1}, c: {4, 6, 2, 1, 0}, self: {5, 4, 1, 0, 0}},
		"外观 appearance": {s: {48, 36, 12, 4, 0}, c: {6, 4, 2, 1, 0}, self: {6, 4, 0, 0, 0}},
	})
	d := decimal.RequireFromString
	rep, err := analysis.Build(analysis.Input{
		Period:  "2026H2",
		Table:   h2,
		History: []csat.Period{{Name: "2026H1", Table: h1}},
		// The headline figures, degree and rate, each with its past
		// yearly values for its target.
		Headlines: []analysis.Headline{
			{Scorer: csat.Degree{}, TargetHistory: []decimal.Decimal{d("0.78"), d("0.80"), d("0.77"), d("0.82")}},
			{Scorer: csat.Rate{}, TargetHistory: []decimal.Decimal{d("0.86"), d("0.88"), d("0.85"), d("0.90")}},
		},
		Actions: []analysis.Action{{Item: "交货期 delivery", Kind: analysis.Corrective, Cause: "late raw material from one supplier",
			Action: "second supplier qualified; weekly delivery review", Owner: "生产部 production",
			Due: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), Status: analysis.InProgress}},
	})
	if err != nil {
		log.Fatal(err)
	}

	printFigures(rep)
	printAnalysis(rep)
	printTargets(rep)
	planNext()

	js, err := json.Marshal(rep)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("\nThe report as JSON: %d bytes, starting %s…\n", len(js), js[:60])
}

// printFigures prints the headline figures of every source and their
// blend.
func printFigures(rep analysis.Report) {
	fmt.Println("Satisfaction analysis report 客户满意度检查分析报告,", rep.Period)
	for _, sf := range rep.Sources {
		fmt.Printf("\n[%s] %d answers\n", sf.Source, sf.Overall.Answers)
		for _, f := range sf.Overall.Figures {
			fmt.Println("  " + f.Score.Explain())
			if f.Interval != nil {
				fmt.Println("    " + f.Interval.Explain())
			}
		}
		for _, it := range sf.Items {
			degree, rate := it.Figures[0], it.Figures[1]
			fmt.Printf("  %-18s degree %-7s rate %-7s rate interval %s\n", it.Item, degree.Score, rate.Score, rate.Interval)
		}
	}
	if rep.Overall != nil {
		fmt.Println("\nOverall (self 40% + survey 60%):")
		for _, o := range rep.Overall {
			fmt.Println("  " + o.Explain())
		}
	}
}

// printAnalysis prints the main areas of dissatisfaction, the
// self-assessment gaps, the competitor comparison and the trend.
func printAnalysis(rep analysis.Report) {
	fmt.Println("\nMain areas of dissatisfaction (Pareto of 不满意 + 很不满意, survey):")
	for _, p := range rep.Pareto {
		fmt.Printf("  %-18s %3d answers  %-7s cumulative %s\n", p.Item, p.Count, p.Share, p.Cumulative)
	}
	fmt.Println("\nWhere staff rate higher than customers (self − survey):")
	for _, g := range rep.Gaps {
		fmt.Printf("  %-18s degree %s (%s vs %s)\n", g.Item, g.DegreeGap, g.SelfDegree, g.SurveyDegree)
	}
	fmt.Println("\nAgainst the competitor:")
	for _, ic := range rep.Competitor {
		name := ic.Item
		if name == "" {
			name = "overall"
		}
		fmt.Printf("  %s\n    rate:   %s\n    degree: %s\n", name, ic.Rate.Explain(), ic.Degree.Explain())
	}
	fmt.Println("\nTrend (survey):")
	for _, p := range rep.Trend.Points {
		fmt.Printf("  %s degree %s rate %s\n", p.Period, p.Degree, p.Rate)
		if p.VsPrevious != nil {
			fmt.Printf("    vs %s: degree %s, %s\n", p.VsPrevious.Against, p.VsPrevious.Degree.Difference, p.VsPrevious.Degree.Verdict())
		}
	}
	fmt.Println("  " + rep.Trend.DegreeSlope.Explain())
}

// printTargets prints the targets, the actions and the warnings.
func printTargets(rep analysis.Report) {
	fmt.Println("\nTargets 平均先进指标:")
	for _, tg := range rep.Targets {
		fmt.Printf("  %s — %s %s, met: %t\n", tg.Target.Target.Explain(), tg.Against, tg.Current, tg.Met)
	}
	fmt.Println("\nActions:")
	for _, a := range rep.Actions {
		fmt.Printf("  %s: %s (cause: %s; owner %s, due %s)\n", a.Item, a.Action, a.Cause, a.Owner, a.Due.Format("2006-01-02"))
	}
	for _, w := range rep.Warnings {
		fmt.Println("warning:", w)
	}

}

// planNext sizes, allocates and checks the next survey's plan.
func planNext() {
	fmt.Println("\nNext survey's plan:")
	ss, err := plan.Cochran(&plan.SampleSizeOptions{Population: 2000})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("  " + ss.Corrected.Explain() + fmt.Sprintf(" → %d forms", ss.N))
	strata := []plan.Stratum{{Name: "east 华东", Population: 1000}, {Name: "north 华北", Population: 600}, {Name: "south 华南", Population: 400}}
	alloc, err := plan.Allocate(strata, ss.N, plan.Proportional)
	if err != nil {
		log.Fatal(err)
	}
	for _, st := range strata {
		fmt.Printf("  %s: %d forms\n", st.Name, alloc[st.Name])
	}
	next := plan.Plan{Period: "2027H1", Dimension: "region", Strata: strata, KeyCustomers: []string{"K1", "K2"},
		Respondents: []string{"K1"}, Method: plan.HomeVisit, PlannedForms: ss.N, PlannedCompetitorForms: 8}
	if err := next.Check(nil); err != nil {
		fmt.Println("  plan problems:")
		for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
			fmt.Println("   -", e, "| key customer missing:", errors.Is(e, plan.ErrKeyCustomerMissing))
		}
	}

}
