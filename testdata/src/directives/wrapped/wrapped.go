// Package wrapped calls use.Take, a wrapper around a directive-declared
// enter of package lib; it sees both only as facts.
package wrapped

import (
	"directives/lib"
	"directives/use"
)

func leak(p *lib.Pool, n int) int {
	b := use.Take(p) // want `b is acquired by use\.Take at line 11 but not released on the path that returns at line 13`
	if n == 0 {
		return 0
	}
	lib.Put(b)
	return n
}

func ok(p *lib.Pool) {
	b := use.Take(p)
	defer b.Release()
}
