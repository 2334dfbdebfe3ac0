package analyzer

// The path engine.
//
// For every acquisition (a call matching a catalog enter, or a call of a
// function whose summary says it is an enter wrapper) the engine computes
// the set of SSA values that refer to the resource (aliasSet), classifies
// each instruction that uses one of them (release, hand-off, return), and
// then walks the control-flow graph forward from the acquisition. A path
// ends well when it reaches a release (called or deferred), a hand-off
// (returned, stored outside the function, sent, given to a goroutine or to
// a callee that takes ownership), a call that never returns, or the
// failure edge of the enter's own error/bool check. A path that reaches a
// return, an explicit panic, or the acquisition again (the next loop
// iteration) while the resource is held is a leak.
//
// The walk is a "must release" analysis over paths, but every judgement
// about a callee it cannot see through is resolved towards silence: a
// callee that may release, or keeps the resource, takes ownership. A
// deferred release anywhere on the path covers every later exit.
//
// The same walk, started at a function's entry with a parameter as the
// resource, tells whether the function releases that parameter on every
// path (an exit wrapper); that and the hand-off scan of each parameter
// make up the function's Summary, exported as a fact.

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"go/version"
	"runtime/debug"
	"strings"

	"github.com/acmlint/acmlint/analyzer/internal/protocol"
	"golang.org/x/tools/go/ssa"
)

// effect is what an instruction does to one resource.
type effect uint8

const (
	effNone  effect = iota
	effUse          // used (written to) but kept: matters for Flushes protocols
	effWrong        // a sibling protocol's exit (Unlock for an RLock): ends the path, releases nothing
	effRelease
	effHandoff
	// effReleaseTrue marks an If whose true edge releases: a select case
	// receiving from timer.C with an empty body, whose edge leads
	// straight back to the loop head (no block of its own to mark).
	effReleaseTrue
)

// resource is one acquisition being checked.
type resource struct {
	proto    *protocol.Protocol
	enter    *protocol.Enter // nil for acquisitions found through facts
	call     *ssa.Call       // the acquiring call (nil when checking a parameter)
	fnName   string          // the callee, for messages
	root     ssa.Value       // nil: the resource was discarded (or a global protocol)
	path     []string
	when     protocol.Cond
	cond     ssa.Value // the error or bool result that says whether it was acquired
	external bool      // rooted outside the function (receiver, parameter, global)
	funcRes  bool      // the resource is a func; calling it releases
	global   bool      // process-wide state (pprof)
	via      string    // when checking a parameter: the one exit name that counts
	// For a callee's enter-wrapper summary (wrapped): which argument is
	// the root (-1: a global) and the callee's own field path, for naming.
	wrapped  bool
	wrapArg  int
	wrapPath []string
	// siblings are other handles whose exits also release this resource.
	siblings []ssa.Value
	// readOnly: the exits' results may be dropped (from a wrapper's fact).
	readOnly bool
	// result is the enter's result that is the resource (Result kinds).
	result int
	// resultStores and cellReturns: the resource returned through result
	// cells (functions with defers); a cellReturn hands it back only on a
	// path whose last store into the cell was the resource.
	resultStores map[*ssa.Store]*ssa.Alloc
	cellReturns  map[*ssa.Return]bool
	// ctxEnds are the instructions that end the resource by ending its
	// context (cancel called, deferred or handed on).
	ctxEnds map[ssa.Instruction]bool
}

// isResultCell reports whether cell is a result cell the resource is
// stored into.
func (r *resource) isResultCell(cell *ssa.Alloc) bool {
	for _, c := range r.resultStores {
		if c == cell {
			return true
		}
	}
	return false
}

func (r *resource) isExit(name string) bool {
	if r.via != "" {
		return name == r.via
	}
	return r.proto != nil && r.proto.HasExit(name)
}

// leak is one bad end of a path.
type leak struct {
	kind  leakKind
	instr ssa.Instruction
	pos   token.Pos
}

type leakKind uint8

const (
	leakReturn leakKind = iota
	leakPanic
	leakLoop
)

// funcAnalysis holds the per-function state of one analysis.
type funcAnalysis struct {
	c   *checker
	fn  *ssa.Function
	sum *Summary

	noReturn map[ssa.Instruction]bool // calls that never return
	calls    []ssa.CallInstruction    // every call, defer and go, in order
	globals  map[*ssa.Global]*[]ssa.Instruction
	reach    map[*ssa.BasicBlock][]bool // blocks reachable from a block
}

// analyze computes fn's summary and reports its leaks. A panic inside is
// turned into an internal-error diagnostic so one bad function does not
// stop the package.
func (c *checker) analyze(fn *ssa.Function) (sum *Summary) {
	sum = &Summary{}
	defer func() {
		if r := recover(); r != nil {
			c.internalError(fn, fmt.Sprintf("%v\n%s", r, debug.Stack()))
			sum = &Summary{}
		}
	}()
	if n := len(fn.Blocks); n > c.cfg.MaxBlocks {
		c.skipped(fn, n)
		return sum
	}
	fa := &funcAnalysis{c: c, fn: fn, sum: sum, noReturn: make(map[ssa.Instruction]bool)}
	fa.scan()
	sum.NoReturn = fa.computeNoReturn()
	for _, r := range fa.acquisitions() {
		fa.check(r)
	}
	fa.summarizeParams()
	fa.summarizeReleases()
	fa.summarizeChecks()
	if obj, ok := fn.Object().(*types.Func); ok {
		c.applyDirectives(obj, sum)
	}
	sum.sort()
	return sum
}

// scan records calls and those that never return.
func (fa *funcAnalysis) scan() {
	for _, b := range fa.fn.Blocks {
		for _, instr := range b.Instrs {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			fa.calls = append(fa.calls, ci)
			if call, ok := instr.(*ssa.Call); ok && fa.c.neverReturns(&call.Call) {
				fa.noReturn[instr] = true
			}
		}
	}
}

// computeNoReturn reports whether no path from entry reaches a return.
func (fa *funcAnalysis) computeNoReturn() bool {
	if len(fa.fn.Blocks) == 0 {
		return false
	}
	return fa.findReturn(fa.fn.Blocks[0], 0, nil, nil) == nil
}

// acquisitions finds the resources acquired in fn, in instruction order.
func (fa *funcAnalysis) acquisitions() []*resource {
	var out []*resource
	for _, ci := range fa.calls {
		call, ok := ci.(*ssa.Call)
		if !ok {
			continue
		}
		callee := calleeObject(&call.Call)
		if callee == nil {
			continue
		}
		refs := fa.c.cat.Enters(callee)
		if len(refs) == 0 {
			refs = fa.c.userEnters(callee) // directives, the Enter/Exit convention
		}
		for _, ref := range refs {
			if !fa.c.protocolApplies(ref.Protocol) {
				continue
			}
			if r := fa.fromEnter(call, callee, ref); r != nil {
				out = append(out, r)
			}
		}
		// A catalog entry is the contract; the callee's inferred summary
		// (RWMutex.Lock locks rw.w) is an implementation detail.
		if len(refs) > 0 || fa.c.cat.IsNotEnter(callee) {
			continue
		}
		if sum := fa.c.summaryOfCall(&call.Call); sum != nil {
			out = append(out, fa.fromSummary(call, callee, sum)...)
		}
	}
	return out
}

func (fa *funcAnalysis) fromEnter(call *ssa.Call, callee *types.Func, ref protocol.EnterRef) *resource {
	r := &resource{proto: ref.Protocol, enter: ref.Enter, call: call, fnName: funcName(callee), when: ref.When}
	switch ref.Resource {
	case protocol.Receiver:
		var recv ssa.Value
		if call.Call.IsInvoke() {
			recv = call.Call.Value
		} else if len(call.Call.Args) > 0 {
			recv = call.Call.Args[0]
		} else {
			return nil
		}
		r.root, r.path = placeOf(recv)
		r.external = !isFresh(fa.fn, r.root, ref.Protocol.Shared)
	case protocol.Result, protocol.ResultFunc:
		r.result = ref.Index
		r.root = resultValue(call, ref.Index)
		for _, sib := range ref.Siblings {
			if v := resultValue(call, sib); v != nil {
				r.siblings = append(r.siblings, v)
			}
		}
		if ref.Field != "" {
			r.path = []string{ref.Field}
		}
		r.funcRes = ref.Resource == protocol.ResultFunc
	case protocol.Global:
		// Process-wide state is rooted outside any function: started in
		// one (a test's setup) and stopped in another is normal.
		r.global = true
		r.external = true
	}
	if r.when != protocol.Always {
		r.cond = resultValue(call, call.Call.Signature().Results().Len()-1)
	}
	return r
}

