package csi

import (
	"fmt"
	"math/big"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/enum"
	"github.com/csatkit/csat/internal/errs"
)

// prec is the precision, in bits, of the binary floating point the
// estimation runs in (math/big.Float, about 38 significant digits): its
// rounding errors are some 30 orders of magnitude below the convergence
// tolerance, and the figures are rounded to Places decimal places only at
// the end. The same input gives the same bits on every machine.
const prec = 128

func newF() *big.Float { return new(big.Float).SetPrec(prec) }

func ratF(r *big.Rat) *big.Float { return newF().SetRat(r) }

// Scheme is the inner weighting scheme of the PLS algorithm: how each
// construct's inner proxy weighs its neighbours.
type Scheme uint8

const (
	// PathWeighting (the zero value, the default of SmartPLS and semPLS)
	// weighs a construct's causes by the coefficients of its regression
	// on them, and its effects by their correlations with it.
	PathWeighting Scheme = iota
	// Centroid weighs every neighbour by the sign of its correlation.
	Centroid
	// Factorial weighs every neighbour by its correlation.
	Factorial
)

var schemeEnum = enum.New[Scheme]("Scheme", "inner weighting scheme", csat.ErrInvalid, errorf, "path", "centroid", "factorial")

// String returns "path", "centroid" or "factorial".
func (s Scheme) String() string { return schemeEnum.String(s) }

// MarshalText returns the scheme's name; an unknown scheme is an error.
func (s Scheme) MarshalText() ([]byte, error) { return schemeEnum.MarshalText(s) }

// UnmarshalText parses a scheme's name; errors wrap csat.ErrInvalid.
func (s *Scheme) UnmarshalText(text []byte) error { return schemeEnum.UnmarshalText(text, s) }

// errorf returns err with context in front, as csat's errors are built.
func errorf(err error, format string, args ...any) error {
	return errs.New(err, fmt.Sprintf(format, args...)+": "+errs.Detail(err))
}

// fit is one PLS estimation in binary floating point.
type fit struct {
	w    []*big.Float   // outer weights, per indicator
	u    [][]*big.Float // u[k][i] = cor(xᵢ, Y_k)
	c    [][]*big.Float // construct correlations
	beta [][]*big.Float // beta[j][k]: coefficient of the path k → j, nil when none
	r2   []*big.Float   // per construct, nil when exogenous
	iter int
}

// engine estimates one model from one correlation matrix.
type engine struct {
	m       *Model
	blk     [][]int
	r       [][]*big.Float
	scheme  Scheme
	tol     *big.Float
	maxIter int
}

func newEngine(m *Model, r [][]*big.Float, scheme Scheme, tol *big.Float, maxIter int) *engine {
	e := &engine{m: m, r: r, scheme: scheme, tol: tol, maxIter: maxIter}
	for j, c := range m.cons {
		b := make([]int, len(c.Indicators))
		for i := range b {
			b[i] = m.first[j] + i
		}
		e.blk = append(e.blk, b)
	}
	return e
}

// correlations returns the correlation matrix of a sample, or an error
// naming an indicator without variance.
func correlations(m *Model, s *sample) ([][]*big.Float, []*big.Float, error) {
	p := len(m.inds)
	sd := make([]*big.Float, p)
	for i := range p {
		if s.dev[i][i].Sign() <= 0 {
			return nil, nil, errs.New(ErrZeroVariance, fmt.Sprintf("index: indicator %s: every answer is the same: %s", errs.QuoteShort(m.inds[i]), errs.Detail(ErrZeroVariance)))
		}
		sd[i] = newF().Sqrt(s.dev[i][i])
	}
	r := make([][]*big.Float, p)
	for i := range p {
		r[i] = make([]*big.Float, p)
	}
	for i := range p {
		r[i][i] = newF().SetInt64(1)
		for j := i + 1; j < p; j++ {
			v := newF().Set(s.dev[i][j])
			d := newF().Mul(sd[i], sd[j])
			v.Quo(v, d)
			r[i][j], r[j][i] = v, v
		}
	}
	return r, sd, nil
}

