package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/acmlint/acmlint/eval/internal/corpus"
	"golang.org/x/tools/go/packages"
)

// Outcomes of a mutant.
const (
	statusDetected      = "detected"       // a new diagnostic inside the mutated function
	statusMissed        = "missed"         // none
	statusNotCompilable = "not-compilable" // the mutant does not type-check
	statusNotLeak       = "not-a-leak"     // deleting the statement creates no leak (not run, or from the notes)
	statusError         = "error"          // go vet failed on the unmutated package
)

// Result is one mutant and its outcome.
type Result struct {
	Site
	Status string `json:"status"`
	// Found are acmlint's new diagnostics inside the mutated function
	// that name the resource; Unrelated its other new diagnostics there
	// (the deletion can unmask another finding); Elsewhere its new
	// diagnostics in the rest of the package (a caller of a function that
	// became an enter wrapper, for example).
	Found     []Diag `json:"found,omitempty"`
	Unrelated []Diag `json:"unrelated,omitempty"`
	Elsewhere []Diag `json:"elsewhere,omitempty"`
	// Error is the type-check or go vet error of a mutant that was not
	// analysed.
	Error string `json:"error,omitempty"`
	// Class and Why explain a miss (from the notes file): Class is
	// not-a-leak, exempt or gap.
	Class string `json:"class,omitempty"`
	Why   string `json:"why,omitempty"`
}

