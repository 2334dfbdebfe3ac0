package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNotes(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		f := filepath.Join(dir, "notes.txt")
		if err := os.WriteFile(f, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return f
	}
	for _, bad := range []struct{ text, want string }{
		{"m a.go:1 gaps: x\n", `unknown class "gaps"`},
		{"m a.go:1\n", "want MODULE FILE:LINE CLASS: WHY"},
		{"m a.go:1 gap x\n", "want CLASS: WHY"},
		{"m a.go:1 gap: x\nm a.go:1 exempt: y\n", "explained twice"},
	} {
		if _, err := loadNotes(write(bad.text)); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: err = %v, want %q", bad.text, err, bad.want)
		}
	}
	n, err := loadNotes(write("# comment\n\nm a.go:1 not-a-leak: closed twice\nm a.go:2 gap: engine\nm a.go:3 gap: stale\n"))
	if err != nil {
		t.Fatal(err)
	}
	miss := func(line int) *Result {
		return &Result{Site: Site{File: "a.go", Line: line}, Status: statusMissed}
	}
	r1, r2 := miss(1), miss(2)
	n.apply("m", r1)
	n.apply("m", r2)
	if r1.Status != statusNotLeak || r1.Why != "closed twice" {
		t.Errorf("not-a-leak note: status %s, why %q", r1.Status, r1.Why)
	}
	if r2.Status != statusMissed || r2.Class != classGap {
		t.Errorf("gap note: status %s, class %s", r2.Status, r2.Class)
	}
	// A detected mutant uses no note; an exempt site explains itself.
	det := &Result{Site: Site{File: "a.go", Line: 3}, Status: statusDetected}
	n.apply("m", det)
	if det.Class != "" {
		t.Errorf("detected mutant got class %q", det.Class)
	}
	ex := miss(4)
	ex.Exempt = "lock helper"
	n.apply("m", ex)
	if ex.Class != classExempt || ex.Why != "lock helper" {
		t.Errorf("exempt site: class %q, why %q", ex.Class, ex.Why)
	}
	if got := strings.Join(n.unused(), ","); got != "m a.go:3" {
		t.Errorf("unused notes = %q, want m a.go:3", got)
	}
	if n, err := loadNotes(filepath.Join(dir, "missing.txt")); err != nil || len(n.byKey) != 0 {
		t.Errorf("missing notes file: %v, %d notes", err, len(n.byKey))
	}
}

func TestMentionsGap(t *testing.T) {
	for why, want := range map[string]bool{
		"gap 1. x":          true,
		"gap 12. x":         false,
		"gap 2 (and gap 1)": true,
		"gap 1":             true,
		"no gap":            false,
	} {
		if got := mentionsGap(why, "gap 1"); got != want {
			t.Errorf("mentionsGap(%q, gap 1) = %v, want %v", why, got, want)
		}
	}
}

// The committed notes parse, and every gap note names a described gap.
func TestCommittedNotes(t *testing.T) {
	n, err := loadNotes("notes.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(n.gaps) == 0 {
		t.Fatal("notes.txt describes no gaps")
	}
	for key, nt := range n.byKey {
		if nt.class != classGap {
			continue
		}
		found := false
		for _, g := range n.gaps {
			found = found || mentionsGap(nt.why, g.ID)
		}
		if !found {
			t.Errorf("%s: gap note names no described gap: %s", key, nt.why)
		}
	}
}

func TestNames(t *testing.T) {
	for _, tc := range []struct {
		msg, res string
		want     bool
	}{
		{"c.mu is locked at line 3 but not unlocked", "c.mu", true},
		{"cc.mu is locked at line 3", "c.mu", false},
		{"c.mux is locked at line 3", "c.mu", false},
		{"the error of f.Close is dropped", "f", true},
		{"ac.cancel is created at line 949", "cancel", false},
		{"cancel is created at line 9", "cancel", true},
		{"resp.Body is obtained at line 4", "resp.Body", true},
	} {
		if got := names(tc.msg, tc.res); got != tc.want {
			t.Errorf("names(%q, %q) = %v, want %v", tc.msg, tc.res, got, tc.want)
		}
	}
}
