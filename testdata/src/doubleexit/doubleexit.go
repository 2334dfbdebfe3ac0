// Package doubleexit tests the double-exit check: a mutex or semaphore
// slot released twice on one path is a fatal error at run time.
package doubleexit

import (
	"context"
	"errors"
	"os"
	"sync"
	"time"

	"golang.org/x/sync/semaphore"
)

type Cache struct {
	mu     sync.Mutex
	m      map[string]string
	misses int
	fresh  bool
}

type Registry struct {
	mu       sync.RWMutex
	handlers map[string]func()
}

type Pool struct {
	sem *semaphore.Weighted
}

type Counter struct {
	sync.Mutex
	n map[string]int
}

// ---- bad ----

// The miss branch unlocks and falls through to the second Unlock.
func (c *Cache) Get(key string) (string, bool) {
	c.mu.Lock()
	v, ok := c.m[key]
	if !ok {
		c.misses++
		c.mu.Unlock()
	}
	c.mu.Unlock() // want `c\.mu is unlocked twice on one path: at line 44 and again at line 46`
	return v, ok
}

// An explicit Unlock before a return, and the deferred one runs again.
func (c *Cache) Refresh(load func() map[string]string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fresh {
		c.mu.Unlock() // want `c\.mu is unlocked at line 55 and again by the deferred call at line 53 when the function returns`
		return
	}
	c.m = load()
	c.fresh = true
}

// The read lock is released to take the write lock, but the deferred
// RUnlock still runs at return.
func (r *Registry) LookupOrAdd(name string, h func()) func() {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if old, ok := r.handlers[name]; ok {
		return old
	}
	r.mu.RUnlock() // want `r\.mu is read-unlocked at line 70 and again by the deferred call at line 66 when the function returns`
	r.mu.Lock()
	r.handlers[name] = h
	r.mu.Unlock()
	return h
}

// The failing job releases its slot, and the deferred Release releases
// it again.
func (p *Pool) Do(ctx context.Context, job func() error) error {
	if err := p.sem.Acquire(ctx, 1); err != nil {
		return err
	}
	defer p.sem.Release(1)
	if err := job(); err != nil {
		p.sem.Release(1) // want `p\.sem is released at line 85 and again by the deferred call at line 83 when the function returns`
		return err
	}
	return nil
}

// A break out of the loop after unlocking, then the Unlock after the
// loop.
func (c *Cache) FirstMissing(keys []string) string {
	missing := ""
	c.mu.Lock()
	for _, k := range keys {
		if _, ok := c.m[k]; !ok {
			missing = k
			c.mu.Unlock()
			break
		}
	}
	c.mu.Unlock() // want `c\.mu is unlocked twice on one path: at line 99 and again at line 103`
	return missing
}

// Two deferred Unlocks.
func (c *Cache) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) > 1000 {
		defer c.mu.Unlock() // want `c\.mu is unlocked twice on one path: at line 110 and again at line 112`
	}
	c.m = make(map[string]string)
}

// An embedded mutex.
func (c *Counter) Inc(key string) int {
	c.Lock()
	c.n[key]++
	n := c.n[key]
	if n > 100 {
		c.Unlock()
		delete(c.n, key)
	}
	c.Unlock() // want `c is unlocked twice on one path: at line 123 and again at line 126`
	return n
}

// Read lock released twice.
func (r *Registry) Call(name string) error {
	r.mu.RLock()
	h, ok := r.handlers[name]
	if !ok {
		r.mu.RUnlock()
		h = func() {}
	}
	r.mu.RUnlock() // want `r\.mu is read-unlocked twice on one path: at line 135 and again at line 138`
	h()
	return nil
}

// ---- ok ----

// Released once on each of two paths.
func (c *Cache) Lookup(key string) (string, error) {
	c.mu.Lock()
	v, ok := c.m[key]
	if !ok {
		c.mu.Unlock()
		return "", errors.New("not found: " + key)
	}
	c.mu.Unlock()
	return v, nil
}

// Unlocked around slow work and re-locked before the deferred Unlock.
func (c *Cache) Reload(path string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fresh {
		return nil
	}
	c.mu.Unlock()
	data, err := os.ReadFile(path)
	c.mu.Lock()
	if err != nil {
		return err
	}
	c.m = map[string]string{path: string(data)}
	c.fresh = true
	return nil
}

