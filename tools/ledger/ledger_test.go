package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"strings"
	"testing"
)

// writeRepo lays out a repository with a ledger, a snapshot of the
// database (docs/vulndb: the entries, by id), a series and patches.
func writeRepo(t *testing.T, ledger string, entries map[string]string, series string, patches map[string]string) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"docs/security-ledger.md":      ledger,
		"docs/vulndb/version":          "golang.org/x/vulndb v0.0.0-20261105234957-e22db6528018\n",
		"patches/security/series":      series,
		"src/net/url/backport_test.go": "package url\n\nfunc TestBracketedHost(t *testing.T) {}\n",
	}
	for id, text := range entries {
		files["docs/vulndb/"+id+".json"] = text
	}
	for name, text := range patches {
		files["patches/security/"+name] = text
	}
	writeFiles(t, root, files)
	return root
}

const goodPatch = "GO-2025-4010: net/url: reject bracketed hosts\n\nCVE: CVE-2025-47912\n\n--- a/src/net/url/url.go\n+++ b/src/net/url/url.go\n"

// osvJSON writes an OSV entry of the Go distribution: pkg is stdlib or
// toolchain, events alternate introduced and fixed versions.
func osvJSON(id, pkg string, aliases []string, events ...string) string {
	var ev []string
	for i, v := range events {
		ev = append(ev, fmt.Sprintf(`{%q: %q}`, map[bool]string{true: "introduced", false: "fixed"}[i%2 == 0], v))
	}
	a, _ := json.Marshal(aliases)
	return fmt.Sprintf(`{"id": %q, "aliases": %s, "summary": "s", "affected": [{"package": {"name": %q, "ecosystem": "Go"},
		"ranges": [{"type": "SEMVER", "events": [%s]}], "ecosystem_specific": {"imports": [{"path": "net/url"}]}}]}`,
		id, a, pkg, strings.Join(ev, ", "))
}

const checkLedger = `| Advisory | CVE | Packages | Kind | Upstream fix | Status | Release | Patch | Regression test | Note |
|---|---|---|---|---|---|---|---|---|---|
| GO-2025-3447 | CVE-2025-22866 | crypto/internal/nistec | std | go1.22.12, go1.23.6 | fixed | go1.22.12 | — | — | fixed in the base |
| GO-2025-4010 | CVE-2025-47912 | net/url | std | go1.24.8, go1.25.2 | fixed | crashout.3 | [GO-2025-4010.patch](../patches/security/GO-2025-4010.patch) | net/url TestBracketedHost | |
| GO-2026-4403 | CVE-2025-22873 | os | std | go1.24.3 | not affected | — | — | — | os.Root is new in Go 1.24 |
| CVE-2026-97033 | CVE-2026-97033 | cmd/go | toolchain | go1.26.11, go1.27.4 | not affected | — | — | — | no such flag |

Text after the table.
`

var checkEntries = map[string]string{
	"GO-2025-3447":   osvJSON("GO-2025-3447", "stdlib", []string{"CVE-2025-22866"}, "0", "1.22.12", "1.23.0-0", "1.23.6"),
	"GO-2025-4010":   osvJSON("GO-2025-4010", "stdlib", []string{"CVE-2025-47912"}, "0", "1.24.8", "1.25.0-0", "1.25.2"),
	"GO-2026-4403":   osvJSON("GO-2026-4403", "stdlib", []string{"CVE-2025-22873"}, "1.22.0-0", "1.24.3"),
	"CVE-2026-97033": osvJSON("CVE-2026-97033", "toolchain", nil, "0", "1.26.11", "1.27.0-0", "1.27.4"),
}

