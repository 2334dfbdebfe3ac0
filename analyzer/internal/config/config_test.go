package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/acmlint/acmlint/analyzer/internal/protocol"
)

// docExample returns the complete example of the package documentation,
// so that the documented schema is tested as written.
func docExample(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile("config.go")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(src), "// A complete example:\n//\n")
	if !ok {
		t.Fatal("no example in the package doc")
	}
	var b strings.Builder
	for _, line := range strings.Split(rest, "\n") {
		if line == "//" {
			b.WriteString("\n")
			continue
		}
		s, ok := strings.CutPrefix(line, "//\t")
		if !ok {
			break
		}
		b.WriteString(s + "\n")
	}
	return b.String()
}

func TestDocExample(t *testing.T) {
	text := docExample(t)
	cfg, err := Parse([]byte(text), "acmlint.yml")
	if err != nil {
		t.Fatalf("Parse(doc example): %v\n%s", err, text)
	}
	lineOf := func(s string) int {
		for i, l := range strings.Split(text, "\n") {
			if strings.Contains(l, s) {
				return i + 1
			}
		}
		t.Fatalf("%q not in example", s)
		return 0
	}
	want := []*protocol.Protocol{{
		ID: "pool.Buffer",
		Enters: []protocol.Enter{
			{Func: "(*example.com/pool.Pool).Get", Resource: protocol.Result, When: protocol.ErrNil},
			{Func: "(*example.com/pool.Pool).TryGet", Resource: protocol.Result, When: protocol.ErrNil},
		},
		Exits:    []string{"Release", "Close"},
		MustUse:  []string{"Close"},
		Acquired: "taken",
		Released: "given back",
		Source:   "acmlint.yml:" + strconv.Itoa(lineOf("- id: pool.Buffer")),
	}, {
		ID:       "lease.Lease.Hold",
		Enters:   []protocol.Enter{{Func: "(*example.com/lease.Lease).Hold", Resource: protocol.Receiver}},
		Exits:    []string{"Drop"},
		Acquired: "acquired",
		Released: "released",
		Single:   true,
		Shared:   true,
		Source:   "acmlint.yml:" + strconv.Itoa(lineOf("- enter: \"(*example.com/lease.Lease).Hold\"")),
	}, {
		ID:       "watch.Start",
		Enters:   []protocol.Enter{{Func: "example.com/watch.Start", Resource: protocol.ResultFunc, Index: 1}},
		Exits:    []string{"call"},
		Acquired: "acquired",
		Released: "released",
		Source:   "acmlint.yml:" + strconv.Itoa(lineOf("- enter: example.com/watch.Start")),
	}, {
		ID:       "prof.Start",
		Enters:   []protocol.Enter{{Func: "example.com/prof.Start", Resource: protocol.Global, When: protocol.ErrNil}},
		Exits:    []string{"example.com/prof.Stop"},
		Name:     "the profiler",
		Acquired: "started",
		Released: "stopped",
		Source:   "acmlint.yml:" + strconv.Itoa(lineOf("- enter: example.com/prof.Start")),
	}}
	if !reflect.DeepEqual(cfg.Protocols, want) {
		for i, p := range cfg.Protocols {
			t.Errorf("got protocols[%d] = %+v", i, *p)
		}
		for i, p := range want {
			t.Errorf("want protocols[%d] = %+v", i, *p)
		}
	}
	if !reflect.DeepEqual(cfg.Disabled, map[string]bool{"defer-in-loop": true}) {
		t.Errorf("Disabled = %v", cfg.Disabled)
	}
	if want := []string{"internal/legacy/*.go", "*_mock.go", "testdata/"}; !reflect.DeepEqual(cfg.Exclude, want) {
		t.Errorf("Exclude = %q, want %q", cfg.Exclude, want)
	}
	if cfg.CheckGenerated {
		t.Errorf("CheckGenerated = true, want false")
	}
	if _, err := protocol.New(append(protocol.Builtin(), cfg.Protocols...)); err != nil {
		t.Errorf("protocol.New: %v", err)
	}
}

