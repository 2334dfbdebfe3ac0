package main

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"time"
)

// Func is one analysed function's size and cost.
type Func struct {
	Module, Name, Pos string
	Blocks, Instrs    int
	Time              time.Duration
}

// bucket is a range of function sizes in blocks, lo..hi inclusive (hi 0:
// no upper bound).
type bucket struct{ lo, hi int }

var buckets = []bucket{{1, 10}, {11, 30}, {31, 100}, {101, 300}, {301, 1000}, {1001, 0}}

func (b bucket) contains(n int) bool { return n >= b.lo && (b.hi == 0 || n <= b.hi) }

func (b bucket) String() string {
	if b.hi == 0 {
		return fmt.Sprintf(">%d", b.lo-1)
	}
	return fmt.Sprintf("%d-%d", b.lo, b.hi)
}

// minSlopeBlocks is the smallest function in the slope fit: below it the
// fixed cost per function, not the size, dominates.
const minSlopeBlocks = 20

// WriteScaling renders the buckets, the log-log slope and the slowest and
// largest functions.
func WriteScaling(w io.Writer, funcs []Func) {
	var total time.Duration
	for _, f := range funcs {
		total += f.Time
	}
	fmt.Fprintf(w, "%d functions, %s of analysis in all.\n\n", len(funcs), dur(total))

	fmt.Fprintf(w, "## Time by size\n\n")
	fmt.Fprintf(w, "| blocks | functions | median time | p99 time | max time | median time per block | share of all time |\n")
	fmt.Fprintf(w, "|---|--:|--:|--:|--:|--:|--:|\n")
	for _, b := range buckets {
		var times, perBlock []time.Duration
		var sum time.Duration
		for _, f := range funcs {
			if b.contains(f.Blocks) {
				times = append(times, f.Time)
				perBlock = append(perBlock, f.Time/time.Duration(f.Blocks))
				sum += f.Time
			}
		}
		if len(times) == 0 {
			fmt.Fprintf(w, "| %s | 0 | | | | | |\n", b)
			continue
		}
		slices.Sort(times)
		slices.Sort(perBlock)
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %.1f%% |\n", b, len(times),
			dur(quantile(times, 0.5)), dur(quantile(times, 0.99)), dur(times[len(times)-1]),
			dur(quantile(perBlock, 0.5)), 100*sum.Seconds()/max(total.Seconds(), 1e-12))
	}

	slope, r2, n := logLogSlope(funcs, minSlopeBlocks)
	fmt.Fprintf(w, "\n## Growth\n\n")
	if n < 2 {
		fmt.Fprintf(w, "Too few functions with at least %d blocks to fit a slope.\n", minSlopeBlocks)
	} else {
		fmt.Fprintf(w, "Least-squares fit of log(time) against log(blocks) over the %d functions with at least %d blocks: "+
			"**slope %.2f** (R² %.2f). A slope of 1 is linear growth; above 1, time grows faster than size.\n",
			n, minSlopeBlocks, slope, r2)
	}

	fmt.Fprintf(w, "\n## Slowest functions\n\n")
	writeFuncs(w, topN(funcs, 10, func(a, b Func) int { return cmp.Compare(b.Time, a.Time) }))
	fmt.Fprintf(w, "\n## Largest functions\n\n")
	writeFuncs(w, topN(funcs, 10, func(a, b Func) int { return cmp.Compare(b.Blocks, a.Blocks) }))
}

func writeFuncs(w io.Writer, fs []Func) {
	fmt.Fprintf(w, "| function | module | position | blocks | instructions | time | time per block |\n")
	fmt.Fprintf(w, "|---|---|---|--:|--:|--:|--:|\n")
	for _, f := range fs {
		fmt.Fprintf(w, "| `%s` | %s | %s | %d | %d | %s | %s |\n", f.Name, f.Module, f.Pos, f.Blocks, f.Instrs, dur(f.Time), dur(f.Time/time.Duration(max(f.Blocks, 1))))
	}
}

// topN returns the first n functions in the order given by less, ties
// broken by module, position and name for a stable report.
func topN(funcs []Func, n int, order func(a, b Func) int) []Func {
	s := slices.Clone(funcs)
	slices.SortFunc(s, func(a, b Func) int {
		return cmp.Or(order(a, b), cmp.Compare(a.Module, b.Module), cmp.Compare(a.Pos, b.Pos), cmp.Compare(a.Name, b.Name))
	})
	return s[:min(n, len(s))]
}

// quantile returns the q-quantile of sorted (nearest rank).
func quantile(sorted []time.Duration, q float64) time.Duration {
	i := int(math.Ceil(q*float64(len(sorted)))) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// logLogSlope fits log(time) = a + slope*log(blocks) by least squares over
// the functions with at least minBlocks blocks and a positive time, and
// returns the slope, the coefficient of determination and the count.
func logLogSlope(funcs []Func, minBlocks int) (slope, r2 float64, n int) {
	var sx, sy, sxx, sxy, syy float64
	for _, f := range funcs {
		if f.Blocks < minBlocks || f.Time <= 0 {
			continue
		}
		x, y := math.Log(float64(f.Blocks)), math.Log(float64(f.Time))
		sx += x
		sy += y
		sxx += x * x
		sxy += x * y
		syy += y * y
		n++
	}
	if n < 2 {
		return 0, 0, n
	}
	N := float64(n)
	vx := sxx - sx*sx/N
	vy := syy - sy*sy/N
	cxy := sxy - sx*sy/N
	if vx == 0 {
		return 0, 0, n
	}
	slope = cxy / vx
	if vy > 0 {
		r2 = cxy * cxy / (vx * vy)
	}
	return slope, r2, n
}

// dur prints a duration with three significant digits.
func dur(d time.Duration) string {
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.3g s", d.Seconds())
	case d >= time.Millisecond:
		return fmt.Sprintf("%.3g ms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%.3g µs", float64(d)/float64(time.Microsecond))
	}
}
