package main

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
)

// A noted advisory is one that a Debian changelog of golang-1.NN-src names
// under a release: its CVE, and what the text after it says.
type noted struct {
	cve      string
	fixed    []string // the releases, as semver: 1.26.11, 1.27.0-rc.3
	packages []string // none when the text names none
	summary  string
	url      string   // when the text is only a link
	sources  []string // the changelog entries: "golang-1.26 1.26.11-1"
}

var (
	// changelogHeadRE matches a changelog entry's first line:
	// "golang-1.26 (1.26.11-1) unstable; urgency=medium".
	changelogHeadRE = regexp.MustCompile(`^(golang-\d+\.\d+) \((?:\d+:)?([^)\s]+)\)`)
	// changelogItemRE matches an item naming a CVE, in all three forms:
	// "- CVE-N: pkg, pkg: summary", "- CVE-N" with the text on the lines
	// below, and "- CVE-N: https://go.dev/issue/N".
	changelogItemRE = regexp.MustCompile(`^(\s*)[-*] (CVE-\d{4}-\d{4,})(?::\s*(.*))?$`)
	// pkgListRE matches the package list that starts an item's text.
	pkgListRE = regexp.MustCompile(`^[a-z][a-z0-9_]*(?:/[a-z0-9_.]+)*(?:, [a-z][a-z0-9_]*(?:/[a-z0-9_.]+)*)*$`)
)

// readChangelog returns the CVEs that a Debian changelog of golang-1.NN-src
// (plain or gzip-compressed) lists under each release.
func readChangelog(path string) ([]noted, error) {
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
	out, err := parseChangelog(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return out, nil
}

func parseChangelog(r io.Reader) ([]noted, error) {
	var (
		out           []noted
		release, from string
		text          []string // the text of the current item
		indent        = -1     // the current item's bullet column; -1: none open
		sawHead       bool
	)
	flush := func() {
		if indent >= 0 {
			out[len(out)-1].describe(strings.Join(text, " "))
		}
		text, indent = nil, -1
	}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if m := changelogHeadRE.FindStringSubmatch(line); m != nil {
			flush()
			sawHead = true
			upstream := m[2]
			if i := strings.LastIndex(upstream, "-"); i >= 0 {
				upstream = upstream[:i]
			}
			v, ok := semverOfDebian(upstream)
			if !ok {
				return nil, fmt.Errorf("line %d: %q is not a Go release", n, m[2])
			}
			release, from = v, m[1]+" "+m[2]
			continue
		}
		if m := changelogItemRE.FindStringSubmatch(line); m != nil {
			flush()
			if release == "" {
				return nil, fmt.Errorf("line %d: %s before any release heading", n, m[2])
			}
			out = append(out, noted{cve: m[2], fixed: []string{release}, sources: []string{from}})
			indent = len(m[1])
			if m[3] != "" {
				text = append(text, strings.TrimSpace(m[3]))
			}
			continue
		}
		trimmed := strings.TrimSpace(line)
		if indent >= 0 && trimmed != "" && len(line)-len(strings.TrimLeft(line, " \t")) > indent &&
			!strings.HasPrefix(trimmed, "- ") && !strings.HasPrefix(trimmed, "* ") {
			text = append(text, trimmed)
			continue
		}
		flush()
	}
	flush()
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if !sawHead {
		return nil, fmt.Errorf("no release heading (golang-1.NN (VERSION) ...): not a Debian changelog")
	}
	return out, nil
}

// describe reads an item's text: "pkg, pkg: summary", a bare link, or
// prose that names no package.
func (a *noted) describe(text string) {
	if strings.HasPrefix(text, "https://") || strings.HasPrefix(text, "http://") {
		if url, rest, _ := strings.Cut(text, " "); rest == "" {
			a.url = url
			return
		}
	}
	if pkgs, summary, ok := strings.Cut(text, ": "); ok && pkgListRE.MatchString(pkgs) {
		a.packages = strings.Split(pkgs, ", ")
		text = summary
	}
	a.summary = text
}

// mergeNoted gathers the items that name one CVE (its release lines in
// each changelog, the same release in two changelogs) into one, with
// every release, package and source, in the order the CVEs first appear.
func mergeNoted(items []noted) []*noted {
	var out []*noted
	byCVE := map[string]*noted{}
	for _, a := range items {
		m := byCVE[a.cve]
		if m == nil {
			m = &noted{cve: a.cve}
			byCVE[a.cve] = m
			out = append(out, m)
		}
		m.fixed = union(m.fixed, a.fixed)
		m.packages = union(m.packages, a.packages)
		m.sources = union(m.sources, a.sources)
		if m.summary == "" {
			m.summary = a.summary
		}
		if m.url == "" {
			m.url = a.url
		}
	}
	return out
}

// union appends to list the elements of add it lacks.
func union(list, add []string) []string {
	for _, s := range add {
		if !slices.Contains(list, s) {
			list = append(list, s)
		}
	}
	return list
}
