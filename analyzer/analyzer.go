package analyzer

import (
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strconv"
	"time"

	"github.com/acmlint/acmlint/analyzer/internal/config"
	"github.com/acmlint/acmlint/analyzer/internal/directive"
	"github.com/acmlint/acmlint/analyzer/internal/protocol"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/ssa"
)

// Config configures an acmlint analyzer.
type Config struct {
	// MaxBlocks is the size, in SSA basic blocks, above which a function
	// is skipped (with a diagnostic saying so) rather than analysed.
	// Zero means the default, 10000.
	MaxBlocks int
	// File is a YAML configuration file: user protocols, the checks to
	// run, files to exclude (see the README). The -config flag sets it.
	File string
	// Settings is the same configuration as a decoded value, as a
	// golangci-lint plugin receives it; it is checked by New.
	Settings any
}

const defaultMaxBlocks = 10000

// Stats is the analyzer's result: how much of the package it analysed.
type Stats struct {
	Functions      int // functions analysed
	Skipped        int // functions over the size limit
	InternalErrors int // functions whose analysis failed
	// Funcs has one entry per analysed function, in the order analysed,
	// for cost measurements (time against size).
	Funcs []FuncStat
}

// FuncStat is the cost of analysing one function.
type FuncStat struct {
	Name   string        // ssa.Function.String()
	Pos    token.Pos     // the function's position
	Blocks int           // SSA basic blocks
	Instrs int           // SSA instructions
	Time   time.Duration // self time: analysing callees on demand is not counted
}

// Analyzer is acmlint with the default configuration.
var Analyzer = mustNew(Config{})

func mustNew(cfg Config) *analysis.Analyzer {
	a, err := New(cfg)
	if err != nil {
		panic(err)
	}
	return a
}

const doc = `check that acquired resources are released on every path

acmlint finds resources obtained from enter calls (locks, files, response
bodies, sql rows/stmts/tx/conns, context cancel funcs, spans, semaphores,
user-declared protocols, ...) and reports each path — a return, an explicit
panic, the next loop iteration — on which the resource is still held and
its exit has neither run nor been deferred, exits whose must-use result is
dropped, exits before the enter's error check, double releases, defers in
loops and goroutines that do not release what they were handed.`

// New returns an acmlint analyzer with the given configuration. Its flags
// (see Analyzer.Flags) adjust that configuration. A bad File or Settings
// is an error here, naming the file (or "settings") and the entry.
func New(cfg Config) (*analysis.Analyzer, error) {
	if cfg.MaxBlocks < 0 {
		return nil, errors.New("acmlint: MaxBlocks must not be negative")
	}
	if cfg.MaxBlocks == 0 {
		cfg.MaxBlocks = defaultMaxBlocks
	}
	a := &analyzer{cfg: cfg}
	var uc *config.Config
	var err error
	switch {
	case cfg.Settings != nil && cfg.File != "":
		return nil, errors.New("acmlint: give the configuration as File or as Settings, not both")
	case cfg.Settings != nil:
		uc, err = config.FromValue(cfg.Settings, "settings")
	case cfg.File != "":
		uc, err = config.Load(cfg.File)
	default:
		uc = &config.Config{Disabled: map[string]bool{}}
	}
	if err != nil {
		return nil, err
	}
	if err := a.use(uc, cfg.File); err != nil {
		return nil, err
	}
	an := &analysis.Analyzer{
		Name:       "acmlint",
		Doc:        doc,
		URL:        "https://github.com/acmlint/acmlint#checks",
		Run:        a.run,
		Requires:   []*analysis.Analyzer{buildssa.Analyzer, ctrlflow.Analyzer},
		FactTypes:  []analysis.Fact{new(Summary), new(EnterDirective)},
		ResultType: reflect.TypeOf((*Stats)(nil)),
	}
	an.Flags.Init("acmlint", flag.ContinueOnError)
	an.Flags.Var((*maxBlocksFlag)(&a.cfg.MaxBlocks), "maxblocks",
		"skip (and report) functions with more SSA blocks than this (a positive number)")
	an.Flags.Var((*configFlag)(a), "config",
		"YAML configuration file: user protocols, checks to run, files to exclude (under go vet, an absolute path)")
	an.Flags.Var((*configFlag)(a), "acmlint.config", "same as -config")
	return an, nil
}

