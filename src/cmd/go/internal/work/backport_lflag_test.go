// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package work

import "testing"

// CVE-2026-97036: "-l to_library" and the other Darwin (-lazy_library,
// -lazy_framework, -load_hidden) and gold/LLD (-library, -library-path)
// options spelled like -l flags are refused, also when split into "-l"
// and a separate argument; -l names may not be paths or -l:file forms.
func TestCheckLinkerLFlags(t *testing.T) {
	for _, tt := range []struct {
		flags []string
		want  string
	}{
		{[]string{"-l", "to_library"}, "invalid flag in test: -l"},
		{[]string{"-l", "azy_library"}, "invalid flag in test: -l"},
		{[]string{"-l", "azy_framework"}, "invalid flag in test: -l"},
		{[]string{"-l", "oad_hidden"}, "invalid flag in test: -l"},
		{[]string{"-l", "ibrary-path=/tmp"}, "invalid flag in test: -l"},
		{[]string{"-lazy_library"}, "invalid flag in test: -lazy_library"},
		{[]string{"-lazy_framework"}, "invalid flag in test: -lazy_framework"},
		{[]string{"-load_hidden"}, "invalid flag in test: -load_hidden"},
		{[]string{"-library"}, "invalid flag in test: -library"},
		{[]string{"-library=:pwn.ld"}, "invalid flag in test: -library=:pwn.ld"},
		{[]string{"-library-path=/tmp"}, "invalid flag in test: -library-path=/tmp"},
		{[]string{"-l:pwn.ld"}, "invalid flag in test: -l:pwn.ld"},
		{[]string{"-lfoo=bar"}, "invalid flag in test: -lfoo=bar"},
		{[]string{"-lsub/foo"}, "invalid flag in test: -lsub/foo"},
		{[]string{`-lsub\foo`}, `invalid flag in test: -lsub\foo`},
		{[]string{"-l", ":pwn.ld"}, "invalid flag in test: -l :pwn.ld (see https://go.dev/s/invalidflag)"},
		{[]string{"-l", "foo=bar"}, "invalid flag in test: -l foo=bar (see https://go.dev/s/invalidflag)"},
		{[]string{"-l", "/etc/passwd"}, "invalid flag in test: -l /etc/passwd (see https://go.dev/s/invalidflag)"},
		{[]string{"-l"}, "invalid flag in test: -l without argument (see https://go.dev/s/invalidflag)"},
	} {
		err := checkLinkerFlags("LDFLAGS", "test", tt.flags)
		if err == nil || err.Error() != tt.want {
			t.Errorf("checkLinkerFlags(%q) = %v, want %q", tt.flags, err, tt.want)
		}
	}
	for _, flags := range [][]string{{"-lfoo"}, {"-l", "foo"}, {"-l", "."}, {"-lstdc++"}, {"-l", "世界"}} {
		if err := checkLinkerFlags("LDFLAGS", "test", flags); err != nil {
			t.Errorf("checkLinkerFlags(%q) = %v, want nil", flags, err)
		}
	}

	// CGO_LDFLAGS_ALLOW and CGO_LDFLAGS_DISALLOW apply to the joined form.
	t.Setenv("CGO_LDFLAGS_DISALLOW", "-lfoo")
	if err := checkLinkerFlags("LDFLAGS", "test", []string{"-l", "foo"}); err == nil {
		t.Errorf("checkLinkerFlags(-l foo) with CGO_LDFLAGS_DISALLOW=-lfoo = nil, want error")
	}
	t.Setenv("CGO_LDFLAGS_DISALLOW", "")
	t.Setenv("CGO_LDFLAGS_ALLOW", "-lto_library")
	if err := checkLinkerFlags("LDFLAGS", "test", []string{"-l", "to_library"}); err != nil {
		t.Errorf("checkLinkerFlags(-l to_library) with CGO_LDFLAGS_ALLOW=-lto_library = %v, want nil", err)
	}
}
