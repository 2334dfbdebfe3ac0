// Package deferinloop tests the defer-in-loop check: an enter inside a
// loop whose exit is deferred to the function's end holds one more
// resource per iteration until the function returns.
package deferinloop

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"
)

type Index struct {
	mu    sync.Mutex
	lines map[string]int
}

// ---- bad ----

// Every file stays open until all are counted.
func countLines(names []string) (int, error) {
	total := 0
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return 0, err
		}
		defer f.Close() // want `f is opened in a loop at line 32 but f\.Close is deferred to the end of the function: each iteration holds one more until it returns`
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			total++
		}
		if err := sc.Err(); err != nil {
			return 0, err
		}
	}
	return total, nil
}

// Every response body stays open: the connections are not reused.
func fetchAll(c *http.Client, urls []string) ([][]byte, error) {
	var out [][]byte
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close() // want `resp\.Body is obtained in a loop at line 52 but resp\.Body\.Close is deferred to the end of the function: each iteration holds one more until it returns`
		data, err := io.ReadAll(resp.Body)
		if err != nil {
			return nil, err
		}
		out = append(out, data)
	}
	return out, nil
}

// Every query's rows stay open, each holding a connection.
func countRows(ctx context.Context, db *sql.DB, tables []string) (map[string]int, error) {
	counts := make(map[string]int)
	for _, t := range tables {
		rows, err := db.QueryContext(ctx, "SELECT id FROM "+t)
		if err != nil {
			return nil, err
		}
		defer rows.Close() // want `rows is opened in a loop at line 70 but rows\.Close is deferred to the end of the function: each iteration holds one more until it returns`
		n := 0
		for rows.Next() {
			n++
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		counts[t] = n
	}
	return counts, nil
}

// Every attempt's timer stays until the function returns.
func dialRetry(ctx context.Context, addr string, attempts int) (net.Conn, error) {
	var d net.Dialer
	var lastErr error
	for i := 0; i < attempts; i++ {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel() // want `cancel is created in a loop at line 92 but cancel is deferred to the end of the function: each iteration holds one more until it returns`
		conn, err := d.DialContext(ctx, "tcp", addr)
		if err == nil {
			return conn, nil
		}
		lastErr = err
		time.Sleep(time.Duration(i+1) * 100 * time.Millisecond)
	}
	return nil, fmt.Errorf("dial %s: %w", addr, lastErr)
}

// The second iteration's Lock deadlocks on the first iteration's lock.
func (x *Index) AddAll(files map[string]int) {
	for name, n := range files {
		x.mu.Lock()
		defer x.mu.Unlock() // want `x\.mu is locked in a loop at line 107 but x\.mu\.Unlock is deferred to the end of the function: each iteration holds one more until it returns`
		x.lines[name] = n
	}
}

// A retry loop over connections.
func sendAll(addrs []string, msg []byte) error {
	for _, a := range addrs {
		conn, err := net.Dial("tcp", a)
		if err != nil {
			continue
		}
		defer conn.Close() // want `conn is opened in a loop at line 116 but conn\.Close is deferred to the end of the function: each iteration holds one more until it returns`
		if _, err := conn.Write(msg); err != nil {
			return err
		}
	}
	return nil
}

// ---- ok ----

// A function literal called per iteration: its defer runs each time.
func countLinesOK(names []string) (int, error) {
	total := 0
	for _, name := range names {
		n, err := func() (int, error) {
			f, err := os.Open(name)
			if err != nil {
				return 0, err
			}
			defer f.Close()
			n := 0
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				n++
			}
			return n, sc.Err()
		}()
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// The same without checking Open's error first.
func sizes(names []string) []int64 {
	var out []int64
	for _, n := range names {
		func() {
			f, _ := os.Open(n)
			defer f.Close()
			if fi, err := f.Stat(); err == nil {
				out = append(out, fi.Size())
			}
		}()
	}
	return out
}

// A helper per iteration.
func fetchOne(c *http.Client, u string) ([]byte, error) {
	resp, err := c.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func fetchAllOK(c *http.Client, urls []string) ([][]byte, error) {
	var out [][]byte
	for _, u := range urls {
		data, err := fetchOne(c, u)
		if err != nil {
			return nil, err
		}
		out = append(out, data)
	}
	return out, nil
}

// Closed explicitly in each iteration.
func firstLines(names []string) map[string]string {
	m := make(map[string]string)
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		line, _ := bufio.NewReader(f).ReadString('\n')
		f.Close()
		m[name] = line
	}
	return m
}

// The iteration that defers also returns: only one is ever held.
func readFirst(paths []string) ([]byte, error) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
		return io.ReadAll(f)
	}
	return nil, os.ErrNotExist
}

// A callback called per file: its defer runs for each file.
func totalSize(root string) (int64, error) {
	var total int64
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			return err
		}
		total += fi.Size()
		return nil
	})
	return total, err
}

// A goroutine per iteration, each deferring its own release.
func fetchParallel(c *http.Client, urls []string) []int {
	codes := make([]int, len(urls))
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := c.Get(u)
			if err != nil {
				return
			}
			defer resp.Body.Close()
			codes[i] = resp.StatusCode
		}()
	}
	wg.Wait()
	return codes
}

// Locked and unlocked per iteration.
func (x *Index) AddAllOK(files map[string]int) {
	for name, n := range files {
		x.mu.Lock()
		x.lines[name] = n
		x.mu.Unlock()
	}
}
