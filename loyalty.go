package csat

import (
	"github.com/csatkit/csat/internal/enum"
	"maps"
	"math/bits"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/csatkit/csat/internal/exact"
	"github.com/csatkit/csat/internal/mathx"
	"github.com/shopspring/decimal"
)

// A LoyaltyMetric measures customer loyalty (顾客忠诚度) from the data it
// needs in d. The built-ins are [NPS] (from answers to "would you
// recommend us"), [RepeatRate] and [ShareOfWallet] (from purchase
// records) and the composite [LoyaltyIndex] (from the seven measures of
// the franchise manual); a user's own metric needs only this method.
type LoyaltyMetric interface {
	Loyalty(d LoyaltyData) (Result, error)
}

var (
	_ LoyaltyMetric = NPS{}
	_ LoyaltyMetric = RepeatRate{}
	_ LoyaltyMetric = ShareOfWallet{}
	_ LoyaltyMetric = (*LoyaltyIndex)(nil)
)

// LoyaltyData is what loyalty metrics are computed from; each metric uses
// the fields it needs and reports [ErrEmpty] when they are empty.
type LoyaltyData struct {
	// Recommend counts answers to "how likely are you to recommend us",
	// on a 0–10 scale such as [NPSScale].
	Recommend Tally
	// Purchases are purchase records of the period.
	Purchases []Purchase
	// Measures are one customer's raw values of loyalty measures, by
	// measure name.
	Measures map[string]decimal.Decimal
}

var npsScale = func() *Scale {
	var levels []Level
	for i := int64(0); i <= 10; i++ {
		levels = append(levels, Level{Key: strconv.FormatInt(i, 10), Points: decimal.NewFromInt(i), Satisfied: i >= 9})
	}
	return mustScale(NewScale("nps-0-10", decimal.NewFromInt(10), levels))
}()

// NPSScale returns the 0–10 "would you recommend" scale: levels keyed "0"
// to "10" (index i is i points); 9 and 10 count as satisfied (promoters).
func NPSScale() *Scale { return npsScale }

// NPS is the Net Promoter Score (beyond the sources, METHOD.md §7): on a
// 0–10 "would you recommend us" question, promoters answer 9–10, passives
// 7–8, detractors 0–6, and
//
//	NPS = (promoters − detractors) / n × 100,  in −100..100
//
// Confidence is the confidence of its intervals, as a level or as z; the
// zero value means 95%. The zero NPS is ready to use.
type NPS struct {
	Confidence Confidence
}

// NPSCounts are the answers to the recommend question, classified.
type NPSCounts struct {
	Promoters, Passives, Detractors uint64
}

// An NPSResult is an NPS with its counts, variance and confidence
// intervals.
type NPSResult struct {
	Promoters  uint64 `json:"promoters"`
	Passives   uint64 `json:"passives"`
	Detractors uint64 `json:"detractors"`
	N          uint64 `json:"n"`
	// Score is the NPS, exact, in −100..100.
	Score Result `json:"score"`
	// Variance is the variance of the NPS as a share, (p + d − (p −
	// d)²) / n with p and d the promoter and detractor shares, to
	// [Precision] places; ×100² for points.
	Variance decimal.Decimal `json:"variance"`
	// Wald is the Wald interval: NPS ± z·√Variance (×100).
	Wald Interval `json:"wald"`
	// AdjustedWald is the adjusted-Wald interval (Rocks, "Confidence
	// intervals for the Net Promoter Score", 2016; Sauro & Lewis): add
	// 3/4 to promoters and to detractors and 3/2 to passives (n grows by
	// 3), then the Wald formula around the adjusted estimate.
	AdjustedWald Interval `json:"adjusted_wald"`
}

// Equal reports whether r and u are the same NPS result.
func (r NPSResult) Equal(u NPSResult) bool {
	return r.Promoters == u.Promoters && r.Passives == u.Passives && r.Detractors == u.Detractors && r.N == u.N &&
		r.Score.Equal(u.Score) && r.Variance.Equal(u.Variance) && r.Wald.Equal(u.Wald) && r.AdjustedWald.Equal(u.AdjustedWald)
}

