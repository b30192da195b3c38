// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"debug/buildinfo"
	"encoding/json"
	"internal/testenv"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestParseArgs(t *testing.T) {
	a, err := parseArgs([]string{"-vex", "v.json", "-db=file:///db", "-show", "traces", "-C", "dir", "-mode", "binary", "--govulncheck=/gvc", "prog"})
	if err != nil {
		t.Fatal(err)
	}
	want := &args{vex: "v.json", govulncheck: "/gvc", db: "file:///db", mode: "binary", dir: "dir",
		rest: []string{"-show", "traces", "-C=dir", "-mode=binary", "prog"}}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("parseArgs = %+v, want %+v", a, want)
	}
	if b := a.binary(); b != filepath.Join("dir", "prog") {
		t.Errorf("binary() = %q, want dir/prog", b)
	}
	for _, bad := range [][]string{
		{"./..."},                             // no -vex
		{"-vex", "v.json", "-mode", "binary"}, // no binary
		{"-vex", "v.json", "-mode", "binary", "-json"},
		{"-vex", "v.json", "-mode", "query", "x"},
		{"-vex"},
	} {
		if _, err := parseArgs(bad); err == nil {
			t.Errorf("parseArgs(%q) succeeded, want an error", bad)
		}
	}
	if _, err := parseArgs([]string{"-mode=extract", "prog"}); err != nil {
		t.Errorf("-mode extract needs no -vex: %v", err)
	}
}

func TestBaseVersion(t *testing.T) {
	for v, want := range map[string]string{
		"go1.22.12-crashout.3":                       "go1.22.12",
		"go1.22.12-crashout.12 X:nocoverageredesign": "go1.22.12",
		"go1.22.12":           "go1.22.12",
		"go1.26.8":            "go1.26.8",
		"devel go1.23-abcdef": "devel go1.23-abcdef",
	} {
		if got := baseVersion(v); got != want {
			t.Errorf("baseVersion(%q) = %q, want %q", v, got, want)
		}
	}
}

func TestSetGoVersion(t *testing.T) {
	testenv.MustHaveGoBuild(t)
	tmp := t.TempDir()
	writeFile(t, filepath.Join(tmp, "go.mod"), "module example.com/hello\n\ngo 1.22\n")
	writeFile(t, filepath.Join(tmp, "main.go"), "package main\n\nfunc main() { println(\"hello\") }\n")
	bin := filepath.Join(tmp, "hello.exe")
	if out, code := runIn(t, tmp, testenv.GoToolPath(t), "build", "-o", bin, "."); code != 0 {
		t.Fatalf("go build: %s", out)
	}
	before, err := buildinfo.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	const short = "go1.0"
	if err := setGoVersion(data, before.GoVersion, short); err != nil {
		t.Fatal(err)
	}
	if err := setGoVersion(data, before.GoVersion, short); err == nil {
		t.Error("setGoVersion found the old version again after rewriting it")
	}
	if err := os.WriteFile(bin, data, 0o600); err != nil {
		t.Fatal(err)
	}
	after, err := buildinfo.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	if after.GoVersion != short {
		t.Errorf("GoVersion = %q after the rewrite, want %q", after.GoVersion, short)
	}
	before.GoVersion = short
	if after.String() != before.String() {
		t.Errorf("build information changed beyond the version:\n%s\nwant\n%s", after, before)
	}
}

const entryJSON = `{"id":"GO-2026-0001","aliases":["CVE-2026-1","CVE-2026-2"],"summary":"s",
"affected":[{"package":{"name":"stdlib","ecosystem":"Go"},"ranges":[]},
{"package":{"name":"golang.org/x/net","ecosystem":"Go"},"ranges":[]},
{"package":{"name":"toolchain","ecosystem":"Go"},"ranges":[]}]}`

