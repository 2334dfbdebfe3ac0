package main

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"sort"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// Site kinds.
const (
	kindDefer       = "defer"        // defer x.Unlock(), defer cancel(), defer func() { _ = f.Close() }()
	kindEarlyReturn = "early-return" // f.Close() in a branch that ends in a return
)

// A Site is one release statement whose deletion injects a leak.
type Site struct {
	Pkg       string `json:"pkg"`       // import path of the package
	File      string `json:"file"`      // file name, relative to the module root
	Func      string `json:"func"`      // enclosing function: "(*T).M", "F", "F.func2"
	FuncStart int    `json:"funcStart"` // first line of the enclosing function
	FuncEnd   int    `json:"funcEnd"`   // last line of the enclosing function
	Line      int    `json:"line"`      // line of the deleted statement
	Kind      string `json:"kind"`      // kindDefer or kindEarlyReturn
	Protocol  string `json:"protocol"`  // acmlint's built-in protocol ID
	Resource  string `json:"resource"`  // the resource as written: "c.mu", "resp.Body", "cancel"
	Stmt      string `json:"stmt"`      // the deleted statement as written
	// Replacement is what replaces the statement: empty, or assignments
	// to the blank identifier that keep a variable used ("_ = cancel").
	Replacement string `json:"replacement,omitempty"`
	// AcquiredAt is the line of the acquisition the site releases.
	AcquiredAt int `json:"acquiredAt"`
	// Via is the wrapper that acquired the resource ("(example.com/db.DB).Query"),
	// when it is not one of the catalog's enters: acmlint must infer it.
	Via string `json:"via,omitempty"`
	// OtherReleases are the lines of the other releases of the same
	// resource in the function (nested closures included).
	OtherReleases []int `json:"otherReleases,omitempty"`
	// RootedOutside: a lock or semaphore whose expression is rooted in a
	// receiver, parameter, global or call result, not a local.
	RootedOutside bool `json:"rootedOutside,omitempty"`
	// NotLeak, when set, says why deleting the statement creates no leak
	// (decided from the source, before running anything).
	NotLeak string `json:"notLeak,omitempty"`
	// Exempt, when set, says why the contract (SPEC.md) does not ask
	// acmlint to report the mutant in this function.
	Exempt string `json:"exempt,omitempty"`

	abs        string // absolute file name
	start, end int    // byte offsets of the statement in the file
}

// ID identifies a site in reports: "file.go:42".
func (s *Site) ID() string { return fmt.Sprintf("%s:%d", s.File, s.Line) }

// finder finds the release sites of one package.
type finder struct {
	fset    *token.FileSet
	info    *types.Info
	pkg     *types.Package
	cat     *catalog
	src     map[string][]byte // file contents by absolute name
	rel     func(abs string) string
	goVers  string    // the module's go version ("1.22"); timers matter below 1.23
	file    *ast.File // the file being searched
	recvExt map[string][]*protoDef
	sites   []Site
}

