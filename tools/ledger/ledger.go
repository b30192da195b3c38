package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"forktools/internal/patchset"
)

// A row is one advisory of the ledger table (docs/security-ledger.md).
type row struct {
	line      int
	id        string   // GO-YYYY-NNNN, or the CVE for advisories with no GO id
	cves      []string // CVE-YYYY-N, possibly none
	packages  string
	upstream  string // the upstream releases that fixed it
	status    string // statusFixed, statusNotAffected or statusAffected
	release   string // the fork release the fix is in; baseRelease if the base has it
	patch     string // file name under patches/security
	test      string // "PACKAGE TestName", "cmd/go script NAME.txt" or "test DIR/FILE.go"
	note      string // for not affected: why
	toolchain bool   // the go command, cgo, compiler or linker rather than std
}

const (
	statusFixed       = "fixed"
	statusNotAffected = "not affected"
	statusAffected    = "affected" // no backport yet: the Note says what is missing
)

// baseRelease is the Release of a row that the base release itself fixed.
const baseRelease = "go" + baseVersion

// ledgerHeader is the table's first line. Every line of the table after
// it and its delimiter row is one advisory.
const ledgerHeader = "| Advisory | CVE | Packages | Kind | Upstream fix | Status | Release | Patch | Regression test | Note |"

const ledgerColumns = 10

var (
	idRE  = regexp.MustCompile(`^(GO-\d{4}-\d{4,}|CVE-\d{4}-\d{4,})$`)
	cveRE = regexp.MustCompile(`^CVE-\d{4}-\d{4,}$`)
)

// kind returns the row's Kind column: std or toolchain.
func (r row) kind() string {
	if r.toolchain {
		return "toolchain"
	}
	return "std"
}

// fixedInBase reports whether the row is an advisory that the base
// release itself fixed: status fixed, Release go1.22.12, no patch. Such an
// advisory is listed because scanners read the fork's go1.22.12-crashout.N
// as a semver pre-release of 1.22.12, which sorts before the fix.
func (r row) fixedInBase() bool {
	return r.status == statusFixed && r.release == baseRelease && r.patch == ""
}

// readLedger parses the ledger's one table: its header, its delimiter
// row, then one advisory per line up to the first line that is not a
// table line. It reports every line it cannot read: a row that does not
// parse, a table line outside the table, a header not as expected.
func readLedger(path string) ([]row, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	const (
		beforeTable = iota
		atDelimiter
		inRows
		afterTable
	)
	var rows []row
	var problems []error
	bad := func(n int, format string, args ...any) {
		problems = append(problems, fmt.Errorf("%s:%d: %s", path, n, fmt.Sprintf(format, args...)))
	}
	state := beforeTable
	for i, line := range strings.Split(string(data), "\n") {
		n := i + 1
		line = strings.TrimSpace(line)
		switch {
		case !strings.HasPrefix(line, "|"):
			if state != beforeTable {
				state = afterTable
			}
		case state == beforeTable:
			if line != ledgerHeader {
				bad(n, "the table's header is %q, want %q", line, ledgerHeader)
			}
			state = atDelimiter
		case state == atDelimiter:
			if strings.Trim(line, "|-: ") != "" {
				bad(n, "want the table's delimiter row, |---|...")
			}
			state = inRows
		case state == inRows:
			r, err := parseRow(line)
			if err != nil {
				bad(n, "%v", err)
				continue
			}
			r.line = n
			rows = append(rows, r)
		default:
			bad(n, "a table line after the ledger's table: every advisory is a row of the one table")
		}
	}
	if state == beforeTable {
		problems = append(problems, fmt.Errorf("%s: no table (want %q)", path, ledgerHeader))
	}
	return rows, errors.Join(problems...)
}

