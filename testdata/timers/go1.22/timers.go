// Package timers tests time.NewTicker and time.NewTimer in a module whose
// go version (1.22) predates the collection of unstopped timers: they
// must be stopped.
package timers

import (
	"context"
	"errors"
	"log"
	"time"
)

// ---- ok ----

func pollDeferred(ctx context.Context, every time.Duration, f func() error) error {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			if err := f(); err != nil {
				return err
			}
		}
	}
}

func waitTimer(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	select {
	case <-ctx.Done():
		if !timer.Stop() {
			<-timer.C
		}
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

func stopEveryBranch(d time.Duration, ready <-chan struct{}) bool {
	timer := time.NewTimer(d)
	select {
	case <-ready:
		timer.Stop()
		return true
	case <-timer.C:
		return false
	}
}

// Returned and stored.
func newTicker(every time.Duration) *time.Ticker { // want newTicker:`returns r0\[time\.Ticker\]`
	log.Printf("tick every %v", every)
	return time.NewTicker(every)
}

type heartbeat struct {
	ticker *time.Ticker
	timer  *time.Timer
}

func (h *heartbeat) start(every time.Duration) {
	h.ticker = time.NewTicker(every)
	h.timer = time.NewTimer(10 * every)
}

// Handed to a goroutine that stops it.
func tickAsync(every time.Duration, f func()) {
	t := time.NewTicker(every)
	go func() {
		defer t.Stop()
		for range t.C {
			f()
		}
	}()
}

// ---- bad ----

func poll(ctx context.Context, every time.Duration, f func()) {
	t := time.NewTicker(every) // want `t is created at line 84 but not stopped on the path that returns at line 88`
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			f()
		}
	}
}

func pollEarly(ctx context.Context, every time.Duration, f func() error) error {
	t := time.NewTicker(every) // want `t is created at line 96 but not stopped on the path that returns at line 98`
	if every <= 0 {
		return errors.New("bad interval")
	}
	defer t.Stop()
	for range t.C {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}

func timeoutOrDone(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d) // want `timer is created at line 110 but not stopped on the path that returns at line 113`
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return errors.New("timed out")
	}
}

func retryLoop(d time.Duration, try func() bool) {
	for {
		timer := time.NewTimer(d) // want `timer is created at line 121 but not stopped before the next iteration of the loop at line 120`
		if try() {
			timer.Stop()
			return
		}
	}
}

// An empty case receiving from timer.C leads straight back to the loop
// head: the timer fired, nothing to stop (grpc's backoff loops).
func retryForever(quit chan struct{}, try func() bool) {
	for {
		if try() {
			return
		}
		timer := time.NewTimer(time.Millisecond)
		select {
		case <-timer.C:
		case <-quit:
			timer.Stop()
			return
		}
	}
}

func retryForeverLeak(quit chan struct{}, try func() bool) {
	for {
		if try() {
			return
		}
		timer := time.NewTimer(time.Millisecond) // want `timer is created at line 151 but not stopped on the path that returns at line 155`
		select {
		case <-timer.C:
		case <-quit:
			return
		}
	}
}
