// Package semaphore exercises the golang.org/x/sync/semaphore protocol.
package semaphore

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"

	"golang.org/x/sync/semaphore"
)

var errBusy = errors.New("busy")

type Job struct {
	ID    string
	Size  int64
	Skip  bool
	Kind  string
	Input []byte
}

// Pool bounds the work in flight with a weighted semaphore.
type Pool struct {
	sem     *semaphore.Weighted
	maxSize int64
	results chan string
}

func (p *Pool) handle(j Job) (string, error) { return j.ID, nil }

// ---- bad ----

// Run returns the handler's error with the slot still held.
func (p *Pool) Run(ctx context.Context, j Job) (string, error) {
	if err := p.sem.Acquire(ctx, 1); err != nil { // want `p.sem is acquired at line \d+ but not released on the path that returns at line 42`
		return "", err
	}
	out, err := p.handle(j)
	if err != nil {
		return "", fmt.Errorf("job %s: %w", j.ID, err)
	}
	p.sem.Release(1)
	return out, nil
}

// RunSized rejects an oversized job after acquiring.
func (p *Pool) RunSized(ctx context.Context, j Job) error {
	if err := p.sem.Acquire(ctx, j.Size); err != nil { // want `p.sem is acquired at line \d+ but not released on the path that returns at line 54`
		return err
	}
	if j.Size > p.maxSize {
		return fmt.Errorf("job %s too large", j.ID)
	}
	_, err := p.handle(j)
	p.sem.Release(j.Size)
	return err
}

// MustRun panics while holding the slot.
func (p *Pool) MustRun(ctx context.Context, j Job) string {
	if err := p.sem.Acquire(ctx, 1); err != nil { // want `p.sem is acquired at line \d+ but not released on the path that panics at line 68`
		panic(err)
	}
	out, err := p.handle(j)
	if err != nil {
		panic(fmt.Sprintf("job %s: %v", j.ID, err))
	}
	p.sem.Release(1)
	return out
}

// RunAll skips a job with the slot still held.
func (p *Pool) RunAll(ctx context.Context, jobs []Job) error {
	for _, j := range jobs {
		if err := p.sem.Acquire(ctx, 1); err != nil { // want `p.sem is acquired at line \d+ but not released (before the next iteration of the loop at line 76|on the path that returns at line 89)`
			return err
		}
		if j.Skip {
			continue
		}
		go func(j Job) {
			defer p.sem.Release(1)
			out, _ := p.handle(j)
			p.results <- out
		}(j)
	}
	return nil
}

// Dispatch has a switch case that returns with the slot held.
func (p *Pool) Dispatch(ctx context.Context, j Job) error {
	if err := p.sem.Acquire(ctx, 1); err != nil { // want `p.sem is acquired at line \d+ but not released on the path that returns at line 101`
		return err
	}
	switch j.Kind {
	case "fast", "slow":
		p.handle(j)
	default:
		return fmt.Errorf("unknown job kind %q", j.Kind)
	}
	p.sem.Release(1)
	return nil
}

// TryRun returns early after TryAcquire succeeded.
func (p *Pool) TryRun(j Job) error {
	if p.sem.TryAcquire(1) { // want `p.sem is acquired at line \d+ but not released on the path that returns at line 111`
		if j.Skip {
			return nil
		}
		p.handle(j)
		p.sem.Release(1)
		return nil
	}
	return errBusy
}

// A semaphore created here, released on the normal path only. (One that
// is never released is not reported: semaphores are shared state, and
// acquiring every token to wait for the workers is the documented idiom.)
func limitedCopy(ctx context.Context, files []string) error {
	sem := semaphore.NewWeighted(4)
	if err := sem.Acquire(ctx, 1); err != nil { // want `sem is acquired at line \d+ but not released on the path that returns at line 130`
		return err
	}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			return err
		}
	}
	sem.Release(1)
	return nil
}

// ---- ok ----

func (p *Pool) Do(ctx context.Context, j Job) (string, error) {
	if err := p.sem.Acquire(ctx, 1); err != nil {
		return "", err
	}
	defer p.sem.Release(1)
	return p.handle(j)
}

// Released on every branch.
func (p *Pool) DoChecked(ctx context.Context, j Job) error {
	if err := p.sem.Acquire(ctx, j.Size); err != nil {
		return err
	}
	if j.Size > p.maxSize {
		p.sem.Release(j.Size)
		return fmt.Errorf("job %s too large", j.ID)
	}
	_, err := p.handle(j)
	p.sem.Release(j.Size)
	return err
}

