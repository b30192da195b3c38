package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The snapshot, docs/vulndb, holds every advisory the ledger must have a
// row for:
//
//	version        "golang.org/x/vulndb VERSION": the module it was taken from
//	GO-*.json      the database's entries (data/osv) whose stdlib or toolchain
//	               ranges contain the base release or the fork's pre-release
//	               of it, byte for byte
//	CVE-*.json     advisories known only from changelog text, for releases
//	               the database does not hold yet: OSV-shaped records that
//	               ledger sync makes, and drops once the database names the CVE
const snapshotDir = "docs/vulndb"

const vulndbModule = "golang.org/x/vulndb"

// A snapshot is the content of docs/vulndb.
type snapshot struct {
	version string            // the x/vulndb module version
	entries map[string]*entry // by id
}

// An entry is one file of the snapshot.
type entry struct {
	*osvEntry
	data []byte
}

// fromChangelog reports whether the entry is a record made from changelogs.
func (e *entry) fromChangelog() bool { return cveRE.MatchString(e.ID) }

// readSnapshot reads docs/vulndb. A file whose name is not its id, an
// entry that does not concern the fork and any other file are errors.
func readSnapshot(dir string) (*snapshot, error) {
	v, err := os.ReadFile(filepath.Join(dir, "version"))
	if err != nil {
		return nil, err
	}
	mod, version, _ := strings.Cut(strings.TrimSpace(string(v)), " ")
	if mod != vulndbModule || version == "" || strings.ContainsAny(version, " \n") {
		return nil, fmt.Errorf("%s/version: want %q, not %q", dir, vulndbModule+" VERSION", v)
	}
	s := &snapshot{version: version, entries: map[string]*entry{}}
	files, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var problems []error
	for _, f := range files {
		name := f.Name()
		id, ok := strings.CutSuffix(name, ".json")
		if name == "version" || name == "README.md" {
			continue
		}
		if !ok || !idRE.MatchString(id) {
			problems = append(problems, fmt.Errorf("%s/%s: not an entry (GO-*.json or CVE-*.json)", dir, name))
			continue
		}
		e, err := readEntry(filepath.Join(dir, name))
		switch {
		case err != nil:
			problems = append(problems, err)
		case e.ID != id:
			problems = append(problems, fmt.Errorf("%s/%s: the entry is %s", dir, name, e.ID))
		case !e.concernsFork():
			problems = append(problems, fmt.Errorf("%s/%s: its ranges contain neither %s nor %s", dir, name, baseVersion, forkVersion))
		default:
			s.entries[id] = e
		}
	}
	for id, e := range s.entries {
		for _, c := range e.cves() {
			if r := s.entries[c]; r != nil && r != e {
				problems = append(problems, fmt.Errorf("%s/%s.json: %s names this CVE: ledger sync drops the record", dir, c, id))
			}
		}
	}
	return s, errors.Join(problems...)
}

func readEntry(path string) (*entry, error) {
	return readEntryFS(nil, path)
}