// exampleValue is the doc example as the golangci-lint plugin receives it.
func exampleValue() map[string]any {
	return map[string]any{
		"protocols": []any{
			map[string]any{
				"id":            "pool.Buffer",
				"enters":        []any{"(*example.com/pool.Pool).Get", "(*example.com/pool.Pool).TryGet"},
				"resource":      "result0",
				"acquired-when": "error-nil",
				"exits":         []any{"Release", "Close"},
				"must-use":      []any{"Close"},
				"acquired":      "taken",
				"released":      "given back",
				"single":        false,
			},
			map[string]any{
				"enter":    "(*example.com/lease.Lease).Hold",
				"resource": "receiver",
				"exits":    []any{"Drop"},
				"single":   true,
				"shared":   true,
			},
			map[string]any{
				"enter":    "example.com/watch.Start",
				"resource": "func1",
				"exits":    []any{"call"},
			},
			map[string]any{
				"enter":         "example.com/prof.Start",
				"resource":      "global",
				"acquired-when": "error-nil",
				"exits":         []any{"example.com/prof.Stop"},
				"name":          "the profiler",
				"acquired":      "started",
				"released":      "stopped",
			},
		},
		"checks":    map[string]any{"disable": []any{"defer-in-loop"}},
		"exclude":   []any{"internal/legacy/*.go", "*_mock.go", "testdata/"},
		"generated": "skip",
	}
}

func TestFromValue(t *testing.T) {
	fromFile, err := Parse([]byte(docExample(t)), "acmlint.yml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := FromValue(exampleValue(), "settings")
	if err != nil {
		t.Fatalf("FromValue: %v", err)
	}
	if len(cfg.Protocols) != len(fromFile.Protocols) {
		t.Fatalf("got %d protocols, want %d", len(cfg.Protocols), len(fromFile.Protocols))
	}
	for i, p := range cfg.Protocols {
		if want := "settings: protocols[" + strconv.Itoa(i) + "]"; p.Source != want {
			t.Errorf("protocols[%d].Source = %q, want %q", i, p.Source, want)
		}
		q := *fromFile.Protocols[i]
		q.Source = p.Source
		if !reflect.DeepEqual(*p, q) {
			t.Errorf("protocols[%d]:\ngot  %+v\nwant %+v", i, *p, q)
		}
	}
	if !reflect.DeepEqual(cfg.Disabled, fromFile.Disabled) || !reflect.DeepEqual(cfg.Exclude, fromFile.Exclude) ||
		cfg.CheckGenerated != fromFile.CheckGenerated {
		t.Errorf("FromValue = %+v, Parse = %+v", cfg, fromFile)
	}

	// JSON-style values: []string, map[any]any and a nil value.
	cfg, err = FromValue(map[any]any{"checks": map[string]any{"enable": []string{"leak"}}, "generated": "check"}, "settings")
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.Enabled("leak") || cfg.Enabled("dropped-result") || !cfg.CheckGenerated {
		t.Errorf("got %+v", cfg)
	}
	for _, v := range []any{nil, map[string]any{}} {
		cfg, err := FromValue(v, "settings")
		if err != nil || len(cfg.Protocols) != 0 || len(cfg.Disabled) != 0 || cfg.CheckGenerated {
			t.Errorf("FromValue(%#v) = %+v, %v; want an empty config", v, cfg, err)
		}
	}
}

func TestFromValueErrors(t *testing.T) {
	proto := func(kv ...any) map[string]any {
		m := map[string]any{"enter": "example.com/a.Open", "resource": "result0", "exits": []any{"Close"}}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == nil {
				delete(m, kv[i].(string))
			} else {
				m[kv[i].(string)] = kv[i+1]
			}
		}
		return m
	}
	protos := func(ps ...any) map[string]any { return map[string]any{"protocols": ps} }
	for _, tc := range []struct {
		v    any
		want string
	}{
		{protos(proto(), proto("exit", []any{"Close"}, "id", "b")),
			`settings: unknown key "exit" in protocols[1] (did you mean "exits"?)`},
		{protos(proto("enter", "(*pool.Pool.Get")),
			`settings: protocols[0].enter: "(*pool.Pool.Get": want (pkg.Type).Method`},
		{protos(proto("exits", "Close")),
			`settings: protocols[0].exits: want a list, got a string (write [Close])`},
		{protos(proto("single", "true")),
			`settings: protocols[0].single: want true or false, got a string "true"`},
		{protos(proto("enters", []any{"example.com/a.Open", 3}, "enter", nil)),
			`settings: protocols[0].enters[1]: want a string, got an integer`},
		{map[string]any{"checks": map[string]any{"disable": []any{"leaks"}}},
			`settings: checks.disable[0]: unknown check "leaks" (did you mean "leak"?)`},
		{map[string]any{"checks": map[string]any{"enable": []any{"leak"}, "disable": []any{"ownership"}}},
			`settings: checks: enable and disable together: use one`},
		{map[string]any{"generated": true},
			`settings: generated: "true": want skip or check`},
		{map[string]any{"exclude": []any{"a/[b"}},
			`settings: exclude[0]: "a/[b": syntax error in pattern`},
		{"protocols",
			`settings: want a mapping with keys protocols, checks, exclude, generated, got a string`},
		{map[string]any{"f": func() {}},
			`settings: cannot decode map[string]interface {}: cannot marshal type: func()`},
	} {
		_, err := FromValue(tc.v, "settings")
		if err == nil || err.Error() != tc.want {
			t.Errorf("FromValue(%v):\ngot  %v\nwant %s", tc.v, err, tc.want)
		}
	}
}