func TestFilterEntry(t *testing.T) {
	for _, tt := range []struct {
		name           string
		std, toolchain nameSet
		want           []string // the packages left, nil: the entry unchanged
	}{
		{"by id", nameSet{"GO-2026-0001": true}, nil, []string{"golang.org/x/net", "toolchain"}},
		{"toolchain", nil, nameSet{"GO-2026-0001": true}, []string{"stdlib", "golang.org/x/net"}},
		{"both", nameSet{"GO-2026-0001": true}, nameSet{"GO-2026-0001": true}, []string{"golang.org/x/net"}},
		{"every CVE", nameSet{"CVE-2026-1": true, "CVE-2026-2": true}, nil, []string{"golang.org/x/net", "toolchain"}},
		{"one CVE of two", nameSet{"CVE-2026-1": true}, nil, nil},
		{"id affected, CVEs fixed", nameSet{"GO-2026-0001": false, "CVE-2026-1": true, "CVE-2026-2": true}, nil, nil},
		{"other advisory", nameSet{"GO-2026-0002": true}, nil, nil},
	} {
		out, err := dropSet{tt.std, tt.toolchain}.filterEntry([]byte(entryJSON))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if tt.want == nil {
			if string(out) != entryJSON {
				t.Errorf("%s: entry changed:\n%s", tt.name, out)
			}
			continue
		}
		var e struct {
			ID       string
			Summary  string
			Affected []struct{ Package struct{ Name string } }
		}
		if err := json.Unmarshal(out, &e); err != nil {
			t.Fatalf("%s: %v:\n%s", tt.name, err, out)
		}
		var got []string
		for _, a := range e.Affected {
			got = append(got, a.Package.Name)
		}
		if !slices.Equal(got, tt.want) || e.ID != "GO-2026-0001" || e.Summary != "s" {
			t.Errorf("%s: packages %q (id %q, summary %q), want %q and the rest kept", tt.name, got, e.ID, e.Summary, tt.want)
		}
	}
	if _, err := (dropSet{std: nameSet{"GO-2026-0001": true}}).filterEntry([]byte("[1]")); err == nil {
		t.Error("filterEntry took a JSON array for an OSV entry")
	}
}

const vexJSON = `{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [
{"vulnerability": {"name": "GO-1"}, "products": [{"@id": "pkg:golang/stdlib@v1.22.12-crashout.3"}], "status": "fixed"},
{"vulnerability": {"name": "GO-2"}, "products": [{"@id": "pkg:golang/stdlib@go1.22.12-crashout.3"}], "status": "not_affected"},
{"vulnerability": {"name": "GO-3"}, "products": [{"@id": "pkg:golang/stdlib@1.22.12-crashout.3"}], "status": "affected"},
{"vulnerability": {"name": "GO-4"}, "products": [{"@id": "pkg:golang/toolchain@1.22.12-crashout.3"}], "status": "fixed"},
{"vulnerability": {"name": "GO-5"}, "products": [{"@id": "pkg:golang/stdlib@1.22.12-crashout.4"}], "status": "fixed"}]}`

func TestResolved(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.json")
	writeFile(t, path, vexJSON)
	doc, err := readVEX(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := doc.resolved("go1.22.12-crashout.3 X:foo")
	if err != nil {
		t.Fatal(err)
	}
	want := dropSet{std: nameSet{"GO-1": true, "GO-2": true, "GO-3": false}, toolchain: nameSet{"GO-4": true}}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("resolved = %v, want %v", d, want)
	}
	if _, err := doc.resolved("go1.22.12-crashout.2"); err == nil || !strings.Contains(err.Error(), "go1.22.12-crashout.2") {
		t.Errorf("a statement about other releases: err = %v, want one naming go1.22.12-crashout.2", err)
	}
	writeFile(t, path, `{"statements": []}`)
	if _, err := readVEX(path); err == nil {
		t.Error("readVEX took a document without an OpenVEX @context")
	}
}

// The README's line runs the installed file: the toolchain must install it.
func TestInstalled(t *testing.T) {
	testenv.MustHaveGoBuild(t)
	exe := filepath.Join(goEnv(t, "GOTOOLDIR"), "forkvulncheck")
	if _, err := os.Stat(exe); err != nil {
		if _, err := os.Stat(exe + ".exe"); err != nil {
			t.Errorf("the toolchain did not install forkvulncheck: %v", err)
		}
	}
}
