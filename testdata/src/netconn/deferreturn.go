package netconn

import (
	"errors"
	"net"
)

var errStopped = errors.New("stopped")

type acceptor struct{ lis net.Listener }

// With a defer, results go through a result variable: the conn is
// handed back on the path that returns it, and leaks on the other
// (grpc's listener wrapper).
func (a *acceptor) Accept(stopped bool) (net.Conn, error) {
	conn, err := a.lis.Accept() // want `conn is opened at line 16 but not closed on the path that returns at line 22`
	if err != nil {
		return nil, err
	}
	defer println("accepted")
	if stopped {
		return nil, errStopped
	}
	return conn, nil
}

// Handed back on every path where it was accepted: an enter wrapper.
func (a *acceptor) AcceptLogged() (net.Conn, error) { // want AcceptLogged:`returns r0\[net\.Conn\]`
	defer println("done")
	conn, err := a.lis.Accept()
	if err != nil {
		return nil, err
	}
	return conn, nil
}

func useAcceptLogged(a *acceptor) error {
	c, err := a.AcceptLogged() // want `c is opened by \(\*netconn\.acceptor\)\.AcceptLogged at line 38 but not closed on the path that returns at line 43`
	if err != nil {
		return err
	}
	println(c.RemoteAddr().String())
	return nil
}
