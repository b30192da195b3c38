// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package debug_test

import (
	"bytes"
	"fmt"
	"internal/testenv"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Tests of crash report files, GOCRASHOUTPUT=/dir/pattern: one new file
// per crash, mode 0600, never an existing one, a header naming the build
// and the process, then the report as standard error has it.

// runPatternCrash runs the helper in mode with GOCRASHOUTPUT=pattern and
// env, and returns its result and its process ID.
func runPatternCrash(t *testing.T, mode, pattern, dir string, env ...string) (helperResult, int) {
	t.Helper()
	cmd := startHelperCommand(t, mode, pattern, dir, env...)
	res := runCommand(t, cmd, helperTimeout)
	return res, cmd.Process.Pid
}

// crashFiles returns the names in dir.
func crashFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name())
	}
	return names
}

// splitCrashFile returns the header lines of the crash report file name in
// dir, as key and value, and the report after it. It checks the header's
// form: lines "go-crash: key: value", then an empty line.
func splitCrashFile(t *testing.T, dir, name string) (map[string]string, []byte) {
	t.Helper()
	b := readCrashFile(t, dir, name)
	header, report, ok := bytes.Cut(b, []byte("\n\n"))
	if !ok {
		t.Fatalf("%s has no header ending in an empty line:\n%s", name, tail(b))
	}
	fields := map[string]string{}
	for _, line := range strings.Split(string(header), "\n") {
		kv, ok := strings.CutPrefix(line, "go-crash: ")
		k, v, ok2 := strings.Cut(kv, ": ")
		if !ok || !ok2 {
			t.Fatalf("%s: header line %q is not go-crash: key: value", name, line)
		}
		fields[k] = v
	}
	return fields, report
}

// checkPatternFile checks the one crash report file in dir: its mode is
// 0600, it is a regular file, its report is report, and its header names
// pid and the helper executable. It returns its name.
func checkPatternFile(t *testing.T, dir string, pid int, report []byte) string {
	t.Helper()
	names := crashFiles(t, dir)
	if len(names) != 1 {
		t.Fatalf("files in the pattern's directory: %q, want one", names)
	}
	checkPatternMode(t, filepath.Join(dir, names[0]))
	fields, got := splitCrashFile(t, dir, names[0])
	checkCopy(t, names[0], got, report)
	exe, _ := os.Executable()
	if fields["pid"] != strconv.Itoa(pid) || fields["executable"] != exe {
		t.Errorf("header pid %q, executable %q; want %d, %q", fields["pid"], fields["executable"], pid, exe)
	}
	return names[0]
}

func checkPatternMode(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode() != 0o600 {
		t.Errorf("%s: mode %v, want -rw-------", path, fi.Mode())
	}
}

// Each crash gets its own file, named by the pattern; %e is the
// executable's base name, %p the process ID, %t the time in seconds, %h
// the host name, %% a percent sign.
func TestCrashOutputPattern(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	for _, kind := range []string{"panic", "fatal", "nilderef"} {
		t.Run(kind, func(t *testing.T) {
			dir := absTempDir(t)
			before := time.Now().Unix()
			res, pid := runPatternCrash(t, "crash", dir+"/%e-%p-%t-%h%%.crash", dir, helperKindEnv+"="+kind)
			after := time.Now().Unix()
			name := checkPatternFile(t, dir, pid, crashReport(t, res, kind, 2))
			exe, _ := os.Executable()
			host, _ := os.Hostname()
			m := regexp.MustCompile(`^(.*?)-([0-9]+)-([0-9]+)-(.*)%\.crash$`).FindStringSubmatch(name)
			if m == nil || m[1] != filepath.Base(exe) || m[2] != strconv.Itoa(pid) || m[4] != host {
				t.Fatalf("file name %q, want %s-%d-<time>-%s%%.crash", name, filepath.Base(exe), pid, host)
			}
			if sec, _ := strconv.ParseInt(m[3], 10, 64); sec < before || sec > after {
				t.Errorf("%%t is %d, want between %d and %d", sec, before, after)
			}
		})
	}
}

