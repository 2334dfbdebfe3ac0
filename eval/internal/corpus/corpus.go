// Package corpus reads the pinned evaluation corpus (eval/corpus.txt) and
// prepares each module as a standalone, writable, buildable copy.
//
// The corpus is never committed: modules are fetched through the Go module
// proxy at exact versions (go mod download), copied out of the read-only
// module cache and made to build on their own with the local toolchain.
package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Module is one pinned corpus entry.
type Module struct {
	Path    string // module path, e.g. github.com/lib/pq
	Version string // exact version, e.g. v1.10.9
	// Protocols is the line's trailing comment: the protocols the module
	// exercises, for the reader of the report.
	Protocols string
	Line      int // line in the corpus file
}

// String returns path@version.
func (m Module) String() string { return m.Path + "@" + m.Version }

// DirName is the name of the module's prepared copy inside a work dir: the
// path with slashes turned into underscores, then @version. It is unique
// per entry and safe on every file system.
func (m Module) DirName() string {
	return strings.ReplaceAll(m.Path, "/", "_") + "@" + m.Version
}

// Load reads a corpus file; see Parse.
func Load(file string) ([]Module, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(f, file)
}

// Parse reads a corpus list: one module@version per line, optionally
// followed by a "#" comment naming the protocols it exercises. Blank lines
// and lines that are only a comment are ignored. Versions must be exact
// (v-prefixed, not "latest" or a query); duplicates are errors. name is used
// in error messages.
func Parse(r io.Reader, name string) ([]Module, error) {
	var mods []Module
	seen := make(map[string]int)
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line, comment, _ := strings.Cut(sc.Text(), "#")
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.ContainsAny(line, " \t") {
			return nil, fmt.Errorf("%s:%d: want one module@version per line, got %q", name, n, line)
		}
		path, version, ok := strings.Cut(line, "@")
		if !ok || path == "" {
			return nil, fmt.Errorf("%s:%d: want module@version, got %q", name, n, line)
		}
		if !isExactVersion(version) {
			return nil, fmt.Errorf("%s:%d: %s: version %q is not an exact version (want vMAJOR.MINOR.PATCH...)", name, n, path, version)
		}
		if prev, dup := seen[path]; dup {
			return nil, fmt.Errorf("%s:%d: %s listed again (first at line %d)", name, n, path, prev)
		}
		seen[path] = n
		mods = append(mods, Module{Path: path, Version: version, Protocols: strings.TrimSpace(comment), Line: n})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if len(mods) == 0 {
		return nil, fmt.Errorf("%s: no modules listed", name)
	}
	return mods, nil
}

// isExactVersion reports whether v looks like a semantic version (v1.2.3,
// v1.2.3-pre, v0.0.0-2024...-abcdef, v2.0.0+incompatible) rather than a
// query such as latest, master or a bare branch name.
func isExactVersion(v string) bool {
	if !strings.HasPrefix(v, "v") {
		return false
	}
	core := v[1:]
	if i := strings.IndexAny(core, "-+"); i >= 0 {
		core = core[:i]
	}
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}

// Env is the environment for go commands and go/packages-based tools run in
// a prepared module: -mod=mod lets the go command complete go.sum for the
// dependencies a standalone copy needs (a module zip need not carry a
// go.sum good for every package and test), GOWORK=off keeps an enclosing
// workspace out, and GOTOOLCHAIN=local never switches toolchains.
func Env() []string {
	return append(os.Environ(), "GOFLAGS=-mod=mod -buildvcs=false", "GOWORK=off", "GOTOOLCHAIN=local")
}

// DefaultWork is the directory the eval commands share for prepared module
// copies: the user cache directory (or the temp directory without one).
func DefaultWork() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "acmlint", "corpus")
}

// preparedMarker is written last by Prepare; its presence means the copy is
// complete and builds.
const preparedMarker = ".acmlint-prepared"

