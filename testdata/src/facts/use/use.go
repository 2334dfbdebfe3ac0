// Package use checks callers of package wrap, whose wrappers and helpers
// it knows only through facts.
package use

import (
	"context"
	"errors"
	"io"
	"log"
	"os"
	"time"

	"facts/wrap"
)

var errEmpty = errors.New("empty key")

// ---- enter wrapper: OpenConfig ----

func readConfig(path string) ([]byte, error) {
	f, err := wrap.OpenConfig(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func readConfigLeak(path string) ([]byte, error) {
	f, err := wrap.OpenConfig(path) // want `f is opened by wrap\.OpenConfig at line 30 but not closed on the path that returns at line 36`
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	f.Close()
	return data, nil
}

func configNeverClosed(path string) error {
	f, err := wrap.OpenConfig(path) // want `f is opened by wrap\.OpenConfig at line 43 but not closed on the path that returns at line 48`
	if err != nil {
		return err
	}
	log.Printf("config %s", f.Name())
	return nil
}

// The exit helper closes it.
func readConfigQuietly(path string) ([]byte, error) {
	f, err := wrap.OpenConfig(path)
	if err != nil {
		return nil, err
	}
	defer wrap.CloseQuietly(f)
	return io.ReadAll(f)
}

// Count borrows the file: it must still be closed.
func countConfig(path string) (int, error) {
	f, err := wrap.OpenConfig(path) // want `f is opened by wrap\.OpenConfig at line 63 but not closed on the path that returns at line 67`
	if err != nil {
		return 0, err
	}
	return wrap.Count(f), nil
}

func countConfigClosed(path string) (int, error) {
	f, err := wrap.OpenConfig(path)
	if err != nil {
		return 0, err
	}
	n := wrap.Count(f)
	wrap.CloseQuietly(f)
	return n, nil
}

// A path that ends in a noreturn helper of the other package.
func configOrDie(path string) []byte {
	f, err := wrap.OpenConfig(path)
	if err != nil {
		wrap.Die("config: %v", err)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		wrap.Die("read config: %v", err)
	}
	f.Close()
	return data
}

// ---- enter wrapper returning a cancel func; exit helper Stop ----

func withTimeout(parent context.Context, do func(context.Context) error) error {
	ctx, cancel := wrap.Timeout(parent, time.Second)
	defer cancel()
	return do(ctx)
}

func withTimeoutStop(parent context.Context, do func(context.Context) error) error {
	ctx, cancel := wrap.Timeout(parent, time.Second)
	defer wrap.Stop(cancel)
	return do(ctx)
}

func withTimeoutLeak(parent context.Context, key string, do func(context.Context) error) error {
	ctx, cancel := wrap.Timeout(parent, time.Second) // want `cancel is created by wrap\.Timeout at line 109 but not called on the path that returns at line 111`
	if key == "" {
		return errEmpty
	}
	err := do(ctx)
	wrap.Stop(cancel)
	return err
}

func timeoutDiscarded(parent context.Context) context.Context {
	ctx, _ := wrap.Timeout(parent, time.Second) // want `the CancelFunc returned by wrap\.Timeout is discarded at line 119, so it is never called`
	return ctx
}

// ---- lock enter/exit wrappers of another package ----

func setOne(s *wrap.Store, k, v string) {
	s.LockAll()
	defer s.UnlockAll()
	s.SetLocked(k, v)
}

func setChecked(s *wrap.Store, k, v string) error {
	s.LockAll() // want `s\.mu is locked by \(\*wrap\.Store\)\.LockAll at line 132 but not unlocked on the path that returns at line 134`
	if k == "" {
		return errEmpty
	}
	s.SetLocked(k, v)
	s.UnlockAll()
	return nil
}

func setMustPanic(s *wrap.Store, k, v string) {
	s.LockAll() // want `s\.mu is locked by \(\*wrap\.Store\)\.LockAll at line 142 but not unlocked on the path that panics at line 144`
	if k == "" {
		panic(errEmpty)
	}
	s.SetLocked(k, v)
	s.UnlockAll()
}

type app struct {
	store *wrap.Store
}

func (a *app) set(k, v string) error {
	a.store.LockAll() // want `a\.store\.mu is locked by \(\*wrap\.Store\)\.LockAll at line 155 but not unlocked on the path that returns at line 157`
	if k == "" {
		return errEmpty
	}
	a.store.SetLocked(k, v)
	a.store.UnlockAll()
	return nil
}

// A fresh store locked here is this function's to unlock...
func freshEarly(k, v string) {
	s := wrap.NewStore()
	s.LockAll() // want `s\.mu is locked by \(\*wrap\.Store\)\.LockAll at line 167 but not unlocked on the path that returns at line 169`
	if k == "" {
		return
	}
	s.SetLocked(k, v)
	s.UnlockAll()
}

// ...unless it is returned still locked: then this is an enter wrapper.
func newLocked(k, v string) *wrap.Store { // want newLocked:`^returns r0\.mu\[sync\.Mutex\]$`
	s := wrap.NewStore()
	s.LockAll()
	s.SetLocked(k, v)
	return s
}

func useNewLocked() {
	s := newLocked("k", "v")
	defer s.UnlockAll()
	s.SetLocked("k2", "v2")
}

func useNewLockedLeak(k string) error {
	s := newLocked("k", "v") // want `s\.mu is locked by use\.newLocked at line 190 but not unlocked on the path that returns at line 192`
	if k == "" {
		return errEmpty
	}
	s.UnlockAll()
	return nil
}

// A wrapper of a wrapper.
func openConfigOrDefault(path string) (*os.File, error) { // want openConfigOrDefault:`^returns r0\[os\.File\] read-only$`
	if path == "" {
		path = "/etc/app.conf"
	}
	return wrap.OpenConfig(path)
}

func useOpenConfigOrDefault() (int, error) {
	f, err := openConfigOrDefault("") // want `f is opened by use\.openConfigOrDefault at line 207 but not closed on the path that returns at line 211`
	if err != nil {
		return 0, err
	}
	return wrap.Count(f), nil
}

// Never unlocked here: an enter wrapper in turn, its callers are checked.
func lockBoth(a, b *wrap.Store) { // want lockBoth:`^acquires p0\.mu\[sync\.Mutex\]; acquires p1\.mu\[sync\.Mutex\]$`
	a.LockAll()
	b.LockAll()
}
