package stats

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/csatkit/csat/internal/exact"
	"github.com/shopspring/decimal"
)

// A Signal is a set of reasons a period of a p-chart is out of control.
type Signal uint8

// The reasons a period is out of control.
const (
	// AboveUCL: the period's proportion is above p̄ + 3σᵢ.
	AboveUCL Signal = 1 << iota
	// BelowLCL: the period's proportion is below p̄ − 3σᵢ.
	BelowLCL
	// AboveLaneyUCL: above Laney's p̄ + 3σᵢσ_z.
	AboveLaneyUCL
	// BelowLaneyLCL: below Laney's p̄ − 3σᵢσ_z.
	BelowLaneyLCL
	// Run: the period is the 8th or a later one of a run of consecutive
	// periods on the same side of the centre line.
	Run
)

// RunLength is the number of periods in a row on one side of the centre
// line that makes a run (Western Electric rule 4).
const RunLength = 8

// laneyD2 is the bias constant d₂ of the moving range of two values,
// 1.128 as Laney (2002) uses it.
var laneyD2 = decimal.RequireFromString("1.128")

// String names the reasons, separated by "+", in the order of the
// constants ("above UCL+run"), or "in control" for none.
func (s Signal) String() string {
	if s == 0 {
		return "in control"
	}
	names := []string{"above UCL", "below LCL", "above Laney UCL", "below Laney LCL", "run"}
	var parts []string
	for i, n := range names {
		if s&(1<<i) != 0 {
			parts = append(parts, n)
		}
	}
	return strings.Join(parts, "+")
}

// A ChartPeriod is one period of a p-chart. Decimal fields are rounded
// half away from zero to the chart's places.
type ChartPeriod struct {
	X, N     uint64
	P        decimal.Decimal // x/n
	Sigma    decimal.Decimal // σᵢ = √(p̄(1 − p̄)/nᵢ)
	LCL, UCL decimal.Decimal // p̄ ∓ 3σᵢ, clipped to [0, 1]
	Z        decimal.Decimal // zᵢ = (pᵢ − p̄)/σᵢ (0 when σᵢ = 0)
	// LaneyLCL and LaneyUCL are p̄ ∓ 3σᵢσ_z, clipped to [0, 1].
	LaneyLCL, LaneyUCL decimal.Decimal
	Signals            Signal
}

// Out reports whether the period is out of control: beyond the p-chart's
// limits (Laney's when laney is true) or in a run.
func (p ChartPeriod) Out(laney bool) bool {
	limits := AboveUCL | BelowLCL
	if laney {
		limits = AboveLaneyUCL | BelowLaneyLCL
	}
	return p.Signals&(limits|Run) != 0
}

// A Chart is a p-chart of a proportion over periods, with Laney's p′
// limits alongside.
type Chart struct {
	Center  *big.Rat        // p̄ = Σx / Σn, exact
	CenterD decimal.Decimal // p̄ rounded to places
	// SigmaZ is Laney's σ_z: the mean moving range of the zᵢ over 1.128.
	// Above 1 the periods are over-dispersed and Laney's limits apply.
	SigmaZ  decimal.Decimal
	Periods []ChartPeriod
}

