package sqlres

import (
	"context"
	"database/sql"
	"time"
)

// database/sql rolls back a Tx whose BeginTx context is cancelled, and
// closes Rows whose QueryContext context is: cancelling a context this
// function made ends the resource.

// ---- bad ----

// txCancelOnOneBranch returns early without Rollback, and the context's
// cancel is not called on that path either.
func txCancelOnOneBranch(db *sql.DB, fail bool) error {
	ctx, cancel := context.WithCancel(context.Background()) // want `cancel is created at line \d+ but not called on the path that returns at line 25`
	tx, err := db.BeginTx(ctx, nil)                         // want `tx is begun at line \d+ but not committed or rolled back on the path that returns at line 25`
	if err != nil {
		cancel()
		return err
	}
	if _, err := tx.Exec("DELETE FROM t"); err != nil || fail {
		return err
	}
	cancel()
	return nil
}

// txParentCtx is begun with a context it did not make: nothing here ends
// it on the early return.
func txParentCtx(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil) // want `tx is begun at line \d+ but not committed or rolled back on the path that returns at line 39`
	if err != nil {
		return err
	}
	if _, err := tx.Exec("DELETE FROM t"); err != nil {
		return err
	}
	return tx.Commit()
}

// rowsOtherCtx cancels a different context than the query's.
func rowsOtherCtx(ctx context.Context, db *sql.DB) (int, error) {
	_, cancel := context.WithCancel(ctx)
	defer cancel()
	rows, err := db.QueryContext(ctx, "SELECT 1") // want `rows is opened at line \d+ but not closed on the path that returns at line 56`
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
		if n > 10 {
			return n, nil
		}
	}
	return n, rows.Err()
}

// txCommitDropped: the deferred cancel ends the tx on the early return,
// but the error of the Commit is still dropped.
func txCommitDropped(db *sql.DB) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.Exec("DELETE FROM t"); err != nil {
		return err
	}
	tx.Commit() // want `the error of tx\.Commit is dropped at line \d+, but the path can still report success at line \d+`
	return nil
}

// ---- ok ----

// txEndedByTimer hands the cancel func to a timer: the tx is rolled back
// when it fires (lib/pq's TestContextCancelBegin).
func txEndedByTimer(db *sql.DB) error {
	ctx, cancel := context.WithCancel(context.Background())
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		cancel()
		return err
	}
	defer time.AfterFunc(10*time.Millisecond, cancel).Stop()
	_, err = tx.Exec("SELECT pg_sleep(1)")
	return err
}

// txDeferCancel: the deferred cancel rolls back the tx on the early
// return; Commit ends it on the other.
func txDeferCancel(db *sql.DB) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.Exec("DELETE FROM t"); err != nil {
		return err
	}
	return tx.Commit()
}

// rowsCancelBreak breaks out of the scan loop after cancelling the
// query's context (database/sql's own tests).
func rowsCancelBreak(db *sql.DB) int {
	ctx, cancel := context.WithCancel(context.Background())
	rows, err := db.QueryContext(ctx, "SELECT 1")
	if err != nil {
		cancel()
		return 0
	}
	n := 0
	for rows.Next() {
		n++
		if n == 2 {
			cancel()
			break
		}
	}
	cancel()
	return n
}
