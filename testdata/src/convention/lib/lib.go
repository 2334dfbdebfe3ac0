// Package lib declares context-manager-style types: each has methods Enter
// and Exit, the Go image of __aenter__/__aexit__, so each is a protocol by
// the Enter/Exit convention, for this package and for its importers.
package lib

import "context"

// Session is entered only when Enter returns a nil error; Exit is told the
// block's outcome and returns an error that must be used.
type Session struct{ open bool }

func NewSession() *Session { return &Session{} }

func (s *Session) Enter(ctx context.Context) error {
	s.open = true
	return ctx.Err()
}

func (s *Session) Exit(ctx context.Context, err error) error {
	s.open = false
	return err
}

// Guard's Exit returns the "suppressed" bool of __aexit__: true means it
// swallowed the block's error.
type Guard struct{ held bool }

func (g *Guard) Enter(ctx context.Context) error {
	g.held = true
	return nil
}

func (g *Guard) Exit(ctx context.Context, err error) bool {
	g.held = false
	return err != nil
}

// Scope's Enter cannot fail: it is entered on every path after the call.
type Scope struct{ depth int }

func (s *Scope) Enter() { s.depth++ }

func (s *Scope) Exit() error {
	s.depth--
	return nil
}

// Within uses the convention inside the declaring package.
func Within(ctx context.Context, s *Session, f func() error) (err error) {
	if err := s.Enter(ctx); err != nil {
		return err
	}
	defer func() { err = s.Exit(ctx, err) }()
	return f()
}
