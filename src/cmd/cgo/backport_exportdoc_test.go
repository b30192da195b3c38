// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"internal/testenv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// exportDocSrc has an exported function whose Go doc comment is a single
// block comment for Go, but for C the backslash-newline splices "*\" and
// "/" into "*/", ending the comment early and leaving a declaration as
// live C code.
const exportDocSrc = `package p

import "C"

/* BackportDocF looks harmless. *\
/ int backport_smuggled_by_doc = 1; /*
*/
//export BackportDocF
func BackportDocF() {}
`

// GO-2026-4433 (CVE-2025-61732): cgo must not copy the Go doc comment of
// an exported function into the generated C header, where C's comment
// rules could turn part of the comment into compiled code.
func TestExportDocNotCopied(t *testing.T) {
	if dir := os.Getenv("GO_CGO_BACKPORT_EXPORTDOC"); dir != "" {
		os.Args = []string{"cgo",
			"-objdir", dir,
			"-exportheader", filepath.Join(dir, "export.h"),
			filepath.Join(dir, "p.go"),
		}
		main()
		os.Exit(0)
	}
	testenv.MustHaveCGO(t)
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("cannot find test executable: %v", err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "p.go"), []byte(exportDocSrc), 0666); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^TestExportDocNotCopied$")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GO_CGO_BACKPORT_EXPORTDOC="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("running cgo: %v\n%s", err, out)
	}

	for _, name := range []string{"export.h", "_cgo_export.h"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		hdr := string(data)
		// Report only the part of the header after cgo's fixed prologue.
		tail := hdr
		if i := strings.LastIndex(hdr, "End of boilerplate cgo prologue."); i >= 0 {
			tail = hdr[i:]
		}
		if want := "extern void BackportDocF("; !strings.Contains(hdr, want) {
			t.Errorf("%s does not declare the exported function: want %q in:\n%s", name, want, tail)
		}
		for _, bad := range []string{"backport_smuggled_by_doc", "looks harmless"} {
			if strings.Contains(hdr, bad) {
				t.Errorf("%s contains %q from the Go doc comment:\n%s", name, bad, tail)
			}
		}
	}
}
