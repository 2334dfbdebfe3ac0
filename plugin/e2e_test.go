package plugin_test

// End-to-end test of the module plugin: build the custom golangci-lint of
// ./golangci (golangci-lint v2 with this plugin, from the module proxy)
// and run it on the module in ../testdata/golangci, whose .golangci.yml
// enables acmlint with a user protocol in its settings.
//
// ../testdata/golangci (module example.com/gcl, no dependencies):
//   - pool: a buffer pool; .golangci.yml declares Get/Release a protocol.
//   - files: an enter wrapper (Open returns the *os.File it opened).
//   - app: a mutex left locked on an early return (built-in protocol), a
//     buffer not given back (the user protocol), a file from files.Open
//     not closed (known only through a fact from package files), the mutex
//     leak again with //nolint:acmlint, and correct code.
//   - cb: a lock held across a callback (callback-panic, which has a
//     suggested fix), for --fix.
//
// Building the binary with a cold build cache costs about 2.5 CPU-minutes
// (4 to 5.5 minutes of wall time on a busy 2-core machine); about 15 s
// when only acmlint changed.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// wantIssues are the findings in ../testdata/golangci, as
// "file:line:col: text". The leak in (*Counter).Sub (app.go:44) carries
// //nolint:acmlint and must not be among them.
var wantIssues = []string{
	"app/app.go:21:2: c.mu is locked at line 21 but not unlocked on the path that returns at line 23",
	"app/app.go:33:7: b is taken at line 33 but not given back on the path that returns at line 35",
	"app/app.go:74:12: f is opened by files.Open at line 74 but not closed on the path that returns at line 80",
	"cb/cb.go:17:2: fn runs at line 17 while c.mu is locked and its release is not deferred: if fn panics and a caller recovers, c.mu is never unlocked",
}

// gcl is the custom golangci-lint built for the test.
type gcl struct {
	bin   string
	cache string // GOLANGCI_LINT_CACHE: the test's own, so no results are reused
}

// run runs the binary in dir and returns its exit code and its output.
func (g gcl) run(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(g.bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOLANGCI_LINT_CACHE="+g.cache, "NO_COLOR=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		t.Fatalf("%s: %v", strings.Join(cmd.Args, " "), err)
	}
	return code, out.String(), errOut.String()
}

