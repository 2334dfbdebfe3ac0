package analyzer_test

import (
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

// The fixed helpers are quiet: callbackpanic/fix.go.golden without its
// want comments has no finding. (owned.go.golden keeps findings that get
// no fix, by design.)
func TestCallbackPanicFixed(t *testing.T) { runFixed(t, "callbackpanic", "fix.go.golden") }

// exit-outcome: a convention Exit(ctx, err) called, deferred or called in
// a deferred closure with a nil error on a path that returns a non-nil
// error; not for an exit given the error, nil on paths that return nil,
// or exits without an error parameter.
func TestExitOutcome(t *testing.T) { run(t, "exitoutcome") }
