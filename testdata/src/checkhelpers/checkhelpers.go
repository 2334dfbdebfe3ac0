// Package checkhelpers: must(err) and check(t, err) helpers that do not
// return when the error is non-nil are error checks too.
package checkhelpers

import (
	"os"
	"testing"
)

func must(err error) { // want must:`checks p0`
	if err != nil {
		panic(err)
	}
}

func check(t *testing.T, err error) { // want check:`checks p1`
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

// logOnly returns either way: not a check.
func logOnly(err error) {
	if err != nil {
		println(err.Error())
	}
}

// ok: the deferred Close runs after the check.
func readMust(name string) string {
	f, err := os.Open(name)
	must(err)
	defer f.Close()
	return f.Name()
}

// ok: check(t, err) then defer (std's net/http tests).
func testRead(t *testing.T) {
	f, err := os.Open("testdata/x")
	check(t, err)
	defer f.Close()
	if f.Name() == "" {
		t.Error("no name")
	}
}

// bad: checked, but never closed.
func leakAfterMust(name string) string {
	f, err := os.Open(name) // want `f is opened at line 50 but not closed on the path that returns at line 52`
	must(err)
	return f.Name()
}

// bad: logging is not a check, so Close comes before the error is known
// to be nil.
func closeBeforeCheck(name string) error {
	f, err := os.Open(name)
	logOnly(err)
	defer f.Close() // want `f\.Close is deferred at line 60 before the error from os\.Open \(line 58\) is checked`
	return err
}
