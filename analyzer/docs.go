package analyzer

// The documentation of each check, as data. The README's "Checks" section
// is rendered from this table (renderChecksMarkdown), and docs_test.go
// runs every example through the analyzer: each Bad example must produce
// exactly the findings quoted in its "// acmlint: <message>" comments, and
// each Good example none. Edit the table, then run
//
//	go test ./analyzer -run TestREADMEChecks -update
//
// to rewrite the README section.

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// checkDoc documents one check.
type checkDoc struct {
	// Name is the check's name: the diagnostic category, and the name
	// used in the configuration file's checks: lists.
	Name string
	// Title is one line, lower-case, without a final period.
	Title string
	// Text says what the check reports and what it does not: Markdown
	// paragraphs separated by blank lines, each paragraph on one line
	// (the renderer wraps them).
	Text string
	// Bad is a complete Go file that the check reports. Each finding's
	// line ends with the comment "// acmlint: " and the exact message;
	// the line numbers in the messages are those of the file.
	Bad string
	// Good is Bad fixed: a complete Go file with no findings.
	Good string
	// Fixed says that applying acmlint's suggested fixes (-fix) to Bad
	// gives Good.
	Fixed bool
	// FalsePositives are the known false positives and limits (including
	// missed findings), one Markdown paragraph each.
	FalsePositives []string
	// Suppress says how to silence one finding of this check; the
	// renderer adds what is common to every check (see suppressCommon).
	Suppress string
}

// findingMarker starts the comment that quotes a finding in a Bad
// example. (With a space after "//", it is an ordinary comment, not an
// //acmlint: directive.)
const findingMarker = "// acmlint: "

