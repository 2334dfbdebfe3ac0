package analyzer

// The @asynccontextmanager rules in Go: a "with" helper must defer the
// release before it runs caller-supplied code (callback-panic), and an
// exit that takes the block's error must be told the block failed
// (exit-outcome).

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

const (
	checkCallbackPanic = "callback-panic"
	checkExitOutcome   = "exit-outcome"
)

// isCallback reports whether call runs code the caller supplied: a func
// value that is a parameter, a captured variable, or read from one (a
// func-typed field of the receiver or of a parameter) — not the
// resource itself (calling cancel is its release).
func (fa *funcAnalysis) isCallback(r *resource, call *ssa.Call) bool {
	common := &call.Call
	if common.IsInvoke() || common.StaticCallee() != nil {
		return false
	}
	switch common.Value.(type) {
	case *ssa.Builtin, *ssa.MakeClosure, *ssa.Function:
		return false
	}
	if _, ok := common.Value.Type().Underlying().(*types.Signature); !ok {
		return false
	}
	// A context's cancel func is not caller code: it cannot panic.
	if named, ok := types.Unalias(common.Value.Type()).(*types.Named); ok && named.Obj().Pkg() != nil &&
		named.Obj().Pkg().Path() == "context" {
		return false
	}
	if r.funcRes && r.root != nil {
		root, _ := placeOf(common.Value)
		if rr, _ := placeOf(r.root); rr == root {
			return false
		}
	}
	if fa.c.packageOwnedField(common.Value) {
		return false
	}
	return callerSupplied(common.Value, 0)
}

// packageOwnedField reports whether v is read from an unexported
// func-typed field that the package only ever sets to its own code: a
// named function (a clock hook set to time.Now), nil, or a context's
// cancel func. Such a field is not a hook for callers.
func (c *checker) packageOwnedField(v ssa.Value) bool {
	var field *types.Var
	switch x := v.(type) {
	case *ssa.UnOp:
		fa, ok := x.X.(*ssa.FieldAddr)
		if !ok || x.Op != token.MUL {
			return false
		}
		field = fieldOf(fa.X.Type(), fa.Field)
	case *ssa.Field:
		field = fieldOf(x.X.Type(), x.Field)
	}
	if field == nil || field.Exported() || field.Pkg() != c.pass.Pkg {
		return false
	}
	if owned, ok := c.ownedFields[field]; ok {
		return owned
	}
	c.ownedFields[field] = false // while deciding: a cycle of fields owns nothing
	// Owned when set somewhere, and only ever to the package's code (a
	// field never set here is a fixture's or a zero value's business).
	owned, set := true, false
	for _, fn := range c.srcFuncs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				store, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				sfa, ok := store.Addr.(*ssa.FieldAddr)
				if !ok || fieldOf(sfa.X.Type(), sfa.Field) != field {
					continue
				}
				if !c.packageCode(store.Val) {
					owned = false
				} else if _, isConst := store.Val.(*ssa.Const); !isConst {
					set = true
				}
			}
		}
	}
	owned = owned && set
	c.ownedFields[field] = owned
	return owned
}

// packageCode reports whether a func value stored in a field is the
// package's own doing: a named function, nil, a cancel func, a function
// literal that captures no func value, or the value of another such
// field (prometheus's summary clock, copied from SummaryOpts.now).
func (c *checker) packageCode(v ssa.Value) bool {
	for {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.Function, *ssa.Const:
			return true
		case *ssa.MakeClosure:
			for _, b := range x.Bindings {
				if mayCallFunc(b.Type()) {
					return false
				}
			}
			return true
		case *ssa.UnOp, *ssa.Field:
			if c.packageOwnedField(x) {
				return true
			}
		}
		break
	}
	if named, ok := types.Unalias(v.Type()).(*types.Named); ok && named.Obj().Pkg() != nil &&
		named.Obj().Pkg().Path() == "context" {
		return true
	}
	return false
}

// mayCallFunc reports whether a captured value of type t could be, or
// point to, a func value.
func mayCallFunc(t types.Type) bool { return mayCallFuncDepth(t, 0) }

