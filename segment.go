package csat

import (
	"cmp"
	"github.com/csatkit/csat/internal/enum"
	"maps"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/csatkit/csat/internal/exact"
	"github.com/shopspring/decimal"
)

// MaxPeriods is the largest number of periods [CLV] and [CLVConstant]
// take; more is [ErrOutOfRange]. Both run in time about quadratic in the
// number of periods (the exact fractions grow with it): 10,000 periods
// take well under a second.
const MaxPeriods = 10000

// CLV returns a customer's lifetime value 顾客终身价值 (METHOD.md §8): the
// present value of the projected period margins cf₁ … cfₙ with
// end-of-period discounting,
//
//	PV = Σ cfₜ / (1 + d)ᵗ,  t = 1..n
//
// computed exactly (as a fraction) and rounded once to [Precision]
// places. The discount rate d must be above −1 ([ErrOutOfRange]); no
// margins give 0; more than [MaxPeriods] margins, or a margin or rate
// beyond the input limits ([MaxDigits], [MaxExponent]), is
// [ErrOutOfRange]. A negative or zero CLV is a valid value.
func CLV(margins []decimal.Decimal, discount decimal.Decimal) (Result, error) {
	if len(margins) > MaxPeriods {
		return Result{}, errorf(ErrOutOfRange, "clv: %d periods (at most %d)", len(margins), MaxPeriods)
	}
	if err := checkDecimal("clv: discount rate", discount); err != nil {
		return Result{}, err
	}
	for i, m := range margins {
		if !inLimits(m) {
			return Result{}, checkDecimal("clv: margin "+strconv.Itoa(i+1), m)
		}
	}
	if !discount.GreaterThan(decimal.NewFromInt(-1)) {
		return Result{}, errorf(ErrOutOfRange, "clv: discount rate %s must be above -1", discount)
	}
	b := one.Add(discount)
	sum := presentValue(margins, b.Rat())
	ms := slices.Clone(margins)
	r, err := FromRat("CLV", Points, sum)
	return r.WithFormula(func() string {
		if len(ms) == 0 {
			return "no periods"
		}
		terms := make([]string, 0, min(len(ms), 13))
		for i, m := range ms {
			if i == 12 && len(ms) > 13 {
				terms = append(terms, "… ("+strconv.Itoa(len(ms))+" periods)")
				break
			}
			t := m.String() + "/" + b.String()
			if i > 0 {
				t += "^" + strconv.Itoa(i+1)
			}
			terms = append(terms, t)
		}
		n, d := exact.Parts(sum)
		return strings.Join(terms, " + ") + " = " + fmtFrac(n, d)
	}), err
}

// presentValue returns Σ mₜ / bᵗ exactly, in integer arithmetic: with b =
// p/q and every margin an integer Mₜ times 10^E, PV = 10^E · S / pⁿ where S
// = Σ Mₜ qᵗ pⁿ⁻ᵗ is accumulated by Horner's rule (S ← S·p + Mₜ·qᵗ), so
// the work grows with n² digits, not n³, and the fraction is reduced once.
func presentValue(margins []decimal.Decimal, b *big.Rat) *big.Rat {
	if len(margins) == 0 {
		return new(big.Rat)
	}
	e := margins[0].Exponent()
	for _, m := range margins {
		e = min(e, m.Exponent())
	}
	p, q := b.Num(), b.Denom()
	var s, qt, term big.Int
	qt.SetInt64(1)
	for _, m := range margins {
		qt.Mul(&qt, q)
		s.Mul(&s, p)
		s.Add(&s, term.Mul(m.Shift(-e).BigInt(), &qt))
	}
	den := new(big.Int).Exp(p, big.NewInt(int64(len(margins))), nil)
	ten := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(e, -e))), nil)
	if e >= 0 {
		s.Mul(&s, ten)
	} else {
		den.Mul(den, ten)
	}
	return new(big.Rat).SetFrac(&s, den)
}

