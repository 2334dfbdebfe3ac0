// Command corpus runs acmlint over the pinned corpus of real modules (and,
// with -std, the standard library) and writes a report: per module, the
// findings per check, wall time, CPU time, peak memory, skipped functions,
// internal errors and package errors. It also writes every finding, in a
// deterministic order, for triage.
//
//	go run ./eval/cmd/corpus [-corpus eval/corpus.txt] [-work DIR] [-std] [-o eval/report.md] [-findings eval/findings.txt]
//
// With -prepare it only prepares the modules and prints where they are.
//
// Each module is prepared once (see eval/internal/corpus) in the work
// directory, and analysed by one acmlint process (acmlint -json ./...), so
// the time and peak RSS are that process's own.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/acmlint/acmlint/eval/internal/corpus"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("corpus: ")
	corpusFile := flag.String("corpus", "eval/corpus.txt", "the pinned module list")
	work := flag.String("work", corpus.DefaultWork(), "directory for the prepared module copies (reused across runs)")
	withStd := flag.Bool("std", false, "also analyse the standard library (one process, about 11 GB of memory)")
	reportFile := flag.String("o", "eval/report.md", "report to write")
	findingsFile := flag.String("findings", "eval/findings.txt", "every finding, one per line, to write")
	only := flag.String("only", "", "analyse only the modules whose path contains this string")
	acmlintBin := flag.String("acmlint", "", "acmlint binary to use (default: build ./cmd/acmlint)")
	prepareOnly := flag.Bool("prepare", false, "only prepare the modules and print one \"module@version<TAB>dir\" line each (for bench/cmd/bench)")
	flag.Parse()
	if flag.NArg() > 0 {
		log.Fatalf("unexpected arguments %q", flag.Args())
	}

	mods, err := corpus.Load(*corpusFile)
	if err != nil {
		log.Fatal(err)
	}
	if *prepareOnly {
		for _, m := range mods {
			if *only != "" && !strings.Contains(m.Path, *only) {
				continue
			}
			dir, err := corpus.Prepare(*work, m)
			if err != nil {
				log.Fatal(err)
			}
			fmt.Printf("%s\t%s\n", m, dir)
		}
		return
	}
	bin := *acmlintBin
	if bin == "" {
		tmp, err := os.MkdirTemp("", "acmlint-corpus-bin-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(tmp)
		bin = filepath.Join(tmp, "acmlint")
		log.Printf("building acmlint")
		if out, err := exec.Command("go", "build", "-o", bin, "./cmd/acmlint").CombinedOutput(); err != nil {
			log.Fatalf("go build ./cmd/acmlint: %v\n%s", err, out)
		}
	}

	var results []*Result
	for _, m := range mods {
		if *only != "" && !strings.Contains(m.Path, *only) {
			continue
		}
		r := &Result{Name: m.String(), Protocols: m.Protocols}
		results = append(results, r)
		log.Printf("preparing %s", m)
		dir, err := corpus.Prepare(*work, m)
		if err != nil {
			r.Err = err.Error()
			log.Print(err)
			continue
		}
		r.Lines, err = countLines(dir, nil)
		if err != nil {
			log.Fatal(err)
		}
		log.Printf("analysing %s", m)
		analyse(r, bin, dir, corpus.Env(), "./...")
		log.Printf("%s: %d findings, %v, %d MiB", m, len(r.Findings), r.Wall.Round(time.Millisecond), r.MaxRSS>>20)
	}
	if *withStd {
		r := &Result{Name: "std", Protocols: "the standard library (go " + runtime.Version() + ")"}
		results = append(results, r)
		out, err := exec.Command("go", "env", "GOROOT").Output()
		if err != nil {
			log.Fatalf("go env GOROOT: %v", err)
		}
		goroot := strings.TrimSpace(string(out))
		src := filepath.Join(goroot, "src")
		// std excludes cmd; so does the line count.
		r.Lines, err = countLines(src, []string{filepath.Join(src, "cmd")})
		if err != nil {
			log.Fatal(err)
		}
		log.Printf("analysing std")
		analyse(r, bin, src, append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local"), "std")
		log.Printf("std: %d findings, %v, %d MiB", len(r.Findings), r.Wall.Round(time.Millisecond), r.MaxRSS>>20)
	}

	env := Env{
		Commit:  commit(),
		Go:      runtime.Version(),
		OS:      runtime.GOOS + "/" + runtime.GOARCH,
		CPUs:    runtime.NumCPU(),
		Command: "go run ./eval/cmd/corpus " + strings.Join(os.Args[1:], " "),
		Date:    time.Now().UTC().Format("2006-01-02"),
	}
	var report, findings bytes.Buffer
	WriteReport(&report, env, results)
	WriteFindings(&findings, results)
	if err := os.WriteFile(*reportFile, report.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*findingsFile, findings.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s and %s", *reportFile, *findingsFile)
	for _, r := range results {
		if r.Err != "" || r.Count("internal-error") > 0 {
			os.Exit(1)
		}
	}
}

// commit names the acmlint commit analysed (with "+changes" if the tree
// has uncommitted changes), or "" outside a git checkout.
func commit() string {
	out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return ""
	}
	c := strings.TrimSpace(string(out))
	if out, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no", "--", "analyzer", "cmd/acmlint").Output(); err == nil && len(out) > 0 {
		c += "+changes"
	}
	return c
}

// analyse runs acmlint -json on pattern in dir and fills r.
func analyse(r *Result, bin, dir string, env []string, pattern string) {
	cmd := exec.Command(bin, "-json", pattern)
	cmd.Dir = dir
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r.Wall = time.Since(start)
	if ps := cmd.ProcessState; ps != nil {
		r.CPU = ps.UserTime() + ps.SystemTime()
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			r.MaxRSS = int64(ru.Maxrss) * 1024 // kilobytes on Linux
		}
	}
	out, perr := corpus.ParseOutput(stdout.Bytes(), "acmlint", dir)
	if perr != nil {
		// With -json the checker exits 0 even with findings; a failure
		// here is a load error or a crash, described on stderr.
		msg := strings.TrimSpace(stderr.String())
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) || msg == "" {
			msg = fmt.Sprint(err, perr)
		}
		r.Err = firstLines(msg, 5)
		return
	}
	r.Findings, r.PkgErrors = out.Findings, out.Errors
	if err != nil {
		r.Err = firstLines(fmt.Sprintf("%v: %s", err, stderr.String()), 5)
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(strings.TrimSpace(s), "\n", n+1)
	if len(lines) > n {
		lines[n] = "..."
	}
	return strings.Join(lines, " / ")
}

// countLines counts the non-blank lines of non-test Go files under root, as
// the go command sees packages: testdata, vendor and directories starting
// with "." or "_" are left out, and so are the excluded trees.
func countLines(root string, exclude []string) (int, error) {
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			for _, x := range exclude {
				if path == x {
					return filepath.SkipDir
				}
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n += countNonBlank(data)
		return nil
	})
	return n, err
}

func countNonBlank(data []byte) int {
	n := 0
	for line := range bytes.Lines(data) {
		if len(bytes.TrimSpace(line)) > 0 {
			n++
		}
	}
	return n
}
