package directive

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// render formats the results of Parse compactly: one string per item,
// "line:col kind Func key=value..." for directives, "line:col ignore ->L reason"
// for ignores and "line:col: message" for errors.
func render(fset *token.FileSet, dirs []Directive, ignores []Ignore, errs []Error) (ds, is, es []string) {
	pos := func(p token.Pos) string {
		x := fset.Position(p)
		return fmt.Sprintf("%d:%d", x.Line, x.Column)
	}
	for _, d := range dirs {
		var b strings.Builder
		fmt.Fprintf(&b, "%s %s %s", pos(d.Pos), d.Kind, funcName(d.Func))
		kv := func(k, v string) {
			if v != "" {
				fmt.Fprintf(&b, " %s=%s", k, v)
			}
		}
		kv("exit", strings.Join(d.Exits, ","))
		kv("must-use", strings.Join(d.MustUse, ","))
		kv("resource", d.Resource)
		kv("when", d.When)
		kv("param", d.Param)
		kv("acquired", d.Acquired)
		kv("released", d.Released)
		ds = append(ds, b.String())
	}
	for _, ig := range ignores {
		is = append(is, fmt.Sprintf("%s ignore ->%d %s", pos(ig.Pos), ig.Line, ig.Reason))
	}
	for _, e := range errs {
		es = append(es, fmt.Sprintf("%s: %s", pos(e.Pos), e.Msg))
	}
	return
}

func parse(t testing.TB, src string) (*token.FileSet, *ast.File) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", "package p\n\n"+src, parser.ParseComments)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return fset, f
}

