package csi

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// modelOf builds the package's Model from a reference model.
func modelOf(t testing.TB, r refModel) *Model {
	t.Helper()
	var cons []Construct
	for j, n := range r.names {
		cons = append(cons, Construct{Name: n, Indicators: r.blocks[j]})
	}
	var paths []Path
	for _, e := range r.edges {
		paths = append(paths, Path{From: r.names[e[0]], To: r.names[e[1]]})
	}
	m, err := NewModel(cons, paths)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// blanked returns mobi's rows with the cells (r·31 + c·17) mod 53 = 0
// blank: about 2 % of each column, scattered.
func blanked(rows [][]float64) [][]float64 {
	out := make([][]float64, len(rows))
	for r, row := range rows {
		out[r] = append([]float64(nil), row...)
		for c := range row {
			if (r*31+c*17)%53 == 0 {
				out[r][c] = math.NaN()
			}
		}
	}
	return out
}

func near(t *testing.T, what string, got decimal.Decimal, want, tol float64) {
	t.Helper()
	g, _ := got.Float64()
	if math.IsNaN(want) || math.Abs(g-want) > tol {
		t.Errorf("%s = %s, reference %.12g", what, got, want)
	}
}

// TestMatchesReference compares every figure with the independent
// reference of ref_test.go (float64, on the forms' rows, plspm's
// algorithm; it is checked there against SmartPLS and seminr): two
// models, three schemes, complete data and data with blanks under both
// treatments. Both stop at the same tolerance from the same start, so
// they agree far below it; 1e-8 leaves room for float64.
func TestMatchesReference(t *testing.T) {
	names, full := refReadCSV(t, "testdata/mobi.csv")
	sc := tenPoint(t)
	for _, rm := range []struct {
		name string
		m    refModel
	}{{"ECSI", refECSI()}, {"seminr4", refSeminr4()}} {
		for _, scheme := range []Scheme{PathWeighting, Centroid, Factorial} {
			for _, data := range []struct {
				name     string
				rows     [][]float64
				casewise bool
			}{{"complete", full, false}, {"blanks-mean", blanked(full), false}, {"blanks-casewise", blanked(full), true}} {
				t.Run(fmt.Sprintf("%s/%s/%s", rm.name, scheme, data.name), func(t *testing.T) {
					m := modelOf(t, rm.m)
					o := &Options{Scheme: scheme}
					if data.casewise {
						o.Missing = Casewise
					}
					forms := rowsForms(names, data.rows)
					e, err := Estimate(m, statsOf(t, sc, forms), o)
					if err != nil {
						t.Fatal(err)
					}
					ref, err := refPLS(names, data.rows, rm.m, refOpts{scheme: scheme.String(), casewise: data.casewise, min: 1, max: 10})
					if err != nil {
						t.Fatal(err)
					}
					compareRef(t, e, ref, rm.m)
					// The same forms held as Data give the same estimates, bit for bit.
					d, err := NewData(m, sc)
					if err != nil {
						t.Fatal(err)
					}
					for _, f := range forms {
						if err := d.Add(f); err != nil {
							t.Fatal(err)
						}
					}
					e2, err := d.Estimate(o)
					if err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(e, e2, cmp.AllowUnexported(Model{})); diff != "" {
						t.Errorf("Data.Estimate differs from Estimate on form.Stats:\n%s", diff)
					}
				})
			}
		}
	}
}

func compareRef(t *testing.T, e *Estimates, ref refResult, rm refModel) {
	t.Helper()
	const tol = 1e-8
	if e.Used != uint64(ref.n) {
		t.Errorf("forms used %d, reference %d", e.Used, ref.n)
	}
	if e.Iterations != ref.iter {
		t.Errorf("%d iterations, reference %d", e.Iterations, ref.iter)
	}
	for i, ind := range e.Indicators {
		near(t, "weight "+ind.Name, ind.Weight, ref.weights[i], tol)
		near(t, "loading "+ind.Name, ind.Loading, ref.loadings[i], tol)
		near(t, "mean "+ind.Name, ind.Mean, ref.mean[i], tol)
		for k := range e.Constructs {
			near(t, "cross-loading "+ind.Name+"/"+e.Constructs[k].Name, ind.Cross[k], ref.cross[i][k], tol)
		}
	}
	for x, p := range e.Paths {
		near(t, "path "+p.From+" → "+p.To, p.Coefficient, ref.coef[x], tol)
	}
	for j, c := range e.Constructs {
		near(t, "index "+c.Name, c.Index, ref.index[j], 1e-6)
		near(t, "alpha "+c.Name, c.Alpha, ref.alpha[j], tol)
		near(t, "rhoC "+c.Name, c.RhoC, ref.rhoC[j], tol)
		near(t, "AVE "+c.Name, c.AVE, ref.ave[j], tol)
		if c.Endogenous {
			near(t, "R² "+c.Name, c.R2, ref.r2[j], tol)
		} else if !math.IsNaN(ref.r2[j]) {
			t.Errorf("%s exogenous here, not in the reference", c.Name)
		}
	}
	idx := map[string]int{}
	for j, n := range rm.names {
		idx[n] = j
	}
	nEff := 0
	for k := range rm.names {
		for t2 := range rm.names {
			if ref.total[k][t2] != 0 {
				nEff++
			}
		}
	}
	if len(e.Effects) != nEff {
		t.Errorf("%d total effects, reference %d", len(e.Effects), nEff)
	}
	for _, f := range e.Effects {
		near(t, "total effect "+f.From+" → "+f.To, f.Total, ref.total[idx[f.From]][idx[f.To]], tol)
	}
	for _, h := range e.HTMT {
		near(t, "HTMT "+h.A+"/"+h.B, h.Value, ref.htmt[idx[h.A]][idx[h.B]], tol)
	}
	imp, perf := refIPMA(ref, idx[e.IPMA.Target])
	for _, p := range e.IPMA.Points {
		near(t, "IPMA importance "+p.Construct, p.Importance, imp[idx[p.Construct]], 1e-6)
		near(t, "IPMA performance "+p.Construct, p.Performance, perf[idx[p.Construct]], 1e-6)
	}
}

// TestBootstrapMatchesReference draws the same resamples as the
// reference's bootstrap (the protocol documented on Bootstrapped) and
// compares the intervals; with blanks and mean replacement, so that each
// resample's own means are used. One worker and eight give the same
// result.
func TestBootstrapMatchesReference(t *testing.T) {
	names, rows := refReadCSV(t, "testdata/mobi.csv")
	rows = blanked(rows)
	rm := refECSI()
	m := modelOf(t, rm)
	d, err := NewData(m, tenPoint(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rowsForms(names, rows) {
		if err := d.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	const B, seed = 60, 20261206
	got1, err := Bootstrap(context.Background(), d, nil, &BootOptions{Resamples: B, Seed: seed, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	got8, err := Bootstrap(context.Background(), d, nil, &BootOptions{Resamples: B, Seed: seed, Workers: 8})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got1, got8, cmp.AllowUnexported(Model{})); diff != "" {
		t.Fatalf("1 and 8 workers differ:\n%s", diff)
	}
	ref, err := refBootstrap(names, rows, rm, refOpts{min: 1, max: 10}, seed, B, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	if got1.Redrawn != ref.redraws {
		t.Errorf("redrawn %d, reference %d", got1.Redrawn, ref.redraws)
	}
	check := func(kind string, got []Interval, want []refBootStat, tol float64) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%d %s intervals, reference %d", len(got), kind, len(want))
		}
		for i, g := range got {
			near(t, kind+" "+g.Name+" estimate", g.Estimate, want[i].est, tol)
			near(t, kind+" "+g.Name+" lower", g.Lower, want[i].lo, tol)
			near(t, kind+" "+g.Name+" upper", g.Upper, want[i].hi, tol)
			var mean, ss float64
			for _, v := range want[i].values {
				mean += v
			}
			mean /= float64(len(want[i].values))
			for _, v := range want[i].values {
				ss += (v - mean) * (v - mean)
			}
			near(t, kind+" "+g.Name+" SE", g.SE, math.Sqrt(ss/float64(len(want[i].values)-1)), tol)
		}
	}
	check("path", got1.PathIntervals, ref.paths, 1e-8)
	check("weight", got1.WeightIntervals, ref.weights, 1e-8)
	check("index", got1.IndexIntervals, ref.index, 1e-6)
}
