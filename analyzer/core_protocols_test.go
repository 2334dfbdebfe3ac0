package analyzer_test

import (
	"path/filepath"
	"testing"

	"github.com/acmlint/acmlint/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// sync: Mutex, RWMutex (write and read), TryLock/TryRLock, embedded
// mutexes, sync.Locker, enter/exit wrappers.
func TestLocks(t *testing.T) { run(t, "locks") }

// golang.org/x/sync/semaphore (stubbed under testdata/src).
func TestSemaphore(t *testing.T) { run(t, "semaphore") }

// os.Open, os.Create, os.OpenFile, os.CreateTemp.
func TestFiles(t *testing.T) { run(t, "files") }

// net.Dial*, net.Listen, Accept.
func TestNetConn(t *testing.T) { run(t, "netconn") }

// net/http response bodies.
func TestHTTPBody(t *testing.T) { run(t, "httpbody") }

// database/sql Rows, Stmt, Tx, Conn.
func TestSQLResources(t *testing.T) { run(t, "sqlres") }

// Closures, method values, embedded fields, generics, goto, select,
// labelled break/continue and range-over-func (a go1.23 module).
func TestForms(t *testing.T) {
	analysistest.Run(diagsAndNamedFacts{t}, filepath.Join(testdata(), "forms"), analyzer.Analyzer, "./...")
}

// A function over the size limit is skipped with a note.
func TestSizeLimit(t *testing.T) {
	a, err := analyzer.New(analyzer.Config{MaxBlocks: 4})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(diagsAndNamedFacts{t}, testdata(), a, "sizelimit")
}

// A lock held on one return of a loop is a leak, not a TryLock-like wrapper.
func TestLockInLoop(t *testing.T) { run(t, "locksloop") }

// Error checks through helpers that do not return on a non-nil error.
func TestCheckHelpers(t *testing.T) { run(t, "checkhelpers") }

// Resources inside a struct argument: released or handed off by the
// callee through the field, or only read.
func TestStructArgs(t *testing.T) { run(t, "structargs") }
