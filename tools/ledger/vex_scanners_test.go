package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/openvex/go-vex/pkg/vex"
)

// The scanners read the Go version a binary was built with
// (runtime.Version: go1.22.12-crashout.N) as the version of a Go package
// named stdlib, and name that package with a purl:
//
//   - Trivy v0.74.0: pkg/dependency/parser/golang/binary/parse.go,
//     parseStdlibVersion, turns "go1.22.12-crashout.N" into
//     "v1.22.12-crashout.N"; pkg/purl/purl.go, New, makes it
//     pkg:golang/stdlib@v1.22.12-crashout.N. trivy-db's govulndb source
//     (trivy-db v0.0.0-20260813095258-0e0340a01b57,
//     pkg/vulnsrc/govulndb/govulndb.go, TransformAdvisories) keeps only the
//     stdlib and golang.org/x/ blocks of an entry, so Trivy never reports a
//     toolchain advisory. It names a finding by its CVE, one finding per
//     CVE, and by the GO- id only when there is no CVE
//     (pkg/vulnsrc/osv/osv.go, groupVulnIDs).
//   - syft v1.57.1, which Grype v0.121.3 catalogs with (the same in v1.57.2):
//     syft/pkg/cataloger/golang/stdlib_package.go, newGoStdLib, makes
//     pkg:golang/stdlib@1.22.12-crashout.N (packageURL, package.go, with
//     the "go" trimmed and no "v"). syft makes no toolchain package; the
//     Grype database's toolchain entries
//     (grype/db/v6/build/transformers/osv/transform_go_vuln_db.go) are
//     under the package name toolchain. Grype names a finding by the GO- id.
//
// Both order versions as semver, so 1.22.12-crashout.N is a pre-release
// below 1.22.12 and every advisory fixed in 1.22.12 or later is reported:
// Trivy's pkg/detector/library/compare/compare.go, GenericComparer
// (github.com/aquasecurity/go-version), on the ranges of trivy-db's
// pkg/vulnsrc/osv/range.go, SemVerRange; Grype's
// grype/version/golang_version.go, newGolangVersion (trims "go", then
// hashicorp-style semver). Only the VEX document stops the report.
//
// Both match the document with go-vex's (*VEX).Matches:
//
//   - Trivy v0.74.0 (go-vex v0.2.7): pkg/vex/openvex.go, (*OpenVEX).Matches,
//     calls Matches(finding id, package purl, []string{""}) for the package
//     itself first (pkg/vex/vex.go, reachRoot) and takes the last statement;
//     NotAffected drops the finding when its status is not_affected or fixed.
//   - Grype v0.121.3 (go-vex v0.2.9): grype/vex/openvex/implementation.go,
//     findMatchingStatement, calls Matches(finding id, product, [package
//     purl]) for the scanned image's identifiers, which name no Go package,
//     then Matches(finding id, package purl, nil), and takes the first
//     statement; FilterMatches drops the finding when it is not_affected or
//     fixed. It loads the document with MergeFiles (ReadVexDocuments).
//
// go-vex matches a statement's vulnerability by its name or an alias
// ((*Vulnerability).Matches) and a purl product by type, namespace, name and
// the exact version string (PurlMatches): the "v" matters. These functions,
// and MergeFiles, are the same in v0.2.9 as in v0.2.7, which this test uses.

// trivyPurl and grypePurl are the purls the scanners give the Go package of
// a binary built by the Go version goVersion (runtime.Version).
func trivyPurl(pkg, goVersion string) string {
	return "pkg:golang/" + pkg + "@v" + strings.TrimPrefix(goVersion, "go")
}

func grypePurl(pkg, goVersion string) string {
	return "pkg:golang/" + pkg + "@" + strings.TrimPrefix(goVersion, "go")
}

// scannerGaps lists every way a scanner would find no statement, or not
// exactly one, for an advisory of the snapshot: by its id and by each CVE,
// on each purl of each Go package (stdlib, toolchain) the advisory affects.
// trivyDoc and grypeDoc are the document as Trivy and Grype load it.
func scannerGaps(trivyDoc, grypeDoc *vex.VEX, snap *snapshot, goVersion string) []string {
	var gaps []string
	for _, id := range snap.ids() {
		e := snap.entries[id]
		names := e.cves() // a record known only by its CVE is named by it
		if !slices.Contains(names, e.ID) {
			names = append([]string{e.ID}, names...)
		}
		var pkgs []string
		for _, a := range e.goBlocks() {
			if !slices.Contains(pkgs, a.Package.Name) {
				pkgs = append(pkgs, a.Package.Name)
			}
		}
		for _, pkg := range pkgs {
			for _, name := range names {
				trivy, grype := trivyPurl(pkg, goVersion), grypePurl(pkg, goVersion)
				if gap := oneStatement(e.ID, trivyDoc.Matches(name, trivy, []string{""})); gap != "" {
					gaps = append(gaps, fmt.Sprintf("%s: Trivy as %s %s finds %s", e.ID, name, trivy, gap))
				}
				if gap := oneStatement(e.ID, grypeDoc.Matches(name, grype, nil)); gap != "" {
					gaps = append(gaps, fmt.Sprintf("%s: Grype as %s %s finds %s", e.ID, name, grype, gap))
				}
			}
		}
	}
	return gaps
}

