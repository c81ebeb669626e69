package csi

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/internal/enum"
	"github.com/csatkit/csat/internal/errs"
	"github.com/shopspring/decimal"
)

// A sample is what estimation needs of the data, exactly: per indicator
// of the model (in model order) the mean and the sum of squared
// deviations, per pair the sum of cross-deviations, all as exact
// fractions in the scale's points, after the missing-value treatment.
// Every way to the same forms (form.Stats merged in any order, rows in any
// order) gives the same fractions, so the same estimates bit for bit.
type sample struct {
	forms   uint64     // forms considered
	used    uint64     // forms whose answers enter (all under mean replacement)
	missing []uint64   // per indicator, forms without its answer
	mean    []*big.Rat // per indicator
	// dev are the cross-deviations, correctly rounded to prec bits (an
	// exact fraction rounds to the same bits whichever way it was written).
	dev [][]*big.Float
}

// Missing says what estimation does with a form that left an indicator
// blank.
type Missing uint8

const (
	// MeanReplacement (the zero value, SmartPLS's default) replaces a
	// blank by the indicator's mean over the forms that answered it: every
	// form enters. An indicator blank on more than 5 % of the forms is
	// warned about.
	MeanReplacement Missing = iota
	// Casewise deletes every form that left any indicator of the model
	// blank.
	Casewise
)

var missingEnum = enum.New[Missing]("Missing", "missing-value treatment", csat.ErrInvalid, errorf, "mean replacement", "casewise deletion")

// String returns "mean replacement" or "casewise deletion".
func (d Missing) String() string { return missingEnum.String(d) }

// MarshalText returns the treatment's name; an unknown one is an error.
func (d Missing) MarshalText() ([]byte, error) { return missingEnum.MarshalText(d) }

// UnmarshalText parses a treatment's name; errors wrap csat.ErrInvalid.
func (d *Missing) UnmarshalText(text []byte) error { return missingEnum.UnmarshalText(text, d) }

// statsSample takes the sample of the model's indicators from a source's
// forms in st: pairwise co-moments for mean replacement, listwise ones
// (the forms complete on every indicator) for casewise deletion.
func statsSample(m *Model, st *form.Stats, source string, miss Missing) (*sample, error) {
	if st == nil || st.Scale() == nil {
		return nil, errs.New(csat.ErrEmpty, "index: no form statistics: "+errs.Detail(csat.ErrEmpty))
	}
	if source == "" {
		source = csat.SourceSurvey
	}
	d := form.Pairwise
	if miss == Casewise {
		d = form.Listwise
	} else if miss != MeanReplacement {
		return nil, errs.New(csat.ErrInvalid, fmt.Sprintf("index: unknown missing-value treatment %d: %s", miss, errs.Detail(csat.ErrInvalid)))
	}
	if st.Forms(source) == 0 {
		return nil, errs.New(csat.ErrEmpty, fmt.Sprintf("index: no form of source %s: %s", errs.QuoteShort(source), errs.Detail(csat.ErrEmpty)))
	}
	items := map[string]bool{}
	for _, it := range st.Items() {
		items[it] = true
	}
	for _, ind := range m.inds {
		if !items[ind] {
			return nil, errs.New(csat.ErrUnknownItem, fmt.Sprintf("index: indicator %s is no item of the forms: %s", errs.QuoteShort(ind), errs.Detail(csat.ErrUnknownItem)))
		}
	}
	p := len(m.inds)
	s := &sample{forms: st.Forms(source), missing: make([]uint64, p), mean: make([]*big.Rat, p), dev: make([][]*big.Float, p)}
	for i, ind := range m.inds {
		n, err := st.Tally(ind, source).N()
		if err != nil {
			return nil, err
		}
		s.missing[i] = s.forms - n
		s.dev[i] = make([]*big.Float, p)
	}
	if miss == MeanReplacement {
		s.used = s.forms
		if err := jointSample(m, st, source, s); err != nil {
			return nil, err
		}
		return s, nil
	}
	mx, err := st.Matrix(source, m.inds, d)
	if errors.Is(err, csat.ErrEmpty) {
		return nil, errNoComplete()
	}
	if err != nil {
		return nil, err
	}
	s.used = mx.M[0][0].N
	for i := range p {
		mi := mx.M[i][i]
		if mi.N == 0 {
			return nil, errs.New(csat.ErrEmpty, fmt.Sprintf("index: no form answered %s: %s", errs.QuoteShort(m.inds[i]), errs.Detail(csat.ErrEmpty)))
		}
		s.mean[i] = new(big.Rat).Quo(decRat(mi.SumX), new(big.Rat).SetUint64(mi.N))
	}
	for i := range p {
		for j := i; j < p; j++ {
			mij, mi, mj := mx.M[i][j], mx.M[i][i], mx.M[j][j]
			r := ratF(crossDevRat(mij.N, decRat(mij.SumX), decRat(mij.SumY), decRat(mij.SumXY), mi.N, decRat(mi.SumX), mj.N, decRat(mj.SumX)))
			s.dev[i][j], s.dev[j][i] = r, r
		}
	}
	return s, nil
}

