// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"bytes"
	"fmt"
	"internal/testenv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// arFile returns an ar archive holding one member with the given name
// and contents.
func arFile(name string, contents []byte) []byte {
	var b bytes.Buffer
	b.WriteString("!<arch>\n")
	fmt.Fprintf(&b, "%-16s%-12d%-6d%-6d%-8o%-10d`\n", name, 0, 0, 0, 0644, len(contents))
	b.Write(contents)
	if len(contents)%2 == 1 {
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// GO-2026-4979 (CVE-2026-39817): pack must refuse archive members whose
// names are not plain file names, so that "pack x" cannot write outside
// the current directory.
func TestExtractRejectsNonLocalNames(t *testing.T) {
	tests := []struct {
		name    string
		outside string // file that must not be created, relative to the work dir
	}{
		{"../escape.o", "../escape.o"},
		{"sub/inner.o", "sub/inner.o"},
		{"/tmp", ""},
		{"..", ""},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, "/", "_"), func(t *testing.T) {
			root := t.TempDir()
			work := filepath.Join(root, "work")
			if err := os.MkdirAll(filepath.Join(work, "sub"), 0o777); err != nil {
				t.Fatal(err)
			}
			ar := arFile(tt.name, []byte("not an object, but long enough\n"))
			if err := os.WriteFile(filepath.Join(work, "evil.a"), ar, 0o666); err != nil {
				t.Fatal(err)
			}

			cmd := testenv.Command(t, packPath(t), "x", "evil.a")
			cmd.Dir = work
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Errorf("pack x with member %q: unexpected success\n%s", tt.name, out)
			}
			if want := fmt.Sprintf("%q: invalid name", tt.name); !strings.Contains(string(out), want) {
				t.Errorf("pack x with member %q: output %q, want it to contain %q", tt.name, out, want)
			}
			if tt.outside != "" {
				if _, err := os.Stat(filepath.Join(work, tt.outside)); err == nil {
					t.Errorf("pack x with member %q created %s", tt.name, tt.outside)
				}
			}
		})
	}

	// A plain name still extracts.
	work := t.TempDir()
	contents := []byte("plain member contents\n")
	if err := os.WriteFile(filepath.Join(work, "good.a"), arFile("good.o", contents), 0o666); err != nil {
		t.Fatal(err)
	}
	doRun(t, work, packPath(t), "x", "good.a")
	got, err := os.ReadFile(filepath.Join(work, "good.o"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, contents) {
		t.Errorf("extracted good.o = %q, want %q", got, contents)
	}
}
