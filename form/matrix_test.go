package form

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestMatrixListwiseExample: the worked example's four variables, by
// hand. Complete on all four (overall, 品质, 交货, 价格) are F1, F3, F5
// and F6; F2 left 交货 blank and F4 left 价格 blank and gave no overall
// answer. In points (很满意 10, 满意 8, 基本满意 6, 不满意 4, 很不满意 2):
//
//	     overall 品质 交货 价格
//	F1      8    10    8    6
//	F3     10    10   10    8
//	F5      4     8    8    2
//	F6      8    10    6    8
//	Σ      30    38   32   24
//
// Σ of products: overall² 244, overall·品质 292, overall·交货 244,
// overall·价格 200, 品质² 364, 品质·交货 304, 品质·价格 236, 交货² 264,
// 交货·价格 192, 价格² 168. Pairwise, 品质 × 交货 also counts F4 (6, 4):
// n 5, Σx 44, Σy 36, Σxy 328 (TestStatsExample).
func TestMatrixListwiseExample(t *testing.T) {
	s := mustNew(t)
	addAll(t, s, example())
	vars := []string{Overall, "品质", "交货", "价格"}
	m, err := s.Matrix(csat.SourceSurvey, vars, Listwise)
	if err != nil {
		t.Fatal(err)
	}
	sum := []string{"30", "38", "32", "24"}
	prod := [][]string{
		{"244", "292", "244", "200"},
		{"292", "364", "304", "236"},
		{"244", "304", "264", "192"},
		{"200", "236", "192", "168"},
	}
	if m.Deletion != Listwise || !slices.Equal(m.Vars, vars) {
		t.Errorf("matrix of %q %v", m.Vars, m.Deletion)
	}
	for i := range vars {
		for j := range vars {
			want := Moments{N: 4, SumX: dec(sum[i]), SumY: dec(sum[j]), SumXX: dec(prod[i][i]), SumYY: dec(prod[j][j]), SumXY: dec(prod[i][j])}
			if !momentsEqual(m.M[i][j], want) {
				t.Errorf("M[%d][%d] = %+v, want %+v", i, j, m.M[i][j], want)
			}
		}
	}
	pw, err := s.Matrix(csat.SourceSurvey, []string{"品质", "交货"}, Pairwise)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Moments{N: 5, SumX: dec("44"), SumY: dec("36"), SumXX: dec("400"), SumYY: dec("280"), SumXY: dec("328")}); !momentsEqual(pw.M[0][1], want) {
		t.Errorf("pairwise 品质 × 交货 = %+v", pw.M[0][1])
	}
	// Listwise on 品质 and 交货 alone: F4 is complete on them (F2 is not).
	lw, _ := s.Matrix(csat.SourceSurvey, []string{"交货", "品质"}, Listwise)
	if want := (Moments{N: 5, SumX: dec("36"), SumY: dec("44"), SumXX: dec("280"), SumYY: dec("400"), SumXY: dec("328")}); !momentsEqual(lw.M[0][1], want) {
		t.Errorf("listwise 交货 × 品质 = %+v", lw.M[0][1])
	}
	// One variable: the moments of its answers (5 of 品质's 6 forms
	// answered 价格: F4 did not; 价格 alone counts 5 forms).
	one, _ := s.Matrix(csat.SourceSurvey, []string{"价格"}, Listwise)
	if want := (Moments{N: 5, SumX: dec("28"), SumY: dec("28"), SumXX: dec("184"), SumYY: dec("184"), SumXY: dec("184")}); !momentsEqual(one.M[0][0], want) {
		t.Errorf("listwise 价格 = %+v", one.M[0][0])
	}
}

