package csi

import (
	"context"
	"fmt"
	"math/big"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
	"github.com/shopspring/decimal"
)

// Bootstrap defaults and limits.
const (
	// DefaultResamples is the number of resamples when BootOptions leave
	// it zero.
	DefaultResamples = 1000
	// MaxResamples is the largest number of resamples.
	MaxResamples = 100000
	// MaxRedraws is the number of consecutive degenerate draws of one
	// resample after which the bootstrap fails.
	MaxRedraws = 100
)

// BootOptions say how to bootstrap. The zero value draws
// DefaultResamples resamples with seed 0 on every CPU, at 95 %.
type BootOptions struct {
	// Resamples is the number of resamples; zero means DefaultResamples.
	Resamples int
	// Seed seeds the draws: the same seed gives the same intervals.
	Seed uint64
	// Level is the confidence level, in (0, 1); zero means 0.95.
	Level decimal.Decimal
	// Workers is the number of goroutines; zero means GOMAXPROCS. The
	// intervals do not depend on it.
	Workers int
}

// Bootstrapped are the estimates on the forms with their bootstrap
// percentile intervals.
//
// Resample b (0 ≤ b < Resamples) draws as many forms as there are, with
// replacement, from its own generator, math/rand/v2's PCG seeded with
// (Seed, b), each index by Lemire's method (x·n's high 64 bits, x from
// PCG.Uint64, redrawn while the low 64 bits are below 2⁶⁴ mod n), so that
// the resamples do not depend on the number of workers and anyone can
// redraw them. A resample on which the model cannot be estimated (an
// indicator with one answer only, collinear constructs, no convergence)
// is drawn again from the same generator and counted in Redrawn; after
// MaxRedraws consecutive ones the bootstrap fails. The interval of a
// figure is the (1 − Level)/2 and (1 + Level)/2 quantiles of its
// resample estimates, interpolated as R's type 7: h = (B − 1)p,
// v[⌊h⌋] + (h − ⌊h⌋)(v[⌊h⌋+1] − v[⌊h⌋]) on the sorted values.
type Bootstrapped struct {
	*Estimates
	Resamples int             `json:"resamples"`
	Redrawn   int             `json:"redrawn"`
	Seed      uint64          `json:"seed"`
	Level     decimal.Decimal `json:"level"`
	// PathIntervals, per path in model order; WeightIntervals per
	// indicator; IndexIntervals per construct.
	PathIntervals   []Interval `json:"path_intervals"`
	WeightIntervals []Interval `json:"weight_intervals"`
	IndexIntervals  []Interval `json:"index_intervals"`
}

// An Interval is one figure's bootstrap percentile interval.
type Interval struct {
	// Name is the path ("Image → Expectation"), the indicator or the
	// construct.
	Name string `json:"name"`
	// Estimate is the figure on all the forms; Lower and Upper bound the
	// interval; SE is the standard deviation of the resample estimates
	// (the bootstrap standard error).
	Estimate decimal.Decimal `json:"estimate"`
	Lower    decimal.Decimal `json:"lower"`
	Upper    decimal.Decimal `json:"upper"`
	SE       decimal.Decimal `json:"se"`
}

