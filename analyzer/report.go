package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"github.com/acmlint/acmlint/analyzer/internal/protocol"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
)

// Diagnostic categories besides the checks'.
const (
	catLeak     = checkLeak
	catInternal = "internal-error"
	catSkipped  = "skipped"
)

// enabled reports whether a check is on.
func (c *checker) enabled(check string) bool { return !c.disabled[check] }

// exitText is how an exit call is written: f.Close, resp.Body.Close.
func (c *checker) exitText(ci ssa.CallInstruction) string {
	path := c.enclosing(ci.Common().Pos())
	for _, n := range path {
		if ce, ok := n.(*ast.CallExpr); ok {
			return exprString(ce.Fun)
		}
	}
	if callee := calleeObject(ci.Common()); callee != nil {
		return callee.Name()
	}
	return "the exit"
}

func (c *checker) instrPos(instr ssa.Instruction) token.Pos {
	if d, ok := instr.(*ssa.Defer); ok {
		return d.Pos()
	}
	if ci, ok := instr.(ssa.CallInstruction); ok {
		for _, n := range c.enclosing(ci.Common().Pos()) {
			if ce, ok := n.(*ast.CallExpr); ok {
				return ce.Pos()
			}
		}
		return ci.Common().Pos()
	}
	return instr.Pos()
}

