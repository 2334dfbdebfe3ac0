package analyzer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/acmlint/acmlint/analyzer"
	"github.com/acmlint/acmlint/analyzer/internal/config"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// The Enter/Exit convention, declared in one package and used in another.
func TestConventionLib(t *testing.T) { run(t, "convention/lib") }

func TestConventionUse(t *testing.T) { run(t, "convention/use") }

// More shapes: an interface with Enter and Exit, a bool Enter, generic and
// value receivers, an inferred Enter wrapper, an Exit without a result.
func TestConventionMore(t *testing.T) { run(t, "convention/more") }

// Directives: lib's facts are all asserted (plain t); use knows lib's
// protocols only through them.
func TestDirectivesLib(t *testing.T) {
	analysistest.Run(t, testdata(), analyzer.Analyzer, "directives/lib")
}

func TestDirectivesUse(t *testing.T) { run(t, "directives/use") }

// A wrapper of a directive protocol, two packages away from the directive.
func TestDirectivesWrapped(t *testing.T) { run(t, "directives/wrapped") }

// Malformed directives are reported at the directive, with category
// "directive".
func TestDirectivesBad(t *testing.T) {
	results := analysistest.Run(diagsAndNamedFacts{t}, testdata(), analyzer.Analyzer, "directives/bad")
	n := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			posn := r.Pass.Fset.Position(d.Pos)
			line := lineText(t, posn.Filename, posn.Line)
			isDirective := strings.HasPrefix(strings.TrimSpace(line), "//acmlint:")
			if isDirective != (d.Category == "directive") {
				t.Errorf("%v: %q has category %q, on line %q", posn, d.Message, d.Category, line)
			}
			if isDirective {
				n++
			}
		}
	}
	if n == 0 {
		t.Error("no directive diagnostics")
	}
}

// lineText returns line n (1-based) of file.
func lineText(t *testing.T, file string, n int) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	if n < 1 || n > len(lines) {
		t.Fatalf("%s has no line %d", file, n)
	}
	return lines[n-1]
}

// //acmlint:ignore <reason> suppresses a finding on its line or the next.
func TestDirectivesIgnore(t *testing.T) { run(t, "directives/ignore") }

// ---- configuration ----

func configFile(name string) string { return filepath.Join(testdata(), "config", name) }

// poolSettings is testdata/config/acmlint.yml as a decoded value, as the
// golangci-lint plugin receives it.
func poolSettings(exclude bool) map[string]any {
	s := map[string]any{
		"protocols": []any{map[string]any{
			"id":       "pool.Buffer",
			"enter":    "(*configured/pool.Pool).Get",
			"resource": "result0",
			"exits":    []any{"Put"},
			"must-use": []any{"Put"},
			"acquired": "taken",
			"released": "given back",
		}},
		"checks": map[string]any{"disable": []any{"defer-in-loop"}},
	}
	if exclude {
		s["exclude"] = []any{"configured/legacy.go"}
	}
	return s
}

// A protocol declared only in the configuration file; a disabled check;
// an excluded file whose leak is not reported.
func TestConfigFile(t *testing.T) {
	a, err := analyzer.New(analyzer.Config{File: configFile("acmlint.yml")})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(diagsAndNamedFacts{t}, testdata(), a, "configured")
}

// The -config flag (and its vet-style alias -acmlint.config) set the file.
func TestConfigFlag(t *testing.T) {
	for _, name := range []string{"config", "acmlint.config"} {
		t.Run(name, func(t *testing.T) {
			a, err := analyzer.New(analyzer.Config{})
			if err != nil {
				t.Fatal(err)
			}
			if err := a.Flags.Set(name, configFile("acmlint.yml")); err != nil {
				t.Fatal(err)
			}
			analysistest.Run(diagsAndNamedFacts{t}, testdata(), a, "configured")
		})
	}
}

// The same configuration as Settings.
func TestConfigSettings(t *testing.T) {
	a, err := analyzer.New(analyzer.Config{Settings: poolSettings(true)})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(diagsAndNamedFacts{t}, testdata(), a, "configured")
}

// Without the configuration, or without its parts, the findings it hides
// are there: the excluded leak and the disabled defer-in-loop.
func TestConfigControls(t *testing.T) {
	a, err := analyzer.New(analyzer.Config{Settings: poolSettings(false)})
	if err != nil {
		t.Fatal(err)
	}
	got := diagnostics(t, a, "configured")
	want := "configured/legacy.go:7: leak: b is taken at line 7 but not given back on the path that returns at line 9"
	if !slices.Contains(got, want) {
		t.Errorf("without exclude: got %q, want it to contain %q", got, want)
	}

	got = diagnostics(t, analyzer.Analyzer, "configured")
	want = "configured/configured.go:51: defer-in-loop: f is opened in a loop at line 47 but f.Close is deferred to the end of the function: each iteration holds one more until it returns"
	if !slices.Contains(got, want) {
		t.Errorf("default configuration: got %q, want it to contain %q", got, want)
	}
	for _, d := range got {
		if strings.Contains(d, "taken") || strings.Contains(d, "Put") {
			t.Errorf("default configuration knows nothing of pool, but reported %s", d)
		}
	}
}

