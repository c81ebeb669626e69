package csi

// Hostile input: every validation error of models, options and data is a
// named error wrapping the right csat sentinel, never a panic or a silent
// number.

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/shopspring/decimal"
)

// wantErr fails unless err wraps sentinel and its text holds every part.
func wantErr(t *testing.T, what string, err, sentinel error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error, want %v", what, sentinel)
		return
	}
	if !errors.Is(err, sentinel) {
		t.Errorf("%s: %v does not wrap %v", what, err, sentinel)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("%s: %q does not say %q", what, err, p)
		}
	}
}

// one returns a construct with the indicators given.
func one(name string, inds ...string) Construct { return Construct{Name: name, Indicators: inds} }

// chain returns n constructs C0…C(n−1) of one indicator each (x0…) on
// the paths C0 → C1 → … .
func chain(n int) ([]Construct, []Path) {
	var cons []Construct
	var paths []Path
	for i := range n {
		cons = append(cons, one("C"+strconv.Itoa(i), "x"+strconv.Itoa(i)))
		if i > 0 {
			paths = append(paths, Path{From: "C" + strconv.Itoa(i-1), To: "C" + strconv.Itoa(i)})
		}
	}
	return cons, paths
}

// TestHostileNewModel: every check of NewModel, each with an error that
// wraps csat.ErrInvalid (not csat.ErrSyntax) and names the culprit.
func TestHostileNewModel(t *testing.T) {
	ab := []Construct{one("A", "a1", "a2"), one("B", "b1")}
	abc := append(slices.Clone(ab), one("C", "c1"))
	big, bigPaths := chain(MaxConstructs + 1)
	wide := []Construct{one("A", "a0"), one("B")}
	for i := 1; i < MaxIndicators; i++ {
		wide[1].Indicators = append(wide[1].Indicators, "b"+strconv.Itoa(i))
	}
	wide[1].Indicators = append(wide[1].Indicators, "b-last") // the 513th
	for _, c := range []struct {
		name  string
		cons  []Construct
		paths []Path
		parts []string
	}{
		{"no construct", nil, nil, []string{"no construct"}},
		{"empty constructs", []Construct{}, []Path{{"A", "B"}}, []string{"no construct"}},
		{"unnamed construct", []Construct{one("A", "a"), one("", "b")}, []Path{{"A", ""}}, []string{`construct name ""`}},
		{"blank construct name", []Construct{one("A", "a"), one(" \t", "b")}, []Path{{"A", " \t"}}, []string{`construct name " \t"`}},
		{"construct name not UTF-8", []Construct{one("A", "a"), one("B\xff", "b")}, []Path{{"A", "B\xff"}}, []string{`construct name "B\xff"`, "not UTF-8"}},
		{"construct twice", []Construct{one("A", "a"), one("B", "b"), one("A", "c")}, []Path{{"A", "B"}}, []string{`construct "A" defined twice`}},
		{"no indicator", []Construct{one("A", "a"), one("B")}, []Path{{"A", "B"}}, []string{`construct "B" has no indicator`}},
		{"empty indicator list", []Construct{one("A", "a"), {Name: "B", Indicators: []string{}}}, []Path{{"A", "B"}}, []string{`construct "B" has no indicator`}},
		{"unnamed indicator", []Construct{one("A", "a"), one("B", "b", "")}, []Path{{"A", "B"}}, []string{`construct "B": indicator name ""`}},
		{"indicator not UTF-8", []Construct{one("A", "a"), one("B", "\xfe")}, []Path{{"A", "B"}}, []string{`construct "B": indicator name "\xfe"`}},
		{"indicator in two constructs", []Construct{one("A", "a", "x"), one("B", "b", "x")}, []Path{{"A", "B"}}, []string{`indicator "x" measures both "A" and "B"`}},
		{"indicator twice in a construct", []Construct{one("A", "a", "a"), one("B", "b")}, []Path{{"A", "B"}}, []string{`indicator "a" measures both "A" and "A"`}},
		{"path from unknown", ab, []Path{{"A", "B"}, {"Z", "B"}}, []string{`path "Z" → "B": no construct "Z"`}},
		{"path to unknown", ab, []Path{{"A", "B"}, {"A", "Z"}}, []string{`path "A" → "Z": no construct "Z"`}},
		{"self path", ab, []Path{{"A", "B"}, {"B", "B"}}, []string{`path from "B" to itself`}},
		{"duplicate path", ab, []Path{{"A", "B"}, {"A", "B"}}, []string{`path "A" → "B" given twice`}},
		{"two-cycle", ab, []Path{{"A", "B"}, {"B", "A"}}, []string{`paths "B" → "A" and back: a cycle`}},
		{"three-cycle", abc, []Path{{"A", "B"}, {"B", "C"}, {"C", "A"}}, []string{"a cycle through"}},
		{"cycle after a tail", append(slices.Clone(abc), one("D", "d1")), []Path{{"A", "B"}, {"B", "C"}, {"C", "D"}, {"D", "B"}}, []string{"a cycle through"}},
		{"construct on no path", abc, []Path{{"A", "B"}}, []string{`construct "C" is on no path`}},
		{"no path at all", ab, nil, []string{`construct "A" is on no path`}},
		{"one construct", []Construct{one("A", "a")}, nil, []string{`construct "A" is on no path`}},
		{"too many constructs", big, bigPaths, []string{fmt.Sprintf("%d constructs, more than %d", MaxConstructs+1, MaxConstructs)}},
		{"too many indicators", wide, []Path{{"A", "B"}}, []string{fmt.Sprintf("more than %d indicators", MaxIndicators)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, err := NewModel(c.cons, c.paths)
			if m != nil {
				t.Errorf("a model returned with the error")
			}
			wantErr(t, "NewModel", err, csat.ErrInvalid, append([]string{"model: "}, c.parts...)...)
			if errors.Is(err, csat.ErrSyntax) {
				t.Errorf("%v wraps csat.ErrSyntax", err)
			}
		})
	}
}