// CLVConstant returns the CLV of a constant margin m kept with retention
// r each period, over n periods: cfₜ = m·rᵗ⁻¹, a geometric series summed
// in closed form, PV = (m/b)·(1 − (r/b)ⁿ)/(1 − r/b) with b = 1 + d (m·n/b
// when r = b). Reference: m 1000, r 0.8, d 0.1, n 3 → 1000/1.1 +
// 800/1.1² + 640/1.1³ = 2730000/1331 ≈ 2051.09. r outside [0, 1] or d ≤ −1
// is [ErrOutOfRange], a negative n [ErrNegative], n above [MaxPeriods]
// [ErrOutOfRange].
func CLVConstant(m, r, d decimal.Decimal, n int) (Result, error) {
	for _, v := range []struct {
		what string
		d    decimal.Decimal
	}{{"margin", m}, {"retention", r}, {"discount rate", d}} {
		if err := checkDecimal("clv: "+v.what, v.d); err != nil {
			return Result{}, err
		}
	}
	if r.IsNegative() || r.GreaterThan(one) {
		return Result{}, errorf(ErrOutOfRange, "clv: retention %s outside 0..1", r)
	}
	if n < 0 {
		return Result{}, errorf(ErrNegative, "clv: %d periods", n)
	}
	if n > MaxPeriods {
		return Result{}, errorf(ErrOutOfRange, "clv: %d periods (at most %d)", n, MaxPeriods)
	}
	if !d.GreaterThan(decimal.NewFromInt(-1)) {
		return Result{}, errorf(ErrOutOfRange, "clv: discount rate %s must be above -1", d)
	}
	b := one.Add(d)
	ratio := exact.Quo(r.Rat(), b.Rat())
	sum := new(big.Rat)
	switch {
	case n == 0:
	case ratio.Cmp(big.NewRat(1, 1)) == 0:
		sum = exact.Quo(exact.Mul(m.Rat(), exact.Int(int64(n))), b.Rat())
	default:
		e := big.NewInt(int64(n))
		pow := new(big.Rat).SetFrac(new(big.Int).Exp(ratio.Num(), e, nil), new(big.Int).Exp(ratio.Denom(), e, nil))
		sum = exact.Mul(exact.Quo(m.Rat(), b.Rat()), exact.Quo(exact.Sub(exact.Int(1), pow), exact.Sub(exact.Int(1), ratio)))
	}
	res, err := FromRat("CLV", Points, sum)
	return res.WithFormula(func() string {
		if n == 0 {
			return "no periods"
		}
		var terms []string
		cf := m
		for t := 1; t <= min(n, 12); t++ {
			term := cf.String() + "/" + b.String()
			if t > 1 {
				term += "^" + strconv.Itoa(t)
			}
			terms = append(terms, term)
			cf = cf.Mul(r)
		}
		if n > 12 {
			terms = append(terms, "… ("+strconv.Itoa(n)+" periods)")
		}
		num, den := exact.Parts(sum)
		return strings.Join(terms, " + ") + " = " + fmtFrac(num, den)
	}), err
}

// A CustomerValue is a customer's value to segment by: its CLV (a
// [Result] from [CLV], exact as a fraction such as 2730000/1331), or any
// other exact figure. Segmenters rank on the exact value ([Result.Cmp]),
// never on a rounded decimal.
type CustomerValue struct {
	ID    string
	Value Result
}

// An Assignment is a customer's class from a [Segmenter].
type Assignment struct {
	ID    string `json:"id"`
	Class string `json:"class"`
	Value Result `json:"value"`
	// Rank is the customer's position by value, 1 = most valuable.
	Rank int `json:"rank"`
	// ShareBefore is the share of the total positive value held by the
	// customers ranked above (a [Fraction]; zero when no value is
	// positive). Segmenters that do not use it leave it zero.
	ShareBefore Result `json:"share_before"`
}

// A Segmenter grades customers by value. The built-in is [ABC]; a user's
// own segmentation (quantiles, RFM classes, …) needs only this method,
// goes wherever ABC goes ([Summarize], [SurveySchedule], the report), and
// must return one assignment per customer and reject empty or repeated
// ids ([CheckIDs] does that).
type Segmenter interface {
	Segment(values []CustomerValue) ([]Assignment, error)
}

var _ Segmenter = ABC{}

