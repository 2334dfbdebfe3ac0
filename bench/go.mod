module github.com/acmlint/acmlint/bench

go 1.26.0

require (
	github.com/jjti/go-spancheck v0.6.5
	github.com/ryanrolds/sqlclosecheck v0.6.0
	github.com/timakin/bodyclose v0.0.0-20260723120731-857993a2939c
	golang.org/x/tools v0.52.0
)

require gopkg.in/yaml.v3 v3.0.1 // indirect

require (
	github.com/acmlint/acmlint v0.0.0 // indirect
	github.com/gostaticanalysis/analysisutil v0.7.1 // indirect
	github.com/gostaticanalysis/comment v1.4.2 // indirect
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/tools/go/packages/packagestest v0.1.1-deprecated // indirect
)

replace github.com/acmlint/acmlint => ../

tool github.com/acmlint/acmlint/cmd/acmlint