// TestHostileNewModelLimits: the limits themselves are allowed.
func TestHostileNewModelLimits(t *testing.T) {
	cons, paths := chain(MaxConstructs)
	if _, err := NewModel(cons, paths); err != nil {
		t.Errorf("%d constructs: %v", MaxConstructs, err)
	}
	wide := []Construct{one("A", "a0"), one("B")}
	for i := 1; i < MaxIndicators; i++ {
		wide[1].Indicators = append(wide[1].Indicators, "b"+strconv.Itoa(i))
	}
	m, err := NewModel(wide, []Path{{"A", "B"}})
	if err != nil {
		t.Fatalf("%d indicators: %v", MaxIndicators, err)
	}
	if n := len(m.Indicators()); n != MaxIndicators {
		t.Errorf("%d indicators, want %d", n, MaxIndicators)
	}
}

// TestHostileParseModelSyntax: text that is not the syntax is an error
// wrapping csat.ErrSyntax that gives the line; JSON that does not decode
// is one too.
func TestHostileParseModelSyntax(t *testing.T) {
	for _, c := range []struct {
		name, text string
		parts      []string
	}{
		{"no operator", "A =~ a\nB =~ b\nA and B\n", []string{"line 3", `want "C =~ a + b" or "C ~ A + B"`}},
		{"no operator after comments", "# model\n\nA =~ a\n  # more\nB =~ b\nB <- A\n", []string{"line 6"}},
		{"empty construct name", "A =~ a\n =~ b\n", []string{"line 2", `"" is not one name`}},
		{"two-word construct", "Customer satisfaction =~ a\n", []string{"line 1", `"Customer satisfaction" is not one name`}},
		{"empty term", "A =~ a + + b\n", []string{"line 1", `"" is not one name`}},
		{"trailing plus", "A =~ a\nB =~ b\nB ~ A +\n", []string{"line 3", `"" is not one name`}},
		{"no term", "A =~ a\nB =~ b\nB ~\n", []string{"line 3", `"" is not one name`}},
		{"two-word term", "A =~ a b\n", []string{"line 1", `"a b" is not one name`}},
		{"tilde in causes", "A =~ a\nB =~ b\nB ~ A ~ C\n", []string{"line 3", `"A ~ C" is not one name`}},
		{"measure twice", "A =~ a\nB =~ b =~ c\n", []string{"line 2", `"b =~ c" is not one name`}},
		{"crlf line count", "A =~ a\r\nB =~ b\r\n\r\nB ~~ A\r\n", []string{"line 4"}},
		{"not UTF-8", "A =~ a\nB =~ b\xff\nB ~ A\n", []string{"not UTF-8"}},
		{"line too long", "A =~ a\nB =~ b\nB ~ A\n#" + strings.Repeat("x", 1<<20), []string{"too long"}},
		{"JSON unknown field", `{"constructs":[{"name":"A","indicators":["a"]},{"name":"B","indicators":["b"]}],"paths":[{"from":"A","to":"B"}],"weights":[]}`, []string{"key weights: unknown field"}},
		{"JSON unknown nested field", `{"constructs":[{"name":"A","indicators":["a"],"mode":"B"},{"name":"B","indicators":["b"]}],"paths":[{"from":"A","to":"B"}]}`, []string{"key constructs[0].mode: unknown field"}},
		{"JSON truncated", `{"constructs":[{"name":"A","indicators":["a"]}`, nil},
		{"JSON wrong type", `{"constructs":{"name":"A"}}`, nil},
		{"JSON number name", `{"constructs":[{"name":1,"indicators":["a"]}]}`, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, err := ParseModel([]byte(c.text))
			if m != nil {
				t.Errorf("a model returned with the error")
			}
			prefix := "model: "
			if strings.HasPrefix(c.text, "{") {
				prefix = "model JSON: " // strictjson's wording
			}
			wantErr(t, "ParseModel", err, csat.ErrSyntax, append([]string{prefix}, c.parts...)...)
			if errors.Is(err, csat.ErrInvalid) {
				t.Errorf("%v wraps csat.ErrInvalid", err)
			}
		})
	}
}