// Compute returns the NPS of t, whose scale must be a 0–10 scale: eleven
// levels worth 0, 1, …, 10 points (such as [NPSScale]; any other scale is
// [ErrScaleMismatch], since its answers cannot be classified). Each
// answer's points classify it: ≥ 9 promoter, ≥ 7 passive, else
// detractor. Errors are as for [NPS.FromCounts].
func (m NPS) Compute(t Tally) (NPSResult, error) {
	if err := checkNPSScale(t.scale); err != nil {
		return NPSResult{}, err
	}
	var c NPSCounts
	for i, l := range t.scale.levels {
		var carry uint64
		switch p := l.Points.IntPart(); {
		case p >= 9:
			c.Promoters, carry = bits.Add64(c.Promoters, t.counts[i], 0)
		case p >= 7:
			c.Passives, carry = bits.Add64(c.Passives, t.counts[i], 0)
		default:
			c.Detractors, carry = bits.Add64(c.Detractors, t.counts[i], 0)
		}
		if carry != 0 {
			return NPSResult{}, errorf(ErrOverflow, "nps: more than 2^64-1 answers")
		}
	}
	return m.FromCounts(c)
}

// checkNPSScale accepts exactly the scales whose points are 0, 1, …, 10.
func checkNPSScale(s *Scale) error {
	if s == nil {
		return errorf(ErrScaleMismatch, "nps: a tally without scale (use NPSScale)")
	}
	seen := map[int64]bool{}
	for _, l := range s.levels {
		if !l.Points.IsInteger() || l.Points.IntPart() > 10 {
			break
		}
		seen[l.Points.IntPart()] = true
	}
	if len(seen) != 11 || len(s.levels) != 11 {
		return errorf(ErrScaleMismatch, "nps: scale %q is not a 0–10 scale (points 0, 1, …, 10; NPSScale is one)", s.name)
	}
	return nil
}

// FromCounts returns the NPS of promoter, passive and detractor counts.
// No answers is [ErrEmpty]; counts summing past 2⁶⁴ − 1 [ErrOverflow]; a
// bad confidence [ErrOutOfRange] or [ErrInvalid].
func (m NPS) FromCounts(c NPSCounts) (NPSResult, error) {
	r := NPSResult{Promoters: c.Promoters, Passives: c.Passives, Detractors: c.Detractors}
	n, c1 := bits.Add64(c.Promoters, c.Passives, 0)
	n, c2 := bits.Add64(n, c.Detractors, 0)
	if c1|c2 != 0 {
		return NPSResult{}, errorf(ErrOverflow, "nps: more than 2^64-1 answers")
	}
	if n == 0 {
		return NPSResult{}, errorf(ErrEmpty, "nps of no answers")
	}
	z, level, err := m.Confidence.resolve()
	if err != nil {
		return NPSResult{}, errorf(err, "nps")
	}
	r.N = n
	hundred := decimal.NewFromInt(100)
	P, D, N := decimal.NewFromUint64(c.Promoters), decimal.NewFromUint64(c.Detractors), decimal.NewFromUint64(n)
	if r.Score, err = Quotient("NPS", Points, P.Sub(D).Mul(hundred), N); err != nil {
		return NPSResult{}, err
	}
	r.Score = r.Score.WithFormula(func() string {
		return "(" + P.String() + " − " + D.String() + ") / " + N.String() + " × 100"
	})
	r.Wald, r.Variance = npsInterval("Wald", level, z, P, D, N, r.Score)
	q := decimal.RequireFromString("0.75")
	aP, aD, aN := P.Add(q), D.Add(q), N.Add(decimal.NewFromInt(3))
	adj, err := Quotient("adjusted NPS", Points, aP.Sub(aD).Mul(hundred), aN)
	if err != nil {
		return NPSResult{}, err
	}
	adj = adj.WithFormula(func() string {
		return "(" + aP.String() + " − " + aD.String() + ") / " + aN.String() + " × 100"
	})
	r.AdjustedWald, _ = npsInterval("adjusted Wald", level, z, aP, aD, aN, adj)
	return r, nil
}

