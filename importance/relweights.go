package importance

import (
	"math/big"
	"slices"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
	"github.com/shopspring/decimal"
)

// RelativeWeights are Johnson's (2000) relative weights: the items'
// correlations R_xx are replaced by their closest orthogonal
// counterparts, Z = X·R_xx^(−½), the overall question is regressed on Z
// (β = R_xx^(−½)·r_xy, r_xy the items' correlations with the overall
// question), and each item gets the part of R² that flows to it through
// Λ = R_xx^(½):
//
//	weight_j = Σ_k Λ_jk² β_k²
//
// The raw weights sum to R² ([Set.R2], exact, as for [Shapley]) and
// come close to the Shapley shares at a cost polynomial in the items,
// so they go beyond [MaxShapleyItems]. The symmetric square root needs
// the eigenvalues of R_xx, irrational in general: they are found by
// cyclic Jacobi rotations in big.Float at 320 bits (about 96 digits; no
// float64), each weight is rounded once to [csat.Precision] places and
// marked inexact, and their sum is checked against the exact R² (the
// computation is repeated at twice the bits, up to 4096, while they
// differ by more than 10^−(Precision+8)). The weights therefore sum to
// R² within p·10^−Precision. A singular R_xx (a constant item, identical
// or collinear items) uses its pseudo-inverse on the rank found exactly,
// so identical items get identical weights and a constant item 0.
//
// Errors are those of [Shapley] but for the limit on items: no overall
// question is [csat.ErrMissing]. The zero RelativeWeights is ready to
// use.
type RelativeWeights struct{}

// Importance returns the relative weights of the items.
func (RelativeWeights) Importance(in Input) (Set, error) {
	s, err := newSystem("relative_weights", in)
	if err != nil {
		return Set{}, err
	}
	if !s.overall {
		return Set{}, missingOverall(s.method, s.source)
	}
	num, den, rk, err := s.full()
	if err != nil {
		return Set{}, err
	}
	r2q := new(big.Rat).SetFrac(num, den)
	r2, err := csat.FromRat("", csat.Fraction, r2q)
	if err != nil {
		return Set{}, err
	}
	r2 = s.r2Result(r2, s.p(), num, new(big.Int).Quo(den, s.scaled[s.p()][s.p()]))
	var rw *johnson
	for prec := uint(320); ; prec *= 2 {
		rw = s.johnson(prec, rk)
		if rw.check(r2q) {
			break
		}
		if prec >= 4096 {
			return Set{}, errs.New(csat.ErrInvalid, "relative_weights: the items' correlations are too close to singular: the weights do not sum to R² at 4096 bits")
		}
	}
	set := s.set()
	set.R2 = &r2
	set.Items = make([]Item, s.p())
	for j, name := range s.items {
		v, err := csat.Approx("relative weight of "+name, csat.Fraction, rw.weightDecimal(j))
		if err != nil {
			return Set{}, err
		}
		set.Items[j] = Item{Item: name, Value: v.WithFormula(rw.formula(j, false)).In("zh", name+"的相对权重", rw.formula(j, true))}
	}
	rank(set.Items, nil)
	return set, nil
}

// johnson holds the computation of the relative weights at one precision.
type johnson struct {
	prec   uint
	lambda [][]*big.Float // R_xx^½
	beta   []*big.Float
	w      []*big.Float
}

func (j *johnson) newF() *big.Float { return new(big.Float).SetPrec(j.prec) }

// check reports whether the weights sum to the exact R² within
// 10^−(Precision+8).
func (j *johnson) check(r2 *big.Rat) bool {
	sum := j.newF()
	for _, w := range j.w {
		sum.Add(sum, w)
	}
	diff := j.newF().Sub(sum, j.newF().SetRat(r2))
	tol := j.newF().SetRat(new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(big.NewInt(10), big.NewInt(csat.Precision+8), nil)))
	return diff.Abs(diff).Cmp(tol) <= 0
}

// weightDecimal returns weight j to Precision + 20 places (Approx rounds
// it once to Precision).
func (j *johnson) weightDecimal(k int) decimal.Decimal {
	d, _ := decimal.NewFromString(j.w[k].Text('f', csat.Precision+20))
	return d
}

// formula prints weight j with Λ and β at four places.
func (j *johnson) formula(k int, zh bool) func() string {
	show := func(f *big.Float) string {
		d, _ := decimal.NewFromString(f.Text('f', 30))
		if d.IsNegative() {
			return "(≈" + d.Round(4).String() + ")"
		}
		return "≈" + d.Round(4).String()
	}
	return func() string {
		terms := make([]string, len(j.beta))
		for i := range j.beta {
			terms[i] = show(j.lambda[k][i]) + "²×" + show(j.beta[i]) + "²"
		}
		if zh {
			return "Σk Λ²jk β²k，Λ = 项目相关矩阵 R 的 R^½，β = R^−½ r（Johnson 2000）= " + strings.Join(terms, " + ")
		}
		return "Σk Λ²jk β²k with Λ = R^½ of the items' correlations, β = R^−½ r (Johnson 2000) = " + strings.Join(terms, " + ")
	}
}