func TestCheck(t *testing.T) {
	series := "GO-2025-4010.patch\n"
	patches := map[string]string{"GO-2025-4010.patch": goodPatch}
	root := writeRepo(t, checkLedger, checkEntries, series, patches)
	if p := check(root); len(p) > 0 {
		t.Fatalf("check of a consistent repository: %q", p)
	}

	without := func(id string) map[string]string {
		m := maps.Clone(checkEntries)
		delete(m, id)
		return m
	}
	with := func(id, text string) map[string]string {
		m := maps.Clone(checkEntries)
		m[id] = text
		return m
	}
	dropRow := func(id string) string {
		var kept []string
		for _, l := range strings.SplitAfter(checkLedger, "\n") {
			if !strings.HasPrefix(l, "| "+id+" ") {
				kept = append(kept, l)
			}
		}
		return strings.Join(kept, "")
	}
	renamed := with("GO-2026-6900", osvJSON("GO-2026-6900", "toolchain", []string{"CVE-2026-97033"}, "0", "1.26.11", "1.27.0-0", "1.27.4"))
	delete(renamed, "CVE-2026-97033")
	bad := []struct {
		name    string
		ledger  string
		entries map[string]string
		series  string
		patches map[string]string
		want    string
	}{
		{"patch not in series", checkLedger, checkEntries, "", patches, "is not in patches/security/series"},
		{"series without row", checkLedger, checkEntries, series + "GO-2026-1.patch\n", map[string]string{"GO-2025-4010.patch": goodPatch, "GO-2026-1.patch": "x"}, "has no fixed row"},
		{"header lacks CVE", checkLedger, checkEntries, series, map[string]string{"GO-2025-4010.patch": strings.Replace(goodPatch, "CVE-2025-47912", "", 1)}, "does not name CVE-2025-47912"},
		{"missing test", strings.Replace(checkLedger, "TestBracketedHost", "TestNoSuch", 1), checkEntries, series, patches, "no func TestNoSuch("},
		{"no reason", strings.Replace(checkLedger, "os.Root is new in Go 1.24", "", 1), checkEntries, series, patches, "needs its reason"},
		{"duplicate", strings.Replace(checkLedger, "\n\nText", "\n| GO-2026-4403 | CVE-2025-22873 | os | std | go1.24.3 | not affected | | | | again |\n\nText", 1), checkEntries, series, patches, "listed already"},
		{"advisory dropped from the ledger", dropRow("GO-2026-4403"), checkEntries, series, patches, "GO-2026-4403 has no row in the ledger"},
		{"fixed-in-base advisory dropped", dropRow("GO-2025-3447"), checkEntries, series, patches, "GO-2025-3447 has no row in the ledger"},
		{"entry added with no row", checkLedger, with("GO-2026-6604", osvJSON("GO-2026-6604", "stdlib", []string{"CVE-2026-56857"}, "0", "1.26.9")), series, patches, "GO-2026-6604 has no row in the ledger"},
		{"row with no entry", checkLedger, without("GO-2026-4403"), series, patches, "GO-2026-4403: not an advisory of the snapshot"},
		{"malformed row", strings.Replace(checkLedger, "| GO-2026-4403 |", "| GO 2026-4403 |", 1), checkEntries, series, patches, "not an advisory row"},
		{"row without its last column", strings.Replace(checkLedger, " os.Root is new in Go 1.24 |", "", 1), checkEntries, series, patches, "9 columns, want 10"},
		{"a second table", checkLedger + "| GO-2026-4403 | CVE-2025-22873 | os | std | go1.24.3 | not affected | | | | again |\n", checkEntries, series, patches, "a table line after the ledger's table"},
		{"Kind changed", strings.Replace(checkLedger, "| os | std |", "| os | toolchain |", 1), checkEntries, series, patches, "Kind toolchain, the entry's is std"},
		{"changelog record's Kind", strings.Replace(checkLedger, "| cmd/go | toolchain |", "| cmd/go | std |", 1), checkEntries, series, patches, "Kind std, the entry's is toolchain"},
		{"fixed versions changed", checkLedger, with("GO-2025-4010", osvJSON("GO-2025-4010", "stdlib", []string{"CVE-2025-47912"}, "0", "1.24.8", "1.25.0-0", "1.25.3")), series, patches, `Upstream fix "go1.24.8, go1.25.2", the entry's fixed versions are "go1.24.8, go1.25.3"`},
		{"CVE changed", checkLedger, with("GO-2025-4010", osvJSON("GO-2025-4010", "stdlib", []string{"CVE-2025-47912", "CVE-2025-10001"}, "0", "1.24.8", "1.25.0-0", "1.25.2")), series, patches, "the entry's CVEs are"},
		{"named by its CVE", strings.Replace(checkLedger, "| CVE-2026-97033 | CVE-2026-97033 |", "| CVE-2026-97033 | |", 1),
			renamed, series, patches, "the snapshot names this advisory GO-2026-6900"},
		{"changelog record kept beside the database's entry", checkLedger, with("GO-2026-6900", renamed["GO-2026-6900"]), series, patches, "CVE-2026-97033.json: GO-2026-6900 names this CVE"},
		{"fixed in the base, said backported", strings.Replace(checkLedger, "| fixed | go1.22.12 |", "| fixed | crashout.3 |", 1), checkEntries, series, patches, "fixed in 1.22.12 itself"},
		{"said fixed in the base", strings.Replace(checkLedger, "| not affected | — | — | — | os.Root", "| fixed | go1.22.12 | — | — | os.Root", 1), checkEntries, series, patches, "Release go1.22.12, but the entry's ranges contain 1.22.12"},
		{"entry not concerning the fork", checkLedger, with("GO-2026-0001", osvJSON("GO-2026-0001", "stdlib", nil, "1.24.0-0", "1.24.3")), series, patches, "GO-2026-0001.json: its ranges contain neither"},
	}
	for _, tt := range bad {
		root := writeRepo(t, tt.ledger, tt.entries, tt.series, tt.patches)
		p := strings.Join(check(root), "\n")
		if !strings.Contains(p, tt.want) {
			t.Errorf("%s: check reported %q, want a problem containing %q", tt.name, p, tt.want)
		}
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
