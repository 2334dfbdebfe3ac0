package analyzer_test

import (
	"path/filepath"
	"testing"

	"github.com/acmlint/acmlint/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// moreTestdata is the repository's top-level testdata directory (a GOPATH
// tree under src/), a sibling of the analyzer package.
func moreTestdata() string {
	return filepath.Join(filepath.Dir(analysistest.TestData()), "..", "testdata")
}

// factsAsserted passes analysistest's errors through except "unexpected
// fact": the protocol packages assert the diagnostics and only the facts
// they name with `// want name:"fact"` (a named fact that is missing still
// fails). The facts/ packages are run with the plain t, so every fact
// there must be expected.
type factsAsserted struct{ t *testing.T }

func (f factsAsserted) Errorf(format string, args ...any) {
	f.t.Helper()
	if format == "%v: unexpected %s: %v" && len(args) == 3 && args[1] == "fact" {
		return
	}
	f.t.Errorf(format, args...)
}

func TestContextCancel(t *testing.T) {
	analysistest.Run(factsAsserted{t}, moreTestdata(), analyzer.Analyzer, "ctxcancel")
}

func TestPipes(t *testing.T) {
	analysistest.Run(factsAsserted{t}, moreTestdata(), analyzer.Analyzer, "pipes")
}

func TestExecCmd(t *testing.T) {
	analysistest.Run(factsAsserted{t}, moreTestdata(), analyzer.Analyzer, "execcmd")
}

func TestRuntimeTrace(t *testing.T) {
	analysistest.Run(factsAsserted{t}, moreTestdata(), analyzer.Analyzer, "rtrace")
}

func TestWriters(t *testing.T) {
	analysistest.Run(factsAsserted{t}, moreTestdata(), analyzer.Analyzer, "writers")
}

func TestSpans(t *testing.T) {
	analysistest.Run(factsAsserted{t}, moreTestdata(), analyzer.Analyzer, "spans")
}

// Tickers and timers are checked only below go1.23. The versioned cases
// are module-mode testdata (a directory with a go.mod, which analysistest
// loads in module mode, so the package gets the module's go version).
func TestTimersGo122(t *testing.T) {
	analysistest.Run(factsAsserted{t}, filepath.Join(moreTestdata(), "timers", "go1.22"), analyzer.Analyzer, "./...")
}

func TestTimersGo123(t *testing.T) {
	analysistest.Run(factsAsserted{t}, filepath.Join(moreTestdata(), "timers", "go1.23"), analyzer.Analyzer, "./...")
}

func TestTimersGOPATH(t *testing.T) {
	analysistest.Run(factsAsserted{t}, moreTestdata(), analyzer.Analyzer, "timersnover")
}

// Facts across packages: wrap's wrappers and helpers reach use only as
// facts. Every fact of wrap is asserted (plain t); use asserts the
// diagnostics and the facts of its own wrappers.
func TestFactsWrap(t *testing.T) {
	analysistest.Run(t, moreTestdata(), analyzer.Analyzer, "facts/wrap")
}

func TestFactsUse(t *testing.T) {
	analysistest.Run(factsAsserted{t}, moreTestdata(), analyzer.Analyzer, "facts/use")
}
