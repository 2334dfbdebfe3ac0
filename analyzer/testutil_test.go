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

// diagsAndNamedFacts ignores only analysistest's "unexpected fact"
// errors (see analyzer.IgnoreUnexpectedFacts). The facts/wrap package
// runs with the plain *testing.T, so every fact there is asserted.
type diagsAndNamedFacts = analyzer.IgnoreUnexpectedFacts

// run checks the packages of the top-level testdata tree.
func run(t *testing.T, pkgs ...string) {
	t.Helper()
	analysistest.Run(diagsAndNamedFacts{t}, testdata(), analyzer.Analyzer, pkgs...)
}