// TestHostileParseModelInvalid: text or JSON of the right syntax but an
// invalid model gives NewModel's error, csat.ErrInvalid.
func TestHostileParseModelInvalid(t *testing.T) {
	for _, c := range []struct{ name, text, part string }{
		{"empty", "", "no construct"},
		{"only comments", "# nothing\n\n   # here\n", "no construct"},
		{"no path", "A =~ a\nB =~ b\n", `construct "A" is on no path`},
		{"measured twice", "A =~ a\nB =~ b\nA =~ c\nB ~ A\n", `construct "A" defined twice`},
		{"path to unmeasured", "A =~ a\nB =~ b\nB ~ A\nC ~ B\n", `no construct "C"`},
		{"cycle", "A =~ a\nB =~ b\nB ~ A\nA ~ B\n", "a cycle"},
		{"shared indicator", "A =~ a + x\nB =~ b + x\nB ~ A\n", `indicator "x" measures both "A" and "B"`},
		{"JSON null constructs", `{"constructs":null}`, "no construct"},
		{"JSON self path", `{"constructs":[{"name":"A","indicators":["a"]},{"name":"B","indicators":["b"]}],"paths":[{"from":"A","to":"B"},{"from":"A","to":"A"}]}`, `path from "A" to itself`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseModel([]byte(c.text))
			wantErr(t, "ParseModel", err, csat.ErrInvalid, c.part)
			if errors.Is(err, csat.ErrSyntax) {
				t.Errorf("%v wraps csat.ErrSyntax", err)
			}
		})
	}
}

// TestHostileParseModelTrailingJSON: a JSON model followed by anything is
// an error (it was accepted: json.Decoder.Decode reads the first value
// only; now strictjson).
func TestHostileParseModelTrailingJSON(t *testing.T) {
	const ok = `{"constructs":[{"name":"A","indicators":["a"]},{"name":"B","indicators":["b"]}],"paths":[{"from":"A","to":"B"}]}`
	for _, tail := range []string{" trailing garbage", `{"constructs":null}`, "]"} {
		m, err := ParseModel([]byte(ok + tail))
		if err == nil && m != nil {
			t.Errorf("ParseModel(%q) returns a model, ignoring %q", ok+tail, tail)
		}
		wantErr(t, "trailing "+tail, err, csat.ErrSyntax)
	}
}

