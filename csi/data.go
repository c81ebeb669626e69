package csi

import (
	"fmt"
	"math"
	"math/big"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/internal/errs"
	"github.com/shopspring/decimal"
)

// MaxDataForms is the number of forms Data holds at most: sums of
// products of points stay within 64 bits.
const MaxDataForms = 1 << 22

// missingPoint marks a blank in Data's rows.
const missingPoint = math.MinInt32

// Data holds the forms' answers to a model's indicators, one row of
// points per form: what the bootstrap resamples. Estimation itself needs
// only counts ([Estimate] on [form.Stats]); the bootstrap draws forms, so
// it needs them, at four bytes per indicator and form. Data holds every
// form given to Add, whatever its source.
//
// The zero Data holds nothing and has no model; use [NewData]. Data is
// not safe for concurrent Add.
type Data struct {
	m      *Model
	scale  *csat.Scale
	lo, hi decimal.Decimal
	exp    int32   // points = units × 10^exp
	pts    []int32 // per level, its points in units
	rows   [][]int32
}

// NewData returns empty Data for the model's indicators on the scale.
// Errors wrap csat.ErrInvalid (no model or scale) or csat.ErrOutOfRange
// (points too fine or too large to sum in 64 bits: more than 2²⁰ units).
func NewData(m *Model, s *csat.Scale) (*Data, error) {
	if m == nil || len(m.cons) == 0 || s == nil || s.Len() == 0 {
		return nil, errs.New(csat.ErrInvalid, "index: data need a model and a scale: "+errs.Detail(csat.ErrInvalid))
	}
	lo, hi, err := scaleRange(s)
	if err != nil {
		return nil, err
	}
	d := &Data{m: m, scale: s, lo: lo, hi: hi}
	for _, l := range s.Levels() {
		d.exp = min(d.exp, l.Points.Exponent())
	}
	for _, l := range s.Levels() {
		u := l.Points.Shift(-d.exp)
		if u.Abs().GreaterThan(decimal.NewFromInt(1 << 20)) {
			return nil, errs.New(csat.ErrOutOfRange, fmt.Sprintf("index: level %s has %s points: too fine or too large for the bootstrap's sums: %s", errs.QuoteShort(l.Key), l.Points, errs.Detail(csat.ErrOutOfRange)))
		}
		d.pts = append(d.pts, int32(u.IntPart())) //nolint:gosec // |u| ≤ 2²⁰, checked above
	}
	return d, nil
}

// Add adds a form's answers to the model's indicators: a blank or an
// indicator not on the form is missing. Errors wrap csat.ErrUnknownLevel
// (an answer not on the scale, naming the form and the indicator) or
// csat.ErrOverflow (more than MaxDataForms forms); on error nothing is
// added.
func (d *Data) Add(f form.Form) error {
	if d == nil || d.m == nil {
		return errs.New(csat.ErrInvalid, "index: Data without a model: use NewData: "+errs.Detail(csat.ErrInvalid))
	}
	if len(d.rows) >= MaxDataForms {
		return errs.New(csat.ErrOverflow, fmt.Sprintf("index: more than %d forms: %s", MaxDataForms, errs.Detail(csat.ErrOverflow)))
	}
	row := make([]int32, len(d.m.inds))
	for i, ind := range d.m.inds {
		a := f.Answers[ind]
		if a == "" {
			row[i] = missingPoint
			continue
		}
		k, err := d.scale.Index(a)
		if err != nil {
			return errs.New(csat.ErrUnknownLevel, fmt.Sprintf("index: form %s, indicator %s: %s", errs.QuoteShort(f.ID), errs.QuoteShort(ind), errs.Detail(err)))
		}
		row[i] = d.pts[k]
	}
	d.rows = append(d.rows, row)
	return nil
}

// Len returns the number of forms held.
func (d *Data) Len() int {
	if d == nil {
		return 0
	}
	return len(d.rows)
}

// Estimate estimates the model on the forms held; opts.Source is
// ignored. It gives the same estimates as [Estimate] on the form.Stats
// of the same forms.
func (d *Data) Estimate(opts *Options) (*Estimates, error) {
	if d == nil || d.m == nil {
		return nil, errs.New(csat.ErrInvalid, "index: Data without a model: use NewData: "+errs.Detail(csat.ErrInvalid))
	}
	o := opts.orDefault()
	if err := o.check(d.m); err != nil {
		return nil, err
	}
	all := make([]int, len(d.rows))
	for i := range all {
		all[i] = i
	}
	s, err := d.sample(all, o.Missing)
	if err != nil {
		return nil, err
	}
	return estimate(d.m, s, o, d.lo, d.hi)
}

// sample takes the exact sample of the rows listed (a row listed twice
// counts twice).
func (d *Data) sample(idx []int, miss Missing) (*sample, error) {
	p := len(d.m.inds)
	rows := make([][]int32, 0, len(idx))
	for _, r := range idx {
		row := d.rows[r]
		if miss == Casewise && containsMissing(row) {
			continue
		}
		rows = append(rows, row)
	}
	s := &sample{forms: uint64(len(idx)), used: uint64(len(rows)), missing: make([]uint64, p), mean: make([]*big.Rat, p), dev: make([][]*big.Float, p)}
	if miss == MeanReplacement {
		s.used = s.forms
	}
	if len(idx) == 0 {
		return nil, errs.New(csat.ErrEmpty, "index: no forms: "+errs.Detail(csat.ErrEmpty))
	}
	if len(rows) == 0 {
		return nil, errNoComplete()
	}
	n := make([]int64, p)
	t := make([]int64, p)
	for _, row := range rows {
		for i, v := range row {
			if v != missingPoint {
				n[i]++
				t[i] += int64(v)
			}
		}
	}
	for _, r := range idx {
		for i, v := range d.rows[r] {
			if v == missingPoint {
				s.missing[i]++
			}
		}
	}
	unit := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-d.exp)), nil))
	for i := range p {
		if n[i] == 0 {
			return nil, errs.New(csat.ErrEmpty, fmt.Sprintf("index: no form answered %s: %s", errs.QuoteShort(d.m.inds[i]), errs.Detail(csat.ErrEmpty)))
		}
		s.mean[i] = new(big.Rat).SetFrac(big.NewInt(t[i]), big.NewInt(n[i]))
		s.mean[i].Quo(s.mean[i], unit)
		s.dev[i] = make([]*big.Float, p)
	}
	unitSq := new(big.Int).Mul(unit.Num(), unit.Num())
	var cd crossDevInts
	for i := range p {
		for j := i; j < p; j++ {
			var nij, sx, sy, sxy int64
			for _, row := range rows {
				x, y := row[i], row[j]
				if x == missingPoint || y == missingPoint {
					continue
				}
				nij++
				sx += int64(x)
				sy += int64(y)
				sxy += int64(x) * int64(y)
			}
			cd.n.SetInt64(nij)
			cd.sx.SetInt64(sx)
			cd.sy.SetInt64(sy)
			cd.sxy.SetInt64(sxy)
			cd.ni.SetInt64(n[i])
			cd.ti.SetInt64(t[i])
			cd.nj.SetInt64(n[j])
			cd.tj.SetInt64(t[j])
			r := cd.value(unitSq)
			s.dev[i][j], s.dev[j][i] = r, r
		}
	}
	return s, nil
}

func containsMissing(row []int32) bool {
	for _, v := range row {
		if v == missingPoint {
			return true
		}
	}
	return false
}
