package csi

// Property tests (pgregory.net/rapid) of estimation: small random models
// with forms drawn from a latent structure that fits them, and the
// arrangements that must not change a result, bit for bit: the order of
// the forms, the order of the columns, sharding and merging the
// statistics, Data against form.Stats, the bootstrap's workers. A failed
// estimation must fail alike, with the same error text.

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// fataler is what the helpers need of *testing.T and *rapid.T.
type fataler interface {
	Fatalf(format string, args ...any)
}

// pointScale is the 1–k scale: keys "1"…"k", 1…k points, best first.
func pointScale(t testing.TB, k int) *csat.Scale {
	t.Helper()
	var lv []csat.Level
	for i := k; i >= 1; i-- {
		s := strconv.Itoa(i)
		lv = append(lv, csat.Level{Key: s, Label: "level " + s, LabelZH: "第" + s + "级", Points: decimal.NewFromInt(int64(i)), Satisfied: 2*i > k})
	}
	sc, err := csat.NewScale("p"+strconv.Itoa(k), decimal.NewFromInt(int64(k)), lv)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// propScales are the 1–5 and 1–7 scales, by their number of levels.
func propScales(t testing.TB) map[int]*csat.Scale {
	return map[int]*csat.Scale{5: pointScale(t, 5), 7: pointScale(t, 7)}
}

// propCase is a drawn model and its data: a matrix of levels (0 blank) with
// a column per name; the model's indicators are among the names.
type propCase struct {
	m     *Model
	sc    *csat.Scale
	names []string
	rows  [][]int
}

// propNames are the constructs' names, some not ASCII, one with a space;
// a construct's indicators are name_1, name_2, … .
var propNames = []string{"Image", "期望", "Quality", "价值", "Satisfaction", "Loyalty", "投诉 complaints"}

// drawModel draws a valid model of 2–maxCons constructs with 1–maxInds
// indicators each and a random DAG of paths with every construct on one;
// topo lists the constructs' model indices in an order every path
// follows.
func drawModel(t *rapid.T, maxCons, maxInds int) (m *Model, topo []int) {
	nc := rapid.IntRange(2, maxCons).Draw(t, "constructs")
	names := rapid.Permutation(propNames).Draw(t, "names")[:nc]
	// Constructs are generated in topological order 0…nc−1 and listed in
	// the model in another order.
	var edges [][2]int
	for j := 1; j < nc; j++ {
		for i := range j {
			if rapid.IntRange(0, 2).Draw(t, "edge") == 0 {
				edges = append(edges, [2]int{i, j})
			}
		}
	}
	on := make([]bool, nc)
	for _, e := range edges {
		on[e[0]], on[e[1]] = true, true
	}
	for j := range nc {
		if on[j] {
			continue
		}
		o := rapid.IntRange(0, nc-2).Draw(t, "partner")
		if o >= j {
			o++
		}
		edges = append(edges, [2]int{min(j, o), max(j, o)})
		on[j], on[o] = true, true
	}
	cons := make([]Construct, nc)
	for j := range nc {
		k := rapid.IntRange(1, maxInds).Draw(t, "indicators")
		cons[j].Name = names[j]
		for i := range k {
			cons[j].Indicators = append(cons[j].Indicators, names[j]+"_"+strconv.Itoa(i+1))
		}
	}
	order := rapid.Permutation(seq(nc)).Draw(t, "model order")
	var paths []Path
	for _, e := range rapid.Permutation(edges).Draw(t, "path order") {
		paths = append(paths, Path{From: names[e[0]], To: names[e[1]]})
	}
	listed := make([]Construct, nc)
	topo = make([]int, nc)
	for x, j := range order {
		listed[x] = cons[j]
		topo[j] = x
	}
	m, err := NewModel(listed, paths)
	if err != nil {
		t.Fatalf("drawn model invalid: %v", err)
	}
	return m, topo
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// drawCase draws a model and 1–6 or 12–60 forms from a latent structure
// that fits it: an exogenous construct is −2…2, an endogenous one the
// mean of its causes (rounded toward zero) plus −1…1, an indicator its
// construct plus −1…1, centred on the scale and clamped to it; some cells
// blank, and an extra column that no construct uses.
func drawCase(t *rapid.T, scales map[int]*csat.Scale) propCase {
	return drawCaseOf(t, scales, 5, 4)
}

// drawCaseOf is drawCase with at most maxCons constructs of maxInds
// indicators.
func drawCaseOf(t *rapid.T, scales map[int]*csat.Scale, maxCons, maxInds int) propCase {
	m, topo := drawModel(t, maxCons, maxInds)
	k := rapid.SampledFrom([]int{5, 7}).Draw(t, "levels")
	c := propCase{m: m, sc: scales[k], names: append(m.Indicators(), "extra")}
	n := rapid.OneOf(rapid.IntRange(1, 6), rapid.IntRange(12, 60)).Draw(t, "forms")
	blankPct := rapid.SampledFrom([]int{0, 0, 0, 3, 10, 30}).Draw(t, "blank %")
	nc := len(m.cons)
	lat := make([]int, nc)
	for range n {
		for _, j := range topo {
			if len(m.pred[j]) == 0 {
				lat[j] = rapid.IntRange(-2, 2).Draw(t, "exogenous")
				continue
			}
			s := 0
			for _, p := range m.pred[j] {
				s += lat[p]
			}
			lat[j] = s/len(m.pred[j]) + rapid.IntRange(-1, 1).Draw(t, "noise")
		}
		row := make([]int, len(c.names))
		for j := range nc {
			for i := range m.cons[j].Indicators {
				row[m.first[j]+i] = min(k, max(1, (k+1)/2+lat[j]+rapid.IntRange(-1, 1).Draw(t, "error")))
			}
		}
		row[len(row)-1] = rapid.IntRange(1, k).Draw(t, "extra")
		if blankPct > 0 {
			for i := range row {
				if rapid.IntRange(0, 99).Draw(t, "blank") < blankPct {
					row[i] = 0
				}
			}
		}
		c.rows = append(c.rows, row)
	}
	return c
}

// levelForms turns a matrix of levels (0 blank) into forms.
func levelForms(names []string, rows [][]int) []form.Form {
	out := make([]form.Form, len(rows))
	for r, row := range rows {
		f := form.Form{ID: "F" + strconv.Itoa(r+1), Answers: make(map[string]string, len(row))}
		for c, v := range row {
			if v == 0 {
				f.Answers[names[c]] = ""
			} else {
				f.Answers[names[c]] = strconv.Itoa(v)
			}
		}
		out[r] = f
	}
	return out
}

func stats(t fataler, sc *csat.Scale, forms []form.Form) *form.Stats {
	st, err := form.New(sc, nil)
	if err != nil {
		t.Fatalf("form.New: %v", err)
	}
	for _, f := range forms {
		if err := st.Add(f); err != nil {
			t.Fatalf("Stats.Add: %v", err)
		}
	}
	return st
}

func data(t fataler, m *Model, sc *csat.Scale, forms []form.Form) *Data {
	d, err := NewData(m, sc)
	if err != nil {
		t.Fatalf("NewData: %v", err)
	}
	for _, f := range forms {
		if err := d.Add(f); err != nil {
			t.Fatalf("Data.Add: %v", err)
		}
	}
	return d
}

// estStats is Estimate (a name the properties share with FuzzEstimate).
func estStats(m *Model, st *form.Stats, o *Options) (*Estimates, error) { return Estimate(m, st, o) }

// estData is Data.Estimate.
func estData(d *Data, o *Options) (*Estimates, error) { return d.Estimate(o) }

// estimationFailure reports whether err is one of the ways estimation
// may fail on data drawn by drawCase.
func estimationFailure(err error) bool {
	for _, s := range []error{ErrZeroVariance, ErrSingular, ErrNoConvergence, csat.ErrEmpty, csat.ErrTooFew} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// same fails unless two outcomes are equal: the same error text, or no
// error and equal values.
func same[V any](t fataler, what string, a V, errA error, b V, errB error) {
	switch {
	case (errA == nil) != (errB == nil):
		t.Fatalf("%s: one fails and the other does not:\n  %v\n  %v", what, errA, errB)
	case errA != nil:
		if errA.Error() != errB.Error() {
			t.Fatalf("%s: different errors:\n  %v\n  %v", what, errA, errB)
		}
		if !estimationFailure(errA) {
			t.Fatalf("%s: unexpected error %v", what, errA)
		}
	default:
		if diff := cmp.Diff(a, b, cmp.AllowUnexported(Model{})); diff != "" {
			t.Fatalf("%s differ:\n%s", what, diff)
		}
	}
}

func drawOptions(t *rapid.T) *Options {
	return &Options{
		Scheme:  Scheme(rapid.IntRange(0, 2).Draw(t, "scheme")),
		Missing: Missing(rapid.IntRange(0, 1).Draw(t, "missing")),
	}
}

// tally counts the outcomes of a property, to log how many cases
// estimated and how many failed.
type tally struct{ ok, failed int }

func (c *tally) add(err error) {
	if err == nil {
		c.ok++
		return
	}
	c.failed++
}

func (c *tally) log(t *testing.T) {
	t.Logf("%d cases estimated, %d failed alike", c.ok, c.failed)
	if c.ok == 0 {
		t.Error("no case estimated: the generator is too weak")
	}
}

// TestPropertyFormOrder: the order of the forms does not matter, to
// Estimate on form.Stats nor to Data.Estimate.
func TestPropertyFormOrder(t *testing.T) {
	scales := propScales(t)
	var c tally
	rapid.Check(t, func(t *rapid.T) {
		pc := drawCase(t, scales)
		o := drawOptions(t)
		forms := levelForms(pc.names, pc.rows)
		perm := rapid.Permutation(forms).Draw(t, "form order")
		e1, err1 := estStats(pc.m, stats(t, pc.sc, forms), o)
		e2, err2 := estStats(pc.m, stats(t, pc.sc, perm), o)
		same(t, "Estimate of permuted forms", e1, err1, e2, err2)
		e3, err3 := estData(data(t, pc.m, pc.sc, forms), o)
		e4, err4 := estData(data(t, pc.m, pc.sc, perm), o)
		same(t, "Data.Estimate of permuted forms", e3, err3, e4, err4)
		c.add(err1)
	})
	c.log(t)
}

// TestPropertyColumnOrder: the order of the columns the forms are built
// from does not matter (the names move with their columns).
func TestPropertyColumnOrder(t *testing.T) {
	scales := propScales(t)
	var c tally
	rapid.Check(t, func(t *rapid.T) {
		pc := drawCase(t, scales)
		o := drawOptions(t)
		perm := rapid.Permutation(seq(len(pc.names))).Draw(t, "column order")
		names := make([]string, len(perm))
		rows := make([][]int, len(pc.rows))
		for x, col := range perm {
			names[x] = pc.names[col]
		}
		for r, row := range pc.rows {
			rows[r] = make([]int, len(perm))
			for x, col := range perm {
				rows[r][x] = row[col]
			}
		}
		forms, permuted := levelForms(pc.names, pc.rows), levelForms(names, rows)
		e1, err1 := estStats(pc.m, stats(t, pc.sc, forms), o)
		e2, err2 := estStats(pc.m, stats(t, pc.sc, permuted), o)
		same(t, "Estimate of permuted columns", e1, err1, e2, err2)
		e3, err3 := estData(data(t, pc.m, pc.sc, forms), o)
		e4, err4 := estData(data(t, pc.m, pc.sc, permuted), o)
		same(t, "Data.Estimate of permuted columns", e3, err3, e4, err4)
		c.add(err1)
	})
	c.log(t)
}

// TestPropertyShards: statistics of the forms split into shards, merged in
// any order, estimate exactly as the statistics of all the forms.
func TestPropertyShards(t *testing.T) {
	scales := propScales(t)
	var c tally
	rapid.Check(t, func(t *rapid.T) {
		pc := drawCase(t, scales)
		o := drawOptions(t)
		forms := levelForms(pc.names, pc.rows)
		k := rapid.IntRange(1, 5).Draw(t, "shards")
		parts := make([][]form.Form, k)
		for _, f := range forms {
			s := rapid.IntRange(0, k-1).Draw(t, "shard")
			parts[s] = append(parts[s], f)
		}
		var merged form.Stats
		for _, s := range rapid.Permutation(seq(k)).Draw(t, "merge order") {
			if err := merged.Merge(stats(t, pc.sc, parts[s])); err != nil {
				t.Fatalf("Merge: %v", err)
			}
		}
		e1, err1 := estStats(pc.m, stats(t, pc.sc, forms), o)
		e2, err2 := estStats(pc.m, &merged, o)
		same(t, "Estimate of merged shards", e1, err1, e2, err2)
		c.add(err1)
	})
	c.log(t)
}

// TestPropertyDataStats: Data.Estimate equals Estimate on the form.Stats
// of the same forms, under both treatments of blanks and all three
// schemes.
func TestPropertyDataStats(t *testing.T) {
	scales := propScales(t)
	var c tally
	rapid.Check(t, func(t *rapid.T) {
		pc := drawCase(t, scales)
		forms := levelForms(pc.names, pc.rows)
		st, d := stats(t, pc.sc, forms), data(t, pc.m, pc.sc, forms)
		for _, miss := range []Missing{MeanReplacement, Casewise} {
			for _, scheme := range []Scheme{PathWeighting, Centroid, Factorial} {
				o := &Options{Scheme: scheme, Missing: miss}
				e1, err1 := estStats(pc.m, st, o)
				e2, err2 := estData(d, o)
				same(t, "Data.Estimate and Estimate ("+miss.String()+", "+scheme.String()+")", e1, err1, e2, err2)
				c.add(err1)
			}
		}
	})
	c.log(t)
}

// distinctRows is the number of distinct rows.
func distinctRows(rows [][]int) int {
	seen := map[string]bool{}
	for _, r := range rows {
		seen[fmt.Sprint(r)] = true
	}
	return len(seen)
}

// TestPropertyBootstrapWorkers: the bootstrap does not depend on the
// number of workers, the same seed gives the same intervals and another
// seed other intervals (unless no figure varies).
func TestPropertyBootstrapWorkers(t *testing.T) {
	scales := propScales(t)
	var c tally
	compared := 0
	rapid.Check(t, func(t *rapid.T) {
		// Smaller models than the other properties': a bootstrap is some
		// hundred estimations.
		pc := drawCaseOf(t, scales, 4, 3)
		o := drawOptions(t)
		d := data(t, pc.m, pc.sc, levelForms(pc.names, pc.rows))
		seed := rapid.Uint64().Draw(t, "seed")
		const B = 20
		boot := func(workers int, seed uint64) (*Bootstrapped, error) {
			return Bootstrap(context.Background(), d, o, &BootOptions{Resamples: B, Seed: seed, Workers: workers})
		}
		b1, err1 := boot(1, seed)
		for _, w := range []int{3, 8} {
			b, err := boot(w, seed)
			same(t, "bootstrap with 1 and "+strconv.Itoa(w)+" workers", b1, err1, b, err)
		}
		c.add(err1)
		if err1 != nil {
			return
		}
		if len(pc.rows) < 12 || distinctRows(pc.rows) < 5 {
			// Few forms or few distinct ones: few distinct resamples, and
			// two seeds may well draw the same distribution of them.
			return
		}
		b2, err2 := boot(3, seed+1)
		if err2 != nil {
			// Another seed may draw a resample that cannot be estimated
			// MaxRedraws times in a row, but the full estimate succeeded.
			if !estimationFailure(err2) {
				t.Fatalf("seed %d: %v", seed+1, err2)
			}
			return
		}
		varies, differs := false, false
		for _, ivs := range [][2][]Interval{{b1.PathIntervals, b2.PathIntervals}, {b1.WeightIntervals, b2.WeightIntervals}, {b1.IndexIntervals, b2.IndexIntervals}} {
			for i := range ivs[0] {
				a, b := ivs[0][i], ivs[1][i]
				if !a.SE.IsZero() || !b.SE.IsZero() {
					varies = true
				}
				if !a.Lower.Equal(b.Lower) || !a.Upper.Equal(b.Upper) || !a.SE.Equal(b.SE) {
					differs = true
				}
			}
		}
		if varies && !differs {
			t.Fatalf("seeds %d and %d give the same intervals", seed, seed+1)
		}
		compared++
	})
	c.log(t)
	t.Logf("%d cases with two seeds compared", compared)
}
