// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package internal

import (
	"io"
	"strings"
	"testing"
)

// GO-2025-3563 (CVE-2025-22871): the chunked reader must insist on CRLF
// line endings in the chunk framing; a bare LF (or a stray CR) there can be
// used for request smuggling behind a lenient proxy.
func TestChunkedRejectsBareLF(t *testing.T) {
	bad := []struct {
		name, in string
	}{
		{"bare LF after chunk size", "1\nx\r\n0\r\n"},
		{"CR CR LF after chunk size", "1\r\r\nx\r\n0\r\n"},
		{"bare LF after chunk data", "1\r\nx\n0\r\n"},
		{"bare LF inside chunk extension", "1;ext\ny\r\n0\r\n"},
		{"CR inside chunk extension", "1;e\rx\r\ny\r\n0\r\n"},
		{"bare LF after last chunk", "1\r\nx\r\n0\n"},
	}
	for _, tt := range bad {
		got, err := io.ReadAll(NewChunkedReader(strings.NewReader(tt.in)))
		if err == nil {
			t.Errorf("%s: ReadAll(%q) = %q, nil; want an error", tt.name, tt.in, got)
		}
	}

	good := []struct {
		in, want string
	}{
		{"1\r\nx\r\n0\r\n", "x"},
		{"1 \t\r\nx\r\n0\r\n", "x"},
		{"3;name=value\r\nabc\r\n0\r\n", "abc"},
	}
	for _, tt := range good {
		got, err := io.ReadAll(NewChunkedReader(strings.NewReader(tt.in)))
		if err != nil || string(got) != tt.want {
			t.Errorf("ReadAll(%q) = %q, %v; want %q, nil", tt.in, got, err, tt.want)
		}
	}
}