func eq(a, b []string) bool {
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

// Sources start at line 3 (after "package p" and a blank line).
var tests = []struct {
	name    string
	src     string
	dirs    []string
	ignores []string
	errs    []string
}{
	// Valid forms.
	{
		name: "enter minimal",
		src: `// Open opens.
//
//acmlint:enter exit=Close
func Open() (*F, error) { return nil, nil }
`,
		dirs: []string{"5:1 enter Open exit=Close"},
	},
	{
		name: "enter all keys",
		src: `//acmlint:enter exit=Release,Close resource=result0.Body when=error-nil must-use=Close acquired=opened released=closed
func Open() (*F, error) { return nil, nil }
`,
		dirs: []string{"3:1 enter Open exit=Release,Close must-use=Close resource=result0.Body when=error-nil acquired=opened released=closed"},
	},
	{
		name: "enter receiver when true",
		src: `//acmlint:enter   exit=Unlock	resource=receiver when=true
func (m *M) TryLock() bool { return true }
`,
		dirs: []string{"3:1 enter (*M).TryLock exit=Unlock resource=receiver when=true"},
	},
	{
		name: "enter returned func",
		src: `//acmlint:enter exit=call resource=result1 when=always
func Start[T any](x T) (T, func()) { return x, nil }
`,
		dirs: []string{"3:1 enter Start exit=call resource=result1 when=always"},
	},
	{
		name: "enter on generic method, named results",
		src: `// Doc text.
//acmlint:enter exit=Close resource=result2 acquired=read-locked
func (c Cache[K, V]) Get() (a, b int, h *H) { return }
`,
		dirs: []string{"4:1 enter Cache.Get exit=Close resource=result2 acquired=read-locked"},
	},
	{
		name: "exit forms",
		src: `//acmlint:exit
func (r *R) Release() {}

//acmlint:exit param=f
func closeIt(n int, f *F) {}

//acmlint:exit param=1
func closeTwo(a, b *F) {}
`,
		dirs: []string{
			"3:1 exit (*R).Release",
			"6:1 exit closeIt param=f",
			"9:1 exit closeTwo param=1",
		},
	},
	{
		name: "must-use alone and with exit",
		src: `//acmlint:must-use
func (t *Tx) Commit() error { return nil }

//acmlint:exit param=f
//acmlint:must-use
func closeFile(f *F) error { return nil }
`,
		dirs: []string{
			"3:1 must-use (*Tx).Commit",
			"6:1 exit closeFile param=f",
			"7:1 must-use closeFile",
		},
	},
	{
		name: "not directives",
		src: `// acmlint:enter exit=Close is prose, not a directive
/*acmlint:enter exit=Close*/
//ACMLINT:enter
//go:noinline
func F() {}
`,
	},

	// Placement.
	{
		name: "misplaced",
		src: `//acmlint:enter exit=Close
type T int

//acmlint:exit
var v int

//acmlint:must-use

func G() {
	//acmlint:enter exit=Close
	_ = 1
}

func H() { //acmlint:exit
}

type I interface {
	//acmlint:enter exit=Close
	Open() (*F, error)
}
`,
		errs: []string{
			"3:1: acmlint:enter must be in the doc comment of a function or method",
			"6:1: acmlint:exit must be in the doc comment of a function or method",
			"9:1: acmlint:must-use must be in the doc comment of a function or method",
			"12:2: acmlint:enter must be in the doc comment of a function or method",
			"16:12: acmlint:exit must be in the doc comment of a function or method",
			"20:2: acmlint:enter must be in the doc comment of a function or method",
		},
	},

	// Verbs.
	{
		name: "unknown verbs",
		src: `//acmlint:entr exit=Close
//acmlint:Exit
//acmlint:mustuse
//acmlint:must_use
//acmlint:ignor reason
//acmlint:frobnicate
//acmlint:
//acmlint: enter exit=Close
func F() {}
`,
		errs: []string{
			"3:1: unknown directive acmlint:entr (did you mean acmlint:enter?)",
			"4:1: unknown directive acmlint:Exit (did you mean acmlint:exit?)",
			"5:1: unknown directive acmlint:mustuse (did you mean acmlint:must-use?)",
			"6:1: unknown directive acmlint:must_use (did you mean acmlint:must-use?)",
			"7:1: unknown directive acmlint:ignor (did you mean acmlint:ignore?)",
			"8:1: unknown directive acmlint:frobnicate (known: enter, exit, must-use, ignore)",
			"9:1: missing directive name after //acmlint: (known: enter, exit, must-use, ignore)",
			"10:1: malformed directive: no space allowed after //acmlint: (write //acmlint:enter)",
		},
	},

	// Arguments.
	{
		name: "argument syntax",
		src: `//acmlint:enter Release
func A() {}

//acmlint:enter exit=Close =x
func B() {}

//acmlint:enter exit=Close Release
func B2() {}

//acmlint:enter exit=Close // trailing comment
func C() {}

//acmlint:enter exit=Close exit=Release
func D() {}

//acmlint:enter exit=
func E() {}

//acmlint:enter exit=Close when=
func F() {}
`,
		errs: []string{
			`3:1: acmlint:enter: expected key=value, got "Release" (did you mean exit=Release?)`,
			`6:1: acmlint:enter: missing key before "=x"`,
			`9:1: acmlint:enter: expected key=value, got "Release"`,
			`12:1: acmlint:enter: unexpected "// trailing comment": a directive cannot carry a trailing comment`,
			`15:1: acmlint:enter: duplicate key exit`,
			`18:1: acmlint:enter: empty value for exit`,
			`21:1: acmlint:enter: empty value for when`,
		},
	},
	{
		name: "unknown keys",
		src: `//acmlint:enter exits=Close
func A() {}

//acmlint:enter exit=Close mustuse=Close
func B() {}

//acmlint:enter exit=Close param=f
func C(f *F) {}

//acmlint:exit exit=Close
func D() {}

//acmlint:exit parm=f
func E(f *F) {}

//acmlint:enter exit=Close Resource=receiver
func (*T) G() {}
`,
		errs: []string{
			"3:1: acmlint:enter: unknown key exits (did you mean exit?)",
			"6:1: acmlint:enter: unknown key mustuse (did you mean must-use?)",
			"9:1: acmlint:enter: unknown key param (known: exit, resource, when, must-use, outcome, acquired, released)",
			"12:1: acmlint:exit: unknown key exit (known: param)",
			"15:1: acmlint:exit: unknown key parm (did you mean param?)",
			"18:1: acmlint:enter: unknown key Resource (did you mean resource?)",
		},
	},
	{
		name: "enter values",
		src: `//acmlint:enter when=always
func A() {}

//acmlint:enter exit=Release,,Close
func B() {}

//acmlint:enter exit=Re-lease
func C() {}

//acmlint:enter exit=Close,Close
func D() {}

//acmlint:enter exit=Close must-use=Flush
func E() {}

//acmlint:enter exit=Close,Flush must-use=Flush,Flush
func F() {}

//acmlint:enter exit=_ must-use=func
func G() {}

//acmlint:enter exit=Close acquired=x,y released=2nd
func H() {}
`,
		errs: []string{
			"3:1: acmlint:enter needs exit=<names>: the methods that release the resource, or call for a returned func",
			"6:1: acmlint:enter: empty name in exit=Release,,Close",
			`9:1: acmlint:enter: exit name "Re-lease" is not a Go identifier`,
			"12:1: acmlint:enter: exit lists Close twice",
			"15:1: acmlint:enter: must-use name Flush is not in exit=Close",
			"18:1: acmlint:enter: must-use lists Flush twice",
			`21:1: acmlint:enter: exit name "_" is not a Go identifier`,
			`21:1: acmlint:enter: must-use name "func" is not a Go identifier`,
			"24:1: acmlint:enter: acquired=x,y must be a single word (letters, digits, hyphens)",
			"24:1: acmlint:enter: released=2nd must be a single word (letters, digits, hyphens)",
		},
	},
	{
		name: "resource and when",
		src: `//acmlint:enter exit=Close resource=receiver
func A() {}

//acmlint:enter exit=Close resource=result1
func B() *F { return nil }

//acmlint:enter exit=Close resource=result0
func C() {}

//acmlint:enter exit=Close resource=result01
func D() (*F, error) { return nil, nil }

//acmlint:enter exit=Close resource=reciever
func (*T) E() {}

//acmlint:enter exit=Close resource=result0.Body.X
func F() *F { return nil }

//acmlint:enter exit=Close resource=result
func G() *F { return nil }

//acmlint:enter exit=call resource=receiver
func (*T) H() {}

//acmlint:enter exit=Close when=err-nil
func I() (*F, error) { return nil, nil }

//acmlint:enter exit=Close when=sometimes
func J() (*F, error) { return nil, nil }

//acmlint:enter exit=Unlock resource=receiver when=true
func (*T) K() {}

//acmlint:enter exit=Close resource=result2
func L() (a, b *F) { return }
`,
		errs: []string{
			"3:1: acmlint:enter: resource=receiver but A is not a method",
			"6:1: acmlint:enter: resource=result1 but B has 1 result",
			"9:1: acmlint:enter: resource=result0 but C has no results",
			"12:1: acmlint:enter: invalid resource=result01 (want receiver, resultN or resultN.Field)",
			"15:1: acmlint:enter: invalid resource=reciever (did you mean receiver?)",
			"18:1: acmlint:enter: invalid resource=result0.Body.X (want receiver, resultN or resultN.Field)",
			"21:1: acmlint:enter: invalid resource=result (want receiver, resultN or resultN.Field)",
			"24:1: acmlint:enter: exit=call releases a returned func, but the resource is the receiver",
			"27:1: acmlint:enter: invalid when=err-nil (did you mean error-nil?)",
			"30:1: acmlint:enter: invalid when=sometimes (want always, error-nil or true)",
			"33:1: acmlint:enter: when=true but (*T).K has no results",
			"36:1: acmlint:enter: resource=result2 but L has 2 results",
		},
	},
	{
		name: "exit param",
		src: `//acmlint:exit param=g
func A(f *F) {}

//acmlint:exit param=2
func B(f, g *F) {}

//acmlint:exit param=-1
func C(f *F) {}

//acmlint:exit param=01
func D(f, g *F) {}

//acmlint:exit param=f.x
func E(f *F) {}

//acmlint:exit param=_
func G(_ *F) {}

//acmlint:exit param=0
func H() {}
`,
		errs: []string{
			"3:1: acmlint:exit: param=g but A has no parameter named g",
			"6:1: acmlint:exit: param=2 but B has 2 parameters",
			"9:1: acmlint:exit: invalid param=-1 (want a parameter name or index)",
			"12:1: acmlint:exit: invalid param=01 (want a parameter name or index)",
			"15:1: acmlint:exit: invalid param=f.x (want a parameter name or index)",
			"18:1: acmlint:exit: invalid param=_ (want a parameter name or index)",
			"21:1: acmlint:exit: param=0 but H has no parameters",
		},
	},
	{
		name: "must-use errors",
		src: `//acmlint:must-use Close
func (*T) A() error { return nil }

//acmlint:must-use x=y
func (*T) B() error { return nil }

//acmlint:must-use
func (*T) C() {}
`,
		errs: []string{
			"3:1: acmlint:must-use takes no arguments",
			"6:1: acmlint:must-use takes no arguments",
			"9:1: acmlint:must-use on (*T).C: it has no result to use",
		},
	},
	{
		name: "conflicts",
		src: `//acmlint:enter exit=Close
//acmlint:exit
func A() (*F, error) { return nil, nil }

//acmlint:exit
//acmlint:enter exit=Close
func B() (*F, error) { return nil, nil }

//acmlint:enter exit=Close
//acmlint:enter exit=Release
func C() *F { return nil }

//acmlint:enter exit=Close
//acmlint:must-use
func D() *F { return nil }

//acmlint:must-use
//acmlint:must-use
func (*T) E() error { return nil }

//acmlint:entr exit=Close
//acmlint:exit
func (*T) G() {}
`,
		dirs: []string{
			"3:1 enter A exit=Close",
			"7:1 exit B",
			"11:1 enter C exit=Close",
			"15:1 enter D exit=Close",
			"19:1 must-use (*T).E",
			"24:1 exit (*T).G",
		},
		errs: []string{
			"4:1: acmlint:exit conflicts with acmlint:enter on A (line 3): a function cannot both acquire and release",
			"8:1: acmlint:enter conflicts with acmlint:exit on B (line 7): a function cannot both acquire and release",
			"12:1: duplicate acmlint:enter on C (first at line 11)",
			"16:1: acmlint:must-use conflicts with acmlint:enter on D (line 15): must-use marks an exit; list exits whose result must be used with must-use= on the enter",
			"20:1: duplicate acmlint:must-use on (*T).E (first at line 19)",
			"23:1: unknown directive acmlint:entr (did you mean acmlint:enter?)",
		},
	},

	// Ignore.
	{
		name: "ignore",
		src: `func F() {
	f, _ := open() //acmlint:ignore closed by the caller
	//acmlint:ignore  handed to the pool  
	g, _ := open()
	//acmlint:ignore leak: see issue 12
	// More explanation.
	//nolint:errcheck
	h, _ := open()
	//acmlint:ignore
	//acmlint:ignore	
	x := []int{ //acmlint:ignore on the brace line
		1,
	} //acmlint:ignore after the closing brace
	/* block */ //acmlint:ignore after a block comment
	_, _, _, _ = f, g, h, x
	//acmlint:ignore at the end of a block
}

//acmlint:ignore in a doc comment
//acmlint:enter exit=Close
func open() (*F, error) { return nil, nil }

//acmlint:ignore at end of file`,
		dirs: []string{"22:1 enter open exit=Close"},
		ignores: []string{
			"4:17 ignore ->4 closed by the caller",
			"5:2 ignore ->6 handed to the pool",
			"7:2 ignore ->10 leak: see issue 12",
			"13:14 ignore ->13 on the brace line",
			"15:4 ignore ->15 after the closing brace",
			"16:14 ignore ->17 after a block comment",
			"18:2 ignore ->19 at the end of a block",
			"21:1 ignore ->23 in a doc comment",
			"25:1 ignore ->26 at end of file",
		},
		errs: []string{
			"11:2: acmlint:ignore needs a reason",
			"12:2: acmlint:ignore needs a reason",
		},
	},
}

func TestParse(t *testing.T) {
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fset, f := parse(t, tt.src)
			dirs, ignores, errs := Parse(fset, f)
			ds, is, es := render(fset, dirs, ignores, errs)
			if !eq(ds, tt.dirs) {
				t.Errorf("directives:\n got %s\nwant %s", strings.Join(ds, "\n     "), strings.Join(tt.dirs, "\n     "))
			}
			if !eq(is, tt.ignores) {
				t.Errorf("ignores:\n got %s\nwant %s", strings.Join(is, "\n     "), strings.Join(tt.ignores, "\n     "))
			}
			if !eq(es, tt.errs) {
				t.Errorf("errors:\n got %s\nwant %s", strings.Join(es, "\n     "), strings.Join(tt.errs, "\n     "))
			}
		})
	}
}

