// Package require is a stand-in for testify's require: NoError fails the
// test through an interface FailNow when assert.NoError says false.
package require

import "checkhelpers/assert"

type TestingT interface {
	Errorf(format string, args ...interface{})
	FailNow()
}

type tHelper interface{ Helper() }

func NoError(t TestingT, err error, msgAndArgs ...interface{}) {
	if h, ok := t.(tHelper); ok {
		h.Helper()
	}
	if assert.NoError(t, err, msgAndArgs...) {
		return
	}
	t.FailNow()
}
