package csi

// The models: ECSI and ACSI as documented, ParseModel's text and JSON,
// the accessors, the IPMA target.

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
)

// ecsiText is ECSI in ParseModel's text, one path a line in ECSI()'s
// order, so that the models are equal, paths' order included.
const ecsiText = `# the ECSI model of semPLS's mobi data
Image        =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5
Expectation  =~ CUEX1 + CUEX2 + CUEX3
Quality      =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 + PERQ5 + PERQ6 + PERQ7
Value        =~ PERV1 + PERV2
Satisfaction =~ CUSA1 + CUSA2 + CUSA3
Complaints   =~ CUSCO
Loyalty      =~ CUSL1 + CUSL2 + CUSL3

Expectation  ~ Image
Satisfaction ~ Image
Loyalty      ~ Image
Quality      ~ Expectation
Value        ~ Expectation
Satisfaction ~ Expectation
Value        ~ Quality
Satisfaction ~ Quality
Satisfaction ~ Value
Complaints   ~ Satisfaction
Loyalty      ~ Satisfaction
Loyalty      ~ Complaints
`

// ecsiLavaan is the same model as lavaan users write it: causes grouped
// by effect, so the paths come in another order.
const ecsiLavaan = `
# measurement model
Image =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5
Expectation =~ CUEX1 + CUEX2 + CUEX3
Quality =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 + PERQ5 + PERQ6 + PERQ7
Value =~ PERV1 + PERV2
Satisfaction =~ CUSA1 + CUSA2 + CUSA3
Complaints =~ CUSCO
Loyalty =~ CUSL1 + CUSL2 + CUSL3
# structural model
Expectation ~ Image
Quality ~ Expectation
Value ~ Expectation + Quality
Satisfaction ~ Image + Expectation + Quality + Value
Complaints ~ Satisfaction
Loyalty ~ Image + Satisfaction + Complaints
`

var cmpModel = cmp.AllowUnexported(Model{})

func TestModelECSI(t *testing.T) {
	m := ECSI()
	want := []Construct{
		{"Image", []string{"IMAG1", "IMAG2", "IMAG3", "IMAG4", "IMAG5"}},
		{"Expectation", []string{"CUEX1", "CUEX2", "CUEX3"}},
		{"Quality", []string{"PERQ1", "PERQ2", "PERQ3", "PERQ4", "PERQ5", "PERQ6", "PERQ7"}},
		{"Value", []string{"PERV1", "PERV2"}},
		{"Satisfaction", []string{"CUSA1", "CUSA2", "CUSA3"}},
		{"Complaints", []string{"CUSCO"}},
		{"Loyalty", []string{"CUSL1", "CUSL2", "CUSL3"}},
	}
	if diff := cmp.Diff(want, m.Constructs()); diff != "" {
		t.Errorf("constructs:\n%s", diff)
	}
	// Image → Expectation, Satisfaction, Loyalty; Expectation → Quality,
	// Value, Satisfaction; Quality → Value, Satisfaction; Value →
	// Satisfaction; Satisfaction → Complaints, Loyalty; Complaints → Loyalty.
	wantPaths := []Path{
		{"Image", "Expectation"}, {"Image", "Satisfaction"}, {"Image", "Loyalty"},
		{"Expectation", "Quality"}, {"Expectation", "Value"}, {"Expectation", "Satisfaction"},
		{"Quality", "Value"}, {"Quality", "Satisfaction"},
		{"Value", "Satisfaction"},
		{"Satisfaction", "Complaints"}, {"Satisfaction", "Loyalty"},
		{"Complaints", "Loyalty"},
	}
	if diff := cmp.Diff(wantPaths, m.Paths()); diff != "" {
		t.Errorf("paths:\n%s", diff)
	}
	var inds []string
	for _, c := range want {
		inds = append(inds, c.Indicators...)
	}
	if diff := cmp.Diff(inds, m.Indicators()); diff != "" {
		t.Errorf("indicators:\n%s", diff)
	}
	if len(m.Constructs()) != 7 || len(m.Paths()) != 12 || len(inds) != 24 {
		t.Errorf("%d constructs, %d paths, %d indicators", len(m.Constructs()), len(m.Paths()), len(inds))
	}
	for name, endo := range map[string]bool{"Image": false, "Expectation": true, "Quality": true, "Value": true, "Satisfaction": true, "Complaints": true, "Loyalty": true, "IMAG1": false, "": false, "Nope": false} {
		if got := m.Endogenous(name); got != endo {
			t.Errorf("Endogenous(%q) = %v, want %v", name, got, endo)
		}
	}
	if diff := cmp.Diff(ECSI(), m, cmpModel); diff != "" {
		t.Errorf("two calls differ:\n%s", diff)
	}
}

