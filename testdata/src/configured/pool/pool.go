// Package pool is a library that knows nothing of acmlint: its protocol
// is declared only in testdata/config/acmlint.yml.
package pool

import "errors"

type Buf struct{ data []byte }

type Pool struct{ free []*Buf }

// Get takes a buffer; Put gives it back.
func (p *Pool) Get() *Buf {
	if n := len(p.free); n > 0 {
		b := p.free[n-1]
		p.free = p.free[:n-1]
		return b
	}
	return &Buf{data: make([]byte, 0, 512)}
}

// Put gives the buffer back; its error says whether it was still valid.
func (b *Buf) Put() error {
	if b.data == nil {
		return errors.New("buffer put twice")
	}
	b.data = nil
	return nil
}

func (b *Buf) Write(s string) { b.data = append(b.data, s...) }
