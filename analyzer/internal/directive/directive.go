// Package directive parses acmlint's source directives: //acmlint: line
// comments by which library authors mark their API, and the
// //acmlint:ignore suppressions.
//
// Syntax. A directive is a line comment that starts with "//acmlint:"
// (no space after "//", like //go: directives) followed by a verb and
// space-separated key=value arguments:
//
//	//acmlint:enter exit=Release,Close [resource=receiver|resultN|resultN.Field] [when=always|error-nil|true] [must-use=Close] [outcome=Exit] [acquired=opened] [released=closed]
//	//acmlint:exit [param=NAME|param=N]
//	//acmlint:must-use
//	//acmlint:ignore <reason>
//
// enter, exit and must-use belong in the doc comment of a function or
// method declaration; ignore may appear on any line. Values of exit= and
// must-use= are comma-separated lists. Comments written "// acmlint:"
// (with a space) and block comments are ordinary comments.
//
// Parse reports every malformed directive as an Error at the position of
// its comment and leaves it out of the result; it never panics.
package directive

import (
	"fmt"
	"go/ast"
	"go/token"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Kind is the verb of a doc-comment directive.
type Kind uint8

const (
	// Enter: the function acquires a resource (//acmlint:enter).
	Enter Kind = iota + 1
	// Exit: the function releases its receiver or a parameter (//acmlint:exit).
	Exit
	// MustUse: the result of this exit method must be used (//acmlint:must-use).
	MustUse
)

func (k Kind) String() string {
	switch k {
	case Enter:
		return "enter"
	case Exit:
		return "exit"
	case MustUse:
		return "must-use"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Directive is one well-formed enter, exit or must-use directive.
type Directive struct {
	Kind Kind
	Pos  token.Pos // of the //acmlint: comment
	Func *ast.FuncDecl
	// Exits (Enter) are the releasing method names on the resource, or
	// "call" when the resource is a returned func. Never empty for Enter.
	Exits []string
	// MustUse (Enter) are the exits whose result must be used; each is in
	// Exits.
	MustUse []string
	// Outcome (Enter) are the exits that take the block's error as an
	// argument (Exit(ctx, err)); each is in Exits.
	Outcome []string
	// Resource (Enter) is "" (infer from the signature), "receiver",
	// "resultN" or "resultN.Field"; N is a valid result index of Func.
	Resource string
	// When (Enter) is "" (infer), "always", "error-nil" or "true".
	When string
	// Param (Exit) is "" (the engine decides: receiver or first
	// parameter), a parameter name of Func, or a decimal index into
	// Func's parameters, receiver excluded ("0"), that is in range.
	Param string
	// Acquired and Released (Enter) are verbs for messages; "" = default.
	Acquired, Released string
}

// Ignore is an //acmlint:ignore suppression.
type Ignore struct {
	Pos token.Pos // of the comment
	// Line is the line the suppression applies to, as fset.Position
	// reports lines (honouring //line directives): the comment's own line
	// when it follows code on that line; when it is alone on its line,
	// the next line, skipping further comment-only lines directly below
	// it (so an ignore may head a block of comments above the code).
	Line   int
	Reason string // the rest of the line, trimmed; never empty
}

// Error is a malformed or misplaced directive.
type Error struct {
	Pos token.Pos // of the //acmlint: comment
	Msg string
}

func (e Error) Error() string { return e.Msg }

const prefix = "//acmlint:"

var verbs = []string{"enter", "exit", "must-use", "ignore"}

var keysOf = map[Kind][]string{
	Enter:   {"exit", "resource", "when", "must-use", "outcome", "acquired", "released"},
	Exit:    {"param"},
	MustUse: nil,
}

var whens = []string{"always", "error-nil", "true"}

// Parse returns the directives of file in source order: the doc-comment
// directives, the ignore suppressions and the errors for malformed or
// misplaced ones. A directive with an error is not returned. file must
// have been parsed with parser.ParseComments for anything to be found.
func Parse(fset *token.FileSet, file *ast.File) (dirs []Directive, ignores []Ignore, errs []Error) {
	if file == nil {
		return nil, nil, nil
	}
	p := &scanner{fset: fset, file: file}
	p.run()
	sort.SliceStable(p.dirs, func(i, j int) bool { return p.dirs[i].Pos < p.dirs[j].Pos })
	sort.SliceStable(p.ignores, func(i, j int) bool { return p.ignores[i].Pos < p.ignores[j].Pos })
	sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].Pos < p.errs[j].Pos })
	return p.dirs, p.ignores, p.errs
}

