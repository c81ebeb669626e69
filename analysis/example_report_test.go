package analysis_test

import (
	"encoding/json"
	"fmt"
	"log"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/shopspring/decimal"
)

// PromoterShare is a user's own loyalty metric: the share of 9–10
// answers to "would you recommend us" ([csat.NPSScale]), read from the
// same [csat.LoyaltyData] the built-in metrics read.
type PromoterShare struct{}

var _ csat.LoyaltyMetric = PromoterShare{}

func (PromoterShare) Loyalty(d csat.LoyaltyData) (csat.Result, error) {
	n, err := d.Recommend.N()
	if err != nil {
		return csat.Result{}, err
	}
	var k uint64
	for i, l := range d.Recommend.Scale().Levels() {
		if l.Points.GreaterThanOrEqual(decimal.NewFromInt(9)) {
			k += d.Recommend.Count(i)
		}
	}
	return csat.Proportion{K: k, N: n}.Result("promoter share")
}

// A report whose headline figures, loyalty section and segmentation come
// from a user's own Scorer (top-2 box), LoyaltyMetric (promoter share)
// and Segmenter (quartiles) beside the method's built-ins. Worked by
// hand: survey 10, 5, 6, 3, 1 and self-assessment 6, 13, 5, 1, 0 answers
// give degrees 76% and 198/250 = 79.2%, rates 84% and 96%, top-2 boxes
// 15/25 = 60% and 19/25 = 76%, blended 40/60; 100 promoters, 30 passives
// and 80 detractors give NPS 20/210 × 100 and a promoter share 100/210;
// CLVs 120, 80, 60, 40 of 300 fall one to a quartile.
func ExampleBuild() {
	tab := csat.NewTable(csat.FivePoint())
	for level, n := range []uint64{10, 5, 6, 3, 1} {
		if err := tab.AddN("all items", csat.SourceSurvey, level, n); err != nil {
			log.Fatal(err)
		}
	}
	for level, n := range []uint64{6, 13, 5, 1, 0} {
		if err := tab.AddN("all items", csat.SourceSelf, level, n); err != nil {
			log.Fatal(err)
		}
	}
	recommend := csat.NewTally(csat.NPSScale())
	for points, n := range map[int]uint64{10: 100, 8: 30, 0: 80} {
		if err := recommend.AddN(points, n); err != nil { // on NPSScale, level i is worth i points
			log.Fatal(err)
		}
	}
	var values []csat.CustomerValue
	for i, v := range []int64{120, 80, 60, 40} {
		clv, err := csat.Given("CLV", csat.Points, decimal.NewFromInt(v))
		if err != nil {
			log.Fatal(err)
		}
		values = append(values, csat.CustomerValue{ID: fmt.Sprintf("c%d", i+1), Value: clv})
	}
	rep, err := analysis.Build(analysis.Input{
		Period:      "2026H2",
		Table:       tab,
		Headlines:   []analysis.Headline{{Scorer: csat.Degree{}}, {Scorer: csat.Rate{}}, {Scorer: TopTwoBox{}}},
		Loyalty:     []csat.LoyaltyMetric{csat.NPS{}, PromoterShare{}},
		LoyaltyData: csat.LoyaltyData{Recommend: recommend},
		Values:      values,
		Segmenter:   Quartiles{},
	})
	if err != nil {
		log.Fatal(err)
	}
	survey := rep.Sources[0].Overall.Figures
	fmt.Println(survey[2].Score.Explain(), survey[0].Interval != nil, survey[2].Interval == nil)
	for _, o := range rep.Overall {
		fmt.Println(o.Explain())
	}
	for _, l := range rep.Loyalty {
		fmt.Println(l.Explain())
	}
	for _, c := range rep.Classes {
		fmt.Println(c.Class, c.Count, c.Value, c.Share)
	}
	// The report reads back from its JSON to an equal value.
	js, err := json.Marshal(rep)
	if err != nil {
		log.Fatal(err)
	}
	var back analysis.Report
	if err := json.Unmarshal(js, &back); err != nil {
		log.Fatal(err)
	}
	fmt.Println(back.Overall[2].Equal(rep.Overall[2]))
	// Output:
	// top-2 box = (10 + 5) / 25 = 15/25 = 60% true true
	// overall degree 满意度 = 0.4×79.2% + 0.6×76% = 77.28%
	// overall rate 满意率 = 0.4×96% + 0.6×84% = 88.8%
	// overall top-2 box = 0.4×76% + 0.6×60% = 66.4%
	// NPS = (100 − 80) / 210 × 100 = ≈9.52
	// promoter share = 100/210 = ≈47.62%
	// Q1 1 120 40%
	// Q2 1 80 ≈26.67%
	// Q3 1 60 20%
	// Q4 1 40 ≈13.33%
	// true
}
