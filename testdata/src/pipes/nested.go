package pipes

import (
	"errors"
	"io"
)

// A closure that closes the writer, captured in turn by a second closure
// (grpc's handler_server_test: func(s) { go runStream(s) }).

type streams struct{ handle func(int) }

func (s *streams) Handle(h func(int)) { s.handle = h }

// drain reads the pipe to its end; closing pr would close pw too, so
// the tests below hand pr off instead.
func drain(pr *io.PipeReader) {
	defer pr.Close()
	_, _ = io.Copy(io.Discard, pr)
}

// ---- ok ----

// The inner closure runs in a goroutine the outer one starts, and the
// outer one is given away.
func nestedGo(s *streams) {
	pr, pw := io.Pipe()
	go drain(pr)
	runStream := func(id int) {
		defer pw.Close()
		_ = id
	}
	s.Handle(func(id int) { go runStream(id) })
}

// The outer closure is called here.
func nestedCalled() {
	pr, pw := io.Pipe()
	go drain(pr)
	closeW := func() { pw.Close() }
	run := func() { closeW() }
	run()
}

// The closure kept in a captured variable is also called directly.
func cellCalled() {
	pr, pw := io.Pipe()
	go drain(pr)
	closeW := func() { pw.Close() }
	later := func() { closeW() }
	closeW()
	_ = later
}

// ---- bad ----

// The outer closure runs only on the success path.
func nestedOneBranch(fail bool) error {
	pr, pw := io.Pipe() // want `pw is created at line \d+ but not closed on the path that returns at line 64`
	go drain(pr)
	closeW := func() { pw.Close() }
	run := func() { closeW() }
	if fail {
		return errors.New("failed")
	}
	run()
	return nil
}

// The kept closure is only compared with nil before the early return.
func nestedNilCheck(fail bool) error {
	pr, pw := io.Pipe() // want `pw is created at line \d+ but not closed on the path that returns at line 77`
	go drain(pr)
	closeW := func() { pw.Close() }
	run := func() { closeW() }
	if fail && closeW != nil {
		return errors.New("failed")
	}
	run()
	return nil
}