// parseRow parses one row of the table.
func parseRow(line string) (row, error) {
	if !strings.HasPrefix(line, "| GO-") && !strings.HasPrefix(line, "| CVE-") {
		return row{}, fmt.Errorf("not an advisory row (want \"| GO-YYYY-NNNN |\" or \"| CVE-YYYY-N |\"): %.40q", line)
	}
	if !strings.HasSuffix(line, "|") {
		return row{}, fmt.Errorf("the row does not end with |")
	}
	cells := strings.Split(strings.TrimSuffix(strings.TrimPrefix(line, "|"), "|"), "|")
	if len(cells) != ledgerColumns {
		return row{}, fmt.Errorf("%d columns, want %d", len(cells), ledgerColumns)
	}
	for i := range cells {
		cells[i] = cleanCell(cells[i])
	}
	r := row{id: cells[0], packages: cells[2], upstream: cells[4],
		status: cells[5], release: cells[6], patch: cells[7], test: cells[8], note: cells[9]}
	switch cells[3] {
	case "std":
	case "toolchain":
		r.toolchain = true
	default:
		return row{}, fmt.Errorf("%s: kind %q, want std or toolchain", r.id, cells[3])
	}
	if cells[1] != "" {
		r.cves = strings.Split(strings.ReplaceAll(cells[1], " ", ""), ",")
	}
	return r, nil
}

var linkCellRE = regexp.MustCompile(`^\[([^\]]*)\]\([^)]*\)$`)

// cleanCell drops the Markdown around a cell's value: spaces, backquotes,
// a link's target, and the dash that marks an empty cell.
func cleanCell(s string) string {
	s = strings.TrimSpace(s)
	if m := linkCellRE.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	s = strings.Trim(s, "`")
	if s == "—" || s == "-" {
		return ""
	}
	return s
}

// check reports every way the ledger, the snapshot (docs/vulndb) and
// patches/security disagree.
func check(root string) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	rows, err := readLedger(filepath.Join(root, "docs", "security-ledger.md"))
	if err != nil {
		return strings.Split(err.Error(), "\n")
	}
	snap, err := readSnapshot(filepath.Join(root, snapshotDir))
	if err != nil {
		return strings.Split(err.Error(), "\n")
	}
	checkRows(rows, snap, bad)
	secDir := filepath.Join(root, "patches", "security")
	series, err := patchset.ReadSeries(filepath.Join(secDir, "series"))
	if err != nil {
		return append(problems, err.Error())
	}
	inSeries := map[string]bool{}
	for _, name := range series {
		if inSeries[name] {
			bad("patches/security/series lists %s twice", name)
		}
		inSeries[name] = true
	}
	byPatch := map[string]bool{}
	for _, r := range rows {
		where := fmt.Sprintf("docs/security-ledger.md:%d: %s", r.line, r.id)
		switch r.status {
		case statusFixed:
			if r.release == baseRelease {
				if r.patch != "" || r.test != "" {
					bad("%s: fixed in the base (%s), yet names a patch or test", where, baseRelease)
				}
				break
			}
			checkFixed(root, r, inSeries, bad)
			byPatch[r.patch] = true
		case statusNotAffected, statusAffected:
			if r.patch != "" || r.release != "" {
				bad("%s: %s, yet names a patch or release", where, r.status)
			}
			if r.note == "" && r.status == statusNotAffected {
				bad("%s: not affected needs its reason in the Note column", where)
			}
			if r.note == "" && r.status == statusAffected {
				bad("%s: affected needs, in the Note column, what is missing", where)
			}
		default:
			bad("%s: status %q, want %q, %q or %q", where, r.status, statusFixed, statusNotAffected, statusAffected)
		}
	}
	for _, name := range series {
		if !byPatch[name] {
			bad("patches/security/series: %s has no fixed row in the ledger", name)
		}
	}
	files, _ := filepath.Glob(filepath.Join(secDir, "*.patch"))
	for _, f := range files {
		if !inSeries[filepath.Base(f)] {
			bad("patches/security/%s is not in patches/security/series", filepath.Base(f))
		}
	}
	return problems
}

