// Package config reads acmlint's configuration: user-defined protocols,
// the checks to run and the files to skip. The same structure comes from a
// YAML file (the -acmlint.config=FILE flag) or as a decoded value (the
// golangci-lint plugin's settings, under
// linters.settings.custom.acmlint.settings in .golangci.yml).
//
// # Schema
//
// A complete example:
//
//	protocols:
//	  # A pool whose buffers must be given back.
//	  - id: pool.Buffer                # optional; default derived from the first enter ("pool.Pool.Get")
//	    enters:                        # the acquiring calls, by qualified name; or a single one:
//	      - "(*example.com/pool.Pool).Get"    # enter: "(*example.com/pool.Pool).Get"
//	      - "(*example.com/pool.Pool).TryGet"
//	    resource: result0              # what is acquired (see below)
//	    acquired-when: error-nil       # always (default) | error-nil | true
//	    exits: [Release, Close]        # the methods that release it; any one does
//	    must-use: [Close]              # exits whose result must be used; default none
//	    acquired: taken                # verbs for messages; default "acquired"
//	    released: given back           #   and "released"
//	    single: false                  # true: released exactly once (a second release is an error)
//
//	  # A lock-like method pair on the receiver.
//	  - enter: "(*example.com/lease.Lease).Hold"
//	    resource: receiver
//	    exits: [Drop]
//	    single: true
//	    shared: true                   # receiver resources only: the receiver is shared state (a lock)
//
//	  # A returned func that must be called.
//	  - enter: example.com/watch.Start
//	    resource: func1
//	    exits: [call]
//
//	  # Process-wide state released by a package function.
//	  - enter: example.com/prof.Start
//	    resource: global
//	    acquired-when: error-nil
//	    exits: [example.com/prof.Stop]
//	    name: the profiler             # global resources only: how messages name it
//	    acquired: started
//	    released: stopped
//
//	checks:
//	  disable: [defer-in-loop]         # checks not to run; or
//	  # enable: [leak, dropped-result] # only these (enable and disable together is an error)
//
//	exclude:                           # files to skip (see below)
//	  - "internal/legacy/*.go"
//	  - "*_mock.go"
//	  - "testdata/"
//
//	generated: skip                    # skip (default) | check: files with a
//	                                   # "// Code generated ... DO NOT EDIT." header
//
// Every top-level key is optional; an empty file is an empty configuration
// (built-in protocols, all checks, no exclusions, generated files
// skipped). A key with no value (null) is the same as an absent key. Keys
// are checked strictly at every level: an unknown or misspelled key, or a
// value of the wrong type (a string where a list is expected), is an error.
//
// # Protocols
//
// Each entry of protocols declares one protocol, in addition to the
// built-in ones:
//
//   - id: a name for the protocol, made of letters, digits and . _ - /.
//     It must be unique and must not be a built-in protocol's id (such as
//     os.File or sync.Mutex). Default: derived from the first enter, the
//     package's last path element, the receiver type and the name
//     ("(*example.com/pool.Pool).Get" gives pool.Pool.Get; a /vN major
//     version suffix is skipped); two entries whose derived ids clash must
//     set id.
//   - enter or enters (one of them, required): the acquiring functions or
//     methods as go/types prints them: "example.com/pkg.Open" for a
//     function, "(*example.com/pkg.Pool).Get" or
//     "(example.com/pkg.Pool).Get" for a method (pointer and value
//     receivers are the same), "(example.com/pkg.Iface).Get" for an
//     interface method. The resource and acquired-when below apply to
//     every enter of the entry.
//   - resource (required): what the enter acquires: receiver (the
//     method's receiver; needs method enters), resultN (result N, from 0),
//     resultN.Field (a field of result N, like resp.Body), funcN (result N
//     is a func and calling it releases; exits must be [call]) or global
//     (process-wide state; exits are qualified package functions).
//   - acquired-when: always (the default; the configuration cannot see
//     the enter's signature, so even an enter returning an error defaults
//     to always), error-nil (only when the last result, an error, is nil)
//     or true (only when the last result, a bool, is true; quoted or not).
//   - exits (required): the methods of the resource that release it, by
//     name (Close). Also "!M" (the path on which method M returned false,
//     like rows.Next) and "<-F" (a receive from the resource's channel
//     field F, like an expired timer's C). For funcN resources: [call].
//     For global resources: qualified functions ("example.com/prof.Stop").
//   - outcome: the exits that take the block's error as an argument
//     (Exit(ctx, err)); calling one with nil on a path that returns an
//     error is reported (exit-outcome). Each must be one of exits.
//   - must-use: the exits whose result carries the outcome (an error, a
//     bool) and must not be dropped. Default none.
//   - acquired, released: the verbs used in messages ("f is opened ... but
//     not closed"). Default "acquired" and "released".
//   - single: true if the resource is released exactly once, so that a
//     second release on the same path is reported (double-exit).
//   - shared (receiver resources only): the receiver is shared state, like
//     a lock: one reached through a call (m.shard(k).mu) is treated as
//     rooted outside the function.
//   - name (global resources only): how messages name the resource ("the
//     CPU profile"); default the enter's name.
//
// Two protocols may not declare the same enter for the same resource, and
// a configured enter may not repeat a built-in one.
//
// # Checks
//
// checks.disable lists checks not to run; checks.enable lists the only
// checks to run. The names are those of [CheckNames].
//
// # Exclude
//
// exclude lists slash-separated glob patterns ([path.Match] syntax: *, ?,
// [a-z], \ escapes; * does not cross a /). A file is skipped when a
// pattern matches the last elements of its path: "*_mock.go" matches
// /src/m/x_mock.go; "internal/legacy/*.go" matches
// /src/m/internal/legacy/a.go; a pattern starting with / matches the whole
// path. A pattern ending in / names a directory and skips every file below
// it: "testdata/" and "internal/legacy/" match any directory of that name
// (or those last elements) at any depth.
//
// # Errors
//
// A bad configuration is an error naming the file and line (or, for a
// decoded value, its source), the entry and the problem:
//
//	acmlint.yml:4: protocols[1].enter: "(*pool.Pool.Get": want (pkg.Type).Method
//	acmlint.yml:7: unknown key "exit" in protocols[0] (did you mean "exits"?)
//	settings: checks.disable[0]: unknown check "leaks" (did you mean "leak"?)
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/acmlint/acmlint/analyzer/internal/protocol"
)