// A bad Settings value is an error from New naming the entry.
func TestConfigBadSettings(t *testing.T) {
	for _, tc := range []struct {
		settings map[string]any
		want     string
	}{
		{
			map[string]any{"protocols": []any{map[string]any{
				"enter": "(*configured/pool.Pool).Get", "resource": "result0", "exit": []any{"Put"},
			}}},
			`settings: unknown key "exit" in protocols[0] (did you mean "exits"?)`,
		},
		{
			map[string]any{"checks": map[string]any{"disable": []any{"leaks"}}},
			`settings: checks.disable[0]: unknown check "leaks" (did you mean "leak"?)`,
		},
		{
			map[string]any{"protocols": []any{map[string]any{
				"enter": "(*configured/pool.Pool).Get", "resource": "result0", "exits": "Put",
			}}},
			`settings: protocols[0].exits`,
		},
	} {
		a, err := analyzer.New(analyzer.Config{Settings: tc.settings})
		if err == nil {
			t.Errorf("New(%v) = %v, want an error", tc.settings, a)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%v): error %q, want it to contain %q", tc.settings, err, tc.want)
		}
	}
}

// A bad configuration file is an error from New, or from parsing the
// -config flag, naming the file and the line: not a diagnostic, a panic
// or a silent default.
func TestConfigBadFile(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{configFile("bad.yml"), configFile("bad.yml") + `:4: unknown key "exit" in protocols[0] (did you mean "exits"?)`},
		{configFile("missing.yml"), configFile("missing.yml")},
	} {
		name := filepath.Base(tc.file)
		if a, err := analyzer.New(analyzer.Config{File: tc.file}); err == nil {
			t.Errorf("New(File: %s) = %v, want an error", name, a)
		} else if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(File: %s): error %q, want it to contain %q", name, err, tc.want)
		}
		for _, flag := range []string{"config", "acmlint.config"} {
			a, err := analyzer.New(analyzer.Config{})
			if err != nil {
				t.Fatal(err)
			}
			if err := a.Flags.Set(flag, tc.file); err == nil {
				t.Errorf("-%s=%s: no error", flag, name)
			} else if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("-%s=%s: error %q, want it to contain %q", flag, name, err, tc.want)
			}
		}
	}
	if a, err := analyzer.New(analyzer.Config{File: configFile("acmlint.yml"), Settings: poolSettings(true)}); err == nil {
		t.Errorf("New with both File and Settings = %v, want an error", a)
	}
}

// Generated files are skipped by default ...
func TestConfigGeneratedSkipped(t *testing.T) { run(t, "generated") }

// ... and checked with "generated: check".
func TestConfigGeneratedChecked(t *testing.T) {
	a, err := analyzer.New(analyzer.Config{File: configFile("generated.yml")})
	if err != nil {
		t.Fatal(err)
	}
	got := diagnostics(t, a, "generated")
	want := []string{"generated/zz_generated.go:8: leak: f is opened at line 8 but not closed on the path that returns at line 14"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	a, err = analyzer.New(analyzer.Config{Settings: map[string]any{"generated": "check"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := diagnostics(t, a, "generated"); !slices.Equal(got, want) {
		t.Errorf("Settings: got %q, want %q", got, want)
	}
}

// recorder is an analysistest.Testing that keeps what it is told.
type recorder struct{ errs []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// diagnostics runs a on pkg and returns its diagnostics as
// "pkg/file.go:line: category: message", ignoring the want comments
// (other analysistest errors, such as load errors, fail the test).
func diagnostics(t *testing.T, a *analysis.Analyzer, pkg string) []string {
	t.Helper()
	var rec recorder
	results := analysistest.Run(&rec, testdata(), a, pkg)
	for _, e := range rec.errs {
		if !strings.Contains(e, ": unexpected diagnostic: ") && !strings.Contains(e, ": unexpected fact: ") &&
			!strings.Contains(e, " does not match pattern ") && !strings.Contains(e, ": no diagnostic was reported matching ") {
			t.Error(e)
		}
	}
	var out []string
	for _, r := range results {
		if r.Err != nil {
			t.Errorf("%s: %v", pkg, r.Err)
		}
		for _, d := range r.Diagnostics {
			p := r.Pass.Fset.Position(d.Pos)
			file := filepath.ToSlash(strings.TrimPrefix(p.Filename, filepath.Join(testdata(), "src")+string(filepath.Separator)))
			out = append(out, fmt.Sprintf("%s:%d: %s: %s", file, p.Line, d.Category, d.Message))
		}
	}
	return out
}

// The README's configuration example is the config package's documented
// example, and it is a valid configuration.
func TestConfigReadmeExample(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(readme), "\n### Configuration file\n")
	if !ok {
		t.Fatal(`README.md has no "### Configuration file" section`)
	}
	_, block, ok := strings.Cut(sec, "\n```yaml\n")
	if !ok {
		t.Fatal("no yaml block in the README's Configuration file section")
	}
	block, _, _ = strings.Cut(block, "\n```\n")
	block += "\n"

	src, err := os.ReadFile(filepath.Join("internal", "config", "config.go"))
	if err != nil {
		t.Fatal(err)
	}
	_, doc, _ := strings.Cut(string(src), "// A complete example:\n//\n")
	doc, _, _ = strings.Cut(doc, "//\n// Every top-level key")
	var b strings.Builder
	for _, line := range strings.SplitAfter(doc, "\n") {
		line = strings.TrimPrefix(line, "//")
		b.WriteString(strings.TrimPrefix(line, "\t"))
	}
	if got, want := block, b.String(); got != want {
		t.Errorf("README example differs from the config package doc:\n--- README\n%s--- doc\n%s", got, want)
	}
	if _, err := config.Parse([]byte(block), "README.md"); err != nil {
		t.Errorf("README example: %v", err)
	}
}

// An exit declared as taking the outcome by a directive (outcome=Done).
func TestExitOutcomeDirective(t *testing.T) { run(t, "directives/outcome") }
