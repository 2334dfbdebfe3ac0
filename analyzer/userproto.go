package analyzer

// User-defined protocols beyond the configuration file: the Enter/Exit
// convention (a type with methods Enter and Exit, the Go image of
// __aenter__/__aexit__) and //acmlint: directives in doc comments, which
// travel to importing packages as facts.

import (
	"go/types"
	"strings"

	"github.com/acmlint/acmlint/analyzer/internal/directive"
	"github.com/acmlint/acmlint/analyzer/internal/protocol"
	"golang.org/x/tools/go/analysis"
)

const (
	conventionPrefix = "convention:"
	directivePrefix  = "directive:"
	catDirective     = "directive"
)

// EnterDirective is the fact exported for a function marked with
// //acmlint:enter: the protocol it begins, so that importers see it.
type EnterDirective struct {
	ID                 string
	Resource           uint8 // protocol.Resource
	Index              int
	Field              string
	When               uint8 // protocol.Cond
	Exits, MustUse     []string
	Outcome            []string
	Acquired, Released string
}

// AFact marks EnterDirective as an analysis fact.
func (*EnterDirective) AFact() {}

func (d *EnterDirective) String() string {
	return "enter " + d.ID + " exit=" + strings.Join(d.Exits, ",")
}

func (d *EnterDirective) protocol(fn *types.Func) *protocol.Protocol {
	return &protocol.Protocol{
		ID:       d.ID,
		Exits:    d.Exits,
		MustUse:  d.MustUse,
		Outcome:  d.Outcome,
		Acquired: d.Acquired,
		Released: d.Released,
		Source:   "directive on " + funcName(fn),
		Enters: []protocol.Enter{{
			Func:     protocol.KeyOf(fn).String(),
			Resource: protocol.Resource(d.Resource),
			Index:    d.Index,
			Field:    d.Field,
			When:     protocol.Cond(d.When),
		}},
	}
}

// userEnters returns the enter rows for a callee that the catalog does not
// know: a directive (this package's or an imported fact) or the Enter/Exit
// convention.
func (c *checker) userEnters(callee *types.Func) []protocol.EnterRef {
	if callee == nil {
		return nil
	}
	callee = callee.Origin()
	if d := c.enterDirective(callee); d != nil {
		p := c.dynamicProtocol(d.ID, func() *protocol.Protocol { return d.protocol(callee) })
		return []protocol.EnterRef{{Enter: &p.Enters[0], Protocol: p}}
	}
	if p := c.conventionProtocol(callee); p != nil {
		return []protocol.EnterRef{{Enter: &p.Enters[0], Protocol: p}}
	}
	return nil
}

// enterDirective finds callee's //acmlint:enter, from this package's
// source or from the fact its package exported.
func (c *checker) enterDirective(callee *types.Func) *EnterDirective {
	if d, ok := c.localEnters[callee]; ok {
		return d
	}
	if callee.Pkg() == nil || callee.Pkg() == c.pass.Pkg {
		return nil
	}
	var d EnterDirective
	if c.pass.ImportObjectFact(callee, &d) {
		return &d
	}
	return nil
}

// conventionProtocol returns the protocol of a call of method Enter on a
// type that also has a method Exit.
func (c *checker) conventionProtocol(callee *types.Func) *protocol.Protocol {
	if callee.Name() != "Enter" {
		return nil
	}
	sig, ok := callee.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return nil
	}
	recv := sig.Recv().Type()
	named := namedOf(recv)
	if named == nil {
		return nil
	}
	// An interface's methods are on the type itself; a struct's on T or *T.
	lookIn := types.Type(named)
	if !types.IsInterface(named) {
		lookIn = types.NewPointer(named)
	}
	exit, _, _ := types.LookupFieldOrMethod(lookIn, true, named.Obj().Pkg(), "Exit")
	if _, ok := exit.(*types.Func); !ok {
		return nil
	}
	id := conventionPrefix + globalName(named.Obj())
	return c.dynamicProtocol(id, func() *protocol.Protocol {
		p := conventionProtocolFor(id)
		p.Enters = []protocol.Enter{{
			Func:     protocol.KeyOf(callee).String(),
			Resource: protocol.Receiver,
			When:     condOf(sig),
		}}
		return p
	})
}

