package analyzer

// Suggested fixes. Each is offered only where the edited code compiles
// and keeps its meaning apart from the release it adds: the resource's
// name resolves to the same variable where the defer goes, the defer is
// not inside a loop, the enter's error check comes first, and the
// explicit releases a defer makes redundant are removed only where each
// ends its path.

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"go/types"
	"go/version"
	"slices"
	"strings"

	"github.com/acmlint/acmlint/analyzer/internal/protocol"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// deferFix builds the fix that defers r's release right after the
// acquisition (after the enter's error check). For a transaction the
// deferred release is Rollback and an explicit Commit stays. Explicit
// releases that each end a path (directly followed by a return, or last
// in the body) are removed, since the defer now does it; any other
// explicit release blocks the fix for a single-release protocol (a
// second Unlock is fatal) and for an exit whose result must be used, and
// is kept otherwise (closing twice is harmless). needExplicit asks for at
// least one explicit release to replace (callback-panic: the release is
// there, only not deferred). When the exit's result must be used, the
// defer is a closure joining that result into the function's named error
// result (see joinDefer).
func (fa *funcAnalysis) deferFix(r *resource, needExplicit bool) (analysis.SuggestedFix, bool) {
	c, fn := fa.c, fa.fn
	var none analysis.SuggestedFix
	if r.global || r.via != "" || r.root == nil || r.call == nil {
		return none, false
	}
	name := c.resourceName(r)
	rootIdent := rootIdentOf(name)
	if rootIdent == "" {
		return none, false
	}
	// The release: "name.Exit()" or, for a cancel func, "name()".
	exit, keep := "", false
	switch {
	case r.funcRes:
	case r.proto.HasExit("Rollback") && r.proto.HasExit("Commit"):
		exit, keep = "Rollback", true // Rollback after a Commit fails by design: its result is not used
	default:
		t := c.resourceType(r)
		for _, e := range r.proto.Exits {
			if token.IsIdentifier(e) && t != nil && nullaryMethod(t, c.pass.Pkg, e) {
				exit = e
				break
			}
		}
		if exit == "" {
			return none, false
		}
	}
	release := name + "()"
	if exit != "" {
		release = name + "." + exit + "()"
	}
	mustUse := !keep && exit != "" && r.proto.IsMustUse(exit) && fa.mustUseApplies(r)

	ce, path := c.callExprAt(r.call)
	if ce == nil {
		return none, false
	}
	stmt, list := enclosingStmt(path)
	if stmt == nil || inLoop(path) {
		return none, false
	}
	idx := slices.Index(list, stmt)
	after := stmt
	switch r.when {
	case protocol.BoolTrue:
		// "if !mu.TryLock() { return }": the defer goes after the if.
		ifs, ok := stmt.(*ast.IfStmt)
		if !ok || ifs.Init != nil || ifs.Else != nil || !terminates(ifs.Body) {
			return none, false
		}
		if not, ok := ast.Unparen(ifs.Cond).(*ast.UnaryExpr); !ok || not.Op != token.NOT || ast.Unparen(not.X) != ce {
			return none, false
		}
	case protocol.ErrNil:
		// The defer goes after "if err != nil { return ... }": before it
		// the resource may be nil.
		if idx+1 >= len(list) {
			return none, false
		}
		ifs, ok := list[idx+1].(*ast.IfStmt)
		if !ok || ifs.Init != nil || ifs.Else != nil || !c.checksErrorOf(ifs, stmt) || !terminates(ifs.Body) {
			return none, false
		}
		after = ifs
	}
	// The name must mean the same variable where the defer goes.
	scope := c.pass.Pkg.Scope().Innermost(after.End())
	if scope == nil {
		return none, false
	}
	if _, obj := scope.LookupParent(rootIdent, after.End()); obj == nil || !c.declaredBy(obj, stmt) {
		return none, false
	}

	body := funcBody(fn)
	if body == nil {
		return none, false
	}
	var edits []analysis.TextEdit
	single := r.proto.Single
	ok := true
	if !keep {
		explicit := 0
		ast.Inspect(body, func(n ast.Node) bool {
			if _, isLit := n.(*ast.FuncLit); isLit {
				return false
			}
			if call, isCall := n.(*ast.CallExpr); isCall && call.Pos() > stmt.End() && exprString(call) == release {
				explicit++
			}
			stmts, ok := stmtList(n)
			if !ok {
				return true
			}
			for i, s := range stmts {
				if s.Pos() < stmt.End() {
					continue
				}
				// A later "defer name.Exit()" is replaced by the new one.
				if ds, isDefer := s.(*ast.DeferStmt); isDefer && exprString(ds.Call) == release {
					edits = append(edits, analysis.TextEdit{Pos: c.lineStart(ds.Pos()), End: c.lineEnd(ds.End())})
					explicit--
					continue
				}
				es, isExpr := s.(*ast.ExprStmt)
				if !isExpr || exprString(es.X) != release {
					continue
				}
				endsPath := false
				if i+1 < len(stmts) {
					// A return that calls nothing: the deferred release
					// then runs with nothing done in between.
					ret, isRet := stmts[i+1].(*ast.ReturnStmt)
					endsPath = isRet && !hasCall(ret)
				} else {
					endsPath = n == body
				}
				if !endsPath {
					continue
				}
				edits = append(edits, analysis.TextEdit{Pos: c.lineStart(es.Pos()), End: c.lineEnd(es.End())})
			}
			return true
		})
		// Calls not removed (in an if, an assignment, a non-final
		// statement) stay: fatal twice for a lock, and an unchecked
		// second result for a must-use exit.
		if explicit > len(edits) && (single || mustUse) {
			ok = false
		}
		if needExplicit && len(edits) == 0 {
			ok = false
		}
	}
	if !ok {
		return none, false
	}
	indent := c.indentOf(stmt.Pos())
	var text string
	if mustUse {
		deferText, extra, ok := c.joinDefer(fn, release, after.End())
		if !ok {
			return none, false
		}
		text = "\n" + indent + deferText
		edits = append(edits, extra...)
	} else {
		var buf bytes.Buffer
		if err := printer.Fprint(&buf, token.NewFileSet(), mustParseExpr(release)); err != nil {
			return none, false
		}
		text = "\n" + indent + "defer " + buf.String()
	}
	// At the end of the line, after any comment on it.
	at := c.lineEnd(after.End()) - 1
	if src := c.fileSource(c.pass.Fset.File(at)); src == nil || src[c.pass.Fset.File(at).Offset(at)] != '\n' {
		return none, false
	}
	edits = append([]analysis.TextEdit{{Pos: at, End: at, NewText: []byte(text)}}, edits...)
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Defer %s right after the acquisition", release),
		TextEdits: edits,
	}, true
}

