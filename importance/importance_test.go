package importance

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/internal/apitest"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

var zeroTypes = []any{Input{}, Set{}, Item{}, Subset{}, Stated{}, Correlation{}, Shapley{}, RelativeWeights{}}

var zeroFuncs = map[string]any{"Given": Given, "WithDeletion": WithDeletion}

func TestNilAndZeroValues(t *testing.T) { apitest.NilAndZero(t, zeroTypes, zeroFuncs) }

func TestNilAndZeroComplete(t *testing.T) {
	apitest.Complete(t, ".", zeroTypes, []string{"Method"}, zeroFuncs)
}

func TestDocComments(t *testing.T) { apitest.DocComments(t, ".") }

// formsOf counts forms given as rows of levels (0 = 很满意 … 4 = 很不满意,
// -1 blank) of items, the overall question last (-1: not answered).
func formsOf(t testing.TB, items []string, rows [][]int) *form.Stats {
	t.Helper()
	st, err := form.New(csat.FivePoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	keys := csat.FivePoint().Levels()
	for k, r := range rows {
		f := form.Form{ID: fmt.Sprint("F", k), Answers: map[string]string{}}
		for i, it := range items {
			if r[i] >= 0 {
				f.Answers[it] = keys[r[i]].Key
			} else {
				f.Answers[it] = ""
			}
		}
		if o := r[len(items)]; o >= 0 {
			f.Overall = keys[o].Key
		}
		if err := st.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// notPSD is a pairwise matrix of a, b and the overall question whose
// entries rest on different pairs of forms: variances ½, cov(a, b) = ½,
// cov(a, y) = ½, cov(b, y) = −½ — no covariance matrix.
func notPSD() form.Matrix {
	one, zero := decimal.NewFromInt(1), decimal.Zero
	self := form.Moments{N: 2, SumX: one, SumY: one, SumXX: one, SumYY: one, SumXY: one}
	pos := self
	neg := form.Moments{N: 2, SumX: one, SumY: one, SumXX: one, SumYY: one, SumXY: zero}
	return form.Matrix{Vars: []string{"a", "b", form.Overall}, Deletion: form.Pairwise, M: [][]form.Moments{
		{self, pos, pos},
		{pos, self, neg},
		{pos, neg, self},
	}}
}

func TestErrors(t *testing.T) {
	items := []string{"a", "b", "c"}
	withOverall := formsOf(t, items, [][]int{{0, 1, 2, 0}, {1, 1, 3, 1}, {2, 0, 4, 3}, {4, 3, 2, 4}})
	noOverall := formsOf(t, items, [][]int{{0, 1, 2, -1}, {1, 1, 3, -1}, {2, 0, 4, -1}})
	flat := formsOf(t, items, [][]int{{0, 1, 2, 1}, {1, 1, 3, 1}, {2, 0, 4, 1}})
	one := formsOf(t, items, [][]int{{0, 1, 2, 1}})
	empty, _ := form.New(csat.FivePoint(), nil)
	many, manyStats := tooManyItems(t)
	bad := notPSD()
	ragged := notPSD()
	ragged.M[1] = ragged.M[1][:2]
	mirror := notPSD()
	mirror.M[0][1].SumXY = decimal.NewFromInt(7)
	mixed := notPSD()
	mixed.Deletion = form.Listwise
	mixed.M[0][0].N, mixed.M[1][1].N = 3, 3
	dup := notPSD()
	dup.Vars[1] = "a"
	pw := form.Pairwise
	tests := []struct {
		name   string
		method Method
		in     Input
		want   error
		text   string
	}{
		{"nil stats", Shapley{}, Input{}, csat.ErrInvalid, "nil Stats"},
		{"nil stats stated", Stated{}, Input{}, csat.ErrInvalid, "nil Stats"},
		{"nil stats correlation", Correlation{}, Input{}, csat.ErrInvalid, "nil Stats"},
		{"nil stats weights", RelativeWeights{}, Input{}, csat.ErrInvalid, "nil Stats"},
		{"empty stats", Shapley{}, Input{Stats: empty, Deletion: pw}, csat.ErrEmpty, `no forms of source "survey"`},
		{"empty stats stated", Stated{}, Input{Stats: empty}, csat.ErrEmpty, "no forms"},
		{"other source", Correlation{}, Input{Stats: withOverall, Source: "self", Deletion: pw}, csat.ErrEmpty, `"self"`},
		{"no overall", Shapley{}, Input{Stats: noOverall, Deletion: pw}, csat.ErrMissing, "item–rest"},
		{"no overall weights", RelativeWeights{}, Input{Stats: noOverall, Deletion: pw}, csat.ErrMissing, "overall question"},
		{"no overall matrix", Shapley{}, Input{Matrix: &form.Matrix{Vars: []string{"a"}, M: [][]form.Moments{{{}}}}}, csat.ErrMissing, "overall"},
		{"too many items", Shapley{}, Input{Stats: manyStats, Deletion: pw}, csat.ErrInvalid, "MaxShapleyItems (12): the exact decomposition solves 2^p regressions"},
		{"too many items asked", Shapley{}, Input{Stats: manyStats, Items: many, Deletion: pw}, csat.ErrInvalid, "use RelativeWeights"},
		{"unknown item", Shapley{}, Input{Stats: withOverall, Items: []string{"a", "z"}, Deletion: pw}, csat.ErrUnknownItem, `"z"`},
		{"unknown item correlation", Correlation{}, Input{Stats: withOverall, Items: []string{"z"}, Deletion: pw}, csat.ErrUnknownItem, `"z"`},
		{"unknown item matrix", Shapley{}, Input{Matrix: &bad, Items: []string{"z"}}, csat.ErrUnknownItem, `"z" is not in the matrix`},
		{"empty item", Shapley{}, Input{Stats: withOverall, Items: []string{""}, Deletion: pw}, csat.ErrInvalid, "empty item name"},
		{"item twice", RelativeWeights{}, Input{Stats: withOverall, Items: []string{"a", "a"}, Deletion: pw}, csat.ErrInvalid, `"a" twice`},
		{"no item", Shapley{}, Input{Stats: withOverall, Items: []string{}, Deletion: pw}, csat.ErrEmpty, "no item"},
		{"overall flat", Shapley{}, Input{Stats: flat, Deletion: pw}, csat.ErrInvalid, "no variance"},
		{"overall flat correlation", Correlation{}, Input{Stats: flat, Deletion: pw}, csat.ErrInvalid, "no variance"},
		{"overall flat weights", RelativeWeights{}, Input{Stats: flat, Deletion: pw}, csat.ErrInvalid, "no variance"},
		{"one form", Shapley{}, Input{Stats: one, Deletion: pw}, csat.ErrTooFew, "1 forms answered"},
		{"not psd", Shapley{}, Input{Matrix: &bad}, csat.ErrInvalid, "not positive semi-definite, so R² would lie outside [0, 1]: under pairwise deletion its entries rest on different forms; use listwise deletion"},
		{"not psd weights", RelativeWeights{}, Input{Matrix: &bad}, csat.ErrInvalid, "not positive semi-definite"},
		{"ragged matrix", Shapley{}, Input{Matrix: &ragged}, csat.ErrInvalid, `row "b" has 2 entries for 3 variables`},
		{"mirror matrix", Shapley{}, Input{Matrix: &mirror}, csat.ErrInvalid, "do not mirror"},
		{"mixed listwise", Correlation{}, Input{Matrix: &mixed}, csat.ErrInvalid, "different numbers of forms"},
		{"duplicate variable", Correlation{}, Input{Matrix: &dup}, csat.ErrInvalid, `"a" twice`},
		{"empty matrix", Correlation{}, Input{Matrix: &form.Matrix{}}, csat.ErrEmpty, "no variables"},
		{"one item no overall", Correlation{}, Input{Stats: noOverall, Items: []string{"a"}, Deletion: pw}, csat.ErrInvalid, "at least two items"},
		{"no stated importance", Stated{}, Input{Stats: withOverall}, csat.ErrMissing, `no stated importance (重要度) of "a", "b", "c"`},
		{"given no name", Given("", map[string]decimal.Decimal{"a": decimal.NewFromInt(1)}), Input{}, csat.ErrInvalid, "empty method name"},
		{"given built-in name", Given("shapley", map[string]decimal.Decimal{"a": decimal.NewFromInt(1)}), Input{}, csat.ErrInvalid, "built-in"},
		{"given no values", Given("rf", nil), Input{}, csat.ErrEmpty, "no values"},
		{"given missing", Given("rf", map[string]decimal.Decimal{"a": decimal.NewFromInt(1)}), Input{Items: []string{"a", "b", "c"}}, csat.ErrMissing, `no value for "b", "c"`},
		{"given huge", Given("rf", map[string]decimal.Decimal{"a": decimal.New(1, 1000)}), Input{}, csat.ErrOutOfRange, "limits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.method.Importance(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.text) {
				t.Errorf("error %q does not say %q", err, tt.text)
			}
			if strings.Count(err.Error(), "csat: ") != 1 {
				t.Errorf("error %q: prefix not once", err)
			}
		})
	}
}

// tooManyItems returns MaxShapleyItems + 1 items and statistics of two
// forms answering them all.
func tooManyItems(t *testing.T) ([]string, *form.Stats) {
	t.Helper()
	var many []string
	var row []int
	for i := range MaxShapleyItems + 1 {
		many = append(many, itemName(i))
		row = append(row, i%5)
	}
	return many, formsOf(t, many, [][]int{append(append([]int(nil), row...), 0), append(append([]int(nil), row[1:]...), 2, 3)})
}

// A constant item explains nothing (share, weight and r all 0, the r
// explained); identical items share equally, whatever their names.
func TestConstantAndIdenticalItems(t *testing.T) {
	items := []string{"const", "twin1", "twin2", "x"}
	rows := [][]int{{2, 0, 0, 1, 0}, {2, 1, 1, 3, 1}, {2, 3, 3, 0, 2}, {2, 4, 4, 4, 4}, {2, 2, 2, 2, 3}, {2, 0, 0, 3, 1}}
	in := Input{Stats: formsOf(t, items, rows), Deletion: form.Pairwise}
	sh, err := Shapley{}.Importance(in)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := sh.Item("const")
	if c.Value.Rat().Sign() != 0 || c.Rank != 4 {
		t.Errorf("constant item: share %s, rank %d", c.Value.Value(), c.Rank)
	}
	a, _ := sh.Item("twin1")
	b, _ := sh.Item("twin2")
	if a.Value.Cmp(b.Value) != 0 || a.Rank != b.Rank || a.Rank != 1 && a.Rank != 2 {
		t.Errorf("twins: %s rank %d, %s rank %d", a.Value.Value(), a.Rank, b.Value.Value(), b.Rank)
	}
	// The twins tie, so the item after them is ranked 3 (1, 1, 3).
	ranks := []int{sh.Items[0].Rank, sh.Items[1].Rank, sh.Items[2].Rank, sh.Items[3].Rank}
	if want := []int{1, 1, 3, 4}; !cmp.Equal(ranks, want) && !cmp.Equal(ranks, []int{1, 2, 3, 3}) {
		t.Errorf("ranks %v", ranks)
	}
	rw, err := RelativeWeights{}.Importance(in)
	if err != nil {
		t.Fatal(err)
	}
	c, _ = rw.Item("const")
	a, _ = rw.Item("twin1")
	b, _ = rw.Item("twin2")
	if !c.Value.Value().IsZero() || !a.Value.Value().Equal(b.Value.Value()) {
		t.Errorf("weights: const %s, twins %s %s", c.Value.Value(), a.Value.Value(), b.Value.Value())
	}
	r, err := Correlation{}.Importance(in)
	if err != nil {
		t.Fatal(err)
	}
	c, _ = r.Item("const")
	if !c.Value.Value().IsZero() || !strings.Contains(c.Value.Explain(), "no variance") {
		t.Errorf("constant item: %s", c.Value.Explain())
	}
}

// The same forms give the same set bit for bit whatever the order of the
// forms and of Input.Items; a set survives JSON.
func TestDeterministicAndJSON(t *testing.T) {
	items := []string{"b", "a", "c"}
	rows := [][]int{{0, 1, 2, 0}, {1, 1, 3, 1}, {2, 0, 4, 3}, {4, 3, 2, 4}, {3, 3, 1, 2}, {1, 2, 2, 1}}
	rev := make([][]int, len(rows))
	for i, r := range rows {
		rev[len(rows)-1-i] = r
	}
	for _, m := range []Method{Shapley{}, RelativeWeights{}, Correlation{}} {
		one, err := m.Importance(Input{Stats: formsOf(t, items, rows), Deletion: form.Pairwise})
		if err != nil {
			t.Fatal(err)
		}
		two, err := m.Importance(Input{Stats: formsOf(t, items, rev), Items: []string{"c", "b", "a"}, Deletion: form.Pairwise})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(one, two); diff != "" {
			t.Errorf("%s: order matters (-forms in order +reversed):\n%s", one.Method, diff)
		}
		data, err := json.Marshal(one)
		if err != nil {
			t.Fatal(err)
		}
		var back Set
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(one, back); diff != "" {
			t.Errorf("%s: JSON round trip (-before +after):\n%s", one.Method, diff)
		}
		if one.Explain() != back.Explain() {
			t.Errorf("%s: explanation changed by JSON", one.Method)
		}
	}
}

// Stated importance on the doc.go example (example_test.go's survey):
// means and t intervals mean ± t(0.975, 9)·s/√10 against mpmath at 50
// digits (t by findroot of betainc(9/2, 1/2, 0, 9/(9 + t²))/2 = 0.025:
// 2.26215716279820554260776963794…; scipy's t.ppf gives
// 2.2621571627409915, off by 6e-11):
//
//	品质 4.7 [4.354449785586356064541244, 5.0455… → 5]
//	交货 4.5 [4.122973806200299076232038, 4.877026193799700923767962]
//	价格 3   [2.523095396019556734171653, 3.476904603980443265828347]
func TestStated(t *testing.T) {
	st := statedExample(t)
	set, err := Stated{}.Importance(Input{Stats: st})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ item, mean, lo, hi string }{
		{"品质", "4.7", "4.35444978558635606454", "5"},
		{"交货", "4.5", "4.12297380620029907623", "4.87702619379970092377"},
		{"价格", "3", "2.52309539601955673417", "3.47690460398044326583"},
	}
	if set.Forms != 10 || set.Method != "stated" || set.Target != "" {
		t.Errorf("forms %d, method %q, target %q", set.Forms, set.Method, set.Target)
	}
	for i, w := range want {
		it := set.Items[i]
		if it.Item != w.item || it.Rank != i+1 || it.Value.Value().String() != w.mean || !it.Value.Exact() {
			t.Errorf("%d: %s %s rank %d, want %s %s", i, it.Item, it.Value.Value(), it.Rank, w.item, w.mean)
		}
		if it.Interval == nil || it.Interval.Low.String() != w.lo || it.Interval.High.String() != w.hi {
			t.Errorf("%s: interval %s %s, want [%s, %s]", it.Item, it.Interval.Low, it.Interval.High, w.lo, w.hi)
		}
	}
	data, err := json.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	var back Set
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(set, back); diff != "" {
		t.Errorf("JSON round trip (-before +after):\n%s", diff)
	}
	// a z of 1.96 gives the level 2Φ(1.96) − 1 ≈ 95.0004%
	z, err := Stated{}.Importance(Input{Stats: st, Confidence: csat.Confidence{Z: decimal.RequireFromString("1.96")}})
	if err != nil {
		t.Fatal(err)
	}
	if got := z.Items[0].Interval.Level.Round(6).String(); got != "0.950004" {
		t.Errorf("level from z 1.96: %s", got)
	}
	if _, err := (Stated{}).Importance(Input{Stats: st, Confidence: csat.Confidence{Level: decimal.NewFromInt(2)}}); !errors.Is(err, csat.ErrOutOfRange) {
		t.Errorf("level 2: %v", err)
	}
	// one stated importance: a mean without interval
	one, _ := form.New(csat.FivePoint(), nil)
	_ = one.Add(form.Form{Answers: map[string]string{"q": "满意"}, Importance: map[string]string{"q": "重要"}})
	s1, err := Stated{}.Importance(Input{Stats: one})
	if err != nil || s1.Items[0].Interval != nil || s1.Items[0].Value.Value().String() != "4" {
		t.Errorf("one rating: %+v, %v", s1, err)
	}
}

