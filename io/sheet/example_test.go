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
	// 	csat: answers.csv line 3, field 2: scale "five-point": no level "极好": unknown level
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
