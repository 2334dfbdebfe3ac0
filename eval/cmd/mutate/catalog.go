package main

import (
	"go/types"
	"strings"
)

// The release sites the harness mutates are those of acmlint's built-in
// protocols. The analyzer's catalog (analyzer/internal/protocol/builtin.go)
// is internal to the analyzer package, so the rows the harness needs are
// mirrored here; catalog_test.go parses builtin.go and fails when an ID or
// an enter named here is not in it, or when a built-in protocol is neither
// mirrored nor listed in skippedProtocols.

// resKind says which part of an enter call is the acquired resource.
type resKind uint8

const (
	resReceiver resKind = iota // the enter's receiver (mu in mu.Lock())
	resResult                  // result Index of the enter, or its field Field
	resFunc                    // result Index is a func; calling it releases
)

// enterDef is one acquiring call, by types identity (see funcKey).
type enterDef struct {
	Func  string // qualified name as go/types prints it, e.g. "(*sync.Mutex).Lock"
	Index int    // result index (resResult, resFunc)
	Field string // resResult: the field of the result that is the resource
}

// protoDef is a built-in protocol as far as the harness needs it.
type protoDef struct {
	ID     string
	Kind   resKind
	Shared bool // a lock or semaphore: usually rooted outside the function
	Enters []enterDef
	// Exits are the releasing method names (resReceiver, resResult);
	// resFunc resources are released by calling them.
	Exits []string
	// ResType is the resource's type ("os.File", "context.CancelFunc"),
	// for acquisitions through wrappers: a call of a function outside the
	// catalog that returns this type (or a pointer to a struct embedding
	// it), which acmlint infers to be an enter from the callee's body.
	// Empty: only the catalog's enters acquire.
	ResType string
}

// skippedProtocols are built-in protocols the harness does not mutate:
// their exits are package functions (no resource expression to tie a
// release to its acquisition).
var skippedProtocols = []string{"trace.Start", "pprof.CPUProfile"}

func r0(fns ...string) []enterDef {
	var out []enterDef
	for _, f := range fns {
		out = append(out, enterDef{Func: f})
	}
	return out
}

func body(fns ...string) []enterDef {
	var out []enterDef
	for _, f := range fns {
		out = append(out, enterDef{Func: f, Field: "Body"})
	}
	return out
}

