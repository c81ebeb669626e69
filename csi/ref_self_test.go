package csi

// Tests of the float64 reference of ref_test.go against published and
// recorded results, so that it can be trusted as an oracle.

import (
	"encoding/csv"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

const refMobiPath = "testdata/mobi.csv"

func refClose(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if !(math.Abs(got-want) <= tol) {
		t.Errorf("%s = %.9f, want %.9f (±%g)", what, got, want, tol)
	}
}

// TestRefSmartPLS compares the ECSI estimates on mobi (path weighting) with
// SmartPLS's published values (R² computed independently with R).
func TestRefSmartPLS(t *testing.T) {
	names, rows := refReadCSV(t, refMobiPath)
	if len(rows) != 250 || len(names) != 24 {
		t.Fatalf("mobi: %d rows × %d names", len(rows), len(names))
	}
	m := refECSI()
	r, err := refPLS(names, rows, m, refOpts{scheme: "path", min: 1, max: 10})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0.504914, 0.178740, 0.195755, 0.556749, 0.049988, 0.062523,
		0.558304, 0.512024, 0.194765, 0.528066, 0.485478, 0.066926}
	for e, w := range want {
		refClose(t, m.names[m.edges[e][0]]+"→"+m.names[m.edges[e][1]], r.coef[e], w, 1e-5)
	}
	for i, w := range []float64{0.521181, 0.473680, 0.445634} {
		refClose(t, r.items[r.start[1]+i]+" weight", r.weights[r.start[1]+i], w, 1e-5)
	}
	refClose(t, "R² Satisfaction", r.r2[4], 0.681078, 1e-5)
	t.Logf("%d iterations; R² %.6f; index %.3f", r.iter, r.r2, r.index)
}

// TestRefTotalEffects checks the total effects against an enumeration of
// the directed paths of ECSI.
func TestRefTotalEffects(t *testing.T) {
	names, rows := refReadCSV(t, refMobiPath)
	m := refECSI()
	r, err := refPLS(names, rows, m, refOpts{})
	if err != nil {
		t.Fatal(err)
	}
	var walk func(from, to int) float64
	walk = func(from, to int) float64 {
		s := 0.0
		for e, ed := range m.edges {
			if ed[0] != from {
				continue
			}
			if ed[1] == to {
				s += r.coef[e]
			} else {
				s += r.coef[e] * walk(ed[1], to)
			}
		}
		return s
	}
	for a := range m.names {
		for b := range m.names {
			refClose(t, m.names[a]+"⇒"+m.names[b], r.total[a][b], walk(a, b), 1e-12)
		}
	}
}

