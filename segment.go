package csat

import (
	"cmp"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/csatkit/csat/internal/exact"
	"github.com/shopspring/decimal"
)

// CLV returns a customer's lifetime value 顾客终身价值 (METHOD.md §8): the
// present value of the projected period margins cf₁ … cfₙ with
// end-of-period discounting,
//
//	PV = Σ cfₜ / (1 + d)ᵗ,  t = 1..n
//
// computed exactly (as a fraction) and rounded once to [Precision]
// places. The discount rate d must be above −1 ([ErrOutOfRange]); no
// margins give 0. A negative or zero CLV is a valid value.
func CLV(margins []decimal.Decimal, discount decimal.Decimal) (Result, error) {
	if !discount.GreaterThan(decimal.NewFromInt(-1)) {
		return Result{}, errorf(ErrOutOfRange, "clv: discount rate %s must be above -1", discount)
	}
	base := exact.Add(exact.Int(1), discount.Rat())
	sum := new(big.Rat)
	f := exact.Int(1)
	for _, m := range margins {
		f = exact.Mul(f, base)
		sum.Add(sum, exact.Quo(m.Rat(), f))
	}
	b := decimal.NewFromInt(1).Add(discount)
	ms := slices.Clone(margins)
	return ratResult("CLV", Points, sum, func() string {
		if len(ms) == 0 {
			return "no periods"
		}
		terms := make([]string, len(ms))
		for i, m := range ms {
			terms[i] = m.String() + "/" + b.String()
			if i > 0 {
				terms[i] += "^" + strconv.Itoa(i+1)
			}
		}
		n, d := exact.Parts(sum)
		return strings.Join(terms, " + ") + " = " + fmtFrac(n, d)
	}, nil), nil
}

// CLVConstant returns the CLV of a constant margin m kept with retention
// r each period, over n periods: cfₜ = m·rᵗ⁻¹. Reference: m 1000, r 0.8, d
// 0.1, n 3 → 1000/1.1 + 800/1.1² + 640/1.1³ = 2730000/1331 ≈ 2051.09. r
// outside [0, 1] or d ≤ −1 is [ErrOutOfRange], a negative n [ErrNegative].
func CLVConstant(m, r, d decimal.Decimal, n int) (Result, error) {
	if r.IsNegative() || r.GreaterThan(decimal.NewFromInt(1)) {
		return Result{}, errorf(ErrOutOfRange, "clv: retention %s outside 0..1", r)
	}
	if n < 0 {
		return Result{}, errorf(ErrNegative, "clv: %d periods", n)
	}
	if n > 10000 {
		return Result{}, errorf(ErrOutOfRange, "clv: %d periods (at most 10000)", n)
	}
	margins := make([]decimal.Decimal, n)
	cf := m
	for i := range margins {
		margins[i] = cf
		cf = cf.Mul(r)
	}
	return CLV(margins, d)
}

// A CustomerValue is a customer's value to segment by (its CLV, say).
type CustomerValue struct {
	ID    string
	Value decimal.Decimal
}

// An Assignment is a customer's class from a [Segmenter].
type Assignment struct {
	ID    string          `json:"id"`
	Class string          `json:"class"`
	Value decimal.Decimal `json:"value"`
	// Rank is the customer's position by value, 1 = most valuable.
	Rank int `json:"rank"`
	// ShareBefore is the share of the total positive value held by the
	// customers ranked above (a [Fraction]; zero when no value is
	// positive).
	ShareBefore Result `json:"share_before"`
}

// A Segmenter grades customers. The built-in is [ABC]; a user's own
// segmentation needs only this method, and must reject repeated ids.
type Segmenter interface {
	Segment(values []CustomerValue) ([]Assignment, error)
}

var _ Segmenter = ABC{}

// Class names of the [ABC] segmenter.
const (
	ClassA = "A"
	ClassB = "B"
	ClassC = "C"
)

// ABC grades customers A, B, C by cumulative value share (METHOD.md §8,
// thresholds chosen by us): sorted by value descending, ties by id in
// byte order, a customer is A while the share of the total positive value
// held by those ranked before it is below A (80%), B while below B (95%),
// else C; a customer whose value is ≤ 0 is C. Reference: 50, 20, 10, 8,
// 5, 4, 3 → shares before 0, 50, 70, 80, 88, 93, 97% → A A A B B B C.
//
// Zero thresholds mean the defaults. Decisions use exact shares.
type ABC struct {
	A, B decimal.Decimal
}

