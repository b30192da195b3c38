// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package work

import (
	"os"
	"path/filepath"
	"testing"
)

// CVE-2026-97033: --sysroot, -target and -x with a non-C language are
// refused, and -isysroot / -Wl,-syslibroot must not name a file that
// GNU ld would read as a linker script.
func TestCheckSysrootTargetXFlags(t *testing.T) {
	badCompiler := []struct {
		flags []string
		want  string
	}{
		{[]string{"--sysroot=/tmp"}, "invalid flag in test: --sysroot=/tmp"},
		{[]string{"--sysroot", "/tmp"}, "invalid flag in test: --sysroot"},
		{[]string{"-target", "x86_64-linux-gnu"}, "invalid flag in test: -target"},
		{[]string{"-xada"}, "invalid flag in test: -xada"},
		{[]string{"-x", "ada"}, "invalid flag in test: -x ada (see https://go.dev/s/invalidflag)"},
		{[]string{"-x", "none"}, "invalid flag in test: -x none (see https://go.dev/s/invalidflag)"},
		{[]string{"-x"}, "invalid flag in test: -x without argument (see https://go.dev/s/invalidflag)"},
	}
	for _, tt := range badCompiler {
		err := checkCompilerFlags("test", "test", tt.flags)
		if err == nil || err.Error() != tt.want {
			t.Errorf("checkCompilerFlags(%q) = %v, want %q", tt.flags, err, tt.want)
		}
	}
	for _, flags := range [][]string{{"-xc"}, {"-x", "c++"}, {"-x", "assembler-with-cpp"}, {"-isysroot", "/tmp"}} {
		if err := checkCompilerFlags("test", "test", flags); err != nil {
			t.Errorf("checkCompilerFlags(%q) = %v, want nil", flags, err)
		}
	}
	for _, flags := range [][]string{{"--sysroot", "/tmp"}, {"-target", "x86_64-scei-ps4"}} {
		if err := checkLinkerFlags("test", "test", flags); err == nil {
			t.Errorf("checkLinkerFlags(%q) = nil, want error", flags)
		}
	}

	dir := t.TempDir()
	script := filepath.Join(dir, "script.ld")
	if err := os.WriteFile(script, []byte("INPUT(/tmp/x.so)\n"), 0666); err != nil {
		t.Fatal(err)
	}
	for _, flags := range [][]string{
		{"-isysroot", dir},
		{"-Wl,-syslibroot," + dir},
		{"-Wl,-syslibroot=" + dir},
	} {
		if err := checkLinkerFlags("test", "test", flags); err != nil {
			t.Errorf("checkLinkerFlags(%q) = %v, want nil", flags, err)
		}
	}
	for _, tt := range []struct {
		flags []string
		want  string
	}{
		{[]string{"-isysroot", script}, "invalid flag in test: -isysroot " + script + " (not a directory)"},
		{[]string{"-Wl,-syslibroot," + script}, "invalid flag in test: -Wl,-syslibroot," + script + " (not a directory)"},
		{[]string{"-Wl,-syslibroot=" + script}, "invalid flag in test: -Wl,-syslibroot=" + script + " (not a directory)"},
	} {
		err := checkLinkerFlags("test", "test", tt.flags)
		if err == nil || err.Error() != tt.want {
			t.Errorf("checkLinkerFlags(%q) = %v, want %q", tt.flags, err, tt.want)
		}
	}
}
