package semaphore

import (
	"context"
	"log"

	"golang.org/x/sync/semaphore"
)

// The Acquire is expected to fail (it is compared with a sentinel, not
// nil); the Release belongs to the TryAcquire that succeeded after it
// (x/sync's own tests).
func cancelled(ctx context.Context, sem *semaphore.Weighted) {
	if err := sem.Acquire(ctx, 2); err != context.Canceled {
		log.Printf("got %v", err)
	}
	if !sem.TryAcquire(2) {
		return
	}
	sem.Release(2)
}

// Without the TryAcquire the Release is blamed on the unchecked Acquire.
func releasedFirst(ctx context.Context, sem *semaphore.Weighted) error {
	err := sem.Acquire(ctx, 2)
	sem.Release(2) // want `sem\.Release is called at line 26 before the error from \(\*semaphore\.Weighted\)\.Acquire \(line 25\) is checked; on the error path sem is not valid`
	return err
}