// Prepare makes a writable copy of mod in workDir/<mod.DirName()> that
// builds with the local toolchain and returns its directory. It downloads
// the module through the module proxy, copies it out of the module cache,
// drops replace directives that point at local paths (they refer to sibling
// directories of a repository, absent from a module zip), and loads every
// package with its tests so go.mod and go.sum are complete. A copy prepared
// before is reused as is.
func Prepare(workDir string, mod Module) (dir string, err error) {
	dir = filepath.Join(workDir, mod.DirName())
	if _, err := os.Stat(filepath.Join(dir, preparedMarker)); err == nil {
		return dir, nil
	}
	defer func() {
		if err != nil {
			err = fmt.Errorf("prepare %s: %w", mod, err)
		}
	}()
	if err := os.MkdirAll(workDir, 0o755); err != nil {
		return "", err
	}
	src, err := download(mod)
	if err != nil {
		return "", err
	}
	// Work in a fresh temporary directory and rename it into place at the
	// end, so an interrupted or concurrent run never leaves (or uses) a
	// half-made copy.
	tmp, err := os.MkdirTemp(workDir, ".tmp-"+mod.DirName()+"-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp) // a no-op once renamed
	if err := copyTree(tmp, src); err != nil {
		return "", err
	}
	if err := ensureGoMod(tmp, mod); err != nil {
		return "", err
	}
	if err := dropLocalReplaces(tmp); err != nil {
		return "", err
	}
	// go list -test -deps loads every package and test the analysis will
	// load; under -mod=mod it records missing go.sum entries. go build
	// then proves the non-test code compiles with this toolchain.
	if _, err := goCmd(tmp, "list", "-test", "-deps", "./..."); err != nil {
		return "", err
	}
	if _, err := goCmd(tmp, "build", "./..."); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(tmp, preparedMarker), []byte(mod.String()+"\n"), 0o644); err != nil {
		return "", err
	}
	// A copy left without its marker by an older, interrupted run is
	// replaced; one completed meanwhile by a concurrent run is kept.
	if _, err := os.Stat(filepath.Join(dir, preparedMarker)); err == nil {
		return dir, nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, dir); err != nil {
		return "", err
	}
	return dir, nil
}

// download fetches mod into the module cache and returns its directory.
func download(mod Module) (string, error) {
	out, err := goCmd("", "mod", "download", "-json", mod.String())
	// go mod download -json reports a module's own error in the JSON and
	// exits non-zero; decode before looking at err so the message is the
	// proxy's, not "exit status 1".
	var info struct {
		Dir   string
		Error string
	}
	if jerr := json.Unmarshal(out, &info); jerr == nil && info.Error != "" {
		return "", errors.New(info.Error)
	}
	if err != nil {
		return "", err
	}
	if info.Dir == "" {
		return "", fmt.Errorf("go mod download printed no Dir")
	}
	return info.Dir, nil
}

// ensureGoMod gives a module that predates modules (a +incompatible
// version without go.mod) a go.mod naming its path and requirements, as the
// go command would synthesize when it is a dependency.
func ensureGoMod(dir string, mod Module) error {
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		return nil
	}
	if _, err := goCmd(dir, "mod", "init", mod.Path); err != nil {
		return err
	}
	_, err := goCmd(dir, "mod", "tidy")
	return err
}

// dropLocalReplaces removes replace directives whose target is a file path.
func dropLocalReplaces(dir string) error {
	out, err := goCmd(dir, "mod", "edit", "-json")
	if err != nil {
		return err
	}
	var gomod struct {
		Replace []struct {
			Old, New struct{ Path, Version string }
		}
	}
	if err := json.Unmarshal(out, &gomod); err != nil {
		return fmt.Errorf("go mod edit -json: %v", err)
	}
	var args []string
	for _, r := range gomod.Replace {
		// A replacement without a version is a directory (see the go.mod
		// reference: "If the path on the right side of the arrow is an
		// absolute or relative path...").
		if r.New.Version != "" {
			continue
		}
		old := r.Old.Path
		if r.Old.Version != "" {
			old += "@" + r.Old.Version
		}
		args = append(args, "-dropreplace="+old)
	}
	if len(args) == 0 {
		return nil
	}
	_, err = goCmd(dir, append([]string{"mod", "edit"}, args...)...)
	return err
}

// goCmd runs the go command in dir (the current directory if empty) with
// Env and returns its standard output; on failure the error carries the
// command and its standard error.
func goCmd(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = Env()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		const max = 2000
		if len(msg) > max {
			msg = msg[:max] + "..."
		}
		return out, fmt.Errorf("go %s: %v: %s", strings.Join(args, " "), err, msg)
	}
	return out, nil
}

// copyTree copies the regular files and directories under src to dst with
// writable permissions (the module cache is read-only).
func copyTree(dst, src string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type().IsRegular():
			return copyFile(target, path)
		}
		return nil // module zips hold no symlinks or devices
	})
}

func copyFile(dst, src string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
	}()
	_, err = io.Copy(out, in)
	return err
}
