package sarif

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/token"
	"io/fs"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// files is a fake file system for the Builder's readFile.
type files map[string]string

func (fsys files) read(name string) ([]byte, error) {
	if s, ok := fsys[name]; ok {
		return []byte(s), nil
	}
	return nil, fs.ErrNotExist
}

// fileSet adds the files to a new FileSet, in the given order.
func fileSet(fsys files, names ...string) (*token.FileSet, map[string]*token.File) {
	fset := token.NewFileSet()
	tf := make(map[string]*token.File)
	for _, name := range names {
		f := fset.AddFile(name, -1, len(fsys[name]))
		f.SetLinesForContent([]byte(fsys[name]))
		tf[name] = f
	}
	return fset, tf
}

// at returns the position of the n-th occurrence (from 1) of sub in the
// file.
func at(t *testing.T, fsys files, tf map[string]*token.File, name, sub string, n int) token.Pos {
	t.Helper()
	off := -1
	for i := 0; i < n; i++ {
		j := strings.Index(fsys[name][off+1:], sub)
		if j < 0 {
			t.Fatalf("%q: occurrence %d of %q not found", name, n, sub)
		}
		off += 1 + j
	}
	return tf[name].Pos(off)
}

var testRules = []RuleInfo{
	{ID: "leak", Title: "a resource still held", Markdown: "Reports `f` ([see](https://example.com/x#y)).", HelpURI: "https://example.com/#leak", Level: LevelWarning},
	{ID: "skipped", Title: "too large", Level: LevelNote},
	{ID: "internal-error", Title: "failed", Level: LevelError},
}

func newTestBuilder(fsys files) *Builder {
	return NewBuilder(ToolInfo{Name: "acmlint", Version: "v1.2.3", InformationURI: "https://example.com"}, testRules, "/src/mod", fsys.read)
}

// TestColumns checks that columns count UTF-16 code units: é is two
// bytes but one unit; 😀 is four bytes and two units (a surrogate pair).
func TestColumns(t *testing.T) {
	const name = "/src/mod/a.go"
	fsys := files{name: "package a\n\nvar s = \"é😀\"; f.Close()\nvar t = `x\ny`\n"}
	fset, tf := fileSet(fsys, name)
	b := newTestBuilder(fsys)
	// With an end: f.Close.
	b.Add(fset, analysis.Diagnostic{
		Pos: at(t, fsys, tf, name, "f.Close", 1), End: at(t, fsys, tf, name, "()", 1),
		Category: "leak", Message: "with end"})
	// Without an end: the region is the token at the position, "f".
	b.Add(fset, analysis.Diagnostic{Pos: at(t, fsys, tf, name, "f.Close", 1), Category: "leak", Message: "without end"})
	// A string literal token containing non-ASCII: its length in units.
	b.Add(fset, analysis.Diagnostic{Pos: at(t, fsys, tf, name, "\"é", 1), Category: "leak", Message: "string token"})
	// A raw string that spans lines: no token length, an empty region.
	b.Add(fset, analysis.Diagnostic{Pos: at(t, fsys, tf, name, "`x", 1), Category: "leak", Message: "raw string"})

	got := map[string]Region{}
	for _, r := range b.Log().Runs[0].Results {
		got[r.Message.Text] = *r.Locations[0].PhysicalLocation.Region
	}
	// Line 3 is: var s = "é😀"; f.Close()
	// bytes:  v=1 ... '"'=9, é=10-11, 😀=12-15, '"'=16, ';'=17, ' '=18, f=19
	// units:  v=1 ... '"'=9, é=10, 😀=11-12, '"'=13, ';'=14, ' '=15, f=16
	want := map[string]Region{
		"with end":     {StartLine: 3, StartColumn: 16, EndLine: 3, EndColumn: 23},
		"without end":  {StartLine: 3, StartColumn: 16, EndLine: 3, EndColumn: 17},
		"string token": {StartLine: 3, StartColumn: 9, EndLine: 3, EndColumn: 14},
		"raw string":   {StartLine: 4, StartColumn: 9, EndLine: 4, EndColumn: 9},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("regions:\n got %+v\nwant %+v", got, want)
	}
}

