// Package rtrace tests runtime/trace regions, tasks and trace.Start, and
// runtime/pprof's CPU profile.
package rtrace

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"runtime/pprof"
	"runtime/trace"
)

type item struct{ name string }

func handle(ctx context.Context, it item) error {
	if it.name == "" {
		return errors.New("unnamed item")
	}
	return ctx.Err()
}

// ---- regions: ok ----

// The idiom: start and defer the End in one statement.
func regionOneLiner(ctx context.Context, it item) error {
	defer trace.StartRegion(ctx, "handle").End()
	return handle(ctx, it)
}

func regionDeferred(ctx context.Context, items []item) error {
	region := trace.StartRegion(ctx, "batch")
	defer region.End()
	for _, it := range items {
		if err := handle(ctx, it); err != nil {
			return err
		}
	}
	return nil
}

func regionEveryBranch(ctx context.Context, it item) error {
	region := trace.StartRegion(ctx, "one")
	if err := handle(ctx, it); err != nil {
		region.End()
		return fmt.Errorf("%s: %w", it.name, err)
	}
	region.End()
	return nil
}

func regionPerIteration(ctx context.Context, items []item) {
	for _, it := range items {
		r := trace.StartRegion(ctx, "item")
		err := handle(ctx, it)
		r.End()
		if err != nil {
			log.Print(err)
		}
	}
}

// Returned to the caller.
func startRegion(ctx context.Context, name string) *trace.Region { // want startRegion:`returns r0\[trace\.Region\]`
	log.Printf("region %s", name)
	return trace.StartRegion(ctx, name)
}

func useStartRegion(ctx context.Context, it item) error {
	defer startRegion(ctx, "wrapped").End()
	return handle(ctx, it)
}

// WithRegion starts and ends the region itself.
func withRegion(ctx context.Context, it item) (err error) {
	trace.WithRegion(ctx, "with", func() { err = handle(ctx, it) })
	return err
}

// A path ending in log.Fatal.
func regionFatal(ctx context.Context, it item) {
	region := trace.StartRegion(ctx, "fatal")
	if err := handle(ctx, it); err != nil {
		log.Fatal(err)
	}
	region.End()
}

// ---- regions: bad ----

func regionEarlyError(ctx context.Context, items []item) error {
	region := trace.StartRegion(ctx, "batch") // want `region is started at line 94 but not ended on the path that returns at line 97`
	for _, it := range items {
		if err := handle(ctx, it); err != nil {
			return err
		}
	}
	region.End()
	return nil
}

func regionEarlyReturn(ctx context.Context, it item) bool {
	region := trace.StartRegion(ctx, "check") // want `region is started at line 105 but not ended on the path that returns at line 107`
	if it.name == "" {
		return false
	}
	defer region.End()
	return handle(ctx, it) == nil
}

func regionPanic(ctx context.Context, it item) {
	region := trace.StartRegion(ctx, "must") // want `region is started at line 114 but not ended on the path that panics at line 116`
	if err := handle(ctx, it); err != nil {
		panic(err)
	}
	region.End()
}

func regionLoop(ctx context.Context, items []item) {
	for _, it := range items {
		r := trace.StartRegion(ctx, "item") // want `r is started at line 123 but not ended (before the next iteration of the loop at line 122|on the path that returns at line 129)`
		if err := handle(ctx, it); err != nil {
			continue
		}
		r.End()
	}
}

func regionSwitch(ctx context.Context, it item, mode string) error {
	region := trace.StartRegion(ctx, mode) // want `region is started at line 132 but not ended on the path that returns at line 135`
	switch mode {
	case "skip":
		return nil
	case "fail":
		region.End()
		return errors.New("fail")
	}
	region.End()
	return handle(ctx, it)
}

func regionDiscarded(ctx context.Context) {
	trace.StartRegion(ctx, "lost") // want `the result of trace\.StartRegion is discarded at line 145, so it is never ended`
}

// ---- tasks ----

func taskDeferred(ctx context.Context, items []item) error {
	ctx, task := trace.NewTask(ctx, "batch")
	defer task.End()
	for _, it := range items {
		if err := handle(ctx, it); err != nil {
			return err
		}
	}
	return nil
}

