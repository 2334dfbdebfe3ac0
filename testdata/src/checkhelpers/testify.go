package checkhelpers

import (
	"os"

	"checkhelpers/assert"
	"checkhelpers/require"
)

// require.NoError checks the error: assert.NoError is false for a
// non-nil error, and then the interface's FailNow does not return.
func requireChecked(t require.TestingT, name string) {
	f, err := os.Open(name)
	require.NoError(t, err)
	defer f.Close()
	var b [1]byte
	f.Read(b[:])
}

// assert.NoError returns: the defer before the check is on a nil file.
func assertOnly(t assert.TestingT, name string) {
	f, err := os.Open(name)
	assert.NoError(t, err)
	defer f.Close() // want `f\.Close is deferred at line 24 before the error from os\.Open \(line 22\) is checked; on the error path f is not valid`
	var b [1]byte
	f.Read(b[:])
}

// An if on assert.NoError is a check of its own.
func assertIf(t assert.TestingT, name string) {
	f, err := os.Open(name)
	if !assert.NoError(t, err) {
		return
	}
	defer f.Close()
	var b [1]byte
	f.Read(b[:])
}
