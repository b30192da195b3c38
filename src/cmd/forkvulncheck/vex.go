// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// An OpenVEX v0.2.0 document (https://github.com/openvex/spec): the fields
// forkvulncheck reads.
type vexDoc struct {
	Context    string         `json:"@context"`
	Statements []vexStatement `json:"statements"`
}

type vexStatement struct {
	Vulnerability struct {
		Name    string   `json:"name"`
		Aliases []string `json:"aliases"`
	} `json:"vulnerability"`
	Products []struct {
		ID string `json:"@id"`
	} `json:"products"`
	Status string `json:"status"`
}

// maxVEXSize bounds the statement read; the fork's is about 50 kB.
const maxVEXSize = 64 << 20

func readVEX(path string) (*vexDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxVEXSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxVEXSize {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, maxVEXSize)
	}
	var doc vexDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: not an OpenVEX document: %v", path, err)
	}
	if !strings.HasPrefix(doc.Context, "https://openvex.dev/ns") {
		return nil, fmt.Errorf("%s: not an OpenVEX document (@context %q)", path, doc.Context)
	}
	return &doc, nil
}

// A dropSet names the advisories (by GO id or CVE) whose standard-library
// and toolchain ranges the database leaves out.
type dropSet struct {
	std, toolchain nameSet
}

// resolved returns the advisories the document marks fixed or not_affected
// in the standard library or toolchain of Go version version. It fails if
// no statement names that version at all: the document is another
// release's.
func (d *vexDoc) resolved(version string) (dropSet, error) {
	v := strings.Fields(version + " ")[0]
	s := dropSet{std: nameSet{}, toolchain: nameSet{}}
	named := false
	for _, st := range d.Statements {
		for _, p := range st.Products {
			set := s.productSet(p.ID, v)
			if set == nil {
				continue
			}
			named = true
			set.add(st.Vulnerability.Name, st.Status == "fixed" || st.Status == "not_affected")
		}
	}
	if !named {
		return s, fmt.Errorf("no statement is about %s (pkg:golang/stdlib@v%s): use the OpenVEX statement of the release that built it", v, trimVersion(v))
	}
	return s, nil
}

// productSet returns the set a product belongs to when it is the standard
// library or the toolchain at version v (spelled v1.2.3, 1.2.3 or go1.2.3,
// as scanners do), and nil otherwise.
func (s dropSet) productSet(purl, v string) nameSet {
	name, pv, ok := strings.Cut(purl, "@")
	if !ok || trimVersion(pv) != trimVersion(v) {
		return nil
	}
	switch name {
	case "pkg:golang/stdlib":
		return s.std
	case "pkg:golang/toolchain":
		return s.toolchain
	}
	return nil
}

func trimVersion(v string) string {
	return strings.TrimPrefix(strings.TrimPrefix(v, "go"), "v")
}

// A nameSet maps the advisories (GO ids and CVEs) that statements name to
// whether they are resolved: fixed or not affected.
type nameSet map[string]bool

// add records a statement; one that leaves an advisory unresolved wins
// over any that resolves it.
func (set nameSet) add(name string, resolved bool) {
	if r, ok := set[name]; ok && !r {
		return
	}
	set[name] = resolved
}