// oneStatement says what is wrong with the statements a scanner found for
// the advisory id, or "" if it found exactly one, named by id.
func oneStatement(id string, stmts []vex.Statement) string {
	switch {
	case len(stmts) == 0:
		return "no statement"
	case len(stmts) > 1:
		return fmt.Sprintf("%d statements", len(stmts))
	case string(stmts[0].Vulnerability.Name) != id:
		return "the statement of " + string(stmts[0].Vulnerability.Name)
	case !stmts[0].Status.Valid():
		return fmt.Sprintf("status %q", stmts[0].Status)
	}
	return ""
}

// loadAsScanners writes the document to a file and loads it as Trivy
// (json.Decode into vex.VEX) and as Grype (vex.MergeFiles) do.
func loadAsScanners(t *testing.T, doc []byte) (trivyDoc, grypeDoc *vex.VEX) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "release.openvex.json")
	if err := os.WriteFile(path, doc, 0o666); err != nil {
		t.Fatal(err)
	}
	trivyDoc = new(vex.VEX)
	if err := json.Unmarshal(doc, trivyDoc); err != nil {
		t.Fatal(err)
	}
	grypeDoc, err := vex.MergeFiles([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	return trivyDoc, grypeDoc
}

// releaseVEX writes the OpenVEX document of the repository's ledger for
// the release its VERSION file names, and reads the snapshot.
func releaseVEX(t *testing.T) (doc []byte, version string, snap *snapshot) {
	t.Helper()
	root := filepath.Join("..", "..")
	data, err := os.ReadFile(filepath.Join(root, "VERSION"))
	if err != nil {
		t.Fatal(err)
	}
	version = strings.TrimSpace(strings.SplitN(string(data), "\n", 2)[0])
	rows, err := readLedger(filepath.Join(root, "docs", "security-ledger.md"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := writeVEX(&buf, rows, version, "2026-12-01T00:00:00Z"); err != nil {
		t.Fatal(err)
	}
	snap, err = readSnapshot(filepath.Join(root, snapshotDir))
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), version, snap
}

// TestVEXScanners checks that Trivy and Grype, matching the release's
// OpenVEX document as their code does, find for every advisory of the
// snapshot (docs/vulndb) its one statement, by each of its ids.
func TestVEXScanners(t *testing.T) {
	doc, version, snap := releaseVEX(t)
	trivyDoc, grypeDoc := loadAsScanners(t, doc)
	for _, gap := range scannerGaps(trivyDoc, grypeDoc, snap, version) {
		t.Error(gap)
	}
}

// TestVEXScannersMissingStatement checks that the check notices the
// statement of any advisory of the snapshot missing from the document.
func TestVEXScannersMissingStatement(t *testing.T) {
	doc, version, snap := releaseVEX(t)
	var full map[string]any
	if err := json.Unmarshal(doc, &full); err != nil {
		t.Fatal(err)
	}
	stmts := full["statements"].([]any)
	for _, id := range snap.ids() {
		i := statementOf(stmts, id)
		if i < 0 {
			continue // TestVEXScanners reports it
		}
		full["statements"] = append(append([]any{}, stmts[:i]...), stmts[i+1:]...)
		cut, err := json.Marshal(full)
		if err != nil {
			t.Fatal(err)
		}
		trivyDoc, grypeDoc := loadAsScanners(t, cut)
		found := false
		for _, g := range scannerGaps(trivyDoc, grypeDoc, snap, version) {
			found = found || strings.HasPrefix(g, id+": ")
		}
		if !found {
			t.Errorf("without the statement of %s: no gap found for it", id)
		}
	}
}

// statementOf returns the index of the statement named name, or -1.
func statementOf(stmts []any, name string) int {
	for i, s := range stmts {
		if s.(map[string]any)["vulnerability"].(map[string]any)["name"] == name {
			return i
		}
	}
	return -1
}

// TestWriteVEXFixedInBase checks the statement of an advisory the base
// release fixed itself (no patch): fixed, for both purl spellings, since
// the scanners read go1.22.12-crashout.N as a pre-release of 1.22.12.
func TestWriteVEXFixedInBase(t *testing.T) {
	rows := []row{{id: "GO-2025-3447", cves: []string{"CVE-2025-22866"}, status: statusFixed, release: "go1.22.12"}}
	var b bytes.Buffer
	if err := writeVEX(&b, rows, "go1.22.12-crashout.3", "2026-12-01T00:00:00Z"); err != nil {
		t.Fatal(err)
	}
	var doc vexDoc
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	s := doc.Statements[0]
	want := []vexProduct{{ID: "pkg:golang/stdlib@v1.22.12-crashout.3"}, {ID: "pkg:golang/stdlib@1.22.12-crashout.3"}}
	if s.Status != "fixed" || s.StatusNotes != "fixed in go1.22.12, the fork's base" || fmt.Sprint(s.Products) != fmt.Sprint(want) {
		t.Errorf("statement = %+v", s)
	}
}
