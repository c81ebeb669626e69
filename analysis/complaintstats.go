package analysis

import (
	"cmp"
	"errors"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/enum"
	"github.com/csatkit/csat/internal/exact"
	"github.com/shopspring/decimal"
)

// LossModel says how the deck's rule "past the limit, every further day
// loses about 10% of the affected customers" (METHOD.md §6) adds up over
// several days.
type LossModel uint8

const (
	// LossCompound (default): each completed day past the limit, the
	// daily rate of the customers still there leave; after d days the
	// share lost is 1 − (1 − rate)^d. It never exceeds 100%. Exact up
	// to 1,000 days past the limit; beyond, computed to 60 decimal places
	// (within 10⁻⁵⁰ of the exact share), so that old open complaints cost
	// microseconds, not seconds.
	LossCompound LossModel = iota
	// LossLinear reads the share lost as rate × d, capped at 100%.
	LossLinear
)

// ComplaintOptions sets the period and the rules of thumb of the
// performance-excellence deck. Every rate is a parameter; an unset
// (invalid) one takes the deck's value.
type ComplaintOptions struct {
	// AsOf is the end of the period: the ages of open complaints and
	// their delay are measured to it. Required when a complaint is open.
	AsOf time.Time
	// Limit is the handling limit; 0 means 24 hours.
	Limit time.Duration
	// FormalShare, VoiceShare and SilentShare split the dissatisfied
	// customers into those who complain formally (5%), voice it
	// elsewhere (35%) and say nothing (60%). They must sum to 1.
	FormalShare, VoiceShare, SilentShare decimal.NullDecimal
	// LossPerDay is the share of affected customers lost per completed
	// day past the limit (10%), in [0, 1].
	LossPerDay decimal.NullDecimal
	// Loss is how the daily loss adds up (default [LossCompound]).
	Loss LossModel
	// ReturnIfResolved (60%) and ReturnIfWithinLimit (95%) are the shares
	// of complainants expected back when their complaint was resolved,
	// late or within the limit; in [0, 1].
	ReturnIfResolved, ReturnIfWithinLimit decimal.NullDecimal
	// WordOfMouth is how many others a quickly satisfied complainant
	// tells (5).
	WordOfMouth decimal.NullDecimal
}

type complaintRules struct {
	limit                                  time.Duration
	formal, voice, silent, loss, ret, retQ decimal.Decimal
	mouth                                  decimal.Decimal
	model                                  LossModel
}

func orDefault(n decimal.NullDecimal, def string) decimal.Decimal {
	if n.Valid {
		return n.Decimal
	}
	return decimal.RequireFromString(def)
}

func (o ComplaintOptions) rules() (complaintRules, error) {
	r := complaintRules{limit: o.Limit, model: o.Loss,
		formal: orDefault(o.FormalShare, "0.05"), voice: orDefault(o.VoiceShare, "0.35"),
		silent: orDefault(o.SilentShare, "0.60"), loss: orDefault(o.LossPerDay, "0.10"),
		ret: orDefault(o.ReturnIfResolved, "0.60"), retQ: orDefault(o.ReturnIfWithinLimit, "0.95"),
		mouth: orDefault(o.WordOfMouth, "5")}
	if r.limit == 0 {
		r.limit = 24 * time.Hour
	}
	if r.limit < 0 {
		return r, errorf(csat.ErrNegative, "complaints: limit %s", r.limit)
	}
	if r.model > LossLinear {
		return r, errorf(csat.ErrInvalid, "complaints: loss model %d", r.model)
	}
	one := decimal.NewFromInt(1)
	for _, p := range []struct {
		name string
		v    decimal.Decimal
	}{{"formal share", r.formal}, {"voice share", r.voice}, {"silent share", r.silent},
		{"loss per day", r.loss}, {"return if resolved", r.ret}, {"return if within limit", r.retQ}} {
		if p.v.IsNegative() || p.v.GreaterThan(one) {
			return r, errorf(csat.ErrOutOfRange, "complaints: %s %s outside 0..1", p.name, p.v)
		}
	}
	if !r.formal.IsPositive() {
		return r, errorf(csat.ErrInvalid, "complaints: formal share must be positive")
	}
	if s := r.formal.Add(r.voice).Add(r.silent); !s.Equal(one) {
		return r, errorf(csat.ErrWeightsMismatch, "complaints: formal, voice and silent shares sum to %s, not 1", s)
	}
	if r.mouth.IsNegative() {
		return r, errorf(csat.ErrNegative, "complaints: word of mouth %s", r.mouth)
	}
	return r, nil
}