// TestUnreadableFile checks that, when the file cannot be read, columns
// are left out rather than given in bytes.
func TestUnreadableFile(t *testing.T) {
	const name = "/src/mod/gone.go"
	content := files{name: "package a\nvar x = \"é\"; y\n"}
	fset, tf := fileSet(content, name)
	b := newTestBuilder(files{}) // reads nothing
	b.Add(fset, analysis.Diagnostic{Pos: at(t, content, tf, name, "y", 1), Category: "leak", Message: "m"})
	got := *b.Log().Runs[0].Results[0].Locations[0].PhysicalLocation.Region
	if want := (Region{StartLine: 2}); got != want {
		t.Errorf("region of a diagnostic in an unreadable file: got %+v, want %+v", got, want)
	}
}

func TestArtifactURIs(t *testing.T) {
	b := newTestBuilder(files{})
	for _, tc := range []struct {
		file string
		want ArtifactLocation
	}{
		{"/src/mod/a.go", ArtifactLocation{URI: "a.go", URIBaseID: SrcRoot}},
		{"/src/mod/app/x y.go", ArtifactLocation{URI: "app/x%20y.go", URIBaseID: SrcRoot}},
		{"/src/mod/a:b.go", ArtifactLocation{URI: "./a:b.go", URIBaseID: SrcRoot}},
		{"/src/mod/q?#.go", ArtifactLocation{URI: "q%3F%23.go", URIBaseID: SrcRoot}},
		// Outside the root, even next to it: absolute.
		{"/src/modx/a.go", ArtifactLocation{URI: "file:///src/modx/a.go"}},
		{"/usr/lib/go/src/os/file.go", ArtifactLocation{URI: "file:///usr/lib/go/src/os/file.go"}},
		{"/usr/lib/go/src/a b.go", ArtifactLocation{URI: "file:///usr/lib/go/src/a%20b.go"}},
	} {
		if got := b.artifact(tc.file); got != tc.want {
			t.Errorf("artifact(%q) = %+v, want %+v", tc.file, got, tc.want)
		}
	}
	log := b.Log()
	if got, want := log.Runs[0].OriginalURIBaseIDs[SrcRoot].URI, "file:///src/mod/"; got != want {
		t.Errorf("SRCROOT = %q, want %q", got, want)
	}
}

