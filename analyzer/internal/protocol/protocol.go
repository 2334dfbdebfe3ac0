// Package protocol holds acmlint's catalog of Enter/Exit protocols as data
// and matches SSA callees against it by their go/types identity.
//
// A protocol pairs the calls that acquire a resource (its enters) with the
// calls that release it (its exits). The path engine in the parent package
// never names a protocol: adding one is adding a row to the table in
// builtin.go.
package protocol

import (
	"fmt"
	"go/types"
	"strings"
)

// Resource says which part of an enter call is the acquired resource.
type Resource uint8

const (
	// Receiver: the enter's receiver (c.mu in c.mu.Lock()).
	Receiver Resource = iota
	// Result: result Index of the enter, or its field Field (resp.Body).
	Result
	// ResultFunc: result Index is a func; calling it is the exit (cancel).
	ResultFunc
	// Global: process-wide state (pprof CPU profile); exits are package
	// functions named in Exits by qualified name.
	Global
)

// Cond says when an enter call counts as having acquired its resource.
type Cond uint8

const (
	// Always: the call always acquires.
	Always Cond = iota
	// ErrNil: acquired only when the last (error) result is nil.
	ErrNil
	// BoolTrue: acquired only when the last (bool) result is true.
	BoolTrue
)

// Enter is one acquiring call of a protocol.
type Enter struct {
	// Func is the callee's qualified name as go/types prints it:
	// "os.Open", "(*sync.Mutex).Lock", "(net.Listener).Accept".
	Func     string
	Resource Resource
	Index    int    // result index for Result and ResultFunc
	Field    string // for Result: the field of the result that is the resource
	When     Cond
	// Siblings are other results whose exits also release this one
	// (closing either end of an io.Pipe).
	Siblings []int
	// ReadOnly marks an enter whose resource's exit results may be
	// dropped even if the protocol's MustUse says otherwise (os.Open: a
	// file opened for reading has nothing to lose on Close).
	ReadOnly bool
	// FlagArg, when positive, is 1 + the index of an os.OpenFile-style
	// flag argument: the exit results must be used only if the flag is a
	// constant with a write bit (O_WRONLY, O_RDWR, O_APPEND, O_CREATE,
	// O_TRUNC).
	FlagArg int
	// EndsWithContext marks an enter whose resource ends when the
	// context it is given is cancelled: database/sql rolls back a Tx
	// begun with BeginTx and closes Rows from QueryContext then.
	EndsWithContext bool
}

// Protocol is an Enter/Exit pair.
type Protocol struct {
	// ID names the protocol in facts and documentation; it is stable.
	ID string
	// Enters are the acquiring calls.
	Enters []Enter
	// Exits are the releasing operations: method names on the resource
	// (for Receiver and Result resources), "call" for ResultFunc
	// resources, "<-F" for a receive from the resource's channel field F
	// (an expired timer), "!M" for the path on which method M returned
	// false (rows.Next), or qualified package functions for Global
	// resources. Any one releases.
	Exits []string
	// Name names a Global protocol's resource in messages ("the CPU
	// profile"); other resources are named as written in the source.
	Name string
	// Acquired and Released are the verbs used in messages:
	// "f is opened at line 3 but not closed ...".
	Acquired, Released string
	// MustUse are the exits whose result carries the outcome and must not
	// be dropped (Tx.Commit, Close of a written file, Flush).
	MustUse []string
	// Bounded marks protocols whose release, skipped by a recovered
	// panic, costs little and not for long (a context's timer, a ticker,
	// a span, abandoned buffered output): callback-panic leaves them be.
	Bounded bool
	// Outcome are the exits that take the block's error (Exit(ctx, err)):
	// they must not be told nil on a path that returns an error.
	Outcome []string
	// Single marks protocols released exactly once: a second release on
	// the same path is a run-time error (unlock of unlocked mutex).
	Single bool
	// Source says where the protocol was declared, for messages about it:
	// "built-in", a config file entry, a directive's position.
	Source string
	// Shared marks receiver protocols whose resource is shared state (a
	// lock, a semaphore): one obtained from a call (m.shard(k).mu) is
	// rooted outside the function, like a receiver's.
	Shared bool
	// WrongExits are exits of a sibling protocol that a caller may use by
	// mistake (Unlock for an RLock); they do not release.
	WrongExits []string
	// Flushes marks protocols whose exit completes buffered output
	// (bufio.Writer.Flush, a gzip trailer): a path that returns a non-nil
	// error, or that took the failing branch of an error check, may leave
	// it unreleased (the output is being abandoned).
	Flushes bool
	// UnusedOK marks Flushes protocols with nothing to complete until
	// written to (a bufio.Writer holds no data until a write).
	UnusedOK bool
	// NotEnters are functions that look like enter wrappers from their
	// bodies but are not (http.Head: its body is http.NoBody); no
	// resource is inferred from their summaries.
	NotEnters []string
	// Before, when set, restricts the protocol to packages whose Go
	// version is older than it ("go1.23" for tickers and timers, which the
	// runtime collects when unreferenced since Go 1.23).
	Before string
}

