package analysis

import (
	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/stats"
)

// The signals of a [ControlPeriod].
const (
	signalAbove    = "above"
	signalBelow    = "below"
	signalRunAbove = "run_above"
	signalRunBelow = "run_below"
)

// ControlChartOf draws the p-chart of one source's satisfaction rate over
// a series of periods (oldest first), METHOD.md §12: per period i the
// satisfied answers xᵢ of its nᵢ answers (all items pooled), the centre
// line p̄ = Σx / Σn (exact), the limits p̄ ± 3√(p̄(1 − p̄)/nᵢ) per period,
// clipped to [0, 1]; when the periods are over-dispersed (Laney's σ_z
// above 1) Laney's p′ limits p̄ ± 3σᵢσ_z instead. A period outside its
// limits signals "above" or "below"; one that is the 8th or later of a
// run on one side of p̄ (and inside its limits) "run_above" or
// "run_below". Limits and σ_z are rounded half away from zero to
// [csat.Precision] places; whether a period is outside is decided
// exactly.
//
// Fewer than two periods is [csat.ErrTooFew]; a period without a table
// or without answers of the source [csat.ErrEmpty] (a [*csat.Error]
// naming the period).
func ControlChartOf(periods []csat.Period, source string) (ControlChart, error) {
	if len(periods) < 2 {
		return ControlChart{}, errorf(csat.ErrTooFew, "control chart: %d periods (at least 2 needed)", len(periods))
	}
	x, n := make([]uint64, len(periods)), make([]uint64, len(periods))
	for i, p := range periods {
		if p.Table == nil || p.Table.Scale() == nil {
			return ControlChart{}, &csat.Error{Part: "period", Name: p.Name, Err: errorf(csat.ErrEmpty, "control chart: no table")}
		}
		tot := csat.NewTally(p.Table.Scale())
		if containsSource(p.Table, source) {
			var err error
			if tot, err = p.Table.Total(source); err != nil {
				return ControlChart{}, &csat.Error{Part: "period", Name: p.Name, Err: err}
			}
		}
		sat, err := csat.SatisfiedOf(tot)
		if err != nil || sat.N == 0 {
			if err == nil {
				err = errorf(csat.ErrEmpty, "control chart: no answers of %s", quoteShort(source))
			}
			return ControlChart{}, &csat.Error{Part: "period", Name: p.Name, Err: err}
		}
		x[i], n[i] = sat.K, sat.N
	}
	ch, err := stats.PChart(x, n, csat.Precision)
	if err != nil {
		return ControlChart{}, errorf(csat.ErrInvalid, "control chart: %v", err)
	}
	return controlChart(periods, source, ch)
}

func containsSource(t *csat.Table, source string) bool {
	for _, s := range t.Sources() {
		if s == source {
			return true
		}
	}
	return false
}

// controlChart turns the p-chart of stats into the report's chart.
func controlChart(periods []csat.Period, source string, ch stats.Chart) (ControlChart, error) {
	center, err := csat.FromRat("centre line p̄", csat.Fraction, ch.Center)
	if err != nil {
		return ControlChart{}, err
	}
	cc := ControlChart{Source: source, Center: center, SigmaZ: ch.SigmaZ, Laney: ch.SigmaZ.GreaterThan(one)}
	for i, p := range ch.Periods {
		rate, err := csat.Proportion{K: p.X, N: p.N}.Result(periods[i].Name + " rate")
		rate = localised(rate, periods[i].Name+" 满意率", periods[i].Name+" rate")
		if err != nil {
			return ControlChart{}, err
		}
		cp := ControlPeriod{Period: periods[i].Name, N: p.N, Satisfied: p.X, Rate: rate, Lower: p.LCL, Upper: p.UCL,
			Signal: signalOf(p.Signals, cc.Laney, rate.Rat().Cmp(ch.Center))}
		if cc.Laney {
			cp.Lower, cp.Upper = p.LaneyLCL, p.LaneyUCL
		}
		cc.Periods = append(cc.Periods, cp)
	}
	return cc, nil
}

// signalOf maps the signals of a period to the report's: outside the
// limits (Laney's when laney) first, then a run, on the side side (the
// sign of pᵢ − p̄).
func signalOf(s stats.Signal, laney bool, side int) string {
	above, below := stats.AboveUCL, stats.BelowLCL
	if laney {
		above, below = stats.AboveLaneyUCL, stats.BelowLaneyLCL
	}
	switch {
	case s&above != 0:
		return signalAbove
	case s&below != 0:
		return signalBelow
	case s&stats.Run != 0 && side > 0:
		return signalRunAbove
	case s&stats.Run != 0:
		return signalRunBelow
	}
	return ""
}
