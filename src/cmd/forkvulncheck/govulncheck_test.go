// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"internal/testenv"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestGovulncheck runs forkvulncheck with real govulncheck binaries on a
// module and a binary that call net/url.ParseQuery, against a database
// made of the fork's vulnerability database snapshot. scripts/check-govulncheck
// sets what it needs:
//
//	FORKVULNCHECK_GOVULNCHECK   govulncheck binaries, separated by the list separator
//	FORKVULNCHECK_VULNDB        the snapshot's OSV entries (docs/vulndb)
//	FORKVULNCHECK_VEX           the OpenVEX statement of the ledger as it is
//	FORKVULNCHECK_VEX_AFFECTED  the same with one fixed row marked affected
//	FORKVULNCHECK_AFFECTED      that row's advisory, one that ParseQuery reaches
func TestGovulncheck(t *testing.T) {
	env := map[string]string{}
	for _, k := range []string{"GOVULNCHECK", "VULNDB", "VEX", "VEX_AFFECTED", "AFFECTED"} {
		env[k] = os.Getenv("FORKVULNCHECK_" + k)
		if env[k] == "" {
			t.Skipf("FORKVULNCHECK_%s is not set: scripts/check-govulncheck runs this test", k)
		}
	}
	testenv.MustHaveGoBuild(t)
	tmp := t.TempDir()
	tool := buildForkvulncheck(t, tmp)
	mod, bin := buildProgram(t, tmp)
	db := "file://" + filepath.ToSlash(writeDB(t, filepath.Join(tmp, "db"), env["VULNDB"], false))
	dbInvented := "file://" + filepath.ToSlash(writeDB(t, filepath.Join(tmp, "db-invented"), env["VULNDB"], true))
	affected := env["AFFECTED"]
	goVersion := strings.Fields(goEnv(t, "GOVERSION"))[0]

	for _, govulncheck := range filepath.SplitList(env["GOVULNCHECK"]) {
		t.Run(filepath.Base(filepath.Dir(govulncheck)), func(t *testing.T) {
			for _, m := range []struct{ mode, dir, target, calls string }{
				{"source", mod, "./...", "prog.main calls url.ParseQuery"},
				{"binary", tmp, bin, "url.ParseQuery"},
			} {
				vc := func(vex, db string, args ...string) (string, int) {
					args = append([]string{"-govulncheck", govulncheck, "-vex", vex, "-db", db, "-mode", m.mode}, args...)
					return runIn(t, m.dir, tool, append(args, m.target)...)
				}
				t.Run(m.mode, func(t *testing.T) {
					if out, code := vc(env["VEX"], db); code != 0 || !strings.Contains(out, "No vulnerabilities found.") {
						t.Errorf("with the ledger as it is: exit %d, want 0 and no vulnerability:\n%s", code, out)
					}
					out, code := vc(env["VEX"], dbInvented)
					foundIn := "Found in: net/url@" + baseVersion(goVersion) + "\n"
					if code != 3 || !strings.Contains(out, "Vulnerability #1: "+inventedID+"\n") || !strings.Contains(out, foundIn) || strings.Contains(out, "Vulnerability #2") {
						t.Errorf("with an invented advisory: exit %d, want 3 and %s alone found, %q:\n%s", code, inventedID, foundIn, out)
					}
					out, _ = vc(env["VEX"], dbInvented, "-format", "json")
					if v, found := jsonFindings(t, out); v != baseVersion(goVersion) && m.mode == "source" || !slices.Equal(found, []string{inventedID}) {
						t.Errorf("with an invented advisory, -format json: govulncheck saw Go %s and found %v, want %s and [%s]", v, found, baseVersion(goVersion), inventedID)
					}
					out, code = vc(env["VEX_AFFECTED"], db)
					if code != 3 || !strings.Contains(out, "Vulnerability #1: "+affected+"\n") || !strings.Contains(out, m.calls) || strings.Contains(out, "Vulnerability #2") {
						t.Errorf("with %s marked affected: exit %d, want 3 and %s found, reached by %q:\n%s", affected, code, affected, m.calls, out)
					}
				})
			}
			// Plain govulncheck cannot tell the fork's version, as the README says.
			out, code := runIn(t, tmp, govulncheck, "-db", dbInvented, "-mode", "binary", bin)
			if code != 0 || !strings.Contains(out, "No vulnerabilities found.") {
				t.Errorf("plain govulncheck found something in a fork binary (exit %d): update the README's Security section:\n%s", code, out)
			}
		})
	}
}

// inventedID names the advisory writeDB invents: GO-2026-4341 (net/url
// ParseQuery) with no fixed version.
const inventedID = "GO-2999-0001"

