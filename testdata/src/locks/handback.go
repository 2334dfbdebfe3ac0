package locks

import "sync"

type store struct {
	rwlock sync.Mutex
	open   bool
}

type txn struct{ s *store }

func (t *txn) init(s *store) { t.s = s }

// The write lock travels to the caller inside the transaction, which
// unlocks it when done (bbolt's beginRWTx).
func (s *store) begin() (*txn, error) {
	s.rwlock.Lock()
	if !s.open {
		s.rwlock.Unlock()
		return nil, errFailed
	}
	t := &txn{}
	t.init(s)
	return t, nil
}

func (t *txn) done() { t.s.rwlock.Unlock() }

// Read-locked n times in one loop and read-unlocked n times in another
// (grpc's benchmark): not a leak per iteration.
func rlockMany(mu *sync.RWMutex, n int) {
	i := 0
	for ; i < n; i++ {
		mu.RLock()
	}
	for ; i > 0; i-- {
		mu.RUnlock()
	}
}
