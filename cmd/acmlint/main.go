// Command acmlint checks that acquired resources are released on every
// path. Run it on packages (acmlint ./...) or through go vet
// (go vet -vettool=$(command -v acmlint) ./...).
package main

import (
	"github.com/acmlint/acmlint/analyzer"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() { singlechecker.Main(analyzer.Analyzer) }
