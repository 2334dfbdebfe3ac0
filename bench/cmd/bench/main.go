// Command bench measures what acmlint costs against two references, in the
// same run: the floor (an analyzer that only requires buildssa: loading,
// type-checking and SSA, which every SSA analyzer pays) and the four linters
// acmlint replaces run together (lostcancel, bodyclose, sqlclosecheck,
// spancheck). It times each of the three binaries over every corpus module
// and over std, interleaved (the order of the three rotates per
// repetition, so drift in machine load spreads over all of them), and
// writes wall time, user+system CPU time, peak RSS and the ratios
// acmlint/floor and acmlint/four.
//
// Run it from the bench module:
//
//	cd bench && go run ./cmd/bench [-reps 3] [-std-reps 1] [-std=false] [-tests=false] [-only SUBSTR] [-o results.md]
//
// The std runs take about 11 GB of memory each; they run strictly one
// after another.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"
)

// tools are the compared binaries, built by this module: acmlint through
// the replace directive, so all three share one x/tools version.
var tools = [...]struct{ name, pkg string }{
	{"floor", "./cmd/floor"},
	{"acmlint", "github.com/acmlint/acmlint/cmd/acmlint"},
	{"four", "./cmd/four"},
	{"floorfacts", "./cmd/floorfacts"},
}

// Indexes into tools.
const (
	floor = iota
	acm
	four
	floorfacts
)

// target is something to analyse: a prepared corpus module or std.
type target struct {
	name, dir, pattern string
	env                []string
}

