package analyzer

import (
	"fmt"
	"sort"
	"strings"
)

// Place names memory reachable from a function's inputs: parameter Param
// (the receiver is parameter 0 of a method) or, when Global is set, a
// package-level variable ("pkgpath.name") or a process-wide protocol
// state ("protocol:ID"); then a field path.
type Place struct {
	Param  int
	Global string
	Path   []string
}

func (p Place) String() string {
	root := fmt.Sprintf("p%d", p.Param)
	if p.Global != "" {
		root = p.Global
	}
	if len(p.Path) > 0 {
		return root + "." + strings.Join(p.Path, ".")
	}
	return root
}

func (p Place) equal(q Place) bool {
	if p.Param != q.Param || p.Global != q.Global || len(p.Path) != len(q.Path) {
		return false
	}
	for i := range p.Path {
		if p.Path[i] != q.Path[i] {
			return false
		}
	}
	return true
}

// PlaceEffect is an acquisition or release of a place by a function.
type PlaceEffect struct {
	Place    Place
	Protocol string // protocol ID; empty when matched by Via alone
	Via      string // exit method name, or "call" for calling a func value
	When     uint8  // for acquisitions: protocol.Cond of the function's result
}

func (e PlaceEffect) String() string {
	s := e.Place.String()
	if e.Protocol != "" {
		s += "[" + e.Protocol + "]"
	}
	if e.Via != "" {
		s += "." + e.Via
	}
	return s
}

// ReturnedResource says that a function returns, in result Result, a
// resource it acquired (it is an Enter for its callers).
type ReturnedResource struct {
	Result   int
	Protocol string
	Path     []string // field path from the result to the resource (Body)
	When     uint8    // protocol.Cond
	ReadOnly bool     // its exits' results may be dropped (a file opened for reading)
}

// Flow says that parameter Param ends up in result Result: Direct when the
// result is the parameter itself (io.Closer(f)), otherwise the result
// wraps it (bufio.NewReader(f)); InParam >= 0 instead of Result means it
// is stored into memory reachable from parameter InParam.
type Flow struct {
	Param   int
	Result  int
	InParam int
	Direct  bool
	Path    []string // when not Direct: the field of the result holding it, if known
}

// Summary is what acmlint knows of a function's effect on resources. It
// is exported as a fact for package-level functions and methods so that
// importers see wrappers and helpers in other packages.
type Summary struct {
	NoReturn bool
	MustUse  bool // the function's result must be used when it is called as an exit
	// ChecksNil are error parameters the function does not return
	// normally with when non-nil (must(err), check(t, err)): after a call
	// the error is nil.
	ChecksNil []int
	// FalseIfNonNil are error parameters for which the function's bool
	// result is false whenever they are non-nil (testify's
	// assert.NoError); ReturnsFalse says it is always false (assert.Fail).
	FalseIfNonNil []int
	ReturnsFalse  bool
	Returns       []ReturnedResource
	Acquires      []PlaceEffect // enter wrapper: held on every return
	Releases      []PlaceEffect // exit wrapper: released on every path
	Partial       []PlaceEffect // released on some paths only
	Owns          []int         // parameters it takes ownership of
	Flows         []Flow
}

// AFact marks Summary as an analysis fact.
func (*Summary) AFact() {}

func (s *Summary) String() string {
	var parts []string
	if s.NoReturn {
		parts = append(parts, "noreturn")
	}
	if s.MustUse {
		parts = append(parts, "must-use")
	}
	for _, i := range s.ChecksNil {
		parts = append(parts, fmt.Sprintf("checks p%d", i))
	}
	for _, i := range s.FalseIfNonNil {
		parts = append(parts, fmt.Sprintf("false if p%d", i))
	}
	if s.ReturnsFalse {
		parts = append(parts, "returns false")
	}
	for _, r := range s.Returns {
		p := ""
		if len(r.Path) > 0 {
			p = "." + strings.Join(r.Path, ".")
		}
		ro := ""
		if r.ReadOnly {
			ro = " read-only"
		}
		parts = append(parts, fmt.Sprintf("returns r%d%s[%s]%s", r.Result, p, r.Protocol, ro))
	}
	for _, e := range s.Acquires {
		parts = append(parts, "acquires "+e.String())
	}
	for _, e := range s.Releases {
		parts = append(parts, "releases "+e.String())
	}
	for _, e := range s.Partial {
		parts = append(parts, "may release "+e.String())
	}
	for _, o := range s.Owns {
		parts = append(parts, fmt.Sprintf("owns p%d", o))
	}
	for _, f := range s.Flows {
		kind := "wraps"
		if f.Direct {
			kind = "is"
		} else if len(f.Path) > 0 {
			kind = "holds." + strings.Join(f.Path, ".")
		}
		if f.InParam >= 0 {
			parts = append(parts, fmt.Sprintf("stores p%d in p%d", f.Param, f.InParam))
		} else {
			parts = append(parts, fmt.Sprintf("r%d %s p%d", f.Result, kind, f.Param))
		}
	}
	return strings.Join(parts, "; ")
}

func (s *Summary) empty() bool {
	return !s.NoReturn && !s.MustUse && len(s.ChecksNil) == 0 && len(s.FalseIfNonNil) == 0 && !s.ReturnsFalse &&
		len(s.Returns) == 0 && len(s.Acquires) == 0 &&
		len(s.Releases) == 0 && len(s.Partial) == 0 && len(s.Owns) == 0 && len(s.Flows) == 0
}

// owns reports whether the summary takes ownership of parameter i.
func (s *Summary) owns(i int) bool {
	for _, o := range s.Owns {
		if o == i {
			return true
		}
	}
	return false
}

// sort puts the summary in a canonical order so facts are deterministic.
func (s *Summary) sort() {
	sort.Ints(s.Owns)
	key := func(e PlaceEffect) string { return e.String() }
	sort.Slice(s.Acquires, func(i, j int) bool { return key(s.Acquires[i]) < key(s.Acquires[j]) })
	sort.Slice(s.Releases, func(i, j int) bool { return key(s.Releases[i]) < key(s.Releases[j]) })
	sort.Slice(s.Partial, func(i, j int) bool { return key(s.Partial[i]) < key(s.Partial[j]) })
	sort.Slice(s.Returns, func(i, j int) bool {
		if s.Returns[i].Result != s.Returns[j].Result {
			return s.Returns[i].Result < s.Returns[j].Result
		}
		return s.Returns[i].Protocol < s.Returns[j].Protocol
	})
	sort.Slice(s.Flows, func(i, j int) bool {
		a, b := s.Flows[i], s.Flows[j]
		if a.Param != b.Param {
			return a.Param < b.Param
		}
		if a.Result != b.Result {
			return a.Result < b.Result
		}
		if a.InParam != b.InParam {
			return a.InParam < b.InParam
		}
		return strings.Join(a.Path, ".") < strings.Join(b.Path, ".")
	})
}
