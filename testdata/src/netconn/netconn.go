// Package netconn exercises the net.Conn and net.Listener protocols.
package netconn

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"strings"
	"sync"
	"time"
)

// ---- bad ----

// ping never closes the connection.
func ping(addr string) (time.Duration, error) {
	start := time.Now()
	c, err := net.Dial("tcp", addr) // want `c is opened at line \d+ but not closed on the path that returns at line 29`
	if err != nil {
		return 0, err
	}
	if _, err := c.Write([]byte("PING\r\n")); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// send returns the write error before closing.
func send(ctx context.Context, addr string, msg []byte) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr) // want `conn is opened at line \d+ but not closed on the path that returns at line 42`
	if err != nil {
		return err
	}
	if _, err := conn.Write(msg); err != nil {
		return fmt.Errorf("send to %s: %w", addr, err)
	}
	return conn.Close()
}

// fetchLine rejects an empty greeting before closing.
func fetchLine(addr string) (string, error) {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second) // want `conn is opened at line \d+ but not closed on the path that returns at line 59`
	if err != nil {
		return "", err
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		conn.Close()
		return "", err
	}
	if strings.TrimSpace(line) == "" {
		return "", errors.New("empty greeting")
	}
	conn.Close()
	return line, nil
}

// mustHandshake panics with the connection open.
func mustHandshake(addr string, hello []byte) {
	c, err := net.Dial("tcp", addr) // want `c is opened at line \d+ but not closed on the path that panics at line 72`
	if err != nil {
		panic(err)
	}
	if _, err := c.Write(hello); err != nil {
		panic(fmt.Sprintf("handshake with %s: %v", addr, err))
	}
	c.Close()
}

// dialByScheme has a switch case that returns with the conn open.
func dialByScheme(scheme, addr string, payload []byte) error {
	conn, err := net.Dial("tcp", addr) // want `conn is opened at line \d+ but not closed on the path that returns at line 89`
	if err != nil {
		return err
	}
	switch scheme {
	case "raw":
		_, err = conn.Write(payload)
	case "line":
		_, err = fmt.Fprintf(conn, "%s\n", payload)
	default:
		return fmt.Errorf("unknown scheme %q", scheme)
	}
	conn.Close()
	return err
}

// serve drops connections from unknown peers without closing them.
func serve(ln net.Listener, allowed func(net.Addr) bool, handle func(net.Conn)) {
	for {
		c, err := ln.Accept() // want `c is opened at line \d+ but not closed before the next iteration of the loop at line 97`
		if err != nil {
			log.Printf("accept: %v", err)
			continue
		}
		if !allowed(c.RemoteAddr()) {
			continue
		}
		go handle(c)
	}
}

type Server struct {
	mu         sync.Mutex
	ln         net.Listener
	tlsConfig  *tls.Config
	conns      map[net.Conn]struct{}
	requireTLS bool
}

// Start rejects a configuration after listening, leaking the listener.
func (s *Server) Start(addr string) error {
	ln, err := net.Listen("tcp", addr) // want `ln is opened at line \d+ but not closed on the path that returns at line 125`
	if err != nil {
		return err
	}
	if s.requireTLS && s.tlsConfig == nil {
		return errors.New("netconn: TLS required but not configured")
	}
	s.ln = ln
	return nil
}

// probe listens on a port just to check it is free and never closes.
func probe(port int) bool {
	ln, err := net.Listen("tcp", fmt.Sprintf(":%d", port)) // want `ln is opened at line \d+ but not closed on the path that returns at line 134`
	return err == nil && ln.Addr() != nil
}

// dialTLS leaks the raw conn when the handshake fails.
func dialTLS(ctx context.Context, addr string, cfg *tls.Config) (*tls.Conn, error) {
	raw, err := net.Dial("tcp", addr) // want `raw is opened at line \d+ but not closed on the path that returns at line 145`
	if err != nil {
		return nil, err
	}
	tc := tls.Client(raw, cfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		return nil, err
	}
	return tc, nil
}

// ---- ok ----

