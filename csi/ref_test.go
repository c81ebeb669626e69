package csi

// An independent float64 reference of PLS path modelling on case-level data
// (rows), in the style of R's plspm and semPLS, for tests that compare the
// package's exact co-moment estimation with it. Every identifier starts
// with "ref" so that it never clashes with the package's own names.

import (
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// refModel is a reflective (Mode A) path model: construct names, the
// indicator names of each construct and the directed paths between
// constructs (indices into names).
type refModel struct {
	names  []string
	blocks [][]string // indicator names per construct
	edges  [][2]int   // from, to construct indices
}

// refECSI is the ECSI model of the mobi data: Image 0, Expectation 1,
// Quality 2, Value 3, Satisfaction 4, Complaints 5, Loyalty 6.
func refECSI() refModel {
	return refModel{
		names: []string{"Image", "Expectation", "Quality", "Value", "Satisfaction", "Complaints", "Loyalty"},
		blocks: [][]string{
			{"IMAG1", "IMAG2", "IMAG3", "IMAG4", "IMAG5"},
			{"CUEX1", "CUEX2", "CUEX3"},
			{"PERQ1", "PERQ2", "PERQ3", "PERQ4", "PERQ5", "PERQ6", "PERQ7"},
			{"PERV1", "PERV2"},
			{"CUSA1", "CUSA2", "CUSA3"},
			{"CUSCO"},
			{"CUSL1", "CUSL2", "CUSL3"},
		},
		edges: [][2]int{
			{0, 1}, {0, 4}, {0, 6},
			{1, 2}, {1, 3}, {1, 4},
			{2, 3}, {2, 4},
			{3, 4},
			{4, 5}, {4, 6},
			{5, 6},
		},
	}
}

// refSeminr4 is the four-construct model of seminr's recorded fixtures:
// Image 0, Expectation 1, Value 2, Satisfaction 3; Image, Expectation,
// Value → Satisfaction.
func refSeminr4() refModel {
	return refModel{
		names: []string{"Image", "Expectation", "Value", "Satisfaction"},
		blocks: [][]string{
			{"IMAG1", "IMAG2", "IMAG3", "IMAG4", "IMAG5"},
			{"CUEX1", "CUEX2", "CUEX3"},
			{"PERV1", "PERV2"},
			{"CUSA1", "CUSA2", "CUSA3"},
		},
		edges: [][2]int{{0, 3}, {1, 3}, {2, 3}},
	}
}

// refReadCSV reads a data file: a header row of indicator names, then one
// row per form. An empty cell (or NA) is missing and becomes math.NaN().
func refReadCSV(t testing.TB, path string) (names []string, rows [][]float64) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s: empty", path)
	}
	names = recs[0]
	for li, rec := range recs[1:] {
		row := make([]float64, len(rec))
		for i, s := range rec {
			s = strings.TrimSpace(s)
			if s == "" || s == "NA" {
				row[i] = math.NaN()
				continue
			}
			if row[i], err = strconv.ParseFloat(s, 64); err != nil {
				t.Fatalf("%s line %d: %v", path, li+2, err)
			}
		}
		rows = append(rows, row)
	}
	return names, rows
}

// refOpts are the options of refPLS.
type refOpts struct {
	scheme   string  // "path" (default when empty), "centroid" or "factorial"
	tol      float64 // stop when max |Δw| < tol; 1e-7 when 0
	maxIter  int     // 300 when 0
	casewise bool    // drop forms with a missing model indicator; else mean replacement
	min, max float64 // scale bounds for the index (index NaN unless max > min)
}

// refData is the model's indicator data after the missing-value treatment.
type refData struct {
	items []string    // model indicators, block after block
	start []int       // block j is items[start[j]:start[j+1]]
	x     [][]float64 // forms × items, unstandardised, treated
	kept  []int       // original row index of each form of x
}

