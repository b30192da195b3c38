// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package exec_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// GO-2025-3956 (CVE-2025-47906): LookPath must not hand back a PATH entry
// that is an executable file when asked for "", "." or "..".
func TestLookPathRejectsDirNames(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("os.Executable: %v", err)
	}
	paths := []struct {
		name string
		path string
	}{
		{"exe", exe},
		{"exe/xx", filepath.Join(exe, "xx")},
		{"exe,dir", exe + string(filepath.ListSeparator) + filepath.Dir(exe)},
	}
	for _, p := range paths {
		t.Run(p.name, func(t *testing.T) {
			t.Setenv(pathVar, p.path)
			for _, file := range []string{"", ".", ".."} {
				got, err := exec.LookPath(file)
				if got != "" {
					t.Errorf("LookPath(%q) with %s=%q = %q, want \"\"", file, pathVar, p.path, got)
				}
				if !errors.Is(err, exec.ErrNotFound) {
					t.Errorf("LookPath(%q) with %s=%q: err = %v, want %v", file, pathVar, p.path, err, exec.ErrNotFound)
				}
			}
		})
	}
}
