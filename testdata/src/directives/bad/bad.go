// Package bad holds malformed //acmlint: directives. Each is reported at
// its own comment (category "directive") and otherwise ignored. The
// expectations sit above, with "want +N", because a directive cannot carry
// a trailing comment (and gofmt separates a directive from the comment
// text above it with a "//" line).
package bad

import "os"

type Conn struct{}

func (c *Conn) Close() error { return nil }

// want +2 `^unknown directive acmlint:entr \(did you mean acmlint:enter\?\)$`
//
//acmlint:entr exit=Close
func Misspelled() *Conn { return &Conn{} }

// want +2 `^acmlint:enter needs exit=<names>: the methods that release the resource, or call for a returned func$`
//
//acmlint:enter
func MissingExit() *Conn { return &Conn{} }

// want +2 `^acmlint:enter: expected key=value, got "Close" \(did you mean exit=Close\?\)$`
//
//acmlint:enter Close
func BareExit() *Conn { return &Conn{} }

// want +2 `^acmlint:enter: unknown key color \(known: exit, resource, when, must-use, outcome, acquired, released\)$`
//
//acmlint:enter exit=Close color=red
func UnknownKey() *Conn { return &Conn{} }

// want +2 `^acmlint:enter: unknown key exits \(did you mean exit\?\)$`
//
//acmlint:enter exits=Close
func MisspelledKey() *Conn { return &Conn{} }

// want +2 `^acmlint:enter: must-use name Flush is not in exit=Close$`
//
//acmlint:enter exit=Close must-use=Flush
func MustUseNotExit() *Conn { return &Conn{} }

// want +2 `^acmlint:enter: resource=result2 but OutOfRange has 2 results$`
//
//acmlint:enter exit=Close resource=result2
func OutOfRange() (*Conn, error) { return &Conn{}, nil }

// want +2 `^acmlint:enter: invalid when=sometimes \(want always, error-nil or true\)$`
//
//acmlint:enter exit=Close when=sometimes
func BadWhen() (*Conn, error) { return &Conn{}, nil }

// want +2 `^acmlint:enter: unexpected "// see Close": a directive cannot carry a trailing comment$`
//
//acmlint:enter exit=Close // see Close
func TrailingComment() *Conn { return &Conn{} }

// want +6 `^malformed directive: no space allowed after //acmlint: \(write //acmlint:enter\)$`
// acmlint: enter exit=Close
func SpaceAfterColon() *Conn { return &Conn{} }

// want +2 `^acmlint:exit: param=q but Drop has no parameter named q$`
//
//acmlint:exit param=q
func Drop(c *Conn) {}

// want +2 `^acmlint:must-use on Touch: it has no result to use$`
//
//acmlint:must-use
func Touch(c *Conn) {}

// want +2 `^acmlint:must-use takes no arguments$`
//
//acmlint:must-use always
func (c *Conn) Flush() error { return nil }

// want +2 `^acmlint:enter must be in the doc comment of a function or method$`
//
//acmlint:enter exit=Close
type Handle struct{}

// want +3 `^acmlint:exit conflicts with acmlint:enter on Both \(line 85\): a function cannot both acquire and release$`
//
//acmlint:enter exit=Close
//acmlint:exit
func Both() *Conn { return &Conn{} }

// A malformed enter declares nothing: a Misspelled conn left open is not
// a leak acmlint knows about.
func useMisspelled() {
	c := Misspelled()
	_ = c
}

// An ignore needs a reason; without one it is reported and suppresses
// nothing.
func noReason(name string) ([]byte, error) {
	// want +1 `^acmlint:ignore needs a reason$`
	//acmlint:ignore
	f, err := os.Open(name) // want `f is opened at line 101 but not closed on the path that returns at line 107`
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 10)
	n, _ := f.Read(buf)
	return buf[:n], nil
}
