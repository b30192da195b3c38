package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"forktools/internal/patchset"
)

// A prover shows, in a scratch copy of the fork's GOROOT, that the
// regression test of each security backport fails without its patch and
// passes with it (ledger prove).
type prover struct {
	root   string   // the fork's repository
	base   string   // the unpatched base tree
	goroot string   // the fork's built GOROOT, never changed
	tmp    string   // scratch: go/ is the copy under test
	series []string // patches/security/series, in order
}

// A backport is one fixed row of the ledger.
type backport struct {
	id, patch, test string
}

// prove runs the backports' tests and prints one line for each; it returns
// how many were not shown to fail without their patch and pass with it.
func (p *prover) prove(backports []backport) (int, error) {
	if err := run("", "cp", "-a", p.goroot, p.dir()); err != nil {
		return 0, err
	}
	problems := 0
	for _, b := range backports {
		ok, err := p.proveOne(b)
		if err != nil {
			return problems, fmt.Errorf("%s: %v", b.id, err)
		}
		if !ok {
			problems++
		}
	}
	return problems, nil
}

func (p *prover) dir() string { return filepath.Join(p.tmp, "go") }

// proveOne runs the test of one backport without and with its patch and
// prints the outcome; it reports whether the backport was shown (a Windows
// test counts as shown: check-backports-windows runs it).
func (p *prover) proveOne(b backport) (bool, error) {
	f := strings.Fields(b.test) // PKG TestName, PKG script NAME.txt, or test FILE
	pkg, name := f[0], f[len(f)-1]
	if p.isWindowsTest(pkg, name) {
		fmt.Printf("prove-backports: %s: %s is a Windows test: not run here (see scripts/check-backports-windows)\n", b.id, b.test)
		return true, nil
	}
	patch := filepath.Join(p.root, "patches", "security", b.patch)
	files, err := patchset.FilesOf(patch)
	if err != nil {
		return false, err
	}
	if err := p.removePatch(b.patch, patch); err != nil {
		return false, err
	}
	without, wOK := p.runTest(b.test, "without")
	if buildFailed(without) { // a later patch uses what this one adds
		if err := p.restoreBefore(b.patch); err != nil {
			return false, err
		}
		without, wOK = p.runTest(b.test, "without")
	}
	var hidden []string
	if buildFailed(without) { // other backports' tests in the package use it
		hidden = otherTests(p.root, pkg, name)
		for _, f := range hidden {
			os.Remove(filepath.Join(p.dir(), f))
		}
		without, wOK = p.runTest(b.test, "without")
	}
	for _, f := range append(files, hidden...) {
		if err := patchset.CopyFile(filepath.Join(p.goroot, f), filepath.Join(p.dir(), f)); err != nil {
			return false, err
		}
	}
	with, vOK := p.runTest(b.test, "with")
	if !wOK && vOK {
		fmt.Printf("prove-backports: %s: %s fails without %s (%s) and passes with it\n", b.id, b.test, b.patch, firstFailure(without))
		return true, nil
	}
	fmt.Printf("prove-backports: %s: PROBLEM: %s without the patch: %s; with it: %s\n", b.id, b.test, okText(wOK), okText(vOK))
	fmt.Print(indent(without), indent(with))
	return false, nil
}

// isWindowsTest reports whether the test name of package pkg is in one of
// the fork's _windows_test.go files.
func (p *prover) isWindowsTest(pkg, name string) bool {
	files, _ := filepath.Glob(filepath.Join(p.root, "src", pkg, "*_windows_test.go"))
	for _, f := range files {
		if definesFunc(f, name) {
			return true
		}
	}
	return false
}

// removePatch takes the patch out of the scratch tree: reversed, or, where
// a later patch changed its lines, its files as they were before it.
func (p *prover) removePatch(name, path string) error {
	if patchset.Apply(p.dir(), path, "-R", "--dry-run") == nil {
		return patchset.Apply(p.dir(), path, "-R")
	}
	return p.restoreBefore(name)
}

// restoreBefore writes the files of patch name into the scratch tree as
// they were before it: the base with the series applied up to it.
func (p *prover) restoreBefore(name string) error {
	before := filepath.Join(p.tmp, "before")
	if err := os.RemoveAll(before); err != nil {
		return err
	}
	for _, q := range p.series {
		if q == name {
			break
		}
		qpath := filepath.Join(p.root, "patches", "security", q)
		files, err := patchset.FilesOf(qpath)
		if err != nil {
			return err
		}
		if err := p.copyFromBase(before, files); err != nil {
			return err
		}
		patchset.Apply(before, qpath) // as the series applies it; a failure shows in the test
	}
	files, err := patchset.FilesOf(filepath.Join(p.root, "patches", "security", name))
	if err != nil {
		return err
	}
	if err := p.copyFromBase(before, files); err != nil {
		return err
	}
	return filepath.Walk(before, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(before, path)
		return patchset.CopyFile(path, filepath.Join(p.dir(), rel))
	})
}

// copyFromBase copies each of files that dir does not have yet from the base.
func (p *prover) copyFromBase(dir string, files []string) error {
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			continue
		}
		if err := patchset.CopyFile(filepath.Join(p.base, f), filepath.Join(dir, f)); err != nil && !os.IsNotExist(err) {
			return err // a file the patch creates is not in the base
		}
	}
	return nil
}