// Diag is one acmlint diagnostic.
type Diag struct {
	Category string `json:"category"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Message  string `json:"message"`
}

// ModuleResult is the outcome for one corpus module.
type ModuleResult struct {
	Module    string `json:"module"`
	GoVersion string `json:"goVersion"`
	// Candidates counts the release sites found per protocol; NotLeak
	// those of them that create no leak when deleted (not run).
	Candidates map[string]int `json:"candidates"`
	NotLeak    map[string]int `json:"notLeak"`
	// Exempt counts the sites whose deletion the contract exempts (see
	// Site.Exempt); at most -max/8 of them are run.
	Exempt  map[string]int `json:"exempt"`
	Results []Result       `json:"results"`
	Elapsed string         `json:"elapsed"`
}

// mutateModule prepares one corpus module, finds its release sites, and
// runs a sample of mutants.
func mutateModule(o options, bin, work, scratch string, m corpus.Module, notes *notes) (*ModuleResult, error) {
	start := time.Now()
	dir, err := corpus.Prepare(work, m)
	if err != nil {
		return nil, err
	}
	sites, goVersion, err := moduleSites(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", m, err)
	}
	mr := &ModuleResult{Module: m.String(), GoVersion: goVersion,
		Candidates: make(map[string]int), NotLeak: make(map[string]int), Exempt: make(map[string]int)}
	var eligible, exempt []Site
	for _, s := range sites {
		mr.Candidates[s.Protocol]++
		switch {
		case s.NotLeak != "":
			mr.NotLeak[s.Protocol]++
		case s.Exempt != "":
			mr.Exempt[s.Protocol]++
			exempt = append(exempt, s)
		default:
			eligible = append(eligible, s)
		}
	}
	// Mutants the contract exempts (lock helpers) do not use up the
	// budget: a few of them are run to check that they are exempt.
	chosen := sample(eligible, o.max, o.seed, m.Path)
	chosen = append(chosen, sample(exempt, max(1, o.max/8), o.seed, m.Path)...)
	sortSites(chosen)
	mutDir := filepath.Join(scratch, m.DirName())
	r := &runner{bin: bin, dir: dir, scratch: mutDir, timeout: o.timeout, baselines: make(map[string]*baseline)}
	results := make([]Result, len(chosen))
	var wg sync.WaitGroup
	sem := make(chan struct{}, o.jobs)
	for i, s := range chosen {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i] = r.mutant(s, filepath.Join(mutDir, mutantDir(&s)))
			if o.progress {
				fmt.Fprintf(os.Stderr, "  %s %s %s: %s\n", s.ID(), s.Protocol, strings.TrimSpace(firstLine(s.Stmt)), results[i].Status)
			}
		}()
	}
	wg.Wait()
	for i := range results {
		notes.apply(m.Path, &results[i])
	}
	mr.Results = results
	mr.Elapsed = time.Since(start).Round(time.Second).String()
	return mr, nil
}

// moduleSites loads the module's packages (non-test files) and returns
// their release sites and the module's go version.
func moduleSites(dir string) ([]Site, string, error) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedSyntax |
			packages.NeedTypes | packages.NeedTypesInfo | packages.NeedModule,
		Dir: dir,
		Env: corpus.Env(),
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		return nil, "", err
	}
	cat := newCatalog(builtinProtocols())
	rel := func(abs string) string {
		if r, err := filepath.Rel(dir, abs); err == nil {
			return filepath.ToSlash(r)
		}
		return abs
	}
	var sites []Site
	goVersion := ""
	for _, p := range pkgs {
		if p.Module == nil || !p.Module.Main || len(p.Errors) > 0 || p.TypesInfo == nil {
			continue
		}
		goVersion = p.Module.GoVersion
		src := make(map[string][]byte)
		for _, f := range p.Syntax {
			name := p.Fset.Position(f.Pos()).Filename
			b, err := os.ReadFile(name)
			if err != nil {
				return nil, "", err
			}
			src[name] = b
		}
		for _, s := range findSites(p.Fset, p.Syntax, p.TypesInfo, p.Types, cat, src, rel, goVersion) {
			s.Pkg = p.PkgPath
			sites = append(sites, s)
		}
	}
	return sites, goVersion, nil
}

// sample picks up to max sites, spread across protocols: the sites of
// each protocol in a seeded order, taken round-robin over the protocols.
// The result is in file and line order.
func sample(sites []Site, max int, seed uint64, module string) []Site {
	h := fnv.New64a()
	h.Write([]byte(module))
	rng := rand.New(rand.NewPCG(seed, h.Sum64()))
	by := make(map[string][]Site)
	var protos []string
	for _, s := range sites {
		if by[s.Protocol] == nil {
			protos = append(protos, s.Protocol)
		}
		by[s.Protocol] = append(by[s.Protocol], s)
	}
	sort.Strings(protos)
	for _, p := range protos {
		ss := by[p]
		rng.Shuffle(len(ss), func(i, j int) { ss[i], ss[j] = ss[j], ss[i] })
	}
	var out []Site
	for len(out) < max {
		took := false
		for _, p := range protos {
			if len(by[p]) > 0 && len(out) < max {
				out = append(out, by[p][0])
				by[p] = by[p][1:]
				took = true
			}
		}
		if !took {
			break
		}
	}
	sortSites(out)
	return out
}

// sortSites sorts sites by file and line.
func sortSites(s []Site) {
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].File != s[j].File {
			return s[i].File < s[j].File
		}
		return s[i].Line < s[j].Line
	})
}

// apply returns src with the site's statement deleted: replaced by its
// Replacement, keeping the statement's newlines so that every other line
// keeps its number.
func apply(src []byte, s *Site) []byte {
	var b bytes.Buffer
	b.Write(src[:s.start])
	b.WriteString(s.Replacement)
	b.WriteString(strings.Repeat("\n", bytes.Count(src[s.start:s.end], []byte("\n"))))
	b.Write(src[s.end:])
	return b.Bytes()
}

// runner runs go vet with acmlint on a module's packages.
type runner struct {
	bin, dir string
	scratch  string // where overlays and mutants are written
	timeout  time.Duration

	mu        sync.Mutex
	baselines map[string]*baseline
}

// baseline is the unmutated package's diagnostics, computed once.
type baseline struct {
	once  sync.Once
	diags map[string]bool // diagKey
	err   error
}

func diagKey(file string, line int, msg string) string {
	return fmt.Sprintf("%s:%d: %s", file, line, msg)
}

func (r *runner) baseline(pkg, pkgDir string) (map[string]bool, error) {
	r.mu.Lock()
	b := r.baselines[pkg]
	if b == nil {
		b = new(baseline)
		r.baselines[pkg] = b
	}
	r.mu.Unlock()
	b.once.Do(func() {
		var diags []vetDiag
		tmp := filepath.Join(r.scratch, "baseline", strings.ReplaceAll(pkg, "/", "_"))
		diags, b.err = r.vet(pkg, pkgDir, nil, tmp)
		b.diags = make(map[string]bool)
		for _, d := range diags {
			b.diags[diagKey(d.file, d.line, d.Message)] = true
		}
	})
	return b.diags, b.err
}

// mutantDir names a site's scratch dir: the same in every run.
func mutantDir(s *Site) string {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00%s", s.File, s.Stmt, s.start, s.Replacement)
	return fmt.Sprintf("%s-%d-%016x", strings.NewReplacer("/", "_", ".", "_").Replace(s.File), s.Line, h.Sum64())
}

// mutant runs one mutant in scratch dir tmp.
func (r *runner) mutant(s Site, tmp string) Result {
	res := Result{Site: s}
	pkgDir := filepath.Dir(s.abs)
	base, err := r.baseline(s.Pkg, pkgDir)
	if err != nil {
		res.Status, res.Error = statusError, err.Error()
		return res
	}
	src, err := os.ReadFile(s.abs)
	if err == nil {
		err = os.MkdirAll(tmp, 0o755)
	}
	mutated := filepath.Join(tmp, filepath.Base(s.abs))
	if err == nil {
		err = os.WriteFile(mutated, apply(src, &s), 0o644)
	}
	if err != nil {
		res.Status, res.Error = statusError, err.Error()
		return res
	}
	diags, err := r.vet(s.Pkg, pkgDir, map[string]string{s.abs: mutated}, tmp)
	var tc *typeErr
	if errors.As(err, &tc) {
		res.Status, res.Error = statusNotCompilable, tc.msg
		return res
	} else if err != nil {
		res.Status, res.Error = statusError, err.Error()
		return res
	}
	seen := make(map[string]bool)
	for _, d := range diags {
		file := d.file
		if file == mutated {
			file = s.abs
		}
		if file != s.abs && filepath.Base(file) == filepath.Base(s.abs) && !strings.HasPrefix(file, r.dir+string(filepath.Separator)) {
			// A report go vet cached under another path of the same
			// mutant (a changed -scratch): the mutated file.
			file = s.abs
		}
		k := diagKey(file, d.line, d.Message)
		if base[k] || seen[k] || d.Category == "skipped" {
			continue
		}
		seen[k] = true
		in := file == s.abs && d.line >= s.FuncStart && d.line <= s.FuncEnd
		for _, rel := range d.related {
			if rel.file == mutated || rel.file == s.abs || filepath.Base(rel.file) == filepath.Base(s.abs) && !strings.HasPrefix(rel.file, r.dir+string(filepath.Separator)) {
				in = in || rel.line >= s.FuncStart && rel.line <= s.FuncEnd
			}
		}
		out := Diag{Category: d.Category, File: relTo(r.dir, file), Line: d.line, Message: d.Message}
		switch {
		case in && names(d.Message, s.Resource):
			res.Found = append(res.Found, out)
		case in:
			res.Unrelated = append(res.Unrelated, out)
		default:
			res.Elsewhere = append(res.Elsewhere, out)
		}
	}
	res.Status = statusMissed
	if len(res.Found) > 0 {
		res.Status = statusDetected
	}
	return res
}

// names reports whether msg names the resource as written ("c.mu" in
// "c.mu is locked at line 3 ...", not in "c.mux ..." or "cc.mu ...").
func names(msg, resource string) bool {
	for i := 0; ; {
		j := strings.Index(msg[i:], resource)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(resource)
		before := start == 0 || !isWordOrDot(msg[start-1])
		after := end == len(msg) || !isWord(msg[end])
		if before && after {
			return true
		}
		i = start + 1
	}
}

func isWord(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isWordOrDot(c byte) bool { return isWord(c) || c == '.' }

func relTo(dir, file string) string {
	if r, err := filepath.Rel(dir, file); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return file
}

// vetDiag is a diagnostic as go vet -json prints it.
type vetDiag struct {
	Category string `json:"category"`
	Posn     string `json:"posn"`
	Message  string `json:"message"`
	Related  []struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
	} `json:"related"`

	file    string
	line    int
	related []struct {
		file string
		line int
	}
}

// typeErr is a mutant that does not type-check.
type typeErr struct{ msg string }

func (e *typeErr) Error() string { return e.msg }

// vet runs go vet -vettool=acmlint -json on pkg, whose directory is
// pkgDir, with an overlay (written in tmp) that replaces files by the
// mutants in replace and hides the package's test files, and returns
// acmlint's diagnostics. Mutants are of non-test files, and hiding the
// tests halves the work (vet analyses the package once, not again with its
// tests) and keeps packages whose tests do not build with this toolchain
// in the run. With replace nil the run is the baseline, which must work.
func (r *runner) vet(pkg, pkgDir string, replace map[string]string, tmp string) ([]vetDiag, error) {
	ov := make(map[string]string)
	tests, err := filepath.Glob(filepath.Join(pkgDir, "*_test.go"))
	if err != nil {
		return nil, err
	}
	for _, t := range tests {
		ov[t] = "" // deleted
	}
	for k, v := range replace {
		ov[k] = v
	}
	js, err := json.Marshal(map[string]any{"Replace": ov})
	if err != nil {
		return nil, err
	}
	overlay := filepath.Join(tmp, "overlay.json")
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(overlay, js, 0o644); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), r.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "vet", "-vettool="+r.bin, "-json", "-overlay="+overlay, pkg)
	cmd.Dir = r.dir
	cmd.Env = corpus.Env()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if ctx.Err() != nil {
			return nil, fmt.Errorf("go vet %s: timed out after %v", pkg, r.timeout)
		}
		// go vet prints the type errors of a package that does not
		// compile under "# pkg" headers and exits 1.
		if replace != nil && strings.HasPrefix(msg, "#") {
			return nil, &typeErr{msg: firstLines(msg, 4)}
		}
		return nil, fmt.Errorf("go vet %s: %v: %s", pkg, err, firstLines(msg, 10))
	}
	var out []vetDiag
	dec := json.NewDecoder(&stdout)
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err != nil {
			if err == io.EOF {
				break
			}
			return nil, fmt.Errorf("go vet %s: reading -json output: %v", pkg, err)
		}
		for id, byAnalyzer := range tree {
			for name, raw := range byAnalyzer {
				var diags []vetDiag
				if err := json.Unmarshal(raw, &diags); err != nil {
					var e struct{ Error string }
					if json.Unmarshal(raw, &e) == nil && e.Error != "" {
						return nil, fmt.Errorf("go vet %s: %s in %s: %s", pkg, name, id, e.Error)
					}
					return nil, fmt.Errorf("go vet %s: %s in %s: %v", pkg, name, id, err)
				}
				for _, d := range diags {
					d.file, d.line = splitPosn(d.Posn)
					for _, rel := range d.Related {
						f, l := splitPosn(rel.Posn)
						d.related = append(d.related, struct {
							file string
							line int
						}{f, l})
					}
					out = append(out, d)
				}
			}
		}
	}
	return out, nil
}

// splitPosn splits "file:line:col" (or "file:line").
func splitPosn(posn string) (string, int) {
	i := strings.LastIndexByte(posn, ':')
	if i < 0 {
		return posn, 0
	}
	n, err := strconv.Atoi(posn[i+1:])
	if err != nil {
		return posn, 0
	}
	if j := strings.LastIndexByte(posn[:i], ':'); j >= 0 {
		if m, err := strconv.Atoi(posn[j+1 : i]); err == nil {
			return posn[:j], m
		}
	}
	return posn[:i], n
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, "\n")
}
