package csat

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"regexp"
	"strings"
	"sync"

	"github.com/csatkit/csat/internal/enum"
	"github.com/csatkit/csat/internal/errs"
	"github.com/csatkit/csat/internal/exact"
	"github.com/csatkit/csat/internal/strictjson"
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
	// Fraction is a share (a degree, a rate), printed as a percentage:
	// 0.76 prints as 76%. A value given from outside ([Given]) and every
	// score a weighting scheme combines must lie in [0, 1]; a difference
	// of two fractions ([Difference]) lies in [−1, 1].
	Fraction
)

var kindNames = [...]string{Points: "points", Fraction: "fraction"}

// String returns "points" or "fraction".
func (k Kind) String() string { return kindEnum.String(k) }

// MarshalText encodes the kind by its name; an unknown kind is an error
// wrapping [ErrInvalid].
func (k Kind) MarshalText() ([]byte, error) { return kindEnum.MarshalText(k) }

// UnmarshalText decodes "points" or "fraction"; any other text is an
// error wrapping [ErrInvalid].
func (k *Kind) UnmarshalText(text []byte) error { return kindEnum.UnmarshalText(text, k) }

// A Result is the outcome of one scoring step: an exact value and how it
// was reached. Every scorer, blend, weighting scheme and metric returns
// one, built only with the public constructors below, so a user's own
// scorer builds results exactly as good as the built-ins':
//
//   - [Given]: a value given from outside (a leaf score, a stated rate);
//   - [Quotient], [FromRat]: an exact ratio (190/250, 2730000/1331);
//   - [Sum], [WeightedMean], [Difference]: exact combinations of results,
//     which keep them as parts and print their own formula;
//   - [Approx]: an irrational value (a square root, a quantile) computed
//     to [Precision] places and marked inexact.
//
// [Result.WithFormula], [Result.WithParts] and [Result.WithLabel] then
// attach the formula with the numbers substituted and the results it was
// built from. Composite results keep their parts ([Result.Parts]), so a
// whole computation can be printed as the method's worked examples are
// written ([Result.Derivation]).
//
// A value is exact unless its division did not terminate within
// [Precision] places: then [Result.Value] is rounded once, half away from
// zero, [Result.Exact] is false, and [Result.Num] / [Result.Den] still hold
// the exact fraction. The explanation text is built only when asked for,
// so results that are never printed cost nothing extra. A Result is
// immutable and safe for concurrent use. The zero Result is the exact
// value 0 of kind [Points].
type Result struct {
	label   string
	kind    Kind
	value   decimal.Decimal
	num     decimal.Decimal
	den     decimal.Decimal
	inexact bool
	parts   []Result
	formula formula
	// alt holds the label and formula given for Chinese and English by
	// [Result.In] (nil without).
	alt *altTexts
}

// A formula prints a result's derivation on demand. Built-ins store a
// pointer to their inputs (one allocation); [Result.WithFormula] stores a
// user's func. fracFormula prints num/den.
// text prints the formula in the language l (the method's bilingual
// notation for langBi).
type formula interface {
	text(r *Result, l lang) string
}

type funcFormula func() string

func (f funcFormula) text(*Result, lang) string { return f() }

// langFormula is a built-in's formula that prints in each language.
type langFormula func(l lang) string

func (f langFormula) text(_ *Result, l lang) string { return f(l) }

type fracFormula struct{}

func (fracFormula) text(r *Result, _ lang) string { return fmtFrac(r.num, r.den) }

type textFormula string

func (f textFormula) text(*Result, lang) string { return string(f) }

var one = decimal.NewFromInt(1)

// quotient returns num/den for den > 0, with no formula.
func quotient(label string, kind Kind, num, den decimal.Decimal) Result {
	r := Result{label: label, kind: kind, num: num, den: den}
	if den.Equal(one) {
		r.value = num
		return r
	}
	// Half away from zero at Precision places (as decimal's DivRound);
	// exact when the quotient terminates within them (no remainder).
	q, rem := num.QuoRem(den, Precision)
	if rem.IsZero() {
		r.value = q
		return r
	}
	r.inexact = true
	if rem.Abs().Shift(Precision+1).Cmp(den.Abs().Mul(decimal.NewFromInt(5))) < 0 {
		r.value = q
	} else if num.Sign()*den.Sign() < 0 {
		r.value = q.Sub(decimal.New(1, -Precision))
	} else {
		r.value = q.Add(decimal.New(1, -Precision))
	}
	return r
}

