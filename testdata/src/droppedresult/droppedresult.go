// Package droppedresult tests the dropped-result check: an exit whose
// result carries the outcome (Tx.Commit, Close of a file opened for
// writing, bufio.Writer.Flush, a compress or archive writer's Close, a
// convention Exit) must not be discarded on a path that can still report
// success.
package droppedresult

import (
	"archive/zip"
	"bufio"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Session follows the Enter/Exit convention: Exit reports whether the
// session's work was persisted.
type Session struct {
	name  string
	dirty bool
}

func (s *Session) Enter(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.dirty = false
	return nil
}

func (s *Session) Exit() error {
	if s.dirty {
		return fmt.Errorf("session %s: unsaved changes", s.name)
	}
	return nil
}

func (s *Session) Put(key, value string) error {
	if key == "" {
		return errors.New("empty key")
	}
	s.dirty = true
	return nil
}

// ---- bad ----

// The deferred Close of a created file drops the error that reports a
// full disk.
func writeReport(path string, v any) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close() // want `the error of f\.Close is dropped by defer at line 62, but the path can still report success at line 63`
	return json.NewEncoder(f).Encode(v)
}

// Close as a statement after the writes; the error path may drop it.
func saveLines(path string, lines []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	for _, l := range lines {
		if _, err := fmt.Fprintln(f, l); err != nil {
			f.Close()
			return err
		}
	}
	f.Close() // want `the error of f\.Close is dropped at line 78, but the path can still report success at line 79`
	return nil
}

// OpenFile with a constant write flag.
func appendLog(path, msg string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer f.Close() // want `the error of f\.Close is dropped by defer at line 88, but the path can still report success at line 90`
	_, err = f.WriteString(msg + "\n")
	return err
}

// A temporary file renamed into place after an unchecked Close: the
// rename may publish a truncated file.
func writeAtomic(dir, name string, data []byte) error {
	f, err := os.CreateTemp(dir, name+".tmp*")
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	f.Close() // want `the error of f\.Close is dropped at line 105, but the path can still report success at line 106`
	return os.Rename(f.Name(), filepath.Join(dir, name))
}

// The commit's error is dropped: the caller is told the transfer
// happened.
func transfer(ctx context.Context, db *sql.DB, from, to string, amount int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance - $1 WHERE id = $2", amount, from); err != nil {
		return fmt.Errorf("debit %s: %w", from, err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance + $1 WHERE id = $2", amount, to); err != nil {
		return fmt.Errorf("credit %s: %w", to, err)
	}
	tx.Commit() // want `the error of tx\.Commit is dropped at line 123, but the path can still report success at line 124`
	return nil
}

// Flush's error is the only report of a failed write.
func writeCSV(w io.Writer, rows [][]string) error {
	bw := bufio.NewWriter(w)
	for _, r := range rows {
		if _, err := bw.WriteString(strings.Join(r, ",") + "\n"); err != nil {
			return err
		}
	}
	bw.Flush() // want `the error of bw\.Flush is dropped at line 135, but the path can still report success at line 136`
	return nil
}

// A function without an error result always reports success.
func dumpTable(w io.Writer, names []string) {
	bw := bufio.NewWriter(w)
	for i, n := range names {
		fmt.Fprintf(bw, "%3d %s\n", i, n)
	}
	bw.Flush() // want `the error of bw\.Flush is dropped at line 145, but the path can still report success at line 146`
}

// The gzip trailer is written by Close.
func compress(dst io.Writer, data []byte) error {
	zw := gzip.NewWriter(dst)
	defer zw.Close() // want `the error of zw\.Close is dropped by defer at line 151, but the path can still report success at line 153`
	_, err := zw.Write(data)
	return err
}

// The zip central directory is written by Close.
func zipFiles(dst io.Writer, files map[string][]byte) error {
	zw := zip.NewWriter(dst)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		if _, err := w.Write(data); err != nil {
			return err
		}
	}
	zw.Close() // want `the error of zw\.Close is dropped at line 168, but the path can still report success at line 169`
	return nil
}

// A convention Exit's error dropped by defer.
func store(ctx context.Context, s *Session, kv map[string]string) error {
	if err := s.Enter(ctx); err != nil {
		return err
	}
	defer s.Exit() // want `the error of s\.Exit is dropped by defer at line 177, but the path can still report success at line 183`
	for k, v := range kv {
		if err := s.Put(k, v); err != nil {
			return err
		}
	}
	return nil
}

// ---- ok ----

// Explicitly discarded: a deliberate choice.
func touch(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	_ = f.Close()
	return nil
}

// A read-only file's Close may be dropped.
func readHeader(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(line), nil
}

