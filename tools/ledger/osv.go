package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"

	"golang.org/x/mod/semver"
)

// baseVersion is the upstream release the fork is built on. The fork's
// releases report go1.22.12-crashout.N, which scanners read as the semver
// pre-release 1.22.12-crashout.N: it sorts below 1.22.12, so an advisory
// fixed in 1.22.12 itself concerns the fork's version too.
const baseVersion = "1.22.12"

// forkVersion stands for every release of the fork: no range of the
// database names a crashout pre-release, so all N sort alike.
const forkVersion = baseVersion + "-crashout.1"

// An osvEntry is an OSV record (golang.org/x/vulndb's data/osv): the fields
// the ledger reads, and those of the records it makes from changelog text.
type osvEntry struct {
	SchemaVersion    string        `json:"schema_version,omitempty"`
	ID               string        `json:"id"`
	Aliases          []string      `json:"aliases,omitempty"`
	Summary          string        `json:"summary,omitempty"`
	Withdrawn        string        `json:"withdrawn,omitempty"`
	Affected         []osvAffected `json:"affected"`
	References       []osvRef      `json:"references,omitempty"`
	DatabaseSpecific struct {
		Source string `json:"source,omitempty"` // records made from changelogs: which ones
	} `json:"database_specific"`
}

type osvAffected struct {
	Package struct {
		Name      string `json:"name"`
		Ecosystem string `json:"ecosystem"`
	} `json:"package"`
	Ranges []struct {
		Type   string              `json:"type"`
		Events []map[string]string `json:"events"`
	} `json:"ranges"`
	EcosystemSpecific struct {
		Imports []osvImport `json:"imports,omitempty"`
	} `json:"ecosystem_specific"`
}

type osvImport struct {
	Path    string   `json:"path"`
	Symbols []string `json:"symbols,omitempty"`
}

type osvRef struct {
	Type string `json:"type"`
	URL  string `json:"url"`
}

// parseOSV decodes an OSV record and checks the fields the ledger relies on.
func parseOSV(data []byte) (*osvEntry, error) {
	var e osvEntry
	if err := json.Unmarshal(data, &e); err != nil {
		return nil, err
	}
	if !idRE.MatchString(e.ID) {
		return nil, fmt.Errorf("id %q is not an advisory id", e.ID)
	}
	return &e, nil
}

// goBlocks returns the affected blocks of the Go distribution: the
// standard library and the toolchain.
func (e *osvEntry) goBlocks() []osvAffected {
	var out []osvAffected
	for _, a := range e.Affected {
		if a.Package.Name == "stdlib" || a.Package.Name == "toolchain" {
			out = append(out, a)
		}
	}
	return out
}

// kind is the ledger's Kind of the entry: toolchain when the database
// names the toolchain as affected, std otherwise.
func (e *osvEntry) kind() string {
	for _, a := range e.goBlocks() {
		if a.Package.Name == "toolchain" {
			return "toolchain"
		}
	}
	return "std"
}

// cves returns the entry's CVE ids: its CVE aliases, or its own id for a
// record known only by its CVE.
func (e *osvEntry) cves() []string {
	var out []string
	for _, id := range append([]string{e.ID}, e.Aliases...) {
		if cveRE.MatchString(id) && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// fixed returns the releases that fixed the entry: every fixed event of
// its Go blocks, as go1.X.Y, each once, in semver order.
func (e *osvEntry) fixed() []string {
	var vs []string
	for _, a := range e.goBlocks() {
		for _, r := range a.Ranges {
			for _, ev := range r.Events {
				if v, ok := ev["fixed"]; ok && !slices.Contains(vs, v) {
					vs = append(vs, v)
				}
			}
		}
	}
	slices.SortFunc(vs, semverCmp)
	for i, v := range vs {
		vs[i] = "go" + v
	}
	return vs
}

// imports returns the packages, with their symbols, of the entry's Go blocks.
func (e *osvEntry) imports() []osvImport {
	var out []osvImport
	for _, a := range e.goBlocks() {
		out = append(out, a.EcosystemSpecific.Imports...)
	}
	return out
}

// affects reports whether a SEMVER range of the entry's Go blocks holds v.
func (e *osvEntry) affects(v string) bool {
	if e.Withdrawn != "" {
		return false
	}
	for _, a := range e.goBlocks() {
		for _, r := range a.Ranges {
			if r.Type == "SEMVER" && inRange(r.Events, v) {
				return true
			}
		}
	}
	return false
}

// concernsFork reports whether the entry's ranges hold the base release or
// the fork's pre-release of it.
func (e *osvEntry) concernsFork() bool {
	return e.affects(baseVersion) || e.affects(forkVersion)
}

// fixedInBase reports whether the base release itself has the fix, while
// the fork's version, read as a pre-release of it, sorts before the fix.
func (e *osvEntry) fixedInBase() bool {
	return e.affects(forkVersion) && !e.affects(baseVersion)
}

// inRange reports whether version v lies in an OSV SEMVER range: after an
// "introduced" event at or below v with no "fixed" event at or below v
// since. The events of Go's ranges are in ascending order.
func inRange(events []map[string]string, v string) bool {
	in := false
	for _, ev := range events {
		if intro, ok := ev["introduced"]; ok && semverCmp(intro, v) <= 0 {
			in = true
		}
		if fixed, ok := ev["fixed"]; ok && semverCmp(fixed, v) <= 0 {
			in = false
		}
	}
	return in
}

// semverCmp compares two versions by semver precedence (semver.org, item
// 11), as Go's OSV ranges spell them: "1.24.8", "1.26.0-rc.3", "1.24.0-0",
// and "0", Go's "introduced: 0", which sorts before every version. Build
// metadata ("+...") is ignored. It returns -1, 0 or +1.
func semverCmp(a, b string) int {
	return semver.Compare("v"+a, "v"+b)
}

// goVersionRE matches a Go release as Debian's package versions spell it
// (after the epoch and revision are cut): 1.26.11, 1.27~rc3, 1.26.0.
var goVersionRE = regexp.MustCompile(`^(\d+)\.(\d+)(?:\.(\d+))?(?:~(rc|beta)(\d+))?$`)

// semverOfDebian turns the upstream part of a Debian version of
// golang-1.NN into the semver the database uses: 1.27~rc3 is 1.27.0-rc.3.
func semverOfDebian(v string) (string, bool) {
	m := goVersionRE.FindStringSubmatch(v)
	if m == nil {
		return "", false
	}
	patch := m[3]
	if patch == "" {
		patch = "0"
	}
	s := m[1] + "." + m[2] + "." + patch
	if m[4] != "" {
		s += "-" + m[4] + "." + m[5]
	}
	return s, true
}