// Bootstrap estimates the model on the forms of d and bootstraps the
// path coefficients, outer weights and indices (see [Bootstrapped]). It
// stops early with ctx's error when ctx is done. Errors are those of
// [Data.Estimate], csat.ErrInvalid for bad options, or an error wrapping
// the last failure of a resample drawn MaxRedraws times.
func Bootstrap(ctx context.Context, d *Data, opts *Options, bo *BootOptions) (*Bootstrapped, error) {
	full, err := d.Estimate(opts)
	if err != nil {
		return nil, err
	}
	o := opts.orDefault()
	b, err := bo.orDefault()
	if err != nil {
		return nil, err
	}
	type result struct {
		v       []decimal.Decimal
		redrawn int
		err     error
	}
	res := make([]result, b.Resamples)
	var next atomic.Int64
	var failed atomic.Int64
	failed.Store(int64(b.Resamples))
	var wg sync.WaitGroup
	for range min(b.Workers, b.Resamples) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			idx := make([]int, len(d.rows))
			for {
				r := int(next.Add(1) - 1)
				if r >= b.Resamples || int64(r) > failed.Load() {
					return
				}
				if err := ctx.Err(); err != nil {
					res[r].err = err
					lower(&failed, int64(r))
					return
				}
				res[r].v, res[r].redrawn, res[r].err = d.safeResample(o, b.Seed, r, idx)
				if res[r].err != nil {
					lower(&failed, int64(r))
				}
			}
		}()
	}
	wg.Wait()
	out := &Bootstrapped{Estimates: full, Resamples: b.Resamples, Seed: b.Seed, Level: b.Level}
	for r := range res {
		if res[r].err != nil {
			return nil, res[r].err
		}
		out.Redrawn += res[r].redrawn
	}
	names, est := bootVector(full)
	p := decimal.NewFromInt(1).Sub(b.Level).Mul(decimal.New(5, -1)) // (1 − L)/2, exact
	ivs := make([]Interval, len(names))
	col := make([]decimal.Decimal, b.Resamples)
	for s := range names {
		for r := range res {
			col[r] = res[r].v[s]
		}
		ivs[s] = Interval{Name: names[s], Estimate: est[s], SE: stdDev(col)}
		slices.SortFunc(col, decimal.Decimal.Cmp)
		ivs[s].Lower = quantile7(col, p)
		ivs[s].Upper = quantile7(col, decimal.NewFromInt(1).Sub(p))
	}
	np, ni := len(full.Paths), len(full.Indicators)
	out.PathIntervals, out.WeightIntervals, out.IndexIntervals = ivs[:np:np], ivs[np:np+ni:np+ni], ivs[np+ni:]
	return out, nil
}

func (bo *BootOptions) orDefault() (BootOptions, error) {
	var b BootOptions
	if bo != nil {
		b = *bo
	}
	if b.Resamples == 0 {
		b.Resamples = DefaultResamples
	}
	if b.Level.IsZero() {
		b.Level = decimal.New(95, -2)
	}
	if b.Workers == 0 {
		b.Workers = runtime.GOMAXPROCS(0)
	}
	if b.Resamples < 2 || b.Resamples > MaxResamples {
		return b, errs.New(csat.ErrInvalid, fmt.Sprintf("index: %d resamples, not in 2…%d: %s", b.Resamples, MaxResamples, errs.Detail(csat.ErrInvalid)))
	}
	if !b.Level.IsPositive() || b.Level.GreaterThanOrEqual(decimal.NewFromInt(1)) {
		return b, errs.New(csat.ErrInvalid, "index: level "+b.Level.String()+" not in (0, 1): "+errs.Detail(csat.ErrInvalid))
	}
	if b.Workers < 0 {
		return b, errs.New(csat.ErrInvalid, fmt.Sprintf("index: %d workers: %s", b.Workers, errs.Detail(csat.ErrInvalid)))
	}
	return b, nil
}

// lower sets a to v if v is smaller.
func lower(a *atomic.Int64, v int64) {
	for {
		c := a.Load()
		if v >= c || a.CompareAndSwap(c, v) {
			return
		}
	}
}

// safeResample is resample with a panic turned into the resample's
// error: a worker goroutine must never take the process down.
func (d *Data) safeResample(o Options, seed uint64, r int, idx []int) (v []decimal.Decimal, redrawn int, err error) {
	defer func() {
		if p := recover(); p != nil {
			v, err = nil, errs.New(csat.ErrInvalid, fmt.Sprintf("index: bootstrap resample %d: internal error: %v: %s", r, p, errs.Detail(csat.ErrInvalid)))
		}
	}()
	return d.resample(o, seed, r, idx)
}