// findSites returns the release sites of a type-checked package, in file
// and line order. src holds each file's contents; rel maps a file name to
// the name used in reports.
func findSites(fset *token.FileSet, files []*ast.File, info *types.Info, pkg *types.Package, cat *catalog,
	src map[string][]byte, rel func(string) string, goVersion string) []Site {
	f := &finder{fset: fset, info: info, pkg: pkg, cat: cat, src: src, rel: rel, goVers: goVersion,
		recvExt: make(map[string][]*protoDef)}
	// The exits of receiver protocols by the exit method's key: the enter
	// "(*sync.Mutex).Lock" makes "(sync.Mutex).Unlock" an exit.
	for _, p := range cat.protos {
		if p.Kind != resReceiver {
			continue
		}
		for _, e := range p.Enters {
			k := normKey(e.Func)
			recv := k[:strings.Index(k, ").")+2]
			for _, x := range p.Exits {
				if !containsProto(f.recvExt[recv+x], p) {
					f.recvExt[recv+x] = append(f.recvExt[recv+x], p)
				}
			}
		}
	}
	for _, file := range files {
		if ast.IsGenerated(file) {
			continue
		}
		f.file = file
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			name := fd.Name.Name
			if fd.Recv != nil && len(fd.Recv.List) == 1 {
				name = "(" + types.ExprString(fd.Recv.List[0].Type) + ")." + name
			}
			f.function(fd, fd.Body, name)
			n := 0
			ast.Inspect(fd.Body, func(x ast.Node) bool {
				if lit, ok := x.(*ast.FuncLit); ok {
					n++
					f.function(lit, lit.Body, fmt.Sprintf("%s.func%d", name, n))
				}
				return true
			})
		}
	}
	sort.SliceStable(f.sites, func(i, j int) bool {
		a, b := &f.sites[i], &f.sites[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	return f.sites
}

func containsProto(ps []*protoDef, p *protoDef) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

// acq is an acquisition in a function.
type acq struct {
	proto *protoDef
	pos   token.Pos
	key   string
	expr  ast.Expr // the receiver of a receiver protocol's enter
	via   string   // a wrapper's key, when not acquired by a catalog enter
}

// release is a release call of a resource acquired in the function.
type release struct {
	acq      acq
	resource string
}

// inspectOwn walks the body of one function, not the bodies of the
// function literals in it (they are functions of their own).
func inspectOwn(body *ast.BlockStmt, fn func(ast.Node) bool) {
	ast.Inspect(body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		return fn(n)
	})
}

// relCall is a release call and its resource key.
type relCall struct {
	call *ast.CallExpr
	key  string
}

// function finds the sites of one function: decl is the *ast.FuncDecl or
// *ast.FuncLit, body its body.
func (f *finder) function(decl ast.Node, body *ast.BlockStmt, name string) {
	acqs := f.acquisitions(body)
	if len(acqs) == 0 {
		return
	}
	// Every release of an acquired resource, nested closures included
	// (a deferred closure that closes it counts), and which of them are
	// deferred by this function.
	var all []relCall
	ast.Inspect(body, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok {
			if r, ok := f.releaseOf(c, acqs); ok {
				all = append(all, relCall{c, r.acq.key})
			}
		}
		return true
	})
	// own are the calls this function runs itself: in its body or in the
	// closures it defers (not in closures it hands elsewhere).
	deferred := make(map[*ast.CallExpr]bool)
	own := make(map[*ast.CallExpr]bool)
	inspectOwn(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			own[n] = true
		case *ast.DeferStmt:
			if call := deferredRelease(n); call != nil {
				deferred[call] = true
			}
			if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				ast.Inspect(lit.Body, func(n ast.Node) bool {
					if c, ok := n.(*ast.CallExpr); ok {
						own[c] = true
					}
					return true
				})
			}
		}
		return true
	})
	candidates := func(stmt ast.Stmt, kind string, call *ast.CallExpr) {
		r, ok := f.releaseOf(call, acqs)
		if !ok {
			return
		}
		s := f.newSite(decl, name, stmt, kind, r)
		for _, o := range all {
			if o.key == r.acq.key && (o.call.Pos() < stmt.Pos() || o.call.Pos() >= stmt.End()) {
				s.OtherReleases = append(s.OtherReleases, f.fset.Position(o.call.Pos()).Line)
			}
		}
		f.classify(&s, stmt, body, all, r, deferred, own)
		f.sites = append(f.sites, s)
	}
	inspectOwn(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.DeferStmt:
			if call := deferredRelease(n); call != nil {
				candidates(n, kindDefer, call)
			}
		case *ast.IfStmt:
			for _, b := range []ast.Stmt{n.Body, n.Else} {
				if blk, ok := b.(*ast.BlockStmt); ok {
					f.earlyReturn(blk.List, candidates)
				}
			}
		case *ast.CaseClause:
			f.earlyReturn(n.Body, candidates)
		case *ast.CommClause:
			f.earlyReturn(n.Body, candidates)
		}
		return true
	})
}

// earlyReturn offers the release statements of a branch that ends in a
// return.
func (f *finder) earlyReturn(list []ast.Stmt, candidates func(ast.Stmt, string, *ast.CallExpr)) {
	if len(list) < 2 {
		return
	}
	if _, ok := list[len(list)-1].(*ast.ReturnStmt); !ok {
		return
	}
	for _, s := range list[:len(list)-1] {
		if call := releaseStmt(s); call != nil {
			candidates(s, kindEarlyReturn, call)
		}
	}
}