// CheckNames are the names of acmlint's checks, the diagnostic categories.
var CheckNames = []string{
	"leak",
	"dropped-result",
	"exit-before-check",
	"double-exit",
	"defer-in-loop",
	"ownership",
	"callback-panic",
	"exit-outcome",
}

// Config is a decoded configuration.
type Config struct {
	// Protocols are the configured protocols in file order. Their Source
	// is "FILE:LINE" of the entry (or "SOURCE: protocols[i]" for a
	// decoded value).
	Protocols []*protocol.Protocol
	// Disabled maps the name of each disabled check to true.
	Disabled map[string]bool
	// Exclude are the glob patterns of files to skip.
	Exclude []string
	// CheckGenerated is set when generated files are to be checked.
	CheckGenerated bool
}

// Enabled reports whether check is to run. A nil Config enables every check.
func (c *Config) Enabled(check string) bool {
	return c == nil || !c.Disabled[check]
}

// Excluded reports whether the file filename (a path as the analysis pass
// sees it, usually absolute) matches one of the exclude patterns.
func (c *Config) Excluded(filename string) bool {
	if c == nil || len(c.Exclude) == 0 {
		return false
	}
	p := filepath.ToSlash(filename)
	for _, pat := range c.Exclude {
		if dir, ok := strings.CutSuffix(pat, "/"); ok {
			// A directory: match the trailing elements of each of the
			// file's directories.
			for end := strings.LastIndexByte(p, '/'); end > 0; end = strings.LastIndexByte(p[:end], '/') {
				if matchSuffix(dir, p[:end]) {
					return true
				}
			}
		} else if matchSuffix(pat, p) {
			return true
		}
	}
	return false
}

// matchSuffix reports whether pat matches p or a suffix of p that starts
// after a slash.
func matchSuffix(pat, p string) bool {
	for {
		if ok, _ := path.Match(pat, p); ok {
			return true
		}
		i := strings.IndexByte(p, '/')
		if i < 0 {
			return false
		}
		p = p[i+1:]
	}
}