// joinFix builds the fix for a deferred exit whose result is dropped:
// "defer f.Close()" becomes a deferred closure that joins the error into
// the function's named error result.
func (c *checker) joinFix(fn *ssa.Function, d *ssa.Defer) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	var ds *ast.DeferStmt
	for _, n := range c.enclosing(d.Pos()) {
		if s, ok := n.(*ast.DeferStmt); ok && s.Defer == d.Pos() {
			ds = s
			break
		}
	}
	if ds == nil {
		return none, false
	}
	// The closure evaluates the receiver and arguments when it runs, not
	// at the defer: only for a variable assigned once, and no arguments.
	sel, ok := ast.Unparen(ds.Call.Fun).(*ast.SelectorExpr)
	if !ok || len(ds.Call.Args) != 0 {
		return none, false
	}
	root := rootIdentOf(exprString(sel.X))
	if root == "" || c.assignedAfter(funcBody(fn), root, ds) {
		return none, false
	}
	text, extra, ok := c.joinDefer(fn, exprString(ds.Call), ds.Pos())
	if !ok {
		return none, false
	}
	edits := append([]analysis.TextEdit{{Pos: ds.Pos(), End: ds.End(), NewText: []byte(text)}}, extra...)
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Join the error of %s into the function's error result", exprString(ds.Call)),
		TextEdits: edits,
	}, true
}

