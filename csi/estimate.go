package csi

import (
	"fmt"
	"math/big"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/internal/errs"
	"github.com/shopspring/decimal"
)

// Places is the number of decimal places every estimate is rounded to
// (half to even) from the binary computation.
const Places = 10

// defaultTolerance stops the iteration when no outer weight changed by
// this much or more: 10⁻⁷, SmartPLS's and seminr's.
func defaultTolerance() decimal.Decimal { return decimal.New(1, -7) }

// defaultHTMTLimit is the HTMT above which two constructs are flagged as
// not distinct (Henseler et al. 2015: 0.85; 0.90 for constructs as close
// as satisfaction and loyalty).
func defaultHTMTLimit() decimal.Decimal { return decimal.New(85, -2) }

// DefaultMaxIterations is the number of iterations after which an
// estimation that has not converged is an error.
const DefaultMaxIterations = 300

// Options of an estimation. The zero value is the usual estimation: the
// survey source, path weighting, mean replacement, tolerance 10⁻⁷, 300
// iterations at most, the model's final construct as the target of the
// importance–performance map.
type Options struct {
	// Source is the forms' source whose answers are the data; "" is
	// csat.SourceSurvey. (Data ignores it: it holds the forms given.)
	Source string
	// Scheme is the inner weighting scheme.
	Scheme Scheme
	// Missing is the treatment of blank indicators.
	Missing Missing
	// Tolerance is the convergence tolerance on the outer weights; zero
	// means 10⁻⁷ (SmartPLS's and seminr's).
	Tolerance decimal.Decimal
	// MaxIterations is the maximum number of iterations; zero means
	// DefaultMaxIterations.
	MaxIterations int
	// Target is the construct of the importance–performance map; "" is
	// the first construct, in model order, that has causes and no effect
	// (Loyalty in ECSI and ACSI).
	Target string
	// HTMTLimit is the HTMT above which a pair is flagged; zero means
	// 0.85 (Henseler et al. 2015; 0.90 suits constructs as close as
	// satisfaction and loyalty).
	HTMTLimit decimal.Decimal
}

func (o *Options) orDefault() Options {
	var v Options
	if o != nil {
		v = *o
	}
	if v.Tolerance.IsZero() {
		v.Tolerance = defaultTolerance()
	}
	if v.MaxIterations == 0 {
		v.MaxIterations = DefaultMaxIterations
	}
	if v.HTMTLimit.IsZero() {
		v.HTMTLimit = defaultHTMTLimit()
	}
	if v.Source == "" {
		v.Source = csat.SourceSurvey
	}
	return v
}

func (o Options) check(m *Model) error {
	bad := func(what string) error {
		return errs.New(csat.ErrInvalid, "index: "+what+": "+errs.Detail(csat.ErrInvalid))
	}
	// if statements, not a switch: a case's condition is outside every
	// block of Go's coverage, so gremlins counts its mutants as not covered.
	if m == nil || len(m.cons) == 0 {
		return bad("no model")
	}
	if o.Scheme > Factorial {
		return bad(fmt.Sprintf("unknown inner weighting scheme %d", o.Scheme))
	}
	if o.Missing > Casewise {
		return bad(fmt.Sprintf("unknown missing-value treatment %d", o.Missing))
	}
	if o.Tolerance.Sign() < 0 || o.Tolerance.GreaterThanOrEqual(decimal.NewFromInt(1)) {
		return bad("tolerance " + o.Tolerance.String() + " not in (0, 1)")
	}
	if o.MaxIterations < 0 || o.MaxIterations > 100000 {
		return bad(fmt.Sprintf("maximum iterations %d not in 1…100000", o.MaxIterations))
	}
	if o.HTMTLimit.Sign() < 0 {
		return bad("negative HTMT limit " + o.HTMTLimit.String())
	}
	if o.Target != "" {
		if _, ok := m.index[o.Target]; !ok {
			return bad("target: no construct " + errs.QuoteShort(o.Target))
		}
	}
	return nil
}