// checkDocs documents the checks, in the order the README lists them.
var checkDocs = []checkDoc{
	{
		Name:  checkLeak,
		Title: "a resource still held on a path out of the function",
		Text: "Reports a path from an acquisition to a return, an explicit `panic`, or the next iteration of a loop, " +
			"on which the resource is still held and no exit has run or been deferred. " +
			"The message names the resource as written in the source and the first such path " +
			"(`... on the path that returns at line N`, `... on the path that panics at line N`, " +
			"`... before the next iteration of the loop at line N`); the related position is that return, panic or loop. " +
			"When the resource came from a wrapper, the message names the wrapper: `f is opened by cfg.OpenConfig at line N but ...`. " +
			"The same check reports a resource thrown away at once " +
			"(`the func returned by context.WithTimeout is discarded at line N, so it is never called`; " +
			"`f is opened at line N but never used, so it is never closed`) " +
			"and a lock released with the other kind's exit " +
			"(`c.mu is read-locked at line N but released with Unlock, so it is never read-unlocked`).\n\n" +
			"It does not report paths on which the enter failed (its error result is non-nil, or its bool result false, as for `TryLock`); " +
			"paths that end in a call that never returns (`os.Exit`, `log.Fatal`, `t.Fatal`, `runtime.Goexit`, ...); " +
			"or resources that are handed off: returned, stored in a field, a global, a map or a slice, sent on a channel, " +
			"given to a goroutine or to a callee that takes ownership (see [How ownership works](#how-ownership-works)). " +
			"A resource rooted outside the function (a receiver's mutex, a global lock) is reported only when some paths release it and others do not: " +
			"a function that never releases it is a lock helper, and its callers are checked instead. " +
			"Compress and archive writers and a `bufio.Writer` may be left unclosed or unflushed on a path that returns an error, " +
			"and a `bufio.Writer` nothing was written to may go unflushed.",
		Bad: `package cache

import (
	"errors"
	"io"
	"os"
	"sync"
)

type Cache struct {
	mu   sync.Mutex
	hits map[string]int
}

func (c *Cache) Hit(key string) error {
	c.mu.Lock() // acmlint: c.mu is locked at line 16 but not unlocked on the path that returns at line 18
	if key == "" {
		return errors.New("empty key")
	}
	c.hits[key]++
	c.mu.Unlock()
	return nil
}

func ReadConfig(name string) ([]byte, error) {
	f, err := os.Open(name) // acmlint: f is opened at line 26 but not closed on the path that returns at line 30
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}
`,
		Good: `package cache

import (
	"errors"
	"io"
	"os"
	"sync"
)

type Cache struct {
	mu   sync.Mutex
	hits map[string]int
}

func (c *Cache) Hit(key string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if key == "" {
		return errors.New("empty key")
	}
	c.hits[key]++
	return nil
}

func ReadConfig(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
`,
		Fixed: true,
		FalsePositives: []string{
			"Conditions correlated through memory or through a flag: in `if c.locking { c.mu.Lock() }; ...; if c.locking { c.mu.Unlock() }` " +
				"the two loads of `c.locking` are not known to agree, and a release guarded by a flag set elsewhere " +
				"(`if !unlocked { c.mu.Unlock() }`) is not known to run, so the path that acquires and skips the release is reported. " +
				"Branches on the same local variable or parameter are understood.",
			"Loops that always run at least once: the path that skips the loop body is taken to be possible, " +
				"so a release that happens only inside a loop such as `for i := 0; i < 3; i++` is reported for the path that never enters it.",
			"Releases acmlint cannot see: a process started with `cmd.Start` and reaped with `cmd.Process.Wait` instead of `cmd.Wait`, " +
				"a resource closed by a finalizer or by a pool's own bookkeeping.",
			"Missed leaks: a resource passed to a callee acmlint cannot see (an interface method, a func value) " +
				"whose parameter type could release it (`io.Closer`, a func when the resource is a cancel func, ...) " +
				"is taken to be owned by that callee, so a leak through a callee that does not in fact release it is not reported " +
				"(see [Unknown callees](#unknown-callees)).",
		},
		Suppress: "Put `//acmlint:ignore <reason>` on the line of the acquisition or of the return (or `panic`, or loop) the message names, " +
			"or alone on the line above either; when something acmlint cannot see releases the resource, say what in the reason.",
	},
	{
		Name:  checkDroppedResult,
		Title: "an exit's must-use result is discarded",
		Text: "Reports an exit whose result carries the outcome — the error of `(*sql.Tx).Commit`; " +
			"of `Close` on a file opened for writing (`os.Create`, `os.CreateTemp`, `os.OpenFile` with a constant flag that writes); " +
			"of `(*bufio.Writer).Flush`; of a compress or archive writer's `Close`; " +
			"the error or \"suppressed\" bool of an `Exit` of the Enter/Exit convention; " +
			"the result of an exit marked `//acmlint:must-use` or listed under `must-use:` — " +
			"when that result is discarded on a path that can still report success. " +
			"Discarded means called as a statement, deferred (`defer f.Close()`: nobody sees the result), " +
			"or called as a statement inside a deferred closure. " +
			"A path can still report success when it reaches a return whose error result is not known to be non-nil, " +
			"or any return of a function that has no error result. " +
			"The message is `the error of f.Close is dropped at line N, but the path can still report success at line M` " +
			"(`dropped by defer` for a deferred call; `the result of g.Exit` for a bool).\n\n" +
			"It does not report an explicit `_ = f.Close()`; " +
			"a result dropped on a path that returns a non-nil error anyway (`err` after `err != nil`, `fmt.Errorf(...)`, a sentinel error) or panics; " +
			"a deferred closure that assigns or joins the result into the named error result; " +
			"a deferred `Close` next to an explicit `return f.Close()` (the deferred one is the safety net for the error paths); " +
			"`Rollback`, and `Close` of a file opened read-only or by an `os.OpenFile` whose flag is not a constant.",
		Bad: `package report

import (
	"encoding/json"
	"os"
)

func Write(path string, v any) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close() // acmlint: the error of f.Close is dropped by defer at line 13, but the path can still report success at line 14
	return json.NewEncoder(f).Encode(v)
}
`,
		Good: `package report

import (
	"encoding/json"
	"errors"
	"os"
)

func Write(path string, v any) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, f.Close()) }()
	return json.NewEncoder(f).Encode(v)
}
`,
		Fixed: true,
		FalsePositives: []string{
			"An error returned through a helper (`return wrap(err)`) is not known to be non-nil, " +
				"so an exit dropped just before it counts as dropped on a path that can report success. " +
				"Return `err` or `fmt.Errorf(\"...: %w\", err)`, or discard the result explicitly.",
			"A function without an error result always counts as reporting success: " +
				"a dropped `Flush` or `Close` there is reported even when the function has nowhere to send the error.",
		},
		Suppress: "Write `_ = f.Close()` to discard the result on purpose: that is not reported. " +
			"Otherwise put `//acmlint:ignore <reason>` on the line of the exit, or alone on the line above.",
	},
	{
		Name:  checkExitBeforeCheck,
		Title: "an exit before the enter's error is checked",
		Text: "Reports an exit called or deferred on a resource before the error returned with it was checked. " +
			"On the error path the resource is not valid: `defer resp.Body.Close()` panics when `http.Get` fails, " +
			"`defer tx.Rollback()` when `db.Begin` fails, and `defer sem.Release(1)` releases a slot that was never acquired. " +
			"It applies to enters that acquire only when their error is nil " +
			"(`os.Open`, `http.Get`, `(*http.Client).Do`, `net.Dial`, `net.Listen`, `(*sql.DB).BeginTx`, `(*semaphore.Weighted).Acquire`, ...). " +
			"The related position is the acquisition.\n\n" +
			"It does not report an exit on the branch where the error is nil, or guarded by a nil check of the resource itself " +
			"(`if f != nil { defer f.Close() }`); a helper called or deferred before the check (`defer closeQuietly(f)`), " +
			"which may check for nil itself: only direct exit calls count; " +
			"or enters without an error result (`context.WithTimeout`).",
		Bad: `package store

import "database/sql"

func Delete(db *sql.DB, id int64) error {
	tx, err := db.Begin()
	defer tx.Rollback() // acmlint: tx.Rollback is deferred at line 7 before the error from (*sql.DB).Begin (line 6) is checked; on the error path tx is not valid
	if err != nil {
		return err
	}
	if _, err := tx.Exec("DELETE FROM items WHERE id = $1", id); err != nil {
		return err
	}
	return tx.Commit()
}
`,
		Good: `package store

import "database/sql"

func Delete(db *sql.DB, id int64) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec("DELETE FROM items WHERE id = $1", id); err != nil {
		return err
	}
	return tx.Commit()
}
`,
		FalsePositives: []string{
			"An error checked by a helper (`must(err)`, which calls `log.Fatal` when `err` is not nil) is not seen as a check: " +
				"an exit after the helper is still reported. Check the error in the function itself.",
			"`Close` of a nil `*os.File` returns `os.ErrInvalid` instead of panicking; " +
				"`defer f.Close()` before the check of `os.Open`'s error is reported all the same, because the order is wrong.",
		},
		Suppress: "Move the exit after the check. Otherwise put `//acmlint:ignore <reason>` on the line of the exit or of the acquisition, " +
			"or alone on the line above either.",
	},
	{
		Name:  checkDoubleExit,
		Title: "a lock or semaphore released twice on one path",
		Text: "Reports a resource that may be released only once — a `sync.Mutex`, either lock of a `sync.RWMutex`, a `sync.Locker`, " +
			"a `golang.org/x/sync/semaphore` slot, a configured protocol with `single: true` — released twice on one path: " +
			"two explicit releases, two deferred ones, or an explicit release before a return or `panic` while a deferred one is pending. " +
			"A second `Unlock` is a fatal error at run time that `recover` cannot stop (and, in a `panic`, it hides the panic on its way). " +
			"The message is `c.mu is unlocked twice on one path: at line N and again at line M`, or " +
			"`c.mu is unlocked at line N and again by the deferred call at line M when the function returns`; " +
			"the related position is the acquisition.\n\n" +
			"It does not report releases on different paths (an unlock in each branch); " +
			"an unlock around slow work followed by a lock again before the deferred unlock runs (`c.mu.Unlock(); slow(); c.mu.Lock()`); " +
			"a lock and unlock in each iteration of a loop; " +
			"or resources that tolerate a second release (files, bodies, cancel funcs).",
		Bad: `package cache

import "sync"

type Cache struct {
	mu    sync.Mutex
	m     map[string]string
	fresh bool
}

func (c *Cache) Refresh(load func() map[string]string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fresh {
		c.mu.Unlock() // acmlint: c.mu is unlocked at line 15 and again by the deferred call at line 13 when the function returns
		return
	}
	c.m = load()
	c.fresh = true
}
`,
		Good: `package cache

import "sync"

type Cache struct {
	mu    sync.Mutex
	m     map[string]string
	fresh bool
}

func (c *Cache) Refresh(load func() map[string]string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fresh {
		return
	}
	c.m = load()
	c.fresh = true
}
`,
		FalsePositives: []string{
			"Conditions correlated through a flag or through memory: " +
				"`if x { c.mu.Unlock(); unlocked = true }; if !unlocked { c.mu.Unlock() }` is reported " +
				"(and, for the same reason, as a `leak`).",
			"A semaphore released in parts: `sem.Acquire(ctx, 2)` followed by `sem.Release(1)` twice is reported; " +
				"the weights are not compared.",
		},
		Suppress: "Put `//acmlint:ignore <reason>` on the reported line or on the line of the acquisition, or alone on the line above either.",
	},
	{
		Name:  checkDeferInLoop,
		Title: "an exit deferred to the function's end inside a loop",
		Text: "Reports an acquisition inside a loop whose exit is deferred in the same iteration: " +
			"deferred calls run when the function returns, so every iteration holds one more file, body, connection or cancel func until then, " +
			"and with a mutex the second iteration deadlocks. " +
			"The finding is at the `defer`, the related position at the acquisition.\n\n" +
			"It does not report a `defer` in a function literal called per iteration (`func() { ...; defer f.Close(); ... }()`), " +
			"in a callback such as `filepath.WalkDir`'s, or in a goroutine started per iteration; " +
			"an iteration that defers and then always returns or breaks out of the loop, so that only one is ever held; " +
			"or an exit called, not deferred, in each iteration.",
		Bad: `package count

import (
	"bufio"
	"os"
)

func Lines(names []string) (int, error) {
	total := 0
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return 0, err
		}
		defer f.Close() // acmlint: f is opened in a loop at line 11 but f.Close is deferred to the end of the function: each iteration holds one more until it returns
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			total++
		}
		if err := sc.Err(); err != nil {
			return 0, err
		}
	}
	return total, nil
}
`,
		Good: `package count

import (
	"bufio"
	"os"
)

func Lines(names []string) (int, error) {
	total := 0
	for _, name := range names {
		n, err := linesOf(name)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

func linesOf(name string) (int, error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		n++
	}
	return n, sc.Err()
}
`,
		FalsePositives: []string{
			"A loop that runs only once, or that leaves after the deferring iteration through a condition acmlint cannot follow " +
				"(`for !done { ...; defer f.Close(); done = true }`, `for range 1`), is reported.",
			"Missed: the body of a range-over-func loop (`for x := range seq`) is a function of its own, " +
				"so a `defer` in it is not reported, although it runs only when the enclosing function returns.",
		},
		Suppress: "Move the body of the loop into a function, or a function literal called in the loop, so the `defer` runs per iteration. " +
			"Otherwise put `//acmlint:ignore <reason>` on the line of the `defer` or of the acquisition, or alone on the line above either.",
	},
	{
		Name:  checkOwnership,
		Title: "a goroutine that does not release what it was handed",
		Text: "Reports a resource created in the function and handed to a goroutine — captured by a `go func() { ... }()` literal, " +
			"or passed to `go worker(f)` or `go s.serve(conn)` — when the goroutine neither releases it on every path nor hands it on " +
			"(sends it, stores it, passes it to a function that releases it). " +
			"A goroutine whose function is in the same package is judged by its body, one from another package by its summary (a fact). " +
			"Typical findings: a pipe writer not closed when encoding fails, so the reader blocks for ever; " +
			"a connection a handler does not close on its error paths. " +
			"The finding is at the `go` statement, the related position at the acquisition.\n\n" +
			"It does not report a goroutine that is not the resource's only destination: when the function also releases the resource " +
			"or hands it elsewhere, or starts more than one goroutine with it; " +
			"goroutines started before the acquisition; paths of the goroutine that end in a `panic`; " +
			"or resources rooted outside the function, such as a lock or semaphore slot a goroutine releases for its caller.",
		Bad: `package stream

import (
	"encoding/json"
	"io"
	"log"
)

func Encode(items []any) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() { // acmlint: pw is handed to the goroutine started at line 11, which does not close it on every path
		enc := json.NewEncoder(pw)
		for _, it := range items {
			if err := enc.Encode(it); err != nil {
				log.Printf("encode: %v", err)
				return
			}
		}
		pw.Close()
	}()
	return pr
}
`,
		Good: `package stream

import (
	"encoding/json"
	"io"
)

func Encode(items []any) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() {
		enc := json.NewEncoder(pw)
		for _, it := range items {
			if err := enc.Encode(it); err != nil {
				pw.CloseWithError(err)
				return
			}
		}
		pw.Close()
	}()
	return pr
}
`,
		FalsePositives: []string{
			"A goroutine that returns once the resource no longer matters: a goroutine holding the `cancel` of a context " +
				"that calls it on one `select` case and returns on `<-ctx.Done()` without calling it is reported, " +
				"although the context is already cancelled there. Calling `cancel` on that path too (or `defer cancel()`) is harmless.",
			"The limits of `leak` apply inside the goroutine: conditions correlated through memory or flags, " +
				"loops that always run, releases acmlint cannot see.",
			"Missed: when two goroutines are handed the resource, or the function also releases or stores it, " +
				"nothing is reported even if no goroutine releases it.",
		},
		Suppress: "Put `//acmlint:ignore <reason>` on the line of the `go` statement or of the acquisition, or alone on the line above either.",
	},
	{
		Name:  checkCallbackPanic,
		Title: "caller-supplied code run before the release is deferred",
		Text: "Reports a function that calls code its caller supplied — a func-typed parameter, a captured func variable, " +
			"or a func read from a field of the receiver or of a parameter — while it holds a resource whose release is not yet deferred. " +
			"If that code panics and a caller recovers (`net/http` recovers the panic of every handler; so do many job runners), " +
			"the explicit release after the call never runs: the mutex stays locked for ever, the transaction open. " +
			"It is the Go form of `try/finally` around `yield` in Python's `@asynccontextmanager`. " +
			"The finding is at the first such call, the related position at the acquisition. " +
			"For a lock or a transaction, the suggested fix defers the release (`defer tx.Rollback()` for a transaction) " +
			"right after the acquisition and its error check, and removes explicit releases that are directly followed by a return.\n\n" +
			"It does not report callbacks run after the release, or after the release is deferred; " +
			"ordinary work under a lock (calls of functions and methods known statically); " +
			"calling the resource itself (a cancel func); " +
			"or resources whose skipped release costs little and not for long: context cancel funcs, tickers and timers, " +
			"trace regions and tasks, spans, compress and `bufio` writers.",
		Bad: `package cache

import "sync"

type Cache struct {
	mu sync.Mutex
	m  map[string]string
}

// Update runs fn with the map locked.
func (c *Cache) Update(fn func(m map[string]string)) {
	c.mu.Lock()
	fn(c.m) // acmlint: fn runs at line 13 while c.mu is locked and its release is not deferred: if fn panics and a caller recovers, c.mu is never unlocked
	c.mu.Unlock()
}
`,
		Good: `package cache

import "sync"

type Cache struct {
	mu sync.Mutex
	m  map[string]string
}

// Update runs fn with the map locked.
func (c *Cache) Update(fn func(m map[string]string)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fn(c.m)
}
`,
		Fixed: true,
		FalsePositives: []string{
			"A callback that cannot panic in practice (a logger, a metrics hook), or a program that never recovers panics, " +
				"is reported all the same: the check does not know who recovers.",
			"Missed: code reached through an interface method (`h.ServeHTTP(w, r)`) is not taken to be caller-supplied.",
		},
		Suppress: "Defer the release (`acmlint -fix` does it for locks and transactions). " +
			"Otherwise put `//acmlint:ignore <reason>` on the line of the call or of the acquisition, or alone on the line above either.",
	},
	{
		Name:  checkExitOutcome,
		Title: "an exit told the block succeeded when it failed",
		Text: "Reports an exit that takes the block's error — the `Exit` of a type that follows the Enter/Exit convention, " +
			"when it has an `error` parameter (`Exit(err error)`, `Exit(ctx context.Context, err error)`) — " +
			"called or deferred with a literal `nil` for that error on a path that then returns a non-nil error: " +
			"the exit records, commits or reports success for a block that failed, " +
			"as `__aexit__(None, None, None)` on an exception path would. " +
			"A call inside a deferred closure counts too. " +
			"The message is `s.Exit is called with a nil error at line N, but the function returns an error at line M: the exit is told the block succeeded` " +
			"(`is deferred` for a deferred call); the related position is the return.\n\n" +
			"It does not report an exit given the error; `nil` on paths that return success (or no error at all); " +
			"or exits without an `error` parameter.",
		Bad: `package job

import (
	"context"
	"log"
)

// Step follows the Enter/Exit convention; Exit records the outcome.
type Step struct{ name string }

func (s *Step) Enter(ctx context.Context) error { return ctx.Err() }

func (s *Step) Exit(err error) {
	if err != nil {
		log.Printf("%s failed: %v", s.name, err)
	}
}

func Copy(ctx context.Context, s *Step, src, dst string) error {
	if err := s.Enter(ctx); err != nil {
		return err
	}
	if err := copyFile(src, dst); err != nil {
		s.Exit(nil) // acmlint: s.Exit is called with a nil error at line 24, but the function returns an error at line 25: the exit is told the block succeeded
		return err
	}
	s.Exit(nil)
	return nil
}

func copyFile(src, dst string) error { return nil }
`,
		Good: `package job

import (
	"context"
	"log"
)

// Step follows the Enter/Exit convention; Exit records the outcome.
type Step struct{ name string }

func (s *Step) Enter(ctx context.Context) error { return ctx.Err() }

func (s *Step) Exit(err error) {
	if err != nil {
		log.Printf("%s failed: %v", s.name, err)
	}
}

func Copy(ctx context.Context, s *Step, src, dst string) (err error) {
	if err := s.Enter(ctx); err != nil {
		return err
	}
	defer func() { s.Exit(err) }()
	return copyFile(src, dst)
}

func copyFile(src, dst string) error { return nil }
`,
		FalsePositives: []string{
			"Missed: only a literal `nil` counts, not a variable that happens to be nil; " +
				"and only a return whose error is known to be non-nil (`err` after `err != nil`, `fmt.Errorf(...)`, a sentinel error), " +
				"not one returned through a helper (`return wrap(err)`).",
			"Exits of protocols declared by directives or the configuration file are checked only when " +
				"declared as taking the outcome: `outcome=Done` on the `//acmlint:enter` directive, " +
				"or `outcome: [Done]` in the configuration file.",
		},
		Suppress: "Pass the error to the exit. Otherwise put `//acmlint:ignore <reason>` on the line of the exit or of the return, " +
			"or alone on the line above either.",
	},
}

