package analysis

import (
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/enum"
	"github.com/csatkit/csat/internal/exact"
	"github.com/shopspring/decimal"
)

// TargetMethod selects the reading of the average-advanced target
// 平均先进指标 (METHOD.md §10).
type TargetMethod uint8

const (
	// AverageAdvanced (default, our reading): the mean of the history;
	// the advanced mean of the values above it; the target is the mean
	// of the two.
	AverageAdvanced TargetMethod = iota
	// AverageAdvancedVariant is (mean + Σ advanced values) / (k + 1), k
	// the number of advanced values.
	AverageAdvancedVariant
)

var targetMethodNames = [...]string{AverageAdvanced: "average_advanced", AverageAdvancedVariant: "average_advanced_variant"}

// String returns "average_advanced" or "average_advanced_variant".
func (m TargetMethod) String() string { return targetMethodEnum.String(m) }

// MarshalText encodes the method by its name; an unknown method is an
// error wrapping [csat.ErrInvalid].
func (m TargetMethod) MarshalText() ([]byte, error) { return targetMethodEnum.MarshalText(m) }

// UnmarshalText decodes a method name; any other text is an error
// wrapping [csat.ErrInvalid].
func (m *TargetMethod) UnmarshalText(text []byte) error {
	return targetMethodEnum.UnmarshalText(text, m)
}

// A TargetResult is a yearly target with the figures it was computed
// from, as typed fields.
type TargetResult struct {
	Method TargetMethod `json:"method"`
	// Target is the target 平均先进指标.
	Target csat.Result `json:"target"`
	// Mean is the mean of the history.
	Mean csat.Result `json:"mean"`
	// Advanced are the values of the history above the mean, in history
	// order; their count is len(Advanced).
	Advanced []decimal.Decimal `json:"advanced"`
	// AdvancedMean is the mean of Advanced (nil when no value is above
	// the mean).
	AdvancedMean *csat.Result `json:"advanced_mean,omitempty"`
}

// Equal reports whether t and u are the same target, field by field.
func (t TargetResult) Equal(u TargetResult) bool {
	adv := (t.AdvancedMean == nil) == (u.AdvancedMean == nil) && (t.AdvancedMean == nil || t.AdvancedMean.Equal(*u.AdvancedMean))
	return t.Method == u.Method && t.Target.Equal(u.Target) && t.Mean.Equal(u.Mean) && adv &&
		slices.EqualFunc(t.Advanced, u.Advanced, decimal.Decimal.Equal)
}

// Target returns the yearly target for a figure (degree, rate, score)
// from its history of past surveys, higher being better. History 82, 85,
// 78, 88, 90, 80: mean 503/6 = 83.8333…, advanced 85, 88, 90 with mean
// 87.6667…, target (83.8333… + 87.6667…)/2 = 85.75; the variant gives
// (83.8333… + 263)/4 = 86.7083…. When no value is above the mean (all
// equal) the target is the mean, and the explanation says so. kind says
// how the values read: [csat.Points] (scores, as above) or [csat.Fraction]
// (degrees and rates in [0, 1], printed as percentages). An empty history
// is [csat.ErrEmpty]; an unknown method [csat.ErrInvalid]; a fraction outside
// [0, 1] [csat.ErrOutOfRange]. Values above the mean are decided exactly.
func Target(history []decimal.Decimal, method TargetMethod, kind csat.Kind) (TargetResult, error) {
	if len(history) == 0 {
		return TargetResult{}, errorf(csat.ErrEmpty, "target: no history")
	}
	if method > AverageAdvancedVariant {
		return TargetResult{}, errorf(csat.ErrInvalid, "target: method %d", method)
	}
	sum := new(big.Rat)
	for i, h := range history {
		if _, err := csat.Given("history", kind, h); err != nil {
			return TargetResult{}, errorf(err, "target: history value %d", i+1)
		}
		sum.Add(sum, h.Rat())
	}
	n := int64(len(history))
	hist := slices.Clone(history)
	out := TargetResult{Method: method}
	var err error
	if out.Mean, err = csat.FromRat("mean", kind, exact.Quo(sum, big.NewRat(n, 1))); err != nil {
		return TargetResult{}, err
	}
	out.Mean = out.Mean.WithFormula(func() string { return "(" + joinDec(hist, " + ") + ") / " + strconv.FormatInt(n, 10) })
	mean := out.Mean.Rat()
	advSum := new(big.Rat)
	for _, h := range history {
		if h.Rat().Cmp(mean) > 0 {
			out.Advanced = append(out.Advanced, h)
			advSum.Add(advSum, h.Rat())
		}
	}
	meanR := out.Mean
	if len(out.Advanced) == 0 {
		r, err := csat.FromRat("target 平均先进指标", kind, mean)
		out.Target = r.WithFormula(func() string {
			return meanR.String() + " (no value above the mean " + meanR.String() + ": the target is the mean)"
		}).In("zh", "目标（平均先进指标）", func() string {
			return meanR.String() + "（没有高于平均值 " + meanR.String() + " 的值：目标即平均值）"
		}).WithParts(meanR)
		return out, err
	}
	k := int64(len(out.Advanced))
	adv := slices.Clone(out.Advanced)
	advR, err := csat.FromRat("advanced mean", kind, exact.Quo(advSum, big.NewRat(k, 1)))
	if err != nil {
		return TargetResult{}, err
	}
	advR = advR.WithFormula(func() string { return "(" + joinDec(adv, " + ") + ") / " + strconv.FormatInt(k, 10) })
	out.AdvancedMean = &advR
	if method == AverageAdvancedVariant {
		r, err := csat.FromRat("target 平均先进指标 (variant)", kind, exact.Quo(exact.Add(mean, advSum), big.NewRat(k+1, 1)))
		out.Target = r.WithFormula(func() string {
			return "(" + meanR.String() + " + " + joinDec(adv, " + ") + ") / " + strconv.FormatInt(k+1, 10)
		}).WithParts(meanR)
		return out, err
	}
	r, err := csat.FromRat("target 平均先进指标", kind, exact.Quo(exact.Add(mean, advR.Rat()), big.NewRat(2, 1)))
	out.Target = r.WithFormula(func() string {
		return "(" + meanR.String() + " + " + advR.String() + ") / 2"
	}).WithParts(meanR, advR)
	return out, err
}

// joinDec prints decimals joined by sep.
func joinDec(ds []decimal.Decimal, sep string) string {
	s := make([]string, len(ds))
	for i, d := range ds {
		s[i] = d.String()
	}
	return strings.Join(s, sep)
}

// The names of the enums of this file (the one mechanism: internal/enum).
var targetMethodEnum = enum.New[TargetMethod]("TargetMethod", "target method", csat.ErrInvalid, errorf, targetMethodNames[:]...)