// okBody is the body of a valid protocol entry; okEntry is the entry.
const (
	okBody  = "    enter: example.com/a.Open\n    resource: result0\n    exits: [Close]\n"
	okEntry = "  - enter: example.com/a.Open\n    resource: result0\n    exits: [Close]\n"
)

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		// YAML syntax.
		{"syntax-block", "protocols:\n  - enter: a.B\n   resource: x\n",
			"f.yml:2: did not find expected '-' indicator"},
		{"syntax-flow-first-line", "checks: {disable: [leak}\n",
			"f.yml:1: did not find expected ',' or ']'"},
		{"syntax-flow", "protocols:\n  - id: x\n    enter: [a\n",
			"f.yml:3: did not find expected ',' or ']'"},
		{"syntax-top-mapping", "checks: {}\nexclude\n",
			"f.yml:2: could not find expected ':'"},
		{"syntax-mapping-values", "checks: disable: [leak]\n",
			"f.yml:1: mapping values are not allowed in this context"},
		{"syntax-tab", "checks:\n\tdisable: [leak]\n",
			"f.yml:2: found character that cannot start any token"},
		{"syntax-unknown-anchor", "exclude: *x\n",
			"f.yml: unknown anchor 'x' referenced"},
		{"two-documents", "checks: {}\n---\n---\nexclude: []\n",
			"f.yml:4: a second YAML document: the configuration must be a single document"},

		// Structure and keys.
		{"top-not-mapping", "- leak\n",
			"f.yml:1: want a mapping with keys protocols, checks, exclude, generated, got a list"},
		{"unknown-top-suggest", "protocol: []\n",
			`f.yml:1: unknown key "protocol" (did you mean "protocols"?)`},
		{"unknown-top-list", "rules: []\n",
			`f.yml:1: unknown key "rules" (want one of protocols, checks, exclude, generated)`},
		{"unknown-top-checks-key", "exclude: []\ndisable: [leak]\n",
			`f.yml:2: unknown key "disable" (did you mean checks.disable?)`},
		{"unknown-top-protocol-key", "exits: [Close]\n",
			`f.yml:1: unknown key "exits" (protocol keys belong in an entry of protocols)`},
		{"unknown-protocol-key", "protocols:\n" + okEntry + "  - enter: example.com/b.Open\n    resource: result0\n    exit: [Close]\n",
			`f.yml:7: unknown key "exit" in protocols[1] (did you mean "exits"?)`},
		{"unknown-protocol-key-case", "protocols:\n  - Enter: example.com/b.Open\n",
			`f.yml:2: unknown key "Enter" in protocols[0] (did you mean "enter"?)`},
		{"unknown-protocol-key-underscore", "protocols:\n  - must_use: [Close]\n",
			`f.yml:2: unknown key "must_use" in protocols[0] (did you mean "must-use"?)`},
		{"unknown-protocol-key-far", "protocols:\n  - color: red\n",
			`f.yml:2: unknown key "color" in protocols[0] (want one of id, enter, enters, resource, acquired-when, exits, must-use, outcome, acquired, released, single, shared, name)`},
		{"unknown-checks-key", "checks:\n  disabled: [leak]\n",
			`f.yml:2: unknown key "disabled" in checks (did you mean "disable"?)`},
		{"duplicate-key", "protocols:\n  - enter: example.com/a.Open\n    resource: result0\n    enter: example.com/a.Open\n",
			`f.yml:4: duplicate key "enter" in protocols[0] (first at line 2)`},
		{"duplicate-top-key", "exclude: []\nexclude: []\n",
			`f.yml:2: duplicate key "exclude" (first at line 1)`},
		{"merge-key", "protocols:\n  - <<: {exits: [Close]}\n",
			`f.yml:2: merge keys (<<) are not supported in protocols[0]`},
		{"protocols-not-list", "protocols:\n  enter: a.B\n",
			"f.yml:2: protocols: want a list, got a mapping"},
		{"protocol-not-mapping", "protocols:\n  - example.com/a.Open\n",
			"f.yml:2: protocols[0]: want a mapping, got a string"},
		{"checks-not-mapping", "checks: [leak]\n",
			"f.yml:1: checks: want a mapping, got a list"},

		// Protocol entries.
		{"empty-protocol", "protocols:\n  - {}\n",
			`f.yml:2: protocols[0]: no enter: want enter: "(pkg.Type).Method" or enters: [...]`},
		{"null-enter", "protocols:\n  - enter:\n    resource: result0\n",
			`f.yml:2: protocols[0]: no enter: want enter: "(pkg.Type).Method" or enters: [...]`},
		{"empty-enters", "protocols:\n  - enters: []\n",
			`f.yml:2: protocols[0]: no enter: want enter: "(pkg.Type).Method" or enters: [...]`},
		{"enter-and-enters", "protocols:\n  - enter: example.com/a.Open\n    enters: [example.com/a.Create]\n",
			`f.yml:3: protocols[0]: enter and enters together: use one`},
		{"bad-method-enter", "protocols:\n" + okEntry + "  - enter: \"(*pool.Pool.Get\"\n",
			`f.yml:5: protocols[1].enter: "(*pool.Pool.Get": want (pkg.Type).Method`},
		{"bad-func-enter", "protocols:\n  - enters: [example.com/a.Open, Open]\n",
			`f.yml:2: protocols[0].enters[1]: "Open": want pkg.Func`},
		{"enter-list", "protocols:\n  - enter: [example.com/a.Open]\n",
			`f.yml:2: protocols[0].enter: want a string, got a list`},
		{"enters-string", "protocols:\n  - enters: example.com/a.Open\n",
			`f.yml:2: protocols[0].enters: want a list, got a string (write [example.com/a.Open])`},
		{"enters-string-quoted", "protocols:\n  - enters: \"(*example.com/a.T).Open\"\n",
			`f.yml:2: protocols[0].enters: want a list, got a string (write ["(*example.com/a.T).Open"])`},
		{"empty-string", "protocols:\n  - enter: \"\"\n",
			`f.yml:2: protocols[0].enter: empty string`},
		{"no-resource", "protocols:\n  - enter: example.com/a.Open\n    exits: [Close]\n",
			`f.yml:2: protocols[0]: no resource: want receiver, resultN, resultN.Field, funcN or global`},
		{"bad-resource", "protocols:\n  - enter: example.com/a.Open\n    resource: results0\n",
			`f.yml:3: protocols[0].resource: "results0": want receiver, resultN, resultN.Field, funcN or global (did you mean "result0"?)`},
		{"bad-resource-field", "protocols:\n  - enter: example.com/a.Open\n    resource: result0.Body.X\n",
			`f.yml:3: protocols[0].resource: "result0.Body.X": want receiver, resultN, resultN.Field, funcN or global`},
		{"bad-resource-far", "protocols:\n  - enter: example.com/a.Open\n    resource: body\n",
			`f.yml:3: protocols[0].resource: "body": want receiver, resultN, resultN.Field, funcN or global`},
		{"bad-acquired-when", "protocols:\n  - enter: example.com/a.Open\n    resource: result0\n    acquired-when: err-nil\n",
			`f.yml:4: protocols[0].acquired-when: "err-nil": want always, error-nil or true (did you mean "error-nil"?)`},
		{"acquired-when-list", "protocols:\n  - enter: example.com/a.Open\n    resource: result0\n    acquired-when: [always]\n",
			`f.yml:4: protocols[0].acquired-when: want always, error-nil or true, got a list`},
		{"receiver-func-enter", "protocols:\n  - enter: example.com/a.Lock\n    resource: receiver\n",
			`f.yml:2: protocols[0].enter: "example.com/a.Lock": a receiver resource needs a method enter, (pkg.Type).Method`},
		{"builtin-enter", "protocols:\n  - enters: [example.com/a.Open, os.Open]\n    resource: result0\n",
			`f.yml:2: protocols[0].enters[1]: "os.Open" is already an enter of built-in protocol os.File for the same resource (result0)`},
		{"configured-enter", "protocols:\n" + okEntry + "  - id: again\n    enter: example.com/a.Open\n    resource: result0\n",
			`f.yml:6: protocols[1].enter: "example.com/a.Open" is already an enter of protocols[0] (line 2) for the same resource (result0)`},
		{"duplicate-enter", "protocols:\n  - enters: [\"(*example.com/a.T).Get\", \"(example.com/a.T).Get\"]\n    resource: result0\n",
			`f.yml:2: protocols[0].enters[1]: duplicate enter "(example.com/a.T).Get"`},
		{"no-exits", "protocols:\n  - enter: example.com/a.Open\n    resource: result0\n",
			`f.yml:2: protocols[0]: no exits: want exits: [Close], the methods of the resource that release it`},
		{"empty-exits", "protocols:\n  - enter: example.com/a.Open\n    resource: result0\n    exits: []\n",
			`f.yml:2: protocols[0]: no exits: want exits: [Close], the methods of the resource that release it`},
		{"no-exits-func", "protocols:\n  - enter: example.com/a.Watch\n    resource: func1\n",
			`f.yml:2: protocols[0]: no exits: want exits: [call] (a func resource is released by calling it)`},
		{"no-exits-global", "protocols:\n  - enter: example.com/a.Start\n    resource: global\n",
			`f.yml:2: protocols[0]: no exits: want exits: [example.com/pkg.Stop], the functions that release it`},
		{"exits-string", "protocols:\n  - enter: example.com/a.Open\n    resource: result0\n    exits: Close\n",
			`f.yml:4: protocols[0].exits: want a list, got a string (write [Close])`},
		{"exit-not-string", "protocols:\n  - enter: example.com/a.Open\n    resource: result0\n    exits: [Close, {x: y}]\n",
			`f.yml:4: protocols[0].exits[1]: want a string, got a mapping`},
		{"exit-null", "protocols:\n  - enter: example.com/a.Open\n    resource: result0\n    exits:\n      - Close\n      -\n",
			`f.yml:6: protocols[0].exits[1]: want a string, got null`},
		{"exit-qualified-method", "protocols:\n  - enter: example.com/a.Open\n    resource: result0\n    exits: [\"(*example.com/a.F).Close\"]\n",
			`f.yml:4: protocols[0].exits[0]: "(*example.com/a.F).Close": want the method name alone: Close`},
		{"exit-qualified-func", "protocols:\n  - enter: example.com/a.Open\n    resource: result0\n    exits: [example.com/a.Close]\n",
			`f.yml:4: protocols[0].exits[0]: "example.com/a.Close": want a method name of the resource, such as Close (qualified functions release global resources only)`},
		{"exit-not-ident", "protocols:\n  - enter: example.com/a.Open\n    resource: result0\n    exits: [\"Close()\"]\n",
			`f.yml:4: protocols[0].exits[0]: "Close()": want a method name of the resource, such as Close`},
		{"duplicate-exit", "protocols:\n  - enter: example.com/a.Open\n    resource: result0\n    exits: [Close, Close]\n",
			`f.yml:4: protocols[0].exits[1]: duplicate exit "Close"`},
		{"func-exit", "protocols:\n  - enter: example.com/a.Watch\n    resource: func1\n    exits: [Cancel]\n",
			`f.yml:4: protocols[0].exits[0]: "Cancel": a func resource is released by calling it: want exits: [call]`},
		{"global-exit", "protocols:\n  - enter: example.com/a.Start\n    resource: global\n    exits: [Stop]\n",
			`f.yml:4: protocols[0].exits[0]: "Stop": want pkg.Func (a global resource is released by a package function)`},
		{"must-use-not-exit", "protocols:\n  - enter: example.com/a.Open\n    resource: result0\n    exits: [Release, Close]\n    must-use: [Clse]\n",
			`f.yml:5: protocols[0].must-use[0]: "Clse" is not one of the exits [Release, Close] (did you mean "Close"?)`},
		{"must-use-far", "protocols:\n  - enter: example.com/a.Open\n    resource: result0\n    exits: [Close]\n    must-use: [Commit]\n",
			`f.yml:5: protocols[0].must-use[0]: "Commit" is not one of the exits [Close]`},
		{"must-use-false-exit", "protocols:\n  - enter: example.com/a.Query\n    resource: result0\n    exits: [Close, \"!Next\"]\n    must-use: [\"!Next\"]\n",
			`f.yml:5: protocols[0].must-use[0]: "!Next": this exit has no result to use`},
		{"must-use-string", "protocols:\n  - enter: example.com/a.Open\n    resource: result0\n    exits: [Close]\n    must-use: Close\n",
			`f.yml:5: protocols[0].must-use: want a list, got a string (write [Close])`},
		{"single-not-bool", "protocols:\n  - enter: example.com/a.Open\n    resource: result0\n    exits: [Close]\n    single: yes\n",
			`f.yml:5: protocols[0].single: want true or false, got a string "yes"`},
		{"shared-not-receiver", "protocols:\n  - enter: example.com/a.Open\n    resource: result0\n    exits: [Close]\n    shared: true\n",
			`f.yml:5: protocols[0].shared: applies to receiver resources only (resource: result0)`},
		{"name-not-global", "protocols:\n  - enter: example.com/a.Open\n    resource: result0\n    exits: [Close]\n    name: the file\n",
			`f.yml:5: protocols[0].name: applies to global resources only (resource: result0)`},
		{"acquired-not-string", "protocols:\n  - enter: example.com/a.Open\n    resource: result0\n    exits: [Close]\n    acquired: [opened]\n",
			`f.yml:5: protocols[0].acquired: want a string, got a list`},
		{"builtin-id", "protocols:\n  - id: os.File\n    enter: example.com/a.Open\n    resource: result0\n    exits: [Close]\n",
			`f.yml:2: protocols[0].id: "os.File" is already the id of a built-in protocol`},
		{"duplicate-id", "protocols:\n  - id: a\n" + okBody + "  - id: a\n    enter: example.com/a.Create\n    resource: result0\n    exits: [Close]\n",
			`f.yml:6: protocols[1].id: "a" is already the id of protocols[0] (line 2)`},
		{"derived-id-clash", "protocols:\n" + okEntry + "  - enter: example.com/other/a.Open\n    resource: result0\n    exits: [Close]\n",
			`f.yml:5: protocols[1]: the id derived from the first enter, "a.Open", is already the id of protocols[0] (line 2): set id`},
		{"bad-id", "protocols:\n  - id: my protocol\n" + okBody,
			`f.yml:2: protocols[0].id: "my protocol": want letters, digits, '.', '_', '-' and '/'`},
		{"id-not-string", "protocols:\n  - id: 12\n" + okBody,
			`f.yml:2: protocols[0].id: want a string, got an integer`},

		// Checks.
		{"unknown-check", "checks:\n  disable: [leak, defer-in-lop]\n",
			`f.yml:2: checks.disable[1]: unknown check "defer-in-lop" (did you mean "defer-in-loop"?)`},
		{"unknown-check-prefix", "checks:\n  enable: [dropped]\n",
			`f.yml:2: checks.enable[0]: unknown check "dropped" (did you mean "dropped-result"?)`},
		{"unknown-check-far", "checks:\n  enable: [bodyclose]\n",
			`f.yml:2: checks.enable[0]: unknown check "bodyclose" (known checks: leak, dropped-result, exit-before-check, double-exit, defer-in-loop, ownership, callback-panic, exit-outcome)`},
		{"enable-and-disable", "checks:\n  enable: [leak]\n  disable: [ownership]\n",
			`f.yml:3: checks: enable and disable together: use one`},
		{"enable-empty", "checks:\n  enable: []\n",
			`f.yml:2: checks.enable: empty: it would disable every check`},
		{"disable-string", "checks:\n  disable: leak\n",
			`f.yml:2: checks.disable: want a list, got a string (write [leak])`},

		// Exclude and generated.
		{"bad-glob", "exclude:\n  - \"*.go\"\n  - \"internal/[legacy/*.go\"\n",
			`f.yml:3: exclude[1]: "internal/[legacy/*.go": syntax error in pattern`},
		{"bad-glob-escape", "exclude: ['a\\']\n",
			`f.yml:1: exclude[0]: "a\\": syntax error in pattern`},
		{"root-glob", "exclude: [/]\n",
			`f.yml:1: exclude[0]: "/": empty pattern`},
		{"dot-glob", "exclude: [./internal/*.go]\n",
			`f.yml:1: exclude[0]: "./internal/*.go": a pattern matches the last elements of a file's path; it cannot have . elements`},
		{"dotdot-glob", "exclude: [a/../b/]\n",
			`f.yml:1: exclude[0]: "a/../b/": a pattern matches the last elements of a file's path; it cannot have .. elements`},
		{"empty-glob", "exclude: [\"\"]\n",
			`f.yml:1: exclude[0]: empty string`},
		{"exclude-string", "exclude: \"*_mock.go\"\n",
			`f.yml:1: exclude: want a list, got a string (write ["*_mock.go"])`},
		{"bad-generated", "generated: skp\n",
			`f.yml:1: generated: "skp": want skip or check (did you mean "skip"?)`},
		{"generated-bool", "generated: false\n",
			`f.yml:1: generated: "false": want skip or check`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := Parse([]byte(tc.in), "f.yml")
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want error %s", tc.in, cfg, tc.want)
			}
			if err.Error() != tc.want {
				t.Errorf("Parse(%q):\ngot  %s\nwant %s", tc.in, err, tc.want)
			}
		})
	}
}

