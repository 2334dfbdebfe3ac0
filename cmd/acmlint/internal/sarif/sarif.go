// Package sarif converts analysis diagnostics into a SARIF 2.1.0 log
// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/), the format code
// scanning services such as GitHub's accept.
//
// The log has one run. File locations are relative to a source root
// (uriBaseId "SRCROOT", declared in originalUriBaseIds) when the file
// is under it, and absolute file: URIs otherwise. Columns count UTF-16
// code units (the SARIF default, stated as the run's columnKind).
// Results are sorted by file, line, column, rule and message, so the
// same diagnostics give the same bytes.
package sarif

import (
	"bytes"
	"cmp"
	"encoding/json"
	"go/scanner"
	"go/token"
	"io"
	"maps"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
)

// Version and Schema identify the format written.
const (
	Version = "2.1.0"
	Schema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

// SrcRoot is the uriBaseId of locations relative to the source root.
const SrcRoot = "SRCROOT"

// Levels of results.
const (
	LevelError   = "error"
	LevelWarning = "warning"
	LevelNote    = "note"
)

// Log is a SARIF log (sarifLog).
type Log struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []Run  `json:"runs"`
}

// Run is one run of one tool (run).
type Run struct {
	Tool               Tool                        `json:"tool"`
	Invocations        []Invocation                `json:"invocations,omitempty"`
	OriginalURIBaseIDs map[string]ArtifactLocation `json:"originalUriBaseIds,omitempty"`
	Results            []Result                    `json:"results"`
	ColumnKind         string                      `json:"columnKind"`
}

// Tool describes the analysis tool (tool).
type Tool struct {
	Driver Driver `json:"driver"`
}

// Driver is the tool's main component (toolComponent).
type Driver struct {
	Name           string `json:"name"`
	Version        string `json:"version,omitempty"`
	InformationURI string `json:"informationUri,omitempty"`
	Rules          []Rule `json:"rules"`
}

// Rule describes one rule (reportingDescriptor). Its ID is a diagnostic
// category.
type Rule struct {
	ID                   string                  `json:"id"`
	ShortDescription     *MultiformatMessage     `json:"shortDescription,omitempty"`
	FullDescription      *MultiformatMessage     `json:"fullDescription,omitempty"`
	Help                 *MultiformatMessage     `json:"help,omitempty"`
	HelpURI              string                  `json:"helpUri,omitempty"`
	DefaultConfiguration *ReportingConfiguration `json:"defaultConfiguration,omitempty"`
}

// ReportingConfiguration is a rule's default configuration
// (reportingConfiguration).
type ReportingConfiguration struct {
	Level string `json:"level"`
}

// MultiformatMessage is a message in plain text and, optionally,
// Markdown (multiformatMessageString).
type MultiformatMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

// Message is a result's or location's message (message).
type Message struct {
	Text string `json:"text"`
}

// Invocation records how the run went (invocation).
type Invocation struct {
	ExecutionSuccessful        bool           `json:"executionSuccessful"`
	ToolExecutionNotifications []Notification `json:"toolExecutionNotifications,omitempty"`
}

// Notification is an error of the run itself, such as a package that
// does not type-check (notification).
type Notification struct {
	Level   string  `json:"level"`
	Message Message `json:"message"`
}

// Result is one finding (result).
type Result struct {
	RuleID           string     `json:"ruleId"`
	RuleIndex        int        `json:"ruleIndex"`
	Level            string     `json:"level"`
	Message          Message    `json:"message"`
	Locations        []Location `json:"locations"`
	RelatedLocations []Location `json:"relatedLocations,omitempty"`
	Fixes            []Fix      `json:"fixes,omitempty"`
}

// Location is a place in a file (location). ID is set, from 1, on
// related locations only.
type Location struct {
	ID               int              `json:"id,omitempty"`
	PhysicalLocation PhysicalLocation `json:"physicalLocation"`
	Message          *Message         `json:"message,omitempty"`
}

// PhysicalLocation is a file and a region of it (physicalLocation).
type PhysicalLocation struct {
	ArtifactLocation ArtifactLocation `json:"artifactLocation"`
	Region           *Region          `json:"region,omitempty"`
}

// ArtifactLocation names a file (artifactLocation): a URI reference,
// relative to the base named by URIBaseID when that is set.
type ArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// Region is a span of a file (region). Lines and columns are 1-based,
// EndColumn is the column after the last character, and columns count
// UTF-16 code units. ByteOffset and ByteLength are set in the deleted
// regions of fixes only; a pointer, because offset 0 is meaningful.
type Region struct {
	StartLine   int  `json:"startLine,omitempty"`
	StartColumn int  `json:"startColumn,omitempty"`
	EndLine     int  `json:"endLine,omitempty"`
	EndColumn   int  `json:"endColumn,omitempty"`
	ByteOffset  *int `json:"byteOffset,omitempty"`
	ByteLength  *int `json:"byteLength,omitempty"`
}

