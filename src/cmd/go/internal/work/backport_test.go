// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package work

import "testing"

// GO-2026-4339 (CVE-2025-61731): a #cgo pkg-config directive may pass only
// the pkg-config options that neither write files nor run programs.
func TestCheckPkgConfigFlags(t *testing.T) {
	good := [][]string{
		{"--static"},
		{"--define-variable=prefix=/opt/zlib"},
		{"--atleast-version=1.2.3", "--libs"},
	}
	for _, flags := range good {
		if err := checkPkgConfigFlags("", "pkg-config", flags); err != nil {
			t.Errorf("checkPkgConfigFlags(%q) = %v, want nil", flags, err)
		}
	}
	bad := []struct {
		flags []string
		want  string
	}{
		{[]string{"--log-file=/tmp/log"}, "invalid flag in pkg-config: --log-file=/tmp/log"},
		{[]string{"--static", "--log-file=x"}, "invalid flag in pkg-config: --log-file=x"},
		{[]string{"--define-variable=prefix=@/etc"}, "invalid flag in pkg-config: --define-variable=prefix=@/etc"},
		{[]string{"--with-path=-x"}, "invalid flag in pkg-config: --with-path=-x"},
	}
	for _, tt := range bad {
		err := checkPkgConfigFlags("", "pkg-config", tt.flags)
		if err == nil || err.Error() != tt.want {
			t.Errorf("checkPkgConfigFlags(%q) = %v, want %q", tt.flags, err, tt.want)
		}
	}
}