// TestMatrixErrors: each error of Matrix names what is wrong, and
// returns no matrix.
func TestMatrixErrors(t *testing.T) {
	s := mustNew(t)
	addAll(t, s, example())
	addAll(t, s, []Form{{Source: "competitor", Answers: map[string]string{"品质": "满意", "交货": ""}}, {Source: "competitor", Answers: map[string]string{"品质": "", "交货": "满意"}}})
	cases := []struct {
		name, source string
		vars         []string
		d            Deletion
		want         error
		text         string
	}{
		{"no variables", csat.SourceSurvey, nil, Listwise, csat.ErrInvalid, "no variables"},
		{"twice", csat.SourceSurvey, []string{"品质", "交货", "品质"}, Listwise, csat.ErrInvalid, `"品质" twice`},
		{"deletion", csat.SourceSurvey, []string{"品质"}, Deletion(7), csat.ErrInvalid, "unknown deletion deletion(7)"},
		{"unknown item", csat.SourceSurvey, []string{"品质", "包装"}, Listwise, csat.ErrUnknownItem, `"包装"`},
		{"unknown item pairwise", csat.SourceSurvey, []string{"品质", "包装"}, Pairwise, csat.ErrUnknownItem, `"包装"`},
		{"no source", "self", []string{"品质"}, Listwise, csat.ErrUnknownItem, `source "self"`},
		{"none complete", "competitor", []string{"交货", "品质"}, Listwise, csat.ErrEmpty, `no form of source "competitor" answered all of item "交货", item "品质"`},
		{"no overall", "competitor", []string{Overall}, Listwise, csat.ErrEmpty, "all of the overall question"},
	}
	for _, c := range cases {
		m, err := s.Matrix(c.source, c.vars, c.d)
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.text) {
			t.Errorf("%s: err = %v, want %v naming %q", c.name, err, c.want, c.text)
		}
		if m.Vars != nil || m.M != nil {
			t.Errorf("%s: a matrix with the error", c.name)
		}
	}
	if _, err := s.Group("地区", "华东").Matrix(csat.SourceSurvey, []string{"品质"}, Listwise); !errors.Is(err, csat.ErrUnknownItem) || !strings.Contains(err.Error(), "group") {
		t.Errorf("a group's matrix: %v", err)
	}
	if got := []string{Listwise.String(), Pairwise.String()}; !slices.Equal(got, []string{"listwise", "pairwise"}) {
		t.Errorf("deletions print %q", got)
	}
}

// testScales are the scales the properties draw from: the five-point
// scale, the PVC bands (0–100), points with several decimals, and points
// so large and so fine that one form's sums take several 64-bit words.
func testScales(t fataler) []*csat.Scale {
	t.Helper()
	mk := func(name, full string, pts ...string) *csat.Scale {
		var lv []csat.Level
		for i, p := range pts {
			lv = append(lv, csat.Level{Key: fmt.Sprint("l", i), Points: dec(p), Satisfied: i == 0})
		}
		s, err := csat.NewScale(name, dec(full), lv)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	return []*csat.Scale{
		csat.FivePoint(), csat.PVCBands(),
		mk("decimals", "100", "100", "66.667", "33.3333333", "2.5", "0"),
		mk("wide", "1e40", "1e40", "98765432109876543210.123456789", "0.000000000000000000001", "7"),
	}
}

// drawForms draws forms of the scale over four items and the overall
// question, each variable answered, blank or (items) absent at random,
// of two sources.
func drawForms(t *rapid.T, sc *csat.Scale) []Form {
	items := []string{"品质", "交货", "价格", "服务"}
	n := rapid.IntRange(0, 50).Draw(t, "n")
	out := make([]Form, 0, n)
	level := func() string {
		if rapid.IntRange(0, 4).Draw(t, "blank") == 0 {
			return ""
		}
		return sc.Levels()[rapid.IntRange(0, sc.Len()-1).Draw(t, "level")].Key
	}
	for i := range n {
		f := Form{ID: fmt.Sprint("F", i), Source: rapid.SampledFrom([]string{"survey", "self"}).Draw(t, "source"), Answers: map[string]string{}}
		for _, it := range items {
			if rapid.IntRange(0, 5).Draw(t, "on") > 0 {
				f.Answers[it] = level()
			}
		}
		f.Overall = level()
		if len(f.Answers) == 0 && f.Overall == "" {
			f.Answers["品质"] = ""
		}
		out = append(out, f)
	}
	return out
}

// directMatrix computes the listwise co-moments of vars straight from
// the forms, in decimal points: for each form of the source answering
// every one of vars, add each point and each product. ok is false when
// no form is complete.
func directMatrix(sc *csat.Scale, fs []Form, source string, vars []string) (m [][]Moments, ok bool) {
	m = make([][]Moments, len(vars))
	for i := range m {
		m[i] = make([]Moments, len(vars))
	}
	for _, f := range fs {
		if f.Source != source {
			continue
		}
		pts := make([]decimal.Decimal, len(vars))
		complete := true
		for i, v := range vars {
			lv := f.Overall
			if v != Overall {
				lv = f.Answers[v]
			}
			if lv == "" {
				complete = false
				break
			}
			k, _ := sc.Index(lv)
			pts[i] = sc.Levels()[k].Points
		}
		if !complete {
			continue
		}
		ok = true
		for i := range vars {
			for j := range vars {
				e := &m[i][j]
				e.N++
				e.SumX = e.SumX.Add(pts[i])
				e.SumY = e.SumY.Add(pts[j])
				e.SumXX = e.SumXX.Add(pts[i].Mul(pts[i]))
				e.SumYY = e.SumYY.Add(pts[j].Mul(pts[j]))
				e.SumXY = e.SumXY.Add(pts[i].Mul(pts[j]))
			}
		}
	}
	return m, ok
}

// drawVars draws a non-empty list of distinct variables in any order.
func drawVars(t *rapid.T) []string {
	all := []string{Overall, "品质", "交货", "价格", "服务"}
	perm := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "vars seed"), 3)).Perm(len(all))
	k := rapid.IntRange(1, len(all)).Draw(t, "k")
	vars := make([]string, k)
	for i := range vars {
		vars[i] = all[perm[i]]
	}
	return vars
}

