// Package assert is a stand-in for testify's assert: NoError returns
// false for a non-nil error, through Fail, which always returns false.
package assert

import "fmt"

type TestingT interface {
	Errorf(format string, args ...interface{})
}

type tHelper interface{ Helper() }

func Fail(t TestingT, msg string, msgAndArgs ...interface{}) bool {
	if h, ok := t.(tHelper); ok {
		h.Helper()
	}
	t.Errorf("\n%s", msg+fmt.Sprint(msgAndArgs...))
	return false
}

func NoError(t TestingT, err error, msgAndArgs ...interface{}) bool {
	if err != nil {
		if h, ok := t.(tHelper); ok {
			h.Helper()
		}
		return Fail(t, "Received unexpected error:\n"+err.Error(), msgAndArgs...)
	}
	return true
}
