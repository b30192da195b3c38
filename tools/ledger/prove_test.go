package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestFirstFailure(t *testing.T) {
	for _, tt := range []struct{ out, want string }{
		{"--- FAIL: TestScript (0.03s)\n    --- FAIL: TestScript/x (0.1s)\n        script_test.go:132: 2026-11-30T23:20:36Z\n        script_test.go:156: FAIL: testdata/script/x.txt:6: go build x: unexpected success\nFAIL",
			"script_test.go:156: FAIL: testdata/script/x.txt:6: go build x: unexpected success"},
		{"--- FAIL: TestX (0.00s)\n    backport_test.go:32: f() = <nil>, want error\nFAIL\nFAIL\tpkg\t0.01s",
			"backport_test.go:32: f() = <nil>, want error"},
		{"FAIL\tcmd/go/internal/work [build failed]\nFAIL", "FAIL\tcmd/go/internal/work [build failed]"},
		{"exit status 3", "exit status 3"},
	} {
		if got := firstFailure(tt.out); got != tt.want {
			t.Errorf("firstFailure(%q) = %q, want %q", tt.out, got, tt.want)
		}
	}
}

func TestToolOf(t *testing.T) {
	for pkg, want := range map[string]string{
		"cmd/compile/internal/noder": "cmd/compile",
		"cmd/cgo":                    "cmd/cgo",
		"cmd/go":                     "",
		"cmd/linker":                 "",
		"net/http":                   "",
	} {
		if got := toolOf(pkg); got != want {
			t.Errorf("toolOf(%q) = %q, want %q", pkg, got, want)
		}
	}
}

// otherTests leaves out the files of other tests, but keeps those whose
// helpers the test uses.
func TestOtherTests(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "src", "cmd", "x")
	files := map[string]string{
		"own_test.go":    "package x\n\nfunc TestOwn(t *testing.T) { writeTestFile(t) }\n",
		"helper_test.go": "package x\n\nfunc writeTestFile(t *testing.T) {}\n\nfunc TestHelper(t *testing.T) {}\n",
		"later_test.go":  "package x\n\nfunc TestLater(t *testing.T) { later() }\n\nfunc unused() {}\n",
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	got := otherTests(root, "cmd/x", "TestOwn")
	if want := []string{"src/cmd/x/later_test.go"}; !reflect.DeepEqual(got, want) {
		t.Errorf("otherTests = %q, want %q", got, want)
	}
}
