package analyzer

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A resource is identified by a root SSA value and a field path from it:
// (c, [mu]) for c.mu, (resp, [Body]) for resp.Body, (f, []) for a file.
// Loads are collapsed (the address of c.mu and the value loaded from a
// field are the same place) and embedded fields are transparent, so that
// c.Lock() on a struct embedding sync.Mutex and c.Unlock() meet.

// placeOf walks v backwards to its root and field path.
func placeOf(v ssa.Value) (ssa.Value, []string) {
	var rev []string
	for i := 0; i < 64; i++ {
		switch x := v.(type) {
		case *ssa.FieldAddr:
			if f := fieldOf(x.X.Type(), x.Field); f != nil && !f.Embedded() {
				rev = append(rev, f.Name())
			}
			v = x.X
			continue
		case *ssa.Field:
			if f := fieldOf(x.X.Type(), x.Field); f != nil && !f.Embedded() {
				rev = append(rev, f.Name())
			}
			v = x.X
			continue
		case *ssa.UnOp:
			if x.Op == token.MUL {
				v = x.X
				continue
			}
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.MakeInterface:
			v = x.X
			continue
		case *ssa.ChangeInterface:
			v = x.X
			continue
		case *ssa.Convert:
			if isPointerLike(x.Type()) && isPointerLike(x.X.Type()) {
				v = x.X
				continue
			}
		case *ssa.TypeAssert:
			if !x.CommaOk {
				v = x.X
				continue
			}
		case *ssa.Extract:
			if ta, ok := x.Tuple.(*ssa.TypeAssert); ok && x.Index == 0 {
				v = ta.X
				continue
			}
		}
		break
	}
	path := make([]string, len(rev))
	for i, s := range rev {
		path[len(rev)-1-i] = s
	}
	return v, path
}

func isPointerLike(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Basic: // unsafe.Pointer is Basic
		return true
	}
	return false
}

// fieldOf returns field i of the struct that t (or *t) is, or nil.
func fieldOf(t types.Type, i int) *types.Var {
	t = t.Underlying()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem().Underlying()
	}
	if s, ok := t.(*types.Struct); ok && i < s.NumFields() {
		return s.Field(i)
	}
	return nil
}

// alias describes a value that refers to a resource: rest is the field
// path still to follow from the value to the resource (empty: the value is
// the resource itself), opaque marks a value that holds the resource in a
// way that cannot release it (a bufio.Reader wrapping a file).
type alias struct {
	rest   []string
	opaque bool
	boxed  bool // held in a field of a struct the function allocated
}

func (a alias) direct() bool { return !a.opaque && len(a.rest) == 0 }

// use is an instruction that uses an alias of a resource.
type use struct {
	instr ssa.Instruction
	val   ssa.Value
	a     alias
}

// aliasSet is the forward closure of values that refer to a resource,
// and the instructions that use them.
type aliasSet struct {
	of   map[ssa.Value]alias
	uses []use
	// stored marks Store instructions that only put the resource into a
	// local cell or container; they are not hand-offs.
	cells map[*ssa.Store]bool
	// resultStores are the stores of the resource into a result cell: the
	// variable a function with defers returns through (*t0 = conn;
	// rundefers; return *t0). Whether a return hands the resource back
	// depends on the path's last store there (see walk).
	resultStores map[*ssa.Store]*ssa.Alloc
}

// closeAliases computes the aliases of root (with path) within fa.fn,
// following values through local cells and containers and through calls
// whose summaries say a result carries an argument (bufio.NewReader(f)).
func (fa *funcAnalysis) closeAliases(root ssa.Value, path []string) *aliasSet {
	c, fn := fa.c, fa.fn
	s := &aliasSet{of: make(map[ssa.Value]alias), cells: make(map[*ssa.Store]bool)}
	var work []ssa.Value
	add := func(v ssa.Value, a alias) {
		if v == nil {
			return
		}
		if old, ok := s.of[v]; ok {
			// Prefer the more useful view: direct over opaque.
			if old.opaque && !a.opaque {
				s.of[v] = a
				work = append(work, v)
			}
			return
		}
		s.of[v] = a
		work = append(work, v)
	}
	add(root, alias{rest: path})
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		a := s.of[v]
		refs := v.Referrers()
		if g, ok := v.(*ssa.Global); ok {
			// SSA keeps no referrers for globals.
			refs = fa.globalRefs(g)
		}
		if refs == nil {
			continue
		}
		for _, ref := range *refs {
			switch x := ref.(type) {
			case *ssa.FieldAddr:
				if a.opaque {
					continue
				}
				f := fieldOf(x.X.Type(), x.Field)
				if f == nil {
					continue
				}
				if f.Embedded() {
					add(x, a)
				} else if len(a.rest) > 0 && a.rest[0] == f.Name() {
					add(x, alias{rest: a.rest[1:], boxed: a.boxed && len(a.rest) > 1})
				}
			case *ssa.Field:
				if a.opaque {
					continue
				}
				f := fieldOf(x.X.Type(), x.Field)
				if f == nil {
					continue
				}
				if f.Embedded() {
					add(x, a)
				} else if len(a.rest) > 0 && a.rest[0] == f.Name() {
					add(x, alias{rest: a.rest[1:], boxed: a.boxed && len(a.rest) > 1})
				}
			case *ssa.UnOp:
				if x.Op == token.MUL {
					add(x, a)
				} else {
					s.uses = append(s.uses, use{ref, v, a})
				}
			case *ssa.ChangeType:
				add(x, a)
			case *ssa.MakeInterface:
				add(x, a)
			case *ssa.ChangeInterface:
				add(x, a)
			case *ssa.TypeAssert:
				add(x, a)
			case *ssa.Extract:
				if _, ok := x.Tuple.(*ssa.TypeAssert); ok && x.Index == 0 {
					add(x, a)
				}
			case *ssa.Convert:
				if isPointerLike(x.Type()) {
					add(x, a)
				}
			case *ssa.Phi:
				add(x, a)
			case *ssa.Slice:
				add(x, alias{opaque: true})
			case *ssa.Store:
				if x.Val != v {
					continue // v is the address: a store over the place
				}
				if croot, cpath := placeOf(x.Addr); c.isLocalCell(fn, croot) {
					s.cells[x] = true
					if cell, ok := croot.(*ssa.Alloc); ok && len(cpath) == 0 && isResultCell(cell) {
						if s.resultStores == nil {
							s.resultStores = make(map[*ssa.Store]*ssa.Alloc)
						}
						s.resultStores[x] = cell
					}
					rest := append(append([]string(nil), cpath...), a.rest...)
					add(croot, alias{rest: rest, opaque: a.opaque, boxed: len(cpath) > 0 || a.boxed})
					continue
				}
				s.uses = append(s.uses, use{ref, v, a})
			case *ssa.Call:
				s.uses = append(s.uses, use{ref, v, a})
				fa.followCall(&x.Call, x, v, a, add)
			default:
				s.uses = append(s.uses, use{ref, v, a})
			}
		}
	}
	return s
}

