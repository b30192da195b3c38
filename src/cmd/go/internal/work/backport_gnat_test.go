// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package work

import "testing"

// CVE-2026-97035: Clang's -gen-* and GCC's -gnat* options are not debug
// (-g) options and are refused in compiler and linker flags.
func TestCheckGenGnatFlags(t *testing.T) {
	for _, tt := range []struct {
		flags []string
		want  string
	}{
		{[]string{"-gen-cdb-fragment-path"}, "invalid flag in test: -gen-cdb-fragment-path"},
		{[]string{"-gen-cdb-fragment-path", "."}, "invalid flag in test: -gen-cdb-fragment-path"},
		{[]string{"-gnatO"}, "invalid flag in test: -gnatO"},
		{[]string{"-gnatO", "foo.o"}, "invalid flag in test: -gnatO"},
	} {
		err := checkCompilerFlags("CFLAGS", "test", tt.flags)
		if err == nil || err.Error() != tt.want {
			t.Errorf("checkCompilerFlags(%q) = %v, want %q", tt.flags, err, tt.want)
		}
		err = checkLinkerFlags("LDFLAGS", "test", tt.flags)
		if err == nil || err.Error() != tt.want {
			t.Errorf("checkLinkerFlags(%q) = %v, want %q", tt.flags, err, tt.want)
		}
		if err := checkCompilerFlagsForInternalLink("CFLAGS", "test", tt.flags); err == nil {
			t.Errorf("checkCompilerFlagsForInternalLink(%q) = nil, want error", tt.flags)
		}
	}
	for _, flags := range [][]string{{"-g"}, {"-ggdb"}, {"-gdwarf-4"}} {
		if err := checkCompilerFlags("CFLAGS", "test", flags); err != nil {
			t.Errorf("checkCompilerFlags(%q) = %v, want nil", flags, err)
		}
	}
	// The documented way out still works.
	t.Setenv("CGO_CFLAGS_ALLOW", "-gnatO")
	if err := checkCompilerFlags("CFLAGS", "test", []string{"-gnatO"}); err != nil {
		t.Errorf("checkCompilerFlags(-gnatO) with CGO_CFLAGS_ALLOW=-gnatO = %v, want nil", err)
	}
}
