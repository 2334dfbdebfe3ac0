package analyzer

import (
	"go/types"
	"strings"
	"time"

	"golang.org/x/tools/go/ssa"
)

// summaryOf returns fn's summary: computed for functions of this package
// (memoised; nil while in progress, so recursion sees an unknown callee),
// imported as a fact for functions of other packages.
func (c *checker) summaryOf(fn *ssa.Function) *Summary {
	if fn == nil {
		return nil
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	if s, ok := c.sums[fn]; ok {
		return s
	}
	var s *Summary
	// Range-over-func loop bodies are synthetic but are the user's code.
	if fn.Pkg != nil && fn.Pkg == c.ssaPkg && fn.Blocks != nil &&
		(fn.Synthetic == "" || strings.HasPrefix(fn.Synthetic, "range-over-func")) {
		c.sums[fn] = nil // in progress
		s = c.analyzeTimed(fn)
	} else if obj, ok := fn.Object().(*types.Func); ok {
		if obj.Pkg() == c.pass.Pkg {
			// A synthetic wrapper (thunk, bound method) of a local method.
			if m := c.ssaPkg.Prog.FuncValue(obj); m != nil && m != fn {
				c.sums[fn] = nil
				s = c.summaryOf(m)
			}
		} else {
			var f Summary
			if c.pass.ImportObjectFact(obj.Origin(), &f) {
				s = &f
			}
		}
	}
	c.sums[fn] = s
	return s
}

// analyzeTimed analyzes fn and records its self time in the stats.
func (c *checker) analyzeTimed(fn *ssa.Function) *Summary {
	outer := c.nested
	c.nested = 0
	start := time.Now()
	s := c.analyze(fn)
	total := time.Since(start)
	instrs := 0
	for _, b := range fn.Blocks {
		instrs += len(b.Instrs)
	}
	c.stats.Funcs = append(c.stats.Funcs, FuncStat{
		Name: fn.String(), Pos: fn.Pos(), Blocks: len(fn.Blocks), Instrs: instrs,
		Time: total - c.nested,
	})
	c.nested = outer + total
	return s
}

// summaryOfCall returns the summary of a call's static callee, or nil.
func (c *checker) summaryOfCall(common *ssa.CallCommon) *Summary {
	if common.IsInvoke() {
		return nil
	}
	return c.summaryOf(common.StaticCallee())
}

// globalVar finds the SSA global for "pkgpath.name".
func (c *checker) globalVar(name string) *ssa.Global {
	dot := strings.LastIndex(name, ".")
	if dot <= 0 {
		return nil
	}
	path, id := name[:dot], name[dot+1:]
	pkg := c.ssaPkg
	if path != c.pass.Pkg.Path() {
		pkg = c.ssaPkg.Prog.ImportedPackage(path)
	}
	if pkg == nil {
		return nil
	}
	g, _ := pkg.Members[id].(*ssa.Global)
	return g
}

// inputs are a function's parameters followed by its free variables.
func inputs(fn *ssa.Function) []ssa.Value {
	in := make([]ssa.Value, 0, len(fn.Params)+len(fn.FreeVars))
	for _, p := range fn.Params {
		in = append(in, p)
	}
	for _, v := range fn.FreeVars {
		in = append(in, v)
	}
	return in
}

func inputIndex(fn *ssa.Function, v ssa.Value) int {
	switch v := v.(type) {
	case *ssa.Parameter:
		return paramIndex(fn, v)
	case *ssa.FreeVar:
		if i := freeVarIndex(fn, v); i >= 0 {
			return len(fn.Params) + i
		}
	case *ssa.Alloc:
		// A struct parameter whose field is addressed lives in a local
		// copy (t0 = local T (p); *t0 = p): its fields are the
		// parameter's.
		if p := spilledParam(fn, v); p != nil {
			return paramIndex(fn, p)
		}
	}
	return -1
}

// spilledParam returns the parameter an entry-block alloc is a copy of,
// or nil.
func spilledParam(fn *ssa.Function, a *ssa.Alloc) *ssa.Parameter {
	if a.Parent() != fn || len(fn.Blocks) == 0 || a.Block() != fn.Blocks[0] || a.Referrers() == nil {
		return nil
	}
	for _, ref := range *a.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == a {
			if p, ok := st.Val.(*ssa.Parameter); ok && p.Name() == a.Comment {
				return p
			}
		}
	}
	return nil
}

