package main

// The sarif subcommand: analyse packages and write the findings as a
// SARIF 2.1.0 log, for code scanning (GitHub's upload-sarif and others).

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/acmlint/acmlint/analyzer"
	"github.com/acmlint/acmlint/cmd/acmlint/internal/sarif"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Exit codes of the sarif subcommand.
const (
	sarifOK       = 0 // the log was written, with or without findings
	sarifFailed   = 1 // a package failed to load or to be analysed, or the log could not be written
	sarifBadUsage = 2 // bad flags (including a bad -config file) or no packages
)

const sarifUsage = `usage: acmlint sarif [-o FILE] [-srcroot DIR] [-config FILE] [-maxblocks N] [-test=false] packages...

Analyse the packages and write the findings as a SARIF 2.1.0 log, on
standard output or to FILE. File locations are relative to the source root:
-srcroot, or by default the root of the main module (of the go.work
workspace, if any) of the current directory.

Exit status: 0 when the log was written, findings or not; 1 when a package
could not be loaded or analysed (the log is still written, and records the
errors) or the log could not be written; 2 for bad usage.

Flags:
`

// runSARIF is the sarif subcommand.
func runSARIF(args []string) int {
	return sarifMain(args, os.Stdout, os.Stderr)
}

func sarifMain(args []string, stdout, stderr io.Writer) int {
	// The analyzer's own flags (-config, -maxblocks, ...) are registered
	// here as they are, so they check their values exactly as under the
	// main command and configure this analyzer.
	a, err := analyzer.New(analyzer.Config{})
	if err != nil {
		fmt.Fprintf(stderr, "acmlint sarif: %v\n", err)
		return sarifFailed
	}
	fs := flag.NewFlagSet("acmlint sarif", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write the log to `FILE` instead of standard output")
	srcroot := fs.String("srcroot", "", "make file locations relative to `DIR` (default: the main module's root)")
	tests := fs.Bool("test", true, "also analyse test files")
	a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	fs.Usage = func() {
		fmt.Fprint(stderr, sarifUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return sarifOK
		}
		return sarifBadUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return sarifBadUsage
	}

	base := *srcroot
	if base == "" {
		if base, err = moduleRoot(); err != nil {
			fmt.Fprintf(stderr, "acmlint sarif: %v\n", err)
			return sarifFailed
		}
	}
	if base, err = filepath.Abs(base); err != nil {
		fmt.Fprintf(stderr, "acmlint sarif: %v\n", err)
		return sarifFailed
	}

	log, ok := analyseToSARIF(a, fs.Args(), *tests, base, stderr)
	if log == nil {
		return sarifFailed
	}
	var buf bytes.Buffer
	if _, err := log.WriteTo(&buf); err != nil {
		fmt.Fprintf(stderr, "acmlint sarif: %v\n", err)
		return sarifFailed
	}
	if *out == "" {
		_, err = stdout.Write(buf.Bytes())
	} else {
		err = os.WriteFile(*out, buf.Bytes(), 0o666)
	}
	if err != nil {
		fmt.Fprintf(stderr, "acmlint sarif: %v\n", err)
		return sarifFailed
	}
	if !ok {
		return sarifFailed
	}
	return sarifOK
}

// analyseToSARIF loads and analyses the packages and returns the log and
// whether everything loaded and was analysed. Errors are printed to
// stderr as the main command prints them, and recorded in the log. The
// log is nil when the packages could not be listed at all.
func analyseToSARIF(a *analysis.Analyzer, patterns []string, tests bool, base string, stderr io.Writer) (*sarif.Log, bool) {
	b := sarif.NewBuilder(sarif.ToolInfo{
		Name:           "acmlint",
		Version:        toolVersion(),
		InformationURI: "https://github.com/acmlint/acmlint",
	}, sarifRules(), base, os.ReadFile)

	// As the x/tools checker loads them: acmlint uses facts, so
	// dependencies are loaded from source too.
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Tests: tests}
	initial, err := packages.Load(cfg, patterns...)
	if err == nil && len(initial) == 0 {
		err = fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	if err != nil {
		fmt.Fprintf(stderr, "acmlint sarif: %v\n", err)
		return nil, false
	}
	ok := true
	packages.Visit(initial, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			fmt.Fprintln(stderr, e)
			b.AddError(e.Error())
			ok = false
		}
		if p.Module != nil && p.Module.Error != nil {
			fmt.Fprintln(stderr, p.Module.Error.Err)
			b.AddError(p.Module.Error.Err)
			ok = false
		}
	})

	graph, err := checker.Analyze([]*analysis.Analyzer{a}, initial, nil)
	if err != nil {
		fmt.Fprintf(stderr, "acmlint sarif: %v\n", err)
		return nil, false
	}
	for act := range graph.All() {
		if act.Err != nil {
			msg := fmt.Sprintf("%s: %v", act, act.Err)
			fmt.Fprintln(stderr, msg)
			b.AddError(msg)
			ok = false
		}
	}
	for _, act := range graph.Roots {
		if act.Err != nil {
			continue
		}
		for _, d := range act.Diagnostics {
			b.Add(act.Package.Fset, d)
		}
	}
	return b.Log(), ok
}

// sarifRules describes acmlint's diagnostic categories as SARIF rules.
func sarifRules() []sarif.RuleInfo {
	var rules []sarif.RuleInfo
	for _, c := range analyzer.Categories() {
		level := sarif.LevelWarning
		switch {
		case c.Check:
		case c.Name == "skipped":
			level = sarif.LevelNote
		case c.Name == "internal-error":
			level = sarif.LevelError
		}
		// The docs link to README sections by anchor alone; a code
		// scanning page needs the full address.
		site, _, _ := strings.Cut(c.URL, "#")
		rules = append(rules, sarif.RuleInfo{
			ID:       c.Name,
			Title:    c.Title,
			Markdown: strings.ReplaceAll(c.Text, "](#", "]("+site+"#"),
			HelpURI:  c.URL,
			Level:    level,
		})
	}
	return rules
}

// moduleRoot returns the directory of the go.work workspace or, outside
// one, of the main module, that the go command uses in the current
// directory; outside a module, the current directory.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "-json", "GOWORK", "GOMOD").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", fmt.Errorf("go env: %v\n%s", err, ee.Stderr)
		}
		return "", fmt.Errorf("go env: %v", err)
	}
	var env struct{ GOWORK, GOMOD string }
	if err := json.Unmarshal(out, &env); err != nil {
		return "", fmt.Errorf("go env: %v", err)
	}
	switch {
	case env.GOWORK != "" && env.GOWORK != "off":
		return filepath.Dir(env.GOWORK), nil
	case env.GOMOD != "" && env.GOMOD != os.DevNull:
		return filepath.Dir(env.GOMOD), nil
	}
	return os.Getwd()
}

// toolVersion is acmlint's module version, or "devel" for a build from a
// work tree without version control information.
func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
