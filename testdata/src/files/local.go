package files

import (
	"bufio"
	"errors"
	"io"
	"os"
	"strings"
)

// lineReader keeps a file and a scanner over it.
type lineReader struct {
	f  *os.File
	sc *bufio.Scanner
}

// ---- bad: stored in a value that stays local ----

// firstField keeps the file in a local struct and never closes it.
func firstField(path string) (string, error) {
	f, err := os.Open(path) // want `f is opened at line \d+ but not closed on the path that returns at line 27`
	if err != nil {
		return "", err
	}
	lr := &lineReader{f: f, sc: bufio.NewScanner(f)}
	if !lr.sc.Scan() {
		return "", io.EOF
	}
	fields := strings.Fields(lr.sc.Text())
	if len(fields) == 0 {
		return "", nil
	}
	return fields[0], nil
}

// ---- ok ----

// Closed through the local struct's field.
func countNonEmpty(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	lr := &lineReader{f: f, sc: bufio.NewScanner(f)}
	defer lr.f.Close()
	n := 0
	for lr.sc.Scan() {
		if strings.TrimSpace(lr.sc.Text()) != "" {
			n++
		}
	}
	return n, lr.sc.Err()
}

// Stdin or a file; the file is closed.
func readInput(path string) ([]byte, error) {
	var r io.Reader
	if path == "-" {
		r = os.Stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	return io.ReadAll(r)
}

// Closed through an io.Closer view.
func readViaCloser(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	var c io.Closer = f
	defer c.Close()
	return io.ReadAll(f)
}

// Close joined into the returned error.
func writeAndClose(path string, data []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}

// Closed by a deferred local cleanup func.
func withCleanup(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	cleanup := func() { f.Close() }
	defer cleanup()
	fi, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return int(fi.Size()), nil
}

// Closed through a deferred method value.
func withMethodValue(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	closeFn := f.Close
	defer closeFn()
	return io.ReadAll(f)
}

// The variable is reused for a second file after closing the first.
func concat(w io.Writer, a, b string) error {
	f, err := os.Open(a)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, f)
	f.Close()
	if err != nil {
		return err
	}
	f, err = os.Open(b)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}
