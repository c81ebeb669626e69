package csi

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
	"github.com/csatkit/csat/internal/strictjson"
)

// Limits of a model: a model larger than this is refused, so that a
// hostile model file cannot make estimation quadratic in millions.
const (
	MaxConstructs = 64
	MaxIndicators = 512
)

// A Construct is a latent variable (潜变量) of a model: its name and the
// indicators (观测变量) that measure it, the items of the survey form whose
// answers are its data. Every construct is measured reflectively (Mode A).
type Construct struct {
	Name       string   `json:"name"`
	Indicators []string `json:"indicators"`
}

// A Path is a structural relation: From is a cause of To.
type Path struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// A Model is a validated path model: constructs, each measured by its own
// indicators, and the paths between them, without a cycle. It is
// immutable and safe for concurrent use; build it with [NewModel],
// [ParseModel], [ECSI] or [ACSI]. The zero Model has no construct and
// estimates nothing.
type Model struct {
	cons  []Construct
	paths []Path
	// derived, by construct index in model order
	index map[string]int
	pred  [][]int // predecessors of j, in model order
	succ  [][]int // successors of j, in model order
	first []int   // first indicator of construct j in Indicators()
	inds  []string
}

// NewModel validates and copies a model. Errors wrap [csat.ErrInvalid]
// and name what is wrong: a construct without a name or without
// indicators, a name or an indicator used twice, a path to or from an
// unknown construct, a path twice or from a construct to itself, a cycle,
// a construct on no path, more than [MaxConstructs] constructs or
// [MaxIndicators] indicators.
func NewModel(cons []Construct, paths []Path) (*Model, error) {
	if len(cons) == 0 {
		return nil, modelErr("no construct")
	}
	if len(cons) > MaxConstructs {
		return nil, modelErr(fmt.Sprintf("%d constructs, more than %d", len(cons), MaxConstructs))
	}
	m := &Model{index: make(map[string]int, len(cons))}
	owner := map[string]string{}
	for _, c := range cons {
		if !validName(c.Name) {
			return nil, modelErr(fmt.Sprintf("construct name %s is empty or not UTF-8", errs.QuoteShort(c.Name)))
		}
		if _, dup := m.index[c.Name]; dup {
			return nil, modelErr(fmt.Sprintf("construct %s defined twice", errs.QuoteShort(c.Name)))
		}
		if len(c.Indicators) == 0 {
			return nil, modelErr(fmt.Sprintf("construct %s has no indicator", errs.QuoteShort(c.Name)))
		}
		m.index[c.Name] = len(m.cons)
		m.first = append(m.first, len(m.inds))
		for _, ind := range c.Indicators {
			if !validName(ind) {
				return nil, modelErr(fmt.Sprintf("construct %s: indicator name %s is empty or not UTF-8", errs.QuoteShort(c.Name), errs.QuoteShort(ind)))
			}
			if o, dup := owner[ind]; dup {
				return nil, modelErr(fmt.Sprintf("indicator %s measures both %s and %s", errs.QuoteShort(ind), errs.QuoteShort(o), errs.QuoteShort(c.Name)))
			}
			owner[ind] = c.Name
			m.inds = append(m.inds, ind)
		}
		if len(m.inds) > MaxIndicators {
			return nil, modelErr(fmt.Sprintf("more than %d indicators", MaxIndicators))
		}
		m.cons = append(m.cons, Construct{Name: c.Name, Indicators: slices.Clone(c.Indicators)})
	}
	n := len(m.cons)
	m.pred = make([][]int, n)
	m.succ = make([][]int, n)
	seen := map[[2]int]bool{}
	for _, p := range paths {
		f, ok := m.index[p.From]
		if !ok {
			return nil, modelErr(fmt.Sprintf("path %s → %s: no construct %s", errs.QuoteShort(p.From), errs.QuoteShort(p.To), errs.QuoteShort(p.From)))
		}
		t, ok := m.index[p.To]
		if !ok {
			return nil, modelErr(fmt.Sprintf("path %s → %s: no construct %s", errs.QuoteShort(p.From), errs.QuoteShort(p.To), errs.QuoteShort(p.To)))
		}
		if f == t {
			return nil, modelErr(fmt.Sprintf("path from %s to itself", errs.QuoteShort(p.From)))
		}
		if seen[[2]int{f, t}] {
			return nil, modelErr(fmt.Sprintf("path %s → %s given twice", errs.QuoteShort(p.From), errs.QuoteShort(p.To)))
		}
		if seen[[2]int{t, f}] {
			return nil, modelErr(fmt.Sprintf("paths %s → %s and back: a cycle", errs.QuoteShort(p.From), errs.QuoteShort(p.To)))
		}
		seen[[2]int{f, t}] = true
		m.paths = append(m.paths, p)
		m.pred[t] = append(m.pred[t], f)
		m.succ[f] = append(m.succ[f], t)
	}
	for j := range m.pred {
		slices.Sort(m.pred[j])
		slices.Sort(m.succ[j])
		if len(m.pred[j])+len(m.succ[j]) == 0 {
			return nil, modelErr(fmt.Sprintf("construct %s is on no path", errs.QuoteShort(m.cons[j].Name)))
		}
	}
	if c := m.cycle(); c != "" {
		return nil, modelErr("a cycle through " + c)
	}
	return m, nil
}