// IsMustUse reports whether exit name's result must be used.
func (p *Protocol) IsMustUse(name string) bool {
	for _, e := range p.MustUse {
		if e == name {
			return true
		}
	}
	return false
}

// IsOutcome reports whether exit name takes the block's outcome.
func (p *Protocol) IsOutcome(name string) bool {
	for _, e := range p.Outcome {
		if e == name {
			return true
		}
	}
	return false
}

// RecvExits returns the channel fields whose receive releases: "C" for "<-C".
func (p *Protocol) RecvExits() []string {
	var out []string
	for _, e := range p.Exits {
		if strings.HasPrefix(e, "<-") {
			out = append(out, e[2:])
		}
	}
	return out
}

// FalseExits returns the methods whose false result releases: "Next" for "!Next".
func (p *Protocol) FalseExits() []string {
	var out []string
	for _, e := range p.Exits {
		if strings.HasPrefix(e, "!") {
			out = append(out, e[1:])
		}
	}
	return out
}

// HasExit reports whether name is one of p's exits.
func (p *Protocol) HasExit(name string) bool {
	for _, e := range p.Exits {
		if e == name {
			return true
		}
	}
	return false
}

// Key identifies a function or method by types identity: its package
// path, the name of its receiver's named type (empty for functions) and
// its name. Pointer and value receivers share a key.
type Key struct {
	Pkg, Recv, Name string
}

func (k Key) String() string {
	if k.Recv == "" {
		return k.Pkg + "." + k.Name
	}
	return "(" + k.Pkg + "." + k.Recv + ")." + k.Name
}

// ParseKey parses a qualified name such as "os.Open", "(*sync.Mutex).Lock"
// or "(go.opentelemetry.io/otel/trace.Tracer).Start".
func ParseKey(s string) (Key, error) {
	if strings.HasPrefix(s, "(") {
		end := strings.Index(s, ").")
		if end < 0 {
			return Key{}, fmt.Errorf("%q: want (pkg.Type).Method", s)
		}
		recv := strings.TrimPrefix(s[1:end], "*")
		dot := strings.LastIndex(recv, ".")
		name := s[end+2:]
		if dot <= 0 || dot == len(recv)-1 || !isIdent(name) {
			return Key{}, fmt.Errorf("%q: want (pkg.Type).Method", s)
		}
		return Key{Pkg: recv[:dot], Recv: recv[dot+1:], Name: name}, nil
	}
	dot := strings.LastIndex(s, ".")
	if dot <= 0 || !isIdent(s[dot+1:]) || strings.HasSuffix(s[:dot], "/") {
		return Key{}, fmt.Errorf("%q: want pkg.Func", s)
	}
	return Key{Pkg: s[:dot], Name: s[dot+1:]}, nil
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80 || i > 0 && r >= '0' && r <= '9' {
			continue
		}
		return false
	}
	return true
}

// KeyOf returns the key of fn (its generic origin, for instances).
func KeyOf(fn *types.Func) Key {
	fn = fn.Origin()
	k := Key{Name: fn.Name()}
	if fn.Pkg() != nil {
		k.Pkg = fn.Pkg().Path()
	}
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		switch t := t.(type) {
		case *types.Named:
			k.Recv = t.Obj().Name()
		case *types.Alias:
			k.Recv = t.Obj().Name()
		default:
			// A method of an unnamed interface: not nameable.
			k.Recv = "?"
		}
	}
	return k
}