func mayCallFuncDepth(t types.Type, depth int) bool {
	if depth > 3 {
		return false // deep inside a captured value: not looked at
	}
	switch u := t.Underlying().(type) {
	case *types.Signature, *types.Interface:
		return true
	case *types.Pointer:
		return mayCallFuncDepth(u.Elem(), depth+1)
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if mayCallFuncDepth(u.Field(i).Type(), depth+1) {
				return true
			}
		}
	case *types.Slice:
		return mayCallFuncDepth(u.Elem(), depth+1)
	case *types.Map:
		return mayCallFuncDepth(u.Elem(), depth+1)
	}
	return false
}

// hookList reports whether a slice or map of funcs is itself a parameter
// (hooks ...func()): hooks a package keeps in its own structures
// (dc.onPut) are its own code, not its caller's.
func hookList(v ssa.Value, depth int) bool {
	root, path := placeOf(v)
	switch root.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		return len(path) == 0
	case *ssa.Phi, *ssa.Slice:
		return callerSupplied(root, depth+1)
	}
	return false
}

// callerSupplied reports whether a func value comes from the caller: a
// parameter or captured variable, a field of one, an element of a slice
// or map of hooks it passed, or one of those merged with a default
// (if fn == nil { fn = func() {} }).
func callerSupplied(v ssa.Value, depth int) bool {
	if depth > 6 {
		return false
	}
	root, _ := placeOf(v)
	switch x := root.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		return true
	case *ssa.IndexAddr:
		return hookList(x.X, depth)
	case *ssa.Index:
		return hookList(x.X, depth)
	case *ssa.Lookup:
		return hookList(x.X, depth)
	case *ssa.Extract:
		if l, ok := x.Tuple.(*ssa.Lookup); ok {
			return hookList(l.X, depth)
		}
	case *ssa.Slice:
		return hookList(x.X, depth)
	case *ssa.Phi:
		for _, e := range x.Edges {
			if e != x && callerSupplied(e, depth+1) {
				return true
			}
		}
	}
	return false
}

// checkCallbackPanic reports a helper that runs caller-supplied code while
// holding a resource whose release is not yet deferred: if that code
// panics and a caller recovers (net/http does, for every handler), the
// release never runs.
func (fa *funcAnalysis) checkCallbackPanic(r *resource, as *aliasSet, eff map[ssa.Instruction]effect, callbacks []*ssa.Call) {
	if !fa.c.enabled(checkCallbackPanic) || len(callbacks) == 0 || r.proto == nil || r.global || r.proto.Bounded {
		return
	}
	// In a goroutine's body a panic kills the process: no caller can
	// recover it and go on with the resource held.
	if fa.isGoroutineBody() {
		return
	}
	var first *ssa.Call
	for _, cb := range callbacks {
		// A "with" helper releases the resource itself after the
		// callback; if nothing does, the callback took it (return
		// end(tx), with end being (*sql.Tx).Commit).
		if !fa.releasedAfter(eff, cb) {
			continue
		}
		if first == nil || cb.Pos() < first.Pos() {
			first = cb
		}
	}
	if first != nil {
		fa.reportCallbackPanic(r, as, first)
	}
}

// releasedAfter reports whether a release of the resource (an exit, or a
// helper that releases it) is reachable after instr.
func (fa *funcAnalysis) releasedAfter(eff map[ssa.Instruction]effect, instr ssa.Instruction) bool {
	b := instr.Block()
	i := indexOf(b, instr)
	for rel, e := range eff {
		if e != effRelease {
			continue
		}
		if _, isGo := rel.(*ssa.Go); isGo {
			continue
		}
		eb := rel.Block()
		if eb == b && indexOf(eb, rel) > i || eb != b && fa.reaches(b, eb) {
			return true
		}
	}
	return false
}