func TestGolangciLint(t *testing.T) {
	if os.Getenv("ACMLINT_E2E") == "" {
		t.Skip("builds golangci-lint from the module proxy (minutes); set ACMLINT_E2E=1 to run")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("go command not found: %v", err)
	}

	g := gcl{bin: filepath.Join(t.TempDir(), "custom-gcl"), cache: t.TempDir()}
	start := time.Now()
	build := exec.Command(goCmd, "build", "-o", g.bin, ".")
	build.Dir = "golangci"
	build.Env = append(os.Environ(), "GOWORK=off")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build in plugin/golangci: %v\n%s", err, out)
	}
	t.Logf("built the custom golangci-lint in %v", time.Since(start).Round(time.Second))

	t.Run("version", func(t *testing.T) {
		code, out, errOut := g.run(t, ".", "version")
		if code != 0 || !strings.Contains(out, "golangci-lint has version 2.15.0-custom-gcl-acmlint-") {
			t.Errorf("version: exit %d, want 0 and a 2.15.0-custom-gcl-acmlint-... version\n%s%s", code, out, errOut)
		}
	})

	t.Run("findings", func(t *testing.T) {
		mod := copyModule(t)
		jsonOut := filepath.Join(t.TempDir(), "out.json")
		sarifOut := filepath.Join(t.TempDir(), "out.sarif")
		code, out, errOut := g.run(t, mod, "run", "--config=.golangci.yml",
			"--output.text.path=stdout", "--output.json.path="+jsonOut, "--output.sarif.path="+sarifOut, "./...")
		output := "golangci-lint output:\n" + out + errOut
		if code != 1 { // 1: issues found
			t.Fatalf("exit %d, want 1 (issues found)\n%s", code, output)
		}

		// Text output: file:line:col: message (linter).
		for _, w := range wantIssues {
			if !strings.Contains(out, w+" (acmlint)\n") {
				t.Errorf("text output lacks %q\n%s", w+" (acmlint)", output)
			}
		}

		// JSON: exactly the wanted issues, all from acmlint.
		var report struct {
			Issues []struct {
				FromLinter string
				Text       string
				Pos        struct {
					Filename     string
					Line, Column int
				}
			}
		}
		readJSON(t, jsonOut, &report)
		var got []string
		for _, is := range report.Issues {
			if is.FromLinter != "acmlint" {
				t.Errorf("issue from %q, want only acmlint: %s", is.FromLinter, is.Text)
			}
			got = append(got, posText(is.Pos.Filename, is.Pos.Line, is.Pos.Column, is.Text))
		}
		checkIssues(t, "JSON", got, output)

		// SARIF: the same results, with rule acmlint.
		var sarif struct {
			Runs []struct {
				Results []struct {
					RuleID  string `json:"ruleId"`
					Message struct {
						Text string `json:"text"`
					} `json:"message"`
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct {
								URI string `json:"uri"`
							} `json:"artifactLocation"`
							Region struct {
								StartLine   int `json:"startLine"`
								StartColumn int `json:"startColumn"`
							} `json:"region"`
						} `json:"physicalLocation"`
					} `json:"locations"`
				} `json:"results"`
			} `json:"runs"`
		}
		readJSON(t, sarifOut, &sarif)
		if len(sarif.Runs) != 1 {
			t.Fatalf("SARIF has %d runs, want 1", len(sarif.Runs))
		}
		got = nil
		for _, r := range sarif.Runs[0].Results {
			if r.RuleID != "acmlint" {
				t.Errorf("SARIF result with rule %q, want acmlint: %s", r.RuleID, r.Message.Text)
			}
			if len(r.Locations) != 1 {
				t.Errorf("SARIF result %q has %d locations, want 1", r.Message.Text, len(r.Locations))
				continue
			}
			l := r.Locations[0].PhysicalLocation
			got = append(got, posText(l.ArtifactLocation.URI, l.Region.StartLine, l.Region.StartColumn, r.Message.Text))
		}
		checkIssues(t, "SARIF", got, output)
	})

	t.Run("fix", func(t *testing.T) {
		mod := copyModule(t)
		file := filepath.Join(mod, "cb", "cb.go")
		code, out, errOut := g.run(t, mod, "run", "--config=.golangci.yml", "--fix", "./cb/")
		if code != 0 {
			t.Fatalf("run --fix: exit %d, want 0 (the one issue fixed)\ngolangci-lint output:\n%s%s", code, out, errOut)
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		const want = `func (c *Cache) Update(fn func(m map[string]string)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fn(c.m)
}
`
		if !strings.HasSuffix(string(src), want) {
			t.Errorf("after --fix, cb/cb.go is\n%s\nwant it to end with\n%s", src, want)
		}

		vet := exec.Command(goCmd, "vet", "./...")
		vet.Dir = mod
		vet.Env = append(os.Environ(), "GOWORK=off")
		if out, err := vet.CombinedOutput(); err != nil {
			t.Errorf("the fixed module does not build: go vet: %v\n%s", err, out)
		}

		code, out, errOut = g.run(t, mod, "run", "--config=.golangci.yml", "./cb/")
		if code != 0 {
			t.Errorf("re-run after --fix: exit %d, want 0 (no issues)\ngolangci-lint output:\n%s%s", code, out, errOut)
		}
	})
}

// copyModule copies ../testdata/golangci into a new directory, so that
// runs never write into the repository.
func copyModule(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "gcl")
	if err := os.CopyFS(dst, os.DirFS(filepath.Join("..", "testdata", "golangci"))); err != nil {
		t.Fatal(err)
	}
	return dst
}

func readJSON(t *testing.T, file string, v any) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v\n%s", file, err, data)
	}
}

func posText(file string, line, col int, text string) string {
	return fmt.Sprintf("%s:%d:%d: %s", filepath.ToSlash(file), line, col, text)
}

// checkIssues compares the issues of one output format with wantIssues.
func checkIssues(t *testing.T, format string, got []string, output string) {
	t.Helper()
	slices.Sort(got)
	if !slices.Equal(got, wantIssues) {
		t.Errorf("%s issues:\n\t%s\nwant:\n\t%s\n%s", format,
			strings.Join(got, "\n\t"), strings.Join(wantIssues, "\n\t"), output)
	}
}