func (c *checker) reportDropped(fn *ssa.Function, r *resource, exit ssa.CallInstruction, deferred bool, ret *ssa.Return) {
	pos := c.instrPos(exit)
	if !pos.IsValid() {
		return
	}
	kind := "result"
	if res := exit.Common().Signature().Results(); res.Len() > 0 {
		if types.Identical(res.At(res.Len()-1).Type(), errorType) {
			kind = "error"
		}
	}
	how := "dropped"
	if deferred {
		how = "dropped by defer"
	}
	where := "the function can still report success"
	if rp := returnPos(ret); rp.IsValid() {
		where = fmt.Sprintf("the path can still report success at line %d", c.line(rp))
	}
	d := analysis.Diagnostic{
		Pos:      pos,
		Category: checkDroppedResult,
		Message:  fmt.Sprintf("the %s of %s is %s at line %d, but %s", kind, c.exitText(exit), how, c.line(pos), where),
	}
	if def, ok := exit.(*ssa.Defer); ok && kind == "error" {
		if fix, ok := c.joinFix(fn, def); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	c.diags = append(c.diags, d)
}

func (c *checker) reportExitBeforeCheck(r *resource, exit ssa.Instruction) {
	ci, ok := exit.(ssa.CallInstruction)
	if !ok {
		return
	}
	pos := c.instrPos(exit)
	if !pos.IsValid() {
		return
	}
	verb := "called"
	if _, ok := exit.(*ssa.Defer); ok {
		verb = "deferred"
	}
	c.diags = append(c.diags, analysis.Diagnostic{
		Pos:      pos,
		Category: checkExitBeforeCheck,
		Message: fmt.Sprintf("%s is %s at line %d before the error from %s (line %d) is checked; on the error path %s is not valid",
			c.exitText(ci), verb, c.line(pos), r.fnName, c.line(c.acquirePos(r)), c.resourceName(r)),
		Related: []analysis.RelatedInformation{{Pos: c.acquirePos(r), Message: c.resourceName(r) + " is " + r.proto.Acquired + " here"}},
	})
}

func (c *checker) reportDoubleExit(r *resource, first, second ssa.Instruction, atReturn bool) {
	pos := c.instrPos(second)
	if !pos.IsValid() {
		return
	}
	name := c.resourceName(r)
	msg := fmt.Sprintf("%s is %s twice on one path: at line %d and again at line %d", name, r.proto.Released, c.line(c.instrPos(first)), c.line(pos))
	if atReturn {
		msg = fmt.Sprintf("%s is %s at line %d and again by the deferred call at line %d when the function returns", name, r.proto.Released, c.line(c.instrPos(first)), c.line(pos))
		pos = c.instrPos(first)
	}
	c.diags = append(c.diags, analysis.Diagnostic{
		Pos:      pos,
		Category: checkDoubleExit,
		Message:  msg,
		Related:  []analysis.RelatedInformation{{Pos: c.acquirePos(r), Message: name + " is " + r.proto.Acquired + " here"}},
	})
}

func (c *checker) reportDeferInLoop(r *resource, d *ssa.Defer) {
	pos := d.Pos()
	if !pos.IsValid() {
		return
	}
	name := c.resourceName(r)
	c.diags = append(c.diags, analysis.Diagnostic{
		Pos:      pos,
		Category: checkDeferInLoop,
		Message: fmt.Sprintf("%s is %s in a loop at line %d but %s is deferred to the end of the function: each iteration holds one more until it returns",
			name, r.proto.Acquired, c.line(c.acquirePos(r)), c.exitText(d)),
		Related: []analysis.RelatedInformation{{Pos: c.acquirePos(r), Message: name + " is " + r.proto.Acquired + " here, once per iteration"}},
	})
}

func (c *checker) reportOwnership(r *resource, g *ssa.Go) {
	pos := g.Pos()
	if !pos.IsValid() {
		return
	}
	name := c.resourceName(r)
	c.diags = append(c.diags, analysis.Diagnostic{
		Pos:      pos,
		Category: checkOwnership,
		Message:  fmt.Sprintf("%s is handed to the goroutine started at line %d, which does not %s it on every path", name, c.line(pos), releaseVerb(r.proto)),
		Related:  []analysis.RelatedInformation{{Pos: c.acquirePos(r), Message: name + " is " + r.proto.Acquired + " here"}},
	})
}

// releaseVerb turns the protocol's "closed" into "close" for messages.
func releaseVerb(p *protocol.Protocol) string {
	switch p.Released {
	case "closed":
		return "close"
	case "unlocked":
		return "unlock"
	case "read-unlocked":
		return "read-unlock"
	case "called":
		return "call"
	case "ended":
		return "end"
	case "stopped":
		return "stop"
	case "flushed":
		return "flush"
	case "released":
		return "release"
	case "waited for":
		return "wait for"
	case "committed or rolled back":
		return "commit or roll back"
	}
	return "release"
}

// fileOf returns the syntax tree containing pos.
func (c *checker) fileOf(pos token.Pos) *ast.File {
	if c.files == nil {
		c.files = make(map[*token.File]*ast.File)
		for _, f := range c.pass.Files {
			if tf := c.pass.Fset.File(f.FileStart); tf != nil {
				c.files[tf] = f
			}
		}
	}
	return c.files[c.pass.Fset.File(pos)]
}

// enclosing returns the syntax path to the innermost node at pos.
func (c *checker) enclosing(pos token.Pos) []ast.Node {
	if !pos.IsValid() {
		return nil
	}
	f := c.fileOf(pos)
	if f == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(f, pos, pos)
	return path
}

// callExprAt finds the call expression of an SSA call.
func (c *checker) callExprAt(call *ssa.Call) (*ast.CallExpr, []ast.Node) {
	path := c.enclosing(call.Pos())
	for i, n := range path {
		if ce, ok := n.(*ast.CallExpr); ok && ce.Lparen == call.Pos() {
			return ce, path[i:]
		}
	}
	return nil, nil
}

// resourceName names r as written: c.mu, resp.Body, tx, cancel.
func (c *checker) resourceName(r *resource) string {
	if r.global {
		if r.proto.Name != "" {
			return r.proto.Name
		}
		return r.fnName
	}
	ce, path := c.callExprAt(r.call)
	if ce == nil {
		return "the resource from " + r.fnName
	}
	if r.enter != nil && r.enter.Resource == protocol.Receiver {
		if sel, ok := ast.Unparen(ce.Fun).(*ast.SelectorExpr); ok {
			return exprString(sel.X)
		}
		return "the receiver of " + r.fnName
	}
	if r.wrapped {
		// An enter wrapper's place: name the argument plus the path.
		return c.argPlaceName(ce, r)
	}
	idx := 0
	if r.enter != nil {
		idx = r.enter.Index
	} else if rv, ok := r.root.(*ssa.Extract); ok {
		idx = rv.Index
	}

	name := lhsName(path, ce, idx)
	if name == "" || name == "_" {
		name = c.unnamedResult(r, idx)
	}
	if len(r.path) > 0 {
		name += "." + strings.Join(r.path, ".")
	}
	return name
}

// argPlaceName names the place an enter wrapper acquired: the argument
// (or receiver) expression followed by the wrapper's own field path.
func (c *checker) argPlaceName(ce *ast.CallExpr, r *resource) string {
	args := ce.Args
	if sel, ok := ast.Unparen(ce.Fun).(*ast.SelectorExpr); ok {
		if s, ok := c.pass.TypesInfo.Selections[sel]; ok && s.Kind() == types.MethodVal {
			args = append([]ast.Expr{sel.X}, args...)
		}
	}
	if g, ok := r.root.(*ssa.Global); ok && r.wrapArg < 0 {
		name := g.Name()
		if g.Pkg != nil && g.Pkg.Pkg != c.pass.Pkg {
			name = g.Pkg.Pkg.Name() + "." + name
		}
		if len(r.wrapPath) > 0 {
			name += "." + strings.Join(r.wrapPath, ".")
		}
		return name
	}
	if r.wrapArg < 0 || r.wrapArg >= len(args) {
		return "the resource acquired by " + r.fnName
	}
	base := strings.TrimPrefix(exprString(args[r.wrapArg]), "&")
	if len(r.wrapPath) > 0 {
		base += "." + strings.Join(r.wrapPath, ".")
	}
	return base
}

// lhsName finds the variable a call's result idx is assigned to.
func lhsName(path []ast.Node, ce *ast.CallExpr, idx int) string {
	if len(path) < 2 {
		return ""
	}
	switch p := path[1].(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && idx < len(p.Lhs) {
			return exprString(p.Lhs[idx])
		}
		for i, rhs := range p.Rhs {
			if ast.Unparen(rhs) == ce && i < len(p.Lhs) && idx == 0 {
				return exprString(p.Lhs[i])
			}
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && idx < len(p.Names) {
			return p.Names[idx].Name
		}
		for i, v := range p.Values {
			if ast.Unparen(v) == ce && i < len(p.Names) && idx == 0 {
				return p.Names[i].Name
			}
		}
	case *ast.ParenExpr:
		return lhsName(path[1:], ce, idx)
	}
	return ""
}

func exprString(e ast.Expr) string { return types.ExprString(e) }

func (c *checker) line(pos token.Pos) int { return c.pass.Fset.Position(pos).Line }

// acquirePos is where a diagnostic about r points: the start of the call.
func (c *checker) acquirePos(r *resource) token.Pos {
	if ce, _ := c.callExprAt(r.call); ce != nil {
		return ce.Pos()
	}
	return r.call.Pos()
}

func (c *checker) reportLeak(fa *funcAnalysis, r *resource, leaks []leak) {
	if !c.enabled(checkLeak) {
		return
	}
	pos := c.acquirePos(r)
	if !pos.IsValid() {
		return
	}
	// Give loop leaks the loop's position, then pick the first end.
	for i := range leaks {
		if leaks[i].kind == leakLoop {
			leaks[i].pos = c.loopPos(pos)
		}
	}
	sort.SliceStable(leaks, func(i, j int) bool {
		if leaks[i].kind != leaks[j].kind && (leaks[i].kind == leakLoop || leaks[j].kind == leakLoop) {
			return leaks[i].kind != leakLoop // a return or panic reads better than a loop
		}
		return leaks[i].pos < leaks[j].pos
	})
	l := leaks[0]
	name := c.resourceName(r)
	verb, rel := r.proto.Acquired, r.proto.Released
	var where, relMsg string
	switch l.kind {
	case leakReturn:
		where = fmt.Sprintf("on the path that returns at line %d", c.line(l.pos))
		relMsg = fmt.Sprintf("returns with %s not %s", name, rel)
	case leakPanic:
		where = fmt.Sprintf("on the path that panics at line %d", c.line(l.pos))
		relMsg = fmt.Sprintf("panics with %s not %s", name, rel)
	case leakLoop:
		where = "before the next iteration of the loop"
		if l.pos.IsValid() {
			where += fmt.Sprintf(" at line %d", c.line(l.pos))
		}
		relMsg = fmt.Sprintf("the loop goes round again with %s not %s", name, rel)
	}
	if !l.pos.IsValid() {
		l.pos = pos
	}
	by := ""
	if r.enter == nil && r.fnName != "" {
		by = " by " + r.fnName // acquired through a wrapper
	}
	msg := fmt.Sprintf("%s is %s%s at line %d but not %s %s", name, verb, by, c.line(pos), rel, where)
	d := analysis.Diagnostic{
		Pos:      pos,
		Category: catLeak,
		Message:  msg,
		Related:  []analysis.RelatedInformation{{Pos: l.pos, Message: relMsg}},
	}
	if fix, ok := fa.deferFix(r, false); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.diags = append(c.diags, d)
}

func (c *checker) reportDiscarded(fn *ssa.Function, r *resource) {
	if !c.enabled(checkLeak) {
		return
	}
	pos := c.acquirePos(r)
	if !pos.IsValid() {
		return
	}
	if ce, path := c.callExprAt(r.call); ce != nil && r.enter != nil {
		// Assigned to a variable that is never used.
		if v := lhsName(path, ce, r.enter.Index); v != "" && v != "_" {
			if len(r.path) > 0 {
				v += "." + strings.Join(r.path, ".")
			}
			c.diags = append(c.diags, analysis.Diagnostic{
				Pos:      pos,
				Category: catLeak,
				Message:  fmt.Sprintf("%s is %s at line %d but never used, so it is never %s", v, r.proto.Acquired, c.line(pos), r.proto.Released),
			})
			return
		}
	}
	name := c.unnamedResult(r, r.result)
	if len(r.path) > 0 {
		name = "the " + strings.Join(r.path, ".") + " of " + name
	}
	c.diags = append(c.diags, analysis.Diagnostic{
		Pos:      pos,
		Category: catLeak,
		Message:  fmt.Sprintf("%s is discarded at line %d, so it is never %s", name, c.line(pos), r.proto.Released),
	})
}

// reportWrongExit reports a resource released with a sibling protocol's
// exit (c.mu.RLock() ... c.mu.Unlock()).
func (c *checker) reportWrongExit(r *resource, call ssa.CallInstruction) {
	if !c.enabled(checkLeak) {
		return
	}
	wrong := "the wrong exit"
	if callee := calleeObject(call.Common()); callee != nil {
		wrong = callee.Name()
	}
	pos := c.acquirePos(r)
	if !pos.IsValid() {
		return
	}
	c.diags = append(c.diags, analysis.Diagnostic{
		Pos:      pos,
		Category: catLeak,
		Message: fmt.Sprintf("%s is %s at line %d but released with %s, so it is never %s",
			c.resourceName(r), r.proto.Acquired, c.line(pos), wrong, r.proto.Released),
		Related: []analysis.RelatedInformation{{Pos: call.Pos(), Message: wrong + " does not release " + c.resourceName(r)}},
	})
}

// unnamedResult names a result that has no variable: "the cancel func
// returned by context.WithTimeout" (from the callee's result name).
func (c *checker) unnamedResult(r *resource, idx int) string {
	what := "the result of " + r.fnName
	if r.funcRes {
		what = "the func returned by " + r.fnName
	}
	if res := r.call.Call.Signature().Results(); r.funcRes && idx >= 0 && idx < res.Len() {
		if n := res.At(idx).Name(); n != "" && n != "_" && res.Len() > 1 {
			what = fmt.Sprintf("the %s func returned by %s", n, r.fnName)
		} else if named, ok := types.Unalias(res.At(idx).Type()).(*types.Named); ok {
			what = fmt.Sprintf("the %s returned by %s", named.Obj().Name(), r.fnName) // the CancelFunc returned by ...
		}
	}
	return what
}

// loopPos finds the for or range statement enclosing pos.
func (c *checker) loopPos(pos token.Pos) token.Pos {
	for _, n := range c.enclosing(pos) {
		switch n := n.(type) {
		case *ast.ForStmt:
			return n.For
		case *ast.RangeStmt:
			return n.For
		case *ast.FuncLit, *ast.FuncDecl:
			return token.NoPos
		}
	}
	return token.NoPos
}

func (c *checker) internalError(fn *ssa.Function, msg string) {
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	c.stats.InternalErrors++
	c.diags = append(c.diags, analysis.Diagnostic{
		Pos:      fn.Pos(),
		Category: catInternal,
		Message:  fmt.Sprintf("internal error: acmlint could not analyse %s: %s", fn.Name(), msg),
	})
}

func (c *checker) skipped(fn *ssa.Function, blocks int) {
	c.stats.Skipped++
	if !fn.Pos().IsValid() {
		return
	}
	c.diags = append(c.diags, analysis.Diagnostic{
		Pos:      fn.Pos(),
		Category: catSkipped,
		Message: fmt.Sprintf("%s was not analysed: %d blocks exceed the limit of %d (raise -maxblocks)",
			fn.Name(), blocks, c.cfg.MaxBlocks),
	})
}

// flush reports the collected diagnostics in file, line and column order,
// each once. (token.Pos order depends on the order the driver added the
// files to the file set, which varies from run to run.)
func (c *checker) flush() {
	type key struct {
		file      string
		line, col int
		msg       string
	}
	keys := make([]key, len(c.diags))
	for i, d := range c.diags {
		p := c.pass.Fset.Position(d.Pos)
		keys[i] = key{p.Filename, p.Line, p.Column, d.Message}
	}
	idx := make([]int, len(c.diags))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := keys[idx[a]], keys[idx[b]]
		if x.file != y.file {
			return x.file < y.file
		}
		if x.line != y.line {
			return x.line < y.line
		}
		if x.col != y.col {
			return x.col < y.col
		}
		return x.msg < y.msg
	})
	used := make([]bool, len(c.ignores))
	for n, i := range idx {
		if n > 0 && keys[i] == keys[idx[n-1]] {
			continue
		}
		if c.skipFile(c.diags[i].Pos) {
			continue
		}
		if k := c.suppressedBy(c.diags[i]); k >= 0 {
			used[k] = true
			continue
		}
		d := c.diags[i]
		switch d.Category {
		case catInternal, catSkipped, catDirective:
			d.URL = "https://github.com/acmlint/acmlint#checks" // no section of their own
		}
		c.pass.Report(d)
	}
	// An ignore that suppresses nothing is stale: say so.
	for k, ig := range c.ignores {
		if !used[k] && !c.skipFile(ig.Pos) {
			c.pass.Report(analysis.Diagnostic{
				Pos:      ig.Pos,
				Category: catDirective,
				URL:      "https://github.com/acmlint/acmlint#checks",
				Message:  "acmlint:ignore suppresses nothing here: remove it or move it to the line of the finding",
			})
		}
	}
}

