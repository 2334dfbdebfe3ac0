package locks

import (
	"errors"
	"sync"
)

var errFull = errors.New("buffer full")

// ---- bad ----

// appendLocked returns early with l held.
func appendLocked(l sync.Locker, buf *[]string, s string, max int) error {
	l.Lock() // want `l is locked at line \d+ but not unlocked on the path that returns at line 16`
	if len(*buf) >= max {
		return errFull
	}
	*buf = append(*buf, s)
	l.Unlock()
	return nil
}

// ---- ok ----

func withLocker(l sync.Locker, buf *[]string, s string) {
	l.Lock()
	defer l.Unlock()
	*buf = append(*buf, s)
}

func lenLocked(l sync.Locker, buf []string) int {
	l.Lock()
	n := len(buf)
	l.Unlock()
	return n
}

// A Locker made from a local mutex.
func guardedCopy(src []string) []string {
	var mu sync.Mutex
	var l sync.Locker = &mu
	l.Lock()
	defer l.Unlock()
	return append([]string(nil), src...)
}
