// Package plugin registers acmlint as a golangci-lint v2 module plugin
// named "acmlint".
//
// A custom golangci-lint binary that imports this package (built by
// "golangci-lint custom" from a .custom-gcl.yml, or from the small main
// module in the golangci directory next to this file) runs acmlint when
// .golangci.yml enables it:
//
//	linters:
//	  enable: [acmlint]
//	  settings:
//	    custom:
//	      acmlint:
//	        type: module
//	        description: resources released on every path
//	        settings:
//	          checks:
//	            disable: [defer-in-loop]
//
// The settings have the schema of acmlint's configuration file (see the
// README, "Configuration file"); they are checked strictly when
// golangci-lint starts, so a misspelled key stops the run with an error
// naming it.
package plugin

import (
	"fmt"

	"github.com/acmlint/acmlint/analyzer"
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
)

// Name is the plugin's name: the key under linters.settings.custom in
// .golangci.yml, and the name //nolint directives use.
const Name = "acmlint"

func init() {
	register.Plugin(Name, New)
}

// New builds the plugin from the decoded value of
// linters.settings.custom.acmlint.settings (nil when there is none).
// A bad value is an error that names the offending entry.
func New(settings any) (register.LinterPlugin, error) {
	a, err := analyzer.New(analyzer.Config{Settings: settings})
	if err != nil {
		// golangci-lint prints this after "plugin(acmlint): newPlugin ";
		// say where the settings live, since the analyzer's error only
		// names them "settings".
		return nil, fmt.Errorf("invalid linters.settings.custom.%s: %w", Name, err)
	}
	return &plugin{analyzer: a}, nil
}

// plugin is one configured instance of acmlint.
type plugin struct {
	analyzer *analysis.Analyzer
}

// BuildAnalyzers returns the configured acmlint analyzer.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{p.analyzer}, nil
}

// GetLoadMode asks for type information: acmlint builds SSA and matches
// calls by types identity, so syntax alone is not enough.
func (p *plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}
