// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package zip

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"time"
)

// GO-2026-4342 (CVE-2025-61728): building the index used by Open must
// not walk every parent directory of every file. With n files nested
// one level deeper each ("a/data", "a/a/data", ...) the old walk hashed
// every parent of every file, work cubic in n (about 10^11 bytes here,
// minutes); the fixed one stops at the first directory already seen, and
// needs well under a second. The deadline is only a guard against that
// hang.
func TestOpenManyNestedFilesIndex(t *testing.T) {
	const n = 5000
	var buf bytes.Buffer
	zw := NewWriter(&buf)
	for i := 0; i < n; i++ {
		if _, err := zw.CreateHeader(&FileHeader{
			Name:   strings.Repeat("a/", i) + "data",
			Method: Store,
		}); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}

	done := make(chan struct{})
	go func() {
		defer close(done)
		zr.initFileList()
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("building the index of %d nested files did not finish in 20s", n)
	}

	// The index is still complete: every file, and every directory
	// implied by the paths.
	if got, want := len(zr.fileList), 2*n-1; got != want {
		t.Errorf("index has %d entries, want %d", got, want)
	}
	deepest := strings.Repeat("a/", n-1) + "data"
	if f, err := zr.Open(deepest); err != nil {
		t.Errorf("Open(deepest file): %v", err)
	} else {
		f.Close()
	}
	entries, err := fs.ReadDir(zr, strings.Repeat("a/", n/2)+"a")
	if err != nil {
		t.Fatalf("ReadDir: %v", err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got, want := strings.Join(names, ","), "a,data"; got != want {
		t.Errorf("ReadDir entries = %q, want %q", got, want)
	}
}