// isGoroutineBody reports whether fn is a function literal run only by
// go statements.
func (fa *funcAnalysis) isGoroutineBody() bool {
	parent := fa.fn.Parent()
	if parent == nil {
		return fa.c.onlyStartedByGo(fa.fn)
	}
	found := false
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.MakeClosure:
				if x.Fn != fa.fn || x.Referrers() == nil {
					continue
				}
				for _, ref := range *x.Referrers() {
					g, ok := ref.(*ssa.Go)
					if !ok || g.Call.Value != x {
						return false
					}
					found = true
				}
			case *ssa.Go:
				if x.Call.Value == fa.fn {
					found = true
				}
			}
		}
	}
	return found
}

// onlyStartedByGo reports whether fn, an unexported function or method,
// is only ever used in go statements of its package.
func (c *checker) onlyStartedByGo(fn *ssa.Function) bool {
	obj := fn.Object()
	if obj == nil || obj.Exported() || obj.Pkg() != c.pass.Pkg {
		return false
	}
	found := false
	var ops []*ssa.Value
	for _, g := range c.srcFuncs {
		for _, b := range g.Blocks {
			for _, instr := range b.Instrs {
				ops = instr.Operands(ops[:0])
				for _, op := range ops {
					if *op != fn {
						continue
					}
					if x, ok := instr.(*ssa.Go); ok && x.Call.Value == fn {
						found = true
						continue
					}
					return false
				}
			}
		}
	}
	return found
}

// checkExitOutcome reports an exit that takes the block's error (a
// convention Exit(ctx, err), or an exit marked as taking the outcome)
// called with nil on a path that returns a non-nil error: the exit is
// told the block succeeded when it failed.
func (fa *funcAnalysis) checkExitOutcome(r *resource, as *aliasSet) {
	if !fa.c.enabled(checkExitOutcome) || r.proto == nil {
		return
	}
	convention := len(r.proto.ID) > len(conventionPrefix) && r.proto.ID[:len(conventionPrefix)] == conventionPrefix
	for _, ec := range fa.exitCalls(r, as) {
		if !convention && !r.proto.IsOutcome(ec.name) {
			continue
		}
		common := ec.instr.Common()
		arg := outcomeArg(common)
		if arg == nil || !isNil(arg) {
			continue
		}
		if ret := fa.errorReturnAfter(ec.instr); ret != nil && !fa.returnsExitsOwnError(ret, ec.instr) {
			fa.c.reportExitOutcome(r, ec.instr, ret)
		}
	}
	// defer func() { err = s.Exit(ctx, nil) }(): the exit in the closure.
	if as == nil {
		return
	}
	for _, u := range as.uses {
		mc, ok := u.instr.(*ssa.MakeClosure)
		if !ok || !u.a.direct() {
			continue
		}
		site := closureSite(mc, true)
		if site == nil {
			continue
		}
		for _, ec := range fa.closureExits(r, mc, u) {
			if !convention && !r.proto.IsOutcome(ec.name) {
				continue
			}
			if arg := outcomeArg(ec.instr.Common()); arg != nil && isNil(arg) {
				if ret := fa.errorReturnAfter(site); ret != nil {
					fa.c.reportExitOutcome(r, ec.instr, ret)
				}
			}
		}
	}
}

// outcomeArg returns the argument given for the exit's first error-typed
// parameter, or nil.
func outcomeArg(common *ssa.CallCommon) ssa.Value {
	sig := common.Signature()
	off := 0
	if !common.IsInvoke() && sig.Recv() != nil {
		off = 1 // Args[0] is the receiver
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if types.Identical(sig.Params().At(i).Type(), errorType) && off+i < len(common.Args) {
			return common.Args[off+i]
		}
	}
	return nil
}

