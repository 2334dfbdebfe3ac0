package leakfix

import (
	"bufio"
	"os"
)

// save drops the error of the deferred Close of a written file; the fix
// names the error result and joins the Close error into it.
func save(name string, b []byte) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer f.Close() // want `the error of f\.Close is dropped by defer at line 15, but the path can still report success at line 17`
	_, err = f.Write(b)
	return err
}

// saveN has a result besides the error: it becomes "_ int".
func saveN(name string, b []byte) (int, error) {
	f, err := os.Create(name)
	if err != nil {
		return 0, err
	}
	defer f.Close() // want `the error of f\.Close is dropped by defer at line 26, but the path can still report success at line 27`
	return f.Write(b)
}

// flush already names its error result.
func flush(f *os.File, b []byte) (werr error) {
	w := bufio.NewWriter(f)
	defer w.Flush() // want `the error of w\.Flush is dropped by defer at line 33, but the path can still report success at line 35`
	_, werr = w.Write(b)
	return werr
}
