// Package a is the site finder's fixture: each function says whether its
// release statements are candidates.
package a

import (
	"context"
	"os"
	"sync"
	"time"
)

type S struct {
	mu sync.Mutex
	n  int
}

// Inc: the deferred Unlock is a candidate; the lock is the receiver's and
// nothing else unlocks it, so its deletion makes Inc a lock helper
// (exempt by the contract).
func (s *S) Inc() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
}

// unlock is an exit helper: it releases what it did not acquire. Not a
// candidate.
func (s *S) unlock() {
	s.mu.Unlock()
}

// Get: the Unlock on the early return is a candidate (not exempt: another
// path unlocks); the last Unlock is not on an early-return branch.
func (s *S) Get(ok bool) int {
	s.mu.Lock()
	if !ok {
		s.mu.Unlock()
		return 0
	}
	n := s.n
	s.mu.Unlock()
	return n
}

// Wait: deleting defer cancel() leaves cancel unused; the mutant keeps it
// as _ = cancel.
func Wait(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	<-ctx.Done()
	return ctx.Err()
}

// Read: the Close on the early return is a candidate.
func Read(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	b := make([]byte, st.Size())
	_, err = f.Read(b)
	f.Close()
	return b, err
}

// closeIt closes a file it did not open: not a candidate.
func closeIt(f *os.File) error {
	defer f.Close()
	return nil
}

// Both: the early-return Close is a candidate whose deletion is no leak
// (the defer closes the file on that return too).
func Both(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }()
	if name == "" {
		f.Close()
		return nil
	}
	return nil
}

// Local: a lock of a local mutex is not rooted outside.
func Local() {
	var mu sync.Mutex
	mu.Lock()
	defer mu.Unlock()
}

// Closure: the site is in a function literal, named after its parent; f
// is used only by the deferred Close, so the mutant keeps it as _ = f.
func Closure(name string) func() error {
	return func() error {
		f, err := os.Create(name)
		if err != nil {
			return err
		}
		defer f.Close()
		return nil
	}
}

func open(name string) (*os.File, error) { return os.Open(name) }

// Wrapped: acquired through a wrapper (open), which acmlint infers to be
// an enter; the site records the wrapper.
func Wrapped(name string) error {
	f, err := open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return nil
}

// File embeds the file: its Close is the file's.
type File struct{ *os.File }

func openFile(name string) (*File, error) {
	f, err := os.Open(name)
	return &File{f}, err
}

// Embedded: the promoted Close is a release.
func Embedded(name string) error {
	f, err := openFile(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return nil
}

// Own has a Close of its own, which may do anything: not a candidate.
type Own struct{ *os.File }

func (o *Own) Close() error { return nil }

func openOwn(name string) (*Own, error) {
	f, err := os.Open(name)
	return &Own{f}, err
}

func OwnClose(name string) error {
	f, err := openOwn(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return nil
}

type Store struct{ mu sync.Mutex }

type Provider struct{ store *Store }

// Alias: a local pointer loaded from the receiver is rooted outside.
func (p *Provider) Alias() {
	ps := p.store
	ps.mu.Lock()
	defer ps.mu.Unlock()
}

// Fresh: a lock of a store the function allocated is local.
func Fresh() *Store {
	ps := &Store{}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return ps
}

// Unwatch: the returned closure unlocks the lock too, but it is not this
// function's release: deleting the defer makes Unwatch a lock helper.
func (s *S) Unwatch() func() {
	s.mu.Lock()
	defer s.mu.Unlock()
	return func() {
		s.mu.Lock()
		s.n--
		s.mu.Unlock()
	}
}
