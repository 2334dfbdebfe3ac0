package analyzer_test

import "testing"

// dropped-result: Tx.Commit, Close of a written file, Flush, compress and
// archive writers' Close, a convention Exit; not for explicit `_ =`,
// error paths, deferred closures that keep the result, errors.Join.
func TestDroppedResult(t *testing.T) { run(t, "droppedresult") }

// exit-before-check: an exit called or deferred before the enter's error
// was checked.
func TestExitBeforeCheck(t *testing.T) { run(t, "exitbeforecheck") }

// double-exit: a mutex or semaphore released twice on one path.
func TestDoubleExit(t *testing.T) { run(t, "doubleexit") }

// defer-in-loop: an enter in a loop whose exit is deferred to the
// function's end.
func TestDeferInLoop(t *testing.T) { run(t, "deferinloop") }

// ownership: a resource handed to a goroutine that does not release it
// on every path.
func TestOwnership(t *testing.T) { run(t, "ownership") }
