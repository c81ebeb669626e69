package csat

import (
	"encoding/json"
	"math/big"
	"strings"

	"github.com/csatkit/csat/internal/exact"
	"github.com/shopspring/decimal"
)

// Precision is the number of decimal places to which csat rounds a result
// whose exact value has no finite decimal expansion within that many
// places (2/3, a weighted mean with weights 1/3 …). Rounding is half away
// from zero (四舍五入, decimal's DivRound) and happens once, at the end of
// a computation; the exact value stays available as [Result.Num] /
// [Result.Den]. Values that terminate within Precision places (190/250 =
// 0.76) are exact.
const Precision = 20

// DisplayPlaces is the number of decimal places [Result.String] and the
// explanations print: a percentage such as 66.666…% prints as ≈66.67%.
// Decisions (bands, grades, targets met) never use the printed value.
const DisplayPlaces = 2

// Kind says how a [Result]'s value is read and printed.
type Kind uint8

const (
	// Points is a plain number (a 0–100 score, mean points, an NPS).
	Points Kind = iota
	// Fraction is a share in [0, 1] (a degree, a rate), printed as a
	// percentage: 0.76 prints as 76%.
	Fraction
)

// A Result is the outcome of one scoring step: an exact value and how it
// was reached. Every scorer, blend and weighting scheme returns one;
// composite results (a blend, a weight tree) keep the results they were
// built from as [Result.Parts], so a whole computation can be printed as
// the method's worked examples are written ([Result.Derivation]).
//
// The explanation text is built only when asked for, so results that are
// never printed cost nothing extra. A Result is immutable and safe for
// concurrent use. The zero Result is the exact value 0.
type Result struct {
	label   string
	kind    Kind
	value   decimal.Decimal
	num     decimal.Decimal
	den     decimal.Decimal
	inexact bool
	parts   []Result
	formula func() string
}

// newResult returns the result num/den (den > 0) with its formula.
func newResult(label string, kind Kind, num, den decimal.Decimal, formula func() string, parts []Result) Result {
	r := Result{label: label, kind: kind, num: num, den: den, formula: formula, parts: parts}
	if den.Equal(decimal.NewFromInt(1)) {
		r.value = num
	} else {
		// Half away from zero at Precision places; exact when the
		// quotient terminates within them.
		r.value = num.DivRound(den, Precision)
		r.inexact = !r.value.Mul(den).Equal(num)
	}
	return r
}

// ratResult returns the result of the exact rational q, shown as num/den
// in lowest terms.
func ratResult(label string, kind Kind, q *big.Rat, formula func() string, parts []Result) Result {
	n, d := exact.Parts(q)
	return newResult(label, kind, n, d, formula, parts)
}

// Given returns a result for a value given from outside (a leaf score, a
// stated weight): exact, with no derivation.
func Given(label string, kind Kind, v decimal.Decimal) Result {
	return Result{label: label, kind: kind, value: v, num: v, den: decimal.NewFromInt(1)}
}

// Value returns the result's value: exact, or rounded to [Precision]
// places when [Result.Exact] is false.
func (r Result) Value() decimal.Decimal { return r.value }

// Num returns the numerator of the exact value Num/Den.
func (r Result) Num() decimal.Decimal { return r.num }

// Den returns the denominator of the exact value Num/Den (1 for the zero
// Result).
func (r Result) Den() decimal.Decimal {
	if r.den.IsZero() {
		return decimal.NewFromInt(1)
	}
	return r.den
}

// Rat returns the exact value as a rational number.
func (r Result) Rat() *big.Rat { return exact.Quo(r.num.Rat(), r.Den().Rat()) }

// Exact reports whether [Result.Value] is exactly Num/Den.
func (r Result) Exact() bool { return !r.inexact }

// Label returns what the result is of, e.g. "degree 满意度".
func (r Result) Label() string { return r.label }

// Kind returns how the value is read: a plain number or a fraction.
func (r Result) Kind() Kind { return r.kind }

// Parts returns the results this one was combined from (sources of a
// blend, children of a weight-tree node), in the order of its formula.
func (r Result) Parts() []Result { return append([]Result(nil), r.parts...) }