// Load reads and parses the configuration file filename.
func Load(filename string) (*Config, error) {
	data, err := os.ReadFile(filename)
	if err != nil {
		return nil, err
	}
	return Parse(data, filename)
}

// Parse parses the YAML configuration data read from filename, which names
// the file in errors and in the protocols' Source.
func Parse(data []byte, filename string) (*Config, error) {
	d := &decoder{src: filename, lines: true}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return d.config(nil)
		}
		return nil, d.syntaxError(err)
	}
	for {
		// Further documents must be empty (a trailing "---" is harmless).
		var extra yaml.Node
		err := dec.Decode(&extra)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, d.syntaxError(err)
		}
		if n := extra.Content; len(n) > 0 && !isNull(n[0]) {
			return nil, d.errf(n[0], "", "a second YAML document: the configuration must be a single document")
		}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		root = nil
		if len(doc.Content) > 0 {
			root = doc.Content[0]
		}
	}
	return d.config(root)
}

// FromValue decodes a configuration from a value decoded from JSON or YAML
// (map[string]any, []any, string, bool, numbers), such as the settings of
// the golangci-lint plugin. Errors and the protocols' Source name source
// and the entry's path ("settings: protocols[1].enter: ...").
func FromValue(v any, source string) (cfg *Config, err error) {
	d := &decoder{src: source}
	if v == nil {
		return d.config(nil)
	}
	var n yaml.Node
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("%s: cannot decode %T: %v", source, v, r)
			}
		}()
		if e := n.Encode(v); e != nil {
			err = fmt.Errorf("%s: cannot decode %T: %v", source, v, strings.TrimPrefix(e.Error(), "yaml: "))
		}
	}()
	if err != nil {
		return nil, err
	}
	return d.config(&n)
}

// decoder turns a YAML node tree into a Config, checking it strictly.
type decoder struct {
	src   string // the file name, or the source of a decoded value
	lines bool   // nodes carry line numbers of src
}

var topKeys = []string{"protocols", "checks", "exclude", "generated"}

var protocolKeys = []string{
	"id", "enter", "enters", "resource", "acquired-when", "exits", "must-use", "outcome",
	"acquired", "released", "single", "shared", "name",
}

var checksKeys = []string{"enable", "disable"}

func (d *decoder) config(root *yaml.Node) (*Config, error) {
	cfg := &Config{Disabled: make(map[string]bool)}
	root = deref(root)
	if root == nil || isNull(root) {
		return cfg, nil
	}
	top, err := d.mapping(root, "", topKeys)
	if err != nil {
		return nil, err
	}
	if n := top.val["protocols"]; n != nil {
		if err := d.protocols(n, cfg); err != nil {
			return nil, err
		}
	}
	if n := top.val["checks"]; n != nil {
		if err := d.checks(n, cfg); err != nil {
			return nil, err
		}
	}
	if n := top.val["exclude"]; n != nil {
		pats, nodes, err := d.strings(n, "exclude")
		if err != nil {
			return nil, err
		}
		for i, pat := range pats {
			at := fmt.Sprintf("exclude[%d]", i)
			trimmed := strings.TrimSuffix(pat, "/")
			if _, err := path.Match(trimmed, ""); err != nil {
				return nil, d.errf(nodes[i], at, "%q: %v", pat, err)
			}
			if trimmed == "" {
				return nil, d.errf(nodes[i], at, "%q: empty pattern", pat)
			}
			for _, elem := range strings.Split(trimmed, "/") {
				if elem == "." || elem == ".." {
					return nil, d.errf(nodes[i], at, "%q: a pattern matches the last elements of a file's path; it cannot have %s elements", pat, elem)
				}
			}
		}
		cfg.Exclude = pats
	}
	if n := top.val["generated"]; n != nil {
		v, err := d.enum(n, "generated", []string{"skip", "check"})
		if err != nil {
			return nil, err
		}
		cfg.CheckGenerated = v == "check"
	}
	return cfg, nil
}

