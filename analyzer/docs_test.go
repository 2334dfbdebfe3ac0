package analyzer

import (
	"flag"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/acmlint/acmlint/analyzer/internal/config"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

var updateREADME = flag.Bool("update", false, "rewrite the README's generated sections")

// TestDocs checks the documentation table: every check the package
// declares is documented, once; the fields follow the style; the
// examples are formatted Go; and, run through the analyzer, each Bad
// example produces exactly the findings it quotes (with the check as
// category) and each Good example none; each finding is silenced by an
// //acmlint:ignore on its line, on the line above, or on the line of its
// related position, and by the configuration that disables the check;
// where the docs say so, -fix turns Bad into Good.
func TestDocs(t *testing.T) {
	implemented := implementedChecks(t)
	var names []string
	for _, d := range checkDocs {
		names = append(names, d.Name)
	}
	if !slices.Equal(slices.Sorted(slices.Values(names)), implemented) || len(names) != len(implemented) {
		t.Errorf("checkDocs documents %v, want the checks the package declares (check* constants): %v", names, implemented)
	}
	for _, d := range checkDocs {
		if !slices.Contains(config.CheckNames, d.Name) {
			t.Errorf("%s: not a check name the configuration accepts (%v)", d.Name, config.CheckNames)
		}
		if r, _ := utf8.DecodeRuneInString(d.Title); d.Title == "" || strings.ContainsAny(d.Title, "\n") ||
			strings.HasSuffix(d.Title, ".") || unicode.IsUpper(r) || utf8.RuneCountInString(d.Title) > 60 {
			t.Errorf("%s: title %q: want one line of at most 60 characters, lower-case, no final period", d.Name, d.Title)
		}
		for field, s := range map[string]string{"Text": d.Text, "Suppress": d.Suppress} {
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s: empty %s", d.Name, field)
			}
			if strings.Contains(strings.ReplaceAll(s, "\n\n", ""), "\n") {
				t.Errorf("%s: %s: a paragraph spans lines; write each on one line, separated by blank lines", d.Name, field)
			}
		}
		if len(d.FalsePositives) == 0 {
			t.Errorf("%s: no known false positives or limits listed", d.Name)
		}
		for field, src := range map[string]string{"Bad": d.Bad, "Good": d.Good} {
			if got, err := format.Source([]byte(src)); err != nil {
				t.Errorf("%s: %s example: %v", d.Name, field, err)
			} else if string(got) != src {
				t.Errorf("%s: %s example is not gofmt-formatted:\n%s", d.Name, field, got)
			}
		}
		if len(findings(d.Bad)) == 0 {
			t.Errorf("%s: the Bad example quotes no finding (end a line with %q and the message)", d.Name, findingMarker)
		}
		if strings.Contains(d.Good, findingMarker) {
			t.Errorf("%s: the Good example quotes a finding", d.Name)
		}

		// The URL of a check is its README section, and it is what
		// drivers derive from the analyzer's URL and the category.
		if want := "https://github.com/acmlint/acmlint#" + d.Name; checkURL(d.Name) != want {
			t.Errorf("checkURL(%q) = %q, want %q", d.Name, checkURL(d.Name), want)
		}
		base, err := url.Parse(Analyzer.URL)
		if err != nil {
			t.Fatalf("Analyzer.URL: %v", err)
		}
		if got := base.ResolveReference(&url.URL{Fragment: d.Name}).String(); got != checkURL(d.Name) {
			t.Errorf("a %s diagnostic links to %s (Analyzer.URL %q + #category), want %s", d.Name, got, Analyzer.URL, checkURL(d.Name))
		}
	}
	if t.Failed() {
		return
	}

	pkgOf := func(d checkDoc, kind string) string { return "docs/" + d.Name + "/" + kind }

	// Bad examples report what they quote (a want comment per quoted
	// finding; analysistest fails on any other diagnostic); Good ones
	// report nothing.
	files := make(map[string]string)
	var pkgs []string
	for _, d := range checkDocs {
		files[pkgOf(d, "bad")] = withWants(d.Bad)
		files[pkgOf(d, "good")] = d.Good
		pkgs = append(pkgs, pkgOf(d, "bad"), pkgOf(d, "good"))
	}
	results := analysistest.Run(IgnoreUnexpectedFacts{t}, writeGOPATH(t, files), Analyzer, pkgs...)
	// ignoreAt: for each Bad package, the lines of its findings' related
	// positions (the acquisition, the return that leaks), or of the
	// findings themselves when they have none.
	ignoreAt := make(map[string][]int)
	for _, r := range results {
		pkg := r.Action.Package.PkgPath
		for _, diag := range r.Action.Diagnostics {
			if want := strings.Split(pkg, "/")[1]; diag.Category != want {
				t.Errorf("%s: %q has category %q, want %q", pkg, diag.Message, diag.Category, want)
			}
			at := diag.Pos
			if len(diag.Related) > 0 {
				at = diag.Related[0].Pos
			}
			ignoreAt[pkg] = append(ignoreAt[pkg], r.Action.Package.Fset.Position(at).Line)
		}
	}
	if t.Failed() {
		return
	}

	// Each finding is silenced by //acmlint:ignore on its line, alone on
	// the line above, or on the line of its related position; every
	// ignore is used (an unused one would be reported).
	const ignore = "//acmlint:ignore docs example"
	files = make(map[string]string)
	pkgs = pkgs[:0]
	for _, d := range checkDocs {
		bad := pkgOf(d, "bad")
		files[bad+"/ignore/line"] = editLines(d.Bad, func(i int, line string) []string {
			if code, ok := cutFinding(line); ok {
				return []string{code + " " + ignore}
			}
			return []string{line}
		})
		files[bad+"/ignore/above"] = editLines(d.Bad, func(i int, line string) []string {
			if code, ok := cutFinding(line); ok {
				indent := code[:len(code)-len(strings.TrimLeft(code, "\t"))]
				return []string{indent + ignore, code}
			}
			return []string{line}
		})
		files[bad+"/ignore/related"] = editLines(d.Bad, func(i int, line string) []string {
			code, _ := cutFinding(line)
			if slices.Contains(ignoreAt[bad], i+1) {
				if strings.Contains(code, "//") {
					t.Fatalf("%s: line %d has a comment: cannot add an ignore", d.Name, i+1)
				}
				return []string{code + " " + ignore}
			}
			return []string{code}
		})
		pkgs = append(pkgs, bad+"/ignore/line", bad+"/ignore/above", bad+"/ignore/related")
	}
	analysistest.Run(IgnoreUnexpectedFacts{t}, writeGOPATH(t, files), Analyzer, pkgs...)

	// Where the docs say so, the suggested fixes turn Bad into Good.
	files = make(map[string]string)
	pkgs = pkgs[:0]
	for _, d := range checkDocs {
		if d.Fixed {
			files[pkgOf(d, "bad")] = editLines(d.Bad, func(i int, line string) []string {
				code, _ := cutFinding(line)
				return []string{code}
			})
			pkgs = append(pkgs, pkgOf(d, "bad"))
		}
	}
	if len(pkgs) > 0 {
		var fixT fixesOnly
		for _, r := range analysistest.Run(&fixT, writeGOPATH(t, files), Analyzer, pkgs...) {
			pkg := r.Action.Package.PkgPath
			var d checkDoc
			for _, d = range checkDocs {
				if pkgOf(d, "bad") == pkg {
					break
				}
			}
			src := []byte(files[pkg])
			var edits []analysis.TextEdit
			for _, diag := range r.Action.Diagnostics {
				if len(diag.SuggestedFixes) == 0 {
					t.Errorf("%s: %q offers no fix", d.Name, diag.Message)
					continue
				}
				edits = append(edits, diag.SuggestedFixes[0].TextEdits...)
			}
			fset := r.Action.Package.Fset
			slices.SortFunc(edits, func(a, b analysis.TextEdit) int { return int(b.Pos - a.Pos) })
			for _, e := range edits {
				tf := fset.File(e.Pos)
				start, end := tf.Offset(e.Pos), tf.Offset(e.End)
				src = append(src[:start:start], append(e.NewText, src[end:]...)...)
			}
			fixed, err := format.Source(src)
			if err != nil {
				t.Errorf("%s: the fixed example does not parse: %v\n%s", d.Name, err, src)
			} else if string(fixed) != d.Good {
				t.Errorf("%s: -fix turns the Bad example into\n%s\nnot the Good one", d.Name, fixed)
			}
		}
	}

	// The configuration the Suppress text shows turns the check off.
	for _, d := range checkDocs {
		t.Run("disable "+d.Name, func(t *testing.T) {
			t.Parallel()
			cfgFile := filepath.Join(t.TempDir(), "acmlint.yml")
			if err := os.WriteFile(cfgFile, []byte(disableYAML(d.Name)+"\n"), 0o666); err != nil {
				t.Fatal(err)
			}
			a, err := New(Config{File: cfgFile})
			if err != nil {
				t.Fatal(err)
			}
			pkg := pkgOf(d, "bad")
			analysistest.Run(IgnoreUnexpectedFacts{t}, writeGOPATH(t, map[string]string{pkg: d.Bad}), a, pkg)
		})
	}
}

