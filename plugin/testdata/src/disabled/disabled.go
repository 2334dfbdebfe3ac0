// Package disabled has the leaks of package userproto; the test that
// disables the leak check expects no findings here.
package disabled

import (
	"errors"
	"sync"

	"example.com/pool"
)

func Leaks(p *pool.Pool, n int) error {
	b := p.Get()
	if n < 0 {
		return errors.New("negative")
	}
	b.Release()
	return nil
}

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Add(d int) error {
	c.mu.Lock()
	if d < 0 {
		return errors.New("negative")
	}
	c.n += d
	c.mu.Unlock()
	return nil
}