// conventionProtocolFor is the protocol of the Enter/Exit convention: Exit
// releases, and its error or bool (the suppression result) must be used.
func conventionProtocolFor(id string) *protocol.Protocol {
	return &protocol.Protocol{
		ID:       id,
		Exits:    []string{"Exit"},
		MustUse:  []string{"Exit"},
		Acquired: "entered",
		Released: "exited",
		Source:   "the Enter/Exit convention",
	}
}

// condOf says when a call with this signature acquires: when its last
// result is a nil error or true.
func condOf(sig *types.Signature) protocol.Cond {
	res := sig.Results()
	if res.Len() == 0 {
		return protocol.Always
	}
	last := res.At(res.Len() - 1).Type()
	switch {
	case types.Identical(last, errorType):
		return protocol.ErrNil
	case isBool(last):
		return protocol.BoolTrue
	}
	return protocol.Always
}

func namedOf(t types.Type) *types.Named {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	if n != nil {
		n = n.Origin()
	}
	return n
}

// isExitName reports whether a method of that name releases something in
// some protocol known here: the catalog's exits, the convention's Exit,
// and the exits of directives (this package's and imported ones).
// Summaries record calls of such methods on parameters.
func (c *checker) isExitName(name string) bool {
	if c.cat.IsExitName(name) || name == "Exit" {
		return true
	}
	if c.extraExits == nil {
		c.extraExits = make(map[string]bool)
		for _, d := range c.localEnters {
			for _, e := range d.Exits {
				c.extraExits[e] = true
			}
		}
		for _, f := range c.pass.AllObjectFacts() {
			if d, ok := f.Fact.(*EnterDirective); ok {
				for _, e := range d.Exits {
					c.extraExits[e] = true
				}
			}
		}
	}
	return c.extraExits[name]
}

// dynamicProtocol returns the protocol with this ID, making it once.
func (c *checker) dynamicProtocol(id string, mk func() *protocol.Protocol) *protocol.Protocol {
	if p := c.dynamic[id]; p != nil {
		return p
	}
	p := mk()
	c.dynamic[id] = p
	return p
}

// protocolByID resolves a protocol named in a fact: the catalog's, or a
// user protocol (convention, directive) met in this run.
func (c *checker) protocolByID(id string) *protocol.Protocol {
	if p := c.cat.ByID(id); p != nil {
		return p
	}
	if p := c.dynamic[id]; p != nil {
		return p
	}
	if strings.HasPrefix(id, conventionPrefix) {
		return c.dynamicProtocol(id, func() *protocol.Protocol { return conventionProtocolFor(id) })
	}
	if strings.HasPrefix(id, directivePrefix) {
		// A wrapper in another package returns a resource of a directive
		// protocol: find the directive's function among the imports.
		if fn := c.lookupFunc(strings.TrimPrefix(id, directivePrefix)); fn != nil {
			if d := c.enterDirective(fn); d != nil {
				return c.dynamicProtocol(id, func() *protocol.Protocol { return d.protocol(fn) })
			}
		}
	}
	return nil
}

// lookupFunc finds a function or method by its key among the packages
// this package can see.
func (c *checker) lookupFunc(key string) *types.Func {
	k, err := protocol.ParseKey(key)
	if err != nil {
		return nil
	}
	var pkg *types.Package
	seen := make(map[*types.Package]bool)
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		if p == nil || seen[p] || pkg != nil {
			return
		}
		seen[p] = true
		if p.Path() == k.Pkg {
			pkg = p
			return
		}
		for _, q := range p.Imports() {
			visit(q)
		}
	}
	visit(c.pass.Pkg)
	if pkg == nil {
		return nil
	}
	if k.Recv == "" {
		fn, _ := pkg.Scope().Lookup(k.Name).(*types.Func)
		return fn
	}
	tn, _ := pkg.Scope().Lookup(k.Recv).(*types.TypeName)
	if tn == nil {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), true, pkg, k.Name)
	fn, _ := obj.(*types.Func)
	return fn
}

