package analyzer

// The checks beyond leak. Each is a further question asked of the same
// per-resource facts the leak check computes: the alias set, the effect
// of each instruction on the resource, and the paths of the CFG.

import (
	"go/ast"
	"go/constant"
	"go/token"
	"strings"

	"github.com/acmlint/acmlint/analyzer/internal/protocol"
	"golang.org/x/tools/go/ssa"
)

// Check names, used as diagnostic categories and in configuration.
const (
	checkLeak            = "leak"
	checkDroppedResult   = "dropped-result"
	checkExitBeforeCheck = "exit-before-check"
	checkDoubleExit      = "double-exit"
	checkDeferInLoop     = "defer-in-loop"
	checkOwnership       = "ownership"
)

// exitCall is a direct call (or deferred call) of one of r's exits on the
// resource.
type exitCall struct {
	instr ssa.CallInstruction
	name  string
}

// exitCalls lists the direct exit calls on the resource.
func (fa *funcAnalysis) exitCalls(r *resource, as *aliasSet) []exitCall {
	if as == nil || r.proto == nil {
		return nil
	}
	var out []exitCall
	for _, u := range as.uses {
		ci, ok := u.instr.(ssa.CallInstruction)
		if !ok || !u.a.direct() {
			continue
		}
		if _, isGo := u.instr.(*ssa.Go); isGo {
			continue
		}
		common := ci.Common()
		var name string
		switch {
		case common.IsInvoke() && common.Value == u.val:
			name = common.Method.Name()
		case !common.IsInvoke() && common.Value == u.val && r.funcRes:
			name = "call"
		default:
			if callee := common.StaticCallee(); callee != nil && callee.Signature.Recv() != nil &&
				len(common.Args) > 0 && common.Args[0] == u.val {
				name = callee.Name()
			}
		}
		if name != "" && r.isExit(name) {
			out = append(out, exitCall{ci, name})
		}
	}
	return out
}

// checkDroppedResults reports exits whose must-use result (the error of
// Tx.Commit, of Close on a written file, of Flush; a convention Exit's
// error or "suppressed" bool) is discarded on a path that can still
// report success.
func (fa *funcAnalysis) checkDroppedResults(r *resource, as *aliasSet) {
	if !fa.c.enabled(checkDroppedResult) || r.proto == nil || !fa.mustUseApplies(r) {
		return
	}
	calls := fa.exitCalls(r, as)
	// A deferred exit next to an explicit one whose result is used is the
	// safety net for the error paths (defer f.Close(); ...; return
	// f.Close()): on the success path it runs on a closed file.
	checked := false
	for _, ec := range calls {
		if c, ok := ec.instr.(*ssa.Call); ok && r.proto.IsMustUse(ec.name) {
			if refs := c.Referrers(); refs != nil && len(*refs) > 0 {
				checked = true
			}
		}
	}
	for _, ec := range calls {
		if _, isDefer := ec.instr.(*ssa.Defer); isDefer && checked {
			continue
		}
		if !r.proto.IsMustUse(ec.name) && !fa.calleeMustUse(ec.instr) {
			continue
		}
		sig := ec.instr.Common().Signature()
		if sig.Results().Len() == 0 {
			continue
		}
		deferred := false
		switch x := ec.instr.(type) {
		case *ssa.Defer:
			deferred = true
		case *ssa.Call:
			if refs := x.Referrers(); refs != nil && len(*refs) > 0 {
				continue // the result is used
			}
			if fa.c.explicitlyDiscarded(x) {
				continue // _ = f.Close(): a deliberate choice
			}
		}
		ret := fa.successReturnAfter(ec.instr)
		if ret == nil {
			continue // every way on returns an error already
		}
		fa.c.reportDropped(fa.fn, r, ec.instr, deferred, ret)
	}
	fa.droppedInClosures(r, as, checked)
}

