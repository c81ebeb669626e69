package csat_test

import (
	"errors"
	"fmt"
	"log"
	"strings"

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

// Reading a survey from CSV: one row per answer count, levels by key,
// English or Chinese label. Self-assessment (3×10 + 1×8)/(4×10) = 95%;
// survey (2×10 + 1×6 + 1×4)/(4×10) = 75%.
func ExampleReadTableCSV() {
	in := `item,source,level,count
功能,survey,很满意,2
功能,survey,basically_satisfied,1
功能,survey,dissatisfied,1
功能,self,very satisfied,3
功能,self,满意,1
`
	tab, err := csat.ReadTableCSV(strings.NewReader(in), csat.FivePoint(), nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, src := range tab.Sources() {
		t, err := tab.Total(src)
		if err != nil {
			log.Fatal(err)
		}
		d, err := csat.Degree{}.Score(t)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(src, d)
	}
	_, err = csat.ReadTableCSV(strings.NewReader("item,source,level\n功能,survey,great\n"), csat.FivePoint(), nil)
	var pe *csat.ParseError
	fmt.Println(errors.As(err, &pe), pe.Line, pe.Field, errors.Is(err, csat.ErrUnknownLevel))
	// Output:
	// self 95%
	// survey 75%
	// true 2 3 true
}

// A Table keys tallies by item and source. An item or source it has never
// seen is an error, told apart from a known cell with no answers.
func ExampleTable() {
	tab := csat.NewTable(csat.FivePoint())
	if err := tab.AddKey("功能", csat.SourceSurvey, "很满意"); err != nil {
		log.Fatal(err)
	}
	if err := tab.AddKey("外观", csat.SourceSelf, "满意"); err != nil {
		log.Fatal(err)
	}
	empty, err := tab.Tally("外观", csat.SourceSurvey) // known item, known source, no answers
	n, _ := empty.N()
	fmt.Println(n, err)
	_, err = tab.Tally("功 能", csat.SourceSurvey) // misspelt
	fmt.Println(errors.Is(err, csat.ErrUnknownItem))
	fmt.Println(err)
	// Output:
	// 0 <nil>
	// true
	// csat: cell "功 能"/"survey": no item "功 能" in the table: unknown item
}
