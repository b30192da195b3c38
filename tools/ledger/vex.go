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

// products names the fork release as scanners name Go: the standard
// library or the toolchain as a Go purl, at the version the release's
// binaries report (runtime.Version), in each spelling scanners use for
// it: "v1.22.12-crashout.N", "1.22.12-crashout.N" and "go1.22.12-crashout.N".
func products(version string, toolchain bool) []vexProduct {
	name := "pkg:golang/stdlib@"
	if toolchain {
		name = "pkg:golang/toolchain@"
	}
	v := strings.TrimPrefix(version, "go")
	return []vexProduct{{ID: name + "v" + v}, {ID: name + v}, {ID: name + "go" + v}}
}

// writeVEX writes the OpenVEX statement of a release: every ledger row,
// fixed or not affected, for the products of that version.
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