type scanner struct {
	fset    *token.FileSet
	file    *ast.File
	dirs    []Directive
	ignores []Ignore
	errs    []Error

	codeBuilt bool
	tf        *token.File
	code      []int // per raw line: 1 + smallest offset of code on it, 0 = none
}

func (p *scanner) errorf(pos token.Pos, format string, args ...any) {
	p.errs = append(p.errs, Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

func (p *scanner) run() {
	docOf := map[*ast.CommentGroup]*ast.FuncDecl{}
	for _, d := range p.file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd != nil && fd.Doc != nil {
			docOf[fd.Doc] = fd
		}
	}
	// file.Comments holds every group of a parsed file; doc groups of a
	// synthetic AST may be missing from it.
	groups := make([]*ast.CommentGroup, 0, len(p.file.Comments))
	seen := map[*ast.CommentGroup]bool{}
	for _, g := range p.file.Comments {
		if g != nil && !seen[g] {
			seen[g] = true
			groups = append(groups, g)
		}
	}
	for _, d := range p.file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd != nil && fd.Doc != nil && !seen[fd.Doc] {
			seen[fd.Doc] = true
			groups = append(groups, fd.Doc)
		}
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].Pos() < groups[j].Pos() })

	for _, g := range groups {
		fd := docOf[g]
		var onFunc []Directive // this group's directives, for conflicts
		for i, c := range g.List {
			if c == nil || !strings.HasPrefix(c.Text, prefix) {
				continue
			}
			d, ok := p.comment(g, i, fd)
			if ok {
				if p.conflict(d, onFunc) {
					continue
				}
				onFunc = append(onFunc, d)
				p.dirs = append(p.dirs, d)
			}
		}
	}
}

// comment parses g.List[i], a //acmlint: comment; fd is the function whose
// doc comment g is, or nil. It reports whether it yielded a directive.
func (p *scanner) comment(g *ast.CommentGroup, i int, fd *ast.FuncDecl) (Directive, bool) {
	c := g.List[i]
	body := c.Text[len(prefix):]
	verb, rest := body, ""
	if j := strings.IndexFunc(body, unicode.IsSpace); j >= 0 {
		verb, rest = body[:j], body[j:]
	}
	var kind Kind
	switch verb {
	case "enter":
		kind = Enter
	case "exit":
		kind = Exit
	case "must-use":
		kind = MustUse
	case "ignore":
		p.ignore(g, i, rest)
		return Directive{}, false
	case "":
		if f := strings.Fields(rest); len(f) > 0 && contains(verbs, f[0]) {
			p.errorf(c.Pos(), "malformed directive: no space allowed after //acmlint: (write //acmlint:%s)", f[0])
		} else {
			p.errorf(c.Pos(), "missing directive name after //acmlint: (known: %s)", strings.Join(verbs, ", "))
		}
		return Directive{}, false
	default:
		if s := suggest(verb, verbs); s != "" {
			p.errorf(c.Pos(), "unknown directive acmlint:%s (did you mean acmlint:%s?)", verb, s)
		} else {
			p.errorf(c.Pos(), "unknown directive acmlint:%s (known: %s)", verb, strings.Join(verbs, ", "))
		}
		return Directive{}, false
	}
	if fd == nil || fd.Name == nil {
		p.errorf(c.Pos(), "acmlint:%s must be in the doc comment of a function or method", kind)
		return Directive{}, false
	}
	d := Directive{Kind: kind, Pos: c.Pos(), Func: fd}
	nerr := len(p.errs)
	args := p.args(c.Pos(), kind, rest)
	switch kind {
	case Enter:
		p.enter(&d, args)
	case Exit:
		p.exit(&d, args)
	case MustUse:
		if len(args.order) > 0 || args.bad {
			p.errs = p.errs[:nerr]
			p.errorf(c.Pos(), "acmlint:must-use takes no arguments")
		} else if nresults(fd) == 0 {
			p.errorf(c.Pos(), "acmlint:must-use on %s: it has no result to use", funcName(fd))
		}
	}
	return d, len(p.errs) == nerr
}