// resample draws and estimates resample r (see Bootstrapped).
func (d *Data) resample(o Options, seed uint64, r int, idx []int) ([]decimal.Decimal, int, error) {
	g := rand.NewPCG(seed, uint64(r)) //nolint:gosec // r is a resample number, 0 ≤ r < MaxResamples
	n := len(d.rows)
	for redrawn := 0; ; {
		for i := range idx {
			idx[i] = draw(g, n)
		}
		s, err := d.sample(idx, o.Missing)
		if err == nil {
			if s.used < 3 {
				err = errs.New(csat.ErrTooFew, fmt.Sprintf("index: %d forms used: %s", s.used, errs.Detail(csat.ErrTooFew)))
			}
		}
		var b *solved
		if err == nil {
			b, err = solveSample(d.m, s, o)
		}
		if err == nil {
			return b.bootFigures(d.lo, d.hi), redrawn, nil
		}
		if redrawn++; redrawn >= MaxRedraws {
			return nil, redrawn, errs.New(err, fmt.Sprintf("index: bootstrap resample %d drawn %d times, never estimable; the last: %s", r, redrawn, errs.Detail(err)))
		}
	}
}

// source is what draw needs of a generator (*rand.PCG in the bootstrap).
type source interface{ Uint64() uint64 }

// draw returns a uniform integer in [0, n) by Lemire's method.
func draw(g source, n int) int {
	un := uint64(n) //nolint:gosec // n is a number of forms, 0 < n ≤ MaxDataForms
	hi, lo := bits.Mul64(g.Uint64(), un)
	if lo < un {
		thr := -un % un
		for lo < thr {
			hi, lo = bits.Mul64(g.Uint64(), un)
		}
	}
	return int(hi) //nolint:gosec // hi < n
}

// bootFigures are the figures of bootVector computed from a fit, and
// nothing else: what each resample needs.
func (b *solved) bootFigures(lo, hi decimal.Decimal) []decimal.Decimal {
	m := b.m
	v := make([]decimal.Decimal, 0, len(m.paths)+len(m.inds)+len(m.cons))
	for _, p := range m.paths {
		v = append(v, dec(b.f.beta[m.index[p.To]][m.index[p.From]]))
	}
	for i := range m.inds {
		v = append(v, dec(b.f.w[i]))
	}
	for j := range m.cons {
		v = append(v, dec(b.index(j, lo, hi)))
	}
	return v
}

// bootVector lists the bootstrapped figures: path coefficients, outer
// weights, indices.
func bootVector(e *Estimates) ([]string, []decimal.Decimal) {
	var names []string
	var v []decimal.Decimal
	for _, p := range e.Paths {
		names = append(names, p.From+" → "+p.To)
		v = append(v, p.Coefficient)
	}
	for _, i := range e.Indicators {
		names = append(names, i.Name)
		v = append(v, i.Weight)
	}
	for _, c := range e.Constructs {
		names = append(names, c.Name)
		v = append(v, c.Index)
	}
	return names, v
}

// quantile7 is R's type-7 quantile p of sorted values, rounded to
// Places, for 0 ≤ p < 1 (so that ⌊h⌋ + 1 is an index).
func quantile7(v []decimal.Decimal, p decimal.Decimal) decimal.Decimal {
	h := decimal.NewFromInt(int64(len(v) - 1)).Mul(p)
	i := h.Floor()
	k := int(i.IntPart())
	return v[k].Add(h.Sub(i).Mul(v[k+1].Sub(v[k]))).RoundBank(Places)
}

// stdDev is the standard deviation (divisor n − 1) of values, rounded to
// Places.
func stdDev(v []decimal.Decimal) decimal.Decimal {
	sum := new(big.Rat)
	for _, x := range v {
		sum.Add(sum, decRat(x))
	}
	n := new(big.Rat).SetInt64(int64(len(v)))
	mean := new(big.Rat).Quo(sum, n)
	ss := new(big.Rat)
	for _, x := range v {
		d := new(big.Rat).Sub(decRat(x), mean)
		ss.Add(ss, d.Mul(d, d))
	}
	ss.Quo(ss, new(big.Rat).SetInt64(int64(len(v)-1)))
	f := ratF(ss)
	return dec(f.Sqrt(f))
}
