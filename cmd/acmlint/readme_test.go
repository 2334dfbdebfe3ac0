package main_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestReadmeProtocols checks that the README's "Protocols" table lists
// exactly the built-in protocols, by ID and in order. The catalog lives in
// an internal package this command cannot import, so its source is parsed:
// every `ID: "..."` field in builtin.go is a protocol.
func TestReadmeProtocols(t *testing.T) {
	root := filepath.Join("..", "..")
	builtin := filepath.Join(root, "analyzer", "internal", "protocol", "builtin.go")
	f, err := parser.ParseFile(token.NewFileSet(), builtin, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	ast.Inspect(f, func(n ast.Node) bool {
		kv, ok := n.(*ast.KeyValueExpr)
		if !ok {
			return true
		}
		if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "ID" {
			if lit, ok := kv.Value.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if id, err := strconv.Unquote(lit.Value); err == nil {
					want = append(want, id)
				}
			}
		}
		return true
	})
	if len(want) == 0 {
		t.Fatalf("found no protocol IDs in %s", builtin)
	}

	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	section := sectionOf(string(readme), "## Protocols")
	if section == "" {
		t.Fatal(`README.md has no "## Protocols" section`)
	}
	row := regexp.MustCompile("(?m)^\\| `([^`]+)` \\|")
	var got []string
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		got = append(got, m[1])
	}
	if !slices.Equal(got, want) {
		t.Errorf("README.md protocols table lists\n\t%s\nbut builtin.go defines\n\t%s",
			strings.Join(got, " "), strings.Join(want, " "))
	}
}

// sectionOf returns the text of the markdown section that starts with the
// heading line, up to the next heading of the same level.
func sectionOf(doc, heading string) string {
	i := strings.Index(doc, "\n"+heading+"\n")
	if i < 0 {
		return ""
	}
	rest := doc[i+1+len(heading):]
	level := heading[:strings.IndexByte(heading, ' ')+1]
	if j := strings.Index(rest, "\n"+level); j >= 0 {
		rest = rest[:j]
	}
	return rest
}
