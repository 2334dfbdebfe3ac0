package analyzer_test

import (
	"path/filepath"
	"testing"

	"github.com/acmlint/acmlint/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestContextCancel(t *testing.T) {
	run(t, "ctxcancel")
}

func TestPipes(t *testing.T) {
	run(t, "pipes")
}

func TestExecCmd(t *testing.T) {
	run(t, "execcmd")
}

func TestRuntimeTrace(t *testing.T) {
	run(t, "rtrace")
}

func TestWriters(t *testing.T) {
	run(t, "writers")
}

func TestSpans(t *testing.T) {
	run(t, "spans")
}

// Tickers and timers are checked only below go1.23. The versioned cases
// are module-mode testdata (a directory with a go.mod, which analysistest
// loads in module mode, so the package gets the module's go version).
func TestTimersGo122(t *testing.T) {
	analysistest.Run(diagsAndNamedFacts{t}, filepath.Join(testdata(), "timers", "go1.22"), analyzer.Analyzer, "./...")
}

func TestTimersGo123(t *testing.T) {
	analysistest.Run(diagsAndNamedFacts{t}, filepath.Join(testdata(), "timers", "go1.23"), analyzer.Analyzer, "./...")
}

func TestTimersGOPATH(t *testing.T) {
	run(t, "timersnover")
}

// Facts across packages: wrap's wrappers and helpers reach use only as
// facts. Every fact of wrap is asserted (plain t); use asserts the
// diagnostics and the facts of its own wrappers.
func TestFactsWrap(t *testing.T) {
	analysistest.Run(t, testdata(), analyzer.Analyzer, "facts/wrap")
}

func TestFactsUse(t *testing.T) {
	run(t, "facts/use")
}