// refPrepare selects the model's indicators and treats missing values. It
// fails when an indicator is absent, when fewer than 3 forms remain or
// when an indicator has no variance (or no answer) after the treatment.
func refPrepare(names []string, rows [][]float64, m refModel, casewise bool) (refData, error) {
	var d refData
	var cols []int
	for _, b := range m.blocks {
		d.start = append(d.start, len(d.items))
		for _, it := range b {
			c := slices.Index(names, it)
			if c < 0 {
				return d, fmt.Errorf("indicator %s not in data", it)
			}
			d.items = append(d.items, it)
			cols = append(cols, c)
		}
	}
	d.start = append(d.start, len(d.items))
	for r, row := range rows {
		x := make([]float64, len(cols))
		complete := true
		for i, c := range cols {
			x[i] = row[c]
			complete = complete && !math.IsNaN(x[i])
		}
		if casewise && !complete {
			continue
		}
		d.x = append(d.x, x)
		d.kept = append(d.kept, r)
	}
	if len(d.x) < 3 {
		return d, fmt.Errorf("%d forms, fewer than 3", len(d.x))
	}
	if !casewise {
		refMeanReplace(d.x)
	}
	for i := range d.items {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, x := range d.x {
			lo, hi = min(lo, x[i]), max(hi, x[i])
		}
		if !(hi > lo) {
			return d, fmt.Errorf("indicator %s has no variance", d.items[i])
		}
	}
	return d, nil
}

// refMeanReplace replaces each NaN by its column's mean over the forms
// that answered (a column with no answer stays NaN).
func refMeanReplace(x [][]float64) {
	for i := range x[0] {
		s, k := 0.0, 0
		for _, r := range x {
			if !math.IsNaN(r[i]) {
				s += r[i]
				k++
			}
		}
		for _, r := range x {
			if math.IsNaN(r[i]) && k > 0 {
				r[i] = s / float64(k)
			}
		}
	}
}

// refResult is the outcome of refPLS. Constructs are indexed as in the
// model; indicators as in items (block after block).
type refResult struct {
	n        int         // forms used
	iter     int         // iterations of the weight loop
	items    []string    // model indicators, block after block
	start    []int       // block j is items[start[j]:start[j+1]]
	mean, sd []float64   // per item, unstandardised treated data (sd divisor n−1)
	scores   [][]float64 // scores[j] is construct j's column over the forms, standardised
	weights  []float64   // per item, standardised outer weights
	loadings []float64   // per item, cor(x_i, Y_own)
	cross    [][]float64 // items × constructs, cor(x_i, Y_k)
	path     [][]float64 // constructs × constructs, path[from][to]
	coef     []float64   // per model edge, the path coefficient
	r2       []float64   // per construct; NaN for an exogenous one
	total    [][]float64 // total[from][to], sum over directed paths
	alpha    []float64   // Cronbach's α on the correlation matrix
	rhoC     []float64   // composite reliability
	ave      []float64   // average variance extracted
	htmt     [][]float64 // htmt[i][j] for i < j (NaN elsewhere)
	index    []float64   // per construct on 0–100; NaN unless max > min
	c        []float64   // per construct, (100/(max−min)) / Σ w_i/sd_i
}

// refPLS estimates the model by Lohmöller's PLS iteration on case data.
func refPLS(names []string, rows [][]float64, m refModel, o refOpts) (refResult, error) {
	d, err := refPrepare(names, rows, m, o.casewise)
	if err != nil {
		return refResult{}, err
	}
	return refEstimate(d, m, o)
}

func refEstimate(d refData, m refModel, o refOpts) (refResult, error) {
	if o.tol == 0 {
		o.tol = 1e-7
	}
	if o.maxIter == 0 {
		o.maxIter = 300
	}
	if o.scheme == "" {
		o.scheme = "path"
	}
	r := refResult{n: len(d.x), items: d.items, start: d.start}
	z := refStandardise(d.x, &r)
	w, iter, err := refWeights(z, d.start, m, o)
	if err != nil {
		return r, err
	}
	r.iter, r.weights = iter, w
	r.scores = refScores(z, d.start, w)
	if err := refInner(&r, m); err != nil {
		return r, err
	}
	refOuter(&r, z)
	r.htmt = refHTMT(z, r.start)
	refIndex(&r, o)
	return r, nil
}

