// Package more covers more shapes of the Enter/Exit convention: an
// interface, an Enter that reports with a bool, a generic type, value
// receivers, an Enter wrapper, an Exit without a result, a loop.
package more

import (
	"context"
	"errors"

	"convention/lib"
)

var errX = errors.New("x")

// An interface with Enter and Exit is a type with methods Enter and Exit:
// a protocol by the convention like any other.
type Manager interface {
	Enter(ctx context.Context) error
	Exit(ctx context.Context, err error) error
}

func viaInterface(ctx context.Context, m Manager, fail bool) error {
	if err := m.Enter(ctx); err != nil { // want `m is entered at line 23 but not exited on the path that returns at line 27`
		return err
	}
	if fail {
		return errX
	}
	return m.Exit(ctx, nil)
}

// Enter returning bool.
type Slot struct{}

func (s *Slot) Enter() bool { return true }
func (s *Slot) Exit()       {}

func slot(s *Slot, fail bool) error {
	if !s.Enter() { // want `s is entered at line 39 but not exited on the path that returns at line 43`
		return errX
	}
	if fail {
		return errX
	}
	s.Exit()
	return nil
}

// Generic type.
type Box[T any] struct{ v T }

func (b *Box[T]) Enter() error { return nil }
func (b *Box[T]) Exit() error  { return nil }

func generic(b *Box[int], fail bool) error {
	if err := b.Enter(); err != nil { // want `b is entered at line 56 but not exited on the path that returns at line 60`
		return err
	}
	if fail {
		return errX
	}
	return b.Exit()
}

// An Enter wrapper: it enters its parameter on every path and never exits
// it, so its callers are checked instead.
func open(ctx context.Context, s *lib.Session) error {
	return s.Enter(ctx)
}

func useOpen(ctx context.Context, fail bool) error {
	s := lib.NewSession()
	if err := open(ctx, s); err != nil { // want `s is entered by more\.open at line 73 but not exited on the path that returns at line 77`
		return err
	}
	if fail {
		return errX
	}
	return s.Exit(ctx, nil)
}

// Value receivers.
type V struct{}

func (V) Enter() error { return nil }
func (V) Exit() error  { return nil }

func value(v V, fail bool) error {
	if err := v.Enter(); err != nil { // want `v is entered at line 89 but not exited on the path that returns at line 93`
		return err
	}
	if fail {
		return errX
	}
	return v.Exit()
}

// An Exit with no result has nothing to use.
type N struct{}

func (n *N) Enter() {}
func (n *N) Exit()  {}

func nothing(n *N) {
	n.Enter()
	defer n.Exit()
}

// Entered in a loop, exited by a defer at the function's end.
func loop(ctx context.Context, ss []*lib.Session) error {
	for _, s := range ss {
		if err := s.Enter(ctx); err != nil {
			return err
		}
		defer s.Exit(ctx, nil) // want `s is entered in a loop at line 112 but s\.Exit is deferred to the end of the function: each iteration holds one more until it returns` `the error of s\.Exit is dropped by defer at line 115, but the path can still report success at line 117` `s\.Exit is deferred with a nil error at line 115, but the function returns an error at line 113`
	}
	return nil
}