func (d *decoder) checks(n *yaml.Node, cfg *Config) error {
	m, err := d.mapping(n, "checks", checksKeys)
	if err != nil {
		return err
	}
	en, dis := m.val["enable"], m.val["disable"]
	if en != nil && dis != nil {
		return d.errf(m.later("enable", "disable"), "checks", "enable and disable together: use one")
	}
	names := func(n *yaml.Node, p string) ([]string, error) {
		list, nodes, err := d.strings(n, p)
		if err != nil {
			return nil, err
		}
		for i, s := range list {
			if !contains(CheckNames, s) {
				return nil, d.errf(nodes[i], fmt.Sprintf("%s[%d]", p, i), "unknown check %q %s", s,
					hint(s, CheckNames, "known checks"))
			}
		}
		return list, nil
	}
	switch {
	case dis != nil:
		list, err := names(dis, "checks.disable")
		if err != nil {
			return err
		}
		for _, s := range list {
			cfg.Disabled[s] = true
		}
	case en != nil:
		list, err := names(en, "checks.enable")
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return d.errf(en, "checks.enable", "empty: it would disable every check")
		}
		for _, s := range CheckNames {
			if !contains(list, s) {
				cfg.Disabled[s] = true
			}
		}
	}
	return nil
}

// enterKey identifies an enter row for clash detection.
type enterKey struct {
	key   protocol.Key
	res   protocol.Resource
	index int
	field string
}

func (d *decoder) protocols(n *yaml.Node, cfg *Config) error {
	list, err := d.seq(n, "protocols")
	if err != nil {
		return err
	}
	builtin := protocol.Builtin()
	ids := make(map[string]string)      // id -> who declared it
	enters := make(map[enterKey]string) // -> "of <who>"
	for _, p := range builtin {
		ids[p.ID] = "a built-in protocol"
		for _, e := range p.Enters {
			if k, err := protocol.ParseKey(e.Func); err == nil {
				enters[enterKey{k, e.Resource, e.Index, e.Field}] = "of built-in protocol " + p.ID
			}
		}
	}
	for i, en := range list {
		p, err := d.protocol(en, i, ids, enters)
		if err != nil {
			return err
		}
		cfg.Protocols = append(cfg.Protocols, p)
	}
	// A safety net: the catalog must accept what was validated above.
	if _, err := protocol.New(append(builtin, cfg.Protocols...)); err != nil {
		return fmt.Errorf("%s: %v", d.src, err)
	}
	return nil
}

var idRE = regexp.MustCompile(`^[A-Za-z0-9_./-]+$`)