// refStandardise returns the items as columns, standardised (mean 0, sd 1
// with divisor n−1), and records the means and sds in r.
func refStandardise(x [][]float64, r *refResult) [][]float64 {
	n, p := len(x), len(x[0])
	z := make([][]float64, p)
	r.mean, r.sd = make([]float64, p), make([]float64, p)
	for i := range p {
		col := make([]float64, n)
		for k := range n {
			col[k] = x[k][i]
		}
		mu := refMean(col)
		ss := 0.0
		for _, v := range col {
			ss += (v - mu) * (v - mu)
		}
		sd := math.Sqrt(ss / float64(n-1))
		for k := range col {
			col[k] = (col[k] - mu) / sd
		}
		z[i], r.mean[i], r.sd[i] = col, mu, sd
	}
	return z
}

func refMean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// refCov is the covariance of two centred columns (divisor n−1).
func refCov(a, b []float64) float64 {
	s := 0.0
	for k := range a {
		s += a[k] * b[k]
	}
	return s / float64(len(a)-1)
}

// refCor is the correlation of two centred columns.
func refCor(a, b []float64) float64 {
	return refCov(a, b) / math.Sqrt(refCov(a, a)*refCov(b, b))
}

// refScores returns the construct scores as columns, Y_j = Z_j w_j.
func refScores(z [][]float64, start []int, w []float64) [][]float64 {
	n := len(z[0])
	y := make([][]float64, len(start)-1)
	for j := range y {
		y[j] = make([]float64, n)
		for i := start[j]; i < start[j+1]; i++ {
			for k := range n {
				y[j][k] += w[i] * z[i][k]
			}
		}
	}
	return y
}

// refNormalise rescales each block's weights so that its score has
// variance 1; it fails on a block whose score is constant.
func refNormalise(z [][]float64, start []int, w []float64) error {
	y := refScores(z, start, w)
	for j := range y {
		v := refCov(y[j], y[j])
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("construct %d: score variance %v", j, v)
		}
		s := 1 / math.Sqrt(v)
		for i := start[j]; i < start[j+1]; i++ {
			w[i] *= s
		}
	}
	return nil
}

// refWeights runs the PLS iteration (Mode A) from unit weights until the
// largest change of an outer weight is below o.tol.
func refWeights(z [][]float64, start []int, m refModel, o refOpts) ([]float64, int, error) {
	w := make([]float64, len(z))
	for i := range w {
		w[i] = 1
	}
	if err := refNormalise(z, start, w); err != nil {
		return nil, 0, err
	}
	for iter := 1; iter <= o.maxIter; iter++ {
		y := refScores(z, start, w)
		e, err := refInnerWeights(y, m, o.scheme)
		if err != nil {
			return nil, iter, err
		}
		nw := make([]float64, len(w))
		for j := range y {
			zj := make([]float64, len(y[j]))
			for k := range y {
				for f := range zj {
					zj[f] += e[k][j] * y[k][f]
				}
			}
			for i := start[j]; i < start[j+1]; i++ {
				nw[i] = refCov(z[i], zj)
			}
		}
		if err := refNormalise(z, start, nw); err != nil {
			return nil, iter, err
		}
		delta := 0.0
		for i := range w {
			delta = max(delta, math.Abs(nw[i]-w[i]))
		}
		w = nw
		if delta < o.tol {
			return w, iter, nil
		}
	}
	return nil, o.maxIter, fmt.Errorf("no convergence in %d iterations", o.maxIter)
}

// refNeighbours returns the predecessors (k→j) and successors (j→k) of j.
func refNeighbours(m refModel, j int) (pred, succ []int) {
	for _, e := range m.edges {
		if e[1] == j {
			pred = append(pred, e[0])
		}
		if e[0] == j {
			succ = append(succ, e[1])
		}
	}
	return pred, succ
}