type args struct {
	vals    map[string]string
	order   []string
	unknown bool // an argument was not key=value or had an unknown key
	bad     bool // some argument was malformed
}

// args splits rest into key=value arguments and reports malformed ones,
// unknown keys, duplicate keys and empty values.
func (p *scanner) args(pos token.Pos, kind Kind, rest string) args {
	a := args{vals: map[string]string{}}
	known := keysOf[kind]
	fields := strings.Fields(rest)
	hasExit := false
	for _, f := range fields {
		hasExit = hasExit || strings.HasPrefix(f, "exit=")
	}
	for _, f := range fields {
		k, v, ok := strings.Cut(f, "=")
		switch {
		case strings.HasPrefix(f, "//"):
			a.bad, a.unknown = true, true
			p.errorf(pos, "acmlint:%s: unexpected %q: a directive cannot carry a trailing comment", kind, strings.TrimSpace(rest[strings.Index(rest, "//"):]))
			return a
		case !ok:
			a.bad, a.unknown = true, true
			if kind == Enter && !hasExit && isIdentList(f) {
				p.errorf(pos, "acmlint:%s: expected key=value, got %q (did you mean exit=%s?)", kind, f, f)
			} else {
				p.errorf(pos, "acmlint:%s: expected key=value, got %q", kind, f)
			}
			continue
		case k == "":
			a.bad, a.unknown = true, true
			p.errorf(pos, "acmlint:%s: missing key before %q", kind, f)
			continue
		}
		a.order = append(a.order, k)
		if kind == MustUse {
			continue // reported as a whole by the caller
		}
		if !contains(known, k) {
			a.unknown, a.bad = true, true
			if s := suggest(k, known); s != "" {
				p.errorf(pos, "acmlint:%s: unknown key %s (did you mean %s?)", kind, k, s)
			} else {
				p.errorf(pos, "acmlint:%s: unknown key %s (known: %s)", kind, k, strings.Join(known, ", "))
			}
			continue
		}
		if _, dup := a.vals[k]; dup {
			a.bad = true
			p.errorf(pos, "acmlint:%s: duplicate key %s", kind, k)
			continue
		}
		a.vals[k] = v
		if v == "" {
			a.bad = true
			p.errorf(pos, "acmlint:%s: empty value for %s", kind, k)
		}
	}
	return a
}

