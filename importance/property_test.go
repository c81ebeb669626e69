package importance

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// survey is random integer survey data: levels 0…4 of csat.FivePoint
// (points 10, 8, 6, 4, 2) per form, items then the overall question
// last; -1 is a blank.
type survey struct {
	items []string
	forms [][]int
}

func itemName(i int) string { return fmt.Sprintf("q%02d", i) }

// genSurvey draws 2–8 items and 10–60 forms; the overall question
// follows the items' mean with noise. With dup, the last item repeats the
// first on every form (identical items). With blanks, some answers are
// blank.
func genSurvey(t *rapid.T, dup, blanks bool) survey {
	p := rapid.IntRange(2, 8).Draw(t, "p")
	n := rapid.IntRange(10, 60).Draw(t, "n")
	s := survey{}
	for i := range p {
		s.items = append(s.items, itemName(i))
	}
	for range n {
		f := make([]int, p+1)
		sum := 0
		for i := range p {
			f[i] = rapid.IntRange(0, 4).Draw(t, "level")
			sum += f[i]
		}
		if dup {
			f[p-1] = f[0]
		}
		f[p] = min(4, max(0, (sum+p/2)/p+rapid.IntRange(-1, 1).Draw(t, "noise")))
		if blanks {
			for i := range f {
				if rapid.IntRange(0, 9).Draw(t, "blank") == 0 {
					f[i] = -1
				}
			}
		}
		s.forms = append(s.forms, f)
	}
	return s
}

func points(level int) float64 { return float64(10 - 2*level) }

