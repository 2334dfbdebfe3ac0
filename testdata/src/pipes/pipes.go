// Package pipes tests io.Pipe: both ends must be closed (or handed off).
package pipes

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
)

// ---- ok ----

// The writer is handed to a goroutine that closes it; the reader is
// returned and the caller closes it.
func streamJSON(v any) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() {
		pw.CloseWithError(json.NewEncoder(pw).Encode(v))
	}()
	return pr
}

func produce(w *io.PipeWriter, lines []string) {
	defer w.Close()
	for _, l := range lines {
		if _, err := fmt.Fprintln(w, l); err != nil {
			return
		}
	}
}

// The writer is given to a goroutine function that closes it; the reader
// is closed here.
func countLines(lines []string) (int, error) {
	pr, pw := io.Pipe()
	defer pr.Close()
	go produce(pw, lines)
	n := 0
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		n++
	}
	return n, sc.Err()
}

// The caller closes the reader it got from streamJSON.
func decodeBack(v any) (map[string]any, error) {
	rc := streamJSON(v)
	defer rc.Close()
	var m map[string]any
	err := json.NewDecoder(rc).Decode(&m)
	return m, err
}

// Both ends closed on every branch.
func everyBranch(data []byte) error {
	pr, pw := io.Pipe()
	go func() {
		_, err := pw.Write(data)
		pw.CloseWithError(err)
	}()
	buf := make([]byte, len(data))
	if _, err := io.ReadFull(pr, buf); err != nil {
		pr.CloseWithError(err)
		return err
	}
	pr.Close()
	return nil
}

// Both ends returned.
func newPipe() (*io.PipeReader, *io.PipeWriter) { // want newPipe:`returns r0\[io\.PipeReader\]; returns r1\[io\.PipeWriter\]`
	r, w := io.Pipe()
	return r, w
}

type conn struct {
	in  *io.PipeReader
	out *io.PipeWriter
}

// Stored in the fields of a struct that is returned.
func newConn() *conn {
	r, w := io.Pipe()
	return &conn{in: r, out: w}
}

// Stored in the fields of a receiver.
func (c *conn) reset() {
	c.in, c.out = io.Pipe()
}

// Sent on a channel.
func sendReader(ch chan<- io.ReadCloser) *io.PipeWriter {
	pr, pw := io.Pipe()
	ch <- pr
	return pw
}

// Deferred closure closing both ends.
func deferredClosure(v any) (err error) {
	pr, pw := io.Pipe()
	defer func() {
		pr.Close()
		pw.Close()
	}()
	go func() { _ = json.NewEncoder(pw).Encode(v) }()
	_, err = io.Copy(io.Discard, io.LimitReader(pr, 10))
	return err
}

// A path that ends in log.Fatal.
func fatalOnError(v any) []byte {
	pr, pw := io.Pipe()
	go func() {
		pw.CloseWithError(json.NewEncoder(pw).Encode(v))
	}()
	data, err := io.ReadAll(pr)
	if err != nil {
		log.Fatalf("encode: %v", err)
	}
	pr.Close()
	return data
}

// ---- bad ----

// The reader end is discarded: nothing can close it.
func discardReader() *io.PipeWriter {
	_, pw := io.Pipe() // want `the result of io\.Pipe is discarded at line 133, so it is never closed`
	return pw
}

// The reader is never closed: it is only wrapped, and a wrapper does not
// close it.
func readerNeverClosed(lines []string) (int, error) {
	pr, pw := io.Pipe() // want `pr is created at line 140 but not closed on the path that returns at line 147`
	go produce(pw, lines)
	n := 0
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		n++
	}
	return n, sc.Err()
}

// The writer is never closed: the reader side would block forever.
func writerNeverClosed(dst io.Writer, data []byte) error {
	pr, pw := io.Pipe() // want `pw is created at line 152 but not closed on the path that returns at line 158`
	go func() {
		_, err := io.Copy(dst, pr)
		pr.CloseWithError(err)
	}()
	if _, err := pw.Write(data); err != nil {
		return err
	}
	return nil
}

// An early error return before the reader is closed.
func earlyError(produceFn func(io.Writer) error) ([]byte, error) {
	pr, pw := io.Pipe() // want `pr is created at line 165 but not closed on the path that returns at line 171`
	go func() {
		pw.CloseWithError(produceFn(pw))
	}()
	data, err := io.ReadAll(pr)
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	pr.Close()
	return data, nil
}

// A non-error early return.
func earlyReturn(data []byte) []byte {
	pr, pw := io.Pipe() // want `pr is created at line 179 but not closed on the path that returns at line 182`
	go func() { pw.CloseWithError(writeAll(pw, data)) }()
	if len(data) == 0 {
		return nil
	}
	out, _ := io.ReadAll(pr)
	pr.Close()
	return out
}

func writeAll(w io.Writer, data []byte) error {
	_, err := w.Write(data)
	return err
}

// An explicit panic with both ends open (the reader is returned only
// after it).
func mustWrite(data []byte) *io.PipeReader {
	pr, pw := io.Pipe() // want `pr is created at line 197 but not closed on the path that panics at line 199` `pw is created at line 197 but not closed on the path that panics at line 199`
	if len(data) == 0 {
		panic("no data")
	}
	go func() {
		defer pw.Close()
		_, _ = pw.Write(data)
	}()
	return pr
}

// One pipe per file; a skipped file leaves its reader open at the next
// iteration.
func pipeEach(names []string) error {
	for _, name := range names {
		pr, pw := io.Pipe() // want `pr is created at line 212 but not closed (before the next iteration of the loop at line 211|on the path that returns at line 229)`
		go func() {
			f, err := os.Open(name)
			if err != nil {
				pw.CloseWithError(err)
				return
			}
			defer f.Close()
			_, err = io.Copy(pw, f)
			pw.CloseWithError(err)
		}()
		if name == "" {
			continue
		}
		_, _ = io.Copy(os.Stdout, pr)
		pr.Close()
	}
	return nil
}

// A switch case that returns with the reader open.
func byFormat(format string, v any) ([]byte, error) {
	pr, pw := io.Pipe() // want `pr is created at line 234 but not closed on the path that returns at line 241`
	go func() {
		pw.CloseWithError(json.NewEncoder(pw).Encode(v))
	}()
	switch format {
	case "json":
	default:
		return nil, errors.New("unknown format " + format)
	}
	defer pr.Close()
	return io.ReadAll(pr)
}