// joinDefer returns "defer func() { err = errors.Join(err, call) }()"
// for a defer placed at pos in fn, plus the edits it needs: naming the
// results when they are unnamed (the error result becomes err, the
// others _), and importing errors. It fails where that would not compile
// or would mean something else: no error result, a language version
// before errors.Join (go1.20), err already declared in the function's
// outermost block, err (or the named result) shadowed at pos, or errors
// naming something else.
func (c *checker) joinDefer(fn *ssa.Function, call string, pos token.Pos) (string, []analysis.TextEdit, bool) {
	var ft *ast.FuncType
	switch syn := fn.Syntax().(type) {
	case *ast.FuncDecl:
		ft = syn.Type
	case *ast.FuncLit:
		ft = syn.Type
	}
	sig := fn.Signature
	res := sig.Results()
	if ft == nil || ft.Results == nil || res.Len() == 0 || !types.Identical(res.At(res.Len()-1).Type(), errorType) {
		return "", nil, false
	}
	file := c.fileOf(pos)
	if file == nil {
		return "", nil, false
	}
	if v := c.pass.TypesInfo.FileVersions[file]; v != "" && version.Compare(v, "go1.20") < 0 {
		return "", nil, false
	}
	scope := c.pass.Pkg.Scope().Innermost(pos)
	fnScope := c.pass.TypesInfo.Scopes[ft]
	if scope == nil || fnScope == nil {
		return "", nil, false
	}
	var edits []analysis.TextEdit
	errVar := res.At(res.Len() - 1)
	name := errVar.Name()
	switch name {
	case "_":
		return "", nil, false
	case "":
		// Name the results: (T, error) becomes (_ T, err error).
		name = "err"
		if obj := fnScope.Lookup(name); obj != nil && !c.redeclarable(funcBody(fn), obj) {
			return "", nil, false
		}
		// At the defer, err must be the outermost one (which becomes the
		// result) or not declared in the function at all.
		if _, obj := scope.LookupParent(name, pos); obj != nil && obj.Parent() != fnScope && obj.Parent() != types.Universe && obj.Parent() != c.pass.Pkg.Scope() {
			return "", nil, false
		}
		src := c.fileSource(c.pass.Fset.File(pos))
		if src == nil {
			return "", nil, false
		}
		tf := c.pass.Fset.File(pos)
		var parts []string
		for i, f := range ft.Results.List {
			typ := string(src[tf.Offset(f.Type.Pos()):tf.Offset(f.Type.End())])
			if i == len(ft.Results.List)-1 {
				parts = append(parts, name+" "+typ)
			} else {
				parts = append(parts, "_ "+typ)
			}
		}
		edits = append(edits, analysis.TextEdit{Pos: ft.Results.Pos(), End: ft.Results.End(), NewText: []byte("(" + strings.Join(parts, ", ") + ")")})
	default:
		if _, obj := scope.LookupParent(name, pos); obj != errVar {
			return "", nil, false
		}
	}
	// errors.Join: the errors package, imported if it is not yet.
	switch _, obj := scope.LookupParent("errors", pos); o := obj.(type) {
	case nil:
		edits = append(edits, c.addImport(file, "errors"))
	case *types.PkgName:
		if o.Imported().Path() != "errors" {
			return "", nil, false
		}
	default:
		return "", nil, false
	}
	return fmt.Sprintf("defer func() { %s = errors.Join(%s, %s) }()", name, name, call), edits, true
}