// statedExample returns the statistics of TestStated's survey: ten
// forms rating 品质, 交货 and 价格 满意 with their stated importance, and
// one more rating only 品质, without importance.
func statedExample(t *testing.T) *form.Stats {
	t.Helper()
	items := []string{"品质", "交货", "价格"}
	imp := [][3]string{{"5", "5", "4"}, {"4", "4", "3"}, {"5", "5", "3"}, {"5", "4", "3"}, {"4", "5", "3"},
		{"5", "4", "2"}, {"5", "5", "4"}, {"4", "4", "3"}, {"5", "5", "3"}, {"5", "4", "2"}}
	st, err := form.New(csat.FivePoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	name := map[string]string{"5": "很重要", "4": "重要", "3": "一般", "2": "不太重要"}
	for i, r := range imp {
		f := form.Form{ID: fmt.Sprint(i), Answers: map[string]string{}, Importance: map[string]string{}}
		for k, it := range items {
			f.Answers[it] = "满意"
			f.Importance[it] = name[r[k]]
		}
		if err := st.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	// one more form rating only 品质, without importance: Forms stays 10
	if err := st.Add(form.Form{ID: "x", Answers: map[string]string{"品质": "满意"}}); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestGiven(t *testing.T) {
	values := map[string]decimal.Decimal{"a": decimal.RequireFromString("0.2"), "b": decimal.RequireFromString("0.5"), "c": decimal.RequireFromString("0.2")}
	m := Given("rf", values)
	values["a"] = decimal.NewFromInt(9) // copied: no effect
	set, err := m.Importance(Input{Source: "self"})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, it := range set.Items {
		got = append(got, fmt.Sprint(it.Rank, it.Item, it.Value.Value()))
	}
	if want := []string{"1b0.5", "2a0.2", "2c0.2"}; !cmp.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if set.Method != "rf" || set.Source != "self" || set.Forms != 0 {
		t.Errorf("set %+v", set)
	}
	sub, err := m.Importance(Input{Items: []string{"c"}})
	if err != nil || len(sub.Items) != 1 || sub.Items[0].Rank != 1 || sub.Source != csat.SourceSurvey {
		t.Errorf("subset: %+v %v", sub, err)
	}
}

// The explanation says which method, which forms and which subsets.
func TestExplain(t *testing.T) {
	h, rows := readCSV(t, "attitude.csv")
	m := matrixOf(h, rows, "rating", "complaints", "privileges", "learning")
	set, err := Shapley{}.Importance(Input{Matrix: &m})
	if err != nil {
		t.Fatal(err)
	}
	e := set.Explain()
	for _, want := range []string{
		"shapley importance of 3 items", "against the overall question", "over 30 complete forms (listwise deletion)",
		"R² of the 8 subsets", "R²{complaints, learning} = ≈70.8%", "1. complaints: Shapley share of R² of complaints = ",
	} {
		if !strings.Contains(e, want) {
			t.Errorf("explanation lacks %q:\n%s", want, e)
		}
	}
	if got := strings.Count(e, "\n"); got != 1+1+3+1+8 {
		t.Errorf("%d lines:\n%s", got, e)
	}
	// beyond 7 items, a share gives the mean gains by size only
	s := benchSurvey(8, 40)
	mm := s.matrix()
	big, err := Shapley{}.Importance(Input{Matrix: &mm})
	if err != nil {
		t.Fatal(err)
	}
	f := big.Items[0].Value.Formula()
	if !strings.Contains(f, "(the R² of every subset in Set.Subsets)") || strings.Contains(f, "}: ") || len(big.Subsets) != 256 {
		t.Errorf("8 items: %s", f)
	}
}

// Set.Item finds an item; the R² of the full model is the last subset's.
func TestSetItem(t *testing.T) {
	if _, ok := (Set{}).Item("x"); ok {
		t.Error("found an item in an empty set")
	}
	h, rows := readCSV(t, "attitude.csv")
	m := matrixOf(h, rows, "rating", "complaints", "learning")
	set, err := Shapley{}.Importance(Input{Matrix: &m})
	if err != nil {
		t.Fatal(err)
	}
	last := set.Subsets[len(set.Subsets)-1]
	if last.R2.Cmp(*set.R2) != 0 || len(last.Items) != 2 || len(set.Subsets[0].Items) != 0 || set.Subsets[0].R2.Rat().Sign() != 0 {
		t.Errorf("subsets %+v", set.Subsets)
	}
	sum := new(big.Rat)
	for _, it := range set.Items {
		sum.Add(sum, it.Value.Rat())
	}
	if sum.Cmp(set.R2.Rat()) != 0 {
		t.Error("shares do not sum to R²")
	}
}
