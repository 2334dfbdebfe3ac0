package main_test

// Integration test of acmlint sarif: build the real binary, run it on
// testdata/sarifmod, validate the log against the OASIS SARIF 2.1.0 JSON
// schema and compare it with the text output.
//
// The schema is the copy the gosec module ships (the errata01 schema,
// byte for byte as OASIS publishes it), fetched through the module
// proxy or the module cache with go mod download.

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The module that ships the schema, and the file in it.
const (
	schemaModule = "github.com/securego/gosec/v2@v2.30.0"
	schemaFile   = "report/sarif/testdata/sarif-schema-2.1.0.json"
)

// sarifLog is the part of a SARIF log the test looks at.
type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID                   string `json:"id"`
					HelpURI              string `json:"helpUri"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			ExecutionSuccessful        bool `json:"executionSuccessful"`
			ToolExecutionNotifications []struct {
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		OriginalURIBaseIDs map[string]struct {
			URI string `json:"uri"`
		} `json:"originalUriBaseIds"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations        []sarifLocation `json:"locations"`
			RelatedLocations []sarifLocation `json:"relatedLocations"`
			Fixes            []struct {
				ArtifactChanges []struct {
					ArtifactLocation sarifArtifact `json:"artifactLocation"`
				} `json:"artifactChanges"`
			} `json:"fixes"`
		} `json:"results"`
	} `json:"runs"`
}

