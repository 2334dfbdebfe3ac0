package leakfix

import (
	"context"
	"os"
	"sync"
	"time"
)

// In a loop a defer would wait for the function's end.
func eachFile(names []string) error {
	for _, n := range names {
		f, err := os.Open(n) // want `f is opened at line 13 but not closed before the next iteration of the loop at line 12`
		if err != nil {
			return err
		}
		_ = f.Name()
	}
	return nil
}

// The Close of a written file carries the outcome and is also called
// explicitly: deferring a second Close would report "already closed".
func writeAll(name string, b []byte) error {
	f, err := os.Create(name) // want `f is opened at line 25 but not closed on the path that returns at line 30`
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		return err
	}
	return f.Close()
}

// A second Unlock after more work would be fatal.
func twoPhase(mu *sync.Mutex, work func() error) error {
	mu.Lock() // want `mu is locked at line 37 but not unlocked on the path that returns at line 39`
	if err := work(); err != nil { // want `work runs at line 38 while mu is locked and its release is not deferred: if work panics and a caller recovers, mu is never unlocked`
		return err
	}
	mu.Unlock()
	return work()
}

// The error is not checked: the file may be nil where a defer would go.
func unchecked(name string, skip bool) {
	f, _ := os.Open(name) // want `f is opened at line 47 but not closed on the path that returns at line 49`
	if skip {
		return
	}
	f.Close()
}

// The cancel func lives in a variable declared in an if statement.
func scoped(ctx context.Context, d time.Duration) context.Context {
	if c, cancel := context.WithTimeout(ctx, d); c != nil { // want `cancel is created at line 56 but not called on the path that returns at line 57`
		return c
	} else {
		cancel()
	}
	return ctx
}

// The deferred Close's error is dropped, but the function has no error
// result to join it into.
func logOnly(name string) {
	f, err := os.Create(name)
	if err != nil {
		return
	}
	defer f.Close() // want `the error of f\.Close is dropped by defer at line 71, but the path can still report success at line 73`
	f.WriteString("x")
}

// The file variable is reassigned after the defer: a closure would
// close the other file, not this one.
func reopen(a string, g *os.File) error {
	f, err := os.Create(a)
	if err != nil {
		return err
	}
	defer f.Close() // want `the error of f\.Close is dropped by defer at line 82, but the path can still report success at line 85`
	f = g
	_, err = f.WriteString("x")
	return err
}

// err is declared on its own in the outermost block: naming the result
// err would not compile.
func declared(name string) error {
	var err error
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer f.Close() // want `the error of f\.Close is dropped by defer at line 96, but the path can still report success at line 97`
	return nil
}
