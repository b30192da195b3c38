// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package url

import (
	"fmt"
	"strings"
	"testing"
)

// GO-2025-4010 (CVE-2025-47912): only an IPv6 address (optionally with a
// zone, possibly IPv4-mapped) may appear inside square brackets in a host.
func TestParseStrictIPv6Host(t *testing.T) {
	for _, tt := range []struct {
		in       string
		wantHost string // "" means Parse must fail
	}{
		{"http://[::1]/", "[::1]"},
		{"http://[::1]:8080/", "[::1]:8080"},
		{"https://[2001:db8::a:b:c:d]/x", "[2001:db8::a:b:c:d]"},
		{"https://[1:2:3:4:5:6:7:8]", "[1:2:3:4:5:6:7:8]"},
		{"http://[fe80::1%25en0]/", "[fe80::1%en0]"},
		{"http://[fe80::1%25%65%6e%301-._~]:8080/", "[fe80::1%en01-._~]:8080"},
		{"http://[::ffff:192.0.2.1]/", "[::ffff:192.0.2.1]"},
		{"http://[::ffff:c0a8:1]:80/", "[::ffff:c0a8:1]:80"},

		{"http://[192.168.0.1]/", ""},
		{"http://[192.168.0.1]:8080/", ""},
		{"http://[test.com]/", ""},
		{"http://[not-an-ip]/", ""},
		{"http://[2001:db8::test.com]/", ""},
		{"http://[0:0::test.com]:80/", ""},
		{"http://[1:2:3:4:5:6:7:8:9]/", ""},
		{"http://[1::1::1]/", ""},
		{"http://[1:2:3:]/", ""},
		{"http://[::ffff:192.168.0.1000]/", ""},
		{"http://[]/", ""},
		{"http://[%31%32%37.0.0.1]/", ""},
	} {
		u, err := Parse(tt.in)
		if tt.wantHost == "" {
			if err == nil {
				t.Errorf("Parse(%q) = host %q, want error", tt.in, u.Host)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q) = %v, want host %q", tt.in, err, tt.wantHost)
			continue
		}
		if u.Host != tt.wantHost {
			t.Errorf("Parse(%q).Host = %q, want %q", tt.in, u.Host, tt.wantHost)
		}
	}

	// The error for a bracketed IPv4 address and for a bracketed
	// non-address match upstream's texts.
	for _, tt := range []struct {
		in, want string
	}{
		{"http://[127.0.0.1]/", `parse "http://[127.0.0.1]/": invalid IP-literal`},
		{"http://[example]/", `parse "http://[example]/": invalid host: ParseAddr("example"): unable to parse IP`},
	} {
		_, err := Parse(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q) error = %v, want %q", tt.in, err, tt.want)
		}
	}
}

// GO-2026-4601 (CVE-2026-25679): a '[' may only start the host; an
// IP-literal glued to other host characters must be rejected.
func TestParseIPLiteralPosition(t *testing.T) {
	for _, in := range []string{
		"http://example.com[::1",
		"http://example.com[::1]",
		"http://example.com[::1]:80/",
		"http://.[::1]/",
		"http://a[b]c/",
		"http://[::1][/",
		"http://user@host[::1:80/",
		"hxxp://mathepqo[.]serveftp(.)com:9059",
	} {
		u, err := Parse(in)
		if err == nil {
			t.Errorf("Parse(%q) = host %q, want error", in, u.Host)
			continue
		}
		if want := "invalid IP-literal"; !strings.HasSuffix(err.Error(), ": "+want) {
			t.Errorf("Parse(%q) error = %v, want %q", in, err, want)
		}
	}

	// Brackets at the start of the host still work.
	for _, in := range []string{"http://[::1]/", "http://user@[::1]:80/", "http://[fe80::1%25en0]/"} {
		if _, err := Parse(in); err != nil {
			t.Errorf("Parse(%q) = %v, want no error", in, err)
		}
	}
}

