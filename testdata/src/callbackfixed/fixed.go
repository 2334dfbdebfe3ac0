// Package callbackpanic exercises callback-panic: a "with" helper that runs
// caller-supplied code while it holds a resource whose release is not yet
// deferred. This file holds the helpers the suggested fix repairs (locks,
// transactions and files); fix.go.golden is the file after the fixes, and
// ../callbackfixed is that result without the want comments.
package callbackfixed

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
	defer tx.Rollback()
	if err := fn(tx); err != nil {
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
	defer s.mu.RUnlock()
	err := fn(s.data)
	return err
}

// Update runs fn with the store write-locked.
func (s *Store) Update(fn func(map[string]string)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn(s.data)
}

// withLock runs fn holding mu.
func withLock(mu *sync.Mutex, fn func()) {
	mu.Lock()
	defer mu.Unlock()
	fn()
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
	defer c.mu.Unlock()
	v, ok := c.m[k]
	if !ok {
		return
	}
	delete(c.m, k)
	c.onEvict(k, v)
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
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, q); err != nil {
		tx.Rollback()
		return err
	}
	if err := opts.BeforeCommit(tx); err != nil {
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
		defer mu.Unlock()
		fn()
	}
}

// RunHooks runs every hook it was handed while holding mu.
func RunHooks(mu *sync.Mutex, hooks ...func()) {
	mu.Lock()
	defer mu.Unlock()
	for _, h := range hooks {
		h()
	}
}

// withLocker runs fn holding a sync.Locker.
func withLocker(l sync.Locker, fn func() error) error {
	l.Lock()
	defer l.Unlock()
	err := fn()
	return err
}

var regMu sync.Mutex

// withRegistry runs fn holding a package-level mutex.
func withRegistry(fn func() error) error {
	regMu.Lock()
	defer regMu.Unlock()
	if err := fn(); err != nil {
		return err
	}
	return nil
}

// Each runs fn per entry under the read lock.
func (s *Store) Each(fn func(k, v string)) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for k, v := range s.data {
		fn(k, v)
	}
}

// tryWith runs fn only if mu is free; the early return comes before the
// acquisition is known, so the defer goes after that if statement.
func tryWith(mu *sync.Mutex, fn func()) bool {
	if !mu.TryLock() {
		return false
	}
	defer mu.Unlock()
	fn()
	return true
}

// withLockOr unlocks on both branches after the callback.
func withLockOr(mu *sync.Mutex, fn func() bool) bool {
	mu.Lock()
	defer mu.Unlock()
	if fn() {
		return true
	}
	return false
}

// withLockDefault still runs the caller's fn when one is given.
func withLockDefault(mu *sync.Mutex, fn func()) {
	if fn == nil {
		fn = func() {}
	}
	mu.Lock()
	defer mu.Unlock()
	fn()
}

// withFile runs fn on the open file and closes it afterwards.
func withFile(name string, fn func(*os.File) error) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	err = fn(f)
	return err
}
