package form_test

import (
	"fmt"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/form"
)

// The package doc's worked example: six forms, two regions and three
// sizes, broken down by analysis.Breakdowns. The figures are those
// computed by hand in the doc (华东 42/60, 华南 38/60; 大 38/40, 中 26/40,
// 小 16/40). So few forms need a rule of their own to be shown at all:
// here 2 forms suffice and fewer than 3 is a small sample (the default
// is 5 and 30). The letters, checked with scipy and statsmodels
// (answers as points / full marks):
//
//	big=[1,.8,1,1]; mid=[.8,.6,.8,.4]; small=[.6,.4,.4,.2]
//	ps = [ttest_ind(a, b, equal_var=False).pvalue for a, b in [(big,mid), (big,small), (mid,small)]]
//	multipletests(ps, method='holm')[1]  →  0.0871, 0.0068, 0.0953: only 大–小 differ
//	ttest_ind([1,.8,.8,.6,.6,.4], [1,1,.8,.4,.4,.2], equal_var=False).pvalue  →  0.696: regions alike
func Example_twoRegionsThreeSizes() {
	st, _ := form.New(csat.FivePoint(), nil)
	rows := [][5]string{
		{"F1", "华东", "大", "很满意", "满意"},
		{"F2", "华东", "中", "满意", "基本满意"},
		{"F3", "华东", "小", "基本满意", "不满意"},
		{"F4", "华南", "大", "很满意", "很满意"},
		{"F5", "华南", "中", "满意", "不满意"},
		{"F6", "华南", "小", "不满意", "很不满意"},
	}
	for _, r := range rows {
		err := st.Add(form.Form{ID: r[0], Attrs: map[string]string{"地区": r[1], "规模": r[2]},
			Answers: map[string]string{"品质": r[3], "交货": r[4]}})
		if err != nil {
			panic(err)
		}
	}
	bs, err := analysis.Breakdowns(st, []csat.Scorer{csat.Degree{}}, &analysis.BreakdownOptions{
		MinSample: analysis.MinSample{Small: 3, Suppress: 2}})
	if err != nil {
		panic(err)
	}
	for _, b := range bs {
		for _, v := range b.Values {
			fmt.Printf("%s %s: %d forms, %d answers, %s = %s, %s, letters %s\n",
				b.Dimension, v.Value, v.Forms, v.Answers, v.Score.Rat().RatString(), v.Score, v.Sample, v.Letters)
		}
	}
	// Output:
	// 地区 华东: 3 forms, 6 answers, 7/10 = 70%, ok, letters a
	// 地区 华南: 3 forms, 6 answers, 19/30 = ≈63.33%, ok, letters a
	// 规模 大: 2 forms, 4 answers, 19/20 = 95%, small, letters a
	// 规模 中: 2 forms, 4 answers, 13/20 = 65%, small, letters ab
	// 规模 小: 2 forms, 4 answers, 2/5 = 40%, small, letters b
}