// johnson computes the relative weights at prec bits. rank is the exact
// rank of the items' covariance matrix: the rank eigenvalues of R_xx
// that are kept (the others are zero).
func (s *system) johnson(prec uint, rank int) *johnson {
	p := s.p()
	jn := &johnson{prec: prec}
	f := func(q *big.Rat) *big.Float { return jn.newF().SetRat(q) }
	sd := make([]*big.Float, p+1) // √S_ii, 0 for no variance
	for i := range p + 1 {
		sd[i] = jn.newF().Sqrt(f(s.cov[i][i]))
	}
	corr := func(a, b int) *big.Float {
		if sd[a].Sign() == 0 || sd[b].Sign() == 0 {
			return jn.newF()
		}
		c := f(s.cov[a][b])
		return c.Quo(c, jn.newF().Mul(sd[a], sd[b]))
	}
	R := make([][]*big.Float, p)
	rxy := make([]*big.Float, p)
	for a := range p {
		R[a] = make([]*big.Float, p)
		for b := range p {
			R[a][b] = corr(a, b)
		}
		rxy[a] = corr(a, p)
	}
	vals, vecs := jacobi(R, prec)
	// keep the rank largest eigenvalues
	order := make([]int, p)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return vals[b].Cmp(vals[a]) })
	root := make([]*big.Float, p)    // √λ
	invRoot := make([]*big.Float, p) // 1/√λ, 0 beyond the rank
	for i := range root {
		root[i], invRoot[i] = jn.newF(), jn.newF()
	}
	for r, i := range order {
		if r >= rank || vals[i].Sign() <= 0 {
			continue
		}
		root[i].Sqrt(vals[i])
		invRoot[i].Quo(jn.newF().SetInt64(1), root[i])
	}
	// Λ = V diag(√λ) Vᵀ, R^−½ = V diag(1/√λ) Vᵀ
	jn.lambda = make([][]*big.Float, p)
	inv := make([][]*big.Float, p)
	t := jn.newF()
	for a := range p {
		jn.lambda[a] = make([]*big.Float, p)
		inv[a] = make([]*big.Float, p)
		for b := range p {
			l, m := jn.newF(), jn.newF()
			for i := range p {
				t.Mul(vecs[a][i], vecs[b][i])
				l.Add(l, jn.newF().Mul(t, root[i]))
				m.Add(m, jn.newF().Mul(t, invRoot[i]))
			}
			jn.lambda[a][b], inv[a][b] = l, m
		}
	}
	jn.beta = make([]*big.Float, p)
	for a := range p {
		b := jn.newF()
		for k := range p {
			b.Add(b, jn.newF().Mul(inv[a][k], rxy[k]))
		}
		jn.beta[a] = b
	}
	jn.w = make([]*big.Float, p)
	for a := range p {
		w := jn.newF()
		for k := range p {
			x := jn.newF().Mul(jn.lambda[a][k], jn.beta[k])
			w.Add(w, x.Mul(x, x))
		}
		jn.w[a] = w
	}
	return jn
}

// jacobi returns the eigenvalues and eigenvectors (columns of vecs) of the
// symmetric matrix a by cyclic Jacobi rotations at prec bits, until the
// off-diagonal entries are below 2^−(prec−16) of the matrix's scale (or
// after 100 sweeps; the convergence is quadratic, so a dozen suffice).
// a is not changed.
func jacobi(a [][]*big.Float, prec uint) (vals []*big.Float, vecs [][]*big.Float) {
	n := len(a)
	nf := func() *big.Float { return new(big.Float).SetPrec(prec) }
	m := make([][]*big.Float, n)
	vecs = make([][]*big.Float, n)
	scale := nf()
	for i := range n {
		m[i] = make([]*big.Float, n)
		vecs[i] = make([]*big.Float, n)
		for j := range n {
			m[i][j] = nf().Set(a[i][j])
			vecs[i][j] = nf()
			if i == j {
				vecs[i][j].SetInt64(1)
			}
			scale.Add(scale, nf().Abs(a[i][j]))
		}
	}
	tol := nf().SetMantExp(scale, -int(prec-16))
	one := nf().SetInt64(1)
	for sweep := 0; sweep < 100; sweep++ {
		off := nf()
		for i := range n {
			for j := i + 1; j < n; j++ {
				off.Add(off, nf().Abs(m[i][j]))
			}
		}
		if off.Cmp(tol) <= 0 {
			break
		}
		for p := range n {
			for q := p + 1; q < n; q++ {
				apq := m[p][q]
				if apq.Sign() == 0 {
					continue
				}
				// θ = (a_qq − a_pp)/(2a_pq); t = sgn(θ)/(|θ| + √(θ² + 1))
				theta := nf().Sub(m[q][q], m[p][p])
				theta.Quo(theta, nf().Mul(apq, nf().SetInt64(2)))
				t := nf().Mul(theta, theta)
				t.Add(t, one)
				t.Sqrt(t)
				t.Add(t, nf().Abs(theta))
				t.Quo(one, t)
				if theta.Sign() < 0 {
					t.Neg(t)
				}
				c := nf().Mul(t, t)
				c.Add(c, one)
				c.Sqrt(c)
				c.Quo(one, c)
				s := nf().Mul(t, c)
				tau := nf().Add(one, c)
				tau.Quo(s, tau)
				ta := nf().Mul(t, apq)
				m[p][p] = nf().Sub(m[p][p], ta)
				m[q][q] = nf().Add(m[q][q], ta)
				m[p][q], m[q][p] = nf(), nf()
				rot := func(g, h *big.Float) (*big.Float, *big.Float) {
					// g' = g − s(h + gτ), h' = h + s(g − hτ)
					x := nf().Mul(g, tau)
					x.Add(x, h)
					x.Mul(x, s)
					y := nf().Mul(h, tau)
					y.Sub(g, y)
					y.Mul(y, s)
					return nf().Sub(g, x), nf().Add(h, y)
				}
				for r := range n {
					if r != p && r != q {
						m[r][p], m[r][q] = rot(m[r][p], m[r][q])
						m[p][r], m[q][r] = m[r][p], m[r][q]
					}
					vecs[r][p], vecs[r][q] = rot(vecs[r][p], vecs[r][q])
				}
			}
		}
	}
	vals = make([]*big.Float, n)
	for i := range n {
		vals[i] = m[i][i]
	}
	return vals, vecs
}