// builtinProtocols returns the mirrored catalog, in builtin.go's order.
func builtinProtocols() []*protoDef {
	return []*protoDef{
		{ID: "sync.Mutex", Kind: resReceiver, Shared: true, Exits: []string{"Unlock"},
			Enters: r0("(*sync.Mutex).Lock", "(*sync.Mutex).TryLock")},
		{ID: "sync.RWMutex", Kind: resReceiver, Shared: true, Exits: []string{"Unlock"},
			Enters: r0("(*sync.RWMutex).Lock", "(*sync.RWMutex).TryLock")},
		{ID: "sync.RWMutex.R", Kind: resReceiver, Shared: true, Exits: []string{"RUnlock"},
			Enters: r0("(*sync.RWMutex).RLock", "(*sync.RWMutex).TryRLock")},
		{ID: "sync.Locker", Kind: resReceiver, Shared: true, Exits: []string{"Unlock"},
			Enters: r0("(sync.Locker).Lock")},
		{ID: "os.File", ResType: "os.File", Kind: resResult, Exits: []string{"Close"},
			Enters: append(r0("os.Open", "os.Create", "os.OpenFile", "os.CreateTemp", "os.OpenInRoot",
				"(*os.Root).Open", "(*os.Root).Create", "(*os.Root).OpenFile", "os.Pipe"),
				enterDef{Func: "os.Pipe", Index: 1})},
		{ID: "os.Root", ResType: "os.Root", Kind: resResult, Exits: []string{"Close"},
			Enters: r0("os.OpenRoot", "(*os.Root).OpenRoot")},
		{ID: "net.Conn", ResType: "net.Conn", Kind: resResult, Exits: []string{"Close"},
			Enters: r0("net.Dial", "net.DialTimeout", "(*net.Dialer).Dial", "(*net.Dialer).DialContext",
				"net.DialTCP", "net.DialUDP", "net.DialUnix", "net.DialIP",
				"net.ListenPacket", "(*net.ListenConfig).ListenPacket",
				"net.ListenUDP", "net.ListenUnixgram", "net.ListenIP", "net.ListenMulticastUDP",
				"(net.Listener).Accept", "(*net.TCPListener).Accept", "(*net.TCPListener).AcceptTCP",
				"(*net.UnixListener).Accept", "(*net.UnixListener).AcceptUnix",
				"crypto/tls.Dial", "crypto/tls.DialWithDialer", "(*crypto/tls.Dialer).Dial",
				"(*crypto/tls.Dialer).DialContext")},
		{ID: "net.Listener", ResType: "net.Listener", Kind: resResult, Exits: []string{"Close"},
			Enters: r0("net.Listen", "(*net.ListenConfig).Listen", "net.ListenTCP", "net.ListenUnix",
				"crypto/tls.Listen")},
		{ID: "http.Response.Body", Kind: resResult, Exits: []string{"Close"},
			Enters: body("net/http.Get", "net/http.Post", "net/http.PostForm",
				"(*net/http.Client).Do", "(*net/http.Client).Get", "(*net/http.Client).Post",
				"(*net/http.Client).PostForm", "(*net/http.Transport).RoundTrip",
				"(net/http.RoundTripper).RoundTrip")},
		{ID: "sql.Rows", ResType: "database/sql.Rows", Kind: resResult, Exits: []string{"Close"},
			Enters: r0("(*database/sql.DB).Query", "(*database/sql.DB).QueryContext",
				"(*database/sql.Tx).Query", "(*database/sql.Tx).QueryContext",
				"(*database/sql.Conn).QueryContext",
				"(*database/sql.Stmt).Query", "(*database/sql.Stmt).QueryContext")},
		{ID: "sql.Stmt", ResType: "database/sql.Stmt", Kind: resResult, Exits: []string{"Close"},
			Enters: r0("(*database/sql.DB).Prepare", "(*database/sql.DB).PrepareContext",
				"(*database/sql.Conn).PrepareContext")},
		{ID: "sql.Tx", ResType: "database/sql.Tx", Kind: resResult, Exits: []string{"Commit", "Rollback"},
			Enters: r0("(*database/sql.DB).Begin", "(*database/sql.DB).BeginTx", "(*database/sql.Conn).BeginTx")},
		{ID: "sql.Conn", ResType: "database/sql.Conn", Kind: resResult, Exits: []string{"Close"},
			Enters: r0("(*database/sql.DB).Conn")},
		{ID: "context.CancelFunc", ResType: "context.CancelFunc", Kind: resFunc,
			Enters: []enterDef{
				{Func: "context.WithCancel", Index: 1}, {Func: "context.WithTimeout", Index: 1},
				{Func: "context.WithDeadline", Index: 1}, {Func: "context.WithCancelCause", Index: 1},
				{Func: "context.WithTimeoutCause", Index: 1}, {Func: "context.WithDeadlineCause", Index: 1},
			}},
		{ID: "io.PipeReader", Kind: resResult, Exits: []string{"Close", "CloseWithError"},
			Enters: r0("io.Pipe")},
		{ID: "io.PipeWriter", Kind: resResult, Exits: []string{"Close", "CloseWithError"},
			Enters: []enterDef{{Func: "io.Pipe", Index: 1}}},
		{ID: "exec.Cmd", Kind: resReceiver, Exits: []string{"Wait"},
			Enters: r0("(*os/exec.Cmd).Start")},
		{ID: "trace.Region", Kind: resResult, Exits: []string{"End"},
			Enters: r0("runtime/trace.StartRegion")},
		{ID: "trace.Task", Kind: resResult, Exits: []string{"End"},
			Enters: []enterDef{{Func: "runtime/trace.NewTask", Index: 1}}},
		{ID: "time.Ticker", Kind: resResult, Exits: []string{"Stop"},
			Enters: r0("time.NewTicker")},
		{ID: "time.Timer", Kind: resResult, Exits: []string{"Stop"},
			Enters: r0("time.NewTimer")},
		{ID: "compress.Writer", Kind: resResult, Exits: []string{"Close"},
			Enters: r0("compress/gzip.NewWriter", "compress/gzip.NewWriterLevel",
				"compress/zlib.NewWriter", "compress/zlib.NewWriterLevel", "compress/zlib.NewWriterLevelDict",
				"compress/flate.NewWriter", "compress/flate.NewWriterDict", "compress/lzw.NewWriter",
				"archive/zip.NewWriter", "archive/tar.NewWriter")},
		{ID: "zip.ReadCloser", Kind: resResult, Exits: []string{"Close"},
			Enters: r0("archive/zip.OpenReader")},
		{ID: "bufio.Writer", Kind: resResult, Exits: []string{"Flush"},
			Enters: r0("bufio.NewWriter", "bufio.NewWriterSize")},
		{ID: "semaphore.Weighted", Kind: resReceiver, Shared: true, Exits: []string{"Release"},
			Enters: r0("(*golang.org/x/sync/semaphore.Weighted).Acquire",
				"(*golang.org/x/sync/semaphore.Weighted).TryAcquire")},
		{ID: "otel.Span", Kind: resResult, Exits: []string{"End"},
			Enters: []enterDef{{Func: "(go.opentelemetry.io/otel/trace.Tracer).Start", Index: 1}}},
	}
}