// droppedInClosures reports exit results dropped inside a closure that
// is deferred or called with the resource captured: defer func() {
// f.Close() }() drops the error like defer f.Close().
func (fa *funcAnalysis) droppedInClosures(r *resource, as *aliasSet, checked bool) {
	if as == nil {
		return
	}
	for _, u := range as.uses {
		mc, ok := u.instr.(*ssa.MakeClosure)
		if !ok || !u.a.direct() {
			continue
		}
		site := closureSite(mc, false)
		if site == nil {
			continue
		}
		if _, isDefer := site.(*ssa.Defer); isDefer && checked {
			continue
		}
		for _, ec := range fa.closureExits(r, mc, u) {
			call, ok := ec.instr.(*ssa.Call)
			if !ok || !r.proto.IsMustUse(ec.name) || call.Call.Signature().Results().Len() == 0 {
				continue
			}
			if onErrorBranch(call.Block()) {
				continue // defer func() { if err != nil { f.Close() } }()
			}
			if refs := call.Referrers(); refs != nil && len(*refs) > 0 || fa.c.explicitlyDiscarded(call) {
				continue
			}
			if ret := fa.successReturnAfter(site); ret != nil {
				fa.c.reportDropped(fa.fn, r, call, false, ret)
			}
		}
	}
}

// mustUseApplies reports whether r's exit results matter for this
// acquisition: not for read-only opens, and for OpenFile only with a
// constant flag that writes.
func (fa *funcAnalysis) mustUseApplies(r *resource) bool {
	if r.readOnly {
		return false
	}
	if r.enter == nil {
		return true
	}
	if r.enter.ReadOnly {
		return false
	}
	if r.enter.FlagArg > 0 && r.call != nil {
		i := r.enter.FlagArg - 1
		if i >= len(r.call.Call.Args) {
			return false
		}
		k, ok := r.call.Call.Args[i].(*ssa.Const)
		if !ok || k.Value == nil || k.Value.Kind() != constant.Int {
			return false // not known to write
		}
		flag, _ := constant.Int64Val(k.Value)
		const writeBits = 0x1 | 0x2 | 0x40 | 0x200 | 0x400 // O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND on Unix
		return flag&writeBits != 0
	}
	return true
}

// calleeMustUse reports whether the exit's callee is marked must-use by
// its own summary (an //acmlint:must-use directive).
func (fa *funcAnalysis) calleeMustUse(ci ssa.CallInstruction) bool {
	sum := fa.c.summaryOfCall(ci.Common())
	return sum != nil && sum.MustUse
}

// successReturnAfter finds a return reachable from instr that may report
// success: the function has no error result, or returns one not known
// to be non-nil. Nil means every way on reports a failure.
func (fa *funcAnalysis) successReturnAfter(instr ssa.Instruction) *ssa.Return {
	return fa.returnAfter(instr, func(ret *ssa.Return) bool { return !fa.returnsError(ret) })
}

// returnAfter finds a return reachable from instr that satisfies want;
// paths end at calls that never return and at panics.
func (fa *funcAnalysis) returnAfter(instr ssa.Instruction, want func(*ssa.Return) bool) *ssa.Return {
	return fa.findReturn(instr.Block(), indexOf(instr.Block(), instr)+1, nil, want)
}

// findReturn walks the CFG from instruction i of block b and returns the
// first return it reaches that satisfies want. Paths end at calls that
// never return and at panics; succs, if set, chooses the successors to
// follow from a block (all of them otherwise).
func (fa *funcAnalysis) findReturn(b *ssa.BasicBlock, i int, succs func(*ssa.BasicBlock) []*ssa.BasicBlock,
	want func(*ssa.Return) bool) *ssa.Return {
	seen := make([]bool, len(fa.fn.Blocks))
	type item struct {
		b *ssa.BasicBlock
		i int
	}
	stack := []item{{b, i}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		stop := false
		for _, in := range it.b.Instrs[it.i:] {
			if fa.noReturn[in] {
				stop = true
				break
			}
			switch x := in.(type) {
			case *ssa.Return:
				if want == nil || want(x) {
					return x
				}
				stop = true
			case *ssa.Panic:
				stop = true
			}
			if stop {
				break
			}
		}
		if stop {
			continue
		}
		next := it.b.Succs
		if succs != nil {
			next = succs(it.b)
		}
		for _, s := range next {
			if !seen[s.Index] {
				seen[s.Index] = true
				stack = append(stack, item{s, 0})
			}
		}
	}
	return nil
}