// EnterRef is a matched enter: the row and its protocol.
type EnterRef struct {
	*Enter
	Protocol *Protocol
}

// Catalog is a set of protocols indexed for lookup by callee.
type Catalog struct {
	Protocols []*Protocol
	enters    map[Key][]EnterRef
	globalExt map[Key][]*Protocol
	byID      map[string]*Protocol
	exitNames map[string]bool
	notEnters map[Key]bool
}

// New indexes protocols. It reports malformed rows (bad names, duplicate
// IDs) as an error naming the row.
func New(protocols []*Protocol) (*Catalog, error) {
	c := &Catalog{
		enters:    make(map[Key][]EnterRef),
		globalExt: make(map[Key][]*Protocol),
		byID:      make(map[string]*Protocol),
		exitNames: make(map[string]bool),
		notEnters: make(map[Key]bool),
	}
	for _, p := range protocols {
		if p.ID == "" {
			return nil, fmt.Errorf("protocol with no ID")
		}
		if c.byID[p.ID] != nil {
			return nil, fmt.Errorf("protocol %s: declared twice", p.ID)
		}
		if len(p.Exits) == 0 {
			return nil, fmt.Errorf("protocol %s: no exits", p.ID)
		}
		c.byID[p.ID] = p
		c.Protocols = append(c.Protocols, p)
		for i := range p.Enters {
			e := &p.Enters[i]
			k, err := ParseKey(e.Func)
			if err != nil {
				return nil, fmt.Errorf("protocol %s: enter %v", p.ID, err)
			}
			if e.Resource == Receiver && k.Recv == "" {
				return nil, fmt.Errorf("protocol %s: enter %s: a receiver resource needs a method", p.ID, e.Func)
			}
			c.enters[k] = append(c.enters[k], EnterRef{Enter: e, Protocol: p})
			if e.Resource == Global {
				for _, x := range p.Exits {
					xk, err := ParseKey(x)
					if err != nil {
						return nil, fmt.Errorf("protocol %s: exit %v", p.ID, err)
					}
					if !containsP(c.globalExt[xk], p) {
						c.globalExt[xk] = append(c.globalExt[xk], p)
					}
				}
			}
		}
		for _, n := range p.NotEnters {
			k, err := ParseKey(n)
			if err != nil {
				return nil, fmt.Errorf("protocol %s: not-enter %v", p.ID, err)
			}
			c.notEnters[k] = true
		}
		// Exit names as called: "Close", and "!Next" for a method whose
		// false result releases.
		for _, x := range p.Exits {
			if !strings.Contains(x, ".") && !strings.HasPrefix(x, "<-") {
				c.exitNames[x] = true
			}
		}
	}
	return c, nil
}

func containsP(ps []*Protocol, p *Protocol) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

// Enters returns the enter rows matching the callee fn.
func (c *Catalog) Enters(fn *types.Func) []EnterRef {
	if fn == nil || len(c.enters) == 0 {
		return nil
	}
	return c.enters[KeyOf(fn)]
}

// IsNotEnter reports whether fn is declared not to be an enter.
func (c *Catalog) IsNotEnter(fn *types.Func) bool {
	return fn != nil && len(c.notEnters) > 0 && c.notEnters[KeyOf(fn)]
}

// GlobalExits returns the global protocols that fn releases.
func (c *Catalog) GlobalExits(fn *types.Func) []*Protocol {
	if fn == nil || len(c.globalExt) == 0 {
		return nil
	}
	return c.globalExt[KeyOf(fn)]
}

// ByID returns the protocol with the given ID, or nil.
func (c *Catalog) ByID(id string) *Protocol { return c.byID[id] }

// IsExitName reports whether some protocol has an exit method of that name.
// Summaries of helpers record calls of such methods on their parameters.
func (c *Catalog) IsExitName(name string) bool { return c.exitNames[name] }
