// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package work

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cmd/go/internal/load"
)

func writeTestFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0666); err != nil {
		t.Fatal(err)
	}
}

func chdirForTest(t *testing.T, dir string) {
	t.Helper()
	old, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(old) })
}

// CVE-2026-97034: a GCC spec file in a directory the C linker searches
// (a -L directory, its multilib siblings, the sysroot, or the current
// directory when the flags make GCC include a spec file) is refused.
func TestCheckLinkerSpecFiles(t *testing.T) {
	specDir := t.TempDir()
	spec := filepath.Join(specDir, "libgomp.spec")
	writeTestFile(t, spec, "*link_gomp: -lgomp\n")

	for _, flags := range [][]string{
		{"-L" + specDir, "-fopenmp"},
		{"-L", specDir},
		{"-L=" + specDir},
		{"-L$SYSROOT" + specDir},
		{"-isysroot", specDir},
		{"-Wl,-syslibroot," + specDir},
	} {
		err := checkLinkerFlags("LDFLAGS", "test", flags)
		if want := "disallowed GCC spec file in test: "; err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("checkLinkerFlags(%q) = %v, want %q...", flags, err, want)
		}
	}

	// Nested below the -L directory, and in a multilib sibling.
	nested := t.TempDir()
	writeTestFile(t, filepath.Join(nested, "usr", "lib", "gcc", "specs"), "")
	multi := t.TempDir()
	if err := os.Mkdir(filepath.Join(multi, "sub"), 0777); err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(multi, "lib64", "libsanitizer.spec"), "")
	for _, flags := range [][]string{
		{"-L" + nested},
		{"-L" + filepath.Join(multi, "sub")},
		{"-L" + filepath.Join(multi, "missing")},
	} {
		if err := checkLinkerFlags("LDFLAGS", "test", flags); err == nil {
			t.Errorf("checkLinkerFlags(%q) = nil, want error", flags)
		}
	}

	// The current directory is looked at only for flags that make GCC
	// include a spec file.
	chdirForTest(t, specDir)
	for _, flags := range [][]string{
		{"-fsanitize=address"},
		{"-static"},
		{"-fopenmp-simd"},
	} {
		if err := checkLinkerFlags("LDFLAGS", "test", flags); err != nil {
			t.Errorf("checkLinkerFlags(%q) = %v, want nil", flags, err)
		}
	}
	for _, flags := range [][]string{
		{"-fopenmp"},
		{"-fopenacc"},
		{"-fsanitize=address", "-static"},
		{"-fsanitize=undefined", "-static-libubsan"},
	} {
		if err := checkLinkerFlags("LDFLAGS", "test", flags); err == nil {
			t.Errorf("checkLinkerFlags(%q) in directory with libgomp.spec = nil, want error", flags)
		}
	}
	// Compiling (gcc -c) never reads the link spec.
	if err := checkCompilerFlags("CFLAGS", "test", []string{"-fopenmp"}); err != nil {
		t.Errorf("checkCompilerFlags(-fopenmp) = %v, want nil", err)
	}

	// -fsanitize= may not be followed by an option-like value.
	for _, flags := range [][]string{{"-fsanitize=@foo"}, {"-fsanitize=-foo"}} {
		if err := checkCompilerFlags("CFLAGS", "test", flags); err == nil {
			t.Errorf("checkCompilerFlags(%q) = nil, want error", flags)
		}
	}

	// The package directory is checked as well.
	b := &Builder{}
	pkgDir := t.TempDir()
	writeTestFile(t, filepath.Join(pkgDir, "specs"), "")
	p := &load.Package{PackagePublic: load.PackagePublic{Dir: pkgDir, CgoLDFLAGS: []string{"-fopenmp"}}}
	if _, _, _, _, _, err := b.CFlags(p); err == nil || !strings.Contains(err.Error(), "disallowed GCC spec file in #cgo LDFLAGS") {
		t.Errorf("CFlags with spec file in package directory: err = %v, want disallowed GCC spec file", err)
	}
}