func TestDirectiveFields(t *testing.T) {
	fset, f := parse(t, `//acmlint:enter exit=Release,Close must-use=Close
func Open() (*F, error) { return nil, nil }
`)
	dirs, ignores, errs := Parse(fset, f)
	if len(dirs) != 1 || len(ignores) != 0 || len(errs) != 0 {
		t.Fatalf("got %v %v %v", dirs, ignores, errs)
	}
	d := dirs[0]
	if d.Func != f.Decls[0] || d.Pos != f.Comments[0].List[0].Pos() || d.Kind != Enter {
		t.Errorf("Func, Pos or Kind wrong: %+v", d)
	}
	if d.Resource != "" || d.When != "" || d.Param != "" || d.Acquired != "" || d.Released != "" {
		t.Errorf("unset keys must be empty: %+v", d)
	}
}

func TestLineDirective(t *testing.T) {
	// Ignore.Line is in fset.Position terms, honouring //line.
	fset, f := parse(t, `//line other.go:100
func F() {
	//acmlint:ignore reason
	_ = 1 //acmlint:ignore reason
}
`)
	_, ignores, errs := Parse(fset, f)
	if len(errs) != 0 || len(ignores) != 2 {
		t.Fatalf("got %v %v", ignores, errs)
	}
	if ignores[0].Line != 102 || ignores[1].Line != 102 {
		t.Errorf("lines: got %d, %d; want 102, 102", ignores[0].Line, ignores[1].Line)
	}
}