// npsInterval returns est ± z·√((p + d − (p − d)²)/n) × 100, clamped to
// −100..100, and the variance (of shares) it used.
func npsInterval(method string, level, z, P, D, N decimal.Decimal, est Result) (Interval, decimal.Decimal) {
	wp := int32(Precision + 6)
	p, d := P.DivRound(N, wp), D.DivRound(N, wp)
	diff := p.Sub(d)
	variance := p.Add(d).Sub(diff.Mul(diff)).DivRound(N, wp)
	se := mathx.Sqrt(variance, wp).Mul(decimal.NewFromInt(100))
	half := z.Mul(se)
	hundred := decimal.NewFromInt(100)
	lo := decimal.Max(est.Round(wp).Sub(half), hundred.Neg()).Round(Precision)
	hi := decimal.Min(est.Round(wp).Add(half), hundred).Round(Precision)
	return Interval{Method: method, Level: level, Estimate: est, Low: lo, High: hi,
		Quantile: z.Round(Precision), Variance: variance.Mul(hundred).Mul(hundred).Round(Precision),
		formula: est.String() + " ± " + z.Round(DisplayPlaces).String() + "×" + se.Round(DisplayPlaces).String()}, variance.Round(Precision)
}

// Loyalty returns the NPS of d.Recommend.
func (m NPS) Loyalty(d LoyaltyData) (Result, error) {
	r, err := m.Compute(d.Recommend)
	return r.Score, err
}

// A Purchase is one purchase by a customer in the period: from us, or
// (Competitor) from a competitor, as learned from the customer.
type Purchase struct {
	Customer   string
	Date       time.Time
	Amount     decimal.Decimal
	Competitor bool
}

func validatePurchases(ps []Purchase) error {
	for i, p := range ps {
		if p.Customer == "" || !utf8.ValidString(p.Customer) {
			return errorf(ErrInvalid, "purchase %d: customer id %q must be non-empty UTF-8", i, p.Customer)
		}
		if p.Amount.IsNegative() {
			return errorf(ErrNegative, "purchase %d (customer %q): amount %s", i, p.Customer, p.Amount)
		}
	}
	return nil
}

// RepeatRate is the repeat-purchase rate: the share of customers who
// bought from us who bought from us at least twice in the period. The
// zero value is ready to use.
type RepeatRate struct{}

// Loyalty returns the repeat-purchase rate of d.Purchases.
func (RepeatRate) Loyalty(d LoyaltyData) (Result, error) {
	if err := validatePurchases(d.Purchases); err != nil {
		return Result{}, err
	}
	buys := map[string]int{}
	for _, p := range d.Purchases {
		if !p.Competitor {
			buys[p.Customer]++
		}
	}
	if len(buys) == 0 {
		return Result{}, errorf(ErrEmpty, "repeat rate: no purchases from us")
	}
	repeat := 0
	for _, n := range buys {
		if n >= 2 {
			repeat++
		}
	}
	num, den := decimal.NewFromInt(int64(repeat)), decimal.NewFromInt(int64(len(buys)))
	r, err := Quotient("repeat-purchase rate", Fraction, num, den)
	return r.withFormula(langFormula(func(l lang) string {
		if l == langZh {
			return num.String() + " 位购买两次及以上的客户 / " + den.String() + " 位客户"
		}
		return num.String() + " customers buying twice or more / " + den.String() + " customers"
	})), err
}

// ShareOfWallet is the share of the customers' total demand bought from
// us: Σ our sales / Σ all their purchases (ours and competitors'). With
// Customer set, only that customer's purchases count.
type ShareOfWallet struct {
	Customer string
}

// Loyalty returns the share of wallet of d.Purchases.
func (s ShareOfWallet) Loyalty(d LoyaltyData) (Result, error) {
	if err := validatePurchases(d.Purchases); err != nil {
		return Result{}, err
	}
	ours, all := decimal.Zero, decimal.Zero
	for _, p := range d.Purchases {
		if s.Customer != "" && p.Customer != s.Customer {
			continue
		}
		all = all.Add(p.Amount)
		if !p.Competitor {
			ours = ours.Add(p.Amount)
		}
	}
	if all.IsZero() {
		return Result{}, errorf(ErrEmpty, "share of wallet: no purchases (customer %q)", s.Customer)
	}
	r, err := Quotient("share of wallet", Fraction, ours, all)
	return r.WithFormula(func() string { return ours.String() + " / " + all.String() }), err
}