func TestRelatedAndFixes(t *testing.T) {
	const a, c = "/src/mod/a.go", "/src/mod/c.go"
	fsys := files{
		a: "package a\n\nfunc F() {\n\tmu.Lock()\n\tif x {\n\t\treturn\n\t}\n\tmu.Unlock()\n}\n",
		c: "package a\n// é\n",
	}
	fset, tf := fileSet(fsys, a, c)
	lock := at(t, fsys, tf, a, "mu.Lock", 1)
	ret := at(t, fsys, tf, a, "return", 1)
	unlock := at(t, fsys, tf, a, "\tmu.Unlock", 1)
	b := newTestBuilder(fsys)
	b.Add(fset, analysis.Diagnostic{
		Pos: lock, Category: "leak", Message: "mu is locked",
		Related: []analysis.RelatedInformation{{Pos: ret, Message: "returns with mu locked"}},
		SuggestedFixes: []analysis.SuggestedFix{{
			Message: "Defer mu.Unlock()",
			TextEdits: []analysis.TextEdit{
				{Pos: lock + token.Pos(len("mu.Lock()")), NewText: []byte("\n\tdefer mu.Unlock()")}, // no End: an insertion
				{Pos: unlock, End: unlock + token.Pos(len("\tmu.Unlock()\n"))},                      // a deletion of a whole line
				{Pos: at(t, fsys, tf, c, "é", 1), End: at(t, fsys, tf, c, "\n", 2), NewText: []byte("e")},
			},
		}},
	})
	res := b.Log().Runs[0].Results[0]

	wantRelated := []Location{{
		ID: 1,
		PhysicalLocation: PhysicalLocation{
			ArtifactLocation: ArtifactLocation{URI: "a.go", URIBaseID: SrcRoot},
			Region:           &Region{StartLine: 6, StartColumn: 3, EndLine: 6, EndColumn: 9},
		},
		Message: &Message{Text: "returns with mu locked"},
	}}
	if !reflect.DeepEqual(res.RelatedLocations, wantRelated) {
		t.Errorf("related locations:\n got %s\nwant %s", js(res.RelatedLocations), js(wantRelated))
	}

	ip := func(n int) *int { return &n }
	wantFixes := []Fix{{
		Description: &Message{Text: "Defer mu.Unlock()"},
		ArtifactChanges: []ArtifactChange{
			{
				ArtifactLocation: ArtifactLocation{URI: "a.go", URIBaseID: SrcRoot},
				Replacements: []Replacement{
					{
						DeletedRegion:   Region{StartLine: 4, StartColumn: 11, EndLine: 4, EndColumn: 11, ByteOffset: ip(32), ByteLength: ip(0)},
						InsertedContent: &ArtifactContent{Text: "\n\tdefer mu.Unlock()"},
					},
					{DeletedRegion: Region{StartLine: 8, StartColumn: 1, EndLine: 9, EndColumn: 1, ByteOffset: ip(53), ByteLength: ip(13)}},
				},
			},
			{
				ArtifactLocation: ArtifactLocation{URI: "c.go", URIBaseID: SrcRoot},
				Replacements: []Replacement{{
					// é is two bytes and one UTF-16 unit.
					DeletedRegion:   Region{StartLine: 2, StartColumn: 4, EndLine: 2, EndColumn: 5, ByteOffset: ip(13), ByteLength: ip(2)},
					InsertedContent: &ArtifactContent{Text: "e"},
				}},
			},
		},
	}}
	if !reflect.DeepEqual(res.Fixes, wantFixes) {
		t.Errorf("fixes:\n got %s\nwant %s", js(res.Fixes), js(wantFixes))
	}
	// Check the byte offsets against the content they claim to delete.
	if got := fsys[a][53 : 53+13]; got != "\tmu.Unlock()\n" {
		t.Errorf("the deleted bytes are %q", got)
	}
}

