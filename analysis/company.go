package analysis

import (
	"cmp"
	"math/big"
	"slices"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/enum"
	"github.com/csatkit/csat/internal/exact"
	"github.com/shopspring/decimal"
)

// LostMode selects how a company view counts customers lost in the period
// (客户流失). The source asks the method to reflect churn without saying
// how; these are our documented choices.
type LostMode uint8

const (
	// LostLowestBand counts a lost customer at the representative point
	// of the band scale's lowest band (30, 不满意, on [csat.PVCBands]). It is
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

// CompanyOptions configures [Company]. The zero value (or nil) means
// equal weights, [LostLowestBand], the [csat.PVCBands] scale.
type CompanyOptions struct {
	// Weights per customer id, e.g. sales volume; nil means every
	// customer weighs the same. When given, every customer needs a
	// non-negative weight.
	Weights map[string]decimal.Decimal
	// Lost is the policy for customers with [csat.Lost] status.
	Lost LostPolicy
	// Scale is the band scale of the distribution; nil means [csat.PVCBands].
	Scale *csat.Scale
}

// A BandCount is the number and share of counted customers whose score
// falls in one band.
type BandCount struct {
	Level csat.Level  `json:"level"`
	Count int         `json:"count"`
	Share csat.Result `json:"share"` // Count / counted customers, a Fraction
}

// A RankedCustomer is one line of the worst-first list of a company view.
type RankedCustomer struct {
	ID     string      `json:"id"`
	Status csat.Status `json:"status"`
	// Score is the score the customer counts with, exact: its final
	// score, or the lost policy's score; for an excluded lost customer,
	// its final score (not counted).
	Score   csat.Result `json:"score"`
	Counted bool        `json:"counted"`
	Band    csat.Level  `json:"band"`
	// Drags are the items scored below the customer's preliminary score,
	// lowest first (ties by item name), compared exactly: the items that
	// pulled it down.
	Drags []csat.ItemScore `json:"drags"`
	// Complaints are the adjustments that lowered the score.
	Complaints []csat.Adjustment `json:"complaints"`
}

// CompanyFigures are the company-level view over customer scores.
type CompanyFigures struct {
	// Mean is the (weighted) mean of the counted customers' scores.
	Mean csat.Result `json:"mean"`
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

// Company aggregates customer scores into the company's figures. Empty
// input or no customer left to count is [csat.ErrEmpty]; a repeated id
// [csat.ErrDuplicate]; with weights, a customer without one
// [csat.ErrMissing], a weight for an unknown id [csat.ErrUnknownItem], a
// negative one [csat.ErrNegative], all counted weights zero
// [csat.ErrInvalid]. The result does not depend on the order of scores.
func Company(scores []csat.CustomerScore, opts *CompanyOptions) (CompanyFigures, error) {
	o, err := companyOptions(opts)
	if err != nil {
		return CompanyFigures{}, err
	}
	sorted, err := checkCustomers(scores, o.Weights)
	if err != nil {
		return CompanyFigures{}, err
	}
	view := CompanyFigures{Customers: len(sorted), Lost: o.Lost}
	counts := make([]int, o.Scale.Len())
	var ws []decimal.Decimal
	var parts []csat.Result
	for _, cs := range sorted {
		rc, bi, err := o.rank(cs)
		if err != nil {
			return CompanyFigures{}, err
		}
		if cs.Status == csat.Lost {
			view.LostAffected++
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
				return CompanyFigures{}, errorf(csat.ErrMissing, "company: no weight for customer %q", cs.ID)
			}
		}
		ws = append(ws, wt)
		parts = append(parts, rc.Score)
	}
	if err := view.aggregate(o.Scale, counts, ws, parts); err != nil {
		return CompanyFigures{}, err
	}
	return view, nil
}

// companyOptions returns the options with their defaults, checked.
func companyOptions(opts *CompanyOptions) (CompanyOptions, error) {
	var o CompanyOptions
	if opts != nil {
		o = *opts
	}
	if o.Scale == nil {
		o.Scale = csat.PVCBands()
	}
	if !o.Scale.Banded() {
		return o, errorf(csat.ErrInvalid, "company: scale %q has no bands", o.Scale.Name())
	}
	switch o.Lost.Mode {
	case LostLowestBand, LostExclude:
	case LostAtScore:
		if o.Lost.Score.IsNegative() || o.Lost.Score.GreaterThan(o.Scale.FullMarks()) {
			return o, errorf(csat.ErrOutOfRange, "company: lost-customer score %s outside 0..%s", o.Lost.Score, o.Scale.FullMarks())
		}
	default:
		return o, errorf(csat.ErrInvalid, "company: lost mode %d", o.Lost.Mode)
	}
	return o, nil
}

// checkCustomers returns the scores sorted by id, after checking that
// there are some, that no id repeats and that the weights (if any) name
// known customers and are not negative.
func checkCustomers(scores []csat.CustomerScore, weights map[string]decimal.Decimal) ([]csat.CustomerScore, error) {
	if len(scores) == 0 {
		return nil, errorf(csat.ErrEmpty, "company: no customer scores")
	}
	sorted := slices.Clone(scores)
	slices.SortFunc(sorted, func(a, b csat.CustomerScore) int { return cmp.Compare(a.ID, b.ID) })
	for i := range sorted {
		if i > 0 && sorted[i].ID == sorted[i-1].ID {
			return nil, errorf(csat.ErrDuplicate, "company: customer %q given twice", sorted[i].ID)
		}
	}
	for id, wt := range weights {
		if _, ok := slices.BinarySearchFunc(sorted, id, func(c csat.CustomerScore, id string) int { return cmp.Compare(c.ID, id) }); !ok {
			return nil, errorf(csat.ErrUnknownItem, "company: weight for unknown customer %q", id)
		}
		if wt.IsNegative() {
			return nil, errorf(csat.ErrNegative, "company: customer %q has negative weight %s", id, wt)
		}
	}
	return sorted, nil
}

// lowestBand returns the level of the scale's lowest band (the lowest
// lower edge; the first such level on a tie).
func lowestBand(s *csat.Scale) csat.Level {
	levels := s.Levels()
	low := levels[0]
	for _, l := range levels[1:] {
		if l.Band.Low.Cmp(low.Band.Low) < 0 {
			low = l
		}
	}
	return low
}

// rank returns the ranking line of one customer and the index of its
// band: the score it counts with under the lost policy, the items that
// dragged it down and the complaints that lowered it.
func (o CompanyOptions) rank(cs csat.CustomerScore) (RankedCustomer, int, error) {
	rc := RankedCustomer{ID: cs.ID, Status: cs.Status, Score: cs.Final.WithLabel(cs.ID), Counted: true}
	if cs.Status == csat.Lost {
		var err error
		switch o.Lost.Mode {
		case LostExclude:
			rc.Counted = false
		case LostLowestBand:
			low := lowestBand(o.Scale)
			rc.Score, err = csat.Given(cs.ID+" (lost: "+low.Name()+")", csat.Points, low.Points)
			rc.Score = localised(rc.Score, cs.ID+"（流失："+firstOf(low.LabelZH, low.Label, low.Key)+"）", cs.ID+" (lost: "+firstOf(low.Label, low.LabelZH, low.Key)+")")
		case LostAtScore:
			rc.Score, err = csat.Given(cs.ID+" (lost)", csat.Points, o.Lost.Score)
			rc.Score = localised(rc.Score, cs.ID+"（流失）", cs.ID+" (lost)")
		}
		if err != nil {
			return rc, 0, &csat.Error{Part: "customer", Name: cs.ID, Err: err}
		}
	}
	bi, err := o.Scale.BandOf(rc.Score)
	if err != nil {
		return rc, 0, &csat.Error{Part: "customer", Name: cs.ID, Err: errorf(err, "company")}
	}
	rc.Band = o.Scale.Levels()[bi]
	for _, it := range cs.Items {
		if it.Combined.Cmp(cs.Preliminary) < 0 {
			rc.Drags = append(rc.Drags, it)
		}
	}
	slices.SortStableFunc(rc.Drags, func(a, b csat.ItemScore) int {
		return cmp.Or(a.Combined.Cmp(b.Combined), cmp.Compare(a.Item, b.Item))
	})
	for _, a := range cs.Adjustments {
		if a.Delta.IsNegative() {
			rc.Complaints = append(rc.Complaints, a)
		}
	}
	return rc, bi, nil
}

// aggregate sets the company's mean, weighted by ws, of the counted
// scores parts, its distribution over the bands from the counts per band,
// and sorts the ranking worst first.
func (view *CompanyFigures) aggregate(s *csat.Scale, counts []int, ws []decimal.Decimal, parts []csat.Result) error {
	if view.Counted == 0 {
		return errorf(csat.ErrEmpty, "company: every customer is lost and excluded")
	}
	if err := checkShares("company mean", parts); err != nil {
		return err
	}
	mean, err := csat.WeightedMean("company mean", ws, parts)
	if err != nil {
		return err
	}
	view.Mean = mean
	for i, l := range s.Levels() {
		share, err := csat.Proportion{K: uint64(counts[i]), N: uint64(view.Counted)}.Result(l.Name() + " share") //nolint:gosec // counts are non-negative
		if err != nil {
			return err
		}
		zh, en := cmp.Or(l.LabelZH, l.Label, l.Key), cmp.Or(l.Label, l.LabelZH, l.Key)
		share = localised(share, zh+"占比", en+" share")
		view.Distribution = append(view.Distribution, BandCount{Level: l, Count: counts[i], Share: share})
	}
	sortRanking(view.Ranking)
	return nil
}

// sortRanking orders the ranking worst first: by exact score, ties by
// id. Each score is read once as a sort key (comparing two then
// allocates nothing) and each customer is moved once.
func sortRanking(rs []RankedCustomer) {
	var ks exact.Keys
	keys, order := make([]exact.Key, len(rs)), make([]int, len(rs))
	for i := range rs {
		keys[i], order[i] = ks.Of(rs[i].Score.Num(), rs[i].Score.Den()), i
	}
	var c exact.Comparer
	slices.SortStableFunc(order, func(i, j int) int {
		return cmp.Or(c.Cmp(keys[i], keys[j]), cmp.Compare(rs[i].ID, rs[j].ID))
	})
	sorted := make([]RankedCustomer, len(rs))
	for k, i := range order {
		sorted[k] = rs[i]
	}
	copy(rs, sorted)
}

// checkShares checks, as csat's blends do before a weighted mean, that
// results of kind [csat.Fraction] lie in [0, 1] when all parts are
// fractions (a share given as 82 instead of 0.82 is an error).
func checkShares(label string, parts []csat.Result) error {
	for _, p := range parts {
		if p.Kind() != parts[0].Kind() {
			return nil // csat.WeightedMean reports the kind mismatch
		}
	}
	for _, p := range parts {
		if q := p.Rat(); p.Kind() == csat.Fraction && (q.Sign() < 0 || q.Cmp(big.NewRat(1, 1)) > 0) {
			return errorf(csat.ErrOutOfRange, "%s: %q is the fraction %s, outside [0, 1] (82%% is 0.82)", label, p.Label(), p.Value())
		}
	}
	return nil
}

var lostModeTexts = [...]string{0: "lowest_band", 1: "exclude", 2: "at_score"}

// MarshalText encodes the lost mode by its name ("lowest_band", "exclude", "at_score"); an unknown
// value is an error wrapping [csat.ErrInvalid].
func (m LostMode) MarshalText() ([]byte, error) { return lostModeEnum.MarshalText(m) }

// UnmarshalText decodes a lost mode name; any other text is an error
// wrapping [csat.ErrInvalid].
func (m *LostMode) UnmarshalText(text []byte) error { return lostModeEnum.UnmarshalText(text, m) }

// The names of the enums of this file (the one mechanism: internal/enum).
var lostModeEnum = enum.New[LostMode]("LostMode", "lost mode", csat.ErrInvalid, errorf, lostModeTexts[:]...)
