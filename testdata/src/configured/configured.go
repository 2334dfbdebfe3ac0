// Package configured uses package pool, whose protocol comes only from the
// configuration file testdata/config/acmlint.yml (or the same Settings).
package configured

import (
	"errors"
	"os"

	"configured/pool"
)

var errEmpty = errors.New("empty")

// ---- bad ----

func leak(p *pool.Pool, s string) error {
	b := p.Get() // want `b is taken at line 17 but not given back on the path that returns at line 19`
	if s == "" {
		return errEmpty
	}
	b.Write(s)
	return b.Put()
}

// must-use: [Put]
func dropped(p *pool.Pool, s string) error {
	b := p.Get()
	b.Write(s)
	b.Put() // want `the error of b\.Put is dropped at line 29, but the path can still report success at line 30`
	return nil
}

// ---- ok ----

func given(p *pool.Pool, s string) (err error) {
	b := p.Get()
	defer func() { err = errors.Join(err, b.Put()) }()
	b.Write(s)
	return nil
}

// checks: disable: [defer-in-loop] — not reported under this
// configuration (the default analyzer does report it).
func sizes(names []string) (int64, error) {
	var total int64
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return 0, err
		}
		total += st.Size()
	}
	return total, nil
}