// Fix is a suggested fix (fix).
type Fix struct {
	Description     *Message         `json:"description,omitempty"`
	ArtifactChanges []ArtifactChange `json:"artifactChanges"`
}

// ArtifactChange is a fix's edits of one file (artifactChange).
type ArtifactChange struct {
	ArtifactLocation ArtifactLocation `json:"artifactLocation"`
	Replacements     []Replacement    `json:"replacements"`
}

// Replacement replaces a region with new text; an empty region inserts
// (replacement).
type Replacement struct {
	DeletedRegion   Region           `json:"deletedRegion"`
	InsertedContent *ArtifactContent `json:"insertedContent,omitempty"`
}

// ArtifactContent is text to insert (artifactContent).
type ArtifactContent struct {
	Text string `json:"text"`
}

// RuleInfo describes a rule to the Builder.
type RuleInfo struct {
	ID       string
	Title    string // one line
	Markdown string // the full description, Markdown
	HelpURI  string
	Level    string // the level of its results: LevelError, LevelWarning or LevelNote
}

// ToolInfo describes the tool to the Builder.
type ToolInfo struct {
	Name, Version, InformationURI string
}

// A Builder collects diagnostics and builds the log. It is not safe for
// concurrent use.
type Builder struct {
	tool     ToolInfo
	base     string // absolute, cleaned
	rules    []RuleInfo
	ruleIdx  map[string]int
	readFile func(string) ([]byte, error)
	files    map[string]*source // by file name; nil entry: unreadable
	results  []pending
	seen     map[dedupKey]bool
	errors   []string
}

// pending is a result with what it is sorted by.
type pending struct {
	file      string
	line, col int
	res       Result
}

// dedupKey identifies a diagnostic reported twice, as happens for a file
// that belongs to a package and to its test variant.
type dedupKey struct {
	start, end token.Position
	category   string
	message    string
}

// NewBuilder returns a Builder for a run of tool with the given rules.
// base is the source root: an absolute directory. readFile reads source
// files, to count columns in UTF-16 code units.
func NewBuilder(tool ToolInfo, rules []RuleInfo, base string, readFile func(string) ([]byte, error)) *Builder {
	b := &Builder{
		tool:     tool,
		base:     filepath.Clean(base),
		ruleIdx:  make(map[string]int),
		readFile: readFile,
		files:    make(map[string]*source),
		seen:     make(map[dedupKey]bool),
	}
	for _, r := range rules {
		b.addRule(r)
	}
	return b
}

func (b *Builder) addRule(r RuleInfo) int {
	if i, ok := b.ruleIdx[r.ID]; ok {
		return i
	}
	b.ruleIdx[r.ID] = len(b.rules)
	b.rules = append(b.rules, r)
	return len(b.rules) - 1
}

// AddError records an error of the run (a package that failed to load
// or to be analysed): the log's invocation is then not successful.
func (b *Builder) AddError(msg string) {
	b.errors = append(b.errors, msg)
}

// Add adds a diagnostic whose positions are in fset. A diagnostic equal
// to one added before (same positions, category and message) is
// dropped. A category that is not one of the rules becomes a rule of
// its own, at warning level.
func (b *Builder) Add(fset *token.FileSet, d analysis.Diagnostic) {
	start := fset.Position(d.Pos)
	var end token.Position
	if d.End.IsValid() {
		end = fset.Position(d.End)
	}
	k := dedupKey{start, end, d.Category, d.Message}
	if b.seen[k] {
		return
	}
	b.seen[k] = true

	id := d.Category
	if id == "" {
		id = b.tool.Name
	}
	level := LevelWarning
	if i, ok := b.ruleIdx[id]; ok && b.rules[i].Level != "" {
		level = b.rules[i].Level
	}
	res := Result{
		RuleID:    id,
		Level:     level,
		Message:   Message{Text: d.Message},
		Locations: []Location{b.location(start, end)},
	}
	for i, rel := range d.Related {
		var relEnd token.Position
		if rel.End.IsValid() {
			relEnd = fset.Position(rel.End)
		}
		loc := b.location(fset.Position(rel.Pos), relEnd)
		loc.ID = i + 1
		loc.Message = &Message{Text: rel.Message}
		res.RelatedLocations = append(res.RelatedLocations, loc)
	}
	for _, sf := range d.SuggestedFixes {
		res.Fixes = append(res.Fixes, b.fix(fset, sf))
	}
	b.results = append(b.results, pending{start.Filename, start.Line, start.Column, res})
}

