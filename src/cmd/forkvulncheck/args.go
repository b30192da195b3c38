// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
)

// args is a command line split into forkvulncheck's flags and govulncheck's.
type args struct {
	vex         string   // -vex: the OpenVEX statement
	govulncheck string   // -govulncheck: the govulncheck to run
	db          string   // govulncheck's -db, taken out of rest
	mode        string   // govulncheck's -mode, left in rest
	dir         string   // govulncheck's -C, left in rest
	rest        []string // govulncheck's arguments, in order
	drop        dropSet  // what the database leaves out, set by filter
}

// parseArgs splits a command line. Only the flags forkvulncheck needs to
// know are read; any other goes to govulncheck as it is. govulncheck's
// parser stops at the first argument that is not a flag, so in binary
// mode the binary is the last argument.
func parseArgs(argv []string) (*args, error) {
	a := &args{govulncheck: "govulncheck", db: "https://vuln.go.dev", mode: "source"}
	for i := 0; i < len(argv); i++ {
		name, value, hasValue := splitFlag(argv[i])
		switch name {
		case "vex", "govulncheck", "db", "mode", "C":
		default:
			a.rest = append(a.rest, argv[i])
			continue
		}
		if !hasValue {
			if i+1 == len(argv) {
				return nil, fmt.Errorf("flag -%s needs a value", name)
			}
			i++
			value = argv[i]
		}
		switch name {
		case "vex":
			a.vex = value
			continue
		case "govulncheck":
			a.govulncheck = value
			continue
		case "db":
			a.db = value
			continue
		case "mode":
			a.mode = value
		case "C":
			a.dir = value
		}
		a.rest = append(a.rest, "-"+name+"="+value)
	}
	switch {
	case a.mode != "source" && a.mode != "binary" && a.mode != "extract":
		return nil, fmt.Errorf("-mode %s: want source, binary or extract", a.mode)
	case a.vex == "" && a.mode != "extract":
		return nil, errors.New("no -vex: name the release's OpenVEX statement (go1.22.12-crashout.N.openvex.json)")
	case a.mode == "binary" && (len(a.rest) == 0 || strings.HasPrefix(a.rest[len(a.rest)-1], "-")):
		return nil, errors.New("-mode binary: name the binary last")
	}
	return a, nil
}

// splitFlag splits "-name=value" or "--name" into its parts; name is ""
// for an argument that is not a flag.
func splitFlag(arg string) (name, value string, hasValue bool) {
	if len(arg) < 2 || arg[0] != '-' || arg == "--" {
		return "", "", false
	}
	name = strings.TrimPrefix(arg[1:], "-")
	name, value, hasValue = strings.Cut(name, "=")
	return name, value, hasValue
}

// binary returns the path of the binary to scan, as govulncheck would
// open it (relative to -C).
func (a *args) binary() string {
	b := a.rest[len(a.rest)-1]
	if a.dir != "" && !filepath.IsAbs(b) {
		b = filepath.Join(a.dir, b)
	}
	return b
}

// setBinary makes govulncheck scan the binary at path, an absolute path.
func (a *args) setBinary(path string) { a.rest[len(a.rest)-1] = path }

// filter sets what the database leaves out for a program of Go version
// version: what the statement says is fixed or not affected in it.
func (a *args) filter(vex *vexDoc, version string) error {
	d, err := vex.resolved(version)
	if err != nil {
		return fmt.Errorf("%s: %v", a.vex, err)
	}
	a.drop = d
	return nil
}

var forkVersionRE = regexp.MustCompile(`^(go\d+\.\d+(?:\.\d+)?)-crashout\.\d+$`)

// baseVersion returns the upstream release a Go version is built on:
// go1.22.12 for go1.22.12-crashout.N (with or without GOEXPERIMENT's
// " X:..." suffix). Any other version is returned as it is.
func baseVersion(v string) string {
	if m := forkVersionRE.FindStringSubmatch(strings.Fields(v + " ")[0]); m != nil {
		return m[1]
	}
	return v
}
