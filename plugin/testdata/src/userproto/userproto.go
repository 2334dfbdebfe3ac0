package userproto

import (
	"errors"
	"sync"

	"example.com/pool"
)

func Leaks(p *pool.Pool, n int) error {
	b := p.Get() // want `b is taken at line 11 but not given back on the path that returns at line 13`
	if n < 0 {
		return errors.New("negative")
	}
	b.Release()
	return nil
}

func Deferred(p *pool.Pool, n int) error {
	b := p.Get()
	defer b.Release()
	if n < 0 {
		return errors.New("negative")
	}
	return nil
}

// The built-in protocols still apply next to the configured one.

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Add(d int) error {
	c.mu.Lock() // want `c.mu is locked at line 36 but not unlocked on the path that returns at line 38`
	if d < 0 {
		return errors.New("negative")
	}
	c.n += d
	c.mu.Unlock()
	return nil
}
