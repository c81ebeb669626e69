package csat_test

import (
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
)

// The worked example of the method: 25 answers, 10 very satisfied, 5
// satisfied, 6 basically satisfied, 3 dissatisfied, 1 very dissatisfied.
func ExampleDegree() {
	t := csat.NewTally(csat.FivePoint())
	for level, n := range []uint64{10, 5, 6, 3, 1} {
		if err := t.AddN(level, n); err != nil {
			panic(err)
		}
	}
	degree, _ := csat.Degree{}.Score(t)
	rate, _ := csat.Rate{}.Score(t)
	fmt.Println(degree.Explain())
	fmt.Println(rate.Explain())
	fmt.Println(degree.Value().StringFixed(2), rate.Value().StringFixed(2))
	// Output:
	// degree 满意度 = (10×10 + 5×8 + 6×6 + 3×4 + 1×2) / (25×10) = 190/250 = 76%
	// rate 满意率 = (10 + 5 + 6) / 25 = 21/25 = 84%
	// 0.76 0.84
}

// Byte-coded answers (0 = very satisfied … 4 = very dissatisfied) are
// counted in bulk; a byte that is not a level is reported, not dropped.
func ExampleTally_AddCodes() {
	t := csat.NewTally(csat.FivePoint())
	fmt.Println(t.AddCodes([]byte{0, 0, 1, 2, 3}))
	fmt.Println(t.AddCodes([]byte{0, 9}))
	fmt.Println(t.Counts())
	// Output:
	// <nil>
	// csat: scale "five-point": code 9 at offset 1 (scale has 5 levels): unknown level
	// [2 1 1 1 0]
}

// Shards tally their answers separately; merged, they give the same tally
// whatever the order.
func ExampleTally_Merge() {
	a, b := csat.NewTally(csat.FivePoint()), csat.NewTally(csat.FivePoint())
	_ = a.AddCodes([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1})
	_ = b.AddCodes([]byte{1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4})
	wire, _ := b.MarshalBinary() // ship b to a
	c := csat.NewTally(csat.FivePoint())
	if err := c.UnmarshalBinary(wire); err != nil {
		panic(err)
	}
	if err := a.Merge(c); err != nil {
		panic(err)
	}
	d, _ := csat.Degree{}.Score(a)
	fmt.Println(a.Counts(), d)
	// Output: [10 5 6 3 1] 76%
}

// The overall satisfaction blends the self-assessment 自评 (40%) with the
// survey 检查 (60%).
func ExampleSelfSurvey() {
	self, err := csat.Given("self-assessment", csat.Fraction, decimal.RequireFromString("0.82"))
	if err != nil {
		log.Fatal(err)
	}
	survey, err := csat.Given("survey", csat.Fraction, decimal.RequireFromString("0.76"))
	if err != nil {
		log.Fatal(err)
	}
	overall, err := csat.SelfSurvey().Combine(map[string]csat.Result{
		csat.SourceSelf: self, csat.SourceSurvey: survey,
	})
	if err != nil {
		panic(err)
	}
	fmt.Print(overall.WithLabel("overall degree 整体满意度").Derivation())
	// Output:
	// overall degree 整体满意度 = 0.4×82% + 0.6×76% = 78.4%
	//   self: self-assessment = 82%
	//   survey = 76%
}

// The PVC write-up prints weights whose purchase-process children sum to
// 26, not 20: the tree is rejected, naming the node.
func ExampleNewTree_asPrinted() {
	_, err := csat.NewTree(csat.PVCTreeAsPrinted(), nil)
	fmt.Println(err)
	var we *csat.WeightError
	if errors.As(err, &we) {
		fmt.Println(we.Node, we.Declared, we.ChildrenSum)
	}
	// Output:
	// csat: weights: node "购销过程" declares 20 but its children sum to 26: weights do not add up
	// 购销过程 20 26
}

// The corrected PVC tree weights a questionnaire's item scores.
func ExampleTree_Combine() {
	scores := map[string]csat.Result{}
	for name, v := range map[string]int64{
		"品质": 92, "包装": 85, "使用性": 88, "接待": 80, "程序": 75,
		"价格和付款": 60, "运输": 70, "问题处理": 65, "技术支持和服务": 90,
	} {
		scores[name], _ = csat.Given("", csat.Points, decimal.NewFromInt(v))
	}
	r, err := csat.PVCTree().Combine(scores)
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Explain())
	// Output:
	// 顾客满意度 = (30×92 + 10×85 + 10×88 + 5×80 + 5×75 + 10×60 + 8×70 + 12×65 + 10×90) / 100 = 81.05
}

