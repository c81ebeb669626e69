// PVC: one customer's satisfaction score by the PVC write-up's method
// (METHOD.md §5), printed step by step like the method's worked example.
//
// The questionnaire's nine item scores are weighted by the corrected PVC
// tree; the interviewer's visit notes are read on the five-band scale; the
// preliminary score blends visit 60% with questionnaire 40%; each
// complaint adjusts the score by its outcome.
//
//	go run ./examples/pvc
package main

import (
	"fmt"
	"log"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
)

func main() {
	n := decimal.NewFromInt
	customer := csat.Customer{
		ID: "PVC-001",
		Questionnaire: map[string]decimal.Decimal{
			"品质": n(92), "包装": n(85), "使用性": n(88),
			"接待": n(80), "程序": n(75), "价格和付款": n(60),
			"运输": n(70), "问题处理": n(65), "技术支持和服务": n(90),
		},
		Visit: map[string]csat.VisitNote{
			"品质":    {Level: "很满意"},   // very satisfied: 95
			"包装":    {Level: "比较不满意"}, // fairly dissatisfied: 50
			"价格和付款": {Level: "比较满意"},  // fairly satisfied: 65
			// every other item not mentioned: 满意, 80
		},
		Complaints: []csat.Complaint{
			{ID: "C1", Outcome: csat.HandledBasicallySatisfied}, // −1
			{ID: "C2", Outcome: csat.HandledVerySatisfied},      // +2
			{ID: "C3", Outcome: csat.NotHandled},                // −5
		},
	}
	score, err := csat.PVCCustomerScorer().Score(customer)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Customer %s\n\n", customer.ID)
	fmt.Print(score.Explain())
	fmt.Printf("\nquestionnaire %s, visit %s, preliminary %s, final %s (%s)\n",
		score.Questionnaire.Value().StringFixed(2), score.Visit.Value().StringFixed(2),
		score.Preliminary.Value().StringFixed(2), score.Final.Value().StringFixed(2), score.BandLevel.LabelZH)
}