// crossDevInts are the sums of one pair of indicators i, j in the
// scale's least unit: over the n forms that answered both, Σxᵢ (sx), Σxⱼ
// (sy) and Σxᵢxⱼ (sxy); over the nᵢ forms that answered i, Σxᵢ (ti);
// over the nⱼ that answered j, Σxⱼ (tj).
type crossDevInts struct {
	n, sx, sy, sxy, ni, ti, nj, tj big.Int
	num, den, t                    big.Int // scratch
}

// value returns crossDevRat's cross-deviation from the integer sums, in
// points² (unitSq the square of the least unit's denominator):
// num/(nᵢ·nⱼ·unitSq) with num = Σxᵢxⱼ·nᵢnⱼ − Tᵢ·Σxⱼ·nⱼ − Tⱼ·Σxᵢ·nᵢ +
// n·TᵢTⱼ, rounded once to prec bits (the same bits as the fraction
// rounded any other way).
func (c *crossDevInts) value(unitSq *big.Int) *big.Float {
	num, t := &c.num, &c.t
	num.Mul(&c.sxy, &c.ni)
	num.Mul(num, &c.nj)
	t.Mul(&c.ti, &c.sy)
	num.Sub(num, t.Mul(t, &c.nj))
	t.Mul(&c.tj, &c.sx)
	num.Sub(num, t.Mul(t, &c.ni))
	t.Mul(&c.ti, &c.tj)
	num.Add(num, t.Mul(t, &c.n))
	c.den.Mul(&c.ni, &c.nj)
	c.den.Mul(&c.den, unitSq)
	fn := new(big.Float).SetInt(num) // exact: the precision of num's bits
	fd := new(big.Float).SetInt(&c.den)
	return newF().Quo(fn, fd)
}

