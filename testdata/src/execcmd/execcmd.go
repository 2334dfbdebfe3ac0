// Package execcmd tests os/exec: a command that was started must be
// waited for (or handed off); a failed Start needs no Wait.
package execcmd

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"strings"
)

// ---- ok ----

func runQuiet(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", name, err)
	}
	return cmd.Wait()
}

func deferredWait(name string) (out []byte, err error) {
	cmd := exec.Command(name)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	defer func() {
		if werr := cmd.Wait(); err == nil {
			err = werr
		}
	}()
	return io.ReadAll(stdout)
}

func waitOnEveryBranch(name string, kill bool) error {
	cmd := exec.Command(name)
	err := cmd.Start()
	if err != nil {
		return err
	}
	if kill {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return errors.New("killed")
	}
	return cmd.Wait()
}

// Returned to the caller, who waits for it.
func startDaemon(name string) (*exec.Cmd, error) { // want startDaemon:`returns r0\[exec\.Cmd\]`
	cmd := exec.Command(name, "--daemon")
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return cmd, nil
}

func useDaemon() error {
	cmd, err := startDaemon("sleepd")
	if err != nil {
		return err
	}
	defer cmd.Wait()
	return cmd.Process.Signal(os.Interrupt)
}

// A goroutine reaps the process.
func startReaped(name string, done chan<- error) error {
	cmd := exec.Command(name)
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() {
		done <- cmd.Wait()
	}()
	return nil
}

type supervisor struct {
	procs []*exec.Cmd
	last  *exec.Cmd
}

// Stored in a field.
func (s *supervisor) spawn(name string) error {
	cmd := exec.Command(name)
	if err := cmd.Start(); err != nil {
		return err
	}
	s.last = cmd
	return nil
}

// Appended to a slice field.
func (s *supervisor) spawnMany(names []string) error {
	for _, n := range names {
		cmd := exec.Command(n)
		if err := cmd.Start(); err != nil {
			return err
		}
		s.procs = append(s.procs, cmd)
	}
	return nil
}

// Sent on a channel.
func startAndSend(name string, ch chan<- *exec.Cmd) error {
	cmd := exec.Command(name)
	if err := cmd.Start(); err != nil {
		return err
	}
	ch <- cmd
	return nil
}

// Passed to a func that waits for it.
func reap(cmd *exec.Cmd) { // want reap:`releases p0\.Wait`
	if err := cmd.Wait(); err != nil {
		log.Printf("%s: %v", cmd.Path, err)
	}
}

func startThenReap(name string) error {
	cmd := exec.Command(name)
	if err := cmd.Start(); err != nil {
		return err
	}
	defer reap(cmd)
	return cmd.Process.Signal(os.Interrupt)
}

// A path that ends in log.Fatal or os.Exit.
func mainLike(name string) {
	cmd := exec.Command(name)
	if err := cmd.Start(); err != nil {
		log.Fatal(err)
	}
	if cmd.Process.Pid == 0 {
		fmt.Fprintln(os.Stderr, "no pid")
		os.Exit(2)
	}
	if err := cmd.Wait(); err != nil {
		log.Fatal(err)
	}
}

// Run and Output start and wait themselves.
func runOnly(name string) ([]byte, error) {
	if err := exec.Command(name).Run(); err != nil {
		return nil, err
	}
	return exec.Command(name).Output()
}

// A Cmd the function did not create (a parameter): started here and
// waited for by the caller, so not reported.
func startParam(cmd *exec.Cmd) error {
	return cmd.Start()
}

// ---- bad ----

// An early error return after Start.
func readOutput(name string) ([]byte, error) {
	cmd := exec.Command(name)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil { // want `cmd is started at line 178 but not waited for on the path that returns at line 183`
		return nil, err
	}
	data, err := io.ReadAll(stdout)
	if err != nil {
		return nil, err
	}
	return data, cmd.Wait()
}

// Never waited for: the process becomes a zombie.
func fireAndForget(name string) error {
	cmd := exec.Command(name)
	return cmd.Start() // want `cmd is started at line 191 but not waited for on the path that returns at line 191`
}

func neverWaited(name string) error {
	cmd := exec.Command(name)
	if err := cmd.Start(); err != nil { // want `cmd is started at line 196 but not waited for on the path that returns at line 200`
		return err
	}
	log.Printf("started %s as pid %d", name, cmd.Process.Pid)
	return nil
}

// A non-error early return.
func firstLine(name string) string {
	cmd := exec.Command(name)
	stdout, _ := cmd.StdoutPipe()
	if cmd.Start() != nil { // want `cmd is started at line 207 but not waited for on the path that returns at line 213`
		return ""
	}
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			return line
		}
	}
	_ = cmd.Wait()
	return ""
}

// An explicit panic while the process runs.
func mustStart(name string, args []string) {
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil { // want `cmd is started at line 223 but not waited for on the path that panics at line 227`
		panic(err)
	}
	if cmd.Process == nil {
		panic("no process")
	}
	_ = cmd.Wait()
}

// A loop that starts a command per name and skips the Wait for some.
func startEach(names []string) {
	for _, n := range names {
		cmd := exec.Command(n)
		if err := cmd.Start(); err != nil { // want `cmd is started at line 236 but not waited for (before the next iteration of the loop at line 234|on the path that returns at line 245)`
			log.Print(err)
			continue
		}
		if strings.HasPrefix(n, "bg-") {
			continue
		}
		_ = cmd.Wait()
	}
}

// A switch case that returns without waiting.
func runMode(name, mode string) error {
	cmd := exec.Command(name)
	if err := cmd.Start(); err != nil { // want `cmd is started at line 250 but not waited for on the path that returns at line 255`
		return err
	}
	switch mode {
	case "detach":
		return nil
	case "kill":
		_ = cmd.Process.Kill()
	}
	return cmd.Wait()
}

// A Cmd from a parameter, waited for on some paths but not others.
func restart(cmd *exec.Cmd, ready func() bool) error {
	if err := cmd.Start(); err != nil { // want `cmd is started at line 264 but not waited for on the path that returns at line 268`
		return err
	}
	if !ready() { // want `ready runs at line 267 while cmd is started and its release is not deferred`
		return errors.New("not ready")
	}
	return cmd.Wait()
}
