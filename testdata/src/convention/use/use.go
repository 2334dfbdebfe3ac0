// Package use enters the context-manager-style types of package lib, which
// it knows as protocols only by the Enter/Exit convention.
package use

import (
	"context"
	"errors"

	"convention/lib"
)

var errBusy = errors.New("busy")

func work(ctx context.Context) error { return ctx.Err() }

// ---- bad ----

// Not exited on an early return.
func earlyReturn(ctx context.Context, busy bool) error {
	s := lib.NewSession()
	if err := s.Enter(ctx); err != nil { // want `s is entered at line 21 but not exited on the path that returns at line 25`
		return err
	}
	if busy {
		return errBusy
	}
	return s.Exit(ctx, nil)
}

// The suppression result of Exit is dropped on a path that reports success.
func droppedExit(ctx context.Context) error {
	s := lib.NewSession()
	if err := s.Enter(ctx); err != nil {
		return err
	}
	s.Exit(ctx, nil) // want `the error of s\.Exit is dropped at line 36, but the path can still report success at line 37`
	return nil
}

// A deferred Exit whose result nobody sees.
func deferredDrop(ctx context.Context) error {
	s := lib.NewSession()
	if err := s.Enter(ctx); err != nil {
		return err
	}
	defer s.Exit(ctx, nil) // want `the error of s\.Exit is dropped by defer at line 46, but the path can still report success at line 47`
	return work(ctx)
}

// A bool Exit: the "suppressed" result is dropped.
func droppedSuppressed(ctx context.Context) error {
	var g lib.Guard
	if err := g.Enter(ctx); err != nil {
		return err
	}
	g.Exit(ctx, nil) // want `the result of g\.Exit is dropped at line 56, but the path can still report success at line 57`
	return nil
}

// An Enter that returns nothing: entered on every path after the call.
func scopeLeak(s *lib.Scope, n int) error {
	s.Enter() // want `s is entered at line 62 but not exited on the path that returns at line 64`
	if n < 0 {
		return errBusy
	}
	return s.Exit()
}

// Exited by defer, but the error of Exit is lost: a function without
// results still reports success by returning.
func scopeDeferred(s *lib.Scope) {
	s.Enter()
	defer s.Exit() // want `the error of s\.Exit is dropped by defer at line 73, but the path can still report success at line 74`
}

// ---- ok ----

// A deferred closure joins the Exit error into the named result.
func joined(ctx context.Context) (err error) {
	s := lib.NewSession()
	if err := s.Enter(ctx); err != nil {
		return err
	}
	defer func() { err = errors.Join(err, s.Exit(ctx, err)) }()
	return work(ctx)
}

// Exit's result is the function's result.
func returned(ctx context.Context) error {
	s := lib.NewSession()
	if err := s.Enter(ctx); err != nil {
		return err
	}
	err := work(ctx)
	return s.Exit(ctx, err)
}

// Enter failed: there is nothing to exit.
func enterFailed(ctx context.Context) error {
	s := lib.NewSession()
	if err := s.Enter(ctx); err != nil {
		return err
	}
	return s.Exit(ctx, work(ctx))
}

// An explicit blank assignment is a decision, not an accident.
func blank(ctx context.Context) error {
	s := lib.NewSession()
	if err := s.Enter(ctx); err != nil {
		return err
	}
	_ = s.Exit(ctx, nil)
	return nil
}

// The Exit result is dropped only on an error path that already returns a
// non-nil error.
func droppedOnError(ctx context.Context) error {
	s := lib.NewSession()
	if err := s.Enter(ctx); err != nil {
		return err
	}
	if err := work(ctx); err != nil {
		s.Exit(ctx, err)
		return err
	}
	return s.Exit(ctx, nil)
}

// The bool result decides what is returned.
func suppressed(ctx context.Context) error {
	var g lib.Guard
	if err := g.Enter(ctx); err != nil {
		return err
	}
	err := work(ctx)
	if g.Exit(ctx, err) {
		return nil
	}
	return err
}

// lib's own helper exits.
func within(ctx context.Context, s *lib.Session) error {
	return lib.Within(ctx, s, func() error { return work(ctx) })
}
