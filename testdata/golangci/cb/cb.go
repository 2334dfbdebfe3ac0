// Package cb calls caller-supplied code while holding a lock whose release
// is not deferred (acmlint's callback-panic check, which has a suggested
// fix); the end-to-end test applies it with golangci-lint --fix.
package cb

import "sync"

// Cache is a map safe for concurrent use.
type Cache struct {
	mu sync.Mutex
	m  map[string]string
}

// Update runs fn with the map locked.
func (c *Cache) Update(fn func(m map[string]string)) {
	c.mu.Lock()
	fn(c.m)
	c.mu.Unlock()
}
