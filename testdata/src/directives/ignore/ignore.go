// Package ignore checks //acmlint:ignore <reason> suppressions: on the
// line of the finding, or alone on the line above it.
package ignore

import (
	"bufio"
	"os"
)

// On the acquisition's own line.
func sameLine(name string) ([]byte, error) {
	f, err := os.Open(name) //acmlint:ignore the descriptor is closed by the caller's cleanup
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 10)
	n, _ := f.Read(buf)
	return buf[:n], nil
}

// Alone on the line above the acquisition, after a plain comment.
func lineAbove(name string) ([]byte, error) {
	// Opened for the process's lifetime.
	//acmlint:ignore kept open on purpose
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 10)
	n, _ := f.Read(buf)
	return buf[:n], nil
}

// A dropped result suppressed on its line.
func dropped(f *os.File) error {
	w := bufio.NewWriter(f)
	w.WriteString("x")
	w.Flush() //acmlint:ignore best effort
	return nil
}

// An ignore elsewhere in the function does not cover the acquisition, and
// is itself reported as stale.
func elsewhere(name string) ([]byte, error) {
	f, err := os.Open(name) // want `f is opened at line 45 but not closed on the path that returns at line 52`
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 10)
	// want +1 `^acmlint:ignore suppresses nothing here: remove it or move it to the line of the finding$`
	n, _ := f.Read(buf) //acmlint:ignore short reads are fine
	return buf[:n], nil
}

// On the return that leaks: the finding's related position.
func onReturn(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 10)
	n, _ := f.Read(buf)
	return buf[:n], nil //acmlint:ignore f lives as long as the process
}

// Alone on its line, heading a block of comments above the acquisition.
func headsComments(name string) ([]byte, error) {
	//acmlint:ignore kept open on purpose
	// The descriptor is shared with the watcher
	// and closed when the process exits.
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 10)
	n, _ := f.Read(buf)
	return buf[:n], nil
}
