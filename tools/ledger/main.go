// Command ledger keeps the fork's security ledger, docs/security-ledger.md:
// one row for every upstream Go security advisory whose affected range
// contains the fork's version: fixed by a patch of patches/security (or by
// the base release itself), not affected (with the reason), or affected
// (no backport yet, with what is missing). The advisories it must have
// are those of the snapshot in docs/vulndb, which sync keeps.
//
// Usage:
//
//	ledger sync [-vulndb latest|VERSION|DIR] [-changelog FILE]... [-base DIR] [-root DIR]
//	ledger check [-root DIR]
//	ledger vex -version go1.22.12-crashout.N -time 2026-11-30T00:00:00Z [-root DIR]
//	ledger tests [-root DIR]
//	ledger prove -base DIR -goroot DIR [-root DIR] [ID...]
//
// The repository is the first directory, from the working directory up,
// that holds docs/security-ledger.md, unless -root names it.
//
// sync brings the snapshot up to date. It takes the Go vulnerability
// database, the module golang.org/x/vulndb, at -vulndb: a module version
// (default latest) that the go command downloads through the module proxy,
// or a directory, the module's own (…/golang.org/x/vulndb@VERSION) or its
// data/osv. It keeps, byte for byte, the entries whose stdlib or toolchain
// SEMVER ranges contain the fork's version: 1.22.12, or 1.22.12-crashout.N,
// which semver orders before 1.22.12, so that entries fixed in 1.22.12
// itself count too. Each -changelog (a Debian changelog of golang-1.NN-src,
// gzip-compressed or not) adds the CVEs the database does not name yet, as
// records of their own (docs/vulndb/CVE-*.json); a record stays, from sync
// to sync, until the database names its CVE. sync then prints what changed, and every advisory without
// a row, with its packages and symbols and whether the 1.22.12 base tree
// (-base, default the tree scripts/fetch-base prints) has them: a first
// hint, never the verdict.
//
// check fails, listing every disagreement, unless the ledger's table
// parses and has one row for each advisory of the snapshot and no other,
// each with the entry's ids, Kind and upstream fixes; every fixed row
// names its patch, the patch is in patches/security/series and its header
// names the advisory and its CVEs, the row's regression test exists, and
// every patch of the series has its row. vex writes the OpenVEX document
// of a release to standard output. tests prints, for every fixed row, the
// advisory, its patch and its regression test, tab-separated, in the order
// of the series.
//
// prove shows, for the given advisories or all fixed ones, that the
// regression test fails without the patch and passes with it, in a scratch
// copy of the fork's built GOROOT (-goroot; -base is the unpatched tree).
// The patch is reversed, or, where a later patch changed its lines or uses
// what it adds, its files are put back as they were before it (the base
// with the series up to it). When the package's tests still do not build,
// the fork's test files there that belong to other backports (and whose
// helpers the test does not use) are left out, so that the failure shown
// is the test's own. Tests of a tool (cmd/compile, cmd/link, cmd/cgo,
// cmd/pack, programs under test/) rebuild it first; tests of vendored
// packages (cmd/vendor/...) run in the cmd module; Windows tests are left
// to scripts/check-backports-windows. It exits 1 if a backport is not
// shown. scripts/prove-backports runs it.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"forktools/internal/patchset"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	verb := os.Args[1]
	fs := flag.NewFlagSet("ledger "+verb, flag.ExitOnError)
	rootFlag := fs.String("root", "", "the fork's repository (default: the directory, from the working directory up, that holds docs/security-ledger.md)")
	version := fs.String("version", "", "vex: the release, as its VERSION file names it")
	stamp := fs.String("time", "", "vex: the document's timestamp (RFC 3339)")
	vulndb := fs.String("vulndb", "latest", "sync: the golang.org/x/vulndb version to download, or a directory holding the module or its data/osv")
	var changelogs multiFlag
	fs.Var(&changelogs, "changelog", "sync: a Debian changelog of golang-1.NN-src (repeatable; .gz read as gzip)")
	base := fs.String("base", "", "prove: the unpatched base tree; sync: the base tree for the symbol hints (default: what scripts/fetch-base prints)")
	goroot := fs.String("goroot", "", "prove: the fork's built GOROOT")
	fs.Parse(os.Args[2:])
	if fs.NArg() > 0 && verb != "prove" {
		usage()
	}
	root, err := findRoot(*rootFlag)
	if err != nil {
		fatalf("%v", err)
	}
	ledger := filepath.Join(root, "docs", "security-ledger.md")
	switch verb {
	case "sync":
		err := runSync(os.Stdout, syncOptions{root: root, vulndb: *vulndb, changelogs: changelogs, base: *base})
		if err != nil {
			fatalf("sync: %v", err)
		}
	case "check":
		problems := check(root)
		for _, p := range problems {
			fmt.Fprintln(os.Stderr, p)
		}
		if len(problems) > 0 {
			os.Exit(1)
		}
		rows, _ := readLedger(ledger)
		n := map[string]int{}
		inBase := 0
		for _, r := range rows {
			n[r.status]++
			if r.fixedInBase() {
				inBase++
			}
		}
		snap, _ := readSnapshot(filepath.Join(root, snapshotDir))
		fmt.Printf("ledger: %d advisories, those of %s (x/vulndb %s): %d fixed by patches/security, %d fixed in %s itself, %d not affected, %d affected (no backport yet)\n",
			len(rows), snapshotDir, snap.version, n[statusFixed]-inBase, inBase, baseRelease, n[statusNotAffected], n[statusAffected])
	case "vex":
		if *version == "" || *stamp == "" {
			fatalf("ledger vex needs -version and -time")
		}
		rows, err := readLedger(ledger)
		if err != nil {
			fatalf("%v", err)
		}
		if err := writeVEX(os.Stdout, rows, *version, *stamp); err != nil {
			fatalf("%v", err)
		}
	case "tests":
		rows, err := readLedger(ledger)
		if err != nil {
			fatalf("%v", err)
		}
		series, err := patchset.ReadSeries(filepath.Join(root, "patches", "security", "series"))
		if err != nil {
			fatalf("%v", err)
		}
		test := map[string]string{}
		for _, r := range rows {
			if r.status == statusFixed && !r.fixedInBase() {
				test[r.patch] = r.id + "\t" + r.patch + "\t" + r.test
			}
		}
		for _, p := range series {
			fmt.Println(test[p])
		}
	case "prove":
		if *base == "" || *goroot == "" {
			fatalf("ledger prove needs -base and -goroot")
		}
		os.Exit(prove(root, *base, *goroot, fs.Args()))
	default:
		usage()
	}
}