// suppressCommon is appended to each check's Suppress text; %s is the
// configuration that turns the check off.
const suppressCommon = "An ignore needs a reason, and one that suppresses nothing is itself reported. " +
	"To turn the check off, set %s in the configuration file; to skip whole files, list them under `exclude:`. " +
	"Under golangci-lint, `//nolint:acmlint` on the line of the finding works too."

// disableYAML is the configuration that turns a check off.
func disableYAML(name string) string { return "checks: {disable: [" + name + "]}" }

// docsURL is where the README lives; a check's section is at its anchor.
const docsURL = "https://github.com/acmlint/acmlint"

// checkURL returns the address of a check's section of the README.
func checkURL(name string) string { return docsURL + "#" + markdownAnchor(name) }

// Category documents one diagnostic category acmlint reports: a check,
// or one of the reports that are not checks.
type Category struct {
	Name  string // the diagnostic's Category, e.g. "leak"
	Check bool   // a check (the configuration's checks: lists name it), not a report about acmlint itself
	Title string // one line, lower case, no final period
	Text  string // what it reports, as Markdown paragraphs
	URL   string // its documentation
}

// Categories documents every diagnostic category acmlint reports: the
// checks, in the README's order, then skipped, internal-error and
// directive. Drivers use it to describe rules (as in SARIF output).
func Categories() []Category {
	var cs []Category
	for _, d := range checkDocs {
		cs = append(cs, Category{Name: d.Name, Check: true, Title: d.Title, Text: d.Text, URL: checkURL(d.Name)})
	}
	// The rest have no section of their own (see flush).
	return append(cs,
		Category{Name: catSkipped, Title: "a function too large to analyse",
			Text: "A function with more SSA basic blocks than the `-maxblocks` limit was not analysed; raise the limit to analyse it.",
			URL:  docsURL + "#checks"},
		Category{Name: catInternal, Title: "acmlint failed on one function",
			Text: "The analysis of one function failed; the rest of the package is still checked. Please report it.",
			URL:  docsURL + "#checks"},
		Category{Name: catDirective, Title: "a malformed //acmlint: directive, or an ignore that suppresses nothing",
			Text: "An `//acmlint:` directive that cannot be parsed, or an `//acmlint:ignore` that suppresses nothing.",
			URL:  docsURL + "#checks"})
}