// fromSummary turns a callee's enter-wrapper summary into resources.
func (fa *funcAnalysis) fromSummary(call *ssa.Call, callee *types.Func, sum *Summary) []*resource {
	var out []*resource
	for _, rr := range sum.Returns {
		p := fa.c.protocolByID(rr.Protocol)
		if p == nil || !fa.c.protocolApplies(p) {
			continue
		}
		r := &resource{proto: p, call: call, fnName: funcName(callee), when: protocol.Cond(rr.When),
			root: resultValue(call, rr.Result), path: rr.Path, funcRes: p.HasExit("call"), readOnly: rr.ReadOnly,
			result: rr.Result}
		if r.when != protocol.Always {
			r.cond = resultValue(call, call.Call.Signature().Results().Len()-1)
		}
		out = append(out, r)
	}
	for _, acq := range sum.Acquires {
		p := fa.c.protocolByID(acq.Protocol)
		if p == nil || !fa.c.protocolApplies(p) {
			continue
		}
		r := &resource{proto: p, call: call, fnName: funcName(callee), external: true, when: protocol.Cond(acq.When),
			wrapped: true, wrapArg: acq.Place.Param, wrapPath: acq.Place.Path}
		if r.when != protocol.Always {
			r.cond = resultValue(call, call.Call.Signature().Results().Len()-1)
		}
		switch {
		case strings.HasPrefix(acq.Place.Global, "protocol:"):
			r.global = true
		case acq.Place.Global != "":
			g := fa.c.globalVar(acq.Place.Global)
			if g == nil {
				continue
			}
			r.root, r.path = g, acq.Place.Path
		default:
			arg := argOf(&call.Call, acq.Place.Param)
			if arg == nil {
				continue
			}
			root, path := placeOf(arg)
			r.root = root
			r.path = append(append([]string(nil), path...), acq.Place.Path...)
			r.external = !isFresh(fa.fn, root, p.Shared)
		}
		out = append(out, r)
	}
	return out
}

// argOf returns the argument for parameter i (receiver is 0 for methods).
func argOf(c *ssa.CallCommon, i int) ssa.Value {
	if c.IsInvoke() {
		if i == 0 {
			return c.Value
		}
		i--
	}
	if i < 0 || i >= len(c.Args) {
		return nil
	}
	return c.Args[i]
}

// isFresh reports whether a receiver-rooted resource's root was created
// in fn (a local variable, or the result of a call unless the protocol's
// receivers are shared state such as locks), making fn alone responsible
// for it. Receivers, parameters, globals and elements of shared
// structures are rooted outside.
func isFresh(fn *ssa.Function, v ssa.Value, shared bool) bool {
	switch v := v.(type) {
	case *ssa.Alloc:
		// A variable holding a pointer (c := parent) is not the object.
		switch v.Type().(*types.Pointer).Elem().Underlying().(type) {
		case *types.Pointer, *types.Interface:
			return false
		}
		return v.Parent() == fn
	case *ssa.Call:
		return !shared
	case *ssa.Extract:
		_, ok := v.Tuple.(*ssa.Call)
		return ok && !shared
	}
	return false
}

// resultValue returns the value of result i of call, or nil if unused.
func resultValue(call *ssa.Call, i int) ssa.Value {
	if call.Call.Signature().Results().Len() == 1 {
		if i != 0 {
			return nil
		}
		if refs := call.Referrers(); refs == nil || len(*refs) == 0 {
			return nil
		}
		return call
	}
	if refs := call.Referrers(); refs != nil {
		for _, ref := range *refs {
			if x, ok := ref.(*ssa.Extract); ok && x.Index == i {
				if xr := x.Referrers(); xr == nil || len(*xr) == 0 {
					return nil
				}
				return x
			}
		}
	}
	return nil
}

// check walks one resource's paths and reports a leak.
func (fa *funcAnalysis) check(r *resource) {
	if r.root == nil && !r.global {
		// The resource was discarded: nothing can release it.
		fa.c.reportDiscarded(fa.fn, r)
		return
	}
	var as *aliasSet
	if !r.global {
		as = fa.closeAliases(r.root, r.path)
		r.resultStores, r.cellReturns = as.resultStores, cellReturns(as)
	}
	eff, returns := fa.effects(r, as)
	fail := fa.failEdges(r, as)
	if fa.deferredBefore(r, eff, false) {
		return
	}
	// A cancel deferred before a Tx is begun with its context ends the
	// tx on every path, but a Commit whose error is dropped is still
	// worth a report: the other checks run, the leaks are dropped.
	ctxDeferred := len(r.ctxEnds) > 0 && fa.deferredBefore(r, eff, true)
	start := r.call.Block()
	idx := indexOf(start, r.call) + 1
	acquired := r.when == protocol.Always || r.cond == nil || !condUsed(r.cond)
	w := fa.walk(r, eff, fail, start, idx, acquired)
	leaks, released := w.leaks, w.released
	if ctxDeferred {
		leaks = nil
	}
	fa.checkExitBeforeCheck(r, as, w.early)
	fa.checkDroppedResults(r, as)
	fa.checkDoubleExit(r, as, eff, fail)
	fa.checkDeferInLoop(r, eff)
	fa.checkOwnership(r, as, eff)
	fa.checkCallbackPanic(r, as, eff, w.callbacks)
	fa.checkExitOutcome(r, as)

	// A resource handed back to the caller, still held, makes fn an
	// enter wrapper.
	if (!r.external || isFresh(fa.fn, r.root, false)) && r.proto != nil && fa.consistentReturns(r, returns, w.handedBack) {
		for _, rr := range returns {
			// The result is the resource's root (resp) or the resource
			// itself (resp.Body).
			if w.handedBack[rr.ret] && (pathEqual(rr.rest, r.path) || len(rr.rest) == 0) {
				fa.addReturned(r, rr)
			}
		}
	}
	if released == 0 && w.wrong != nil {
		fa.c.reportWrongExit(r, w.wrong)
		return
	}
	if len(leaks) == 0 {
		return
	}
	if strings.HasPrefix(fa.fn.Synthetic, "range-over-func") {
		// The body of a range-over-func loop returns to the iterator at
		// the end of each iteration (and on continue or break).
		for i := range leaks {
			if leaks[i].kind == leakReturn {
				leaks[i].kind = leakLoop
			}
		}
	}
	if r.external {
		if released == 0 && !fa.heldOnEveryReturn(r) && releasesElsewhere(eff) && hasReturnLeak(leaks) {
			// Never released after this acquisition, but released after
			// another one of the same place, and not held on every
			// return: not a lock helper, a leak (if fail { mu.Lock();
			// return err }; mu.Lock(); ...; mu.Unlock()).
			fa.c.reportLeak(fa, r, leaks)
			return
		}
		if released == 0 {
			// Never released here: fn is an enter wrapper when the
			// resource is held on every return; its callers are checked.
			// A wrapper returning the enter's own error or bool
			// (return p.sem.Acquire(ctx, 1)) acquires only on success.
			when := protocol.Always
			if r.cond != nil && allReturnCond(fa, r, leaks) {
				when = r.when
			}
			fa.maybeEnterWrapper(r, leaks, when)
			return
		}
		// Held exactly on the returns that report success (true, or a
		// nil error) and released on the others: a conditional enter
		// wrapper such as TryLock (which never locks in a loop).
		if when := fa.conditionalEnter(leaks, w.released); when != protocol.Always && !fa.reaches(r.call.Block(), r.call.Block()) {
			fa.maybeEnterWrapper(r, leaks, when)
			return
		}
	}
	fa.c.reportLeak(fa, r, leaks)
}

// heldOnEveryReturn reports whether r's acquisition dominates every
// return of the function.
func (fa *funcAnalysis) heldOnEveryReturn(r *resource) bool {
	if r.call == nil {
		return false
	}
	ab := r.call.Block()
	for _, b := range fa.fn.Blocks {
		if len(b.Instrs) == 0 || b == fa.fn.Recover {
			continue
		}
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && !ab.Dominates(b) {
			return false
		}
	}
	return true
}

// hasReturnLeak reports whether some leak is at a return.
func hasReturnLeak(leaks []leak) bool {
	for _, l := range leaks {
		if l.kind == leakReturn {
			return true
		}
	}
	return false
}

// releasesElsewhere reports whether the function releases the resource's
// place anywhere (eff covers every use, reachable or not).
func releasesElsewhere(eff map[ssa.Instruction]effect) bool {
	for _, e := range eff {
		if e == effRelease {
			return true
		}
	}
	return false
}

func condUsed(v ssa.Value) bool {
	refs := v.Referrers()
	return refs != nil && len(*refs) > 0
}

func indexOf(b *ssa.BasicBlock, instr ssa.Instruction) int {
	for i, x := range b.Instrs {
		if x == instr {
			return i
		}
	}
	return -1
}

// returnedAs records a Return that hands the resource back: which result
// and the path from that result to the resource.
type returnedAs struct {
	ret    *ssa.Return
	result int
	rest   []string
}