// closureSite returns the call that runs a closure here: a deferred call
// if deferredOnly, else any call or defer (not a go statement); nil if the
// closure is not run that way.
func closureSite(mc *ssa.MakeClosure, deferredOnly bool) ssa.CallInstruction {
	if mc.Referrers() == nil {
		return nil
	}
	var site ssa.CallInstruction
	for _, ref := range *mc.Referrers() {
		ci, ok := ref.(ssa.CallInstruction)
		if !ok || ci.Common().Value != mc {
			continue
		}
		switch ref.(type) {
		case *ssa.Go:
			continue
		case *ssa.Call:
			if deferredOnly {
				continue
			}
		}
		site = ci
	}
	return site
}

// closureExits returns, for a closure capturing the resource (u is the
// MakeClosure use), the direct exit calls on the captured variable in the
// closure's body.
func (fa *funcAnalysis) closureExits(r *resource, mc *ssa.MakeClosure, u use) []exitCall {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || fn.Synthetic != "" || fn.Blocks == nil {
		return nil
	}
	var out []exitCall
	for k, b := range mc.Bindings {
		if b != u.val || k >= len(fn.FreeVars) {
			continue
		}
		inner := &funcAnalysis{c: fa.c, fn: fn, sum: &Summary{}, noReturn: make(map[ssa.Instruction]bool)}
		inner.scan()
		ir := &resource{proto: r.proto, root: fn.FreeVars[k], external: true}
		out = append(out, inner.exitCalls(ir, inner.closeAliases(fn.FreeVars[k], nil))...)
	}
	return out
}

// explicitlyDiscarded reports whether a call is the right-hand side of an
// assignment to blanks only (_ = f.Close()).
func (c *checker) explicitlyDiscarded(call *ssa.Call) bool {
	_, path := c.callExprAt(call)
	if len(path) < 2 {
		return false
	}
	as, ok := path[1].(*ast.AssignStmt)
	if !ok {
		return false
	}
	for _, lhs := range as.Lhs {
		if id, ok := lhs.(*ast.Ident); !ok || id.Name != "_" {
			return false
		}
	}
	return true
}

// onErrorBranch reports whether block b runs only when some error is
// non-nil: it is dominated by the non-nil branch of an "err != nil" test.
func onErrorBranch(b *ssa.BasicBlock) bool {
	for d := b.Idom(); d != nil; d = d.Idom() {
		ifi, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		if k := errorBranch(ifi); k >= 0 && d.Succs[k].Dominates(b) && len(d.Succs[k].Preds) == 1 {
			return true
		}
	}
	return false
}

// checkExitBeforeCheck reports exits run or deferred before the enter's
// error was checked: on the error path the resource is nil.
// Only direct exits count: a helper (closeResponse(resp)) may check for
// nil itself.
func (fa *funcAnalysis) checkExitBeforeCheck(r *resource, as *aliasSet, early []ssa.Instruction) {
	if !fa.c.enabled(checkExitBeforeCheck) || len(early) == 0 || r.when != protocol.ErrNil {
		return
	}
	direct := make(map[ssa.Instruction]bool)
	for _, ec := range fa.exitCalls(r, as) {
		direct[ec.instr] = true
	}
	// A release after another acquisition of the same place releases
	// that one (sem.TryAcquire(2) succeeded, then sem.Release(2)).
	reacq := fa.reacquisitions(as, r.proto)
	for _, e := range early {
		if direct[e] && !reacquiredBefore(reacq, r.call, e) {
			fa.c.reportExitBeforeCheck(r, e)
			return
		}
	}
}

