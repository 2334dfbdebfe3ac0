package main

import (
	"strings"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	got := median([]sample{
		{wall: 3 * time.Second, cpu: 1 * time.Second, maxRSS: 30},
		{wall: 1 * time.Second, cpu: 9 * time.Second, maxRSS: 10},
		{wall: 2 * time.Second, cpu: 5 * time.Second, maxRSS: 20},
	})
	want := sample{wall: 2 * time.Second, cpu: 5 * time.Second, maxRSS: 20}
	if got != want {
		t.Errorf("median = %+v, want %+v (field by field)", got, want)
	}
}

func TestWriteResults(t *testing.T) {
	s := func(wall, cpu float64, mib int64) []sample {
		return []sample{{wall: time.Duration(wall * float64(time.Second)), cpu: time.Duration(cpu * float64(time.Second)), maxRSS: mib << 20}}
	}
	targets := []target{{name: "a@v1"}, {name: "b@v1"}, {name: "std"}}
	// Per target: floor, acmlint, four, floorfacts (the order of tools).
	results := [][][]sample{
		{s(1, 2, 100), s(2, 3, 200), s(1.5, 2.5, 150), s(1.6, 2.8, 190)},
		{s(3, 4, 300), s(4, 6, 250), s(5, 7, 350), s(4, 5, 260)},
		{s(60, 100, 11000), s(70, 120, 11500), s(90, 200, 12000), s(60, 100, 11000)},
	}
	var b strings.Builder
	writeResults(&b, header{command: "cd bench && go run ./cmd/bench", machine: "m", date: "d", load: "l", reps: 1, stdReps: 1, tests: true}, targets, results)
	got := b.String()
	for _, want := range []string{
		"| target | floor wall | acmlint wall | four wall | floorfacts wall | floor CPU |",
		"| a@v1 | 1.00 s | 2.00 s | 1.50 s | 1.60 s | 2.00 s | 3.00 s | 2.50 s | 2.80 s | 100 MiB | 200 MiB | 150 MiB | 190 MiB |",
		// The corpus total sums times and keeps the largest RSS; std is not in it.
		"| **corpus total (2 modules)** | 4.00 s | 6.00 s | 6.50 s | 5.60 s | 6.00 s | 9.00 s | 9.50 s | 7.80 s | 300 MiB | 250 MiB | 350 MiB | 260 MiB |",
		// acmlint/floor, acmlint/floorfacts, acmlint/four: wall, CPU, RSS.
		"| std | 1.17 | 1.20 | 1.05 | 1.17 | 1.20 | 1.05 | 0.78 | 0.60 | 0.96 |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("results lack %q\n%s", want, got)
		}
	}
}