// An OutcomeCount is the number and share of complaints with one outcome;
// open complaints not yet handled count as [csat.NotHandled].
type OutcomeCount struct {
	Outcome csat.Outcome `json:"outcome"`
	Count   int          `json:"count"`
	Share   csat.Result  `json:"share"`
}

// An OpenComplaint is a complaint not resolved by the end of the period.
type OpenComplaint struct {
	ID       string        `json:"id"`
	Customer string        `json:"customer"`
	Age      time.Duration `json:"age"` // AsOf − Received
}

// A DurationStats summarises response or resolution times: the number
// measured, the median and the 90th percentile by the nearest-rank method
// (the ⌈p·n⌉-th smallest value, so always an observed time; the median of
// an even count is the lower middle value), each also as a [csat.Result] in
// hours.
type DurationStats struct {
	N           int           `json:"n"`
	Median      time.Duration `json:"median"`
	P90         time.Duration `json:"p90"`
	MedianHours csat.Result   `json:"median_hours"`
	P90Hours    csat.Result   `json:"p90_hours"`
}

// ComplaintFigures are the complaint-handling figures of a period
// (METHOD.md §6). Each figure that is computed is a [csat.Result] that
// explains itself.
type ComplaintFigures struct {
	Total int `json:"total"`
	// WithinLimit is the share of complaints resolved within the limit.
	WithinLimit csat.Result    `json:"within_limit"`
	Response    DurationStats  `json:"response"`   // received → first response
	Resolution  DurationStats  `json:"resolution"` // received → resolved
	Outcomes    []OutcomeCount `json:"outcomes"`
	// Open lists the open complaints, oldest first, ties by id.
	Open []OpenComplaint `json:"open"`
	// Complainants is the number of distinct complaining customers.
	Complainants int `json:"complainants"`
	// Dissatisfied estimates the dissatisfied customers: complainants /
	// formal share (the iceberg); VoiceElsewhere and Silent are its
	// voice and silent shares.
	Dissatisfied   csat.Result `json:"dissatisfied"`
	VoiceElsewhere csat.Result `json:"voice_elsewhere"`
	Silent         csat.Result `json:"silent"`
	// ExpectedLost is the expected number of complainants lost to delay
	// past the limit, per complaint: d completed days past the limit
	// (resolution time, or AsOf for an open complaint) lose 1 − (1 −
	// rate)^d or min(1, rate × d) of the complainant.
	ExpectedLost csat.Result `json:"expected_lost"`
	// ExpectedReturns is the expected number of complainants who come
	// back: ReturnIfWithinLimit for each resolved within the limit,
	// ReturnIfResolved for each resolved late.
	ExpectedReturns csat.Result `json:"expected_returns"`
	// WordOfMouth is the expected number of people told by complainants
	// satisfied quickly (resolved within the limit, outcome satisfied or
	// very satisfied): WordOfMouth × their number.
	WordOfMouth csat.Result `json:"word_of_mouth"`
}

