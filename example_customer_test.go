package csat_test

import (
	"fmt"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
)

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