// suppressedBy returns the index of the //acmlint:ignore that covers d:
// one that applies to d's line, or to the line of its related position
// (the return that leaks, when the ignore is there).
func (c *checker) suppressedBy(d analysis.Diagnostic) int {
	if len(c.ignores) == 0 || d.Category == catDirective || d.Category == catInternal {
		return -1
	}
	at := func(pos token.Pos) int {
		if !pos.IsValid() {
			return -1
		}
		p := c.pass.Fset.Position(pos)
		for k, ig := range c.ignores {
			ip := c.pass.Fset.Position(ig.Pos)
			if ip.Filename == p.Filename && ig.Line == p.Line {
				return k
			}
		}
		return -1
	}
	if k := at(d.Pos); k >= 0 {
		return k
	}
	for _, rel := range d.Related {
		if k := at(rel.Pos); k >= 0 {
			return k
		}
	}
	return -1
}

// skipFile reports whether diagnostics in the file at pos are not wanted:
// the file is excluded by the configuration, or generated (unless the
// configuration asks to check generated files).
func (c *checker) skipFile(pos token.Pos) bool {
	f := c.fileOf(pos)
	if f == nil {
		return false
	}
	if c.user != nil && c.user.Excluded(c.pass.Fset.File(pos).Name()) {
		return true
	}
	return ast.IsGenerated(f) && (c.user == nil || !c.user.CheckGenerated)
}
