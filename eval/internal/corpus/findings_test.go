package corpus

import (
	"reflect"
	"strings"
	"testing"
)

// A trimmed acmlint -json run over a module in /w/m: the package and its
// test variant both report a.go's finding; another analyzer's entry and a
// package error are mixed in.
const jsonFixture = `{
	"example.com/m": {
		"acmlint": [
			{"category": "leak", "posn": "/w/m/a.go:10:2", "end": "/w/m/a.go:10:9", "message": "f is not closed on the path returning at line 12"},
			{"category": "skipped", "posn": "/w/m/big.go:3:6", "end": "/w/m/big.go:3:6", "message": "acmlint skipped huge: 9000 blocks"}
		]
	},
	"example.com/m [example.com/m.test]": {
		"acmlint": [
			{"category": "leak", "posn": "/w/m/a.go:10:2", "end": "/w/m/a.go:10:9", "message": "f is not closed on the path returning at line 12"},
			{"category": "dropped-result", "posn": "/w/m/a_test.go:4:1", "end": "/w/m/a_test.go:4:1", "message": "result of w.Close is dropped"}
		]
	},
	"example.com/m/sub": {
		"acmlint": {"error": "boom"},
		"other": [{"category": "x", "posn": "/w/m/sub/s.go:1:1", "end": "", "message": "not ours"}]
	},
	"example.com/dep": {
		"acmlint": [
			{"category": "internal-error", "posn": "/elsewhere/c:/d.go:7:3", "end": "", "message": "internal error: acmlint could not analyse g: x"}
		]
	}
}`

func TestParseOutput(t *testing.T) {
	out, err := ParseOutput([]byte(jsonFixture), "acmlint", "/w/m")
	if err != nil {
		t.Fatal(err)
	}
	want := []Finding{
		{"/elsewhere/c:/d.go", 7, 3, "internal-error", "internal error: acmlint could not analyse g: x"},
		{"a.go", 10, 2, "leak", "f is not closed on the path returning at line 12"},
		{"a_test.go", 4, 1, "dropped-result", "result of w.Close is dropped"},
		{"big.go", 3, 6, "skipped", "acmlint skipped huge: 9000 blocks"},
	}
	if !reflect.DeepEqual(out.Findings, want) {
		t.Errorf("findings:\n got %+v\nwant %+v", out.Findings, want)
	}
	if want := []string{"example.com/m/sub: boom"}; !reflect.DeepEqual(out.Errors, want) {
		t.Errorf("errors = %q, want %q", out.Errors, want)
	}
	if got := want[1].Pos(); got != "a.go:10:2" {
		t.Errorf("Pos = %q", got)
	}
}

func TestParseOutputErrors(t *testing.T) {
	for _, tc := range []struct{ data, want string }{
		{"not json", "decoding -json output"},
		{`{"p": {"acmlint": [{"posn": "nowhere", "message": "m"}]}}`, `package p: bad position "nowhere"`},
		{`{"p": {"acmlint": 3}}`, "package p: unexpected result 3"},
	} {
		_, err := ParseOutput([]byte(tc.data), "acmlint", "")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseOutput(%s) error = %v, want %q", tc.data, err, tc.want)
		}
	}
}
