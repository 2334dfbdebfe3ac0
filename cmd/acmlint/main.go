// Command acmlint checks that acquired resources are released on every
// path. Run it on packages (acmlint ./...) or through go vet
// (go vet -vettool=$(command -v acmlint) ./...).
//
// A first argument naming a subcommand runs that instead; see the README.
package main

import (
	"os"

	"github.com/acmlint/acmlint/analyzer"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() {
	// go vet runs the tool with flags or a .cfg file, never with one of
	// these words first, so subcommands do not collide with vet's protocol.
	if len(os.Args) > 1 {
		if run := subcommand(os.Args[1]); run != nil {
			os.Exit(run(os.Args[2:]))
		}
	}
	singlechecker.Main(analyzer.Analyzer)
}

// subcommand returns the entry point of the named subcommand, or nil.
// Each returns the process exit code.
func subcommand(name string) func(args []string) int {
	switch name {
	case "sarif":
		return runSARIF
	case "gopls-build":
		return goplsBuildCmd
	}
	return nil
}
