// Package exitoutcome exercises exit-outcome: an exit that takes the
// block's error (the Exit(ctx, err) of the Enter/Exit convention) told
// nil on a path that returns a non-nil error.
package exitoutcome

import (
	"context"
	"errors"
	"fmt"
)

// Session follows the Enter/Exit convention; Exit is told the block's
// outcome and returns an error that must be used.
type Session struct{ open bool }

func (s *Session) Enter(ctx context.Context) error {
	s.open = true
	return ctx.Err()
}

func (s *Session) Exit(ctx context.Context, err error) error {
	s.open = false
	return err
}

// Step's Exit takes the outcome and returns nothing.
type Step struct{ name string }

func (s *Step) Enter() error { return nil }

func (s *Step) Exit(err error) {}

// Scope's Exit takes no error: nothing to be told.
type Scope struct{ depth int }

func (s *Scope) Enter() { s.depth++ }

func (s *Scope) Exit() error {
	s.depth--
	return nil
}

var ErrEmpty = errors.New("empty")

func write(b []byte) error  { return nil }
func send(msg string) error { return nil }

// ---- bad ----

func Save(ctx context.Context, s *Session, data []byte) error {
	if err := s.Enter(ctx); err != nil {
		return err
	}
	if err := write(data); err != nil {
		_ = s.Exit(ctx, nil) // want `s\.Exit is called with a nil error at line 55, but the function returns an error at line 56: the exit is told the block succeeded`
		return err
	}
	return s.Exit(ctx, nil)
}

func Load(ctx context.Context, s *Session, key string) error {
	if err := s.Enter(ctx); err != nil {
		return err
	}
	if key == "" {
		_ = s.Exit(ctx, nil) // want `s\.Exit is called with a nil error at line 66, but the function returns an error at line 67: the exit is told the block succeeded`
		return ErrEmpty
	}
	return s.Exit(ctx, nil)
}

func Wrap(ctx context.Context, s *Session, data []byte) error {
	if err := s.Enter(ctx); err != nil {
		return err
	}
	err := write(data)
	if exitErr := s.Exit(ctx, nil); exitErr != nil { // want `s\.Exit is called with a nil error at line 77, but the function returns an error at line 81: the exit is told the block succeeded`
		return exitErr
	}
	if err != nil {
		return fmt.Errorf("save: %w", err)
	}
	return nil
}

func Process(ctx context.Context, s *Session, items []string) error {
	if err := s.Enter(ctx); err != nil {
		return err
	}
	defer s.Exit(ctx, nil) // want `s\.Exit is deferred with a nil error at line 90, but the function returns an error at line 93: the exit is told the block succeeded` `the error of s\.Exit is dropped by defer at line 90, but the path can still report success at line 96`
	for _, it := range items {
		if it == "" {
			return ErrEmpty
		}
	}
	return nil
}

func Run(s *Step, items []string) error {
	if err := s.Enter(); err != nil {
		return err
	}
	defer s.Exit(nil) // want `s\.Exit is deferred with a nil error at line 103, but the function returns an error at line 105: the exit is told the block succeeded`
	if len(items) == 0 {
		return errors.New("no items")
	}
	return nil
}

func Publish(ctx context.Context, s *Session, msg string) error {
	if err := s.Enter(ctx); err != nil {
		return err
	}
	defer func() { _ = s.Exit(ctx, nil) }() // want `s\.Exit is called with a nil error at line 114, but the function returns an error at line 116: the exit is told the block succeeded`
	if msg == "" {
		return errors.New("empty message")
	}
	return send(msg)
}

func Finish(s *Step, n int) (err error) {
	if err := s.Enter(); err != nil {
		return err
	}
	defer func() { s.Exit(nil) }() // want `s\.Exit is called with a nil error at line 125, but the function returns an error at line 127: the exit is told the block succeeded`
	if n < 0 {
		return fmt.Errorf("negative: %d", n)
	}
	return nil
}

func StepFail(s *Step, data []byte) error {
	if err := s.Enter(); err != nil {
		return err
	}
	if err := write(data); err != nil {
		s.Exit(nil) // want `s\.Exit is called with a nil error at line 137, but the function returns an error at line 138: the exit is told the block succeeded`
		return err
	}
	s.Exit(nil)
	return nil
}

func Bare(ctx context.Context, s *Session, n int) (err error) {
	if err = s.Enter(ctx); err != nil {
		return err
	}
	if n < 0 {
		err = fmt.Errorf("negative: %d", n)
		_ = s.Exit(ctx, nil) // want `s\.Exit is called with a nil error at line 150, but the function returns an error at line 151: the exit is told the block succeeded`
		return
	}
	return s.Exit(ctx, nil)
}

func Keep(ctx context.Context, data []byte) (err error) {
	s := &Session{}
	if err := s.Enter(ctx); err != nil {
		return err
	}
	defer func() {
		if exitErr := s.Exit(ctx, nil); exitErr != nil && err == nil { // want `s\.Exit is called with a nil error at line 162, but the function returns an error at line 167: the exit is told the block succeeded`
			err = exitErr
		}
	}()
	if len(data) == 0 {
		return ErrEmpty
	}
	return write(data)
}

// ---- ok ----

// The exit is given the block's error through the named result.
func Within(ctx context.Context, s *Session, f func() error) (err error) {
	if err := s.Enter(ctx); err != nil {
		return err
	}
	defer func() { err = s.Exit(ctx, err) }()
	return f()
}

// The exit is given the error and its result returned.
func Store(ctx context.Context, s *Session, data []byte) error {
	if err := s.Enter(ctx); err != nil {
		return err
	}
	err := write(data)
	return s.Exit(ctx, err)
}

// nil only on the path where the block succeeded: the error returned
// after it is the exit's own.
func Commit(ctx context.Context, s *Session, data []byte) error {
	if err := s.Enter(ctx); err != nil {
		return err
	}
	if err := write(data); err != nil {
		return s.Exit(ctx, err)
	}
	if err := s.Exit(ctx, nil); err != nil {
		return err
	}
	return nil
}

// The same, wrapping the exit's error.
func CommitWrapped(ctx context.Context, s *Session, data []byte) error {
	if err := s.Enter(ctx); err != nil {
		return err
	}
	if err := write(data); err != nil {
		return s.Exit(ctx, err)
	}
	if err := s.Exit(ctx, nil); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

func StepOK(s *Step, data []byte) error {
	if err := s.Enter(); err != nil {
		return err
	}
	if err := write(data); err != nil {
		s.Exit(err)
		return fmt.Errorf("step %s: %w", s.name, err)
	}
	s.Exit(nil)
	return nil
}

func StepDeferred(s *Step, items []string) (err error) {
	if err := s.Enter(); err != nil {
		return err
	}
	defer func() { s.Exit(err) }()
	if len(items) == 0 {
		return ErrEmpty
	}
	return nil
}

// The exit told nil where the function itself returns nothing.
func Background(s *Step, data []byte) {
	if err := s.Enter(); err != nil {
		return
	}
	_ = write(data)
	s.Exit(nil)
}

// An exit without an error parameter has nothing to be told.
func Nested(s *Scope, data []byte) error {
	s.Enter()
	if err := write(data); err != nil {
		_ = s.Exit()
		return err
	}
	return s.Exit()
}
