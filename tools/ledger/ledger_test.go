package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInRange(t *testing.T) {
	tests := []struct {
		events []map[string]string
		want   bool
	}{
		{[]map[string]string{{"introduced": "0"}, {"fixed": "1.23.7"}, {"introduced": "1.24.0-0"}, {"fixed": "1.24.1"}}, true},
		{[]map[string]string{{"introduced": "0"}, {"fixed": "1.22.11"}}, false},
		{[]map[string]string{{"introduced": "0"}, {"fixed": "1.22.12"}}, false},
		{[]map[string]string{{"introduced": "1.24.0-0"}, {"fixed": "1.24.3"}}, false},
		{[]map[string]string{{"introduced": "1.22.0-0"}, {"fixed": "1.23.0-rc.1"}}, true},
		{[]map[string]string{{"introduced": "0"}}, true},
	}
	for _, tt := range tests {
		if got := inRange(tt.events, baseVersion); got != tt.want {
			t.Errorf("inRange(%v, %s) = %v, want %v", tt.events, baseVersion, got, tt.want)
		}
	}
}

func TestSemverCmp(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"1.22.12", "1.22.12", 0}, {"1.22.12", "1.23.0-0", -1}, {"1.26.0-rc.3", "1.26.0", -1},
		{"0", "1.22.12", -1}, {"1.24.8", "1.22.12", 1}, {"1.27.0-rc.2", "1.27.0-rc.3", -1},
	} {
		if got := semverCmp(tt.a, tt.b); got != tt.want {
			t.Errorf("semverCmp(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// writeRepo lays out a repository with a ledger, a series and patches.
func writeRepo(t *testing.T, ledger, series string, patches map[string]string) string {
	t.Helper()
	root := t.TempDir()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(root, "docs"), 0o777))
	must(os.MkdirAll(filepath.Join(root, "patches", "security"), 0o777))
	must(os.MkdirAll(filepath.Join(root, "src", "net", "url"), 0o777))
	must(os.WriteFile(filepath.Join(root, "docs", "security-ledger.md"), []byte(ledger), 0o666))
	must(os.WriteFile(filepath.Join(root, "patches", "security", "series"), []byte(series), 0o666))
	for name, text := range patches {
		must(os.WriteFile(filepath.Join(root, "patches", "security", name), []byte(text), 0o666))
	}
	must(os.WriteFile(filepath.Join(root, "src", "net", "url", "backport_test.go"),
		[]byte("package url\n\nfunc TestBracketedHost(t *testing.T) {}\n"), 0o666))
	return root
}

const goodPatch = "GO-2025-4010: net/url: reject bracketed hosts\n\nCVE: CVE-2025-47912\n\n--- a/src/net/url/url.go\n+++ b/src/net/url/url.go\n"

func TestCheck(t *testing.T) {
	ledger := `| Advisory | CVE | Packages | Kind | Upstream fix | Status | Release | Patch | Test | Note |
|---|---|---|---|---|---|---|---|---|---|
| GO-2025-4010 | CVE-2025-47912 | net/url | std | go1.24.8 | fixed | crashout.3 | [GO-2025-4010.patch](../patches/security/GO-2025-4010.patch) | net/url TestBracketedHost | |
| GO-2026-4403 | CVE-2025-22873 | os | std | go1.24.3 | not affected | — | — | — | os.Root is new in Go 1.24 |
`
	root := writeRepo(t, ledger, "GO-2025-4010.patch\n", map[string]string{"GO-2025-4010.patch": goodPatch})
	if p := check(root); len(p) > 0 {
		t.Fatalf("check of a consistent repository: %q", p)
	}

	bad := []struct {
		name, ledger, series string
		patches              map[string]string
		want                 string
	}{
		{"patch not in series", ledger, "", map[string]string{"GO-2025-4010.patch": goodPatch}, "is not in patches/security/series"},
		{"series without row", ledger, "GO-2025-4010.patch\nGO-2026-1.patch\n", map[string]string{"GO-2025-4010.patch": goodPatch, "GO-2026-1.patch": "x"}, "has no fixed row"},
		{"header lacks CVE", ledger, "GO-2025-4010.patch\n", map[string]string{"GO-2025-4010.patch": strings.Replace(goodPatch, "CVE-2025-47912", "", 1)}, "does not name CVE-2025-47912"},
		{"missing test", strings.Replace(ledger, "TestBracketedHost", "TestNoSuch", 1), "GO-2025-4010.patch\n", map[string]string{"GO-2025-4010.patch": goodPatch}, "no func TestNoSuch("},
		{"no reason", strings.Replace(ledger, "os.Root is new in Go 1.24", "", 1), "GO-2025-4010.patch\n", map[string]string{"GO-2025-4010.patch": goodPatch}, "needs its reason"},
		{"duplicate", ledger + "| GO-2026-4403 | | os | std | | not affected | | | | again |\n", "GO-2025-4010.patch\n", map[string]string{"GO-2025-4010.patch": goodPatch}, "listed already"},
	}
	for _, tt := range bad {
		root := writeRepo(t, tt.ledger, tt.series, tt.patches)
		p := strings.Join(check(root), "\n")
		if !strings.Contains(p, tt.want) {
			t.Errorf("%s: check reported %q, want a problem containing %q", tt.name, p, tt.want)
		}
	}
}

func TestReadChangelog(t *testing.T) {
	text := `golang-1.26 (1.26.11-1) unstable; urgency=medium

  * New upstream version 1.26.11
    - CVE-2026-97054: net/http: HTTP/1 server crash due to MaxBytesReader
      header race
    - CVE-2026-97033: cmd/go: unexpected code execution via --sysroot

 -- Someone <a@b>  Tue, 10 Nov 2026 22:12:07 +0100
`
	path := filepath.Join(t.TempDir(), "changelog")
	if err := os.WriteFile(path, []byte(text), 0o666); err != nil {
		t.Fatal(err)
	}
	got, err := readChangelog(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d advisories, want 2: %+v", len(got), got)
	}
	if a := got[0]; a.id != "CVE-2026-97054" || a.kind != "std" || a.packages != "net/http" ||
		a.summary != "HTTP/1 server crash due to MaxBytesReader header race" || a.fixed != "go1.26.11" {
		t.Errorf("first = %+v", a)
	}
	if a := got[1]; a.kind != "toolchain" {
		t.Errorf("second = %+v, want kind toolchain", a)
	}
	rows := []row{{id: "GO-2026-9999", cves: []string{"CVE-2026-97054"}}}
	if m := missing(rows, got, nil); len(m) != 1 || m[0].id != "CVE-2026-97033" {
		t.Errorf("missing = %+v, want only CVE-2026-97033", m)
	}
}

func TestWriteVEX(t *testing.T) {
	rows := []row{
		{id: "GO-2025-4010", cves: []string{"CVE-2025-47912"}, status: statusFixed, release: "crashout.3", patch: "GO-2025-4010.patch"},
		{id: "GO-2026-4403", cves: []string{"CVE-2025-22873"}, status: statusNotAffected, note: "os.Root is new in Go 1.24"},
		{id: "CVE-2026-97033", cves: []string{"CVE-2026-97033"}, status: statusAffected, note: "not backported yet.", toolchain: true},
	}
	var b strings.Builder
	if err := writeVEX(&b, rows, "go1.22.12-crashout.3", "2026-11-30T00:00:00Z"); err != nil {
		t.Fatal(err)
	}
	var doc vexDoc
	if err := json.Unmarshal([]byte(b.String()), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b.String())
	}
	if doc.Context != "https://openvex.dev/ns/v0.2.0" || doc.Timestamp != "2026-11-30T00:00:00Z" || len(doc.Statements) != 3 {
		t.Fatalf("document = %+v", doc)
	}
	fixed, na, aff := doc.Statements[0], doc.Statements[1], doc.Statements[2]
	if fixed.Status != "fixed" || fixed.Vulnerability.Name != "GO-2025-4010" || fixed.Vulnerability.Aliases[0] != "CVE-2025-47912" ||
		fixed.Products[0].ID != "pkg:golang/stdlib@v1.22.12-crashout.3" {
		t.Errorf("fixed statement = %+v", fixed)
	}
	if na.Status != "not_affected" || na.Justification != "vulnerable_code_not_present" || na.ImpactStatement != "os.Root is new in Go 1.24" {
		t.Errorf("not affected statement = %+v", na)
	}
	if aff.Status != "affected" || aff.ActionStatement == "" || aff.Products[0].ID != "pkg:golang/toolchain@v1.22.12-crashout.3" || len(aff.Vulnerability.Aliases) != 0 {
		t.Errorf("affected statement = %+v", aff)
	}
}