// checkRows reports where the ledger and the snapshot disagree. Each
// advisory of the snapshot has exactly one row, and each row an advisory:
// named by the entry's id (its GO id wherever the database has one), with
// the entry's CVEs, its Kind (toolchain when the database names the
// toolchain affected) and its Upstream fix (every fixed release of its Go
// blocks, in semver order). An advisory that the base release itself
// fixed is fixed in Release go1.22.12, with no patch or test.
func checkRows(rows []row, snap *snapshot, bad func(string, ...any)) {
	names := map[string]string{} // id or CVE -> the snapshot's id for it
	for id, e := range snap.entries {
		for _, c := range e.cves() {
			names[c] = id
		}
		names[id] = id
	}
	seen := map[string]int{}
	for _, r := range rows {
		where := fmt.Sprintf("docs/security-ledger.md:%d: %s", r.line, r.id)
		e := snap.entries[r.id]
		if e == nil {
			if id, ok := names[r.id]; ok {
				bad("%s: the snapshot names this advisory %s: name the row by that id", where, id)
			} else {
				bad("%s: not an advisory of the snapshot (%s): ledger sync adds the advisories the ledger must have", where, snapshotDir)
			}
			continue
		}
		if prev, ok := seen[r.id]; ok {
			bad("%s: listed already on line %d", where, prev)
			continue
		}
		seen[r.id] = r.line
		if got, want := sortedCopy(r.cves), sortedCopy(e.cves()); !slices.Equal(got, want) {
			bad("%s: CVE %q, the entry's CVEs are %q", where, strings.Join(r.cves, ", "), strings.Join(e.cves(), ", "))
		}
		if r.kind() != e.kind() {
			bad("%s: Kind %s, the entry's is %s", where, r.kind(), e.kind())
		}
		if want := strings.Join(e.fixed(), ", "); r.upstream != want {
			bad("%s: Upstream fix %q, the entry's fixed versions are %q", where, r.upstream, want)
		}
		switch {
		case e.fixedInBase() && !r.fixedInBase():
			bad("%s: fixed in %s itself: want status %s, Release %s, no patch or test", where, baseVersion, statusFixed, baseRelease)
		case !e.fixedInBase() && r.release == baseRelease:
			bad("%s: Release %s, but the entry's ranges contain %s", where, baseRelease, baseVersion)
		}
	}
	for _, id := range snap.ids() {
		if _, ok := seen[id]; !ok {
			bad("%s/%s.json: %s has no row in the ledger", snapshotDir, id, id)
		}
	}
}

func sortedCopy(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// checkFixed checks a fixed row: its patch exists, is in the series and
// names the advisory and its CVEs in its header, and its test exists.
func checkFixed(root string, r row, inSeries map[string]bool, bad func(string, ...any)) {
	where := fmt.Sprintf("docs/security-ledger.md:%d: %s", r.line, r.id)
	if r.release == "" {
		bad("%s: fixed, but in which release?", where)
	}
	if r.patch != r.id+".patch" {
		bad("%s: the patch is %q, want %s.patch", where, r.patch, r.id)
		return
	}
	if !inSeries[r.patch] {
		bad("%s: %s is not in patches/security/series", where, r.patch)
	}
	data, err := os.ReadFile(filepath.Join(root, "patches", "security", r.patch))
	if err != nil {
		bad("%s: %v", where, err)
		return
	}
	header, _, _ := strings.Cut(string(data), "\n--- a/")
	if !strings.HasPrefix(header, r.id+": ") {
		bad("%s: the header of %s does not start with %q", where, r.patch, r.id+": ")
	}
	for _, c := range r.cves {
		if !strings.Contains(header, c) {
			bad("%s: the header of %s does not name %s", where, r.patch, c)
		}
	}
	if r.test == "" {
		bad("%s: fixed, but no regression test is named", where)
	} else if err := findTest(root, r.test, string(data)); err != nil {
		bad("%s: %v", where, err)
	}
}

// findTest reports whether the test a row names exists: a Go test function
// in the package's overlay test files or added by the patch, a cmd/go
// script test, or a program under test/.
func findTest(root, test, patch string) error {
	pkg, name, ok := strings.Cut(test, " ")
	if !ok {
		return fmt.Errorf("test %q: want \"PACKAGE TestName\"", test)
	}
	name = strings.TrimSpace(name)
	switch {
	case pkg == "test":
		return exists(filepath.Join(root, "test", name))
	case strings.HasPrefix(name, "script "):
		return exists(filepath.Join(root, "src", pkg, "testdata", "script", strings.TrimPrefix(name, "script ")))
	}
	decl := "func " + name + "("
	if strings.Contains(patch, "\n+"+decl) {
		return nil
	}
	files, _ := filepath.Glob(filepath.Join(root, "src", pkg, "*_test.go"))
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil && strings.Contains(string(data), "\n"+decl) {
			return nil
		}
	}
	return fmt.Errorf("test %s: no %s in src/%s/*_test.go or in the patch", test, decl, pkg)
}

func exists(path string) error {
	_, err := os.Stat(path)
	return err
}