// run iterates the PLS algorithm (Lohmöller's, on the correlation
// matrix; Tenenhaus et al. 2005, Mode A) to convergence and computes the
// paths.
func (e *engine) run() (*fit, error) {
	m := e.m
	nc, p := len(m.cons), len(m.inds)
	f := &fit{w: make([]*big.Float, p)}
	for i := range f.w {
		f.w[i] = newF().SetInt64(1)
	}
	for j := range nc {
		if err := e.normalise(f.w, j); err != nil {
			return nil, err
		}
	}
	next := make([]*big.Float, p)
	for i := range next {
		next[i] = newF()
	}
	converged := false
	tmp := newF()
	for it := 1; it <= e.maxIter; it++ {
		f.iter = it
		e.scores(f)
		inner, err := e.inner(f)
		if err != nil {
			return nil, err
		}
		for j := range nc {
			for _, i := range e.blk[j] {
				next[i].SetInt64(0)
				for k := range nc {
					if inner[j][k] != nil {
						next[i].Add(next[i], tmp.Mul(inner[j][k], f.u[k][i]))
					}
				}
			}
			if err := e.normalise(next, j); err != nil {
				return nil, err
			}
		}
		change := newF()
		d := newF()
		for i := range p {
			d.Sub(next[i], f.w[i])
			d.Abs(d)
			if d.Cmp(change) > 0 {
				change.Set(d)
			}
			f.w[i].Set(next[i])
		}
		if change.Cmp(e.tol) < 0 {
			converged = true
			break
		}
	}
	if !converged {
		return nil, errs.New(ErrNoConvergence, fmt.Sprintf("index: the outer weights still changed by more than the tolerance after %d iterations: %s", e.maxIter, errs.Detail(ErrNoConvergence)))
	}
	e.scores(f)
	f.beta = make([][]*big.Float, nc)
	f.r2 = make([]*big.Float, nc)
	for j := range nc {
		f.beta[j] = make([]*big.Float, nc)
		pred := m.pred[j]
		if len(pred) == 0 {
			continue
		}
		b, err := e.regress(f, j)
		if err != nil {
			return nil, err
		}
		r2 := newF()
		for x, k := range pred {
			f.beta[j][k] = b[x]
			r2.Add(r2, newF().Mul(b[x], f.c[k][j]))
		}
		f.r2[j] = r2
	}
	return f, nil
}

// normalise scales the weights of construct j so that its score has
// variance one: w ← w / √(wᵀR_jj w).
func (e *engine) normalise(w []*big.Float, j int) error {
	v, t := newF(), newF()
	for _, a := range e.blk[j] {
		for _, b := range e.blk[j] {
			t.Mul(w[a], e.r[a][b])
			v.Add(v, t.Mul(t, w[b]))
		}
	}
	if v.Sign() <= 0 {
		return errs.New(ErrSingular, fmt.Sprintf("index: construct %s: its weights give a score without variance: %s", errs.QuoteShort(e.m.cons[j].Name), errs.Detail(ErrSingular)))
	}
	s := newF().Sqrt(v)
	for _, a := range e.blk[j] {
		w[a].Quo(w[a], s)
	}
	return nil
}

// scores computes u[k][i] = cor(xᵢ, Y_k) = Σ_l r_il w_l over the
// indicators l of k, and the constructs' correlations c[j][k] = Σ wᵢ u[k][i]
// over the indicators i of j.
func (e *engine) scores(f *fit) {
	nc, p := len(e.m.cons), len(e.m.inds)
	if f.u == nil {
		f.u = make([][]*big.Float, nc)
		f.c = make([][]*big.Float, nc)
		for k := range nc {
			f.u[k] = make([]*big.Float, p)
			for i := range p {
				f.u[k][i] = newF()
			}
			f.c[k] = make([]*big.Float, nc)
			for j := range nc {
				f.c[k][j] = newF()
			}
		}
	}
	t := newF()
	for k := range nc {
		for i := range p {
			u := f.u[k][i].SetInt64(0)
			for _, l := range e.blk[k] {
				u.Add(u, t.Mul(e.r[i][l], f.w[l]))
			}
		}
	}
	for j := range nc {
		for k := range nc {
			c := f.c[j][k].SetInt64(0)
			for _, i := range e.blk[j] {
				c.Add(c, t.Mul(f.w[i], f.u[k][i]))
			}
		}
	}
}

// inner returns the inner weights: inner[j][k] is the weight of
// neighbour k in the inner proxy of j, nil when k is no neighbour.
func (e *engine) inner(f *fit) ([][]*big.Float, error) {
	m := e.m
	nc := len(m.cons)
	in := make([][]*big.Float, nc)
	for j := range nc {
		in[j] = make([]*big.Float, nc)
		if e.scheme == PathWeighting && len(m.pred[j]) > 0 {
			b, err := e.regress(f, j)
			if err != nil {
				return nil, err
			}
			for x, k := range m.pred[j] {
				in[j][k] = b[x]
			}
		}
		for _, list := range [2][]int{m.pred[j], m.succ[j]} {
			for _, k := range list {
				if in[j][k] != nil {
					continue
				}
				c := f.c[j][k]
				switch e.scheme {
				case Centroid:
					in[j][k] = newF().SetInt64(int64(c.Sign()))
				default: // Factorial, and the effects under PathWeighting
					in[j][k] = newF().Set(c)
				}
			}
		}
	}
	return in, nil
}