// CheckIDs checks the ids of values for a segmenter: none empty or not
// UTF-8 ([ErrInvalid]), none repeated ([ErrDuplicate]), at least one
// customer ([ErrEmpty]).
func CheckIDs(values []CustomerValue) error {
	if len(values) == 0 {
		return errorf(ErrEmpty, "segment: no customers")
	}
	seen := make(map[string]bool, len(values))
	for _, v := range values {
		switch {
		case !validName(v.ID):
			return errorf(ErrInvalid, "segment: customer id %s must be non-empty UTF-8", quoteShort(v.ID))
		case seen[v.ID]:
			return &CustomerError{Customer: v.ID, Err: errorf(ErrDuplicate, "segment: customer given twice")}
		}
		seen[v.ID] = true
	}
	return nil
}

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
// Zero thresholds mean the defaults. Every decision (the order, the
// shares, the thresholds) uses exact values.
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
	if !a.IsPositive() || a.GreaterThan(b) || b.GreaterThan(one) {
		return a, b, errorf(ErrInvalid, "abc: thresholds A %s, B %s need 0 < A ≤ B ≤ 1", a, b)
	}
	return a, b, nil
}

// Segment returns the assignments in rank order. An empty input is
// [ErrEmpty]; an empty or repeated id [ErrInvalid] or [ErrDuplicate];
// values of different kinds [ErrKindMismatch].
func (s ABC) Segment(values []CustomerValue) ([]Assignment, error) {
	ta, tb, err := s.thresholds()
	if err != nil {
		return nil, err
	}
	if err := CheckIDs(values); err != nil {
		return nil, err
	}
	vs := slices.Clone(values)
	slices.SortFunc(vs, func(x, y CustomerValue) int {
		return cmp.Or(y.Value.Cmp(x.Value), strings.Compare(x.ID, y.ID))
	})
	total := new(big.Rat)
	for _, v := range vs {
		if v.Value.kind != vs[0].Value.kind {
			return nil, &CustomerError{Customer: v.ID, Err: errorf(ErrKindMismatch, "abc: value of kind %s among values of kind %s", v.Value.kind, vs[0].Value.kind)}
		}
		if q := v.Value.Rat(); q.Sign() > 0 {
			total.Add(total, q)
		}
	}
	out := make([]Assignment, len(vs))
	before := new(big.Rat)
	for i, v := range vs {
		a := Assignment{ID: v.ID, Value: v.Value, Rank: i + 1, Class: ClassC}
		if total.Sign() > 0 {
			share := exact.Quo(before, total)
			if a.ShareBefore, err = FromRat("share before "+v.ID, Fraction, share); err != nil {
				return nil, err
			}
			bn, tn := decimalOf(before), decimalOf(total)
			a.ShareBefore = a.ShareBefore.WithFormula(func() string { return bn + " / " + tn })
		}
		if q := v.Value.Rat(); q.Sign() > 0 {
			share := a.ShareBefore.Rat()
			switch {
			case share.Cmp(ta.Rat()) < 0:
				a.Class = ClassA
			case share.Cmp(tb.Rat()) < 0:
				a.Class = ClassB
			}
			before.Add(before, q)
		}
		out[i] = a
	}
	return out, nil
}

// decimalOf prints an exact rational for a formula: its decimal digits
// when it has a finite expansion within Precision places, else n/d.
func decimalOf(q *big.Rat) string {
	if d, ok := exact.Decimal(q, Precision); ok {
		return d.String()
	}
	n, d := exact.Parts(q)
	return fmtFrac(n, d)
}

// A ClassSummary sums one class of a segmentation.
type ClassSummary struct {
	Class string `json:"class"`
	Count int    `json:"count"`
	// Value is the exact sum of the class's values.
	Value Result `json:"value"`
	// Share is the class's value over the value of all customers (a
	// [Fraction]; zero when that total is not positive).
	Share Result `json:"share"`
}

