package importance

import (
	"math/big"
	"slices"
	"strconv"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/internal/errs"
	"github.com/csatkit/csat/internal/exact"
)

// Targets of derived importance ([Set.Target]).
const (
	// TargetOverall is the overall question (总体满意度).
	TargetOverall = "overall"
	// TargetItemRest is the proxy used without an overall question: each
	// item against the sum (equivalently, the mean) of the form's other
	// items.
	TargetItemRest = "item_rest"
)

// A system is the exact covariance structure of the items and, when the
// forms answered it, the overall question: what the derived methods
// share. Index i < p is items[i]; index p is the overall question.
type system struct {
	method   string
	source   string
	items    []string // sorted
	overall  bool     // index p is the overall question
	m        form.Matrix
	idx      []int // index in m.Vars of each variable of cov
	cov      [][]*big.Rat
	scaled   [][]*big.Int // cov × unit: coprime integers
	unit     *big.Rat     // lcm of cov's denominators / gcd of the products
	forms    uint64
	deletion form.Deletion
}

// p returns the number of items.
func (s *system) p() int { return len(s.items) }

// source returns in's source, or csat.SourceSurvey.
func (in Input) source() string {
	if in.Source == "" {
		return csat.SourceSurvey
	}
	return in.Source
}

// checkItems returns the items asked for, sorted, or an error wrapping
// ErrInvalid for an empty name or a name given twice.
func checkItems(method string, items []string) ([]string, error) {
	out := slices.Clone(items)
	slices.Sort(out)
	for i, it := range out {
		if it == "" {
			return nil, errs.New(csat.ErrInvalid, method+": an empty item name")
		}
		if i > 0 && out[i-1] == it {
			return nil, errs.New(csat.ErrInvalid, method+": item "+errs.QuoteShort(it)+" twice")
		}
	}
	return out, nil
}

// sourceItems returns the items answered at least once on the source's
// forms, sorted.
func sourceItems(st *form.Stats, source string) []string {
	var out []string
	for _, it := range st.Items() {
		if n, _ := st.Tally(it, source).N(); n > 0 {
			out = append(out, it)
		}
	}
	return out
}

// newSystem builds the covariance structure the derived methods read:
// from in.Matrix when given, otherwise from the co-moments of in.Stats
// under in.Deletion. The overall question is the target when the source's
// forms answered it (when the matrix holds [form.Overall]).
func newSystem(method string, in Input) (*system, error) {
	s := &system{method: method, source: in.source()}
	var err error
	if in.Matrix != nil {
		err = s.fromMatrix(in)
	} else {
		err = s.fromStats(in)
	}
	if err != nil {
		return nil, err
	}
	if err := s.covariances(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *system) fromStats(in Input) error {
	st := in.Stats
	if st == nil {
		return errs.New(csat.ErrInvalid, s.method+": nil Stats")
	}
	if st.Forms(s.source) == 0 {
		return errs.New(csat.ErrEmpty, s.method+": no forms of source "+errs.QuoteShort(s.source))
	}
	items := in.Items
	if items == nil {
		items = sourceItems(st, s.source)
	}
	items, err := checkItems(s.method, items)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		return errs.New(csat.ErrEmpty, s.method+": no item answered on the forms of source "+errs.QuoteShort(s.source))
	}
	s.items = items
	if n, _ := st.OverallTally(s.source).N(); n > 0 {
		s.overall = true
	}
	vars := slices.Clone(items)
	if s.overall {
		vars = append(vars, form.Overall)
	}
	if s.method == "shapley" && !s.overall {
		return missingOverall(s.method, s.source)
	}
	m, err := st.Matrix(s.source, vars, in.Deletion)
	if err != nil {
		return err
	}
	s.m = m
	s.deletion = m.Deletion
	s.idx = make([]int, len(vars))
	for i := range vars {
		s.idx[i] = i
	}
	return nil
}

func missingOverall(method, source string) error {
	return errs.New(csat.ErrMissing, method+": no overall question (总体满意度) answered on the forms of source "+
		errs.QuoteShort(source)+": R² and its decomposition need it (Correlation falls back to the item–rest correlation)")
}