// Complaints computes the figures over the complaints of a period.
// Each complaint is validated ([csat.Complaint.Validate]) and must have a
// customer and a received time ([csat.ErrMissing]); a handled one needs
// its resolution time ([csat.ErrMissing]); ids must be unique
// ([csat.ErrDuplicate]); an open complaint needs opts.AsOf
// ([csat.ErrMissing]), and times after AsOf are [csat.ErrBadTimes]. No
// complaints is [csat.ErrEmpty]. Each complaint stands for one affected
// customer in the loss, return and word-of-mouth figures; the iceberg
// counts distinct customers.
func Complaints(cs []csat.Complaint, opts *ComplaintOptions) (ComplaintFigures, error) {
	var o ComplaintOptions
	if opts != nil {
		o = *opts
	}
	r, err := o.rules()
	if err != nil {
		return ComplaintFigures{}, err
	}
	cs, err = checkComplaints(cs, o.AsOf)
	if err != nil {
		return ComplaintFigures{}, err
	}
	c := countComplaints(cs, o.AsOf, r)
	f := ComplaintFigures{Total: len(cs), Open: c.open, Complainants: len(c.customers)}
	if err := errors.Join(f.handling(c, r), f.iceberg(r), f.effects(c, r)); err != nil {
		return ComplaintFigures{}, err
	}
	return f, nil
}

// checkComplaints validates the complaints of a period ending asOf (zero:
// not given) and returns them sorted by id.
func checkComplaints(cs []csat.Complaint, asOf time.Time) ([]csat.Complaint, error) {
	if len(cs) == 0 {
		return nil, errorf(csat.ErrEmpty, "complaints: none given")
	}
	// The period's end obeys the range of complaint times (Validate's).
	if err := (csat.Complaint{ID: "AsOf", Received: asOf, Outcome: csat.NotHandled}).Validate(); err != nil {
		return nil, errorf(csat.ErrOutOfRange, "complaints: the period's end (AsOf) %s is outside 1900-01-01 to 2150-01-01", asOf.Format(time.RFC3339))
	}
	seen := make(map[string]bool, len(cs))
	for _, c := range cs {
		if err := c.Validate(); err != nil {
			return nil, err
		}
		if c.ID != "" && seen[c.ID] {
			return nil, errorf(csat.ErrDuplicate, "complaint id %q given twice", c.ID)
		}
		seen[c.ID] = true
	}
	for _, c := range cs {
		if c.ID == "" {
			return nil, errorf(csat.ErrMissing, "complaint of customer %s: no id (the figures list complaints by id)", quoteShort(c.Customer))
		}
	}
	cs = slices.Clone(cs)
	slices.SortFunc(cs, func(a, b csat.Complaint) int { return strings.Compare(a.ID, b.ID) })
	for _, c := range cs {
		switch {
		case c.Customer == "":
			return nil, errorf(csat.ErrMissing, "complaint %q: no customer", c.ID)
		case c.Received.IsZero():
			return nil, errorf(csat.ErrMissing, "complaint %q: no received time", c.ID)
		case c.Outcome.Handled() && c.Resolved.IsZero():
			return nil, errorf(csat.ErrMissing, "complaint %q: outcome %s but no resolution time", c.ID, c.Outcome)
		case c.Open() && asOf.IsZero():
			return nil, errorf(csat.ErrMissing, "complaint %q is open: ComplaintOptions.AsOf is required", c.ID)
		}
		if asOf.IsZero() {
			continue
		}
		for _, t := range []time.Time{c.Received, c.FirstResponse, c.Resolved} {
			if t.After(asOf) {
				return nil, errorf(csat.ErrBadTimes, "complaint %q: time %s is after the period's end %s",
					c.ID, t.Format(time.RFC3339), asOf.Format(time.RFC3339))
			}
		}
	}
	return cs, nil
}

// complaintCounts are what the figures are computed from: one pass over
// the complaints.
type complaintCounts struct {
	n                            decimal.Decimal // complaints
	within, late, quickSatisfied int64
	response, resolution         []time.Duration
	outcomes                     map[csat.Outcome]int
	customers                    map[string]bool
	open                         []OpenComplaint // oldest first, ties by id
	lost                         *big.Rat        // Σ share lost to delay
	lostTerms                    []string
}