// stats counts the survey's forms into form.Stats.
func (s survey) stats(t interface{ Fatal(...any) }) *form.Stats {
	st, err := form.New(csat.FivePoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	keys := csat.FivePoint().Levels()
	for k, f := range s.forms {
		fm := form.Form{ID: fmt.Sprint("F", k), Answers: map[string]string{}}
		for i, it := range s.items {
			if f[i] >= 0 {
				fm.Answers[it] = keys[f[i]].Key
			} else {
				fm.Answers[it] = ""
			}
		}
		if o := f[len(s.items)]; o >= 0 {
			fm.Overall = keys[o].Key
		}
		if len(fm.Answers) == 0 && fm.Overall == "" {
			continue
		}
		if err := st.Add(fm); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// matrix returns the listwise co-moments of the complete forms, built
// directly from the data.
func (s survey) matrix() form.Matrix {
	header := append(append([]string(nil), s.items...), "overall")
	var rows [][]decimal.Decimal
	for _, f := range s.forms {
		row := make([]decimal.Decimal, len(f))
		complete := true
		for i, l := range f {
			complete = complete && l >= 0
			row[i] = decimal.NewFromInt(int64(10 - 2*l))
		}
		if complete {
			rows = append(rows, row)
		}
	}
	return matrixOf(header, rows, "overall", s.items...)
}

// bruteShapley computes R² of every subset and the Shapley shares in
// float64, independently of the package: the complete forms' points,
// centred; each subset's regression by modified Gram–Schmidt on its
// columns (a column whose residual norm is below 1e-9 of its own norm is
// dropped: it lies in the span of the others); R² = 1 − SSres/SStot; the
// shares by the Shapley formula over every subset.
func bruteShapley(s survey) (r2 []float64, shares []float64) {
	p := len(s.items)
	cols := centredColumns(s)
	y := cols[p]
	sst := dotF(y, y)
	r2 = make([]float64, 1<<p)
	for mask := 1; mask < 1<<p; mask++ {
		res := residual(cols[:p], mask, y)
		r2[mask] = 1 - dotF(res, res)/sst
	}
	fact := func(k int) float64 {
		f := 1.0
		for i := 2; i <= k; i++ {
			f *= float64(i)
		}
		return f
	}
	shares = make([]float64, p)
	for j := range p {
		for mask := 0; mask < 1<<p; mask++ {
			if mask&(1<<j) != 0 {
				continue
			}
			k := bits.OnesCount(uint(mask))
			shares[j] += fact(k) * fact(p-k-1) / fact(p) * (r2[mask|1<<j] - r2[mask])
		}
	}
	return r2, shares
}

// centredColumns returns the points of s's complete forms, a column per
// item and then the overall question, each centred on its mean.
func centredColumns(s survey) [][]float64 {
	p := len(s.items)
	var cols [][]float64 // p items, then the overall question
	for range p + 1 {
		cols = append(cols, nil)
	}
	for _, f := range s.forms {
		complete := true
		for _, l := range f {
			complete = complete && l >= 0
		}
		if !complete {
			continue
		}
		for i, l := range f {
			cols[i] = append(cols[i], points(l))
		}
	}
	n := len(cols[0])
	for i := range cols {
		m := 0.0
		for _, v := range cols[i] {
			m += v
		}
		m /= float64(n)
		for k := range cols[i] {
			cols[i][k] -= m
		}
	}
	return cols
}

// residual returns y less its projection on the columns of cols in
// mask, by modified Gram–Schmidt (a column whose residual norm is below
// 1e-9 of its own norm dropped).
func residual(cols [][]float64, mask int, y []float64) []float64 {
	var basis [][]float64
	for i := range cols {
		if mask&(1<<i) == 0 {
			continue
		}
		v := append([]float64(nil), cols[i]...)
		norm0 := math.Sqrt(dotF(v, v))
		for _, q := range basis {
			c := dotF(v, q)
			for k := range v {
				v[k] -= c * q[k]
			}
		}
		nv := math.Sqrt(dotF(v, v))
		if norm0 == 0 || nv < 1e-9*norm0 {
			continue
		}
		for k := range v {
			v[k] /= nv
		}
		basis = append(basis, v)
	}
	res := append([]float64(nil), y...)
	for _, q := range basis {
		c := dotF(res, q)
		for k := range res {
			res[k] -= c * q[k]
		}
	}
	return res
}

// dotF is the dot product of a and b.
func dotF(a, b []float64) float64 {
	s := 0.0
	for k := range a {
		s += a[k] * b[k]
	}
	return s
}

func ratFloat(q *big.Rat) float64 { f, _ := q.Float64(); return f }

// checkShapley checks a Shapley set against the survey: shares summing
// exactly to R², each within 1e-12 of the brute force, the last item's
// equal to the first's when dup.
func checkShapley(t *rapid.T, s survey, set Set, dup bool) {
	r2, shares := bruteShapley(s)
	sum := new(big.Rat)
	for _, it := range set.Items {
		sum.Add(sum, it.Value.Rat())
	}
	if sum.Cmp(set.R2.Rat()) != 0 {
		t.Fatalf("shares sum to %s, R² is %s", sum.RatString(), set.R2.Rat().RatString())
	}
	full := r2[len(r2)-1]
	if d := math.Abs(ratFloat(set.R2.Rat()) - full); d > 1e-12 {
		t.Fatalf("R² %s, brute force %v", set.R2.Value(), full)
	}
	for j, name := range s.items {
		it, ok := set.Item(name)
		if !ok {
			t.Fatalf("no item %s", name)
		}
		if d := math.Abs(ratFloat(it.Value.Rat()) - shares[j]); d > 1e-12 {
			t.Fatalf("%s: share %s, brute force %v", name, it.Value.Value(), shares[j])
		}
	}
	for _, sub := range set.Subsets {
		mask := 0
		for _, it := range sub.Items {
			for j, name := range s.items {
				if name == it {
					mask |= 1 << j
				}
			}
		}
		if d := math.Abs(ratFloat(sub.R2.Rat()) - r2[mask]); d > 1e-12 {
			t.Fatalf("R²%v = %s, brute force %v", sub.Items, sub.R2.Value(), r2[mask])
		}
	}
	if dup {
		a, _ := set.Item(s.items[0])
		b, _ := set.Item(s.items[len(s.items)-1])
		if a.Value.Cmp(b.Value) != 0 || a.Rank != b.Rank {
			t.Fatalf("identical items: shares %s (rank %d) and %s (rank %d)", a.Value.Value(), a.Rank, b.Value.Value(), b.Rank)
		}
	}
}

// checkWeights checks relative weights: they sum to the exact R² within
// p·10^−Precision, and identical items get equal weights.
func checkWeights(t *rapid.T, s survey, set Set, dup bool) {
	sum := new(big.Rat)
	for _, it := range set.Items {
		sum.Add(sum, it.Value.Rat())
	}
	diff := new(big.Rat).Sub(sum, set.R2.Rat())
	tol := new(big.Rat).SetFrac(big.NewInt(int64(len(s.items))), new(big.Int).Exp(big.NewInt(10), big.NewInt(csat.Precision), nil))
	if diff.Abs(diff).Cmp(tol) > 0 {
		t.Fatalf("weights sum to %s, R² %s", sum.FloatString(25), set.R2.Rat().FloatString(25))
	}
	if dup {
		a, _ := set.Item(s.items[0])
		b, _ := set.Item(s.items[len(s.items)-1])
		if !a.Value.Value().Equal(b.Value.Value()) {
			t.Fatalf("identical items: weights %s and %s", a.Value.Value(), b.Value.Value())
		}
	}
}

// completeForms reports whether the survey has at least 2 complete forms
// and a varying overall question on them.
func completeForms(s survey) bool {
	n, seen := 0, map[int]bool{}
	for _, f := range s.forms {
		ok := true
		for _, l := range f {
			ok = ok && l >= 0
		}
		if ok {
			n++
			seen[f[len(f)-1]] = true
		}
	}
	return n >= 2 && len(seen) > 1
}

// TestShapleyProperty: on random integer survey data, through form.Stats
// with pairwise deletion (complete forms, so the same forms as listwise)
// and through a matrix built directly, the exact Shapley shares sum
// exactly to the exact R², match a brute-force float64 computation to
// 1e-12, and are equal for identical items; the relative weights sum to
// R² within p·10^−Precision.
func TestShapleyProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		dup := rapid.Bool().Draw(t, "dup")
		s := genSurvey(t, dup, false)
		if !completeForms(s) {
			t.Skip("the overall question does not vary")
		}
		m := s.matrix()
		inputs := map[string]Input{
			"stats":  {Stats: s.stats(t), Deletion: form.Pairwise},
			"matrix": {Matrix: &m},
		}
		for name, in := range inputs {
			set, err := Shapley{}.Importance(in)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if set.Forms != uint64(len(s.forms)) {
				t.Fatalf("%s: %d forms, want %d", name, set.Forms, len(s.forms))
			}
			checkShapley(t, s, set, dup)
			rw, err := RelativeWeights{}.Importance(in)
			if err != nil {
				t.Fatalf("%s: relative weights: %v", name, err)
			}
			if rw.R2.Cmp(*set.R2) != 0 {
				t.Fatalf("%s: R² %s (relative weights), %s (Shapley)", name, rw.R2.Value(), set.R2.Value())
			}
			checkWeights(t, s, rw, dup)
		}
	})
}

