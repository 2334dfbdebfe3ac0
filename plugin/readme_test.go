package plugin_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/acmlint/acmlint/plugin"
	"gopkg.in/yaml.v3"
)

// TestReadme checks the README's golangci-lint section against the code:
// the .custom-gcl.yml example names this package and the golangci-lint
// version plugin/golangci builds, the .golangci.yml example's settings are
// accepted by the plugin, and the quoted error is the plugin's.
func TestReadme(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	section := string(readme)
	i := strings.Index(section, "\n## golangci-lint\n")
	if i < 0 {
		t.Fatal(`README.md has no "## golangci-lint" section`)
	}
	section = section[i+1:]
	if j := strings.Index(section, "\n## "); j >= 0 {
		section = section[:j]
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(section, -1)
	if len(blocks) != 2 {
		t.Fatalf("the golangci-lint section has %d yaml blocks, want 2 (.custom-gcl.yml, .golangci.yml)", len(blocks))
	}

	// .custom-gcl.yml
	var custom struct {
		Version string
		Plugins []struct{ Module, Import, Version string }
	}
	if err := yaml.Unmarshal([]byte(blocks[0][1]), &custom); err != nil {
		t.Fatalf(".custom-gcl.yml example: %v", err)
	}
	gomod, err := os.ReadFile(filepath.Join("golangci", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(gomod), "\tgithub.com/golangci/golangci-lint/v2 "+custom.Version+"\n") {
		t.Errorf(".custom-gcl.yml example builds golangci-lint %s, but plugin/golangci/go.mod requires another version", custom.Version)
	}
	if len(custom.Plugins) != 1 || custom.Plugins[0].Module != "github.com/acmlint/acmlint" ||
		custom.Plugins[0].Import != "github.com/acmlint/acmlint/plugin" || custom.Plugins[0].Version == "" {
		t.Errorf(".custom-gcl.yml example plugins = %+v, want module github.com/acmlint/acmlint, import github.com/acmlint/acmlint/plugin and a version", custom.Plugins)
	}

	// .golangci.yml
	var golangci struct {
		Version string
		Linters struct {
			Enable   []string
			Settings struct {
				Custom map[string]struct {
					Type     string
					Settings any
				}
			}
		}
	}
	if err := yaml.Unmarshal([]byte(blocks[1][1]), &golangci); err != nil {
		t.Fatalf(".golangci.yml example: %v", err)
	}
	acm, ok := golangci.Linters.Settings.Custom[plugin.Name]
	if golangci.Version != "2" || !slices.Contains(golangci.Linters.Enable, plugin.Name) || !ok || acm.Type != "module" {
		t.Errorf(".golangci.yml example: want version \"2\", acmlint enabled and linters.settings.custom.acmlint.type module; got %+v", golangci)
	}
	if acm.Settings == nil {
		t.Error(".golangci.yml example has no acmlint settings")
	}
	if _, err := plugin.New(acm.Settings); err != nil {
		t.Errorf(".golangci.yml example settings: %v", err)
	}

	// The quoted error is what golangci-lint prints for "exit" instead of
	// "exits".
	_, err = plugin.New(settings(t, "protocols:\n  - {enter: \"(*example.com/pool.Pool).Get\", resource: result0, exit: [Release]}\n"))
	if err == nil {
		t.Fatal("New accepted a misspelled key")
	}
	if want := "Error: build linters: plugin(acmlint): newPlugin " + err.Error() + "\n"; !strings.Contains(section, want) {
		t.Errorf("the golangci-lint section does not quote the error\n\t%s", want)
	}
}