// countComplaints counts the checked complaints cs of a period ending
// asOf under the rules r.
func countComplaints(cs []csat.Complaint, asOf time.Time, r complaintRules) complaintCounts {
	c := complaintCounts{n: decimal.NewFromInt(int64(len(cs))), outcomes: map[csat.Outcome]int{},
		customers: map[string]bool{}, lost: new(big.Rat)}
	for _, cp := range cs {
		c.customers[cp.Customer] = true
		c.outcomes[cp.Outcome]++
		if !cp.FirstResponse.IsZero() {
			c.response = append(c.response, cp.FirstResponse.Sub(cp.Received))
		}
		end := asOf
		if cp.Open() {
			c.open = append(c.open, OpenComplaint{ID: cp.ID, Customer: cp.Customer, Age: asOf.Sub(cp.Received)})
		} else {
			d := cp.Resolved.Sub(cp.Received)
			c.resolution = append(c.resolution, d)
			end = cp.Resolved
			switch {
			case d > r.limit:
				c.late++
			case cp.Outcome == csat.HandledSatisfied || cp.Outcome == csat.HandledVerySatisfied:
				c.within++
				c.quickSatisfied++
			default:
				c.within++
			}
		}
		if days := int64((end.Sub(cp.Received) - r.limit) / (24 * time.Hour)); end.Sub(cp.Received) > r.limit && days > 0 {
			c.lost.Add(c.lost, lossShare(r, days))
			c.lostTerms = append(c.lostTerms, cp.ID+": "+strconv.FormatInt(days, 10)+"d")
		}
	}
	slices.SortStableFunc(c.open, func(a, b OpenComplaint) int {
		return cmp.Or(cmp.Compare(b.Age, a.Age), strings.Compare(a.ID, b.ID))
	})
	return c
}

// handling sets the share handled within the limit, the response and
// resolution times and the outcomes.
func (f *ComplaintFigures) handling(c complaintCounts, r complaintRules) error {
	n := c.n
	wl, err := csat.Quotient("handled within "+hours(r.limit), csat.Fraction, decimal.NewFromInt(c.within), n)
	f.WithinLimit = localised(wl.WithFormula(func() string { return decimal.NewFromInt(c.within).String() + " / " + n.String() }),
		hours(r.limit)+" 内处理的占比", "handled within "+hours(r.limit))
	errs := []error{err}
	f.Response = durationStats("response time", c.response)
	f.Resolution = durationStats("resolution time", c.resolution)
	for _, oc := range csat.Outcomes() {
		k := decimal.NewFromInt(int64(c.outcomes[oc]))
		sh, err := csat.Quotient(oc.LabelZH()+" share", csat.Fraction, k, n)
		errs = append(errs, err)
		f.Outcomes = append(f.Outcomes, OutcomeCount{Outcome: oc, Count: c.outcomes[oc],
			Share: localised(sh.WithFormula(func() string { return k.String() + " / " + n.String() }), oc.LabelZH()+"占比", oc.Label()+" share")})
	}
	return errors.Join(errs...)
}

// iceberg sets the estimate of the dissatisfied customers from the
// complainants: those who voice it elsewhere and those who say nothing.
func (f *ComplaintFigures) iceberg(r complaintRules) error {
	k := decimal.NewFromInt(int64(f.Complainants))
	var errs [3]error
	f.Dissatisfied, errs[0] = ratf("dissatisfied customers (iceberg)", exact.Quo(k.Rat(), r.formal.Rat()), func() string {
		return k.String() + " complainants / " + r.formal.String()
	})
	f.Dissatisfied = f.Dissatisfied.In("zh", zhLabel("dissatisfied customers (iceberg)"), func() string {
		return k.String() + " 位投诉客户 / " + r.formal.String()
	})
	diss := f.Dissatisfied
	f.VoiceElsewhere, errs[1] = ratf("voice it elsewhere", exact.Mul(diss.Rat(), r.voice.Rat()), func() string {
		return diss.String() + " × " + r.voice.String()
	})
	f.Silent, errs[2] = ratf("say nothing", exact.Mul(diss.Rat(), r.silent.Rat()), func() string {
		return diss.String() + " × " + r.silent.String()
	})
	return errors.Join(errs[:]...)
}

