// Command floor is the benchmark's cost floor: a do-nothing analyzer that
// only requires buildssa, so running it costs what loading, type-checking
// and building SSA for the packages costs, which every SSA analyzer pays.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/singlechecker"
)

// analyzer builds SSA and does nothing with it.
var analyzer = &analysis.Analyzer{
	Name:     "floor",
	Doc:      "build SSA for each package and report nothing (the cost floor for SSA analyzers)",
	Requires: []*analysis.Analyzer{buildssa.Analyzer},
	Run:      func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { singlechecker.Main(analyzer) }