// prove runs ledger prove and returns the exit status.
func prove(root, base, goroot string, ids []string) int {
	rows, err := readLedger(filepath.Join(root, "docs", "security-ledger.md"))
	if err != nil {
		fatalf("%v", err)
	}
	series, err := patchset.ReadSeries(filepath.Join(root, "patches", "security", "series"))
	if err != nil {
		fatalf("%v", err)
	}
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	byPatch := map[string]backport{}
	for _, r := range rows {
		if r.status == statusFixed && !r.fixedInBase() && (len(ids) == 0 || want[r.id]) {
			byPatch[r.patch] = backport{r.id, r.patch, r.test}
			delete(want, r.id)
		}
	}
	for id := range want {
		fatalf("prove: %s is not a fixed advisory of the ledger", id)
	}
	var backports []backport
	for _, q := range series {
		if b, ok := byPatch[q]; ok {
			backports = append(backports, b)
		}
	}
	tmp, err := os.MkdirTemp("", "prove-backports-")
	if err != nil {
		fatalf("%v", err)
	}
	defer func() {
		exec.Command("chmod", "-R", "u+w", tmp).Run() // the module cache is read-only
		os.RemoveAll(tmp)
	}()
	p := &prover{root: root, base: base, goroot: goroot, tmp: tmp, series: series}
	problems, err := p.prove(backports)
	if err != nil {
		fmt.Fprintf(os.Stderr, "ledger prove: %v\n", err)
		return 1
	}
	if problems > 0 {
		fmt.Fprintf(os.Stderr, "ledger prove: %d backports not shown\n", problems)
		return 1
	}
	return 0
}

// findRoot returns the repository: root if given, else the first
// directory from the working directory up that holds the ledger.
func findRoot(root string) (string, error) {
	if root != "" {
		return root, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "docs", "security-ledger.md")); err == nil {
			return dir, nil
		}
		if dir == filepath.Dir(dir) {
			return "", fmt.Errorf("no docs/security-ledger.md in %s or a directory above it: run ledger inside the repository, or give -root", wd)
		}
	}
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

func usage() {
	fmt.Fprintln(os.Stderr, "usage: ledger sync|check|vex|tests|prove [flags] (see go doc)")
	os.Exit(2)
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "ledger: "+format+"\n", args...)
	os.Exit(1)
}
