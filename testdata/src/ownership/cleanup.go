package ownership

import (
	"net"
	"testing"
)

// The function closes the listener through t.Cleanup: the accept loop
// need not (grpc's test servers).
func serveWithCleanup(t *testing.T) {
	lis, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lis.Close() })
	go func() {
		for {
			c, err := lis.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
}

func serveWithoutCleanup(t *testing.T) {
	lis, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { // want `lis is handed to the goroutine started at line 32, which does not close it on every path`
		for {
			c, err := lis.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
}
