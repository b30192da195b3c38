package main

import (
	"cmp"
	"slices"
	"testing"
)

func TestSemverCmp(t *testing.T) {
	// Each version sorts after the ones before it.
	order := []string{
		"0", "1.0.0-0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0",
		"1.22.0-0", "1.22.11", "1.22.12-0", "1.22.12-crashout.3", "1.22.12-crashout.4", "1.22.12-crashout.10", "1.22.12",
		"1.23.0-0", "1.24.0-rc.3", "1.24.0-rc.10", "1.24.0", "1.24.8", "1.100.0",
	}
	for i, a := range order {
		for j, b := range order {
			want := cmp.Compare(i, j)
			if got := semverCmp(a, b); got != want {
				t.Errorf("semverCmp(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
	if got := semverCmp("1.22.12+meta", "1.22.12"); got != 0 {
		t.Errorf("build metadata counts: semverCmp = %d", got)
	}
}

func TestInRange(t *testing.T) {
	tests := []struct {
		events     []map[string]string
		base, fork bool // contains 1.22.12, contains 1.22.12-crashout.N
	}{
		{[]map[string]string{{"introduced": "0"}, {"fixed": "1.23.7"}, {"introduced": "1.24.0-0"}, {"fixed": "1.24.1"}}, true, true},
		{[]map[string]string{{"introduced": "0"}, {"fixed": "1.22.11"}}, false, false},
		{[]map[string]string{{"introduced": "0"}, {"fixed": "1.22.12"}}, false, true},
		{[]map[string]string{{"introduced": "1.22.12"}, {"fixed": "1.23.2"}}, true, false},
		{[]map[string]string{{"introduced": "1.24.0-0"}, {"fixed": "1.24.3"}}, false, false},
		{[]map[string]string{{"introduced": "1.22.0-0"}, {"fixed": "1.23.0-rc.1"}}, true, true},
		{[]map[string]string{{"introduced": "0"}}, true, true},
	}
	for _, tt := range tests {
		if got := inRange(tt.events, baseVersion); got != tt.base {
			t.Errorf("inRange(%v, %s) = %v, want %v", tt.events, baseVersion, got, tt.base)
		}
		if got := inRange(tt.events, forkVersion); got != tt.fork {
			t.Errorf("inRange(%v, %s) = %v, want %v", tt.events, forkVersion, got, tt.fork)
		}
	}
}

func TestEntryFields(t *testing.T) {
	// Two stdlib blocks (as the database writes a fix that moved
	// packages between releases) and a block of another module.
	data := `{"id": "GO-2026-6603", "aliases": ["CVE-2026-78659", "GHSA-xxxx"], "affected": [
		{"package": {"name": "stdlib"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.26.9"}]}],
		 "ecosystem_specific": {"imports": [{"path": "net/http", "symbols": ["Server.Serve"]}]}},
		{"package": {"name": "stdlib"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "1.27.0-0"}, {"fixed": "1.27.2"}]}],
		 "ecosystem_specific": {"imports": [{"path": "net/http/internal/http2"}]}},
		{"package": {"name": "golang.org/x/net"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "0.50.0"}]}]}]}`
	e, err := parseOSV([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := e.fixed(), []string{"go1.26.9", "go1.27.2"}; !slices.Equal(got, want) {
		t.Errorf("fixed = %q, want %q", got, want)
	}
	if got, want := importPaths(e.imports()), "net/http net/http/internal/http2"; got != want {
		t.Errorf("imports = %q, want %q", got, want)
	}
	if got := e.cves(); !slices.Equal(got, []string{"CVE-2026-78659"}) {
		t.Errorf("cves = %q", got)
	}
	if e.kind() != "std" || !e.concernsFork() || e.fixedInBase() {
		t.Errorf("kind %s, concerns the fork %v, fixed in the base %v", e.kind(), e.concernsFork(), e.fixedInBase())
	}
	if _, err := parseOSV([]byte(`{"id": "../x"}`)); err == nil {
		t.Errorf("parseOSV took the id ../x")
	}
}

func TestSemverOfDebian(t *testing.T) {
	for in, want := range map[string]string{"1.26.11": "1.26.11", "1.27~rc3": "1.27.0-rc.3", "1.26.0": "1.26.0", "1.27": "1.27.0", "1.28~beta1": "1.28.0-beta.1"} {
		if got, ok := semverOfDebian(in); !ok || got != want {
			t.Errorf("semverOfDebian(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := semverOfDebian("2:x"); ok {
		t.Errorf("semverOfDebian took 2:x")
	}
}
