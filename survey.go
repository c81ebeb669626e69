package csat

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"github.com/csatkit/csat/internal/enum"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/csatkit/csat/internal/exact"
	"github.com/shopspring/decimal"
)

// A SurveyMethod is how a survey is carried out (METHOD.md §9).
type SurveyMethod uint8

// Survey methods; the PVC write-up trusts visits more than mail
// questionnaires (people answer "all fine").
const (
	InDepthInterview  SurveyMethod = iota + 1 // 深度访谈
	FocusGroup                                // 焦点小组
	Telephone                                 // 电话调查
	MailQuestionnaire                         // 邮寄问卷
	HomeVisit                                 // 走访
	MysteryShopper                            // 神秘顾客
)

// A Stratum is a sub-group of the population surveyed (by customer size,
// sales volume, region or industry): its name, its size and, for Neyman
// allocation, the spread (standard deviation) of satisfaction in it.
type Stratum struct {
	Name       string
	Population int
	StdDev     decimal.Decimal
}

// A Plan is a regular survey's plan.
type Plan struct {
	Period string
	// Dimension says what the strata divide by: "customer size", "sales
	// volume", "region", "industry".
	Dimension string
	Strata    []Stratum
	// KeyCustomers 重点客户 must all be among Respondents.
	KeyCustomers []string
	Respondents  []string
	Method       SurveyMethod
	// PlannedForms and PlannedCompetitorForms are the returned forms
	// planned.
	PlannedForms, PlannedCompetitorForms int
}

// PlanRules are the method's minimums; zero fields mean 100 forms and 10
// competitor forms.
type PlanRules struct {
	MinForms, MinCompetitorForms int
}

// Check validates the plan against the rules and returns every violation
// joined ([errors.Join]), each wrapping its own sentinel
// ([ErrTooFewForms], [ErrTooFewCompetitorForms], [ErrKeyCustomerMissing],
// [ErrInvalid] for a malformed plan), or nil.
func (p Plan) Check(rules *PlanRules) error {
	var r PlanRules
	if rules != nil {
		r = *rules
	}
	if r.MinForms == 0 {
		r.MinForms = 100
	}
	if r.MinCompetitorForms == 0 {
		r.MinCompetitorForms = 10
	}
	var errs []error
	if p.PlannedForms < r.MinForms {
		errs = append(errs, errorf(ErrTooFewForms, "plan %q: %d forms planned, at least %d needed", p.Period, p.PlannedForms, r.MinForms))
	}
	if p.PlannedCompetitorForms < r.MinCompetitorForms {
		errs = append(errs, errorf(ErrTooFewCompetitorForms, "plan %q: %d competitor forms planned, at least %d needed", p.Period, p.PlannedCompetitorForms, r.MinCompetitorForms))
	}
	resp := map[string]bool{}
	for _, id := range p.Respondents {
		resp[id] = true
	}
	for _, k := range p.KeyCustomers {
		if !resp[k] {
			errs = append(errs, errorf(ErrKeyCustomerMissing, "plan %q: key customer %q is not a respondent", p.Period, k))
		}
	}
	if p.Method < InDepthInterview || p.Method > MysteryShopper {
		errs = append(errs, errorf(ErrInvalid, "plan %q: survey method %d", p.Period, p.Method))
	}
	seen := map[string]bool{}
	for _, s := range p.Strata {
		if s.Name == "" || seen[s.Name] || s.Population < 0 {
			errs = append(errs, errorf(ErrInvalid, "plan %q: stratum %q empty, repeated or negative", p.Period, s.Name))
		}
		seen[s.Name] = true
	}
	return errors.Join(errs...)
}

// A SampleSize is the result of Cochran's formula.
type SampleSize struct {
	// Z is the normal quantile used.
	Z decimal.Decimal `json:"z"`
	// N0 is Cochran's n₀ = z²·p(1−p)/e² (exact for the z used).
	N0 Result `json:"n0"`
	// Corrected is n₀ / (1 + (n₀ − 1)/N) with the finite-population
	// correction (equal to N0 without a population), exact.
	Corrected Result `json:"corrected"`
	// N is Corrected rounded up to a whole form.
	N int `json:"n"`
}

