package plugin_test

import (
	"strings"
	"testing"

	"github.com/acmlint/acmlint/plugin"
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis/analysistest"
	"gopkg.in/yaml.v3"
)

// poolProtocol declares the buffer pool of testdata/src/example.com/pool
// as a protocol, as a .golangci.yml would under
// linters.settings.custom.acmlint.settings.
const poolProtocol = `
protocols:
  - enter: "(*example.com/pool.Pool).Get"
    resource: result0
    exits: [Release]
    acquired: taken
    released: given back
`

// settings decodes YAML the way golangci-lint hands settings to a plugin:
// maps, slices and scalars in an any.
func settings(t *testing.T, src string) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal([]byte(src), &v); err != nil {
		t.Fatalf("test settings: %v", err)
	}
	return v
}

// newPlugin builds the plugin as golangci-lint does: by its registered
// name.
func newPlugin(t *testing.T, s any) (register.LinterPlugin, error) {
	t.Helper()
	newFn, err := register.GetPlugin("acmlint")
	if err != nil {
		t.Fatal(err)
	}
	return newFn(s)
}

// run builds the plugin from the settings and checks the packages of
// testdata against their // want comments.
func run(t *testing.T, s any, pkgs ...string) {
	t.Helper()
	p, err := newPlugin(t, s)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q", got, register.LoadModeTypesInfo)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatalf("BuildAnalyzers: %v", err)
	}
	if len(as) != 1 || as[0].Name != "acmlint" {
		t.Fatalf("BuildAnalyzers() = %v, want the acmlint analyzer", as)
	}
	analysistest.Run(ignoreFacts{t}, analysistest.TestData(), as[0], pkgs...)
}

func TestUserProtocol(t *testing.T) {
	run(t, settings(t, poolProtocol), "userproto")
}

func TestChecksDisable(t *testing.T) {
	// The same leaks as in userproto, with the leak check off: nothing is
	// reported.
	run(t, settings(t, poolProtocol+"checks: {disable: [leak]}\n"), "disabled")
}

func TestNoSettings(t *testing.T) {
	// No settings key at all: golangci-lint passes nil, and acmlint runs
	// with its defaults, so only the built-in mutex leak is reported (the
	// pool is not a protocol).
	p, err := plugin.New(nil)
	if err != nil {
		t.Fatalf("New(nil): %v", err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatalf("BuildAnalyzers: %v", err)
	}
	results := analysistest.Run(recorder{T: t}, analysistest.TestData(), as[0], "disabled")
	var got []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			got = append(got, d.Message)
			// golangci-lint would make each related position an issue
			// of its own, which //nolint on the finding's line misses.
			if len(d.Related) != 0 {
				t.Errorf("%q has related positions %v; the plugin drops them", d.Message, d.Related)
			}
		}
	}
	want := "c.mu is locked at line 27 but not unlocked on the path that returns at line 29"
	if len(got) != 1 || got[0] != want {
		t.Errorf("findings with no settings:\n\t%s\nwant only\n\t%s", strings.Join(got, "\n\t"), want)
	}
}

func TestBadSettings(t *testing.T) {
	for _, tc := range []struct {
		name, settings string
		want           []string // substrings of the error
	}{
		{
			name: "misspelled key",
			settings: `
protocols:
  - enter: "(*example.com/pool.Pool).Get"
    resource: result0
    exit: [Release]
`,
			want: []string{`invalid settings: linters.settings.custom.acmlint.settings: unknown key "exit" in protocols[0]`, `did you mean "exits"?`},
		},
		{
			name:     "misspelled top-level key",
			settings: "check: {disable: [leak]}\n",
			want:     []string{`unknown key "check"`, `did you mean "checks"?`},
		},
		{
			name:     "unknown check",
			settings: "checks: {disable: [leaks]}\n",
			want:     []string{`checks.disable[0]: unknown check "leaks"`, `did you mean "leak"?`},
		},
		{
			name:     "not a mapping",
			settings: "[leak]\n",
			want:     []string{"invalid settings: linters.settings.custom.acmlint.settings: want a mapping"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := newPlugin(t, settings(t, tc.settings))
			if err == nil {
				t.Fatalf("New accepted bad settings and returned %v", p)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

// ignoreFacts passes on analysistest's errors except "unexpected fact":
// acmlint exports summaries of the testdata's functions as facts, which
// these tests do not assert.
type ignoreFacts struct{ *testing.T }

func (f ignoreFacts) Errorf(format string, args ...any) {
	f.Helper()
	if format == "%v: unexpected %s: %v" && len(args) == 3 && args[1] == "fact" {
		return
	}
	f.T.Errorf(format, args...)
}

// recorder drops analysistest's complaints: the caller inspects the
// results itself.
type recorder struct{ *testing.T }

func (recorder) Errorf(string, ...any) {}