func checkKind(label string, kind Kind) error {
	if kind > Fraction {
		return errorf(ErrInvalid, "result %q: unknown kind %d", label, kind)
	}
	return nil
}

// Given returns a result for a value given from outside (a leaf score, a
// stated self-assessed rate): exact, with no derivation. A [Fraction]
// outside [0, 1] is an error wrapping [ErrOutOfRange] (82 % is 0.82, not
// 82), as is an unknown kind ([ErrInvalid]).
func Given(label string, kind Kind, v decimal.Decimal) (Result, error) {
	if err := checkKind(label, kind); err != nil {
		return Result{}, err
	}
	if !inLimits(v) {
		return Result{}, checkDecimal("result "+quoteShort(label)+": value", v)
	}
	if kind == Fraction && (v.IsNegative() || v.GreaterThan(one)) {
		return Result{}, errorf(ErrOutOfRange, "result %q: fraction %s outside [0, 1] (write 82%% as 0.82)", label, v)
	}
	return Result{label: label, kind: kind, value: v, num: v, den: one}, nil
}

// Quotient returns the exact result num/den, printed by default with the
// formula "num/den" (the numbers as given, not reduced: "190/250"). A zero
// den is an error wrapping [ErrInvalid]; a negative den flips both signs.
func Quotient(label string, kind Kind, num, den decimal.Decimal) (Result, error) {
	if err := checkKind(label, kind); err != nil {
		return Result{}, err
	}
	if !inLimits(num) || !inLimits(den) {
		return Result{}, errors.Join(checkDecimal("result "+quoteShort(label)+": numerator", num), checkDecimal("result "+quoteShort(label)+": denominator", den))
	}
	if den.IsZero() {
		return Result{}, errorf(ErrInvalid, "result %q: %s/0", label, num)
	}
	if den.IsNegative() {
		num, den = num.Neg(), den.Neg()
	}
	r := quotient(label, kind, num, den)
	if !den.Equal(one) {
		r.formula = fracFormula{}
	}
	return r, nil
}

// FromRat returns the exact rational q as a result, with numerator and
// denominator in lowest terms and no formula. A nil q is an error
// wrapping [ErrInvalid].
func FromRat(label string, kind Kind, q *big.Rat) (Result, error) {
	if err := checkKind(label, kind); err != nil {
		return Result{}, err
	}
	if q == nil {
		return Result{}, errorf(ErrInvalid, "result %q: nil rational", label)
	}
	n, d := exact.Parts(q)
	return quotient(label, kind, n, d), nil
}

// tenPrecision is 10^Precision. Never modified.
var tenPrecision = new(big.Int).Exp(big.NewInt(10), big.NewInt(Precision), nil)

// fracScratch is the scratch space of fracResult.
type fracScratch struct{ a, q, r big.Int }

// fracResult returns what FromRat returns for the fraction n/d in lowest
// terms (d > 0), decimal for decimal (the value to Precision places,
// rounded half away from zero, exponent −Precision), computing in s's
// scratch space. den, when not nil, is d as a decimal, to share.
func fracResult(label string, kind Kind, n, d *big.Int, den *decimal.Decimal, s *fracScratch) Result {
	r := Result{label: label, kind: kind, num: decimal.NewFromBigInt(n, 0)}
	whole := d.IsInt64() && d.Int64() == 1
	if den != nil {
		r.den = *den
	} else if whole {
		r.den = one
	} else {
		r.den = decimal.NewFromBigInt(d, 0)
	}
	if whole {
		r.value = r.num
		return r
	}
	s.a.Mul(n, tenPrecision)
	s.q.QuoRem(&s.a, d, &s.r) // truncated, as decimal's QuoRem
	if s.r.Sign() != 0 {
		r.inexact = true
		// Half away from zero: up when 2·|remainder| ≥ d.
		if s.r.Lsh(s.r.Abs(&s.r), 1).Cmp(d) >= 0 {
			s.r.SetInt64(int64(n.Sign()))
			s.q.Add(&s.q, &s.r)
		}
	}
	r.value = decimal.NewFromBigInt(&s.q, -Precision)
	return r
}

