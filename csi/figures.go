package csi

import (
	"fmt"
	"math/big"

	"github.com/shopspring/decimal"
)

// Estimates are a model's estimates on one sample. Every figure is
// rounded to [Places] decimal places from a binary computation at 128
// bits; they are not exact (the algorithm converges to a fixed point,
// and stops within the tolerance of it), unlike csat's other results.
type Estimates struct {
	// Model is the model estimated.
	Model *Model `json:"model"`
	// Source, Scheme and Missing are the options the estimates rest on.
	Source  string  `json:"source"`
	Scheme  Scheme  `json:"scheme"`
	Missing Missing `json:"missing"`
	// Forms is the number of forms of the source; Used those whose
	// answers enter (all under mean replacement, the complete ones under
	// casewise deletion).
	Forms uint64 `json:"forms"`
	Used  uint64 `json:"used"`
	// Iterations is the number of iterations to convergence.
	Iterations int `json:"iterations"`
	// Min and Max are the scale's lowest and highest points: the index's 0
	// and 100.
	Min decimal.Decimal `json:"min"`
	Max decimal.Decimal `json:"max"`
	// Indicators, in model order.
	Indicators []IndicatorEstimate `json:"indicators"`
	// Constructs, in model order.
	Constructs []ConstructEstimate `json:"constructs"`
	// Paths, in model order, with their coefficients.
	Paths []PathEstimate `json:"paths"`
	// Effects are the total effects (direct and through other constructs)
	// of every construct on every construct it reaches, by cause then
	// effect in model order.
	Effects []Effect `json:"effects"`
	// HTMT is the heterotrait–monotrait ratio of every pair of
	// constructs, in model order; Over marks those above HTMTLimit.
	HTMT      []HTMT          `json:"htmt"`
	HTMTLimit decimal.Decimal `json:"htmt_limit"`
	// IPMA is the importance–performance map of the target construct.
	IPMA IPMA `json:"ipma"`
}

// An IndicatorEstimate is one indicator's figures.
type IndicatorEstimate struct {
	Name      string `json:"name"`
	Construct string `json:"construct"`
	// Weight is the outer weight of the standardised indicator (the score
	// of its construct has variance one).
	Weight decimal.Decimal `json:"weight"`
	// Loading is its correlation with its construct's score.
	Loading decimal.Decimal `json:"loading"`
	// Cross are its correlations with every construct's score, in model
	// order (its loading among them): the cross-loadings.
	Cross []decimal.Decimal `json:"cross"`
	// IndexWeight is its weight in the index: the unstandardised weight
	// (Weight over the standard deviation) rescaled so that its
	// construct's sum to one.
	IndexWeight decimal.Decimal `json:"index_weight"`
	// Mean is its mean over the forms used (the forms that answered it,
	// under mean replacement).
	Mean decimal.Decimal `json:"mean"`
	// Missing is the number of forms of the source without its answer.
	Missing uint64 `json:"missing"`
}

// A ConstructEstimate is one construct's figures.
type ConstructEstimate struct {
	Name string `json:"name"`
	// Index is the construct's score on 0–100 (the satisfaction index for
	// satisfaction): Σ w̃ᵢ (x̄ᵢ − Min)/(Max − Min) × 100 over its
	// indicators, w̃ their IndexWeight.
	Index decimal.Decimal `json:"index"`
	// Endogenous says whether the construct has causes; R2 is then the
	// share of its variance they explain.
	Endogenous bool            `json:"endogenous"`
	R2         decimal.Decimal `json:"r2"`
	// Alpha is Cronbach's α of the standardised indicators, RhoC the
	// composite reliability ρc, AVE the average variance extracted; all
	// three are 1 for a single indicator.
	Alpha decimal.Decimal `json:"alpha"`
	RhoC  decimal.Decimal `json:"rho_c"`
	AVE   decimal.Decimal `json:"ave"`
	// Weak lists the thresholds not met: "alpha" (α < 0.7), "rhoC"
	// (ρc < 0.7), "AVE" (AVE < 0.5). Empty for a single indicator.
	Weak []string `json:"weak"`
}

