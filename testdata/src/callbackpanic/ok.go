package callbackpanic

import (
	"bufio"
	"context"
	"database/sql"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/semaphore"
)

// ---- ok: the release is deferred before the callback runs ----

func WithTxDeferred(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *Store) ViewDeferred(fn func(map[string]string) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return fn(s.data)
}

func withLockDeferred(mu *sync.Mutex, fn func()) {
	mu.Lock()
	defer mu.Unlock()
	fn()
}

func withFileDeferred(name string, fn func(*os.File) error) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return fn(f)
}

func (p *Pool) DoDeferred(ctx context.Context, job func(context.Context) error) error {
	if err := p.sem.Acquire(ctx, 1); err != nil {
		return err
	}
	defer p.sem.Release(1)
	return job(ctx)
}

func (c *Cache) EvictDeferred(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	if !ok {
		return
	}
	delete(c.m, k)
	c.onEvict(k, v)
}

// The release deferred in a closure.
func withLockClosure(mu *sync.Mutex, fn func()) {
	mu.Lock()
	defer func() { mu.Unlock() }()
	fn()
}

// ---- ok: the callback runs after the release ----

func (c *Cache) Set(k, v string) {
	c.mu.Lock()
	old, had := c.m[k]
	c.m[k] = v
	c.mu.Unlock()
	if had && c.onEvict != nil {
		c.onEvict(k, old)
	}
}

func (s *Store) Snapshot(fn func(map[string]string)) {
	s.mu.RLock()
	cp := make(map[string]string, len(s.data))
	for k, v := range s.data {
		cp[k] = v
	}
	s.mu.RUnlock()
	fn(cp)
}

func withFileAfter(name string, fn func([]byte) error) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	b, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return err
	}
	return fn(b)
}

func (p *Pool) Reserve(ctx context.Context, done func()) error {
	if err := p.sem.Acquire(ctx, 1); err != nil {
		return err
	}
	p.sem.Release(1)
	done()
	return nil
}

// The callback runs before the acquisition.
func (c *Counter) Prepare(fn func() int) {
	v := fn()
	c.mu.Lock()
	c.n += v
	c.mu.Unlock()
}

// ---- ok: ordinary work under a lock ----

type histogram struct{ buckets [8]int }

func (h *histogram) record(n int) { h.buckets[n%len(h.buckets)]++ }

type Stats struct {
	mu   sync.Mutex
	m    map[string]int
	hist histogram
	sum  float64
}

func normalize(s string) string { return strings.TrimSpace(s) }

func (st *Stats) Add(k string, d int) int {
	st.mu.Lock()
	k = normalize(strings.ToLower(k)) // package-level funcs
	st.m[k] += d * 2                  // map write, arithmetic
	n := len(st.m)
	st.hist.record(n) // method of a concrete type
	st.sum += float64(d) / 3
	func() { st.sum++ }() // a func literal of this function
	f := normalize
	_ = f(k)
	st.mu.Unlock()
	return n
}

func (st *Stats) Reset(w *bufio.Writer) error {
	st.mu.Lock()
	clear(st.m) // a builtin
	_, err := w.WriteString("reset\n")
	st.mu.Unlock()
	return err
}

// ---- ok: protocols whose skipped release is cheap are exempt ----

func WithTimeout(ctx context.Context, d time.Duration, fn func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	err := fn(ctx)
	cancel()
	return err
}

// Calling the resource itself is its release, not a callback.
func WithCancel(ctx context.Context, fn func(context.Context)) {
	ctx, cancel := context.WithCancel(ctx)
	fn(ctx)
	cancel()
}

func WriteAll(f *os.File, fn func(*bufio.Writer) error) error {
	w := bufio.NewWriter(f)
	if err := fn(w); err != nil {
		return err
	}
	return w.Flush()
}

// A semaphore that is a package-level variable is shared state, like a
// global mutex.
var globalSem = semaphore.NewWeighted(4)

func WithSlot(ctx context.Context, fn func() error) error {
	if err := globalSem.Acquire(ctx, 1); err != nil {
		return err
	}
	defer globalSem.Release(1)
	return fn()
}

// A captured cancel func called under a lock is not caller code
// (net/http's persistConn): it cannot panic.
func stopUnder(mu *sync.Mutex, parent context.Context, work func(context.Context)) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	stop := func() {
		mu.Lock()
		cancel()
		mu.Unlock()
	}
	work(ctx)
	stop()
}

// The callback is the release itself (withTxEnd(db, (*sql.Tx).Commit)):
// nothing in the helper releases the transaction after it (database/sql).
func withTxEnd(db *sql.DB, end func(*sql.Tx) error) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	return end(tx)
}

// In a goroutine's body a panic kills the process: no caller recovers
// it and goes on with the connection open (net).
func serveOne(accept func() (io.ReadWriteCloser, error), peer func(io.ReadWriter) error, errc chan<- error) {
	go func() {
		c, err := os.Open("/dev/null")
		if err != nil {
			errc <- err
			return
		}
		err = peer(c)
		c.Close()
		errc <- err
	}()
}

// Hooks kept in the package's own structure are its own code (sql's
// dc.onPut), not the caller's.
type conn struct{ onPut []func() }

func putConn(mu *sync.Mutex, dc *conn) {
	mu.Lock()
	for _, fn := range dc.onPut {
		fn()
	}
	dc.onPut = nil
	mu.Unlock()
}
