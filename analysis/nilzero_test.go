package analysis

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// zeroTypes holds a zero value of every exported type (and, through
// reflection, a nil pointer to it); zeroFuncs every exported function.
// TestNilAndZeroValues calls every exported method on zero values and nil
// pointers, and every exported function, with zero arguments: each must
// work or return an error, never panic. TestNilAndZeroComplete checks
// that nothing exported is missing from the lists.
var zeroTypes = []any{
	Action{}, ActionKind(0), ActionStatus(0), Against(0), BandCount{}, Change{}, CompanyFigures{}, CompanyOptions{},
	CompareOptions{}, Comparison{}, ComplaintFigures{}, ComplaintOptions{}, DissatisfiedCell{}, DurationStats{},
	Figure{}, Gap{}, Headline{}, Input{}, ItemComparison{}, ItemFigures{}, LossModel(0), LostMode(0), LostPolicy{},
	OpenComplaint{}, OutcomeCount{}, ParetoEntry{}, RankedCustomer{}, Report{}, SourceFigures{}, TargetFigure{},
	TargetMethod(0), TargetResult{}, TrendPoint{}, TrendReport{},
}

// Interfaces have no zero value to call; they are listed to be complete.
var zeroInterfaces = []string{}

var zeroFuncs = map[string]any{
	"Build": Build, "Company": Company, "CompareCompetitor": CompareCompetitor, "CompareDegrees": CompareDegrees,
	"CompareRates": CompareRates, "Complaints": Complaints, "Dissatisfied": Dissatisfied, "Gaps": Gaps,
	"Pareto": Pareto, "Target": Target, "Trend": Trend,
}

// callZero calls f with zero arguments (a reader argument gets an empty
// reader), reporting a panic.
func callZero(t *testing.T, name string, f reflect.Value) {
	t.Helper()
	ft := f.Type()
	if ft.IsVariadic() {
		ft = reflect.FuncOf(nil, nil, false) // call with no variadic arguments
	}
	args := make([]reflect.Value, f.Type().NumIn())
	for i := range args {
		in := f.Type().In(i)
		switch {
		case f.Type().IsVariadic() && i == len(args)-1:
			args = args[:i]
		case in.String() == "io.Reader":
			args[i] = reflect.ValueOf(strings.NewReader(""))
		default:
			args[i] = reflect.Zero(in)
		}
	}
	_ = ft
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s panics on zero arguments: %v", name, r)
		}
	}()
	f.Call(args)
}

func TestNilAndZeroValues(t *testing.T) {
	for _, v := range zeroTypes {
		typ := reflect.TypeOf(v)
		for k, rv := range []reflect.Value{reflect.ValueOf(v), reflect.New(typ), reflect.Zero(reflect.PointerTo(typ))} {
			for i := 0; i < rv.NumMethod(); i++ {
				name := rv.Type().Method(i).Name
				if _, valueMethod := typ.MethodByName(name); k == 2 && valueMethod {
					continue // a value method through a nil pointer panics in Go itself, as time.Time's do
				}
				callZero(t, rv.Type().String()+"."+name, rv.Method(i))
			}
		}
	}
	for name, f := range zeroFuncs {
		callZero(t, name, reflect.ValueOf(f))
	}
}

func TestNilAndZeroComplete(t *testing.T) {
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]bool{}
	for _, v := range zeroTypes {
		types[reflect.TypeOf(v).Name()] = true
	}
	for _, n := range zeroInterfaces {
		types[n] = true
	}
	fset := token.NewFileSet()
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.IsExported() && zeroFuncs[d.Name.Name] == nil {
					t.Errorf("%s: function %s is not in zeroFuncs", name, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					if ts, ok := spec.(*ast.TypeSpec); ok && ts.Name.IsExported() && !types[ts.Name.Name] {
						t.Errorf("%s: type %s is not in zeroTypes", name, ts.Name.Name)
					}
				}
			}
		}
	}
}