func (s ABC) thresholds() (decimal.Decimal, decimal.Decimal, error) {
	a, b := s.A, s.B
	if a.IsZero() {
		a = decimal.RequireFromString("0.8")
	}
	if b.IsZero() {
		b = decimal.RequireFromString("0.95")
	}
	if !a.IsPositive() || a.GreaterThan(b) || b.GreaterThan(decimal.NewFromInt(1)) {
		return a, b, errorf(ErrInvalid, "abc: thresholds A %s, B %s need 0 < A ≤ B ≤ 1", a, b)
	}
	return a, b, nil
}

// Segment returns the assignments in rank order. An empty input is
// [ErrEmpty]; an empty or repeated id [ErrInvalid] or [ErrDuplicate].
func (s ABC) Segment(values []CustomerValue) ([]Assignment, error) {
	ta, tb, err := s.thresholds()
	if err != nil {
		return nil, err
	}
	if len(values) == 0 {
		return nil, errorf(ErrEmpty, "abc: no customers")
	}
	vs := slices.Clone(values)
	slices.SortFunc(vs, func(x, y CustomerValue) int {
		return cmp.Or(y.Value.Cmp(x.Value), strings.Compare(x.ID, y.ID))
	})
	total := decimal.Zero
	for _, v := range vs {
		if v.ID == "" || !utf8.ValidString(v.ID) {
			return nil, errorf(ErrInvalid, "abc: customer id %q must be non-empty UTF-8", v.ID)
		}
		if v.Value.IsPositive() {
			total = total.Add(v.Value)
		}
	}
	seen := make(map[string]bool, len(vs))
	for _, v := range vs {
		if seen[v.ID] {
			return nil, errorf(ErrDuplicate, "abc: customer %q given twice", v.ID)
		}
		seen[v.ID] = true
	}
	out := make([]Assignment, len(vs))
	before := decimal.Zero
	for i, v := range vs {
		a := Assignment{ID: v.ID, Value: v.Value, Rank: i + 1, Class: ClassC}
		if total.IsPositive() {
			b, t := before, total
			a.ShareBefore = newResult("share before "+v.ID, Fraction, b, t, func() string { return b.String() + " / " + t.String() }, nil)
		}
		if v.Value.IsPositive() {
			share := a.ShareBefore.Rat()
			switch {
			case share.Cmp(ta.Rat()) < 0:
				a.Class = ClassA
			case share.Cmp(tb.Rat()) < 0:
				a.Class = ClassB
			}
			before = before.Add(v.Value)
		}
		out[i] = a
	}
	return out, nil
}

// A ClassSummary sums one class of a segmentation.
type ClassSummary struct {
	Class string          `json:"class"`
	Count int             `json:"count"`
	Value decimal.Decimal `json:"value"`
	// Share is the class's value over the value of all customers (a
	// [Fraction]; zero when that total is not positive).
	Share Result `json:"share"`
}

// Summarize returns, for each class in order of first appearance (A, B, C
// for [ABC]), the number of customers, their value and its share.
func Summarize(as []Assignment) []ClassSummary {
	var out []ClassSummary
	total := decimal.Zero
	for _, a := range as {
		total = total.Add(a.Value)
		i := slices.IndexFunc(out, func(c ClassSummary) bool { return c.Class == a.Class })
		if i < 0 {
			out = append(out, ClassSummary{Class: a.Class, Value: decimal.Zero})
			i = len(out) - 1
		}
		out[i].Count++
		out[i].Value = out[i].Value.Add(a.Value)
	}
	slices.SortStableFunc(out, func(x, y ClassSummary) int { return strings.Compare(x.Class, y.Class) })
	for i := range out {
		if total.IsPositive() {
			v, t := out[i].Value, total
			out[i].Share = newResult("class "+out[i].Class+" value share", Fraction, v, t, func() string {
				return v.String() + " / " + t.String()
			}, nil)
		}
	}
	return out
}

// A Relationship is the kind of relationship to build with a customer
// (franchise manual, METHOD.md §8), from least to most involved.
type Relationship uint8

// The five relationship types.
const (
	Basic       Relationship = iota + 1 // 基本型: sell and never contact again
	Reactive                            // 被动型: sell, invite the customer to call with problems
	Accountable                         // 负责型: call after the sale for fit and improvement ideas
	Proactive                           // 能动型: keep in touch with usage advice and new products
	Partnership                         // 伙伴型: work with the customer continuously on its success
)

var relationshipNames = [...]struct{ en, zh, desc string }{
	{},
	{"basic", "基本型", "sell the product and never contact the customer again"},
	{"reactive", "被动型", "sell the product and invite the customer to call with problems or comments"},
	{"accountable", "负责型", "call soon after the sale to ask whether the product meets needs, and for improvement ideas"},
	{"proactive", "能动型", "keep in touch with advice on using the product and news of new products"},
	{"partnership", "伙伴型", "work with the customer continuously on its problems and success"},
}

