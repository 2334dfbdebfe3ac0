package analyzer

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

// A panic inside one function's analysis becomes an internal-error
// diagnostic on that function; the caller goes on.
func TestPanicBecomesInternalError(t *testing.T) {
	const src = `package p

import "os"

func f(name string) { os.Open(name) }
`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset,
		types.NewPackage("p", "p"), []*ast.File{file}, ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatal(err)
	}
	fn := pkg.Func("f")
	// A checker with no catalog: looking up an enter dereferences nil.
	c := &checker{cfg: &Config{MaxBlocks: defaultMaxBlocks}, ssaPkg: pkg, sums: map[*ssa.Function]*Summary{}}
	sum := c.analyze(fn)
	if sum == nil {
		t.Fatal("analyze returned no summary after a panic")
	}
	if c.stats.InternalErrors != 1 || len(c.diags) != 1 {
		t.Fatalf("got %d internal errors and diagnostics %v, want one", c.stats.InternalErrors, c.diags)
	}
	d := c.diags[0]
	if d.Category != catInternal || !strings.HasPrefix(d.Message, "internal error: acmlint could not analyse f: ") || strings.Contains(d.Message, "\n") {
		t.Errorf("diagnostic = %q (%s), want a one-line internal error about f", d.Message, d.Category)
	}
	if d.Pos != fn.Pos() {
		t.Errorf("diagnostic at %v, want the function at %v", fset.Position(d.Pos), fset.Position(fn.Pos()))
	}
}