// mayHoldResource reports whether a value of type t could refer to a
// resource; parameters of other types need no summary.
func mayHoldResource(t types.Type) bool {
	return mayHold(t, 0)
}

func mayHold(t types.Type, depth int) bool {
	if depth > 3 {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	case *types.Slice:
		return mayHold(u.Elem(), depth+1)
	case *types.Array:
		return mayHold(u.Elem(), depth+1)
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if mayHold(u.Field(i).Type(), depth+1) {
				return true
			}
		}
		return false
	}
	return true
}

// summarizeParams records which inputs fn takes ownership of and which
// flow into its results or into other inputs' memory.
func (fa *funcAnalysis) summarizeParams() {
	fn := fa.fn
	for i, in := range inputs(fn) {
		if !mayHoldResource(in.Type()) {
			continue
		}
		owns := fa.usesOwn(i, fa.closeAliases(in, nil))
		// A field handed to a callee that takes it (http.Serve(i.L, h))
		// gives the struct's resource away too.
		if !owns {
			owns = fa.fieldOwned(i, in)
		}
		if owns && !fa.sum.owns(i) {
			fa.sum.Owns = append(fa.sum.Owns, i)
		}
	}
}

// usesOwn reports whether the uses of input i's aliases give it away,
// and records its flows into results and other inputs on the way.
func (fa *funcAnalysis) usesOwn(i int, as *aliasSet) bool {
	owns := false
	for _, u := range as.uses {
		switch x := u.instr.(type) {
		case *ssa.Return:
			for ri, res := range x.Results {
				if res == u.val {
					f := Flow{Param: i, Result: ri, InParam: -1, Direct: u.a.direct()}
					if !u.a.opaque && len(u.a.rest) > 0 {
						f.Path = u.a.rest
					}
					fa.addFlow(f)
				}
			}
		case *ssa.Store:
			root, _ := placeOf(x.Addr)
			if j := inputIndex(fa.fn, root); j >= 0 && j != i {
				fa.addFlow(Flow{Param: i, InParam: j})
			} else if arr := localArray(fa.fn, x.Addr); arr != nil && x.Val == u.val {
				// An element of a local array, a slice literal's
				// (enc.w = []io.Writer{w} in gob.NewEncoder).
				owns = fa.containerOwns(i, arr) || owns
			} else {
				owns = true
			}
		case *ssa.MapUpdate, *ssa.Send, *ssa.Go:
			owns = true
		case *ssa.Call:
			owns = fa.paramCallOwns(i, &x.Call, u) || copiesInto(&x.Call, u.val) || owns
		case *ssa.Defer:
			owns = fa.paramCallOwns(i, &x.Call, u) || owns
		case *ssa.MakeClosure:
			owns = fa.paramClosureOwns(x, u) || owns
		}
	}
	return owns
}

// copiesInto reports whether the call is append or copy with v among its
// arguments: the elements go into a slice the aliases do not follow
// (registry = append(registry, c)), so they count as given away.
func copiesInto(common *ssa.CallCommon, v ssa.Value) bool {
	b, ok := common.Value.(*ssa.Builtin)
	if !ok || (b.Name() != "append" && b.Name() != "copy") {
		return false
	}
	for _, arg := range common.Args {
		if arg == v {
			return true
		}
	}
	return false
}

// containerOwns reports whether input i, stored as an element of the local
// array arr, is given away. The array is a plain container, through
// which i flows wherever the array goes, only when the function builds
// it, keeps it in its own memory (a field of a struct it made), calls
// methods on that struct, and returns it: gob.NewEncoder's enc.w =
// []io.Writer{w}. Anything else done with the array (its elements read
// back, as in range []io.Closer{a, b}; passed to a call; appended) keeps
// the old rule: i is given away.
func (fa *funcAnalysis) containerOwns(i int, arr *ssa.Alloc) bool {
	as := fa.closeAliases(arr, nil)
	for _, u := range as.uses {
		switch x := u.instr.(type) {
		case *ssa.Return:
		case *ssa.IndexAddr:
			if refs := x.Referrers(); refs != nil {
				for _, ref := range *refs {
					if st, ok := ref.(*ssa.Store); !ok || st.Addr != x {
						return true // an element read back
					}
				}
			}
		case *ssa.Store:
			if root, _ := placeOf(x.Addr); inputIndex(fa.fn, root) < 0 {
				return true
			}
		case *ssa.Call:
			callee := x.Call.StaticCallee()
			if callee == nil || callee.Signature.Recv() == nil || len(x.Call.Args) == 0 || x.Call.Args[0] != u.val || !u.a.boxed {
				return true
			}
			for _, arg := range x.Call.Args[1:] {
				if arg == u.val {
					return true
				}
			}
		default:
			return true
		}
	}
	return fa.usesOwn(i, as)
}