// SampleSizeOptions configures [CochranSampleSize]. Zero values mean
// 95% confidence, p = 0.5, margin 5%, no population (infinite), and the
// table value of z to two places.
type SampleSizeOptions struct {
	Level, P, Margin decimal.Decimal
	// Population is N for the finite-population correction; 0 means none.
	Population int
	// ExactZ uses the normal quantile to [Precision] places instead of
	// the two-place table value (1.96 for 95%) that survey practice and
	// the method's reference (n₀ = 384.16) use.
	ExactZ bool
}

// CochranSampleSize returns the number of forms needed (METHOD.md §9,
// beyond the sources): n₀ = z²·p(1−p)/e², then with N customers n =
// n₀ / (1 + (n₀ − 1)/N), rounded up. With N 2000, e 5%, p 0.5, 95%:
// n₀ = 1.96²×0.25/0.0025 = 384.16, n = 384.16/1.19158 = 322.3954… → 323.
// Our rounding: z is the table value to two places unless ExactZ (n₀ is
// then 384.1459, n still 323); only the final n is rounded, always up.
func CochranSampleSize(opts *SampleSizeOptions) (SampleSize, error) {
	var o SampleSizeOptions
	if opts != nil {
		o = *opts
	}
	one := decimal.NewFromInt(1)
	if o.P.IsZero() {
		o.P = decimal.New(5, -1)
	}
	if o.Margin.IsZero() {
		o.Margin = decimal.New(5, -2)
	}
	if !o.P.IsPositive() || !o.P.LessThan(one) {
		return SampleSize{}, errorf(ErrOutOfRange, "sample size: p %s outside (0, 1)", o.P)
	}
	if !o.Margin.IsPositive() || !o.Margin.LessThan(one) {
		return SampleSize{}, errorf(ErrOutOfRange, "sample size: margin %s outside (0, 1)", o.Margin)
	}
	if o.Population < 0 {
		return SampleSize{}, errorf(ErrNegative, "sample size: population %d", o.Population)
	}
	z, _, err := zFor(o.Level)
	if err != nil {
		return SampleSize{}, err
	}
	if o.ExactZ {
		z = z.Round(Precision)
	} else {
		z = z.Round(2)
	}
	n0 := exact.Quo(exact.Mul(exact.Mul(z.Rat(), z.Rat()), exact.Mul(o.P.Rat(), exact.Sub(exact.Int(1), o.P.Rat()))),
		exact.Mul(o.Margin.Rat(), o.Margin.Rat()))
	pp, e := o.P, o.Margin
	ss := SampleSize{Z: z}
	n0res, err := FromRat("n₀", Points, n0)
	if err != nil {
		return SampleSize{}, err
	}
	ss.N0 = n0res.WithFormula(func() string {
		return z.String() + "² × " + pp.String() + " × (1 − " + pp.String() + ") / " + e.String() + "²"
	})
	corr := n0
	if o.Population > 0 {
		N := exact.Int(int64(o.Population))
		corr = exact.Quo(n0, exact.Add(exact.Int(1), exact.Quo(exact.Sub(n0, exact.Int(1)), N)))
	}
	n0r := ss.N0
	pop := o.Population
	corrRes, err := FromRat("n", Points, corr)
	if err != nil {
		return SampleSize{}, err
	}
	ss.Corrected = corrRes.WithFormula(func() string {
		if pop == 0 {
			return n0r.String() + " (no finite-population correction)"
		}
		return n0r.String() + " / (1 + (" + n0r.String() + " − 1) / " + strconv.Itoa(pop) + ")"
	}).WithParts(ss.N0)
	c := new(big.Int).Quo(corr.Num(), corr.Denom())
	if new(big.Rat).SetInt(c).Cmp(corr) < 0 {
		c.Add(c, big.NewInt(1))
	}
	if !c.IsInt64() || c.Int64() > 1<<40 {
		return SampleSize{}, errorf(ErrOverflow, "sample size: %s forms", c)
	}
	ss.N = int(c.Int64())
	if o.Population > 0 && ss.N > o.Population {
		ss.N = o.Population
	}
	return ss, nil
}