// Estimate estimates the model on the forms counted in st: from their
// exact co-moments ([form.Stats.Matrix]: pairwise for mean replacement,
// listwise for casewise deletion), so that statistics merged from any
// shards in any order give the same estimates bit for bit. Every
// indicator must be an item of st; its scale's lowest and highest points
// bound the index.
//
// Errors wrap csat.ErrUnknownItem (an indicator that is no item of the
// forms), csat.ErrEmpty (no form, or none complete under casewise
// deletion), [ErrZeroVariance], [ErrSingular], [ErrNoConvergence] or
// csat.ErrInvalid (bad options), and name the indicator or construct.
func Estimate(m *Model, st *form.Stats, opts *Options) (*Estimates, error) {
	o := opts.orDefault()
	if err := o.check(m); err != nil {
		return nil, err
	}
	s, err := statsSample(m, st, o.Source, o.Missing)
	if err != nil {
		return nil, err
	}
	lo, hi, err := scaleRange(st.Scale())
	if err != nil {
		return nil, err
	}
	return estimate(m, s, o, lo, hi)
}

// scaleRange returns the lowest and the highest points of a scale.
func scaleRange(sc *csat.Scale) (lo, hi decimal.Decimal, err error) {
	for i, l := range sc.Levels() {
		if i == 0 || l.Points.LessThan(lo) {
			lo = l.Points
		}
		if i == 0 || l.Points.GreaterThan(hi) {
			hi = l.Points
		}
	}
	if !hi.GreaterThan(lo) {
		return lo, hi, errs.New(csat.ErrInvalidScale, "index: the scale's levels all have the same points: "+errs.Detail(csat.ErrInvalidScale))
	}
	return lo, hi, nil
}

// estimate runs the algorithm on a sample and builds the figures.
func estimate(m *Model, s *sample, o Options, lo, hi decimal.Decimal) (*Estimates, error) {
	if s.used < 3 {
		return nil, errs.New(csat.ErrTooFew, fmt.Sprintf("index: %d forms used, at least 3 needed: %s", s.used, errs.Detail(csat.ErrTooFew)))
	}
	b, err := solveSample(m, s, o)
	if err != nil {
		return nil, err
	}
	return b.figures(o, lo, hi)
}

// solved is a fit with what the figures need.
type solved struct {
	m   *Model
	s   *sample
	r   [][]*big.Float
	sd  []*big.Float // √(Σ(x − x̄)²), proportional to the standard deviations
	f   *fit
	tot [][]*big.Float
	a   []*big.Float // unstandardised weights wᵢ/sdᵢ
	sum []*big.Float // per construct, Σ aᵢ
}

func solveSample(m *Model, s *sample, o Options) (*solved, error) {
	r, sd, err := correlations(m, s)
	if err != nil {
		return nil, err
	}
	tol := newF().SetRat(decRat(o.Tolerance))
	f, err := newEngine(m, r, o.Scheme, tol, o.MaxIterations).run()
	if err != nil {
		return nil, err
	}
	b := &solved{m: m, s: s, r: r, sd: sd, f: f, tot: totals(m, f.beta)}
	b.a = make([]*big.Float, len(m.inds))
	for i := range m.inds {
		b.a[i] = newF().Quo(f.w[i], sd[i])
	}
	for j, c := range m.cons {
		t := newF()
		for i := range c.Indicators {
			t.Add(t, b.a[m.first[j]+i])
		}
		if t.Sign() == 0 {
			return nil, errs.New(ErrSingular, fmt.Sprintf("index: construct %s: its unstandardised weights sum to zero, so it has no index: %s", errs.QuoteShort(c.Name), errs.Detail(ErrSingular)))
		}
		b.sum = append(b.sum, t)
	}
	return b, nil
}

// index returns the construct's index on 0–100:
// Σ w̃ᵢ (x̄ᵢ − min)/(max − min) × 100, w̃ᵢ = aᵢ/Σa.
func (b *solved) index(j int, lo, hi decimal.Decimal) *big.Float {
	flo, span := ratF(decRat(lo)), ratF(decRat(hi.Sub(lo)))
	v := newF()
	for i := range b.m.cons[j].Indicators {
		k := b.m.first[j] + i
		x := ratF(b.s.mean[k])
		x.Sub(x, flo)
		x.Mul(x, b.a[k])
		v.Add(v, x)
	}
	v.Quo(v, b.sum[j])
	v.Quo(v, span)
	return v.Mul(v, newF().SetInt64(100))
}

// dec rounds a binary value to Places decimal places, half to even.
func dec(f *big.Float) decimal.Decimal {
	return decimal.RequireFromString(f.Text('f', Places))
}
