// Package callbackpanic exercises callback-panic: a "with" helper that runs
// caller-supplied code while it holds a resource whose release is not yet
// deferred. This file holds the helpers the suggested fix repairs (locks,
// transactions and files); fix.go.golden is the file after the fixes, and
// TestCallbackPanicFixed checks that it has no finding.
package callbackpanic

import (
	"context"
	"database/sql"
	"os"
	"sync"
)

// WithTx runs fn inside a transaction, rolling back and committing by hand.
func WithTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil { // want `fn runs at line 21 while tx is begun and its release is not deferred: if fn panics and a caller recovers, tx is never committed or rolled back`
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Store is a map guarded by a read-write mutex.
type Store struct {
	mu   sync.RWMutex
	data map[string]string
}

// View runs fn with a read view of the store.
func (s *Store) View(fn func(map[string]string) error) error {
	s.mu.RLock()
	err := fn(s.data) // want `fn runs at line 37 while s\.mu is read-locked and its release is not deferred: if fn panics and a caller recovers, s\.mu is never read-unlocked`
	s.mu.RUnlock()
	return err
}

// Update runs fn with the store write-locked.
func (s *Store) Update(fn func(map[string]string)) {
	s.mu.Lock()
	fn(s.data) // want `fn runs at line 45 while s\.mu is locked and its release is not deferred: if fn panics and a caller recovers, s\.mu is never unlocked`
	s.mu.Unlock()
}

// withLock runs fn holding mu.
func withLock(mu *sync.Mutex, fn func()) {
	mu.Lock()
	fn() // want `fn runs at line 52 while mu is locked and its release is not deferred: if fn panics and a caller recovers, mu is never unlocked`
	mu.Unlock()
}

// Cache calls onEvict, a func-typed field set by its owner, while locked.
type Cache struct {
	mu      sync.Mutex
	m       map[string]string
	onEvict func(key, val string)
}

// Evict removes k and tells the owner while still holding c.mu; the early
// release is followed by a return, so deferring keeps the behaviour.
func (c *Cache) Evict(k string) {
	c.mu.Lock()
	v, ok := c.m[k]
	if !ok {
		c.mu.Unlock()
		return
	}
	delete(c.m, k)
	c.onEvict(k, v) // want `c\.onEvict runs at line 73 while c\.mu is locked and its release is not deferred: if c\.onEvict panics and a caller recovers, c\.mu is never unlocked`
	c.mu.Unlock()
}

// Options carries hooks supplied by the caller.
type Options struct {
	BeforeCommit func(*sql.Tx) error
}

// Save runs the caller's hook, read from a parameter's field, inside the
// transaction.
func Save(ctx context.Context, db *sql.DB, opts *Options, q string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, q); err != nil {
		tx.Rollback()
		return err
	}
	if err := opts.BeforeCommit(tx); err != nil { // want `opts\.BeforeCommit runs at line 93 while tx is begun and its release is not deferred: if opts\.BeforeCommit panics and a caller recovers, tx is never committed or rolled back`
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Locked wraps fn; the returned closure calls the captured fn while
// holding the captured mu.
func Locked(mu *sync.Mutex, fn func()) func() {
	return func() {
		mu.Lock()
		fn() // want `fn runs at line 105 while mu is locked and its release is not deferred: if fn panics and a caller recovers, mu is never unlocked`
		mu.Unlock()
	}
}

// RunHooks runs every hook it was handed while holding mu.
func RunHooks(mu *sync.Mutex, hooks ...func()) {
	mu.Lock()
	for _, h := range hooks {
		h() // want `h runs at line 114 while mu is locked and its release is not deferred: if h panics and a caller recovers, mu is never unlocked`
	}
	mu.Unlock()
}

// withLocker runs fn holding a sync.Locker.
func withLocker(l sync.Locker, fn func() error) error {
	l.Lock()
	err := fn() // want `fn runs at line 122 while l is locked and its release is not deferred: if fn panics and a caller recovers, l is never unlocked`
	l.Unlock()
	return err
}

var regMu sync.Mutex

// withRegistry runs fn holding a package-level mutex.
func withRegistry(fn func() error) error {
	regMu.Lock()
	if err := fn(); err != nil { // want `fn runs at line 132 while regMu is locked and its release is not deferred: if fn panics and a caller recovers, regMu is never unlocked`
		regMu.Unlock()
		return err
	}
	regMu.Unlock()
	return nil
}

// Each runs fn per entry under the read lock.
func (s *Store) Each(fn func(k, v string)) {
	s.mu.RLock()
	for k, v := range s.data {
		fn(k, v) // want `fn runs at line 144 while s\.mu is read-locked and its release is not deferred: if fn panics and a caller recovers, s\.mu is never read-unlocked`
	}
	s.mu.RUnlock()
}

// tryWith runs fn only if mu is free; the early return comes before the
// acquisition is known, so the defer goes after that if statement.
func tryWith(mu *sync.Mutex, fn func()) bool {
	if !mu.TryLock() {
		return false
	}
	fn() // want `fn runs at line 155 while mu is locked and its release is not deferred: if fn panics and a caller recovers, mu is never unlocked`
	mu.Unlock()
	return true
}

// withLockOr unlocks on both branches after the callback.
func withLockOr(mu *sync.Mutex, fn func() bool) bool {
	mu.Lock()
	if fn() { // want `fn runs at line 163 while mu is locked and its release is not deferred: if fn panics and a caller recovers, mu is never unlocked`
		mu.Unlock()
		return true
	}
	mu.Unlock()
	return false
}

// withLockDefault still runs the caller's fn when one is given.
func withLockDefault(mu *sync.Mutex, fn func()) {
	if fn == nil {
		fn = func() {}
	}
	mu.Lock()
	fn() // want `fn runs at line 177 while mu is locked and its release is not deferred: if fn panics and a caller recovers, mu is never unlocked`
	mu.Unlock()
}

// withFile runs fn on the open file and closes it afterwards.
func withFile(name string, fn func(*os.File) error) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	err = fn(f) // want `fn runs at line 187 while f is opened and its release is not deferred: if fn panics and a caller recovers, f is never closed`
	f.Close()
	return err
}