// readEntryFS reads an entry from fsys, or from the file system if nil.
func readEntryFS(fsys fs.FS, path string) (*entry, error) {
	var data []byte
	var err error
	if fsys == nil {
		data, err = os.ReadFile(path)
	} else {
		data, err = fs.ReadFile(fsys, path)
	}
	if err != nil {
		return nil, err
	}
	e, err := parseOSV(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &entry{e, data}, nil
}

// ids returns the snapshot's ids in order: the database's, then the
// changelogs'.
func (s *snapshot) ids() []string {
	var ids []string
	for id := range s.entries {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int {
		if ca, cb := cveRE.MatchString(a), cveRE.MatchString(b); ca != cb {
			return map[bool]int{true: 1, false: -1}[ca]
		}
		return strings.Compare(a, b)
	})
	return ids
}

// write makes dir hold the snapshot and nothing else of its kind: it
// removes the entries s does not have.
func (s *snapshot) write(dir string) error {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	old, _ := filepath.Glob(filepath.Join(dir, "*-*.json"))
	for _, f := range old {
		id := strings.TrimSuffix(filepath.Base(f), ".json")
		if s.entries[id] == nil && idRE.MatchString(id) {
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	for id, e := range s.entries {
		if err := writeIfChanged(filepath.Join(dir, id+".json"), e.data); err != nil {
			return err
		}
	}
	return writeIfChanged(filepath.Join(dir, "version"), []byte(vulndbModule+" "+s.version+"\n"))
}

func writeIfChanged(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	return os.WriteFile(path, data, 0o666)
}

// changelogSource starts the source of a record made from changelogs.
const changelogSource = "Debian changelogs of golang-1.NN-src: "

// record makes the snapshot's record of an advisory known only from
// changelogs. The changelog names the releases that fixed it, not where
// it began: the range starts at 0 and each later minor release at its
// first pre-release, as the database writes the ranges of such fixes.
func (n *noted) record() *entry {
	e := &osvEntry{SchemaVersion: "1.3.1", ID: n.cve, Summary: n.summary}
	if n.url != "" {
		e.References = []osvRef{{Type: "REPORT", URL: n.url}}
	}
	e.DatabaseSpecific.Source = changelogSource + strings.Join(n.sources, ", ")
	var std, cmd []osvImport
	for _, p := range n.packages {
		if p == "cmd" || strings.HasPrefix(p, "cmd/") {
			cmd = append(cmd, osvImport{Path: p})
		} else {
			std = append(std, osvImport{Path: p})
		}
	}
	if len(std) > 0 || len(cmd) == 0 {
		e.Affected = append(e.Affected, affectedBlock("stdlib", n.fixed, std))
	}
	if len(cmd) > 0 {
		e.Affected = append(e.Affected, affectedBlock("toolchain", n.fixed, cmd))
	}
	data, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		panic(err) // plain strings and slices always marshal
	}
	return &entry{e, append(data, '\n')}
}

func affectedBlock(name string, fixed []string, imports []osvImport) osvAffected {
	var a osvAffected
	a.Package.Name, a.Package.Ecosystem = name, "Go"
	a.EcosystemSpecific.Imports = imports
	fixed = slices.Clone(fixed)
	slices.SortFunc(fixed, semverCmp)
	events := []map[string]string{{"introduced": "0"}}
	minor := ""
	for i, v := range fixed {
		parts := strings.SplitN(v, ".", 3)
		if m := strings.Join(parts[:min(2, len(parts))], "."); m != minor {
			if i > 0 {
				events = append(events, map[string]string{"introduced": m + ".0-0"})
			}
			minor = m
		}
		events = append(events, map[string]string{"fixed": v})
	}
	a.Ranges = append(a.Ranges, struct {
		Type   string              `json:"type"`
		Events []map[string]string `json:"events"`
	}{"SEMVER", events})
	return a
}

// noteOf reads back a record made from changelogs.
func noteOf(e *entry) *noted {
	n := &noted{cve: e.ID, summary: e.Summary}
	for _, v := range e.fixed() {
		n.fixed = append(n.fixed, strings.TrimPrefix(v, "go"))
	}
	for _, im := range e.imports() {
		n.packages = append(n.packages, im.Path)
	}
	if len(e.References) > 0 {
		n.url = e.References[0].URL
	}
	if src, ok := strings.CutPrefix(e.DatabaseSpecific.Source, changelogSource); ok {
		n.sources = strings.Split(src, ", ")
	}
	return n
}

// readDatabase reads the entries of the database's data/osv (fsys;
// where names it in errors): those that concern the fork, and, for every
// id and alias of any entry, the id of the entry that names it.
func readDatabase(fsys fs.FS, where string) (concerning map[string]*entry, names map[string]string, err error) {
	files, err := fs.Glob(fsys, "GO-*.json")
	if err == nil && len(files) == 0 {
		err = fs.ErrNotExist
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: no GO-*.json files (want x/vulndb's data/osv): %v", where, err)
	}
	concerning, names = map[string]*entry{}, map[string]string{}
	for _, f := range files {
		e, err := readEntryFS(fsys, f)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %v", where, err)
		}
		if f != e.ID+".json" {
			return nil, nil, fmt.Errorf("%s/%s: the entry is %s", where, f, e.ID)
		}
		for _, id := range append([]string{e.ID}, e.Aliases...) {
			if _, ok := names[id]; !ok || e.concernsFork() {
				names[id] = e.ID
			}
		}
		if e.concernsFork() {
			concerning[e.ID] = e
		}
	}
	return concerning, names, nil
}
