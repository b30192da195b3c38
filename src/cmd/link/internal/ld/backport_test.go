// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package ld

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"cmd/internal/bio"
	"cmd/link/internal/loader"
	"cmd/link/internal/sym"
)

// CVE-2026-97040: a .syso archive member that is not a host object is
// refused, in particular one that looks like a Go object file and
// would otherwise bring cgo directives (such as cgo_ldflag) with it.
func TestLdobjSysoFormats(t *testing.T) {
	oldErrors, oldUnknown, oldFlagF := nerrors, unknownObjFormat, *flagF
	t.Cleanup(func() {
		nerrors, unknownObjFormat, *flagF = oldErrors, oldUnknown, oldFlagF
	})
	*flagF = true // do not stop at a version mismatch

	dir := t.TempDir()
	for _, tt := range []struct {
		name, content string
	}{
		{"inject.syso", wantHdr + "\n\n$$  // cgo\n[[\"cgo_ldflag\", \"-Wl,-plugin,/tmp/pwn.so\"]]\n$$\n!\n"},
		{"bitcode.syso", "BC\xc0\xde20140000"},
	} {
		path := filepath.Join(dir, tt.name)
		if err := os.WriteFile(path, []byte(tt.content), 0666); err != nil {
			t.Fatal(err)
		}
		f, err := bio.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()

		ctxt := &Link{loader: loader.NewLoader(0, &loader.ErrorReporter{})}
		lib := &sym.Library{Pkg: "main"}
		nerrors, unknownObjFormat = 0, false
		var h *Hostobj
		func() {
			// Reading the fake Go object further may panic; what
			// matters is what was done before.
			defer func() { recover() }()
			h = ldobj(ctxt, f, lib, int64(len(tt.content)), "pkg.a("+tt.name+")", "pkg.a")
		}()
		if len(ctxt.cgodata) != 0 {
			t.Errorf("ldobj(%s) loaded cgo directives: %q", tt.name, ctxt.cgodata)
		}
		if h != nil || unknownObjFormat {
			t.Errorf("ldobj(%s) accepted the file as a host object (unknownObjFormat=%v)", tt.name, unknownObjFormat)
		}
		if nerrors == 0 {
			t.Errorf("ldobj(%s) reported no error", tt.name)
		}
	}
}

// CVE-2026-97041: cgo directives whose symbol names or dynamic linker
// path contain a comma are refused (they are passed in -Wl, flags), and
// a cgo_import_dynamic cannot change the external name of an exported
// symbol.
func TestSetCgoAttrCommas(t *testing.T) {
	oldErrors, oldInterp := nerrors, interpreter
	t.Cleanup(func() { nerrors, interpreter = oldErrors, oldInterp })

	ctxt := &Link{loader: loader.NewLoader(0, &loader.ErrorReporter{})}
	hostObjSyms := make(map[loader.Sym]struct{})
	l := ctxt.loader

	s := l.LookupOrCreateSym("_cgo_panic", 0)
	l.MakeSymbolUpdater(s).SetType(sym.SBSS)
	setCgoAttr(ctxt, "test.a", "runtime/cgo", [][]string{
		{"cgo_export_dynamic", "_cgo_panic", "_cgo_panic"},
		{"cgo_import_dynamic", "_cgo_panic", "other_panic"},
	}, hostObjSyms)
	if got := l.SymExtname(s); got != "_cgo_panic" {
		t.Errorf("after export and import, SymExtname = %q, want %q", got, "_cgo_panic")
	}

	s2 := l.LookupOrCreateSym("_cgo_export_after_import", 0)
	setCgoAttr(ctxt, "test.a", "runtime/cgo", [][]string{
		{"cgo_import_dynamic", "_cgo_export_after_import", "imported_name"},
		{"cgo_export_dynamic", "_cgo_export_after_import", "_cgo_export_after_import"},
	}, hostObjSyms)
	if got := l.SymExtname(s2); got != "_cgo_export_after_import" {
		t.Errorf("after import and export, SymExtname = %q, want %q", got, "_cgo_export_after_import")
	}
	if l.SymType(s2) == sym.SDYNIMPORT {
		t.Errorf("after import and export, symbol is still SDYNIMPORT")
	}

	for _, d := range [][]string{
		{"cgo_import_dynamic", "foo", "foo,--plugin=/tmp/pwn.so"},
		{"cgo_import_dynamic", "foo,--plugin=/tmp/pwn.so"},
		{"cgo_import_static", "foo,--plugin=/tmp/pwn.so"},
		{"cgo_export_dynamic", "bar", "bar,--plugin=/tmp/pwn.so"},
		{"cgo_export_static", "bar,--plugin=/tmp/pwn.so"},
		{"cgo_dynamic_linker", "/lib64/ld.so,--plugin=/tmp/pwn.so"},
	} {
		nerrors, interpreter = 0, ""
		setCgoAttr(ctxt, "test.a", "main", [][]string{d}, hostObjSyms)
		if nerrors == 0 {
			t.Errorf("setCgoAttr(%q) reported no error", d)
		}
		if interpreter != "" {
			t.Errorf("setCgoAttr(%q) set interpreter to %q", d, interpreter)
		}
	}
}

// CVE-2026-97042: an imported DLL whose name is a path or looks like an
// option is refused instead of being passed to the host linker as -l.
func TestPEImportedDLLNames(t *testing.T) {
	oldDr, oldErrors := dr, nerrors
	t.Cleanup(func() { dr, nerrors = oldDr, oldErrors })

	for _, name := range []string{"../../tmp/evil.dll", `..\evil.dll`, "c:evil.dll", "-Wl,--plugin=x.dll", "@resp.dll", "sub/evil.dll"} {
		dr = &Dll{name: name, next: &Dll{name: "kernel32.dll"}}
		nerrors = 0
		got := peimporteddlls()
		if nerrors == 0 {
			t.Errorf("peimporteddlls with DLL %q reported no error", name)
		}
		if want := []string{"-lkernel32"}; !reflect.DeepEqual(got, want) {
			t.Errorf("peimporteddlls with DLL %q = %q, want %q", name, got, want)
		}
	}
}
