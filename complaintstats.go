package csat

import (
	"errors"
	"github.com/csatkit/csat/internal/enum"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

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
	// share lost is 1 − (1 − rate)^d. It never exceeds 100%.
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
		return r, errorf(ErrNegative, "complaints: limit %s", r.limit)
	}
	if r.model > LossLinear {
		return r, errorf(ErrInvalid, "complaints: loss model %d", r.model)
	}
	one := decimal.NewFromInt(1)
	for _, p := range []struct {
		name string
		v    decimal.Decimal
	}{{"formal share", r.formal}, {"voice share", r.voice}, {"silent share", r.silent},
		{"loss per day", r.loss}, {"return if resolved", r.ret}, {"return if within limit", r.retQ}} {
		if p.v.IsNegative() || p.v.GreaterThan(one) {
			return r, errorf(ErrOutOfRange, "complaints: %s %s outside 0..1", p.name, p.v)
		}
	}
	if !r.formal.IsPositive() {
		return r, errorf(ErrInvalid, "complaints: formal share must be positive")
	}
	if s := r.formal.Add(r.voice).Add(r.silent); !s.Equal(one) {
		return r, errorf(ErrWeightsMismatch, "complaints: formal, voice and silent shares sum to %s, not 1", s)
	}
	if r.mouth.IsNegative() {
		return r, errorf(ErrNegative, "complaints: word of mouth %s", r.mouth)
	}
	return r, nil
}

