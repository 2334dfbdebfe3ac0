package protocol

// Builtin returns a fresh copy of the built-in protocols (callers may keep
// or extend it; there is no shared mutable table).
func Builtin() []*Protocol {
	r0 := func(fn string, when Cond) Enter { return Enter{Func: fn, Resource: Result, When: when} }
	ro := func(fn string) Enter { return Enter{Func: fn, Resource: Result, When: ErrNil, ReadOnly: true} }
	recv := func(fn string, when Cond) Enter { return Enter{Func: fn, Resource: Receiver, When: when} }
	body := func(fn string) Enter { return Enter{Func: fn, Resource: Result, Field: "Body", When: ErrNil} }
	cancel := func(fn string) Enter { return Enter{Func: fn, Resource: ResultFunc, Index: 1} }
	// ctx: ends when its context is cancelled (database/sql).
	ctx := func(fn string) Enter { return Enter{Func: fn, Resource: Result, When: ErrNil, EndsWithContext: true} }

	return []*Protocol{
		// sync
		{ID: "sync.Mutex", Single: true, Acquired: "locked", Released: "unlocked", Exits: []string{"Unlock"}, Shared: true,
			Enters: []Enter{recv("(*sync.Mutex).Lock", Always), recv("(*sync.Mutex).TryLock", BoolTrue)}},
		{ID: "sync.RWMutex", Single: true, Acquired: "locked", Released: "unlocked", Exits: []string{"Unlock"}, Shared: true,
			WrongExits: []string{"RUnlock"},
			Enters:     []Enter{recv("(*sync.RWMutex).Lock", Always), recv("(*sync.RWMutex).TryLock", BoolTrue)}},
		{ID: "sync.RWMutex.R", Single: true, Acquired: "read-locked", Released: "read-unlocked", Exits: []string{"RUnlock"}, Shared: true,
			WrongExits: []string{"Unlock"},
			Enters:     []Enter{recv("(*sync.RWMutex).RLock", Always), recv("(*sync.RWMutex).TryRLock", BoolTrue)}},
		{ID: "sync.Locker", Single: true, Acquired: "locked", Released: "unlocked", Exits: []string{"Unlock"}, Shared: true,
			Enters: []Enter{recv("(sync.Locker).Lock", Always)}},

		// os
		// Close of a file opened for writing reports whether the data
		// reached the file: its result must be used. Read-only opens may
		// drop it; OpenFile decides by its flag argument.
		{ID: "os.File", Acquired: "opened", Released: "closed", Exits: []string{"Close"}, MustUse: []string{"Close"},
			Enters: []Enter{
				ro("os.Open"), r0("os.Create", ErrNil),
				{Func: "os.OpenFile", Resource: Result, When: ErrNil, FlagArg: 2},
				r0("os.CreateTemp", ErrNil), ro("os.OpenInRoot"),
				ro("(*os.Root).Open"), r0("(*os.Root).Create", ErrNil),
				{Func: "os.Pipe", Resource: Result, Index: 0, When: ErrNil, ReadOnly: true},
				{Func: "os.Pipe", Resource: Result, Index: 1, When: ErrNil, ReadOnly: true},
				{Func: "(*os.Root).OpenFile", Resource: Result, When: ErrNil, FlagArg: 3},
			}},
		{ID: "os.Root", Acquired: "opened", Released: "closed", Exits: []string{"Close"},
			Enters: []Enter{r0("os.OpenRoot", ErrNil), r0("(*os.Root).OpenRoot", ErrNil)}},

		// net, crypto/tls
		{ID: "net.Conn", Acquired: "opened", Released: "closed", Exits: []string{"Close"},
			Enters: []Enter{
				r0("net.Dial", ErrNil), r0("net.DialTimeout", ErrNil),
				r0("(*net.Dialer).Dial", ErrNil), r0("(*net.Dialer).DialContext", ErrNil),
				r0("net.DialTCP", ErrNil), r0("net.DialUDP", ErrNil), r0("net.DialUnix", ErrNil), r0("net.DialIP", ErrNil),
				r0("net.ListenPacket", ErrNil), r0("(*net.ListenConfig).ListenPacket", ErrNil),
				r0("net.ListenUDP", ErrNil), r0("net.ListenUnixgram", ErrNil), r0("net.ListenIP", ErrNil),
				r0("net.ListenMulticastUDP", ErrNil),
				r0("(net.Listener).Accept", ErrNil), r0("(*net.TCPListener).Accept", ErrNil),
				r0("(*net.TCPListener).AcceptTCP", ErrNil), r0("(*net.UnixListener).Accept", ErrNil),
				r0("(*net.UnixListener).AcceptUnix", ErrNil),
				r0("crypto/tls.Dial", ErrNil), r0("crypto/tls.DialWithDialer", ErrNil),
				r0("(*crypto/tls.Dialer).Dial", ErrNil), r0("(*crypto/tls.Dialer).DialContext", ErrNil),
			}},
		{ID: "net.Listener", Acquired: "opened", Released: "closed", Exits: []string{"Close"},
			Enters: []Enter{
				r0("net.Listen", ErrNil), r0("(*net.ListenConfig).Listen", ErrNil),
				r0("net.ListenTCP", ErrNil), r0("net.ListenUnix", ErrNil), r0("crypto/tls.Listen", ErrNil),
			}},

		// net/http response bodies. Head is not an enter: a HEAD response
		// has http.NoBody and its connection is already released.
		{ID: "http.Response.Body", Acquired: "obtained", Released: "closed", Exits: []string{"Close"},
			NotEnters: []string{"net/http.Head", "(*net/http.Client).Head"},
			Enters: []Enter{
				body("net/http.Get"), body("net/http.Post"), body("net/http.PostForm"),
				body("(*net/http.Client).Do"), body("(*net/http.Client).Get"),
				body("(*net/http.Client).Post"), body("(*net/http.Client).PostForm"),
				body("(*net/http.Transport).RoundTrip"), body("(net/http.RoundTripper).RoundTrip"),
			}},

		// database/sql
		// Next returning false closes the rows (database/sql docs): a loop
		// that runs to the end releases them; a return inside it does not.
		{ID: "sql.Rows", Acquired: "opened", Released: "closed", Exits: []string{"Close", "!Next"},
			Enters: []Enter{
				r0("(*database/sql.DB).Query", ErrNil), ctx("(*database/sql.DB).QueryContext"),
				r0("(*database/sql.Tx).Query", ErrNil), ctx("(*database/sql.Tx).QueryContext"),
				ctx("(*database/sql.Conn).QueryContext"),
				r0("(*database/sql.Stmt).Query", ErrNil), ctx("(*database/sql.Stmt).QueryContext"),
			}},
		// A statement prepared on a Tx is closed by its Commit or Rollback.
		{ID: "sql.Stmt", Acquired: "prepared", Released: "closed", Exits: []string{"Close"},
			Enters: []Enter{
				r0("(*database/sql.DB).Prepare", ErrNil), r0("(*database/sql.DB).PrepareContext", ErrNil),
				r0("(*database/sql.Conn).PrepareContext", ErrNil),
			}},
		{ID: "sql.Tx", Acquired: "begun", Released: "committed or rolled back", Exits: []string{"Commit", "Rollback"}, MustUse: []string{"Commit"},
			Enters: []Enter{
				r0("(*database/sql.DB).Begin", ErrNil), ctx("(*database/sql.DB).BeginTx"),
				ctx("(*database/sql.Conn).BeginTx"),
			}},
		{ID: "sql.Conn", Acquired: "opened", Released: "closed", Exits: []string{"Close"},
			Enters: []Enter{r0("(*database/sql.DB).Conn", ErrNil)}},

		// context
		{ID: "context.CancelFunc", Bounded: true, Acquired: "created", Released: "called", Exits: []string{"call"},
			Enters: []Enter{
				cancel("context.WithCancel"), cancel("context.WithTimeout"), cancel("context.WithDeadline"),
				cancel("context.WithCancelCause"), cancel("context.WithTimeoutCause"), cancel("context.WithDeadlineCause"),
			}},

		// io.Pipe: each end kept by the function must be closed (or the
		// goroutine on the other end blocks forever); closing one end
		// here also releases the other.
		{ID: "io.PipeReader", Acquired: "created", Released: "closed", Exits: []string{"Close", "CloseWithError"},
			Enters: []Enter{{Func: "io.Pipe", Resource: Result, Index: 0, Siblings: []int{1}}}},
		{ID: "io.PipeWriter", Acquired: "created", Released: "closed", Exits: []string{"Close", "CloseWithError"},
			Enters: []Enter{{Func: "io.Pipe", Resource: Result, Index: 1, Siblings: []int{0}}}},

		// os/exec
		{ID: "exec.Cmd", Acquired: "started", Released: "waited for", Exits: []string{"Wait"},
			Enters: []Enter{recv("(*os/exec.Cmd).Start", ErrNil)}},

		// runtime/trace, runtime/pprof
		{ID: "trace.Region", Bounded: true, Acquired: "started", Released: "ended", Exits: []string{"End"},
			Enters: []Enter{r0("runtime/trace.StartRegion", Always)}},
		{ID: "trace.Task", Bounded: true, Acquired: "created", Released: "ended", Exits: []string{"End"},
			Enters: []Enter{{Func: "runtime/trace.NewTask", Resource: Result, Index: 1}}},
		{ID: "trace.Start", Name: "the execution trace", Acquired: "started", Released: "stopped", Exits: []string{"runtime/trace.Stop"},
			Enters: []Enter{{Func: "runtime/trace.Start", Resource: Global, When: ErrNil}}},
		{ID: "pprof.CPUProfile", Name: "the CPU profile", Acquired: "started", Released: "stopped", Exits: []string{"runtime/pprof.StopCPUProfile"},
			Enters: []Enter{{Func: "runtime/pprof.StartCPUProfile", Resource: Global, When: ErrNil}}},

		// time: unstopped tickers and timers are only collected since Go 1.23
		{ID: "time.Ticker", Bounded: true, Acquired: "created", Released: "stopped", Exits: []string{"Stop"}, Before: "go1.23",
			Enters: []Enter{r0("time.NewTicker", Always)}},
		// A timer whose channel has delivered has expired: nothing to stop.
		{ID: "time.Timer", Bounded: true, Acquired: "created", Released: "stopped", Exits: []string{"Stop", "<-C"}, Before: "go1.23",
			Enters: []Enter{r0("time.NewTimer", Always)}},

		// compress and archive writers: Close flushes the trailer
		{ID: "compress.Writer", Bounded: true, Acquired: "created", Released: "closed", Exits: []string{"Close"}, MustUse: []string{"Close"}, Flushes: true,
			Enters: []Enter{
				r0("compress/gzip.NewWriter", Always), r0("compress/gzip.NewWriterLevel", ErrNil),
				r0("compress/zlib.NewWriter", Always), r0("compress/zlib.NewWriterLevel", ErrNil),
				r0("compress/zlib.NewWriterLevelDict", ErrNil),
				r0("compress/flate.NewWriter", ErrNil), r0("compress/flate.NewWriterDict", ErrNil),
				r0("compress/lzw.NewWriter", Always),
				r0("archive/zip.NewWriter", Always), r0("archive/tar.NewWriter", Always),
			}},
		{ID: "zip.ReadCloser", Acquired: "opened", Released: "closed", Exits: []string{"Close"},
			Enters: []Enter{r0("archive/zip.OpenReader", ErrNil)}},

		// bufio.Writer: buffered data is lost unless flushed
		{ID: "bufio.Writer", Bounded: true, Acquired: "created", Released: "flushed", Exits: []string{"Flush"}, MustUse: []string{"Flush"}, Flushes: true, UnusedOK: true,
			Enters: []Enter{r0("bufio.NewWriter", Always), r0("bufio.NewWriterSize", Always)}},

		// golang.org/x/sync/semaphore
		{ID: "semaphore.Weighted", Single: true, Acquired: "acquired", Released: "released", Exits: []string{"Release"}, Shared: true,
			Enters: []Enter{
				recv("(*golang.org/x/sync/semaphore.Weighted).Acquire", ErrNil),
				recv("(*golang.org/x/sync/semaphore.Weighted).TryAcquire", BoolTrue),
			}},

		// OpenTelemetry spans
		{ID: "otel.Span", Bounded: true, Acquired: "started", Released: "ended", Exits: []string{"End"},
			Enters: []Enter{{Func: "(go.opentelemetry.io/otel/trace.Tracer).Start", Resource: Result, Index: 1}}},
	}
}