// WithLabel returns a copy of r labelled label.
func (r Result) WithLabel(label string) Result {
	r.label = label
	return r
}

// Round returns the exact value rounded half away from zero to places
// decimal places (computed from Num/Den, so never rounded twice). For a
// [Fraction], places counts places of the fraction (0.7842), not of the
// percentage.
func (r Result) Round(places int32) decimal.Decimal {
	if r.den.IsZero() {
		return r.value.Round(places)
	}
	return r.num.DivRound(r.den, places)
}

// String returns the value as printed in explanations: a [Fraction] as a
// percentage, at most [DisplayPlaces] places, trailing zeros dropped, and
// prefixed "≈" when the printed digits are not the exact value (76%,
// 78.4%, ≈66.67%, 81.05).
func (r Result) String() string { return r.Format(DisplayPlaces) }

// Format is like [Result.String] with places decimal places.
func (r Result) Format(places int32) string {
	v, exactVal := r.value, !r.inexact
	if r.kind == Fraction {
		v = v.Shift(2)
	}
	rounded := v.Round(places)
	s := rounded.String()
	if !exactVal || !rounded.Equal(v) {
		s = "≈" + s
	}
	if r.kind == Fraction {
		s += "%"
	}
	return s
}

// Explain returns the one-line derivation of the result with the numbers
// substituted, the way the method's worked examples are written:
//
//	degree 满意度 = (10×10 + 5×8 + 6×6 + 3×4 + 1×2) / (25×10) = 190/250 = 76%
func (r Result) Explain() string {
	var b strings.Builder
	if r.label != "" {
		b.WriteString(r.label)
		b.WriteString(" = ")
	}
	if r.formula != nil {
		b.WriteString(r.formula())
		b.WriteString(" = ")
	}
	b.WriteString(r.String())
	return b.String()
}

// Derivation returns the full derivation: [Result.Explain] of r, then of
// each of its parts, indented by two spaces per level of nesting.
func (r Result) Derivation() string {
	var b strings.Builder
	r.derive(&b, 0)
	return b.String()
}

func (r Result) derive(b *strings.Builder, depth int) {
	b.WriteString(strings.Repeat("  ", depth))
	b.WriteString(r.Explain())
	b.WriteByte('\n')
	for _, p := range r.parts {
		p.derive(b, depth+1)
	}
}

type resultJSON struct {
	Label   string       `json:"label,omitempty"`
	Kind    string       `json:"kind"`
	Value   string       `json:"value"`
	Num     string       `json:"num"`
	Den     string       `json:"den"`
	Exact   bool         `json:"exact"`
	Display string       `json:"display"`
	Explain string       `json:"explain"`
	Parts   []resultJSON `json:"parts,omitempty"`
}

func (r Result) toJSON() resultJSON {
	kind := "points"
	if r.kind == Fraction {
		kind = "fraction"
	}
	j := resultJSON{Label: r.label, Kind: kind, Value: r.value.String(), Num: r.num.String(),
		Den: r.Den().String(), Exact: r.Exact(), Display: r.String(), Explain: r.Explain()}
	for _, p := range r.parts {
		j.Parts = append(j.Parts, p.toJSON())
	}
	return j
}

// MarshalJSON encodes the result with its value, exact fraction, printed
// value, explanation and parts, so that a report can be rendered without
// recomputing anything. Numbers are strings, to keep them exact. Field
// names are stable: label, kind ("points" or "fraction"), value, num, den,
// exact, display, explain, parts.
func (r Result) MarshalJSON() ([]byte, error) { return json.Marshal(r.toJSON()) }

// fmtDec prints a decimal for a formula: exact digits, trailing zeros
// dropped.
func fmtDec(d decimal.Decimal) string { return d.String() }

// fmtRat prints num/den for a formula ("190/250"), or num alone when den
// is 1.
func fmtFrac(num, den decimal.Decimal) string {
	if den.Equal(decimal.NewFromInt(1)) {
		return fmtDec(num)
	}
	return fmtDec(num) + "/" + fmtDec(den)
}
