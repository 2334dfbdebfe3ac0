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
