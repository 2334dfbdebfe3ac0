// Package semaphore is a minimal offline stand-in for
// golang.org/x/sync/semaphore with the real API's signatures.
package semaphore

import (
	"context"
	"sync"
)

// Weighted provides a way to bound concurrent access to a resource.
type Weighted struct {
	size int64
	cur  int64
	mu   sync.Mutex
}

// NewWeighted creates a new weighted semaphore with the given maximum
// combined weight for concurrent access.
func NewWeighted(n int64) *Weighted {
	return &Weighted{size: n}
}

// Acquire acquires the semaphore with a weight of n, blocking until
// resources are available or ctx is done. On failure it returns ctx.Err()
// and leaves the semaphore unchanged.
func (s *Weighted) Acquire(ctx context.Context, n int64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	s.cur += n
	s.mu.Unlock()
	return nil
}

// TryAcquire acquires the semaphore with a weight of n without blocking.
// On success it returns true; on failure it returns false and leaves the
// semaphore unchanged.
func (s *Weighted) TryAcquire(n int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.size-s.cur < n {
		return false
	}
	s.cur += n
	return true
}

// Release releases the semaphore with a weight of n.
func (s *Weighted) Release(n int64) {
	s.mu.Lock()
	s.cur -= n
	if s.cur < 0 {
		s.mu.Unlock()
		panic("semaphore: released more than held")
	}
	s.mu.Unlock()
}