func TestEmpty(t *testing.T) {
	for _, in := range []string{"", "\n", "# nothing configured\n", "---\n", "~\n", "protocols:\nchecks:\nexclude:\n", "checks: {}\n---\n", "---\nchecks:\n...\n---\n# end\n"} {
		cfg, err := Parse([]byte(in), "f.yml")
		if err != nil {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		if len(cfg.Protocols) != 0 || len(cfg.Disabled) != 0 || len(cfg.Exclude) != 0 || cfg.CheckGenerated {
			t.Errorf("Parse(%q) = %+v, want an empty config", in, cfg)
		}
		for _, c := range CheckNames {
			if !cfg.Enabled(c) {
				t.Errorf("Parse(%q): %s disabled", in, c)
			}
		}
	}
}

func TestDefaults(t *testing.T) {
	cfg, err := Parse([]byte(`
protocols:
  - enter: "(example.com/x/v2.Store).Open"
    resource: result1.Body
    exits: [Close, "!Next", "<-Done"]
  - enter: example.com/y.New
    resource: result0
    acquired-when: true
    exits: [Close]
generated: check
`), "f.yml")
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.Protocols[0]
	want := &protocol.Protocol{
		ID:       "x.Store.Open",
		Enters:   []protocol.Enter{{Func: "(example.com/x/v2.Store).Open", Resource: protocol.Result, Index: 1, Field: "Body"}},
		Exits:    []string{"Close", "!Next", "<-Done"},
		Acquired: "acquired",
		Released: "released",
		Source:   "f.yml:3",
	}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("got  %+v\nwant %+v", *p, *want)
	}
	if q := cfg.Protocols[1]; q.ID != "y.New" || q.Enters[0].When != protocol.BoolTrue || q.Source != "f.yml:6" {
		t.Errorf("got %+v", *q)
	}
	if !cfg.CheckGenerated {
		t.Error("CheckGenerated = false")
	}
}

