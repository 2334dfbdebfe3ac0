package locks

import (
	"fmt"
	"sync"
)

type shared struct{ mu sync.Mutex }
type user struct{ s *shared }

// Formatting the lock's owner into the error does not hand the lock
// over (grpc's balancer wrapper).
func (u *user) update(ok bool) (int, error) {
	u.s.mu.Lock() // want `u\.s\.mu is locked at line 14 but not unlocked on the path that returns at line 16`
	if !ok {
		return 0, fmt.Errorf("%p: not ok", u)
	}
	u.s.mu.Unlock()
	return 1, nil
}
