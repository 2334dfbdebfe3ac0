// Package cache has a callback-panic finding that has a suggested fix.
package cache

import "sync"

// Cache is a map guarded by a mutex.
type Cache struct {
	mu sync.Mutex
	m  map[string]string
}

// Update runs fn with the map locked: reported, a panic in fn leaves c.mu
// locked.
func (c *Cache) Update(fn func(m map[string]string)) {
	c.mu.Lock()
	fn(c.m)
	c.mu.Unlock()
}

// Each runs fn with the map locked: not reported, the unlock is deferred.
func (c *Cache) Each(fn func(k, v string)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, v := range c.m {
		fn(k, v)
	}
}

// Apply runs fn with the map locked: not reported, the finding is
// suppressed.
func (c *Cache) Apply(fn func(m map[string]string)) {
	c.mu.Lock()
	fn(c.m) //acmlint:ignore fn comes from this package and does not panic
	c.mu.Unlock()
}