// checkListwise compares s's listwise matrix of vars with the one
// computed from the forms: equal, or the error the forms call for.
func checkListwise(t *rapid.T, s *Stats, sc *csat.Scale, fs []Form, source string, vars []string) {
	got, err := s.Matrix(source, vars, Listwise)
	pt := s.parts[source]
	known := pt != nil
	for _, v := range vars {
		known = known && (v == Overall || pt.items[v] != nil)
	}
	want, ok := directMatrix(sc, fs, source, vars)
	switch {
	case !known:
		if !errors.Is(err, csat.ErrUnknownItem) {
			t.Fatalf("%q of %s: err = %v, want ErrUnknownItem", vars, source, err)
		}
	case pt.unkept > 0 && len(vars) <= pt.unkeptVars:
		if !errors.Is(err, csat.ErrOverflow) {
			t.Fatalf("%q of %s: err = %v, want ErrOverflow", vars, source, err)
		}
	case !ok:
		if !errors.Is(err, csat.ErrEmpty) {
			t.Fatalf("%q of %s: err = %v, want ErrEmpty", vars, source, err)
		}
	default:
		if err != nil {
			t.Fatalf("%q of %s: %v", vars, source, err)
		}
		for i := range vars {
			for j := range vars {
				if !momentsEqual(got.M[i][j], want[i][j]) {
					t.Fatalf("%q of %s: M[%d][%d] = %+v, want %+v", vars, source, i, j, got.M[i][j], want[i][j])
				}
			}
		}
	}
}

// shardAndMerge counts the forms in k shards, in a random order, and
// merges the shards in another.
func shardAndMerge(t *rapid.T, sc *csat.Scale, fs []Form) *Stats {
	k := rapid.IntRange(1, 4).Draw(t, "shards")
	shards := make([]*Stats, k)
	for i := range shards {
		shards[i], _ = New(sc, nil)
	}
	for _, i := range rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 1)).Perm(len(fs)) {
		if err := shards[rapid.IntRange(0, k-1).Draw(t, "shard")].Add(fs[i]); err != nil {
			t.Fatal(err)
		}
	}
	var merged Stats
	for _, i := range rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed2"), 2)).Perm(k) {
		if err := merged.Merge(shards[i]); err != nil {
			t.Fatal(err)
		}
	}
	return &merged
}