// Valid reports whether r is one of the five types.
func (r Relationship) Valid() bool { return r >= Basic && r <= Partnership }

// Label returns the English name ("accountable").
func (r Relationship) Label() string {
	if !r.Valid() {
		return ""
	}
	return relationshipNames[r].en
}

// LabelZH returns the Chinese name ("负责型").
func (r Relationship) LabelZH() string {
	if !r.Valid() {
		return ""
	}
	return relationshipNames[r].zh
}

// Description returns what the relationship means in practice.
func (r Relationship) Description() string {
	if !r.Valid() {
		return ""
	}
	return relationshipNames[r].desc
}

// String returns "负责型 (accountable)".
func (r Relationship) String() string {
	if !r.Valid() {
		return "Relationship(" + strconv.Itoa(int(r)) + ")"
	}
	return relationshipNames[r].zh + " (" + relationshipNames[r].en + ")"
}

// A Margin is a tier of unit margin for [RecommendRelationship].
type Margin uint8

// Margin tiers.
const (
	HighMargin Margin = iota + 1
	MediumMargin
	LowMargin
)

// A CustomerCount is a tier of the number of customers for
// [RecommendRelationship].
type CustomerCount uint8

// Customer-count tiers.
const (
	ManyCustomers CustomerCount = iota + 1
	MediumCustomers
	FewCustomers
)

// RecommendRelationship returns the default relationship type for a unit
// margin tier and a number-of-customers tier (Kotler's relationship-level
// matrix, beyond the sources; METHOD.md §8):
//
//	                many customers  medium       few
//	high margin     accountable     proactive    partnership
//	medium margin   reactive        accountable  proactive
//	low margin      basic           reactive     accountable
//
// An unknown tier is [ErrInvalid].
func RecommendRelationship(margin Margin, customers CustomerCount) (Relationship, error) {
	if margin < HighMargin || margin > LowMargin || customers < ManyCustomers || customers > FewCustomers {
		return 0, errorf(ErrInvalid, "relationship: margin tier %d, customer tier %d", margin, customers)
	}
	// Each step down in margin, or up in customers, is one step less involved.
	return Relationship(int(Partnership) - int(margin-HighMargin) - int(FewCustomers-customers)), nil
}

// A ScheduleEntry says when a customer's next regular survey is due.
type ScheduleEntry struct {
	ID    string `json:"id"`
	Class string `json:"class"`
	// Key is true for a key customer 重点客户 (class A or flagged), surveyed
	// quarterly; others every half year.
	Key bool `json:"key"`
	// Last is the last survey (zero if never surveyed).
	Last time.Time `json:"last"`
	// Due is Last plus 3 or 6 months, or AsOf if never surveyed.
	Due time.Time `json:"due"`
	// Overdue says Due is before AsOf.
	Overdue bool `json:"overdue"`
}

// SurveySchedule lists when each segmented customer is due for its next
// regular survey (METHOD.md §8): key customers — class A, or flagged in
// key — every quarter, others every half year, counted from the last
// survey in last (by customer id); a customer never surveyed is due at
// asOf. Entries are sorted by due date, then id. A flag or date for a
// customer not in the assignments is [ErrUnknownItem]; a repeated id
// [ErrDuplicate].
func SurveySchedule(as []Assignment, key map[string]bool, last map[string]time.Time, asOf time.Time) ([]ScheduleEntry, error) {
	ids := map[string]bool{}
	for _, a := range as {
		if ids[a.ID] {
			return nil, errorf(ErrDuplicate, "schedule: customer %q given twice", a.ID)
		}
		ids[a.ID] = true
	}
	for _, id := range sortedKeys(key) {
		if !ids[id] {
			return nil, errorf(ErrUnknownItem, "schedule: key flag for unknown customer %q", id)
		}
	}
	for _, id := range sortedKeys(last) {
		if !ids[id] {
			return nil, errorf(ErrUnknownItem, "schedule: last survey of unknown customer %q", id)
		}
	}
	out := make([]ScheduleEntry, 0, len(as))
	for _, a := range as {
		e := ScheduleEntry{ID: a.ID, Class: a.Class, Key: a.Class == ClassA || key[a.ID], Last: last[a.ID]}
		months := 6
		if e.Key {
			months = 3
		}
		if e.Last.IsZero() {
			e.Due = asOf
		} else {
			e.Due = e.Last.AddDate(0, months, 0)
		}
		e.Overdue = e.Due.Before(asOf)
		out = append(out, e)
	}
	slices.SortFunc(out, func(x, y ScheduleEntry) int {
		return cmp.Or(x.Due.Compare(y.Due), strings.Compare(x.ID, y.ID))
	})
	return out, nil
}
