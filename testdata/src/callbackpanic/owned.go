package callbackpanic

import (
	"context"
	"net"
	"sync"
	"time"
)

// Func-typed fields the package only ever sets to its own code (a named
// function, a cancel func, nil) are not hooks for callers (prometheus's
// summary clock, grpc's stored cancel funcs); an exported one is.

type clocked struct {
	mu   sync.Mutex
	now  func() time.Time
	last time.Time
}

func newClocked() *clocked { return &clocked{now: time.Now} }

func (s *clocked) tick() time.Time {
	s.mu.Lock()
	s.last = s.now()
	s.mu.Unlock()
	return s.last
}

type canceller struct {
	mu     sync.Mutex
	cancel func()
}

func (c *canceller) start() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	c.mu.Lock()
	c.cancel = cancel
	c.mu.Unlock()
	return ctx
}

func (c *canceller) stop() {
	c.mu.Lock()
	if c.cancel != nil {
		c.cancel()
		c.cancel = nil
	}
	c.mu.Unlock()
}

type settable struct {
	mu   sync.Mutex
	Hook func()
}

func (h *settable) run() {
	h.mu.Lock()
	h.Hook() // want `h\.Hook runs at line 58 while h\.mu is locked and its release is not deferred: if h\.Hook panics and a caller recovers, h\.mu is never unlocked`
	h.mu.Unlock()
}

// An unexported function only ever started by go statements is a
// goroutine body: a panic there kills the process, nothing recovers it.
func acceptOne(ln net.Listener, hs func(net.Conn) error, done chan error) {
	c, err := ln.Accept()
	if err != nil {
		done <- err
		return
	}
	if err := hs(c); err != nil {
		c.Close()
		done <- err
		return
	}
	done <- nil
}

func startAccept(ln net.Listener, hs func(net.Conn) error) chan error {
	done := make(chan error, 1)
	go acceptOne(ln, hs, done)
	return done
}

// The same function also called directly: a caller may recover.
func acceptTwo(ln net.Listener, hs func(net.Conn) error, done chan error) {
	c, err := ln.Accept()
	if err != nil {
		done <- err
		return
	}
	if err := hs(c); err != nil { // want `hs runs at line 91 while c is opened and its release is not deferred: if hs panics and a caller recovers, c is never closed`
		c.Close()
		done <- err
		return
	}
	done <- nil
}

func startAcceptTwo(ln net.Listener, hs func(net.Conn) error) chan error {
	done := make(chan error, 2)
	go acceptTwo(ln, hs, done)
	acceptTwo(ln, hs, done)
	return done
}

// A clock copied from an options field that only the package sets (to
// time.Now, or in its tests to literals capturing no func):
// prometheus's summary.
type clockOpts struct{ now func() time.Time }

type clockUser struct {
	mu  sync.Mutex
	now func() time.Time
	at  time.Time
}

func newClockUser(opts clockOpts) *clockUser {
	if opts.now == nil {
		opts.now = time.Now
	}
	return &clockUser{now: opts.now}
}

func fixedClock() clockOpts {
	t := time.Unix(0, 0)
	return clockOpts{now: func() time.Time { return t }}
}

func (c *clockUser) tick() {
	c.mu.Lock()
	c.at = c.now()
	c.mu.Unlock()
}

// A literal that captures a caller's func makes the field a hook.
type relay struct {
	mu   sync.Mutex
	fire func()
}

func newRelay(cb func()) *relay {
	return &relay{fire: func() { cb() }}
}

func (r *relay) run() {
	r.mu.Lock()
	r.fire() // want `r\.fire runs at line 147 while r\.mu is locked and its release is not deferred: if r\.fire panics and a caller recovers, r\.mu is never unlocked`
	r.mu.Unlock()
}