// TestRulesOrderAndDedup checks rule metadata and indices, levels, the
// order of results and that a diagnostic reported for a package and
// again for its test variant (another FileSet) is written once.
func TestRulesOrderAndDedup(t *testing.T) {
	const a, z = "/src/mod/a.go", "/src/mod/z.go"
	fsys := files{a: "package a\nx\ny\n", z: "package a\nx\n"}
	fset1, tf1 := fileSet(fsys, a, z)
	fset2, tf2 := fileSet(fsys, z, a) // the test variant, files added in another order
	b := newTestBuilder(fsys)
	b.Add(fset1, analysis.Diagnostic{Pos: at(t, fsys, tf1, z, "x", 1), Category: "leak", Message: "z leak"})
	b.Add(fset1, analysis.Diagnostic{Pos: at(t, fsys, tf1, a, "y", 1), Category: "new-check", Message: "a y"})
	b.Add(fset1, analysis.Diagnostic{Pos: at(t, fsys, tf1, a, "x", 1), Category: "skipped", Message: "a x skipped"})
	b.Add(fset2, analysis.Diagnostic{Pos: at(t, fsys, tf2, a, "x", 1), Category: "internal-error", Message: "a x internal"})
	b.Add(fset2, analysis.Diagnostic{Pos: at(t, fsys, tf2, z, "x", 1), Category: "leak", Message: "z leak"}) // duplicate
	b.AddError("b: type error")
	b.AddError("a: type error")
	b.AddError("b: type error")
	log := b.Log()
	run := log.Runs[0]

	type row struct {
		Rule  string
		Index int
		Level string
		Msg   string
		Line  int
	}
	var got []row
	for _, r := range run.Results {
		got = append(got, row{r.RuleID, r.RuleIndex, r.Level, r.Message.Text, r.Locations[0].PhysicalLocation.Region.StartLine})
	}
	want := []row{
		{"internal-error", 2, LevelError, "a x internal", 2},
		{"skipped", 1, LevelNote, "a x skipped", 2},
		{"new-check", 3, LevelWarning, "a y", 3},
		{"leak", 0, LevelWarning, "z leak", 2},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("results:\n got %+v\nwant %+v", got, want)
	}
	for _, r := range run.Results {
		if rules := run.Tool.Driver.Rules; r.RuleIndex >= len(rules) || rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %q: ruleIndex %d does not name rule %q", r.Message.Text, r.RuleIndex, r.RuleID)
		}
	}

	leak := run.Tool.Driver.Rules[0]
	wantLeak := Rule{
		ID:                   "leak",
		ShortDescription:     &MultiformatMessage{Text: "a resource still held"},
		FullDescription:      &MultiformatMessage{Text: "Reports f (see)."},
		Help:                 &MultiformatMessage{Text: "Reports f (see).", Markdown: "Reports `f` ([see](https://example.com/x#y))."},
		HelpURI:              "https://example.com/#leak",
		DefaultConfiguration: &ReportingConfiguration{Level: LevelWarning},
	}
	if !reflect.DeepEqual(leak, wantLeak) {
		t.Errorf("rule leak:\n got %s\nwant %s", js(leak), js(wantLeak))
	}
	if d := run.Tool.Driver; d.Name != "acmlint" || d.Version != "v1.2.3" || d.InformationURI != "https://example.com" {
		t.Errorf("driver = %+v", d)
	}

	wantInv := []Invocation{{
		ExecutionSuccessful: false,
		ToolExecutionNotifications: []Notification{
			{Level: LevelError, Message: Message{Text: "a: type error"}},
			{Level: LevelError, Message: Message{Text: "b: type error"}},
		},
	}}
	if !reflect.DeepEqual(run.Invocations, wantInv) {
		t.Errorf("invocations:\n got %s\nwant %s", js(run.Invocations), js(wantInv))
	}
	if log.Version != "2.1.0" || run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("version %q, columnKind %q", log.Version, run.ColumnKind)
	}
}

// TestWriteTo checks the JSON encoding: stable, no HTML escaping of the
// < > & that messages quoting Go code contain, and the zero byte offset
// of a fix at the start of a file kept.
func TestWriteTo(t *testing.T) {
	const name = "/src/mod/a.go"
	fsys := files{name: "x := a < b && c > d\n"}
	fset, tf := fileSet(fsys, name)
	encode := func() string {
		b := newTestBuilder(fsys)
		b.Add(fset, analysis.Diagnostic{
			Pos: tf[name].Pos(0), Category: "leak", Message: "a < b && c > d",
			SuggestedFixes: []analysis.SuggestedFix{{Message: "insert", TextEdits: []analysis.TextEdit{{Pos: tf[name].Pos(0), End: tf[name].Pos(0), NewText: []byte("// x\n")}}}},
		})
		var buf bytes.Buffer
		if _, err := b.Log().WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	out := encode()
	for _, want := range []string{`"text": "a < b && c > d"`, `"byteOffset": 0,`, `"byteLength": 0`, `"$schema": "` + Schema + `"`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	if again := encode(); again != out {
		t.Errorf("two encodings differ")
	}
	var v any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Errorf("not JSON: %v", err)
	}
}

func js(v any) string {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(data)
}
