package analysis

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
	Action{}, ActionKind(0), ActionStatus(0), Against(0), BandCount{}, Change{}, CompanyFigures{}, CompanyOptions{},
	Caution{}, CautionKind(0), CompareOptions{}, Comparison{}, ComplaintFigures{}, ComplaintOptions{}, DissatisfiedCell{}, DurationStats{},
	Figure{}, Gap{}, Headline{}, Input{}, ItemComparison{}, ItemFigures{}, LossModel(0), LostMode(0), LostPolicy{},
	OpenComplaint{}, OutcomeCount{}, ParetoEntry{}, RankedCustomer{}, Report{}, SourceFigures{}, TargetFigure{},
	TargetMethod(0), TargetResult{}, TrendPoint{}, TrendReport{},
	BreakdownOptions{}, Breakdown{}, ControlChart{}, ControlPeriod{}, FormCounts{}, GroupFigure{}, GroupPair{},
	ItemForms{}, MinSample{}, Response{}, SampleFlag(0), Sent{}, SourceForms{}, StratumCount{}, StratumResponse{},
	Zone(0), CutRule(0), QuadrantOptions{}, Cut{}, QuadrantItem{}, QuadrantReport{},
	ChurnOptions{}, ChurnCustomer{}, StatusFigure{}, RankCorrelation{}, ChurnFigures{},
	BenchmarkKind(0), Standing(0), Benchmark{}, BenchmarkGap{},
}

// Interfaces have no zero value to call; they are listed to be complete.
var zeroInterfaces = []string{}

var zeroFuncs = map[string]any{
	"Build": Build, "Company": Company, "CompareCompetitor": CompareCompetitor, "CompareDegrees": CompareDegrees,
	"CompareRates": CompareRates, "Complaints": Complaints, "Dissatisfied": Dissatisfied, "Gaps": Gaps,
	"Pareto": Pareto, "Target": Target, "Trend": Trend,
	"Breakdowns": Breakdowns, "ControlChartOf": ControlChartOf, "ResponseRate": ResponseRate,
	"Quadrant": Quadrant, "Benchmarks": Benchmarks, "Churn": Churn,
	"WarningIn": WarningIn, "IntervalExplainIn": IntervalExplainIn,
}

func TestNilAndZeroValues(t *testing.T) { apitest.NilAndZero(t, zeroTypes, zeroFuncs) }

func TestNilAndZeroComplete(t *testing.T) {
	apitest.Complete(t, ".", zeroTypes, zeroInterfaces, zeroFuncs)
}
