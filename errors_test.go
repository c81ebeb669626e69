package csat

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

type textEnum interface {
	encoding.TextMarshaler
	fmt.Stringer
}

// Every enum marshals to its name, reads it back, and refuses an unknown
// name or value with ErrInvalid; JSON shows the text, never a number.
func TestEnumsText(t *testing.T) {
	cases := []struct {
		name   string
		values []textEnum
		bad    textEnum
		decode func([]byte) (textEnum, error)
	}{
		{"Kind", []textEnum{Points, Fraction}, Kind(9), func(b []byte) (textEnum, error) { var v Kind; err := v.UnmarshalText(b); return v, err }},
		{"MissingPolicy", []textEnum{Renormalize, RequireAll}, MissingPolicy(5), func(b []byte) (textEnum, error) { var v MissingPolicy; err := v.UnmarshalText(b); return v, err }},
		{"Status", []textEnum{Active, AtRisk, Lost}, Status(5), func(b []byte) (textEnum, error) { var v Status; err := v.UnmarshalText(b); return v, err }},
		{"Bounds", []textEnum{DeclaredBounds, PopulationRange}, Bounds(5), func(b []byte) (textEnum, error) { var v Bounds; err := v.UnmarshalText(b); return v, err }},
		{"Direction", []textEnum{HigherIsLoyal, LowerIsLoyal}, Direction(0), func(b []byte) (textEnum, error) { var v Direction; err := v.UnmarshalText(b); return v, err }},
		{"Outcome", []textEnum{NotHandled, HandledVerySatisfied}, Outcome(0), func(b []byte) (textEnum, error) { var v Outcome; err := v.UnmarshalText(b); return v, err }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			seen := map[string]bool{}
			for _, v := range c.values {
				b, err := v.MarshalText()
				if err != nil {
					t.Fatalf("%v: %v", v, err)
				}
				if seen[string(b)] {
					t.Errorf("%q used twice", b)
				}
				seen[string(b)] = true
				back, err := c.decode(b)
				if err != nil || back != v {
					t.Errorf("%q decodes to %v (%v), want %v", b, back, err, v)
				}
				js, err := json.Marshal(v)
				if err != nil || js[0] != '"' {
					t.Errorf("JSON of %v is %s (%v), not its text", v, js, err)
				}
			}
			if _, err := c.bad.MarshalText(); !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrUnknownOutcome) {
				t.Errorf("MarshalText of %v: %v, want ErrInvalid", c.bad, err)
			}
			if _, err := c.decode([]byte("no such name")); !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrUnknownOutcome) {
				t.Errorf("unknown name: %v, want ErrInvalid", err)
			}
		})
	}
}