func TestNoPanic(t *testing.T) {
	// nil inputs and hand-built ASTs without positions.
	Parse(nil, nil)
	Parse(token.NewFileSet(), nil)
	fd := &ast.FuncDecl{
		Doc:  &ast.CommentGroup{List: []*ast.Comment{{Text: "//acmlint:enter exit=Close resource=result0"}, nil, {Text: "//acmlint:ignore r"}}},
		Recv: &ast.FieldList{List: []*ast.Field{nil}},
		Type: &ast.FuncType{Params: &ast.FieldList{List: []*ast.Field{nil}}},
	}
	file := &ast.File{Name: ast.NewIdent("p"), Decls: []ast.Decl{fd, nil}, Comments: []*ast.CommentGroup{nil}}
	Parse(token.NewFileSet(), file)
	Parse(nil, file)
	fd.Name = ast.NewIdent("F")
	dirs, ignores, errs := Parse(nil, file)
	if len(dirs) != 0 || len(ignores) != 1 || len(errs) != 1 {
		t.Errorf("got %v %v %v", dirs, ignores, errs)
	}
}

func TestSuggest(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"entr", "enter"}, {"enetr", "enter"}, {"ENTER", "enter"}, {"exits", "exit"},
		{"ex", ""}, {"x", ""}, {"igno", "ignore"}, {"foo", ""},
	} {
		if got := suggest(c.in, verbs); got != c.want {
			t.Errorf("suggest(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, tt := range tests {
		f.Add("package p\n\n" + tt.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		fset := token.NewFileSet()
		file, _ := parser.ParseFile(fset, "x.go", src, parser.ParseComments|parser.AllErrors)
		dirs, ignores, errs := Parse(fset, file)
		for _, d := range dirs {
			if d.Func == nil || d.Kind == Enter && len(d.Exits) == 0 {
				t.Fatalf("bad directive %+v", d)
			}
		}
		for _, ig := range ignores {
			if ig.Reason == "" {
				t.Fatal("empty reason")
			}
		}
		for _, e := range errs {
			if e.Msg == "" || !e.Pos.IsValid() {
				t.Fatalf("bad error %+v", e)
			}
		}
	})
}

func TestOutcomeKey(t *testing.T) {
	src := `package p

type S struct{}

// Open enters a scope.
//
//acmlint:enter resource=receiver exit=Done outcome=Done
func (s *S) Open() error { return nil }

// Bad names an outcome that is not an exit.
//
//acmlint:enter resource=receiver exit=Done outcome=Dn
func (s *S) Bad() error { return nil }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	dirs, _, errs := Parse(fset, f)
	if len(dirs) != 1 || len(dirs[0].Outcome) != 1 || dirs[0].Outcome[0] != "Done" {
		t.Errorf("directives = %+v, want one with Outcome [Done]", dirs)
	}
	if len(errs) != 1 || errs[0].Msg != "acmlint:enter: outcome name Dn is not in exit=Done" {
		t.Errorf("errors = %+v, want the outcome name error", errs)
	}
}