// use installs a loaded configuration: its protocols join the built-in
// catalog.
func (a *analyzer) use(uc *config.Config, file string) error {
	cat, err := protocol.New(append(protocol.Builtin(), uc.Protocols...))
	if err != nil {
		if file == "" {
			file = "settings"
		}
		return fmt.Errorf("%s: %v", file, err)
	}
	a.user, a.cat, a.cfg.File = uc, cat, file
	return nil
}

// configFlag loads and checks the configuration file as the flag is
// parsed, so a bad file is one clear error before any package is loaded.
type configFlag analyzer

func (f *configFlag) String() string { return f.cfg.File }

func (f *configFlag) Set(path string) error {
	uc, err := config.Load(path)
	if err != nil {
		return err
	}
	return (*analyzer)(f).use(uc, path)
}

// maxBlocksFlag is a flag.Value that accepts only positive sizes, so a
// bad value is an error rather than silently the default.
type maxBlocksFlag int

func (f *maxBlocksFlag) String() string { return strconv.Itoa(int(*f)) }

func (f *maxBlocksFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("not a number: %q", s)
	}
	if n <= 0 {
		return fmt.Errorf("must be a positive number of blocks, not %d", n)
	}
	*f = maxBlocksFlag(n)
	return nil
}

// analyzer is one configured instance. Its configuration is set by New
// and by flag parsing, before any run, and is immutable afterwards;
// everything a run computes is local to the run.
type analyzer struct {
	cfg  Config
	user *config.Config
	cat  *protocol.Catalog
}

// checker is the state of one run over one package.
type checker struct {
	pass   *analysis.Pass
	cfg    *Config
	cat    *protocol.Catalog
	ssaPkg *ssa.Package
	cfgs   *ctrlflow.CFGs // which functions never return (buildssa runs it anyway)
	sums   map[*ssa.Function]*Summary
	files  map[*token.File]*ast.File
	diags  []analysis.Diagnostic
	stats  Stats
	// disabled lists the checks turned off by configuration.
	disabled map[string]bool
	user     *config.Config

	// User protocols met in this run, by ID, and this package's
	// directives.
	dynamic        map[string]*protocol.Protocol
	localEnters    map[*types.Func]*EnterDirective
	exitDirectives map[*types.Func]directive.Directive
	mustUse        map[*types.Func]bool
	ignores        []directive.Ignore
	extraExits     map[string]bool // exit names of user protocols (see isExitName)

	// srcFuncs are the package's functions with source, anonymous ones
	// included; ownedFields caches packageOwnedField.
	srcFuncs    []*ssa.Function
	ownedFields map[*types.Var]bool

	// nested is the time spent analysing callees on demand inside the
	// function being analysed, subtracted from its own time.
	nested time.Duration
}

func (a *analyzer) run(pass *analysis.Pass) (any, error) {
	ssaRes := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	cfg := a.cfg
	cfgs, _ := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	c := &checker{
		cfgs:           cfgs,
		pass:           pass,
		cfg:            &cfg,
		cat:            a.cat,
		ssaPkg:         ssaRes.Pkg,
		srcFuncs:       ssaRes.SrcFuncs,
		ownedFields:    make(map[*types.Var]bool),
		sums:           make(map[*ssa.Function]*Summary),
		disabled:       a.user.Disabled,
		user:           a.user,
		dynamic:        make(map[string]*protocol.Protocol),
		localEnters:    make(map[*types.Func]*EnterDirective),
		exitDirectives: make(map[*types.Func]directive.Directive),
		mustUse:        make(map[*types.Func]bool),
	}
	c.readDirectives()
	for _, fn := range ssaRes.SrcFuncs {
		c.summaryOf(fn)
		c.stats.Functions++
	}
	// Export what importers need: summaries of package-level functions
	// and methods, in source order so facts are deterministic.
	for _, fn := range ssaRes.SrcFuncs {
		if fn.Object() == nil || fn.Parent() != nil {
			continue
		}
		if s := c.sums[fn]; s != nil && !s.empty() {
			pass.ExportObjectFact(fn.Object(), s)
		}
	}
	c.flush()
	return &c.stats, nil
}
