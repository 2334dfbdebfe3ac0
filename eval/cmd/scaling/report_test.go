package main

import (
	"go/parser"
	"go/token"
	"math"
	"strings"
	"testing"
	"time"
)

func TestLogLogSlope(t *testing.T) {
	var linear, quadratic []Func
	for _, b := range []int{20, 40, 80, 160, 320, 640} {
		linear = append(linear, Func{Blocks: b, Time: time.Duration(b) * time.Microsecond})
		quadratic = append(quadratic, Func{Blocks: b, Time: time.Duration(b*b) * time.Microsecond})
	}
	// Small functions are left out of the fit: this one would pull the
	// linear slope far from 1.
	linear = append(linear, Func{Blocks: 2, Time: time.Second})
	for _, tc := range []struct {
		name  string
		funcs []Func
		want  float64
	}{{"linear", linear, 1}, {"quadratic", quadratic, 2}} {
		slope, r2, n := logLogSlope(tc.funcs, 20)
		if math.Abs(slope-tc.want) > 1e-9 || math.Abs(r2-1) > 1e-9 || n != 6 {
			t.Errorf("%s: slope %v, r2 %v, n %d; want slope %v, r2 1, n 6", tc.name, slope, r2, n, tc.want)
		}
	}
	if _, _, n := logLogSlope([]Func{{Blocks: 50, Time: 0}}, 20); n != 0 {
		t.Errorf("a zero time was fitted")
	}
}

func TestQuantile(t *testing.T) {
	var s []time.Duration
	for i := 1; i <= 100; i++ {
		s = append(s, time.Duration(i))
	}
	if got := quantile(s, 0.5); got != 50 {
		t.Errorf("median = %v, want 50", got)
	}
	if got := quantile(s, 0.99); got != 99 {
		t.Errorf("p99 = %v, want 99", got)
	}
	if got := quantile(s[:1], 0.99); got != 1 {
		t.Errorf("p99 of one = %v", got)
	}
}

func TestWriteScaling(t *testing.T) {
	funcs := []Func{
		{Module: "m", Name: "small", Pos: "a.go:1", Blocks: 5, Instrs: 20, Time: 10 * time.Microsecond},
		{Module: "m", Name: "mid", Pos: "a.go:9", Blocks: 50, Instrs: 300, Time: 100 * time.Microsecond},
		{Module: "m", Name: "big", Pos: "b.go:3", Blocks: 2000, Instrs: 9000, Time: 4 * time.Millisecond},
		{Module: "m", Name: "big2", Pos: "b.go:90", Blocks: 400, Instrs: 2000, Time: 800 * time.Microsecond},
	}
	var b strings.Builder
	WriteScaling(&b, funcs)
	got := b.String()
	for _, want := range []string{
		"4 functions, 4.91 ms of analysis in all.",
		"| 1-10 | 1 | 10 µs | 10 µs | 10 µs | 2 µs | 0.2% |",
		"| 101-300 | 0 | | | | | |",
		"| >1000 | 1 | 4 ms | 4 ms | 4 ms | 2 µs | 81.5% |",
		"over the 3 functions with at least 20 blocks: **slope 1.00** (R² 1.00)",
		// Slowest first.
		"| function | module | position | blocks | instructions | time | time per block |\n|---|---|---|--:|--:|--:|--:|\n| `big` | m | b.go:3 | 2000 | 9000 | 4 ms | 2 µs |\n| `big2` |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q\n%s", want, got)
		}
	}
}

// The generated source is valid Go whose functions grow with the size asked.
func TestSyntheticSource(t *testing.T) {
	src := syntheticSource([]int{1, 8})
	if _, err := parser.ParseFile(token.NewFileSet(), "synth.go", src, 0); err != nil {
		t.Fatalf("generated source does not parse: %v\n%s", err, src)
	}
	for _, want := range []string{"func Branches1(", "func Branches8(", "xs[7] == 7", "if j == 7 {"} {
		if !strings.Contains(src, want) {
			t.Errorf("generated source lacks %q", want)
		}
	}
	if strings.Contains(src, "xs[8]") {
		t.Errorf("Branches8 has a ninth branch")
	}
}