// Direction says whether a higher value of a loyalty measure means more
// or less loyalty.
type Direction int8

const (
	// HigherIsLoyal means more repeat purchases, more attention, more
	// tolerance mean more loyalty.
	HigherIsLoyal Direction = 1
	// LowerIsLoyal means a shorter choice time, less price sensitivity, a
	// cooler attitude to competitors mean more loyalty.
	LowerIsLoyal Direction = -1
)

// A Measure is one loyalty measure: its name, labels, direction, and the
// bounds its raw values are normalised against (when the index uses
// declared bounds).
type Measure struct {
	Name, Label, LabelZH string
	Direction            Direction
	Low, High            decimal.Decimal
}

// SevenMeasures returns the franchise manual's seven loyalty measures
// (METHOD.md §7), without bounds (set Low and High, or use
// [PopulationRange]):
//
//	repeat_purchases     重复购买次数          higher is loyal
//	share_of_wallet      需求份额              higher is loyal
//	brand_attention      对品牌的关注程度      higher is loyal
//	choice_time          挑选时间              lower is loyal
//	price_sensitivity    对价格的敏感程度      lower is loyal
//	competitor_attitude  对竞争产品的态度      lower (cooler) is loyal
//	incident_tolerance   对产品质量事故的承受能力 higher is loyal
func SevenMeasures() []Measure {
	return []Measure{
		{Name: "repeat_purchases", Label: "repeat purchases", LabelZH: "重复购买次数", Direction: HigherIsLoyal},
		{Name: "share_of_wallet", Label: "share of wallet", LabelZH: "需求份额", Direction: HigherIsLoyal},
		{Name: "brand_attention", Label: "attention to our brand", LabelZH: "对品牌的关注程度", Direction: HigherIsLoyal},
		{Name: "choice_time", Label: "time to choose", LabelZH: "挑选时间", Direction: LowerIsLoyal},
		{Name: "price_sensitivity", Label: "price sensitivity", LabelZH: "对价格的敏感程度", Direction: LowerIsLoyal},
		{Name: "competitor_attitude", Label: "warmth to competitors' products", LabelZH: "对竞争产品的态度", Direction: LowerIsLoyal},
		{Name: "incident_tolerance", Label: "tolerance of a quality incident", LabelZH: "对产品质量事故的承受能力", Direction: HigherIsLoyal},
	}
}

// Bounds selects what a [LoyaltyIndex] normalises raw values against.
type Bounds uint8

const (
	// DeclaredBounds normalises against each measure's Low and High (the
	// zero value); a value outside them is [ErrOutOfRange].
	DeclaredBounds Bounds = iota
	// PopulationRange normalises against the lowest and highest value
	// among the customers scored together ([LoyaltyIndex.ScoreAll]). A
	// measure on which all customers are equal normalises to 100.
	PopulationRange
)

// LoyaltyIndexOptions configures [NewLoyaltyIndex]; the zero value (or
// nil) means equal weights and declared bounds.
type LoyaltyIndexOptions struct {
	// Scheme weighs the normalised measures (0–100) by name; nil means
	// [EqualWeights]. A [Tree] must have exactly the measures as leaves.
	Scheme WeightingScheme
	Bounds Bounds
}

// A LoyaltyIndex is the composite loyalty index: each measure normalised
// to 0–100 in its direction,
//
//	higher is loyal:  (value − low) / (high − low) × 100
//	lower is loyal:   (high − value) / (high − low) × 100
//
// then combined by a weighting scheme. It is immutable and safe for
// concurrent use.
type LoyaltyIndex struct {
	measures []Measure
	scheme   WeightingScheme
	bounds   Bounds
}

