// Package sqlres exercises the database/sql Rows, Stmt, Tx and Conn
// protocols.
package sqlres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"
	"os"
)

type User struct {
	ID   int64
	Name string
}

type Account struct {
	ID      int64
	Balance int64
}

var errInsufficient = errors.New("insufficient funds")

// ---- bad: rows ----

// userNames never closes rows.
func userNames(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users") // want `rows is opened at line \d+ but not closed on the path that returns at line 38`
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// usersByAge returns the scan error before closing.
func usersByAge(ctx context.Context, db *sql.DB, age int) ([]User, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, name FROM users WHERE age = ?", age) // want `rows is opened at line \d+ but not closed on the path that returns at line 55`
	if err != nil {
		return nil, err
	}
	var users []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Name); err != nil {
			return nil, fmt.Errorf("scan user: %w", err)
		}
		users = append(users, u)
	}
	rows.Close()
	return users, rows.Err()
}

// firstUser is fine: Next returning false has closed the rows (ok).
func firstUser(ctx context.Context, tx *sql.Tx) (*User, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id, name FROM users ORDER BY id LIMIT 1")
	if err != nil {
		return nil, err
	}
	if !rows.Next() {
		return nil, sql.ErrNoRows
	}
	var u User
	err = rows.Scan(&u.ID, &u.Name)
	rows.Close()
	return &u, err
}

// countPer skips ids with no rows using continue, rows still open.
func countPer(ctx context.Context, stmt *sql.Stmt, ids []int64) (map[int64]int, error) {
	counts := make(map[int64]int)
	for _, id := range ids {
		rows, err := stmt.QueryContext(ctx, id) // want `rows is opened at line \d+ but not closed (before the next iteration of the loop at line 81|on the path that returns at line 96)`
		if err != nil {
			return nil, err
		}
		if !rows.Next() {
			continue
		}
		n := 1
		for rows.Next() {
			n++
		}
		rows.Close()
		counts[id] = n
	}
	return counts, nil
}

// Query used for a statement without results: the rows are dropped.
func touchUser(db *sql.DB, id int64) error {
	_, err := db.Query("UPDATE users SET seen = now() WHERE id = ?", id) // want `the result of \(\*sql\.DB\)\.Query is discarded at line \d+, so it is never closed`
	return err
}

// ---- bad: stmt ----

// insertAll returns an exec error with the statement open.
func insertAll(ctx context.Context, db *sql.DB, names []string) error {
	stmt, err := db.PrepareContext(ctx, "INSERT INTO users(name) VALUES (?)") // want `stmt is prepared at line \d+ but not closed on the path that returns at line 115`
	if err != nil {
		return err
	}
	for _, n := range names {
		if _, err := stmt.ExecContext(ctx, n); err != nil {
			return fmt.Errorf("insert %q: %w", n, err)
		}
	}
	return stmt.Close()
}

// mustPrepare panics on an empty argument list with the statement open.
func mustExec(db *sql.DB, query string, args ...any) sql.Result {
	stmt, err := db.Prepare(query) // want `stmt is prepared at line \d+ but not closed on the path that panics at line 129`
	if err != nil {
		panic(err)
	}
	res, err := stmt.Exec(args...)
	if err != nil {
		panic(fmt.Sprintf("exec %q: %v", query, err))
	}
	stmt.Close()
	return res
}

// ---- bad: tx ----

// transfer returns an exec error without rolling back.
func transfer(ctx context.Context, db *sql.DB, from, to, amount int64) error {
	tx, err := db.BeginTx(ctx, nil) // want `tx is begun at line \d+ but not committed or rolled back on the path that returns at line 144`
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance - ? WHERE id = ?", amount, from); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance + ? WHERE id = ?", amount, to); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// withdraw returns a validation error without rolling back.
func withdraw(db *sql.DB, id, amount int64) error {
	tx, err := db.Begin() // want `tx is begun at line \d+ but not committed or rolled back on the path that returns at line 165`
	if err != nil {
		return err
	}
	var bal int64
	if err := tx.QueryRow("SELECT balance FROM accounts WHERE id = ?", id).Scan(&bal); err != nil {
		tx.Rollback()
		return err
	}
	if bal < amount {
		return errInsufficient
	}
	if _, err := tx.Exec("UPDATE accounts SET balance = ? WHERE id = ?", bal-amount, id); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// mustMigrate panics with the transaction open.
func mustMigrate(db *sql.DB, stmts []string) {
	tx, err := db.Begin() // want `tx is begun at line \d+ but not committed or rolled back on the path that panics at line 182`
	if err != nil {
		panic(err)
	}
	for _, s := range stmts {
		if _, err := tx.Exec(s); err != nil {
			panic(fmt.Sprintf("migrate: %q: %v", s, err))
		}
	}
	if err := tx.Commit(); err != nil {
		panic(err)
	}
}

// applyOp has a switch case that returns with the transaction open.
func applyOp(ctx context.Context, db *sql.DB, op string, id int64) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable}) // want `tx is begun at line \d+ but not committed or rolled back on the path that returns at line 202`
	if err != nil {
		return err
	}
	switch op {
	case "archive":
		_, err = tx.ExecContext(ctx, "UPDATE users SET archived = true WHERE id = ?", id)
	case "delete":
		_, err = tx.ExecContext(ctx, "DELETE FROM users WHERE id = ?", id)
	default:
		return fmt.Errorf("unknown op %q", op)
	}
	if err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// ---- bad: conn ----

