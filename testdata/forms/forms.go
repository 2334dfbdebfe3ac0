// Package forms checks the language forms the path engine must follow:
// closures, method values, embedded fields, generics, goto, select,
// labelled break/continue and range-over-func.
package forms

import (
	"context"
	"errors"
	"iter"
	"os"
	"sync"
	"time"
)

var errBad = errors.New("bad")

type Store struct {
	mu sync.Mutex
	m  map[string]int
}

type Embedded struct {
	sync.RWMutex
	m map[string]int
}

// ---- closures ----

func (s *Store) deferredClosure(k string) int {
	s.mu.Lock()
	defer func() { s.mu.Unlock() }()
	return s.m[k]
}

func (s *Store) closureCalled(k string) error {
	s.mu.Lock()
	unlock := func() { s.mu.Unlock() }
	if k == "" {
		unlock()
		return errBad
	}
	s.m[k]++
	unlock()
	return nil
}

func (s *Store) closureMissed(k string) error {
	s.mu.Lock() // want `s.mu is locked at line \d+ but not unlocked on the path that returns at line 51`
	unlock := func() { s.mu.Unlock() }
	if k == "" {
		return errBad
	}
	s.m[k]++
	unlock()
	return nil
}

func closeInClosure(name string) (err error) {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	return nil
}

// ---- method values ----

func (s *Store) methodValue(k string) int {
	s.mu.Lock()
	unlock := s.mu.Unlock
	defer unlock()
	return s.m[k]
}

func methodValueMissed(name string, skip bool) error {
	f, err := os.Open(name) // want `f is opened at line \d+ but not closed on the path that returns at line 87`
	if err != nil {
		return err
	}
	closeF := f.Close
	if skip {
		return nil
	}
	return closeF()
}

// ---- embedded fields ----

func (e *Embedded) get(k string) int {
	e.RLock()
	defer e.RUnlock()
	return e.m[k]
}

func (e *Embedded) setMissed(k string, v int) error {
	e.Lock() // want `e is locked at line \d+ but not unlocked on the path that returns at line 103`
	if v < 0 {
		return errBad
	}
	e.m[k] = v
	e.Unlock()
	return nil
}

// ---- generics ----

func WithLock[T any](mu *sync.Mutex, f func() T) T {
	mu.Lock()
	defer mu.Unlock()
	return f()
}

func lockedGet[K comparable, V any](mu *sync.Mutex, m map[K]V, k K) (V, error) {
	mu.Lock() // want `mu is locked at line \d+ but not unlocked on the path that returns at line 122`
	v, ok := m[k]
	if !ok {
		return v, errBad
	}
	mu.Unlock()
	return v, nil
}

// ---- goto ----

func gotoCleanup(name string, n int) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	if n < 0 {
		goto out
	}
	n++
out:
	return f.Close()
}

func gotoSkipsClose(name string, n int) error {
	f, err := os.Open(name) // want `f is opened at line \d+ but not closed on the path that returns at line 153`
	if err != nil {
		return err
	}
	if n < 0 {
		goto fail
	}
	return f.Close()
fail:
	return errBad
}

// ---- select ----

func selectLeak(ctx context.Context, ch <-chan int) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second) // want `cancel is created at line \d+ but not called on the path that returns at line 162`
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	case v := <-ch:
		cancel()
		return v, nil
	}
}

func selectOK(ctx context.Context, ch <-chan int) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	case v := <-ch:
		return v, nil
	}
}

// ---- labelled break and continue ----

func (s *Store) labelledContinue(rows [][]string) {
outer:
	for _, row := range rows {
		for _, k := range row {
			s.mu.Lock() // want `s.mu is locked at line \d+ but not unlocked (before the next iteration of the loop at line \d+|on the path that returns at line \d+)`
			if k == "" {
				continue outer
			}
			s.m[k]++
			s.mu.Unlock()
		}
	}
}

func (s *Store) labelledBreak(rows [][]string) {
outer:
	for _, row := range rows {
		for _, k := range row {
			s.mu.Lock()
			if k == "" {
				s.mu.Unlock()
				break outer
			}
			s.m[k]++
			s.mu.Unlock()
		}
	}
}

// ---- range over func ----

func (s *Store) rangeFuncOK(seq iter.Seq[string]) {
	for k := range seq {
		s.mu.Lock()
		s.m[k]++
		s.mu.Unlock()
	}
}

func (s *Store) rangeFuncContinue(seq iter.Seq[string]) {
	for k := range seq {
		s.mu.Lock() // want `s.mu is locked at line \d+ but not unlocked`
		if k == "" {
			continue
		}
		s.m[k]++
		s.mu.Unlock()
	}
}

func openAll(names iter.Seq[string]) error {
	for n := range names {
		f, err := os.Open(n) // want `f is opened at line \d+ but not closed`
		if err != nil {
			return err
		}
		if n == "skip" {
			continue
		}
		f.Close()
	}
	return nil
}