// Two critical sections in sequence.
func (c *Cache) Swap(a, b string) {
	c.mu.Lock()
	va := c.m[a]
	c.mu.Unlock()
	time.Sleep(time.Millisecond)
	c.mu.Lock()
	c.m[a], c.m[b] = c.m[b], va
	c.mu.Unlock()
}

// Locked and unlocked per iteration.
func (c *Cache) PutAll(kv map[string]string) {
	for k, v := range kv {
		c.mu.Lock()
		c.m[k] = v
		c.mu.Unlock()
	}
}

// Read lock dropped, then the write lock taken with its own defer.
func (r *Registry) Add(name string, h func()) bool {
	r.mu.RLock()
	_, ok := r.handlers[name]
	r.mu.RUnlock()
	if ok {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.handlers[name] = h
	return true
}

// The slot released on one of two paths each.
func (p *Pool) Try(job func() error) error {
	if !p.sem.TryAcquire(1) {
		return errors.New("busy")
	}
	if err := job(); err != nil { // want `job runs at line 214 while p\.sem is acquired and its release is not deferred`
		p.sem.Release(1)
		return err
	}
	p.sem.Release(1)
	return nil
}

// Files are not single-release: an extra Close is harmless.
func readBoth(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 512)
	n, err := f.Read(buf)
	f.Close()
	return buf[:n], err
}

// Two mutexes, each unlocked once.
func transfer(a, b *Cache, key string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	b.mu.Lock()
	defer b.mu.Unlock()
	b.m[key] = a.m[key]
	delete(a.m, key)
}

// Unlocked in both branches: each path releases once.
func (c *Cache) Put(key, value string) bool {
	c.mu.Lock()
	if _, ok := c.m[key]; ok {
		c.mu.Unlock()
		return false
	} else {
		c.m[key] = value
		c.mu.Unlock()
	}
	return true
}

// TryLock: nothing to release when it fails.
func (c *Cache) TryEvict(key string) bool {
	if !c.mu.TryLock() {
		return false
	}
	defer c.mu.Unlock()
	delete(c.m, key)
	return true
}

// ---- bad (panics) ----

// The deferred Unlock also runs while panicking: the second Unlock is a
// fatal error that hides the panic.
func (c *Cache) MustGet(key string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[key]
	if !ok {
		c.mu.Unlock() // want `c\.mu is unlocked at line 277 and again by the deferred call at line 274`
		panic("missing key " + key)
	}
	return v
}

// ---- regressions from the standard library (ok) ----

type keys struct {
	mutex sync.RWMutex
	auto  []int
}

func (k *keys) rotate() { k.auto = append(k.auto, 1) }

// crypto/tls: drop the read lock, take the write lock, and restore the
// read lock with a deferred RLock that runs before the deferred RUnlock.
func (k *keys) ticketKeys() []int {
	k.mutex.RLock()
	defer k.mutex.RUnlock()
	if len(k.auto) > 0 {
		return k.auto
	}
	k.mutex.RUnlock()
	defer k.mutex.RLock()
	k.mutex.Lock()
	defer k.mutex.Unlock()
	k.rotate()
	return k.auto
}

type group struct {
	mu sync.Mutex
	m  map[string]int
}

// A helper that locks and unlocks by itself is not a release helper.
func (g *group) forget(key string) {
	g.mu.Lock()
	delete(g.m, key)
	g.mu.Unlock()
}

// internal/singleflight: unlock, then call a helper that locks again.
func (g *group) do(key string) int {
	g.mu.Lock()
	if v, ok := g.m[key]; ok {
		g.mu.Unlock()
		return v
	}
	g.m[key] = 1
	g.mu.Unlock()
	g.forget(key)
	return 0
}

type node struct {
	mu     sync.Mutex
	parent *node
	empty  bool
}

// unique: hand-over-hand locking up a tree; the unlock after the loop is
// of another node.
func (n *node) prune() {
	n.mu.Lock()
	for n.parent != nil && n.empty {
		parent := n.parent
		parent.mu.Lock()
		n.mu.Unlock()
		n = parent
	}
	n.mu.Unlock()
}

type queue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

// sync.Cond.Wait unlocks and locks again: it is not a release (sync).
func (q *queue) pop() int {
	q.mu.Lock()
	for len(q.items) == 0 {
		q.cond.Wait()
	}
	v := q.items[0]
	q.items = q.items[1:]
	q.mu.Unlock()
	return v
}