// reacquiredBefore reports whether a re-acquisition after the
// acquisition acq comes before instr on every path to it.
func reacquiredBefore(reacq map[ssa.Instruction]bool, acq *ssa.Call, instr ssa.Instruction) bool {
	if acq == nil {
		return false
	}
	for ra := range reacq {
		if ra == ssa.Instruction(acq) {
			continue
		}
		if !before(acq, ra) || !before(ra, instr) {
			continue
		}
		return true
	}
	return false
}

// before reports whether a dominates b and comes first.
func before(a, b ssa.Instruction) bool {
	ab, bb := a.Block(), b.Block()
	if ab == bb {
		return indexOf(ab, a) < indexOf(bb, b)
	}
	return ab.Dominates(bb)
}

// checkDoubleExit walks the paths after the acquisition of a resource
// released exactly once (a mutex, a semaphore slot) and reports a second
// release on one path, including a deferred release running at return
// after an explicit one.
func (fa *funcAnalysis) checkDoubleExit(r *resource, as *aliasSet, eff map[ssa.Instruction]effect, fail map[*ssa.BasicBlock]int) {
	if !fa.c.enabled(checkDoubleExit) || r.proto == nil || !r.proto.Single || as == nil {
		return
	}
	// Re-acquisitions of the same resource reset the count: they end the
	// walk (mu.Unlock(); slow(); mu.Lock()).
	reacq := fa.reacquisitions(as, r.proto)
	// A deferred re-acquisition (mu.RUnlock(); defer mu.RLock()) runs
	// before the earlier deferred release: it restores the lock.
	deferredReacq := make(map[ssa.Instruction]bool)
	for _, u := range as.uses {
		if d, ok := u.instr.(*ssa.Defer); ok && u.a.direct() {
			if callee := calleeObject(&d.Call); callee != nil {
				for _, ref := range fa.c.cat.Enters(callee) {
					if ref.Protocol == r.proto && argOf(&d.Call, 0) == u.val {
						deferredReacq[d] = true
					}
				}
			}
		}
	}
	type item struct {
		b         *ssa.BasicBlock
		i         int
		call, dfr ssa.Instruction // the releases seen on this path
	}
	seen := make(map[[3]any]bool)
	stack := []item{{r.call.Block(), indexOf(r.call.Block(), r.call) + 1, nil, nil}}
	push := func(from, b *ssa.BasicBlock, call, def ssa.Instruction) {
		if b.Dominates(from) {
			return // a back edge: the next iteration may hold another object (i = parent)
		}
		k := [3]any{b, call, def}
		if !seen[k] {
			seen[k] = true
			stack = append(stack, item{b, 0, call, def})
		}
	}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		call, def := it.call, it.dfr
		ended := false
		for j := it.i; j < len(it.b.Instrs) && !ended; j++ {
			instr := it.b.Instrs[j]
			if instr == r.call || reacq[instr] || fa.noReturn[instr] {
				ended = true
				break
			}
			if deferredReacq[instr] {
				call = nil
				continue
			}
			switch eff[instr] {
			case effHandoff:
				ended = true
				continue
			case effRelease:
				if ci, ok := instr.(ssa.CallInstruction); ok && !sameWeight(r.call, ci) {
					// Release(n) of a weighted semaphore with another
					// weight than acquired: a count, not one release.
					ended = true
					continue
				}
				if _, isDefer := instr.(*ssa.Defer); isDefer {
					if def != nil {
						fa.c.reportDoubleExit(r, def, instr, false)
						return
					}
					def = instr
				} else {
					// The same release again is the next iteration of a
					// loop, often on another object (i = parent).
					if call != nil && call != instr {
						fa.c.reportDoubleExit(r, call, instr, false)
						return
					}
					call = instr
				}
				continue
			}
			switch x := instr.(type) {
			case *ssa.Return:
				if call != nil && def != nil {
					fa.c.reportDoubleExit(r, call, def, true)
					return
				}
				ended = true
			case *ssa.Panic:
				// Deferred calls run while panicking too.
				if call != nil && def != nil {
					fa.c.reportDoubleExit(r, call, def, true)
					return
				}
				ended = true
			case *ssa.If:
				ended = true
				if fi, ok := fail[it.b]; ok {
					push(it.b, it.b.Succs[1-fi], call, def)
					break
				}
				for k := len(it.b.Succs) - 1; k >= 0; k-- {
					push(it.b, it.b.Succs[k], call, def)
				}
			case *ssa.Jump:
				ended = true
				push(it.b, it.b.Succs[0], call, def)
			default:
				_ = x
			}
		}
	}
}

