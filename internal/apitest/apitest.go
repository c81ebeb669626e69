// Package apitest holds the checks that every package of csat runs on its
// own API in its tests: a doc comment on every exported name, and no
// panic from any exported method or function called with zero values.
// Only tests import it.
package apitest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// sources parses the package's non-test Go files in dir, with comments.
func sources(t *testing.T, dir string) (*token.FileSet, map[string]*ast.File) {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	files := map[string]*ast.File{}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(name)] = f
	}
	return fset, files
}

// DocComments fails t for any exported name of the package in dir (type,
// function, method of an exported type, constant, variable) without a doc
// comment, and for a doc.go without the package doc. A constant or
// variable in a documented group counts as documented; struct fields are
// described in their type's doc.
func DocComments(t *testing.T, dir string) {
	t.Helper()
	fset, files := sources(t, dir)
	missing := func(pos token.Pos, name string) {
		t.Errorf("%s: exported %s has no doc comment", fset.Position(pos), name)
	}
	if f, ok := files["doc.go"]; ok && f.Doc == nil {
		t.Error("doc.go has no package doc")
	}
	for _, f := range files {
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Name.IsExported() && d.Doc == nil && (d.Recv == nil || exportedRecv(d.Recv)) {
					missing(d.Pos(), d.Name.Name)
				}
			case *ast.GenDecl:
				genDocs(d, missing)
			}
		}
	}
}

// genDocs checks the types, constants and variables of one declaration.
func genDocs(d *ast.GenDecl, missing func(token.Pos, string)) {
	for _, spec := range d.Specs {
		switch s := spec.(type) {
		case *ast.TypeSpec:
			if s.Name.IsExported() && s.Doc == nil && d.Doc == nil {
				missing(s.Pos(), s.Name.Name)
			}
		case *ast.ValueSpec:
			for _, n := range s.Names {
				if n.IsExported() && s.Doc == nil && s.Comment == nil && d.Doc == nil {
					missing(n.Pos(), n.Name)
				}
			}
		}
	}
}

func exportedRecv(fl *ast.FieldList) bool {
	typ := fl.List[0].Type
	if s, ok := typ.(*ast.StarExpr); ok {
		typ = s.X
	}
	id, ok := typ.(*ast.Ident)
	return ok && id.IsExported()
}

// NilAndZero calls every exported method of each of types on its zero
// value, on a new pointer to it and on a nil pointer, and every function
// of funcs with zero arguments (a reader argument gets an empty reader):
// each must work or return an error, never panic. Two calls are not
// made: a value method through a nil pointer (it panics in Go itself, as
// time.Time's do), and Error or Unwrap of an error type through a nil
// pointer (a nil *strconv.NumError is not an error value either).
func NilAndZero(t *testing.T, types []any, funcs map[string]any) {
	t.Helper()
	for _, v := range types {
		typ := reflect.TypeOf(v)
		for k, rv := range []reflect.Value{reflect.ValueOf(v), reflect.New(typ), reflect.Zero(reflect.PointerTo(typ))} {
			for i := 0; i < rv.NumMethod(); i++ {
				name := rv.Type().Method(i).Name
				if _, valueMethod := typ.MethodByName(name); k == 2 && (valueMethod || isErrorMethod(typ, name)) {
					continue
				}
				callZero(t, rv.Type().String()+"."+name, rv.Method(i))
			}
		}
	}
	for name, f := range funcs {
		callZero(t, name, reflect.ValueOf(f))
	}
}

// isErrorMethod reports whether name is Error or Unwrap of an error type.
func isErrorMethod(typ reflect.Type, name string) bool {
	return (name == "Error" || name == "Unwrap") && reflect.PointerTo(typ).Implements(reflect.TypeFor[error]())
}

// callZero calls f with zero arguments, reporting a panic.
func callZero(t *testing.T, name string, f reflect.Value) {
	t.Helper()
	ft := f.Type()
	args := make([]reflect.Value, 0, ft.NumIn())
	for i := 0; i < ft.NumIn(); i++ {
		in := ft.In(i)
		switch {
		case ft.IsVariadic() && i == ft.NumIn()-1:
			// no variadic arguments
		case in.String() == "io.Reader":
			args = append(args, reflect.ValueOf(strings.NewReader("")))
		default:
			args = append(args, reflect.Zero(in))
		}
	}
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s panics on zero arguments: %v", name, r)
		}
	}()
	f.Call(args)
}

// Complete fails t for an exported type of the package in dir that is
// not among types or interfaces, and for an exported function not in
// funcs or except (functions that panic by contract, as Must* do).
func Complete(t *testing.T, dir string, types []any, interfaces []string, funcs map[string]any, except ...string) {
	t.Helper()
	have := map[string]bool{}
	for _, v := range types {
		have[reflect.TypeOf(v).Name()] = true
	}
	for _, n := range interfaces {
		have[n] = true
	}
	_, files := sources(t, dir)
	for name, f := range files {
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				n := d.Name.Name
				if d.Recv == nil && d.Name.IsExported() && funcs[n] == nil && !slices.Contains(except, n) {
					t.Errorf("%s: function %s is not in the list of functions", name, n)
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					if ts, ok := spec.(*ast.TypeSpec); ok && ts.Name.IsExported() && !have[ts.Name.Name] {
						t.Errorf("%s: type %s is not in the list of types", name, ts.Name.Name)
					}
				}
			}
		}
	}
}