// manyParams returns a query string holding n distinct parameters.
func manyParams(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte('&')
		}
		fmt.Fprintf(&b, "k%d=v", i)
	}
	return b.String()
}

// GO-2026-4341 (CVE-2025-61726): ParseQuery refuses queries with more than
// 10000 parameters unless GODEBUG=urlmaxqueryparams says otherwise.
func TestParseQueryMaxParams(t *testing.T) {
	const errText = "number of URL query parameters exceeded limit"
	for _, tt := range []struct {
		godebug string
		params  int
		wantErr bool
	}{
		{"", 1, false},
		{"", 10000, false},
		{"", 10001, true},
		{"", 50000, true},
		{"urlmaxqueryparams=0", 10001, false},
		{"urlmaxqueryparams=5", 4, false},
		{"urlmaxqueryparams=5", 5, true},
		{"urlmaxqueryparams=20000", 10001, false},
		{"urlmaxqueryparams=junk", 10001, true},
	} {
		t.Setenv("GODEBUG", tt.godebug)
		q := manyParams(tt.params)
		v, err := ParseQuery(q)
		if tt.wantErr {
			if err == nil || err.Error() != errText {
				t.Errorf("GODEBUG=%q: ParseQuery(%d params) error = %v, want %q", tt.godebug, tt.params, err, errText)
			}
			if len(v) != 0 {
				t.Errorf("GODEBUG=%q: ParseQuery(%d params) returned %d values, want 0", tt.godebug, tt.params, len(v))
			}
			u := &URL{RawQuery: q}
			if got := len(u.Query()); got != 0 {
				t.Errorf("GODEBUG=%q: URL.Query() with %d params returned %d values, want 0", tt.godebug, tt.params, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("GODEBUG=%q: ParseQuery(%d params) = %v, want no error", tt.godebug, tt.params, err)
		}
		if len(v) != tt.params {
			t.Errorf("GODEBUG=%q: ParseQuery(%d params) returned %d values", tt.godebug, tt.params, len(v))
		}
	}
}

// GO-2026-6218 (CVE-2026-56860): resolvePath used to rebuild its whole
// buffer for every ".." segment, which is quadratic in the path length.
// Count allocations instead of timing: the work per call must not grow with
// the number of ".." segments.
func TestResolvePathDotDotLinear(t *testing.T) {
	for _, tt := range []struct {
		base, ref, want string
	}{
		{"/a/b/c", "../../d", "/d"},
		{"/a/b/c/d", "../../e", "/a/e"},
		{"/a/b/c/", "..", "/a/b/"},
		{"/a/b", "../../../../x", "/x"},
		{"/a/b/c", "./../.", "/a/"},
		{"/a/", "..//b", "/b"},
		{"/a/b", "//..//c", "/c"},
	} {
		if got := resolvePath(tt.base, tt.ref); got != tt.want {
			t.Errorf("resolvePath(%q, %q) = %q, want %q", tt.base, tt.ref, got, tt.want)
		}
	}

	base := "/" + strings.Repeat("seg/", 2000) + "leaf"
	ref := strings.Repeat("../", 1000) + "x"
	want := "/" + strings.Repeat("seg/", 1000) + "x"
	if got := resolvePath(base, ref); got != want {
		t.Fatalf("resolvePath(2000 segments, 1000 ..) = %.40q... (len %d), want len %d", got, len(got), len(want))
	}
	allocs := testing.AllocsPerRun(10, func() {
		resolvePath(base, ref)
	})
	// Joining base and ref, the work buffer and the result string.
	if allocs > 3 {
		t.Errorf("resolvePath with 1000 \"..\" segments: %v allocations, want at most 3", allocs)
	}

	u, err := Parse("http://example.com" + base)
	if err != nil {
		t.Fatal(err)
	}
	if got := u.ResolveReference(&URL{Path: ref}).Path; got != want {
		t.Errorf("ResolveReference: Path = %.40q... (len %d), want len %d", got, len(got), len(want))
	}
}