// localArray returns the array fn allocates that addr is an element of
// (&t[0] of a slice literal), or nil.
func localArray(fn *ssa.Function, addr ssa.Value) *ssa.Alloc {
	ia, ok := addr.(*ssa.IndexAddr)
	if !ok {
		return nil
	}
	a, ok := ia.X.(*ssa.Alloc)
	if !ok || a.Parent() != fn {
		return nil
	}
	if p, ok := a.Type().Underlying().(*types.Pointer); ok {
		if _, ok := p.Elem().Underlying().(*types.Array); ok {
			return a
		}
	}
	return nil
}

// fieldOwned reports whether fn gives away what a field of struct input
// i (or of the struct it points to) holds: the field is passed to a
// callee that takes ownership, stored outside, sent or given to a
// goroutine.
func (fa *funcAnalysis) fieldOwned(i int, in ssa.Value) bool {
	t := in.Type()
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || st.NumFields() > 16 {
		return false
	}
	root := in
	if p, ok := in.(*ssa.Parameter); ok && p.Referrers() != nil {
		for _, ref := range *p.Referrers() {
			if s, ok := ref.(*ssa.Store); ok && s.Val == p {
				if a, ok := s.Addr.(*ssa.Alloc); ok && spilledParam(fa.fn, a) == p {
					root = a
				}
			}
		}
	}
	for f := 0; f < st.NumFields(); f++ {
		fld := st.Field(f)
		if fld.Embedded() || !mayHoldResource(fld.Type()) {
			continue
		}
		if _, isFunc := fld.Type().Underlying().(*types.Signature); isFunc {
			continue
		}
		as := fa.closeAliases(root, []string{fld.Name()})
		for _, u := range as.uses {
			if len(u.a.rest) > 0 || u.a.opaque {
				continue
			}
			switch x := u.instr.(type) {
			case *ssa.Send, *ssa.Go:
				return true
			case *ssa.Call:
				// A method called on the field (i.F.Close()) is its
				// use, not a hand-off.
				if callee := x.Call.StaticCallee(); callee != nil && callee.Signature.Recv() != nil &&
					len(x.Call.Args) > 0 && x.Call.Args[0] == u.val {
					continue
				}
				if x.Call.Value != u.val && fa.paramCallOwns(i, &x.Call, u) {
					return true
				}
			}
		}
	}
	return false
}

func (fa *funcAnalysis) addFlow(f Flow) {
	for _, g := range fa.sum.Flows {
		if g.Param == f.Param && g.Result == f.Result && g.InParam == f.InParam && g.Direct == f.Direct && pathEqual(g.Path, f.Path) {
			return
		}
	}
	fa.sum.Flows = append(fa.sum.Flows, f)
}

// paramCallOwns reports whether passing input i to a call gives it away,
// recording flows into other inputs along the way.
func (fa *funcAnalysis) paramCallOwns(i int, common *ssa.CallCommon, u use) bool {
	if _, ok := common.Value.(*ssa.Builtin); ok {
		return false
	}
	if common.Value == u.val || (common.IsInvoke() && common.Value == u.val) {
		return false // calling it, or a method on it: a use, not a hand-off
	}
	callee := common.StaticCallee()
	owns := false
	for ai, arg := range common.Args {
		if arg != u.val {
			continue
		}
		if callee == nil {
			if t := paramType(common.Signature(), ai, common.IsInvoke()); t != nil && fa.couldRelease(t, u.a) {
				owns = true
			}
			continue
		}
		if callee.Blocks == nil && callee.Synthetic == "" && callee.Object() != nil {
			// No body (assembly, or linked from the runtime: time.AfterFunc's
			// newTimer keeps its func): it may keep what it is given.
			owns = true
			continue
		}
		sum := fa.c.summaryOf(callee)
		if sum == nil {
			continue
		}
		if sum.owns(ai) {
			owns = true
		}
		for _, fl := range sum.Flows {
			if fl.Param != ai || fl.InParam < 0 {
				continue
			}
			dst := argOf(common, fl.InParam)
			if dst == nil {
				continue
			}
			root, _ := placeOf(dst)
			if j := inputIndex(fa.fn, root); j >= 0 && j != i {
				fa.addFlow(Flow{Param: i, InParam: j})
			} else if !fa.c.isLocalCell(fa.fn, root) {
				owns = true
			}
		}
	}
	return owns
}