func (d *decoder) protocol(n *yaml.Node, i int, ids map[string]string, enters map[enterKey]string) (*protocol.Protocol, error) {
	at := fmt.Sprintf("protocols[%d]", i)
	m, err := d.mapping(n, at, protocolKeys)
	if err != nil {
		return nil, err
	}
	n = deref(n)
	p := &protocol.Protocol{Acquired: "acquired", Released: "released"}
	if d.lines {
		p.Source = fmt.Sprintf("%s:%d", d.src, n.Line)
	} else {
		p.Source = d.src + ": " + at
	}

	// Enters: their names first; the resource decides what they must be.
	var (
		funcs  []string
		fnodes []*yaml.Node
		fpaths []string
	)
	switch en, ens := m.val["enter"], m.val["enters"]; {
	case en != nil && ens != nil:
		return nil, d.errf(m.later("enter", "enters"), at, "enter and enters together: use one")
	case en != nil:
		s, err := d.str(en, at+".enter")
		if err != nil {
			return nil, err
		}
		funcs, fnodes, fpaths = []string{s}, []*yaml.Node{en}, []string{at + ".enter"}
	case ens != nil:
		funcs, fnodes, err = d.strings(ens, at+".enters")
		if err != nil {
			return nil, err
		}
		for j := range funcs {
			fpaths = append(fpaths, fmt.Sprintf("%s.enters[%d]", at, j))
		}
	}
	if len(funcs) == 0 {
		return nil, d.errf(n, at, `no enter: want enter: "(pkg.Type).Method" or enters: [...]`)
	}
	keys := make([]protocol.Key, len(funcs))
	for j, f := range funcs {
		k, err := protocol.ParseKey(f)
		if err != nil {
			return nil, d.errf(fnodes[j], fpaths[j], "%v", err)
		}
		keys[j] = k
	}

	// Resource and condition.
	rn := m.val["resource"]
	if rn == nil {
		return nil, d.errf(n, at, "no resource: want %s", resourceForms)
	}
	rs, err := d.str(rn, at+".resource")
	if err != nil {
		return nil, err
	}
	res, index, field, ok := parseResource(rs)
	if !ok {
		return nil, d.errf(rn, at+".resource", "%q: want %s%s", rs, resourceForms,
			suggest(rs, []string{"receiver", "result0", "func1", "global"}))
	}
	when := protocol.Always
	if wn := m.val["acquired-when"]; wn != nil {
		v, err := d.enum(wn, at+".acquired-when", []string{"always", "error-nil", "true"})
		if err != nil {
			return nil, err
		}
		switch v {
		case "error-nil":
			when = protocol.ErrNil
		case "true":
			when = protocol.BoolTrue
		}
	}
	seen := make(map[enterKey]bool)
	for j, f := range funcs {
		if res == protocol.Receiver && keys[j].Recv == "" {
			return nil, d.errf(fnodes[j], fpaths[j], "%q: a receiver resource needs a method enter, (pkg.Type).Method", f)
		}
		ek := enterKey{keys[j], res, index, field}
		if seen[ek] {
			return nil, d.errf(fnodes[j], fpaths[j], "duplicate enter %q", f)
		}
		seen[ek] = true
		if who, ok := enters[ek]; ok {
			return nil, d.errf(fnodes[j], fpaths[j], "%q is already an enter %s for the same resource (%s)", f, who, rs)
		}
		p.Enters = append(p.Enters, protocol.Enter{Func: f, Resource: res, Index: index, Field: field, When: when})
	}

	// Exits.
	var (
		exits  []string
		xnodes []*yaml.Node
	)
	if xn := m.val["exits"]; xn != nil {
		if exits, xnodes, err = d.strings(xn, at+".exits"); err != nil {
			return nil, err
		}
	}
	if len(exits) == 0 {
		want := "exits: [Close], the methods of the resource that release it"
		switch res {
		case protocol.ResultFunc:
			want = "exits: [call] (a func resource is released by calling it)"
		case protocol.Global:
			want = "exits: [example.com/pkg.Stop], the functions that release it"
		}
		return nil, d.errf(n, at, "no exits: want %s", want)
	}
	for j, x := range exits {
		xat := fmt.Sprintf("%s.exits[%d]", at, j)
		if contains(exits[:j], x) {
			return nil, d.errf(xnodes[j], xat, "duplicate exit %q", x)
		}
		switch res {
		case protocol.ResultFunc:
			if x != "call" {
				return nil, d.errf(xnodes[j], xat, "%q: a func resource is released by calling it: want exits: [call]", x)
			}
		case protocol.Global:
			if _, err := protocol.ParseKey(x); err != nil {
				return nil, d.errf(xnodes[j], xat, "%v (a global resource is released by a package function)", err)
			}
		default:
			name := x
			if s, ok := strings.CutPrefix(x, "!"); ok {
				name = s
			} else if s, ok := strings.CutPrefix(x, "<-"); ok {
				name = s
			}
			if !isIdent(name) {
				want := "want a method name of the resource, such as Close"
				if k, err := protocol.ParseKey(x); err == nil {
					if k.Recv != "" {
						want = "want the method name alone: " + k.Name
					} else {
						want += " (qualified functions release global resources only)"
					}
				}
				return nil, d.errf(xnodes[j], xat, "%q: %s", x, want)
			}
		}
	}
	p.Exits = exits

	// Must-use exits.
	if un := m.val["must-use"]; un != nil {
		list, unodes, err := d.strings(un, at+".must-use")
		if err != nil {
			return nil, err
		}
		for j, u := range list {
			uat := fmt.Sprintf("%s.must-use[%d]", at, j)
			if !contains(exits, u) {
				return nil, d.errf(unodes[j], uat, "%q is not one of the exits [%s]%s", u, strings.Join(exits, ", "), suggest(u, exits))
			}
			if strings.HasPrefix(u, "!") || strings.HasPrefix(u, "<-") {
				return nil, d.errf(unodes[j], uat, "%q: this exit has no result to use", u)
			}
			if contains(list[:j], u) {
				return nil, d.errf(unodes[j], uat, "duplicate entry %q", u)
			}
		}
		p.MustUse = list
	}

	// Exits that take the block's error (exit-outcome).
	if on := m.val["outcome"]; on != nil {
		list, onodes, err := d.strings(on, at+".outcome")
		if err != nil {
			return nil, err
		}
		for j, u := range list {
			oat := fmt.Sprintf("%s.outcome[%d]", at, j)
			if !contains(exits, u) {
				return nil, d.errf(onodes[j], oat, "%q is not one of the exits [%s]%s", u, strings.Join(exits, ", "), suggest(u, exits))
			}
			if contains(list[:j], u) {
				return nil, d.errf(onodes[j], oat, "duplicate entry %q", u)
			}
		}
		p.Outcome = list
	}

	// Messages and flags.
	for _, v := range []struct {
		key string
		dst *string
	}{{"acquired", &p.Acquired}, {"released", &p.Released}, {"name", &p.Name}} {
		vn := m.val[v.key]
		if vn == nil {
			continue
		}
		s, err := d.str(vn, at+"."+v.key)
		if err != nil {
			return nil, err
		}
		if v.key == "name" && res != protocol.Global {
			return nil, d.errf(m.key["name"], at+".name", "applies to global resources only (resource: %s)", rs)
		}
		*v.dst = s
	}
	if sn := m.val["single"]; sn != nil {
		if p.Single, err = d.boolean(sn, at+".single"); err != nil {
			return nil, err
		}
	}
	if sn := m.val["shared"]; sn != nil {
		if p.Shared, err = d.boolean(sn, at+".shared"); err != nil {
			return nil, err
		}
		if p.Shared && res != protocol.Receiver {
			return nil, d.errf(m.key["shared"], at+".shared", "applies to receiver resources only (resource: %s)", rs)
		}
	}

	// The id, given or derived.
	if idn := m.val["id"]; idn != nil {
		id, err := d.str(idn, at+".id")
		if err != nil {
			return nil, err
		}
		if !idRE.MatchString(id) {
			return nil, d.errf(idn, at+".id", "%q: want letters, digits, '.', '_', '-' and '/'", id)
		}
		if who, ok := ids[id]; ok {
			return nil, d.errf(idn, at+".id", "%q is already the id of %s", id, who)
		}
		p.ID = id
	} else {
		id := deriveID(keys[0])
		if who, ok := ids[id]; ok {
			return nil, d.errf(n, at, "the id derived from the first enter, %q, is already the id of %s: set id", id, who)
		}
		p.ID = id
	}
	ids[p.ID] = d.ref(at, n)
	for ek := range seen {
		enters[ek] = "of " + d.ref(at, n)
	}
	return p, nil
}

