package callbackpanic

import (
	"context"
	"sync"

	"golang.org/x/sync/semaphore"
)

// The helpers in this file are reported, but no fix is suggested: the
// resource has no release the fix knows how to defer (semaphore slots
// take the weight), or deferring would change when it is released. There is no
// bad.go.golden, so a suggested fix here fails TestCallbackPanicFix.

// Pool bounds the jobs in flight with a semaphore.
type Pool struct {
	sem *semaphore.Weighted
}

// Do runs job holding a slot.
func (p *Pool) Do(ctx context.Context, job func(context.Context) error) error {
	if err := p.sem.Acquire(ctx, 1); err != nil {
		return err
	}
	err := job(ctx) // want `job runs at line 25 while p\.sem is acquired and its release is not deferred: if job panics and a caller recovers, p\.sem is never released`
	p.sem.Release(1)
	return err
}

// Counter notifies its owner after the update.
type Counter struct {
	mu     sync.Mutex
	n      int
	notify func(int)
}

// Apply runs fn under the lock; the release is followed by more work (a
// callback run after the release, not reported), so no fix is offered.
func (c *Counter) Apply(fn func(int) int) int {
	c.mu.Lock()
	c.n = fn(c.n) // want `fn runs at line 41 while c\.mu is locked and its release is not deferred: if fn panics and a caller recovers, c\.mu is never unlocked`
	n := c.n
	c.mu.Unlock()
	c.notify(n)
	return n
}

// EachLocked takes the lock per item: deferring would hold it to the end.
func EachLocked(mu *sync.Mutex, keys []string, fn func(string)) {
	for _, k := range keys {
		mu.Lock()
		fn(k) // want `fn runs at line 52 while mu is locked and its release is not deferred: if fn panics and a caller recovers, mu is never unlocked`
		mu.Unlock()
	}
}

// TryRun runs fn only if the lock is free; a defer after the if statement
// would unlock a mutex this path never locked.
func TryRun(mu *sync.Mutex, fn func()) bool {
	if mu.TryLock() {
		fn() // want `fn runs at line 61 while mu is locked and its release is not deferred: if fn panics and a caller recovers, mu is never unlocked`
		mu.Unlock()
		return true
	}
	return false
}

// Svc locks through its own wrappers.
type Svc struct {
	mu    sync.Mutex
	state int
}

func (s *Svc) lock()   { s.mu.Lock() }
func (s *Svc) unlock() { s.mu.Unlock() }

// Do runs fn between the wrappers.
func (s *Svc) Do(fn func(int) int) {
	s.lock()
	s.state = fn(s.state) // want `fn runs at line 80 while s\.mu is locked and its release is not deferred: if fn panics and a caller recovers, s\.mu is never unlocked`
	s.unlock()
}