// setAndQuery returns an exec error with the conn checked out.
func setAndQuery(ctx context.Context, db *sql.DB, schema string) (int, error) {
	conn, err := db.Conn(ctx) // want `conn is opened at line \d+ but not closed on the path that returns at line 220`
	if err != nil {
		return 0, err
	}
	if _, err := conn.ExecContext(ctx, "SET search_path TO "+schema); err != nil {
		return 0, err
	}
	var n int
	err = conn.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n)
	conn.Close()
	return n, err
}

// A caller of the enter wrapper queryUsers that forgets to close.
func hasUsers(ctx context.Context, db *sql.DB) (bool, error) {
	rows, err := queryUsers(ctx, db) // want `rows is opened by sqlres\.queryUsers at line \d+ but not closed on the path that returns at line 234`
	if err != nil {
		return false, err
	}
	return rows.Next(), nil
}

// ---- bad: early returns before any method call on the resource ----

var errNoSchema = errors.New("no schema")

func pageUsers(ctx context.Context, db *sql.DB, limit int) (*sql.Rows, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, name FROM users LIMIT ?", limit) // want `rows is opened at line \d+ but not closed on the path that returns at line 247`
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		return nil, fmt.Errorf("bad limit %d", limit)
	}
	return rows, nil
}

func prepareInsert(ctx context.Context, tx *sql.Tx, table string) (*sql.Stmt, error) {
	// ok: a statement prepared on a Tx is closed by its Commit or Rollback.
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO "+table+"(name) VALUES (?)")
	if err != nil {
		return nil, err
	}
	if table == "" {
		return nil, errNoSchema
	}
	return stmt, nil
}

func beginChecked(ctx context.Context, db *sql.DB, readOnly bool) (*sql.Tx, error) {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: readOnly}) // want `tx is begun at line \d+ but not committed or rolled back on the path that returns at line 270`
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return tx, nil
}

func schemaConn(ctx context.Context, db *sql.DB, schema string) (*sql.Conn, error) {
	conn, err := db.Conn(ctx) // want `conn is opened at line \d+ but not closed on the path that returns at line 281`
	if err != nil {
		return nil, err
	}
	if schema == "" {
		return nil, errNoSchema
	}
	return conn, nil
}

// ---- ok: rows ----

func allUsers(ctx context.Context, db *sql.DB) ([]User, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, name FROM users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var users []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Name); err != nil {
			return nil, err
		}
		users = append(users, u)
	}
	return users, rows.Err()
}

// Closed on every branch.
func maxID(db *sql.DB) (int64, error) {
	rows, err := db.Query("SELECT id FROM users ORDER BY id DESC LIMIT 1")
	if err != nil {
		return 0, err
	}
	if !rows.Next() {
		rows.Close()
		return 0, sql.ErrNoRows
	}
	var id int64
	err = rows.Scan(&id)
	rows.Close()
	return id, err
}

// queryUsers returns rows: an enter for its callers.
func queryUsers(ctx context.Context, db *sql.DB) (*sql.Rows, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, name FROM users")
	if err != nil {
		return nil, fmt.Errorf("query users: %w", err)
	}
	return rows, nil
}

// scanUsers closes the rows it is given on every path: an exit.
func scanUsers(rows *sql.Rows) ([]User, error) {
	defer rows.Close()
	var users []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Name); err != nil {
			return nil, err
		}
		users = append(users, u)
	}
	return users, rows.Err()
}

func listUsers(ctx context.Context, db *sql.DB) ([]User, error) {
	rows, err := queryUsers(ctx, db)
	if err != nil {
		return nil, err
	}
	return scanUsers(rows)
}

// Rows closed per iteration before continue.
func countEach(ctx context.Context, stmt *sql.Stmt, ids []int64) (map[int64]int, error) {
	counts := make(map[int64]int)
	for _, id := range ids {
		rows, err := stmt.QueryContext(ctx, id)
		if err != nil {
			return nil, err
		}
		n := 0
		for rows.Next() {
			n++
		}
		rows.Close()
		if n == 0 {
			continue
		}
		counts[id] = n
	}
	return counts, nil
}