// markdownAnchor returns the anchor GitHub gives a heading: lower case,
// punctuation other than '-' and '_' dropped, spaces turned into '-'.
func markdownAnchor(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(heading)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// renderChecksMarkdown renders checkDocs as the README's list of checks:
// one "### name" section per check.
func renderChecksMarkdown() string {
	var b strings.Builder
	for i, d := range checkDocs {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "### %s\n\n", d.Name)
		fmt.Fprintf(&b, "*%s*\n\n", d.Title)
		for _, para := range strings.Split(strings.TrimSpace(d.Text), "\n\n") {
			b.WriteString(wrapMarkdown(para, "", ""))
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "Bad:\n\n```go\n%s```\n\n", d.Bad)
		fmt.Fprintf(&b, "Good:\n\n```go\n%s```\n\n", d.Good)
		if d.Fixed {
			b.WriteString("`acmlint -fix` turns the bad example into the good one.\n\n")
		}
		if len(d.FalsePositives) > 0 {
			b.WriteString("Known false positives and limits:\n\n")
			for _, fp := range d.FalsePositives {
				b.WriteString(wrapMarkdown(fp, "- ", "  "))
			}
			b.WriteString("\n")
		}
		b.WriteString("Suppressing findings:\n\n")
		b.WriteString(wrapMarkdown(d.Suppress+" "+fmt.Sprintf(suppressCommon, "`"+disableYAML(d.Name)+"`"), "", ""))
	}
	return b.String()
}