// Approx returns a value that cannot be exact (a square root, a normal
// quantile) computed by the caller to at least [Precision] places: it is
// rounded half away from zero to Precision places and marked inexact, with
// Num = the rounded value and Den = 1. State how it was computed with
// [Result.WithFormula].
func Approx(label string, kind Kind, v decimal.Decimal) (Result, error) {
	if err := checkKind(label, kind); err != nil {
		return Result{}, err
	}
	if !inLimits(v.Round(Precision)) {
		return Result{}, checkDecimal("result "+quoteShort(label)+": value", v.Round(Precision))
	}
	v = v.Round(Precision)
	return Result{label: label, kind: kind, value: v, num: v, den: one, inexact: true}, nil
}

// sameKind returns the kind shared by parts, or an error wrapping
// [ErrKindMismatch] naming the first part of another kind.
func sameKind(label string, parts []Result) (Kind, error) {
	if len(parts) == 0 {
		return Points, errorf(ErrEmpty, "%s: no results to combine", label)
	}
	k := parts[0].kind
	for _, p := range parts[1:] {
		if p.kind != k {
			return k, errorf(ErrKindMismatch, "%s: %q is %s but %q is %s", label, parts[0].label, k, p.label, p.kind)
		}
	}
	return k, nil
}

// Sum returns the exact sum of parts, which must share one kind
// ([ErrKindMismatch]; none is [ErrEmpty]), printed "a + b + c" and keeping
// the parts.
func Sum(label string, parts ...Result) (Result, error) {
	kind, err := sameKind(label, parts)
	if err != nil {
		return Result{}, err
	}
	s := new(big.Rat)
	for _, p := range parts {
		s.Add(s, p.Rat())
	}
	r, _ := FromRat(label, kind, s)
	parts = append([]Result(nil), parts...)
	r.parts = parts
	r.formula = funcFormula(func() string {
		terms := make([]string, len(parts))
		for i, p := range parts {
			terms[i] = p.String()
		}
		return strings.Join(terms, " + ")
	})
	return r, nil
}

// WeightedMean returns Σ wᵢ × partᵢ / Σ wᵢ, exact, printed "0.4×82% +
// 0.6×76%" (then "/ Σ wᵢ" when the weights do not sum to 1) and keeping
// the parts. The parts must share one kind ([ErrKindMismatch]); weights
// must be as many as parts ([ErrInvalid]), non-negative ([ErrNegative])
// and not all zero ([ErrInvalid]).
func WeightedMean(label string, weights []decimal.Decimal, parts []Result) (Result, error) {
	kind, err := sameKind(label, parts)
	if err != nil {
		return Result{}, err
	}
	if len(weights) != len(parts) {
		return Result{}, errorf(ErrInvalid, "%s: %d weights for %d results", label, len(weights), len(parts))
	}
	sum, wsum := new(big.Rat), new(big.Rat)
	for i, w := range weights {
		if w.IsNegative() {
			return Result{}, errorf(ErrNegative, "%s: weight %s of %q", label, w, parts[i].label)
		}
		if !inLimits(w) {
			return Result{}, checkDecimal(label+": weight", w)
		}
		wr := w.Rat()
		sum.Add(sum, exact.Mul(wr, parts[i].Rat()))
		wsum.Add(wsum, wr)
	}
	if wsum.Sign() == 0 {
		return Result{}, errorf(ErrInvalid, "%s: the weights sum to 0", label)
	}
	r, _ := FromRat(label, kind, exact.Quo(sum, wsum))
	weights = append([]decimal.Decimal(nil), weights...)
	parts = append([]Result(nil), parts...)
	r.parts = parts
	r.formula = funcFormula(func() string {
		terms := make([]string, len(parts))
		for i, p := range parts {
			terms[i] = fmtDec(weights[i]) + "×" + p.String()
		}
		s := strings.Join(terms, " + ")
		if wsum.Cmp(big.NewRat(1, 1)) != 0 {
			ws, _ := exact.Decimal(wsum, Precision)
			s = "(" + s + ") / " + fmtDec(ws)
		}
		return s
	})
	return r, nil
}