func TestModelACSI(t *testing.T) {
	m := ACSI()
	want := []Construct{
		{"Expectation", []string{"EXPE1", "EXPE2", "EXPE3"}},
		{"Quality", []string{"QUAL1", "QUAL2", "QUAL3"}},
		{"Value", []string{"VALU1", "VALU2"}},
		{"Satisfaction", []string{"SATI1", "SATI2", "SATI3"}},
		{"Complaints", []string{"COMP1"}},
		{"Loyalty", []string{"LOYA1", "LOYA2"}},
	}
	if diff := cmp.Diff(want, m.Constructs()); diff != "" {
		t.Errorf("constructs:\n%s", diff)
	}
	wantPaths := []Path{
		{"Expectation", "Quality"}, {"Expectation", "Value"}, {"Expectation", "Satisfaction"},
		{"Quality", "Value"}, {"Quality", "Satisfaction"},
		{"Value", "Satisfaction"},
		{"Satisfaction", "Complaints"}, {"Satisfaction", "Loyalty"},
		{"Complaints", "Loyalty"},
	}
	if diff := cmp.Diff(wantPaths, m.Paths()); diff != "" {
		t.Errorf("paths:\n%s", diff)
	}
	if len(m.Indicators()) != 14 {
		t.Errorf("%d indicators", len(m.Indicators()))
	}
	for name, endo := range map[string]bool{"Expectation": false, "Quality": true, "Loyalty": true, "Image": false} {
		if got := m.Endogenous(name); got != endo {
			t.Errorf("Endogenous(%q) = %v, want %v", name, got, endo)
		}
	}
	if got := m.cons[m.final()].Name; got != "Loyalty" {
		t.Errorf("final construct %s, want Loyalty", got)
	}
}

func TestModelParseText(t *testing.T) {
	m, err := ParseModel([]byte(ecsiText))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ECSI(), m, cmpModel); diff != "" {
		t.Errorf("ParseModel(ecsiText) differs from ECSI():\n%s", diff)
	}
	// Grouped causes: the same constructs and paths, the paths in the
	// order of the lines.
	g, err := ParseModel([]byte(ecsiLavaan))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ECSI().Constructs(), g.Constructs()); diff != "" {
		t.Errorf("lavaan constructs:\n%s", diff)
	}
	byPair := func(a, b Path) int { return strings.Compare(a.From+"\x00"+a.To, b.From+"\x00"+b.To) }
	p1, p2 := ECSI().Paths(), g.Paths()
	if p2[0] != (Path{"Image", "Expectation"}) || p2[2] != (Path{"Expectation", "Value"}) || p2[3] != (Path{"Quality", "Value"}) {
		t.Errorf("lavaan paths not in line order: %v", p2)
	}
	slices.SortFunc(p1, byPair)
	slices.SortFunc(p2, byPair)
	if diff := cmp.Diff(p1, p2); diff != "" {
		t.Errorf("lavaan paths:\n%s", diff)
	}
	if diff := cmp.Diff(ECSI().pred, g.pred); diff != "" {
		t.Errorf("lavaan causes:\n%s", diff)
	}
}