// readDirectives parses this package's //acmlint: directives: enter
// directives become protocols (and facts), exit and must-use directives
// shape the marked functions' summaries, and malformed ones are reported.
func (c *checker) readDirectives() {
	for _, f := range c.pass.Files {
		dirs, ignores, errs := directive.Parse(c.pass.Fset, f)
		for _, e := range errs {
			c.diags = append(c.diags, analysis.Diagnostic{Pos: e.Pos, Category: catDirective, Message: e.Msg})
		}
		c.ignores = append(c.ignores, ignores...)
		for _, d := range dirs {
			fn, _ := c.pass.TypesInfo.Defs[d.Func.Name].(*types.Func)
			if fn == nil {
				continue
			}
			switch d.Kind {
			case directive.Enter:
				ed := c.enterFromDirective(fn, d)
				c.localEnters[fn] = ed
				c.pass.ExportObjectFact(fn, ed)
			case directive.Exit:
				c.exitDirectives[fn] = d
			case directive.MustUse:
				c.mustUse[fn] = true
			}
		}
	}
}

// enterFromDirective builds the protocol of an //acmlint:enter, inferring
// the resource and condition from the signature where not given.
func (c *checker) enterFromDirective(fn *types.Func, d directive.Directive) *EnterDirective {
	sig := fn.Type().(*types.Signature)
	ed := &EnterDirective{
		ID:       directivePrefix + protocol.KeyOf(fn).String(),
		Exits:    d.Exits,
		MustUse:  d.MustUse,
		Outcome:  d.Outcome,
		Acquired: d.Acquired,
		Released: d.Released,
	}
	if ed.Acquired == "" {
		ed.Acquired = "acquired"
	}
	if ed.Released == "" {
		ed.Released = "released"
	}
	res := sig.Results()
	switch r := d.Resource; {
	case r == "receiver":
		ed.Resource = uint8(protocol.Receiver)
	case strings.HasPrefix(r, "result"):
		spec := strings.TrimPrefix(r, "result")
		if dot := strings.IndexByte(spec, '.'); dot >= 0 {
			ed.Field = spec[dot+1:]
			spec = spec[:dot]
		}
		for _, ch := range spec {
			ed.Index = ed.Index*10 + int(ch-'0')
		}
		ed.Resource = uint8(protocol.Result)
	default:
		// Inferred: the first result unless it is the error or bool that
		// says whether it worked; otherwise the receiver.
		if res.Len() > 0 && !types.Identical(res.At(0).Type(), errorType) && !(isBool(res.At(0).Type()) && res.Len() == 1) {
			ed.Resource = uint8(protocol.Result)
		} else {
			ed.Resource = uint8(protocol.Receiver)
		}
	}
	if protocol.Resource(ed.Resource) == protocol.Result && len(d.Exits) == 1 && d.Exits[0] == "call" {
		ed.Resource = uint8(protocol.ResultFunc)
	}
	switch d.When {
	case "always":
		ed.When = uint8(protocol.Always)
	case "error-nil":
		ed.When = uint8(protocol.ErrNil)
	case "true":
		ed.When = uint8(protocol.BoolTrue)
	default:
		ed.When = uint8(condOf(sig))
		if res.Len() == 1 && protocol.Resource(ed.Resource) != protocol.Receiver {
			ed.When = uint8(protocol.Always) // the one result is the resource
		}
	}
	return ed
}

// applyDirectives adds what exit and must-use directives say about fn to
// its summary.
func (c *checker) applyDirectives(fn *types.Func, sum *Summary) {
	if fn == nil {
		return
	}
	if c.mustUse[fn] {
		sum.MustUse = true
	}
	d, ok := c.exitDirectives[fn]
	if !ok {
		return
	}
	sig := fn.Type().(*types.Signature)
	idx := 0 // the receiver, or the first parameter of a function
	if d.Param != "" {
		off := 0
		if sig.Recv() != nil {
			off = 1
		}
		if n, ok := atoi(d.Param); ok {
			idx = n + off
		} else {
			for i := 0; i < sig.Params().Len(); i++ {
				if sig.Params().At(i).Name() == d.Param {
					idx = i + off
				}
			}
		}
	}
	for _, rel := range sum.Releases {
		if rel.Place.Param == idx && len(rel.Place.Path) == 0 && rel.Via == "*" {
			return
		}
	}
	sum.Releases = append(sum.Releases, PlaceEffect{Place: Place{Param: idx}, Via: "*"})
}

func atoi(s string) (int, bool) {
	n := 0
	if s == "" {
		return 0, false
	}
	for _, ch := range s {
		if ch < '0' || ch > '9' {
			return 0, false
		}
		n = n*10 + int(ch-'0')
	}
	return n, true
}
