// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package mail

import (
	"runtime"
	"strings"
	"testing"
)

// heapBytes reports the smallest number of heap bytes that one call of f
// allocated over a few runs.
func heapBytes(f func()) uint64 {
	var best uint64
	for i := 0; i < 3; i++ {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		if n := after.TotalAlloc - before.TotalAlloc; i == 0 || n < best {
			best = n
		}
	}
	return best
}

// GO-2026-4977 (CVE-2026-42499): a display name made of many adjacent
// RFC 2047 encoded-words was joined by repeated string concatenation, so the
// memory (and time) used grew with the square of the name's length.
func TestConsumePhraseEncodedWordsLinear(t *testing.T) {
	const word = "=?utf-8?q?abcdefghijklmnop?="
	for _, tt := range []struct {
		in, want string
	}{
		{"=?utf-8?q?a?= =?utf-8?q?b?= <x@example.com>", "ab"},
		{"=?utf-8?q?a?= plain =?utf-8?q?b?= =?utf-8?q?c?= <x@example.com>", "a plain bc"},
		{"plain =?utf-8?q?a?= =?utf-8?q?b?= tail <x@example.com>", "plain ab tail"},
		{"\"quoted\" =?utf-8?q?a?= <x@example.com>", "quoted a"},
	} {
		addr, err := ParseAddress(tt.in)
		if err != nil {
			t.Errorf("ParseAddress(%q) = %v", tt.in, err)
			continue
		}
		if addr.Name != tt.want {
			t.Errorf("ParseAddress(%q).Name = %q, want %q", tt.in, addr.Name, tt.want)
		}
	}

	const n = 4000
	in := strings.Repeat(word+" ", n) + "<x@example.com>"
	want := strings.Repeat("abcdefghijklmnop", n)
	addr, err := ParseAddress(in)
	if err != nil {
		t.Fatalf("ParseAddress(%d encoded-words) = %v", n, err)
	}
	if addr.Name != want {
		t.Fatalf("ParseAddress(%d encoded-words).Name has length %d, want %d", n, len(addr.Name), len(want))
	}
	// Decoding costs a bounded amount per word; the quadratic join needs
	// about len(want)*n/2 bytes (over 100 MB here).
	got := heapBytes(func() { ParseAddress(in) })
	if limit := uint64(50 * len(in)); got > limit {
		t.Errorf("ParseAddress(%d encoded-words) allocated %d bytes, want at most %d", n, got, limit)
	}
}

// GO-2026-4986 (CVE-2026-39820): comments were built one byte at a time by
// string concatenation, so a long comment in an address or a date cost
// memory (and time) quadratic in its length.
func TestConsumeCommentLinear(t *testing.T) {
	for _, tt := range []struct {
		in, want string
	}{
		{"a@example.com (John Doe)", "John Doe"},
		{"a@example.com (John (the) Doe)", "John (the) Doe"},
		{`a@example.com (John \) Doe)`, "John ) Doe"},
		{"a@example.com (=?utf-8?q?J=C3=B6rg?= Doe)", "Jörg Doe"},
	} {
		addr, err := ParseAddress(tt.in)
		if err != nil {
			t.Errorf("ParseAddress(%q) = %v", tt.in, err)
			continue
		}
		if addr.Name != tt.want {
			t.Errorf("ParseAddress(%q).Name = %q, want %q", tt.in, addr.Name, tt.want)
		}
	}

	const n = 10000
	long := strings.Repeat("x", n)

	addrIn := "a@example.com (" + long + ")"
	addr, err := ParseAddress(addrIn)
	if err != nil {
		t.Fatalf("ParseAddress(%d-byte comment) = %v", n, err)
	}
	if addr.Name != long {
		t.Fatalf("ParseAddress(%d-byte comment).Name has length %d, want %d", n, len(addr.Name), n)
	}

	dateIn := "Fri, 21 Nov 1997 09:55:06 -0600 (" + long + ")"
	if _, err := ParseDate(dateIn); err != nil {
		t.Fatalf("ParseDate(%d-byte comment) = %v", n, err)
	}

	// Building a comment of n bytes by += costs about n*n/2 bytes
	// (50 MB here); a linear parser needs a small multiple of n.
	for _, tt := range []struct {
		name string
		f    func()
	}{
		{"ParseAddress", func() { ParseAddress(addrIn) }},
		{"ParseDate", func() { ParseDate(dateIn) }},
	} {
		if got, limit := heapBytes(tt.f), uint64(50*n); got > limit {
			t.Errorf("%s with a %d-byte comment allocated %d bytes, want at most %d", tt.name, n, got, limit)
		}
	}
}