// NewLoyaltyIndex validates the measures (non-empty unique names, a
// direction, Low < High under declared bounds) and the scheme (a scheme
// with Leaves must have exactly the measures as leaves).
func NewLoyaltyIndex(measures []Measure, opts *LoyaltyIndexOptions) (*LoyaltyIndex, error) {
	var o LoyaltyIndexOptions
	if opts != nil {
		o = *opts
	}
	if len(measures) == 0 {
		return nil, errorf(ErrEmpty, "loyalty index: no measures")
	}
	if o.Bounds > PopulationRange {
		return nil, errorf(ErrInvalid, "loyalty index: bounds mode %d", o.Bounds)
	}
	li := &LoyaltyIndex{measures: slices.Clone(measures), scheme: o.Scheme, bounds: o.Bounds}
	if li.scheme == nil {
		li.scheme = EqualWeights{}
	}
	names := map[string]bool{}
	for _, m := range measures {
		switch {
		case m.Name == "":
			return nil, errorf(ErrInvalid, "loyalty index: a measure has no name")
		case names[m.Name]:
			return nil, errorf(ErrDuplicate, "loyalty index: measure %q given twice", m.Name)
		case m.Direction != HigherIsLoyal && m.Direction != LowerIsLoyal:
			return nil, errorf(ErrInvalid, "loyalty index: measure %q has no direction", m.Name)
		case o.Bounds == DeclaredBounds && !m.Low.LessThan(m.High):
			return nil, errorf(ErrInvalid, "loyalty index: measure %q bounds [%s, %s] need low < high", m.Name, m.Low, m.High)
		}
		names[m.Name] = true
	}
	if l, ok := li.scheme.(interface{ Leaves() []string }); ok {
		leaves := l.Leaves()
		for _, n := range leaves {
			if !names[n] {
				return nil, errorf(ErrUnknownItem, "loyalty index: scheme leaf %q is not a measure", n)
			}
		}
		for n := range names {
			if !slices.Contains(leaves, n) {
				return nil, errorf(ErrMissing, "loyalty index: measure %q has no weight in the scheme", n)
			}
		}
	}
	return li, nil
}

// Score returns one customer's index from raw values by measure name,
// under declared bounds (under [PopulationRange] use ScoreAll:
// [ErrInvalid]). A missing measure is [ErrMissing], an unknown one
// [ErrUnknownItem], a value outside its bounds [ErrOutOfRange].
func (li *LoyaltyIndex) Score(values map[string]decimal.Decimal) (Result, error) {
	if li == nil {
		return Result{}, errorf(ErrInvalid, "loyalty index not built (use NewLoyaltyIndex)")
	}
	if li.bounds != DeclaredBounds {
		return Result{}, errorf(ErrInvalid, "loyalty index: population-range bounds need ScoreAll")
	}
	return li.score(values, func(m Measure) (decimal.Decimal, decimal.Decimal) { return m.Low, m.High })
}

// Loyalty returns the index of d.Measures (declared bounds).
func (li *LoyaltyIndex) Loyalty(d LoyaltyData) (Result, error) { return li.Score(d.Measures) }

// ScoreAll returns the index of every customer (raw values by customer
// id, then by measure name), normalising against declared bounds or the
// population's range, as the index was built.
func (li *LoyaltyIndex) ScoreAll(customers map[string]map[string]decimal.Decimal) (map[string]Result, error) {
	if li == nil || li.scheme == nil {
		return nil, errorf(ErrInvalid, "loyalty index not built (use NewLoyaltyIndex)")
	}
	if len(customers) == 0 {
		return nil, errorf(ErrEmpty, "loyalty index: no customers")
	}
	lo, hi := map[string]decimal.Decimal{}, map[string]decimal.Decimal{}
	ids := slices.Sorted(maps.Keys(customers))
	for _, m := range li.measures {
		lo[m.Name], hi[m.Name] = m.Low, m.High
		if li.bounds == PopulationRange {
			first := true
			for _, id := range ids {
				v, ok := customers[id][m.Name]
				if !ok {
					return nil, errorf(ErrMissing, "loyalty index: customer %q has no value for %q", id, m.Name)
				}
				if first || v.LessThan(lo[m.Name]) {
					lo[m.Name] = v
				}
				if first || v.GreaterThan(hi[m.Name]) {
					hi[m.Name] = v
				}
				first = false
			}
		}
	}
	out := make(map[string]Result, len(customers))
	for _, id := range ids {
		r, err := li.score(customers[id], func(m Measure) (decimal.Decimal, decimal.Decimal) { return lo[m.Name], hi[m.Name] })
		if err != nil {
			return nil, &Error{Part: "customer", Name: id, Err: err}
		}
		out[id] = r.WithLabel("loyalty index " + id)
	}
	return out, nil
}

