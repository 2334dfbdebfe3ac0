// Command floorfacts is the cost floor for an SSA analyzer that uses facts,
// as acmlint does: like floor it only requires buildssa and reports
// nothing, but it declares a fact type, so drivers run it (and build SSA)
// on every dependency of the analysed packages too, standard library
// included, not only on the packages named on the command line.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/singlechecker"
)

// unused is a fact type that is never exported; declaring it is what makes
// the driver analyse dependencies.
type unused struct{}

func (*unused) AFact() {}

func (*unused) String() string { return "unused" }

var analyzer = &analysis.Analyzer{
	Name:      "floorfacts",
	Doc:       "build SSA for each package and its dependencies and report nothing (the cost floor for SSA analyzers with facts)",
	Requires:  []*analysis.Analyzer{buildssa.Analyzer},
	FactTypes: []analysis.Fact{new(unused)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { singlechecker.Main(analyzer) }
