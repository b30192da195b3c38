package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
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
	status    string // statusFixed or statusNotAffected
	release   string // the fork release the fix is in
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

const ledgerColumns = 10

var (
	idRE  = regexp.MustCompile(`^(GO-\d{4}-\d{4,}|CVE-\d{4}-\d{4,})$`)
	cveRE = regexp.MustCompile(`^CVE-\d{4}-\d{4,}$`)
)

// readLedger parses the table rows of the ledger: the lines that start with
// "| GO-" or "| CVE-". Columns: Advisory | CVE | Packages | Kind |
// Upstream fix | Status | Release | Patch | Test | Note.
func readLedger(path string) ([]row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows []row
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "| GO-") && !strings.HasPrefix(line, "| CVE-") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != ledgerColumns {
			return nil, fmt.Errorf("%s:%d: %d columns, want %d", path, n, len(cells), ledgerColumns)
		}
		for i := range cells {
			cells[i] = cleanCell(cells[i])
		}
		r := row{line: n, id: cells[0], packages: cells[2], upstream: cells[4],
			status: cells[5], release: cells[6], patch: cells[7], test: cells[8], note: cells[9]}
		switch cells[3] {
		case "std":
		case "toolchain":
			r.toolchain = true
		default:
			return nil, fmt.Errorf("%s:%d: kind %q, want std or toolchain", path, n, cells[3])
		}
		if cells[1] != "" {
			r.cves = strings.Split(strings.ReplaceAll(cells[1], " ", ""), ",")
		}
		rows = append(rows, r)
	}
	return rows, sc.Err()
}

// cleanCell drops the Markdown around a cell's value: spaces, backquotes,
// a link's target, and the dash that marks an empty cell.
func cleanCell(s string) string {
	s = strings.TrimSpace(s)
	if m := regexp.MustCompile(`^\[([^\]]*)\]\([^)]*\)$`).FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	s = strings.Trim(s, "`")
	if s == "—" || s == "-" {
		return ""
	}
	return s
}

// check reports every way the ledger, the series and the patches disagree.
func check(root string) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	ledgerPath := filepath.Join(root, "docs", "security-ledger.md")
	rows, err := readLedger(ledgerPath)
	if err != nil {
		return []string{err.Error()}
	}
	secDir := filepath.Join(root, "patches", "security")
	series, err := patchset.ReadSeries(filepath.Join(secDir, "series"))
	if err != nil {
		return []string{err.Error()}
	}
	inSeries := map[string]bool{}
	for _, name := range series {
		if inSeries[name] {
			bad("patches/security/series lists %s twice", name)
		}
		inSeries[name] = true
	}
	byPatch := map[string]bool{}
	seen := map[string]int{}
	for _, r := range rows {
		where := fmt.Sprintf("docs/security-ledger.md:%d: %s", r.line, r.id)
		if !idRE.MatchString(r.id) {
			bad("%s: not an advisory id", where)
		}
		if prev, ok := seen[r.id]; ok {
			bad("%s: listed already on line %d", where, prev)
		}
		seen[r.id] = r.line
		for _, c := range r.cves {
			if !cveRE.MatchString(c) {
				bad("%s: %q is not a CVE id", where, c)
			}
		}
		switch r.status {
		case statusFixed:
			checkFixed(root, r, inSeries, bad)
			byPatch[r.patch] = true
		case statusNotAffected:
			if r.patch != "" || r.release != "" {
				bad("%s: not affected, yet names a patch or release", where)
			}
			if r.note == "" {
				bad("%s: not affected needs its reason in the Note column", where)
			}
		case statusAffected:
			if r.patch != "" || r.release != "" {
				bad("%s: affected, yet names a patch or release", where)
			}
			if r.note == "" {
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
