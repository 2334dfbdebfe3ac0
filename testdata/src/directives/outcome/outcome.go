// Package outcome declares, with a directive, an exit that takes the
// block's error (outcome=Done): it must not be told nil on a failing path.
package outcome

import "errors"

// Scope is a unit of work.
type Scope struct{ failed bool }

// Open enters the scope.
//
//acmlint:enter resource=receiver exit=Done outcome=Done
func (s *Scope) Open() error { return nil }

// Done leaves the scope, told how the work ended.
func (s *Scope) Done(err error) error {
	s.failed = err != nil
	return err
}

var errBad = errors.New("bad")

func bad(s *Scope, fail bool) error {
	if err := s.Open(); err != nil {
		return err
	}
	if fail {
		_ = s.Done(nil) // want `s\.Done is called with a nil error at line 28, but the function returns an error at line 29: the exit is told the block succeeded`
		return errBad
	}
	return s.Done(nil)
}

func good(s *Scope, fail bool) (err error) {
	if err := s.Open(); err != nil {
		return err
	}
	defer func() { err = s.Done(err) }()
	if fail {
		return errBad
	}
	return nil
}