// refInnerWeights returns e[k][j], the weight of neighbour k in the inner
// proxy of construct j, under the given scheme.
func refInnerWeights(y [][]float64, m refModel, scheme string) ([][]float64, error) {
	e := make([][]float64, len(y))
	for k := range e {
		e[k] = make([]float64, len(y))
	}
	for j := range y {
		pred, succ := refNeighbours(m, j)
		switch scheme {
		case "path":
			if len(pred) > 0 {
				b, err := refOLS(y, j, pred)
				if err != nil {
					return nil, err
				}
				for a, k := range pred {
					e[k][j] = b[a]
				}
			}
			for _, k := range succ {
				e[k][j] = refCor(y[j], y[k])
			}
		case "centroid", "factorial":
			for _, k := range append(pred, succ...) {
				c := refCor(y[j], y[k])
				if scheme == "centroid" {
					c = math.Copysign(1, c)
				}
				e[k][j] = c
			}
		default:
			return nil, fmt.Errorf("unknown scheme %q", scheme)
		}
	}
	return e, nil
}

// refOLS returns the standardised coefficients of the regression of y[j]
// on the columns y[k], k in pred.
func refOLS(y [][]float64, j int, pred []int) ([]float64, error) {
	p := len(pred)
	a := make([][]float64, p)
	b := make([]float64, p)
	for r, k := range pred {
		a[r] = make([]float64, p)
		for c, l := range pred {
			a[r][c] = refCor(y[k], y[l])
		}
		b[r] = refCor(y[k], y[j])
	}
	return refSolve(a, b)
}

// refSolve solves a x = b by Gaussian elimination with partial pivoting
// (a and b are overwritten).
func refSolve(a [][]float64, b []float64) ([]float64, error) {
	p := len(b)
	for c := range p {
		piv := c
		for r := c + 1; r < p; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[piv][c]) {
				piv = r
			}
		}
		if !(math.Abs(a[piv][c]) > 1e-12) {
			return nil, errors.New("singular regression")
		}
		a[c], a[piv] = a[piv], a[c]
		b[c], b[piv] = b[piv], b[c]
		for r := c + 1; r < p; r++ {
			f := a[r][c] / a[c][c]
			for k := c; k < p; k++ {
				a[r][k] -= f * a[c][k]
			}
			b[r] -= f * b[c]
		}
	}
	x := make([]float64, p)
	for r := p - 1; r >= 0; r-- {
		s := b[r]
		for k := r + 1; k < p; k++ {
			s -= a[r][k] * x[k]
		}
		x[r] = s / a[r][r]
	}
	return x, nil
}

// refInner fills the path coefficients, R² and total effects.
func refInner(r *refResult, m refModel) error {
	nc := len(r.scores)
	r.path = refSquare(nc, 0)
	r.r2 = make([]float64, nc)
	for j := range nc {
		pred, _ := refNeighbours(m, j)
		r.r2[j] = math.NaN()
		if len(pred) == 0 {
			continue
		}
		b, err := refOLS(r.scores, j, pred)
		if err != nil {
			return err
		}
		r.r2[j] = 0
		for a, k := range pred {
			r.path[k][j] = b[a]
			r.r2[j] += b[a] * refCor(r.scores[j], r.scores[k])
		}
	}
	for _, e := range m.edges {
		r.coef = append(r.coef, r.path[e[0]][e[1]])
	}
	// total = B + B² + …; B^nc = 0 for an acyclic model.
	r.total = refSquare(nc, 0)
	pw := r.path
	for range nc {
		zero := true
		for a := range nc {
			for b := range nc {
				r.total[a][b] += pw[a][b]
				zero = zero && pw[a][b] == 0
			}
		}
		if zero {
			return nil
		}
		pw = refMul(pw, r.path)
	}
	return errors.New("the model has a cycle")
}

func refSquare(n int, v float64) [][]float64 {
	s := make([][]float64, n)
	for i := range s {
		s[i] = make([]float64, n)
		for k := range s[i] {
			s[i][k] = v
		}
	}
	return s
}

