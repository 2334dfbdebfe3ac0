// Package cfg opens configuration files. OpenConfig is an enter wrapper:
// it returns the *os.File it opened, so its callers must close it.
package cfg

import "os"

// OpenConfig opens the named configuration file.
func OpenConfig(name string) (*os.File, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// CloseConfig closes f: an exit wrapper.
func CloseConfig(f *os.File) {
	f.Close()
}