// fromMatrix takes the co-moments given, after checking that they are
// consistent.
func (s *system) fromMatrix(in Input) error {
	m := *in.Matrix
	k := len(m.Vars)
	if k == 0 {
		return errs.New(csat.ErrEmpty, s.method+": the matrix has no variables")
	}
	if m.Deletion != form.Listwise && m.Deletion != form.Pairwise {
		return errs.New(csat.ErrInvalid, s.method+": the matrix has an unknown deletion "+m.Deletion.String())
	}
	if len(m.M) != k {
		return errs.New(csat.ErrInvalid, s.method+": the matrix has "+strconv.Itoa(len(m.M))+" rows for "+strconv.Itoa(k)+" variables")
	}
	pos := make(map[string]int, k)
	for i, v := range m.Vars {
		if _, dup := pos[v]; dup {
			return errs.New(csat.ErrInvalid, s.method+": matrix variable "+errs.QuoteShort(v)+" twice")
		}
		pos[v] = i
		if len(m.M[i]) != k {
			return errs.New(csat.ErrInvalid, s.method+": matrix row "+errs.QuoteShort(v)+" has "+strconv.Itoa(len(m.M[i]))+" entries for "+strconv.Itoa(k)+" variables")
		}
	}
	if err := s.checkEntries(m); err != nil {
		return err
	}
	items := in.Items
	if items == nil {
		for _, v := range m.Vars {
			if v != form.Overall {
				items = append(items, v)
			}
		}
	}
	items, err := checkItems(s.method, items)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		return errs.New(csat.ErrEmpty, s.method+": the matrix has no item")
	}
	s.items = items
	for _, it := range items {
		i, ok := pos[it]
		if !ok {
			return errs.New(csat.ErrUnknownItem, s.method+": item "+errs.QuoteShort(it)+" is not in the matrix")
		}
		s.idx = append(s.idx, i)
	}
	if i, ok := pos[form.Overall]; ok {
		s.overall = true
		s.idx = append(s.idx, i)
	} else if s.method == "shapley" {
		return missingOverall(s.method, s.source)
	}
	s.m = m
	s.deletion = m.Deletion
	return nil
}

// checkEntries checks that the entries of m, a square matrix, mirror
// each other across the diagonal, that each on the diagonal is one
// variable's moments, and that under listwise deletion all rest on the
// same forms.
func (s *system) checkEntries(m form.Matrix) error {
	k := len(m.Vars)
	for i := range k {
		for j := i; j < k; j++ {
			a, b := m.M[i][j], m.M[j][i]
			if a.N != b.N || !a.SumX.Equal(b.SumY) || !a.SumY.Equal(b.SumX) || !a.SumXX.Equal(b.SumYY) || !a.SumYY.Equal(b.SumXX) || !a.SumXY.Equal(b.SumXY) {
				return errs.New(csat.ErrInvalid, s.method+": matrix entries of "+errs.QuoteShort(m.Vars[i])+" and "+errs.QuoteShort(m.Vars[j])+" do not mirror each other")
			}
			if i == j && (!a.SumX.Equal(a.SumY) || !a.SumXX.Equal(a.SumXY)) {
				return errs.New(csat.ErrInvalid, s.method+": matrix entry of "+errs.QuoteShort(m.Vars[i])+" with itself is not one variable's moments")
			}
			if m.Deletion == form.Listwise && a.N != m.M[0][0].N {
				return errs.New(csat.ErrInvalid, s.method+": a listwise matrix whose entries rest on different numbers of forms")
			}
		}
	}
	return nil
}

// mo returns the co-moments of variables a and b of the system.
func (s *system) mo(a, b int) form.Moments { return s.m.M[s.idx[a]][s.idx[b]] }

// name returns the name of variable a: an item, or "overall".
func (s *system) name(a int) string {
	if a == len(s.items) {
		return "overall"
	}
	return s.items[a]
}