// TestREADMEChecks checks that the README's list of checks is the one
// rendered from checkDocs; with -update it rewrites it.
func TestREADMEChecks(t *testing.T) {
	const (
		begin = "<!-- BEGIN CHECKS (generated from analyzer/docs.go; run go test ./analyzer -run TestREADMEChecks -update) -->"
		end   = "<!-- END CHECKS -->"
	)
	readme := filepath.Join("..", "README.md")
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	i, j := strings.Index(doc, begin+"\n"), strings.Index(doc, "\n"+end+"\n")
	if i < 0 || j < i {
		t.Fatalf("README.md has no section between the lines\n%s\n%s", begin, end)
	}
	got := doc[i+len(begin)+1 : j+1]
	want := "\n" + renderChecksMarkdown() + "\n"
	if got != want {
		if *updateREADME {
			doc = doc[:i+len(begin)+1] + want + doc[j+1:]
			if err := os.WriteFile(readme, []byte(doc), 0o666); err != nil {
				t.Fatal(err)
			}
			t.Logf("updated the checks in %s", readme)
		} else {
			g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
			k := 0
			for k < len(g) && k < len(w) && g[k] == w[k] {
				k++
			}
			line := strings.Count(doc[:i], "\n") + 2 + k
			at := func(s []string) string {
				if k < len(s) {
					return strconv.Quote(s[k])
				}
				return "(end of section)"
			}
			t.Errorf("README.md:%d: the checks differ from analyzer/docs.go:\n\thave %s\n\twant %s\n"+
				"run: go test ./analyzer -run TestREADMEChecks -update", line, at(g), at(w))
		}
	}

	// Links within the README from the rendered text lead to headings.
	anchors := make(map[string]bool)
	for _, line := range strings.Split(doc, "\n") {
		if h, ok := strings.CutPrefix(strings.TrimLeft(line, "#"), " "); ok && strings.HasPrefix(line, "#") {
			anchors[markdownAnchor(h)] = true
		}
	}
	for _, m := range regexp.MustCompile(`\]\(#([^)]+)\)`).FindAllStringSubmatch(renderChecksMarkdown(), -1) {
		if !anchors[m[1]] {
			t.Errorf("the checks link to #%s, which is no heading of README.md", m[1])
		}
	}
	for _, d := range checkDocs {
		if !anchors[strings.TrimPrefix(checkURL(d.Name), docsURL+"#")] {
			t.Errorf("checkURL(%q) = %s, which is no heading of README.md", d.Name, checkURL(d.Name))
		}
	}
}