// Query error inspected with errors.Is first.
func usersOrNone(ctx context.Context, db *sql.DB) ([]User, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, name FROM users")
	if errors.Is(err, context.Canceled) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return scanUsers(rows)
}

// Rows sent on a channel for a consumer to close.
func streamUsers(ctx context.Context, db *sql.DB, out chan<- *sql.Rows) error {
	rows, err := db.QueryContext(ctx, "SELECT id, name FROM users")
	if err != nil {
		return err
	}
	out <- rows
	return nil
}

// ---- ok: stmt ----

type Store struct {
	db         *sql.DB
	insertUser *sql.Stmt
	stmts      map[string]*sql.Stmt
}

// Prepared statements kept in a field and a map.
func (s *Store) Prepare(ctx context.Context) error {
	stmt, err := s.db.PrepareContext(ctx, "INSERT INTO users(name) VALUES (?)")
	if err != nil {
		return err
	}
	s.insertUser = stmt
	return nil
}

func (s *Store) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := s.stmts[query]; ok {
		return st, nil
	}
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	s.stmts[query] = st
	return st, nil
}

func insertNames(ctx context.Context, tx *sql.Tx, names []string) error {
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO users(name) VALUES (?)")
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, n := range names {
		if _, err := stmt.ExecContext(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

// ---- ok: tx ----

func transferSafe(ctx context.Context, db *sql.DB, from, to, amount int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance - ? WHERE id = ?", amount, from); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance + ? WHERE id = ?", amount, to); err != nil {
		return err
	}
	return tx.Commit()
}

// Rolled back or committed on every branch.
func rename(db *sql.DB, id int64, name string) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if _, err := tx.Exec("UPDATE users SET name = ? WHERE id = ?", name, id); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Rolled back in a deferred closure when the named error is set.
func deposit(ctx context.Context, db *sql.DB, id, amount int64) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if _, err = tx.ExecContext(ctx, "UPDATE accounts SET balance = balance + ? WHERE id = ?", amount, id); err != nil {
		return err
	}
	return tx.Commit()
}

// The Begin error kept in a named result read by a deferred closure.
func archiveAll(ctx context.Context, db *sql.DB) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("archive: %w", err)
		}
	}()
	tx, err := db.BeginTx(ctx, nil)
	switch {
	case err != nil:
		return err
	}
	defer tx.Rollback()
	if _, err = tx.ExecContext(ctx, "UPDATE users SET archived = true"); err != nil {
		return err
	}
	return tx.Commit()
}

// withTx hands the transaction to a callback and ends it on every path.
func withTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil { // want `fn runs at line 511 while tx is begun and its release is not deferred`
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Not reported: a dynamic callee that takes a *sql.Tx is assumed to take
// ownership of it (the engine resolves unknown callees towards silence),
// so the missing Rollback on fn's error is not seen.
func withTxNoRollback(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil { // want `fn runs at line 526 while tx is begun and its release is not deferred`
		return err
	}
	return tx.Commit()
}

// beginTx returns the transaction: an enter for its callers.
func beginTx(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	return tx, nil
}

func readBalance(ctx context.Context, db *sql.DB, id int64) (int64, error) {
	tx, err := beginTx(ctx, db)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var bal int64
	err = tx.QueryRowContext(ctx, "SELECT balance FROM accounts WHERE id = ?", id).Scan(&bal)
	return bal, err
}

// The path keeping the transaction ends in log.Fatal or os.Exit.
func mustSeed(db *sql.DB) {
	tx, err := db.Begin()
	if err != nil {
		log.Fatal(err)
	}
	if _, err := tx.Exec("INSERT INTO users(name) VALUES ('root')"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := tx.Commit(); err != nil {
		log.Fatal(err)
	}
}

// ---- ok: conn ----

func withSchema(ctx context.Context, db *sql.DB, schema string) (int, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET search_path TO "+schema); err != nil {
		return 0, err
	}
	var n int
	err = conn.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n)
	return n, err
}

// A transaction and rows from a checked-out conn, all released.
func lockedCount(ctx context.Context, db *sql.DB) (int, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "SELECT id FROM users FOR UPDATE")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	return n, tx.Commit()
}

// firstName reads one row and returns while more may follow: Next
// returned true, so the rows are still open.
func firstName(ctx context.Context, db *sql.DB) (string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users") // want `rows is opened at line \d+ but not closed on the path that returns at line 622`
	if err != nil {
		return "", err
	}
	if !rows.Next() {
		return "", rows.Err()
	}
	var name string
	err = rows.Scan(&name)
	return name, err
}

// drainRows reads every row without Close: Next returning false closed
// them (database/sql closes Rows automatically at the end).
func drainRows(ctx context.Context, db *sql.DB) (n int, err error) {
	rows, err := db.QueryContext(ctx, "SELECT 1")
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}