// Log returns the log of everything added so far.
func (b *Builder) Log() *Log {
	results := slices.Clone(b.results)
	slices.SortStableFunc(results, func(x, y pending) int {
		return cmp.Or(
			cmp.Compare(x.file, y.file),
			cmp.Compare(x.line, y.line),
			cmp.Compare(x.col, y.col),
			cmp.Compare(x.res.RuleID, y.res.RuleID),
			cmp.Compare(x.res.Message.Text, y.res.Message.Text))
	})
	// Rules for unknown categories are added in result order, so their
	// indices do not depend on the order diagnostics were added in.
	rules := slices.Clone(b.rules)
	idx := maps.Clone(b.ruleIdx)
	out := make([]Result, len(results))
	for i, p := range results {
		r := p.res
		j, ok := idx[r.RuleID]
		if !ok {
			j = len(rules)
			idx[r.RuleID] = j
			rules = append(rules, RuleInfo{ID: r.RuleID, Level: LevelWarning})
		}
		r.RuleIndex = j
		out[i] = r
	}
	errs := slices.Clone(b.errors)
	slices.Sort(errs)
	errs = slices.Compact(errs)
	inv := Invocation{ExecutionSuccessful: len(errs) == 0}
	for _, e := range errs {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications,
			Notification{Level: LevelError, Message: Message{Text: e}})
	}
	return &Log{
		Schema:  Schema,
		Version: Version,
		Runs: []Run{{
			Tool: Tool{Driver: Driver{
				Name:           b.tool.Name,
				Version:        b.tool.Version,
				InformationURI: b.tool.InformationURI,
				Rules:          describeRules(rules),
			}},
			Invocations:        []Invocation{inv},
			OriginalURIBaseIDs: map[string]ArtifactLocation{SrcRoot: {URI: dirURI(b.base)}},
			Results:            out,
			ColumnKind:         "utf16CodeUnits",
		}},
	}
}

// describeRules turns rule infos into SARIF rules.
func describeRules(infos []RuleInfo) []Rule {
	rules := make([]Rule, len(infos))
	for i, r := range infos {
		rule := Rule{ID: r.ID, HelpURI: r.HelpURI}
		if r.Title != "" {
			rule.ShortDescription = &MultiformatMessage{Text: r.Title}
		}
		if r.Markdown != "" {
			text := plainText(r.Markdown)
			rule.FullDescription = &MultiformatMessage{Text: text}
			// Code scanning shows help.markdown as the rule's help.
			rule.Help = &MultiformatMessage{Text: text, Markdown: r.Markdown}
		}
		if r.Level != "" {
			rule.DefaultConfiguration = &ReportingConfiguration{Level: r.Level}
		}
		rules[i] = rule
	}
	return rules
}

