package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixture is a type-checked one-file package.
type fixture struct {
	fset *token.FileSet
	file *ast.File
	info *types.Info
	pkg  *types.Package
	src  []byte
	name string
}

// loader type-checks one-file packages, sharing the imported packages.
type loader struct {
	fset *token.FileSet
	imp  types.Importer
}

func newLoader() *loader {
	fset := token.NewFileSet()
	return &loader{fset: fset, imp: importer.ForCompiler(fset, "source", nil)}
}

// load type-checks src as the package's only file and returns its type
// errors.
func (l *loader) load(t *testing.T, name string, src []byte) (*fixture, error) {
	t.Helper()
	fset := l.fset
	file, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types:      make(map[ast.Expr]types.TypeAndValue),
		Defs:       make(map[*ast.Ident]types.Object),
		Uses:       make(map[*ast.Ident]types.Object),
		Selections: make(map[*ast.SelectorExpr]*types.Selection),
	}
	conf := types.Config{Importer: l.imp}
	pkg, err := conf.Check("a", fset, []*ast.File{file}, info)
	return &fixture{fset: fset, file: file, info: info, pkg: pkg, src: src, name: name}, err
}

func (fx *fixture) sites() []Site {
	return findSites(fx.fset, []*ast.File{fx.file}, fx.info, fx.pkg, newCatalog(builtinProtocols()),
		map[string][]byte{fx.name: fx.src}, filepath.Base, "1.22")
}