// TestListwiseProperty: on random forms with random blanks, over scales
// of whole, decimal and very large points, listwise matrices of any
// variables equal the co-moments computed from the forms; statistics
// sharded and merged in any order are equal to one pass bit for bit (the
// same JSON), and so are their matrices after a JSON round trip.
func TestListwiseProperty(t *testing.T) {
	scales := testScales(t)
	rapid.Check(t, func(t *rapid.T) {
		sc := scales[rapid.IntRange(0, len(scales)-1).Draw(t, "scale")]
		fs := drawForms(t, sc)
		one, _ := New(sc, nil)
		addAll(t, one, fs)
		merged := shardAndMerge(t, sc, fs)
		a, _ := one.MarshalJSON()
		b, _ := merged.MarshalJSON()
		if len(fs) > 0 && (!merged.Equal(one) || string(a) != string(b)) {
			t.Fatalf("merged shards differ from one pass:\n%s\n%s", a, b)
		}
		var back Stats
		if err := back.UnmarshalJSON(a); err != nil || !back.Equal(one) {
			t.Fatalf("round trip: %v", err)
		}
		for range 4 {
			vars := drawVars(t)
			for _, src := range []string{"survey", "self"} {
				checkListwise(t, one, sc, fs, src, vars)
				checkListwise(t, &back, sc, fs, src, vars)
			}
		}
	})
}

// withMaxPatterns runs f with the bound on patterns lowered to n.
func withMaxPatterns(n int, f func()) {
	old := maxPatterns
	maxPatterns = n
	defer func() { maxPatterns = old }()
	f()
}

// TestPatternsBoundProperty: with room for only a few patterns, the
// statistics keep those of most variables (ties by name), whatever the
// order and sharding of the forms, and count the forms of the others;
// listwise matrices are exact or refused, never wrong.
func TestPatternsBoundProperty(t *testing.T) {
	scales := testScales(t)
	withMaxPatterns(3, func() {
		rapid.Check(t, func(t *rapid.T) {
			sc := scales[rapid.IntRange(0, len(scales)-1).Draw(t, "scale")]
			fs := drawForms(t, sc)
			one, _ := New(sc, nil)
			addAll(t, one, fs)
			merged := shardAndMerge(t, sc, fs)
			a, _ := one.MarshalJSON()
			b, _ := merged.MarshalJSON()
			if len(fs) > 0 && (!merged.Equal(one) || string(a) != string(b)) {
				t.Fatalf("merged shards differ from one pass:\n%s\n%s", a, b)
			}
			var back Stats
			if err := back.UnmarshalJSON(a); err != nil || !back.Equal(one) {
				t.Fatalf("round trip: %v", err)
			}
			for _, src := range []string{"survey", "self"} {
				checkKept(t, one, fs, src, 3)
				for range 3 {
					checkListwise(t, one, sc, fs, src, drawVars(t))
				}
			}
		})
	})
}

// checkKept recomputes from the forms which patterns the bound keeps
// (the first max by most variables, then names) and the forms and
// largest pattern not kept.
func checkKept(t *rapid.T, s *Stats, fs []Form, source string, max int) {
	count := map[string]uint64{}
	size := map[string]int{}
	for _, f := range fs {
		if f.Source != source {
			continue
		}
		var vars []string
		if f.Overall != "" {
			vars = append(vars, Overall)
		}
		for it, lv := range f.Answers {
			if lv != "" {
				vars = append(vars, it)
			}
		}
		if len(vars) == 0 {
			continue
		}
		slices.Sort(vars)
		k := strings.Join(vars, "|")
		count[k]++
		size[k] = len(vars)
	}
	keys := make([]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if size[a] != size[b] {
			return size[b] - size[a]
		}
		return slices.Compare(strings.Split(a, "|"), strings.Split(b, "|"))
	})
	var unkept uint64
	largest := 0
	for i, k := range keys {
		if i >= max {
			unkept += count[k]
			largest = maxInt(largest, size[k])
		}
	}
	pt := s.parts[source]
	if pt == nil {
		if len(keys) > 0 {
			t.Fatalf("no part of %s", source)
		}
		return
	}
	if pt.unkept != unkept || pt.unkeptVars != largest || len(pt.patterns) != min(max, len(keys)) {
		t.Fatalf("%s: %d patterns kept, %d forms not kept of up to %d variables; want %d, %d, %d", source, len(pt.patterns), pt.unkept, pt.unkeptVars, min(max, len(keys)), unkept, largest)
	}
	for i, k := range keys[:min(max, len(keys))] {
		vars := strings.Split(k, "|")
		p := pt.patterns[strings.Join(vars, "\x00")+"\x00"]
		if p == nil || p.n != count[k] {
			t.Fatalf("%s: pattern %d %q not kept with its %d forms", source, i, vars, count[k])
		}
	}
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// TestPatternsBound: room for two patterns. In the order added:
//
//	F1 品质                    pattern {品质}: kept (1 variable)
//	F2 品质 交货                {交货 品质}: kept (2)
//	F3 overall 品质 交货        {overall 交货 品质}: 3 variables, evicts {品质}
//	F4 品质 交货 价格           {交货 价格 品质}: 3, evicts {交货 品质}
//	F5 品质                    {品质}: not kept (1 < 3)
//	F6 overall 品质 交货        kept, counted
//
// Kept: {overall 交货 品质} (F3, F6; "" sorts first) and {交货 价格
// 品质} (F4); not kept: F1, F2, F5, of patterns of up to 2 variables.
func TestPatternsBound(t *testing.T) {
	withMaxPatterns(2, func() {
		f := boundForm
		s := mustNew(t)
		addAll(t, s, []Form{f("", "品质"), f("", "品质", "交货"), f("很满意", "品质", "交货"), f("", "品质", "交货", "价格"), f("", "品质"), f("很满意", "品质", "交货")})
		pt := s.parts[csat.SourceSurvey]
		if pt.unkept != 3 || pt.unkeptVars != 2 || len(pt.patterns) != 2 || pt.patterns["\x00交货\x00品质\x00"].n != 2 || pt.patterns["交货\x00价格\x00品质\x00"].n != 1 {
			t.Fatalf("kept %d patterns, %d forms not kept, of up to %d variables", len(pt.patterns), pt.unkept, pt.unkeptVars)
		}
		checkBoundMatrices(t, s)
		checkBoundKept(t, s)
	})
}

