package analyzer_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/acmlint/acmlint/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// callback-panic: a "with" helper that runs caller-supplied code (a
// func-typed parameter, a func-typed field, a captured or handed func
// value) while it holds a lock, a transaction, a file or a semaphore slot
// whose release is not deferred; not for a deferred release, callbacks
// run after the release or before the acquisition, ordinary work under a
// lock, or protocols whose skipped release is cheap (cancel funcs, bufio
// writers).
func TestCallbackPanic(t *testing.T) { run(t, "callbackpanic") }

// The suggested fix defers the release right after the acquisition (and
// its error check) and removes the explicit releases that each end a
// path; for a transaction it defers Rollback and keeps the Commit. Only
// callbackpanic/fix.go has a golden file: a fix suggested for a helper in
// bad.go (files, semaphores, a lock per loop iteration, TryLock, releases
// followed by more work) fails for the missing golden.
func TestCallbackPanicFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(diagsAndNamedFacts{t}, testdata(), analyzer.Analyzer, "callbackpanic")
}

// The fixed helpers are quiet: callbackfixed/fixed.go is
// callbackpanic/fix.go.golden without its want comments, and has none.
func TestCallbackPanicFixed(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join(testdata(), "src", "callbackpanic", "fix.go.golden"))
	if err != nil {
		t.Fatal(err)
	}
	fixed, err := os.ReadFile(filepath.Join(testdata(), "src", "callbackfixed", "fixed.go"))
	if err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(" *// want `[^`]*`").ReplaceAllString(string(golden), "")
	want = strings.Replace(want, "package callbackpanic", "package callbackfixed", 1)
	if want != string(fixed) {
		t.Errorf("testdata/src/callbackfixed/fixed.go is not callbackpanic/fix.go.golden without its want comments; regenerate it")
	}
	run(t, "callbackfixed")
}

// exit-outcome: a convention Exit(ctx, err) called, deferred or called in
// a deferred closure with a nil error on a path that returns a non-nil
// error; not for an exit given the error, nil on paths that return nil,
// or exits without an error parameter.
func TestExitOutcome(t *testing.T) { run(t, "exitoutcome") }
