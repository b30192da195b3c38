// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package noder

import (
	"internal/buildcfg"
	"reflect"
	"testing"

	"cmd/compile/internal/syntax"
)

// runPragcgo runs p.pragcgo on text and returns the directive it
// recorded or, as a one-element slice, the error it reported.
func runPragcgo(pos syntax.Pos, text string) []string {
	p := noder{err: make(chan syntax.Error, 1)}
	p.pragcgo(pos, text)
	select {
	case e := <-p.err:
		return []string{e.Error()}
	default:
	}
	if len(p.pragcgobuf) != 1 {
		return nil
	}
	return p.pragcgobuf[0]
}

// CVE-2026-97043: the quoted argument of //go:cgo_ldflag (and of the
// other cgo directives) is a Go string literal: an escaped quote does
// not end it, and it is unquoted as cmd/go unquotes it when it checks
// the flag.
func TestPragcgoEscapedQuotes(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{`go:cgo_ldflag "-L\"foo\""`, []string{`cgo_ldflag`, `-L"foo"`}},
		{`go:cgo_ldflag "-Wl,x\" \"-fplugin=/tmp/pwn.so"`, []string{`cgo_ldflag`, `-Wl,x" "-fplugin=/tmp/pwn.so`}},
		{`go:cgo_ldflag "a\\"`, []string{`cgo_ldflag`, `a\`}},
		{`go:cgo_ldflag "-L\q\"foo\""`, []string{`<unknown position>: usage: //go:cgo_ldflag "arg"`}},
		{`go:cgo_ldflag "a\"`, []string{`<unknown position>: usage: //go:cgo_ldflag "arg"`}},
		{`go:cgo_dynamic_linker "/p\"ath"`, []string{`cgo_dynamic_linker`, `/p"ath`}},
		{`go:cgo_dynamic_linker "/p\qath"`, []string{`<unknown position>: usage: //go:cgo_dynamic_linker "path"`}},
		{`go:cgo_ldflag "a rg"`, []string{`cgo_ldflag`, `a rg`}},
	} {
		if got := runPragcgo(syntax.Pos{}, tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("pragcgo(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}

	for _, tt := range []struct {
		in   string
		want []string
	}{
		{`go:cgo_ldflag "a\" b"`, []string{`go:cgo_ldflag`, `"a\" b"`}},
		{`go:cgo_ldflag "a\\" b`, []string{`go:cgo_ldflag`, `"a\\"`, `b`}},
	} {
		if got := pragmaFields(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("pragmaFields(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// CVE-2026-97041: symbol names and the dynamic linker path in cgo
// directives may not contain a comma, which would add a flag of its own
// to the -Wl, flag the linker passes them in.
func TestPragcgoCommas(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{`go:cgo_import_dynamic _cgo_panic _cgo_panic,--plugin=/tmp/pwn.so`, []string{`<unknown position>: invalid symbol name "_cgo_panic,--plugin=/tmp/pwn.so" in //go:cgo_import_dynamic`}},
		{`go:cgo_import_dynamic a,b`, []string{`<unknown position>: invalid symbol name "a,b" in //go:cgo_import_dynamic`}},
		{`go:cgo_export_dynamic main main,--plugin=/tmp/pwn.so`, []string{`<unknown position>: invalid symbol name "main,--plugin=/tmp/pwn.so" in //go:cgo_export_dynamic`}},
		{`go:cgo_export_static a,b`, []string{`<unknown position>: invalid symbol name "a,b" in //go:cgo_export_static`}},
		{`go:cgo_import_static a,b`, []string{`<unknown position>: invalid symbol name "a,b" in //go:cgo_import_static`}},
		{`go:cgo_dynamic_linker "/lib64/ld.so,--plugin=/tmp/pwn.so"`, []string{`<unknown position>: invalid path "/lib64/ld.so,--plugin=/tmp/pwn.so" in //go:cgo_dynamic_linker`}},
		{`go:cgo_export_dynamic local remote`, []string{`cgo_export_dynamic`, `local`, `remote`}},
		{`go:cgo_dynamic_linker "/lib64/ld-linux-x86-64.so.2"`, []string{`cgo_dynamic_linker`, `/lib64/ld-linux-x86-64.so.2`}},
	} {
		if got := runPragcgo(syntax.Pos{}, tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("pragcgo(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// CVE-2026-97042: the library named by //go:cgo_import_dynamic must be a
// safe linker argument in every byte (no "..", no spaces or '$', no '@'
// on Windows), and on Windows even cgo-generated files are checked,
// since the name becomes a -l flag for the host linker.
func TestCgoImportDynamicLibrary(t *testing.T) {
	oldGOOS := buildcfg.GOOS
	t.Cleanup(func() { buildcfg.GOOS = oldGOOS })

	for _, goos := range []string{"linux", "windows"} {
		buildcfg.GOOS = goos
		good := []string{"libc.so.6", "libstdc++.so.6", "kernel32.dll", "/usr/lib/libSystem.B.dylib", "lib.a/obj.o"}
		bad := []string{"", "-lfoo", "../../tmp/evil.dll", "foo/../bar.dll", `..\evil.dll`, ":evil.dll", "foo bar.dll", "foo,bar.so", "$ORIGIN/libfoo.so"}
		if goos == "windows" {
			bad = append(bad, "@resp")
		} else {
			good = append(good, "@rpath/libfoo.dylib")
		}
		for _, s := range good {
			if !safeArg(s) {
				t.Errorf("GOOS=%s: safeArg(%q) = false, want true", goos, s)
			}
		}
		for _, s := range bad {
			if safeArg(s) {
				t.Errorf("GOOS=%s: safeArg(%q) = true, want false", goos, s)
			}
		}
	}

	userPos := syntax.MakePos(syntax.NewTrimmedFileBase("/tmp/main.go", true), 1, 1)
	cgoPos := syntax.MakePos(syntax.NewTrimmedFileBase("/tmp/_cgo_import.go", true), 1, 1)
	lineSpoofPos := syntax.MakePos(syntax.NewLineBase(userPos, "/tmp/_cgo_import.go", true, 1, 1), 2, 1)
	pragmaErr := func(pos syntax.Pos, lib string) error {
		p := noder{err: make(chan syntax.Error, 4)}
		p.pragma(pos, true, `go:cgo_import_dynamic _ _ "`+lib+`"`, nil)
		close(p.err)
		for err := range p.err {
			return err
		}
		return nil
	}
	for _, goos := range []string{"linux", "darwin", "windows"} {
		buildcfg.GOOS = goos
		for _, lib := range []string{"/tmp/r/app/../lib/libfoo.so", "$ORIGIN/libfoo.so", "/Library/Application Support/libfoo.dylib"} {
			if pragmaErr(userPos, lib) == nil {
				t.Errorf("GOOS=%s: library %q in user file accepted", goos, lib)
			}
			if pragmaErr(lineSpoofPos, lib) == nil {
				t.Errorf("GOOS=%s: library %q in file with //line _cgo_import.go accepted", goos, lib)
			}
			err := pragmaErr(cgoPos, lib)
			if goos == "windows" && err == nil {
				t.Errorf("GOOS=%s: library %q in _cgo_import.go accepted", goos, lib)
			}
			if goos != "windows" && err != nil {
				t.Errorf("GOOS=%s: library %q in _cgo_import.go: %v", goos, lib, err)
			}
		}
	}
}