// OpenFile read-only.
func readOnlyOpenFile(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// Dropped on an error path that already returns a non-nil error.
func writeChecked(path string, data []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

// The deferred closure assigns Close's error to the named result.
func writeJSON(path string, v any) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	return json.NewEncoder(f).Encode(v)
}

// errors.Join keeps both errors.
func writeJoined(path string, data []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}

// The commit's error is returned; Rollback's may be dropped.
func rename(ctx context.Context, db *sql.DB, id, name string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE users SET name = $1 WHERE id = $2", name, id); err != nil {
		return err
	}
	return tx.Commit()
}

// Rollback on the error path, Commit checked.
func insertAll(db *sql.DB, names []string) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	for _, n := range names {
		if _, err := tx.Exec("INSERT INTO names(name) VALUES($1)", n); err != nil {
			tx.Rollback()
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Flush's error checked.
func writeLines(w io.Writer, lines []string) error {
	bw := bufio.NewWriter(w)
	for _, l := range lines {
		if _, err := bw.WriteString(l + "\n"); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("flush: %w", err)
	}
	return nil
}

// The gzip writer's Close returned.
func compressAll(dst io.Writer, src io.Reader) error {
	zw := gzip.NewWriter(dst)
	if _, err := io.Copy(zw, src); err != nil {
		zw.Close()
		return err
	}
	return zw.Close()
}

// The convention Exit's error joined into the named result.
func storeAll(ctx context.Context, s *Session, kv map[string]string) (err error) {
	if err := s.Enter(ctx); err != nil {
		return err
	}
	defer func() {
		err = errors.Join(err, s.Exit())
	}()
	for k, v := range kv {
		if err := s.Put(k, v); err != nil {
			return err
		}
	}
	return nil
}

// The convention Exit's error returned.
func storeOne(ctx context.Context, s *Session, k, v string) error {
	if err := s.Enter(ctx); err != nil {
		return err
	}
	if err := s.Put(k, v); err != nil {
		_ = s.Exit()
		return err
	}
	return s.Exit()
}

// Guard follows the convention with a suppression result: Exit reports
// whether it handled (suppressed) the block's error.
type Guard struct {
	retries int
}

func (g *Guard) Enter() bool { return g.retries < 3 }

func (g *Guard) Exit(err error) (suppressed bool) {
	if err != nil && g.retries < 3 {
		g.retries++
		return true
	}
	return false
}

// ---- bad (more) ----

// The suppression result is ignored: the caller cannot tell whether the
// error was handled.
func guarded(g *Guard, work func() error) error {
	if !g.Enter() {
		return errors.New("too many retries")
	}
	err := work() // want `work runs at line 366 while g is entered and its release is not deferred`
	g.Exit(err)   // want `the result of g\.Exit is dropped at line 367, but the path can still report success at line 368`
	return nil
}

// A deferred Commit: its error is lost, and it commits on error paths too.
func deferredCommit(db *sql.DB, id string) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Commit() // want `the error of tx\.Commit is dropped by defer at line 377, but the path can still report success at line 381`
	if _, err := tx.Exec("DELETE FROM sessions WHERE user_id = $1", id); err != nil {
		return err
	}
	return nil
}

// A deferred closure that calls Close as a statement drops the error
// just the same.
func writeConfigClosure(path string, cfg map[string]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		f.Close() // want `the error of f\.Close is dropped at line 392, but `
	}()
	return json.NewEncoder(f).Encode(cfg)
}

// Read-write OpenFile.
func bumpCounter(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	var n int
	fmt.Fscan(f, &n)
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return err
	}
	fmt.Fprintln(f, n+1)
	f.Close() // want `the error of f\.Close is dropped at line 410, but the path can still report success at line 411`
	return nil
}

// ---- ok (more) ----

// The flag is not a constant: not known to write.
func openWith(path string, flag int) ([]byte, error) {
	f, err := os.OpenFile(path, flag, 0o644)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// The suppression result decides what is returned.
func guardedChecked(g *Guard, work func() error) error {
	if !g.Enter() {
		return errors.New("too many retries")
	}
	err := work() // want `work runs at line 431 while g is entered and its release is not deferred`
	if g.Exit(err) {
		return nil
	}
	return err
}

// Dropped only before a panic: the function does not report success.
func mustWrite(path string, data []byte) {
	f, err := os.Create(path)
	if err != nil {
		panic(err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		panic(fmt.Sprintf("write %s: %v", path, err))
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
}

// The deferred Close is only a safety net for the error paths: on the
// success path the explicit Close's error is returned, and the deferred
// one runs on an already closed file.
func writeSafetyNet(path string, data []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Close()
}

// internal/fuzz: a deferred closure that closes only on the error path.
func tempForMapping(size int64) (f *os.File, err error) {
	f, err = os.CreateTemp("", "map-*")
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := f.Truncate(size); err != nil {
		return nil, err
	}
	return f, nil
}