func refMul(a, b [][]float64) [][]float64 {
	c := refSquare(len(a), 0)
	for i := range a {
		for k := range b {
			for j := range b[k] {
				c[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return c
}

// refOuter fills loadings, cross-loadings and reliability.
func refOuter(r *refResult, z [][]float64) {
	nc := len(r.scores)
	r.cross = make([][]float64, len(z))
	r.loadings = make([]float64, len(z))
	for j := range nc {
		for i := r.start[j]; i < r.start[j+1]; i++ {
			r.cross[i] = make([]float64, nc)
			for k := range nc {
				r.cross[i][k] = refCor(z[i], r.scores[k])
			}
			r.loadings[i] = r.cross[i][j]
		}
	}
	r.alpha, r.rhoC, r.ave = make([]float64, nc), make([]float64, nc), make([]float64, nc)
	for j := range nc {
		lo, hi := r.start[j], r.start[j+1]
		k := float64(hi - lo)
		r.alpha[j], r.rhoC[j], r.ave[j] = 1, 1, 1
		if hi-lo == 1 {
			continue
		}
		sum := 0.0
		for a := lo; a < hi; a++ {
			for b := lo; b < hi; b++ {
				sum += refCor(z[a], z[b])
			}
		}
		r.alpha[j] = k / (k - 1) * (1 - k/sum)
		sl, sl2 := 0.0, 0.0
		for i := lo; i < hi; i++ {
			sl += r.loadings[i]
			sl2 += r.loadings[i] * r.loadings[i]
		}
		r.rhoC[j] = sl * sl / (sl*sl + k - sl2)
		r.ave[j] = sl2 / k
	}
}

// refHTMT is seminr's heterotrait-monotrait ratio of the blocks i < j:
// the mean |cor| between their indicators over the square root of the
// product of the mean off-diagonal |cor| within each block (1 for a block
// of one indicator); NaN for i ≥ j.
func refHTMT(z [][]float64, start []int) [][]float64 {
	nc := len(start) - 1
	meanAbs := func(a0, a1, b0, b1 int) float64 {
		s, cnt := 0.0, 0
		for a := a0; a < a1; a++ {
			for b := b0; b < b1; b++ {
				if a != b {
					s += math.Abs(refCor(z[a], z[b]))
					cnt++
				}
			}
		}
		if cnt == 0 {
			return 1
		}
		return s / float64(cnt)
	}
	h := refSquare(nc, math.NaN())
	for a := range nc {
		ma := meanAbs(start[a], start[a+1], start[a], start[a+1])
		for b := a + 1; b < nc; b++ {
			mb := meanAbs(start[b], start[b+1], start[b], start[b+1])
			het := meanAbs(start[a], start[a+1], start[b], start[b+1])
			h[a][b] = het / math.Sqrt(ma*mb)
		}
	}
	return h
}

// refIndex fills the 0–100 index of each construct and its scale factor c.
func refIndex(r *refResult, o refOpts) {
	nc := len(r.scores)
	r.index, r.c = make([]float64, nc), make([]float64, nc)
	for j := range nc {
		r.index[j], r.c[j] = math.NaN(), math.NaN()
		if !(o.max > o.min) {
			continue
		}
		s := 0.0
		for i := r.start[j]; i < r.start[j+1]; i++ {
			s += r.weights[i] / r.sd[i]
		}
		idx := 0.0
		for i := r.start[j]; i < r.start[j+1]; i++ {
			idx += r.weights[i] / r.sd[i] / s * (r.mean[i] - o.min) / (o.max - o.min) * 100
		}
		r.index[j] = idx
		r.c[j] = 100 / (o.max - o.min) / s
	}
}

// refIPMA returns, for each construct k, its importance for the target
// construct (the total effect of k's 0–100 score on the target's, NaN for
// the target itself) and its performance (its index).
func refIPMA(r refResult, target int) (importance, performance []float64) {
	for k := range r.index {
		imp := r.total[k][target] * r.c[target] / r.c[k]
		if k == target {
			imp = math.NaN()
		}
		importance = append(importance, imp)
	}
	return importance, slices.Clone(r.index)
}

// refDraw draws a uniform index in [0, n) from g (Lemire's method).
func refDraw(g *rand.PCG, n int) int {
	x := g.Uint64()
	hi, lo := bits.Mul64(x, uint64(n))
	if lo < uint64(n) {
		thr := -uint64(n) % uint64(n)
		for lo < thr {
			x = g.Uint64()
			hi, lo = bits.Mul64(x, uint64(n))
		}
	}
	return int(hi)
}

// refBootStat is one estimate's bootstrap distribution.
type refBootStat struct {
	est    float64   // full-sample estimate
	values []float64 // the B resample estimates, in resample order
	lo, hi float64   // percentile interval
}

// refBootResult is the outcome of refBootstrap.
type refBootResult struct {
	full    refResult
	paths   []refBootStat // per model edge (m.edges order)
	weights []refBootStat // per item (full.items order)
	index   []refBootStat // per construct
	redraws int           // degenerate resamples drawn again, in all
}

// refBootMaxRedraws is the number of consecutive redraws of one
// resample after which refBootstrap fails.
const refBootMaxRedraws = 100

// refBootstrap is the percentile bootstrap of the path coefficients, outer
// weights and indices: resample b uses rand.NewPCG(seed, b) and draws
// len(rows) row indices with refDraw, drawing a fresh set from the same
// generator while the resample is degenerate (refPLS fails on it); the
// 100th consecutive redraw of a resample is an error.
func refBootstrap(names []string, rows [][]float64, m refModel, o refOpts, seed uint64, B int, level float64) (refBootResult, error) {
	var res refBootResult
	full, err := refPLS(names, rows, m, o)
	if err != nil {
		return res, err
	}
	res.full = full
	n := len(rows)
	est := make([][]float64, 0, B)
	for b := range B {
		g := rand.NewPCG(seed, uint64(b))
		for redraw := 0; ; {
			sample := make([][]float64, n)
			for f := range sample {
				sample[f] = rows[refDraw(g, n)]
			}
			r, err := refPLS(names, sample, m, o)
			if err == nil {
				est = append(est, refBootVector(r))
				break
			}
			res.redraws++
			if redraw++; redraw >= refBootMaxRedraws {
				return res, fmt.Errorf("resample %d: %d consecutive redraws: %w", b, redraw, err)
			}
		}
	}
	fv := refBootVector(full)
	stats := make([]refBootStat, len(fv))
	for s := range stats {
		stats[s].est = fv[s]
		for b := range est {
			stats[s].values = append(stats[s].values, est[b][s])
		}
		stats[s].lo, stats[s].hi = refPercentile(stats[s].values, level)
	}
	ne, ni := len(full.coef), len(full.weights)
	res.paths, res.weights, res.index = stats[:ne], stats[ne:ne+ni], stats[ne+ni:]
	return res, nil
}

// refBootVector lists the bootstrapped estimates: coefficients, weights,
// indices.
func refBootVector(r refResult) []float64 {
	v := slices.Clone(r.coef)
	v = append(v, r.weights...)
	return append(v, r.index...)
}

// refPercentile returns the percentile interval at level L of the values
// (R's quantile type 7); NaN bounds when a value is NaN or there is none.
func refPercentile(values []float64, level float64) (lo, hi float64) {
	v := slices.Clone(values)
	if len(v) == 0 || slices.ContainsFunc(v, math.IsNaN) {
		return math.NaN(), math.NaN()
	}
	slices.Sort(v)
	return refQuantile(v, (1-level)/2), refQuantile(v, 1-(1-level)/2)
}

// refQuantile is the type-7 quantile p of the sorted values v.
func refQuantile(v []float64, p float64) float64 {
	h := float64(len(v)-1) * p
	i := int(math.Floor(h))
	if i >= len(v)-1 {
		return v[len(v)-1]
	}
	return v[i] + (h-float64(i))*(v[i+1]-v[i])
}
