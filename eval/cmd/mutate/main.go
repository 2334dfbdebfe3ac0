// Command mutate measures acmlint's recall on injected leaks in real code.
//
// For each module of the pinned corpus it finds the release statements of
// acmlint's built-in protocols — a deferred Unlock, Close, cancel(), End(),
// Rollback(), Release(), and explicit releases on branches that end in a
// return — in functions that also make the matching acquisition. Each
// mutant deletes one such statement (keeping the code compiling), and the
// mutant package is run under go vet -vettool=acmlint with an overlay. A
// mutant is detected when acmlint reports, inside the mutated function, a
// diagnostic it did not report on the unmutated package.
//
// Usage, from the repository root:
//
//	go run ./eval/cmd/mutate [-corpus eval/corpus.txt] [-work DIR] [-max 100] [-seed 1] [-o eval/mutation.md]
//
// The report (-o) gives recall overall, per protocol and per module, and
// lists every miss with the reason from the notes file (-notes); the
// results are also written as JSON (-json).
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/acmlint/acmlint/eval/internal/corpus"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// options are the command's flags.
type options struct {
	corpus   string
	work     string
	max      int
	seed     uint64
	out      string
	jsonOut  string
	notes    string
	scratch  string
	acmlint  string
	modules  string
	jobs     int
	timeout  time.Duration
	progress bool
}

func run(args []string) int {
	var o options
	fs := flag.NewFlagSet("mutate", flag.ContinueOnError)
	fs.StringVar(&o.corpus, "corpus", "eval/corpus.txt", "the pinned corpus `file`")
	fs.StringVar(&o.work, "work", corpus.DefaultWork(), "`dir` of the prepared corpus modules (shared with the other eval commands)")
	fs.IntVar(&o.max, "max", 100, "mutants run per module (at most; exempt lock helpers come on top, -max/8 of them)")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the per-module sample")
	fs.StringVar(&o.out, "o", "eval/mutation.md", "the Markdown report `file`")
	fs.StringVar(&o.jsonOut, "json", "", "the JSON results `file` (default: -o with .json)")
	fs.StringVar(&o.notes, "notes", "eval/cmd/mutate/notes.txt", "explanations of misses `file` (see notes.go)")
	fs.StringVar(&o.scratch, "scratch", "", "`dir` for the mutants and their overlays (default: mutants next to -work)")
	fs.StringVar(&o.acmlint, "acmlint", "", "acmlint `binary` (default: build ./cmd/acmlint into the work dir)")
	fs.StringVar(&o.modules, "modules", "", "comma-separated module paths: only these corpus entries")
	fs.IntVar(&o.jobs, "j", 2, "mutants run at once")
	fs.DurationVar(&o.timeout, "timeout", 5*time.Minute, "time limit of one go vet run")
	fs.BoolVar(&o.progress, "v", false, "print each mutant's outcome as it runs")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || o.max <= 0 || o.jobs <= 0 {
		fmt.Fprintln(os.Stderr, "usage: mutate [flags]; mutate -h for the flags")
		return 2
	}
	if o.jsonOut == "" {
		o.jsonOut = strings.TrimSuffix(o.out, filepath.Ext(o.out)) + ".json"
	}
	if err := mutate(o); err != nil {
		fmt.Fprintln(os.Stderr, "mutate:", err)
		return 1
	}
	return 0
}

func mutate(o options) error {
	mods, err := corpus.Load(o.corpus)
	if err != nil {
		return err
	}
	if o.modules != "" {
		want := make(map[string]bool)
		for _, m := range strings.Split(o.modules, ",") {
			want[strings.TrimSpace(m)] = true
		}
		var keep []corpus.Module
		for _, m := range mods {
			if want[m.Path] {
				keep = append(keep, m)
				delete(want, m.Path)
			}
		}
		for m := range want {
			return fmt.Errorf("-modules: %s is not in %s", m, o.corpus)
		}
		mods = keep
	}
	notes, err := loadNotes(o.notes)
	if err != nil {
		return err
	}
	work, err := filepath.Abs(o.work)
	if err != nil {
		return err
	}
	// Each mutant (a mutated file and its overlay) has a fixed path in
	// the scratch dir, a function of the module and the site: go vet
	// caches its output by the content of the files, not their paths, so
	// a mutant must be at the same path in every run for a cached report
	// to name it. It also makes a re-run with an unchanged acmlint cheap.
	scratch := o.scratch
	if scratch == "" {
		scratch = filepath.Join(filepath.Dir(work), "mutants")
	}
	if scratch, err = filepath.Abs(scratch); err != nil {
		return err
	}
	bin := o.acmlint
	if bin == "" {
		bin = filepath.Join(scratch, "acmlint")
		cmd := exec.Command("go", "build", "-o", bin, "./cmd/acmlint")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("building acmlint (run from the repository root): %v", err)
		}
	} else if bin, err = filepath.Abs(bin); err != nil {
		return err
	}
	start := time.Now()
	rep := &Report{Seed: o.seed, Max: o.max}
	for _, m := range mods {
		fmt.Fprintf(os.Stderr, "mutate: %s\n", m)
		mr, err := mutateModule(o, bin, work, scratch, m, notes)
		if err != nil {
			return err
		}
		rep.Modules = append(rep.Modules, mr)
	}
	rep.Elapsed = time.Since(start).Round(time.Second).String()
	rep.gaps = notes.gaps
	for _, k := range notes.unused() {
		for _, m := range mods {
			if strings.HasPrefix(k, m.Path+" ") {
				rep.unusedNotes = append(rep.unusedNotes, k)
			}
		}
	}
	if err := writeJSON(o.jsonOut, rep); err != nil {
		return err
	}
	return os.WriteFile(o.out, []byte(rep.Markdown()), 0o644)
}
