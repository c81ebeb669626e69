package form_test

import (
	"fmt"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
)

// Two regions and three sizes: forms counted, then one region's
// statistics, then the co-moments of two items over the forms that
// answered both.
func Example() {
	st, err := form.New(csat.FivePoint(), nil)
	if err != nil {
		panic(err)
	}
	forms := []form.Form{
		{ID: "F1", Attrs: map[string]string{"地区": "华东", "规模": "大"}, Answers: map[string]string{"品质": "很满意", "交货": "满意"}},
		{ID: "F2", Attrs: map[string]string{"地区": "华东", "规模": "中"}, Answers: map[string]string{"品质": "满意", "交货": ""}},
		{ID: "F3", Attrs: map[string]string{"地区": "华南", "规模": "小"}, Answers: map[string]string{"品质": "基本满意", "交货": "不满意"}},
	}
	for _, f := range forms {
		if err := st.Add(f); err != nil {
			panic(err)
		}
	}
	fmt.Println("forms:", st.Forms(csat.SourceSurvey), "answers:", st.Answers(csat.SourceSurvey), "blanks 交货:", st.Blanks("交货", csat.SourceSurvey))
	fmt.Println("dimensions:", st.Dimensions(), "sizes:", st.Values("规模"))
	east := st.Group("地区", "华东")
	fmt.Println("华东 forms:", east.Forms(csat.SourceSurvey), "品质 counts:", east.Tally("品质", csat.SourceSurvey).Counts())
	m, err := st.Moments(csat.SourceSurvey, "品质", "交货")
	if err != nil {
		panic(err)
	}
	// F1 (10, 8) and F3 (6, 4): F2 left 交货 blank.
	fmt.Printf("n=%d Σx=%s Σy=%s Σxy=%s\n", m.N, m.SumX, m.SumY, m.SumXY)
	// Output:
	// forms: 3 answers: 5 blanks 交货: 1
	// dimensions: [地区 规模] sizes: [中 大 小]
	// 华东 forms: 2 品质 counts: [1 1 0 0 0]
	// n=2 Σx=16 Σy=12 Σxy=104
}

// Each customer's answers, pooled over items and forms, scored like any
// tally: the per-customer degree set against complaints and churn.
func ExampleStats_CustomerTally() {
	st, err := form.New(csat.FivePoint(), nil)
	if err != nil {
		panic(err)
	}
	forms := []form.Form{
		{ID: "F1", Customer: "甲厂", Answers: map[string]string{"品质": "很满意", "交货": "满意"}, Overall: "满意"},
		{ID: "F2", Customer: "甲厂", Answers: map[string]string{"品质": "满意", "交货": ""}},
		{ID: "F3", Customer: "乙厂", Answers: map[string]string{"品质": "基本满意", "交货": "不满意"}},
	}
	for _, f := range forms {
		if err := st.Add(f); err != nil {
			panic(err)
		}
	}
	for _, c := range st.Customers(csat.SourceSurvey) {
		t := st.CustomerTally(c, csat.SourceSurvey)
		d, err := csat.Degree{}.Score(t)
		if err != nil {
			panic(err)
		}
		// 甲厂: 10 + 8 + 8 points of 30; 乙厂: 6 + 4 of 20.
		fmt.Println(c, st.CustomerForms(c, csat.SourceSurvey), "forms", t.Counts(), d)
	}
	// Output:
	// 乙厂 1 forms [0 0 1 1 0] 50%
	// 甲厂 2 forms [1 2 0 0 0] ≈86.67%
}

// Listwise co-moments of the overall question and two items rest on the
// forms that answered all three; pairwise ones on the forms that
// answered each pair.
func ExampleStats_Matrix() {
	st, err := form.New(csat.FivePoint(), nil)
	if err != nil {
		panic(err)
	}
	forms := []form.Form{
		{ID: "F1", Answers: map[string]string{"品质": "很满意", "交货": "满意"}, Overall: "很满意"},
		{ID: "F2", Answers: map[string]string{"品质": "满意", "交货": ""}, Overall: "满意"},
		{ID: "F3", Answers: map[string]string{"品质": "基本满意", "交货": "不满意"}, Overall: "不满意"},
		{ID: "F4", Answers: map[string]string{"品质": "满意", "交货": "满意"}},
	}
	for _, f := range forms {
		if err := st.Add(f); err != nil {
			panic(err)
		}
	}
	// Listwise: F1 (10, 10, 8) and F3 (4, 6, 4); F2 left 交货 blank,
	// F4 gave no overall answer. Pairwise, overall×品质 adds F2 (8, 8)
	// and 品质×交货 adds F4 (8, 8).
	vars := []string{form.Overall, "品质", "交货"}
	for _, d := range []form.Deletion{form.Listwise, form.Pairwise} {
		m, err := st.Matrix(csat.SourceSurvey, vars, d)
		if err != nil {
			panic(err)
		}
		o, q := m.M[0][1], m.M[1][2]
		fmt.Printf("%s: overall×品质 n=%d Σx=%s Σy=%s Σxy=%s; 品质×交货 n=%d Σxy=%s\n", d, o.N, o.SumX, o.SumY, o.SumXY, q.N, q.SumXY)
	}
	// Output:
	// listwise: overall×品质 n=2 Σx=14 Σy=16 Σxy=124; 品质×交货 n=2 Σxy=104
	// pairwise: overall×品质 n=3 Σx=22 Σy=24 Σxy=188; 品质×交货 n=3 Σxy=168
}
