package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
)

// Classes of an explained miss.
const (
	classNotLeak = "not-a-leak" // deleting the statement creates no leak: excluded from recall
	classExempt  = "exempt"     // a leak the contract (SPEC.md) tells acmlint not to report here
	classGap     = "gap"        // a leak acmlint should report: an engine gap
)

// notes are the hand-written explanations of misses, one a line:
//
//	MODULE FILE:LINE CLASS: WHY
//
// where MODULE is the module path, FILE:LINE the deleted statement's
// position relative to the module root, and CLASS one of not-a-leak,
// exempt, gap. A line
//
//	gap N: DESCRIPTION
//
// describes engine gap N, which the WHY of gap notes refer to as "gap N".
// Blank lines and lines starting with # are ignored.
type notes struct {
	byKey map[string]note
	used  map[string]bool
	gaps  []gapDef
}

// gapDef describes one engine gap.
type gapDef struct {
	ID   string // "gap 1"
	Text string
}

type note struct {
	class, why string
	line       int
}

func loadNotes(file string) (*notes, error) {
	n := &notes{byKey: make(map[string]note), used: make(map[string]bool)}
	f, err := os.Open(file)
	if errors.Is(err, os.ErrNotExist) {
		return n, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for ln := 1; sc.Scan(); ln++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.SplitN(line, " ", 3)
		if len(fields) == 3 && fields[0] == "gap" && strings.HasSuffix(fields[1], ":") {
			n.gaps = append(n.gaps, gapDef{ID: "gap " + strings.TrimSuffix(fields[1], ":"), Text: strings.TrimSpace(fields[2])})
			continue
		}
		if len(fields) < 3 {
			return nil, fmt.Errorf("%s:%d: want MODULE FILE:LINE CLASS: WHY", file, ln)
		}
		class, why, ok := strings.Cut(fields[2], ":")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want CLASS: WHY after the position", file, ln)
		}
		switch class {
		case classNotLeak, classExempt, classGap:
		default:
			return nil, fmt.Errorf("%s:%d: unknown class %q (want %s, %s or %s)", file, ln, class, classNotLeak, classExempt, classGap)
		}
		key := fields[0] + " " + fields[1]
		if _, dup := n.byKey[key]; dup {
			return nil, fmt.Errorf("%s:%d: %s explained twice", file, ln, key)
		}
		n.byKey[key] = note{class: class, why: strings.TrimSpace(why), line: ln}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return n, nil
}

// apply explains a missed mutant from the notes, or from what the site
// finder decided (an exempt enter wrapper).
func (n *notes) apply(module string, r *Result) {
	key := module + " " + r.ID()
	nt, ok := n.byKey[key]
	if r.Status != statusMissed {
		return
	}
	if ok {
		n.used[key] = true
		r.Class, r.Why = nt.class, nt.why
		if nt.class == classNotLeak {
			r.Status = statusNotLeak
		}
		return
	}
	if r.Exempt != "" {
		r.Class, r.Why = classExempt, r.Exempt
	}
}

// unused returns the notes that explained no miss (stale: the mutant is
// detected now, or no longer sampled), sorted.
func (n *notes) unused() []string {
	var out []string
	for k := range n.byKey {
		if !n.used[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
