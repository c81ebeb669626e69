package sheet_test

import (
	"fmt"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/io/sheet"
)

// The method's worked survey (METHOD.md §2) as a survey tool exports it:
// one row per returned form, one column per item.
func ExampleReadAnswersFrom() {
	const export = `表单,功能,外观,包装,交货期,服务质量
F001,很满意,很满意,很满意,基本满意,很满意
F002,很满意,很满意,很满意,基本满意,很满意
F003,很满意,很满意,满意,基本满意,满意
F004,满意,满意,基本满意,基本满意,满意
F005,不满意,基本满意,很不满意,不满意,不满意
`
	periods, sum, err := sheet.ReadAnswersFrom(strings.NewReader(export), "export.csv", &sheet.Options{Period: "2025H1"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %s layout, %d forms, %d answers\n", sum.File, sum.Layout, sum.Accepted, sum.Answers)
	total, _ := periods[0].Table.Total(csat.SourceSurvey)
	degree, _ := csat.Degree{}.Score(total)
	rate, _ := csat.Rate{}.Score(total)
	fmt.Println(periods[0].Name, "degree", degree, "rate", rate)
	// Output:
	// export.csv: wide layout, 5 forms, 25 answers
	// 2025H1 degree 76% rate 84%
}

// A bad row names the file, line and field; with CollectAll every bad
// row is reported and the good ones are kept.
func ExampleReadAnswersFrom_errors() {
	const src = "项目,等级\n功能,很满意\n外观,极好\n包装,\n交货期,满意\n"
	periods, sum, err := sheet.ReadAnswersFrom(strings.NewReader(src), "answers.csv", &sheet.Options{CollectAll: true})
	fmt.Println(err)
	fmt.Printf("%d rows: %d accepted, %d rejected; %d answers kept in %d period\n", sum.Rows, sum.Accepted, sum.Rejected, sum.Answers, len(periods))
	// Output:
	// csat: answers.csv: 2 of 4 rows rejected:
	// 	csat: answers.csv line 3, field 2: item "外观": scale "five-point": no level "极好": unknown level
	// 	csat: answers.csv line 4, field 2: empty level: missing value
	// 4 rows: 2 accepted, 2 rejected; 2 answers kept in 1 period
}

func ExampleWriteAnswers() {
	t := csat.NewTable(csat.FivePoint())
	_ = t.AddN("功能", csat.SourceSurvey, 0, 3) // 3 × very satisfied
	_ = t.AddN("功能", csat.SourceSurvey, 3, 1) // 1 × dissatisfied
	var b strings.Builder
	err := sheet.WriteAnswers(&b, sheet.FormatCSV, sheet.LayoutWide, []csat.Period{{Name: "2025H1", Table: t}})
	if err != nil {
		fmt.Println(err)
	}
	fmt.Print(strings.TrimPrefix(b.String(), "\ufeff")) // the byte-order mark Excel needs
	// Output:
	// period,source,form,功能
	// 2025H1,survey,1,very_satisfied
	// 2025H1,survey,2,very_satisfied
	// 2025H1,survey,3,very_satisfied
	// 2025H1,survey,4,dissatisfied
}

// A survey tool's export read with no option: the form id column
// 表单编号 is recognised, 提交时间 skipped, 地区 and 规模 are segments, and
// each row is a form. The forms break down by customer group.
func ExampleReadSurvey() {
	const export = `表单编号,提交时间,客户,地区,规模,品质,交货,服务
F01,2026-03-02 09:13,C1,华东,大,很满意,满意,满意
F02,2026-03-02 10:20,C2,华东,中,满意,,基本满意
F03,2026-03-03 11:05,C3,华东,小,基本满意,不满意,满意
F04,2026-03-03 14:40,C4,华南,大,很满意,很满意,满意
F05,2026-03-04 08:55,C5,华南,中,满意,基本满意,
F06,2026-03-05 16:30,C6,华南,小,不满意,很不满意,基本满意
`
	surveys, sum, err := sheet.ReadSurveyFrom(strings.NewReader(export), "export.csv", &sheet.Options{Period: "2026Q1"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %d forms, %d answers, %d blank; skipped %v\n", sum.File, sum.Forms, sum.Answers, sum.Unanswered, sum.Ignored)
	st := surveys[0].Forms
	for _, dim := range st.Dimensions() {
		for _, v := range st.Values(dim) {
			g := st.Group(dim, v)
			t, _ := g.Table()
			total, _ := t.Total(csat.SourceSurvey)
			degree, _ := csat.Degree{}.Score(total)
			rate, _ := csat.Rate{}.Score(total)
			fmt.Printf("%s %s: %d forms, degree %s, rate %s\n", dim, v, g.Forms(csat.SourceSurvey), degree, rate)
		}
	}
	// Output:
	// export.csv: 6 forms, 16 answers, 2 blank; skipped [提交时间]
	// 地区 华东: 3 forms, degree 72.5%, rate 87.5%
	// 地区 华南: 3 forms, degree 67.5%, rate 75%
	// 规模 中: 2 forms, degree 70%, rate 100%
	// 规模 大: 2 forms, degree 90%, rate 100%
	// 规模 小: 2 forms, degree 50%, rate 50%
}