// sameWeight reports whether a release takes no weight, or the same
// constant weight as the acquisition (sem.Acquire(ctx, 1) and
// sem.Release(1)): then two releases are one too many.
func sameWeight(acq *ssa.Call, rel ssa.CallInstruction) bool {
	args := rel.Common().Args
	if rel.Common().Signature().Params().Len() == 0 {
		return true
	}
	if acq == nil || len(args) == 0 || len(acq.Call.Args) == 0 {
		return false
	}
	a, ok1 := acq.Call.Args[len(acq.Call.Args)-1].(*ssa.Const)
	b, ok2 := args[len(args)-1].(*ssa.Const)
	return ok1 && ok2 && a.Value != nil && b.Value != nil && constant.Compare(a.Value, token.EQL, b.Value)
}

// reacquisitions are the calls of an enter on the resource itself: of
// protocol p, or of any protocol when p is nil (Lock or RLock).
func (fa *funcAnalysis) reacquisitions(as *aliasSet, p *protocol.Protocol) map[ssa.Instruction]bool {
	reacq := make(map[ssa.Instruction]bool)
	if as == nil {
		return reacq
	}
	for _, u := range as.uses {
		ci, ok := u.instr.(*ssa.Call)
		if !ok || u.a.opaque {
			continue
		}
		// A lock wrapper given the lock's owner (cr.lock() locking
		// cr.mu): its summary acquires the owner's field.
		if sum := fa.c.summaryOfCall(&ci.Call); sum != nil {
			for _, acq := range sum.Acquires {
				if p != nil && acq.Protocol != p.ID {
					continue
				}
				if u.a.direct() || acq.Place.Global == "" && argOf(&ci.Call, acq.Place.Param) == u.val && pathEqual(acq.Place.Path, u.a.rest) {
					reacq[ci] = true
				}
			}
		}
		if !u.a.direct() {
			continue
		}
		callee := calleeObject(&ci.Call)
		if callee == nil {
			continue
		}
		for _, ref := range fa.c.cat.Enters(callee) {
			if ref.Resource == protocol.Receiver && argOf(&ci.Call, 0) == u.val && (p == nil || ref.Protocol == p) {
				reacq[ci] = true
			}
		}
	}
	return reacq
}

// checkDeferInLoop reports an acquisition inside a loop whose release is
// deferred to the function's end: each iteration holds one more.
func (fa *funcAnalysis) checkDeferInLoop(r *resource, eff map[ssa.Instruction]effect) {
	if !fa.c.enabled(checkDeferInLoop) || r.call == nil {
		return
	}
	ab := r.call.Block()
	if !fa.reaches(ab, ab) && !strings.HasPrefix(fa.fn.Synthetic, "range-over-func") {
		return // not in a loop
	}
	var first *ssa.Defer
	rangeBody := strings.HasPrefix(fa.fn.Synthetic, "range-over-func")
	for instr, e := range eff {
		d, ok := instr.(*ssa.Defer)
		if !ok || e != effRelease {
			continue
		}
		if d.DeferStack != nil && rangeBody && d.Block() != nil {
			// A defer in a range-over-func loop body runs when the
			// enclosing function returns: one per iteration.
			if first == nil || d.Pos() < first.Pos() {
				first = d
			}
			continue
		}
		if d.DeferStack != nil {
			continue
		}
		db := d.Block()
		if db != ab && !(fa.reaches(ab, db) && fa.reaches(db, ab)) {
			continue
		}
		if db == ab && indexOf(db, d) < indexOf(ab, r.call) {
			continue
		}
		if fa.runsOnce(db) {
			continue
		}
		if first == nil || d.Pos() < first.Pos() {
			first = d
		}
	}
	if first != nil {
		fa.c.reportDeferInLoop(r, first)
	}
}

