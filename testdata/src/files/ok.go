package files

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"sync"
)

// ---- ok: released ----

func loadConfig(path string) (*Config, error) {
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

// Closed on every branch.
func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		in.Close()
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		in.Close()
		out.Close()
		return err
	}
	in.Close()
	return out.Close()
}

// Closed in a deferred closure that keeps the Close error.
func writeJSON(path string, v any) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	return json.NewEncoder(f).Encode(v)
}

// Closed per iteration before continue.
func sizes(paths []string) map[string]int64 {
	m := make(map[string]int64)
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		fi, err := f.Stat()
		f.Close()
		if err != nil {
			continue
		}
		m[p] = fi.Size()
	}
	return m
}

// A function literal per iteration with a deferred close.
func hashAll(paths []string, h func(io.Reader) string) ([]string, error) {
	var sums []string
	for _, p := range paths {
		err := func() error {
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			sums = append(sums, h(f))
			return nil
		}()
		if err != nil {
			return nil, err
		}
	}
	return sums, nil
}

// Wrapping is not handing off: the wrapped file is still closed here.
func scanWords(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Split(bufio.ScanWords)
	var words []string
	for sc.Scan() {
		words = append(words, sc.Text())
	}
	return words, sc.Err()
}

func writeLines(path string, lines []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ---- ok: failed acquisition ----

func readOptional(path string) ([]byte, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func readOrDefault(path string, def []byte) ([]byte, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return def, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func readSwitch(path string) ([]byte, error) {
	f, err := os.Open(path)
	switch {
	case os.IsNotExist(err):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("open: %w", err)
	}
	defer f.Close()
	return io.ReadAll(f)
}

func readIfPresent(path string) []byte {
	var data []byte
	if f, err := os.Open(path); err == nil {
		defer f.Close()
		data, _ = io.ReadAll(f)
	}
	return data
}

// The open error kept in a named result that a deferred closure wraps.
func readNamed(path string) (data []byte, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("read %s: %w", path, err)
		}
	}()
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// Nil checks instead of the error.
func statSize(path string) int64 {
	f, _ := os.Open(path)
	if f == nil {
		return -1
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return -1
	}
	return fi.Size()
}

func readNilChecked(path string) ([]byte, error) {
	f, err := os.Open(path)
	if f != nil {
		defer f.Close()
	}
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}

func firstByte(path string) (byte, error) {
	f, err := os.Open(path)
	var b [1]byte
	if err == nil {
		_, err = f.Read(b[:])
	}
	if f != nil {
		f.Close()
	}
	return b[0], err
}

// ---- ok: never returns ----

func mustWrite(path string, data []byte) {
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := f.Write(data); err != nil {
		fmt.Fprintln(os.Stderr, "write:", err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		log.Fatalf("close %s: %v", path, err)
	}
}

// ---- ok: handed off ----

// openLog returns the file: it is an enter for its callers.
func openLog(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	return f, nil
}

func openReader(path string) (io.ReadCloser, error) {
	return os.Open(path)
}

func writeLog(path, line string) error {
	f, err := openLog(path)
	if err != nil {
		return err
	}
	defer f.Close() // want `the error of f\.Close is dropped by defer at line 270`
	_, err = io.WriteString(f, line+"\n")
	return err
}

// The bufio.Reader that wraps the file escapes: it carries the file.
func newLineReader(path string) (*bufio.Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return bufio.NewReader(f), nil
}

type Logger struct {
	mu    sync.Mutex
	out   *os.File
	files []*os.File
	byKey map[string]*os.File
}

// Stored in a field.
func (l *Logger) Reopen(path string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	l.mu.Lock()
	old := l.out
	l.out = f
	l.mu.Unlock()
	if old != nil {
		return old.Close()
	}
	return nil
}

// Stored in a slice and a map.
func (l *Logger) Track(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	l.files = append(l.files, f)
	return nil
}

func (l *Logger) TrackKey(key, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	l.byKey[key] = f
	return nil
}

var stdinCopy *os.File

// Stored in a global.
func keepStdin(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	stdinCopy = f
	return nil
}

// Sent on a channel.
func openAll(paths []string, out chan<- *os.File) error {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		out <- f
	}
	return nil
}

// Given to a goroutine that closes it.
func copyAsync(dst io.Writer, path string, done chan<- error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	go func() {
		defer f.Close()
		_, err := io.Copy(dst, f)
		done <- err
	}()
	return nil
}

// Passed to functions that close it.
func closeQuietly(c io.Closer) { _ = c.Close() }

func drainAndClose(f *os.File) error {
	_, err := io.Copy(io.Discard, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func readThenClose(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer closeQuietly(f)
	return io.ReadAll(f)
}

func drain(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return drainAndClose(f)
}

// Passed to a function that stores it.
func (l *Logger) adopt(f *os.File) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.files = append(l.files, f)
}

func (l *Logger) OpenAndAdopt(path string) error {
	f, err := os.Open(filepath.Clean(path))
	if err != nil {
		return err
	}
	l.adopt(f)
	return nil
}
