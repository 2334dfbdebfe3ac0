package corpus

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Finding is one diagnostic from acmlint -json output.
type Finding struct {
	File     string // relative to the analysed root when under it, else as printed
	Line     int
	Col      int
	Category string // the check name, "skipped" or "internal-error"
	Message  string
}

// Pos returns file:line:col.
func (f Finding) Pos() string { return fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Col) }

// Output is acmlint -json output, decoded.
type Output struct {
	// Findings are the diagnostics of the named analyzer, deduplicated (a
	// package and its test variant report the same non-test finding) and
	// sorted by file, line, column, category and message.
	Findings []Finding
	// Errors are per-package analysis errors ("pkg: message"), sorted.
	Errors []string
}

// ParseOutput decodes the JSON tree printed by an x/tools checker run with
// -json: {package ID: {analyzer name: [diagnostic...] or {"error": msg}}}.
// Only the named analyzer's entries are kept. Positions under root are made
// relative to it (with forward slashes) so reports do not depend on where
// the corpus was prepared.
func ParseOutput(data []byte, analyzer, root string) (*Output, error) {
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(data, &tree); err != nil {
		return nil, fmt.Errorf("decoding -json output: %v", err)
	}
	type diag struct {
		Category string `json:"category"`
		Posn     string `json:"posn"`
		Message  string `json:"message"`
	}
	out := new(Output)
	seen := make(map[Finding]bool)
	for pkg, byAnalyzer := range tree {
		raw, ok := byAnalyzer[analyzer]
		if !ok {
			continue
		}
		var diags []diag
		if err := json.Unmarshal(raw, &diags); err != nil {
			var e struct {
				Error string `json:"error"`
			}
			if err2 := json.Unmarshal(raw, &e); err2 != nil || e.Error == "" {
				return nil, fmt.Errorf("package %s: unexpected result %s", pkg, raw)
			}
			out.Errors = append(out.Errors, pkg+": "+e.Error)
			continue
		}
		for _, d := range diags {
			file, line, col, err := splitPosn(d.Posn)
			if err != nil {
				return nil, fmt.Errorf("package %s: %v", pkg, err)
			}
			if root != "" {
				if rel, err := filepath.Rel(root, file); err == nil && !strings.HasPrefix(rel, "..") {
					file = filepath.ToSlash(rel)
				}
			}
			f := Finding{File: file, Line: line, Col: col, Category: d.Category, Message: d.Message}
			if !seen[f] {
				seen[f] = true
				out.Findings = append(out.Findings, f)
			}
		}
	}
	SortFindings(out.Findings)
	sort.Strings(out.Errors)
	return out, nil
}

// SortFindings sorts by file, line, column, category and message.
func SortFindings(fs []Finding) {
	sort.Slice(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Category != b.Category {
			return a.Category < b.Category
		}
		return a.Message < b.Message
	})
}

// splitPosn splits "file:line:col" (the file may itself hold colons).
func splitPosn(posn string) (file string, line, col int, err error) {
	rest, c, ok1 := cutLast(posn, ":")
	file, l, ok2 := cutLast(rest, ":")
	if ok1 && ok2 {
		line, err1 := strconv.Atoi(l)
		col, err2 := strconv.Atoi(c)
		if err1 == nil && err2 == nil && file != "" {
			return file, line, col, nil
		}
	}
	return "", 0, 0, fmt.Errorf("bad position %q", posn)
}

func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}