// plainText turns the little Markdown the rule docs use into plain text:
// code spans lose their backquotes, links keep their text.
func plainText(md string) string {
	var b strings.Builder
	for i := 0; i < len(md); i++ {
		switch c := md[i]; c {
		case '`':
			continue
		case '[':
			// [text](target) -> text
			if mid := strings.Index(md[i:], "]("); mid > 0 {
				if end := strings.IndexByte(md[i+mid:], ')'); end > 0 {
					b.WriteString(strings.ReplaceAll(md[i+1:i+mid], "`", ""))
					i += mid + end
					continue
				}
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// WriteTo writes the log as indented JSON followed by a newline.
func (l *Log) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // messages quote Go code: keep < > & readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(l); err != nil {
		return 0, err
	}
	n, err := w.Write(buf.Bytes())
	return int64(n), err
}

// location returns the location of the span start-end (end is the zero
// Position when the diagnostic has no end).
func (b *Builder) location(start, end token.Position) Location {
	return Location{PhysicalLocation: PhysicalLocation{
		ArtifactLocation: b.artifact(start.Filename),
		Region:           b.region(start, end, true),
	}}
}

// artifact names a file: relative to the source root when it is under
// it, an absolute file: URI otherwise.
func (b *Builder) artifact(filename string) ArtifactLocation {
	abs := filename
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(b.base, abs)
	}
	if rel, err := filepath.Rel(b.base, abs); err == nil && filepath.IsLocal(rel) {
		u := url.URL{Path: filepath.ToSlash(rel)}
		// String, not EscapedPath: it adds "./" before a first segment
		// with a colon, which would otherwise read as a scheme.
		return ArtifactLocation{URI: u.String(), URIBaseID: SrcRoot}
	}
	return ArtifactLocation{URI: fileURI(abs)}
}

// fileURI returns the file: URI of an absolute path.
func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/...
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// dirURI returns the file: URI of a directory, ending in a slash as a
// base URI must.
func dirURI(dir string) string {
	u := fileURI(dir)
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// region returns the region of start-end, or nil when start has no
// line. Columns are given only when they can be counted in UTF-16 code
// units, that is when the file can be read. Without an end, the region
// is the Go token at start when token is set, or empty otherwise.
func (b *Builder) region(start, end token.Position, tok bool) *Region {
	if start.Line <= 0 {
		return nil
	}
	r := &Region{StartLine: start.Line}
	src := b.source(start.Filename)
	col, ok := src.utf16Col(start.Line, start.Column)
	if ok {
		r.StartColumn = col
	}
	switch {
	case end.IsValid() && end.Filename == start.Filename && end.Line >= start.Line:
		r.EndLine = end.Line
		if ecol, eok := src.utf16Col(end.Line, end.Column); ok && eok {
			r.EndColumn = ecol
		}
	case ok:
		r.EndLine = start.Line
		r.EndColumn = col
		if tok {
			r.EndColumn += src.tokenLen(start.Line, start.Column)
		}
	}
	if r.EndLine == r.StartLine && r.EndColumn < r.StartColumn {
		r.EndColumn = r.StartColumn
	}
	return r
}

// fix converts a suggested fix. Edits change the file as it is on
// disk, so their positions ignore //line directives.
func (b *Builder) fix(fset *token.FileSet, sf analysis.SuggestedFix) Fix {
	f := Fix{}
	if sf.Message != "" {
		f.Description = &Message{Text: sf.Message}
	}
	byFile := make(map[string]int)
	for _, e := range sf.TextEdits {
		start := fset.PositionFor(e.Pos, false)
		end := start
		if e.End.IsValid() {
			end = fset.PositionFor(e.End, false)
		}
		i, ok := byFile[start.Filename]
		if !ok {
			i = len(f.ArtifactChanges)
			byFile[start.Filename] = i
			f.ArtifactChanges = append(f.ArtifactChanges, ArtifactChange{ArtifactLocation: b.artifact(start.Filename)})
		}
		reg := Region{}
		if r := b.region(start, end, false); r != nil && r.StartColumn > 0 && r.EndColumn > 0 {
			reg = *r
		}
		off, n := start.Offset, max(end.Offset-start.Offset, 0)
		reg.ByteOffset, reg.ByteLength = &off, &n
		rep := Replacement{DeletedRegion: reg}
		if len(e.NewText) > 0 {
			rep.InsertedContent = &ArtifactContent{Text: string(e.NewText)}
		}
		f.ArtifactChanges[i].Replacements = append(f.ArtifactChanges[i].Replacements, rep)
	}
	return f
}

// source is a file's content split into lines; nil when unreadable.
type source struct {
	lines [][]byte // without the newline
}

func (b *Builder) source(filename string) *source {
	if s, ok := b.files[filename]; ok {
		return s
	}
	var s *source
	if data, err := b.readFile(filename); err == nil {
		s = &source{lines: bytes.Split(data, []byte("\n"))}
	}
	b.files[filename] = s
	return s
}

// utf16Col converts a 1-based byte column on a 1-based line into a
// 1-based column in UTF-16 code units. A column one past the end of the
// line (the position of its newline, or of the end of the file) is
// valid.
func (s *source) utf16Col(line, col int) (int, bool) {
	if s == nil || line < 1 || line > len(s.lines) || col < 1 || col-1 > len(s.lines[line-1]) {
		return 0, false
	}
	return 1 + utf16Len(s.lines[line-1][:col-1]), true
}

// utf16Len returns the length of p in UTF-16 code units. An invalid
// byte counts as U+FFFD, one unit.
func utf16Len(p []byte) int {
	n := 0
	for len(p) > 0 {
		r, size := utf8.DecodeRune(p)
		p = p[size:]
		n++
		if r >= 0x10000 {
			n++ // a surrogate pair
		}
	}
	return n
}

// tokenLen returns the length, in UTF-16 code units, of the Go token at
// a 1-based byte column of a line, or 0 when there is none (the line
// ends there, or a token that spans lines, such as a raw string, starts
// there).
func (s *source) tokenLen(line, col int) int {
	if s == nil || line < 1 || line > len(s.lines) || col < 1 || col-1 >= len(s.lines[line-1]) {
		return 0
	}
	rest := s.lines[line-1][col-1:]
	var sc scanner.Scanner
	fset := token.NewFileSet()
	failed := false
	file := fset.AddFile("", -1, len(rest))
	sc.Init(file, rest, func(token.Position, string) { failed = true }, scanner.ScanComments)
	pos, tok, lit := sc.Scan()
	if failed || tok == token.EOF || tok == token.ILLEGAL || file.Offset(pos) != 0 {
		return 0 // an error, or the position is not at a token
	}
	text := lit
	if text == "" || tok == token.SEMICOLON {
		text = tok.String()
		if tok == token.SEMICOLON {
			text = ";"
			if lit != ";" {
				return 0 // an inserted semicolon
			}
		}
	}
	return utf16Len([]byte(text))
}