// Difference returns a − b, exact, printed "a − b" with both as parts.
// Both must be of one kind ([ErrKindMismatch]); a difference of two
// fractions is a fraction in [−1, 1], printed in percentage points.
func Difference(label string, a, b Result) (Result, error) {
	kind, err := sameKind(label, []Result{a, b})
	if err != nil {
		return Result{}, err
	}
	r, _ := FromRat(label, kind, exact.Sub(a.Rat(), b.Rat()))
	r.parts = []Result{a, b}
	r.formula = funcFormula(func() string { return a.String() + " − " + b.String() })
	return r, nil
}

// WithFormula returns a copy of r whose explanation prints formula() between
// the label and the value, e.g. "(3 + 1) / 12" in
// "top-2 box = (3 + 1) / 12 = ≈33.33%". The function is called only when
// the explanation is printed; it must be safe for concurrent use and
// print the same text every time. A nil formula removes it.
func (r Result) WithFormula(formula func() string) Result {
	r.formula = nil
	if formula != nil {
		r.formula = funcFormula(formula)
	}
	return r
}

// withFormula attaches a built-in's formula value (no closure).
func (r Result) withFormula(f formula) Result {
	r.formula = f
	return r
}

// WithParts returns a copy of r whose parts ([Result.Parts]) are parts:
// the results it was computed from, printed beneath it by
// [Result.Derivation].
func (r Result) WithParts(parts ...Result) Result {
	r.parts = append([]Result(nil), parts...)
	return r
}

// WithLabel returns a copy of r labelled label.
func (r Result) WithLabel(label string) Result {
	r.label = label
	return r
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
		return one
	}
	return r.den
}

// Rat returns the exact value Num/Den as a rational number. Decisions
// (bands, grades, ranks, targets met) compare Rat, never the rounded
// [Result.Value].
func (r Result) Rat() *big.Rat { return exact.Quo(r.num.Rat(), r.Den().Rat()) }

// Cmp compares the exact values of r and u: −1, 0 or +1. It does not
// allocate when both fractions Num/Den fit in 64 bits, nor when the
// signs differ; beyond, only the copies of the big numerators and
// denominators do.
func (r Result) Cmp(u Result) int {
	x, okx := exact.SmallKey(r.num, r.Den())
	y, oky := exact.SmallKey(u.num, u.Den())
	if okx && oky {
		return exact.CmpSmall(x, y)
	}
	if s, t := r.num.Sign(), u.num.Sign(); s != t || s == 0 {
		return cmp.Compare(s, t)
	}
	c := comparers.Get().(*exact.Comparer)
	defer comparers.Put(c)
	return c.CmpFrac(r.num, r.Den(), u.num, u.Den())
}

// comparers holds the scratch space of [Result.Cmp] for fractions beyond
// 64 bits.
var comparers = sync.Pool{New: func() any { return new(exact.Comparer) }}

// key returns the exact value Num/Den of r, read once for sorting and
// summing, its big integers (if any) from ks.
func (r Result) key(ks *exact.Keys) exact.Key { return ks.Of(r.num, r.Den()) }

// Exact reports whether [Result.Value] is exactly Num/Den. It is false
// for a rounded quotient and for an [Approx] value.
func (r Result) Exact() bool { return !r.inexact }

// Label returns what the result is of, e.g. "degree 满意度".
func (r Result) Label() string { return r.label }

// Kind returns how the value is read: a plain number or a fraction.
func (r Result) Kind() Kind { return r.kind }

// Parts returns the results this one was combined from (sources of a
// blend, children of a weight-tree node), in the order of its formula.
func (r Result) Parts() []Result { return append([]Result(nil), r.parts...) }

// Formula returns the formula with the numbers substituted, without label
// or value ("190/250"), or "" when the result has none.
func (r Result) Formula() string {
	return r.formulaIn(langBi)
}