// wrapMarkdown fills a paragraph to lines of at most 76 columns (longer
// only for a single long word), never starting a line with something Markdown would read as a list
// item, a heading or a quote. Code spans and link texts are kept on one
// line. The first line starts with first, the
// others with rest. The result ends with a newline.
func wrapMarkdown(para, first, rest string) string {
	const width = 76
	// Words, with code spans and link texts kept whole.
	open := func(w string) bool {
		return strings.Count(w, "`")%2 == 1 || strings.Count(w, "[") > strings.Count(w, "]")
	}
	var words []string
	for _, w := range strings.Fields(para) {
		if n := len(words); n > 0 && open(words[n-1]) {
			words[n-1] += " " + w
			continue
		}
		words = append(words, w)
	}
	var b strings.Builder
	line := first
	empty := true
	for _, w := range words {
		if !empty && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > width && !markdownLineStart(w) {
			b.WriteString(line + "\n")
			line, empty = rest+w, false
			continue
		}
		if !empty {
			line += " "
		}
		line += w
		empty = false
	}
	b.WriteString(line + "\n")
	return b.String()
}

// markdownLineStart reports whether a line starting with word w would
// change meaning: a list marker, a heading, a quote, a numbered item.
func markdownLineStart(w string) bool {
	switch {
	case w == "-" || w == "+" || w == "*" || w == "—":
		return true
	case strings.HasPrefix(w, "#") || strings.HasPrefix(w, ">") || strings.HasPrefix(w, "|"):
		return true
	}
	i := 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		i++
	}
	return i > 0 && i < len(w) && (w[i] == '.' || w[i] == ')')
}
