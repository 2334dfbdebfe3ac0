// Package locks exercises the sync.Mutex, sync.RWMutex and sync.Locker
// protocols.
package locks

import (
	"errors"
	"fmt"
	"log"
	"os"
	"runtime"
	"sync"
)

var errEmptyKey = errors.New("empty key")

type Cache struct {
	mu     sync.Mutex
	items  map[string]string
	closed bool
	hits   int
}

// ---- bad ----

// Set returns early on an invalid key while still holding the lock.
func (c *Cache) Set(k, v string) error {
	c.mu.Lock() // want `c.mu is locked at line \d+ but not unlocked on the path that returns at line 29`
	if k == "" {
		return errEmptyKey
	}
	c.items[k] = v
	c.mu.Unlock()
	return nil
}

// Load returns the error of a fallible call under the lock.
func (c *Cache) Load(path string) error {
	c.mu.Lock() // want `c.mu is locked at line \d+ but not unlocked on the path that returns at line 41`
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("load cache: %w", err)
	}
	c.items[path] = string(data)
	c.mu.Unlock()
	return nil
}

// Put panics on a closed cache while holding the lock.
func (c *Cache) Put(k, v string) {
	c.mu.Lock() // want `c.mu is locked at line \d+ but not unlocked on the path that panics at line 52`
	if c.closed {
		panic("locks: Put on closed cache")
	}
	c.items[k] = v
	c.mu.Unlock()
}

// Apply has a switch case that returns with the lock held.
func (c *Cache) Apply(op, k, v string) error {
	c.mu.Lock() // want `c.mu is locked at line \d+ but not unlocked on the path that returns at line 67`
	switch op {
	case "set":
		c.items[k] = v
	case "delete":
		delete(c.items, k)
	default:
		return fmt.Errorf("unknown op %q", op)
	}
	c.mu.Unlock()
	return nil
}

// Touch skips a key with continue without unlocking first; after the
// last key that path leaves the function with the lock held.
func (c *Cache) Touch(keys []string) {
	for _, k := range keys {
		c.mu.Lock() // want `c.mu is locked at line \d+ but not unlocked (before the next iteration of the loop at line 76|on the path that returns at line 84)`
		if _, ok := c.items[k]; !ok {
			continue
		}
		c.hits++
		c.mu.Unlock()
	}
}

type Queue struct {
	mu     sync.Mutex
	items  []string
	closed bool
}

// Drain spins on an empty queue with the lock held: the next iteration
// locks again and deadlocks.
func (q *Queue) Drain(handle func(string)) {
	for {
		q.mu.Lock() // want `q.mu is locked at line \d+ but not unlocked before the next iteration of the loop at line 95`
		if q.closed {
			q.mu.Unlock()
			return
		}
		if len(q.items) == 0 {
			continue
		}
		item := q.items[0]
		q.items = q.items[1:]
		q.mu.Unlock()
		handle(item)
	}
}

// parallelSum locks its own mutex at the end and never unlocks it.
func parallelSum(xs []int) int {
	var (
		mu    sync.Mutex
		wg    sync.WaitGroup
		total int
	)
	for _, x := range xs {
		wg.Add(1)
		go func(x int) {
			defer wg.Done()
			mu.Lock()
			total += x
			mu.Unlock()
		}(x)
	}
	wg.Wait()
	mu.Lock() // want `mu is locked at line \d+ but not unlocked on the path that returns at line 129`
	return total
}

// TryLock acquired, then an early return without unlocking.
func (c *Cache) TryEvict(k string) bool {
	if c.mu.TryLock() { // want `c.mu is locked at line \d+ but not unlocked on the path that returns at line 136`
		if c.closed {
			return false
		}
		delete(c.items, k)
		c.mu.Unlock()
		return true
	}
	return false
}

// SetIfAbsent returns a nil error with the lock held: the leaking path
// reports success, like the path that unlocks.
func (c *Cache) SetIfAbsent(k, v string) error {
	c.mu.Lock() // want `c.mu is locked at line \d+ but not unlocked on the path that returns at line 150`
	if _, ok := c.items[k]; ok {
		return nil
	}
	c.items[k] = v
	c.mu.Unlock()
	return nil
}

