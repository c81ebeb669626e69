package csat

import (
	"github.com/csatkit/csat/internal/enum"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// Sources of answers in a survey table (METHOD.md §3, §9). Any other
// non-empty name may be used as well.
const (
	// SourceSelf is the sales staff's self-assessment 自评.
	SourceSelf = "self"
	// SourceSurvey is the customers' survey 检查.
	SourceSurvey = "survey"
	// SourceCompetitor is the customers' rating of a competitor on the
	// same form.
	SourceCompetitor = "competitor"
)

// A Weight is a named weight of a [Blend].
type Weight struct {
	Name   string
	Weight decimal.Decimal
}

// MissingPolicy says what a [Blend] does when a source has no result.
type MissingPolicy uint8

const (
	// Renormalize blends the sources present with their weights rescaled
	// to sum to 1 (the PVC write-up's rule, METHOD.md §5: no
	// questionnaire → the visit alone). It is the zero value and default.
	Renormalize MissingPolicy = iota
	// RequireAll makes a missing source an error wrapping [ErrMissing].
	RequireAll
)

// A Blend combines results of named sources with fixed weights, such as
// the method's overall satisfaction 整体满意度 = self-assessment 40% +
// survey 60% (METHOD.md §3):
//
//	overall = Σ weight × source result / Σ weights of the sources present
//
// A Blend is a flat [WeightingScheme]. It is immutable and safe for
// concurrent use.
type Blend struct {
	weights []Weight
	policy  MissingPolicy
}

var _ WeightingScheme = (*Blend)(nil)

// NewBlend validates and returns a blend of the given weights, kept in the
// given order for explanations. Names must be non-empty and unique
// ([ErrInvalid], [ErrDuplicate]), weights non-negative ([ErrNegative]) and
// their sum exactly 1 ([ErrWeightsMismatch], naming the sum).
func NewBlend(weights []Weight, policy MissingPolicy) (*Blend, error) {
	if len(weights) == 0 {
		return nil, errorf(ErrEmpty, "blend: no weights")
	}
	if policy > RequireAll {
		return nil, errorf(ErrInvalid, "blend: unknown missing-source policy %d", policy)
	}
	sum := decimal.Zero
	seen := map[string]bool{}
	for _, w := range weights {
		switch {
		case w.Name == "":
			return nil, errorf(ErrInvalid, "blend: empty source name")
		case seen[w.Name]:
			return nil, errorf(ErrDuplicate, "blend: source %q given twice", w.Name)
		case w.Weight.IsNegative():
			return nil, errorf(ErrNegative, "blend: source %q has negative weight %s", w.Name, w.Weight)
		}
		if err := checkDecimal("blend: weight of "+quoteShort(w.Name), w.Weight); err != nil {
			return nil, err
		}
		seen[w.Name] = true
		sum = sum.Add(w.Weight)
	}
	if !sum.Equal(decimal.NewFromInt(1)) {
		return nil, errorf(ErrWeightsMismatch, "blend: weights sum to %s, not 1", sum)
	}
	return &Blend{weights: slices.Clone(weights), policy: policy}, nil
}

var selfSurvey = &Blend{weights: []Weight{
	{SourceSelf, decimal.RequireFromString("0.4")},
	{SourceSurvey, decimal.RequireFromString("0.6")},
}}

// SelfSurvey returns the method's blend: self-assessment ([SourceSelf])
// 40% + survey ([SourceSurvey]) 60%, renormalising over the sources
// present. With a self-assessed degree of 82% and the worked example's
// survey degree of 76%, it gives 0.4×82% + 0.6×76% = 78.4%.
func SelfSurvey() *Blend { return selfSurvey }

// Weights returns a copy of the blend's weights in order.
func (b *Blend) Weights() []Weight {
	if b == nil {
		return nil
	}
	return slices.Clone(b.weights)
}

// Policy returns the blend's missing-source policy.
func (b *Blend) Policy() MissingPolicy {
	if b == nil {
		return Renormalize
	}
	return b.policy
}

// Combine blends the results of the named sources. A name the blend does
// not know is an error wrapping [ErrUnknownItem]; a missing source is
// handled by the blend's [MissingPolicy]; no source present is
// [ErrMissing]. The result's parts are the source results, labelled by
// source.
func (b *Blend) Combine(scores map[string]Result) (Result, error) {
	if b == nil {
		return Result{}, errorf(ErrInvalid, "blend not built (use NewBlend)")
	}
	if err := unknownNames(scores, func(n string) bool {
		return slices.ContainsFunc(b.weights, func(w Weight) bool { return w.Name == n })
	}, "blend: source"); err != nil {
		return Result{}, err
	}
	var present []Weight
	var parts []Result
	var missing []string
	for _, w := range b.weights {
		r, ok := scores[w.Name]
		if !ok {
			missing = append(missing, w.Name)
			continue
		}
		present = append(present, w)
		parts = append(parts, partLabel(w.Name, r))
	}
	if len(present) == 0 {
		return Result{}, errorf(ErrMissing, "blend: none of the sources %s given", names(b.weights))
	}
	if len(missing) > 0 && b.policy == RequireAll {
		return Result{}, errorf(ErrMissing, "blend: source %q missing", missing[0])
	}
	return weightedMean("blend", present, parts, missing)
}

// weightedMean returns Σ wᵢ×partᵢ / Σ wᵢ with a formula "0.4×82% +
// 0.6×76%" ("(…) / s" when the weights present do not sum to 1, and a
// note naming the missing sources). The parts must share a kind
// ([ErrKindMismatch]); parts of kind [Fraction] must lie in [0, 1]
// ([ErrOutOfRange]): a share given as 82 instead of 0.82 is an error, not
// 3325.6 %.
func weightedMean(label string, ws []Weight, parts []Result, missing []string) (Result, error) {
	if err := checkShares(label, parts); err != nil {
		return Result{}, err
	}
	weights := make([]decimal.Decimal, len(ws))
	for i, w := range ws {
		weights[i] = w.Weight
	}
	r, err := WeightedMean(label, weights, parts)
	if err != nil {
		return Result{}, err
	}
	if len(missing) == 0 {
		return r, nil
	}
	base := r.formula
	return r.withFormula(langFormula(func(l lang) string {
		f := base.text(&r, l)
		switch l {
		case langZh:
			zh := make([]string, len(missing))
			for i, m := range missing {
				zh[i] = localLabel(m, langZh)
			}
			return f + "（按现有部分重新归一：缺少 " + strings.Join(zh, "、") + "）"
		case langEn:
			return f + " [renormalised: " + strings.Join(missing, ", ") + " missing]"
		}
		return f + " [renormalised: " + strings.Join(missing, ", ") + " missing]"
	})), nil
}

// checkShares checks that parts share one kind and that fractions lie in
// [0, 1].
func checkShares(label string, parts []Result) error {
	if _, err := sameKind(label, parts); err != nil {
		return err
	}
	for _, p := range parts {
		if p.kind == Fraction && (p.num.IsNegative() || p.num.GreaterThan(p.Den())) {
			return errorf(ErrOutOfRange, "%s: %q is the fraction %s, outside [0, 1] (82%% is 0.82)", label, p.label, p.value)
		}
	}
	return nil
}

// partLabel labels r as a part named name.
func partLabel(name string, r Result) Result {
	if r.label == "" {
		return r.WithLabel(name)
	}
	if r.label == name || strings.HasPrefix(r.label, name+" ") {
		return r
	}
	return r.WithLabel(name + ": " + r.label)
}

func names(ws []Weight) string {
	n := make([]string, len(ws))
	for i, w := range ws {
		n[i] = w.Name
	}
	return strings.Join(n, ", ")
}

// unknownNames returns an error naming the first (in byte order) key of m
// that known rejects.
func unknownNames(m map[string]Result, known func(string) bool, what string) error {
	var bad []string
	for k := range m {
		if !known(k) {
			bad = append(bad, k)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	slices.Sort(bad)
	return errorf(ErrUnknownItem, "%s %q not known", what, bad[0])
}

var missingPolicyTexts = [...]string{0: "renormalize", 1: "require_all"}

// String returns the missing policy's name: "renormalize", "require_all".
func (p MissingPolicy) String() string { return missingPolicyEnum.String(p) }

// MarshalText encodes the missing policy by its name ("renormalize", "require_all"); an unknown
// value is an error wrapping [ErrInvalid].
func (p MissingPolicy) MarshalText() ([]byte, error) { return missingPolicyEnum.MarshalText(p) }

// UnmarshalText decodes a missing policy name; any other text is an error
// wrapping [ErrInvalid].
func (p *MissingPolicy) UnmarshalText(text []byte) error {
	return missingPolicyEnum.UnmarshalText(text, p)
}

// The names of the enums of this file (the one mechanism: internal/enum).
var missingPolicyEnum = enum.New[MissingPolicy]("MissingPolicy", "missing policy", ErrInvalid, errorf, missingPolicyTexts[:]...)