// releaseStmt returns the call of a statement of the form x.M() or
// _ = x.M(), or nil.
func releaseStmt(s ast.Stmt) *ast.CallExpr {
	switch s := s.(type) {
	case *ast.ExprStmt:
		c, _ := ast.Unparen(s.X).(*ast.CallExpr)
		return c
	case *ast.AssignStmt:
		if len(s.Lhs) == 1 && len(s.Rhs) == 1 && s.Tok == token.ASSIGN {
			if id, ok := s.Lhs[0].(*ast.Ident); ok && id.Name == "_" {
				c, _ := ast.Unparen(s.Rhs[0]).(*ast.CallExpr)
				return c
			}
		}
	}
	return nil
}

// deferredRelease returns the release call of defer x.M() or of
// defer func() { x.M() }() (a closure whose body is that one statement).
func deferredRelease(d *ast.DeferStmt) *ast.CallExpr {
	if lit, ok := ast.Unparen(d.Call.Fun).(*ast.FuncLit); ok {
		if len(d.Call.Args) == 0 && len(lit.Body.List) == 1 {
			return releaseStmt(lit.Body.List[0])
		}
		return nil
	}
	return d.Call
}

// acquisitions returns the acquisitions made in body (not in nested
// function literals), by resource key.
func (f *finder) acquisitions(body *ast.BlockStmt) map[string]acq {
	out := make(map[string]acq)
	add := func(a acq) {
		if _, dup := out[a.key]; !dup {
			out[a.key] = a
		}
	}
	results := func(lhs []ast.Expr, rhs []ast.Expr) {
		if len(rhs) != 1 {
			return
		}
		call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
		if !ok {
			return
		}
		fn, _ := typeutil.Callee(f.info, call).(*types.Func)
		if fn == nil {
			return
		}
		ident := func(i int) types.Object {
			if i >= len(lhs) {
				return nil
			}
			id, ok := lhs[i].(*ast.Ident)
			if !ok || id.Name == "_" {
				return nil
			}
			return f.info.ObjectOf(id)
		}
		enters := f.cat.enters[funcKey(fn)]
		for _, e := range enters {
			if e.Proto.Kind == resReceiver {
				continue
			}
			if obj := ident(e.Index); obj != nil {
				add(acq{proto: e.Proto, pos: call.Pos(), key: varKey(obj, e.Field)})
			}
		}
		if len(enters) > 0 || typeutil.StaticCallee(f.info, call) == nil {
			return
		}
		// A wrapper: a static callee returning a resource type.
		var results []types.Type
		switch t := f.info.TypeOf(call).(type) {
		case *types.Tuple:
			for i := range t.Len() {
				results = append(results, t.At(i).Type())
			}
		case nil:
		default:
			results = []types.Type{t}
		}
		for i, t := range results {
			if p := f.cat.wrapped(t); p != nil {
				if obj := ident(i); obj != nil {
					add(acq{proto: p, pos: call.Pos(), key: varKey(obj, ""), via: funcKey(fn)})
				}
			}
		}
	}
	inspectOwn(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			results(n.Lhs, n.Rhs)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				lhs[i] = id
			}
			results(lhs, n.Values)
		case *ast.CallExpr:
			sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
			if !ok {
				break
			}
			fn, _ := typeutil.Callee(f.info, n).(*types.Func)
			if fn == nil {
				break
			}
			for _, e := range f.cat.enters[funcKey(fn)] {
				if e.Proto.Kind == resReceiver {
					add(acq{proto: e.Proto, pos: n.Pos(), key: recvKey(e.Proto, sel.X), expr: sel.X})
				}
			}
		}
		return true
	})
	return out
}

func varKey(obj types.Object, field string) string {
	return fmt.Sprintf("var:%d:%s:%s", obj.Pos(), obj.Name(), field)
}

func recvKey(p *protoDef, x ast.Expr) string {
	return "recv:" + p.ID + ":" + types.ExprString(x)
}

