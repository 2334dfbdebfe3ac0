package main_test

// Integration test of the acmlint command: build the real binary and run it
// standalone and as a go vet tool on the module in testdata/vetmod.
//
// testdata/vetmod (module example.com/vetmod, no dependencies) has three
// packages:
//   - cfg: an enter wrapper OpenConfig (returns the *os.File it opened) and
//     an exit wrapper CloseConfig. Clean.
//   - app: imports cfg, so cfg's wrappers are known only through facts. Two
//     leaks (a file from OpenConfig never closed; c.mu left locked on an
//     early return) and three functions that must not be reported.
//   - clean: no findings.

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The findings expected in testdata/vetmod, with paths relative to the
// module root. Each leak is printed as the diagnostic plus one line for its
// related position (the return that leaks).
var wantFindings = []string{
	"app/aa.go:8:17: cancel is created at line 8 but not called on the path that returns at line 10",
	"app/aa.go:10:3: \treturns with cancel not called",
	"app/app.go:21:12: f is opened by cfg.OpenConfig at line 21 but not closed on the path that returns at line 25",
	"app/app.go:25:2: \treturns with f not closed",
	"app/app.go:30:2: c.mu is locked at line 30 but not unlocked on the path that returns at line 32",
	"app/app.go:32:3: \treturns with c.mu not unlocked",
}

// wantJSON is the same findings as -json reports them.
var wantJSON = []jsonDiag{
	{Category: "leak", Posn: "app/aa.go:8:17",
		Message: "cancel is created at line 8 but not called on the path that returns at line 10",
		Related: []jsonRelated{{Posn: "app/aa.go:10:3", Message: "returns with cancel not called"}}},
	{Category: "leak", Posn: "app/app.go:21:12",
		Message: "f is opened by cfg.OpenConfig at line 21 but not closed on the path that returns at line 25",
		Related: []jsonRelated{{Posn: "app/app.go:25:2", Message: "returns with f not closed"}}},
	{Category: "leak", Posn: "app/app.go:30:2",
		Message: "c.mu is locked at line 30 but not unlocked on the path that returns at line 32",
		Related: []jsonRelated{{Posn: "app/app.go:32:3", Message: "returns with c.mu not unlocked"}}},
}

type jsonDiag struct {
	Category string        `json:"category"`
	Posn     string        `json:"posn"`
	Message  string        `json:"message"`
	Related  []jsonRelated `json:"related"`
}

type jsonRelated struct {
	Posn    string `json:"posn"`
	Message string `json:"message"`
}