// runsOnce reports whether block b, although in a loop, runs at most once
// per call: it is guarded by a local bool flag that must be false to
// enter b, b itself sets the flag to true on its way out, and nothing in
// the loop sets it back to false:
//
//	if !locked { mu.Lock(); defer mu.Unlock(); locked = true }
func (fa *funcAnalysis) runsOnce(b *ssa.BasicBlock) bool {
	if len(b.Succs) != 1 {
		return false
	}
	for d := b.Idom(); d != nil; d = d.Idom() {
		ifi, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		// The successor that leads to b, entered only from d.
		enter := -1
		for i, s := range ifi.Block().Succs {
			if len(s.Preds) == 1 && s.Dominates(b) {
				enter = i
			}
		}
		flag, wantFalse := ifi.Cond, enter == 1
		if u, ok := flag.(*ssa.UnOp); ok && u.Op == token.NOT {
			flag, wantFalse = u.X, !wantFalse
		}
		phi, ok := flag.(*ssa.Phi)
		if enter < 0 || !ok || !wantFalse {
			continue
		}
		if fa.flagSetOnce(phi, b) {
			return true
		}
	}
	return false
}

// flagSetOnce reports whether the bool variable whose SSA web contains
// phi takes only constant values, is set to true on the edge leaving b,
// and is set to false only outside b's loop.
func (fa *funcAnalysis) flagSetOnce(phi *ssa.Phi, b *ssa.BasicBlock) bool {
	seen := map[*ssa.Phi]bool{}
	work := []*ssa.Phi{phi}
	setByB := false
	for len(work) > 0 {
		p := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[p] {
			continue
		}
		seen[p] = true
		for i, e := range p.Edges {
			switch v := e.(type) {
			case *ssa.Phi:
				work = append(work, v)
			case *ssa.Const:
				if v.Value == nil || v.Value.Kind() != constant.Bool {
					return false
				}
				pred := p.Block().Preds[i]
				if constant.BoolVal(v.Value) {
					setByB = setByB || pred == b
				} else if fa.reaches(b, pred) {
					return false // cleared again inside the loop
				}
			default:
				return false
			}
		}
	}
	return setByB
}

// reaches reports whether block to is reachable from block from by at
// least one edge.
func (fa *funcAnalysis) reaches(from, to *ssa.BasicBlock) bool {
	if fa.reach == nil {
		fa.reach = make(map[*ssa.BasicBlock][]bool)
	}
	r, ok := fa.reach[from]
	if !ok {
		r = make([]bool, len(fa.fn.Blocks))
		stack := append([]*ssa.BasicBlock(nil), from.Succs...)
		for len(stack) > 0 {
			b := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if r[b.Index] {
				continue
			}
			r[b.Index] = true
			stack = append(stack, b.Succs...)
		}
		fa.reach[from] = r
	}
	return r[to.Index]
}

// checkOwnership reports a resource handed to a goroutine that does not
// release it on every path of the goroutine (and does not hand it on).
// goClosure reports whether a closure is started by a go statement.
func goClosure(mc *ssa.MakeClosure) bool {
	if refs := mc.Referrers(); refs != nil {
		for _, ref := range *refs {
			if g, ok := ref.(*ssa.Go); ok && g.Call.Value == mc {
				return true
			}
		}
	}
	return false
}

