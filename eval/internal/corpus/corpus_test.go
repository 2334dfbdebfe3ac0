package corpus

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	const text = `# the corpus
go.etcd.io/bbolt@v1.4.0          # mutexes, files

github.com/lib/pq@v1.10.9 # database/sql driver
golang.org/x/sync@v0.0.0-20240101000000-abcdefabcdef
github.com/x/y@v2.0.0+incompatible#no space before the comment
`
	mods, err := Parse(strings.NewReader(text), "corpus.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := []Module{
		{Path: "go.etcd.io/bbolt", Version: "v1.4.0", Protocols: "mutexes, files", Line: 2},
		{Path: "github.com/lib/pq", Version: "v1.10.9", Protocols: "database/sql driver", Line: 4},
		{Path: "golang.org/x/sync", Version: "v0.0.0-20240101000000-abcdefabcdef", Line: 5},
		{Path: "github.com/x/y", Version: "v2.0.0+incompatible", Protocols: "no space before the comment", Line: 6},
	}
	if len(mods) != len(want) {
		t.Fatalf("got %d modules %v, want %d", len(mods), mods, len(want))
	}
	for i := range want {
		if mods[i] != want[i] {
			t.Errorf("module %d = %+v, want %+v", i, mods[i], want[i])
		}
	}
	if got, want := mods[0].DirName(), "go.etcd.io_bbolt@v1.4.0"; got != want {
		t.Errorf("DirName = %q, want %q", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"github.com/lib/pq\n", "c.txt:1: want module@version"},
		{"github.com/lib/pq@latest\n", "c.txt:1: github.com/lib/pq: version \"latest\" is not an exact version"},
		{"github.com/lib/pq@v1.10\n", "not an exact version"},
		{"a@v1.0.0 b@v1.0.0\n", "c.txt:1: want one module@version per line"},
		{"a@v1.0.0\n\na@v1.1.0\n", "c.txt:3: a listed again (first at line 1)"},
		{"# nothing\n", "c.txt: no modules listed"},
		{"@v1.0.0\n", "want module@version"},
	} {
		_, err := Parse(strings.NewReader(tc.text), "c.txt")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) error = %v, want %q", tc.text, err, tc.want)
		}
	}
}

// The committed corpus parses and lists the number of modules the issue asks for.
func TestCorpusFile(t *testing.T) {
	mods, err := Load("../../corpus.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(mods) < 10 {
		t.Errorf("corpus lists %d modules, want at least 10", len(mods))
	}
	for _, m := range mods {
		if m.Protocols == "" {
			t.Errorf("%s (line %d) does not say which protocols it exercises", m, m.Line)
		}
	}
}

func TestDropLocalReplaces(t *testing.T) {
	dir := t.TempDir()
	gomod := `module example.com/m

go 1.22

require (
	example.com/a v1.0.0
	example.com/b v1.0.0
	example.com/c v1.0.0
)

replace example.com/a => ../a

replace example.com/b v1.0.0 => /abs/b

replace example.com/c => example.com/c2 v1.2.0
`
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := dropLocalReplaces(dir); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	got := string(data)
	if strings.Contains(got, "../a") || strings.Contains(got, "/abs/b") {
		t.Errorf("local replaces kept:\n%s", got)
	}
	if !strings.Contains(got, "example.com/c => example.com/c2 v1.2.0") {
		t.Errorf("module replace dropped:\n%s", got)
	}
}

// Prepare fetches a small real module through the module proxy, so it runs
// only with the end-to-end tests.
func TestPrepare(t *testing.T) {
	if os.Getenv("ACMLINT_E2E") == "" {
		t.Skip("set ACMLINT_E2E=1 to fetch a module through the module proxy")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip(err)
	}
	work := t.TempDir()
	mod := Module{Path: "golang.org/x/sync", Version: "v0.18.0"}
	dir, err := Prepare(work, mod)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(work, mod.DirName()); dir != want {
		t.Errorf("dir = %s, want %s", dir, want)
	}
	// The copy is writable, and a second call reuses it.
	probe := filepath.Join(dir, "errgroup", "probe.txt")
	if err := os.WriteFile(probe, nil, 0o644); err != nil {
		t.Fatalf("copy not writable: %v", err)
	}
	if dir2, err := Prepare(work, mod); err != nil || dir2 != dir {
		t.Fatalf("second Prepare = %s, %v", dir2, err)
	}
	if _, err := os.Stat(probe); err != nil {
		t.Errorf("second Prepare redid the copy: %v", err)
	}
}
