// Command four runs the four linters acmlint replaces, together in one
// process as golangci-lint would: lostcancel (x/tools), bodyclose,
// sqlclosecheck and spancheck.
package main

import (
	"github.com/jjti/go-spancheck"
	"github.com/ryanrolds/sqlclosecheck/pkg/analyzer"
	"github.com/timakin/bodyclose/passes/bodyclose"
	"golang.org/x/tools/go/analysis/multichecker"
	"golang.org/x/tools/go/analysis/passes/lostcancel"
)

func main() {
	multichecker.Main(
		lostcancel.Analyzer,
		bodyclose.Analyzer,
		analyzer.NewAnalyzer(),
		spancheck.NewAnalyzerWithConfig(spancheck.NewDefaultConfig()),
	)
}
