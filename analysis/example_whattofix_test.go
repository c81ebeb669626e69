package analysis_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/importance"
	"github.com/shopspring/decimal"
)

// What to fix first: the worked example of the package documentation.
// Twelve customers each return one form rating six items (points 10 … 2
// of the five-point scale); the items' importance is given (a user's own
// method: importance.Given); C08–C12 were lost, C07 is at risk. The
// report places the items in the quadrant, lists the items to fix first
// and cautions the one without a corrective action, relates each
// customer's degree to its complaints and status, and compares the
// figures with the benchmarks. The figures are checked against mpmath
// and scipy in the package's tests.
func ExampleBuild_whatToFixFirst() {
	items := []string{"品质", "交货期", "价格", "服务", "技术支持", "包装"}
	points := [][]int{
		{10, 10, 10, 8, 8, 10}, {8, 8, 10, 10, 10, 8}, {10, 6, 8, 10, 8, 10}, {10, 8, 10, 8, 10, 8},
		{8, 6, 10, 10, 6, 10}, {8, 8, 6, 10, 10, 10}, {10, 8, 6, 6, 8, 8}, {8, 10, 4, 6, 10, 6},
		{8, 6, 6, 6, 6, 8}, {8, 6, 6, 8, 4, 10}, {6, 2, 4, 10, 8, 8}, {8, 6, 10, 4, 6, 10},
	}
	complaints := []int{0, 0, 1, 0, 0, 1, 2, 3, 1, 2, 4, 2}
	level := map[int]string{10: "很满意", 8: "满意", 6: "基本满意", 4: "不满意", 2: "很不满意"}
	st, _ := form.New(csat.FivePoint(), nil)
	var ks []csat.Complaint
	status := map[string]csat.Status{"C07": csat.AtRisk}
	for i, row := range points {
		id := fmt.Sprintf("C%02d", i+1)
		f := form.Form{ID: fmt.Sprintf("F%02d", i+1), Customer: id, Answers: map[string]string{}}
		for j, p := range row {
			f.Answers[items[j]] = level[p]
		}
		_ = st.Add(f)
		for k := range complaints[i] {
			day := time.Date(2026, 3, 1+k, 9, 0, 0, 0, time.UTC)
			ks = append(ks, csat.Complaint{ID: fmt.Sprintf("K%s-%d", id, k), Customer: id, Received: day,
				Resolved: day.Add(24 * time.Hour), Outcome: csat.HandledSatisfied})
		}
		if i >= 7 {
			status[id] = csat.Lost
		}
	}
	tab, _ := st.Table()
	imp := map[string]decimal.Decimal{}
	for item, v := range map[string]string{"品质": "4.6", "交货期": "4.4", "价格": "4.0", "服务": "3.8", "技术支持": "3.6", "包装": "3.6"} {
		imp[item] = decimal.RequireFromString(v)
	}
	d := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	rep, err := analysis.Build(analysis.Input{Period: "2026", Table: tab, Forms: st,
		Importance: importance.Given("stated (given)", imp),
		Actions: []analysis.Action{{Item: "价格", Kind: analysis.Corrective, Cause: "调价滞后", Action: "季度调价", Owner: "销售部",
			Due: time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC), Status: analysis.InProgress}},
		Complaints: ks, Status: status,
		Benchmarks: []analysis.Benchmark{
			{Figure: "degree", Kind: analysis.IndustryAverage, Value: d("0.78")},
			{Figure: "degree", Kind: analysis.IndustryLeader, Value: d("0.85")},
			{Figure: "degree", Item: "交货期", Kind: analysis.IndustryAverage, Value: d("0.70")},
			{Figure: "rate", Kind: analysis.WorldLeader, Value: d("0.95")},
		}})
	if err != nil {
		fmt.Println(err)
		return
	}
	q := rep.Quadrant
	fmt.Println("cuts:", q.Importance.Value.Explain(), "|", q.Performance.Value.Explain())
	for _, it := range q.Items {
		fmt.Println(q.Explain(it.Item))
	}
	fmt.Println("fix first:", q.FixFirst)
	for _, c := range rep.Cautions {
		if c.Kind == analysis.CautionNoAction {
			fmt.Println("caution:", c)
		}
	}
	ch := rep.Churn
	fmt.Printf("Spearman: ρ² = %s, ρ = %s, t = %s, df = %d, p = %s\n", ch.Spearman.RhoSquared.Rat().RatString(),
		ch.Spearman.Rho.Round(4), ch.Spearman.T.Round(4), ch.Spearman.DF, ch.Spearman.PValue.Round(4))
	for _, s := range ch.Statuses {
		fmt.Printf("%-8s %2d customers, mean degree %s = %s\n", s.Status, s.Customers, s.Mean.Rat().RatString(), s.Mean)
	}
	fmt.Printf("Welch: difference %s, t = %s, df = %s, p = %s\n", pp(ch.Test.Difference), ch.Test.Statistic.Round(4), ch.Test.DF.Round(4), ch.Test.PValue.Round(7))
	fmt.Println(ch.Summary()[:strings.Index(ch.Summary(), ";")])
	for _, b := range rep.Benchmarks {
		fmt.Printf("%s %s %s: ours %s, theirs %s, gap %s, %s\n", b.Figure, itemOr(b.Item), b.Kind, b.Ours, b.Theirs, pp(b.Gap), b.Standing)
	}
	// Output:
	// cuts: importance cut (mean) = (4.6 + 4.4 + 4 + 3.8 + 3.6 + 3.6) / 6 = 4 | performance cut (mean) = (85% + 70% + 75% + 80% + ≈88.33% + ≈78.33%) / 6 = ≈79.44%
	// 品质: importance 4.6 ≥ cut 4 (high), performance 85% ≥ cut ≈79.44% (high): strength (优势区), ≈5.56 pp above the performance line
	// 交货期: importance 4.4 ≥ cut 4 (high), performance 70% < cut ≈79.44% (low): fix (修补区), ≈9.44 pp below the performance line; no. 1 to fix
	// 价格: importance 4 ≥ cut 4 (high), performance 75% < cut ≈79.44% (low): fix (修补区), ≈4.44 pp below the performance line; no. 2 to fix
	// 服务: importance 3.8 < cut 4 (low), performance 80% ≥ cut ≈79.44% (high): maintain (维持区), ≈0.56 pp above the performance line
	// 包装: importance 3.6 < cut 4 (low), performance ≈88.33% ≥ cut ≈79.44% (high): maintain (维持区), ≈8.89 pp above the performance line
	// 技术支持: importance 3.6 < cut 4 (low), performance ≈78.33% < cut ≈79.44% (low): opportunity (机会区), ≈1.11 pp below the performance line
	// fix first: [交货期 价格]
	// caution: fix first: 交货期 (no. 1 of the fix-first list) has no corrective action: plan one, with an owner
	// Spearman: ρ² = 12100/18961, ρ = -0.7988, t = -4.1995, df = 10, p = 0.0018
	// active    6 customers, mean degree 53/60 = ≈88.33%
	// at_risk   1 customers, mean degree 23/30 = ≈76.67%
	// lost      5 customers, mean degree 52/75 = ≈69.33%
	// Welch: difference 19 pp, t = 7.8793, df = 7.6884, p = 0.0000606
	// customers we lost rated us ≈69.33% (5 customers), those we kept ≈88.33% (6 customers)
	// degree 满意度 overall industry_average: ours ≈79.44%, theirs 78%, gap ≈1.44 pp, above
	// degree 满意度 overall industry_leader: ours ≈79.44%, theirs 85%, gap ≈-5.56 pp, below
	// degree 满意度 交货期 industry_average: ours 70%, theirs 70%, gap 0 pp, level
	// rate 满意率 overall world_leader: ours ≈93.06%, theirs 95%, gap ≈-1.94 pp, below
}

