package csat

import (
	"cmp"
	"github.com/csatkit/csat/internal/enum"
	"slices"

	"github.com/shopspring/decimal"
)

// LostMode selects how a company view counts customers lost in the period
// (客户流失). The source asks the method to reflect churn without saying
// how; these are our documented choices.
type LostMode uint8

const (
	// LostLowestBand counts a lost customer at the representative point
	// of the band scale's lowest band (30, 不满意, on [PVCBands]). It is
	// the default: losing a customer is the strongest sign of
	// dissatisfaction, and leaving lost customers out would raise the
	// company's figure for every unhappy customer it loses.
	LostLowestBand LostMode = iota
	// LostExclude leaves lost customers out of the mean and the
	// distribution (they are still listed, and counted as affected).
	LostExclude
	// LostAtScore counts a lost customer at [LostPolicy].Score.
	LostAtScore
)

// String returns the mode's name: "lowest_band", "exclude" or "at_score".
func (m LostMode) String() string { return lostModeEnum.String(m) }

// A LostPolicy says how lost customers count in a company view. The zero
// value is [LostLowestBand].
type LostPolicy struct {
	Mode  LostMode        `json:"mode"`
	Score decimal.Decimal `json:"score"` // the score of a lost customer under LostAtScore, 0–100
}

// CompanyOptions configures [CompanyView]. The zero value (or nil) means
// equal weights, [LostLowestBand], the [PVCBands] scale.
type CompanyOptions struct {
	// Weights per customer id, e.g. sales volume; nil means every
	// customer weighs the same. When given, every customer needs a
	// non-negative weight.
	Weights map[string]decimal.Decimal
	// Lost is the policy for customers with [Lost] status.
	Lost LostPolicy
	// Scale is the band scale of the distribution; nil means [PVCBands].
	Scale *Scale
}

// A BandCount is the number and share of counted customers whose score
// falls in one band.
type BandCount struct {
	Level Level  `json:"level"`
	Count int    `json:"count"`
	Share Result `json:"share"` // Count / counted customers, a Fraction
}

// A RankedCustomer is one line of the worst-first list of a company view.
type RankedCustomer struct {
	ID     string `json:"id"`
	Status Status `json:"status"`
	// Score is the score the customer counts with, exact: its final
	// score, or the lost policy's score; for an excluded lost customer,
	// its final score (not counted).
	Score   Result `json:"score"`
	Counted bool   `json:"counted"`
	Band    Level  `json:"band"`
	// Drags are the items scored below the customer's preliminary score,
	// lowest first (ties by item name), compared exactly: the items that
	// pulled it down.
	Drags []ItemScore `json:"drags"`
	// Complaints are the adjustments that lowered the score.
	Complaints []Adjustment `json:"complaints"`
}

// A Company is the company-level view over customer scores.
type Company struct {
	// Mean is the (weighted) mean of the counted customers' scores.
	Mean Result `json:"mean"`
	// Customers is the number of customers given; Counted of them are in
	// Mean and Distribution.
	Customers int `json:"customers"`
	Counted   int `json:"counted"`
	// Lost is the policy applied, and LostAffected the number of lost
	// customers it applied to.
	Lost         LostPolicy `json:"lost"`
	LostAffected int        `json:"lost_affected"`
	// Distribution counts counted customers per band, in scale order.
	Distribution []BandCount `json:"distribution"`
	// Ranking lists every customer, worst exact score first, ties by id.
	Ranking []RankedCustomer `json:"ranking"`
}

