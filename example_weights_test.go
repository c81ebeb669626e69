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
// 26, not 20 (METHOD.md §4): the tree is rejected, naming the node.
// [csat.TreeOptions].Normalize would accept it, scaling the children.
func ExampleNewTree_asPrinted() {
	w := decimal.NewFromInt
	asPrinted := csat.Node{Name: "顾客满意度", Weight: w(100), Children: []csat.Node{
		{Name: "产品质量", Weight: w(50), Children: []csat.Node{
			{Name: "品质", Weight: w(30)}, {Name: "包装", Weight: w(10)}, {Name: "使用性", Weight: w(10)}}},
		{Name: "购销过程", Weight: w(20), Children: []csat.Node{
			{Name: "接待", Weight: w(8)}, {Name: "程序", Weight: w(8)}, {Name: "价格和付款", Weight: w(10)}}},
		{Name: "相关服务", Weight: w(30), Children: []csat.Node{
			{Name: "运输", Weight: w(8)}, {Name: "问题处理", Weight: w(12)}, {Name: "技术支持和服务", Weight: w(10)}}},
	}}
	_, err := csat.NewTree(asPrinted, nil)
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