// boundForm is a form of TestPatternsBound: the items named answered
// 满意, the others of 品质, 交货 and 价格 blank, and the overall answer.
func boundForm(overall string, items ...string) Form {
	a := map[string]string{"品质": "", "交货": "", "价格": ""}
	for _, it := range items {
		a[it] = "满意"
	}
	return Form{Answers: a, Overall: overall}
}

// checkBoundMatrices checks the matrices of TestPatternsBound's
// statistics s: listwise refused when forms of too few variables were
// not kept, exact when their patterns were; pairwise of every form.
func checkBoundMatrices(t *testing.T, s *Stats) {
	t.Helper()
	_, err := s.Matrix(csat.SourceSurvey, []string{"品质", "交货"}, Listwise)
	if !errors.Is(err, csat.ErrOverflow) || !strings.Contains(err.Error(), `the answer patterns of 3 forms of source "survey" were not kept (more than 2 patterns; those not kept have up to 2 variables, so listwise co-moments need more than 2); use form.Pairwise`) {
		t.Errorf("listwise of 2 variables: %v", err)
	}
	m, err := s.Matrix(csat.SourceSurvey, []string{Overall, "品质", "交货"}, Listwise)
	if err != nil || m.M[0][1].N != 2 || !m.M[0][1].SumXY.Equal(dec("160")) {
		t.Errorf("listwise of overall, 品质, 交货: %+v, %v", m.M[0][1], err)
	}
	m, err = s.Matrix(csat.SourceSurvey, []string{"价格", "交货", "品质"}, Listwise)
	if err != nil || m.M[0][0].N != 1 || !m.M[0][0].SumX.Equal(dec("8")) {
		t.Errorf("listwise of 价格, 交货, 品质: %+v, %v", m.M[0][0], err)
	}
	// Pairwise still counts every form: 品质 answered on all six.
	if p, err := s.Matrix(csat.SourceSurvey, []string{"品质"}, Pairwise); err != nil || p.M[0][0].N != 6 {
		t.Errorf("pairwise 品质: %+v, %v", p.M[0][0], err)
	}
}