// writeDB writes a vulnerability database in the layout of
// https://go.dev/security/vuln/database to dir: the OSV entries in src,
// and, if invent is set, the advisory inventedID.
func writeDB(t *testing.T, dir, src string, invent bool) string {
	files, err := filepath.Glob(filepath.Join(src, "GO-*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no OSV entries GO-*.json in %s (%v)", src, err)
	}
	type entry = map[string]any
	var entries []entry
	for _, f := range files {
		var e entry
		data, err := os.ReadFile(f)
		if err == nil {
			err = json.Unmarshal(data, &e)
		}
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		entries = append(entries, e)
		if invent && e["id"] == "GO-2026-4341" {
			var c entry
			json.Unmarshal(data, &c)
			c["id"], c["aliases"] = inventedID, []any{}
			c["database_specific"] = entry{"url": "https://pkg.go.dev/vuln/" + inventedID}
			for _, a := range c["affected"].([]any) {
				for _, r := range a.(entry)["ranges"].([]any) {
					r.(entry)["events"] = []any{entry{"introduced": "0"}}
				}
			}
			entries = append(entries, c)
		}
	}
	const modified = "2026-11-05T00:00:00Z"
	byModule := map[string][]entry{}
	var modules []string
	for _, e := range entries {
		e["modified"] = modified
		writeJSON(t, filepath.Join(dir, "ID", e["id"].(string)+".json"), e)
		for _, a := range e["affected"].([]any) {
			m := a.(entry)["package"].(entry)["name"].(string)
			if byModule[m] == nil {
				modules = append(modules, m)
			}
			byModule[m] = append(byModule[m], entry{"id": e["id"], "modified": modified})
		}
	}
	var index []entry
	for _, m := range modules {
		index = append(index, entry{"path": m, "vulns": byModule[m]})
	}
	writeJSON(t, filepath.Join(dir, "index", "modules.json"), index)
	writeJSON(t, filepath.Join(dir, "index", "db.json"), entry{"modified": modified})
	return dir
}

func writeJSON(t *testing.T, path string, v any) {
	data, err := json.Marshal(v)
	if err == nil {
		err = os.MkdirAll(filepath.Dir(path), 0o777)
	}
	if err == nil {
		err = os.WriteFile(path, data, 0o666)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// buildProgram writes a module whose main package calls net/url.ParseQuery
// from a net/http handler, and builds it.
func buildProgram(t *testing.T, tmp string) (mod, bin string) {
	mod = filepath.Join(tmp, "prog")
	files := map[string]string{
		"go.mod": "module example.com/prog\n\ngo 1.22\n",
		"main.go": `package main

import (
	"fmt"
	"net/http"
	"net/url"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		q, err := url.ParseQuery(r.URL.RawQuery)
		fmt.Fprintln(w, q, err)
	})
	http.ListenAndServe("127.0.0.1:8080", nil)
}
`,
	}
	for name, text := range files {
		writeFile(t, filepath.Join(mod, name), text)
	}
	bin = filepath.Join(tmp, "prog.exe")
	if out, code := runIn(t, mod, testenv.GoToolPath(t), "build", "-o", bin, "."); code != 0 {
		t.Fatalf("building the program: %s", out)
	}
	return mod, bin
}

func buildForkvulncheck(t *testing.T, tmp string) string {
	tool := filepath.Join(tmp, "forkvulncheck.exe")
	if out, code := runIn(t, tmp, testenv.GoToolPath(t), "build", "-o", tool, "cmd/forkvulncheck"); code != 0 {
		t.Fatalf("building forkvulncheck: %s", out)
	}
	return tool
}

func writeFile(t *testing.T, path, text string) {
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o666); err != nil {
		t.Fatal(err)
	}
}

// runIn runs a command in dir, with the go command under test first on
// PATH, and returns its standard output (followed by its standard error
// when that is not empty) and exit code.
func runIn(t *testing.T, dir, name string, args ...string) (string, int) {
	cmd := testenv.Command(t, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(testenv.GoToolPath(t))+string(filepath.ListSeparator)+os.Getenv("PATH"), "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if stderr.Len() > 0 {
		out = append(out, "\n[stderr]\n"+stderr.String()...)
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return string(out), exit.ExitCode()
	}
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(out), 0
}

func goEnv(t *testing.T, name string) string {
	out, code := runIn(t, t.TempDir(), testenv.GoToolPath(t), "env", name)
	if code != 0 {
		t.Fatalf("go env %s: %s", name, out)
	}
	return strings.TrimSpace(out)
}

// jsonFindings reads govulncheck's JSON output (a stream of messages) and
// returns the Go version it scanned (source mode) and the advisories found.
func jsonFindings(t *testing.T, out string) (goVersion string, ids []string) {
	out, _, _ = strings.Cut(out, "\n[stderr]\n")
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var msg struct {
			Config *struct {
				GoVersion string `json:"go_version"`
			} `json:"config"`
			Finding *struct {
				OSV string `json:"osv"`
			} `json:"finding"`
		}
		if err := dec.Decode(&msg); err != nil {
			t.Fatalf("govulncheck -format json: %v:\n%s", err, out)
		}
		if msg.Config != nil {
			goVersion = msg.Config.GoVersion
		}
		if msg.Finding != nil && !slices.Contains(ids, msg.Finding.OSV) {
			ids = append(ids, msg.Finding.OSV)
		}
	}
	return goVersion, ids
}
