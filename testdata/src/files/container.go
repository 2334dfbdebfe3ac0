package files

import (
	"encoding/gob"
	"fmt"
	"io"
	"os"
)

// Wrappers that keep their writer as an element of a slice literal in
// the value they return (gob.NewEncoder: enc.w = []io.Writer{w}) do not
// take the writer: the caller still has to close it.

type multiEnc struct{ w []io.Writer }

func newMultiEnc(w io.Writer) *multiEnc {
	e := new(multiEnc)
	e.w = []io.Writer{w}
	return e
}

func (e *multiEnc) Encode(v any) error {
	_, err := fmt.Fprint(e.w[0], v)
	return err
}

// ---- bad ----

func saveMulti(name string, v any) error {
	f, err := os.Create(name) // want `f is opened at line \d+ but not closed on the path that returns at line 34`
	if err != nil {
		return err
	}
	return newMultiEnc(f).Encode(v)
}

func saveGob(name string, v any) error {
	f, err := os.Create(name) // want `f is opened at line \d+ but not closed on the path that returns at line 42`
	if err != nil {
		return err
	}
	return gob.NewEncoder(f).Encode(v)
}

// ---- ok ----

var kept [][]io.Closer

// keepAll keeps the slice literal in a package registry: it owns c.
func keepAll(c io.Closer) { kept = append(kept, []io.Closer{c}) }

// closePair closes both, reading them back from the literal.
func closePair(a, b io.Closer) {
	for _, c := range []io.Closer{a, b} {
		c.Close()
	}
}

func closeSlice(cs []io.Closer) {
	for _, c := range cs {
		c.Close()
	}
}

// closePair2 hands the literal to a function that closes its elements.
func closePair2(a, b io.Closer) { closeSlice([]io.Closer{a, b}) }

func openKept(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	keepAll(f)
	return nil
}

func openPair(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	g, err := os.Open(name)
	if err != nil {
		f.Close()
		return err
	}
	closePair(f, g)
	return nil
}

func openPair2(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	g, err := os.Open(name)
	if err != nil {
		f.Close()
		return err
	}
	closePair2(f, g)
	return nil
}

func saveGobClosed(name string, v any) (err error) {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	return gob.NewEncoder(f).Encode(v)
}