// covariances computes the exact covariances S_ab = (Σxy − ΣxΣy/n)/(n − 1)
// of every pair (each pair over its own forms under pairwise deletion),
// the fewest forms of any pair, and the integer matrix scaled from them.
func (s *system) covariances() error {
	k := len(s.idx)
	s.cov = make([][]*big.Rat, k)
	for a := range k {
		s.cov[a] = make([]*big.Rat, k)
	}
	s.forms = ^uint64(0)
	den := big.NewInt(1)
	g := new(big.Int)
	for a := range k {
		for b := a; b < k; b++ {
			mo := s.mo(a, b)
			if mo.N < 2 {
				what := "forms answered both " + errs.QuoteShort(s.name(a)) + " and " + errs.QuoteShort(s.name(b))
				if a == b {
					what = "forms answered " + errs.QuoteShort(s.name(a))
				}
				if s.deletion == form.Listwise {
					what = "forms are complete on the items and the overall question"
					if !s.overall {
						what = "forms are complete on the items"
					}
				}
				return errs.New(csat.ErrTooFew, s.method+": "+strconv.FormatUint(mo.N, 10)+" "+what+" (at least 2 needed)")
			}
			s.forms = min(s.forms, mo.N)
			n := new(big.Rat).SetUint64(mo.N)
			c := new(big.Rat).Mul(mo.SumX.Rat(), mo.SumY.Rat())
			c.Quo(c, n)
			c.Sub(mo.SumXY.Rat(), c)
			c.Quo(c, n.SetUint64(mo.N-1))
			if a == b && c.Sign() < 0 {
				return errs.New(csat.ErrInvalid, s.method+": "+errs.QuoteShort(s.name(a))+" has a negative variance: the co-moments are not those of any forms")
			}
			s.cov[a][b], s.cov[b][a] = c, c
			// den = lcm(den, c's denominator)
			g.GCD(nil, nil, den, c.Denom())
			den.Mul(den, new(big.Int).Quo(c.Denom(), g))
		}
	}
	s.scaled = make([][]*big.Int, k)
	for a := range k {
		s.scaled[a] = make([]*big.Int, k)
		for b := range k {
			if b < a {
				s.scaled[a][b] = s.scaled[b][a]
				continue
			}
			c := s.cov[a][b]
			v := new(big.Int).Quo(den, c.Denom())
			s.scaled[a][b] = v.Mul(v, c.Num())
		}
	}
	// Divide out the entries' common factor (4 on a scale of even
	// points): R² does not change, and every determinant of the
	// elimination loses a factor of it per row.
	content := new(big.Int)
	for a := range k {
		for b := a; b < k; b++ {
			content.GCD(nil, nil, content, s.scaled[a][b])
		}
	}
	if content.Sign() == 0 {
		content.SetInt64(1)
	}
	for a := range k {
		for b := a; b < k; b++ {
			s.scaled[a][b].Quo(s.scaled[a][b], content)
		}
	}
	s.unit = new(big.Rat).SetFrac(den, content)
	return nil
}

// notPSD is the error of a covariance matrix that is not positive
// semi-definite: possible only under pairwise deletion (or with a matrix
// given from outside), whose entries rest on different forms.
func (s *system) notPSD() error {
	what := "the items"
	if s.overall {
		what = "the items and the overall question"
	}
	msg := s.method + ": the covariance matrix of " + what + " is not positive semi-definite, so R² would lie outside [0, 1]"
	if s.deletion == form.Pairwise {
		msg += ": under pairwise deletion its entries rest on different forms; use listwise deletion (form.Listwise)"
	}
	return errs.New(csat.ErrInvalid, msg)
}

// A node is a step of the fraction-free (Bareiss) elimination of the
// scaled covariance matrix. After the items of a subset S have been
// eliminated (those of zero pivot skipped: they lie in the span of the
// others), a[i][j] = det of the scaled covariances of S ∪ {i} against
// S ∪ {j} for the variables still present, and prev = det of S's own.
// The variables still present are the items after the last one added
// (vars, ascending), then the overall question or, without it, nothing.
type node struct {
	vars []int // items still to add; a has one more row (the target) when the system has one
	a    [][]*big.Int
	prev *big.Int
	mask uint64 // the items eliminated (bit i: items[i])
	rank int    // pivots used
}

// root returns the node of the empty subset.
func (s *system) root() *node {
	n := &node{vars: make([]int, s.p()), a: s.scaled, prev: big.NewInt(1)}
	for i := range n.vars {
		n.vars[i] = i
	}
	return n
}