// A PathEstimate is a path with its coefficient (standardised).
type PathEstimate struct {
	From        string          `json:"from"`
	To          string          `json:"to"`
	Coefficient decimal.Decimal `json:"coefficient"`
}

// An Effect is the total effect of one construct on another.
type Effect struct {
	From  string          `json:"from"`
	To    string          `json:"to"`
	Total decimal.Decimal `json:"total"`
}

// HTMT is the heterotrait–monotrait ratio of two constructs.
type HTMT struct {
	A     string          `json:"a"`
	B     string          `json:"b"`
	Value decimal.Decimal `json:"value"`
	Over  bool            `json:"over"`
	// Undefined says the ratio has no value: the indicators of A or of B
	// are uncorrelated with each other (a monotrait mean of zero). Value
	// is then zero and Over false.
	Undefined bool `json:"undefined"`
}

// IPMA is the importance–performance map of a target construct
// (Ringle & Sarstedt 2016): for every construct with an effect on it,
// the importance is its unstandardised total effect (the points the
// target's index gains when the construct's index gains one) and the
// performance its index.
//
// The map is cut as the item quadrant of METHOD.md §12 is (package
// analysis): at the mean importance and the mean performance of its
// points, a point on a line counting as high; each point's Zone is "fix"
// (修补区: high importance, low performance), "strength" (优势区),
// "opportunity" (机会区: low, low) or "maintain" (维持区: low importance,
// high performance). The means and zones are decided on the figures as
// rounded to Places.
type IPMA struct {
	Target string      `json:"target"`
	Points []IPMAPoint `json:"points"`
	// MeanImportance and MeanPerformance are the cut lines, rounded to
	// Places.
	MeanImportance  decimal.Decimal `json:"mean_importance"`
	MeanPerformance decimal.Decimal `json:"mean_performance"`
}

// An IPMAPoint is one construct on the importance–performance map.
type IPMAPoint struct {
	Construct   string          `json:"construct"`
	Importance  decimal.Decimal `json:"importance"`
	Performance decimal.Decimal `json:"performance"`
	Zone        string          `json:"zone"`
}

// zones cuts the map at its means (exact: a value v is high when
// n·v ≥ Σ values).
func (m *IPMA) zones() {
	n := int64(len(m.Points))
	if n == 0 {
		return
	}
	var si, sp decimal.Decimal
	for _, p := range m.Points {
		si, sp = si.Add(p.Importance), sp.Add(p.Performance)
	}
	nd := decimal.NewFromInt(n)
	for i, p := range m.Points {
		hiI := p.Importance.Mul(nd).GreaterThanOrEqual(si)
		hiP := p.Performance.Mul(nd).GreaterThanOrEqual(sp)
		switch {
		case hiI && !hiP:
			m.Points[i].Zone = "fix"
		case hiI && hiP:
			m.Points[i].Zone = "strength"
		case !hiI && !hiP:
			m.Points[i].Zone = "opportunity"
		default:
			m.Points[i].Zone = "maintain"
		}
	}
	m.MeanImportance = dec(ratF(new(big.Rat).Quo(decRat(si), new(big.Rat).SetInt64(n))))
	m.MeanPerformance = dec(ratF(new(big.Rat).Quo(decRat(sp), new(big.Rat).SetInt64(n))))
}

// Reliability thresholds (Hair et al. 2017).
var (
	minAlpha = big.NewFloat(0.7)
	minAVE   = big.NewFloat(0.5)
)