// Summarize returns, for each class in class-name order (A, B, C for
// [ABC]; any names a user's [Segmenter] gives), the number of customers,
// their exact value and its share. Values of different kinds are
// [ErrKindMismatch].
func Summarize(as []Assignment) ([]ClassSummary, error) {
	var out []ClassSummary
	sums := map[string]*big.Rat{}
	total := new(big.Rat)
	for _, a := range as {
		if a.Value.kind != as[0].Value.kind {
			return nil, &CustomerError{Customer: a.ID, Err: errorf(ErrKindMismatch, "summarize: value of kind %s among values of kind %s", a.Value.kind, as[0].Value.kind)}
		}
		total.Add(total, a.Value.Rat())
		if sums[a.Class] == nil {
			sums[a.Class] = new(big.Rat)
			out = append(out, ClassSummary{Class: a.Class})
		}
		sums[a.Class].Add(sums[a.Class], a.Value.Rat())
		out[slices.IndexFunc(out, func(c ClassSummary) bool { return c.Class == a.Class })].Count++
	}
	slices.SortStableFunc(out, func(x, y ClassSummary) int { return strings.Compare(x.Class, y.Class) })
	for i := range out {
		sum := sums[out[i].Class]
		v, err := FromRat("class "+out[i].Class+" value", as[0].Value.kind, sum)
		if err != nil {
			return nil, err
		}
		out[i].Value = v
		if total.Sign() > 0 {
			sh, err := FromRat("class "+out[i].Class+" value share", Fraction, exact.Quo(sum, total))
			if err != nil {
				return nil, err
			}
			sn, tn := decimalOf(sum), decimalOf(total)
			out[i].Share = sh.WithFormula(func() string { return sn + " / " + tn })
		}
	}
	return out, nil
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

// String returns the relationship's name, as MarshalText: "accountable".
// [Relationship.LabelZH] gives "负责型".
func (r Relationship) String() string { return relationshipEnum.String(r) }

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

// ScheduleOptions configures [SurveySchedule].
type ScheduleOptions struct {
	// AsOf is the date the schedule is made on; required.
	AsOf time.Time
	// KeyClasses are the classes whose customers are key customers
	// 重点客户; nil means [ClassA]. A user's own segmenter names its own.
	KeyClasses []string
	// Key flags further key customers by id.
	Key map[string]bool
	// Last is each customer's last survey, by id (absent: never
	// surveyed). A date after AsOf is an error.
	Last map[string]time.Time
}

// SurveySchedule lists when each segmented customer is due for its next
// regular survey (METHOD.md §8): key customers — of a key class, or
// flagged — every quarter, others every half year, counted from the last
// survey; a customer never surveyed is due at AsOf. Months are calendar
// months that stop at the month's end, as people read "quarterly": a
// survey on 30 November is next due on 28 (or 29) February, not on 1 or
// 2 March. Entries are sorted by due date, then id. A flag or date for a
// customer not in the assignments, or a key class no customer has (a
// misspelt class would silently make nobody key), is [ErrUnknownItem]; a
// repeated id
// [ErrDuplicate]; an empty id or class [ErrInvalid]; a zero AsOf
// [ErrMissing]; a last survey after AsOf [ErrOutOfRange].
func SurveySchedule(as []Assignment, opts ScheduleOptions) ([]ScheduleEntry, error) {
	if opts.AsOf.IsZero() {
		return nil, errorf(ErrMissing, "schedule: no as-of date")
	}
	keyClass := map[string]bool{ClassA: true}
	if opts.KeyClasses != nil {
		keyClass = map[string]bool{}
		for _, c := range opts.KeyClasses {
			keyClass[c] = true
		}
	}
	ids := map[string]bool{}
	for _, a := range as {
		switch {
		case !validName(a.ID):
			return nil, errorf(ErrInvalid, "schedule: customer id %s must be non-empty UTF-8", quoteShort(a.ID))
		case a.Class == "":
			return nil, &CustomerError{Customer: a.ID, Err: errorf(ErrInvalid, "schedule: no class")}
		case ids[a.ID]:
			return nil, &CustomerError{Customer: a.ID, Err: errorf(ErrDuplicate, "schedule: customer given twice")}
		}
		ids[a.ID] = true
	}
	if opts.KeyClasses != nil {
		has := map[string]bool{}
		for _, a := range as {
			has[a.Class] = true
		}
		for _, c := range opts.KeyClasses {
			if !has[c] {
				return nil, errorf(ErrUnknownItem, "schedule: key class %s is the class of no customer", quoteShort(c))
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(opts.Key)) {
		if !ids[id] {
			return nil, &CustomerError{Customer: id, Err: errorf(ErrUnknownItem, "schedule: key flag for a customer not segmented")}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(opts.Last)) {
		if !ids[id] {
			return nil, &CustomerError{Customer: id, Err: errorf(ErrUnknownItem, "schedule: last survey of a customer not segmented")}
		}
		if opts.Last[id].After(opts.AsOf) {
			return nil, &CustomerError{Customer: id, Err: errorf(ErrOutOfRange, "schedule: last survey %s after the as-of date %s",
				opts.Last[id].Format(time.DateOnly), opts.AsOf.Format(time.DateOnly))}
		}
	}
	out := make([]ScheduleEntry, 0, len(as))
	for _, a := range as {
		e := ScheduleEntry{ID: a.ID, Class: a.Class, Key: keyClass[a.Class] || opts.Key[a.ID], Last: opts.Last[a.ID]}
		months := 6
		if e.Key {
			months = 3
		}
		if e.Last.IsZero() {
			e.Due = opts.AsOf
		} else {
			e.Due = addMonths(e.Last, months)
		}
		e.Overdue = e.Due.Before(opts.AsOf)
		out = append(out, e)
	}
	slices.SortFunc(out, func(x, y ScheduleEntry) int {
		return cmp.Or(x.Due.Compare(y.Due), strings.Compare(x.ID, y.ID))
	})
	return out, nil
}

// addMonths returns t plus n calendar months, stopping at the end of the
// target month (30 Nov + 3 months = 28/29 Feb), time of day kept.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

var relationshipTexts = [...]string{1: "basic", 2: "reactive", 3: "accountable", 4: "proactive", 5: "partnership"}

// MarshalText encodes the relationship by its name ("basic", "reactive", "accountable", "proactive", "partnership"); an unknown
// value is an error wrapping [ErrInvalid].
func (r Relationship) MarshalText() ([]byte, error) { return relationshipEnum.MarshalText(r) }

// UnmarshalText decodes a relationship name; any other text is an error
// wrapping [ErrInvalid].
func (r *Relationship) UnmarshalText(text []byte) error {
	return relationshipEnum.UnmarshalText(text, r)
}

var marginTexts = [...]string{1: "high", 2: "medium", 3: "low"}

// String returns the margin's name: "high", "medium", "low".
func (m Margin) String() string { return marginEnum.String(m) }

// MarshalText encodes the margin by its name ("high", "medium", "low"); an unknown
// value is an error wrapping [ErrInvalid].
func (m Margin) MarshalText() ([]byte, error) { return marginEnum.MarshalText(m) }

// UnmarshalText decodes a margin name; any other text is an error
// wrapping [ErrInvalid].
func (m *Margin) UnmarshalText(text []byte) error { return marginEnum.UnmarshalText(text, m) }

var customerCountTexts = [...]string{1: "many", 2: "medium", 3: "few"}

// String returns the customer count's name: "many", "medium", "few".
func (c CustomerCount) String() string { return customerCountEnum.String(c) }

// MarshalText encodes the customer count by its name ("many", "medium", "few"); an unknown
// value is an error wrapping [ErrInvalid].
func (c CustomerCount) MarshalText() ([]byte, error) { return customerCountEnum.MarshalText(c) }

// UnmarshalText decodes a customer count name; any other text is an error
// wrapping [ErrInvalid].
func (c *CustomerCount) UnmarshalText(text []byte) error {
	return customerCountEnum.UnmarshalText(text, c)
}

// The names of the enums of this file (the one mechanism: internal/enum).
var relationshipEnum = enum.New[Relationship]("Relationship", "relationship", ErrInvalid, errorf, relationshipTexts[:]...)
var marginEnum = enum.New[Margin]("Margin", "margin", ErrInvalid, errorf, marginTexts[:]...)
var customerCountEnum = enum.New[CustomerCount]("CustomerCount", "customer count", ErrInvalid, errorf, customerCountTexts[:]...)
