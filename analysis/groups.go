package analysis

import (
	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/enum"
	"github.com/shopspring/decimal"
)

// Sample-size rules of METHOD.md §12: a group (or any figure) with fewer
// than SmallSample forms is flagged "small sample" (样本偏少) beside its
// figure; with fewer than SuppressBelow forms its figure is suppressed
// (not shown, not tested). The defaults are 30 and 5.
const (
	DefaultSmallSample   = 30
	DefaultSuppressBelow = 5
)

// MinSample is the sample-size rule of a report; a zero field means its
// default, [DefaultSmallSample] or [DefaultSuppressBelow]. Suppress above
// Small is [csat.ErrInvalid].
type MinSample struct {
	// Small: fewer forms than this flag a figure as a small sample.
	Small uint64 `json:"small"`
	// Suppress: fewer forms than this suppress a figure.
	Suppress uint64 `json:"suppress"`
}

// SampleFlag says how a figure stands against the sample-size rule.
type SampleFlag uint8

const (
	// SampleOK is a figure on enough forms.
	SampleOK SampleFlag = iota + 1
	// SampleSmall is a figure on fewer than MinSample.Small forms: shown,
	// flagged "small sample".
	SampleSmall
	// SampleSuppressed is a figure on fewer than MinSample.Suppress forms:
	// not shown and not tested.
	SampleSuppressed
)

var sampleNames = [...]string{SampleOK: "ok", SampleSmall: "small", SampleSuppressed: "suppressed"}

var sampleEnum = enum.New[SampleFlag]("SampleFlag", "sample flag", csat.ErrInvalid, errorf, sampleNames[:]...)

// String returns "ok", "small" or "suppressed".
func (f SampleFlag) String() string { return sampleEnum.String(f) }

// MarshalText encodes the flag by its name; the zero or an unknown value
// is an error wrapping [csat.ErrInvalid].
func (f SampleFlag) MarshalText() ([]byte, error) { return sampleEnum.MarshalText(f) }

// UnmarshalText decodes "ok", "small" or "suppressed"; any other text is
// an error wrapping [csat.ErrInvalid].
func (f *SampleFlag) UnmarshalText(text []byte) error { return sampleEnum.UnmarshalText(text, f) }

// FormCounts are the counts of a period's returned forms (答卷) beside
// its answers (答项), per source: what a reader checks first.
type FormCounts struct {
	Sources []SourceForms `json:"sources"`
}

// SourceForms counts one source's forms, answers and blanks, overall and
// per item (in the order of the report's items).
type SourceForms struct {
	Source  string      `json:"source"`
	Forms   uint64      `json:"forms"`
	Answers uint64      `json:"answers"`
	Blanks  uint64      `json:"blanks"`
	Items   []ItemForms `json:"items"`
}

// ItemForms counts one item's answers and blanks on a source's forms.
type ItemForms struct {
	Item    string `json:"item"`
	Answers uint64 `json:"answers"`
	Blanks  uint64 `json:"blanks"`
}

// A Breakdown is one headline figure of the survey broken down by the
// values of one dimension (地区, 行业, 规模, ABC, …), with the differences
// between values tested: the pooled two-proportion z test for a rate,
// Welch's t test for a degree (answers as observations, points / full
// marks), p-values adjusted by Holm within the breakdown, and a compact
// letter display (values ordered best first, the best getting "a";
// values sharing a letter do not differ at Alpha). Figures of other
// scorers are shown without tests. Values are ordered best first by
// exact figure, ties by value in byte order, the suppressed last by
// value ([Breakdowns]).
type Breakdown struct {
	Dimension string `json:"dimension"`
	// Figure is the scorer's label (its Result's label, e.g. "degree").
	Figure string `json:"figure"`
	// Test names the test of the pairs ("" when the figure has none).
	Test   string          `json:"test,omitempty"`
	Alpha  decimal.Decimal `json:"alpha"`
	Values []GroupFigure   `json:"values"`
	// Pairs are the tests between every two values that are not
	// suppressed, in the order of Values.
	Pairs []GroupPair `json:"pairs,omitempty"`
}

