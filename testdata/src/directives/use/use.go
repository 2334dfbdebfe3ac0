// Package use calls package lib, whose protocols it knows only through the
// facts lib's //acmlint: directives exported.
package use

import (
	"errors"

	"directives/lib"
)

var errShort = errors.New("short")

// ---- bad ----

// //acmlint:enter exit=Release on (*Pool).Get: not released on a path.
func fill(p *lib.Pool, n int) error {
	b := p.Get() // want `b is acquired at line 17 but not released on the path that returns at line 19`
	if n < 0 {
		return errShort
	}
	b.Release()
	return nil
}

// //acmlint:enter on a constructor returning (T, error).
func ping(addr string, quick bool) error {
	c, err := lib.Dial(addr) // want `c is acquired at line 27 but not released on the path that returns at line 32`
	if err != nil {
		return err
	}
	if quick {
		return nil
	}
	return c.Close()
}

// must-use=Close on the enter: Close's error is dropped on a success path.
func pingDropped(addr string) error {
	c, err := lib.Dial(addr)
	if err != nil {
		return err
	}
	c.Close() // want `the error of c\.Close is dropped at line 43, but the path can still report success at line 44`
	return nil
}

// //acmlint:enter resource=receiver exit=Unlock: unlocked on one path only.
func update(t *lib.Table, ok bool) error {
	t.Lock() // want `t is acquired at line 49 but not released on the path that returns at line 51`
	if !ok {
		return errShort
	}
	t.Unlock()
	return nil
}

// //acmlint:must-use on (*Txn).Commit: its error is dropped.
func save(s *lib.Store) error {
	tx := s.Begin()
	tx.Commit() // want `the error of tx\.Commit is dropped at line 60, but the path can still report success at line 61`
	return nil
}

// A transaction neither committed nor aborted on one path.
func saveLeak(s *lib.Store, skip bool) error {
	tx := s.Begin() // want `tx is acquired at line 66 but not released on the path that returns at line 68`
	if skip {
		return nil
	}
	return tx.Commit()
}

// ---- ok ----

// Released through the //acmlint:exit helper.
func fillPut(p *lib.Pool) {
	b := p.Get()
	defer lib.Put(b)
}

func fillPutEveryPath(p *lib.Pool, n int) error {
	b := p.Get()
	if n < 0 {
		lib.Put(b)
		return errShort
	}
	lib.Put(b)
	return nil
}

// Deferred release.
func fillDeferred(p *lib.Pool) {
	b := p.Get()
	defer b.Release()
}

func update2(t *lib.Table) {
	t.Lock()
	defer t.Unlock()
}

// Dial failed: nothing to close.
func pingOK(addr string) error {
	c, err := lib.Dial(addr)
	if err != nil {
		return err
	}
	return c.Close()
}

// A Close error joined into the named result.
func pingJoined(addr string) (err error) {
	c, err := lib.Dial(addr)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, c.Close()) }()
	return nil
}

// Commit's error is returned; Abort has no result to use.
func saveOK(s *lib.Store, skip bool) error {
	tx := s.Begin()
	if skip {
		tx.Abort()
		return nil
	}
	return tx.Commit()
}

// The buffer is handed off to the caller: Take is itself an enter, for
// this package and (as a fact) for package wrapped.
func Take(p *lib.Pool) *lib.Buf { // want Take:`^returns r0\[directive:\(directives/lib\.Pool\)\.Get\]$`
	return p.Get()
}
