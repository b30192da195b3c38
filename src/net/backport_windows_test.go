// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package net

import (
	"context"
	"errors"
	"testing"
)

// GO-2026-4971 (CVE-2026-39836): a service name containing a NUL byte must
// make LookupPort and Dial fail with an error, not panic, on Windows.
func TestLookupPortNULByte(t *testing.T) {
	tests := []struct {
		network string
		service string
	}{
		{"tcp", "bad\x00port"},
		{"udp", "bad\x00port"},
		{"tcp6", "\x00"},
		{"ip", "http\x00"},
	}
	for _, tt := range tests {
		port, err := DefaultResolver.LookupPort(context.Background(), tt.network, tt.service)
		if err == nil || port != 0 {
			t.Errorf("LookupPort(%q, %q) = %d, %v; want 0, error", tt.network, tt.service, port, err)
			continue
		}
		var dnsErr *DNSError
		if !errors.As(err, &dnsErr) {
			t.Errorf("LookupPort(%q, %q) error = %v (%T), want *DNSError", tt.network, tt.service, err, err)
		}
	}

	for _, addr := range []string{"127.0.0.1:bad\x00port", "[::1]:\x00"} {
		c, err := Dial("tcp", addr)
		if err == nil {
			c.Close()
			t.Errorf("Dial(%q) succeeded, want error", addr)
		}
	}
}
