// Package exitbeforecheck tests the exit-before-check check: an exit
// called or deferred before the enter's error was checked runs on a
// resource that is not valid on the error path.
package exitbeforecheck

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"

	"golang.org/x/sync/semaphore"
)

type Config struct {
	Addr string
	Keys []string
}

// ---- bad ----

// The classic: defer before the error check; f is nil if Open failed.
func loadConfig(path string) (*Config, error) {
	f, err := os.Open(path)
	defer f.Close() // want `f\.Close is deferred at line 30 before the error from os\.Open \(line 29\) is checked; on the error path f is not valid`
	if err != nil {
		return nil, err
	}
	var cfg Config
	if err := json.NewDecoder(f).Decode(&cfg); err != nil {
		return nil, fmt.Errorf("decode %s: %w", path, err)
	}
	return &cfg, nil
}

// resp is nil when Get fails: resp.Body panics.
func fetch(url string) ([]byte, error) {
	resp, err := http.Get(url)
	defer resp.Body.Close() // want `resp\.Body\.Close is deferred at line 44 before the error from http\.Get \(line 43\) is checked; on the error path resp\.Body is not valid`
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

// The same with a client.
func fetchWith(ctx context.Context, c *http.Client, url string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	defer resp.Body.Close() // want `resp\.Body\.Close is deferred at line 58 before the error from \(\*http\.Client\)\.Do \(line 57\) is checked; on the error path resp\.Body is not valid`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// Called, not deferred: probing a port closes a nil listener when Listen
// fails.
func portFree(addr string) bool {
	l, err := net.Listen("tcp", addr)
	l.Close() // want `l\.Close is called at line 69 before the error from net\.Listen \(line 68\) is checked; on the error path l is not valid`
	return err == nil
}

// tx is nil when BeginTx fails.
func deleteUser(ctx context.Context, db *sql.DB, id string) error {
	tx, err := db.BeginTx(ctx, nil)
	defer tx.Rollback() // want `tx\.Rollback is deferred at line 76 before the error from \(\*sql\.DB\)\.BeginTx \(line 75\) is checked; on the error path tx is not valid`
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM users WHERE id = $1", id); err != nil {
		return err
	}
	return tx.Commit()
}

// A dialled connection closed before the check.
func ping(addr string) error {
	conn, err := net.Dial("tcp", addr)
	defer conn.Close() // want `conn\.Close is deferred at line 89 before the error from net\.Dial \(line 88\) is checked; on the error path conn is not valid`
	if err != nil {
		return fmt.Errorf("dial %s: %w", addr, err)
	}
	_, err = conn.Write([]byte("PING\r\n"))
	return err
}

// The check comes later, guarding only the read.
func firstLine(path string) (string, error) {
	f, err := os.Open(path)
	defer f.Close() // want `f\.Close is deferred at line 100 before the error from os\.Open \(line 99\) is checked; on the error path f is not valid`
	var line string
	if err == nil {
		line, err = bufio.NewReader(f).ReadString('\n')
	}
	return line, err
}

// A failed Acquire leaves nothing to release: Release panics.
func limited(ctx context.Context, sem *semaphore.Weighted, work func() error) error {
	err := sem.Acquire(ctx, 1)
	defer sem.Release(1) // want `sem\.Release is deferred at line 111 before the error from \(\*semaphore\.Weighted\)\.Acquire \(line 110\) is checked; on the error path sem is not valid`
	if err != nil {
		return err
	}
	return work()
}

// ---- ok ----

func loadConfigOK(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var cfg Config
	if err := json.NewDecoder(f).Decode(&cfg); err != nil {
		return nil, fmt.Errorf("decode %s: %w", path, err)
	}
	return &cfg, nil
}

func fetchOK(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// closeResponse checks for nil itself: deferring it before the check is
// fine.
func closeResponse(resp *http.Response) {
	if resp != nil && resp.Body != nil {
		resp.Body.Close()
	}
}

func fetchHelper(url string) ([]byte, error) {
	resp, err := http.Get(url)
	defer closeResponse(resp)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

// closeQuietly checks for nil too.
func closeQuietly(c io.Closer) {
	if c != nil {
		c.Close()
	}
}

func sizeOf(path string) (int64, error) {
	f, err := os.Open(path)
	defer closeQuietly(f)
	if err != nil {
		return 0, err
	}
	fi, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}

// The exit only on the success branch.
func portFreeOK(addr string) bool {
	l, err := net.Listen("tcp", addr)
	if err == nil {
		l.Close()
		return true
	}
	return false
}

// Deferred inside the success branch.
func readFirst(paths []string) ([]byte, error) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err == nil {
			defer f.Close()
			return io.ReadAll(f)
		}
	}
	return nil, os.ErrNotExist
}

// Released after the Acquire's error is checked.
func limitedOK(ctx context.Context, sem *semaphore.Weighted, work func() error) error {
	if err := sem.Acquire(ctx, 1); err != nil {
		return err
	}
	defer sem.Release(1)
	return work()
}

// The error is checked, then the transaction is rolled back on the way
// out.
func deleteUserOK(ctx context.Context, db *sql.DB, id string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM users WHERE id = $1", id); err != nil {
		return err
	}
	return tx.Commit()
}

// The resource itself is checked for nil before the exit.
func statIfPresent(path string) (os.FileInfo, error) {
	f, err := os.Open(path)
	if f != nil {
		defer f.Close()
	}
	if err != nil {
		return nil, err
	}
	return f.Stat()
}

// The exit in the else branch of the check.
func dialOnce(addr string, msg []byte) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	} else {
		defer conn.Close()
	}
	_, err = conn.Write(msg)
	return err
}

// An enter without an error result: nothing to check first.
func fetchTimeout(ctx context.Context, c *http.Client, url string) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, 5e9)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}