// The bad-input catalogue: every error class the package returns, each
// triggered by a real bad input and matched with errors.Is (sentinels)
// or errors.As (typed errors). TestCatalogueComplete checks that no
// sentinel or error type is missing from it.
var catalogue = []struct {
	name    string
	trigger func(t *testing.T) error
	is      error
	as      func(error) bool
}{
	{"ErrInvalidScale", func(*testing.T) error { _, err := NewScale("", dec("10"), nil); return err }, ErrInvalidScale, nil},
	{"ErrUnknownLevel", func(*testing.T) error { tl := NewTally(FivePoint()); return tl.AddKey("great") }, ErrUnknownLevel, nil},
	{"ErrOverflow", func(*testing.T) error { tl := NewTally(FivePoint()); _ = tl.AddN(0, ^uint64(0)); return tl.Add(0) }, ErrOverflow, nil},
	{"ErrEmpty", func(*testing.T) error { _, err := Degree{}.Score(NewTally(FivePoint())); return err }, ErrEmpty, nil},
	{"ErrScaleMismatch", func(*testing.T) error { tl := NewTally(FivePoint()); return tl.Merge(NewTally(PVCBands())) }, nil, nil},
	{"ErrKindMismatch", func(*testing.T) error {
		_, err := Sum("s", mustGiven("", Points, dec("1")), mustGiven("", Fraction, dec("0.5")))
		return err
	}, ErrKindMismatch, nil},
	{"ErrCorrupt", func(*testing.T) error { tl := NewTally(FivePoint()); return tl.UnmarshalBinary([]byte("junk")) }, ErrCorrupt, nil},
	{"ErrWeightsMismatch", func(*testing.T) error { _, err := NewTree(pvcTreeAsPrinted(), nil); return err }, ErrWeightsMismatch, nil},
	{"ErrNegative", func(*testing.T) error {
		_, err := NewBlend([]Weight{{"a", dec("-1")}, {"b", dec("2")}}, Renormalize)
		return err
	}, ErrNegative, nil},
	{"ErrDuplicate", func(*testing.T) error {
		_, err := NewBlend([]Weight{{"a", dec("0.5")}, {"a", dec("0.5")}}, Renormalize)
		return err
	}, ErrDuplicate, nil},
	{"ErrMissing", func(*testing.T) error {
		_, err := SelfSurvey().Combine(map[string]Result{})
		return err
	}, ErrMissing, nil},
	{"ErrUnknownItem", func(*testing.T) error {
		tab := NewTable(FivePoint())
		_ = tab.Add("a", SourceSurvey, 0)
		_, err := tab.Tally("b", SourceSurvey)
		return err
	}, ErrUnknownItem, nil},
	{"ErrOutOfRange", func(*testing.T) error { _, err := Given("self", Fraction, dec("82")); return err }, ErrOutOfRange, nil},
	{"ErrInvalid", func(*testing.T) error { _, err := Quotient("x", Points, dec("1"), dec("0")); return err }, ErrInvalid, nil},
	{"ErrOutOfBand", func(*testing.T) error {
		_, err := PVCCustomerScorer().Visit(map[string]VisitNote{"品质": {Level: "很满意", Estimate: decimal.NewNullDecimal(dec("50"))}})
		return err
	}, ErrOutOfBand, nil},
	{"ErrUnknownOutcome", func(*testing.T) error { return Complaint{ID: "c"}.Validate() }, ErrUnknownOutcome, nil},
	{"ErrBadTimes", func(*testing.T) error {
		return Complaint{ID: "c", Outcome: NotHandled, Received: at("2026-01-02 00:00"), FirstResponse: at("2026-01-01 00:00")}.Validate()
	}, ErrBadTimes, nil},
	{"ErrTooFew", func(t *testing.T) error { _, err := DegreeInterval(tallyOf(t, 1), Confidence{}); return err }, ErrTooFew, nil},
	{"ErrSyntax", func(*testing.T) error {
		_, err := ReadTableCSV(strings.NewReader("item,source,level\nx\"y,s,满意\n"), FivePoint(), nil)
		return err
	}, ErrSyntax, nil},
	{"Error", func(*testing.T) error { _, err := PVCCustomerScorer().Score(Customer{ID: "c"}); return err }, ErrMissing,
		func(err error) bool { var e *Error; return errors.As(err, &e) && e.Part == "customer" && e.Name == "c" }},
	{"Error of an item", func(*testing.T) error {
		_, err := PVCCustomerScorer().Visit(map[string]VisitNote{"品质": {Level: "很好"}})
		return err
	}, ErrUnknownLevel, func(err error) bool {
		var e *Error
		return errors.As(err, &e) && e.Part == "item" && e.Name == "品质"
	}},
	// An Error of a period comes from analysis.Trend and the readers of
	// io/sheet; analysis's tests trigger it for real (TestErrorsWrapCsat).
	{"Error of a period", func(*testing.T) error {
		return &Error{Part: "period", Name: "b", Err: errorf(ErrEmpty, "trend: no table")}
	}, ErrEmpty, func(err error) bool { var e *Error; return errors.As(err, &e) && e.Part == "period" && e.Name == "b" }},
	{"CellError", func(*testing.T) error {
		a, b := NewTable(FivePoint()), NewTable(FivePoint())
		_ = a.AddN("x", "s", 0, ^uint64(0))
		_ = b.Add("x", "s", 0)
		return a.Merge(b)
	}, ErrOverflow, func(err error) bool { var e *CellError; return errors.As(err, &e) && e.Item == "x" && e.Source == "s" }},
	{"ParseError", func(*testing.T) error {
		_, err := ReadTableCSV(strings.NewReader("item,source,level\nx,s,great\n"), FivePoint(), nil)
		return err
	}, ErrUnknownLevel,
		func(err error) bool { var e *ParseError; return errors.As(err, &e) && e.Line == 2 && e.Field == 3 }},
	{"WeightError", func(*testing.T) error { _, err := NewTree(pvcTreeAsPrinted(), nil); return err }, ErrWeightsMismatch,
		func(err error) bool {
			var e *WeightError
			return errors.As(err, &e) && e.Node == "购销过程" && !e.Root
		}},
	{"Error of a node", func(*testing.T) error {
		_, err := NewTree(Node{Name: "r", Weight: dec("1"), Children: []Node{{Name: "a", Weight: dec("-1")}}}, nil)
		return err
	}, ErrNegative,
		func(err error) bool { var e *Error; return errors.As(err, &e) && e.Part == "node" && e.Name == "a" }},
}