// effects classifies the instructions that use the resource.
func (fa *funcAnalysis) effects(r *resource, as *aliasSet) (map[ssa.Instruction]effect, []returnedAs) {
	eff := make(map[ssa.Instruction]effect)
	set := func(instr ssa.Instruction, e effect) {
		if e > eff[instr] || (e == effRelease && eff[instr] == effHandoff) {
			// A release beats a hand-off on the same instruction.
			eff[instr] = e
		}
	}
	unusedOK := r.proto != nil && r.proto.UnusedOK
	var returns []returnedAs
	if r.global {
		for _, ci := range fa.calls {
			if fa.releasesGlobal(r, ci) {
				set(ci, effRelease)
			}
		}
		return eff, nil
	}
	for _, u := range as.uses {
		if fa.isWrongExit(r, u) {
			set(u.instr, effWrong)
			continue
		}
		switch x := u.instr.(type) {
		case *ssa.Return:
			// Returning something that merely mentions the resource
			// (fmt.Errorf("%p", c) with c.mu locked) hands back neither
			// a cancel func nor a lock rooted outside.
			if u.a.opaque && (r.funcRes || r.external && r.proto != nil && r.proto.Shared && types.IsInterface(u.val.Type())) {
				continue
			}
			set(x, effHandoff)
			for i, res := range x.Results {
				if res == u.val && !u.a.opaque {
					returns = append(returns, returnedAs{x, i, u.a.rest})
				}
			}
		case *ssa.Store, *ssa.MapUpdate, *ssa.Send:
			// Storing the owner of a lock rooted outside (the varargs of
			// fmt.Errorf("%p", c), a registry entry) leaves the lock held.
			if r.external && r.proto != nil && r.proto.Shared && !u.a.direct() {
				continue
			}
			set(x, effHandoff)
		case *ssa.Go:
			set(x, effHandoff)
		case *ssa.Call:
			e := fa.callEffect(r, &x.Call, u)
			if e == effNone && unusedOK {
				e = effUse
			}
			set(x, e)
		case *ssa.Defer:
			set(x, fa.callEffect(r, &x.Call, u))
		case *ssa.MakeClosure:
			fa.closureEffects(r, x, u, set)
		}
	}
	if r.proto != nil && r.via == "" {
		fa.recvEffects(r, as, set)
		fa.falseEffects(r, as, set)
	} else if strings.HasPrefix(r.via, "!") {
		fa.falseEffects(r, as, set) // a parameter drained by for rows.Next()
	}
	for _, sv := range r.siblings {
		// Closing the other handle here releases this one too; handing
		// the other off does not.
		sib := fa.closeAliases(sv, nil)
		for _, u := range sib.uses {
			switch u.instr.(type) {
			case *ssa.Call, *ssa.Defer:
				if fa.callEffect(r, u.instr.(ssa.CallInstruction).Common(), u) == effRelease {
					set(u.instr, effRelease)
				}
			}
		}
	}
	if r.enter != nil && r.enter.EndsWithContext && r.call != nil {
		fa.contextEffects(r, set)
	}
	// Calls that release the resource without naming an alias of it: a
	// release helper reached through a global, e.g. unlockAll().
	if r.external && r.proto != nil {
		for _, ci := range fa.calls {
			if sum := fa.c.summaryOfCall(ci.Common()); sum != nil {
				for _, rel := range sum.Releases {
					if rel.Place.Global != "" && fa.globalRelMatches(r, rel) {
						set(ci, effRelease)
					}
				}
			}
		}
	}
	// Last: a flag store is a hand-off only where no release follows.
	if r.external && r.root != nil && r.proto != nil && r.proto.Shared {
		fa.flagEffects(r, eff, set)
	}
	return eff, returns
}

// contextEffects marks, for a resource that ends when its context is
// cancelled (a Tx from BeginTx, Rows from QueryContext), what ends that
// context: when the context comes straight from a context.With* call in
// this function, calling or deferring its cancel func ends the resource
// (database/sql rolls the tx back, closes the rows), and handing the
// cancel func on hands the resource's end on with it.
func (fa *funcAnalysis) contextEffects(r *resource, set func(ssa.Instruction, effect)) {
	for _, arg := range r.call.Call.Args {
		ext, ok := arg.(*ssa.Extract)
		if !ok || ext.Index != 0 {
			continue
		}
		call, ok := ext.Tuple.(*ssa.Call)
		if !ok {
			continue
		}
		callee := calleeObject(&call.Call)
		if callee == nil {
			continue
		}
		for _, ref := range fa.c.cat.Enters(callee) {
			if ref.Resource != protocol.ResultFunc {
				continue
			}
			cancel := resultValue(call, ref.Index)
			if cancel == nil {
				continue
			}
			rc := &resource{proto: ref.Protocol, enter: ref.Enter, call: call, root: cancel, funcRes: true, result: ref.Index}
			ceff, _ := fa.effects(rc, fa.closeAliases(cancel, nil))
			for instr, e := range ceff {
				if e == effRelease || e == effHandoff {
					set(instr, e)
					if r.ctxEnds == nil {
						r.ctxEnds = make(map[ssa.Instruction]bool)
					}
					r.ctxEnds[instr] = true
				}
			}
		}
	}
}

// flagEffects marks, for a lock rooted outside the function, the stores
// of true into a bool field of the lock's owner (rs.closemuScanHold =
// true): the function records that the lock stays held for a later call,
// which is a hand-off to that call — unless the path goes on to release
// the lock (b.started = true; b.mu.Unlock()).
func (fa *funcAnalysis) flagEffects(r *resource, eff map[ssa.Instruction]effect, set func(ssa.Instruction, effect)) {
	for _, b := range fa.fn.Blocks {
		for _, instr := range b.Instrs {
			st, ok := instr.(*ssa.Store)
			if !ok {
				continue
			}
			k, ok := st.Val.(*ssa.Const)
			if !ok || k.Value == nil || k.Value.Kind() != constant.Bool || !constant.BoolVal(k.Value) {
				continue
			}
			if root, _ := placeOf(st.Addr); root == r.root && !fa.releasedAfter(eff, st) {
				set(st, effHandoff)
			}
		}
	}
}

// isWrongExit reports whether u calls a sibling protocol's exit on r.
func (fa *funcAnalysis) isWrongExit(r *resource, u use) bool {
	if r.proto == nil || len(r.proto.WrongExits) == 0 || !u.a.direct() {
		return false
	}
	ci, ok := u.instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	common := ci.Common()
	var name string
	if common.IsInvoke() && common.Value == u.val {
		name = common.Method.Name()
	} else if callee := common.StaticCallee(); callee != nil && callee.Signature.Recv() != nil &&
		len(common.Args) > 0 && common.Args[0] == u.val {
		name = callee.Name()
	}
	for _, w := range r.proto.WrongExits {
		if name == w {
			return true
		}
	}
	return false
}

// falseEffects marks the false branch of a call of a "!M" exit method on
// the resource (for rows.Next() { ... }: the loop's exit) as a release.
func (fa *funcAnalysis) falseEffects(r *resource, as *aliasSet, set func(ssa.Instruction, effect)) {
	var names []string
	if strings.HasPrefix(r.via, "!") {
		names = []string{r.via[1:]}
	} else {
		names = r.proto.FalseExits()
	}
	if len(names) == 0 {
		return
	}
	for _, u := range as.uses {
		call, ok := u.instr.(*ssa.Call)
		if !ok || !u.a.direct() || call.Referrers() == nil {
			continue
		}
		var name string
		if call.Call.IsInvoke() && call.Call.Value == u.val {
			name = call.Call.Method.Name()
		} else if callee := call.Call.StaticCallee(); callee != nil && callee.Signature.Recv() != nil &&
			len(call.Call.Args) > 0 && call.Call.Args[0] == u.val {
			name = callee.Name()
		}
		match := false
		for _, n := range names {
			match = match || n == name
		}
		if !match {
			continue
		}
		for _, ref := range *call.Referrers() {
			if ifi, ok := ref.(*ssa.If); ok {
				succ := ifi.Block().Succs[1]
				if len(succ.Preds) == 1 && len(succ.Instrs) > 0 {
					set(succ.Instrs[0], effRelease)
				}
			}
		}
	}
}

// recvEffects marks receives that release the resource ("<-C" exits): a
// receive statement, or the branch of a select that chose that receive.
func (fa *funcAnalysis) recvEffects(r *resource, as *aliasSet, set func(ssa.Instruction, effect)) {
	fields := r.proto.RecvExits()
	if len(fields) == 0 {
		return
	}
	isExitChan := func(ch ssa.Value) bool {
		var x ssa.Value
		var idx int
		switch v := ch.(type) {
		case *ssa.UnOp:
			fa, ok := v.X.(*ssa.FieldAddr)
			if !ok {
				return false
			}
			x, idx = fa.X, fa.Field
		case *ssa.Field:
			x, idx = v.X, v.Field
		default:
			return false
		}
		a, ok := as.of[x]
		if !ok || !a.direct() {
			return false
		}
		f := fieldOf(x.Type(), idx)
		if f == nil {
			return false
		}
		for _, name := range fields {
			if f.Name() == name {
				return true
			}
		}
		return false
	}
	for _, b := range fa.fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.UnOp:
				if x.Op == token.ARROW && isExitChan(x.X) {
					set(x, effRelease)
				}
			case *ssa.Select:
				for k, st := range x.States {
					if st.Dir == types.RecvOnly && isExitChan(st.Chan) {
						if first, ifi := selectCaseEntry(x, k); first != nil {
							set(first, effRelease)
						} else if ifi != nil {
							set(ifi, effReleaseTrue)
						}
					}
				}
			}
		}
	}
}

// selectCaseEntry finds the first instruction of the block entered when
// case k of a select is chosen or, when that block is shared with other
// paths (an empty case jumping back to a loop head), the If choosing it.
func selectCaseEntry(sel *ssa.Select, k int) (ssa.Instruction, *ssa.If) {
	refs := sel.Referrers()
	if refs == nil {
		return nil, nil
	}
	for _, ref := range *refs {
		ex, ok := ref.(*ssa.Extract)
		if !ok || ex.Index != 0 || ex.Referrers() == nil {
			continue
		}
		for _, use := range *ex.Referrers() {
			cmp, ok := use.(*ssa.BinOp)
			if !ok || cmp.Op != token.EQL || cmp.Referrers() == nil {
				continue
			}
			c, ok := cmp.Y.(*ssa.Const)
			if !ok || c.Value == nil {
				continue
			}
			if n, exact := constant.Int64Val(c.Value); !exact || n != int64(k) {
				continue
			}
			for _, u := range *cmp.Referrers() {
				if ifi, ok := u.(*ssa.If); ok {
					succ := ifi.Block().Succs[0]
					if len(succ.Preds) == 1 && len(succ.Instrs) > 0 {
						return succ.Instrs[0], nil
					}
					return nil, ifi
				}
			}
		}
	}
	return nil, nil
}

