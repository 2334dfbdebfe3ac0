// Package structargs tests resources that travel inside a struct passed
// to a callee: a callee that releases the field or hands it to an owner
// takes the resource; one that only reads it does not (grpc's
// ServerInfo{Listener: lis}).
package structargs

import (
	"net"
	"net/http"
	"testing"
)

type info struct{ L net.Listener }

func servePtr(i *info) error { return http.Serve(i.L, nil) } // want servePtr:`releases p0\.L\.Close; owns p0`

func closeValue(i info) { i.L.Close() } // want closeValue:`releases p0\.L\.Close`

func describe(i info) string { return i.L.Addr().String() }

func start(i info) func() { // want start:`owns p0`
	s := &http.Server{}
	go s.Serve(i.L)
	return func() { s.Close() }
}

func serveThroughPtr() error {
	ln, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		return err
	}
	return servePtr(&info{L: ln})
}

func closeThroughValue() error {
	ln, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		return err
	}
	closeValue(info{L: ln})
	return nil
}

// setup hands both listeners to servers and returns them for their
// addresses: it is not an enter wrapper, and callers owe nothing.
func setup(t *testing.T) (net.Listener, net.Listener) { // want setup:`owns p0`
	a, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		t.Fatal(err)
	}
	b, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		t.Fatal(err)
	}
	stopA, stopB := start(info{L: a}), start(info{L: b})
	t.Cleanup(func() { stopA(); stopB() })
	return a, b
}

func useSetup(t *testing.T) string { // want useSetup:`owns p0`
	a, _ := setup(t)
	return a.Addr().String()
}

func onlyRead() (string, error) {
	ln, err := net.Listen("tcp", "localhost:0") // want `ln is opened at line 66 but not closed on the path that returns at line 70`
	if err != nil {
		return "", err
	}
	return describe(info{L: ln}), nil
}
