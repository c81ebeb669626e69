package csat

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
	ABC{}, Adjustment{}, Adjustments{}, Assignment{}, Band{},
	Blend{}, Bounds(0), CSVOptions{}, Cell{}, CellError{}, ClassSummary{}, Code{}, CodeBook{},
	Complaint{},
	Confidence{}, Customer{}, Error{}, CustomerOptions{}, CustomerScore{}, CustomerScorer{},
	CustomerValue{}, Degree{}, Direction(0), EqualWeights{},
	Interval{}, ItemScore{}, Kind(0), Level{},
	LoyaltyData{}, LoyaltyIndex{}, LoyaltyIndexOptions{}, Mean{}, Measure{}, MissingPolicy(0),
	NPS{}, NPSCounts{}, NPSResult{}, Node{}, Outcome(0),
	ParseError{}, Period{}, Proportion{}, Purchase{}, Rate{},
	RepeatRate{}, Result{}, Scale{},
	ShareOfWallet{}, Status(0), Table{},
	Tally{}, Tree{}, TreeOptions{},
	VisitNote{}, Weight{}, WeightError{},
}

// Interfaces have no zero value to call; they are listed to be complete.
var zeroInterfaces = []string{"IntervalScorer", "LoyaltyMetric", "Scorer", "Segmenter", "WeightingScheme"}

var zeroFuncs = map[string]any{
	"Approx": Approx, "CLV": CLV,
	"CLVConstant": CLVConstant, "CheckIDs": CheckIDs,

	"DefaultAdjustments": DefaultAdjustments,
	"DegreeInterval":     DegreeInterval, "Difference": Difference,
	"FivePoint": FivePoint, "FromRat": FromRat, "Given": Given, "NPSScale": NPSScale,
	"NewAdjustments": NewAdjustments, "NewBlend": NewBlend, "NewCodeBook": NewCodeBook, "NewCustomerScorer": NewCustomerScorer,
	"NewLoyaltyIndex": NewLoyaltyIndex, "NewScale": NewScale, "NewTable": NewTable, "NewTally": NewTally, "NewTree": NewTree,
	"Outcomes": Outcomes, "PVCBands": PVCBands, "PVCCustomerScorer": PVCCustomerScorer, "PVCTree": PVCTree,
	"ParseOutcome": ParseOutcome, "Quotient": Quotient,
	"RateInterval": RateInterval, "ReadTableCSV": ReadTableCSV,
	"SatisfiedOf": SatisfiedOf, "SelfSurvey": SelfSurvey, "SevenMeasures": SevenMeasures, "Sum": Sum, "Summarize": Summarize,
	"VisitQuestionnaire": VisitQuestionnaire,
	"WeightedMean":       WeightedMean, "Wilson": Wilson,
	// MustTree panics by contract on an invalid literal ("Must*"); it is
	// the one documented exception.
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
				if k == 2 && isErrorMethod(typ, name) {
					continue // a nil *ParseError is not an error value, as a nil *strconv.NumError is not
				}
				callZero(t, rv.Type().String()+"."+name, rv.Method(i))
			}
		}
	}
	for name, f := range zeroFuncs {
		callZero(t, name, reflect.ValueOf(f))
	}
}

// isErrorMethod reports whether name is Error or Unwrap of an error type:
// like the standard library's (strconv.NumError, fs.PathError), csat's
// error types do not guard against a nil receiver.
func isErrorMethod(typ reflect.Type, name string) bool {
	return (name == "Error" || name == "Unwrap") && reflect.PointerTo(typ).Implements(reflect.TypeFor[error]())
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
				if d.Recv == nil && d.Name.IsExported() && zeroFuncs[d.Name.Name] == nil && d.Name.Name != "MustTree" {
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
