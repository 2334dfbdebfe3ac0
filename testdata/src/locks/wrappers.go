package locks

import (
	"errors"
	"sync"
)

// Store has lock helpers: lockAll is an enter wrapper, unlockAll an exit
// wrapper for s.mu.
type Store struct {
	mu   sync.Mutex
	data map[string][]byte
}

var errReadOnly = errors.New("read-only key")

// ---- ok: the wrappers themselves ----

func (s *Store) lockAll() { s.mu.Lock() }

func (s *Store) unlockAll() { s.mu.Unlock() }

// locked returns the unlock: the caller owns the lock.
func (s *Store) locked() func() {
	s.mu.Lock()
	return s.mu.Unlock
}

// ---- bad: callers of the wrappers ----

func (s *Store) Put(k string, v []byte) error {
	s.lockAll() // want `s.mu is locked by \(\*locks\.Store\)\.lockAll at line \d+ but not unlocked on the path that returns at line 34`
	if k == "" || k[0] == '_' {
		return errReadOnly
	}
	s.data[k] = v
	s.unlockAll()
	return nil
}

func (s *Store) Take(k string) []byte {
	s.lockAll() // want `s.mu is locked by \(\*locks\.Store\)\.lockAll at line \d+ but not unlocked on the path that returns at line 45`
	v, ok := s.data[k]
	if !ok {
		return nil
	}
	delete(s.data, k)
	s.mu.Unlock()
	return v
}

// ---- ok: callers of the wrappers ----

func (s *Store) Get(k string) []byte {
	s.lockAll()
	defer s.unlockAll()
	return s.data[k]
}

func (s *Store) Delete(k string) {
	s.lockAll()
	delete(s.data, k)
	s.unlockAll()
}

func (s *Store) Len() int {
	defer s.locked()()
	return len(s.data)
}

// Locked through the wrapper, released through the exit wrapper on every
// branch.
func (s *Store) Swap(k string, v []byte) ([]byte, bool) {
	s.lockAll()
	old, ok := s.data[k]
	if !ok {
		s.unlockAll()
		return nil, false
	}
	s.data[k] = v
	s.unlockAll()
	return old, true
}

// A package-level lock with helpers.
var (
	registryMu sync.Mutex
	registry   = map[string]func(){}
)

func lockRegistry()   { registryMu.Lock() }
func unlockRegistry() { registryMu.Unlock() }

// Register unlocks through the exit wrapper on every path.
func Register(name string, f func()) {
	lockRegistry()
	defer unlockRegistry()
	registry[name] = f
}

// ---- bad: global lock via wrapper, early return ----

func Lookup(name string) (func(), bool) {
	lockRegistry() // want `registryMu is locked by locks\.lockRegistry at line \d+ but not unlocked on the path that returns at line 107`
	f, ok := registry[name]
	if !ok {
		return nil, false
	}
	unlockRegistry()
	return f, true
}

// ---- bad: global lock locked directly, early return ----

func Unregister(name string) bool {
	registryMu.Lock() // want `registryMu is locked at line \d+ but not unlocked on the path that returns at line 118`
	if _, ok := registry[name]; !ok {
		return false
	}
	delete(registry, name)
	registryMu.Unlock()
	return true
}

// ---- ok: global lock released on every path ----

func registrySize() int {
	registryMu.Lock()
	defer registryMu.Unlock()
	return len(registry)
}

func registryNames() []string {
	registryMu.Lock()
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	registryMu.Unlock()
	return names
}

// Callers of functions that lock and unlock the global lock.
func registryEmpty() bool {
	if registrySize() == 0 {
		return true
	}
	return len(registryNames()) == 0
}

// ---- enter wrapper with a deferred call ----

func (s *Store) logOp(op string) { _ = op }

// lockLogged locks s.mu on every path that returns normally; the defer
// only adds a recover block to its SSA form.
func (s *Store) lockLogged() {
	defer s.logOp("lock")
	s.mu.Lock()
}

func (s *Store) PutLogged(k string, v []byte) error {
	s.lockLogged() // want `s.mu is locked by \(\*locks\.Store\)\.lockLogged at line \d+ but not unlocked on the path that returns at line 165`
	if k == "" {
		return errReadOnly
	}
	s.data[k] = v
	s.unlockAll()
	return nil
}

func (s *Store) GetLogged(k string) []byte {
	s.lockLogged()
	defer s.unlockAll()
	return s.data[k]
}

// ---- a wrapper called on a value created here ----

var errEmptyStore = errors.New("empty store")

// fillStore locks a fresh store through the wrapper and returns early.
func fillStore(src map[string][]byte) (*Store, error) {
	s := &Store{data: make(map[string][]byte)}
	s.lockAll() // want `s.mu is locked by \(\*locks\.Store\)\.lockAll at line \d+ but not unlocked on the path that returns at line 187`
	if len(src) == 0 {
		return nil, errEmptyStore
	}
	for k, v := range src {
		s.data[k] = v
	}
	s.unlockAll()
	return s, nil
}

type listener struct {
	senderLock     sync.Mutex
	connectionLock sync.Mutex
	err            error
}

// acquireSenderLock holds the lock when it returns nil and releases it
// when it returns an error (github.com/lib/pq): a conditional enter.
func (l *listener) acquireSenderLock() error {
	l.senderLock.Lock()
	l.connectionLock.Lock()
	err := l.err
	l.connectionLock.Unlock()
	if err != nil {
		l.senderLock.Unlock()
		return err
	}
	return nil
}

func (l *listener) send() error {
	if err := l.acquireSenderLock(); err != nil {
		return err
	}
	defer l.senderLock.Unlock()
	return nil
}
