// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// peWithImport returns a minimal PE32 image that imports function fn
// from the DLL named dll.
func peWithImport(fn, dll string) []byte {
	const (
		peOff      = 0x40
		optOff     = peOff + 4 + 20
		optSize    = 96 + 16*8
		secHdrOff  = optOff + optSize
		rawOff     = 0x200
		rva        = 0x1000
		thunkOff   = 0x40
		hintOff    = 0x60
		dllNameOff = 0x80
		secSize    = 0x200
	)
	b := make([]byte, rawOff+secSize)
	le := binary.LittleEndian
	copy(b, "MZ")
	le.PutUint32(b[0x3c:], peOff)
	copy(b[peOff:], "PE\x00\x00")
	le.PutUint16(b[peOff+4:], 0x14c) // i386
	le.PutUint16(b[peOff+6:], 1)     // one section
	le.PutUint16(b[peOff+20:], optSize)
	le.PutUint16(b[optOff:], 0x10b)       // PE32
	le.PutUint32(b[optOff+92:], 16)       // NumberOfRvaAndSizes
	le.PutUint32(b[optOff+96+8:], rva)    // import directory RVA
	le.PutUint32(b[optOff+96+8+4:], 2*20) // and size
	copy(b[secHdrOff:], ".idata")
	le.PutUint32(b[secHdrOff+8:], secSize)  // VirtualSize
	le.PutUint32(b[secHdrOff+12:], rva)     // VirtualAddress
	le.PutUint32(b[secHdrOff+16:], secSize) // SizeOfRawData
	le.PutUint32(b[secHdrOff+20:], rawOff)  // PointerToRawData

	sec := b[rawOff:]
	le.PutUint32(sec[0:], rva+thunkOff)    // OriginalFirstThunk
	le.PutUint32(sec[12:], rva+dllNameOff) // Name
	le.PutUint32(sec[16:], rva+thunkOff)   // FirstThunk
	le.PutUint32(sec[thunkOff:], rva+hintOff)
	copy(sec[hintOff+2:], fn+"\x00")
	copy(sec[dllNameOff:], dll+"\x00")
	return b
}

// CVE-2026-97042: cgo -dynimport refuses a PE import whose DLL name is a
// path, which would otherwise reach the host linker as a -l flag.
func TestDynimportPEDLLName(t *testing.T) {
	if obj := os.Getenv("GO_CGO_BACKPORT_DYNIMPORT"); obj != "" {
		dynimport(obj)
		os.Exit(0)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("cannot find test executable: %v", err)
	}
	dir := t.TempDir()
	for _, tt := range []struct {
		dll     string
		wantErr bool
		want    string
	}{
		{"KERNEL32.dll", false, `//go:cgo_import_dynamic backportfn backportfn "kernel32.dll"`},
		{"../evil.dll", true, `dynamic library "../evil.dll" contains unsupported path characters`},
		{`..\evil.dll`, true, `dynamic library "..\\evil.dll" contains unsupported path characters`},
		{"sub/evil.dll", true, `dynamic library "sub/evil.dll" contains unsupported path characters`},
	} {
		obj := filepath.Join(dir, "import.exe")
		if err := os.WriteFile(obj, peWithImport("backportfn", tt.dll), 0666); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(exe, "-test.run=^TestDynimportPEDLLName$")
		cmd.Env = append(os.Environ(), "GO_CGO_BACKPORT_DYNIMPORT="+obj)
		out, err := cmd.CombinedOutput()
		if (err != nil) != tt.wantErr || !strings.Contains(string(out), tt.want) {
			t.Errorf("cgo -dynimport of import from %q: err = %v, output:\n%s\nwant err = %v and output containing %q", tt.dll, err, out, tt.wantErr, tt.want)
		}
	}
}