// couldRelease is canRelease for a parameter whose resource is not known:
// any func, or an interface with a method some protocol exits by.
func (fa *funcAnalysis) couldRelease(t types.Type, a alias) bool {
	if a.opaque {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Signature:
		return true
	case *types.Interface:
		for i := 0; i < u.NumMethods(); i++ {
			if fa.c.isExitName(u.Method(i).Name()) {
				return true
			}
		}
	}
	return false
}

// paramClosureOwns reports whether a closure capturing input u.val gives
// it away: the closure escapes, runs as a goroutine, or owns its capture.
func (fa *funcAnalysis) paramClosureOwns(mc *ssa.MakeClosure, u use) bool {
	if fa.closureEscapes(mc) {
		return true
	}
	fn := mc.Fn.(*ssa.Function)
	if fn.Synthetic != "" {
		return false // a method value called here
	}
	k := -1
	for i, b := range mc.Bindings {
		if b == u.val {
			k = i
		}
	}
	if sum := fa.c.summaryOf(fn); sum != nil && k >= 0 && sum.owns(len(fn.Params)+k) {
		return true
	}
	return false
}

// releaseCandidate is a place rooted at an input or a global that fn
// releases on some path; the walk decides whether on every path.
type releaseCandidate struct {
	root ssa.Value
	path []string
	via  string
	pl   Place
}

// summarizeReleases finds the inputs and globals fn releases on every
// path (fn is an exit wrapper for them) and takes ownership of those it
// releases on some paths only.
func (fa *funcAnalysis) summarizeReleases() {
	var cands []releaseCandidate
	seen := make(map[string]bool)
	addCand := func(v ssa.Value, extra []string, via string) {
		root, path := placeOf(v)
		path = append(append([]string(nil), path...), extra...)
		var pl Place
		if i := inputIndex(fa.fn, root); i >= 0 {
			pl = Place{Param: i, Path: path}
		} else if g, ok := root.(*ssa.Global); ok && g.Object() != nil {
			pl = Place{Param: -1, Global: globalName(g.Object()), Path: path}
		} else {
			return
		}
		key := pl.String() + "/" + via
		if seen[key] {
			return
		}
		seen[key] = true
		cands = append(cands, releaseCandidate{root, path, via, pl})
	}
	for _, ci := range fa.calls {
		common := ci.Common()
		switch {
		case common.IsInvoke():
			if fa.c.isExitName(common.Method.Name()) {
				addCand(common.Value, nil, common.Method.Name())
			}
			continue
		case common.StaticCallee() == nil:
			if mc, ok := common.Value.(*ssa.MakeClosure); ok {
				fa.closureCandidates(mc, addCand)
				continue
			}
			// Calling a func value that returns nothing: cancel().
			if _, ok := common.Value.(*ssa.Builtin); !ok && common.Signature().Results().Len() == 0 {
				if _, isFn := common.Value.(*ssa.Function); !isFn {
					addCand(common.Value, nil, "call")
				}
			}
			continue
		}
		callee := common.StaticCallee()
		if callee.Signature.Recv() != nil && len(common.Args) > 0 && fa.c.isExitName("!"+callee.Name()) {
			// for rows.Next() { ... }: released when Next says false.
			addCand(common.Args[0], nil, "!"+callee.Name())
			continue
		}
		if callee.Signature.Recv() != nil && len(common.Args) > 0 && fa.c.isExitName(callee.Name()) {
			// A direct exit: the callee's own inner workings
			// (sync.Mutex.Unlock unlocking m.mu) are not looked at.
			addCand(common.Args[0], nil, callee.Name())
			continue
		}
		if obj := calleeObject(common); obj != nil {
			for _, p := range fa.c.cat.GlobalExits(obj) {
				key := "protocol:" + p.ID
				if !seen[key] {
					seen[key] = true
					cands = append(cands, releaseCandidate{via: key, pl: Place{Param: -1, Global: key}})
				}
			}
		}
		if sum := fa.c.summaryOf(callee); sum != nil {
			for _, rel := range sum.Partial {
				if rel.Place.Global == "" {
					if arg := argOf(common, rel.Place.Param); arg != nil {
						addCand(arg, rel.Place.Path, rel.Via)
					}
				}
			}
			for _, rel := range sum.Releases {
				if rel.Place.Global != "" {
					key := rel.Place.String() + "/" + rel.Via
					if !seen[key] {
						seen[key] = true
						var root ssa.Value
						if !strings.HasPrefix(rel.Place.Global, "protocol:") {
							g := fa.c.globalVar(rel.Place.Global)
							if g == nil {
								continue
							}
							root = g
						}
						cands = append(cands, releaseCandidate{root: root, path: rel.Place.Path, via: rel.Via, pl: rel.Place})
					}
					continue
				}
				if arg := argOf(common, rel.Place.Param); arg != nil {
					addCand(arg, rel.Place.Path, rel.Via)
				}
			}
		}
	}
	for _, cand := range cands {
		fa.checkRelease(cand)
	}
}

