package analysis_test

import (
	"fmt"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/form"
)

// The satisfaction rate by customer size: each size's rate, its sample
// flag and letters (sizes sharing a letter do not differ at α = 0.05
// after Holm's adjustment), and the tests between sizes (p-values
// checked with statsmodels: proportions_ztest of 8/8, 6/8, 3/8 gives
// 0.13057, 0.00700, 0.13057; multipletests holm 0.26114, 0.02100,
// 0.26114).
func ExampleBreakdowns() {
	st, _ := form.New(csat.FivePoint(), nil)
	add := func(size string, levels ...string) {
		for i, l := range levels {
			_ = st.Add(form.Form{ID: fmt.Sprint(size, i), Attrs: map[string]string{"规模": size},
				Answers: map[string]string{"品质": l}})
		}
	}
	add("大", "很满意", "很满意", "满意", "满意", "很满意", "基本满意", "满意", "很满意")
	add("中", "满意", "基本满意", "不满意", "满意", "很满意", "基本满意", "不满意", "满意")
	add("小", "不满意", "基本满意", "很不满意", "不满意", "满意", "不满意", "基本满意", "很不满意")
	add("微", "满意", "不满意")
	bs, _ := analysis.Breakdowns(st, []csat.Scorer{csat.Rate{}}, &analysis.BreakdownOptions{
		MinSample: analysis.MinSample{Small: 10, Suppress: 5}})
	b := bs[0]
	fmt.Println(b.Dimension, b.Figure, "—", b.Test)
	for _, v := range b.Values {
		if v.Score == nil { // suppressed: no figure, no letters
			fmt.Println(v.Value, v.Forms, "forms —", v.Sample)
			continue
		}
		fmt.Println(v.Value, v.Forms, "forms", v.Score, v.Sample, v.Letters)
	}
	for _, p := range b.Pairs {
		fmt.Printf("%s–%s p = %s, Holm %s, significant %t\n", p.A, p.B, p.Comparison.PValue.StringFixed(4), p.Adjusted.StringFixed(4), p.Significant)
	}
	// Output:
	// 规模 rate 满意率 — two-proportion z-test (pooled)
	// 大 8 forms 100% small a
	// 中 8 forms 75% small ab
	// 小 8 forms 37.5% small b
	// 微 2 forms — suppressed
	// 大–中 p = 0.1306, Holm 0.2611, significant false
	// 大–小 p = 0.0070, Holm 0.0210, significant true
	// 中–小 p = 0.1306, Holm 0.2611, significant false
}
