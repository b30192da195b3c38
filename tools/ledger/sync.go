package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
)

// syncOptions are ledger sync's flags.
type syncOptions struct {
	root       string
	vulndb     string // a module version to download, or a directory
	changelogs []string
	base       string // the base tree of the symbol hints; "" asks scripts/fetch-base
}

// runSync brings docs/vulndb up to date with the database and the
// changelogs, and prints to w what changed and what the ledger lacks.
func runSync(w io.Writer, o syncOptions) error {
	osv, where, version, err := openVulndb(o.vulndb)
	if err != nil {
		return err
	}
	defer osv.Close()
	db, names, err := readDatabase(osv, where)
	if err != nil {
		return err
	}
	dir := filepath.Join(o.root, snapshotDir)
	prev, err := readSnapshot(dir)
	if prev == nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		prev = &snapshot{entries: map[string]*entry{}}
	} else if err != nil {
		fmt.Fprintf(w, "ledger sync: the previous snapshot has problems (sync rewrites it):\n%v\n", err)
	}
	var items []noted
	for _, id := range prev.ids() {
		if e := prev.entries[id]; e.fromChangelog() {
			items = append(items, *noteOf(e))
		}
	}
	for _, c := range o.changelogs {
		n, err := readChangelog(c)
		if err != nil {
			return err
		}
		items = append(items, n...)
	}
	next := &snapshot{version: version, entries: db}
	for _, n := range mergeNoted(items) {
		if _, ok := names[n.cve]; !ok {
			next.entries[n.cve] = n.record()
		}
	}
	if err := next.write(dir); err != nil {
		return err
	}
	rows, err := readLedger(filepath.Join(o.root, "docs", "security-ledger.md"))
	if err != nil {
		return err
	}
	r := &syncReport{w: w, root: o.root, base: o.base}
	r.print(prev, next, names, rows)
	return nil
}

// vulndbModuleVersionRE matches what -vulndb names when it is a version.
var vulndbModuleVersionRE = regexp.MustCompile(`^(latest|v\d+\.\d+\.\d+[-+.0-9A-Za-z]*)$`)

// A readFS is a file system that may need closing.
type readFS interface {
	fs.FS
	io.Closer
}

type dirFS struct{ fs.FS }

func (dirFS) Close() error { return nil }

// openVulndb opens the data/osv directory of the database that src names,
// and returns what to call it in errors and the module version. src is a
// module version (latest, or v0.0.0-...) that the go command downloads
// through the module proxy, or a directory: the module's, as the module
// cache names it (…/golang.org/x/vulndb@VERSION), or its data/osv.
func openVulndb(src string) (osv readFS, where, version string, err error) {
	if vulndbModuleVersionRE.MatchString(src) {
		if _, err := os.Stat(src); err != nil { // not a directory of that name
			return download(src)
		}
	}
	dir, version, err := vulndbDir(src)
	if err != nil {
		return nil, "", "", err
	}
	return dirFS{os.DirFS(dir)}, dir, version, nil
}

// vulndbDir returns the data/osv directory of a directory -vulndb names,
// and the module version it holds.
func vulndbDir(src string) (osvDir, version string, err error) {
	mod := src
	if filepath.Base(src) == "osv" && filepath.Base(filepath.Dir(src)) == "data" {
		mod = filepath.Dir(filepath.Dir(src))
	}
	osvDir = filepath.Join(mod, "data", "osv")
	if fi, err := os.Stat(osvDir); err != nil || !fi.IsDir() {
		return "", "", fmt.Errorf("%s: neither golang.org/x/vulndb's module directory nor its data/osv", src)
	}
	abs, err := filepath.Abs(mod)
	if err != nil {
		return "", "", err
	}
	name, version, ok := strings.Cut(filepath.Base(abs), "@")
	if !ok || name != "vulndb" || !vulndbModuleVersionRE.MatchString(version) || version == "latest" {
		return "", "", fmt.Errorf("%s: which version of %s is this? Give the module's directory as the module cache names it (…/golang.org/x/vulndb@VERSION), or a version to download", src, vulndbModule)
	}
	return osvDir, version, nil
}