// A GroupFigure is the figure of one value of a dimension.
type GroupFigure struct {
	Value   string `json:"value"`
	Forms   uint64 `json:"forms"`
	Answers uint64 `json:"answers"`
	// Score and Interval are absent when the value is suppressed.
	Score    *csat.Result   `json:"score,omitempty"`
	Interval *csat.Interval `json:"interval,omitempty"`
	Sample   SampleFlag     `json:"sample"`
	// Letters is the compact letter display ("a", "ab", …); "" when the
	// figure is suppressed or untested.
	Letters string `json:"letters,omitempty"`
}

// A GroupPair is the test of two values of a dimension. Comparison is
// the test itself, its Significant the verdict on the raw p-value;
// Significant here is the verdict on the Holm-adjusted one, the verdict
// the letters follow and the one to report.
type GroupPair struct {
	A          string          `json:"a"`
	B          string          `json:"b"`
	Comparison Comparison      `json:"comparison"`
	Adjusted   decimal.Decimal `json:"adjusted"` // Holm-adjusted p-value
	// Significant is Adjusted < Alpha.
	Significant bool `json:"significant"`
}

// Sent is the survey's fieldwork per stratum (the plan's strata): forms
// sent against forms returned, for the response rate (AAPOR RR1).
type Sent struct {
	// Dimension is the attribute the strata divide by (a dimension of
	// the forms, e.g. 地区 or ABC).
	Dimension string
	// Forms are the forms sent per stratum value.
	Forms map[string]uint64
	// Minimum is the plan's minimum of returned forms per stratum (zero:
	// none); strata under it are flagged.
	Minimum uint64
}

// Response is the response rate overall and per stratum. Strata are in
// byte order of their names; Overall (Stratum "") is Σ returned / Σ sent
// over them.
type Response struct {
	Dimension string `json:"dimension"`
	// Minimum is the plan's minimum of returned forms per stratum (0:
	// none).
	Minimum uint64            `json:"minimum,omitempty"`
	Overall StratumResponse   `json:"overall"`
	Strata  []StratumResponse `json:"strata"`
	// Unplanned are the strata of returned survey forms that the plan
	// sent nothing to (values of the dimension not in [Sent].Forms), with
	// the forms returned: outside every rate, and warned about.
	Unplanned []StratumCount `json:"unplanned,omitempty"`
	// NoStratum counts the returned survey forms without a value of the
	// dimension: outside every rate, and warned about.
	NoStratum uint64 `json:"no_stratum,omitempty"`
}

// A StratumCount is the number of survey forms returned in a stratum the
// plan did not send to.
type StratumCount struct {
	Stratum  string `json:"stratum"`
	Returned uint64 `json:"returned"`
}

// StratumResponse is one stratum's forms returned against forms sent.
type StratumResponse struct {
	Stratum  string      `json:"stratum"`
	Sent     uint64      `json:"sent"`
	Returned uint64      `json:"returned"`
	Rate     csat.Result `json:"rate"` // RR1 = returned / sent, exact
	// UnderMinimum says the stratum returned fewer forms than the plan's
	// minimum.
	UnderMinimum bool `json:"under_minimum,omitempty"`
}

// A ControlChart is the p-chart of the survey's satisfaction rate over
// the periods of the trend: centre line p̄ = Σ satisfied / Σ answers, 3σ
// limits per period from its own n, Laney's p′ when the periods are
// over-dispersed, and the run rule (8 in a row on one side of p̄).
type ControlChart struct {
	Source string      `json:"source"`
	Center csat.Result `json:"center"`
	// Laney says the limits are Laney's p′ (σz > 1: over-dispersed);
	// SigmaZ is the ratio of dispersion.
	Laney   bool            `json:"laney"`
	SigmaZ  decimal.Decimal `json:"sigma_z"`
	Periods []ControlPeriod `json:"periods"`
}

// A ControlPeriod is one period of a control chart.
type ControlPeriod struct {
	Period    string          `json:"period"`
	N         uint64          `json:"n"`
	Satisfied uint64          `json:"satisfied"`
	Rate      csat.Result     `json:"rate"`
	Lower     decimal.Decimal `json:"lower"`
	Upper     decimal.Decimal `json:"upper"`
	// Signal says why the period is out of control ("" when in control):
	// "above", "below" (outside the limits, Laney's when the chart is),
	// else "run_above", "run_below" (the 8th or a later period in a row
	// on one side of the centre line).
	Signal string `json:"signal,omitempty"`
}