func (p *scanner) enter(d *Directive, a args) {
	pos, fd := d.Pos, d.Func
	exitsOK := false
	if v, ok := a.vals["exit"]; ok {
		if v != "" {
			d.Exits, exitsOK = p.identList(pos, "exit", v)
		}
	} else if !a.unknown {
		p.errorf(pos, "acmlint:enter needs exit=<names>: the methods that release the resource, or call for a returned func")
	}
	if v := a.vals["must-use"]; v != "" {
		names, ok := p.identList(pos, "must-use", v)
		if ok && exitsOK {
			for _, n := range names {
				if !contains(d.Exits, n) {
					p.errorf(pos, "acmlint:enter: must-use name %s is not in exit=%s", n, strings.Join(d.Exits, ","))
					ok = false
				}
			}
		}
		if ok {
			d.MustUse = names
		}
	}
	if v := a.vals["outcome"]; v != "" {
		names, ok := p.identList(pos, "outcome", v)
		if ok && exitsOK {
			for _, n := range names {
				if !contains(d.Exits, n) {
					p.errorf(pos, "acmlint:enter: outcome name %s is not in exit=%s", n, strings.Join(d.Exits, ","))
					ok = false
				}
			}
		}
		if ok {
			d.Outcome = names
		}
	}
	if v := a.vals["resource"]; v != "" {
		if p.resource(pos, fd, v) {
			d.Resource = v
			if v == "receiver" && exitsOK && contains(d.Exits, "call") {
				p.errorf(pos, "acmlint:enter: exit=call releases a returned func, but the resource is the receiver")
			}
		}
	}
	if v := a.vals["when"]; v != "" {
		switch {
		case !contains(whens, v):
			if s := suggest(v, whens); s != "" {
				p.errorf(pos, "acmlint:enter: invalid when=%s (did you mean %s?)", v, s)
			} else {
				p.errorf(pos, "acmlint:enter: invalid when=%s (want always, error-nil or true)", v)
			}
		case v != "always" && nresults(fd) == 0:
			p.errorf(pos, "acmlint:enter: when=%s but %s has no results", v, funcName(fd))
		default:
			d.When = v
		}
	}
	for _, k := range []string{"acquired", "released"} {
		v := a.vals[k]
		if v == "" {
			continue
		}
		if !isWord(v) {
			p.errorf(pos, "acmlint:enter: %s=%s must be a single word (letters, digits, hyphens)", k, v)
			continue
		}
		if k == "acquired" {
			d.Acquired = v
		} else {
			d.Released = v
		}
	}
}

// resource validates a resource= value against fd's signature.
func (p *scanner) resource(pos token.Pos, fd *ast.FuncDecl, v string) bool {
	if v == "receiver" {
		if fd.Recv == nil {
			p.errorf(pos, "acmlint:enter: resource=receiver but %s is not a method", funcName(fd))
			return false
		}
		return true
	}
	base, field, hasField := strings.Cut(v, ".")
	digits, isResult := strings.CutPrefix(base, "result")
	n, err := strconv.Atoi(digits)
	if !isResult || err != nil || n < 0 || strconv.Itoa(n) != digits ||
		hasField && !token.IsIdentifier(field) || field == "_" {
		if s := suggest(v, []string{"receiver"}); s != "" {
			p.errorf(pos, "acmlint:enter: invalid resource=%s (did you mean %s?)", v, s)
		} else {
			p.errorf(pos, "acmlint:enter: invalid resource=%s (want receiver, resultN or resultN.Field)", v)
		}
		return false
	}
	if r := nresults(fd); n >= r {
		p.errorf(pos, "acmlint:enter: resource=%s but %s has %s", v, funcName(fd), plural(r, "result"))
		return false
	}
	return true
}

func (p *scanner) exit(d *Directive, a args) {
	v := a.vals["param"]
	if v == "" {
		return
	}
	fd := d.Func
	var params []*ast.Field
	if fd.Type != nil && fd.Type.Params != nil {
		params = fd.Type.Params.List
	}
	if n, err := strconv.Atoi(v); err == nil || v[0] >= '0' && v[0] <= '9' {
		np := countFields(params)
		if err != nil || n < 0 || strconv.Itoa(n) != v {
			p.errorf(d.Pos, "acmlint:exit: invalid param=%s (want a parameter name or index)", v)
		} else if n >= np {
			p.errorf(d.Pos, "acmlint:exit: param=%s but %s has %s", v, funcName(fd), plural(np, "parameter"))
		} else {
			d.Param = v
		}
		return
	}
	if !token.IsIdentifier(v) || v == "_" {
		p.errorf(d.Pos, "acmlint:exit: invalid param=%s (want a parameter name or index)", v)
		return
	}
	for _, f := range params {
		for _, n := range f.Names {
			if n != nil && n.Name == v {
				d.Param = v
				return
			}
		}
	}
	p.errorf(d.Pos, "acmlint:exit: param=%s but %s has no parameter named %s", v, funcName(fd), v)
}

