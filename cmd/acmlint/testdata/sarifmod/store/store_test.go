package store

import "testing"

// The test variant of the package analyses store.go again: its findings
// must be reported once.
func TestGet(t *testing.T) {
	c := &Cache{m: map[string]string{"a": "b"}}
	if c.Get("a") != "b" {
		t.Fatal("Get")
	}
}