// returnsExitsOwnError reports whether the error a return hands back is
// derived from the exit's own result (if err := s.Exit(ctx, nil); err !=
// nil { return fmt.Errorf("exit: %w", err) }): the block succeeded, the
// exit itself failed.
func (fa *funcAnalysis) returnsExitsOwnError(ret *ssa.Return, exit ssa.CallInstruction) bool {
	call, ok := exit.(*ssa.Call)
	if !ok || len(ret.Results) == 0 {
		return false
	}
	tainted := map[ssa.Value]bool{call: true}
	work := []ssa.Value{call}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		for _, ref := range *refs {
			var out ssa.Value
			switch x := ref.(type) {
			case *ssa.Extract, *ssa.ChangeInterface, *ssa.MakeInterface, *ssa.Phi, *ssa.Slice, *ssa.Call, *ssa.UnOp:
				out = x.(ssa.Value)
			case *ssa.Store:
				if x.Val == v {
					out, _ = placeOf(x.Addr) // into a variable
					if ia, ok := x.Addr.(*ssa.IndexAddr); ok {
						out = ia.X // into a varargs array: fmt.Errorf("%w", err)
					}
				}
			}
			if out != nil && !tainted[out] {
				tainted[out] = true
				work = append(work, out)
			}
		}
	}
	return tainted[ret.Results[len(ret.Results)-1]]
}

// errorReturnAfter finds a return reachable from instr that returns an
// error known to be non-nil.
func (fa *funcAnalysis) errorReturnAfter(instr ssa.Instruction) *ssa.Return {
	return fa.returnAfter(instr, fa.returnsError)
}

func (fa *funcAnalysis) reportCallbackPanic(r *resource, as *aliasSet, cb *ssa.Call) {
	c := fa.c
	pos := c.instrPos(cb)
	if !pos.IsValid() {
		return
	}
	name := c.resourceName(r)
	cbName := c.exitText(cb)
	d := analysis.Diagnostic{
		Pos:      pos,
		Category: checkCallbackPanic,
		Message: fmt.Sprintf("%s runs at line %d while %s is %s and its release is not deferred: if %s panics and a caller recovers, %s is never %s",
			cbName, c.line(pos), name, r.proto.Acquired, cbName, name, r.proto.Released),
		Related: []analysis.RelatedInformation{{Pos: c.acquirePos(r), Message: name + " is " + r.proto.Acquired + " here"}},
	}
	if fix, ok := fa.deferFix(r, true); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.diags = append(c.diags, d)
}

func (c *checker) reportExitOutcome(r *resource, exit ssa.CallInstruction, ret *ssa.Return) {
	pos := c.instrPos(exit)
	if !pos.IsValid() {
		return
	}
	how := "is called"
	if _, ok := exit.(*ssa.Defer); ok {
		how = "is deferred"
	}
	at := returnPos(ret)
	c.diags = append(c.diags, analysis.Diagnostic{
		Pos:      pos,
		Category: checkExitOutcome,
		Message: fmt.Sprintf("%s %s with a nil error at line %d, but the function returns an error at line %d: the exit is told the block succeeded",
			c.exitText(exit), how, c.line(pos), c.line(at)),
		Related: []analysis.RelatedInformation{{Pos: at, Message: "returns an error here"}},
	})
}

// lineStart and lineEnd widen a statement to its whole lines (with the
// newline), so that deleting it leaves no blank line.
func (c *checker) lineStart(pos token.Pos) token.Pos {
	tf := c.pass.Fset.File(pos)
	return tf.LineStart(tf.Line(pos))
}

func (c *checker) lineEnd(pos token.Pos) token.Pos {
	tf := c.pass.Fset.File(pos)
	line := tf.Line(pos)
	if line < tf.LineCount() {
		return tf.LineStart(line + 1)
	}
	return token.Pos(tf.Base() + tf.Size())
}

// indentOf returns the leading white space of the line holding pos.
func (c *checker) indentOf(pos token.Pos) string {
	tf := c.pass.Fset.File(pos)
	col := c.pass.Fset.Position(pos).Column
	src := c.fileSource(tf)
	start := tf.Offset(tf.LineStart(tf.Line(pos)))
	if src == nil || start+col-1 > len(src) {
		return "\t"
	}
	return string(src[start : start+col-1])
}

// fileSource returns a file's content through the pass (never from disk
// directly, so drivers with overlays see what the editor has).
func (c *checker) fileSource(tf *token.File) []byte {
	if c.pass.ReadFile == nil {
		return nil
	}
	b, err := c.pass.ReadFile(tf.Name())
	if err != nil {
		return nil
	}
	return b
}