// runTest runs test, the ledger's regression test column, in the scratch
// tree, rebuilding the tool it tests first; it returns go's last 20 lines
// and whether it passed. Programs under test/ build with a cache of their
// own for each phase: the cache keys objects on the toolchain's version,
// which a rebuilt compiler does not change.
func (p *prover) runTest(test, phase string) (string, bool) {
	f := strings.Fields(test)
	src := filepath.Join(p.dir(), "src")
	gocmd := filepath.Join(p.dir(), "bin", "go")
	var cmds [][]string
	switch {
	case f[0] == "test":
		cache := "GOCACHE=" + filepath.Join(p.tmp, "cache-"+phase)
		cmds = [][]string{{gocmd, "install", "cmd/compile"}, {"env", cache, gocmd, "test", "cmd/internal/testdir", "-run", "Test/" + f[1] + "$"}}
	case strings.HasPrefix(f[0], "cmd/vendor/"):
		src = filepath.Join(src, "cmd")
		cmds = [][]string{{gocmd, "test", "-run", "^" + f[1] + "$", strings.TrimPrefix(f[0], "cmd/vendor/")}}
	default:
		run := "^" + f[1] + "$"
		if f[1] == "script" {
			run = "TestScript/^" + strings.TrimSuffix(f[2], ".txt") + "$"
		}
		if tool := toolOf(f[0]); tool != "" {
			cmds = append(cmds, []string{gocmd, "install", tool})
		}
		cmds = append(cmds, []string{gocmd, "test", "-run", run, f[0]})
	}
	var out bytes.Buffer
	for _, c := range cmds {
		cmd := exec.Command(c[0], c[1:]...)
		cmd.Dir = src
		cmd.Env = p.env()
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			return lastLines(out.String(), 20), false
		}
	}
	return lastLines(out.String(), 20), true
}

// env is the environment of the scratch tree's go command: its bin first
// on PATH, GOROOT unset (the go command finds its own), no test caching.
func (p *prover) env() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GOROOT=") && !strings.HasPrefix(kv, "PATH=") && !strings.HasPrefix(kv, "GOFLAGS=") {
			env = append(env, kv)
		}
	}
	path := filepath.Join(p.dir(), "bin") + string(os.PathListSeparator) + os.Getenv("PATH")
	return append(env, "PATH="+path, "GOFLAGS=-count=1")
}

// toolOf returns the command a test of package pkg needs rebuilt, or "".
func toolOf(pkg string) string {
	for _, t := range []string{"cmd/compile", "cmd/link", "cmd/cgo", "cmd/pack"} {
		if pkg == t || strings.HasPrefix(pkg, t+"/") {
			return t
		}
	}
	return ""
}

// otherTests returns the fork's other test files in package pkg (paths
// from the GOROOT), those that do not define the test name and whose
// helper functions its file does not use.
func otherTests(root, pkg, name string) []string {
	files, _ := filepath.Glob(filepath.Join(root, "src", pkg, "*_test.go"))
	var own []byte
	for _, f := range files {
		if definesFunc(f, name) {
			own, _ = os.ReadFile(f)
		}
	}
	var other []string
	for _, f := range files {
		if definesFunc(f, name) || usesHelpers(f, own) {
			continue
		}
		other = append(other, filepath.ToSlash(filepath.Join("src", pkg, filepath.Base(f))))
	}
	return other
}

var helperRE = regexp.MustCompile(`(?m)^func ([a-z][A-Za-z0-9_]*)\(`)

// usesHelpers reports whether src uses one of the unexported functions
// that file defines.
func usesHelpers(file string, src []byte) bool {
	b, _ := os.ReadFile(file)
	for _, m := range helperRE.FindAllSubmatch(b, -1) {
		if regexp.MustCompile(`\b` + string(m[1]) + `\b`).Match(src) {
			return true
		}
	}
	return false
}

func definesFunc(file, name string) bool {
	b, _ := os.ReadFile(file)
	return bytes.Contains(b, []byte("\nfunc "+name+"("))
}

func buildFailed(out string) bool { return strings.Contains(out, "[build failed]") }

// firstFailure returns the line of go's output that says best what failed:
// a script test's failing line, else a test's first error, else the first
// FAIL, shortened.
func firstFailure(out string) string {
	lines := strings.Split(out, "\n")
	pick := func(match func(string) bool) string {
		for _, l := range lines {
			if match(l) {
				l = strings.TrimSpace(l)
				if len(l) > 160 {
					l = l[:160]
				}
				return l
			}
		}
		return ""
	}
	scriptLine := regexp.MustCompile(`FAIL: \S+\.txt:[0-9]+:`)
	testLine := regexp.MustCompile(`_test\.go:[0-9]+:|panic:`)
	for _, match := range []func(string) bool{
		scriptLine.MatchString,
		func(l string) bool { return !strings.Contains(l, "script_test.go") && testLine.MatchString(l) },
		func(l string) bool { return strings.Contains(l, "FAIL") },
		func(l string) bool { return strings.TrimSpace(l) != "" },
	} {
		if l := pick(match); l != "" {
			return l
		}
	}
	return ""
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ") + "\n"
}

func okText(ok bool) string {
	if ok {
		return "ok"
	}
	return "FAIL"
}

func run(dir, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %v\n%s", name, err, out)
	}
	return nil
}
