// Package files opens files for package app: acmlint infers that OpenLog
// is an enter and carries that to app as a fact.
package files

import "os"

// OpenLog opens the named log file for reading.
func OpenLog(name string) (*os.File, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// Slot is a place in the log rotation, declared a resource by a directive.
type Slot struct{ n int }

// Take reserves a slot; give it back with Release.
//
//acmlint:enter exit=Release
func Take() *Slot { return &Slot{} }

// Release gives the slot back.
func (s *Slot) Release() {}