// pp prints a difference of fractions in percentage points.
func pp(r csat.Result) string { return strings.TrimSuffix(r.String(), "%") + " pp" }

func itemOr(item string) string {
	if item == "" {
		return "overall"
	}
	return item
}

// The quadrant of three items: 交货 matters most and does worst, so it
// is the one to fix; the performance line is given (a target of 80%).
func ExampleQuadrant() {
	tab := csat.NewTable(csat.FivePoint())
	for item, counts := range map[string][]uint64{"品质": {3, 1}, "交货": {0, 2, 2}, "价格": {1, 1, 2}} {
		for l, n := range counts {
			_ = tab.AddN(item, csat.SourceSurvey, l, n)
		}
	}
	set, _ := importance.Given("given", map[string]decimal.Decimal{
		"品质": decimal.RequireFromString("0.3"), "交货": decimal.RequireFromString("0.5"), "价格": decimal.RequireFromString("0.2")}).
		Importance(importance.Input{})
	target := decimal.RequireFromString("0.8")
	q, _ := analysis.Quadrant(set, tab, &analysis.QuadrantOptions{PerformanceCut: &target})
	fmt.Println("importance cut:", q.Importance.Value.Explain())
	for _, it := range q.Items {
		fmt.Println(q.Explain(it.Item))
	}
	// Output:
	// importance cut: importance cut (mean) = (0.5 + 0.3 + 0.2) / 3 = ≈0.33
	// 交货: importance 0.5 ≥ cut ≈0.33 (high), performance 70% < cut 80% (low): fix (修补区), 10 pp below the performance line; no. 1 to fix
	// 品质: importance 0.3 < cut ≈0.33 (low), performance 95% ≥ cut 80% (high): maintain (维持区), 15 pp above the performance line
	// 价格: importance 0.2 < cut ≈0.33 (low), performance 75% < cut 80% (low): opportunity (机会区), 5 pp below the performance line
}