// A run that does not crash leaves nothing; two crashes leave two files.
func TestCrashOutputPatternOnlyCrashes(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	dir := absTempDir(t)
	res := runCommand(t, startHelperCommand(t, "clean", dir+"/%p.crash", dir), helperTimeout)
	if res.code != 0 || len(res.stderr) != 0 {
		t.Fatalf("clean run: exit status %d, stderr %q", res.code, res.stderr)
	}
	if names := crashFiles(t, dir); len(names) != 0 {
		t.Fatalf("a run without a crash left %q", names)
	}
	var pids []int
	for i := 0; i < 2; i++ {
		res, pid := runPatternCrash(t, "crash", dir+"/%p.crash", dir)
		crashReport(t, res, "panic", 2)
		pids = append(pids, pid)
	}
	names := crashFiles(t, dir)
	if len(names) != 2 || names[0] == names[1] {
		t.Fatalf("two crashes left %q, want two files", names)
	}
	for _, pid := range pids {
		if _, err := os.Stat(filepath.Join(dir, fmt.Sprint(pid)+".crash")); err != nil {
			t.Error(err)
		}
	}
}

// The file is 0600 whatever the umask.
func TestCrashOutputPatternMode(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	for _, umask := range []int{0, 0o777} {
		t.Run(fmt.Sprintf("umask%03o", umask), func(t *testing.T) {
			dir := absTempDir(t)
			old := syscall.Umask(umask)
			cmd := startHelperCommand(t, "crash", dir+"/crash-%p", dir)
			err := cmd.Start()
			syscall.Umask(old)
			if err != nil {
				t.Fatal(err)
			}
			cmd.Wait()
			names := crashFiles(t, dir)
			if len(names) != 1 {
				t.Fatalf("files %q, want one", names)
			}
			checkPatternMode(t, filepath.Join(dir, names[0]))
		})
	}
}

// A crash never writes into or through a file that was there: a name
// taken by a file, a symbolic link or a directory gets a suffix.
func TestCrashOutputPatternTakenName(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	dir := absTempDir(t)
	other := absTempDir(t)
	const earlier = "earlier content\n"
	name := filepath.Join(dir, "cr%ash") // what the pattern cr%%ash names
	target := filepath.Join(other, "target")
	for _, path := range []string{name, target} {
		if err := os.WriteFile(path, []byte(earlier), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(target, name+".1"); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(other, "missing"), name+".2"); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(name+".3", 0o777); err != nil {
		t.Fatal(err)
	}
	res, _ := runPatternCrash(t, "crash", dir+"/cr%%ash", dir)
	report := crashReport(t, res, "panic", 2)
	for _, path := range []string{name, target} {
		if b, _ := os.ReadFile(path); string(b) != earlier {
			t.Errorf("%s now holds %q, want %q", path, b, earlier)
		}
	}
	if _, err := os.Lstat(filepath.Join(other, "missing")); err == nil {
		t.Errorf("the crash created the target of a dangling symbolic link")
	}
	checkPatternMode(t, name+".4")
	_, got := splitCrashFile(t, dir, "cr%ash.4")
	checkCopy(t, "cr%ash.4", got, report)
}

// When the file cannot be created, standard error says why in one line
// and still has the whole report.
func TestCrashOutputPatternNotCreated(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	dir := absTempDir(t)
	for i := 0; i < 100; i++ {
		name := "crash-%" // what the pattern crash-%% names
		if i > 0 {
			name += "." + strconv.Itoa(i)
		}
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o666); err != nil {
			t.Fatal(err)
		}
	}
	res, _ := runPatternCrash(t, "crash", dir+"/crash-%%", dir)
	const line = "runtime: no crash report file for GOCRASHOUTPUT: the file name and its suffixes .1 to .99 are all taken\n"
	i := bytes.Index(res.stderr, []byte(line))
	if i < 0 {
		t.Fatalf("standard error lacks %q:\n%s", line, tail(res.stderr))
	}
	res.stderr = append(res.stderr[:i:i], res.stderr[i+len(line):]...)
	crashReport(t, res, "panic", 2)
	if names := crashFiles(t, dir); len(names) != 100 {
		t.Errorf("%d files in the directory, want the 100 there were", len(names))
	}
}

// GODEBUG=crashoutputmax caps the report in a pattern file; the header
// does not count.
func TestCrashOutputPatternMax(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	dir := absTempDir(t)
	res, _ := runPatternCrash(t, "crash", dir+"/%p", dir, "GODEBUG=crashoutputmax=300")
	report := crashReport(t, res, "panic", 2)
	names := crashFiles(t, dir)
	if len(names) != 1 {
		t.Fatalf("files %q, want one", names)
	}
	_, got := splitCrashFile(t, dir, names[0])
	i := bytes.LastIndex(got[:len(got)-1], []byte("\n")) + 1
	kept, note := got[:i], got[i:]
	if len(kept) > 300 || !bytes.HasPrefix(report, kept) || !bytes.HasPrefix(note, []byte("runtime: crash output truncated")) {
		t.Errorf("crash report file holds %q: want at most 300 bytes of whole lines of the report, then the note", got)
	}
}

