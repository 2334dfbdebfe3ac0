package analyzer

import (
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
	"strconv"

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
}

const defaultMaxBlocks = 10000

// Stats is the analyzer's result: how much of the package it analysed.
type Stats struct {
	Functions      int // functions analysed
	Skipped        int // functions over the size limit
	InternalErrors int // functions whose analysis failed
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
...) and reports each path — a return, an explicit panic, the next loop
iteration — on which the resource is still held and its exit has neither
run nor been deferred.`

// New returns an acmlint analyzer with the given configuration. Its flags
// (see Analyzer.Flags) adjust that configuration.
func New(cfg Config) (*analysis.Analyzer, error) {
	if cfg.MaxBlocks < 0 {
		return nil, errors.New("acmlint: MaxBlocks must not be negative")
	}
	if cfg.MaxBlocks == 0 {
		cfg.MaxBlocks = defaultMaxBlocks
	}
	cat, err := protocol.New(protocol.Builtin())
	if err != nil {
		return nil, err
	}
	a := &analyzer{cfg: cfg, cat: cat}
	an := &analysis.Analyzer{
		Name:       "acmlint",
		Doc:        doc,
		URL:        "https://github.com/acmlint/acmlint#checks",
		Run:        a.run,
		Requires:   []*analysis.Analyzer{buildssa.Analyzer, ctrlflow.Analyzer},
		FactTypes:  []analysis.Fact{new(Summary)},
		ResultType: reflect.TypeOf((*Stats)(nil)),
	}
	an.Flags.Init("acmlint", flag.ContinueOnError)
	an.Flags.Var((*maxBlocksFlag)(&a.cfg.MaxBlocks), "maxblocks",
		"skip (and report) functions with more SSA blocks than this (a positive number)")
	return an, nil
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

// analyzer is one configured instance; its run keeps all state local.
type analyzer struct {
	cfg Config
	cat *protocol.Catalog
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
}

func (a *analyzer) run(pass *analysis.Pass) (any, error) {
	ssaRes := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	cfg := a.cfg
	cfgs, _ := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	c := &checker{
		cfgs:   cfgs,
		pass:   pass,
		cfg:    &cfg,
		cat:    a.cat,
		ssaPkg: ssaRes.Pkg,
		sums:   make(map[*ssa.Function]*Summary),
	}
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