// effects sets the expected customers lost to delay, the expected
// returning complainants and the word-of-mouth reach.
func (f *ComplaintFigures) effects(c complaintCounts, r complaintRules) error {
	model := "1 − (1 − " + r.loss.String() + ")^d"
	if r.model == LossLinear {
		model = "min(1, " + r.loss.String() + " × d)"
	}
	var errs [3]error
	f.ExpectedLost, errs[0] = ratf("expected customers lost to delay", c.lost, func() string {
		if len(c.lostTerms) == 0 {
			return "no complaint past the limit by a full day"
		}
		return "Σ " + model + " over " + strings.Join(c.lostTerms, ", ")
	})
	f.ExpectedLost = f.ExpectedLost.In("zh", zhLabel("expected customers lost to delay"), func() string {
		if len(c.lostTerms) == 0 {
			return "没有超过时限满一天的投诉"
		}
		return "Σ " + model + "，d 取 " + strings.Join(c.lostTerms, "、")
	})
	within, late := c.within, c.late
	ret := exact.Add(exact.Mul(r.retQ.Rat(), exact.Int(within)), exact.Mul(r.ret.Rat(), exact.Int(late)))
	f.ExpectedReturns, errs[1] = ratf("expected returning complainants", ret, func() string {
		return r.retQ.String() + "×" + strconv.FormatInt(within, 10) + " within the limit + " +
			r.ret.String() + "×" + strconv.FormatInt(late, 10) + " late"
	})
	f.ExpectedReturns = f.ExpectedReturns.In("zh", zhLabel("expected returning complainants"), func() string {
		return r.retQ.String() + "×" + strconv.FormatInt(within, 10) + "（时限内）+ " +
			r.ret.String() + "×" + strconv.FormatInt(late, 10) + "（超时）"
	})
	f.WordOfMouth, errs[2] = ratf("word-of-mouth reach", exact.Mul(r.mouth.Rat(), exact.Int(c.quickSatisfied)), func() string {
		return r.mouth.String() + " × " + strconv.FormatInt(c.quickSatisfied, 10) + " quickly satisfied"
	})
	f.WordOfMouth = f.WordOfMouth.In("zh", zhLabel("word-of-mouth reach"), func() string {
		return r.mouth.String() + " × " + strconv.FormatInt(c.quickSatisfied, 10) + " 位迅速满意的投诉客户"
	})
	return errors.Join(errs[:]...)
}

// ratf returns the exact q labelled label, of kind Points, explained by
// formula.
func ratf(label string, q *big.Rat, formula func() string) (csat.Result, error) {
	r, err := csat.FromRat(label, csat.Points, q)
	return r.WithFormula(formula), err
}

// lossShare returns the share of a complainant lost after days completed
// days past the limit.
func lossShare(r complaintRules, days int64) *big.Rat {
	rate := r.loss.Rat()
	if r.model == LossLinear {
		s := exact.Mul(rate, exact.Int(days))
		if s.Cmp(exact.Int(1)) > 0 {
			return exact.Int(1)
		}
		return s
	}
	keep := exact.Sub(exact.Int(1), rate)
	if days > exactLossDays {
		return exact.Sub(exact.Int(1), fixedPow(keep, days))
	}
	e := big.NewInt(days)
	num := new(big.Int).Exp(keep.Num(), e, nil)
	den := new(big.Int).Exp(keep.Denom(), e, nil)
	return exact.Sub(exact.Int(1), new(big.Rat).SetFrac(num, den))
}

// The compound loss 1 − (1 − rate)^d is exact up to exactLossDays days
// past the limit. Past that, the exact power's numerator and denominator
// grow by digits a day (0.9^d has d of each; a complaint open for three
// centuries would cost 0.3 s and 100 kB), so the power is computed in fixed
// point with lossPlaces decimal places, each product truncated: with d
// below 10⁶ (complaint times span at most 250 years) the share is within
// 10⁻⁵⁰ of the exact one, far below any figure's displayed precision.
const (
	exactLossDays = 1000
	lossPlaces    = 60
)