// identList parses a comma-separated list of identifiers for key.
func (p *scanner) identList(pos token.Pos, key, v string) ([]string, bool) {
	names := strings.Split(v, ",")
	ok := true
	for i, n := range names {
		switch {
		case n == "":
			p.errorf(pos, "acmlint:enter: empty name in %s=%s", key, v)
			return nil, false
		case !token.IsIdentifier(n) || n == "_":
			p.errorf(pos, "acmlint:enter: %s name %q is not a Go identifier", key, n)
			ok = false
		case contains(names[:i], n):
			p.errorf(pos, "acmlint:enter: %s lists %s twice", key, n)
			ok = false
		}
	}
	if !ok {
		return nil, false
	}
	return names, true
}

// conflict reports d if it clashes with an earlier directive on the same
// function (of the same doc comment) and reports whether it did.
func (p *scanner) conflict(d Directive, prev []Directive) bool {
	for _, q := range prev {
		line := p.line(q.Pos)
		switch {
		case q.Kind == d.Kind:
			p.errorf(d.Pos, "duplicate acmlint:%s on %s (first at line %d)", d.Kind, funcName(d.Func), line)
		case q.Kind == Enter && d.Kind == Exit, q.Kind == Exit && d.Kind == Enter:
			p.errorf(d.Pos, "acmlint:%s conflicts with acmlint:%s on %s (line %d): a function cannot both acquire and release",
				d.Kind, q.Kind, funcName(d.Func), line)
		case q.Kind == Enter && d.Kind == MustUse, q.Kind == MustUse && d.Kind == Enter:
			p.errorf(d.Pos, "acmlint:%s conflicts with acmlint:%s on %s (line %d): must-use marks an exit; list exits whose result must be used with must-use= on the enter",
				d.Kind, q.Kind, funcName(d.Func), line)
		default:
			continue // exit + must-use: a release helper whose result must be used
		}
		return true
	}
	return false
}

func (p *scanner) line(pos token.Pos) int {
	if p.fset == nil {
		return 0
	}
	return p.fset.Position(pos).Line
}

// ignore records the //acmlint:ignore comment g.List[i].
func (p *scanner) ignore(g *ast.CommentGroup, i int, rest string) {
	c := g.List[i]
	reason := strings.TrimSpace(rest)
	if reason == "" {
		p.errorf(c.Pos(), "acmlint:ignore needs a reason")
		return
	}
	p.ignores = append(p.ignores, Ignore{Pos: c.Pos(), Line: p.ignoreLine(g, i), Reason: reason})
}

// ignoreLine computes the line the ignore comment g.List[i] applies to.
func (p *scanner) ignoreLine(g *ast.CommentGroup, i int) int {
	c := g.List[i]
	if p.fset == nil {
		return 0
	}
	p.buildCode()
	tf := p.tf
	if tf == nil || !in(tf, c.Pos()) {
		return p.fset.Position(c.Pos()).Line
	}
	own := rawLine(tf, c.Pos())
	if p.codeBefore(own, c.Pos()) {
		return p.fset.Position(c.Pos()).Line
	}
	// Alone on its line: the next line, past comment-only lines directly
	// below it in the same group.
	target := rawLine(tf, c.End()) + 1
	for _, n := range g.List[i+1:] {
		if n == nil || !in(tf, n.Pos()) || !in(tf, n.End()) {
			break
		}
		if rawLine(tf, n.Pos()) != target || p.hasCode(target) {
			break
		}
		target = rawLine(tf, n.End()) + 1
	}
	if target <= tf.LineCount() {
		return p.fset.Position(tf.LineStart(target)).Line
	}
	// Past the last line: extrapolate from the comment's line.
	return p.fset.Position(c.Pos()).Line + target - own
}

// rawLine is pos's line in the file itself, ignoring //line directives.
func rawLine(tf *token.File, pos token.Pos) int {
	return tf.PositionFor(pos, false).Line
}

func in(tf *token.File, pos token.Pos) bool {
	return pos.IsValid() && int(pos) >= tf.Base() && int(pos) <= tf.Base()+tf.Size()
}