func newTask(ctx context.Context, name string) (context.Context, *trace.Task) { // want newTask:`returns r1\[trace\.Task\]`
	return trace.NewTask(ctx, name)
}

type job struct {
	ctx  context.Context
	task *trace.Task
}

func startJob(ctx context.Context) *job {
	ctx, task := trace.NewTask(ctx, "job")
	return &job{ctx: ctx, task: task}
}

func taskEarlyError(ctx context.Context, it item) error {
	ctx, task := trace.NewTask(ctx, "one") // want `task is created at line 176 but not ended on the path that returns at line 179`
	trace.Log(ctx, "item", it.name)
	if err := handle(ctx, it); err != nil {
		return err
	}
	task.End()
	return nil
}

func taskPanic(ctx context.Context, it item) {
	ctx, task := trace.NewTask(ctx, "must") // want `task is created at line 186 but not ended on the path that panics at line 188`
	if it.name == "" {
		panic("unnamed")
	}
	defer task.End()
	_ = handle(ctx, it)
}

func taskLoop(ctx context.Context, items []item) error {
	for {
		tctx, task := trace.NewTask(ctx, "poll") // want `task is created at line 196 but not ended before the next iteration of the loop at line 195`
		for _, it := range items {
			if handle(tctx, it) != nil {
				task.End()
				return errors.New("poll failed")
			}
		}
	}
}

func taskDiscarded(ctx context.Context, it item) error {
	ctx, _ = trace.NewTask(ctx, "lost") // want `the result of trace\.NewTask is discarded at line 207, so it is never ended`
	return handle(ctx, it)
}

// ---- trace.Start / trace.Stop (process-wide) ----

// Started and stopped in the same function.
func traceRun(w io.Writer, f func() error) error {
	if err := trace.Start(w); err != nil {
		return fmt.Errorf("trace: %w", err)
	}
	defer trace.Stop()
	return f()
}

// Setup and teardown in different functions: not reported.
func startTracing(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := trace.Start(f); err != nil {
		f.Close()
		return err
	}
	return nil
}

func stopTracing() {
	trace.Stop()
}

func setupTracing(w io.Writer) {
	if err := trace.Start(w); err != nil {
		log.Fatal(err)
	}
}

// Stopped on some paths but not others.
func traceSome(w io.Writer, f func() error) error {
	if err := trace.Start(w); err != nil { // want `the execution trace is started at line 247 but not stopped on the path that returns at line 251`
		return err
	}
	if err := f(); err != nil {
		return fmt.Errorf("traced run: %w", err)
	}
	trace.Stop()
	return nil
}

func tracePanic(w io.Writer, f func() bool) {
	if err := trace.Start(w); err != nil { // want `the execution trace is started at line 258 but not stopped on the path that panics at line 262`
		log.Fatal(err)
	}
	if !f() {
		panic("traced run failed")
	}
	trace.Stop()
}

// ---- pprof CPU profile (process-wide) ----

func profile(w io.Writer, work func() error) error {
	if err := pprof.StartCPUProfile(w); err != nil {
		return fmt.Errorf("cpu profile: %w", err)
	}
	defer pprof.StopCPUProfile()
	return work()
}

func profileEveryBranch(w io.Writer, work func() error) error {
	if err := pprof.StartCPUProfile(w); err != nil {
		return err
	}
	if err := work(); err != nil {
		pprof.StopCPUProfile()
		return err
	}
	pprof.StopCPUProfile()
	return nil
}

// Setup and teardown in different functions: not reported.
func startProfiling(path string) (*os.File, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func stopProfiling(f *os.File) error {
	pprof.StopCPUProfile()
	return f.Close()
}

// Stopped on some paths but not others.
func profileSome(w io.Writer, work func() error) error {
	if err := pprof.StartCPUProfile(w); err != nil { // want `the CPU profile is started at line 309 but not stopped on the path that returns at line 313`
		return err
	}
	if err := work(); err != nil {
		return err
	}
	pprof.StopCPUProfile()
	return nil
}

func profileSwitch(w io.Writer, mode string) error {
	if err := pprof.StartCPUProfile(w); err != nil { // want `the CPU profile is started at line 320 but not stopped on the path that returns at line 325`
		return err
	}
	switch mode {
	case "quick":
		return errors.New("quick mode does not profile")
	}
	pprof.StopCPUProfile()
	return nil
}
