// Package pool is a buffer pool whose buffers must be given back; the
// plugin tests declare that protocol in the plugin's settings.
package pool

// Pool hands out buffers.
type Pool struct{ free []*Buf }

// Buf is a pooled buffer.
type Buf struct{ data []byte }

// Get takes a buffer from the pool.
func (p *Pool) Get() *Buf {
	if n := len(p.free); n > 0 {
		b := p.free[n-1]
		p.free = p.free[:n-1]
		return b
	}
	return new(Buf)
}

// Release gives the buffer back.
func (b *Buf) Release() {}
