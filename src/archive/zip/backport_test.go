// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package zip

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
)

// GO-2026-4342 (CVE-2025-61728): building the index used by Open must
// look up each file's parent directories only until it meets one already
// recorded, whose ancestors are recorded too. With n files nested one level
// deeper each ("a/data", "a/a/data", ...) the old walk looked up every
// parent of every file, n*(n-1)/2 lookups each hashing its path: work cubic
// in n, minutes for n = 5000. The fixed one looks up at most one directory
// more than it records for each file. The test counts the lookups.
func TestOpenManyNestedFilesIndex(t *testing.T) {
	const n = 1000
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

	lookups := 0
	testHookDirLookup = func() { lookups++ }
	defer func() { testHookDirLookup = nil }()
	zr.initFileList()
	const dirs = n - 1
	if max := dirs + n; lookups > max {
		t.Errorf("indexing %d nested files looked up parent directories %d times, want at most %d (each of the %d directories, plus one known directory per file)", n, lookups, max, dirs)
	}

	// The index is still complete: every file, and every directory
	// implied by the paths.
	if got, want := len(zr.fileList), n+dirs; got != want {
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