// sample is one timed run.
type sample struct {
	wall, cpu time.Duration
	maxRSS    int64 // bytes
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("bench: ")
	reps := flag.Int("reps", 3, "repetitions per corpus module")
	stdReps := flag.Int("std-reps", 1, "repetitions over std (each run takes about 11 GB)")
	withStd := flag.Bool("std", true, "also measure std")
	only := flag.String("only", "", "measure only corpus modules whose path contains this (\"-\" for none)")
	out := flag.String("o", "results.md", "results file to write")
	repo := flag.String("repo", "..", "root of the acmlint repository (holds eval/corpus.txt)")
	tests := flag.Bool("tests", true, "analyse test files too (each tool's -test flag)")
	flag.Parse()

	binDir, err := os.MkdirTemp("", "acmlint-bench-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(binDir)
	args := []string{"build", "-o", binDir + string(filepath.Separator)}
	for _, t := range tools {
		args = append(args, t.pkg)
	}
	log.Printf("building %d binaries", len(tools))
	if out, err := exec.Command("go", args...).CombinedOutput(); err != nil {
		log.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}

	var targets []target
	if *only != "-" {
		targets, err = corpusTargets(*repo, *only)
		if err != nil {
			log.Fatal(err)
		}
	}
	if *withStd {
		targets = append(targets, target{name: "std", dir: binDir, pattern: "std",
			env: append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local")})
	}

	loadBefore := loadavg()
	start := time.Now()
	results := make([][][]sample, len(targets)) // [target][tool][rep]
	for i, tg := range targets {
		n := *reps
		if tg.name == "std" {
			n = *stdReps
		}
		results[i] = make([][]sample, len(tools))
		for rep := range n {
			for k := range tools {
				j := (k + rep) % len(tools) // rotate the order per repetition
				s, err := run(filepath.Join(binDir, tools[j].name), tg, *tests)
				if err != nil {
					log.Fatalf("%s over %s: %v", tools[j].name, tg.name, err)
				}
				log.Printf("%s %s rep %d: %.2fs wall, %.2fs cpu, %d MiB", tg.name, tools[j].name, rep+1, s.wall.Seconds(), s.cpu.Seconds(), s.maxRSS>>20)
				results[i][j] = append(results[i][j], s)
			}
		}
	}

	var buf bytes.Buffer
	writeResults(&buf, header{
		command:  "cd bench && go run ./cmd/bench " + strings.Join(os.Args[1:], " "),
		machine:  machine(),
		date:     start.UTC().Format("2006-01-02 15:04 MST"),
		duration: time.Since(start),
		load:     fmt.Sprintf("%s at the start, %s at the end", loadBefore, loadavg()),
		reps:     *reps, stdReps: *stdReps, tests: *tests,
	}, targets, results)
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s", *out)
}

// corpusTargets prepares the corpus modules (through eval/cmd/corpus, which
// owns preparation) and returns them as targets.
func corpusTargets(repo, only string) ([]target, error) {
	cmd := exec.Command("go", "run", "./eval/cmd/corpus", "-prepare", "-only", only)
	cmd.Dir = repo
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("preparing the corpus: %v", err)
	}
	// The prepared copies build with -mod=mod (see eval/internal/corpus.Env).
	env := append(os.Environ(), "GOFLAGS=-mod=mod -buildvcs=false", "GOWORK=off", "GOTOOLCHAIN=local")
	var targets []target
	for line := range strings.Lines(string(out)) {
		name, dir, ok := strings.Cut(strings.TrimSpace(line), "\t")
		if !ok {
			return nil, fmt.Errorf("unexpected line from eval/cmd/corpus -prepare: %q", line)
		}
		targets = append(targets, target{name: name, dir: dir, pattern: "./...", env: env})
	}
	return targets, nil
}

// run runs bin -json pattern in the target's directory and measures it.
// -json makes every tool exit 0 with findings and print comparable output.
func run(bin string, tg target, tests bool) (sample, error) {
	cmd := exec.Command(bin, "-json", fmt.Sprintf("-test=%t", tests), tg.pattern)
	cmd.Dir = tg.dir
	cmd.Env = tg.env
	cmd.Stdout = io.Discard
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	t0 := time.Now()
	err := cmd.Run()
	s := sample{wall: time.Since(t0)}
	if err != nil {
		return s, fmt.Errorf("%v: %s", err, firstLines(stderr.String(), 5))
	}
	ps := cmd.ProcessState
	s.cpu = ps.UserTime() + ps.SystemTime()
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		s.maxRSS = int64(ru.Maxrss) * 1024 // kilobytes on Linux
	}
	return s, nil
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(strings.TrimSpace(s), "\n", n+1)
	if len(lines) > n {
		lines[n] = "..."
	}
	return strings.Join(lines, "\n")
}

// median returns the median sample field by field (each of wall, CPU and
// RSS independently), so one disturbed run does not skew any of them.
func median(ss []sample) sample {
	pick := func(get func(sample) int64) int64 {
		v := make([]int64, len(ss))
		for i, s := range ss {
			v[i] = get(s)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	return sample{
		wall:   time.Duration(pick(func(s sample) int64 { return int64(s.wall) })),
		cpu:    time.Duration(pick(func(s sample) int64 { return int64(s.cpu) })),
		maxRSS: pick(func(s sample) int64 { return s.maxRSS }),
	}
}

type header struct {
	command, machine, date, load string
	duration                     time.Duration
	reps, stdReps                int
	tests                        bool
}

// writeResults renders the Markdown results: per target, the median of
// each tool, then the ratios; the corpus total sums the medians (its RSS is
// the largest).
func writeResults(w io.Writer, h header, targets []target, results [][][]sample) {
	fmt.Fprintf(w, "# acmlint benchmark results\n\n")
	fmt.Fprintf(w, "- command: `%s`\n- date: %s (whole run %s)\n- machine: %s\n- load average: %s\n",
		strings.TrimSpace(h.command), h.date, h.duration.Round(time.Second), h.machine, h.load)
	fmt.Fprintf(w, "- medians of %d runs per corpus module and %d over std; each run is one process with `-json -test=%t`; ", h.reps, h.stdReps, h.tests)
	fmt.Fprintf(w, "CPU is user+system time, RSS the peak resident set\n")
	fmt.Fprintf(w, "- floor: an analyzer that only requires buildssa; floorfacts: the same with a fact type, so it also runs on every dependency (as acmlint must); ")
	fmt.Fprintf(w, "four: lostcancel + bodyclose + sqlclosecheck + spancheck in one multichecker\n\n")

	type line struct {
		name string
		m    [len(tools)]sample
	}
	var lines []line
	var sum line
	corpusN := 0
	for i, tg := range targets {
		l := line{name: tg.name}
		for j := range tools {
			l.m[j] = median(results[i][j])
		}
		lines = append(lines, l)
		if tg.name != "std" {
			corpusN++
			for j := range l.m {
				sum.m[j].wall += l.m[j].wall
				sum.m[j].cpu += l.m[j].cpu
				sum.m[j].maxRSS = max(sum.m[j].maxRSS, l.m[j].maxRSS)
			}
		}
	}
	if corpusN > 1 {
		sum.name = fmt.Sprintf("**corpus total (%d modules)**", corpusN)
		lines = append(lines, sum)
	}

	sec := func(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
	mib := func(b int64) string { return fmt.Sprintf("%d MiB", b>>20) }
	fmt.Fprintf(w, "## Measurements\n\n| target |")
	for _, what := range []string{"wall", "CPU", "peak RSS"} {
		for _, t := range tools {
			fmt.Fprintf(w, " %s %s |", t.name, what)
		}
	}
	fmt.Fprintf(w, "\n|---|%s\n", strings.Repeat("--:|", 3*len(tools)))
	for _, l := range lines {
		fmt.Fprintf(w, "| %s |", l.name)
		for _, s := range l.m {
			fmt.Fprintf(w, " %s |", sec(s.wall))
		}
		for _, s := range l.m {
			fmt.Fprintf(w, " %s |", sec(s.cpu))
		}
		for _, s := range l.m {
			fmt.Fprintf(w, " %s |", mib(s.maxRSS))
		}
		fmt.Fprintf(w, "\n")
	}

	ratio := func(a, b float64) string {
		if b == 0 {
			return "-"
		}
		return fmt.Sprintf("%.2f", a/b)
	}
	fmt.Fprintf(w, "\n## Ratios\n\n")
	fmt.Fprintf(w, "| target | acmlint/floor wall | acmlint/floor CPU | acmlint/floor RSS | acmlint/floorfacts wall | acmlint/floorfacts CPU | acmlint/floorfacts RSS | acmlint/four wall | acmlint/four CPU | acmlint/four RSS |\n")
	fmt.Fprintf(w, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, l := range lines {
		fmt.Fprintf(w, "| %s |", l.name)
		for _, ref := range []int{floor, floorfacts, four} {
			a, b := l.m[acm], l.m[ref]
			fmt.Fprintf(w, " %s | %s | %s |", ratio(a.wall.Seconds(), b.wall.Seconds()), ratio(a.cpu.Seconds(), b.cpu.Seconds()), ratio(float64(a.maxRSS), float64(b.maxRSS)))
		}
		fmt.Fprintf(w, "\n")
	}
}

// machine describes the CPU, memory and Go version.
func machine() string {
	cpu := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.Lines(string(data)) {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := ""
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		for line := range strings.Lines(string(data)) {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
				var kb int64
				fmt.Sscan(f[1], &kb)
				mem = fmt.Sprintf(", %.0f GiB RAM", float64(kb)/(1<<20))
			}
		}
	}
	return fmt.Sprintf("%s, %d CPUs%s, %s %s/%s", cpu, runtime.NumCPU(), mem, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// loadavg returns the 1-minute load average, or "?" off Linux.
func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	if f := strings.Fields(string(data)); len(f) > 0 {
		return f[0]
	}
	return "?"
}