// checkBoundKept checks that the bound of TestPatternsBound's
// statistics s survives the encodings and merging.
func checkBoundKept(t *testing.T, s *Stats) {
	t.Helper()
	// The bound survives the encodings.
	data, _ := s.MarshalJSON()
	if !strings.Contains(string(data), `"unkept":{"forms":3,"largest":2}`) {
		t.Errorf("JSON: %s", data)
	}
	var back Stats
	if err := back.UnmarshalJSON(data); err != nil || !back.Equal(s) {
		t.Errorf("round trip: %v", err)
	}
	// Merged with itself: twice the forms, the same patterns.
	c := s.Clone()
	if err := c.Merge(s); err != nil {
		t.Fatal(err)
	}
	if pc := c.parts[csat.SourceSurvey]; pc.unkept != 6 || pc.unkeptVars != 2 || pc.patterns["\x00交货\x00品质\x00"].n != 4 {
		t.Errorf("merged: %d forms not kept", pc.unkept)
	}
	// Merging a third pattern of 3 variables drops the last kept.
	u := mustNew(t)
	addAll(t, u, []Form{boundForm("很满意", "品质", "价格")})
	if err := c.Merge(u); err != nil {
		t.Fatal(err)
	}
	if pc := c.parts[csat.SourceSurvey]; pc.unkept != 8 || pc.unkeptVars != 3 || pc.patterns["\x00价格\x00品质\x00"] == nil || pc.patterns["交货\x00价格\x00品质\x00"] != nil {
		t.Errorf("merged a third pattern: %d forms not kept, of up to %d variables", pc.unkept, pc.unkeptVars)
	}
}

// TestPatternsEqualAndClone: statistics differing only in a pattern's
// forms or sums, or in the forms not kept, are not Equal; a clone's
// patterns are its own.
func TestPatternsEqualAndClone(t *testing.T) {
	s := mustNew(t)
	addAll(t, s, example())
	key := "\x00交货\x00价格\x00品质\x00"
	for name, change := range map[string]func(pt *part){
		"n":           func(pt *part) { pt.patterns[key].n++ },
		"sums":        func(pt *part) { pt.patterns[key].sums[0]++ },
		"high word":   func(pt *part) { pt.patterns[key].sums[len(pt.patterns[key].sums)-1]++ },
		"unkept":      func(pt *part) { pt.unkept++ },
		"unkept vars": func(pt *part) { pt.unkeptVars++ },
		"key":         func(pt *part) { p := pt.patterns[key]; delete(pt.patterns, key); pt.patterns["\x00"] = p },
		"one more": func(pt *part) {
			pt.patterns["\x00"] = &pattern{key: "\x00", vars: []string{""}, sums: make([]uint64, 4)}
		},
	} {
		c := s.Clone()
		change(c.parts[csat.SourceSurvey])
		if c.Equal(s) || s.Equal(c) {
			t.Errorf("%s: Equal", name)
		}
	}
	before, _ := s.MarshalJSON()
	c := s.Clone()
	addAll(t, c, example())
	if after, _ := s.MarshalJSON(); string(after) != string(before) {
		t.Error("adding to a clone changed the original")
	}
}

// TestListwiseWide: the sums of a scale whose points need several
// 64-bit words, carried across words: 2^64 + 3 units (points of
// exponent 0) on 3 forms.
func TestListwiseWide(t *testing.T) {
	sc, err := csat.NewScale("wide", dec("1e30"), []csat.Level{
		{Key: "top", Points: dec("18446744073709551619"), Satisfied: true}, // 2^64 + 3
		{Key: "low", Points: dec("18446744073709551615")},                  // 2^64 − 1
	})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := New(sc, nil)
	for range 3 {
		if err := s.Add(Form{Answers: map[string]string{"a": "top", "b": "low"}}); err != nil {
			t.Fatal(err)
		}
	}
	m, err := s.Matrix(csat.SourceSurvey, []string{"a", "b"}, Listwise)
	if err != nil {
		t.Fatal(err)
	}
	// python3: a, b = 2**64+3, 2**64-1; 3*a, 3*b, 3*a*a, 3*b*b, 3*a*b:
	want := Moments{N: 3, SumX: dec("55340232221128654857"), SumY: dec("55340232221128654845"),
		SumXX: dec("1020847100762815390722165215622076563483"), SumYY: dec("1020847100762815390279443357853047324675"),
		SumXY: dec("1020847100762815390500804286737561944055")}
	if !momentsEqual(m.M[0][1], want) {
		t.Errorf("M[0][1] = %+v, want %+v", m.M[0][1], want)
	}
}