// add returns the node of n's subset with n.vars[t] added. A zero pivot
// (the item lies in the span of the subset) is skipped: its row must
// then be zero, or the matrix is not positive semi-definite, as it is
// with a negative pivot.
func (s *system) add(n *node, t int) (*node, error) {
	piv := n.a[t][t]
	k := len(n.a) - t - 1
	c := &node{vars: n.vars[t+1:], a: make([][]*big.Int, k), prev: n.prev, mask: n.mask | 1<<uint(n.vars[t]), rank: n.rank}
	switch piv.Sign() {
	case -1:
		return nil, s.notPSD()
	case 0:
		for _, v := range n.a[t] {
			if v.Sign() != 0 {
				return nil, s.notPSD()
			}
		}
		for i := range k {
			c.a[i] = n.a[t+1+i][t+1:]
		}
		return c, nil
	}
	c.prev, c.rank = piv, n.rank+1
	x, y := new(big.Int), new(big.Int)
	for i := range k {
		c.a[i] = make([]*big.Int, k)
	}
	for i := range k {
		ri := n.a[t+1+i]
		for j := i; j < k; j++ {
			x.Mul(piv, ri[t+1+j])
			y.Mul(ri[t], n.a[t][t+1+j])
			x.Sub(x, y)
			v := new(big.Int).Quo(x, n.prev) // exact (Sylvester's identity)
			c.a[i][j], c.a[j][i] = v, v
		}
	}
	return c, nil
}

// r2 returns R² of n's subset as num/den: 1 − a_yy/(prev·s_yy), where
// a_yy/prev is the residual variance of the overall question given the
// subset; an error when it lies outside [0, 1].
func (s *system) r2(n *node) (num, den *big.Int, err error) {
	syy := s.scaled[s.p()][s.p()]
	ayy := n.a[len(n.a)-1][len(n.a)-1]
	den = new(big.Int).Mul(syy, n.prev)
	num = new(big.Int).Sub(den, ayy)
	if ayy.Sign() < 0 || num.Sign() < 0 {
		return nil, nil, s.notPSD()
	}
	return num, den, nil
}

// checkTarget returns an error when the overall question has no variance.
func (s *system) checkTarget() error {
	if s.scaled[s.p()][s.p()].Sign() == 0 {
		return errs.New(csat.ErrInvalid, s.method+": the overall question has no variance over the "+
			strconv.FormatUint(s.forms, 10)+" forms (every form gave it the same answer): nothing to explain")
	}
	return nil
}

// r2Formula prints R² of a subset with num/(s_yy·det) its R² (see r2):
// 1 − the residual variance of the overall question given the subset
// over its variance, both at four places.
func (s *system) r2Formula(num, det *big.Int, zh bool) func() string {
	return func() string {
		syy := s.scaled[s.p()][s.p()]
		ayy := new(big.Int).Mul(syy, det)
		ayy.Sub(ayy, num)
		resid := new(big.Rat).SetFrac(ayy, det)
		resid.Quo(resid, s.unit)
		f := "1 − " + show4(resid) + "/" + show4(new(big.Rat).Quo(new(big.Rat).SetInt(syy), s.unit))
		if zh {
			return f + "（给定各项目后总体满意度的残差方差，除以其方差；由协方差消元得到的精确分数）"
		}
		return f + " (the residual variance of the overall question given the items, over its variance; exact fractions by elimination on the covariances)"
	}
}

// r2Result is the R² of the overall question on the p items, r, with its
// label and formula in Chinese and English.
func (s *system) r2Result(r csat.Result, p int, num, det *big.Int) csat.Result {
	return r.WithLabel("R² of the overall question on the "+strconv.Itoa(p)+" items").WithFormula(s.r2Formula(num, det, false)).
		In("zh", "总体满意度对 "+strconv.Itoa(p)+" 个项目的 R²", s.r2Formula(num, det, true))
}

// show4 prints q at four places, "≈" when rounded.
func show4(q *big.Rat) string {
	d, ok := exact.Decimal(q, 4)
	if ok {
		return d.String()
	}
	return "≈" + d.String()
}

// full eliminates every item in turn and returns R² of the full model
// (num/den) and the rank of the items' covariance matrix, checking that
// the whole matrix is positive semi-definite.
func (s *system) full() (num, den *big.Int, rank int, err error) {
	if err := s.checkTarget(); err != nil {
		return nil, nil, 0, err
	}
	n := s.root()
	for len(n.vars) > 0 {
		if n, err = s.add(n, 0); err != nil {
			return nil, nil, 0, err
		}
	}
	num, den, err = s.r2(n)
	return num, den, n.rank, err
}

// set returns the Set of the system's method, without items.
func (s *system) set() Set {
	t := TargetItemRest
	if s.overall {
		t = TargetOverall
	}
	return Set{Method: s.method, Source: s.source, Target: t, Deletion: s.deletion.String(), Forms: s.forms}
}