// buildCode records, per line, where the first code token on it starts:
// the start or last character of every syntax node (comments excluded).
func (p *scanner) buildCode() {
	if p.codeBuilt {
		return
	}
	p.codeBuilt = true
	start := p.file.FileStart
	if !start.IsValid() {
		start = p.file.Pos()
	}
	tf := p.fset.File(start)
	if tf == nil {
		return
	}
	p.tf = tf
	p.code = make([]int, tf.LineCount()+2)
	mark := func(pos token.Pos) {
		if !in(tf, pos) {
			return
		}
		off := tf.Offset(pos)
		l := rawLine(tf, pos)
		if l <= 0 || l >= len(p.code) {
			return
		}
		if p.code[l] == 0 || off+1 < p.code[l] {
			p.code[l] = off + 1
		}
	}
	ast.Inspect(p.file, func(n ast.Node) bool {
		switch n.(type) {
		case nil, *ast.CommentGroup, *ast.Comment:
			return false
		}
		mark(n.Pos())
		if e := n.End(); e.IsValid() && e > n.Pos() {
			mark(e - 1)
		}
		return true
	})
}

func (p *scanner) codeBefore(line int, pos token.Pos) bool {
	if line <= 0 || line >= len(p.code) || p.code[line] == 0 {
		return false
	}
	return p.code[line]-1 < p.tf.Offset(pos)
}

func (p *scanner) hasCode(line int) bool {
	return line > 0 && line < len(p.code) && p.code[line] != 0
}

// nresults counts fd's results.
func nresults(fd *ast.FuncDecl) int {
	if fd.Type == nil || fd.Type.Results == nil {
		return 0
	}
	return countFields(fd.Type.Results.List)
}

func countFields(list []*ast.Field) int {
	n := 0
	for _, f := range list {
		if f == nil {
			continue
		}
		if len(f.Names) == 0 {
			n++
		} else {
			n += len(f.Names)
		}
	}
	return n
}

// funcName names fd as go/types does: F, T.M or (*T).M.
func funcName(fd *ast.FuncDecl) string {
	name := fd.Name.Name
	if fd.Recv == nil || len(fd.Recv.List) == 0 || fd.Recv.List[0] == nil {
		return name
	}
	t := fd.Recv.List[0].Type
	star := false
	for {
		switch x := t.(type) {
		case *ast.ParenExpr:
			t = x.X
			continue
		case *ast.StarExpr:
			if star {
				return name
			}
			star, t = true, x.X
			continue
		case *ast.IndexExpr:
			t = x.X
			continue
		case *ast.IndexListExpr:
			t = x.X
			continue
		}
		break
	}
	id, ok := t.(*ast.Ident)
	if !ok {
		return name
	}
	if star {
		return "(*" + id.Name + ")." + name
	}
	return id.Name + "." + name
}

func plural(n int, what string) string {
	if n == 0 {
		return "no " + what + "s"
	}
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func isIdentList(s string) bool {
	for _, n := range strings.Split(s, ",") {
		if !token.IsIdentifier(n) {
			return false
		}
	}
	return true
}

// isWord reports whether s is a message verb: a letter followed by
// letters, digits and hyphens.
func isWord(s string) bool {
	for i, r := range s {
		if !unicode.IsLetter(r) && (i == 0 || r != '-' && !unicode.IsDigit(r)) {
			return false
		}
	}
	return s != ""
}

// suggest returns the candidate s is most likely a misspelling of, or "".
func suggest(s string, candidates []string) string {
	norm := func(x string) string {
		return strings.Map(func(r rune) rune {
			if r == '-' || r == '_' {
				return -1
			}
			return unicode.ToLower(r)
		}, x)
	}
	ns := norm(s)
	best, bestD := "", 3
	for _, c := range candidates {
		nc := norm(c)
		if len(ns) >= 3 && strings.HasPrefix(nc, ns) {
			return c
		}
		limit := len(nc) / 3
		if limit < 1 {
			limit = 1
		}
		if limit > 2 {
			limit = 2
		}
		if d := distance(ns, nc); d <= limit && d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the optimal string alignment distance between a and b
// (edits: insert, delete, substitute, swap adjacent), capped for long inputs.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		if a == b {
			return 0
		}
		return 64
	}
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
