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
