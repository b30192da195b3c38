package main

import (
	"encoding/json"
	"io"
	"strings"
)

// OpenVEX v0.2.0 (https://github.com/openvex/spec): only the fields used.
type vexDoc struct {
	Context    string         `json:"@context"`
	ID         string         `json:"@id"`
	Author     string         `json:"author"`
	Timestamp  string         `json:"timestamp"`
	Version    int            `json:"version"`
	Tooling    string         `json:"tooling,omitempty"`
	Statements []vexStatement `json:"statements"`
}

type vexStatement struct {
	Vulnerability   vexVuln      `json:"vulnerability"`
	Products        []vexProduct `json:"products"`
	Status          string       `json:"status"`
	Justification   string       `json:"justification,omitempty"`
	ImpactStatement string       `json:"impact_statement,omitempty"`
	ActionStatement string       `json:"action_statement,omitempty"`
	StatusNotes     string       `json:"status_notes,omitempty"`
}

type vexVuln struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
}

type vexProduct struct {
	ID string `json:"@id"`
}

// products names the fork release as the scanners name Go in a binary:
// the standard library, or the toolchain, as a Go purl at the version the
// release's binaries report (runtime.Version), in the two spellings the
// scanners generate. Trivy writes the version with a "v", as Go modules
// are (pkg:golang/stdlib@v1.22.12-crashout.N); syft, and so Grype, without
// (pkg:golang/stdlib@1.22.12-crashout.N). OpenVEX matching compares purl
// versions as strings, so each spelling needs its own product.
// vex_scanners_test.go cites the scanners' code and checks both.
func products(version string, toolchain bool) []vexProduct {
	name := "pkg:golang/stdlib@"
	if toolchain {
		name = "pkg:golang/toolchain@"
	}
	v := strings.TrimPrefix(version, "go")
	return []vexProduct{{ID: name + "v" + v}, {ID: name + v}}
}

// writeVEX writes the OpenVEX document of a release: one statement for
// every ledger row, in its status, named by the row's advisory id (the GO-
// id, or the CVE of an advisory the database does not hold) with its CVEs
// as aliases, for the products of that version.
func writeVEX(w io.Writer, rows []row, version, timestamp string) error {
	doc := vexDoc{
		Context:   "https://openvex.dev/ns/v0.2.0",
		ID:        "urn:go-crashout:vex:" + version,
		Author:    "go-crashout maintainers",
		Timestamp: timestamp,
		Version:   1,
		Tooling:   "tools/ledger",
	}
	for _, r := range rows {
		s := vexStatement{
			Vulnerability: vexVuln{Name: r.id, Aliases: aliases(r)},
			Products:      products(version, r.toolchain),
		}
		switch r.status {
		case statusFixed:
			s.Status = "fixed"
			s.StatusNotes = "backported in " + r.release + " (patches/security/" + r.patch + ")"
			if r.patch == "" {
				s.StatusNotes = "fixed in " + r.release + ", the fork's base"
			}
		case statusNotAffected:
			s.Status = "not_affected"
			s.Justification = "vulnerable_code_not_present"
			s.ImpactStatement = r.note
		case statusAffected:
			s.Status = "affected"
			s.ActionStatement = "No backport yet: " + r.note + " Build with an upstream Go release that has the fix."
		}
		doc.Statements = append(doc.Statements, s)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func aliases(r row) []string {
	var a []string
	for _, c := range r.cves {
		if c != r.id {
			a = append(a, c)
		}
	}
	return a
}