func (b *solved) figures(o Options, lo, hi decimal.Decimal) (*Estimates, error) {
	m, f := b.m, b.f
	e := &Estimates{Model: m, Source: o.Source, Scheme: o.Scheme, Missing: o.Missing,
		Forms: b.s.forms, Used: b.s.used, Iterations: f.iter, Min: lo, Max: hi, HTMTLimit: o.HTMTLimit}
	nc := len(m.cons)
	idx := make([]*big.Float, nc)
	for j, c := range m.cons {
		idx[j] = b.index(j, lo, hi)
		for i, name := range c.Indicators {
			k := m.first[j] + i
			ie := IndicatorEstimate{Name: name, Construct: c.Name, Weight: dec(f.w[k]), Loading: dec(f.u[j][k]),
				IndexWeight: dec(newF().Quo(b.a[k], b.sum[j])), Mean: dec(ratF(b.s.mean[k])), Missing: b.s.missing[k]}
			for l := range nc {
				ie.Cross = append(ie.Cross, dec(f.u[l][k]))
			}
			e.Indicators = append(e.Indicators, ie)
		}
		ce := ConstructEstimate{Name: c.Name, Index: dec(idx[j]), Endogenous: f.r2[j] != nil}
		if f.r2[j] != nil {
			ce.R2 = dec(f.r2[j])
		}
		alpha, rhoC, ave := b.reliability(j)
		ce.Alpha, ce.RhoC, ce.AVE = dec(alpha), dec(rhoC), dec(ave)
		if len(c.Indicators) > 1 {
			if alpha.Cmp(minAlpha) < 0 {
				ce.Weak = append(ce.Weak, "alpha")
			}
			if rhoC.Cmp(minAlpha) < 0 {
				ce.Weak = append(ce.Weak, "rhoC")
			}
			if ave.Cmp(minAVE) < 0 {
				ce.Weak = append(ce.Weak, "AVE")
			}
		}
		e.Constructs = append(e.Constructs, ce)
	}
	for _, p := range m.paths {
		e.Paths = append(e.Paths, PathEstimate{From: p.From, To: p.To, Coefficient: dec(f.beta[m.index[p.To]][m.index[p.From]])})
	}
	reach := reachability(m)
	for k := range nc {
		for t := range nc {
			if reach[k][t] {
				e.Effects = append(e.Effects, Effect{From: m.cons[k].Name, To: m.cons[t].Name, Total: dec(b.tot[k][t])})
			}
		}
	}
	limit := ratF(decRat(o.HTMTLimit))
	for j := range nc {
		for k := j + 1; k < nc; k++ {
			h := b.htmt(j, k)
			if h == nil {
				e.HTMT = append(e.HTMT, HTMT{A: m.cons[j].Name, B: m.cons[k].Name, Undefined: true})
				continue
			}
			e.HTMT = append(e.HTMT, HTMT{A: m.cons[j].Name, B: m.cons[k].Name, Value: dec(h), Over: h.Cmp(limit) > 0})
		}
	}
	t := m.final()
	if o.Target != "" {
		t = m.index[o.Target]
	}
	e.IPMA.Target = m.cons[t].Name
	for k := range nc {
		if !reach[k][t] {
			continue
		}
		// the target's rescaled score is (100/(max−min))/Σa_t · Y_t + const:
		// one point of k's index moves it by T_kt · Σa_k/Σa_t.
		imp := newF().Mul(b.tot[k][t], b.sum[k])
		imp.Quo(imp, b.sum[t])
		e.IPMA.Points = append(e.IPMA.Points, IPMAPoint{Construct: m.cons[k].Name, Importance: dec(imp), Performance: dec(idx[k])})
	}
	e.IPMA.zones()
	return e, nil
}

// reachability: reach[k][t] when a directed path leads from k to t.
func reachability(m *Model) [][]bool {
	nc := len(m.cons)
	reach := make([][]bool, nc)
	for k := range nc {
		reach[k] = make([]bool, nc)
		stack := append([]int(nil), m.succ[k]...)
		for len(stack) > 0 {
			s := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if !reach[k][s] {
				reach[k][s] = true
				stack = append(stack, m.succ[s]...)
			}
		}
	}
	return reach
}

