package analyzer_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/acmlint/acmlint/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// Suggested fixes for leak (defer the release right after the
// acquisition and its error check: Close, Unlock, cancel(), End(),
// Rollback keeping the Commit) and dropped-result (a deferred closure
// joining the error into the named error result, naming it when it has
// no name). leakfix/fix.go and droppedfix.go have golden files;
// nofix.go has none, so a fix offered there (in a loop, after an
// unchecked error, with an explicit must-use or single release left,
// without an error result, a reassigned receiver, err declared alone)
// fails the test.
func TestLeakFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(diagsAndNamedFacts{t}, testdata(), analyzer.Analyzer, "leakfix")
	runFixed(t, "leakfix")
}

// runFixed checks that fixed code is quiet: the golden files of pkg
// (all of them, or the named ones), without their want comments, are
// analysed as a package of their own and must produce no finding.
func runFixed(t *testing.T, pkg string, names ...string) {
	t.Helper()
	goldens, err := filepath.Glob(filepath.Join(testdata(), "src", pkg, "*.go.golden"))
	if len(names) > 0 {
		goldens = goldens[:0]
		for _, n := range names {
			goldens = append(goldens, filepath.Join(testdata(), "src", pkg, n))
		}
	}
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no golden files for %s: %v", pkg, err)
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	if err := os.MkdirAll(filepath.Join(src, pkg), 0o755); err != nil {
		t.Fatal(err)
	}
	// The stub packages the fixtures import.
	for _, stub := range []string{"golang.org", "go.opentelemetry.io"} {
		if err := os.Symlink(filepath.Join(testdata(), "src", stub), filepath.Join(src, stub)); err != nil {
			t.Fatal(err)
		}
	}
	wants := regexp.MustCompile(" *// want `[^`]*`(?: `[^`]*`)*")
	for _, g := range goldens {
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(g), ".golden")
		if err := os.WriteFile(filepath.Join(src, pkg, name), wants.ReplaceAll(b, nil), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := analysistest.Run(diagsAndNamedFacts{t}, dir, analyzer.Analyzer, pkg)
	for _, r := range run {
		if r.Err != nil {
			t.Errorf("fixed %s: %v", pkg, r.Err)
		}
	}
}
