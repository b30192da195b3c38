package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// A toolchain is one column of the tables.
type toolchain struct {
	name     string // fork, prev, base, upstream
	root     string // GOROOT
	version  string // go env GOVERSION
	rev      string // prev: the commit
	setCrash bool   // has runtime/debug.SetCrashOutput
	batched  bool   // writes whole lines, at most 1 ms late: counts depend on speed
	forms    map[string]bool
}

// bench is one run: the toolchains, the scratch directory and the results.
type bench struct {
	cfg     config
	tcs     []*toolchain
	notes   []string // why a column is missing
	work    string
	keep    bool
	perfOK  bool
	load    string
	results map[string]string // key(...) -> cell
	compile map[string]*compileResult
}

func newBench(cfg config) (*bench, error) {
	for _, tool := range []string{"strace", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			return nil, fmt.Errorf("%s not found: install it", tool)
		}
	}
	if err := exec.Command("strace", "-f", "-c", "-o", "/dev/null", "true").Run(); err != nil {
		return nil, fmt.Errorf("strace cannot trace here (is ptrace allowed?)")
	}
	load, _ := os.ReadFile("/proc/loadavg")
	b := &bench{cfg: cfg, results: map[string]string{}, compile: map[string]*compileResult{}}
	if f := strings.Fields(string(load)); len(f) > 0 {
		b.load = f[0]
	}
	work, err := os.MkdirTemp("", "crashout-bench.")
	if err != nil {
		return nil, err
	}
	b.work = work
	if err := b.findToolchains(); err != nil {
		b.keep = true
		b.cleanup()
		return nil, err
	}
	return b, nil
}

func (b *bench) cleanup() {
	if b.keep {
		note("kept %s", b.work)
		return
	}
	os.RemoveAll(b.work)
}

// findToolchains sets up fork, prev, base and upstream (building prev and
// base if their caches are missing or stale).
func (b *bench) findToolchains() error {
	forkRoot := os.Getenv("FORK_GOROOT")
	if forkRoot == "" {
		forkRoot = filepath.Join(b.cfg.top, "goroot")
	}
	if !isExec(filepath.Join(forkRoot, "bin", "go")) {
		return fmt.Errorf("no fork toolchain at %s: run ./make.bash first", forkRoot)
	}
	b.tcs = append(b.tcs, &toolchain{name: "fork", root: forkRoot, batched: true})
	if b.cfg.prev != "none" {
		rev, err := output(exec.Command("git", "-C", b.cfg.top, "rev-parse", "--verify", b.cfg.prev+"^{commit}"))
		if err != nil {
			return fmt.Errorf("-prev %s: %v", b.cfg.prev, err)
		}
		note("prev: building or reusing commit %s", rev)
		root, err := b.script("build-prev-toolchain", rev)
		if err != nil {
			return err
		}
		b.tcs = append(b.tcs, &toolchain{name: "prev", root: root, rev: rev, batched: true})
	} else {
		b.notes = append(b.notes, "No prev columns (-prev none).")
	}
	note("base: building or reusing the unpatched base")
	root, err := b.script("build-base-toolchain")
	if err != nil {
		return err
	}
	b.tcs = append(b.tcs, &toolchain{name: "base", root: root})
	if up := b.upstream(); up != nil {
		b.tcs = append(b.tcs, up)
	}
	for _, tc := range b.tcs {
		if tc.version == "" {
			v, err := goVersion(tc.root)
			if err != nil {
				return err
			}
			tc.version = v
		}
		tc.setCrash = hasSetCrashOutput(tc.root)
	}
	return nil
}

// upstream returns the upstream toolchain, or nil with a note saying why not.
func (b *bench) upstream() *toolchain {
	root := b.cfg.upstream
	if root == "none" {
		b.notes = append(b.notes, "No upstream columns (-upstream none).")
		return nil
	}
	if !isExec(filepath.Join(root, "bin", "go")) {
		b.notes = append(b.notes, fmt.Sprintf("No upstream columns: no upstream Go at %s (-upstream GOROOT).", root))
		return nil
	}
	v, err := goVersion(root)
	if err != nil || goMinor(v) < 23 {
		b.notes = append(b.notes, fmt.Sprintf("No upstream columns: %s is %s, which has no runtime/debug.SetCrashOutput (Go 1.23 and later).", root, v))
		return nil
	}
	return &toolchain{name: "upstream", root: root, version: v}
}

// script runs scripts/NAME ARGS... of the repository and returns the last
// line it prints (a GOROOT); its standard error passes through.
func (b *bench) script(name string, args ...string) (string, error) {
	cmd := exec.Command(filepath.Join(b.cfg.top, "scripts", name), args...)
	cmd.Stderr = os.Stderr
	out, err := output(cmd)
	if err != nil {
		return "", fmt.Errorf("scripts/%s: %v", name, err)
	}
	lines := strings.Split(out, "\n")
	return lines[len(lines)-1], nil
}

// goEnv is the environment for a toolchain's go command: its own GOROOT,
// no toolchain switch, no cgo, no workspace.
func goEnv() []string {
	return append(cleanEnv("GOROOT", "GOPATH", "GOBIN", "GOFLAGS", "GOTOOLCHAIN", "GOWORK", "GO111MODULE", "CGO_ENABLED"),
		"GOTOOLCHAIN=local", "GOWORK=off", "GO111MODULE=on", "CGO_ENABLED=0")
}

// goCmd returns the go command of the toolchain, run in dir.
func (tc *toolchain) goCmd(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(tc.root, "bin", "go"), args...)
	cmd.Dir = dir
	cmd.Env = goEnv()
	return cmd
}

func goVersion(root string) (string, error) {
	cmd := exec.Command(filepath.Join(root, "bin", "go"), "env", "GOVERSION")
	cmd.Env = goEnv()
	v, err := output(cmd)
	if err != nil {
		return "", fmt.Errorf("%s: go env GOVERSION: %v", root, err)
	}
	return v, nil
}

// goMinor returns 23 for go1.23.4, -1 if v is not a go1.N version.
func goMinor(v string) int {
	rest, ok := strings.CutPrefix(v, "go1.")
	if !ok {
		return -1
	}
	i := 0
	for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	n, err := strconv.Atoi(rest[:i])
	if err != nil {
		return -1
	}
	return n
}

// hasSetCrashOutput reports whether the toolchain's runtime/debug declares
// SetCrashOutput.
func hasSetCrashOutput(root string) bool {
	files, _ := filepath.Glob(filepath.Join(root, "src", "runtime", "debug", "*.go"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err == nil && bytes.Contains(data, []byte("\nfunc SetCrashOutput(")) {
			return true
		}
	}
	return false
}

// cleanEnv returns the environment without the named variables.
func cleanEnv(drop ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		keep := true
		for _, d := range drop {
			if name == d {
				keep = false
			}
		}
		if keep {
			env = append(env, kv)
		}
	}
	return env
}

// output runs cmd and returns its standard output, trimmed; the error
// carries the end of its standard error unless that is already shown.
func output(cmd *exec.Cmd) (string, error) {
	var errBuf bytes.Buffer
	if cmd.Stderr == nil {
		cmd.Stderr = &errBuf
	}
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(errBuf.String())
		if len(msg) > 2000 {
			msg = "..." + msg[len(msg)-2000:]
		}
		return "", fmt.Errorf("%s: %v %s", strings.Join(cmd.Args, " "), err, msg)
	}
	return strings.TrimSpace(string(out)), nil
}

func isExec(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}