// redeclarable reports whether naming the error result after obj, a
// variable of the function's outermost block, still compiles and keeps
// the meaning: obj is declared by a ":=" that declares another new
// variable too (so it then assigns the result instead), and has type
// error.
func (c *checker) redeclarable(body *ast.BlockStmt, obj types.Object) bool {
	if body == nil || !types.Identical(obj.Type(), errorType) {
		return false
	}
	ok := false
	for _, st := range body.List {
		as, isAssign := st.(*ast.AssignStmt)
		if !isAssign || as.Tok != token.DEFINE {
			continue
		}
		declares, others := false, false
		for _, l := range as.Lhs {
			id, isIdent := l.(*ast.Ident)
			if !isIdent || c.pass.TypesInfo.Defs[id] == nil {
				continue
			}
			if c.pass.TypesInfo.Defs[id] == obj {
				declares = true
			} else {
				others = true
			}
		}
		if declares {
			ok = others
		}
	}
	return ok
}

// addImport returns the edit importing path in file.
func (c *checker) addImport(file *ast.File, path string) analysis.TextEdit {
	spec := fmt.Sprintf("%q", path)
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		if gd.Lparen.IsValid() && len(gd.Specs) > 0 {
			return analysis.TextEdit{Pos: gd.Specs[0].Pos(), End: gd.Specs[0].Pos(), NewText: []byte(spec + "\n\t")}
		}
		return analysis.TextEdit{Pos: gd.Pos(), End: gd.Pos(), NewText: []byte("import " + spec + "\n")}
	}
	return analysis.TextEdit{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte("\n\nimport " + spec)}
}

// resourceType is the static type of r's handle: the root's type
// followed along the field path.
func (c *checker) resourceType(r *resource) types.Type {
	t := r.root.Type()
	// A captured variable is a free variable holding its address.
	if p, ok := t.Underlying().(*types.Pointer); ok {
		if _, ok := p.Elem().Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
	}
	for _, f := range r.path {
		obj, _, _ := types.LookupFieldOrMethod(t, true, c.pass.Pkg, f)
		v, ok := obj.(*types.Var)
		if !ok {
			return nil
		}
		t = v.Type()
	}
	return t
}

// nullaryMethod reports whether t (or *t) has a method name that can be
// called without arguments (span.End(...options)).
func nullaryMethod(t types.Type, pkg *types.Package, name string) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, true, pkg, name)
	m, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	sig, ok := m.Type().(*types.Signature)
	return ok && (sig.Params().Len() == 0 || sig.Params().Len() == 1 && sig.Variadic())
}

// rootIdentOf returns the leftmost identifier of a selector chain
// ("resp" of "resp.Body"), or "" if name is not such a chain.
func rootIdentOf(name string) string {
	e, err := parser.ParseExpr(name)
	if err != nil {
		return ""
	}
	for {
		switch x := e.(type) {
		case *ast.Ident:
			return x.Name
		case *ast.SelectorExpr:
			e = x.X
		default:
			return ""
		}
	}
}

func mustParseExpr(s string) ast.Expr {
	e, err := parser.ParseExpr(s)
	if err != nil {
		return &ast.BadExpr{}
	}
	return e
}

// enclosingStmt finds, on a path from a node outwards, the statement
// directly in a statement list (a block or a case body), and that list.
// It stops at the enclosing function.
func enclosingStmt(path []ast.Node) (ast.Stmt, []ast.Stmt) {
	for i, n := range path {
		if _, ok := n.(*ast.FuncLit); ok {
			return nil, nil
		}
		s, ok := n.(ast.Stmt)
		if !ok || i+1 >= len(path) {
			continue
		}
		if list, ok := stmtList(path[i+1]); ok {
			return s, list
		}
	}
	return nil, nil
}

// stmtList returns the statements of a block or a case body.
func stmtList(n ast.Node) ([]ast.Stmt, bool) {
	switch b := n.(type) {
	case *ast.BlockStmt:
		return b.List, true
	case *ast.CaseClause:
		return b.Body, true
	case *ast.CommClause:
		return b.Body, true
	}
	return nil, false
}

// inLoop reports whether the path crosses a loop before the enclosing
// function: a defer there would run only when the function returns.
func inLoop(path []ast.Node) bool {
	for _, n := range path {
		switch n.(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		}
	}
	return false
}

