// Package lib marks its API with //acmlint: directives. The protocols they
// declare reach importing packages as facts.
package lib

import "errors"

// ---- a pool whose buffers must be given back ----

type Buf struct{ data []byte }

type Pool struct{ free []*Buf }

// Get takes a buffer from the pool; it must be given back with Release
// (or Put).
//
//acmlint:enter exit=Release
func (p *Pool) Get() *Buf { // want Get:`enter directive:\(directives/lib\.Pool\)\.Get exit=Release`
	if n := len(p.free); n > 0 {
		b := p.free[n-1]
		p.free = p.free[:n-1]
		return b
	}
	return &Buf{data: make([]byte, 0, 512)}
}

func (b *Buf) Release() { b.data = b.data[:0] }

// Put gives b back. acmlint cannot see that it releases b: the directive
// says so.
//
//acmlint:exit
func Put(b *Buf) { b.data = nil } // want Put:`^releases p0\.\*$`

// ---- a connection: acquired when the error is nil; Close's error matters ----

type Conn struct{ addr string }

// Dial connects.
//
//acmlint:enter exit=Close must-use=Close
func Dial(addr string) (*Conn, error) { // want Dial:`enter directive:directives/lib\.Dial exit=Close`
	if addr == "" {
		return nil, errors.New("no address")
	}
	return &Conn{addr: addr}, nil
}

func (c *Conn) Close() error { return nil }

// ---- a receiver lock ----

type Table struct{ locked bool }

// Lock locks the table until Unlock.
//
//acmlint:enter resource=receiver exit=Unlock
func (t *Table) Lock() { t.locked = true } // want Lock:`enter directive:\(directives/lib\.Table\)\.Lock exit=Unlock`

func (t *Table) Unlock() { t.locked = false }

// ---- a transaction whose Commit result must be used ----

type Store struct{}

type Txn struct{ done bool }

// Begin starts a transaction, ended by Commit or Abort.
//
//acmlint:enter exit=Commit,Abort
func (s *Store) Begin() *Txn { return &Txn{} } // want Begin:`enter directive:\(directives/lib\.Store\)\.Begin exit=Commit,Abort`

// Commit's error says whether the transaction took effect.
//
//acmlint:must-use
func (t *Txn) Commit() error { // want Commit:`^must-use$`
	t.done = true
	return nil
}

func (t *Txn) Abort() { t.done = true }