func TestEnabled(t *testing.T) {
	cfg, err := Parse([]byte("checks:\n  enable: [leak, dropped-result]\n"), "f.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range CheckNames {
		if got, want := cfg.Enabled(c), c == "leak" || c == "dropped-result"; got != want {
			t.Errorf("enable: Enabled(%s) = %v, want %v", c, got, want)
		}
	}
	cfg, err = Parse([]byte("checks:\n  disable: [defer-in-loop, ownership]\n"), "f.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range CheckNames {
		if got, want := cfg.Enabled(c), c != "defer-in-loop" && c != "ownership"; got != want {
			t.Errorf("disable: Enabled(%s) = %v, want %v", c, got, want)
		}
	}
	var none *Config
	if !none.Enabled("leak") || none.Excluded("/a/b.go") {
		t.Error("a nil config must enable every check and exclude nothing")
	}
}

func TestExcluded(t *testing.T) {
	cfg := &Config{Exclude: []string{"internal/legacy/*.go", "*_mock.go", "testdata/", "gen/out/", "/abs/only.go", "x?.go"}}
	for _, tc := range []struct {
		file string
		want bool
	}{
		{"/home/u/m/internal/legacy/a.go", true},
		{"internal/legacy/a.go", true},
		{"/home/u/m/internal/legacy/sub/a.go", false}, // * does not cross a slash
		{"/home/u/m/notinternal/legacy/a.go", false},  // whole elements only
		{"/home/u/m/internal/legacy/a.txt", false},
		{"/home/u/m/pkg/store_mock.go", true},
		{"/home/u/m/pkg/store_mock.go.txt", false},
		{"/home/u/m/pkg/testdata/src/a/a.go", true},
		{"/home/u/m/pkg/testdata.go", false},
		{"/home/u/m/pkg/mytestdata/a.go", false},
		{"/home/u/m/gen/out/a.go", true},
		{"/home/u/m/gen/out/deep/er/a.go", true},
		{"/home/u/m/gen/output/a.go", false},
		{"/home/u/m/out/a.go", false},
		{"/abs/only.go", true},
		{"/x/abs/only.go", false},
		{"/home/u/m/x1.go", true},
		{"/home/u/m/x12.go", false},
		{"/home/u/m/main.go", false},
		{filepath.Join("home", "u", "m", "internal", "legacy", "b.go"), true},
	} {
		if got := cfg.Excluded(tc.file); got != tc.want {
			t.Errorf("Excluded(%q) = %v, want %v", tc.file, got, tc.want)
		}
	}
	if (&Config{}).Excluded("/a/b.go") {
		t.Error("no patterns: nothing is excluded")
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "acmlint.yml")
	if err := os.WriteFile(name, []byte("checks:\n  disable: [leak]\nexclude: [\"*.pb.go\"]\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(name)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Enabled("leak") || !cfg.Excluded(filepath.Join(dir, "x.pb.go")) {
		t.Errorf("Load = %+v", cfg)
	}
	if err := os.WriteFile(name, []byte("checks:\n  disable: [leek]\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(name); err == nil || !strings.HasPrefix(err.Error(), name+":2: checks.disable[0]: unknown check \"leek\"") {
		t.Errorf("Load: got %v, want an error naming %s:2", err, name)
	}
	if _, err := Load(filepath.Join(dir, "missing.yml")); err == nil || !strings.Contains(err.Error(), "missing.yml") {
		t.Errorf("Load(missing): got %v, want an error naming the file", err)
	}
}

func TestAliases(t *testing.T) {
	cfg, err := Parse([]byte(`
protocols:
  - enter: example.com/a.Open
    resource: &res result0
    exits: &exits [Close, Flush]
    must-use: [Flush]
  - enter: example.com/b.Open
    resource: *res
    exits: *exits
checks:
  disable: &off [ownership]
`), "f.yml")
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Protocols) != 2 || !reflect.DeepEqual(cfg.Protocols[1].Exits, []string{"Close", "Flush"}) ||
		cfg.Protocols[1].Enters[0].Resource != protocol.Result || cfg.Enabled("ownership") {
		t.Errorf("got %+v", cfg)
	}
}

func TestOutcome(t *testing.T) {
	good := "protocols:\n  - enter: \"(*example.com/scope.Scope).Open\"\n    resource: receiver\n    exits: [Done]\n    outcome: [Done]\n"
	cfg, err := Parse([]byte(good), "f.yml")
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Protocols[0].Outcome; len(got) != 1 || got[0] != "Done" {
		t.Errorf("Outcome = %v, want [Done]", got)
	}
	bad := "protocols:\n  - enter: \"(*example.com/scope.Scope).Open\"\n    resource: receiver\n    exits: [Done]\n    outcome: [Dne]\n"
	_, err = Parse([]byte(bad), "f.yml")
	want := `f.yml:5: protocols[0].outcome[0]: "Dne" is not one of the exits [Done] (did you mean "Done"?)`
	if err == nil || err.Error() != want {
		t.Errorf("Parse(bad) error = %v, want %s", err, want)
	}
}
