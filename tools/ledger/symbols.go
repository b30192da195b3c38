package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
)

// declared returns the names that package pkg of a Go tree declares at top
// level, in any of its files (whatever their build constraints): its
// functions, types, variables and constants, and its methods as
// Type.Method, the way the database names symbols. It reports false when
// the tree has no such package (looking under src, src/vendor and
// src/cmd/vendor).
func declared(tree, pkg string) (map[string]bool, bool) {
	for _, dir := range []string{"src", "src/vendor", "src/cmd/vendor"} {
		files, _ := filepath.Glob(filepath.Join(tree, dir, pkg, "*.go"))
		if len(files) == 0 {
			continue
		}
		names := map[string]bool{}
		fset := token.NewFileSet()
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			file, err := parser.ParseFile(fset, f, src, parser.SkipObjectResolution)
			if file == nil {
				continue // even the package clause is unreadable
			}
			_ = err // a partly parsed file still names what it declares
			addDecls(names, file)
		}
		return names, true
	}
	return nil, false
}

func addDecls(names map[string]bool, file *ast.File) {
	for _, d := range file.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil && len(d.Recv.List) == 1 {
				names[receiverType(d.Recv.List[0].Type)+"."+d.Name.Name] = true
			} else {
				names[d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names[s.Name.Name] = true
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names[n.Name] = true
					}
				}
			}
		}
	}
}

// receiverType returns the name of a method's receiver type: T for T,
// *T, T[K] and *T[K].
func receiverType(x ast.Expr) string {
	for {
		switch t := x.(type) {
		case *ast.StarExpr:
			x = t.X
		case *ast.IndexExpr:
			x = t.X
		case *ast.IndexListExpr:
			x = t.X
		case *ast.ParenExpr:
			x = t.X
		case *ast.Ident:
			return t.Name
		default:
			return "?"
		}
	}
}
