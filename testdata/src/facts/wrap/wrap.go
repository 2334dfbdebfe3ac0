// Package wrap defines wrappers and helpers whose effect on resources
// reaches importers only as facts.
package wrap

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// OpenConfig opens the configuration file p: an enter wrapper of os.Open.
func OpenConfig(p string) (*os.File, error) { // want OpenConfig:`^returns r0\[os\.File\] read-only$`
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return f, nil
}

// Timeout returns a context with a deadline and its cancel func.
func Timeout(parent context.Context, d time.Duration) (context.Context, context.CancelFunc) { // want Timeout:`returns r1\[context\.CancelFunc\]`
	if d <= 0 {
		d = time.Minute
	}
	return context.WithTimeout(parent, d)
}

// CloseQuietly closes c and drops the error: an exit wrapper.
func CloseQuietly(c io.Closer) { // want CloseQuietly:`^releases p0\.Close$`
	if err := c.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "close:", err)
	}
}

// Stop calls cancel: an exit wrapper for cancel funcs.
func Stop(cancel context.CancelFunc) { // want Stop:`^releases p0\.call$`
	cancel()
}

// Count reads r to the end: it borrows r and does not close it.
func Count(r io.Reader) int {
	n := 0
	buf := make([]byte, 4096)
	for {
		k, err := r.Read(buf)
		n += k
		if err != nil {
			return n
		}
	}
}

// Die never returns.
func Die(format string, args ...any) { // want Die:`^noreturn$`
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

// Store is a map guarded by a mutex that callers may hold across calls.
type Store struct {
	mu   sync.Mutex
	data map[string]string
}

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{data: make(map[string]string)}
}

// LockAll locks the store: an enter wrapper (it never unlocks).
func (s *Store) LockAll() { // want LockAll:`^acquires p0\.mu\[sync\.Mutex\]$`
	s.mu.Lock()
}

// UnlockAll unlocks the store: an exit wrapper.
func (s *Store) UnlockAll() { // want UnlockAll:`^releases p0\.mu\.Unlock$`
	s.mu.Unlock()
}

// SetLocked sets k; the caller holds the lock.
func (s *Store) SetLocked(k, v string) {
	s.data[k] = v
}