// twoModel is the model A(a1, a2) → B(b1).
func twoModel(t *testing.T) *Model {
	t.Helper()
	m, err := NewModel([]Construct{one("A", "a1", "a2"), one("B", "b1")}, []Path{{"A", "B"}})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// twoRows are ten forms of A(a1, a2) → B(b1) that estimate.
var twoRows = [][]int{{1, 2, 1}, {2, 2, 2}, {3, 3, 3}, {4, 3, 4}, {5, 5, 4}, {2, 1, 2}, {3, 4, 3}, {4, 4, 5}, {5, 4, 5}, {1, 1, 2}}

var twoNames = []string{"a1", "a2", "b1"}

// bothWays estimates on form.Stats and on Data, failing unless both fail
// with an error wrapping sentinel and naming every part.
func bothWays(t *testing.T, what string, m *Model, sc *csat.Scale, forms []form.Form, o *Options, sentinel error, parts ...string) {
	t.Helper()
	e, err := Estimate(m, statsOf(t, sc, forms), o)
	if e != nil {
		t.Errorf("%s: estimates returned with the error", what)
	}
	wantErr(t, what+" (form.Stats)", err, sentinel, parts...)
	e, err = data(t, m, sc, forms).Estimate(o)
	if e != nil {
		t.Errorf("%s: Data: estimates returned with the error", what)
	}
	wantErr(t, what+" (Data)", err, sentinel, parts...)
}

func TestHostileEstimateData(t *testing.T) {
	sc := pointScale(t, 5)
	m := twoModel(t)
	forms := levelForms(twoNames, twoRows)
	if _, err := Estimate(m, statsOf(t, sc, forms), nil); err != nil {
		t.Fatalf("the base data do not estimate: %v", err)
	}
	t.Run("indicator no item", func(t *testing.T) {
		_, err := Estimate(ECSI(), statsOf(t, sc, forms), nil)
		wantErr(t, "ECSI on other forms", err, csat.ErrUnknownItem, "IMAG1")
		// Data takes an indicator not on a form as a blank.
		_, err = data(t, ECSI(), sc, forms).Estimate(nil)
		wantErr(t, "ECSI's Data of other forms", err, csat.ErrEmpty, `no form answered "IMAG1"`)
	})
	t.Run("zero variance", func(t *testing.T) {
		rows := slices.Clone(twoRows)
		for r := range rows {
			rows[r] = []int{rows[r][0], 3, rows[r][2]}
		}
		bothWays(t, "a2 constant", m, sc, levelForms(twoNames, rows), nil, ErrZeroVariance, `indicator "a2"`, "every answer is the same")
		bothWays(t, "a2 constant", m, sc, levelForms(twoNames, rows), nil, csat.ErrTooFew)
		// constant on the forms used: a2 varies only on a form deleted casewise
		rows = append(rows, []int{0, 5, 3})
		bothWays(t, "a2 constant on complete forms", m, sc, levelForms(twoNames, rows), &Options{Missing: Casewise}, ErrZeroVariance, `indicator "a2"`)
	})
	t.Run("collinear causes", func(t *testing.T) {
		// B measured exactly as A: B's score is A's, and C's regression on
		// both is singular under every scheme, with or without A → B.
		mm := []*Model{}
		for _, paths := range [][]Path{{{"A", "B"}, {"A", "C"}, {"B", "C"}}, {{"A", "C"}, {"B", "C"}}} {
			x, err := NewModel([]Construct{one("A", "a1", "a2"), one("B", "x1", "x2"), one("C", "c1")}, paths)
			if err != nil {
				t.Fatal(err)
			}
			mm = append(mm, x)
		}
		var rows [][]int
		for _, r := range twoRows {
			rows = append(rows, []int{r[0], r[1], r[0], r[1], r[2]})
		}
		fs := levelForms([]string{"a1", "a2", "x1", "x2", "c1"}, rows)
		for _, x := range mm {
			for _, s := range []Scheme{PathWeighting, Centroid, Factorial} {
				bothWays(t, fmt.Sprint(x.Paths(), s), x, sc, fs, &Options{Scheme: s}, ErrSingular, `the causes of "C" are collinear`)
			}
		}
	})
	t.Run("no complete form", func(t *testing.T) {
		rows := slices.Clone(twoRows)
		for r := range rows {
			rows[r] = slices.Clone(rows[r])
			rows[r][r%3] = 0
		}
		bothWays(t, "casewise", m, sc, levelForms(twoNames, rows), &Options{Missing: Casewise}, csat.ErrEmpty)
		if _, err := Estimate(m, statsOf(t, sc, levelForms(twoNames, rows)), nil); err != nil {
			t.Errorf("mean replacement of the same forms: %v", err)
		}
	})
	t.Run("indicator never answered", func(t *testing.T) {
		rows := slices.Clone(twoRows)
		for r := range rows {
			rows[r] = []int{rows[r][0], rows[r][1], 0}
		}
		bothWays(t, "b1 blank", m, sc, levelForms(twoNames, rows), nil, csat.ErrEmpty, `no form answered "b1"`)
	})
	t.Run("too few forms", func(t *testing.T) {
		// (no form at all: TestHostileNoFormsSentinel)
		bothWays(t, "1 form", m, sc, forms[:1], nil, csat.ErrTooFew, "1 forms used, at least 3")
		bothWays(t, "2 forms", m, sc, forms[:2], nil, csat.ErrTooFew, "2 forms used, at least 3")
		rows := slices.Clone(twoRows)
		for r := 2; r < len(rows); r++ {
			rows[r] = []int{rows[r][0], 0, rows[r][2]}
		}
		bothWays(t, "2 complete forms", m, sc, levelForms(twoNames, rows), &Options{Missing: Casewise}, csat.ErrTooFew, "2 forms used")
	})
}

// TestHostileNoConvergence: an iteration stopped short is
// ErrNoConvergence (which wraps csat.ErrInvalid), one more iteration is
// not.
func TestHostileNoConvergence(t *testing.T) {
	st := statsOf(t, tenPoint(t), mobiForms(t))
	_, err := Estimate(ECSI(), st, &Options{MaxIterations: 1})
	wantErr(t, "1 iteration", err, ErrNoConvergence, "after 1 iterations")
	wantErr(t, "1 iteration", err, csat.ErrInvalid)
	e, err := Estimate(ECSI(), st, &Options{MaxIterations: 100000})
	if err != nil || e.Iterations < 2 {
		t.Fatalf("100000 iterations at most: %v", err)
	}
	_, err = Estimate(ECSI(), st, &Options{MaxIterations: e.Iterations - 1})
	wantErr(t, "one iteration short", err, ErrNoConvergence)
	if _, err = Estimate(ECSI(), st, &Options{MaxIterations: e.Iterations}); err != nil {
		t.Errorf("%d iterations: %v", e.Iterations, err)
	}
}

// TestHostileNoFormsSentinel: no form of the source is csat.ErrEmpty, on
// form.Stats as in Data (it was form.Stats.Moments's csat.ErrUnknownItem).
func TestHostileNoFormsSentinel(t *testing.T) {
	sc := pointScale(t, 5)
	m := twoModel(t)
	_, errData := data(t, m, sc, nil).Estimate(nil)
	wantErr(t, "Data without forms", errData, csat.ErrEmpty)
	st := statsOf(t, sc, nil)
	_, err := Estimate(m, st, nil)
	other := statsOf(t, sc, []form.Form{{ID: "S1", Source: csat.SourceSelf, Answers: map[string]string{"a1": "1", "a2": "2", "b1": "3"}}})
	_, errOther := Estimate(m, other, nil)
	wantErr(t, "Stats without forms", err, csat.ErrEmpty)
	wantErr(t, "Stats with forms of another source only", errOther, csat.ErrEmpty)
}

// TestHostileCasewiseNoCompleteForm: with no complete form under casewise
// deletion, Estimate and Data.Estimate both fail with csat.ErrEmpty but
// not with the same text: form.Stats' "matrix: listwise: no form of
// source … answered all of …" against Data's "no form answered
// <first indicator>", which is untrue of an indicator that was answered.
// Data.Estimate is documented to give the same estimates; the properties
// hold errors to the same text. (They differed; both now say no form
// answered every indicator.)
func TestHostileCasewiseNoCompleteForm(t *testing.T) {
	sc := pointScale(t, 5)
	m := twoModel(t)
	rows := slices.Clone(twoRows)
	for r := range rows {
		rows[r] = slices.Clone(rows[r])
		rows[r][1+r%2] = 0 // a1 answered everywhere
	}
	forms := levelForms(twoNames, rows)
	o := &Options{Missing: Casewise}
	_, errStats := Estimate(m, statsOf(t, sc, forms), o)
	_, errData := data(t, m, sc, forms).Estimate(o)
	wantErr(t, "form.Stats", errStats, csat.ErrEmpty)
	wantErr(t, "Data", errData, csat.ErrEmpty)
	if errStats.Error() != errData.Error() {
		t.Errorf("error texts differ:\n  Estimate:      %v\n  Data.Estimate: %v", errStats, errData)
	}
}

// TestHostileHTMTUncorrelatedIndicators: a construct whose indicators are
// uncorrelated (on complete data, four forms) has a within-construct mean
// |r| of zero, which the HTMT divides by (+Inf, or 0/0): it used to panic.
// Now the pair's HTMT is Undefined, and nothing panics.
func TestHostileHTMTUncorrelatedIndicators(t *testing.T) {
	sc := pointScale(t, 5)
	abModel := twoModel(t)
	abcModel, err := NewModel([]Construct{one("A", "a1", "a2"), one("B", "b1"), one("C", "c1")}, []Path{{"A", "C"}, {"B", "C"}})
	if err != nil {
		t.Fatal(err)
	}
	var abc [][]int
	for x := 1; x <= 2; x++ {
		for y := 1; y <= 2; y++ {
			for z := 1; z <= 2; z++ {
				abc = append(abc, []int{x, y, z, x + y + z - 2})
			}
		}
	}
	var bugs []string
	undefined := 0
	for _, c := range []struct {
		name  string
		m     *Model
		names []string
		rows  [][]int
	}{
		// a1 ⟂ a2, b1 = a1 + a2 − 1: HTMT(A, B) = x/0 = +Inf
		{"+Inf", abModel, twoNames, [][]int{{1, 1, 1}, {1, 2, 2}, {2, 1, 2}, {2, 2, 3}}},
		// a1, a2, b1 mutually ⟂, c1 their sum: HTMT(A, B) = 0/0
		{"NaN", abcModel, []string{"a1", "a2", "b1", "c1"}, abc},
	} {
		forms := levelForms(c.names, c.rows)
		for _, way := range []string{"form.Stats", "Data"} {
			var e *Estimates
			var err error
			p := catch(func() {
				if way == "Data" {
					e, err = data(t, c.m, sc, forms).Estimate(nil)
				} else {
					e, err = Estimate(c.m, statsOf(t, sc, forms), nil)
				}
			})
			switch {
			case p != nil:
				bugs = append(bugs, fmt.Sprintf("%s via %s: panic %v", c.name, way, p))
			case err == nil && e == nil:
				t.Errorf("%s via %s: neither estimates nor an error", c.name, way)
			case err == nil:
				for _, h := range e.HTMT {
					if h.A == "A" && h.B == "B" {
						undefined++
					}
					if h.A == "A" && h.B == "B" && (!h.Undefined || !h.Value.IsZero() || h.Over) {
						t.Errorf("%s via %s: HTMT(A, B) = %+v, want undefined", c.name, way, h)
					}
				}
			}
		}
	}
	if undefined != 4 {
		t.Errorf("HTMT(A, B) checked %d times, want 4 (two cases, two ways)", undefined)
	}
	if len(bugs) > 0 {
		t.Errorf("Estimate panics on a construct of uncorrelated indicators:\n  %s", strings.Join(bugs, "\n  "))
	}
}

// catch runs f and returns what it panicked with, or nil.
func catch(f func()) (p any) {
	defer func() { p = recover() }()
	f()
	return nil
}

// TestHostileOptions: bad options are csat.ErrInvalid errors naming the
// option, from Estimate, Data.Estimate and Bootstrap alike.
func TestHostileOptions(t *testing.T) {
	sc := pointScale(t, 5)
	m := twoModel(t)
	forms := levelForms(twoNames, twoRows)
	st, d := statsOf(t, sc, forms), data(t, m, sc, forms)
	for _, c := range []struct {
		name string
		o    Options
		part string
	}{
		{"scheme 9", Options{Scheme: 9}, "unknown inner weighting scheme 9"},
		{"scheme 3", Options{Scheme: Factorial + 1}, "unknown inner weighting scheme 3"},
		{"missing 9", Options{Missing: 9}, "unknown missing-value treatment 9"},
		{"missing 2", Options{Missing: Casewise + 1}, "unknown missing-value treatment 2"},
		{"negative tolerance", Options{Tolerance: decimal.New(-1, -7)}, "tolerance -0.0000001 not in (0, 1)"},
		{"tolerance 1", Options{Tolerance: decimal.NewFromInt(1)}, "tolerance 1 not in (0, 1)"},
		{"tolerance 2", Options{Tolerance: decimal.NewFromInt(2)}, "tolerance 2 not in (0, 1)"},
		{"negative iterations", Options{MaxIterations: -1}, "maximum iterations -1"},
		{"too many iterations", Options{MaxIterations: 100001}, "maximum iterations 100001"},
		{"negative HTMT limit", Options{HTMTLimit: decimal.New(-1, -2)}, "negative HTMT limit -0.01"},
		{"unknown target", Options{Target: "Loyalty"}, `target: no construct "Loyalty"`},
		{"indicator as target", Options{Target: "a1"}, `target: no construct "a1"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Estimate(m, st, &c.o)
			wantErr(t, "Estimate", err, csat.ErrInvalid, c.part)
			_, err = d.Estimate(&c.o)
			wantErr(t, "Data.Estimate", err, csat.ErrInvalid, c.part)
			_, err = Bootstrap(context.Background(), d, &c.o, &BootOptions{Resamples: 2})
			wantErr(t, "Bootstrap", err, csat.ErrInvalid, c.part)
		})
	}
	// The edges that are allowed.
	for _, o := range []Options{{Tolerance: decimal.New(9999999, -7)}, {Tolerance: decimal.New(1, -30)}, {HTMTLimit: decimal.New(1, -9)}, {Target: "A"}, {Target: "B"}, {Scheme: Factorial, Missing: Casewise}} {
		if _, err := Estimate(m, st, &o); err != nil {
			t.Errorf("%+v: %v", o, err)
		}
	}
}

// TestHostileNil: nil and zero values are errors, not panics.
func TestHostileNil(t *testing.T) {
	sc := pointScale(t, 5)
	m := twoModel(t)
	forms := levelForms(twoNames, twoRows)
	st := statsOf(t, sc, forms)
	var zeroStats form.Stats
	checks := []struct {
		name     string
		f        func() error
		sentinel error
	}{
		{"Estimate nil model", func() error { _, err := Estimate(nil, st, nil); return err }, csat.ErrInvalid},
		{"Estimate zero model", func() error { _, err := Estimate(&Model{}, st, nil); return err }, csat.ErrInvalid},
		{"Estimate nil stats", func() error { _, err := Estimate(m, nil, nil); return err }, csat.ErrEmpty},
		{"Estimate zero stats", func() error { _, err := Estimate(m, &zeroStats, nil); return err }, csat.ErrEmpty},
		{"Estimate nil nil", func() error { _, err := Estimate(nil, nil, nil); return err }, csat.ErrInvalid},
		{"NewData nil model", func() error { _, err := NewData(nil, sc); return err }, csat.ErrInvalid},
		{"NewData zero model", func() error { _, err := NewData(&Model{}, sc); return err }, csat.ErrInvalid},
		{"NewData nil scale", func() error { _, err := NewData(m, nil); return err }, csat.ErrInvalid},
		{"nil Data Estimate", func() error { _, err := (*Data)(nil).Estimate(nil); return err }, csat.ErrInvalid},
		{"zero Data Estimate", func() error { _, err := (&Data{}).Estimate(nil); return err }, csat.ErrInvalid},
		{"nil Data Add", func() error { return (*Data)(nil).Add(forms[0]) }, csat.ErrInvalid},
		{"zero Data Add", func() error { return (&Data{}).Add(forms[0]) }, csat.ErrInvalid},
		{"Bootstrap nil Data", func() error {
			_, err := Bootstrap(context.Background(), nil, nil, &BootOptions{Resamples: 2})
			return err
		}, csat.ErrInvalid},
		{"Bootstrap zero Data", func() error {
			_, err := Bootstrap(context.Background(), &Data{}, nil, nil)
			return err
		}, csat.ErrInvalid},
	}
	for _, c := range checks {
		var err error
		if p := catch(func() { err = c.f() }); p != nil {
			t.Errorf("%s: panic %v", c.name, p)
			continue
		}
		wantErr(t, c.name, err, c.sentinel)
	}
	if n := (*Data)(nil).Len(); n != 0 {
		t.Errorf("nil Data holds %d forms", n)
	}
	if n := (&Data{}).Len(); n != 0 {
		t.Errorf("zero Data holds %d forms", n)
	}
}

// TestHostileScales: scales Data and Estimate cannot use.
func TestHostileScales(t *testing.T) {
	m := twoModel(t)
	single, err := csat.NewScale("one", decimal.NewFromInt(5), []csat.Level{{Key: "ok", Label: "ok", LabelZH: "好", Points: decimal.NewFromInt(5), Satisfied: true}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = NewData(m, single)
	wantErr(t, "NewData on one level", err, csat.ErrInvalidScale, "same points")
	f := form.Form{ID: "F1", Answers: map[string]string{"a1": "ok", "a2": "ok", "b1": "ok"}}
	_, err = Estimate(m, statsOf(t, single, []form.Form{f, f, f}), nil)
	wantErr(t, "Estimate on one level", err, csat.ErrInvalidScale)
	fine, err := csat.NewScale("fine", decimal.NewFromInt(10), []csat.Level{
		{Key: "hi", Label: "hi", LabelZH: "高", Points: decimal.NewFromInt(10), Satisfied: true},
		{Key: "lo", Label: "lo", LabelZH: "低", Points: decimal.New(1, -6)},
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = NewData(m, fine)
	wantErr(t, "NewData on 10⁷ units", err, csat.ErrOutOfRange, `level "hi"`)
}

// TestHostileDataAdd: an answer not on the scale is csat.ErrUnknownLevel
// naming the form and the indicator, and adds nothing.
func TestHostileDataAdd(t *testing.T) {
	sc := pointScale(t, 5)
	m := twoModel(t)
	d := data(t, m, sc, levelForms(twoNames, twoRows))
	n := d.Len()
	for _, bad := range []string{"6", "0", "very satisfied", " 3", "3.0"} {
		err := d.Add(form.Form{ID: "表单-7", Answers: map[string]string{"a1": "1", "a2": "2", "b1": bad}})
		wantErr(t, "level "+bad, err, csat.ErrUnknownLevel, `form "表单-7"`, `indicator "b1"`)
	}
	if d.Len() != n {
		t.Errorf("%d forms after failed Adds, want %d", d.Len(), n)
	}
	// Labels are levels too; an item outside the model is not looked at.
	if err := d.Add(form.Form{ID: "ok", Answers: map[string]string{"a1": "level 3", "a2": "第4级", "b1": "", "other": "nonsense"}}); err != nil {
		t.Errorf("labels: %v", err)
	}
	if d.Len() != n+1 {
		t.Errorf("%d forms, want %d", d.Len(), n+1)
	}
}

// TestHostileBootOptions: bad bootstrap options are csat.ErrInvalid.
func TestHostileBootOptions(t *testing.T) {
	sc := pointScale(t, 5)
	m := twoModel(t)
	d := data(t, m, sc, levelForms(twoNames, twoRows))
	for _, c := range []struct {
		name string
		b    BootOptions
		part string
	}{
		{"1 resample", BootOptions{Resamples: 1}, "1 resamples, not in 2…100000"},
		{"negative resamples", BootOptions{Resamples: -5}, "-5 resamples"},
		{"too many resamples", BootOptions{Resamples: MaxResamples + 1}, "100001 resamples"},
		{"level 1", BootOptions{Resamples: 2, Level: decimal.NewFromInt(1)}, "level 1 not in (0, 1)"},
		{"level 1.5", BootOptions{Resamples: 2, Level: decimal.New(15, -1)}, "level 1.5 not in (0, 1)"},
		{"negative level", BootOptions{Resamples: 2, Level: decimal.New(-95, -2)}, "level -0.95 not in (0, 1)"},
		{"negative workers", BootOptions{Resamples: 2, Workers: -1}, "-1 workers"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, err := Bootstrap(context.Background(), d, nil, &c.b)
			if b != nil {
				t.Error("a result returned with the error")
			}
			wantErr(t, "Bootstrap", err, csat.ErrInvalid, c.part)
		})
	}
	// Zero means the defaults; 2 resamples and a level near 0 or 1 are
	// allowed.
	b, err := Bootstrap(context.Background(), d, nil, &BootOptions{Resamples: 2, Level: decimal.Zero})
	if err != nil {
		t.Fatal(err)
	}
	if !b.Level.Equal(decimal.New(95, -2)) || b.Resamples != 2 {
		t.Errorf("level %s, %d resamples", b.Level, b.Resamples)
	}
	for _, l := range []decimal.Decimal{decimal.New(1, -9), decimal.New(999999999, -9)} {
		if _, err := Bootstrap(context.Background(), d, nil, &BootOptions{Resamples: 3, Level: l}); err != nil {
			t.Errorf("level %s: %v", l, err)
		}
	}
}

// TestHostileBootstrapRedraws: CUSCO constant but on one form of mobi's
// 250, so that about a third of the resamples miss it and are drawn
// again: the bootstrap succeeds with as many redraws as the reference's,
// on the same seed.
func TestHostileBootstrapRedraws(t *testing.T) {
	names, rows := refReadCSV(t, "testdata/mobi.csv")
	c := slices.Index(names, "CUSCO")
	mod := make([][]float64, len(rows))
	for r := range rows {
		mod[r] = slices.Clone(rows[r])
		mod[r][c] = 5
	}
	mod[123][c] = 9
	rm := refECSI()
	d := data(t, modelOf(t, rm), tenPoint(t), rowsForms(names, mod))
	const B, seed = 30, 424242
	got, err := Bootstrap(context.Background(), d, nil, &BootOptions{Resamples: B, Seed: seed, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := refBootstrap(names, mod, rm, refOpts{min: 1, max: 10}, seed, B, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	if got.Redrawn == 0 || got.Redrawn != ref.redraws {
		t.Errorf("redrawn %d, reference %d (want the same, above 0)", got.Redrawn, ref.redraws)
	}
	for i, iv := range got.PathIntervals {
		near(t, "path "+iv.Name+" lower", iv.Lower, ref.paths[i].lo, 1e-8)
		near(t, "path "+iv.Name+" upper", iv.Upper, ref.paths[i].hi, 1e-8)
	}
	t.Logf("%d redraws in %d resamples", got.Redrawn, B)
}

// TestHostileBootstrapNeverEstimable: every indicator constant but on its
// own form, so that nearly no resample has them all: the full estimate
// succeeds, the first resample is drawn MaxRedraws times and the
// bootstrap fails, as the reference does, with an error wrapping the last
// failure.
func TestHostileBootstrapNeverEstimable(t *testing.T) {
	rm := refECSI()
	m := modelOf(t, rm)
	inds := m.Indicators()
	rows := make([][]float64, 250)
	for r := range rows {
		rows[r] = make([]float64, len(inds))
		for i := range inds {
			rows[r][i] = 5
			if i == r {
				rows[r][i] = 9
			}
		}
	}
	d := data(t, m, tenPoint(t), rowsForms(inds, rows))
	if _, err := d.Estimate(nil); err != nil {
		t.Fatalf("the full estimate fails: %v", err)
	}
	const seed = 3
	b, err := Bootstrap(context.Background(), d, nil, &BootOptions{Resamples: 5, Seed: seed})
	if b != nil {
		t.Error("a result returned with the error")
	}
	wantErr(t, "Bootstrap", err, ErrZeroVariance, "bootstrap resample 0", fmt.Sprintf("drawn %d times", MaxRedraws))
	_, refErr := refBootstrap(inds, rows, rm, refOpts{min: 1, max: 10}, seed, 5, 0.95)
	if refErr == nil || !strings.Contains(refErr.Error(), fmt.Sprintf("resample 0: %d consecutive redraws", MaxRedraws)) {
		t.Errorf("reference: %v", refErr)
	}
}

// TestHostileBootstrapCancelled: a cancelled context stops the bootstrap
// with context.Canceled; an expired one with context.DeadlineExceeded.
func TestHostileBootstrapCancelled(t *testing.T) {
	sc := pointScale(t, 5)
	d := data(t, twoModel(t), sc, levelForms(twoNames, twoRows))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, w := range []int{1, 4} {
		b, err := Bootstrap(ctx, d, nil, &BootOptions{Resamples: 50, Workers: w})
		if b != nil || !errors.Is(err, context.Canceled) {
			t.Errorf("%d workers: %v, want context.Canceled", w, err)
		}
	}
	ctx, cancel = context.WithTimeout(context.Background(), 0)
	defer cancel()
	if _, err := Bootstrap(ctx, d, nil, &BootOptions{Resamples: 50}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("expired: %v, want context.DeadlineExceeded", err)
	}
}

// TestHostileEstimatesFinite: on data that estimate, no figure is out of
// its range (a silent number where an error was due).
func TestHostileEstimatesFinite(t *testing.T) {
	e, err := Estimate(twoModel(t), statsOf(t, pointScale(t, 5), levelForms(twoNames, twoRows)), nil)
	if err != nil {
		t.Fatal(err)
	}
	in := func(what string, v decimal.Decimal, lo, hi float64) {
		f, _ := v.Float64()
		if math.IsNaN(f) || f < lo || f > hi {
			t.Errorf("%s = %s, not in [%g, %g]", what, v, lo, hi)
		}
	}
	for _, c := range e.Constructs {
		in(c.Name+" index", c.Index, 0, 100)
		in(c.Name+" AVE", c.AVE, 0, 1)
		in(c.Name+" ρc", c.RhoC, 0, 1)
	}
	for _, i := range e.Indicators {
		in(i.Name+" loading", i.Loading, -1, 1)
		in(i.Name+" mean", i.Mean, 1, 5)
	}
	for _, h := range e.HTMT {
		in("HTMT "+h.A+"/"+h.B, h.Value, 0, 10)
	}
}