// jointSample is statsSample under mean replacement: the pairwise sums
// from the joint counts of form.Stats, in integers (Stats.Matrix's
// decimal co-moments are the same numbers, computed ten times slower).
func jointSample(m *Model, st *form.Stats, source string, s *sample) error {
	sc := st.Scale()
	exp := int32(0)
	for _, l := range sc.Levels() {
		exp = min(exp, l.Points.Exponent())
	}
	pts := make([]*big.Int, sc.Len())
	for k, l := range sc.Levels() {
		pts[k] = l.Points.Shift(-exp).BigInt()
	}
	unit := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-exp)), nil)
	unitSq := new(big.Int).Mul(unit, unit)
	p := len(m.inds)
	var cd crossDevInts
	var t big.Int
	n := make([]big.Int, p)
	tot := make([]big.Int, p)
	for i, ind := range m.inds {
		for k, c := range st.Tally(ind, source).Counts() {
			n[i].Add(&n[i], t.SetUint64(c))
			tot[i].Add(&tot[i], t.Mul(t.SetUint64(c), pts[k]))
		}
		if n[i].Sign() == 0 {
			return errs.New(csat.ErrEmpty, fmt.Sprintf("index: no form answered %s: %s", errs.QuoteShort(ind), errs.Detail(csat.ErrEmpty)))
		}
		s.mean[i] = new(big.Rat).SetFrac(&tot[i], new(big.Int).Mul(&n[i], unit))
	}
	row := new(big.Int)
	for i := range p {
		for j := i; j < p; j++ {
			joint, err := st.Joint(source, m.inds[i], m.inds[j])
			if err != nil {
				return err
			}
			cd.n.SetInt64(0)
			cd.sx.SetInt64(0)
			cd.sy.SetInt64(0)
			cd.sxy.SetInt64(0)
			for a, r := range joint {
				row.SetInt64(0) // Σ_b J[a][b]·x_b
				for b, c := range r {
					if c == 0 {
						continue
					}
					t.SetUint64(c)
					cd.n.Add(&cd.n, &t)
					cd.sy.Add(&cd.sy, t.Mul(&t, pts[b]))
					row.Add(row, &t)
				}
				cd.sxy.Add(&cd.sxy, t.Mul(row, pts[a]))
				var ra big.Int
				for _, c := range r {
					ra.Add(&ra, t.SetUint64(c))
				}
				cd.sx.Add(&cd.sx, t.Mul(&ra, pts[a]))
			}
			cd.ni.Set(&n[i])
			cd.ti.Set(&tot[i])
			cd.nj.Set(&n[j])
			cd.tj.Set(&tot[j])
			r := cd.value(unitSq)
			s.dev[i][j], s.dev[j][i] = r, r
		}
	}
	return nil
}

// errNoComplete is the error of casewise deletion without a complete
// form, whichever way the forms came.
func errNoComplete() error {
	return errs.New(csat.ErrEmpty, "index: no form answered every indicator of the model (casewise deletion): "+errs.Detail(csat.ErrEmpty))
}

// crossDevRat returns Σ (xᵢ − x̄ᵢ)(xⱼ − x̄ⱼ) over the n forms that
// answered both indicators, each mean over the forms that answered it
// (x̄ᵢ = tᵢ/nᵢ): the cross-deviation of the two indicators after mean
// replacement, since a replaced answer deviates by zero. sx, sy and sxy
// are Σxᵢ, Σxⱼ and Σxᵢxⱼ over the n forms. Under casewise deletion every
// count is the complete forms' and it is the usual Σxy − ΣxΣy/n. Exact.
func crossDevRat(n uint64, sx, sy, sxy *big.Rat, ni uint64, ti *big.Rat, nj uint64, tj *big.Rat) *big.Rat {
	rn, rni, rnj := new(big.Rat).SetUint64(n), new(big.Rat).SetUint64(ni), new(big.Rat).SetUint64(nj)
	mi := new(big.Rat).Quo(ti, rni)
	mj := new(big.Rat).Quo(tj, rnj)
	r := new(big.Rat).Set(sxy)
	r.Sub(r, new(big.Rat).Mul(mi, sy))
	r.Sub(r, new(big.Rat).Mul(mj, sx))
	t := new(big.Rat).Mul(mi, mj)
	r.Add(r, t.Mul(t, rn))
	return r
}

// decRat returns d exactly as a fraction.
func decRat(d decimal.Decimal) *big.Rat {
	r := new(big.Rat).SetInt(d.Coefficient())
	e := d.Exponent()
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs32(e))), nil)
	if e >= 0 {
		return r.Mul(r, new(big.Rat).SetInt(p))
	}
	return r.Quo(r, new(big.Rat).SetInt(p))
}

func abs32(e int32) int32 {
	if e < 0 {
		return -e
	}
	return e
}