// Users define their own scales; construction validates them.
func ExampleNewScale() {
	_, err := csat.NewScale("bad", decimal.NewFromInt(100), []csat.Level{
		{Key: "good", Points: decimal.NewFromInt(90), Band: &csat.Band{Low: decimal.NewFromInt(80), High: decimal.NewFromInt(100)}},
		{Key: "poor", Points: decimal.NewFromInt(40), Band: &csat.Band{Low: decimal.NewFromInt(0), High: decimal.NewFromInt(70)}},
	})
	fmt.Println(err)
	// Output:
	// csat: scale "bad": gap between bands of "poor" [0,70) and "good" [80,100): invalid scale
}

// The PVC write-up's worked customer (METHOD.md §5): questionnaire, visit,
// preliminary 60/40, three complaints.
func ExampleCustomerScorer_Score() {
	n := decimal.NewFromInt
	score, err := csat.PVCCustomerScorer().Score(csat.Customer{
		ID: "PVC-001",
		Questionnaire: map[string]decimal.Decimal{
			"品质": n(92), "包装": n(85), "使用性": n(88), "接待": n(80), "程序": n(75),
			"价格和付款": n(60), "运输": n(70), "问题处理": n(65), "技术支持和服务": n(90),
		},
		Visit: map[string]csat.VisitNote{
			"品质": {Level: "很满意"}, "包装": {Level: "比较不满意"}, "价格和付款": {Level: "比较满意"},
		},
		Complaints: []csat.Complaint{
			{ID: "C1", Outcome: csat.HandledBasicallySatisfied},
			{ID: "C2", Outcome: csat.HandledVerySatisfied},
			{ID: "C3", Outcome: csat.NotHandled},
		},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(score.Questionnaire.Explain())
	fmt.Println(score.Visit.Explain())
	fmt.Println(score.Preliminary.Explain())
	fmt.Println(score.Final.Explain())
	fmt.Println(score.Final.Value().StringFixed(2), score.BandLevel.Name())
	// Output:
	// questionnaire 问卷 = (30×92 + 10×85 + 10×88 + 5×80 + 5×75 + 10×60 + 8×70 + 12×65 + 10×90) / 100 = 81.05
	// visit 走访 = (30×95 + 10×50 + 10×80 + 5×80 + 5×80 + 10×65 + 8×80 + 12×80 + 10×80) / 100 = 80
	// preliminary 初步得分 = 0.6×80 + 0.4×81.05 = 80.42
	// final 最终得分 = 80.42 − 1 + 2 − 5 = 76.42
	// 76.42 满意 (satisfied)
}

// Complaint-handling figures over a period: the share handled within 24
// hours, the iceberg estimate and the customers expected lost to delay.
func ExampleAnalyzeComplaints() {
	day := func(d, h int) time.Time { return time.Date(2026, 6, d, h, 0, 0, 0, time.UTC) }
	fig, err := csat.AnalyzeComplaints([]csat.Complaint{
		{ID: "A", Customer: "X", Received: day(1, 9), FirstResponse: day(1, 10), Resolved: day(1, 21), Outcome: csat.HandledVerySatisfied},
		{ID: "B", Customer: "Y", Received: day(2, 9), FirstResponse: day(2, 13), Resolved: day(4, 10), Outcome: csat.HandledBasicallySatisfied},
		{ID: "D", Customer: "Z", Received: day(25, 0), Outcome: csat.NotHandled},
	}, &csat.ComplaintOptions{AsOf: day(30, 0)})
	if err != nil {
		panic(err)
	}
	fmt.Println(fig.WithinLimit.Explain())
	fmt.Println(fig.Dissatisfied.Explain())
	fmt.Println(fig.ExpectedLost.Explain(), "exactly", fig.ExpectedLost.Value())
	fmt.Println(fig.ExpectedReturns.Explain())
	fmt.Println(fig.Open[0].ID, fig.Open[0].Age)
	// Output:
	// handled within 24 h = 1 / 3 = ≈33.33%
	// dissatisfied customers (iceberg) = 3 complainants / 0.05 = 60
	// expected customers lost to delay = Σ 1 − (1 − 0.1)^d over B: 1d, D: 4d = ≈0.44 exactly 0.4439
	// expected returning complainants = 0.95×1 within the limit + 0.6×1 late = 1.55
	// D 120h0m0s
}

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
		vs = append(vs, csat.CustomerValue{ID: fmt.Sprintf("c%d", i+1), Value: decimal.NewFromInt(v)})
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
	for _, s := range csat.Summarize(as) {
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

// Confidence intervals: Wilson for a rate, t for a degree.
func ExampleWilson() {
	iv, err := csat.Wilson(6, 32, decimal.Zero) // 95%
	if err != nil {
		panic(err)
	}
	fmt.Println(iv.Low.StringFixed(5), iv.High.StringFixed(5))
	fmt.Println(iv.Explain())
	t := csat.NewTally(csat.FivePoint())
	_ = t.AddCodes([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4})
	di, _ := csat.DegreeInterval(t, decimal.Zero)
	fmt.Println(di.Explain())
	// Output:
	// 0.08890 0.35309
	// Wilson 95% interval = centre 22.1% ± 13.21% (z 1.96, n 32) = [8.89%, 35.31%]
	// t 95% interval = 76% ± 2.064×4.9% (t with 24 df, s/√n) = [65.89%, 86.11%]
}

// Our rate and degree against a competitor's, with significance (values
// checked independently with mpmath: t = 1.5689, df = 14.713, p = 0.13792).
func ExampleCompareRates() {
	ours, theirs := csat.NewTally(csat.FivePoint()), csat.NewTally(csat.FivePoint())
	_ = ours.AddCodes([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4})
	_ = theirs.AddCodes([]byte{0, 0, 1, 1, 2, 3, 3, 3, 3, 4})
	r, _ := csat.CompareRates(ours, theirs, decimal.Zero)
	fmt.Println(r.Explain())
	d, _ := csat.CompareDegrees(ours, theirs, decimal.Zero)
	fmt.Println(d.Explain())
	// Output:
	// two-proportion z-test (pooled): 84% vs 50%, pooled rate 74.29%, z = 2.079, p = 0.0376, significant at α = 0.05
	// Welch's t-test: 76% vs 60%, t = 1.569, df = 14.71, p = 0.1379, not significant at α = 0.05
}

// The yearly target 平均先进指标 from past surveys.
func ExampleTarget() {
	var h []decimal.Decimal
	for _, v := range []int64{82, 85, 78, 88, 90, 80} {
		h = append(h, decimal.NewFromInt(v))
	}
	t, _ := csat.Target(h, csat.AverageAdvanced, csat.Points)
	fmt.Print(t.Derivation())
	v, _ := csat.Target(h, csat.AverageAdvancedVariant, csat.Points)
	fmt.Println(v.Explain())
	// Output:
	// target 平均先进指标 = (≈83.83 + ≈87.67) / 2 = 85.75
	//   mean = (82 + 85 + 78 + 88 + 90 + 80) / 6 = ≈83.83
	//   advanced mean = (85 + 88 + 90) / 3 = ≈87.67
	// target 平均先进指标 (variant) = (≈83.83 + 85 + 88 + 90) / 4 = ≈86.71
}

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

// Key customers (class A or flagged) are surveyed quarterly, others every
// half year.
func ExampleSurveySchedule() {
	as, _ := csat.ABC{}.Segment([]csat.CustomerValue{
		{ID: "big", Value: decimal.NewFromInt(80)}, {ID: "mid", Value: decimal.NewFromInt(15)}, {ID: "small", Value: decimal.NewFromInt(5)},
	})
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	sched, _ := csat.SurveySchedule(as, nil, map[string]time.Time{"big": day(7, 1), "mid": day(7, 1)}, day(11, 23))
	for _, e := range sched {
		fmt.Println(e.ID, e.Class, e.Key, e.Due.Format("2006-01-02"), e.Overdue)
	}
	// Output:
	// big A true 2026-10-01 true
	// small C false 2026-11-23 false
	// mid B false 2027-01-01 false
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

// The company view: mean of customer scores, with lost customers counted
// in the lowest band by default.
func ExampleCompanyView() {
	scorer := csat.PVCCustomerScorer()
	happy, _ := scorer.Score(csat.Customer{ID: "A", Visit: map[string]csat.VisitNote{}}) // nothing mentioned: 80
	q := map[string]decimal.Decimal{}
	for _, it := range scorer.Items() {
		q[it] = decimal.NewFromInt(50)
	}
	gone, _ := scorer.Score(csat.Customer{ID: "B", Questionnaire: q, Status: csat.Lost})
	view, err := csat.CompanyView([]csat.CustomerScore{happy, gone}, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(view.Mean.Explain())
	fmt.Println(view.LostAffected, view.Ranking[0].ID, view.Ranking[0].Band.LabelZH)
	// Output:
	// company mean = (1×80 + 1×30) / 2 = 55
	// 1 B 不满意
}