// CompanyView aggregates customer scores into the company's figure. Empty
// input or no customer left to count is [ErrEmpty]; a repeated id
// [ErrDuplicate]; with weights, a customer without one [ErrMissing], a
// weight for an unknown id [ErrUnknownItem], a negative one
// [ErrNegative], all counted weights zero [ErrInvalid]. The result does
// not depend on the order of scores.
func CompanyView(scores []CustomerScore, opts *CompanyOptions) (Company, error) {
	var o CompanyOptions
	if opts != nil {
		o = *opts
	}
	if o.Scale == nil {
		o.Scale = PVCBands()
	}
	if !o.Scale.Banded() {
		return Company{}, errorf(ErrInvalid, "company: scale %q has no bands", o.Scale.Name())
	}
	switch o.Lost.Mode {
	case LostLowestBand, LostExclude:
	case LostAtScore:
		if o.Lost.Score.IsNegative() || o.Lost.Score.GreaterThan(o.Scale.FullMarks()) {
			return Company{}, errorf(ErrOutOfRange, "company: lost-customer score %s outside 0..%s", o.Lost.Score, o.Scale.FullMarks())
		}
	default:
		return Company{}, errorf(ErrInvalid, "company: lost mode %d", o.Lost.Mode)
	}
	if len(scores) == 0 {
		return Company{}, errorf(ErrEmpty, "company: no customer scores")
	}
	sorted := slices.Clone(scores)
	slices.SortFunc(sorted, func(a, b CustomerScore) int { return cmp.Compare(a.ID, b.ID) })
	for i := range sorted {
		if i > 0 && sorted[i].ID == sorted[i-1].ID {
			return Company{}, errorf(ErrDuplicate, "company: customer %q given twice", sorted[i].ID)
		}
	}
	if o.Weights != nil {
		for id, wt := range o.Weights {
			if _, ok := slices.BinarySearchFunc(sorted, id, func(c CustomerScore, id string) int { return cmp.Compare(c.ID, id) }); !ok {
				return Company{}, errorf(ErrUnknownItem, "company: weight for unknown customer %q", id)
			}
			if wt.IsNegative() {
				return Company{}, errorf(ErrNegative, "company: customer %q has negative weight %s", id, wt)
			}
		}
	}
	lowest := o.Scale.bandOrder()[0]
	lowLevel, _ := o.Scale.Level(lowest)

	view := Company{Customers: len(sorted), Lost: o.Lost}
	counts := make([]int, o.Scale.Len())
	var ws []Weight
	var parts []Result
	for _, cs := range sorted {
		rc := RankedCustomer{ID: cs.ID, Status: cs.Status, Score: cs.Final.WithLabel(cs.ID), Counted: true}
		if cs.Status == Lost {
			view.LostAffected++
			var err error
			switch o.Lost.Mode {
			case LostExclude:
				rc.Counted = false
			case LostLowestBand:
				rc.Score, err = Given(cs.ID+" (lost: "+lowLevel.Name()+")", Points, lowLevel.Points)
			case LostAtScore:
				rc.Score, err = Given(cs.ID+" (lost)", Points, o.Lost.Score)
			}
			if err != nil {
				return Company{}, &CustomerError{Customer: cs.ID, Err: err}
			}
		}
		bi, err := o.Scale.BandOf(rc.Score)
		if err != nil {
			return Company{}, &CustomerError{Customer: cs.ID, Err: wrapf(err, "company")}
		}
		rc.Band = o.Scale.levels[bi]
		for _, it := range cs.Items {
			if it.Combined.Cmp(cs.Preliminary) < 0 {
				rc.Drags = append(rc.Drags, it)
			}
		}
		slices.SortStableFunc(rc.Drags, func(a, b ItemScore) int {
			return cmp.Or(a.Combined.Cmp(b.Combined), cmp.Compare(a.Item, b.Item))
		})
		for _, a := range cs.Adjustments {
			if a.Delta.IsNegative() {
				rc.Complaints = append(rc.Complaints, a)
			}
		}
		view.Ranking = append(view.Ranking, rc)
		if !rc.Counted {
			continue
		}
		view.Counted++
		counts[bi]++
		wt := decimal.NewFromInt(1)
		if o.Weights != nil {
			var ok bool
			if wt, ok = o.Weights[cs.ID]; !ok {
				return Company{}, errorf(ErrMissing, "company: no weight for customer %q", cs.ID)
			}
		}
		ws = append(ws, Weight{Name: cs.ID, Weight: wt})
		parts = append(parts, rc.Score)
	}
	if view.Counted == 0 {
		return Company{}, errorf(ErrEmpty, "company: every customer is lost and excluded")
	}
	mean, err := weightedMean("company mean", ws, parts, nil)
	if err != nil {
		return Company{}, err
	}
	view.Mean = mean
	for i, l := range o.Scale.Levels() {
		share, err := Proportion{K: uint64(counts[i]), N: uint64(view.Counted)}.Result(l.Name() + " share") //nolint:gosec // counts are non-negative
		if err != nil {
			return Company{}, err
		}
		view.Distribution = append(view.Distribution, BandCount{Level: l, Count: counts[i], Share: share})
	}
	slices.SortStableFunc(view.Ranking, func(a, b RankedCustomer) int {
		return cmp.Or(a.Score.Cmp(b.Score), cmp.Compare(a.ID, b.ID))
	})
	return view, nil
}

var lostModeTexts = [...]string{0: "lowest_band", 1: "exclude", 2: "at_score"}

// MarshalText encodes the lost mode by its name ("lowest_band", "exclude", "at_score"); an unknown
// value is an error wrapping [ErrInvalid].
func (m LostMode) MarshalText() ([]byte, error) { return lostModeEnum.MarshalText(m) }

// UnmarshalText decodes a lost mode name; any other text is an error
// wrapping [ErrInvalid].
func (m *LostMode) UnmarshalText(text []byte) error { return lostModeEnum.UnmarshalText(text, m) }

// The names of the enums of this file (the one mechanism: internal/enum).
var lostModeEnum = enum.New[LostMode]("LostMode", "lost mode", ErrInvalid, errorf, lostModeTexts[:]...)