// TestRefSchemes checks that the three schemes converge to unit-variance
// scores and that the centroid and factorial schemes stay near the path
// scheme on mobi.
func TestRefSchemes(t *testing.T) {
	names, rows := refReadCSV(t, refMobiPath)
	m := refECSI()
	base, err := refPLS(names, rows, m, refOpts{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"path", "centroid", "factorial"} {
		r, err := refPLS(names, rows, m, refOpts{scheme: s})
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		for j, y := range r.scores {
			refClose(t, s+" var "+m.names[j], refCov(y, y), 1, 1e-12)
			refClose(t, s+" mean "+m.names[j], refMean(y), 0, 1e-12)
		}
		for e := range r.coef {
			refClose(t, s+" path", r.coef[e], base.coef[e], 0.05)
		}
	}
	if _, err := refPLS(names, rows, m, refOpts{scheme: "nope"}); err == nil {
		t.Error("unknown scheme accepted")
	}
	if _, err := refPLS(names, rows, m, refOpts{maxIter: 1}); err == nil {
		t.Error("no error at maxIter")
	}
}

// refReadTable reads one of seminr's recorded tables: a header of column
// names after an empty corner, then rows of a name and values (NA = NaN).
func refReadTable(t *testing.T, path string) (rowNames, colNames []string, vals [][]float64) {
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
	colNames = recs[0][1:]
	for _, rec := range recs[1:] {
		rowNames = append(rowNames, rec[0])
		row := make([]float64, len(rec)-1)
		for i, s := range rec[1:] {
			if s == "NA" {
				row[i] = math.NaN()
				continue
			}
			if row[i], err = strconv.ParseFloat(s, 64); err != nil {
				t.Fatal(err)
			}
		}
		vals = append(vals, row)
	}
	return rowNames, colNames, vals
}

// TestRefSeminr compares reliability, cross-loadings and HTMT of seminr's
// four-construct mobi model with seminr's recorded outputs.
func TestRefSeminr(t *testing.T) {
	names, rows := refReadCSV(t, refMobiPath)
	m := refSeminr4()
	r, err := refPLS(names, rows, m, refOpts{})
	if err != nil {
		t.Fatal(err)
	}
	rn, cn, v := refReadTable(t, "testdata/seminr-reliability.csv")
	if len(rn) != len(m.names) || !slices.Equal(cn[:3], []string{"alpha", "rhoC", "AVE"}) {
		t.Fatalf("reliability table %v × %v", rn, cn)
	}
	for k, c := range rn {
		j := slices.Index(m.names, c)
		refClose(t, c+" alpha", r.alpha[j], v[k][0], 1e-6)
		refClose(t, c+" rhoC", r.rhoC[j], v[k][1], 1e-6)
		refClose(t, c+" AVE", r.ave[j], v[k][2], 1e-6)
	}
	rn, cn, v = refReadTable(t, "testdata/seminr-cross_loadings.csv")
	if len(rn) != len(r.items) || len(cn) != len(m.names) {
		t.Fatalf("cross-loadings table %v × %v", rn, cn)
	}
	for a, it := range rn {
		i := slices.Index(r.items, it)
		for b, c := range cn {
			refClose(t, it+"/"+c, r.cross[i][slices.Index(m.names, c)], v[a][b], 1e-6)
		}
	}
	rn, cn, v = refReadTable(t, "testdata/seminr-htmt.csv")
	checked := 0
	for a := range rn {
		for b := a + 1; b < len(cn); b++ {
			i, j := slices.Index(m.names, rn[a]), slices.Index(m.names, cn[b])
			refClose(t, "HTMT "+rn[a]+"/"+cn[b], r.htmt[min(i, j)][max(i, j)], v[a][b], 1e-6)
			checked++
		}
	}
	if checked != 6 {
		t.Errorf("%d HTMT values checked, want 6", checked)
	}
}

// TestRefIPMA checks importance and performance against a direct
// computation: the 0–100 construct scores of each form, whose means are
// the indices and whose regression (Satisfaction on its three
// predecessors, all direct) gives the importances.
func TestRefIPMA(t *testing.T) {
	names, rows := refReadCSV(t, refMobiPath)
	m := refSeminr4()
	o := refOpts{min: 1, max: 10}
	r, err := refPLS(names, rows, m, o)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := refPrepare(names, rows, m, false)
	lv := make([][]float64, len(m.names))
	for j := range lv {
		s := 0.0
		for i := r.start[j]; i < r.start[j+1]; i++ {
			s += r.weights[i] / r.sd[i]
		}
		for _, x := range d.x {
			v := 0.0
			for i := r.start[j]; i < r.start[j+1]; i++ {
				v += r.weights[i] / r.sd[i] / s * (x[i] - o.min) / (o.max - o.min) * 100
			}
			lv[j] = append(lv[j], v)
		}
	}
	imp, perf := refIPMA(r, 3)
	for j := range lv {
		refClose(t, m.names[j]+" performance", perf[j], refMean(lv[j]), 1e-9)
		mu := refMean(lv[j])
		for f := range lv[j] {
			lv[j][f] -= mu
		}
	}
	pred := []int{0, 1, 2}
	a := make([][]float64, 3)
	b := make([]float64, 3)
	for p, k := range pred {
		for _, l := range pred {
			a[p] = append(a[p], refCov(lv[k], lv[l]))
		}
		b[p] = refCov(lv[k], lv[3])
	}
	beta, err := refSolve(a, b)
	if err != nil {
		t.Fatal(err)
	}
	for p, k := range pred {
		refClose(t, m.names[k]+" importance", imp[k], beta[p], 1e-9)
	}
	if !math.IsNaN(imp[3]) {
		t.Errorf("importance of the target = %v, want NaN", imp[3])
	}
	t.Logf("importance %.4f performance %.3f", imp, perf)
}

// TestRefPercentile checks the type-7 quantiles against R.
func TestRefPercentile(t *testing.T) {
	// R: quantile(c(1,2,3,4,10), c(.1,.9)) = 1.4, 7.6
	lo, hi := refPercentile([]float64{10, 3, 1, 4, 2}, 0.8)
	refClose(t, "lo", lo, 1.4, 1e-12)
	refClose(t, "hi", hi, 7.6, 1e-12)
	lo, hi = refPercentile([]float64{5}, 0.95)
	if lo != 5 || hi != 5 {
		t.Errorf("one value: [%v, %v]", lo, hi)
	}
}

// TestRefDraw checks that refDraw stays in range and is about uniform.
func TestRefDraw(t *testing.T) {
	g := rand.NewPCG(1, 2)
	const n, k = 7, 70000
	var cnt [n]int
	for range k {
		i := refDraw(g, n)
		if i < 0 || i >= n {
			t.Fatalf("draw %d out of [0, %d)", i, n)
		}
		cnt[i]++
	}
	for i, c := range cnt {
		if math.Abs(float64(c)-k/n) > 5*math.Sqrt(k/n) {
			t.Errorf("value %d drawn %d times of %d", i, c, k)
		}
	}
}

// TestRefBootstrap checks reproducibility, seed dependence and that the
// 95% intervals of ECSI's paths contain the full-sample estimates.
func TestRefBootstrap(t *testing.T) {
	names, rows := refReadCSV(t, refMobiPath)
	m := refECSI()
	o := refOpts{min: 1, max: 10}
	b1, err := refBootstrap(names, rows, m, o, 24, 200, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	b2, err := refBootstrap(names, rows, m, o, 24, 20, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	b3, err := refBootstrap(names, rows, m, o, 25, 20, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	if len(b1.paths) != len(m.edges) || len(b1.weights) != 24 || len(b1.index) != len(m.names) {
		t.Fatalf("%d paths, %d weights, %d indices", len(b1.paths), len(b1.weights), len(b1.index))
	}
	same, differ := true, false
	for s, st := range slices.Concat(b1.paths, b1.weights, b1.index) {
		o2 := slices.Concat(b2.paths, b2.weights, b2.index)[s]
		o3 := slices.Concat(b3.paths, b3.weights, b3.index)[s]
		same = same && slices.Equal(st.values[:20], o2.values)
		differ = differ || !slices.Equal(o2.values, o3.values)
		if len(st.values) != 200 {
			t.Fatalf("%d values", len(st.values))
		}
	}
	if !same {
		t.Error("same seed, different resamples")
	}
	if !differ {
		t.Error("different seeds, same resamples")
	}
	for e, st := range b1.paths {
		if !(st.lo <= st.est && st.est <= st.hi) {
			t.Errorf("%v: %.4f outside [%.4f, %.4f]", m.edges[e], st.est, st.lo, st.hi)
		}
	}
	for j, st := range b1.index {
		if !(st.lo <= st.est && st.est <= st.hi) {
			t.Errorf("index %s: %.3f outside [%.3f, %.3f]", m.names[j], st.est, st.lo, st.hi)
		}
	}
	if b1.redraws != 0 {
		t.Errorf("%d redraws on complete mobi", b1.redraws)
	}
	st := b1.paths[0]
	t.Logf("Image→Expectation %.4f [%.4f, %.4f]; Satisfaction index %.2f [%.2f, %.2f]",
		st.est, st.lo, st.hi, b1.index[4].est, b1.index[4].lo, b1.index[4].hi)
}

// TestRefBootstrapRedraw makes CUSCO constant but for two forms, so that
// about one resample in seven misses both and is drawn again.
func TestRefBootstrapRedraw(t *testing.T) {
	names, rows := refReadCSV(t, refMobiPath)
	c := slices.Index(names, "CUSCO")
	mod := make([][]float64, len(rows))
	for r := range rows {
		mod[r] = slices.Clone(rows[r])
		mod[r][c] = 5
	}
	mod[10][c], mod[200][c] = 9, 2
	m := refECSI()
	b, err := refBootstrap(names, mod, m, refOpts{}, 7, 40, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	if b.redraws == 0 {
		t.Error("no redraw")
	}
	for _, st := range b.paths {
		if len(st.values) != 40 || slices.ContainsFunc(st.values, math.IsNaN) {
			t.Fatalf("values %v", st.values)
		}
	}
	t.Logf("%d redraws in 40 resamples", b.redraws)
	mod[10][c], mod[200][c] = 5, 5
	if _, err := refBootstrap(names, mod, m, refOpts{}, 7, 2, 0.9); err == nil {
		t.Error("constant indicator accepted")
	}
}

// refBlank returns mobi with cells blanked deterministically and the set
// of forms with a blank.
func refBlank(rows [][]float64) (out [][]float64, blanked map[[2]int]bool) {
	blanked = map[[2]int]bool{}
	for r, row := range rows {
		row = slices.Clone(row)
		for c := range row {
			if (r*31+c*17)%53 == 0 {
				row[c] = math.NaN()
				blanked[[2]int{r, c}] = true
			}
		}
		out = append(out, row)
	}
	return out, blanked
}

// TestRefMissing checks mean replacement (column means unchanged, nothing
// dropped) and casewise deletion (exactly the forms with a blank in a
// model indicator dropped).
func TestRefMissing(t *testing.T) {
	names, rows := refReadCSV(t, refMobiPath)
	miss, blanked := refBlank(rows)
	if len(blanked) < 50 {
		t.Fatalf("only %d blanks", len(blanked))
	}
	for _, m := range []refModel{refECSI(), refSeminr4()} {
		d, err := refPrepare(names, miss, m, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.x) != len(rows) {
			t.Errorf("mean replacement kept %d forms", len(d.x))
		}
		for i, it := range d.items {
			c := slices.Index(names, it)
			s, k, after := 0.0, 0, 0.0
			for r := range miss {
				if !math.IsNaN(miss[r][c]) {
					s += miss[r][c]
					k++
				}
				after += d.x[r][i]
			}
			refClose(t, it+" mean", after/float64(len(d.x)), s/float64(k), 1e-12)
		}
		var want []int
		for r := range miss {
			keep := true
			for _, it := range d.items {
				keep = keep && !blanked[[2]int{r, slices.Index(names, it)}]
			}
			if keep {
				want = append(want, r)
			}
		}
		dc, err := refPrepare(names, miss, m, true)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(dc.kept, want) || len(want) == len(rows) {
			t.Errorf("casewise kept %d forms, want %d of %d", len(dc.kept), len(want), len(rows))
		}
		for _, cw := range []bool{false, true} {
			r, err := refPLS(names, miss, m, refOpts{casewise: cw, min: 1, max: 10})
			if err != nil {
				t.Fatal(err)
			}
			if r.n != map[bool]int{false: len(rows), true: len(want)}[cw] {
				t.Errorf("casewise %v: n = %d", cw, r.n)
			}
			t.Logf("%d constructs, casewise %v: n %d, first path %.4f", len(m.names), cw, r.n, r.coef[0])
		}
	}
}

// TestRefReadCSV checks that an empty cell is read as missing.
func TestRefReadCSV(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.csv")
	if err := os.WriteFile(p, []byte("A,B\n1,\n,2.5\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	names, rows := refReadCSV(t, p)
	if !slices.Equal(names, []string{"A", "B"}) || len(rows) != 2 ||
		rows[0][0] != 1 || !math.IsNaN(rows[0][1]) || !math.IsNaN(rows[1][0]) || rows[1][1] != 2.5 {
		t.Errorf("%v %v", names, rows)
	}
}