// download fetches golang.org/x/vulndb@version with the go command and
// opens data/osv in the module's zip file. The zip, not the extracted
// tree: the go command verifies the zip against the checksum database,
// then refuses to extract it when the module's go.mod asks for a newer Go
// than its own (the module says go 1.26, the fork's go is 1.22).
func download(version string) (osv readFS, where, resolved string, err error) {
	gocmd, err := exec.LookPath("go")
	if err != nil {
		gocmd = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	cmd := exec.Command(gocmd, "mod", "download", "-json", vulndbModule+"@"+version)
	cmd.Dir = os.TempDir() // outside any module
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, runErr := cmd.Output()
	var m struct{ Version, Zip, Sum, Error string }
	if err := json.Unmarshal(out, &m); err != nil || m.Zip == "" || m.Sum == "" {
		why := m.Error
		if why == "" {
			why = fmt.Sprintf("%v %v\n%s", runErr, err, stderr.Bytes())
		}
		return nil, "", "", fmt.Errorf("go mod download %s@%s: %s", vulndbModule, version, why)
	}
	osv, err = openZip(m.Zip, m.Version)
	return osv, m.Zip, m.Version, err
}

// openZip opens data/osv in a zip file of golang.org/x/vulndb@version.
func openZip(path, version string) (readFS, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	sub, err := fs.Sub(z, vulndbModule+"@"+version+"/data/osv")
	if err != nil {
		z.Close()
		return nil, err
	}
	return zipFS{sub, z}, nil
}

type zipFS struct {
	fs.FS
	z *zip.ReadCloser
}

func (z zipFS) Close() error { return z.z.Close() }

// A syncReport prints what a sync changed.
type syncReport struct {
	w         io.Writer
	root      string
	base      string // the base tree; "" until asked for
	baseErr   error
	described map[string]bool
}

func (r *syncReport) print(prev, next *snapshot, names map[string]string, rows []row) {
	r.described = map[string]bool{}
	var fromDB, fromChangelogs int
	for _, e := range next.entries {
		if e.fromChangelog() {
			fromChangelogs++
		} else {
			fromDB++
		}
	}
	was := ""
	if prev.version != next.version {
		was = fmt.Sprintf(" (was %s)", prev.version)
		if prev.version == "" {
			was = " (there was none)"
		}
	}
	records := "CVE records"
	if fromChangelogs == 1 {
		records = "CVE record"
	}
	fmt.Fprintf(r.w, "ledger sync: %s: x/vulndb %s%s: %d entries of the database concern %s or %s; %d %s from changelogs\n",
		snapshotDir, next.version, was, fromDB, baseVersion, strings.Replace(forkVersion, "crashout.1", "crashout.N", 1), fromChangelogs, records)
	news := 0
	for _, id := range next.ids() {
		e, old := next.entries[id], prev.entries[id]
		switch {
		case old == nil:
			r.describe("new", e)
		case !bytes.Equal(old.data, e.data):
			r.describe("changed", e)
		default:
			continue
		}
		news++
	}
	for _, id := range prev.ids() {
		if next.entries[id] != nil {
			continue
		}
		news++
		why := "its ranges no longer contain the fork's version, or the database withdrew it"
		if name, ok := names[id]; ok && name != id {
			why = "the database names it " + name
			if next.entries[name] == nil {
				why += ", whose ranges contain neither " + baseVersion + " nor the fork's version"
			}
		} else if !ok && !prev.entries[id].fromChangelog() {
			why = "the database no longer holds it"
		}
		fmt.Fprintf(r.w, "gone: %s: %s\n", id, why)
	}
	var problems []string
	checkRows(rows, next, func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) })
	for _, id := range next.ids() {
		if !r.described[id] && !slices.ContainsFunc(rows, func(x row) bool { return x.id == id }) {
			r.describe("not in the ledger", next.entries[id])
		}
	}
	if len(problems) > 0 {
		fmt.Fprintf(r.w, "the ledger disagrees with the snapshot (ledger check says the same):\n")
		for _, p := range problems {
			fmt.Fprintf(r.w, "\t%s\n", p)
		}
	}
	if news == 0 && len(problems) == 0 {
		fmt.Fprintf(r.w, "ledger sync: nothing new: the ledger has a row for every advisory of the snapshot, and they agree\n")
	}
}

