package plan

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

	"github.com/csatkit/csat"
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
		{"Relationship", []textEnum{Basic, Reactive, Accountable, Proactive, Partnership}, Relationship(0), func(b []byte) (textEnum, error) { var v Relationship; err := v.UnmarshalText(b); return v, err }},
		{"Margin", []textEnum{HighMargin, MediumMargin, LowMargin}, Margin(0), func(b []byte) (textEnum, error) { var v Margin; err := v.UnmarshalText(b); return v, err }},
		{"CustomerCount", []textEnum{ManyCustomers, MediumCustomers, FewCustomers}, CustomerCount(0), func(b []byte) (textEnum, error) { var v CustomerCount; err := v.UnmarshalText(b); return v, err }},
		{"Method", []textEnum{InDepthInterview, FocusGroup, Telephone, MailQuestionnaire, HomeVisit, MysteryShopper}, Method(0), func(b []byte) (textEnum, error) { var v Method; err := v.UnmarshalText(b); return v, err }},
		{"Allocation", []textEnum{Proportional, Neyman}, Allocation(5), func(b []byte) (textEnum, error) { var v Allocation; err := v.UnmarshalText(b); return v, err }},
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
			if _, err := c.bad.MarshalText(); !errors.Is(err, csat.ErrInvalid) {
				t.Errorf("MarshalText of %v: %v, want ErrInvalid", c.bad, err)
			}
			if _, err := c.decode([]byte("no such name")); !errors.Is(err, csat.ErrInvalid) {
				t.Errorf("unknown name: %v, want ErrInvalid", err)
			}
		})
	}
}

// The bad-input catalogue of the package's own sentinels, each triggered
// by a real bad input and matched with errors.Is. TestCatalogueComplete
// checks that no sentinel is missing from it.
var catalogue = []struct {
	name    string
	trigger func(t *testing.T) error
	is      error
}{
	{"ErrTooFewForms", func(*testing.T) error {
		return Plan{Period: "p", Method: Telephone, PlannedForms: 10, PlannedCompetitorForms: 10}.Check(nil)
	}, ErrTooFewForms},
	{"ErrTooFewCompetitorForms", func(*testing.T) error { return Plan{Period: "p", Method: Telephone, PlannedForms: 100}.Check(nil) }, ErrTooFewCompetitorForms},
	{"ErrKeyCustomerMissing", func(*testing.T) error {
		return Plan{Period: "p", Method: Telephone, PlannedForms: 100, PlannedCompetitorForms: 10, KeyCustomers: []string{"K"}}.Check(nil)
	}, ErrKeyCustomerMissing},
}

func TestCatalogue(t *testing.T) {
	for _, c := range catalogue {
		t.Run(c.name, func(t *testing.T) {
			err := c.trigger(t)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, c.is) {
				t.Errorf("%v does not match %v", err, c.is)
			}
			if !strings.HasPrefix(err.Error(), "csat: ") || strings.Count(err.Error(), "csat: ") != 1 {
				t.Errorf("message %q must start with one \"csat: \"", err)
			}
		})
	}
}

// TestCatalogueComplete fails when errors.go declares a sentinel that the
// catalogue does not trigger.
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
				if s.Name.IsExported() {
					t.Errorf("error type %s: plan reports context with csat's typed errors", s.Name.Name)
				}
			}
		}
	}
}

// A customer's error prints "csat: " once, as csat's own do, and the
// enums' errors too.
func TestErrorPrefixOnce(t *testing.T) {
	var m Method
	for _, err := range []error{
		customerErrorf("c", csat.ErrInvalid, "schedule: no class"),
		m.UnmarshalText([]byte("fax")),
		func() error { _, err := Cochran(&SampleSizeOptions{Level: dec("1")}); return err }(),
	} {
		if err == nil || !strings.HasPrefix(err.Error(), "csat: ") || strings.Count(err.Error(), "csat: ") != 1 {
			t.Errorf("message %q must start with one \"csat: \"", err)
		}
	}
	if got, want := customerErrorf("c", csat.ErrInvalid, "schedule: no class").Error(), `csat: customer "c": schedule: no class: invalid argument`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
