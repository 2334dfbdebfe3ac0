// Package app uses package cfg; the wrappers in cfg are known here only
// through the facts acmlint exported for cfg.
package app

import (
	"errors"
	"io"
	"sync"

	"example.com/vetmod/cfg"
)

// Cache counts hits under a mutex.
type Cache struct {
	mu   sync.Mutex
	hits map[string]int
}

// ReadConfig forgets to close the file OpenConfig returned.
func ReadConfig(name string) ([]byte, error) {
	f, err := cfg.OpenConfig(name)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}

// Hit leaves c.mu locked on the early return.
func (c *Cache) Hit(key string) error {
	c.mu.Lock()
	if key == "" {
		return errors.New("empty key")
	}
	c.hits[key]++
	c.mu.Unlock()
	return nil
}

// ReadConfigOK closes the file with a deferred Close.
func ReadConfigOK(name string) ([]byte, error) {
	f, err := cfg.OpenConfig(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// ReadConfigHelperOK closes the file through cfg's exit wrapper.
func ReadConfigHelperOK(name string) ([]byte, error) {
	f, err := cfg.OpenConfig(name)
	if err != nil {
		return nil, err
	}
	defer cfg.CloseConfig(f)
	return io.ReadAll(f)
}

// HitOK unlocks on every path.
func (c *Cache) HitOK(key string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if key == "" {
		return errors.New("empty key")
	}
	c.hits[key]++
	return nil
}
