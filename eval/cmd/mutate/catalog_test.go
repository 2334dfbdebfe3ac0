package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// builtinRows parses acmlint's catalog, analyzer/internal/protocol/builtin.go,
// and returns its protocol IDs and every other string literal in it (the
// enters and exits).
func builtinRows(t *testing.T) (ids []string, strs map[string]bool) {
	t.Helper()
	name := filepath.Join("..", "..", "..", "analyzer", "internal", "protocol", "builtin.go")
	f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	strs = make(map[string]bool)
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.KeyValueExpr:
			if k, ok := n.Key.(*ast.Ident); ok && k.Name == "ID" {
				if lit, ok := n.Value.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					id, _ := strconv.Unquote(lit.Value)
					ids = append(ids, id)
				}
			}
		case *ast.BasicLit:
			if n.Kind == token.STRING {
				s, _ := strconv.Unquote(n.Value)
				strs[s] = true
			}
		}
		return true
	})
	if len(ids) == 0 {
		t.Fatalf("%s: no protocol IDs", name)
	}
	return ids, strs
}

// The mirrored catalog agrees with acmlint's: every ID, enter and exit
// named here is in builtin.go, and every built-in protocol is mirrored or
// deliberately skipped.
func TestCatalogMirrorsBuiltin(t *testing.T) {
	ids, strs := builtinRows(t)
	mirrored := make(map[string]bool)
	for _, p := range builtinProtocols() {
		mirrored[p.ID] = true
		if !slices.Contains(ids, p.ID) {
			t.Errorf("protocol %s is not in builtin.go", p.ID)
		}
		for _, e := range p.Enters {
			if !strs[e.Func] {
				t.Errorf("protocol %s: enter %s is not in builtin.go", p.ID, e.Func)
			}
		}
		for _, x := range p.Exits {
			if !strs[x] {
				t.Errorf("protocol %s: exit %s is not in builtin.go", p.ID, x)
			}
		}
	}
	for _, id := range ids {
		if !mirrored[id] && !slices.Contains(skippedProtocols, id) {
			t.Errorf("built-in protocol %s is neither mirrored in catalog.go nor in skippedProtocols", id)
		}
	}
}
