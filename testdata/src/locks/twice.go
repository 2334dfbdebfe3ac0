package locks

import (
	"errors"
	"sync"
)

var errFailed = errors.New("failed")

type guarded struct {
	mu  sync.Mutex
	err error
}

// The lock taken on the failing branch is never released, while the
// other branch's is: not a lock helper (x/sync's semaphore, lib/pq).
func (g *guarded) get(fail bool) error {
	if fail {
		g.mu.Lock() // want `g\.mu is locked at line 19 but not unlocked on the path that returns at line 21`
		g.err = errFailed
		return errFailed
	}
	g.mu.Lock()
	e := g.err
	g.mu.Unlock()
	return e
}

// Locked on every path by two acquisitions: neither is reported (a
// lock helper; no path releases the lock).
func (g *guarded) lockBoth(fail bool) {
	if fail {
		g.mu.Lock()
		return
	}
	g.mu.Lock()
}
