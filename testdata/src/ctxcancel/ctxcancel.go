// Package ctxcancel tests the context cancel-func protocol: every
// context.With{Cancel,Timeout,Deadline}[Cause] returns a func that must be
// called (or handed off) on every path.
package ctxcancel

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"testing"
	"time"
)

var errNotFound = errors.New("not found")

func lookup(ctx context.Context, key string) (string, error) { return key, ctx.Err() }

func ping(ctx context.Context, addr string) error { return ctx.Err() }

func temporary(err error) bool { return err != nil }

// ---- bad: the cancel func is discarded ----

func discardWithCancel(parent context.Context) context.Context {
	ctx, _ := context.WithCancel(parent) // want `the cancel func returned by context\.WithCancel is discarded at line 27, so it is never called`
	return ctx
}

func discardWithTimeout(parent context.Context) error {
	ctx, _ := context.WithTimeout(parent, time.Second) // want `the CancelFunc returned by context\.WithTimeout is discarded at line 32, so it is never called`
	return ping(ctx, "localhost:80")
}

func discardWithDeadline(parent context.Context, at time.Time) error {
	ctx, _ := context.WithDeadline(parent, at) // want `the CancelFunc returned by context\.WithDeadline is discarded at line 37, so it is never called`
	return ping(ctx, "localhost:80")
}

func discardWithCancelCause(parent context.Context) context.Context {
	ctx, _ := context.WithCancelCause(parent) // want `the cancel func returned by context\.WithCancelCause is discarded at line 42, so it is never called`
	return ctx
}

func discardWithTimeoutCause(parent context.Context) error {
	ctx, _ := context.WithTimeoutCause(parent, time.Second, errors.New("too slow")) // want `the CancelFunc returned by context\.WithTimeoutCause is discarded at line 47, so it is never called`
	return ping(ctx, "localhost:80")
}

func discardWithDeadlineCause(parent context.Context, at time.Time) error {
	ctx, _ := context.WithDeadlineCause(parent, at, errors.New("deadline")) // want `the CancelFunc returned by context\.WithDeadlineCause is discarded at line 52, so it is never called`
	return ping(ctx, "localhost:80")
}

// ---- bad: released on some paths only ----

// An early error return before the defer.
func earlyErrorReturn(parent context.Context, key string) (string, error) {
	ctx, cancel := context.WithTimeout(parent, 5*time.Second) // want `cancel is created at line 60 but not called on the path that returns at line 63`
	v, err := lookup(ctx, key)
	if err != nil {
		return "", fmt.Errorf("lookup %s: %w", key, err)
	}
	defer cancel()
	return v, ping(ctx, v)
}

// A non-error early return from inside a loop.
func earlyReturn(parent context.Context, addrs []string) string {
	ctx, cancel := context.WithCancel(parent) // want `cancel is created at line 71 but not called on the path that returns at line 74`
	for _, a := range addrs {
		if ping(ctx, a) == nil {
			return a
		}
	}
	cancel()
	return ""
}

// An explicit panic while the cancel func is pending.
func mustLookup(parent context.Context, key string) string {
	ctx, cancel := context.WithDeadline(parent, time.Now().Add(time.Second)) // want `cancel is created at line 83 but not called on the path that panics at line 86`
	v, err := lookup(ctx, key)
	if err != nil {
		panic("lookup " + key + ": " + err.Error())
	}
	cancel()
	return v
}

// A retry loop that forgets to cancel before the next attempt.
func retry(parent context.Context, op func(context.Context) error) error {
	for {
		ctx, cancel := context.WithTimeout(parent, time.Second) // want `cancel is created at line 95 but not called before the next iteration of the loop at line 94`
		err := op(ctx)
		if err == nil {
			cancel()
			return nil
		}
		if !temporary(err) {
			cancel()
			return err
		}
	}
}

// A per-item timeout that leaks on the skip path of a range loop. Per
// item, the skipped cancel is pending when the next item starts (and when
// the loop ends).
func pollAll(parent context.Context, addrs []string) {
	for _, a := range addrs {
		ctx, cancel := context.WithTimeout(parent, time.Second) // want `cancel is created at line 113 but not called (before the next iteration of the loop at line 112|on the path that returns at line 120)`
		if err := ping(ctx, a); err != nil {
			log.Printf("ping %s: %v", a, err)
			continue
		}
		cancel()
	}
}

