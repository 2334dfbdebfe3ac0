package main

// End-to-end test of "acmlint gopls-build": build gopls with acmlint from
// the module proxy, then drive it over the module in testdata/gopls
// (module example.com/acmgopls, no dependencies):
//   - cache: Cache.Update calls its func parameter with c.mu locked and the
//     unlock not deferred (callback-panic, with a fix); Cache.Each defers;
//     Cache.Apply does what Update does under an //acmlint:ignore.
//   - files: OpenLog returns the *os.File it opened, so acmlint infers that
//     it is an enter and exports that as a fact; Take is an enter by an
//     //acmlint:enter directive, also exported as a fact.
//   - app: Size leaks the file from files.OpenLog when Stat fails, Rotate
//     the slot from files.Take on an early return: found only if the facts
//     crossed the package boundary inside gopls, which gob-encodes them.
//     Read closes its file.
//
// It checks the gopls CLI (check, codeaction -exec) and the LSP diagnostics
// an editor receives (source, code, codeDescription, related information).

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// wantGoplsCheck is what "gopls check" prints for testdata/gopls, paths
// relative to the module root: each finding and its related position.
var wantGoplsCheck = []string{
	"app/app.go:14:12: f is opened by files.OpenLog at line 14 but not closed on the path that returns at line 20",
	"app/app.go:20:3: - returns with f not closed",
	"app/app.go:39:7: s is acquired at line 39 but not released on the path that returns at line 41",
	"app/app.go:41:3: - returns with s not released",
	"cache/cache.go:15:2: - c.mu is locked here",
	"cache/cache.go:16:2: fn runs at line 16 while c.mu is locked and its release is not deferred: if fn panics and a caller recovers, c.mu is never unlocked",
}

// wantFixedUpdate is Cache.Update after gopls applied acmlint's quick fix.
const wantFixedUpdate = `func (c *Cache) Update(fn func(m map[string]string)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fn(c.m)
}
`

