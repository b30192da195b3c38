package patchset

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestFilesOf(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.patch")
	patch := "header\n--- a/src/b.go\n+++ b/src/b.go\n@@ -1 +1 @@\n--- a/src/a.go\n+++ b/src/a.go\n--- a/src/b.go\n+++ b/src/b.go\n"
	if err := os.WriteFile(p, []byte(patch), 0o666); err != nil {
		t.Fatal(err)
	}
	got, err := FilesOf(p)
	if want := []string{"src/a.go", "src/b.go"}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("FilesOf = %q, %v; want %q", got, err, want)
	}
}

func TestReadSeries(t *testing.T) {
	p := filepath.Join(t.TempDir(), "series")
	if err := os.WriteFile(p, []byte("# the order\nB.patch  \n\nA.patch # first fixed in go1.X\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	got, err := ReadSeries(p)
	if want := []string{"B.patch", "A.patch"}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("ReadSeries = %q, %v; want %q", got, err, want)
	}
	if got, err := ReadSeries(p + ".missing"); err != nil || got != nil {
		t.Errorf("ReadSeries of a missing file = %q, %v; want an empty series", got, err)
	}
}
