package analyzer_test

import (
	"path/filepath"
	"testing"

	"github.com/acmlint/acmlint/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// testdata is the repository's top-level testdata tree (GOPATH layout:
// testdata/src/<pkg>), a sibling of the analyzer package.
func testdata() string {
	return filepath.Join(filepath.Dir(analysistest.TestData()), "..", "testdata")
}

// diagsAndNamedFacts passes analysistest's errors through except
// "unexpected fact": nearly every function exports a summary, and the
// protocol packages assert diagnostics and only the facts they name with
// `// want name:"fact"` (a named fact that is missing still fails). The
// facts/wrap package runs with the plain *testing.T, so every fact there
// is asserted.
type diagsAndNamedFacts struct{ t *testing.T }

func (f diagsAndNamedFacts) Errorf(format string, args ...any) {
	f.t.Helper()
	if format == "%v: unexpected %s: %v" && len(args) == 3 && args[1] == "fact" {
		return
	}
	f.t.Errorf(format, args...)
}

// run checks the packages of the top-level testdata tree.
func run(t *testing.T, pkgs ...string) {
	t.Helper()
	analysistest.Run(diagsAndNamedFacts{t}, testdata(), analyzer.Analyzer, pkgs...)
}