const resourceForms = "receiver, resultN, resultN.Field, funcN or global"

// ref names entry at for messages about another entry.
func (d *decoder) ref(at string, n *yaml.Node) string {
	if d.lines && n.Line > 0 {
		return fmt.Sprintf("%s (line %d)", at, n.Line)
	}
	return at
}

// parseResource parses receiver, global, resultN, resultN.Field or funcN.
func parseResource(s string) (res protocol.Resource, index int, field string, ok bool) {
	switch s {
	case "receiver":
		return protocol.Receiver, 0, "", true
	case "global":
		return protocol.Global, 0, "", true
	}
	num := func(s string) (int, bool) {
		if s == "" || len(s) > 2 || len(s) > 1 && s[0] == '0' {
			return 0, false
		}
		n, err := strconv.Atoi(s)
		return n, err == nil && n >= 0
	}
	if rest, ok := strings.CutPrefix(s, "func"); ok {
		n, ok := num(rest)
		return protocol.ResultFunc, n, "", ok
	}
	if rest, ok := strings.CutPrefix(s, "result"); ok {
		rest, field, hasField := strings.Cut(rest, ".")
		n, ok := num(rest)
		if hasField && !isIdent(field) {
			ok = false
		}
		return protocol.Result, n, field, ok
	}
	return 0, 0, "", false
}

// deriveID names a protocol after its first enter: the package's last path
// element (before a /vN suffix), the receiver type and the name.
func deriveID(k protocol.Key) string {
	pkg := k.Pkg
	elem := path.Base(pkg)
	if len(elem) > 1 && elem[0] == 'v' && strings.Trim(elem[1:], "0123456789") == "" && path.Dir(pkg) != "." {
		elem = path.Base(path.Dir(pkg))
	}
	if k.Recv != "" {
		return elem + "." + k.Recv + "." + k.Name
	}
	return elem + "." + k.Name
}