// cycle returns the name of a construct on a cycle, or "".
func (m *Model) cycle() string {
	state := make([]uint8, len(m.cons)) // 0 new, 1 on stack, 2 done
	var visit func(j int) int
	visit = func(j int) int {
		state[j] = 1
		for _, k := range m.succ[j] {
			if state[k] == 1 {
				return k
			}
			if state[k] == 0 {
				if c := visit(k); c >= 0 {
					return c
				}
			}
		}
		state[j] = 2
		return -1
	}
	for j := range m.cons {
		if state[j] == 0 {
			if c := visit(j); c >= 0 {
				return errs.QuoteShort(m.cons[c].Name)
			}
		}
	}
	return ""
}

func modelErr(detail string) error {
	return errs.New(csat.ErrInvalid, "model: "+detail+": "+errs.Detail(csat.ErrInvalid))
}

func validName(s string) bool {
	return strings.TrimSpace(s) != "" && utf8.ValidString(s)
}

// Constructs returns a copy of the model's constructs, in model order.
func (m *Model) Constructs() []Construct {
	out := make([]Construct, len(m.cons))
	for i, c := range m.cons {
		out[i] = Construct{Name: c.Name, Indicators: slices.Clone(c.Indicators)}
	}
	return out
}

// Paths returns a copy of the model's paths, in model order.
func (m *Model) Paths() []Path { return slices.Clone(m.paths) }

// Indicators returns every indicator of the model, construct by
// construct, in model order.
func (m *Model) Indicators() []string { return slices.Clone(m.inds) }

// Endogenous reports whether the construct named has a cause in the model.
func (m *Model) Endogenous(name string) bool {
	j, ok := m.index[name]
	return ok && len(m.pred[j]) > 0
}

// final returns the first construct, in model order, that has causes and
// no effect: the default target of the importance–performance map.
func (m *Model) final() int {
	for j := range m.cons {
		if len(m.pred[j]) > 0 && len(m.succ[j]) == 0 {
			return j
		}
	}
	return 0 // unreachable: in a DAG whose every construct is on a path, a sink has causes
}

type modelJSON struct {
	Constructs []Construct `json:"constructs"`
	Paths      []Path      `json:"paths"`
}

// MarshalJSON encodes the model as {"constructs": [{"name", "indicators"}],
// "paths": [{"from", "to"}]}.
func (m *Model) MarshalJSON() ([]byte, error) {
	return json.Marshal(modelJSON{Constructs: m.Constructs(), Paths: m.Paths()})
}