// callEffect is the effect of a call (or deferred call) that uses an alias.
func (fa *funcAnalysis) callEffect(r *resource, common *ssa.CallCommon, u use) effect {
	if common.IsInvoke() {
		if common.Value == u.val {
			if u.a.direct() && r.isExit(common.Method.Name()) {
				return effRelease
			}
			return effNone
		}
	} else if common.Value == u.val {
		if r.funcRes && u.a.direct() {
			return effRelease
		}
		return effNone
	}
	if _, ok := common.Value.(*ssa.Builtin); ok {
		return effNone
	}
	callee := common.StaticCallee()
	sig := common.Signature()
	result := effNone
	if u.a.boxed && callee == nil && !common.IsInvoke() {
		// A struct of the function's own holding the resource, passed to
		// a func value: it may release or keep the resource.
		result = effHandoff
	}
	for i, arg := range common.Args {
		if arg != u.val {
			continue
		}
		pi := i
		if common.IsInvoke() {
			pi = i + 1 // summaries count the receiver as parameter 0
		}
		if callee == nil {
			// Dynamic call: a parameter type that could release the
			// resource is taken to take ownership of it.
			pt := paramType(sig, i, common.IsInvoke())
			if pt != nil && fa.canRelease(r, u.a, pt, sig) {
				result = maxEffect(result, effHandoff)
			}
			continue
		}
		isRecv := i == 0 && callee.Signature.Recv() != nil
		if isRecv && u.a.direct() && r.isExit(callee.Name()) {
			return effRelease
		}
		sum := fa.c.summaryOf(callee)
		if sum == nil {
			if callee.Blocks == nil && callee.Object() == nil {
				result = maxEffect(result, effNone)
			}
			continue
		}
		for _, rel := range sum.Releases {
			if rel.Place.Global == "" && rel.Place.Param == pi && !u.a.opaque &&
				pathEqual(rel.Place.Path, u.a.rest) && fa.relMatches(r, rel) {
				return effRelease
			}
		}
		// A wrapper's own exit (tc.Close() on tls.Client(raw)) releases
		// what it holds even if only on some paths (not when closed
		// already).
		if isRecv && r.isExit(callee.Name()) {
			for _, rel := range sum.Partial {
				if rel.Place.Param == 0 && !u.a.opaque && pathEqual(rel.Place.Path, u.a.rest) && fa.relMatches(r, rel) {
					return effRelease
				}
			}
		}
		// A method does not take its own receiver away from the caller
		// (rows.Next, tx.Exec): what a method does with its receiver is
		// the type's business, and its exits are matched above. A struct
		// holding the resource is another matter — except a lock rooted
		// outside: handing its owner on (fmt.Errorf("%p", c)) does not
		// unlock it; only a release through the field does.
		if sum.owns(pi) && (!isRecv || u.a.boxed) && !(r.external && r.proto != nil && r.proto.Shared && !u.a.direct()) {
			result = maxEffect(result, effHandoff)
		}
		// A callee that may release what the struct holds (on some
		// paths, or through a goroutine) takes it over.
		if u.a.boxed {
			for _, rel := range sum.Partial {
				if rel.Place.Global == "" && rel.Place.Param == pi && pathEqual(rel.Place.Path, u.a.rest) && fa.relMatches(r, rel) {
					result = maxEffect(result, effHandoff)
				}
			}
		}
		for _, fl := range sum.Flows {
			if fl.Param == pi && fl.InParam >= 0 && !isRecv {
				// Stored into another argument's memory: a hand-off
				// unless that memory is local (then closeAliases
				// tracks it as a container).
				if dst := argOf(common, fl.InParam); dst != nil {
					if root, _ := placeOf(dst); !fa.c.isLocalCell(fa.fn, root) {
						result = maxEffect(result, effHandoff)
					}
				}
			}
		}
	}
	return result
}

func maxEffect(a, b effect) effect {
	if b > a {
		return b
	}
	return a
}

func paramType(sig *types.Signature, i int, invoke bool) types.Type {
	params := sig.Params()
	if !invoke && sig.Recv() != nil {
		// Static method call: Args[0] is the receiver.
		if i == 0 {
			return sig.Recv().Type()
		}
		i--
	}
	if i < params.Len() {
		t := params.At(i).Type()
		if sig.Variadic() && i == params.Len()-1 {
			if s, ok := t.(*types.Slice); ok {
				return s.Elem()
			}
		}
		return t
	}
	return nil
}

// canRelease reports whether a value of type t, handed the resource, could
// release it: a func when the resource is a func, an interface with one of
// the resource's exit methods, or the resource's own type.
func (fa *funcAnalysis) canRelease(r *resource, a alias, t types.Type, sig *types.Signature) bool {
	if a.opaque {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Signature:
		return r.funcRes
	case *types.Interface:
		if r.proto == nil {
			return false
		}
		for i := 0; i < u.NumMethods(); i++ {
			if r.isExit(u.Method(i).Name()) {
				return true
			}
		}
		return false
	case *types.Pointer, *types.Named:
		// The resource itself, or its root when the resource is a field
		// of it and the func hands a value of that type back: an
		// ErrorHandler func(*http.Response, error) (*http.Response, error)
		// takes resp and owns resp.Body; a ModifyResponse
		// func(*http.Response) error only looks at it.
		if r.root == nil || !types.Identical(t, r.root.Type()) {
			return false
		}
		if len(a.rest) == 0 {
			return true
		}
		if !pathEqual(a.rest, r.path) {
			return false
		}
		for i := 0; i < sig.Results().Len(); i++ {
			if types.Identical(sig.Results().At(i).Type(), t) {
				return true
			}
		}
		return false
	}
	return false
}

func (fa *funcAnalysis) relMatches(r *resource, rel PlaceEffect) bool {
	if rel.Protocol != "" && r.proto != nil && rel.Protocol == r.proto.ID {
		return true
	}
	if rel.Via == "*" {
		return true // an //acmlint:exit helper releases whatever it is given
	}
	return rel.Via != "" && r.isExit(rel.Via)
}

// globalRelMatches reports whether a callee's release of a global place
// releases r, whose root is that global.
func (fa *funcAnalysis) globalRelMatches(r *resource, rel PlaceEffect) bool {
	g, ok := r.root.(*ssa.Global)
	if !ok || g.Object() == nil {
		return false
	}
	return rel.Place.Global == globalName(g.Object()) && pathEqual(rel.Place.Path, r.path) && fa.relMatches(r, rel)
}

// releasesGlobal reports whether ci releases the global protocol of r.
func (fa *funcAnalysis) releasesGlobal(r *resource, ci ssa.CallInstruction) bool {
	callee := calleeObject(ci.Common())
	for _, p := range fa.c.cat.GlobalExits(callee) {
		if p == r.proto {
			return true
		}
	}
	if sum := fa.c.summaryOfCall(ci.Common()); sum != nil {
		for _, rel := range sum.Releases {
			if rel.Place.Global == "protocol:"+r.proto.ID {
				return true
			}
		}
	}
	return false
}

// closureEffects handles a closure that captures the resource: calling
// or deferring it has the effect its body has on the captured variable;
// passing it to a callee that runs but does not keep it may release it
// (a hand-off, to stay silent); any other use (stored, returned, run as a
// goroutine) hands the resource off.
func (fa *funcAnalysis) closureEffects(r *resource, mc *ssa.MakeClosure, u use, set func(ssa.Instruction, effect)) {
	fn := mc.Fn.(*ssa.Function)
	refs := mc.Referrers()
	if refs == nil {
		return
	}
	if fa.closureEscapes(mc) {
		// Run as a goroutine: the hand-off is the go statement.
		goStmt := false
		for _, ref := range *refs {
			if g, ok := ref.(*ssa.Go); ok && g.Call.Value == mc {
				set(g, effHandoff)
				goStmt = true
			}
		}
		if !goStmt {
			set(mc, effHandoff)
		}
		return
	}
	var bound *types.Func
	if fn.Synthetic != "" && len(mc.Bindings) == 1 {
		bound, _ = fn.Object().(*types.Func) // method value x.M
	}
	k := -1
	for i, b := range mc.Bindings {
		if b == u.val {
			k = i
		}
	}
	// The closure body's effect on the captured resource.
	body := effNone
	if bound != nil {
		if u.a.direct() && r.isExit(bound.Name()) {
			body = effRelease
		}
	} else if sum := fa.c.summaryOf(fn); sum != nil && k >= 0 {
		in := len(fn.Params) + k
		for _, rel := range sum.Releases {
			if rel.Place.Global == "" && rel.Place.Param == in && !u.a.opaque &&
				pathEqual(rel.Place.Path, u.a.rest) && fa.relMatches(r, rel) {
				body = effRelease
			}
		}
		if body == effNone && sum.owns(in) {
			body = effHandoff
		}
		if body == effNone {
			for _, fl := range sum.Flows {
				if fl.Param == in && fl.InParam >= 0 {
					body = effHandoff
				}
			}
		}
	}
	for _, ref := range *refs {
		if st, ok := ref.(*ssa.Store); ok && st.Val == mc && body != effNone {
			if cell, ok := st.Addr.(*ssa.Alloc); ok {
				fa.cellEffects(cell, body, set, 0)
			}
			continue
		}
		ci, ok := ref.(ssa.CallInstruction)
		if !ok {
			continue // kept in local memory
		}
		if ci.Common().Value == mc {
			set(ref, body)
		} else if body != effNone {
			// Run by the callee, perhaps: a release there may or may
			// not happen, so the resource counts as handed off.
			set(ref, effHandoff)
		}
	}
}