// normKey drops the pointer from a method's receiver, so that
// "(*sync.Mutex).Lock" and "(sync.Mutex).Lock" are one key, as in acmlint.
func normKey(s string) string { return strings.Replace(s, "(*", "(", 1) }

// funcKey returns fn's qualified name in normKey form, for its generic
// origin: "os.Open", "(sync.Mutex).Lock", "(net.Listener).Accept".
func funcKey(fn *types.Func) string {
	fn = fn.Origin()
	pkg := ""
	if fn.Pkg() != nil {
		pkg = fn.Pkg().Path()
	}
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return pkg + "." + fn.Name()
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	recv := "?"
	switch t := t.(type) {
	case *types.Named:
		recv = t.Obj().Name()
	case *types.Alias:
		recv = t.Obj().Name()
	}
	return "(" + pkg + "." + recv + ")." + fn.Name()
}

// enterRef is a matched enter row.
type enterRef struct {
	enterDef
	Proto *protoDef
}

// catalog indexes the protocols' enters by normalised key.
type catalog struct {
	protos []*protoDef
	enters map[string][]enterRef
	byType map[string]*protoDef // by ResType
}

func newCatalog(protos []*protoDef) *catalog {
	c := &catalog{protos: protos, enters: make(map[string][]enterRef), byType: make(map[string]*protoDef)}
	for _, p := range protos {
		if p.ResType != "" {
			c.byType[p.ResType] = p
		}
		for _, e := range p.Enters {
			k := normKey(e.Func)
			c.enters[k] = append(c.enters[k], enterRef{enterDef: e, Proto: p})
		}
	}
	return c
}

func (p *protoDef) hasExit(name string) bool {
	for _, x := range p.Exits {
		if x == name {
			return true
		}
	}
	return false
}

// wrapped returns the protocol whose resource a wrapper's result of type
// t is: the resource type itself, a pointer to it, or a pointer to a
// struct that embeds it (sqlx.Rows embeds *sql.Rows).
func (c *catalog) wrapped(t types.Type) *protoDef {
	name := func(t types.Type) string {
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil {
			return n.Obj().Pkg().Path() + "." + n.Obj().Name()
		}
		return ""
	}
	if p := c.byType[name(t)]; p != nil {
		return p
	}
	if p, ok := t.(*types.Pointer); ok {
		if st, ok := p.Elem().Underlying().(*types.Struct); ok {
			for i := range st.NumFields() {
				if f := st.Field(i); f.Embedded() {
					if p := c.byType[name(f.Type())]; p != nil && p.Kind == resResult {
						return p
					}
				}
			}
		}
	}
	return nil
}
