// Package files exercises the os file protocol (Open, Create, OpenFile,
// CreateTemp).
package files

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

type Config struct {
	Name  string
	Debug bool
}

const maxConfigSize = 1 << 20

// ---- bad ----

// readAll never closes the file.
func readAll(path string) ([]byte, error) {
	f, err := os.Open(path) // want `f is opened at line \d+ but not closed on the path that returns at line 30`
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}

// readConfig returns the decode error before closing.
func readConfig(path string) (*Config, error) {
	f, err := os.Open(path) // want `f is opened at line \d+ but not closed on the path that returns at line 41`
	if err != nil {
		return nil, err
	}
	var cfg Config
	if err := json.NewDecoder(f).Decode(&cfg); err != nil {
		return nil, fmt.Errorf("decode %s: %w", path, err)
	}
	f.Close()
	return &cfg, nil
}

// checkedRead returns on a validation failure before closing.
func checkedRead(path string) ([]byte, error) {
	f, err := os.Open(path) // want `f is opened at line \d+ but not closed on the path that returns at line 59`
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if fi.Size() > maxConfigSize {
		return nil, fmt.Errorf("%s: too large (%d bytes)", path, fi.Size())
	}
	data, err := io.ReadAll(f)
	f.Close()
	return data, err
}

// mustReadHeader panics with the file open.
func mustReadHeader(path string) string {
	f, err := os.Open(path) // want `f is opened at line \d+ but not closed on the path that panics at line 75`
	if err != nil {
		panic(err)
	}
	br := bufio.NewReader(f)
	line, err := br.ReadString('\n')
	if err != nil {
		panic(fmt.Sprintf("%s: no header: %v", path, err))
	}
	f.Close()
	return strings.TrimSpace(line)
}

// countLines skips empty files with continue before closing.
func countLines(paths []string) (int, error) {
	n := 0
	for _, p := range paths {
		f, err := os.Open(p) // want `f is opened at line \d+ but not closed (before the next iteration of the loop at line 84|on the path that returns at line 99)`
		if err != nil {
			return 0, err
		}
		fi, err := f.Stat()
		if err == nil && fi.Size() == 0 {
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			n++
		}
		f.Close()
	}
	return n, nil
}

// tailAll keeps scanning files forever; the continue leaks f.
func tailAll(paths <-chan string, out chan<- string) {
	for {
		p, ok := <-paths
		if !ok {
			return
		}
		f, err := os.Open(p) // want `f is opened at line \d+ but not closed (before the next iteration of the loop at line 104|on the path that returns at line 107)`
		if err != nil {
			continue
		}
		if strings.HasSuffix(p, ".gz") {
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			out <- sc.Text()
		}
		f.Close()
	}
}

// writeAs returns from a switch case with the file open.
func writeAs(path, format string, v any) error {
	f, err := os.Create(path) // want `f is opened at line \d+ but not closed on the path that returns at line 136`
	if err != nil {
		return err
	}
	switch format {
	case "json":
		err = json.NewEncoder(f).Encode(v)
	case "text":
		_, err = fmt.Fprintf(f, "%v\n", v)
	default:
		return fmt.Errorf("unknown format %q", format)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// appendLog opens for appending and never closes.
func appendLog(path, line string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644) // want `f is opened at line \d+ but not closed on the path that returns at line 151`
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(f, line)
	return err
}

// writeAtomic leaks the temp file when Write fails.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*") // want `tmp is opened at line \d+ but not closed on the path that returns at line 161`
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// touch drops the file os.Create returns.
func touch(path string) error {
	_, err := os.Create(path) // want `the result of os.Create is discarded at line \d+, so it is never closed`
	return err
}

// firstLine wraps the file in a bufio.Reader and never closes it.
func firstLine(path string) (string, error) {
	f, err := os.Open(path) // want `f is opened at line \d+ but not closed on the path that returns at line 182`
	if err != nil {
		return "", err
	}
	br := bufio.NewReader(f)
	return br.ReadString('\n')
}

// openLog is an enter wrapper; this caller forgets to close.
func logLine(path, line string) error {
	f, err := openLog(path) // want `f is opened by files\.openLog at line \d+ but not closed on the path that returns at line 192`
	if err != nil {
		return err
	}
	if line == "" {
		return nil
	}
	_, err = io.WriteString(f, line+"\n")
	f.Close() // want `the error of f\.Close is dropped at line 195, but the path can still report success at line 196`
	return err
}
