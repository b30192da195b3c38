// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package work

import (
	"path/filepath"
	"strings"
	"testing"

	"cmd/go/internal/cfg"
)

// CVE-2026-97037: the operand of a -Wl, option may not be passed as a
// separate bare argument (the linker would read it as an input file, or
// linker script), and the operands of Darwin and symbol options that
// GNU ld misparses (-framework, -undefined, -subsystem, -sectcreate) or
// that name an input (--just-symbols, -R) may not name a linker script.
func TestCheckLinkerSplitWlFlags(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "script.ld")
	writeTestFile(t, script, "PLUGIN(\"/tmp/pwn.so\")\n")
	obj := filepath.Join(dir, "sym.o")
	writeTestFile(t, obj, string(coffObject(".text", []byte{0xc3})))

	for _, flags := range [][]string{
		{"-Wl,-rpath", "-Wl,foo"},
		{"-Wl,-undefined", "-Wl,dynamic_lookup"},
		{"-Wl,--just-symbols", "-Wl," + obj},
		{"-Wl,--just-symbols=" + obj},
		{"-Wl,-R", dir},
		{"-Wl,-R", "foo"},
		{"-Wl,-R=" + dir},
		{"-Wl,-R=" + obj},
		{"-Wl,--warn-backrefs-exclude=foo*"},
		{"-Wl,-subsystem,console"},
		{"-framework", "Chocolate"},
	} {
		if err := checkLinkerFlags("LDFLAGS", "test", flags); err != nil {
			t.Errorf("checkLinkerFlags(%q) = %v, want nil", flags, err)
		}
	}

	for _, tt := range []struct {
		flags []string
		want  string
	}{
		{[]string{"-Wl,-rpath", "foo"}, "invalid flag in test: -Wl,-rpath foo (see https://go.dev/s/invalidflag)"},
		{[]string{"-Wl,-framework", "Chocolate"}, "invalid flag in test: -Wl,-framework Chocolate (see https://go.dev/s/invalidflag)"},
		{[]string{"-Wl,--just-symbols", "foo"}, "invalid flag in test: -Wl,--just-symbols foo (see https://go.dev/s/invalidflag)"},
		{[]string{"-Wl,-undefined", "foo"}, "invalid flag in test: -Wl,-undefined foo (see https://go.dev/s/invalidflag)"},
		{[]string{"-Wl,-undefined"}, "invalid flag in test: -Wl,-undefined without argument (see https://go.dev/s/invalidflag)"},
		{[]string{"-Wl,-undefined,/tmp/pwn.ld"}, "invalid flag in test: -Wl,-undefined,/tmp/pwn.ld (see https://go.dev/s/invalidflag)"},
		{[]string{"-Wl,-undefined", "-Wl,/tmp/pwn.ld"}, "invalid flag in test: -Wl,-undefined -Wl,/tmp/pwn.ld (see https://go.dev/s/invalidflag)"},
		{[]string{"-Wl,-framework,/tmp/pwn.ld"}, "invalid flag in test: -Wl,-framework,/tmp/pwn.ld (see https://go.dev/s/invalidflag)"},
		{[]string{"-framework", "./pwn.ld"}, "invalid flag in test: -framework ./pwn.ld (see https://go.dev/s/invalidflag)"},
		{[]string{"-Wl,--warn-backrefs-exclude"}, "invalid flag in test: -Wl,--warn-backrefs-exclude"},
		{[]string{"-Wl,-R=-flag"}, "invalid flag in test: -Wl,-R=-flag"},
		{[]string{"-Wl,-R==foo"}, "invalid flag in test: -Wl,-R==foo"},
		{[]string{"-Wl,-R,=foo"}, "invalid flag in test: -Wl,-R,=foo"},
		{[]string{"-Wl,-sectcreate,__TEXT," + script + ",foo"}, "invalid flag in test: -Wl,-sectcreate,__TEXT," + script + ",foo (see https://go.dev/s/invalidflag)"},
	} {
		err := checkLinkerFlags("LDFLAGS", "test", tt.flags)
		if err == nil || err.Error() != tt.want {
			t.Errorf("checkLinkerFlags(%q) = %v, want %q", tt.flags, err, tt.want)
		}
	}

	// A linker script given to --just-symbols or -R.
	for _, flags := range [][]string{
		{"-Wl,--just-symbols=" + script},
		{"-Wl,--just-symbols," + script},
		{"-Wl,--just-symbols", "-Wl," + script},
		{"-Wl,-R," + script},
		{"-Wl,-R=" + script},
		{"-Wl,-R" + script},
		{"-Wl,-R", script},
		{"-Wl,-R", "-Wl," + script},
	} {
		err := checkLinkerFlags("LDFLAGS", "test", flags)
		if err == nil || !strings.Contains(err.Error(), "unrecognized binary format") {
			t.Errorf("checkLinkerFlags(%q) = %v, want unrecognized binary format error", flags, err)
		}
	}

	// Files in the current directory named like a framework, symbol or
	// subsystem.
	writeTestFile(t, filepath.Join(dir, "console"), "OUTPUT(/tmp/pwn)\n")
	writeTestFile(t, filepath.Join(dir, "evil.so"), "INPUT(/tmp/pwn.so)\n")
	chdirForTest(t, dir)
	for _, flags := range [][]string{
		{"-Wl,-framework,evil.so"},
		{"-Wl,-undefined=evil.so"},
		{"-framework", "evil.so"},
	} {
		if err := checkLinkerFlags("LDFLAGS", "test", flags); err == nil {
			t.Errorf("checkLinkerFlags(%q) with file evil.so = nil, want error", flags)
		}
	}
	if cfg.Goos != "windows" {
		if err := checkLinkerFlags("LDFLAGS", "test", []string{"-Wl,-subsystem,console"}); err == nil {
			t.Errorf("checkLinkerFlags(-Wl,-subsystem,console) with file console = nil, want error")
		}
		if err := checkLinkerFlags("LDFLAGS", "test", []string{"-Wl,--subsystem,console"}); err != nil {
			t.Errorf("checkLinkerFlags(-Wl,--subsystem,console) = %v, want nil", err)
		}
	}
	if cfg.Goos != "darwin" && cfg.Goos != "ios" {
		if err := checkLinkerFlags("LDFLAGS", "test", []string{"-Wl,-sectcreate,__TEXT,__text,evil.so"}); err == nil {
			t.Errorf("checkLinkerFlags(-Wl,-sectcreate,__TEXT,__text,evil.so) = nil, want error")
		}
	}
}