// regress returns the coefficients of the regression of construct j on
// its causes (in the order of m.pred[j]) from the constructs'
// correlations.
func (e *engine) regress(f *fit, j int) ([]*big.Float, error) {
	pred := e.m.pred[j]
	n := len(pred)
	a := make([][]*big.Float, n)
	for x, k := range pred {
		a[x] = make([]*big.Float, n+1)
		for y, l := range pred {
			a[x][y] = newF().Set(f.c[k][l])
		}
		a[x][n] = newF().Set(f.c[k][j])
	}
	b, ok := solve(a)
	if !ok {
		return nil, errs.New(ErrSingular, fmt.Sprintf("index: the causes of %s are collinear: %s", errs.QuoteShort(e.m.cons[j].Name), errs.Detail(ErrSingular)))
	}
	return b, nil
}

// solve solves the augmented system a (n rows of n+1) by Gaussian
// elimination with partial pivoting, in place; false when singular.
func solve(a [][]*big.Float) ([]*big.Float, bool) {
	// The pivot below which the system is taken as singular: the
	// correlations of collinear constructs leave pivots of the order of
	// the arithmetic's rounding (2⁻¹²⁸), far below 2⁻⁶⁴.
	singularBelow := newF().SetMantExp(newF().SetInt64(1), -64)
	n := len(a)
	t := newF()
	for col := range n {
		piv := col
		for r := col + 1; r < n; r++ {
			if t.Abs(a[r][col]).Cmp(newF().Abs(a[piv][col])) > 0 {
				piv = r
			}
		}
		if newF().Abs(a[piv][col]).Cmp(singularBelow) < 0 {
			return nil, false
		}
		a[col], a[piv] = a[piv], a[col]
		for r := col + 1; r < n; r++ {
			q := newF().Quo(a[r][col], a[col][col])
			for c := col; c <= n; c++ {
				a[r][c].Sub(a[r][c], t.Mul(q, a[col][c]))
			}
		}
	}
	x := make([]*big.Float, n)
	for r := n - 1; r >= 0; r-- {
		v := newF().Set(a[r][n])
		for c := r + 1; c < n; c++ {
			v.Sub(v, t.Mul(a[r][c], x[c]))
		}
		x[r] = v.Quo(v, a[r][r])
	}
	return x, true
}

// totals returns the total effects: tot[k][t] is the sum over every
// directed path from k to t of the product of its coefficients.
func totals(m *Model, beta [][]*big.Float) [][]*big.Float {
	nc := len(m.cons)
	tot := make([][]*big.Float, nc)
	done := make([]bool, nc)
	var visit func(k int)
	visit = func(k int) {
		if done[k] {
			return
		}
		tot[k] = make([]*big.Float, nc)
		for t := range nc {
			tot[k][t] = newF()
		}
		for _, s := range m.succ[k] {
			visit(s)
			b := beta[s][k]
			tot[k][s].Add(tot[k][s], b)
			for t := range nc {
				tot[k][t].Add(tot[k][t], newF().Mul(b, tot[s][t]))
			}
		}
		done[k] = true
	}
	for k := range nc {
		visit(k)
	}
	return tot
}

// errSentinel builds a csi sentinel that errors.Is matches both as itself
// and as the csat sentinel it refines.
type errSentinel struct {
	text string
	base error
}

func (e *errSentinel) Error() string { return e.text }
func (e *errSentinel) Unwrap() error { return e.base }

var (
	// ErrNoConvergence is returned when the PLS iteration did not converge within the
	// maximum number of iterations. It wraps csat.ErrInvalid.
	ErrNoConvergence error = &errSentinel{"no convergence", csat.ErrInvalid}
	// ErrZeroVariance is returned when an indicator has the same answer on every form
	// used, so it cannot be standardised. It wraps csat.ErrTooFew.
	ErrZeroVariance error = &errSentinel{"zero variance", csat.ErrTooFew}
	// ErrSingular is returned when constructs are collinear (a regression of the model
	// has no unique solution) or a construct's score has no variance. It
	// wraps csat.ErrInvalid.
	ErrSingular error = &errSentinel{"collinear constructs", csat.ErrInvalid}
)