func (fa *funcAnalysis) checkOwnership(r *resource, as *aliasSet, eff map[ssa.Instruction]effect) {
	if !fa.c.enabled(checkOwnership) || as == nil || r.external || r.proto == nil || r.proto.Bounded {
		return // a goroutine returning on <-ctx.Done() needs no cancel
	}
	// Only a goroutine that is the resource's sole destination must
	// release it: if the function also releases it (a deferred close of
	// both pipe ends) or hands it elsewhere (stores the cancel func, and
	// a watcher goroutine calls it on a condition), that is someone's job.
	goroutines := 0
	for instr, e := range eff {
		switch x := instr.(type) {
		case *ssa.Go:
			goroutines++
		case *ssa.MakeClosure:
			// The goroutine's own closure is looked at below; another
			// closure that releases or takes the resource
			// (t.Cleanup(func() { lis.Close() })) does the job.
			if !goClosure(x) && (e == effRelease || e == effHandoff) {
				return
			}
		default:
			if e == effRelease || e == effHandoff {
				return
			}
		}
	}
	if goroutines > 1 {
		return
	}
	for _, u := range as.uses {
		var g *ssa.Go
		var fn *ssa.Function
		in := -1
		switch x := u.instr.(type) {
		case *ssa.Go:
			// go worker(f)
			callee := x.Call.StaticCallee()
			if callee == nil || x.Call.IsInvoke() {
				continue
			}
			for i, arg := range x.Call.Args {
				if arg == u.val {
					g, fn, in = x, callee, i
				}
			}
		case *ssa.MakeClosure:
			// go func() { ... f ... }()
			refs := x.Referrers()
			if refs == nil {
				continue
			}
			for _, ref := range *refs {
				if gg, ok := ref.(*ssa.Go); ok && gg.Call.Value == x {
					cfn, _ := x.Fn.(*ssa.Function)
					if cfn == nil || cfn.Synthetic != "" {
						continue
					}
					for k, b := range x.Bindings {
						if b == u.val {
							g, fn, in = gg, cfn, len(cfn.Params)+k
						}
					}
				}
			}
		}
		if g == nil || fn == nil || in < 0 || u.a.opaque {
			continue
		}
		// Only goroutines started after the acquisition get it.
		ab, gb := r.call.Block(), g.Block()
		if ab == gb && indexOf(gb, g) < indexOf(ab, r.call) || ab != gb && !fa.reaches(ab, gb) {
			continue
		}
		if fn.Pkg == fa.c.ssaPkg && fn.Blocks != nil {
			// The goroutine's body is here: walk it.
			if fa.c.goroutineKeepsAll(r, fn, in, u.a.rest) {
				continue
			}
		} else {
			sum := fa.c.summaryOf(fn)
			if sum == nil || fa.goroutineReleases(r, sum, in, u.a.rest) {
				continue
			}
		}
		fa.c.reportOwnership(r, g)
	}
}

// goroutineKeepsAll walks a goroutine's function from its entry with
// input in (at path rest) as the held resource: every path must release
// it or hand it on.
func (c *checker) goroutineKeepsAll(r *resource, fn *ssa.Function, in int, rest []string) bool {
	ins := inputs(fn)
	if in >= len(ins) {
		return true
	}
	g := &funcAnalysis{c: c, fn: fn, sum: &Summary{}, noReturn: make(map[ssa.Instruction]bool)}
	g.scan()
	gr := &resource{proto: r.proto, root: ins[in], path: rest, external: true, funcRes: r.funcRes}
	as := g.closeAliases(gr.root, gr.path)
	eff, _ := g.effects(gr, as)
	w := g.walk(gr, eff, g.failEdges(gr, as), fn.Blocks[0], 0, true)
	for _, l := range w.leaks {
		if l.kind != leakPanic {
			return false
		}
	}
	return true
}

// goroutineReleases reports whether a goroutine's function releases input
// in (at path rest) on every path, or hands it on.
func (fa *funcAnalysis) goroutineReleases(r *resource, sum *Summary, in int, rest []string) bool {
	for _, rel := range sum.Releases {
		if rel.Place.Global == "" && rel.Place.Param == in && pathEqual(rel.Place.Path, rest) && fa.relMatches(r, rel) {
			return true
		}
	}
	for _, rel := range sum.Partial {
		if rel.Place.Global == "" && rel.Place.Param == in {
			return false // released on some paths only
		}
	}
	if sum.owns(in) {
		return true // handed on (stored, sent, passed to an owner)
	}
	for _, fl := range sum.Flows {
		if fl.Param == in {
			return true
		}
	}
	return false
}