// cellEffects follows a closure that captures the resource into the
// local variable it is kept in (SSA keeps a closure that another closure
// captures in a cell): calling the variable has the body's effect, and a
// second closure capturing the variable hands the resource to whatever
// runs that one (func(s *Stream) { go runStream(s) } given to a callee).
func (fa *funcAnalysis) cellEffects(cell *ssa.Alloc, body effect, set func(ssa.Instruction, effect), depth int) {
	refs := cell.Referrers()
	if refs == nil || depth > 3 {
		return
	}
	for _, ref := range *refs {
		switch x := ref.(type) {
		case *ssa.UnOp:
			if x.Op != token.MUL || x.Referrers() == nil {
				continue
			}
			for _, lr := range *x.Referrers() {
				switch y := lr.(type) {
				case *ssa.BinOp, *ssa.DebugRef:
					// compared with nil: neither run nor given away
				case ssa.CallInstruction:
					if y.Common().Value == x {
						set(lr, body)
					} else {
						set(lr, effHandoff)
					}
				default:
					set(lr, effHandoff)
				}
			}
		case *ssa.MakeClosure:
			if x.Referrers() == nil {
				continue
			}
			for _, mr := range *x.Referrers() {
				if st, ok := mr.(*ssa.Store); ok && st.Val == x {
					if c2, ok := st.Addr.(*ssa.Alloc); ok {
						fa.cellEffects(c2, effHandoff, set, depth+1)
						continue
					}
				}
				set(mr, effHandoff)
			}
		}
	}
}

// failEdges finds the branches on which the enter failed: the error is
// non-nil, the bool is false, or the resource itself is nil.
func (fa *funcAnalysis) failEdges(r *resource, as *aliasSet) map[*ssa.BasicBlock]int {
	fail := make(map[*ssa.BasicBlock]int)
	mark := func(v ssa.Value, failWhenTrue bool) {
		refs := v.Referrers()
		if refs == nil {
			return
		}
		for _, ref := range *refs {
			if ifi, ok := ref.(*ssa.If); ok {
				if failWhenTrue {
					fail[ifi.Block()] = 0
				} else {
					fail[ifi.Block()] = 1
				}
			}
		}
	}
	// test marks comparisons of v with nil (failNonNil: the non-nil
	// branch is the failure) and, for bools, v itself.
	var test func(v ssa.Value, isErr bool, depth int)
	test = func(v ssa.Value, isErr bool, depth int) {
		refs := v.Referrers()
		if refs == nil || depth > 4 {
			return
		}
		for _, ref := range *refs {
			switch x := ref.(type) {
			case *ssa.BinOp:
				if x.Op != token.EQL && x.Op != token.NEQ {
					continue
				}
				other := x.Y
				if other == v {
					other = x.X
				}
				if isErr && isNil(other) {
					// err != nil: true branch fails.
					mark(x, x.Op == token.NEQ)
				} else if !isErr {
					if k, ok := other.(*ssa.Const); ok && k.Value != nil && k.Value.Kind() == constant.Bool {
						truth := constant.BoolVal(k.Value)
						// ok == true: false branch fails; ok != true: true branch fails.
						mark(x, (x.Op == token.EQL) != truth)
					}
				}
			case *ssa.If:
				if !isErr {
					fail[x.Block()] = 1
				}
			case *ssa.UnOp:
				if x.Op == token.NOT && !isErr {
					mark(x, true)
				}
			case *ssa.Call:
				if isErr && isErrorPredicate(&x.Call) {
					mark(x, true)
				}
				// A bool helper false for a non-nil error
				// (assert.NoError): its false branch may be the failure.
				if isErr && fa.falseish(x, stripIface(v)) {
					mark(x, false)
					if xr := x.Referrers(); xr != nil {
						for _, u := range *xr {
							if not, ok := u.(*ssa.UnOp); ok && not.Op == token.NOT {
								mark(not, true)
							}
						}
					}
				}
			case *ssa.ChangeInterface, *ssa.MakeInterface, *ssa.Phi:
				test(ref.(ssa.Value), isErr, depth+1)
			case *ssa.Store:
				if x.Val == v {
					if root, path := placeOf(x.Addr); len(path) == 0 && fa.c.isLocalCell(fa.fn, root) {
						if rr := root.Referrers(); rr != nil {
							for _, l := range *rr {
								if ld, ok := l.(*ssa.UnOp); ok && ld.Op == token.MUL {
									test(ld, isErr, depth+1)
								}
							}
						}
					}
				}
			}
		}
	}
	if r.cond != nil {
		test(r.cond, r.when == protocol.ErrNil, 0)
	}
	// A nil resource was not acquired: if f != nil { defer f.Close() }.
	// And the resource asserted to a type it has cannot fail the
	// assertion: if bw, ok := w.(*bufio.Writer); ok { bw.Flush() }.
	if as != nil {
		for v, a := range as.of {
			if a.opaque {
				continue
			}
			if len(a.rest) == 0 && r.root != nil && len(r.path) == 0 {
				fa.assertEdges(v, r.root.Type(), fail)
			}
			if !isNillable(v.Type()) {
				continue
			}
			if len(a.rest) != 0 && !pathPrefix(a.rest, r.path) {
				continue
			}
			if refs := v.Referrers(); refs != nil {
				for _, ref := range *refs {
					if x, ok := ref.(*ssa.BinOp); ok && (x.Op == token.EQL || x.Op == token.NEQ) {
						other := x.Y
						if other == v {
							other = x.X
						}
						if isNil(other) {
							mark(x, x.Op == token.EQL)
						}
					}
				}
			}
		}
	}
	return fail
}

// assertEdges marks the !ok branch of "x, ok := v.(T)" as infeasible
// when the resource's type rt is T or implements it.
func (fa *funcAnalysis) assertEdges(v ssa.Value, rt types.Type, fail map[*ssa.BasicBlock]int) {
	refs := v.Referrers()
	if refs == nil {
		return
	}
	for _, ref := range *refs {
		ta, ok := ref.(*ssa.TypeAssert)
		if !ok || !ta.CommaOk || !types.AssignableTo(rt, ta.AssertedType) || ta.Referrers() == nil {
			continue
		}
		for _, tr := range *ta.Referrers() {
			ex, ok := tr.(*ssa.Extract)
			if !ok || ex.Index != 1 || ex.Referrers() == nil {
				continue
			}
			for _, er := range *ex.Referrers() {
				if ifi, ok := er.(*ssa.If); ok {
					fail[ifi.Block()] = 1
				}
			}
		}
	}
}

func isNillable(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface, *types.Signature, *types.Map, *types.Chan, *types.Slice:
		return true
	}
	return false
}

func pathPrefix(rest, path []string) bool {
	// rest is a suffix of the resource's path: the value is the root or an
	// intermediate container of the resource (resp for resp.Body).
	if len(rest) > len(path) {
		return false
	}
	return pathEqual(rest, path[len(path)-len(rest):])
}

func pathEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// isErrorPredicate reports calls such as errors.Is(err, x) or
// os.IsNotExist(err) that are true only for a non-nil error.
func isErrorPredicate(c *ssa.CallCommon) bool {
	fn := calleeObject(c)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() + "." + fn.Name() {
	case "errors.Is", "errors.As", "os.IsNotExist", "os.IsExist", "os.IsPermission", "os.IsTimeout":
		return true
	}
	return false
}

// cellReturns finds the returns that hand the resource back only by
// loading a result cell it was stored into.
func cellReturns(as *aliasSet) map[*ssa.Return]bool {
	if len(as.resultStores) == 0 {
		return nil
	}
	cells := make(map[*ssa.Alloc]bool)
	for _, cell := range as.resultStores {
		cells[cell] = true
	}
	m := make(map[*ssa.Return]bool)
	direct := make(map[*ssa.Return]bool)
	for _, u := range as.uses {
		ret, ok := u.instr.(*ssa.Return)
		if !ok {
			continue
		}
		if ld, ok := u.val.(*ssa.UnOp); ok && ld.Op == token.MUL {
			if cell, ok := ld.X.(*ssa.Alloc); ok && cells[cell] {
				m[ret] = true
				continue
			}
		}
		direct[ret] = true
	}
	for ret := range direct {
		delete(m, ret)
	}
	return m
}