// Add reports true with the lock held on the early path.
func (c *Cache) Add(k, v string) bool {
	c.mu.Lock() // want `c.mu is locked at line \d+ but not unlocked on the path that returns at line 161`
	if c.closed {
		return true
	}
	c.items[k] = v
	c.mu.Unlock()
	return true
}

// ---- ok ----

func (c *Cache) Get(k string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.items[k]
	return v, ok
}

// Unlocks on every branch.
func (c *Cache) GetOrDefault(k, def string) string {
	c.mu.Lock()
	if v, ok := c.items[k]; ok {
		c.mu.Unlock()
		return v
	}
	c.mu.Unlock()
	return def
}

// Unlocks in a deferred closure.
func (c *Cache) Len() (n int) {
	c.mu.Lock()
	defer func() {
		c.mu.Unlock()
	}()
	n = len(c.items)
	return n
}

// Unlocks before panicking.
func (c *Cache) MustGet(k string) string {
	c.mu.Lock()
	v, ok := c.items[k]
	if !ok {
		c.mu.Unlock()
		panic("locks: missing key " + k)
	}
	c.mu.Unlock()
	return v
}

// Lock and unlock per iteration, continue after the unlock.
func (c *Cache) DeleteAll(keys []string) int {
	n := 0
	for _, k := range keys {
		c.mu.Lock()
		_, ok := c.items[k]
		delete(c.items, k)
		c.mu.Unlock()
		if !ok {
			continue
		}
		n++
	}
	return n
}

// A function literal per iteration with a deferred unlock.
func (c *Cache) CountPrefix(keys []string, prefix string) int {
	n := 0
	for _, k := range keys {
		func() {
			c.mu.Lock()
			defer c.mu.Unlock()
			if len(k) >= len(prefix) && k[:len(prefix)] == prefix {
				n++
			}
		}()
	}
	return n
}

// The path that keeps the lock ends in log.Fatal or os.Exit.
func (c *Cache) MustLoad(path string) {
	c.mu.Lock()
	data, err := os.ReadFile(path)
	if err != nil {
		log.Fatalf("load %s: %v", path, err)
	}
	if len(data) == 0 {
		fmt.Fprintln(os.Stderr, "empty cache file")
		os.Exit(2)
	}
	c.items[path] = string(data)
	c.mu.Unlock()
}

// TryLock failed: nothing to unlock.
func (c *Cache) TryGet(k string) (string, bool) {
	if !c.mu.TryLock() {
		return "", false
	}
	defer c.mu.Unlock()
	v, ok := c.items[k]
	return v, ok
}

// TryLock result kept in a variable.
func (c *Cache) TryClear() bool {
	ok := c.mu.TryLock()
	if !ok {
		return false
	}
	clear(c.items)
	c.mu.Unlock()
	return true
}

// Unlock deferred only when TryLock succeeded.
func (c *Cache) TryHit() {
	if c.mu.TryLock() {
		defer c.mu.Unlock()
		c.hits++
	}
}

// Locked inside a goroutine that unlocks.
func (c *Cache) SetAsync(k, v string, done chan<- struct{}) {
	go func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.items[k] = v
		close(done)
	}()
}

// A local mutex locked and unlocked.
func localMutex(xs []string) int {
	var mu sync.Mutex
	mu.Lock()
	defer mu.Unlock()
	return len(xs)
}

// Spins on TryLock, then defers the unlock.
func (c *Cache) SpinGet(k string) string {
	for !c.mu.TryLock() {
		runtime.Gosched()
	}
	defer c.mu.Unlock()
	return c.items[k]
}

// A caller of SetIfAbsent (which leaks on one path but unlocks on the
// others) must not be told that it holds the lock.
func seedCount(k string) (int, error) {
	c := &Cache{items: make(map[string]string)}
	if err := c.SetIfAbsent(k, "seed"); err != nil {
		return 0, err
	}
	return len(c.items), nil
}

// tryLock is a conditional enter wrapper: c.mu is held when it returns
// true.
func (c *Cache) tryLock() bool { return c.mu.TryLock() }

func (c *Cache) TryWrapped(k string) (string, bool) {
	if !c.tryLock() {
		return "", false
	}
	defer c.mu.Unlock()
	v, ok := c.items[k]
	return v, ok
}