func (li *LoyaltyIndex) score(values map[string]decimal.Decimal, bounds func(Measure) (decimal.Decimal, decimal.Decimal)) (Result, error) {
	if li.scheme == nil {
		return Result{}, errorf(ErrInvalid, "loyalty index not built (use NewLoyaltyIndex)")
	}
	for _, k := range slices.Sorted(maps.Keys(values)) {
		if !slices.ContainsFunc(li.measures, func(m Measure) bool { return m.Name == k }) {
			return Result{}, errorf(ErrUnknownItem, "loyalty index: measure %q not known", k)
		}
	}
	in := make(map[string]Result, len(li.measures))
	hundred := decimal.NewFromInt(100)
	for _, m := range li.measures {
		v, ok := values[m.Name]
		if !ok {
			return Result{}, errorf(ErrMissing, "loyalty index: no value for measure %q", m.Name)
		}
		lo, hi := bounds(m)
		if v.LessThan(lo) || v.GreaterThan(hi) {
			return Result{}, errorf(ErrOutOfRange, "loyalty index: measure %q value %s outside [%s, %s]", m.Name, v, lo, hi)
		}
		if lo.Equal(hi) {
			r, err := Given(m.Name+" (all equal)", Points, hundred)
			if err != nil {
				return Result{}, err
			}
			in[m.Name] = r.labels(m.Name+"（全部相等）", m.Name+" (all equal)")
			continue
		}
		num := v.Sub(lo)
		formula := "(" + v.String() + " − " + lo.String() + ") / (" + hi.String() + " − " + lo.String() + ") × 100"
		if m.Direction == LowerIsLoyal {
			num = hi.Sub(v)
			formula = "(" + hi.String() + " − " + v.String() + ") / (" + hi.String() + " − " + lo.String() + ") × 100"
		}
		r, err := FromRat(m.Name, Points, exact.Quo(num.Mul(hundred).Rat(), hi.Sub(lo).Rat()))
		if err != nil {
			return Result{}, err
		}
		in[m.Name] = r.WithFormula(func() string { return formula })
	}
	r, err := li.scheme.Combine(in)
	if err != nil {
		return Result{}, err
	}
	return r.WithLabel("loyalty index"), nil
}

var boundsTexts = [...]string{0: "declared", 1: "population_range"}

// String returns the bounds's name: "declared", "population_range".
func (b Bounds) String() string { return boundsEnum.String(b) }

// MarshalText encodes the bounds by its name ("declared", "population_range"); an unknown
// value is an error wrapping [ErrInvalid].
func (b Bounds) MarshalText() ([]byte, error) { return boundsEnum.MarshalText(b) }

// UnmarshalText decodes a bounds name; any other text is an error
// wrapping [ErrInvalid].
func (b *Bounds) UnmarshalText(text []byte) error { return boundsEnum.UnmarshalText(text, b) }

// String returns "higher_is_loyal" or "lower_is_loyal".
func (d Direction) String() string { return directionEnum.String(d) }

// MarshalText encodes the direction as "higher_is_loyal" or
// "lower_is_loyal"; any other value is an error wrapping [ErrInvalid].
func (d Direction) MarshalText() ([]byte, error) { return directionEnum.MarshalText(d) }

// UnmarshalText decodes "higher_is_loyal" or "lower_is_loyal"; any other
// text is an error wrapping [ErrInvalid].
func (d *Direction) UnmarshalText(text []byte) error { return directionEnum.UnmarshalText(text, d) }

// The names of the enums of this file (the one mechanism: internal/enum).
var boundsEnum = enum.New[Bounds]("Bounds", "bounds", ErrInvalid, errorf, boundsTexts[:]...)

var directionEnum = enum.New[Direction]("Direction", "direction", ErrInvalid, errorf, "lower_is_loyal", "", "higher_is_loyal").From(LowerIsLoyal)