// isReceiver reports whether input i is fn's receiver: a method that
// releases its receiver on some paths (bufio.Writer.Write flushing when
// full) does not take ownership of it.
func (fa *funcAnalysis) isReceiver(i int) bool {
	return i == 0 && fa.fn.Signature.Recv() != nil
}

// closureCandidates adds the captures a called closure releases.
func (fa *funcAnalysis) closureCandidates(mc *ssa.MakeClosure, addCand func(ssa.Value, []string, string)) {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return
	}
	if fn.Synthetic != "" {
		if obj, ok := fn.Object().(*types.Func); ok && len(mc.Bindings) == 1 && fa.c.isExitName(obj.Name()) {
			addCand(mc.Bindings[0], nil, obj.Name())
		}
		return
	}
	sum := fa.c.summaryOf(fn)
	if sum == nil {
		return
	}
	for _, rel := range sum.Releases {
		k := rel.Place.Param - len(fn.Params)
		if rel.Place.Global == "" && k >= 0 && k < len(mc.Bindings) {
			addCand(mc.Bindings[k], rel.Place.Path, rel.Via)
		}
	}
}

// checkRelease walks fn from its entry with the candidate as a held
// resource: released on every path makes fn an exit wrapper for it.
func (fa *funcAnalysis) checkRelease(cand releaseCandidate) {
	r := &resource{via: cand.via, root: cand.root, path: cand.path, external: true}
	var as *aliasSet
	if strings.HasPrefix(cand.via, "protocol:") {
		id := strings.TrimPrefix(cand.via, "protocol:")
		r.global, r.via, r.root = true, "", nil
		r.proto = fa.c.protocolByID(id)
		if r.proto == nil {
			return
		}
	} else {
		r.funcRes = cand.via == "call"
		as = fa.closeAliases(cand.root, cand.path)
	}
	// A function that also acquires the place (mu.Lock(); ...;
	// mu.Unlock(), or sync.Cond.Wait's Unlock then Lock) is a user of the
	// lock, not a release helper.
	if len(fa.reacquisitions(as, nil)) > 0 {
		return
	}
	eff, _ := fa.effects(r, as)
	fail := fa.failEdges(r, as)
	w := fa.walk(r, eff, fail, fa.fn.Blocks[0], 0, true)
	leaks, released := w.leaks, w.released
	if released == 0 {
		return
	}
	must := true
	for _, l := range leaks {
		if l.kind != leakPanic {
			must = false
		}
	}
	if must {
		pe := PlaceEffect{Place: cand.pl, Via: cand.via}
		if r.global {
			pe.Via = ""
			pe.Protocol = r.proto.ID
		}
		fa.sum.Releases = append(fa.sum.Releases, pe)
		return
	}
	// Released on some paths only: the function takes ownership of a
	// parameter it may release. For its receiver, the partial release is
	// recorded so that the type's own exit (tls.Conn.Close closing c.conn
	// unless already closed) counts as releasing what it wraps.
	if cand.pl.Global == "" {
		fa.sum.Partial = append(fa.sum.Partial, PlaceEffect{Place: cand.pl, Via: cand.via})
	}
	if cand.pl.Global == "" && !fa.sum.owns(cand.pl.Param) && !fa.isReceiver(cand.pl.Param) {
		fa.sum.Owns = append(fa.sum.Owns, cand.pl.Param)
	}
}
