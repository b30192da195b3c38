// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package work

import (
	"encoding/binary"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// coffObject returns a minimal amd64 COFF object with one section.
func coffObject(section string, data []byte) []byte {
	const dataOff = 20 + 40
	b := make([]byte, dataOff+len(data))
	binary.LittleEndian.PutUint16(b[0:], 0x8664) // machine: amd64
	binary.LittleEndian.PutUint16(b[2:], 1)      // one section
	copy(b[20:28], section)
	binary.LittleEndian.PutUint32(b[20+16:], uint32(len(data))) // SizeOfRawData
	binary.LittleEndian.PutUint32(b[20+20:], dataOff)           // PointerToRawData
	copy(b[dataOff:], data)
	return b
}

// arArchive returns a GNU ar archive holding one member.
func arArchive(name string, member []byte) []byte {
	hdr := fmt.Sprintf("!<arch>\n%-16s%-12s%-6s%-6s%-8s%-10d`\n", name, "0", "0", "0", "644", len(member))
	b := append([]byte(hdr), member...)
	if len(b)%2 != 0 {
		b = append(b, '\n')
	}
	return b
}

// CVE-2026-97038: .syso files and cgo linker inputs (named directly or
// found in -L directories) must be objects or archives of a known format,
// not linker scripts, and may not carry linker options (.drectve,
// LC_LINKER_OPTION) or LTO sections.
func TestCheckLinkerInputFiles(t *testing.T) {
	dir := t.TempDir()
	file := func(name string, content []byte) string {
		p := filepath.Join(dir, name)
		writeTestFile(t, p, string(content))
		return p
	}

	script := file("evil.so", []byte("PLUGIN(\"/tmp/pwn.so\")\n"))
	goodObj := file("good.o", coffObject(".text", []byte{0xc3}))
	safeDrectve := file("safe.o", coffObject(".drectve", []byte(`/DEFAULTLIB:msvcrt -lkernel32 --enable-auto-import /EXPORT:F`)))
	badDrectve := file("bad.o", coffObject(".drectve", []byte(`--plugin /tmp/pwn.so`)))
	lto := file("lto.o", coffObject(".llvmbc", []byte("BC\xc0\xde")))
	goodAr := file("libgood.a", arArchive("good.o/", coffObject(".text", []byte{0xc3})))
	badAr := file("libbad.a", arArchive("bad.o/", coffObject(".drectve", []byte(`-T/tmp/x.ld`))))
	truncAr := file("libtrunc.a", []byte("!<arch>\nINPUT(/tmp/pwn.so)\n"))
	tbd := file("libfoo.tbd", []byte("--- !tapi-tbd\n"))
	badTbd := file("libbar.tbd", []byte("INPUT(/tmp/pwn.so)\n"))
	winLib := file("foo.lib", []byte("INPUT(/tmp/pwn.dll)\n"))

	for _, p := range []string{goodObj, safeDrectve, goodAr, tbd} {
		if err := checkLinkerFlags("LDFLAGS", "#cgo LDFLAGS", []string{p}); err != nil {
			t.Errorf("checkLinkerFlags(%q) = %v, want nil", p, err)
		}
	}
	for _, tt := range []struct {
		path, want string
	}{
		{script, "invalid linker input file in #cgo LDFLAGS: " + script + " (unrecognized binary format)"},
		{badDrectve, `disallowed .drectve directive "--plugin" in #cgo LDFLAGS: ` + badDrectve},
		{lto, `disallowed LTO section ".llvmbc" in #cgo LDFLAGS: ` + lto},
		{badAr, `disallowed .drectve directive "-T/tmp/x.ld" in #cgo LDFLAGS: ` + badAr},
		{truncAr, "truncated or trailing data in archive in #cgo LDFLAGS: " + truncAr},
		{badTbd, "invalid .tbd file in #cgo LDFLAGS: " + badTbd},
		{winLib, "invalid linker input file in #cgo LDFLAGS: " + winLib + " (unrecognized binary format)"},
	} {
		err := checkLinkerFlags("LDFLAGS", "#cgo LDFLAGS", []string{tt.path})
		if err == nil || err.Error() != tt.want {
			t.Errorf("checkLinkerFlags(%q) = %v, want %q", tt.path, err, tt.want)
		}
	}

	// A linker script in a -L directory.
	libDir := filepath.Join(dir, "lib")
	writeTestFile(t, filepath.Join(libDir, "libc.so"), "GROUP(/tmp/pwn.so)\n")
	for _, flags := range [][]string{{"-L" + libDir}, {"-L", libDir}, {"-L=" + libDir}} {
		err := checkLinkerFlags("LDFLAGS", "#cgo LDFLAGS", flags)
		if err == nil || !strings.Contains(err.Error(), "unrecognized binary format") {
			t.Errorf("checkLinkerFlags(%q) = %v, want unrecognized binary format error", flags, err)
		}
	}

	// .syso files: objects only, no archives, no text.
	if err := checkLinkerInputFile(".syso", goodObj); err != nil {
		t.Errorf("checkLinkerInputFile(.syso, %s) = %v, want nil", goodObj, err)
	}
	for _, tt := range []struct {
		path, want string
	}{
		{goodAr, "archive not allowed as .syso in .syso: " + goodAr},
		{script, "invalid linker input file in .syso: " + script + " (unrecognized binary format)"},
		{tbd, "invalid linker input file in .syso: " + tbd + " (unrecognized binary format)"},
	} {
		err := checkLinkerInputFile(".syso", tt.path)
		if err == nil || err.Error() != tt.want {
			t.Errorf("checkLinkerInputFile(.syso, %q) = %v, want %q", tt.path, err, tt.want)
		}
	}
}