// TestPairwiseProperty: with blanks, pairwise deletion gives either a
// Shapley set whose shares sum exactly to R² in [0, 1], or an error that
// says the matrix is not positive semi-definite and suggests listwise
// deletion; listwise deletion through a matrix built from the complete
// forms matches the brute force.
func TestPairwiseProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSurvey(t, false, true)
		set, err := Shapley{}.Importance(Input{Stats: s.stats(t), Deletion: form.Pairwise})
		switch {
		case errors.Is(err, csat.ErrInvalid) && strings.Contains(err.Error(), "not positive semi-definite"):
			if !strings.Contains(err.Error(), "listwise") {
				t.Fatalf("no advice: %v", err)
			}
		case errors.Is(err, csat.ErrInvalid) && strings.Contains(err.Error(), "no variance"),
			errors.Is(err, csat.ErrTooFew), errors.Is(err, csat.ErrMissing), errors.Is(err, csat.ErrEmpty):
		case err != nil:
			t.Fatal(err)
		default:
			sum := new(big.Rat)
			for _, it := range set.Items {
				sum.Add(sum, it.Value.Rat())
				if it.Value.Rat().Sign() < 0 {
					t.Fatalf("%s: negative share %s", it.Item, it.Value.Value())
				}
			}
			if sum.Cmp(set.R2.Rat()) != 0 || set.R2.Rat().Sign() < 0 || set.R2.Rat().Cmp(big.NewRat(1, 1)) > 0 {
				t.Fatalf("shares sum to %s, R² %s", sum.RatString(), set.R2.Rat().RatString())
			}
		}
		if !completeForms(s) {
			return
		}
		m := s.matrix()
		set, err = Shapley{}.Importance(Input{Matrix: &m})
		if err != nil {
			t.Fatal(err)
		}
		checkShapley(t, s, set, false)
	})
}

// TestCorrelationProperty: r of each item with the overall question (and
// the item–rest r without one) match a float64 computation to 1e-12.
func TestCorrelationProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSurvey(t, false, false)
		m := s.matrix()
		set, err := Correlation{}.Importance(Input{Matrix: &m})
		if errors.Is(err, csat.ErrInvalid) && strings.Contains(err.Error(), "no variance") {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		p := len(s.items)
		col := func(f func(row []int) float64) []float64 {
			var out []float64
			for _, r := range s.forms {
				out = append(out, f(r))
			}
			return out
		}
		y := col(func(r []int) float64 { return points(r[p]) })
		for j, name := range s.items {
			x := col(func(r []int) float64 { return points(r[j]) })
			want := pearsonFloat(x, y)
			it, _ := set.Item(name)
			if d := math.Abs(ratFloat(it.Value.Rat()) - want); d > 1e-12 {
				t.Fatalf("%s: r %s, float %v", name, it.Value.Value(), want)
			}
		}
		// without the overall question: the item–rest correlation
		m.Vars = m.Vars[:p]
		m.M = m.M[:p]
		for i := range m.M {
			m.M[i] = m.M[i][:p]
		}
		rest, err := Correlation{}.Importance(Input{Matrix: &m})
		if err != nil {
			t.Fatal(err)
		}
		if rest.Target != TargetItemRest {
			t.Fatalf("target %q", rest.Target)
		}
		for j, name := range s.items {
			x := col(func(r []int) float64 { return points(r[j]) })
			others := col(func(r []int) float64 {
				s := 0.0
				for k := range p {
					if k != j {
						s += points(r[k])
					}
				}
				return s / float64(p-1)
			})
			want := pearsonFloat(x, others)
			it, _ := rest.Item(name)
			if d := math.Abs(ratFloat(it.Value.Rat()) - want); d > 1e-12 {
				t.Fatalf("%s: item–rest r %s, float %v", name, it.Value.Value(), want)
			}
		}
	})
}