// reliability returns Cronbach's α of the standardised indicators,
// k/(k−1)·(1 − k/Σr), the composite reliability (Σλ)²/((Σλ)² + Σ(1 − λ²))
// and the AVE Σλ²/k of construct j.
func (b *solved) reliability(j int) (alpha, rhoC, ave *big.Float) {
	m := b.m
	k := len(m.cons[j].Indicators)
	one := newF().SetInt64(1)
	kf := newF().SetInt64(int64(k))
	sumR, sumL, sumL2, sumE := newF(), newF(), newF(), newF()
	for x := range k {
		a := m.first[j] + x
		for y := range k {
			sumR.Add(sumR, b.r[a][m.first[j]+y])
		}
		l := b.f.u[j][a]
		l2 := newF().Mul(l, l)
		sumL.Add(sumL, l)
		sumL2.Add(sumL2, l2)
		sumE.Add(sumE, newF().Sub(one, l2))
	}
	// Σr > 0: it is the variance of the sum of the standardised
	// indicators, which the first normalisation (all weights one) divides
	// by and refuses when not positive (ErrSingular).
	alpha = newF().Set(one)
	if k > 1 {
		alpha.Quo(kf, sumR)
		alpha.Sub(one, alpha)
		alpha.Mul(alpha, kf)
		alpha.Quo(alpha, newF().SetInt64(int64(k-1)))
	}
	s2 := newF().Mul(sumL, sumL)
	rhoC = newF() // 0, weak, in the degenerate case of no denominator
	if d := newF().Add(s2, sumE); d.Sign() != 0 {
		rhoC.Quo(s2, d)
	}
	ave = newF().Quo(sumL2, kf)
	return alpha, rhoC, ave
}

// htmt returns the heterotrait–monotrait ratio of constructs j and k
// (Henseler et al. 2015, with absolute correlations as seminr): the mean
// |r| between their indicators over the geometric mean of the mean |r|
// within each (1 for a single indicator); nil when a mean within is zero.
func (b *solved) htmt(j, k int) *big.Float {
	m := b.m
	bj, bk := m.cons[j].Indicators, m.cons[k].Indicators
	het := newF()
	for x := range bj {
		for y := range bk {
			het.Add(het, newF().Abs(b.r[m.first[j]+x][m.first[k]+y]))
		}
	}
	het.Quo(het, newF().SetInt64(int64(len(bj)*len(bk))))
	mono := newF().Mul(b.mono(j), b.mono(k))
	if mono.Sign() == 0 {
		return nil
	}
	return het.Quo(het, mono.Sqrt(mono))
}

func (b *solved) mono(j int) *big.Float {
	m := b.m
	n := len(m.cons[j].Indicators)
	if n == 1 {
		return newF().SetInt64(1)
	}
	s := newF()
	for x := range n {
		for y := x + 1; y < n; y++ {
			s.Add(s, newF().Abs(b.r[m.first[j]+x][m.first[j]+y]))
		}
	}
	return s.Quo(s, newF().SetInt64(int64(n*(n-1)/2)))
}

// Construct returns the estimates of the construct named, and false when
// the model has none.
func (e *Estimates) Construct(name string) (ConstructEstimate, bool) {
	for _, c := range e.Constructs {
		if c.Name == name {
			return c, true
		}
	}
	return ConstructEstimate{}, false
}

// Path returns the coefficient of the path from → to, and false when the
// model has no such path.
func (e *Estimates) Path(from, to string) (decimal.Decimal, bool) {
	for _, p := range e.Paths {
		if p.From == from && p.To == to {
			return p.Coefficient, true
		}
	}
	return decimal.Decimal{}, false
}

// Indicator returns the estimates of the indicator named, and false when
// the model has none.
func (e *Estimates) Indicator(name string) (IndicatorEstimate, bool) {
	for _, i := range e.Indicators {
		if i.Name == name {
			return i, true
		}
	}
	return IndicatorEstimate{}, false
}

func (e *Estimates) String() string {
	return fmt.Sprintf("PLS estimates of %d constructs on %d forms", len(e.Constructs), e.Used)
}

// ManyBlanks returns the indicators blank on more than 5 % of the
// source's forms, in model order (decided exactly: blanks > 0.05 ×
// forms): mean replacement flattens such an indicator noticeably.
func (e *Estimates) ManyBlanks() []IndicatorEstimate {
	limit := decimal.New(5, -2).Mul(decimal.NewFromUint64(e.Forms))
	var out []IndicatorEstimate
	for _, i := range e.Indicators {
		if decimal.NewFromUint64(i.Missing).GreaterThan(limit) {
			out = append(out, i)
		}
	}
	return out
}