// deferredBefore reports whether a release of r was deferred before the
// acquisition, on every path to it (var f *os.File; defer func() { if f
// != nil { f.Close() } }(); f, err = os.Open(...)).
func (fa *funcAnalysis) deferredBefore(r *resource, eff map[ssa.Instruction]effect, withContext bool) bool {
	if r.call == nil {
		return false
	}
	ab := r.call.Block()
	ai := indexOf(ab, r.call)
	for instr, e := range eff {
		if e == effNone || e == effUse || (!withContext && r.ctxEnds[instr]) {
			continue
		}
		// A deferred release, or a cleanup closure registered before the
		// acquisition that captures the variable it will be stored in
		// (t.Cleanup(func() { if c != nil { c.Close() } })).
		switch instr.(type) {
		case *ssa.Defer, *ssa.MakeClosure:
		default:
			continue
		}
		d := instr
		db := d.Block()
		if db == ab {
			if indexOf(db, d) < ai {
				return true
			}
		} else if db.Dominates(ab) {
			return true
		}
	}
	return false
}

// walkResult is what a walk found: the leaking ends, how many paths
// released the resource, and the returns that handed it back while held.
type walkResult struct {
	leaks      []leak
	released   int
	handedBack map[*ssa.Return]bool
	wrong      ssa.CallInstruction // a sibling protocol's exit met on a path
	early      []ssa.Instruction   // releases met before the enter's error was checked
	callbacks  []*ssa.Call         // caller-supplied code run while held, release not deferred
}

// walk follows every path from (b, i).
func (fa *funcAnalysis) walk(r *resource, eff map[ssa.Instruction]effect, fail map[*ssa.BasicBlock]int,
	b *ssa.BasicBlock, i int, acquired bool) walkResult {
	var leaks []leak
	released := 0
	handedBack := make(map[*ssa.Return]bool)
	var wrong ssa.CallInstruction
	var early []ssa.Instruction
	var callbacks []*ssa.Call
	known := fa.knownConds(r)
	// A path's state: whether the resource is known acquired (the enter's
	// check passed) and, for Flushes protocols, whether it was written.
	type state uint8
	const (
		acqBit  state = 1
		usedBit state = 2
		errBit  state = 4 // took the failing branch of an error check
		cellBit state = 8 // the resource is in its result cell (see resource.cellReturns)
	)
	type item struct {
		b  *ssa.BasicBlock
		i  int
		st state
	}
	flushes := r.proto != nil && r.proto.Flushes
	st0 := state(0)
	if acquired {
		st0 |= acqBit
	}
	if r.proto == nil || !r.proto.UnusedOK {
		st0 |= usedBit
	}
	// seen[block] has bit 1<<state set once entered in that state.
	seen := make([]uint16, len(fa.fn.Blocks))
	push := func(stack []item, s *ssa.BasicBlock, st state) []item {
		bit := uint16(1) << st
		if seen[s.Index]&bit != 0 {
			return stack
		}
		seen[s.Index] |= bit
		return append(stack, item{s, 0, st})
	}
	stack := []item{{b, i, st0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		b, st := it.b, it.st
		acq := st&acqBit != 0
		ended := false
		for j := it.i; j < len(b.Instrs) && !ended; j++ {
			instr := b.Instrs[j]
			if r.call != nil && instr == r.call {
				// Back at the acquisition: the next loop iteration.
				if acq && st&usedBit != 0 {
					leaks = append(leaks, leak{kind: leakLoop, instr: instr})
				}
				ended = true
				break
			}
			// must(err) / check(t, err): past the call the error is nil.
			if !acq && r.cond != nil {
				if call, ok := instr.(*ssa.Call); ok && fa.checksCond(r, &call.Call) {
					st |= acqBit
					acq = true
				}
			}
			// Caller-supplied code run while held, even if it is handed
			// the resource (WithTx's fn(tx)): a panic there skips the
			// release unless it was deferred.
			if call, ok := instr.(*ssa.Call); ok && acq && fa.isCallback(r, call) {
				callbacks = append(callbacks, call)
			}
			e := eff[instr]
			if len(r.resultStores) > 0 {
				switch x := instr.(type) {
				case *ssa.Store:
					if _, ok := r.resultStores[x]; ok {
						st |= cellBit
					} else if cell, ok := x.Addr.(*ssa.Alloc); ok && r.isResultCell(cell) {
						st &^= cellBit // the cell now holds something else
					}
				case *ssa.Return:
					if r.cellReturns[x] && st&cellBit == 0 {
						e = effNone // returns the cell's other value
					}
				}
			}
			switch e {
			case effUse:
				st |= usedBit
			case effWrong:
				if wrong == nil {
					wrong = instr.(ssa.CallInstruction)
				}
				ended = true
				continue
			case effRelease:
				released++
				if !acq && r.cond != nil {
					early = append(early, instr)
				}
				ended = true
				continue
			case effHandoff:
				if ret, ok := instr.(*ssa.Return); ok {
					handedBack[ret] = true
				}
				if _, ok := instr.(*ssa.Go); ok && r.external {
					// A goroutine that takes a lock or a semaphore slot
					// from outside releases it there: a path that does
					// not is the leak.
					released++
				}
				ended = true
				continue
			}
			if fa.noReturn[instr] {
				ended = true
				break
			}
			switch x := instr.(type) {
			case *ssa.Return:
				// Unchecked, but the enter's error is returned as is
				// (return cmd.Start()): on success the resource leaks.
				held := acq || fa.returnsCond(r, x)
				if held && st&usedBit != 0 && !(flushes && (st&errBit != 0 || fa.returnsError(x))) {
					leaks = append(leaks, leak{kind: leakReturn, instr: x, pos: returnPos(x)})
				}
				ended = true
			case *ssa.Panic:
				// Only explicit panic calls have a position; the
				// builder's own panics (range-over-func misuse) do not.
				if acq && st&usedBit != 0 && x.Pos().IsValid() {
					leaks = append(leaks, leak{kind: leakPanic, instr: x, pos: x.Pos()})
				}
				ended = true
			case *ssa.If:
				ended = true
				if eff[x] == effReleaseTrue {
					released++
					stack = push(stack, b.Succs[1], st)
					break
				}
				if fi, ok := fail[b]; ok {
					stack = push(stack, b.Succs[1-fi], st|acqBit)
					break
				}
				if truth, ok := known[condKey(x.Cond)]; ok {
					// Decided by a branch taken to reach the acquisition
					// (if b == 10 { lock } ... if b == 10 { unlock }).
					k := 1
					if truth {
						k = 0
					}
					stack = push(stack, b.Succs[k], st)
					break
				}
				errSucc := -1
				if flushes {
					errSucc = errorBranch(x)
				}
				for k := len(b.Succs) - 1; k >= 0; k-- {
					nst := st
					if k == errSucc {
						nst |= errBit
					}
					stack = push(stack, b.Succs[k], nst)
				}
			case *ssa.Jump:
				ended = true
				stack = push(stack, b.Succs[0], st)
			}
		}
	}
	return walkResult{leaks, released, handedBack, wrong, early, callbacks}
}

// returnPos gives a position for a return: the return statement, or for
// an implicit return the closing brace of the function.
func returnPos(ret *ssa.Return) token.Pos {
	if ret.Pos().IsValid() {
		return ret.Pos()
	}
	if fn := ret.Parent(); fn != nil {
		if syn := fn.Syntax(); syn != nil {
			return syn.End() - 1
		}
	}
	return token.NoPos
}

// addReturned records that fn returns the acquired resource r.
func (fa *funcAnalysis) addReturned(r *resource, ra returnedAs) {
	sig := fa.fn.Signature
	when := protocol.Always
	if n := sig.Results().Len(); n > 1 {
		last := sig.Results().At(n - 1).Type()
		if types.Identical(last, types.Universe.Lookup("error").Type()) {
			when = protocol.ErrNil
		} else if b, ok := last.Underlying().(*types.Basic); ok && b.Kind() == types.Bool {
			when = protocol.BoolTrue
		}
		if ra.result == n-1 {
			when = protocol.Always
		}
	}
	for _, rr := range fa.sum.Returns {
		if rr.Result == ra.result && rr.Protocol == r.proto.ID {
			return
		}
	}
	fa.sum.Returns = append(fa.sum.Returns, ReturnedResource{
		Result: ra.result, Protocol: r.proto.ID, Path: ra.rest, When: uint8(when),
		ReadOnly: !fa.mustUseApplies(r),
	})
}

// maybeEnterWrapper records that fn acquires an outside-rooted resource
// on every path and leaves it held: fn is an enter wrapper.
func (fa *funcAnalysis) maybeEnterWrapper(r *resource, leaks []leak, when protocol.Cond) {
	if r.proto == nil {
		return
	}
	var place Place
	switch root := r.root.(type) {
	case nil:
		if !r.global {
			return
		}
		place = Place{Param: -1, Global: "protocol:" + r.proto.ID}
	case *ssa.Parameter:
		place = Place{Param: paramIndex(fa.fn, root), Path: r.path}
	case *ssa.FreeVar:
		place = Place{Param: len(fa.fn.Params) + freeVarIndex(fa.fn, root), Path: r.path}
	case *ssa.Global:
		if root.Object() == nil {
			return
		}
		place = Place{Param: -1, Global: globalName(root.Object()), Path: r.path}
	default:
		return
	}
	// Held on every return: the acquisition dominates every return.
	ab := r.call.Block()
	for _, b := range fa.fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		if b == fa.fn.Recover {
			continue // reached only by a panic
		}
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && !ab.Dominates(b) && when == protocol.Always {
			return
		}
	}
	for _, l := range leaks {
		if l.kind == leakLoop {
			return
		}
	}
	for _, e := range fa.sum.Acquires {
		if e.Place.equal(place) && e.Protocol == r.proto.ID {
			return
		}
	}
	fa.sum.Acquires = append(fa.sum.Acquires, PlaceEffect{Place: place, Protocol: r.proto.ID, When: uint8(when)})
}