// fixedPow returns x^n (0 ≤ x ≤ 1) computed by binary powering in fixed
// point with lossPlaces decimal places, truncating each product: the error
// is below (n + 2·log₂ n + 1)·10^−lossPlaces.
func fixedPow(x *big.Rat, n int64) *big.Rat {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(lossPlaces), nil)
	base := new(big.Int).Mul(x.Num(), scale)
	base.Quo(base, x.Denom())
	acc := new(big.Int).Set(scale)
	for ; n > 0; n >>= 1 {
		if n&1 == 1 {
			acc.Mul(acc, base).Quo(acc, scale)
		}
		base.Mul(base, base).Quo(base, scale)
	}
	return new(big.Rat).SetFrac(acc, scale)
}

func hours(d time.Duration) string {
	h, _ := exact.Decimal(big.NewRat(int64(d), int64(time.Hour)), csat.DisplayPlaces)
	return h.String() + " h"
}

// hoursZh prints d in hours, in Chinese: "24 小时".
func hoursZh(d time.Duration) string {
	h, _ := exact.Decimal(big.NewRat(int64(d), int64(time.Hour)), csat.DisplayPlaces)
	return h.String() + " 小时"
}

func durationStats(label string, ds []time.Duration) DurationStats {
	st := DurationStats{N: len(ds)}
	if len(ds) == 0 {
		return st
	}
	slices.Sort(ds)
	rank := func(p, q int64) time.Duration { // ⌈p/q·n⌉-th smallest, 1-based
		k := (p*int64(len(ds)) + q - 1) / q
		return ds[max(k, 1)-1]
	}
	st.Median, st.P90 = rank(1, 2), rank(9, 10)
	h := func(name string, d time.Duration, p string) csat.Result {
		r, _ := ratf(name, big.NewRat(int64(d), int64(time.Hour)), func() string {
			return "nearest rank ⌈" + p + "×" + strconv.Itoa(len(ds)) + "⌉ of the sorted times = " + d.String()
		}) // FromRat fails only on a nil rational
		return r
	}
	zh := durationZh[label]
	st.MedianHours = h("median "+label+" (h)", st.Median, "0.5").In("zh", zh+"中位数（小时）", func() string {
		return "排序后第 ⌈0.5×" + strconv.Itoa(len(ds)) + "⌉ 个 = " + hoursZh(st.Median)
	})
	st.P90Hours = h("90th percentile "+label+" (h)", st.P90, "0.9").In("zh", zh+"第 90 百分位数（小时）", func() string {
		return "排序后第 ⌈0.9×" + strconv.Itoa(len(ds)) + "⌉ 个 = " + hoursZh(st.P90)
	})
	return st
}

// durationZh are the complaints' times in Chinese.
var durationZh = map[string]string{"response time": "响应时间", "resolution time": "解决时间"}

var lossModelTexts = [...]string{0: "compound", 1: "linear"}

// String returns the loss model's name: "compound", "linear".
func (m LossModel) String() string { return lossModelEnum.String(m) }

// MarshalText encodes the loss model by its name ("compound", "linear"); an unknown
// value is an error wrapping [csat.ErrInvalid].
func (m LossModel) MarshalText() ([]byte, error) { return lossModelEnum.MarshalText(m) }

// UnmarshalText decodes a loss model name; any other text is an error
// wrapping [csat.ErrInvalid].
func (m *LossModel) UnmarshalText(text []byte) error { return lossModelEnum.UnmarshalText(text, m) }

// The names of the enums of this file (the one mechanism: internal/enum).
var lossModelEnum = enum.New[LossModel]("LossModel", "loss model", csat.ErrInvalid, errorf, lossModelTexts[:]...)