// UnmarshalJSON decodes and validates a model encoded by
// [Model.MarshalJSON]; unknown fields are an error.
func (m *Model) UnmarshalJSON(data []byte) error {
	var j modelJSON
	if err := strictModel.Decode("model", data, &j); err != nil {
		return err
	}
	mm, err := NewModel(j.Constructs, j.Paths)
	if err != nil {
		return err
	}
	*m = *mm
	return nil
}

// strictModel decodes a model's JSON strictly: a key twice, a key in
// another case, an unknown key or data after the object are errors
// wrapping csat.ErrSyntax.
var strictModel = strictjson.Rules{Corrupt: csat.ErrSyntax, Duplicate: csat.ErrDuplicate, OutOfRange: csat.ErrOutOfRange}

// ParseModel reads a model from JSON (see [Model.MarshalJSON]) or from
// text in the syntax of R's lavaan and cSEM, one statement a line:
//
//	# the ECSI model (a comment)
//	Image        =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5
//	Expectation  =~ CUEX1 + CUEX2 + CUEX3
//	Expectation  ~ Image
//	Satisfaction ~ Image + Expectation
//
// "C =~ a + b" says that the indicators a and b measure the construct C;
// "C ~ A + B" that A and B are causes of C. Constructs are in the order of
// their first measurement line. Errors wrap [csat.ErrSyntax] with the line
// number, or [csat.ErrInvalid] from [NewModel].
func ParseModel(data []byte) (*Model, error) {
	if t := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\uFEFF"))); len(t) > 0 && t[0] == '{' {
		var m Model
		if err := m.UnmarshalJSON(t); err != nil {
			return nil, err
		}
		return &m, nil
	}
	if !utf8.Valid(data) {
		return nil, errs.New(csat.ErrSyntax, "model: not UTF-8: "+errs.Detail(csat.ErrSyntax))
	}
	var cons []Construct
	var paths []Path
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text, _, _ := strings.Cut(sc.Text(), "#")
		text = strings.TrimSpace(strings.TrimPrefix(text, "\uFEFF"))
		if text == "" {
			continue
		}
		bad := func(why string) error {
			return errs.New(csat.ErrSyntax, fmt.Sprintf("model: line %d: %s: %s", line, why, errs.Detail(csat.ErrSyntax)))
		}
		lhs, rhs, measure := strings.Cut(text, "=~")
		if !measure {
			var ok bool
			lhs, rhs, ok = strings.Cut(text, "~")
			if !ok {
				return nil, bad("want \"C =~ a + b\" or \"C ~ A + B\"")
			}
		}
		name := strings.TrimSpace(lhs)
		if name == "" || strings.ContainsAny(name, " \t+~=") {
			return nil, bad(fmt.Sprintf("%s is not one name", errs.QuoteShort(name)))
		}
		var terms []string
		for _, t := range strings.Split(rhs, "+") {
			t = strings.TrimSpace(t)
			if t == "" || strings.ContainsAny(t, " \t~=") {
				return nil, bad(fmt.Sprintf("%s is not one name", errs.QuoteShort(t)))
			}
			terms = append(terms, t)
		}
		if measure {
			cons = append(cons, Construct{Name: name, Indicators: terms})
			continue
		}
		for _, from := range terms {
			paths = append(paths, Path{From: from, To: name})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, errs.New(csat.ErrSyntax, fmt.Sprintf("model: line %d: %v: %s", line+1, err, errs.Detail(csat.ErrSyntax)))
	}
	return NewModel(cons, paths)
}