// Benchmarks: the survey's degree (76%) against the industry average
// and the industry leader.
func ExampleBenchmarks() {
	tab := csat.NewTable(csat.FivePoint())
	for l, n := range []uint64{10, 5, 6, 3, 1} {
		_ = tab.AddN("all", csat.SourceSurvey, l, n)
	}
	rep, _ := analysis.Build(analysis.Input{Period: "2026", Table: tab})
	gaps, _ := analysis.Benchmarks(rep.Sources[0], []analysis.Benchmark{
		{Figure: "degree", Kind: analysis.IndustryLeader, Value: decimal.RequireFromString("0.8")},
		{Figure: "degree", Kind: analysis.IndustryAverage, Value: decimal.RequireFromString("0.72")},
	})
	for _, g := range gaps {
		fmt.Println(g.Kind, g.Gap.Explain(), g.Standing)
	}
	// Output:
	// industry_average gap to industry average 行业平均 = 76% − 72% = 4% above
	// industry_leader gap to industry leader 行业领先 = 76% − 80% = -4% below
}

// Satisfaction against complaints and churn: six customers, one form
// each; the lost ones complained more and rated us lower (scipy:
// spearmanr gives ρ = −0.97101, p = 0.0012486; ttest_ind with
// equal_var=False t = 4.89898, p = 0.0080499).
func ExampleChurn() {
	st, _ := form.New(csat.FivePoint(), nil)
	levels := [][]string{{"很满意", "满意"}, {"满意", "满意"}, {"满意", "基本满意"}, {"基本满意", "不满意"}, {"不满意", "不满意"}, {"不满意", "很不满意"}}
	for i, lv := range levels {
		_ = st.Add(form.Form{Customer: fmt.Sprintf("C%d", i+1), Answers: map[string]string{"品质": lv[0], "交货": lv[1]}})
	}
	var ks []csat.Complaint
	for i, n := range []int{0, 0, 1, 1, 2, 3} {
		for k := range n {
			ks = append(ks, csat.Complaint{ID: fmt.Sprintf("K%d-%d", i+1, k), Customer: fmt.Sprintf("C%d", i+1)})
		}
	}
	status := map[string]csat.Status{"C4": csat.Lost, "C5": csat.Lost, "C6": csat.Lost}
	c, _ := analysis.Churn(st, ks, status, &analysis.ChurnOptions{MinSample: analysis.MinSample{Small: 10, Suppress: 2}})
	fmt.Println("ρ² =", c.Spearman.RhoSquared.Rat().RatString(), "ρ =", c.Spearman.Rho.Round(4), "p =", c.Spearman.PValue.Round(4))
	fmt.Println(c.Summary())
	// Output:
	// ρ² = 33/35 ρ = -0.971 p = 0.0012
	// customers we lost rated us 40% (3 customers), those we kept 80% (3 customers); Welch's t-test: 80% vs 40%, t = 4.899, df = 4, p = 0.008, significant at α = 0.05; Spearman ρ of degree and complaints -0.971 over 6 customers, p = 0.0012
}