// Each goroutine releases its slot.
func (p *Pool) Fanout(ctx context.Context, jobs []Job) error {
	for _, j := range jobs {
		if err := p.sem.Acquire(ctx, 1); err != nil {
			return err
		}
		go func(j Job) {
			defer p.sem.Release(1)
			out, _ := p.handle(j)
			p.results <- out
		}(j)
	}
	return nil
}

func (p *Pool) TryDo(j Job) (string, error) {
	if !p.sem.TryAcquire(1) {
		return "", errBusy
	}
	defer p.sem.Release(1)
	return p.handle(j)
}

func (p *Pool) TryDoOK(j Job) error {
	if ok := p.sem.TryAcquire(j.Size); !ok {
		return errBusy
	}
	_, err := p.handle(j)
	p.sem.Release(j.Size)
	return err
}

func (p *Pool) TryDoIf(j Job) {
	if p.sem.TryAcquire(1) {
		defer p.sem.Release(1)
		p.handle(j)
	}
}

// Acquire's error tested with errors.Is before the nil check.
func (p *Pool) DoTimeout(ctx context.Context, j Job) error {
	err := p.sem.Acquire(ctx, 1)
	if errors.Is(err, context.DeadlineExceeded) {
		return errBusy
	}
	if err != nil {
		return err
	}
	defer p.sem.Release(1)
	_, err = p.handle(j)
	return err
}

// Acquire's error tested in a tagless switch.
func (p *Pool) DoSwitch(ctx context.Context, j Job) error {
	err := p.sem.Acquire(ctx, 1)
	switch {
	case err != nil:
		return fmt.Errorf("acquire: %w", err)
	}
	defer p.sem.Release(1)
	_, err = p.handle(j)
	return err
}

// Acquire's error stored in a named result that a deferred closure reads.
func (p *Pool) DoNamed(ctx context.Context, j Job) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("job %s: %w", j.ID, err)
		}
	}()
	err = p.sem.Acquire(ctx, 1)
	if err != nil {
		return err
	}
	defer p.sem.Release(1)
	_, err = p.handle(j)
	return err
}

// Released only if acquired: if err == nil { defer ... }.
func (p *Pool) DoMaybe(ctx context.Context, j Job) {
	if err := p.sem.Acquire(ctx, 1); err == nil {
		defer p.sem.Release(1)
		p.handle(j)
	}
}

// Released by a helper.
func release(s *semaphore.Weighted, n int64) { s.Release(n) }

func (p *Pool) DoHelper(ctx context.Context, j Job) error {
	if err := p.sem.Acquire(ctx, 1); err != nil {
		return err
	}
	defer release(p.sem, 1)
	_, err := p.handle(j)
	return err
}

// Released in a deferred closure.
func (p *Pool) DoClosure(ctx context.Context, j Job) error {
	if err := p.sem.Acquire(ctx, 1); err != nil {
		return err
	}
	defer func() {
		p.sem.Release(1)
	}()
	_, err := p.handle(j)
	return err
}

// A semaphore passed in, acquired and released.
func withSlot(ctx context.Context, sem *semaphore.Weighted, f func()) error {
	if err := sem.Acquire(ctx, 1); err != nil {
		return err
	}
	f() // want `f runs at line 279 while sem is acquired and its release is not deferred`
	sem.Release(1)
	return nil
}

// The path keeping the slot ends in log.Fatal or os.Exit.
func (p *Pool) MustDo(ctx context.Context, j Job) string {
	if err := p.sem.Acquire(ctx, 1); err != nil {
		log.Fatal(err)
	}
	out, err := p.handle(j)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	p.sem.Release(1)
	return out
}

// acquireSlot is an enter wrapper: it acquires p.sem for its callers.
func (p *Pool) acquireSlot(ctx context.Context) error {
	return p.sem.Acquire(ctx, 1)
}

func (p *Pool) DoWrapped(ctx context.Context, j Job) error {
	if err := p.acquireSlot(ctx); err != nil {
		return err
	}
	defer p.sem.Release(1)
	_, err := p.handle(j)
	return err
}

// A local semaphore bounding goroutines; each worker releases its slot.
func processAll(ctx context.Context, items []string, work func(string)) error {
	sem := semaphore.NewWeighted(8)
	done := make(chan struct{}, len(items))
	for _, it := range items {
		if err := sem.Acquire(ctx, 1); err != nil {
			return err
		}
		go func(it string) {
			defer sem.Release(1)
			work(it)
			done <- struct{}{}
		}(it)
	}
	for range items {
		<-done
	}
	return nil
}
