package importance

import (
	"math/big"
	"strconv"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
	"github.com/csatkit/csat/internal/exact"
	"github.com/shopspring/decimal"
)

// Correlation is Pearson's correlation r of each item with the overall
// question (总体满意度), over the forms the deletion keeps: under
// listwise deletion the forms complete on the items and the overall
// question, under pairwise deletion each item's own forms answering both,
//
//	r = (nΣxy − ΣxΣy) / √((nΣx² − (Σx)²)(nΣy² − (Σy)²))
//
// r² is an exact fraction (given as the value's part); r is its signed
// square root, exact when r² is the square of a fraction, otherwise
// rounded once to [csat.Precision] places and marked inexact. Items are
// ranked by r, so a negative correlation ranks below none.
//
// Without any overall answer on the source's forms, the proxy is the
// item–rest correlation ([TargetItemRest]): each item against the sum
// (equivalently, the mean) of the form's other items, from the
// covariances S of the items, cov(x_j, rest) = Σ_{k≠j} S_jk and
// var(rest) = Σ_{k,l≠j} S_kl; it needs at least two items.
//
// An item without variance (every form gave it the same answer) has no
// correlation: its importance is 0, and its explanation says so. The
// overall question without variance is an error wrapping
// [csat.ErrInvalid]; so is, for the proxy under pairwise deletion, a
// rest whose variance comes out negative (use listwise deletion).
// The zero Correlation is ready to use.
type Correlation struct{}

// Importance returns the correlation of each item with the overall
// question (or, without one, with the rest of the form).
func (Correlation) Importance(in Input) (Set, error) {
	s, err := newSystem("correlation", in)
	if err != nil {
		return Set{}, err
	}
	set := s.set()
	p := s.p()
	set.Items = make([]Item, p)
	if s.overall {
		if err := s.checkTarget(); err != nil {
			return Set{}, err
		}
		set.Forms = ^uint64(0)
		for j, name := range s.items {
			// the pair's own forms (the same forms under listwise deletion)
			mo := s.mo(j, p)
			set.Forms = min(set.Forms, mo.N)
			n := new(big.Rat).SetUint64(mo.N)
			sxy := exact.Sub(exact.Mul(n, mo.SumXY.Rat()), exact.Mul(mo.SumX.Rat(), mo.SumY.Rat()))
			sxx := exact.Sub(exact.Mul(n, mo.SumXX.Rat()), exact.Mul(mo.SumX.Rat(), mo.SumX.Rat()))
			syy := exact.Sub(exact.Mul(n, mo.SumYY.Rat()), exact.Mul(mo.SumY.Rat(), mo.SumY.Rat()))
			how := "(nΣxy − ΣxΣy)/√((nΣx² − (Σx)²)(nΣy² − (Σy)²)), n = " + strconv.FormatUint(mo.N, 10)
			v, err := pearson(texts{"r of " + name + " with the overall question", name + "与总体满意度的相关系数 r"}, sxy, sxx, syy,
				texts{how, how})
			if err != nil {
				return Set{}, err
			}
			set.Items[j] = Item{Item: name, Value: v}
		}
		rank(set.Items, nil)
		return set, nil
	}
	if p < 2 {
		return Set{}, errs.New(csat.ErrInvalid, "correlation: one item and no overall question: the item–rest correlation needs at least two items")
	}
	for j, name := range s.items {
		cxr, vr := new(big.Rat), new(big.Rat)
		for k := range p {
			if k == j {
				continue
			}
			cxr.Add(cxr, s.cov[j][k])
			for l := range p {
				if l != j {
					vr.Add(vr, s.cov[k][l])
				}
			}
		}
		if vr.Sign() < 0 {
			return Set{}, s.notPSD()
		}
		v, err := pearson(texts{"r of " + name + " with the rest of the form", name + "与答卷其余项目的相关系数 r"}, cxr, s.cov[j][j], vr,
			texts{"cov(x, rest)/√(var x · var rest), rest = the sum of the form's other " + strconv.Itoa(p-1) + " items",
				"协方差(x, 其余)/√(方差 x · 方差 其余)，其余 = 答卷上其他 " + strconv.Itoa(p-1) + " 个项目之和"})
		if err != nil {
			return Set{}, err
		}
		set.Items[j] = Item{Item: name, Value: v}
	}
	rank(set.Items, nil)
	return set, nil
}