func request(addr string, req []byte) ([]byte, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if err := conn.SetDeadline(time.Now().Add(5 * time.Second)); err != nil {
		return nil, err
	}
	if _, err := conn.Write(req); err != nil {
		return nil, err
	}
	return io.ReadAll(conn)
}

// Closed on every branch.
func reachable(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return false
	}
	if _, err := c.Write([]byte{0}); err != nil {
		c.Close()
		return false
	}
	c.Close()
	return true
}

// Closing the TLS client closes the wrapped conn.
func dialTLSClosed(ctx context.Context, addr string, cfg *tls.Config) (*tls.Conn, error) {
	raw, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	tc := tls.Client(raw, cfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		tc.Close()
		return nil, err
	}
	return tc, nil
}

// Handed off to goroutines; the listener is closed.
func listenAndServe(addr string, handle func(net.Conn)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	for {
		c, err := ln.Accept()
		if err != nil {
			return err
		}
		go func() {
			defer c.Close()
			handle(c)
		}()
	}
}

func acceptLoop(ln net.Listener, handle func(net.Conn)) {
	for {
		c, err := ln.Accept()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			return
		}
		go handle(c)
	}
}

// Rejected peers are closed before continue.
func serveAllowed(ln net.Listener, allowed func(net.Addr) bool, conns chan<- net.Conn) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		if !allowed(c.RemoteAddr()) { // want `allowed runs at line 235 while c is opened and its release is not deferred`
			c.Close()
			continue
		}
		conns <- c
	}
}

// TCP listener with AcceptTCP, conns tracked in a map.
func (s *Server) ServeTCP(ln *net.TCPListener) error {
	defer ln.Close()
	for {
		c, err := ln.AcceptTCP()
		if err != nil {
			return err
		}
		s.mu.Lock()
		s.conns[c] = struct{}{}
		s.mu.Unlock()
	}
}

// Returned to the caller.
func dial(ctx context.Context, addr string) (net.Conn, error) {
	d := net.Dialer{Timeout: 5 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", addr, err)
	}
	return conn, nil
}

func dialCaller(ctx context.Context, addr string) error {
	conn, err := dial(ctx, addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.Write([]byte("hello\n"))
	return err
}

// Stored in a field.
func (s *Server) Listen(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.ln = ln
	s.mu.Unlock()
	return nil
}

// Returned after wrapping: the TLS listener carries the raw one.
func listenTLS(addr string, cfg *tls.Config) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	return tls.NewListener(ln, cfg), nil
}

// Dial error checked with errors.As, nil check on the conn.
func tryDial(addr string) (string, error) {
	c, err := net.Dial("tcp", addr)
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		return "", fmt.Errorf("dial %s: %s", addr, opErr.Op)
	}
	if c != nil {
		defer c.Close()
	}
	if err != nil {
		return "", err
	}
	return c.LocalAddr().String(), nil
}

// The path keeping the conn ends in log.Fatal or os.Exit.
func mustSend(addr string, msg []byte) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := c.Write(msg); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	c.Close()
}

// Passed to a helper that closes it.
func closeConn(c net.Conn) {
	if err := c.Close(); err != nil {
		log.Printf("close: %v", err)
	}
}

func greet(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer closeConn(c)
	_, err = io.WriteString(c, "hi\n")
	return err
}

// Packet conn from ListenPacket, closed.
func udpEcho(addr string) error {
	pc, err := net.ListenPacket("udp", addr)
	if err != nil {
		return err
	}
	defer pc.Close()
	buf := make([]byte, 1500)
	n, from, err := pc.ReadFrom(buf)
	if err != nil {
		return err
	}
	_, err = pc.WriteTo(buf[:n], from)
	return err
}

var errNotTCP = errors.New("not a TCP connection")

// Closed through the concrete type after a type assertion.
func dialKeepAlive(addr string) (string, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return "", err
	}
	tc, ok := c.(*net.TCPConn)
	if !ok {
		c.Close()
		return "", errNotTCP
	}
	defer tc.Close()
	if err := tc.SetKeepAlive(true); err != nil {
		return "", err
	}
	return tc.RemoteAddr().String(), nil
}