// releaseOf reports whether call releases a resource acquired earlier in
// the function (acqs), and which.
func (f *finder) releaseOf(call *ast.CallExpr, acqs map[string]acq) (release, bool) {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident: // cancel()
		obj := f.info.Uses[fun]
		if obj == nil {
			return release{}, false
		}
		if a, ok := acqs[varKey(obj, "")]; ok && a.proto.Kind == resFunc && a.pos < call.Pos() {
			return release{acq: a, resource: fun.Name}, true
		}
	case *ast.SelectorExpr:
		fn, _ := f.info.Uses[fun.Sel].(*types.Func)
		if fn == nil {
			return release{}, false
		}
		// A lock-like release: the same receiver expression was acquired.
		for _, p := range f.recvExt[funcKey(fn)] {
			if a, ok := acqs[recvKey(p, fun.X)]; ok && a.pos < call.Pos() {
				return release{acq: a, resource: types.ExprString(fun.X)}, true
			}
		}
		// A result (or a field of one) held in a local variable.
		base, field := ast.Unparen(fun.X), ""
		if sel, ok := base.(*ast.SelectorExpr); ok {
			if s := f.info.Selections[sel]; s != nil && s.Kind() == types.FieldVal {
				base, field = ast.Unparen(sel.X), sel.Sel.Name
			}
		}
		id, ok := base.(*ast.Ident)
		if !ok {
			return release{}, false
		}
		obj := f.info.Uses[id]
		if obj == nil {
			return release{}, false
		}
		if a, ok := acqs[varKey(obj, field)]; ok && a.proto.Kind == resResult && a.proto.hasExit(fn.Name()) && a.pos < call.Pos() {
			// Through a wrapper, only the resource type's own exit
			// releases (a wrapper type's Close may do anything).
			if a.via == "" || funcKey(fn) == "("+a.proto.ResType+")."+fn.Name() {
				return release{acq: a, resource: types.ExprString(fun.X)}, true
			}
		}
	}
	return release{}, false
}

// newSite describes the deletion of stmt.
func (f *finder) newSite(decl ast.Node, name string, stmt ast.Stmt, kind string, r release) Site {
	p := f.fset.Position(stmt.Pos())
	end := f.fset.Position(stmt.End())
	src := f.src[p.Filename]
	s := Site{
		File:       f.rel(p.Filename),
		Func:       name,
		FuncStart:  f.fset.Position(decl.Pos()).Line,
		FuncEnd:    f.fset.Position(decl.End()).Line,
		Line:       p.Line,
		Kind:       kind,
		Protocol:   r.acq.proto.ID,
		Resource:   r.resource,
		AcquiredAt: f.fset.Position(r.acq.pos).Line,
		Via:        r.acq.via,
		abs:        p.Filename,
		start:      p.Offset,
		end:        end.Offset,
	}
	if src != nil && end.Offset <= len(src) {
		s.Stmt = string(src[p.Offset:end.Offset])
	}
	s.Replacement = f.keepUsed(stmt)
	return s
}

// keepUsed returns the statement that keeps the local variables used in
// stmt used after its deletion ("_ = cancel"), or "" when none would be
// left unused (the mutant would not compile: "declared and not used").
func (f *finder) keepUsed(stmt ast.Stmt) string {
	locals := make(map[types.Object]bool)
	var order []types.Object
	ast.Inspect(stmt, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		v, ok := f.info.Uses[id].(*types.Var)
		if !ok || v.IsField() || v.Parent() == nil || v.Parent() == f.pkg.Scope() || v.Pkg() != f.pkg {
			return true
		}
		if !locals[v] {
			locals[v] = true
			order = append(order, v)
		}
		return true
	})
	if len(order) == 0 {
		return ""
	}
	// Uses elsewhere in the file (closures included), except as the
	// target of a plain assignment, which the compiler does not count.
	assigned := make(map[*ast.Ident]bool)
	ast.Inspect(f.file, func(n ast.Node) bool {
		if a, ok := n.(*ast.AssignStmt); ok && a.Tok == token.ASSIGN {
			for _, l := range a.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					assigned[id] = true
				}
			}
		}
		return true
	})
	used := make(map[types.Object]bool)
	ast.Inspect(f.file, func(n ast.Node) bool {
		if n == stmt {
			return false
		}
		if id, ok := n.(*ast.Ident); ok && !assigned[id] {
			if obj := f.info.Uses[id]; obj != nil && locals[obj] {
				used[obj] = true
			}
		}
		return true
	})
	var keep []string
	for _, v := range order {
		if !used[v] {
			keep = append(keep, "_ = "+v.Name())
		}
	}
	return strings.Join(keep, "; ")
}