// A switch case that returns before the cancel.
func dispatch(parent context.Context, op, key string) error {
	ctx, cancel := context.WithCancelCause(parent) // want `cancel is created at line 124 but not called on the path that returns at line 128`
	switch op {
	case "get":
		_, err := lookup(ctx, key)
		return err
	case "ping":
		cancel(nil)
		return ping(parent, key)
	}
	cancel(errors.New("unknown op " + op))
	return nil
}

// WithTimeoutCause and WithDeadlineCause return a plain CancelFunc.
func timeoutCauseEarly(parent context.Context, key string) error {
	ctx, cancel := context.WithTimeoutCause(parent, time.Second, errors.New("lookup too slow")) // want `cancel is created at line 139 but not called on the path that returns at line 141`
	if key == "" {
		return errNotFound
	}
	defer cancel()
	_, err := lookup(ctx, key)
	return err
}

func deadlineCauseEarly(parent context.Context, at time.Time, key string) error {
	ctx, stop := context.WithDeadlineCause(parent, at, errors.New("deadline passed")) // want `stop is created at line 149 but not called on the path that returns at line 152`
	_, err := lookup(ctx, key)
	if errors.Is(err, errNotFound) {
		return nil
	}
	stop()
	return err
}

// ---- ok ----

func deferred(parent context.Context, key string) (string, error) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	return lookup(ctx, key)
}

func deferredCause(parent context.Context, key string) error {
	ctx, cancel := context.WithCancelCause(parent)
	defer cancel(nil)
	_, err := lookup(ctx, key)
	return err
}

func everyBranch(parent context.Context, key string) (string, error) {
	ctx, cancel := context.WithDeadline(parent, time.Now().Add(time.Minute))
	v, err := lookup(ctx, key)
	if err != nil {
		cancel()
		return "", err
	}
	if v == "" {
		cancel()
		panic("empty value")
	}
	cancel()
	return v, nil
}

func everySwitchCase(parent context.Context, op string) error {
	ctx, cancel := context.WithTimeoutCause(parent, time.Second, errors.New("slow"))
	switch op {
	case "a":
		cancel()
		return nil
	case "b":
		err := ping(ctx, op)
		cancel()
		return err
	default:
		cancel()
	}
	return nil
}

func everyIteration(parent context.Context, addrs []string) {
	for _, a := range addrs {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		err := ping(ctx, a)
		cancel()
		if err != nil {
			log.Printf("ping %s: %v", a, err)
		}
	}
}

func loopWithClosure(parent context.Context, addrs []string) {
	for _, a := range addrs {
		func() {
			ctx, cancel := context.WithTimeout(parent, time.Second)
			defer cancel()
			_ = ping(ctx, a)
		}()
	}
}

// Returned to the caller, directly and as a pair.
func withTimeout(parent context.Context, d time.Duration) (context.Context, context.CancelFunc) { // want withTimeout:`returns r1\[context\.CancelFunc\]`
	return context.WithTimeout(parent, d)
}

func withCancel(parent context.Context) (context.Context, context.CancelFunc) { // want withCancel:`returns r1\[context\.CancelFunc\]`
	ctx, cancel := context.WithCancel(parent)
	return ctx, cancel
}

// Returned wrapped in a closure.
func withStop(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancel(parent)
	return ctx, func() {
		log.Print("stopping")
		cancel()
	}
}

// The wrapper in this package is an enter for its callers.
func useWrapper(parent context.Context, key string) error {
	ctx, cancel := withTimeout(parent, time.Second)
	defer cancel()
	_, err := lookup(ctx, key)
	return err
}

func useWrapperBad(parent context.Context, key string) error {
	ctx, cancel := withCancel(parent) // want `cancel is created by ctxcancel\.withCancel at line 253 but not called on the path that returns at line 256`
	v, err := lookup(ctx, key)
	if err != nil {
		return err
	}
	cancel()
	return ping(parent, v)
}

type server struct {
	ctx     context.Context
	cancel  context.CancelFunc
	cancels []context.CancelFunc
	byID    map[string]context.CancelFunc
}

var stopAll context.CancelFunc

// Stored in a field.
func (s *server) start(parent context.Context) {
	s.ctx, s.cancel = context.WithCancel(parent)
}

func (s *server) startLocal(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	s.ctx = ctx
	s.cancel = cancel
}

// Stored in a global.
func startGlobal(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	stopAll = cancel
	return ctx
}

// Stored in a map.
func (s *server) track(parent context.Context, id string) context.Context {
	ctx, cancel := context.WithCancel(parent)
	s.byID[id] = cancel
	return ctx
}

// Appended to a slice field.
func (s *server) spawn(parent context.Context) context.Context {
	ctx, cancel := context.WithTimeout(parent, time.Minute)
	s.cancels = append(s.cancels, cancel)
	return ctx
}

