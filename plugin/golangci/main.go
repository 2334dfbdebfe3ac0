// Command golangci-lint is golangci-lint v2 with acmlint built in as the
// module plugin "acmlint": the binary "golangci-lint custom" would build
// from a .custom-gcl.yml, built here from the Go module proxy alone (no git
// clone), with
//
//	cd plugin/golangci && go build -o /some/dir/custom-gcl .
//
// main is golangci-lint's own cmd/golangci-lint/main.go plus the blank
// import that registers the plugin; only the version information differs,
// because that main reads it from golangci-lint's own module and release
// flags, which a build of this module does not have.
package main

import (
	"cmp"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	_ "github.com/acmlint/acmlint/plugin" // registers the "acmlint" module plugin
	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"
)

// Set with -ldflags "-X main.version=... -X main.date=...", as golangci-lint
// custom does; by default they are derived from the build information.
var (
	version = ""
	date    = ""
)

const (
	golangciModule = "github.com/golangci/golangci-lint/v2"
	acmlintModule  = "github.com/acmlint/acmlint"
)

func main() {
	info := createBuildInfo()

	if err := commands.Execute(info); err != nil {
		_, _ = fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}

// createBuildInfo describes this binary as "golangci-lint custom" would:
// golangci-lint's version with a "-custom-gcl-" suffix that identifies the
// build. golangci-lint salts its cache of findings with the version, so
// the suffix must change whenever the plugin's code does; it is derived
// from the executable's Go build ID, which the go command computes from
// every input of the build.
func createBuildInfo() commands.BuildInfo {
	info := commands.BuildInfo{
		GoVersion: "unknown",
		Version:   version,
		Commit:    "?",
		Date:      cmp.Or(date, "(unknown)"),
	}

	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return info
	}
	info.GoVersion = bi.GoVersion

	gcl, plugin := "(devel)", "(devel)"
	for _, m := range bi.Deps {
		switch m.Path {
		case golangciModule:
			gcl = strings.TrimPrefix(m.Version, "v")
		case acmlintModule:
			plugin = m.Version
			if m.Replace != nil {
				plugin += " => " + m.Replace.Path
				if v := m.Replace.Version; v != "" && v != "(devel)" {
					plugin += " " + v
				}
			}
		}
	}

	if info.Version == "" {
		info.Version = gcl + "-custom-gcl-acmlint"
		if id := buildID(); id != "" {
			info.Version += "-" + id
		}
	}

	var revision, modified, vcsTime string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value
		case "vcs.time":
			vcsTime = s.Value
		}
	}
	if date == "" && vcsTime != "" {
		info.Date = vcsTime
	}
	info.Commit = fmt.Sprintf("(acmlint %s, revision: %s, modified: %s)",
		plugin, cmp.Or(revision, "unknown"), cmp.Or(modified, "?"))

	return info
}

// buildID returns a short digest identifying the running executable: of
// its Go build ID note when it is an ELF file (cheap to read), otherwise
// of its whole contents. It returns "" if the executable cannot be read
// (then the version has no suffix, and golangci-lint's cache of findings
// is shared with other builds: run "golangci-lint cache clean" after
// rebuilding).
func buildID() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	h := sha256.New()
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if s := f.Section(".note.go.buildid"); s != nil {
			if data, err := s.Data(); err == nil && len(data) > 0 {
				h.Write(data)
				return hex.EncodeToString(h.Sum(nil))[:12]
			}
		}
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}