// allReturnCond reports whether every leak is a return of the enter's
// own error or bool.
func allReturnCond(fa *funcAnalysis, r *resource, leaks []leak) bool {
	for _, l := range leaks {
		ret, ok := l.instr.(*ssa.Return)
		if !ok || !fa.returnsCond(r, ret) {
			return false
		}
	}
	return true
}

// conditionalEnter reports whether every leaking end is a return whose
// last result says "acquired" (true, or a nil error), the shape of a
// function that acquires on success and releases on failure.
func (fa *funcAnalysis) conditionalEnter(leaks []leak, released int) protocol.Cond {
	res := fa.fn.Signature.Results()
	if res.Len() == 0 {
		return protocol.Always
	}
	last := res.At(res.Len() - 1).Type()
	var when protocol.Cond
	switch {
	case types.Identical(last, errorType):
		when = protocol.ErrNil
	case isBool(last):
		when = protocol.BoolTrue
	default:
		return protocol.Always
	}
	for _, l := range leaks {
		ret, ok := l.instr.(*ssa.Return)
		if !ok || len(ret.Results) == 0 {
			return protocol.Always
		}
		v := ret.Results[len(ret.Results)-1]
		k, ok := v.(*ssa.Const)
		if !ok {
			return protocol.Always
		}
		if when == protocol.ErrNil && !k.IsNil() {
			return protocol.Always
		}
		if when == protocol.BoolTrue && (k.Value == nil || k.Value.Kind() != constant.Bool || !constant.BoolVal(k.Value)) {
			return protocol.Always
		}
	}
	// The other returns must report failure, and there must be one: a
	// function that returns success both with and without the lock (or a
	// range-over-func body, whose one return serves every path) is
	// simply leaking.
	if strings.HasPrefix(fa.fn.Synthetic, "range-over-func") {
		return protocol.Always
	}
	failing := 0
	leaking := make(map[ssa.Instruction]bool)
	for _, l := range leaks {
		leaking[l.instr] = true
	}
	for _, b := range fa.fn.Blocks {
		if len(b.Instrs) == 0 || b == fa.fn.Recover {
			continue
		}
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || leaking[ret] || len(ret.Results) == 0 {
			continue
		}
		v := ret.Results[len(ret.Results)-1]
		k, ok := v.(*ssa.Const)
		if !ok {
			// return err after a failed check: a failure too.
			if when == protocol.ErrNil && knownNonNil(v, ret.Block(), 0) {
				failing++
			}
			continue
		}
		if when == protocol.ErrNil && k.IsNil() {
			return protocol.Always
		}
		if when == protocol.BoolTrue && k.Value != nil && k.Value.Kind() == constant.Bool && constant.BoolVal(k.Value) {
			return protocol.Always
		}
		failing++
	}
	if failing == 0 {
		return protocol.Always
	}
	return when
}

var errorType = types.Universe.Lookup("error").Type()

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}

// consistentReturns reports whether fn hands back r on every return that
// can report success: the others return nil in r's slot (with an error).
// A function that returns its resource on some successful paths and a
// stand-in (a no-op func) on others is not an enter for its callers.
func (fa *funcAnalysis) consistentReturns(r *resource, returns []returnedAs, handedBack map[*ssa.Return]bool) bool {
	slots := make(map[int]bool)
	for _, rr := range returns {
		if handedBack[rr.ret] {
			slots[rr.result] = true
		}
	}
	if len(slots) == 0 {
		return false
	}
	mine := make(map[*ssa.Return]bool)
	for _, rr := range returns {
		mine[rr.ret] = true
	}
	for _, b := range fa.fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || mine[ret] {
			continue
		}
		for slot := range slots {
			if slot < len(ret.Results) && !isZeroConst(ret.Results[slot]) {
				return false
			}
		}
	}
	return true
}

// errorBranch returns the successor of an "err != nil" / "err == nil"
// test on which the error is non-nil, or -1.
func errorBranch(ifi *ssa.If) int {
	cmp, ok := ifi.Cond.(*ssa.BinOp)
	if !ok || (cmp.Op != token.NEQ && cmp.Op != token.EQL) {
		return -1
	}
	x := cmp.X
	if isZeroConst(x) {
		x = cmp.Y
	} else if !isZeroConst(cmp.Y) {
		return -1
	}
	if !types.Identical(x.Type(), errorType) {
		return -1
	}
	if cmp.Op == token.NEQ {
		return 0
	}
	return 1
}

// condKey identifies a branch condition by its operation and operands,
// so that two evaluations of b == 10 (different SSA values, the same
// immutable operands) are recognised as one. Loads are not immutable and
// get no key.
func condKey(v ssa.Value) string {
	id := func(v ssa.Value) string {
		switch x := v.(type) {
		case *ssa.Const:
			return "k" + x.String()
		case *ssa.UnOp:
			if x.Op == token.MUL {
				return "" // a load: memory may change
			}
		}
		return fmt.Sprintf("v%p", v)
	}
	if b, ok := v.(*ssa.BinOp); ok {
		x, y := id(b.X), id(b.Y)
		if x == "" || y == "" {
			return ""
		}
		return b.Op.String() + " " + x + " " + y
	}
	return id(v)
}

// knownConds returns the branch conditions decided on the way to r's
// acquisition: for each dominating if whose one successor leads there,
// the truth of its condition (and of the negated comparison).
func (fa *funcAnalysis) knownConds(r *resource) map[string]bool {
	known := make(map[string]bool)
	if r.call == nil {
		return known
	}
	ab := r.call.Block()
	for d := ab.Idom(); d != nil; d = d.Idom() {
		ifi, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		t, f := d.Succs[0].Dominates(ab), d.Succs[1].Dominates(ab)
		if t == f {
			continue
		}
		key := condKey(ifi.Cond)
		if key == "" {
			continue
		}
		known[key] = t
		if b, ok := ifi.Cond.(*ssa.BinOp); ok && (b.Op == token.EQL || b.Op == token.NEQ) {
			neg := token.NEQ
			if b.Op == token.NEQ {
				neg = token.EQL
			}
			if nk := condKey(&ssa.BinOp{Op: neg, X: b.X, Y: b.Y}); nk != "" {
				known[nk] = !t
			}
		}
	}
	return known
}

// checksCond reports whether a call is an error check of r's condition:
// its callee does not return when given the error non-nil.
func (fa *funcAnalysis) checksCond(r *resource, common *ssa.CallCommon) bool {
	sum := fa.c.summaryOfCall(common)
	if sum == nil || len(sum.ChecksNil) == 0 {
		return false
	}
	for _, i := range sum.ChecksNil {
		if i < len(common.Args) && stripIface(common.Args[i]) == r.cond {
			return true
		}
	}
	return false
}

func stripIface(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.ChangeInterface:
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		default:
			return v
		}
	}
}

// summarizeChecks finds the error parameters fn does not return normally
// with when non-nil: every path from entry that takes the non-nil branch
// of a test of the parameter ends in a panic or a call that never returns.
// A test is a comparison with nil or a bool helper known to be false for
// a non-nil error (if assert.NoError(t, err) { return }; t.FailNow()).
// For a function with one bool result it also finds the parameters for
// which that result is false whenever they are non-nil, and whether it is
// always false.
func (fa *funcAnalysis) summarizeChecks() {
	res := fa.fn.Signature.Results()
	boolResult := res.Len() == 1 && types.Identical(res.At(0).Type(), types.Typ[types.Bool])
	if boolResult {
		fa.sum.ReturnsFalse = fa.findReturn(fa.fn.Blocks[0], 0, nil, func(ret *ssa.Return) bool {
			return !fa.falseish(ret.Results[0], nil)
		}) == nil && fa.findReturn(fa.fn.Blocks[0], 0, nil, nil) != nil
	}
	for i, p := range fa.fn.Params {
		if !types.Identical(p.Type(), errorType) || p.Referrers() == nil {
			continue
		}
		// The ifs that test the parameter, and their non-nil successor.
		nonNil := make(map[*ssa.BasicBlock]int)
		branch := func(cond ssa.Value, nonNilSucc int) {
			if cond.Referrers() == nil {
				return
			}
			for _, u := range *cond.Referrers() {
				switch x := u.(type) {
				case *ssa.If:
					nonNil[x.Block()] = nonNilSucc
				case *ssa.UnOp:
					if x.Op == token.NOT && x.Referrers() != nil {
						for _, v := range *x.Referrers() {
							if ifi, ok := v.(*ssa.If); ok {
								nonNil[ifi.Block()] = 1 - nonNilSucc
							}
						}
					}
				}
			}
		}
		for _, ref := range *p.Referrers() {
			switch x := ref.(type) {
			case *ssa.BinOp:
				if (x.Op == token.NEQ || x.Op == token.EQL) && (isZeroConst(x.X) || isZeroConst(x.Y)) {
					if x.Op == token.NEQ {
						branch(x, 0)
					} else {
						branch(x, 1)
					}
				}
			case *ssa.Call:
				if fa.falseish(x, p) {
					branch(x, 1)
				}
			}
		}
		if len(nonNil) == 0 {
			continue
		}
		succs := func(b *ssa.BasicBlock) []*ssa.BasicBlock {
			if k, ok := nonNil[b]; ok {
				return b.Succs[k : k+1]
			}
			return b.Succs
		}
		// With the parameter non-nil, no return may be reached...
		if fa.findReturn(fa.fn.Blocks[0], 0, succs, nil) == nil {
			fa.sum.ChecksNil = append(fa.sum.ChecksNil, i)
			continue
		}
		// ... or every return reached says false.
		if boolResult && fa.findReturn(fa.fn.Blocks[0], 0, succs, func(ret *ssa.Return) bool {
			return !fa.falseish(ret.Results[0], p)
		}) == nil {
			fa.sum.FalseIfNonNil = append(fa.sum.FalseIfNonNil, i)
		}
	}
}

