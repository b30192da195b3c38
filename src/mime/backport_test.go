// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package mime

import (
	"strings"
	"testing"
)

// GO-2026-5038 (CVE-2026-42504): when an encoded-word cannot be decoded,
// DecodeHeader must copy it through whole and resume after its "?=",
// instead of stepping two bytes and rescanning the rest of the word,
// which was quadratic in the header length. As a result, text inside an
// undecodable word is never decoded.
func TestDecodeHeaderUndecodableWords(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"=?UTF-8?q?a=?UTF-8?q?b?=", "=?UTF-8?q?a=?UTF-8?q?b?="},
		{"x =?UTF-8?b?!!=?UTF-8?b?QW5kcsOp?= y", "x =?UTF-8?b?!!=?UTF-8?b?QW5kcsOp?= y"},
		{"=?UTF-8?b?garbage?= =?UTF-8?b?QW5kcsOp?= =?UTF-8?b?garbage?=", "=?UTF-8?b?garbage?= André =?UTF-8?b?garbage?="},
		{"=?UTF-8?x?y?=?UTF-8?x?y=?", "=?UTF-8?x?y?=?UTF-8?x?y=?"},
		{"=?UTF-8?q?=ZZ?==?UTF-8?q?ok?=", "=?UTF-8?q?=ZZ?=ok"},
	}
	dec := new(WordDecoder)
	for _, tt := range tests {
		got, err := dec.DecodeHeader(tt.in)
		if err != nil {
			t.Errorf("DecodeHeader(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("DecodeHeader(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}

	// A long run of words that all start inside one undecodable word.
	// The output is the input unchanged.
	in := "=?UTF-8?q?" + strings.Repeat("=?UTF-8?q?x", 10000) + "?="
	got, err := dec.DecodeHeader(in)
	if err != nil || got != in {
		t.Errorf("DecodeHeader(long undecodable word) = %d bytes, %v; want input unchanged", len(got), err)
	}
}
