package locks

import (
	"errors"
	"sync"
)

// Counter embeds its mutex.
type Counter struct {
	sync.Mutex
	counts map[string]int
}

// Stats embeds a read-write mutex.
type Stats struct {
	sync.RWMutex
	samples []float64
}

var errNegative = errors.New("negative sample")

// ---- bad ----

func (c *Counter) Add(key string, n int) error {
	c.Lock() // want `c is locked at line \d+ but not unlocked on the path that returns at line 27`
	if n < 0 {
		return errNegative
	}
	c.counts[key] += n
	c.Unlock()
	return nil
}

func (s *Stats) Mean() float64 {
	s.RLock() // want `s is read-locked at line \d+ but not read-unlocked on the path that returns at line 37`
	if len(s.samples) == 0 {
		return 0
	}
	var sum float64
	for _, x := range s.samples {
		sum += x
	}
	mean := sum / float64(len(s.samples))
	s.RUnlock()
	return mean
}

func (s *Stats) Record(x float64) error {
	s.Lock() // want `s is locked at line \d+ but not unlocked on the path that returns at line 51`
	if x < 0 {
		return errNegative
	}
	s.samples = append(s.samples, x)
	s.Unlock()
	return nil
}

// ---- ok ----

func (c *Counter) Get(key string) int {
	c.Lock()
	defer c.Unlock()
	return c.counts[key]
}

func (c *Counter) Reset() {
	c.Lock()
	c.counts = make(map[string]int)
	c.Unlock()
}

func (s *Stats) Len() int {
	s.RLock()
	defer s.RUnlock()
	return len(s.samples)
}

// Embedded lock reached through the field name.
func (c *Counter) Inc(key string) {
	c.Mutex.Lock()
	defer c.Mutex.Unlock()
	c.counts[key]++
}

// A fresh value with an embedded lock, locked and unlocked.
func snapshot(src map[string]int) map[string]int {
	var c Counter
	c.Lock()
	defer c.Unlock()
	c.counts = make(map[string]int, len(src))
	for k, v := range src {
		c.counts[k] = v
	}
	return c.counts
}

// Shared embeds a pointer to a mutex it shares with others.
type Shared struct {
	*sync.Mutex
	n int
}

func (s Shared) Add(d int) error {
	s.Lock() // want `s is locked at line \d+ but not unlocked on the path that returns at line \d+`
	if d < 0 {
		return errNegative
	}
	s.n += d
	s.Unlock()
	return nil
}

func (s Shared) Get() int {
	s.Lock()
	defer s.Unlock()
	return s.n
}
