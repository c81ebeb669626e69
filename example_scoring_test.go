package csat_test

import (
	"fmt"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
)

// The worked example of the method: 25 answers, 10 very satisfied, 5
// satisfied, 6 basically satisfied, 3 dissatisfied, 1 very dissatisfied.
func ExampleDegree() {
	t := csat.NewTally(csat.FivePoint())
	for level, n := range []uint64{10, 5, 6, 3, 1} {
		if err := t.AddN(level, n); err != nil {
			panic(err)
		}
	}
	degree, _ := csat.Degree{}.Score(t)
	rate, _ := csat.Rate{}.Score(t)
	fmt.Println(degree.Explain())
	fmt.Println(rate.Explain())
	fmt.Println(degree.Value().StringFixed(2), rate.Value().StringFixed(2))
	// Output:
	// degree 满意度 = (10×10 + 5×8 + 6×6 + 3×4 + 1×2) / (25×10) = 190/250 = 76%
	// rate 满意率 = (10 + 5 + 6) / 25 = 21/25 = 84%
	// 0.76 0.84
}

// Byte-coded answers (0 = very satisfied … 4 = very dissatisfied) are
// counted in bulk; a byte that is not a level is reported, not dropped.
func ExampleTally_AddCodes() {
	t := csat.NewTally(csat.FivePoint())
	fmt.Println(t.AddCodes([]byte{0, 0, 1, 2, 3}))
	fmt.Println(t.AddCodes([]byte{0, 9}))
	fmt.Println(t.Counts())
	// Output:
	// <nil>
	// csat: scale "five-point": code 9 at offset 1 (scale has 5 levels): unknown level
	// [2 1 1 1 0]
}

// Shards tally their answers separately; merged, they give the same tally
// whatever the order.
func ExampleTally_Merge() {
	a, b := csat.NewTally(csat.FivePoint()), csat.NewTally(csat.FivePoint())
	_ = a.AddCodes([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1})
	_ = b.AddCodes([]byte{1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4})
	wire, _ := b.MarshalBinary() // ship b to a
	c := csat.NewTally(csat.FivePoint())
	if err := c.UnmarshalBinary(wire); err != nil {
		panic(err)
	}
	if err := a.Merge(c); err != nil {
		panic(err)
	}
	d, _ := csat.Degree{}.Score(a)
	fmt.Println(a.Counts(), d)
	// Output: [10 5 6 3 1] 76%
}

// Users define their own scales; construction validates them.
func ExampleNewScale() {
	_, err := csat.NewScale("bad", decimal.NewFromInt(100), []csat.Level{
		{Key: "good", Points: decimal.NewFromInt(90), Band: &csat.Band{Low: decimal.NewFromInt(80), High: decimal.NewFromInt(100)}},
		{Key: "poor", Points: decimal.NewFromInt(40), Band: &csat.Band{Low: decimal.NewFromInt(0), High: decimal.NewFromInt(70)}},
	})
	fmt.Println(err)
	// Output:
	// csat: scale "bad": gap between bands of "poor" [0,70) and "good" [80,100): invalid scale
}