// hasCall reports whether n contains a call.
func hasCall(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if _, ok := n.(*ast.CallExpr); ok {
			found = true
		}
		return !found
	})
	return found
}

// terminates reports whether a block's last statement leaves it: a
// return, a branch, a panic, or a call to a function that never returns
// as the standard library and testing spell them.
func terminates(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	switch s := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.ExprStmt:
		call, ok := s.X.(*ast.CallExpr)
		if !ok {
			return false
		}
		switch fun := ast.Unparen(call.Fun).(type) {
		case *ast.Ident:
			return fun.Name == "panic"
		case *ast.SelectorExpr:
			n := fun.Sel.Name
			return n == "Exit" || n == "FailNow" || n == "SkipNow" ||
				strings.HasPrefix(n, "Fatal") || strings.HasPrefix(n, "Skip") || strings.HasPrefix(n, "Panic")
		}
	}
	return false
}

// checksErrorOf reports whether an if statement's condition mentions a
// variable of type error that the acquiring statement assigns.
func (c *checker) checksErrorOf(ifs *ast.IfStmt, acq ast.Stmt) bool {
	var lhs []ast.Expr
	switch s := acq.(type) {
	case *ast.AssignStmt:
		lhs = s.Lhs
	case *ast.DeclStmt:
		if gd, ok := s.Decl.(*ast.GenDecl); ok {
			for _, sp := range gd.Specs {
				if vs, ok := sp.(*ast.ValueSpec); ok {
					for _, n := range vs.Names {
						lhs = append(lhs, n)
					}
				}
			}
		}
	}
	errs := make(map[types.Object]bool)
	for _, e := range lhs {
		id, ok := e.(*ast.Ident)
		if !ok {
			continue
		}
		obj := c.pass.TypesInfo.ObjectOf(id)
		if obj != nil && types.Identical(obj.Type(), errorType) {
			errs[obj] = true
		}
	}
	found := false
	ast.Inspect(ifs.Cond, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && errs[c.pass.TypesInfo.Uses[id]] {
			found = true
		}
		return !found
	})
	return found
}

// declaredBy reports whether obj, a variable, is named in the acquiring
// statement: the variable the resource was assigned to, or the root of
// the receiver expression (c of c.mu.Lock()).
func (c *checker) declaredBy(obj types.Object, stmt ast.Stmt) bool {
	if _, ok := obj.(*types.Var); !ok {
		return false
	}
	found := false
	ast.Inspect(stmt, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.ObjectOf(id) == obj {
			found = true
		}
		return !found
	})
	return found
}

// assignedAfter reports whether the variable named root, as seen at the
// defer, is assigned (or has its address taken) anywhere in body after
// the defer statement.
func (c *checker) assignedAfter(body *ast.BlockStmt, root string, ds *ast.DeferStmt) bool {
	if body == nil {
		return true
	}
	scope := c.pass.Pkg.Scope().Innermost(ds.Pos())
	if scope == nil {
		return true
	}
	_, obj := scope.LookupParent(root, ds.Pos())
	if obj == nil {
		return true
	}
	assigned := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.AssignStmt:
			for _, l := range s.Lhs {
				if id, ok := l.(*ast.Ident); ok && s.Pos() > ds.Pos() && c.pass.TypesInfo.ObjectOf(id) == obj {
					assigned = true
				}
			}
		case *ast.UnaryExpr:
			if id, ok := s.X.(*ast.Ident); ok && s.Op == token.AND && c.pass.TypesInfo.Uses[id] == obj {
				assigned = true
			}
		}
		return !assigned
	})
	return assigned
}

// funcBody is fn's body in the syntax tree, or nil.
func funcBody(fn *ssa.Function) *ast.BlockStmt {
	switch syn := fn.Syntax().(type) {
	case *ast.FuncDecl:
		return syn.Body
	case *ast.FuncLit:
		return syn.Body
	}
	return nil
}
