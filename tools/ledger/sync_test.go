package main

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFiles writes files (path: content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSync(t *testing.T) {
	tmp := t.TempDir()
	// The database: an entry with two stdlib blocks, one fixed in the
	// base itself, one that does not concern the fork, and one that now
	// names a CVE the previous snapshot knew only from a changelog.
	twoBlocks := `{"id": "GO-2026-6603", "aliases": ["CVE-2026-78659"], "summary": "Trailers in net/http", "affected": [
		{"package": {"name": "stdlib"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.26.9"}]}],
		 "ecosystem_specific": {"imports": [{"path": "net/http", "symbols": ["Server.Serve", "Get", "Root.Open"]}]}},
		{"package": {"name": "stdlib"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "1.27.0-0"}, {"fixed": "1.27.2"}]}],
		 "ecosystem_specific": {"imports": [{"path": "net/http/internal/http2", "symbols": ["Framer.ReadFrame"]}]}}]}
`
	mod := filepath.Join(tmp, "mod", "golang.org", "x", "vulndb@v0.0.0-20261105234957-e22db6528018")
	osv := filepath.Join(mod, "data", "osv")
	writeFiles(t, osv, map[string]string{
		"GO-2026-6603.json": twoBlocks,
		"GO-2025-3447.json": osvJSON("GO-2025-3447", "stdlib", []string{"CVE-2025-22866"}, "0", "1.22.12", "1.23.0-0", "1.23.6"),
		"GO-2025-4000.json": osvJSON("GO-2025-4000", "stdlib", nil, "1.24.0-0", "1.24.3"),
		"GO-2026-6900.json": osvJSON("GO-2026-6900", "toolchain", []string{"CVE-2026-97033"}, "0", "1.26.11", "1.27.0-0", "1.27.4"),
	})
	// The repository: a snapshot with the CVE record, a ledger with its row.
	root := filepath.Join(tmp, "repo")
	old := (&noted{cve: "CVE-2026-97033", fixed: []string{"1.26.11", "1.27.4"}, packages: []string{"cmd/go"},
		summary: "s", sources: []string{"golang-1.26 1.26.11-1"}}).record()
	ledger := ledgerHeader + "\n|---|---|---|---|---|---|---|---|---|---|\n" +
		"| CVE-2026-97033 | CVE-2026-97033 | cmd/go | toolchain | go1.26.11, go1.27.4 | not affected | — | — | — | no such flag |\n"
	writeFiles(t, root, map[string]string{
		"docs/security-ledger.md":             ledger,
		"docs/vulndb/version":                 "golang.org/x/vulndb v0.0.0-20260101000000-000000000000\n",
		"docs/vulndb/CVE-2026-97033.json":     string(old.data),
		"docs/vulndb/README.md":               "kept\n",
		"changelog":                           "golang-1.27 (1.27.5-1) unstable; urgency=medium\n\n    - CVE-2026-99999: net/url: a new one\n",
		"base/src/net/http/server.go":         "package http\n\ntype Server struct{}\n\nfunc (srv *Server) Serve() {}\n",
		"base/src/net/http/client.go":         "//go:build ignore\n\npackage http\n\nfunc Get() {}\n",
		"base/src/net/http/client_test.go":    "package http\n\nfunc TestX() {}\n",
		"base/src/vendor/golang.org/x/y/y.go": "package y\n",
	})
	var out strings.Builder
	err := runSync(&out, syncOptions{root: root, vulndb: osv, changelogs: []string{filepath.Join(root, "changelog")}, base: filepath.Join(root, "base")})
	if err != nil {
		t.Fatal(err)
	}
	report := out.String()
	for _, want := range []string{
		"x/vulndb v0.0.0-20261105234957-e22db6528018 (was v0.0.0-20260101000000-000000000000): 3 entries of the database concern 1.22.12 or 1.22.12-crashout.N; 1 CVE record from changelogs\n",
		"new: GO-2026-6603 (CVE-2026-78659), std, fixed in go1.26.9, go1.27.2: Trailers in net/http\n",
		"net/http: there: Server.Serve Get; not there: Root.Open\n",
		"net/http/internal/http2: no such package\n",
		"new: GO-2025-3447 (CVE-2025-22866), std, fixed in go1.22.12, go1.23.6",
		"fixed in 1.22.12 itself",
		"new: GO-2026-6900 (CVE-2026-97033), toolchain",
		"new: CVE-2026-99999, std, fixed in go1.27.5: a new one\n",
		"known only from changelogs: golang-1.27 1.27.5-1\n",
		"gone: CVE-2026-97033: the database names it GO-2026-6900\n",
		"the snapshot names this advisory GO-2026-6900",
		"GO-2026-6603 has no row in the ledger",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("sync's report lacks %q:\n%s", want, report)
		}
	}
	if strings.Contains(report, "GO-2025-4000") || strings.Contains(report, "nothing new") {
		t.Errorf("sync's report:\n%s", report)
	}
	snap, err := readSnapshot(filepath.Join(root, snapshotDir))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(snap.ids(), " "); got != "GO-2025-3447 GO-2026-6603 GO-2026-6900 CVE-2026-99999" {
		t.Errorf("the snapshot holds %s", got)
	}
	if data, _ := os.ReadFile(filepath.Join(root, snapshotDir, "GO-2026-6603.json")); string(data) != twoBlocks {
		t.Errorf("GO-2026-6603.json is not the database's, byte for byte:\n%s", data)
	}
	if _, err := os.Stat(filepath.Join(root, snapshotDir, "README.md")); err != nil {
		t.Errorf("sync removed README.md: %v", err)
	}

	// Once the ledger has the rows, the same sync finds nothing new.
	ledger = ledgerHeader + "\n|---|---|---|---|---|---|---|---|---|---|\n" +
		"| GO-2025-3447 | CVE-2025-22866 | crypto/internal/nistec | std | go1.22.12, go1.23.6 | fixed | go1.22.12 | — | — | fixed in the base |\n" +
		"| GO-2026-6603 | CVE-2026-78659 | net/http | std | go1.26.9, go1.27.2 | fixed | crashout.3 | x.patch | net/http TestX | — |\n" +
		"| GO-2026-6900 | CVE-2026-97033 | cmd/go | toolchain | go1.26.11, go1.27.4 | not affected | — | — | — | no such flag |\n" +
		"| CVE-2026-99999 | CVE-2026-99999 | net/url | std | go1.27.5 | not affected | — | — | — | no such code |\n"
	writeFiles(t, root, map[string]string{"docs/security-ledger.md": ledger})
	out.Reset()
	if err := runSync(&out, syncOptions{root: root, vulndb: mod, base: filepath.Join(root, "base")}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "nothing new") || strings.Contains(out.String(), "\nnew:") {
		t.Errorf("second sync:\n%s", out.String())
	}
}