// Stored in a struct that is returned.
func newServer(parent context.Context) *server {
	ctx, cancel := context.WithCancel(parent)
	return &server{ctx: ctx, cancel: cancel}
}

// Sent on a channel.
func sendCancel(parent context.Context, ch chan<- context.CancelFunc) context.Context {
	ctx, cancel := context.WithCancel(parent)
	ch <- cancel
	return ctx
}

// Handed to a goroutine.
func goroutineCancels(parent context.Context, done <-chan struct{}) context.Context {
	ctx, cancel := context.WithCancel(parent)
	go func() {
		<-done
		cancel()
	}()
	return ctx
}

func watch(ctx context.Context, cancel context.CancelFunc, addr string) {
	defer cancel()
	for ping(ctx, addr) == nil {
		time.Sleep(time.Second)
	}
}

func goroutineFunc(parent context.Context, addr string) context.Context {
	ctx, cancel := context.WithCancel(parent)
	go watch(ctx, cancel, addr)
	return ctx
}

// Passed to a func that calls it.
func cleanup(cancel context.CancelFunc) { // want cleanup:`releases p0\.call`
	log.Print("cleaning up")
	cancel()
}

func deferCleanup(parent context.Context, key string) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cleanup(cancel)
	_, err := lookup(ctx, key)
	return err
}

func callCleanup(parent context.Context, key string) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	_, err := lookup(ctx, key)
	cleanup(cancel)
	return err
}

// Registered with context.AfterFunc: it runs when other is done.
func mergeCancel(parent, other context.Context) (context.Context, func() bool) {
	ctx, cancel := context.WithCancel(parent)
	stop := context.AfterFunc(other, cancel)
	return ctx, stop
}

// Paths that end in os.Exit or log.Fatal.
func mainLike() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	if err := ping(ctx, "localhost:80"); err != nil {
		log.Fatal(err)
	}
	v, err := lookup(ctx, "x")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cancel()
	fmt.Println(v)
}

// A deferred closure.
func deferredClosure(parent context.Context, key string) (v string, err error) {
	ctx, cancel := context.WithCancelCause(parent)
	defer func() {
		cancel(err)
		log.Printf("lookup %s done", key)
	}()
	return lookup(ctx, key)
}

// An optional timeout: cancel is nil when there is none.
func optionalTimeout(parent context.Context, d time.Duration, key string) error {
	ctx := parent
	var cancel context.CancelFunc
	if d > 0 {
		ctx, cancel = context.WithTimeout(parent, d)
	}
	_, err := lookup(ctx, key)
	if cancel != nil {
		cancel()
	}
	return err
}

func optionalTimeoutDeferred(parent context.Context, d time.Duration, key string) error {
	ctx := parent
	cancel := func() {}
	if d > 0 {
		ctx, cancel = context.WithTimeout(parent, d)
	}
	defer cancel()
	_, err := lookup(ctx, key)
	return err
}

// Registered as test cleanup.
func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}

func testContextTB(tb testing.TB) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	tb.Cleanup(cancel)
	return ctx
}

// A second cancel assigned over the first: the deferred call is bound to
// the first func, the second is never called.
func reassigned(parent context.Context, key string) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, time.Second) // want `(cancel is created at line 434 but not called on the path that returns at line 436|cancel is created at line 434 but never used, so it is never called|the CancelFunc returned by context\.WithTimeout is discarded at line 434, so it is never called)`
	_, err := lookup(ctx, key)
	return err
}

// Called through a local closure.
func viaClosure(parent context.Context, key string) error {
	ctx, cancel := context.WithCancel(parent)
	stop := func() {
		log.Print("stop")
		cancel()
	}
	_, err := lookup(ctx, key)
	stop()
	return err
}

func viaClosureEarly(parent context.Context, key string) error {
	ctx, cancel := context.WithCancel(parent) // want `cancel is created at line 452 but not called on the path that returns at line 459`
	stop := func() {
		log.Print("stop")
		cancel()
	}
	_, err := lookup(ctx, key)
	if err != nil {
		return err
	}
	stop()
	return nil
}

// time.AfterFunc keeps the cancel func and calls it later (its runtime
// timer has no Go body, so whatever it is given counts as kept).
func cancelLater(do func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	time.AfterFunc(time.Millisecond, cancel)
	return do(ctx)
}

func cancelLaterStopped() error {
	ctx, cancel := context.WithCancel(context.Background())
	defer time.AfterFunc(10*time.Millisecond, cancel).Stop()
	<-ctx.Done()
	return ctx.Err()
}
