// Command apicount counts the exported names of a Go package directory, as
// issue 17 counts them: exported types, functions, methods (exported
// methods of exported types), constants and variables, tests excluded.
//
//	go run ./scripts/apicount [-v] [-max N] [dir]
//
// With -v it lists the names by file; with -max it exits 1 when the count
// is over N (CI uses -max 300 on the root package).
package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	verbose := flag.Bool("v", false, "list the names by file")
	maxNames := flag.Int("max", 0, "exit 1 when the count is over this (0: no limit)")
	flag.Parse()
	dir := "."
	if flag.NArg() > 0 {
		dir = flag.Arg(0)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fset := token.NewFileSet()
	var c counts
	byFile := map[string][]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.PackageClauseOnly|parser.SkipObjectResolution)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if f.Name.Name == "main" || strings.HasSuffix(f.Name.Name, "_test") {
			continue
		}
		f, err = parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		byFile[name] = append(byFile[name], c.file(f)...)
	}
	if *verbose {
		files := make([]string, 0, len(byFile))
		for f := range byFile {
			files = append(files, f)
		}
		sort.Strings(files)
		for _, f := range files {
			fmt.Printf("%s (%d): %s\n", f, len(byFile[f]), strings.Join(byFile[f], " "))
		}
	}
	total := c.types + c.funcs + c.methods + c.consts + c.vars
	fmt.Printf("%s: %d exported names (%d types, %d funcs, %d methods, %d consts, %d vars)\n",
		dir, total, c.types, c.funcs, c.methods, c.consts, c.vars)
	if *maxNames > 0 && total > *maxNames {
		fmt.Fprintf(os.Stderr, "over the limit of %d\n", *maxNames)
		os.Exit(1)
	}
}

type counts struct{ types, funcs, methods, consts, vars int }

// file counts one file's exported names and returns them.
func (c *counts) file(f *ast.File) []string {
	var names []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if !d.Name.IsExported() {
				continue
			}
			if d.Recv == nil {
				c.funcs++
				names = append(names, d.Name.Name)
				continue
			}
			recv := recvName(d.Recv.List[0].Type)
			if !ast.IsExported(recv) {
				continue // a method of an unexported type is not in the API
			}
			c.methods++
			names = append(names, recv+"."+d.Name.Name)
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					if s.Name.IsExported() {
						c.types++
						names = append(names, s.Name.Name)
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if !n.IsExported() {
							continue
						}
						if d.Tok == token.CONST {
							c.consts++
						} else {
							c.vars++
						}
						names = append(names, n.Name)
					}
				}
			}
		}
	}
	return names
}

func recvName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return recvName(e.X)
	case *ast.IndexExpr:
		return recvName(e.X)
	case *ast.IndexListExpr:
		return recvName(e.X)
	case *ast.Ident:
		return e.Name
	}
	return "?"
}
