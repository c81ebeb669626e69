package csat

import (
	"math/big"
	"math/bits"
	"slices"
	"strconv"
	"strings"

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
	return r.withFormula(langFormula(func(l lang) string {
		if len(ms) == 0 {
			return l.pick("no periods", "没有期间", "no periods")
		}
		terms := make([]string, 0, min(len(ms), 13))
		for i, m := range ms {
			if i == 12 && len(ms) > 13 {
				terms = append(terms, periodsNote(len(ms), l))
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
	})), err
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
	return res.withFormula(langFormula(func(l lang) string {
		if n == 0 {
			return l.pick("no periods", "没有期间", "no periods")
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
			terms = append(terms, periodsNote(n, l))
		}
		num, den := exact.Parts(sum)
		return strings.Join(terms, " + ") + " = " + fmtFrac(num, den)
	})), err
}

// periodsNote prints the note that ends a long CLV formula: "… (24
// periods)".
func periodsNote(n int, l lang) string {
	if l == langZh {
		return "…（共 " + strconv.Itoa(n) + " 期）"
	}
	return "… (" + strconv.Itoa(n) + " periods)"
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
// goes wherever ABC goes ([Summarize], the survey schedule of
// [github.com/csatkit/csat/plan.Schedule], the report), and
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
			return &Error{Part: "customer", Name: v.ID, Err: errorf(ErrDuplicate, "segment: customer given twice")}
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
	var total exact.Sum
	rs, ws := rankByValue(values, &total)
	for _, r := range rs {
		if r.kind != rs[0].kind {
			return nil, &Error{Part: "customer", Name: r.id, Err: errorf(ErrKindMismatch, "abc: value of kind %s among values of kind %s", r.kind, rs[0].kind)}
		}
	}
	out := make([]Assignment, len(rs))
	var sh *shares
	if total.Num().Sign() > 0 {
		sh = newShares(&total, ta, tb, rs, ws)
	}
	for i, r := range rs {
		a := Assignment{ID: r.id, Value: values[r.i].Value, Rank: i + 1, Class: ClassC}
		if sh != nil {
			a.ShareBefore = sh.next(len(r.id))
			if r.key.Sign() > 0 {
				a.Class = sh.class()
				sh.add(r)
			}
		}
		out[i] = a
	}
	return out, nil
}

// A rankedValue is a customer of [ABC.Segment] with its exact value read
// once (values[i] is the customer).
type rankedValue struct {
	key  exact.Key
	id   string
	i    int
	kind Kind
}

// rankByValue returns the customers by exact value, highest first, ties
// by id in byte order (ids are distinct, so the order is total), and adds
// the positive values to total. Each value is read once; comparing two
// of them then allocates nothing. When the total over the common
// denominator fits in 128 bits, ws holds each positive value over it
// (values[i]'s in ws[i]), so that summing in rank order reads a small
// array rather than the values' big integers all over memory.
func rankByValue(values []CustomerValue, total *exact.Sum) (rs []rankedValue, ws [][2]uint64) {
	var ks exact.Keys
	rs = make([]rankedValue, len(values))
	for i := range values {
		v := &values[i] // not a copy of the whole result
		rs[i] = rankedValue{key: v.Value.key(&ks), id: v.ID, i: i, kind: v.Value.kind}
		if rs[i].key.Sign() > 0 {
			total.Add(rs[i].key) // in the order read, the keys' order in memory
		}
	}
	if _, _, ok := exact.Words128(total.Num()); ok {
		ws = make([][2]uint64, len(values))
		var w big.Int
		for i, r := range rs {
			if r.key.Sign() > 0 {
				ws[i][0], ws[i][1], _ = exact.Words128(total.Scaled(r.key, &w))
			}
		}
	}
	var c exact.Comparer
	slices.SortFunc(rs, func(x, y rankedValue) int {
		if o := c.Cmp(y.key, x.key); o != 0 {
			return o
		}
		return strings.Compare(x.id, y.id)
	})
	return rs, ws
}

// shares computes the share before each customer of [ABC.Segment] in rank
// order, B/T: T is the total positive value and B the value of those
// ranked before, both over the common denominator of the positive values,
// so that a customer costs one exact sum, one reduction and the decimals
// of its share.
type shares struct {
	// B is before.Num(), or when ws is not nil (every value fits in 128
	// bits over the common denominator) bw, summed in bh·2⁶⁴+bl.
	before exact.Sum
	ws     [][2]uint64
	bh, bl uint64
	bw     big.Int
	t      *big.Int
	tDec   decimal.Decimal // T as a decimal, the denominator of shares already in lowest terms
	a, b   threshold
	// labels holds the label of each share in rank order, one after
	// another; off is where the next one starts.
	labels  string
	off     int
	formula *shareFormula
	red     exact.Reducer
	fs      fracScratch
	x       big.Int
}

// shareLabel prefixes a customer's id in the label of its share before.
const shareLabel = "share before "

func newShares(total *exact.Sum, ta, tb decimal.Decimal, rs []rankedValue, ws [][2]uint64) *shares {
	sh := &shares{t: total.Num(), tDec: decimal.NewFromBigInt(total.Num(), 0), ws: ws}
	sh.before.Over(total.Den())
	sh.a.set(ta, sh.t)
	sh.b.set(tb, sh.t)
	t := total.Rat()
	sh.formula = &shareFormula{total: t, tn: decimalOf(t)}
	var b strings.Builder
	size := 0
	for _, r := range rs {
		size += len(shareLabel) + len(r.id)
	}
	b.Grow(size)
	for _, r := range rs {
		b.WriteString(shareLabel)
		b.WriteString(r.id)
	}
	sh.labels = b.String()
	return sh
}

// next returns the share before the next customer, whose id is n bytes
// long: exactly what FromRat of B/T labelled "share before id" gives,
// printed "before / total".
func (sh *shares) next(n int) Result {
	label := sh.labels[sh.off : sh.off+len(shareLabel)+n]
	sh.off += len(label)
	num, den, lowest := sh.red.Reduce(sh.sum(), sh.t)
	var d *decimal.Decimal
	if lowest {
		d = &sh.tDec
	}
	return fracResult(label, Fraction, num, den, d, &sh.fs).withFormula(sh.formula)
}

// sum returns B.
func (sh *shares) sum() *big.Int {
	if sh.ws != nil {
		return &sh.bw
	}
	return sh.before.Num()
}

// add adds the value of r (positive) to B.
func (sh *shares) add(r rankedValue) {
	if sh.ws == nil {
		sh.before.Add(r.key)
		return
	}
	// B ≤ T < 2¹²⁸: no carry out.
	var c uint64
	w := sh.ws[r.i]
	sh.bl, c = bits.Add64(sh.bl, w[1], 0)
	sh.bh, _ = bits.Add64(sh.bh, w[0], c)
	exact.SetWords128(&sh.bw, sh.bh, sh.bl)
}

// class returns the class of a customer of positive value whose share
// before is B/T: A below threshold A, B below threshold B, else C.
func (sh *shares) class() string {
	switch b := sh.sum(); {
	case sh.a.above(b, &sh.x):
		return ClassA
	case sh.b.above(b, &sh.x):
		return ClassB
	}
	return ClassC
}

// A threshold of [ABC] as n/d, with n·T: a share B/T is below it when
// B·d < n·T.
type threshold struct {
	d, nt big.Int
}

func (th *threshold) set(v decimal.Decimal, t *big.Int) {
	q := v.Rat()
	th.d.Set(q.Denom())
	th.nt.Mul(q.Num(), t)
}

// above reports whether the threshold is above the share B/T, with x as
// scratch space.
func (th *threshold) above(b, x *big.Int) bool {
	return x.Mul(b, &th.d).Cmp(&th.nt) < 0
}

// shareFormula prints the formula of a share before, "before / total",
// the value before being the share times the total: one formula for all
// the shares of a segmentation, printed only when asked for.
type shareFormula struct {
	total *big.Rat
	tn    string
}

func (f *shareFormula) text(r *Result, _ lang) string {
	return decimalOf(exact.Mul(r.Rat(), f.total)) + " / " + f.tn
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
	type class struct {
		name  string
		count int
		sum   exact.Sum
	}
	var (
		ks      exact.Keys
		total   exact.Sum
		classes []*class // in the order first seen
	)
	byName := map[string]*class{}
	for _, a := range as {
		if a.Value.kind != as[0].Value.kind {
			return nil, &Error{Part: "customer", Name: a.ID, Err: errorf(ErrKindMismatch, "summarize: value of kind %s among values of kind %s", a.Value.kind, as[0].Value.kind)}
		}
		k := a.Value.key(&ks)
		total.Add(k)
		c := byName[a.Class]
		if c == nil {
			c = &class{name: a.Class}
			byName[a.Class] = c
			classes = append(classes, c)
		}
		c.sum.Add(k)
		c.count++
	}
	slices.SortStableFunc(classes, func(x, y *class) int { return strings.Compare(x.name, y.name) })
	var out []ClassSummary
	tot := total.Rat()
	for _, c := range classes {
		sum := c.sum.Rat()
		v, err := FromRat("class "+c.name+" value", as[0].Value.kind, sum)
		if err != nil {
			return nil, err
		}
		cs := ClassSummary{Class: c.name, Count: c.count, Value: v}
		if tot.Sign() > 0 {
			sh, err := FromRat("class "+c.name+" value share", Fraction, exact.Quo(sum, tot))
			if err != nil {
				return nil, err
			}
			sn, tn := decimalOf(sum), decimalOf(tot)
			cs.Share = sh.WithFormula(func() string { return sn + " / " + tn })
		}
		out = append(out, cs)
	}
	return out, nil
}