func TestVulndbDir(t *testing.T) {
	tmp := t.TempDir()
	mod := filepath.Join(tmp, "vulndb@v0.0.0-20261105234957-e22db6528018")
	writeFiles(t, tmp, map[string]string{"vulndb@v0.0.0-20261105234957-e22db6528018/data/osv/GO-2026-0001.json": "{}", "other/data/osv/GO-2026-0001.json": "{}"})
	for _, src := range []string{mod, filepath.Join(mod, "data", "osv")} {
		dir, v, err := vulndbDir(src)
		if err != nil || dir != filepath.Join(mod, "data", "osv") || v != "v0.0.0-20261105234957-e22db6528018" {
			t.Errorf("vulndbDir(%s) = %s, %s, %v", src, dir, v, err)
		}
	}
	for _, src := range []string{filepath.Join(tmp, "other"), filepath.Join(tmp, "none")} {
		if _, _, err := vulndbDir(src); err == nil {
			t.Errorf("vulndbDir(%s) took it", src)
		}
	}
}

func TestReadDatabaseZip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.zip")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(f)
	prefix := "golang.org/x/vulndb@v0.0.0-20261105234957-e22db6528018/"
	for name, text := range map[string]string{
		"data/osv/GO-2025-3447.json": osvJSON("GO-2025-3447", "stdlib", []string{"CVE-2025-22866"}, "0", "1.22.12"),
		"data/osv/GO-2025-4000.json": osvJSON("GO-2025-4000", "stdlib", []string{"CVE-2025-1234"}, "1.24.0-0", "1.24.3"),
		"go.mod":                     "module golang.org/x/vulndb\n\ngo 1.26.0\n",
	} {
		w, _ := z.Create(prefix + name)
		w.Write([]byte(text))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	osv, err := openZip(path, "v0.0.0-20261105234957-e22db6528018")
	if err != nil {
		t.Fatal(err)
	}
	defer osv.Close()
	db, names, err := readDatabase(osv, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(db) != 1 || db["GO-2025-3447"] == nil || names["CVE-2025-1234"] != "GO-2025-4000" {
		t.Errorf("readDatabase of the zip: %v, %v", db, names)
	}
}

func TestFindRoot(t *testing.T) {
	tmp := t.TempDir()
	writeFiles(t, tmp, map[string]string{"docs/security-ledger.md": "", "tools/ledger/x": ""})
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	if err := os.Chdir(filepath.Join(tmp, "tools", "ledger")); err != nil {
		t.Fatal(err)
	}
	got, err := findRoot("")
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := filepath.EvalSymlinks(got); a != mustEval(t, tmp) {
		t.Errorf("findRoot = %s, want %s", got, tmp)
	}
	if got, _ := findRoot("/elsewhere"); got != "/elsewhere" {
		t.Errorf("findRoot(-root /elsewhere) = %s", got)
	}
}

func mustEval(t *testing.T, p string) string {
	p, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
