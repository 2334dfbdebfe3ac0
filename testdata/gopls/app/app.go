// Package app uses files.OpenLog from another package: acmlint knows that
// it opens a file only through the fact exported for package files.
package app

import (
	"io"

	"example.com/acmgopls/files"
)

// Size returns the size of the named log file: reported, f is not closed
// when Stat fails.
func Size(name string) (int64, error) {
	f, err := files.OpenLog(name)
	if err != nil {
		return 0, err
	}
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	f.Close()
	return st.Size(), nil
}

// Read returns the contents of the named log file: not reported.
func Read(name string) ([]byte, error) {
	f, err := files.OpenLog(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// Rotate reserves a slot for the rotation: reported, the slot is not
// released when n is negative.
func Rotate(n int) int {
	s := files.Take()
	if n < 0 {
		return -1
	}
	s.Release()
	return n
}