// TestModelParseTextLayout: comments, blank lines, a byte-order mark,
// CRLF, tabs and no final newline are accepted.
func TestModelParseTextLayout(t *testing.T) {
	want, err := NewModel([]Construct{one("A", "a1", "a2"), one("B", "b1"), one("C", "c1", "c2")}, []Path{{"A", "B"}, {"A", "C"}, {"B", "C"}})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"plain":            "A =~ a1 + a2\nB =~ b1\nC =~ c1 + c2\nB ~ A\nC ~ A + B\n",
		"comments":         "# model\nA =~ a1 + a2 # block A\n\n  # indented comment\nB =~ b1\nC =~ c1 + c2\n#\nB ~ A # path\nC ~ A + B\n# end",
		"BOM":              "\uFEFFA =~ a1 + a2\nB =~ b1\nC =~ c1 + c2\nB ~ A\nC ~ A + B\n",
		"BOM and comment":  "\uFEFF# model\nA =~ a1 + a2\nB =~ b1\nC =~ c1 + c2\nB ~ A\nC ~ A + B\n",
		"CRLF":             "A =~ a1 + a2\r\nB =~ b1\r\n\r\nC =~ c1 + c2\r\nB ~ A\r\nC ~ A + B\r\n",
		"tabs and spaces":  "\tA\t=~\ta1\t+\ta2  \n   B =~b1\nC=~c1+c2\n B~A \nC ~A+ B",
		"no final newline": "A =~ a1 + a2\nB =~ b1\nC =~ c1 + c2\nB ~ A\nC ~ A + B",
		"leading blank":    "\n\n   \n\t\nA =~ a1 + a2\nB =~ b1\nC =~ c1 + c2\nB ~ A\nC ~ A + B\n\n\n",
		"paths first":      "B ~ A\nC ~ A + B\nA =~ a1 + a2\nB =~ b1\nC =~ c1 + c2\n",
		"split causes":     "A =~ a1 + a2\nB =~ b1\nC =~ c1 + c2\nB ~ A\nC ~ A\nC ~ B\n",
	} {
		t.Run(name, func(t *testing.T) {
			m, err := ParseModel([]byte(text))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, m, cmpModel); diff != "" {
				t.Errorf("differs:\n%s", diff)
			}
		})
	}
}