// Equal reports whether r and u are the same result: label, kind, exact
// value (Num/Den as given), exactness, printed explanation and parts.
// [github.com/google/go-cmp/cmp] uses it.
func (r Result) Equal(u Result) bool {
	if r.label != u.label || r.kind != u.kind || r.inexact != u.inexact || !r.value.Equal(u.value) ||
		!r.num.Equal(u.num) || !r.Den().Equal(u.Den()) || r.Formula() != u.Formula() || len(r.parts) != len(u.parts) {
		return false
	}
	for _, l := range [...]lang{langZh, langEn} {
		if r.labelIn(l) != u.labelIn(l) || r.formulaIn(l) != u.formulaIn(l) {
			return false
		}
	}
	for i := range r.parts {
		if !r.parts[i].Equal(u.parts[i]) {
			return false
		}
	}
	return true
}

// Round returns the exact value rounded half away from zero to places
// decimal places (computed from Num/Den, so never rounded twice). For a
// [Fraction], places counts places of the fraction (0.7842), not of the
// percentage.
func (r Result) Round(places int32) decimal.Decimal {
	return r.num.DivRound(r.Den(), places)
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
func (r Result) Explain() string { return r.explain(langBi) }

func (r Result) explain(l lang) string {
	var b strings.Builder
	if label := r.labelIn(l); label != "" {
		b.WriteString(label)
		b.WriteString(" = ")
	}
	if f := r.formulaIn(l); f != "" {
		b.WriteString(f)
		b.WriteString(" = ")
	}
	b.WriteString(r.String())
	return b.String()
}

// Derivation returns the full derivation: [Result.Explain] of r, then of
// each of its parts, indented by two spaces per level of nesting.
func (r Result) Derivation() string {
	var b strings.Builder
	r.derive(&b, 0, langBi)
	return b.String()
}

func (r Result) derive(b *strings.Builder, depth int, l lang) {
	b.WriteString(strings.Repeat("  ", depth))
	b.WriteString(r.explain(l))
	b.WriteByte('\n')
	for _, p := range r.parts {
		p.derive(b, depth+1, l)
	}
}

type resultJSON struct {
	Label   string `json:"label,omitempty"`
	Kind    Kind   `json:"kind"`
	Value   string `json:"value"`
	Num     string `json:"num"`
	Den     string `json:"den"`
	Exact   bool   `json:"exact"`
	Display string `json:"display"`
	Formula string `json:"formula,omitempty"`
	Explain string `json:"explain"`
	// The label and formula in Chinese and English, when they are not
	// those above ([Result.ExplainIn]).
	LabelZh   string       `json:"label_zh,omitempty"`
	LabelEn   string       `json:"label_en,omitempty"`
	FormulaZh string       `json:"formula_zh,omitempty"`
	FormulaEn string       `json:"formula_en,omitempty"`
	Parts     []resultJSON `json:"parts,omitempty"`
}

func (r Result) toJSON() resultJSON {
	j := resultJSON{Label: r.label, Kind: r.kind, Value: r.value.String(), Num: r.num.String(),
		Den: r.Den().String(), Exact: r.Exact(), Display: r.String(), Formula: r.Formula(), Explain: r.Explain()}
	if t := r.labelIn(langZh); t != j.Label {
		j.LabelZh = t
	}
	if t := r.labelIn(langEn); t != j.Label {
		j.LabelEn = t
	}
	if t := r.formulaIn(langZh); t != j.Formula {
		j.FormulaZh = t
	}
	if t := r.formulaIn(langEn); t != j.Formula {
		j.FormulaEn = t
	}
	for _, p := range r.parts {
		j.Parts = append(j.Parts, p.toJSON())
	}
	return j
}

// MarshalJSON encodes the result with its value, exact fraction, printed
// value, formula, explanation and parts, so that a report can be rendered
// without recomputing anything. Numbers are strings, to keep them exact.
// Field names are stable: label, kind ("points" or "fraction"), value,
// num, den, exact, display, formula, explain, parts.
func (r Result) MarshalJSON() ([]byte, error) {
	j := r.toJSON()
	for _, f := range [...]struct{ name, s string }{{"value", j.Value}, {"num", j.Num}, {"den", j.Den}} {
		if len(f.s) > resultNumberLen { // what UnmarshalJSON would refuse
			return nil, errorf(ErrOutOfRange, "result %s: %s of %d characters, longer than JSON's limit of %d", quoteShort(r.label), f.name, len(f.s), resultNumberLen)
		}
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes what [Result.MarshalJSON] encodes, strictly (no
// unknown, repeated or case-folded keys, no trailing data, valid UTF-8)
// and checking that it is consistent: value = num/den (rounded to
// [Precision] places when exact is false), den positive, a formula
// ending in a number or fraction ("… = 190/250") that is num/den, and
// display and explain as this package prints them. Anything else is an
// error wrapping [ErrCorrupt]; a value, num or den of more than 262,144
// characters also wraps [ErrOutOfRange], refused before it is parsed
// (MarshalJSON refuses to write one).
// The decoded result equals the encoded one ([Result.Equal]) and
// marshals to the same bytes.
func (r *Result) UnmarshalJSON(data []byte) error {
	var j resultJSON
	if err := decodeStrict("result", data, &j); err != nil {
		return jsonError("result", err)
	}
	v, err := j.result()
	if err != nil {
		return err
	}
	*r = v
	return nil
}

func (j resultJSON) result() (Result, error) {
	bad := func(format string, args ...any) (Result, error) {
		return Result{}, errorf(ErrCorrupt, "result %q: "+format, append([]any{j.Label}, args...)...)
	}
	for _, f := range [...]struct{ name, s string }{{"value", j.Value}, {"num", j.Num}, {"den", j.Den}} {
		if len(f.s) > resultNumberLen {
			return Result{}, outOfRange("result %s: %s of %d characters, longer than the limit of %d", quoteShort(j.Label), f.name, len(f.s), resultNumberLen)
		}
	}
	value, ok1 := canonical(j.Value)
	num, ok2 := canonical(j.Num)
	den, ok3 := canonical(j.Den)
	if !ok1 || !ok2 || !ok3 {
		return bad("value %s, num %s, den %s are not canonical decimals", quoteShort(j.Value), quoteShort(j.Num), quoteShort(j.Den))
	}
	if !den.IsPositive() {
		return bad("den %s is not positive", den)
	}
	r := Result{label: j.Label, kind: j.Kind, value: value, num: num, den: den, inexact: !j.Exact}
	switch q := quotient("", j.Kind, num, den); {
	case j.Exact && (q.inexact || !q.value.Equal(value)):
		return bad("exact value %s is not %s/%s", value, num, den)
	case !j.Exact && !q.inexact && (!den.Equal(one) || !value.Equal(num) || !value.Equal(value.Round(Precision))):
		return bad("value %s/%s = %s is exact but marked inexact", num, den, q.value)
	case !j.Exact && q.inexact && !q.value.Equal(value):
		return bad("value %s is not %s/%s rounded to %d places", value, num, den, Precision)
	}
	if j.Formula != "" {
		if err := checkFormula(j.Label, j.Formula, num, den); err != nil {
			return Result{}, err
		}
		r.formula = textFormula(j.Formula)
	}
	if err := j.texts(&r); err != nil {
		return Result{}, err
	}
	for _, pj := range j.Parts {
		p, err := pj.result()
		if err != nil {
			return Result{}, err
		}
		r.parts = append(r.parts, p)
	}
	if r.String() != j.Display || r.Explain() != j.Explain {
		return bad("display %q / explain %q do not match the value (%q / %q)", j.Display, j.Explain, r.String(), r.Explain())
	}
	return r, nil
}

// texts sets the label and formula of r in Chinese and English from j,
// checking their formulas as the bilingual one.
func (j resultJSON) texts(r *Result) error {
	for _, t := range [...]struct {
		l              lang
		label, formula string
	}{{langZh, j.LabelZh, j.FormulaZh}, {langEn, j.LabelEn, j.FormulaEn}} {
		label, f := t.label, t.formula
		if label == "" {
			label = j.Label
		}
		if f == "" {
			f = j.Formula
		} else if err := checkFormula(j.Label, f, r.num, r.den); err != nil {
			return err
		}
		r.withText(t.l, label, f)
	}
	return nil
}

// resultNumberLen is the longest value, num or den a Result may have in
// JSON, in characters (2¹⁸). It is far beyond [MaxDigits]: exact results
// grow with their inputs (a complaint's loss over 1,000 days with a rate
// of r decimal places has 1,000·r digits; a CLV over T periods grows with
// T). Parsing is quadratic in the digits: 2¹⁸ take about 0.2 s, a million
// 1.5 s (5 s in an exponent form, refused before expansion).
const resultNumberLen = 1 << 18

// canonical parses s as a decimal printed by decimal's String: no
// exponent (checked first, so 1e999999 is never expanded), no leading
// "+", no trailing zeros after the point.
func canonical(s string) (decimal.Decimal, bool) {
	if strings.ContainsAny(s, "eE") {
		return decimal.Decimal{}, false
	}
	d, err := decimal.NewFromString(s)
	return d, err == nil && d.String() == s
}

// outOfRange returns an error wrapping both ErrOutOfRange and ErrCorrupt.
func outOfRange(format string, args ...any) error {
	return errs.New(errors.Join(ErrOutOfRange, ErrCorrupt), fmt.Sprintf(format, args...)+": "+detail(ErrOutOfRange)+", "+detail(ErrCorrupt))
}

// bareFraction matches a fraction of two numbers as fmtFrac prints it
// ("190/250", "-3/4"). A formula ending in a bare number is not checked:
// a user's formula may well end "… n = 25".
var bareFraction = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?/[0-9]+(\.[0-9]+)?$`)

// checkFormula checks that the last step of formula ("… = 190/250"),
// when it is a fraction as [Quotient] and the tally scorers print
// num/den, is the value num/den: a formula that says
// 999/250 of a result of 190/250 is refused. Other formulas are prose
// ("Σ … over 3 periods") and are kept as they are.
func checkFormula(label, formula string, num, den decimal.Decimal) error {
	last := formula[strings.LastIndex(formula, " = ")+1:]
	last = strings.TrimPrefix(last, "= ")
	if !bareFraction.MatchString(last) {
		return nil
	}
	if len(last) > 2*resultNumberLen+1 {
		return outOfRange("result %s: formula ends in a number of %d characters, longer than the limit of %d", quoteShort(label), len(last), 2*resultNumberLen+1)
	}
	a, b, _ := strings.Cut(last, "/")
	if b == "" {
		b = "1"
	}
	fa, fb := decimal.RequireFromString(a), decimal.RequireFromString(b)
	if fb.IsZero() || !fa.Mul(den).Equal(fb.Mul(num)) {
		return errorf(ErrCorrupt, "result %s: formula %s ends in %s, not the value %s", quoteShort(label), quoteShort(formula), quoteShort(last), fmtFrac(num, den))
	}
	return nil
}

// strict is the strict JSON decoder of this package's types
// (internal/strictjson): errors wrap ErrCorrupt, a repeated key also
// ErrDuplicate, a number longer than strictjson.MaxNumberLen also
// ErrOutOfRange; decimals are numbers; results and intervals check their
// own JSON.
var strict = strictjson.Rules{Corrupt: ErrCorrupt, Duplicate: ErrDuplicate, OutOfRange: ErrOutOfRange,
	Numbers: []reflect.Type{reflect.TypeFor[decimal.Decimal]()},
	Strict:  []reflect.Type{reflect.TypeFor[Result](), reflect.TypeFor[Interval]()}}

// decodeStrict decodes one JSON value into v strictly (see
// strictjson.Rules.Decode); what names the value in errors.
func decodeStrict(what string, data []byte, v any) error { return strict.Decode(what, data, v) }

// fmtDec prints a decimal for a formula: exact digits, trailing zeros
// dropped.
func fmtDec(d decimal.Decimal) string { return d.String() }

// fmtFrac prints num/den for a formula ("190/250"), or num alone when den
// is 1.
func fmtFrac(num, den decimal.Decimal) string {
	if den.Equal(one) {
		return fmtDec(num)
	}
	return fmtDec(num) + "/" + fmtDec(den)
}

// The names of the enums of this file (the one mechanism: internal/enum).
var kindEnum = enum.New[Kind]("Kind", "kind", ErrInvalid, errorf, kindNames[:]...)