func loadFixture(t *testing.T, l *loader) *fixture {
	t.Helper()
	name, err := filepath.Abs(filepath.Join("testdata", "sites", "a.go"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	fx, err := l.load(t, name, src)
	if err != nil {
		t.Fatalf("fixture does not type-check: %v", err)
	}
	return fx
}

func summary(s Site) string {
	out := fmt.Sprintf("%s %s %s %s %q", s.Func, s.Kind, s.Protocol, s.Resource, s.Stmt)
	if s.Replacement != "" {
		out += " replace=" + s.Replacement
	}
	if s.Exempt != "" {
		out += " exempt"
	}
	if s.Via != "" {
		out += " via " + s.Via
	}
	if s.NotLeak != "" {
		out += " not-a-leak"
	}
	return out
}

func TestFindSites(t *testing.T) {
	fx := loadFixture(t, newLoader())
	var got []string
	for _, s := range fx.sites() {
		got = append(got, summary(s))
	}
	want := []string{
		`(*S).Inc defer sync.Mutex s.mu "defer s.mu.Unlock()" exempt`,
		`(*S).Get early-return sync.Mutex s.mu "s.mu.Unlock()"`,
		`Wait defer context.CancelFunc cancel "defer cancel()" replace=_ = cancel`,
		`Read early-return os.File f "_ = f.Close()"`,
		`Both defer os.File f "defer func() { _ = f.Close() }()"`,
		`Both early-return os.File f "f.Close()" not-a-leak`,
		`Local defer sync.Mutex mu "defer mu.Unlock()"`,
		`Closure.func1 defer os.File f "defer f.Close()" replace=_ = f`,
		`Wrapped defer os.File f "defer f.Close()" replace=_ = f via a.open`,
		`Embedded defer os.File f "defer f.Close()" replace=_ = f via a.openFile`,
		`(*Provider).Alias defer sync.Mutex ps.mu "defer ps.mu.Unlock()" exempt`,
		`Fresh defer sync.Mutex ps.mu "defer ps.mu.Unlock()"`,
		`(*S).Unwatch defer sync.Mutex s.mu "defer s.mu.Unlock()" exempt`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sites:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSiteRanges(t *testing.T) {
	fx := loadFixture(t, newLoader())
	for _, s := range fx.sites() {
		if s.Line < s.FuncStart || s.Line > s.FuncEnd || s.AcquiredAt < s.FuncStart || s.AcquiredAt >= s.Line {
			t.Errorf("%s: line %d, acquired at %d, function %d-%d", s.ID(), s.Line, s.AcquiredAt, s.FuncStart, s.FuncEnd)
		}
		if got := string(fx.src[s.start:s.end]); got != s.Stmt {
			t.Errorf("%s: offsets select %q, want %q", s.ID(), got, s.Stmt)
		}
	}
}

// Every mutant of the fixture compiles, keeps every line number, and no
// longer has the deleted release.
func TestApply(t *testing.T) {
	l := newLoader()
	fx := loadFixture(t, l)
	sites := fx.sites()
	for _, s := range sites {
		t.Run(s.ID(), func(t *testing.T) {
			m := apply(fx.src, &s)
			if a, b := bytes.Count(fx.src, []byte("\n")), bytes.Count(m, []byte("\n")); a != b {
				t.Fatalf("mutant has %d lines, original %d", b, a)
			}
			mfx, err := l.load(t, fx.name, m)
			if err != nil {
				t.Fatalf("mutant does not compile: %v\n%s", err, m)
			}
			for _, ms := range mfx.sites() {
				if ms.Line == s.Line && ms.Func == s.Func {
					t.Errorf("mutant still has the release at line %d: %s", s.Line, ms.Stmt)
				}
			}
			if s.Replacement != "" && !strings.Contains(lineOf(m, s.Line), s.Replacement) {
				t.Errorf("line %d of the mutant is %q, want %q", s.Line, lineOf(m, s.Line), s.Replacement)
			}
		})
	}
}

// Without the _ = cancel the cancel mutant would not compile: the
// replacement is needed, not decoration.
func TestApplyNeedsBlank(t *testing.T) {
	l := newLoader()
	fx := loadFixture(t, l)
	for _, s := range fx.sites() {
		if s.Func != "Wait" {
			continue
		}
		s.Replacement = ""
		_, err := l.load(t, fx.name, apply(fx.src, &s))
		if err == nil || !strings.Contains(err.Error(), "declared and not used: cancel") {
			t.Fatalf("deleting defer cancel() without a replacement: err = %v, want declared and not used", err)
		}
		return
	}
	t.Fatal("no site in Wait")
}

func lineOf(src []byte, n int) string {
	lines := strings.Split(string(src), "\n")
	if n-1 < len(lines) {
		return lines[n-1]
	}
	return ""
}

func TestTimersNotLeakSince123(t *testing.T) {
	src := []byte(`package a

import "time"

func Tick(f func()) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for range t.C {
		f()
	}
}
`)
	fx, err := newLoader().load(t, "/x/a.go", src)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		goVersion string
		notLeak   bool
	}{{"1.22", false}, {"1.22.5", false}, {"1.23", true}, {"1.26.0", true}} {
		sites := findSites(fx.fset, []*ast.File{fx.file}, fx.info, fx.pkg, newCatalog(builtinProtocols()),
			map[string][]byte{fx.name: src}, filepath.Base, tc.goVersion)
		if len(sites) != 1 {
			t.Fatalf("go %s: %d sites, want 1", tc.goVersion, len(sites))
		}
		if got := sites[0].NotLeak != ""; got != tc.notLeak {
			t.Errorf("go %s: not a leak = %v, want %v", tc.goVersion, got, tc.notLeak)
		}
	}
}

func TestSample(t *testing.T) {
	var sites []Site
	for i := range 30 {
		p := "os.File"
		if i%10 == 0 {
			p = "sync.Mutex"
		}
		sites = append(sites, Site{File: "a.go", Line: i + 1, Protocol: p})
	}
	a := sample(append([]Site(nil), sites...), 6, 1, "m")
	b := sample(append([]Site(nil), sites...), 6, 1, "m")
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("same seed, different samples")
	}
	n := 0
	for _, s := range a {
		if s.Protocol == "sync.Mutex" {
			n++
		}
	}
	if len(a) != 6 || n != 3 {
		t.Errorf("sample of 6 has %d sites, %d mutex sites; want 6 and 3 (spread across protocols)", len(a), n)
	}
	if c := sample(append([]Site(nil), sites...), 6, 2, "m"); fmt.Sprint(a) == fmt.Sprint(c) {
		t.Errorf("seeds 1 and 2 give the same sample")
	}
}

func TestSplitPosn(t *testing.T) {
	for posn, want := range map[string]string{
		"/a/b.go:12:3":  "/a/b.go 12",
		"/a/b.go:12":    "/a/b.go 12",
		"C:/a/b.go:7:1": "C:/a/b.go 7",
	} {
		f, l := splitPosn(posn)
		if got := fmt.Sprintf("%s %d", f, l); got != want {
			t.Errorf("splitPosn(%q) = %s, want %s", posn, got, want)
		}
	}
}