// fields are the entries of a mapping, by key.
type fields struct {
	key map[string]*yaml.Node // the key nodes
	val map[string]*yaml.Node // the values, absent when null
}

// later returns the key node, of a and b, that comes later in the file.
func (f *fields) later(a, b string) *yaml.Node {
	if f.key[a].Line > f.key[b].Line {
		return f.key[a]
	}
	return f.key[b]
}

// mapping checks that n is a mapping with keys among known, each once.
func (d *decoder) mapping(n *yaml.Node, at string, known []string) (*fields, error) {
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		if at == "" {
			return nil, d.errf(n, "", "want a mapping with keys %s, got %s", strings.Join(known, ", "), describe(n))
		}
		return nil, d.errf(n, at, "want a mapping, got %s", describe(n))
	}
	in := ""
	if at != "" {
		in = " in " + at
	}
	f := &fields{key: make(map[string]*yaml.Node), val: make(map[string]*yaml.Node)}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode || isNull(k) {
			return nil, d.errf(k, "", "want a key%s, got %s", in, describe(k))
		}
		if k.ShortTag() == "!!merge" {
			return nil, d.errf(k, "", "merge keys (<<) are not supported%s", in)
		}
		name := k.Value
		if !contains(known, name) {
			h := suggest(name, known)
			if h == "" && at == "" {
				switch {
				case contains(checksKeys, name):
					h = fmt.Sprintf(" (did you mean checks.%s?)", name)
				case contains(protocolKeys, name):
					h = " (protocol keys belong in an entry of protocols)"
				}
			}
			if h == "" {
				h = " (want one of " + strings.Join(known, ", ") + ")"
			}
			return nil, d.errf(k, "", "unknown key %q%s%s", name, in, h)
		}
		if prev := f.key[name]; prev != nil {
			first := ""
			if d.lines && prev.Line > 0 {
				first = fmt.Sprintf(" (first at line %d)", prev.Line)
			}
			return nil, d.errf(k, "", "duplicate key %q%s%s", name, in, first)
		}
		f.key[name] = k
		if !isNull(v) {
			f.val[name] = v
		}
	}
	return f, nil
}

// seq checks that n is a list and returns its items.
func (d *decoder) seq(n *yaml.Node, at string) ([]*yaml.Node, error) {
	n = deref(n)
	if n.Kind != yaml.SequenceNode {
		return nil, d.errf(n, at, "want a list, got %s", describe(n))
	}
	items := make([]*yaml.Node, len(n.Content))
	for i, it := range n.Content {
		items[i] = deref(it)
	}
	return items, nil
}

// strings checks that n is a list of non-empty strings.
func (d *decoder) strings(n *yaml.Node, at string) ([]string, []*yaml.Node, error) {
	n = deref(n)
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" {
		return nil, nil, d.errf(n, at, "want a list, got a string (write [%s])", flow(n.Value))
	}
	items, err := d.seq(n, at)
	if err != nil {
		return nil, nil, err
	}
	out := make([]string, len(items))
	for i, it := range items {
		if out[i], err = d.str(it, fmt.Sprintf("%s[%d]", at, i)); err != nil {
			return nil, nil, err
		}
	}
	return out, items, nil
}

// str checks that n is a non-empty string.
func (d *decoder) str(n *yaml.Node, at string) (string, error) {
	n = deref(n)
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
		return "", d.errf(n, at, "want a string, got %s", describe(n))
	}
	if n.Value == "" {
		return "", d.errf(n, at, "empty string")
	}
	return n.Value, nil
}

// enum checks that n is a scalar whose text is one of values (so that an
// unquoted true, a YAML boolean, is accepted as the word "true").
func (d *decoder) enum(n *yaml.Node, at string, values []string) (string, error) {
	n = deref(n)
	want := strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
	if n.Kind != yaml.ScalarNode || isNull(n) {
		return "", d.errf(n, at, "want %s, got %s", want, describe(n))
	}
	if !contains(values, n.Value) {
		return "", d.errf(n, at, "%q: want %s%s", n.Value, want, suggest(n.Value, values))
	}
	return n.Value, nil
}