// followCall adds the values a call derives from an alias v passed to it:
// results that are or wrap the argument, and local memory the callee
// stores it into.
func (fa *funcAnalysis) followCall(common *ssa.CallCommon, call *ssa.Call, v ssa.Value, a alias, add func(ssa.Value, alias)) {
	sum := fa.c.summaryOfCall(common)
	if sum == nil || len(sum.Flows) == 0 {
		return
	}
	for i, arg := range common.Args {
		if arg != v {
			continue
		}
		for _, fl := range sum.Flows {
			if fl.Param != i {
				continue
			}
			if fl.InParam >= 0 {
				if dst := argOf(common, fl.InParam); dst != nil {
					if root, _ := placeOf(dst); fa.c.isLocalCell(fa.fn, root) {
						add(root, alias{opaque: true})
					}
				}
				continue
			}
			res := resultValue(call, fl.Result)
			if res == nil {
				continue
			}
			switch {
			case fl.Direct:
				add(res, a)
			case fl.Path != nil && !a.opaque:
				// The result holds the argument at a known field: a
				// wrapper whose own exit may release it (tls.Client).
				add(res, alias{rest: append(append([]string(nil), fl.Path...), a.rest...)})
			default:
				add(res, alias{opaque: true})
			}
		}
	}
}

// globalRefs returns the instructions of fn that use global g.
func (fa *funcAnalysis) globalRefs(g *ssa.Global) *[]ssa.Instruction {
	if fa.globals == nil {
		fa.globals = make(map[*ssa.Global]*[]ssa.Instruction)
		var ops []*ssa.Value
		for _, b := range fa.fn.Blocks {
			for _, instr := range b.Instrs {
				ops = instr.Operands(ops[:0])
				for _, op := range ops {
					if op == nil {
						continue
					}
					if gv, ok := (*op).(*ssa.Global); ok {
						l := fa.globals[gv]
						if l == nil {
							l = new([]ssa.Instruction)
							fa.globals[gv] = l
						}
						if n := len(*l); n == 0 || (*l)[n-1] != instr {
							*l = append(*l, instr)
						}
					}
				}
			}
		}
	}
	return fa.globals[g]
}

// closureEscapes reports whether a closure value may outlive or run
// outside the calls of its function: anything but being called, deferred,
// passed to a static callee that does not keep it (sync.Once.Do,
// a withLock helper), or kept in the function's own memory.
func (fa *funcAnalysis) closureEscapes(mc *ssa.MakeClosure) bool {
	refs := mc.Referrers()
	if refs == nil {
		return false
	}
	for _, ref := range *refs {
		switch x := ref.(type) {
		case *ssa.Go:
			return true
		case ssa.CallInstruction:
			common := x.Common()
			if common.Value == mc {
				continue
			}
			callee := common.StaticCallee()
			if callee == nil {
				return true
			}
			sum := fa.c.summaryOf(callee)
			for i, arg := range common.Args {
				if arg == mc && sum != nil && sum.owns(i) {
					return true
				}
			}
		case *ssa.Store:
			if root, _ := placeOf(x.Addr); !fa.c.isLocalCell(fa.fn, root) {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// isLocalCell reports whether v is memory allocated by fn itself that has
// not been shown to escape: a local variable or a fresh composite. Storing
// a resource there keeps it the function's responsibility.
// isResultCell reports whether a local is only stored to and loaded for
// returns: the result variable of a function with defers.
func isResultCell(a *ssa.Alloc) bool {
	refs := a.Referrers()
	if refs == nil || len(*refs) == 0 {
		return false
	}
	loads := 0
	for _, ref := range *refs {
		switch x := ref.(type) {
		case *ssa.Store:
			if x.Addr != a {
				return false
			}
		case *ssa.UnOp:
			if x.Op != token.MUL || x.Referrers() == nil {
				return false
			}
			for _, u := range *x.Referrers() {
				if _, ok := u.(*ssa.Return); !ok {
					return false
				}
			}
			loads++
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return loads > 0
}

func (c *checker) isLocalCell(fn *ssa.Function, v ssa.Value) bool {
	a, ok := v.(*ssa.Alloc)
	return ok && a.Parent() == fn
}

// isNil reports whether v is the constant nil.
func isNil(v ssa.Value) bool {
	k, ok := v.(*ssa.Const)
	return ok && k.IsNil()
}
