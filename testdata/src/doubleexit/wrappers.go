package doubleexit

import "sync"

type guarded struct {
	mu sync.Mutex
	n  int
}

func (g *guarded) lock()   { g.mu.Lock() }   // want lock:`acquires p0\.mu\[sync\.Mutex\]`
func (g *guarded) unlock() { g.mu.Unlock() } // want unlock:`releases p0\.mu\.Unlock`

// Re-locked through the wrapper between the two unlocks (net/http's
// connReader.Read): not a double unlock.
func (g *guarded) read(work func() int) int {
	g.lock()
	g.n++
	g.unlock()
	n := work()
	g.lock()
	g.n -= n
	g.unlock()
	return n
}

func (g *guarded) twice() {
	g.lock()
	g.n++
	g.unlock()
	g.unlock() // want `g\.mu is unlocked twice on one path: at line 29 and again at line 30`
}