// boolean checks that n is a YAML boolean.
func (d *decoder) boolean(n *yaml.Node, at string) (bool, error) {
	n = deref(n)
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" {
		if b, err := strconv.ParseBool(strings.ToLower(n.Value)); err == nil {
			return b, nil
		}
	}
	got := describe(n)
	if n.Kind == yaml.ScalarNode && !isNull(n) {
		got += fmt.Sprintf(" %q", n.Value)
	}
	return false, d.errf(n, at, "want true or false, got %s", got)
}

// errf returns an error at node n ("FILE:LINE: "), or at the source when
// lines are unknown, about the entry at.
func (d *decoder) errf(n *yaml.Node, at, format string, args ...any) error {
	where := d.src
	if d.lines && n != nil && n.Line > 0 {
		where = fmt.Sprintf("%s:%d", d.src, n.Line)
	}
	msg := fmt.Sprintf(format, args...)
	if at != "" {
		msg = at + ": " + msg
	}
	return errors.New(where + ": " + msg)
}

var yamlLineRE = regexp.MustCompile(`(?s)^yaml: (?:line (\d+): )?(.*)$`)

// parserProblems are the problems yaml.v3 reports as parser (not scanner)
// errors: their line is 0-based (that of the enclosing construct's start,
// or of the problem).
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// syntaxError rewrites a YAML parser error as "FILE:LINE: problem".
//
// yaml.v3 numbers the lines of scanner errors from 1 and those of parser
// errors from 0, and leaves the line out when it is the first.
func (d *decoder) syntaxError(err error) error {
	m := yamlLineRE.FindStringSubmatch(err.Error())
	if m == nil {
		return fmt.Errorf("%s: %v", d.src, err)
	}
	msg := m[2]
	line, _ := strconv.Atoi(m[1])
	switch {
	case parserProblems[msg]:
		line++
	case line == 0 && isSyntaxProblem(msg):
		line = 1
	}
	if line == 0 {
		return fmt.Errorf("%s: %s", d.src, msg)
	}
	return fmt.Errorf("%s:%d: %s", d.src, line, msg)
}

// isSyntaxProblem reports whether msg is a yaml.v3 scanner problem (rather
// than one of its reader errors, which have no line).
func isSyntaxProblem(msg string) bool {
	for _, p := range []string{"found ", "did not find ", "could not find ", "mapping ", "block sequence ", "exceeded max depth"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == 0 || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// describe names the kind of n for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "null"
		case "!!str":
			return "a string"
		case "!!bool":
			return "a boolean"
		case "!!int":
			return "an integer"
		case "!!float":
			return "a number"
		case "!!timestamp":
			return "a timestamp"
		}
		return "a scalar " + n.ShortTag()
	}
	return "nothing"
}

var plainRE = regexp.MustCompile(`^[A-Za-z0-9_./-]+$`)

// flow writes s as an item of a YAML flow list.
func flow(s string) string {
	if plainRE.MatchString(s) {
		return s
	}
	return strconv.Quote(s)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80 || i > 0 && r >= '0' && r <= '9' {
			continue
		}
		return false
	}
	return true
}

// hint suggests the closest of known to s, or lists them.
func hint(s string, known []string, what string) string {
	if h := suggest(s, known); h != "" {
		return h[1:]
	}
	return "(" + what + ": " + strings.Join(known, ", ") + ")"
}

// suggest returns ` (did you mean "x"?)` for the candidate x closest to s,
// if one is close enough: a small edit distance (case ignored), or s a
// prefix of x of at least four characters. Otherwise it returns "".
func suggest(s string, candidates []string) string {
	ls := strings.ToLower(s)
	best, bestD := "", 0
	limit := 2
	if len(s) <= 3 {
		limit = 1
	}
	for _, c := range candidates {
		if dist := editDistance(ls, strings.ToLower(c)); dist <= limit && (best == "" || dist < bestD) {
			best, bestD = c, dist
		}
	}
	if best == "" && len(s) >= 4 {
		for _, c := range candidates {
			if strings.HasPrefix(strings.ToLower(c), ls) {
				best = c
				break
			}
		}
	}
	if best == "" || best == s {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