type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           struct {
			StartLine   int `json:"startLine"`
			StartColumn int `json:"startColumn"`
			EndLine     int `json:"endLine"`
			EndColumn   int `json:"endColumn"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

// buildAcmlint builds the command into a temporary directory.
func buildAcmlint(t *testing.T) (bin, goCmd string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds acmlint; skipped in -short mode")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("go command not found: %v", err)
	}
	bin = filepath.Join(t.TempDir(), "acmlint")
	build := exec.Command(goCmd, "build", "-o", bin, "github.com/acmlint/acmlint/cmd/acmlint")
	build.Env = append(os.Environ(), "GOWORK=off")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin, goCmd
}

// runIn runs a command in dir and returns its output and exit status.
func runIn(t *testing.T, dir string, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	// The test modules have no dependencies; -mod=mod guards against an
	// inherited -mod=vendor, GOWORK=off against an enclosing go.work.
	env := append(os.Environ(), "GOWORK=off", "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -mod=mod"))
	return runEnv(t, dir, env, name, args...)
}

// runEnv runs a command in dir with the environment env and returns its
// output and exit status; a command that cannot be started fails t.
func runEnv(t *testing.T, dir string, env []string, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	t.Logf("%s %s: exit %d\nstderr:\n%s", filepath.Base(name), strings.Join(args, " "), code, e.String())
	return o.String(), e.String(), code
}

// sarifSchema compiles the SARIF 2.1.0 schema, or skips the test when
// the module that ships it cannot be downloaded (and end-to-end tests
// are not asked for).
func sarifSchema(t *testing.T, goCmd string) *jsonschema.Schema {
	t.Helper()
	cmd := exec.Command(goCmd, "mod", "download", "-json", schemaModule)
	cmd.Dir = t.TempDir() // outside any module
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	out, err := cmd.Output()
	var mod struct{ Dir, Error string }
	if err == nil {
		err = json.Unmarshal(out, &mod)
	}
	if err == nil && mod.Error != "" {
		err = errors.New(mod.Error)
	}
	if err != nil {
		msg := "go mod download " + schemaModule + ": " + err.Error() + "\n" + string(out)
		if os.Getenv("ACMLINT_E2E") == "" {
			t.Skip(msg + " (set ACMLINT_E2E=1 to make this a failure)")
		}
		t.Fatal(msg)
	}
	f, err := os.Open(filepath.Join(mod.Dir, filepath.FromSlash(schemaFile)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", schemaFile, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // check the uri and uri-reference formats too
	const url = "sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compiling the SARIF schema: %v", err)
	}
	return sch
}

// validate validates a SARIF log against the schema.
func validate(sch *jsonschema.Schema, data []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

func TestSARIF(t *testing.T) {
	bin, goCmd := buildAcmlint(t)
	mod, err := filepath.Abs(filepath.Join("testdata", "sarifmod"))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "acmlint.sarif")
	stdout, stderr, code := runIn(t, mod, bin, "sarif", "-o", out, "./...")
	if code != 0 || stdout != "" || stderr != "" {
		t.Fatalf("acmlint sarif -o FILE ./...: exit status %d, stdout %q, stderr %q; want 0 and no output", code, stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}

	t.Run("Schema", func(t *testing.T) {
		sch := sarifSchema(t, goCmd)
		if err := validate(sch, data); err != nil {
			t.Errorf("the log does not validate against the SARIF 2.1.0 schema: %v", err)
		}
		// With a tiny -maxblocks, functions are skipped: notes.
		small, _, code := runIn(t, mod, bin, "sarif", "-maxblocks=1", "./...")
		var sl sarifLog
		if err := json.Unmarshal([]byte(small), &sl); code != 0 || err != nil {
			t.Fatalf("acmlint sarif -maxblocks=1: exit status %d, %v", code, err)
		}
		notes := 0
		for _, r := range sl.Runs[0].Results {
			if r.RuleID == "skipped" && r.Level == "note" {
				notes++
			}
		}
		if notes == 0 {
			t.Errorf("acmlint sarif -maxblocks=1: no skipped result at level note:\n%s", small)
		}
		if err := validate(sch, []byte(small)); err != nil {
			t.Errorf("the log of acmlint sarif -maxblocks=1 does not validate: %v", err)
		}
		// The validator does reject an invalid log.
		bad := bytes.Replace(data, []byte(`"level": "warning",`), []byte(`"level": "severe",`), 1)
		if bytes.Equal(bad, data) {
			t.Fatal("no result at level warning to break")
		}
		if err := validate(sch, bad); err == nil {
			t.Errorf("a log with a result at level \"severe\" validates: the validator checks nothing")
		}
	})

	t.Run("Semantics", func(t *testing.T) {
		checkSARIF(t, mod, log)
	})

	t.Run("MatchesText", func(t *testing.T) {
		// The same findings as the text output, at the same lines.
		_, text, _ := runIn(t, mod, bin, "./...")
		var want []string
		for _, line := range strings.Split(text, "\n") {
			if m := diagLine.FindStringSubmatch(line); m != nil && !strings.HasPrefix(m[4], "\t") {
				want = append(want, relPosn(mod, m[1])+":"+m[2]+": "+m[4])
			}
		}
		var got []string
		for _, r := range log.Runs[0].Results {
			loc := r.Locations[0].PhysicalLocation
			got = append(got, loc.ArtifactLocation.URI+":"+strconv.Itoa(loc.Region.StartLine)+": "+r.Message.Text)
		}
		if len(want) != 3 {
			t.Errorf("text output has %d findings, want 3:\n%s", len(want), text)
		}
		if !slices.Equal(got, want) {
			t.Errorf("SARIF results differ from the text output:\n got %q\nwant %q", got, want)
		}
	})

	t.Run("Columns", func(t *testing.T) {
		// The leak is at os.Open on a line with "données" before it: the
		// column counts é as one UTF-16 code unit, not two bytes.
		src, err := os.ReadFile(filepath.Join(mod, "store", "store.go"))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(src), "\n")
		for _, r := range log.Runs[0].Results {
			if r.RuleID != "leak" {
				continue
			}
			reg := r.Locations[0].PhysicalLocation.Region
			line := lines[reg.StartLine-1]
			i := strings.Index(line, "os.Open")
			wantCol := 1 + len(utf16.Encode([]rune(line[:i])))
			if reg.StartColumn != wantCol || reg.EndColumn != wantCol+len("os") {
				t.Errorf("leak region columns %d-%d, want %d-%d (UTF-16 code units)", reg.StartColumn, reg.EndColumn, wantCol, wantCol+2)
			}
			if wantCol == i+1 {
				t.Errorf("the test line has no non-ASCII text before the finding: it checks nothing")
			}
		}
	})

	t.Run("Stdout", func(t *testing.T) {
		// Without -o the log goes to standard output, the same bytes on
		// every run.
		stdout, _, code := runIn(t, mod, bin, "sarif", "./...")
		if code != 0 || stdout != string(data) {
			t.Errorf("acmlint sarif ./...: exit status %d; output differs from the first run's:\n%s", code, stdout)
		}
	})

	t.Run("Config", func(t *testing.T) {
		// -config is the analyzer's flag: a file turning leak off
		// removes the leak result.
		cfg := filepath.Join(t.TempDir(), "acmlint.yml")
		if err := os.WriteFile(cfg, []byte("checks: {disable: [leak]}\n"), 0o666); err != nil {
			t.Fatal(err)
		}
		stdout, _, code := runIn(t, mod, bin, "sarif", "-config", cfg, "./...")
		var l sarifLog
		if err := json.Unmarshal([]byte(stdout), &l); code != 0 || err != nil {
			t.Fatalf("acmlint sarif -config: exit status %d, %v", code, err)
		}
		var ids []string
		for _, r := range l.Runs[0].Results {
			ids = append(ids, r.RuleID)
		}
		if want := []string{"callback-panic", "directive"}; !slices.Equal(ids, want) {
			t.Errorf("with leak disabled: results %q, want %q", ids, want)
		}
	})

	t.Run("ExitStatus", func(t *testing.T) {
		badCfg := filepath.Join(t.TempDir(), "bad.yml")
		if err := os.WriteFile(badCfg, []byte("chekcs: {}\n"), 0o666); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			args   []string
			code   int
			stderr string
		}{
			{[]string{"sarif"}, 2, "usage: acmlint sarif"},
			{[]string{"sarif", "-nosuchflag", "./..."}, 2, "flag provided but not defined: -nosuchflag"},
			{[]string{"sarif", "-maxblocks=-1", "./..."}, 2, "maxblocks"},
			{[]string{"sarif", "-config", badCfg, "./..."}, 2, "chekcs"},
			{[]string{"sarif", "./nosuchdir/..."}, 1, "nosuchdir"},
			{[]string{"sarif", "-help"}, 0, "usage: acmlint sarif"},
		} {
			stdout, stderr, code := runIn(t, mod, bin, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("acmlint %s: exit status %d, stderr %q; want %d and a message containing %q",
					strings.Join(tc.args, " "), code, stderr, tc.code, tc.stderr)
			}
			// Bad usage writes no log; a package that fails to load is
			// recorded in one.
			if code == 2 && stdout != "" {
				t.Errorf("acmlint %s: wrote a log for bad usage:\n%s", strings.Join(tc.args, " "), stdout)
			}
		}
	})

	t.Run("TypeError", func(t *testing.T) {
		// A package that does not type-check: exit status 1, and the log
		// is still written, recording the failure.
		dir := t.TempDir()
		for name, content := range map[string]string{
			"go.mod":    "module example.com/broken\n\ngo 1.22\n",
			"broken.go": "package broken\n\nfunc F() int { return \"x\" }\n",
		} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o666); err != nil {
				t.Fatal(err)
			}
		}
		stdout, stderr, code := runIn(t, dir, bin, "sarif", "./...")
		if code != 1 || !strings.Contains(stderr, "broken.go:3") {
			t.Errorf("acmlint sarif on a package with a type error: exit status %d, stderr %q; want 1 and the error", code, stderr)
		}
		var l sarifLog
		if err := json.Unmarshal([]byte(stdout), &l); err != nil {
			t.Fatalf("no log written: %v\n%s", err, stdout)
		}
		inv := l.Runs[0].Invocations
		if len(inv) != 1 || inv[0].ExecutionSuccessful || len(inv[0].ToolExecutionNotifications) == 0 {
			t.Errorf("invocations %+v: want one, not successful, with notifications", inv)
		}
	})
}

// uriSafe matches a relative URI reference made of path characters.
var uriSafe = regexp.MustCompile(`^[A-Za-z0-9._~!$&'()*+,;=:@/%-]+$`)

// checkSARIF checks the properties of the log that the schema does not:
// rules and results agree, locations are relative to the module root,
// levels are as documented.
func checkSARIF(t *testing.T, mod string, log sarifLog) {
	t.Helper()
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs; want 2.1.0 and one run", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "acmlint" {
		t.Errorf("driver name %q", run.Tool.Driver.Name)
	}
	rules := run.Tool.Driver.Rules
	levels := map[string]string{}
	for _, r := range rules {
		levels[r.ID] = r.DefaultConfiguration.Level
		if !strings.HasPrefix(r.HelpURI, "https://github.com/acmlint/acmlint#") {
			t.Errorf("rule %s: helpUri %q", r.ID, r.HelpURI)
		}
	}
	for id, want := range map[string]string{"leak": "warning", "callback-panic": "warning", "skipped": "note", "internal-error": "error", "directive": "warning"} {
		if levels[id] != want {
			t.Errorf("rule %s: level %q, want %q", id, levels[id], want)
		}
	}
	if got, want := run.OriginalURIBaseIDs["SRCROOT"].URI, "file://"+filepath.ToSlash(mod)+"/"; got != want {
		t.Errorf("SRCROOT is %q, want %q", got, want)
	}
	if len(run.Invocations) != 1 || !run.Invocations[0].ExecutionSuccessful {
		t.Errorf("invocations %+v: want one, successful", run.Invocations)
	}

	checkLoc := func(what string, a sarifArtifact) {
		if a.URIBaseID != "SRCROOT" || !uriSafe.MatchString(a.URI) || strings.HasPrefix(a.URI, "/") || strings.Contains(a.URI, "..") {
			t.Errorf("%s: location %+v is not a URI relative to SRCROOT", what, a)
			return
		}
		if _, err := os.Stat(filepath.Join(mod, filepath.FromSlash(a.URI))); err != nil {
			t.Errorf("%s: %v", what, err)
		}
	}
	var cats []string
	for _, r := range run.Results {
		what := r.RuleID + ": " + r.Message.Text
		if r.RuleIndex < 0 || r.RuleIndex >= len(rules) || rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("%s: ruleIndex %d does not name the rule", what, r.RuleIndex)
		}
		if r.Level != levels[r.RuleID] {
			t.Errorf("%s: level %q, want the rule's %q", what, r.Level, levels[r.RuleID])
		}
		if len(r.Locations) != 1 {
			t.Errorf("%s: %d locations, want 1", what, len(r.Locations))
			continue
		}
		checkLoc(what, r.Locations[0].PhysicalLocation.ArtifactLocation)
		for _, rel := range r.RelatedLocations {
			checkLoc(what+" (related)", rel.PhysicalLocation.ArtifactLocation)
		}
		for _, f := range r.Fixes {
			for _, c := range f.ArtifactChanges {
				checkLoc(what+" (fix)", c.ArtifactLocation)
			}
		}
		cats = append(cats, r.RuleID)
		switch r.RuleID {
		case "leak", "callback-panic":
			if len(r.RelatedLocations) != 1 {
				t.Errorf("%s: %d related locations, want 1 (the return, the acquisition)", what, len(r.RelatedLocations))
			}
		}
		if r.RuleID == "callback-panic" && len(r.Fixes) != 1 {
			t.Errorf("%s: %d fixes, want 1 (defer the unlock)", what, len(r.Fixes))
		}
	}
	if want := []string{"leak", "callback-panic", "directive"}; !slices.Equal(cats, want) {
		t.Errorf("results by rule: %q, want %q (file, line, column order)", cats, want)
	}
}