// classify decides, from the source, mutants that create no leak and
// mutants the contract exempts.
func (f *finder) classify(s *Site, stmt ast.Stmt, body *ast.BlockStmt, all []relCall, r release, deferred, own map[*ast.CallExpr]bool) {
	if (s.Protocol == "time.Ticker" || s.Protocol == "time.Timer") && !versionBefore(f.goVers, "1.23") {
		s.NotLeak = fmt.Sprintf("the module's go version (%s) is 1.23 or later: unstopped timers and tickers are collected, and acmlint checks them only below go1.23", f.goVers)
		return
	}
	for _, o := range all {
		if o.key != r.acq.key || !deferred[o.call] || (o.call.Pos() >= stmt.Pos() && o.call.Pos() < stmt.End()) {
			continue
		}
		line := f.fset.Position(o.call.Pos()).Line
		if s.Kind == kindDefer {
			s.NotLeak = fmt.Sprintf("the resource is also released by the defer at line %d", line)
			return
		}
		if o.call.Pos() < stmt.Pos() {
			s.NotLeak = fmt.Sprintf("the defer at line %d already releases the resource on this return", line)
			return
		}
	}
	if r.acq.proto.Shared {
		s.RootedOutside = rootedOutside(f.info, r.acq.expr, body)
		ownOthers := 0
		for _, o := range all {
			if o.key == r.acq.key && own[o.call] && (o.call.Pos() < stmt.Pos() || o.call.Pos() >= stmt.End()) {
				ownOthers++
			}
		}
		if s.RootedOutside && ownOthers == 0 {
			s.Exempt = "the lock is rooted outside the function and, once the release is deleted, no path releases it: the function is an enter wrapper (a lock helper) by the contract, and its callers are checked instead"
		}
	}
}

// rootedOutside reports whether a lock expression is rooted outside the
// function: in a receiver, parameter, captured or package variable, or a
// call result.
func rootedOutside(info *types.Info, x ast.Expr, body *ast.BlockStmt) bool {
	for {
		switch e := x.(type) {
		case *ast.ParenExpr:
			x = e.X
		case *ast.StarExpr:
			x = e.X
		case *ast.UnaryExpr:
			x = e.X
		case *ast.IndexExpr:
			x = e.X
		case *ast.SelectorExpr:
			if _, ok := info.Uses[e.Sel].(*types.Var); ok {
				if id, ok := e.X.(*ast.Ident); ok {
					if _, isPkg := info.Uses[id].(*types.PkgName); isPkg {
						return true // a package-level variable of another package
					}
				}
			}
			x = e.X
		case *ast.Ident:
			obj := info.Uses[e]
			if obj == nil {
				return true
			}
			if obj.Pos() < body.Pos() || obj.Pos() >= body.End() {
				return true
			}
			// A local pointer is rooted where it points: outside,
			// unless the function allocated what it points to.
			if _, ptr := obj.Type().Underlying().(*types.Pointer); !ptr {
				return false
			}
			return !allocatedLocally(info, obj, body)
		default:
			return true
		}
	}
}

// allocatedLocally reports whether every assignment to the local pointer
// obj in body is a new allocation (&T{...} or new(T)).
func allocatedLocally(info *types.Info, obj types.Object, body *ast.BlockStmt) bool {
	alloc := func(x ast.Expr) bool {
		switch x := ast.Unparen(x).(type) {
		case *ast.UnaryExpr:
			_, lit := ast.Unparen(x.X).(*ast.CompositeLit)
			return x.Op == token.AND && lit
		case *ast.CallExpr:
			id, ok := ast.Unparen(x.Fun).(*ast.Ident)
			if !ok {
				return false
			}
			b, ok := info.Uses[id].(*types.Builtin)
			return ok && b.Name() == "new"
		}
		return false
	}
	ok, seen := true, false
	ast.Inspect(body, func(n ast.Node) bool {
		var lhs, rhs []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			lhs, rhs = n.Lhs, n.Rhs
		case *ast.ValueSpec:
			for _, id := range n.Names {
				lhs = append(lhs, id)
			}
			rhs = n.Values
		default:
			return true
		}
		for i, l := range lhs {
			id, isID := l.(*ast.Ident)
			if !isID || info.ObjectOf(id) != obj {
				continue
			}
			seen = true
			if len(rhs) != len(lhs) || !alloc(rhs[i]) {
				ok = false
			}
		}
		return true
	})
	return ok && seen
}

// versionBefore reports whether go version v ("1.22", "1.22.3",
// "go1.22") is older than w ("1.23"). An empty v is taken as old.
func versionBefore(v, w string) bool {
	if v == "" {
		return true
	}
	return version.Compare("go"+strings.TrimPrefix(v, "go"), "go"+w) < 0
}