// Allocation selects how a sample is split over strata.
type Allocation uint8

const (
	// Proportional gives each stratum n·N_h/N (the zero value).
	Proportional Allocation = iota
	// Neyman gives each stratum n·N_h·S_h / Σ N_h·S_h (more forms where
	// satisfaction varies more).
	Neyman
)

// Allocate splits n forms over the strata. The exact shares are rounded
// by the largest-remainder method (floors first, then one more form to the
// largest remainders, ties by stratum name), so the parts sum to exactly
// n; no stratum gets more forms than its population (the excess goes to
// the others in proportion). n above the total population is
// [ErrOutOfRange]; Neyman with all spreads zero falls back to
// proportional. Repeated or empty stratum names are [ErrInvalid].
func Allocate(strata []Stratum, n int, method Allocation) (map[string]int, error) {
	if n < 0 {
		return nil, errorf(ErrNegative, "allocate: %d forms", n)
	}
	if method > Neyman {
		return nil, errorf(ErrInvalid, "allocate: method %d", method)
	}
	total := 0
	seen := map[string]bool{}
	for _, s := range strata {
		if s.Name == "" || seen[s.Name] {
			return nil, errorf(ErrInvalid, "allocate: stratum name %q empty or repeated", s.Name)
		}
		if s.Population < 0 || s.StdDev.IsNegative() {
			return nil, errorf(ErrNegative, "allocate: stratum %q population %d, spread %s", s.Name, s.Population, s.StdDev)
		}
		seen[s.Name] = true
		if total > math.MaxInt-s.Population {
			return nil, errorf(ErrOverflow, "allocate: the strata's populations add up past %d", math.MaxInt)
		}
		total += s.Population
	}
	if n > total {
		return nil, errorf(ErrOutOfRange, "allocate: %d forms from a population of %d", n, total)
	}
	weight := func(s Stratum) *big.Rat {
		if method == Neyman {
			return exact.Mul(exact.Int(int64(s.Population)), s.StdDev.Rat())
		}
		return exact.Int(int64(s.Population))
	}
	wsum := new(big.Rat)
	for _, s := range strata {
		wsum.Add(wsum, weight(s))
	}
	if method == Neyman && wsum.Sign() == 0 {
		return Allocate(strata, n, Proportional)
	}
	out := make(map[string]int, len(strata))
	open := slices.Clone(strata)
	left := n
	for left > 0 && len(open) > 0 {
		ws := new(big.Rat)
		for _, s := range open {
			ws.Add(ws, weight(s))
		}
		if ws.Sign() == 0 { // only zero-weight strata left: spread by population
			for i := range open {
				open[i].StdDev = decimal.NewFromInt(1)
			}
			method = Proportional
			continue
		}
		shares := largestRemainder(open, weight, ws, left)
		var capped []Stratum
		over := false
		for _, s := range open {
			room := s.Population - out[s.Name]
			if shares[s.Name] >= room {
				if shares[s.Name] > room {
					over = true
				}
				shares[s.Name] = room
			} else {
				capped = append(capped, s)
			}
		}
		if !over {
			for _, s := range open {
				out[s.Name] += shares[s.Name]
				left -= shares[s.Name]
			}
			break
		}
		// Fill the strata that overflowed, then share the rest among the others.
		for _, s := range open {
			room := s.Population - out[s.Name]
			if shares[s.Name] == room {
				out[s.Name] += room
				left -= room
			}
		}
		open = capped
	}
	for _, s := range strata {
		if _, ok := out[s.Name]; !ok {
			out[s.Name] = 0
		}
	}
	return out, nil
}

