// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package pem

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
)

// GO-2025-4009 (CVE-2025-61723): Decode must not rescan the rest of the
// input for every BEGIN line that has no matching END line. The work is
// measured as bytes allocated, which grew quadratically with the number of
// unmatched BEGIN lines before the fix.
func TestDecodeUnmatchedBeginLinear(t *testing.T) {
	const lines = 2000
	input := []byte(strings.Repeat("-----BEGIN X-----\n", lines) + "-----END X-----\n")

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	block, rest := Decode(input)
	runtime.ReadMemStats(&after)

	if block == nil || block.Type != "X" || len(block.Bytes) != 0 {
		t.Errorf("Decode: got block %#v, want an empty block of type X", block)
	}
	if len(rest) != 0 {
		t.Errorf("Decode: got rest %q, want empty", rest)
	}
	allocated := after.TotalAlloc - before.TotalAlloc
	if limit := uint64(16 * len(input)); allocated > limit {
		t.Errorf("Decode of %d unmatched BEGIN lines allocated %d bytes, want at most %d", lines, allocated, limit)
	}
}

// GO-2025-4009 (CVE-2025-61723): blocks are located by pairing the first END
// line with the last BEGIN line before it; unusual leading content must not
// hide the following valid block.
func TestDecodeSkipsBrokenBlocks(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"repeated BEGIN", "-----BEGIN X-----\n-----BEGIN X-----\n-----BEGIN X-----\naGVsbG8=\n-----END X-----\n"},
		{"repeated END", "-----BEGIN X-----\naGVsbG8=\n-----END X-----\n-----END X-----\n"},
		{"stray END first", "junk\n-----END Y-----\n-----BEGIN X-----\naGVsbG8=\n-----END X-----\n"},
		{"bad body first", "-----BEGIN Y-----\n!!!\n-----END Y-----\n-----BEGIN X-----\naGVsbG8=\n-----END X-----\n"},
		{"truncated BEGIN first", "-----BEGIN Y\naGVsbG8=\n-----END Y-----\n-----BEGIN X-----\naGVsbG8=\n-----END X-----\n"},
	}
	for _, tt := range tests {
		block, _ := Decode([]byte(tt.in))
		if block == nil {
			t.Errorf("%s: got nil block, want block X", tt.name)
			continue
		}
		if block.Type != "X" || !bytes.Equal(block.Bytes, []byte("hello")) {
			t.Errorf("%s: got type %q bytes %q, want type %q bytes %q", tt.name, block.Type, block.Bytes, "X", "hello")
		}
	}
	if block, _ := Decode([]byte("\n-----END X-----")); block != nil {
		t.Errorf("Decode of a lone END line: got %#v, want nil", block)
	}
}
