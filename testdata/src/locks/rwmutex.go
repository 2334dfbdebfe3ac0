package locks

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

var errNotFound = errors.New("not found")

type Registry struct {
	mu       sync.RWMutex
	services map[string]string
	version  int
}

// ---- bad: write lock ----

func (r *Registry) Register(name, addr string) error {
	r.mu.Lock() // want `r.mu is locked at line \d+ but not unlocked on the path that returns at line 24`
	if _, dup := r.services[name]; dup {
		return fmt.Errorf("service %q already registered", name)
	}
	r.services[name] = addr
	r.version++
	r.mu.Unlock()
	return nil
}

func (r *Registry) Replace(ctx context.Context, m map[string]string) error {
	r.mu.Lock() // want `r.mu is locked at line \d+ but not unlocked on the path that returns at line 35`
	if err := ctx.Err(); err != nil {
		return err
	}
	r.services = m
	r.mu.Unlock()
	return nil
}

// ---- bad: read lock ----

func (r *Registry) Lookup(name string) (string, error) {
	r.mu.RLock() // want `r.mu is read-locked at line \d+ but not read-unlocked on the path that returns at line 48`
	addr, ok := r.services[name]
	if !ok {
		return "", errNotFound
	}
	r.mu.RUnlock()
	return addr, nil
}

func (r *Registry) MustLookup(name string) string {
	r.mu.RLock() // want `r.mu is read-locked at line \d+ but not read-unlocked on the path that panics at line 58`
	addr, ok := r.services[name]
	if !ok {
		panic("locks: no service " + name)
	}
	r.mu.RUnlock()
	return addr
}

func (r *Registry) Resolve(name, scheme string) (string, error) {
	r.mu.RLock() // want `r.mu is read-locked at line \d+ but not read-unlocked on the path that returns at line 72`
	addr := r.services[name]
	switch scheme {
	case "http", "https":
		addr = scheme + "://" + addr
	case "":
	default:
		return "", fmt.Errorf("unsupported scheme %q", scheme)
	}
	r.mu.RUnlock()
	return addr, nil
}

// Waits for a service to appear; the continue keeps the read lock.
func (r *Registry) WaitFor(name string) string {
	for {
		r.mu.RLock() // want `r.mu is read-locked at line \d+ but not read-unlocked before the next iteration of the loop at line 80`
		addr, ok := r.services[name]
		if !ok {
			time.Sleep(10 * time.Millisecond)
			continue
		}
		r.mu.RUnlock()
		return addr
	}
}

func (r *Registry) TryVersion() (int, bool) {
	if r.mu.TryRLock() { // want `r.mu is read-locked at line \d+ but not read-unlocked on the path that returns at line 95`
		if r.version == 0 {
			return 0, false
		}
		v := r.version
		r.mu.RUnlock()
		return v, true
	}
	return 0, false
}

// ---- ok ----

func (r *Registry) Names() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	names := make([]string, 0, len(r.services))
	for n := range r.services {
		names = append(names, n)
	}
	return names
}

func (r *Registry) Unregister(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.services, name)
	r.version++
}

// Read-unlock, then upgrade to the write lock.
func (r *Registry) GetOrAdd(name, addr string) string {
	r.mu.RLock()
	if a, ok := r.services[name]; ok {
		r.mu.RUnlock()
		return a
	}
	r.mu.RUnlock()

	r.mu.Lock()
	defer r.mu.Unlock()
	if a, ok := r.services[name]; ok {
		return a
	}
	r.services[name] = addr
	return addr
}

func (r *Registry) TryNames() ([]string, bool) {
	if !r.mu.TryRLock() {
		return nil, false
	}
	defer r.mu.RUnlock()
	var names []string
	for n := range r.services {
		names = append(names, n)
	}
	return names, true
}

func (r *Registry) TryBump() bool {
	if ok := r.mu.TryLock(); !ok {
		return false
	}
	r.version++
	r.mu.Unlock()
	return true
}

// Read lock released through the RLocker view.
func (r *Registry) Count() int {
	l := r.mu.RLocker()
	l.Lock()
	defer l.Unlock()
	return len(r.services)
}
