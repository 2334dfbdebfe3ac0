// Package locksloop: a lock taken in a loop and left held on one return,
// while another return (round the loop) reports an error. It is not a
// conditional enter wrapper like TryLock: it leaks.
package locksloop

import (
	"context"
	"sync"
)

type Service struct {
	mu    sync.Mutex
	files map[string]bool
}

func (s *Service) run(ctx context.Context, jobs <-chan string) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case job := <-jobs:
			s.mu.Lock() // want `s\.mu is locked at line 22 but not unlocked on the path that returns at line 24`
			if job == "" {
				return nil
			}
			s.files[job] = true
			s.mu.Unlock()
		}
	}
}