// pearsonFloat is Pearson's r in float64 (0 without variance).
func pearsonFloat(x, y []float64) float64 {
	n := float64(len(x))
	mx, my := 0.0, 0.0
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx, my = mx/n, my/n
	sxy, sxx, syy := 0.0, 0.0, 0.0
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
	}
	if sxx == 0 || syy == 0 {
		return 0
	}
	return sxy / math.Sqrt(sxx*syy)
}

// TestArbitraryMatrixProperty: co-moments from outside that are no
// forms' (negative variances, |r| > 1, mirrored or not) give an error or
// a consistent set, never a panic.
func TestArbitraryMatrixProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.IntRange(1, 4).Draw(t, "k")
		m := form.Matrix{Deletion: form.Deletion(rapid.IntRange(0, 2).Draw(t, "deletion")), M: make([][]form.Moments, k)}
		for i := range k {
			m.Vars = append(m.Vars, itemName(i))
			m.M[i] = make([]form.Moments, k)
		}
		if rapid.Bool().Draw(t, "overall") {
			m.Vars[k-1] = form.Overall
		}
		// each entry the moments of a few pairs of values (listwise: as
		// many for every entry), sometimes with one sum changed
		n := rapid.IntRange(1, 6).Draw(t, "n")
		for i := range k {
			for j := i; j < k; j++ {
				if m.Deletion != form.Listwise {
					n = rapid.IntRange(1, 6).Draw(t, "nij")
				}
				var mo form.Moments
				for range n {
					x := decimal.NewFromInt(int64(rapid.IntRange(-3, 3).Draw(t, "x")))
					y := x
					if i != j {
						y = decimal.NewFromInt(int64(rapid.IntRange(-3, 3).Draw(t, "y")))
					}
					mo.N++
					mo.SumX, mo.SumY = mo.SumX.Add(x), mo.SumY.Add(y)
					mo.SumXX, mo.SumYY, mo.SumXY = mo.SumXX.Add(x.Mul(x)), mo.SumYY.Add(y.Mul(y)), mo.SumXY.Add(x.Mul(y))
				}
				if rapid.IntRange(0, 9).Draw(t, "perturb") == 0 {
					v := decimal.NewFromInt(int64(rapid.IntRange(-20, 20).Draw(t, "v")))
					switch rapid.IntRange(0, 2).Draw(t, "which") {
					case 0:
						mo.SumXX = v
					case 1:
						mo.SumXY = v
					default:
						mo.N = uint64(rapid.IntRange(0, 3).Draw(t, "N"))
					}
				}
				m.M[i][j] = mo
				if rapid.IntRange(0, 19).Draw(t, "mirror") > 0 {
					mo.SumX, mo.SumY, mo.SumXX, mo.SumYY = mo.SumY, mo.SumX, mo.SumYY, mo.SumXX
				}
				m.M[j][i] = mo
			}
		}
		for _, meth := range []Method{Correlation{}, Shapley{}, RelativeWeights{}} {
			set, err := meth.Importance(Input{Matrix: &m})
			if err != nil {
				if !errors.Is(err, csat.ErrInvalid) && !errors.Is(err, csat.ErrTooFew) && !errors.Is(err, csat.ErrMissing) && !errors.Is(err, csat.ErrEmpty) {
					t.Fatalf("%T: unexpected error %v", meth, err)
				}
				continue
			}
			_ = set.Explain()
			if set.Method == "shapley" {
				sum := new(big.Rat)
				for _, it := range set.Items {
					sum.Add(sum, it.Value.Rat())
				}
				if sum.Cmp(set.R2.Rat()) != 0 {
					t.Fatalf("shares sum to %s, R² %s", sum.RatString(), set.R2.Rat().RatString())
				}
			}
			if set.R2 != nil {
				if r := set.R2.Rat(); r.Sign() < 0 || r.Cmp(big.NewRat(1, 1)) > 0 {
					t.Fatalf("%T: R² %s", meth, r.RatString())
				}
			}
		}
	})
}
