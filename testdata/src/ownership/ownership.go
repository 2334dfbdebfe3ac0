// Package ownership tests the ownership check: a resource created in a
// function and handed to a goroutine (captured by a go func literal, or
// passed to go worker(x)) must be released on every path of that
// goroutine, unless the goroutine hands it on or the spawning function
// releases it too.
package ownership

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"sync"
)

// ---- bad ----

// The goroutine never closes the writer: the reader blocks forever.
func encodeStream(v any) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() { // want `pw is handed to the goroutine started at line 26, which does not close it on every path`
		_ = json.NewEncoder(pw).Encode(v)
	}()
	return pr
}

// The writer is closed only when encoding succeeds.
func encodeAll(items []any) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() { // want `pw is handed to the goroutine started at line 35, which does not close it on every path`
		enc := json.NewEncoder(pw)
		for _, it := range items {
			if err := enc.Encode(it); err != nil {
				log.Printf("encode: %v", err)
				return
			}
		}
		pw.Close()
	}()
	return pr
}

// tail reads the file to the end but never closes it.
func tail(f *os.File, out chan<- string) {
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		out <- sc.Text()
	}
	close(out)
}

func follow(path string) (<-chan string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	out := make(chan string)
	go tail(f, out) // want `f is handed to the goroutine started at line 63, which does not close it on every path`
	return out, nil
}

// handle closes the connection only after a successful exchange.
func handle(conn net.Conn) {
	buf := make([]byte, 1024)
	n, err := conn.Read(buf)
	if err != nil {
		return
	}
	if _, err := conn.Write(buf[:n]); err != nil {
		return
	}
	conn.Close()
}

func serveEcho(l net.Listener) error {
	for {
		conn, err := l.Accept()
		if err != nil {
			return err
		}
		go handle(conn) // want `conn is handed to the goroutine started at line 86, which does not close it on every path`
	}
}

// The body is copied but never closed.
func mirror(url string, dst io.Writer) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	go func() { // want `resp\.Body is handed to the goroutine started at line 96, which does not close it on every path`
		_, _ = io.Copy(dst, resp.Body)
	}()
	return nil
}

// ok: the watcher calls cancel on a stop request and otherwise returns
// once ctx is done, when there is nothing left to cancel.
func withStop(parent context.Context, stop <-chan struct{}) context.Context {
	ctx, cancel := context.WithCancel(parent)
	go func() {
		select {
		case <-stop:
			cancel()
		case <-ctx.Done():
		}
	}()
	return ctx
}

// ---- ok ----

// The goroutine closes the writer with the encoder's error.
func encodeStreamOK(v any) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() {
		pw.CloseWithError(json.NewEncoder(pw).Encode(v))
	}()
	return pr
}

// A deferred Close in the goroutine.
func encodeAllOK(items []any) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() {
		defer pw.Close()
		enc := json.NewEncoder(pw)
		for _, it := range items {
			if err := enc.Encode(it); err != nil {
				pw.CloseWithError(err)
				return
			}
		}
	}()
	return pr
}

// tailAndClose closes the file it was given.
func tailAndClose(f *os.File, out chan<- string) {
	defer f.Close()
	defer close(out)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		out <- sc.Text()
	}
}

func followOK(path string) (<-chan string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	out := make(chan string)
	go tailAndClose(f, out)
	return out, nil
}

// handleOK closes the connection on every path.
func handleOK(conn net.Conn) {
	defer conn.Close()
	buf := make([]byte, 1024)
	n, err := conn.Read(buf)
	if err != nil {
		return
	}
	_, _ = conn.Write(buf[:n])
}

func serveEchoOK(l net.Listener) error {
	for {
		conn, err := l.Accept()
		if err != nil {
			return err
		}
		go handleOK(conn)
	}
}

// The goroutine hands the connection on over a channel.
func acceptInto(l net.Listener, conns chan<- net.Conn) error {
	conn, err := l.Accept()
	if err != nil {
		return err
	}
	go func() {
		conns <- conn
	}()
	return nil
}

type Server struct {
	mu    sync.Mutex
	conns map[string]net.Conn
}

// The goroutine stores the connection in the server.
func (s *Server) register(l net.Listener) error {
	conn, err := l.Accept()
	if err != nil {
		return err
	}
	go func() {
		s.mu.Lock()
		s.conns[conn.RemoteAddr().String()] = conn
		s.mu.Unlock()
	}()
	return nil
}

// The spawning function closes both ends itself.
func roundTrip(v any) (map[string]any, error) {
	pr, pw := io.Pipe()
	defer func() {
		pr.Close()
		pw.Close()
	}()
	go func() {
		_ = json.NewEncoder(pw).Encode(v)
	}()
	var m map[string]any
	if err := json.NewDecoder(pr).Decode(&m); err != nil {
		return nil, err
	}
	return m, nil
}

// The cancel func is called on every path of the goroutine.
func withStopOK(parent context.Context, stop <-chan struct{}) context.Context {
	ctx, cancel := context.WithCancel(parent)
	go func() {
		defer cancel()
		select {
		case <-stop:
		case <-ctx.Done():
		}
	}()
	return ctx
}

// The body is closed by the goroutine.
func mirrorOK(url string, dst io.Writer) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	go func() {
		defer resp.Body.Close()
		_, _ = io.Copy(dst, resp.Body)
	}()
	return nil
}

var errClosed = errors.New("closed")

// The goroutine passes the writer to a function that closes it.
func produce(w *io.PipeWriter, lines []string) {
	bw := bufio.NewWriter(w)
	for _, l := range lines {
		if _, err := bw.WriteString(l + "\n"); err != nil {
			w.CloseWithError(err)
			return
		}
	}
	w.CloseWithError(bw.Flush())
}

func linesReader(lines []string) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() {
		if len(lines) == 0 {
			pw.CloseWithError(errClosed)
			return
		}
		produce(pw, lines)
	}()
	return pr
}

// ---- methods as goroutines ----

// serveConn drops the connection when the greeting fails.
func (s *Server) serveConn(conn net.Conn) {
	if _, err := conn.Write([]byte("hello\n")); err != nil {
		return
	}
	s.mu.Lock()
	s.conns[conn.RemoteAddr().String()] = conn
	s.mu.Unlock()
}

func (s *Server) Serve(l net.Listener) error {
	for {
		conn, err := l.Accept()
		if err != nil {
			return err
		}
		go s.serveConn(conn) // want `conn is handed to the goroutine started at line 302, which does not close it on every path`
	}
}

// serveConnOK closes the connection when the greeting fails and keeps it
// otherwise.
func (s *Server) serveConnOK(conn net.Conn) {
	if _, err := conn.Write([]byte("hello\n")); err != nil {
		conn.Close()
		return
	}
	s.mu.Lock()
	s.conns[conn.RemoteAddr().String()] = conn
	s.mu.Unlock()
}

func (s *Server) ServeOK(l net.Listener) error {
	for {
		conn, err := l.Accept()
		if err != nil {
			return err
		}
		go s.serveConnOK(conn)
	}
}

// The goroutine hands the connection on only after a successful
// greeting; on the error path it is dropped open.
func greetInto(l net.Listener, conns chan<- net.Conn) error {
	conn, err := l.Accept()
	if err != nil {
		return err
	}
	go func() { // want `conn is handed to the goroutine started at line 335, which does not close it on every path`
		if _, err := conn.Write([]byte("hello\n")); err != nil {
			return
		}
		conns <- conn
	}()
	return nil
}
