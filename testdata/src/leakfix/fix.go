// Package leakfix exercises the suggested fixes for leak and
// dropped-result: fix.go.golden is fix.go after every fix, and must
// itself have no finding (TestLeakFixed); nofix.go holds findings that
// get no fix because the edit would not compile or would change what the
// code does.
package leakfix

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"time"

	"go.opentelemetry.io/otel/trace"
)

// readAll closes f on the success path only; the fix defers the Close
// after the error check and drops the now-redundant explicit one.
func readAll(name string) ([]byte, error) {
	f, err := os.Open(name) // want `f is opened at line 24 but not closed on the path that returns at line 30`
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

type counter struct {
	mu sync.Mutex
	n  map[string]int
}

// inc forgets the lock on the early return.
func (c *counter) inc(k string) error {
	c.mu.Lock() // want `c\.mu is locked at line 43 but not unlocked on the path that returns at line 45`
	if c.n == nil {
		return fmt.Errorf("no map")
	}
	c.n[k]++
	c.mu.Unlock()
	return nil
}

// fetch defers the Close only after the status check.
func fetch(url string) ([]byte, error) {
	resp, err := http.Get(url) // want `resp\.Body is obtained at line 54 but not closed on the path that returns at line 59`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// withTimeout cancels only on the error path.
func withTimeout(ctx context.Context, do func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second) // want `cancel is created at line 67 but not called on the path that returns at line 72`
	if err := do(ctx); err != nil {
		cancel()
		return err
	}
	return nil
}

// traced ends the span only on success.
func traced(ctx context.Context, tr trace.Tracer, do func(context.Context) error) error {
	ctx, span := tr.Start(ctx, "traced") // want `span is started at line 77 but not ended on the path that returns at line 79`
	if err := do(ctx); err != nil {
		return err
	}
	span.End()
	return nil
}

// insert neither commits nor rolls back when Exec fails; the fix defers
// Rollback and keeps the Commit.
func insert(db *sql.DB, v string) error {
	tx, err := db.Begin() // want `tx is begun at line 88 but not committed or rolled back on the path that returns at line 93`
	if err != nil {
		return err
	}
	if _, err := tx.Exec("INSERT INTO t VALUES (?)", v); err != nil {
		return err
	}
	return tx.Commit()
}

// tryInc gives up when the lock is busy, and forgets it on the error.
func (c *counter) tryInc(k string) error {
	if !c.mu.TryLock() { // want `c\.mu is locked at line 100 but not unlocked on the path that returns at line 104`
		return nil
	}
	if c.n == nil {
		return fmt.Errorf("no map")
	}
	c.n[k]++
	c.mu.Unlock()
	return nil
}
