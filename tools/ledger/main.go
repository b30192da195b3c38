// Command ledger keeps the fork's security ledger, docs/security-ledger.md:
// one row for every upstream Go security advisory whose affected range
// includes the base release: fixed by a patch of patches/security, not
// affected (with the reason), or affected (no backport yet, with what is
// missing).
//
// Usage:
//
//	ledger check [-root DIR]
//	ledger vex -version go1.22.12-crashout.N -time 2026-11-30T00:00:00Z [-root DIR]
//	ledger new [-root DIR] [-osv DIR] [-changelog FILE]...
//	ledger tests [-root DIR]
//	ledger prove -base DIR -goroot DIR [-root DIR] [ID...]
//
// check fails, listing every disagreement, unless every fixed row names its
// patch, the patch is in patches/security/series and its header names the
// advisory and its CVEs, the row's regression test exists, and every patch
// of the series has its row. vex writes the OpenVEX document of a release
// to standard output. new lists the advisories that a vulnerability
// database snapshot (golang/vulndb's data/osv) or a Debian changelog of
// golang-1.NN-src names and the ledger does not: the start of every
// security release. tests prints, for every fixed row, the advisory, its
// patch and its regression test, tab-separated, in the order of the series.
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
	root := fs.String("root", ".", "the fork's repository")
	version := fs.String("version", "", "vex: the release, as its VERSION file names it")
	stamp := fs.String("time", "", "vex: the document's timestamp (RFC 3339)")
	osv := fs.String("osv", "", "new: a golang/vulndb data/osv directory")
	var changelogs multiFlag
	fs.Var(&changelogs, "changelog", "new: a Debian changelog of golang-1.NN-src (repeatable; .gz read as gzip)")
	base := fs.String("base", "", "prove: the unpatched base tree")
	goroot := fs.String("goroot", "", "prove: the fork's built GOROOT")
	fs.Parse(os.Args[2:])
	if fs.NArg() > 0 && verb != "prove" {
		usage()
	}
	ledger := filepath.Join(*root, "docs", "security-ledger.md")
	switch verb {
	case "check":
		problems := check(*root)
		for _, p := range problems {
			fmt.Fprintln(os.Stderr, p)
		}
		if len(problems) > 0 {
			os.Exit(1)
		}
		rows, _ := readLedger(ledger)
		n := map[string]int{}
		for _, r := range rows {
			n[r.status]++
		}
		fmt.Printf("ledger: %d advisories: %d fixed by patches/security, %d not affected, %d affected (no backport yet)\n",
			len(rows), n[statusFixed], n[statusNotAffected], n[statusAffected])
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
	case "new":
		if *osv == "" && len(changelogs) == 0 {
			fatalf("ledger new needs -osv DIR or -changelog FILE")
		}
		rows, err := readLedger(ledger)
		if err != nil {
			fatalf("%v", err)
		}
		var found []advisory
		decided := map[string]bool{}
		if *osv != "" {
			a, all, err := readOSV(*osv)
			if err != nil {
				fatalf("%v", err)
			}
			found = append(found, a...)
			for _, r := range rows { // a ledger row outranks the database
				delete(all, r.id)
			}
			for _, x := range a {
				delete(all, x.id)
				for _, c := range x.cves {
					delete(all, c)
				}
			}
			decided = all
		}
		for _, c := range changelogs {
			a, err := readChangelog(c)
			if err != nil {
				fatalf("%v", err)
			}
			found = append(found, a...)
		}
		miss := missing(rows, found, decided)
		for _, a := range miss {
			fmt.Printf("%s\t%s\t%s\t%s\t%s\t%s\n", a.id, strings.Join(a.cves, ","), a.kind, a.packages, a.fixed, a.summary)
		}
		fmt.Fprintf(os.Stderr, "ledger: %d advisories not in the ledger\n", len(miss))
	case "tests":
		rows, err := readLedger(ledger)
		if err != nil {
			fatalf("%v", err)
		}
		series, err := patchset.ReadSeries(filepath.Join(*root, "patches", "security", "series"))
		if err != nil {
			fatalf("%v", err)
		}
		test := map[string]string{}
		for _, r := range rows {
			if r.status == statusFixed {
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
		os.Exit(prove(*root, *base, *goroot, fs.Args()))
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
		if r.status == statusFixed && (len(ids) == 0 || want[r.id]) {
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

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

func usage() {
	fmt.Fprintln(os.Stderr, "usage: ledger check|vex|new|tests|prove [flags] (see go doc)")
	os.Exit(2)
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "ledger: "+format+"\n", args...)
	os.Exit(1)
}