// implementedChecks returns, sorted, the values of the package's
// check* string constants: the checks it implements.
func implementedChecks(t *testing.T) []string {
	fset := token.NewFileSet()
	var names []string
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, id := range vs.Names {
					rest, ok := strings.CutPrefix(id.Name, "check")
					if !ok || rest == "" || !unicode.IsUpper(rune(rest[0])) || i >= len(vs.Values) {
						continue
					}
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						if name, err := strconv.Unquote(lit.Value); err == nil {
							names = append(names, name)
						}
					}
				}
			}
		}
	}
	slices.Sort(names)
	return names
}

// fixesOnly swallows analysistest's complaints: the run is for the
// suggested fixes, not for the findings.
type fixesOnly struct{}

func (*fixesOnly) Errorf(string, ...any) {}

// findings returns the messages quoted in a Bad example, by line (from 1).
func findings(src string) map[int]string {
	m := make(map[int]string)
	for i, line := range strings.Split(src, "\n") {
		if k := strings.Index(line, findingMarker); k >= 0 {
			m[i+1] = line[k+len(findingMarker):]
		}
	}
	return m
}

// cutFinding returns a line without its quoted finding, and whether it
// had one.
func cutFinding(line string) (string, bool) {
	k := strings.Index(line, " "+findingMarker)
	if k < 0 {
		return line, false
	}
	return line[:k], true
}

// withWants adds to each quoted finding the analysistest expectation of
// exactly that message.
func withWants(src string) string {
	return editLines(src, func(i int, line string) []string {
		if k := strings.Index(line, findingMarker); k >= 0 {
			msg := line[k+len(findingMarker):]
			return []string{line + " // want " + strconv.Quote("^"+regexp.QuoteMeta(msg)+"$")}
		}
		return []string{line}
	})
}

// editLines replaces each line (index i from 0) of src by edit's lines.
func editLines(src string, edit func(i int, line string) []string) string {
	var out []string
	for i, line := range strings.Split(src, "\n") {
		out = append(out, edit(i, line)...)
	}
	return strings.Join(out, "\n")
}

// writeGOPATH writes one file, x.go, per package into a new GOPATH-style
// tree and returns its root.
func writeGOPATH(t *testing.T, pkgs map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for pkg, src := range pkgs {
		file := filepath.Join(dir, "src", filepath.FromSlash(pkg), "x.go")
		if err := os.MkdirAll(filepath.Dir(file), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(src), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// IgnoreUnexpectedFacts passes analysistest's errors through except
// "unexpected fact": nearly every function exports a summary, and tests
// assert diagnostics and only the facts they name with `// want
// name:"fact"` (a named fact that is missing still fails). Exported for
// the external test package, which shares this test binary.
type IgnoreUnexpectedFacts struct{ T *testing.T }

func (f IgnoreUnexpectedFacts) Errorf(format string, args ...any) {
	f.T.Helper()
	if format == "%v: unexpected %s: %v" && len(args) == 3 && args[1] == "fact" {
		return
	}
	f.T.Errorf(format, args...)
}