// describe prints an advisory: its ids, kind, fixes and summary, then
// each package with whether the base tree has it and its symbols.
func (r *syncReport) describe(what string, e *entry) {
	r.described[e.ID] = true
	ids := e.ID
	if c := e.cves(); len(c) > 0 && c[0] != e.ID {
		ids += " (" + strings.Join(c, ", ") + ")"
	}
	fmt.Fprintf(r.w, "%s: %s, %s, fixed in %s: %s\n", what, ids, e.kind(), strings.Join(e.fixed(), ", "), e.Summary)
	if e.fromChangelog() {
		fmt.Fprintf(r.w, "\tknown only from changelogs: %s\n", strings.TrimPrefix(e.DatabaseSpecific.Source, changelogSource))
	}
	if e.fixedInBase() {
		fmt.Fprintf(r.w, "\tfixed in %s itself: the row is fixed, Release %s, no patch\n", baseVersion, baseRelease)
	}
	imports := e.imports()
	if len(imports) == 0 {
		fmt.Fprintf(r.w, "\tthe entry names no package\n")
		return
	}
	tree := r.baseTree()
	if tree == "" {
		fmt.Fprintf(r.w, "\tpackages: %s (symbols not looked up: %v)\n", importPaths(imports), r.baseErr)
		return
	}
	fmt.Fprintf(r.w, "\tin the %s base (a hint, not the verdict):\n", baseVersion)
	for _, im := range imports {
		fmt.Fprintf(r.w, "\t\t%s\n", symbolHint(tree, im))
	}
}

// symbolHint says whether the base tree has a package and its symbols.
func symbolHint(tree string, im osvImport) string {
	names, ok := declared(tree, im.Path)
	switch {
	case !ok:
		return im.Path + ": no such package"
	case len(im.Symbols) == 0:
		return im.Path + ": the package is there (the entry names no symbols)"
	}
	var have, lack []string
	for _, s := range im.Symbols {
		if names[s] {
			have = append(have, s)
		} else {
			lack = append(lack, s)
		}
	}
	switch {
	case len(lack) == 0:
		return fmt.Sprintf("%s: all its symbols are there: %s", im.Path, strings.Join(have, " "))
	case len(have) == 0:
		return fmt.Sprintf("%s: none of its symbols is there: %s", im.Path, strings.Join(lack, " "))
	}
	return fmt.Sprintf("%s: there: %s; not there: %s", im.Path, strings.Join(have, " "), strings.Join(lack, " "))
}

func importPaths(imports []osvImport) string {
	var p []string
	for _, im := range imports {
		p = append(p, im.Path)
	}
	return strings.Join(p, " ")
}

// baseTree returns the base tree, asking scripts/fetch-base the first time
// when -base named none; "" if it cannot be had (r.baseErr says why).
func (r *syncReport) baseTree() string {
	if r.base != "" || r.baseErr != nil {
		return r.base
	}
	cmd := exec.Command(filepath.Join(r.root, "scripts", "fetch-base"))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if err != nil || lines[0] == "" {
		r.baseErr = fmt.Errorf("scripts/fetch-base: %v", err)
		return ""
	}
	r.base = lines[len(lines)-1]
	return r.base
}