func largestRemainder(strata []Stratum, weight func(Stratum) *big.Rat, wsum *big.Rat, n int) map[string]int {
	type rem struct {
		name string
		frac *big.Rat
	}
	out := make(map[string]int, len(strata))
	var rems []rem
	given := 0
	for _, s := range strata {
		q := exact.Quo(exact.Mul(exact.Int(int64(n)), weight(s)), wsum)
		f := new(big.Int).Quo(q.Num(), q.Denom())
		out[s.Name] = int(f.Int64())
		given += int(f.Int64())
		rems = append(rems, rem{s.Name, exact.Sub(q, new(big.Rat).SetInt(f))})
	}
	slices.SortStableFunc(rems, func(a, b rem) int { return cmp.Or(b.frac.Cmp(a.frac), strings.Compare(a.name, b.name)) })
	for i := 0; given < n; i++ {
		out[rems[i%len(rems)].name]++
		given++
	}
	return out
}

// Draw picks n respondents from a customer list, deterministically from
// seed: each id is ranked by SHA-256(seed ‖ id) and the n lowest are
// taken, returned in list order. The same list (in any order) and seed
// always give the same respondents, without repeats, on any machine and
// Go version. Repeated or empty ids are [ErrInvalid]; n above the list
// length [ErrOutOfRange].
func Draw(customers []string, n int, seed uint64) ([]string, error) {
	if n < 0 || n > len(customers) {
		return nil, errorf(ErrOutOfRange, "draw: %d of %d customers", n, len(customers))
	}
	type ranked struct {
		id  string
		key [32]byte
	}
	seen := make(map[string]bool, len(customers))
	rs := make([]ranked, 0, len(customers))
	var sb [8]byte
	binary.BigEndian.PutUint64(sb[:], seed)
	for _, id := range customers {
		if id == "" || seen[id] {
			return nil, errorf(ErrInvalid, "draw: customer id %q empty or repeated", id)
		}
		seen[id] = true
		rs = append(rs, ranked{id, sha256.Sum256(append(sb[:], id...))})
	}
	slices.SortFunc(rs, func(a, b ranked) int {
		return cmp.Or(strings.Compare(string(a.key[:]), string(b.key[:])), strings.Compare(a.id, b.id))
	})
	picked := make(map[string]bool, n)
	for _, r := range rs[:n] {
		picked[r.id] = true
	}
	out := make([]string, 0, n)
	for _, id := range customers {
		if picked[id] {
			out = append(out, id)
		}
	}
	return out, nil
}

var surveyMethodTexts = [...]string{1: "in_depth_interview", 2: "focus_group", 3: "telephone", 4: "mail_questionnaire", 5: "home_visit", 6: "mystery_shopper"}

// String returns the survey method's name: "in_depth_interview", "focus_group", "telephone", "mail_questionnaire", "home_visit", "mystery_shopper".
func (m SurveyMethod) String() string { return surveyMethodEnum.String(m) }

// MarshalText encodes the survey method by its name ("in_depth_interview", "focus_group", "telephone", "mail_questionnaire", "home_visit", "mystery_shopper"); an unknown
// value is an error wrapping [ErrInvalid].
func (m SurveyMethod) MarshalText() ([]byte, error) { return surveyMethodEnum.MarshalText(m) }

// UnmarshalText decodes a survey method name; any other text is an error
// wrapping [ErrInvalid].
func (m *SurveyMethod) UnmarshalText(text []byte) error {
	return surveyMethodEnum.UnmarshalText(text, m)
}

var allocationTexts = [...]string{0: "proportional", 1: "neyman"}

// String returns the allocation's name: "proportional", "neyman".
func (a Allocation) String() string { return allocationEnum.String(a) }

// MarshalText encodes the allocation by its name ("proportional", "neyman"); an unknown
// value is an error wrapping [ErrInvalid].
func (a Allocation) MarshalText() ([]byte, error) { return allocationEnum.MarshalText(a) }

// UnmarshalText decodes a allocation name; any other text is an error
// wrapping [ErrInvalid].
func (a *Allocation) UnmarshalText(text []byte) error { return allocationEnum.UnmarshalText(text, a) }

// The names of the enums of this file (the one mechanism: internal/enum).
var surveyMethodEnum = enum.New[SurveyMethod]("SurveyMethod", "survey method", ErrInvalid, errorf, surveyMethodTexts[:]...)
var allocationEnum = enum.New[Allocation]("Allocation", "allocation", ErrInvalid, errorf, allocationTexts[:]...)
