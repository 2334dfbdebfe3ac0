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
	"strings"

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
		return nil, settingsError{err}
	}
	return &plugin{analyzer: withoutRelated(a)}, nil
}

// withoutRelated returns an analyzer that runs a but reports its
// diagnostics without their related positions.
//
// golangci-lint turns each related position into an issue of its own
// ("acmlint(related information): returns with c.mu not unlocked"), on
// its own line. A //nolint:acmlint on the line of the finding would then
// leave that second issue standing, and each finding would count twice
// against golangci-lint's limits. acmlint's messages already name the
// lines involved ("... on the path that returns at line 22"), so under
// golangci-lint the related positions are dropped; suggested fixes are
// kept.
func withoutRelated(a *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:      a.Name,
		Doc:       a.Doc,
		URL:       a.URL,
		Requires:  a.Requires,
		FactTypes: a.FactTypes,
		// The result is the analyzer's *Stats; nothing in golangci-lint
		// requires it, but the type must match what Run returns.
		ResultType: a.ResultType,
		Run: func(pass *analysis.Pass) (any, error) {
			p := *pass
			p.Report = func(d analysis.Diagnostic) {
				d.Related = nil
				pass.Report(d)
			}
			return a.Run(&p)
		},
	}
}

// settingsError is a bad settings value. The analyzer's error names the
// value "settings" ("settings: unknown key ..."); golangci-lint prints it
// after "plugin(acmlint): newPlugin ", so it says where in .golangci.yml
// the value is instead.
type settingsError struct{ err error }

func (e settingsError) Error() string {
	return "invalid settings: linters.settings.custom." + Name + ".settings: " +
		strings.TrimPrefix(e.err.Error(), "settings: ")
}

func (e settingsError) Unwrap() error { return e.err }

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
