package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// baseVersion is the upstream release the fork is built on.
const baseVersion = "1.22.12"

// An advisory found in the Go vulnerability database or a changelog.
type advisory struct {
	id       string
	cves     []string
	kind     string // std or toolchain
	packages string
	summary  string
	fixed    string
}

// osvEntry holds the fields of an OSV record (golang/vulndb data/osv) used here.
type osvEntry struct {
	ID        string   `json:"id"`
	Aliases   []string `json:"aliases"`
	Summary   string   `json:"summary"`
	Withdrawn string   `json:"withdrawn"`
	Affected  []struct {
		Package struct {
			Name string `json:"name"`
		} `json:"package"`
		Ranges []struct {
			Type   string              `json:"type"`
			Events []map[string]string `json:"events"`
		} `json:"ranges"`
		EcosystemSpecific struct {
			Imports []struct {
				Path string `json:"path"`
			} `json:"imports"`
		} `json:"ecosystem_specific"`
	} `json:"affected"`
}

// readOSV returns the advisories of the OSV directory whose stdlib or
// toolchain ranges include the base version, and the ids and aliases of
// every advisory it holds, affecting the base or not.
func readOSV(dir string) (affecting []advisory, all map[string]bool, err error) {
	files, err := filepath.Glob(filepath.Join(dir, "GO-*.json"))
	if err != nil || len(files) == 0 {
		return nil, nil, fmt.Errorf("%s: no GO-*.json files (want golang/vulndb's data/osv)", dir)
	}
	all = map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, err
		}
		var e osvEntry
		if err := json.Unmarshal(data, &e); err != nil {
			return nil, nil, fmt.Errorf("%s: %v", f, err)
		}
		all[e.ID] = true
		for _, al := range e.Aliases {
			all[al] = true
		}
		if e.Withdrawn != "" {
			continue
		}
		for _, a := range e.Affected {
			kind := map[string]string{"stdlib": "std", "toolchain": "toolchain"}[a.Package.Name]
			if kind == "" {
				continue
			}
			var fixed []string
			hit := false
			for _, r := range a.Ranges {
				if r.Type != "SEMVER" {
					continue
				}
				hit = hit || inRange(r.Events, baseVersion)
				for _, ev := range r.Events {
					if v, ok := ev["fixed"]; ok {
						fixed = append(fixed, "go"+v)
					}
				}
			}
			if !hit {
				continue
			}
			var pkgs []string
			for _, im := range a.EcosystemSpecific.Imports {
				pkgs = append(pkgs, im.Path)
			}
			var cves []string
			for _, al := range e.Aliases {
				if cveRE.MatchString(al) && !slices.Contains(cves, al) {
					cves = append(cves, al)
				}
			}
			affecting = append(affecting, advisory{id: e.ID, cves: cves, kind: kind, packages: strings.Join(pkgs, " "),
				summary: e.Summary, fixed: strings.Join(fixed, ", ")})
		}
	}
	return affecting, all, nil
}

// inRange reports whether version v lies in an OSV SEMVER range: after an
// "introduced" event at or below v with no "fixed" event at or below v
// since.
func inRange(events []map[string]string, v string) bool {
	in := false
	for _, ev := range events {
		if intro, ok := ev["introduced"]; ok && semverLE(intro, v) {
			in = true
		}
		if fixed, ok := ev["fixed"]; ok && semverLE(fixed, v) {
			in = false
		}
	}
	return in
}

// semverLE reports a <= b for the versions of Go's OSV ranges: "0", or
// "1.24.8", "1.26.0-rc.3" (a pre-release sorts before its release).
func semverLE(a, b string) bool { return semverCmp(a, b) <= 0 }

func semverCmp(a, b string) int {
	an, apre, _ := strings.Cut(a, "-")
	bn, bpre, _ := strings.Cut(b, "-")
	as, bs := strings.Split(an, "."), strings.Split(bn, ".")
	for i := 0; i < 3; i++ {
		x, y := part(as, i), part(bs, i)
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	switch {
	case apre == bpre:
		return 0
	case apre == "":
		return 1
	case bpre == "":
		return -1
	case apre < bpre:
		return -1
	}
	return 1
}

func part(s []string, i int) int {
	if i >= len(s) {
		return 0
	}
	n, _ := strconv.Atoi(s[i])
	return n
}

// changelogRE matches a Debian changelog line naming a fix:
// "    - CVE-2026-97054: net/http: HTTP/1 server crash due to ...".
var changelogRE = regexp.MustCompile(`^\s+- (CVE-\d{4}-\d{4,}):\s*(.*)$`)

// readChangelog returns the CVEs a Debian changelog of golang-1.NN lists,
// with the text that follows each (continued on indented lines).
func readChangelog(path string) ([]advisory, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		r = z
	}
	var out []advisory
	var release string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "golang-") {
			if i, j := strings.Index(line, "("), strings.Index(line, ")"); 0 <= i && i < j {
				release = "go" + strings.SplitN(line[i+1:j], "-", 2)[0]
			}
			continue
		}
		if m := changelogRE.FindStringSubmatch(line); m != nil {
			pkgs, summary, _ := strings.Cut(m[2], ": ")
			kind := "std"
			if strings.HasPrefix(pkgs, "cmd/") {
				kind = "toolchain"
			}
			out = append(out, advisory{id: m[1], cves: []string{m[1]}, kind: kind, packages: pkgs, summary: summary, fixed: release})
			continue
		}
		if n := len(out); n > 0 && strings.HasPrefix(line, "      ") && !strings.HasPrefix(strings.TrimSpace(line), "-") {
			out[n-1].summary += " " + strings.TrimSpace(line)
		}
	}
	return out, sc.Err()
}

// missing returns the advisories that no ledger row names, by id or CVE,
// each once. The ids in decided (advisories the vulnerability database
// holds, whether or not they affect the base) are left out too: the
// database, not a changelog, says which releases those affect.
func missing(rows []row, found []advisory, decided map[string]bool) []advisory {
	known := map[string]bool{}
	for id := range decided {
		known[id] = true
	}
	for _, r := range rows {
		known[r.id] = true
		for _, c := range r.cves {
			known[c] = true
		}
	}
	var out []advisory
	index := map[string]int{} // id -> index in out
	for _, a := range found {
		if i, ok := index[a.id]; ok && !strings.Contains(out[i].fixed, a.fixed) { // a second release line
			out[i].fixed += ", " + a.fixed
		}
		if known[a.id] || anyKnown(known, a.cves) {
			continue
		}
		index[a.id] = len(out)
		known[a.id] = true
		for _, c := range a.cves {
			known[c] = true
		}
		out = append(out, a)
	}
	return out
}

func anyKnown(known map[string]bool, ids []string) bool {
	for _, id := range ids {
		if known[id] {
			return true
		}
	}
	return false
}