// Patterns that cannot be used are refused at start, each with its
// reason, and the program runs without a crash output.
func TestCrashOutputPatternRefused(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	dir := absTempDir(t)
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ pattern, why string }{
		{"%e-%p.crash", "want an absolute path or fd=N,ppid=P"},
		{dir + "/%e-%x.crash", "unknown % specifier (want %p, %t, %e, %h or %%)"},
		{dir + "/crash-%", "the pattern ends with a lone %"},
		{dir + "/%p/crash", "% specifiers are allowed in the file name only, not in its directory"},
		{dir + "/missing/%p.crash", "no such directory"},
		{file + "/%p.crash", "a component of the path is not a directory"},
	}
	for _, tt := range tests {
		res := runCommand(t, startHelperCommand(t, "clean", tt.pattern, dir), helperTimeout)
		checkIgnoringReason(t, res.stderr, tt.pattern, tt.why)
		if res.code != 0 {
			t.Errorf("%s: exit status %d, want 0", tt.pattern, res.code)
		}
	}
	if names := crashFiles(t, dir); len(names) != 1 {
		t.Errorf("files %q, want only %q", names, "file")
	}
}

// The header names the build: the Go version, the platform, the main
// module and its version control facts, and the process.
func TestCrashOutputPatternHeader(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	testenv.MustHaveGoBuild(t)
	testenv.MustHaveExecPath(t, "git")
	src := t.TempDir()
	files := map[string]string{
		"go.mod":  "module example.com/crashy\n\ngo 1.22\n",
		"main.go": "package main\n\nfunc main() { panic(\"crashy\") }\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	git := func(args ...string) string {
		cmd := exec.Command("git", args...)
		cmd.Dir = src
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "crashy")
	revision := git("rev-parse", "HEAD")
	exe := filepath.Join(t.TempDir(), "crashy")
	build := testenv.Command(t, testenv.GoToolPath(t), "build", "-buildvcs=true", "-o", exe)
	build.Dir = src
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	crashes := absTempDir(t)
	cmd := testenv.Command(t, exe)
	cmd.Env = append(os.Environ(), crashOutputEnv+"="+crashes+"/%e-%p.crash")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	before := time.Now().UTC().Truncate(time.Second)
	cmd.Run()
	after := time.Now().UTC()
	name := fmt.Sprintf("crashy-%d.crash", cmd.Process.Pid)
	checkPatternMode(t, filepath.Join(crashes, name))
	fields, report := splitCrashFile(t, crashes, name)
	checkCopy(t, name, report, stderr.Bytes())
	want := map[string]string{
		"version":      runtime.Version(),
		"platform":     runtime.GOOS + "/" + runtime.GOARCH,
		"module":       "example.com/crashy (devel)",
		"vcs.revision": revision,
		"vcs.modified": "false",
		"executable":   exe,
		"pid":          strconv.Itoa(cmd.Process.Pid),
		"ppid":         strconv.Itoa(os.Getpid()),
	}
	for k, v := range want {
		if fields[k] != v {
			t.Errorf("header %s: %q, want %q", k, fields[k], v)
		}
	}
	if _, err := time.Parse(time.RFC3339, fields["vcs.time"]); err != nil {
		t.Errorf("header vcs.time: %v", err)
	}
	if tm, err := time.Parse(time.RFC3339, fields["time"]); err != nil || tm.Before(before) || tm.After(after) || !strings.HasSuffix(fields["time"], "Z") {
		t.Errorf("header time %q, want the UTC time between %v and %v", fields["time"], before, after)
	}
	t.Logf("header of %s:\n%s", name, bytes.SplitN(readCrashFile(t, crashes, name), []byte("\n\n"), 2)[0])
}

// SetCrashOutput replaces a pattern: the crash goes to the new file, or
// with SetCrashOutput(nil) nowhere, and the pattern's directory stays empty.
func TestCrashOutputPatternReplaced(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	for _, mode := range []string{"set-file", "set-nil"} {
		t.Run(mode, func(t *testing.T) {
			dir, crashes := absTempDir(t), absTempDir(t)
			res := runCommand(t, startHelperCommand(t, mode, crashes+"/%p.crash", dir), helperTimeout)
			report := crashReport(t, res, "panic", 2)
			if mode == "set-file" {
				checkCopy(t, "SetCrashOutput file", readCrashFile(t, dir, "crash"), report)
			}
			if names := crashFiles(t, crashes); len(names) != 0 {
				t.Errorf("files in the pattern's directory: %q, want none", names)
			}
		})
	}
}