// pearson returns r = sxy/√(sxx·syy) explained: exact when r² is a
// square, else rounded once; 0 when sxx or syy is 0 (no variance). A
// |r| above 1 (a matrix that is no covariance matrix) is an error.
func pearson(labels texts, sxy, sxx, syy *big.Rat, hows texts) (csat.Result, error) {
	label, how := labels.en, hows.en
	show := show4
	if sxx.Sign() < 0 || syy.Sign() < 0 {
		return csat.Result{}, errs.New(csat.ErrInvalid, "correlation: a negative variance for "+label+": the co-moments are not those of any forms")
	}
	if sxx.Sign() == 0 || syy.Sign() == 0 {
		r, _ := csat.Given(label, csat.Points, decimal.Zero)
		return r.WithFormula(func() string {
			return how + ": no variance (every form gave the same answer), so no correlation: importance 0"
		}).In("zh", labels.zh, func() string {
			return hows.zh + "：没有变异（每份答卷的回答都相同），无相关：重要度 0"
		}), nil
	}
	r2 := exact.Quo(exact.Mul(sxy, sxy), exact.Mul(sxx, syy))
	if r2.Cmp(big.NewRat(1, 1)) > 0 {
		return csat.Result{}, errs.New(csat.ErrInvalid, "correlation: |r| > 1 for "+label+": the co-moments are not those of one set of forms; use listwise deletion")
	}
	sq, err := csat.FromRat("r²", csat.Points, r2)
	if err != nil {
		return csat.Result{}, err
	}
	sq = sq.WithFormula(func() string { return "(" + show(sxy) + ")²/(" + show(sxx) + "×" + show(syy) + ")" })
	var v csat.Result
	if root, ok := ratSqrt(r2); ok {
		if sxy.Sign() < 0 {
			root.Neg(root)
		}
		v, err = csat.FromRat(label, csat.Points, root)
	} else {
		d := sqrtRound(r2, csat.Precision)
		if sxy.Sign() < 0 {
			d = d.Neg()
		}
		v, err = csat.Approx(label, csat.Points, d)
	}
	if err != nil {
		return csat.Result{}, err
	}
	sign := ""
	if sxy.Sign() < 0 {
		sign = "−"
	}
	return v.WithFormula(func() string {
		return how + " = " + show(sxy) + "/√(" + show(sxx) + "×" + show(syy) + ") = " + sign + "√(" + sq.String() + ")"
	}).In("zh", labels.zh, func() string {
		return hows.zh + " = " + show(sxy) + "/√(" + show(sxx) + "×" + show(syy) + ") = " + sign + "√(" + sq.String() + ")"
	}).WithParts(sq), nil
}

// texts are a text in English and in Chinese.
type texts struct{ en, zh string }

// ratSqrt returns √q when q ≥ 0 is the square of a fraction.
func ratSqrt(q *big.Rat) (*big.Rat, bool) {
	n, d := new(big.Int).Sqrt(q.Num()), new(big.Int).Sqrt(q.Denom())
	if new(big.Int).Mul(n, n).Cmp(q.Num()) != 0 || new(big.Int).Mul(d, d).Cmp(q.Denom()) != 0 {
		return nil, false
	}
	return new(big.Rat).SetFrac(n, d), true
}

// sqrtRound returns √q (q ≥ 0) rounded half away from zero to places
// decimal places, exactly: k = ⌊√(q·10^2places)⌋, plus one when
// q·10^2places ≥ (k + ½)².
func sqrtRound(q *big.Rat, places int32) decimal.Decimal {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(2*places)), nil)
	x := new(big.Rat).Mul(q, new(big.Rat).SetInt(scale))
	fl := new(big.Int).Quo(x.Num(), x.Denom())
	k := new(big.Int).Sqrt(fl) // ⌊√⌊x⌋⌋ = ⌊√x⌋
	// x ≥ (k + ½)² ⇔ 4x ≥ (2k + 1)²
	h := new(big.Int).Lsh(k, 1)
	h.Add(h, big.NewInt(1))
	h.Mul(h, h)
	if new(big.Rat).Mul(x, big.NewRat(4, 1)).Cmp(new(big.Rat).SetInt(h)) >= 0 {
		k.Add(k, big.NewInt(1))
	}
	return decimal.NewFromBigInt(k, -places)
}