// TestModelJSON: MarshalJSON → ParseModel and json.Unmarshal give the
// model back; the encoding is the documented one.
func TestModelJSON(t *testing.T) {
	for _, m := range []*Model{ECSI(), ACSI()} {
		b, err := m.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseModel(b)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(m, back, cmpModel); diff != "" {
			t.Errorf("ParseModel(MarshalJSON) differs:\n%s", diff)
		}
		var u Model
		if err := json.Unmarshal(b, &u); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(m, &u, cmpModel); diff != "" {
			t.Errorf("json.Unmarshal differs:\n%s", diff)
		}
		// Indented, with surrounding space.
		ind, err := json.MarshalIndent(m, "  ", "\t")
		if err != nil {
			t.Fatal(err)
		}
		back, err = ParseModel([]byte("\n\t " + string(ind) + "\r\n"))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(m, back, cmpModel); diff != "" {
			t.Errorf("indented JSON differs:\n%s", diff)
		}
	}
	m, err := NewModel([]Construct{one("满意", "q1"), one("A b", "x \"y\"")}, []Path{{"满意", "A b"}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"constructs":[{"name":"满意","indicators":["q1"]},{"name":"A b","indicators":["x \"y\""]}],"paths":[{"from":"满意","to":"A b"}]}`
	if string(b) != want {
		t.Errorf("JSON %s, want %s", b, want)
	}
	back, err := ParseModel(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(m, back, cmpModel); diff != "" {
		t.Errorf("names with spaces and quotes: %s", diff)
	}
	// json.Unmarshal validates too.
	var u Model
	err = json.Unmarshal([]byte(`{"constructs":[{"name":"A","indicators":["a"]}],"paths":[]}`), &u)
	wantErr(t, "json.Unmarshal of an invalid model", err, csat.ErrInvalid, `construct "A" is on no path`)
	err = json.Unmarshal([]byte(`{"constructs":[],"extra":1}`), &u)
	wantErr(t, "json.Unmarshal with an unknown field", err, csat.ErrSyntax, "key extra: unknown field")
}

// TestModelCopies: NewModel copies its input and the accessors return
// copies.
func TestModelCopies(t *testing.T) {
	cons := []Construct{one("A", "a1", "a2"), one("B", "b1")}
	paths := []Path{{"A", "B"}}
	m, err := NewModel(cons, paths)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := NewModel([]Construct{one("A", "a1", "a2"), one("B", "b1")}, []Path{{"A", "B"}})
	cons[0].Name, cons[0].Indicators[0], paths[0].To = "X", "x", "X"
	m.Constructs()[1].Indicators[0] = "y"
	m.Paths()[0] = Path{"B", "A"}
	m.Indicators()[0] = "z"
	if diff := cmp.Diff(want, m, cmpModel); diff != "" {
		t.Errorf("the model changed:\n%s", diff)
	}
}

// TestModelDerived: causes, effects and the index of the first indicator
// of each construct, which estimation relies on, on a model whose
// constructs are not in causal order.
func TestModelDerived(t *testing.T) {
	m, err := NewModel([]Construct{one("Y", "y1"), one("X", "x1", "x2", "x3"), one("Z", "z1", "z2")},
		[]Path{{"Z", "Y"}, {"X", "Y"}, {"X", "Z"}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]int{{1, 2}, nil, {1}}, m.pred, cmpEmpty); diff != "" {
		t.Errorf("pred:\n%s", diff)
	}
	if diff := cmp.Diff([][]int{nil, {0, 2}, {0}}, m.succ, cmpEmpty); diff != "" {
		t.Errorf("succ:\n%s", diff)
	}
	if diff := cmp.Diff([]int{0, 1, 4}, m.first); diff != "" {
		t.Errorf("first:\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int{"Y": 0, "X": 1, "Z": 2}, m.index); diff != "" {
		t.Errorf("index:\n%s", diff)
	}
	if !m.Endogenous("Y") || m.Endogenous("X") || !m.Endogenous("Z") || m.Endogenous("W") || m.Endogenous("y1") {
		t.Error("Endogenous")
	}
	if m.final() != 0 {
		t.Errorf("final %d, want 0 (Y)", m.final())
	}
	// The final construct is the first with causes and no effect, not the
	// last one.
	m2, err := NewModel([]Construct{one("A", "a"), one("B", "b"), one("C", "c"), one("D", "d")}, []Path{{"A", "B"}, {"C", "A"}, {"C", "D"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := m2.cons[m2.final()].Name; got != "B" {
		t.Errorf("final %s, want B", got)
	}
}

var cmpEmpty = cmp.Transformer("nilEmpty", func(s []int) []int {
	if len(s) == 0 {
		return nil
	}
	return s
})

// TestModelIPMATarget: the map's target is the model's final construct
// by default (Loyalty for ECSI on mobi), or Options.Target.
func TestModelIPMATarget(t *testing.T) {
	st := statsOf(t, tenPoint(t), mobiForms(t))
	e, err := Estimate(ECSI(), st, nil)
	if err != nil {
		t.Fatal(err)
	}
	if e.IPMA.Target != "Loyalty" {
		t.Errorf("default target %s, want Loyalty", e.IPMA.Target)
	}
	if got := ipmaConstructs(e); !slices.Equal(got, []string{"Image", "Expectation", "Quality", "Value", "Satisfaction", "Complaints"}) {
		t.Errorf("Loyalty's map: %v", got)
	}
	e, err = Estimate(ECSI(), st, &Options{Target: "Satisfaction"})
	if err != nil {
		t.Fatal(err)
	}
	if e.IPMA.Target != "Satisfaction" {
		t.Errorf("target %s, want Satisfaction", e.IPMA.Target)
	}
	if got := ipmaConstructs(e); !slices.Equal(got, []string{"Image", "Expectation", "Quality", "Value"}) {
		t.Errorf("Satisfaction's map: %v", got)
	}
	// An exogenous target has an empty map.
	e, err = Estimate(ECSI(), st, &Options{Target: "Image"})
	if err != nil {
		t.Fatal(err)
	}
	if e.IPMA.Target != "Image" || len(e.IPMA.Points) != 0 {
		t.Errorf("Image's map: %+v", e.IPMA)
	}
	// In a model whose last construct is no effect, the default target is
	// the first construct with causes and no effect.
	m, err := NewModel([]Construct{one("Image", "IMAG1", "IMAG2"), one("Satisfaction", "CUSA1", "CUSA2", "CUSA3"), one("Expectation", "CUEX1", "CUEX2")},
		[]Path{{"Image", "Satisfaction"}, {"Expectation", "Image"}})
	if err != nil {
		t.Fatal(err)
	}
	e, err = Estimate(m, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	if e.IPMA.Target != "Satisfaction" {
		t.Errorf("default target %s, want Satisfaction", e.IPMA.Target)
	}
	if got := ipmaConstructs(e); !slices.Equal(got, []string{"Image", "Expectation"}) {
		t.Errorf("Satisfaction's map: %v", got)
	}
}

func ipmaConstructs(e *Estimates) []string {
	var out []string
	for _, p := range e.IPMA.Points {
		out = append(out, p.Construct)
	}
	return out
}

// TestModelZero: the zero Model has nothing and estimates nothing.
func TestModelZero(t *testing.T) {
	var m Model
	if len(m.Constructs()) != 0 || len(m.Paths()) != 0 || len(m.Indicators()) != 0 || m.Endogenous("A") {
		t.Error("the zero Model has something")
	}
	b, err := m.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseModel(b); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("ParseModel of the zero Model's JSON %s: %v", b, err)
	}
}
