package csat_test

import (
	"errors"
	"fmt"
	"log"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
)

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