func TestCatalogue(t *testing.T) {
	for _, c := range catalogue {
		t.Run(c.name, func(t *testing.T) {
			err := c.trigger(t)
			if err == nil {
				t.Fatal("no error")
			}
			is := c.is
			if is == nil {
				is = ErrScaleMismatch
			}
			if !errors.Is(err, is) {
				t.Errorf("%v does not match %v", err, is)
			}
			if c.as != nil && !c.as(err) {
				t.Errorf("%v: errors.As finds no %s with the right fields", err, c.name)
			}
			if !strings.HasPrefix(err.Error(), "csat: ") || strings.Count(err.Error(), "csat: ") != 1 {
				t.Errorf("message %q must start with one \"csat: \"", err)
			}
		})
	}
}

// TestCatalogueComplete fails when errors.go declares a sentinel or an
// error type that the catalogue does not trigger.
func TestCatalogueComplete(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "errors.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, c := range catalogue {
		have[c.name] = true
	}
	for _, decl := range f.Decls {
		g, ok := decl.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range g.Specs {
			switch s := spec.(type) {
			case *ast.ValueSpec:
				for _, n := range s.Names {
					if n.IsExported() && strings.HasPrefix(n.Name, "Err") && !have[n.Name] {
						t.Errorf("sentinel %s is not in the catalogue", n.Name)
					}
				}
			case *ast.TypeSpec:
				if s.Name.IsExported() && strings.HasSuffix(s.Name.Name, "Error") && !have[s.Name.Name] {
					t.Errorf("error type %s is not in the catalogue", s.Name.Name)
				}
			}
		}
	}
}

// TestParseErrorText checks the texts of a ParseError: a CSV field, a
// syntax error naming its field's header, and a spreadsheet's sheet and
// cell instead of line and field.
func TestParseErrorText(t *testing.T) {
	for _, c := range []struct {
		e    *ParseError
		want string
	}{
		{&ParseError{File: "a.csv", Line: 3, Field: 2, Header: "品质", Err: ErrInvalid}, "csat: a.csv line 3, field 2: invalid argument"},
		{&ParseError{File: "a.csv", Line: 3, Field: 2, Header: "品质", Column: 7, Err: ErrSyntax}, `csat: a.csv line 3, field 2 ("品质"), byte column 7: malformed input`},
		{&ParseError{Line: 3, Column: 7, Err: ErrSyntax}, "csat: csv line 3, byte column 7: malformed input"},
		{&ParseError{File: "a.xlsx", Sheet: "数据", Cell: "F2", Line: 2, Field: 6, Err: ErrInvalid}, `csat: a.xlsx sheet "数据", cell F2: invalid argument`},
		{&ParseError{File: "a.xlsx", Sheet: "数据", Line: 4, Err: ErrSyntax}, `csat: a.xlsx sheet "数据", row 4: malformed input`},
		{&ParseError{Sheet: "S", Line: 4, Err: ErrSyntax}, `csat: sheet "S", row 4: malformed input`},
	} {
		if got := c.e.Error(); got != c.want {
			t.Errorf("got  %s\nwant %s", got, c.want)
		}
	}
}