// ECSI returns the European Customer Satisfaction Index model as
// estimated on the mobile-phone data of R's semPLS package (the
// indicators are named as there, on a 1–10 scale): seven constructs and
// twelve paths.
//
//	Image (企业形象)        IMAG1–IMAG5
//	Expectation (顾客期望)  CUEX1–CUEX3
//	Quality (感知质量)      PERQ1–PERQ7
//	Value (感知价值)        PERV1–PERV2
//	Satisfaction (顾客满意) CUSA1–CUSA3
//	Complaints (顾客抱怨)   CUSCO
//	Loyalty (顾客忠诚)      CUSL1–CUSL3
//
//	Image → Expectation, Satisfaction, Loyalty
//	Expectation → Quality, Value, Satisfaction
//	Quality → Value, Satisfaction
//	Value → Satisfaction
//	Satisfaction → Complaints, Loyalty
//	Complaints → Loyalty
func ECSI() *Model {
	m, err := NewModel([]Construct{
		{"Image", []string{"IMAG1", "IMAG2", "IMAG3", "IMAG4", "IMAG5"}},
		{"Expectation", []string{"CUEX1", "CUEX2", "CUEX3"}},
		{"Quality", []string{"PERQ1", "PERQ2", "PERQ3", "PERQ4", "PERQ5", "PERQ6", "PERQ7"}},
		{"Value", []string{"PERV1", "PERV2"}},
		{"Satisfaction", []string{"CUSA1", "CUSA2", "CUSA3"}},
		{"Complaints", []string{"CUSCO"}},
		{"Loyalty", []string{"CUSL1", "CUSL2", "CUSL3"}},
	}, []Path{
		{"Image", "Expectation"}, {"Image", "Satisfaction"}, {"Image", "Loyalty"},
		{"Expectation", "Quality"}, {"Expectation", "Value"}, {"Expectation", "Satisfaction"},
		{"Quality", "Value"}, {"Quality", "Satisfaction"},
		{"Value", "Satisfaction"},
		{"Satisfaction", "Complaints"}, {"Satisfaction", "Loyalty"},
		{"Complaints", "Loyalty"},
	})
	if err != nil {
		panic(err) // a literal that is valid
	}
	return m
}

// ACSI returns the American Customer Satisfaction Index model (Fornell et
// al. 1996), the model China's CCSI (GB/T 19038) follows: six constructs
// and nine paths, with the indicators the ACSI questionnaire asks.
//
//	Expectation (顾客期望)  EXPE1 overall, EXPE2 customisation, EXPE3 reliability
//	Quality (感知质量)      QUAL1 overall, QUAL2 customisation, QUAL3 reliability
//	Value (感知价值)        VALU1 price given quality, VALU2 quality given price
//	Satisfaction (顾客满意) SATI1 overall, SATI2 against expectations, SATI3 against the ideal
//	Complaints (顾客抱怨)   COMP1 complaint handling
//	Loyalty (顾客忠诚)      LOYA1 repurchase, LOYA2 price tolerance
//
//	Expectation → Quality, Value, Satisfaction
//	Quality → Value, Satisfaction
//	Value → Satisfaction
//	Satisfaction → Complaints, Loyalty
//	Complaints → Loyalty
func ACSI() *Model {
	m, err := NewModel([]Construct{
		{"Expectation", []string{"EXPE1", "EXPE2", "EXPE3"}},
		{"Quality", []string{"QUAL1", "QUAL2", "QUAL3"}},
		{"Value", []string{"VALU1", "VALU2"}},
		{"Satisfaction", []string{"SATI1", "SATI2", "SATI3"}},
		{"Complaints", []string{"COMP1"}},
		{"Loyalty", []string{"LOYA1", "LOYA2"}},
	}, []Path{
		{"Expectation", "Quality"}, {"Expectation", "Value"}, {"Expectation", "Satisfaction"},
		{"Quality", "Value"}, {"Quality", "Satisfaction"},
		{"Value", "Satisfaction"},
		{"Satisfaction", "Complaints"}, {"Satisfaction", "Loyalty"},
		{"Complaints", "Loyalty"},
	})
	if err != nil {
		panic(err) // a literal that is valid
	}
	return m
}