// An OutcomeCount is the number and share of complaints with one outcome;
// open complaints not yet handled count as [NotHandled].
type OutcomeCount struct {
	Outcome Outcome `json:"outcome"`
	Count   int     `json:"count"`
	Share   Result  `json:"share"`
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
// an even count is the lower middle value), each also as a [Result] in
// hours.
type DurationStats struct {
	N           int           `json:"n"`
	Median      time.Duration `json:"median"`
	P90         time.Duration `json:"p90"`
	MedianHours Result        `json:"median_hours"`
	P90Hours    Result        `json:"p90_hours"`
}

// ComplaintFigures are the complaint-handling figures of a period
// (METHOD.md §6). Each figure that is computed is a [Result] that
// explains itself.
type ComplaintFigures struct {
	Total int `json:"total"`
	// WithinLimit is the share of complaints resolved within the limit.
	WithinLimit Result         `json:"within_limit"`
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
	Dissatisfied   Result `json:"dissatisfied"`
	VoiceElsewhere Result `json:"voice_elsewhere"`
	Silent         Result `json:"silent"`
	// ExpectedLost is the expected number of complainants lost to delay
	// past the limit, per complaint: d completed days past the limit
	// (resolution time, or AsOf for an open complaint) lose 1 − (1 −
	// rate)^d or min(1, rate × d) of the complainant.
	ExpectedLost Result `json:"expected_lost"`
	// ExpectedReturns is the expected number of complainants who come
	// back: ReturnIfWithinLimit for each resolved within the limit,
	// ReturnIfResolved for each resolved late.
	ExpectedReturns Result `json:"expected_returns"`
	// WordOfMouth is the expected number of people told by complainants
	// satisfied quickly (resolved within the limit, outcome satisfied or
	// very satisfied): WordOfMouth × their number.
	WordOfMouth Result `json:"word_of_mouth"`
}

// AnalyzeComplaints computes the figures over the complaints of a period.
// Each complaint is validated ([Complaint.Validate]) and must have a
// customer and a received time ([ErrMissing]); a handled one needs its
// resolution time ([ErrMissing]); ids must be unique ([ErrDuplicate]);
// an open complaint needs opts.AsOf ([ErrMissing]), and times after AsOf
// are [ErrBadTimes]. No complaints is [ErrEmpty]. Each complaint stands for
// one affected customer in the loss, return and word-of-mouth figures; the
// iceberg counts distinct customers.
func AnalyzeComplaints(cs []Complaint, opts *ComplaintOptions) (ComplaintFigures, error) {
	var o ComplaintOptions
	if opts != nil {
		o = *opts
	}
	r, err := o.rules()
	if err != nil {
		return ComplaintFigures{}, err
	}
	if len(cs) == 0 {
		return ComplaintFigures{}, errorf(ErrEmpty, "complaints: none given")
	}
	if err := validateComplaints(cs); err != nil {
		return ComplaintFigures{}, err
	}
	for _, c := range cs {
		if c.ID == "" {
			return ComplaintFigures{}, errorf(ErrMissing, "complaint of customer %s: no id (the figures list complaints by id)", quoteShort(c.Customer))
		}
	}
	cs = sortComplaints(cs)
	for _, c := range cs {
		switch {
		case c.Customer == "":
			return ComplaintFigures{}, errorf(ErrMissing, "complaint %q: no customer", c.ID)
		case c.Received.IsZero():
			return ComplaintFigures{}, errorf(ErrMissing, "complaint %q: no received time", c.ID)
		case c.Outcome.Handled() && c.Resolved.IsZero():
			return ComplaintFigures{}, errorf(ErrMissing, "complaint %q: outcome %s but no resolution time", c.ID, c.Outcome)
		case c.Open() && o.AsOf.IsZero():
			return ComplaintFigures{}, errorf(ErrMissing, "complaint %q is open: ComplaintOptions.AsOf is required", c.ID)
		}
		if !o.AsOf.IsZero() {
			for _, t := range []time.Time{c.Received, c.FirstResponse, c.Resolved} {
				if t.After(o.AsOf) {
					return ComplaintFigures{}, errorf(ErrBadTimes, "complaint %q: time %s is after the period's end %s",
						c.ID, t.Format(time.RFC3339), o.AsOf.Format(time.RFC3339))
				}
			}
		}
	}
	f := ComplaintFigures{Total: len(cs)}
	n := decimal.NewFromInt(int64(len(cs)))
	var within, late, quickSatisfied int64
	var response, resolution []time.Duration
	outcomes := make([]int, len(outcomeNames))
	customers := map[string]bool{}
	lost := new(big.Rat)
	var lostTerms []string
	for _, c := range cs {
		customers[c.Customer] = true
		outcomes[c.Outcome]++
		if !c.FirstResponse.IsZero() {
			response = append(response, c.FirstResponse.Sub(c.Received))
		}
		end := o.AsOf
		if !c.Open() {
			d := c.Resolved.Sub(c.Received)
			resolution = append(resolution, d)
			end = c.Resolved
			if d <= r.limit {
				within++
				if c.Outcome == HandledSatisfied || c.Outcome == HandledVerySatisfied {
					quickSatisfied++
				}
			} else {
				late++
			}
		} else {
			f.Open = append(f.Open, OpenComplaint{ID: c.ID, Customer: c.Customer, Age: o.AsOf.Sub(c.Received)})
		}
		if days := int64((end.Sub(c.Received) - r.limit) / (24 * time.Hour)); end.Sub(c.Received) > r.limit && days > 0 {
			lost.Add(lost, lossShare(r, days))
			lostTerms = append(lostTerms, c.ID+": "+strconv.FormatInt(days, 10)+"d")
		}
	}
	var errs []error
	set := func(dst *Result) func(Result, error) {
		return func(r Result, err error) {
			*dst = r
			errs = append(errs, err)
		}
	}
	wl, err := Quotient("handled within "+hours(r.limit), Fraction, decimal.NewFromInt(within), n)
	set(&f.WithinLimit)(wl.WithFormula(func() string { return decimal.NewFromInt(within).String() + " / " + n.String() }), err)
	f.Response = durationStats("response time", response)
	f.Resolution = durationStats("resolution time", resolution)
	for _, oc := range Outcomes() {
		k := decimal.NewFromInt(int64(outcomes[oc]))
		sh, err := Quotient(oc.LabelZH()+" share", Fraction, k, n)
		errs = append(errs, err)
		f.Outcomes = append(f.Outcomes, OutcomeCount{Outcome: oc, Count: outcomes[oc],
			Share: sh.WithFormula(func() string { return k.String() + " / " + n.String() })})
	}
	slices.SortStableFunc(f.Open, func(a, b OpenComplaint) int {
		switch {
		case a.Age > b.Age:
			return -1
		case a.Age < b.Age:
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
	f.Complainants = len(customers)
	k := decimal.NewFromInt(int64(f.Complainants))
	set(&f.Dissatisfied)(ratf("dissatisfied customers (iceberg)", exact.Quo(k.Rat(), r.formal.Rat()), func() string {
		return k.String() + " complainants / " + r.formal.String()
	}))
	diss := f.Dissatisfied
	set(&f.VoiceElsewhere)(ratf("voice it elsewhere", exact.Mul(diss.Rat(), r.voice.Rat()), func() string {
		return diss.String() + " × " + r.voice.String()
	}))
	set(&f.Silent)(ratf("say nothing", exact.Mul(diss.Rat(), r.silent.Rat()), func() string {
		return diss.String() + " × " + r.silent.String()
	}))
	model := "1 − (1 − " + r.loss.String() + ")^d"
	if r.model == LossLinear {
		model = "min(1, " + r.loss.String() + " × d)"
	}
	set(&f.ExpectedLost)(ratf("expected customers lost to delay", lost, func() string {
		if len(lostTerms) == 0 {
			return "no complaint past the limit by a full day"
		}
		return "Σ " + model + " over " + strings.Join(lostTerms, ", ")
	}))
	ret := exact.Add(exact.Mul(r.retQ.Rat(), exact.Int(within)), exact.Mul(r.ret.Rat(), exact.Int(late)))
	set(&f.ExpectedReturns)(ratf("expected returning complainants", ret, func() string {
		return r.retQ.String() + "×" + strconv.FormatInt(within, 10) + " within the limit + " +
			r.ret.String() + "×" + strconv.FormatInt(late, 10) + " late"
	}))
	set(&f.WordOfMouth)(ratf("word-of-mouth reach", exact.Mul(r.mouth.Rat(), exact.Int(quickSatisfied)), func() string {
		return r.mouth.String() + " × " + strconv.FormatInt(quickSatisfied, 10) + " quickly satisfied"
	}))
	if err := errors.Join(errs...); err != nil {
		return ComplaintFigures{}, err
	}
	return f, nil
}

// ratf returns the exact q labelled label, of kind Points, explained by
// formula.
func ratf(label string, q *big.Rat, formula func() string) (Result, error) {
	r, err := FromRat(label, Points, q)
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
	e := big.NewInt(days)
	num := new(big.Int).Exp(keep.Num(), e, nil)
	den := new(big.Int).Exp(keep.Denom(), e, nil)
	return exact.Sub(exact.Int(1), new(big.Rat).SetFrac(num, den))
}

func hours(d time.Duration) string {
	h, _ := exact.Decimal(big.NewRat(int64(d), int64(time.Hour)), DisplayPlaces)
	return h.String() + " h"
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
	h := func(name string, d time.Duration, p string) Result {
		r, _ := ratf(name, big.NewRat(int64(d), int64(time.Hour)), func() string {
			return "nearest rank ⌈" + p + "×" + strconv.Itoa(len(ds)) + "⌉ of the sorted times = " + d.String()
		}) // FromRat fails only on a nil rational
		return r
	}
	st.MedianHours = h("median "+label+" (h)", st.Median, "0.5")
	st.P90Hours = h("90th percentile "+label+" (h)", st.P90, "0.9")
	return st
}

var lossModelTexts = [...]string{0: "compound", 1: "linear"}

// String returns the loss model's name: "compound", "linear".
func (m LossModel) String() string { return lossModelEnum.String(m) }

// MarshalText encodes the loss model by its name ("compound", "linear"); an unknown
// value is an error wrapping [ErrInvalid].
func (m LossModel) MarshalText() ([]byte, error) { return lossModelEnum.MarshalText(m) }

// UnmarshalText decodes a loss model name; any other text is an error
// wrapping [ErrInvalid].
func (m *LossModel) UnmarshalText(text []byte) error { return lossModelEnum.UnmarshalText(text, m) }

// The names of the enums of this file (the one mechanism: internal/enum).
var lossModelEnum = enum.New[LossModel]("LossModel", "loss model", ErrInvalid, errorf, lossModelTexts[:]...)