func TestVet(t *testing.T) {
	if testing.Short() {
		t.Skip("builds acmlint and runs go vet; skipped in -short mode")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("go command not found: %v", err)
	}

	bin := filepath.Join(t.TempDir(), "acmlint")
	build := exec.Command(goCmd, "build", "-o", bin, "github.com/acmlint/acmlint/cmd/acmlint")
	build.Env = append(os.Environ(), "GOWORK=off")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	mod, err := filepath.Abs(filepath.Join("..", "..", "testdata", "vetmod"))
	if err != nil {
		t.Fatal(err)
	}
	run := func(t *testing.T, name string, args ...string) (stdout, stderr string, code int) {
		t.Helper()
		return runIn(t, mod, name, args...)
	}

	t.Run("GoVet", func(t *testing.T) {
		_, stderr, code := run(t, goCmd, "vet", "-vettool="+bin, "./...")
		if code == 0 {
			t.Errorf("go vet -vettool=acmlint ./...: exit status 0, want non-zero (there are findings)")
		}
		checkFindings(t, mod, stderr)
	})

	t.Run("Standalone", func(t *testing.T) {
		stdout, stderr, code := run(t, bin, "./...")
		// The x/tools checker exits 3 when it printed diagnostics.
		if code != 3 {
			t.Errorf("acmlint ./...: exit status %d, want 3 (findings)", code)
		}
		if stdout != "" {
			t.Errorf("acmlint ./...: unexpected stdout:\n%s", stdout)
		}
		got := checkFindings(t, mod, stderr)
		// Deterministic: in file, line, column order, the same every run
		// (aa.go sorts before app.go whatever order the files are loaded).
		if !slices.Equal(got, wantFindings) {
			t.Errorf("findings out of order:\n got %q\nwant %q", got, wantFindings)
		}
		for i := 0; i < 3; i++ {
			if _, again, _ := run(t, bin, "./..."); again != stderr {
				t.Fatalf("run %d printed different output:\n%s\nfirst run:\n%s", i+2, again, stderr)
			}
		}
	})

	t.Run("JSON", func(t *testing.T) {
		stdout, stderr, code := run(t, bin, "-json", "./...")
		// With -json the x/tools checker exits 0 even when it reports
		// findings: the JSON carries them.
		if code != 0 {
			t.Errorf("acmlint -json ./...: exit status %d, want 0", code)
		}
		if stderr != "" {
			t.Errorf("acmlint -json ./...: unexpected stderr:\n%s", stderr)
		}
		// package ID -> analyzer name -> diagnostics, or {"error": ...}.
		var tree map[string]map[string]json.RawMessage
		if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
			t.Fatalf("acmlint -json output is not valid JSON: %v\n%s", err, stdout)
		}
		var got []jsonDiag
		for pkg, byAnalyzer := range tree {
			for name, raw := range byAnalyzer {
				var diags []jsonDiag
				if err := json.Unmarshal(raw, &diags); err != nil {
					t.Errorf("%s: %s: not a list of diagnostics (an error?): %s", pkg, name, raw)
					continue
				}
				if pkg != "example.com/vetmod/app" || name != "acmlint" {
					t.Errorf("%s: %s: unexpected diagnostics: %s", pkg, name, raw)
					continue
				}
				for _, d := range diags {
					d.Posn = relPosn(mod, d.Posn)
					for i := range d.Related {
						d.Related[i].Posn = relPosn(mod, d.Related[i].Posn)
					}
					got = append(got, d)
				}
			}
		}
		gotJ, _ := json.MarshalIndent(got, "", "\t")
		wantJ, _ := json.MarshalIndent(wantJSON, "", "\t")
		if !bytes.Equal(gotJ, wantJ) {
			t.Errorf("acmlint -json: got diagnostics\n%s\nwant\n%s", gotJ, wantJ)
		}
	})

	t.Run("Clean", func(t *testing.T) {
		stdout, stderr, code := run(t, bin, "./clean", "./cfg")
		if code != 0 || stdout != "" || stderr != "" {
			t.Errorf("acmlint ./clean ./cfg: exit status %d, stdout %q, stderr %q; want 0 and no output", code, stdout, stderr)
		}
		_, stderr, code = run(t, goCmd, "vet", "-vettool="+bin, "./clean", "./cfg")
		if code != 0 || stderr != "" {
			t.Errorf("go vet -vettool=acmlint ./clean ./cfg: exit status %d, stderr %q; want 0 and no output", code, stderr)
		}
	})

	t.Run("UndefinedFlag", func(t *testing.T) {
		_, stderr, code := run(t, bin, "-nosuchflag", "./clean")
		if code == 0 {
			t.Errorf("acmlint -nosuchflag: exit status 0, want non-zero")
		}
		if !strings.Contains(stderr, "flag provided but not defined: -nosuchflag") {
			t.Errorf("acmlint -nosuchflag: stderr does not name the flag:\n%s", stderr)
		}
	})

	// A negative -maxblocks is a bad configuration: it must be a clear
	// error naming the flag, not silently replaced by the default.
	t.Run("NegativeMaxBlocks", func(t *testing.T) {
		_, stderr, code := run(t, bin, "-maxblocks=-1", "./clean")
		if code == 0 || !strings.Contains(stderr, "maxblocks") {
			t.Errorf("acmlint -maxblocks=-1: exit status %d, stderr %q; want non-zero and a message naming -maxblocks", code, stderr)
		}
		_, stderr, code = run(t, goCmd, "vet", "-vettool="+bin, "-maxblocks=-1", "./clean")
		if code == 0 || !strings.Contains(stderr, "maxblocks") {
			t.Errorf("go vet -vettool=acmlint -maxblocks=-1: exit status %d, stderr %q; want non-zero and a message naming -maxblocks", code, stderr)
		}
	})
}

// diagLine matches a printed diagnostic: file:line:col: message.
var diagLine = regexp.MustCompile(`^(\S+\.go):(\d+):(\d+): (.*)$`)

// checkFindings checks that out (the text output of acmlint or go vet run
// in mod) reports exactly wantFindings and nothing else: no finding in the
// functions that release correctly, and no internal error.
func checkFindings(t *testing.T, mod, out string) []string {
	t.Helper()
	if strings.Contains(out, "internal error") {
		t.Errorf("output contains an internal error:\n%s", out)
	}
	var got []string
	for _, line := range strings.Split(out, "\n") {
		if m := diagLine.FindStringSubmatch(line); m != nil {
			got = append(got, relPosn(mod, m[1])+line[len(m[1]):])
		}
	}
	for _, w := range wantFindings {
		if !slices.Contains(got, w) {
			t.Errorf("missing finding %q", w)
		}
	}
	for _, g := range got {
		if !slices.Contains(wantFindings, g) {
			t.Errorf("unexpected finding %q", g)
		}
	}
	return got
}

// relPosn makes a position (or file name) relative to mod, with forward
// slashes: go vet prints paths relative to its directory, the standalone
// checker prints absolute paths.
func relPosn(mod, posn string) string {
	if filepath.IsAbs(posn) {
		if rel, err := filepath.Rel(mod, posn); err == nil {
			posn = rel
		}
	}
	return filepath.ToSlash(posn)
}