// falseish reports whether v is known to be false: the constant false, a
// call of a function that always returns false, or (with err non-nil) a
// call of a function whose result is false for that error non-nil.
func (fa *funcAnalysis) falseish(v ssa.Value, err ssa.Value) bool {
	switch x := v.(type) {
	case *ssa.Const:
		return x.Value != nil && x.Value.Kind() == constant.Bool && !constant.BoolVal(x.Value)
	case *ssa.Call:
		sum := fa.c.summaryOfCall(&x.Call)
		if sum == nil {
			return false
		}
		if sum.ReturnsFalse {
			return true
		}
		if err == nil {
			return false
		}
		for _, i := range sum.FalseIfNonNil {
			if i < len(x.Call.Args) && stripIface(x.Call.Args[i]) == err {
				return true
			}
		}
	}
	return false
}

// returnsCond reports whether ret returns the enter's own error or bool.
func (fa *funcAnalysis) returnsCond(r *resource, ret *ssa.Return) bool {
	if r.cond == nil {
		return false
	}
	for _, v := range ret.Results {
		for i := 0; i < 4; i++ {
			if v == r.cond {
				return true
			}
			switch x := v.(type) {
			case *ssa.ChangeInterface:
				v = x.X
				continue
			case *ssa.MakeInterface:
				v = x.X
				continue
			}
			break
		}
	}
	return false
}

// returnsError reports whether ret returns an error known to be non-nil:
// a freshly made error, or a value on the non-nil branch of its check.
func (fa *funcAnalysis) returnsError(ret *ssa.Return) bool {
	n := len(ret.Results)
	if n == 0 {
		return false
	}
	last := ret.Results[n-1]
	if !types.Identical(last.Type(), errorType) || isZeroConst(last) {
		return false
	}
	return knownNonNil(last, ret.Block(), 0)
}

// knownNonNil reports whether error value v is non-nil where block b runs.
func knownNonNil(v ssa.Value, b *ssa.BasicBlock, depth int) bool {
	if depth > 4 {
		return false
	}
	switch x := v.(type) {
	case *ssa.UnOp:
		// A sentinel error (io.ErrUnexpectedEOF).
		if _, ok := x.X.(*ssa.Global); ok && x.Op == token.MUL {
			return true
		}
		// A named result: the value stored just before in this block.
		if cell, ok := x.X.(*ssa.Alloc); ok && x.Op == token.MUL {
			instrs := x.Block().Instrs
			for i := indexOf(x.Block(), x) - 1; i >= 0; i-- {
				if st, ok := instrs[i].(*ssa.Store); ok && st.Addr == cell {
					if knownNonNil(st.Val, b, depth+1) {
						return true
					}
					break
				}
			}
		}
	case *ssa.MakeInterface:
		return true // a concrete error value
	case *ssa.Call:
		if fn := calleeObject(&x.Call); fn != nil && fn.Pkg() != nil {
			switch protocol.KeyOf(fn) {
			case protocol.Key{Pkg: "errors", Name: "New"}, protocol.Key{Pkg: "fmt", Name: "Errorf"},
				protocol.Key{Pkg: "context", Recv: "Context", Name: "Err"}: // after <-ctx.Done()
				return true
			}
		}
	case *ssa.Phi:
		for i, e := range x.Edges {
			if !isZeroConst(e) && !knownNonNil(e, x.Block().Preds[i], depth+1) {
				return false
			}
			if isZeroConst(e) {
				return false
			}
		}
		return true
	}
	// Dominated by the non-nil branch of "v != nil" / "v == nil". For a
	// load of a variable (a named result), any load of it counts.
	var refs []ssa.Instruction
	if r := v.Referrers(); r != nil {
		refs = *r
	}
	if ld, ok := v.(*ssa.UnOp); ok && ld.Op == token.MUL {
		if cell, ok := ld.X.(*ssa.Alloc); ok && cell.Referrers() != nil {
			for _, cr := range *cell.Referrers() {
				if l2, ok := cr.(*ssa.UnOp); ok && l2.Op == token.MUL && l2 != ld && l2.Referrers() != nil {
					refs = append(refs, *l2.Referrers()...)
				}
			}
		}
	}
	for _, ref := range refs {
		cmp, ok := ref.(*ssa.BinOp)
		if !ok || (cmp.Op != token.NEQ && cmp.Op != token.EQL) || cmp.Referrers() == nil {
			continue
		}
		if !isZeroConst(cmp.X) && !isZeroConst(cmp.Y) {
			continue
		}
		for _, u := range *cmp.Referrers() {
			ifi, ok := u.(*ssa.If)
			if !ok {
				continue
			}
			succ := ifi.Block().Succs[0] // true branch
			if cmp.Op == token.EQL {
				succ = ifi.Block().Succs[1]
			}
			if len(succ.Preds) == 1 && succ.Dominates(b) {
				return true
			}
		}
	}
	return false
}

func isZeroConst(v ssa.Value) bool {
	k, ok := v.(*ssa.Const)
	return ok && (k.IsNil() || k.Value == nil)
}

func paramIndex(fn *ssa.Function, p *ssa.Parameter) int {
	for i, q := range fn.Params {
		if q == p {
			return i
		}
	}
	return -1
}

func freeVarIndex(fn *ssa.Function, v *ssa.FreeVar) int {
	for i, q := range fn.FreeVars {
		if q == v {
			return i
		}
	}
	return -1
}

func globalName(obj types.Object) string {
	if obj.Pkg() == nil {
		return obj.Name()
	}
	return obj.Pkg().Path() + "." + obj.Name()
}

// calleeObject returns the *types.Func a call statically or dynamically
// (interface method) targets, or nil.
func calleeObject(c *ssa.CallCommon) *types.Func {
	if c.IsInvoke() {
		return c.Method
	}
	if fn := c.StaticCallee(); fn != nil {
		if obj, ok := fn.Object().(*types.Func); ok {
			return obj
		}
	}
	return nil
}

// funcName is a short name for messages: os.Open, (*sql.DB).Query.
func funcName(fn *types.Func) string {
	if fn == nil {
		return "the call"
	}
	fn = fn.Origin()
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		if fn.Pkg() == nil {
			return fn.Name()
		}
		return fn.Pkg().Name() + "." + fn.Name()
	}
	t := sig.Recv().Type()
	star := ""
	if p, ok := t.(*types.Pointer); ok {
		t, star = p.Elem(), "*"
	}
	name := "?"
	if n, ok := t.(interface{ Obj() *types.TypeName }); ok {
		name = n.Obj().Name()
		if n.Obj().Pkg() != nil {
			name = n.Obj().Pkg().Name() + "." + name
		}
	}
	return "(" + star + name + ")." + fn.Name()
}

// protocolApplies reports whether p is in force for the package's Go
// version.
func (c *checker) protocolApplies(p *protocol.Protocol) bool {
	if p.Before == "" {
		return true
	}
	v := c.pass.Pkg.GoVersion()
	if v == "" && c.pass.Module != nil && c.pass.Module.GoVersion != "" {
		v = "go" + c.pass.Module.GoVersion
	}
	return v != "" && version.Compare(v, p.Before) < 0
}

// neverReturns reports whether a call cannot return (os.Exit, log.Fatal,
// t.Fatal, or a callee whose summary says so).
func (c *checker) neverReturns(common *ssa.CallCommon) bool {
	// FailNow, SkipNow and Fatal on an interface (testify's TestingT):
	// by testing's contract they do not return.
	if common.IsInvoke() {
		switch common.Method.Name() {
		case "FailNow", "SkipNow", "Fatal", "Fatalf":
			return true
		}
	}
	fn := calleeObject(common)
	if fn != nil && fn.Pkg() != nil {
		k := protocol.KeyOf(fn)
		switch k.Pkg {
		case "os", "syscall":
			if k.Recv == "" && k.Name == "Exit" {
				return true
			}
		case "runtime":
			if k.Recv == "" && k.Name == "Goexit" {
				return true
			}
		case "testing":
			switch k.Name {
			case "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow":
				return true
			}
		case "log":
			switch k.Name {
			case "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln":
				return true
			}
		}
	}
	if fn != nil && !common.IsInvoke() && c.cfgs != nil && c.cfgs.NoReturn(fn) {
		return true
	}
	if sum := c.summaryOfCall(common); sum != nil && sum.NoReturn {
		return true
	}
	return false
}
