package locks

import "sync"

type starter struct {
	mu      sync.Mutex
	started bool
}

// Storing a flag on the owner and then unlocking is not keeping the lock
// for a later call: the early return leaks it (grpc's balancergroup).
func (s *starter) Start() {
	s.mu.Lock() // want `s\.mu is locked at line 13 but not unlocked on the path that returns at line 15`
	if s.started {
		return
	}
	s.started = true
	s.mu.Unlock()
}
