// Quickstart: the method's worked survey (METHOD.md §2–3).
//
// Five customers each rate five items on the five-level point scale
// (很满意 10, 满意 8, 基本满意 6, 不满意 4, 很不满意 2). The program prints
// the satisfaction degree 满意度 and rate 满意率 per item and overall, each
// with its derivation, then blends the sales staff's self-assessment
// (degree 82%, rate 90%) with the survey, 40% + 60%.
//
//	go run ./examples/quickstart
package main

import (
	"fmt"
	"log"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
)

func main() {
	scale := csat.FivePoint()
	survey := csat.NewTable(scale)
	// Counts per item, very satisfied → very dissatisfied (METHOD.md §2).
	items := []struct {
		name   string
		counts [5]uint64
	}{
		{"功能 function", [5]uint64{3, 1, 0, 1, 0}},
		{"外观 appearance", [5]uint64{3, 1, 1, 0, 0}},
		{"包装 packaging", [5]uint64{2, 1, 1, 0, 1}},
		{"交货期 delivery", [5]uint64{0, 0, 4, 1, 0}},
		{"服务质量 service", [5]uint64{2, 2, 0, 1, 0}},
	}
	for _, it := range items {
		for level, n := range it.counts {
			if err := survey.AddN(it.name, csat.SourceSurvey, level, n); err != nil {
				log.Fatal(err)
			}
		}
	}

	fmt.Println("Survey 检查, per item:")
	for _, it := range items {
		t, err := survey.Tally(it.name, csat.SourceSurvey)
		if err != nil {
			log.Fatal(err)
		}
		d, r := must(csat.Degree{}.Score(t)), must(csat.Rate{}.Score(t))
		fmt.Printf("  %s\n    %s\n    %s\n", it.name, d.Explain(), r.Explain())
	}

	total, err := survey.Total(csat.SourceSurvey)
	if err != nil {
		log.Fatal(err)
	}
	degree, rate := must(csat.Degree{}.Score(total)), must(csat.Rate{}.Score(total))
	fmt.Println("\nSurvey 检查, all 25 answers:")
	fmt.Println("  " + degree.Explain())
	fmt.Println("  " + rate.Explain())

	// The self-assessment 自评 is scored the same way; here its figures
	// are given: degree 82%, rate 90%.
	self := func(v string) csat.Result {
		return must(csat.Given("self-assessment 自评", csat.Fraction, decimal.RequireFromString(v)))
	}
	blend := csat.SelfSurvey()
	overallDegree := must(blend.Combine(map[string]csat.Result{
		csat.SourceSelf: self("0.82"), csat.SourceSurvey: degree,
	}))
	overallRate := must(blend.Combine(map[string]csat.Result{
		csat.SourceSelf: self("0.90"), csat.SourceSurvey: rate,
	}))
	fmt.Println("\nOverall 整体满意度 = self-assessment 40% + survey 60%:")
	fmt.Print(indent(overallDegree.WithLabel("overall degree").Derivation()))
	fmt.Print(indent(overallRate.WithLabel("overall rate").Derivation()))
}

func must(r csat.Result, err error) csat.Result {
	if err != nil {
		log.Fatal(err)
	}
	return r
}

func indent(s string) string {
	out := "  "
	for i, c := range s {
		out += string(c)
		if c == '\n' && i < len(s)-1 {
			out += "  "
		}
	}
	return out
}
