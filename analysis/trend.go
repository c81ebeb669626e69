package analysis

import (
	"errors"
	"math/big"
	"strconv"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
	"github.com/csatkit/csat/internal/exact"
)

// A TrendPoint is one period of a trend, for one source.
type TrendPoint struct {
	Period string      `json:"period"`
	Degree csat.Result `json:"degree"`
	Rate   csat.Result `json:"rate"`
	// VsPrevious and VsBaseline compare this period with the previous
	// one and with the baseline (nil for the first period and for the
	// baseline itself).
	VsPrevious *Change `json:"vs_previous"`
	VsBaseline *Change `json:"vs_baseline"`
}

// A Change compares one period with another: degrees by Welch's t-test,
// rates by the z-test; ours is the later period.
type Change struct {
	Against string     `json:"against"`
	Degree  Comparison `json:"degree"`
	Rate    Comparison `json:"rate"`
}

// A TrendReport is the trend of one source over periods.
type TrendReport struct {
	Source   string       `json:"source"`
	Baseline string       `json:"baseline"`
	Points   []TrendPoint `json:"points"`
	// DegreeSlope and RateSlope are the least-squares slopes per period
	// (periods numbered 0, 1, 2, …), exact: Σ(x−x̄)(y−ȳ) / Σ(x−x̄)².
	DegreeSlope csat.Result `json:"degree_slope"`
	RateSlope   csat.Result `json:"rate_slope"`
}

// Trend follows one source over a series of periods (oldest first): per
// period degree and rate, the change against the previous period and
// against the baseline period (index baseline) with their significance,
// and the least-squares slope. Fewer than two periods is [csat.ErrTooFew]; a
// period without answers of the source [csat.ErrEmpty] (a [*csat.Error] naming the period); a
// baseline index out of range [csat.ErrOutOfRange]; repeated period names
// [csat.ErrDuplicate].
func Trend(periods []csat.Period, source string, baseline int, opts *CompareOptions) (TrendReport, error) {
	var o CompareOptions
	if opts != nil {
		o = *opts
	}
	if len(periods) < 2 {
		return TrendReport{}, errorf(csat.ErrTooFew, "trend: %d periods (at least 2 needed)", len(periods))
	}
	if baseline < 0 || baseline >= len(periods) {
		return TrendReport{}, errorf(csat.ErrOutOfRange, "trend: baseline %d of %d periods", baseline, len(periods))
	}
	rep := TrendReport{Source: source, Baseline: periods[baseline].Name}
	names := map[string]bool{}
	totals := make([]csat.Tally, len(periods))
	var degrees, rates []*big.Rat
	for i, p := range periods {
		if p.Name == "" || names[p.Name] {
			return TrendReport{}, errorf(csat.ErrDuplicate, "trend: period name %q empty or repeated", p.Name)
		}
		names[p.Name] = true
		if p.Table == nil {
			return TrendReport{}, &csat.Error{Part: "period", Name: p.Name, Err: errorf(csat.ErrEmpty, "trend: no table")}
		}
		tot, err := p.Table.Total(source)
		if err != nil {
			return TrendReport{}, &csat.Error{Part: "period", Name: p.Name, Err: err}
		}
		totals[i] = tot
		d, err := csat.Degree{}.Score(tot)
		if err != nil {
			return TrendReport{}, &csat.Error{Part: "period", Name: p.Name, Err: err}
		}
		r, err := csat.Rate{}.Score(tot)
		if err != nil {
			return TrendReport{}, &csat.Error{Part: "period", Name: p.Name, Err: err}
		}
		degrees, rates = append(degrees, d.Rat()), append(rates, r.Rat())
		rep.Points = append(rep.Points, trendPoint(p.Name, d, r))
	}
	change := func(i, j int) (*Change, error) {
		ch := &Change{Against: periods[j].Name}
		pi, err := csat.SatisfiedOf(totals[i])
		if err != nil {
			return nil, &csat.Error{Part: "period", Name: periods[i].Name, Err: err}
		}
		pj, err := csat.SatisfiedOf(totals[j])
		if err != nil {
			return nil, &csat.Error{Part: "period", Name: periods[j].Name, Err: err}
		}
		if ch.Rate, err = CompareRates(pi, pj, o.Alpha); err != nil {
			return nil, err
		}
		if ch.Degree, err = CompareDegrees(totals[i], totals[j], o.Alpha); err != nil {
			if !errors.Is(err, csat.ErrTooFew) {
				return nil, &csat.Error{Part: "period", Name: periods[i].Name, Err: err}
			}
			ch.Degree.Warnings = append(ch.Degree.Warnings, errs.Detail(err))
		}
		return ch, nil
	}
	for i := range periods {
		var err error
		if i > 0 {
			if rep.Points[i].VsPrevious, err = change(i, i-1); err != nil {
				return TrendReport{}, err
			}
		}
		if i != baseline {
			if rep.Points[i].VsBaseline, err = change(i, baseline); err != nil {
				return TrendReport{}, err
			}
		}
	}
	var err error
	if rep.DegreeSlope, err = slope("degree slope per period", degrees, csat.Fraction); err != nil {
		return TrendReport{}, err
	}
	if rep.RateSlope, err = slope("rate slope per period", rates, csat.Fraction); err != nil {
		return TrendReport{}, err
	}
	return rep, nil
}

// slope returns the least-squares slope of ys against 0, 1, 2, ….
// trendPoint is the period's degree d and rate r, labelled by the period.
func trendPoint(period string, d, r csat.Result) TrendPoint {
	return TrendPoint{Period: period, Degree: localised(d.WithLabel(period+" degree"), period+" 满意度", period+" degree"),
		Rate: localised(r.WithLabel(period+" rate"), period+" 满意率", period+" rate")}
}

func slope(label string, ys []*big.Rat, kind csat.Kind) (csat.Result, error) {
	n := int64(len(ys))
	xbar := big.NewRat(n-1, 2)
	ybar := new(big.Rat)
	for _, y := range ys {
		ybar.Add(ybar, y)
	}
	ybar.Quo(ybar, big.NewRat(n, 1))
	num, den := new(big.Rat), new(big.Rat)
	for i, y := range ys {
		dx := exact.Sub(big.NewRat(int64(i), 1), xbar)
		num.Add(num, exact.Mul(dx, exact.Sub(y, ybar)))
		den.Add(den, exact.Mul(dx, dx))
	}
	r, err := csat.FromRat(label, kind, exact.Quo(num, den))
	return r.WithFormula(func() string {
		return "Σ(x−x̄)(y−ȳ) / Σ(x−x̄)² over " + strconv.FormatInt(n, 10) + " periods"
	}).In("zh", zhLabel(label), func() string {
		return "Σ(x−x̄)(y−ȳ) / Σ(x−x̄)²，共 " + strconv.FormatInt(n, 10) + " 期"
	}), err
}
