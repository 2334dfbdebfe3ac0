// Package sizelimit checks that a function over the -maxblocks limit is
// skipped with a note, not analysed.
package sizelimit

import "os"

func small() {}

func branchy(name string, n int) error { // want `branchy was not analysed: \d+ blocks exceed the limit of 4 \(raise -maxblocks\)`
	f, err := os.Open(name) // a leak, but the function is not analysed
	if err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		if i%2 == 0 {
			continue
		}
	}
	_ = f
	return nil
}