func TestGopls(t *testing.T) {
	if os.Getenv("ACMLINT_E2E") == "" {
		t.Skip("end-to-end test: set ACMLINT_E2E=1 (builds gopls from the Go module proxy)")
	}

	// Build from the default source: the main module of the test's
	// directory, which is this repository.
	start := time.Now()
	binDir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := goplsBuildMain(t.Context(), []string{"-o", binDir}, &stdout, &stderr); code != 0 {
		t.Fatalf("gopls-build exited with %d:\n%s", code, stderr.String())
	}
	t.Logf("gopls-build: %s", time.Since(start).Round(time.Millisecond))
	gopls := strings.TrimSpace(stdout.String())
	if want := filepath.Join(binDir, "gopls"+exeSuffix()); gopls != want {
		t.Fatalf("gopls-build printed %q, want %q", gopls, want)
	}
	out, err := exec.Command(gopls, "version").CombinedOutput()
	if err != nil || !strings.Contains(string(out), defaultGoplsVersion+"+acmlint") {
		t.Errorf("gopls version = %q, %v; want it to name %s+acmlint", out, err, defaultGoplsVersion)
	}

	// Work on a copy: the quick fix rewrites a file. A private gopls cache
	// makes the first check a cold one, as in a fresh editor session.
	mod := copyModule(t, filepath.Join("..", "..", "testdata", "gopls"))
	env := append(os.Environ(), "GOPLSCACHE="+t.TempDir(), "GOWORK=off")
	run := func(args ...string) string {
		t.Helper()
		start := time.Now()
		cmd := exec.Command(gopls, args...)
		cmd.Dir = mod
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("gopls %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		t.Logf("gopls %s: %s", strings.Join(args, " "), time.Since(start).Round(time.Millisecond))
		return string(out)
	}
	files := []string{"app/app.go", "cache/cache.go", "files/files.go"}

	t.Run("check", func(t *testing.T) {
		// Twice: cold (facts for the standard library computed) and warm.
		for range 2 {
			got := checkLines(run(append([]string{"check"}, files...)...), mod)
			if !slices.Equal(got, wantGoplsCheck) {
				t.Errorf("gopls check printed\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantGoplsCheck, "\n"))
			}
		}
	})

	t.Run("lsp", func(t *testing.T) {
		testGoplsLSP(t, gopls, mod, env)
	})

	t.Run("quickfix", func(t *testing.T) {
		list := run("codeaction", "-kind=quickfix", "cache/cache.go:16:2")
		if !regexp.MustCompile(`"Defer c\.mu\.Unlock\(\)[^"]*" \[quickfix\]`).MatchString(list) {
			t.Fatalf("gopls codeaction lists no acmlint fix at cache/cache.go:16:2:\n%s", list)
		}
		run("codeaction", "-kind=quickfix", "-title=^Defer c\\.mu\\.Unlock", "-exec", "-write", "cache/cache.go:16:2")
		src, err := os.ReadFile(filepath.Join(mod, "cache", "cache.go"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(src), wantFixedUpdate) {
			t.Fatalf("after the quick fix cache/cache.go is\n%s\nwant it to contain\n%s", src, wantFixedUpdate)
		}
		vet := exec.Command("go", "vet", "./...")
		vet.Dir = mod
		vet.Env = env
		if out, err := vet.CombinedOutput(); err != nil {
			t.Fatalf("go vet after the quick fix: %v\n%s", err, out)
		}
		if got := checkLines(run("check", "cache/cache.go"), mod); len(got) > 0 {
			t.Errorf("gopls check after the quick fix printed\n%s\nwant nothing", strings.Join(got, "\n"))
		}
	})
}

// TestGoplsBuildUsage checks that bad arguments fail fast, before any
// download, with a message saying what is wrong.
func TestGoplsBuildUsage(t *testing.T) {
	notAcmlint, err := filepath.Abs(filepath.Join("..", "..", "testdata", "gopls"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no -o", nil, 2, "-o DIR is required"},
		{"extra argument", []string{"-o", "OUT", "x"}, 2, `unexpected argument "x"`},
		{"not acmlint", []string{"-o", "OUT", "-acmlint", notAcmlint},
			1, notAcmlint + " is module example.com/acmgopls, not github.com/acmlint/acmlint"},
		{"no module", []string{"-o", "OUT", "-acmlint", "EMPTY"}, 1, "no go.mod there"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			out := filepath.Join(tmp, "out")
			args := slices.Clone(tc.args)
			for i, a := range args {
				switch a {
				case "OUT":
					args[i] = out
				case "EMPTY":
					args[i] = tmp
				}
			}
			var stdout, stderr bytes.Buffer
			code := goplsBuildMain(t.Context(), args, &stdout, &stderr)
			if code != tc.wantCode || !strings.Contains(stderr.String(), tc.wantErr) {
				t.Errorf("gopls-build %q: exit %d, stderr:\n%s\nwant exit %d and %q", tc.args, code, stderr.String(), tc.wantCode, tc.wantErr)
			}
			if stdout.Len() > 0 {
				t.Errorf("gopls-build %q printed %q on stdout, want nothing", tc.args, stdout.String())
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("gopls-build %q created the output directory although it failed", tc.args)
			}
		})
	}
}

// checkLines returns the lines of gopls check output about files in mod,
// with paths relative to mod, sorted.
func checkLines(out, mod string) []string {
	var lines []string
	for line := range strings.Lines(out) {
		if rest, ok := strings.CutPrefix(line, mod+string(filepath.Separator)); ok {
			lines = append(lines, filepath.ToSlash(strings.TrimRight(rest, "\r\n")))
		}
	}
	slices.Sort(lines)
	return lines
}

// copyModule copies the module in dir to a new temporary directory and
// returns its path, with symbolic links resolved as gopls reports paths.
func copyModule(t *testing.T, dir string) string {
	t.Helper()
	tmp, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	mod := filepath.Join(tmp, filepath.Base(dir))
	if err := os.CopyFS(mod, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	return mod
}

func exeSuffix() string {
	if runtime.GOOS == "windows" {
		return ".exe"
	}
	return ""
}

// lspDiagnostic is the part of an LSP Diagnostic the test looks at.
type lspDiagnostic struct {
	Range           lspRange `json:"range"`
	Severity        int      `json:"severity"`
	Code            string   `json:"code"`
	CodeDescription *struct {
		Href string `json:"href"`
	} `json:"codeDescription"`
	Source             string `json:"source"`
	Message            string `json:"message"`
	RelatedInformation []struct {
		Location struct {
			URI   string   `json:"uri"`
			Range lspRange `json:"range"`
		} `json:"location"`
		Message string `json:"message"`
	} `json:"relatedInformation"`
}

type lspRange struct {
	Start struct {
		Line      int `json:"line"`
		Character int `json:"character"`
	} `json:"start"`
}

// testGoplsLSP runs gopls as a language server, opens two files and checks
// the acmlint diagnostics it publishes for them, as an editor sees them.
func testGoplsLSP(t *testing.T, gopls, mod string, env []string) {
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, gopls, "serve")
	cmd.Dir = mod
	cmd.Env = env
	var serverLog bytes.Buffer
	cmd.Stderr = &serverLog
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stdin.Close()
		if err := cmd.Wait(); err != nil && ctx.Err() == nil {
			t.Errorf("gopls serve: %v\n%s", err, serverLog.String())
		}
	}()
	c := &lspConn{w: stdin, r: bufio.NewReader(stdout)}

	fileURI := func(rel string) string {
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(mod, rel))}).String()
	}
	if err := c.call(1, "initialize", map[string]any{
		"processId":        nil,
		"rootUri":          fileURI("."),
		"workspaceFolders": []any{map[string]any{"uri": fileURI("."), "name": "acmgopls"}},
		"capabilities": map[string]any{
			"textDocument": map[string]any{
				"publishDiagnostics": map[string]any{"relatedInformation": true, "codeDescriptionSupport": true},
			},
		},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.await(1); err != nil {
		t.Fatalf("initialize: %v\n%s", err, serverLog.String())
	}
	if err := c.notify("initialized", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	open := []string{"app/app.go", "cache/cache.go"}
	for _, rel := range open {
		text, err := os.ReadFile(filepath.Join(mod, rel))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.notify("textDocument/didOpen", map[string]any{
			"textDocument": map[string]any{"uri": fileURI(rel), "languageId": "go", "version": 1, "text": string(text)},
		}); err != nil {
			t.Fatal(err)
		}
	}

	// gopls publishes type-checking diagnostics first and analysis ones
	// later; each publication replaces the previous one for its file.
	start := time.Now()
	diags := map[string][]lspDiagnostic{}
	haveAll := func() bool {
		for _, rel := range open {
			if !slices.ContainsFunc(diags[fileURI(rel)], func(d lspDiagnostic) bool { return d.Source == "acmlint" }) {
				return false
			}
		}
		return true
	}
	for !haveAll() {
		var p struct {
			URI         string          `json:"uri"`
			Diagnostics []lspDiagnostic `json:"diagnostics"`
		}
		method, params, err := c.next()
		if err != nil {
			t.Fatalf("waiting for acmlint diagnostics: %v; have %+v\n%s", err, diags, serverLog.String())
		}
		if method != "textDocument/publishDiagnostics" {
			continue
		}
		if err := json.Unmarshal(params, &p); err != nil {
			t.Fatal(err)
		}
		diags[p.URI] = p.Diagnostics
	}
	t.Logf("LSP: acmlint diagnostics for both files %s after opening them", time.Since(start).Round(time.Millisecond))

	wants := []struct {
		file, code, message, related string
		line, col, relatedLine       int // 0-based, as in LSP
	}{
		{"app/app.go", "leak", "f is opened by files.OpenLog at line 14 but not closed on the path that returns at line 20",
			"returns with f not closed", 13, 11, 19},
		{"app/app.go", "leak", "s is acquired at line 39 but not released on the path that returns at line 41",
			"returns with s not released", 38, 6, 40},
		{"cache/cache.go", "callback-panic", "fn runs at line 16 while c.mu is locked and its release is not deferred: if fn panics and a caller recovers, c.mu is never unlocked",
			"c.mu is locked here", 15, 1, 14},
	}
	// Only the expected findings: none for the functions that release, or
	// suppress the finding.
	acm := map[string][]lspDiagnostic{}
	for _, rel := range open {
		for _, d := range diags[fileURI(rel)] {
			if d.Source == "acmlint" {
				acm[rel] = append(acm[rel], d)
			}
		}
		n := 0
		for _, w := range wants {
			if w.file == rel {
				n++
			}
		}
		if len(acm[rel]) != n {
			t.Errorf("%s: %d acmlint diagnostics, want %d: %+v", rel, len(acm[rel]), n, acm[rel])
		}
	}
	for _, want := range wants {
		i := slices.IndexFunc(acm[want.file], func(d lspDiagnostic) bool { return d.Range.Start.Line == want.line })
		if i < 0 {
			t.Errorf("%s: no acmlint diagnostic on line %d", want.file, want.line+1)
			continue
		}
		d := acm[want.file][i]
		wantHref := "https://github.com/acmlint/acmlint#" + want.code
		if d.Code != want.code || d.CodeDescription == nil || d.CodeDescription.Href != wantHref {
			t.Errorf("%s: code %q, codeDescription %+v; want code %q linking to %s", want.file, d.Code, d.CodeDescription, want.code, wantHref)
		}
		if d.Message != want.message || d.Range.Start.Line != want.line || d.Range.Start.Character != want.col {
			t.Errorf("%s: diagnostic %q at %d:%d, want %q at %d:%d", want.file, d.Message,
				d.Range.Start.Line, d.Range.Start.Character, want.message, want.line, want.col)
		}
		if d.Severity != 2 {
			t.Errorf("%s: severity %d, want 2 (warning)", want.file, d.Severity)
		}
		if len(d.RelatedInformation) != 1 || d.RelatedInformation[0].Message != want.related ||
			d.RelatedInformation[0].Location.URI != fileURI(want.file) ||
			d.RelatedInformation[0].Location.Range.Start.Line != want.relatedLine {
			t.Errorf("%s: related information %+v, want %q at line %d", want.file, d.RelatedInformation, want.related, want.relatedLine)
		}
	}

	if err := c.call(2, "shutdown", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.await(2); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if err := c.notify("exit", nil); err != nil {
		t.Fatal(err)
	}
}

// lspConn is the client end of a JSON-RPC 2.0 connection with LSP's
// Content-Length framing. It answers every request from the server with a
// null result, which is enough for a client that declares no optional
// capabilities.
type lspConn struct {
	w io.Writer
	r *bufio.Reader
}

func (c *lspConn) send(msg map[string]any) error {
	msg["jsonrpc"] = "2.0"
	body, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(body), body)
	return err
}

func (c *lspConn) call(id int, method string, params any) error {
	return c.send(map[string]any{"id": id, "method": method, "params": params})
}

func (c *lspConn) notify(method string, params any) error {
	return c.send(map[string]any{"method": method, "params": params})
}

// next reads messages until a notification from the server and returns
// its method and parameters. It answers requests on the way.
func (c *lspConn) next() (method string, params json.RawMessage, err error) {
	for {
		m, err := c.read()
		if err != nil {
			return "", nil, err
		}
		if m.Method == "" {
			continue // a response to a call nobody awaits
		}
		if m.ID != nil {
			if err := c.send(map[string]any{"id": m.ID, "result": nil}); err != nil {
				return "", nil, err
			}
			continue
		}
		return m.Method, m.Params, nil
	}
}

// await reads messages until the response to call id, answering server
// requests and dropping notifications on the way.
func (c *lspConn) await(id int) (json.RawMessage, error) {
	for {
		m, err := c.read()
		if err != nil {
			return nil, err
		}
		if m.Method != "" {
			if m.ID != nil {
				if err := c.send(map[string]any{"id": m.ID, "result": nil}); err != nil {
					return nil, err
				}
			}
			continue
		}
		if string(m.ID) != strconv.Itoa(id) {
			continue
		}
		if m.Error != nil {
			return nil, fmt.Errorf("%s", m.Error)
		}
		return m.Result, nil
	}
}

type lspMessage struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
	Error  json.RawMessage `json:"error"`
}

func (c *lspConn) read() (*lspMessage, error) {
	hdr, err := textproto.NewReader(c.r).ReadMIMEHeader()
	if err != nil {
		return nil, fmt.Errorf("reading LSP header: %v", err)
	}
	n, err := strconv.Atoi(hdr.Get("Content-Length"))
	if err != nil {
		return nil, fmt.Errorf("bad LSP Content-Length %q", hdr.Get("Content-Length"))
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(c.r, body); err != nil {
		return nil, err
	}
	var m lspMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, fmt.Errorf("decoding LSP message: %v", err)
	}
	return &m, nil
}
