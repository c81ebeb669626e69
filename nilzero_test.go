package csat

import (
	"testing"

	"github.com/csatkit/csat/internal/apitest"
)

// zeroTypes holds a zero value of every exported type (and, through
// reflection, a nil pointer to it); zeroFuncs every exported function.
// TestNilAndZeroValues calls every exported method on zero values and nil
// pointers, and every exported function, with zero arguments: each must
// work or return an error, never panic. TestNilAndZeroComplete checks
// that nothing exported is missing from the lists.
var zeroTypes = []any{
	ABC{}, Adjustment{}, Adjustments{}, Assignment{}, Band{},
	Blend{}, Bounds(0), CSVOptions{}, Cell{}, CellError{}, ClassSummary{}, Code{}, CodeBook{},
	Complaint{},
	Confidence{}, Customer{}, Error{}, CustomerOptions{}, CustomerScore{}, CustomerScorer{},
	CustomerValue{}, Degree{}, Direction(0), EqualWeights{},
	Interval{}, ItemScore{}, Kind(0), Level{},
	LoyaltyData{}, LoyaltyIndex{}, LoyaltyIndexOptions{}, Mean{}, Measure{}, MissingPolicy(0),
	NPS{}, NPSCounts{}, NPSResult{}, Node{}, Outcome(0),
	ParseError{}, Period{}, Proportion{}, Purchase{}, Rate{},
	RepeatRate{}, Result{}, Scale{},
	ShareOfWallet{}, Status(0), Table{},
	Tally{}, Tree{}, TreeOptions{},
	VisitNote{}, Weight{}, WeightError{},
}

// Interfaces have no zero value to call; they are listed to be complete.
var zeroInterfaces = []string{"IntervalScorer", "LoyaltyMetric", "Scorer", "Segmenter", "WeightingScheme"}

var zeroFuncs = map[string]any{
	"Approx": Approx, "CLV": CLV,
	"CLVConstant": CLVConstant, "CheckIDs": CheckIDs,

	"DefaultAdjustments": DefaultAdjustments,
	"DegreeInterval":     DegreeInterval, "Difference": Difference,
	"FivePoint": FivePoint, "FromRat": FromRat, "Given": Given, "NPSScale": NPSScale,
	"NewAdjustments": NewAdjustments, "NewBlend": NewBlend, "NewCodeBook": NewCodeBook, "NewCustomerScorer": NewCustomerScorer,
	"NewLoyaltyIndex": NewLoyaltyIndex, "NewScale": NewScale, "NewTable": NewTable, "NewTally": NewTally, "NewTree": NewTree,
	"Outcomes": Outcomes, "PVCBands": PVCBands, "PVCCustomerScorer": PVCCustomerScorer, "PVCTree": PVCTree,
	"ParseOutcome": ParseOutcome, "Quotient": Quotient,
	"RateInterval": RateInterval, "ReadTableCSV": ReadTableCSV,
	"SatisfiedOf": SatisfiedOf, "SelfSurvey": SelfSurvey, "SevenMeasures": SevenMeasures, "Sum": Sum, "Summarize": Summarize,
	"VisitQuestionnaire": VisitQuestionnaire,
	"WeightedMean":       WeightedMean, "Wilson": Wilson,
	// MustTree panics by contract on an invalid literal ("Must*"); it is
	// the one documented exception.
}

func TestNilAndZeroValues(t *testing.T) { apitest.NilAndZero(t, zeroTypes, zeroFuncs) }

func TestNilAndZeroComplete(t *testing.T) {
	apitest.Complete(t, ".", zeroTypes, zeroInterfaces, zeroFuncs, "MustTree")
}