// PChart draws the p-chart of x[i] successes out of n[i] in period i:
//
//	p̄ = Σx / Σn   (exact)
//	σᵢ = √(p̄ (1 − p̄) / nᵢ)
//	limits p̄ ± 3σᵢ, clipped to [0, 1]
//
// and Laney's p′ chart (Laney 2002, Quality Engineering 14:531–537) for
// over-dispersed periods:
//
//	zᵢ = (pᵢ − p̄) / σᵢ
//	σ_z = (Σ_{i≥2} |zᵢ − zᵢ₋₁| / (k − 1)) / 1.128
//	limits p̄ ± 3σᵢσ_z, clipped to [0, 1]
//
// with the run rule: a period that is the 8th or later of consecutive
// periods strictly on one side of p̄ signals Run (a period at p̄ ends a
// run). Whether pᵢ lies beyond p̄ ± 3σᵢ is decided exactly, by
// comparing (pᵢ − p̄)² with 9σᵢ² as rationals; Laney's half-width
// 3σᵢσ_z, which depends on the irrational σ_z, is computed to places +
// guard digits and |pᵢ − p̄| (exact) compared with it. With one period, or when every zᵢ
// is equal, σ_z is 0. The error is non-nil when the slices differ in
// length or are empty, or a period has n = 0 or x > n.
func PChart(x, n []uint64, places int32) (Chart, error) {
	if len(x) != len(n) || len(n) == 0 {
		return Chart{}, fmt.Errorf("p-chart: %d periods of successes, %d of counts", len(x), len(n))
	}
	sx, sn := new(big.Int), new(big.Int)
	for i := range n {
		if n[i] == 0 || x[i] > n[i] {
			return Chart{}, fmt.Errorf("p-chart: period %d has %d of %d", i, x[i], n[i])
		}
		sx.Add(sx, new(big.Int).SetUint64(x[i]))
		sn.Add(sn, new(big.Int).SetUint64(n[i]))
	}
	center := new(big.Rat).SetFrac(sx, sn)
	pq := exact.Mul(center, exact.Sub(big.NewRat(1, 1), center))
	wp := places + guard
	c := Chart{Center: center, Periods: make([]ChartPeriod, len(n))}
	c.CenterD, _ = exact.Decimal(center, places)
	centerW, _ := exact.Decimal(center, wp)
	sigmas := make([]decimal.Decimal, len(n))
	zs := make([]decimal.Decimal, len(n))
	for i := range n {
		pi := new(big.Rat).SetFrac(new(big.Int).SetUint64(x[i]), new(big.Int).SetUint64(n[i]))
		var2 := exact.Quo(pq, exact.Uint(n[i]))
		sigmas[i] = sqrtRat(var2, wp)
		dev := exact.Sub(pi, center)
		piW, _ := exact.Decimal(pi, wp)
		if sigmas[i].IsPositive() {
			zs[i] = piW.Sub(centerW).DivRound(sigmas[i], wp)
		}
		per := &c.Periods[i]
		per.X, per.N = x[i], n[i]
		per.P, _ = exact.Decimal(pi, places)
		per.Sigma = sigmas[i].Round(places)
		per.Z = zs[i].Round(places)
		per.LCL, per.UCL = limits(centerW, sigmas[i].Mul(decimal.NewFromInt(3)), places)
		if exact.Mul(dev, dev).Cmp(exact.Mul(big.NewRat(9, 1), var2)) > 0 {
			per.Signals |= sideSignal(dev.Sign(), AboveUCL, BelowLCL)
		}
	}
	c.SigmaZ = laneySigmaZ(zs, wp)
	for i := range n {
		per := &c.Periods[i]
		half := sigmas[i].Mul(c.SigmaZ).Mul(decimal.NewFromInt(3)).Round(wp)
		lo, hi := limits(centerW, half, wp)
		per.LaneyLCL, per.LaneyUCL = lo.Round(places), hi.Round(places)
		dev := exact.Sub(new(big.Rat).SetFrac(new(big.Int).SetUint64(x[i]), new(big.Int).SetUint64(n[i])), center)
		if new(big.Rat).Abs(dev).Cmp(half.Rat()) > 0 {
			per.Signals |= sideSignal(dev.Sign(), AboveLaneyUCL, BelowLaneyLCL)
		}
	}
	c.SigmaZ = c.SigmaZ.Round(places)
	markRuns(c.Periods, center)
	return c, nil
}

func sideSignal(sign int, above, below Signal) Signal {
	if sign > 0 {
		return above
	}
	return below
}

// limits returns center ∓ half clipped to [0, 1] and rounded to places.
func limits(center, half decimal.Decimal, places int32) (lo, hi decimal.Decimal) {
	lo, hi = center.Sub(half), center.Add(half)
	if lo.IsNegative() {
		lo = decimal.Zero
	}
	if hi.GreaterThan(one) {
		hi = one
	}
	return lo.Round(places), hi.Round(places)
}

// laneySigmaZ returns the mean moving range of zs over 1.128, to wp
// places; 0 for fewer than two values.
func laneySigmaZ(zs []decimal.Decimal, wp int32) decimal.Decimal {
	if len(zs) < 2 {
		return decimal.Zero
	}
	sum := decimal.Zero
	for i := 1; i < len(zs); i++ {
		sum = sum.Add(zs[i].Sub(zs[i-1]).Abs())
	}
	return sum.DivRound(laneyD2.Mul(decimal.NewFromInt(int64(len(zs)-1))), wp)
}

// markRuns sets Run on every period that is the RunLength-th or later of
// consecutive periods strictly on one side of center.
func markRuns(ps []ChartPeriod, center *big.Rat) {
	side, length := 0, 0
	for i := range ps {
		pi := new(big.Rat).SetFrac(new(big.Int).SetUint64(ps[i].X), new(big.Int).SetUint64(ps[i].N))
		s := pi.Cmp(center)
		switch s {
		case 0:
			side, length = 0, 0
		case side:
			length++
		default:
			side, length = s, 1
		}
		if length >= RunLength {
			ps[i].Signals |= Run
		}
	}
}
