package locks

import "sync"

// Read lock paired with the write unlock: a fatal error at run time
// ("sync: Unlock of unlocked RWMutex") and the read lock is never
// released.

type Config struct {
	mu   sync.RWMutex
	vals map[string]string
}

// RLock paired with Unlock: never a wrapper's shape, always a bug (Unlock
// of a read-locked RWMutex is a fatal error at run time).
func (c *Config) Value(k string) string {
	c.mu.RLock() // want `c.mu is read-locked at line \d+ but released with Unlock, so it is never read-unlocked`
	defer c.mu.Unlock()
	return c.vals[k]
}

// Caller of the mismatched method.
func (c *Config) HasValue(k string) bool {
	return c.Value(k) != ""
}

func (c *Config) Set(k, v string) {
	c.mu.Lock() // want `c.mu is locked at line \d+ but released with RUnlock, so it is never unlocked`
	defer c.mu.RUnlock()
	c.vals[k] = v
}

// A local RWMutex: only RUnlock releases the read lock.
func countKeys(m map[string]string) int {
	var mu sync.RWMutex
	mu.RLock() // want `mu is read-locked at line \d+ but released with Unlock, so it is never read-unlocked`
	defer mu.Unlock()
	return len(m)
}
