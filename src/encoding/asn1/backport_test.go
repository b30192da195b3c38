// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package asn1

import (
	"bytes"
	"errors"
	"runtime"
	"testing"
)

// GO-2025-4011 (CVE-2025-58185): a SEQUENCE OF with millions of two-byte
// (empty) elements must not make Unmarshal allocate the full decoded slice
// before the first element fails to parse.
func TestSequenceOfBoundedAllocation(t *testing.T) {
	const n = 1_000_000
	// An outer SEQUENCE holding n empty SEQUENCEs (30 00).
	inner := bytes.Repeat([]byte{0x30, 0x00}, n)
	der := append([]byte{0x30, 0x83, byte(len(inner) >> 16), byte(len(inner) >> 8), byte(len(inner))}, inner...)

	var out []struct {
		A []int
		B bool `asn1:"optional"`
		C []byte
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Unmarshal(der, &out)
	runtime.ReadMemStats(&after)

	if !errors.As(err, &SyntaxError{}) {
		t.Errorf("Unmarshal: got error %v, want a SyntaxError", err)
	}
	// Each element is 56 bytes in Go; preallocating all of them would be
	// 56 MB. With the fix the initial reservation is capped at 10 MiB.
	if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(20<<20); got > limit {
		t.Errorf("Unmarshal allocated %d bytes for a failing SEQUENCE OF, want at most %d", got, limit)
	}
}

// GO-2026-5972 (CVE-2026-33818): Unmarshal stops at a fixed nesting depth
// (10000 parseField levels; 5000 on wasm) instead of recursing without bound.
func TestUnmarshalDepthLimit(t *testing.T) {
	type nestedSlice []nestedSlice
	type nestedStruct struct {
		Next []nestedStruct `asn1:"optional"`
	}
	limit := 10000
	if runtime.GOARCH == "wasm" {
		limit = 5000
	}
	const wantErr = "asn1: structure error: nesting depth exceeded"

	// nest returns the DER encoding of n SEQUENCEs, each containing the
	// next. It is built back to front, then reversed.
	nest := func(n int) []byte {
		var rev []byte
		for i := 0; i < n; i++ {
			l := len(rev)
			switch {
			case l < 0x80:
				rev = append(rev, byte(l), 0x30)
			case l < 0x100:
				rev = append(rev, byte(l), 0x81, 0x30)
			case l < 0x10000:
				rev = append(rev, byte(l), byte(l>>8), 0x82, 0x30)
			default:
				rev = append(rev, byte(l), byte(l>>8), byte(l>>16), 0x83, 0x30)
			}
		}
		for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
			rev[i], rev[j] = rev[j], rev[i]
		}
		return rev
	}

	tests := []struct {
		name   string
		levels int // SEQUENCE nesting in the input
		target func() any
		ok     bool
	}{
		// Every slice level is one parseField call.
		{"slice at limit", limit, func() any { return new(nestedSlice) }, true},
		{"slice above limit", limit + 1, func() any { return new(nestedSlice) }, false},
		// k nested structs are 2k-1 SEQUENCEs (struct, Next, struct, ...)
		// and cost two levels each, so only limit/2 of them fit.
		{"struct at limit", 2*(limit/2) - 1, func() any { return new(nestedStruct) }, true},
		{"struct above limit", 2*(limit/2+1) - 1, func() any { return new(nestedStruct) }, false},
	}
	for _, tt := range tests {
		_, err := Unmarshal(nest(tt.levels), tt.target())
		if tt.ok {
			if err != nil {
				t.Errorf("%s: Unmarshal of %d levels: got error %v, want nil", tt.name, tt.levels, err)
			}
			continue
		}
		if err == nil || err.Error() != wantErr {
			t.Errorf("%s: Unmarshal of %d levels: got error %v, want %q", tt.name, tt.levels, err, wantErr)
		}
	}
}
