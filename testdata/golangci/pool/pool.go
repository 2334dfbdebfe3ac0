// Package pool is a buffer pool whose buffers must be given back; the
// .golangci.yml of this module declares that protocol.
package pool

// Pool hands out buffers.
type Pool struct{ free []*Buf }

// Buf is a pooled buffer.
type Buf struct {
	Data []byte
	p    *Pool
}

// Get takes a buffer from the pool.
func (p *Pool) Get() *Buf {
	if n := len(p.free); n > 0 {
		b := p.free[n-1]
		p.free = p.free[:n-1]
		return b
	}
	return &Buf{p: p}
}

// Release gives the buffer back.
func (b *Buf) Release() {
	b.Data = b.Data[:0]
	b.p.free = append(b.p.free, b)
}
