// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package debug_test

import (
	"bytes"
	"internal/testenv"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Tests of GOCRASHOUTPUT that need Linux: secure mode (set-user-ID and
// file-capability programs), and the kinds of file the path form takes.

// secureModeLine is the line a program running with privileges its
// invoker lacks prints instead of acting on GOCRASHOUTPUT.
const secureModeLine = "runtime: ignoring GOCRASHOUTPUT: the program runs with privileges its invoker lacks (secure mode)\n"

// nobody is the user and group ID of the unprivileged invoker.
const nobody = "65534"

// A set-user-ID-root or file-capability program run by an unprivileged
// user ignores that user's GOCRASHOUTPUT: no file appears in a directory
// only root can write, however permissive the umask, and an inherited
// descriptor is not written; the crash report still reaches standard
// error. The same program without privileges honours the same setting.
func TestCrashOutputEnvSecureMode(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	if os.Geteuid() != 0 {
		t.Skip("needs root, to make a set-user-ID-root program and to run it as another user")
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("needs setpriv (util-linux) to run a program as an unprivileged user")
	}
	progDir := modeDir(t, 0o755) // where any user may run the helper
	rootOnly := modeDir(t, 0o700)
	open := modeDir(t, 0o777)

	// runAsNobody runs a copy of the helper, prepared by prepare, as nobody
	// with umask 000, in mode "privileges-crash", with GOCRASHOUTPUT set to
	// setting and extra as descriptors 3 and on. It returns the result and
	// the privileges the helper printed.
	runAsNobody := func(t *testing.T, prepare func(prog string), setting string, extra ...*os.File) (helperResult, string) {
		t.Helper()
		prog := filepath.Join(progDir, strings.ReplaceAll(t.Name(), "/", "-"))
		copyExecutable(t, prog)
		prepare(prog)
		cmd := testenv.Command(t, setpriv, "--reuid="+nobody, "--regid="+nobody, "--clear-groups", "--",
			"/bin/sh", "-c", `umask 000 && exec "$@"`, "sh", prog, "-test.run=^TestCrashOutputStartHelperProcess$")
		cmd.Env = append(os.Environ(), startModeEnv+"=privileges-crash", "GOTRACEBACK=all", crashOutputEnv+"="+setting)
		cmd.ExtraFiles = extra
		res := runCommand(t, cmd, helperTimeout)
		return res, strings.TrimSpace(string(res.stdout))
	}
	setuidRoot := func(prog string) {
		if err := os.Chown(prog, 0, 0); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(prog, 0o755|fs.ModeSetuid); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("unprivileged", func(t *testing.T) {
		res, privs := runAsNobody(t, func(string) {}, filepath.Join(open, "control"))
		if want := "euid=" + nobody + " CapEff: 0000000000000000"; privs != want {
			t.Fatalf("helper printed %q, want %q", privs, want)
		}
		checkCopy(t, "GOCRASHOUTPUT file", readCrashFile(t, open, "control"), crashReport(t, res, "panic", 2))
	})

	t.Run("setuid-path", func(t *testing.T) {
		crash := filepath.Join(rootOnly, "crash")
		res, privs := runAsNobody(t, setuidRoot, crash)
		mustRunPrivileged(t, privs, "euid=0 ")
		checkSecureCrash(t, res)
		checkAbsent(t, crash)
	})

	t.Run("setuid-pattern", func(t *testing.T) {
		res, privs := runAsNobody(t, setuidRoot, rootOnly+"/%e-%p.crash")
		mustRunPrivileged(t, privs, "euid=0 ")
		checkSecureCrash(t, res)
		if files, err := os.ReadDir(rootOnly); err != nil || len(files) != 0 {
			t.Errorf("files in the pattern's directory: %v, %v; want none", files, err)
		}
	})

	t.Run("setuid-fd", func(t *testing.T) {
		passed := createPassed(t, open)
		res, privs := runAsNobody(t, setuidRoot, inheritedSetting("3"), passed)
		mustRunPrivileged(t, privs, "euid=0 ")
		checkSecureCrash(t, res)
		checkEmpty(t, open, "passed")
	})

	t.Run("file-capability", func(t *testing.T) {
		setcap, err := exec.LookPath("setcap")
		if err != nil {
			t.Skip("needs setcap (libcap2-bin) to give the program a file capability")
		}
		crash := filepath.Join(open, "cap-crash")
		res, privs := runAsNobody(t, func(prog string) {
			if out, err := exec.Command(setcap, "cap_net_bind_service+ep", prog).CombinedOutput(); err != nil {
				t.Skipf("setcap cannot give the helper a capability here: %v\n%s", err, out)
			}
		}, crash)
		mustRunPrivileged(t, privs, "euid="+nobody+" CapEff: 0000000000000400")
		checkSecureCrash(t, res)
		checkAbsent(t, crash)
	})
}

// modeDir returns a new directory with the given mode, on a path any user
// can reach (t.TempDir's is root's alone).
func modeDir(t *testing.T, mode fs.FileMode) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "crashout-secure-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, mode); err != nil {
		t.Fatal(err)
	}
	return dir
}

// copyExecutable copies this test binary to path.
func copyExecutable(t *testing.T, path string) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}

// mustRunPrivileged skips unless the helper printed privileges starting
// with want: a file system mounted nosuid runs it without them.
func mustRunPrivileged(t *testing.T, privs, want string) {
	t.Helper()
	if !strings.HasPrefix(privs, want) {
		t.Skipf("the helper ran with %q, not %q...: is %s mounted nosuid?", privs, want, os.TempDir())
	}
}

// checkSecureCrash checks that the privileged helper said it ignored
// GOCRASHOUTPUT, without echoing it, and crashed with its report on stderr.
func checkSecureCrash(t *testing.T, res helperResult) {
	t.Helper()
	rest, ok := bytes.CutPrefix(res.stderr, []byte(secureModeLine))
	if !ok {
		t.Fatalf("stderr does not start with %q:\n%s", secureModeLine, tail(res.stderr))
	}
	if res.code != 2 || !bytes.Contains(rest, []byte(crashKinds["panic"])) {
		t.Fatalf("exit status %d, want 2 and the crash report on stderr:\n%s", res.code, tail(res.stderr))
	}
	if bytes.Contains(rest, []byte(crashOutputEnv)) {
		t.Errorf("%s reported more than once:\n%s", crashOutputEnv, tail(res.stderr))
	}
}

// checkAbsent checks that nothing created path.
func checkAbsent(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Lstat(path); err == nil {
		t.Errorf("%s exists: the runtime acted on the invoker's setting", path)
	}
}

// Start-up never waits for a FIFO's reader: a FIFO nobody reads is refused
// at once, and the program runs normally.
func TestCrashOutputEnvFIFONoReader(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	dir := absTempDir(t)
	fifo := makeFIFO(t, dir)
	res := runCommand(t, startHelperCommand(t, "clean", fifo, dir), helperTimeout)
	if res.code != 0 || string(res.stdout) != startHelperRan {
		t.Fatalf("helper: exit status %d, stdout %q; want 0 and %q\nstderr:\n%s", res.code, res.stdout, startHelperRan, tail(res.stderr))
	}
	checkIgnoringReason(t, res.stderr, fifo, "a FIFO with no reader")
}

// A FIFO with a reader, a named-pipe monitor, is a crash output like a
// pipe: it gets the whole report.
func TestCrashOutputEnvFIFOReader(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	dir := absTempDir(t)
	fifo := makeFIFO(t, dir)
	r := openFIFOReader(t, fifo)
	// Hold a write end until the helper has exited, so that the reader
	// sees EOF only once the helper's end is closed too.
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := readAsync(r)
	res := runCommand(t, startHelperCommand(t, "crash", fifo, dir), helperTimeout)
	w.Close()
	report := crashReport(t, res, "panic", 2)
	c := <-got
	if c.err != nil {
		t.Fatal(c.err)
	}
	checkCopy(t, "FIFO", c.data, report)
}

// A FIFO whose reader never reads stalls like a pipe: the crash goes on
// without it after the stall limit.
func TestCrashOutputEnvFIFOStall(t *testing.T) {
	mustHaveStallLimit(t)
	dir := absTempDir(t)
	fifo := makeFIFO(t, dir)
	r := openFIFOReader(t, fifo)
	cmd := stallCommand(t, "crash", nil, stallParked, "GODEBUG=crashoutputstall=1", crashOutputEnv+"="+fifo)
	res, took := runTimed(t, cmd, stallTimeout)
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	checkStalled(t, res, took, 1*time.Second, out)
}

// makeFIFO makes a FIFO in dir and returns its path.
func makeFIFO(t *testing.T, dir string) string {
	t.Helper()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	return fifo
}

// openFIFOReader opens the FIFO for reading, without waiting for a writer,
// until the test ends.
func openFIFOReader(t *testing.T, fifo string) *os.File {
	t.Helper()
	r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// A file the runtime creates is mode 0600 whatever the umask; an existing
// file keeps its mode.
func TestCrashOutputEnvFileMode(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	dir := absTempDir(t)
	existing := filepath.Join(dir, "existing")
	if err := os.WriteFile(existing, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(existing, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]fs.FileMode{"created": 0o600, "existing": 0o644} {
		path := filepath.Join(dir, name)
		old := syscall.Umask(0)
		res := runCommand(t, startHelperCommand(t, "crash", path, dir), helperTimeout)
		syscall.Umask(old)
		checkCopy(t, name, readCrashFile(t, dir, name), crashReport(t, res, "panic", 2))
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s crash file: mode %v, want %v", name, got, want)
		}
	}
}

// The path form takes a regular file, a FIFO or a character device, and
// gives every other path its own reason.
func TestCrashOutputEnvPathReasons(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	dir := absTempDir(t)
	sock := filepath.Join(dir, "sock")
	bindUnixSocket(t, sock)
	if err := os.WriteFile(filepath.Join(dir, "file"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ setting, why string }{
		{dir, "a directory"},
		{filepath.Join(dir, "missing", "crash"), "no such directory"},
		{filepath.Join(dir, "file", "crash"), "a component of the path is not a directory"},
		{sock, "a socket, not a file"},
		{"crash", "want an absolute path or fd=N,ppid=P"},
	}
	if dev := blockDevice(); dev != "" {
		tests = append(tests, struct{ setting, why string }{dev, "a block device"})
	} else {
		t.Log("no block device in /dev: that case is not checked")
	}
	for _, tt := range tests {
		cmd := startHelperCommand(t, "clean", tt.setting, dir)
		res := runCommand(t, cmd, helperTimeout)
		if res.code != 0 || string(res.stdout) != startHelperRan {
			t.Errorf("%s: exit status %d, stdout %q; want 0 and %q\nstderr:\n%s", tt.setting, res.code, res.stdout, startHelperRan, tail(res.stderr))
		}
		checkIgnoringReason(t, res.stderr, tt.setting, tt.why)
	}
	// A character device is a crash output.
	res := runCommand(t, startHelperCommand(t, "clean", "/dev/null", dir), helperTimeout)
	if res.code != 0 || len(res.stderr) != 0 {
		t.Errorf("GOCRASHOUTPUT=/dev/null: exit status %d, stderr %q; want 0 and nothing", res.code, res.stderr)
	}
}

// bindUnixSocket binds a Unix socket to path, without package net (which
// would make this package's tests need cgo on android).
func bindUnixSocket(t *testing.T, path string) {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrUnix{Name: path}); err != nil {
		t.Fatal(err)
	}
}

// blockDevice returns the path of a block device in /dev, or "".
func blockDevice() string {
	entries, _ := os.ReadDir("/dev")
	for _, e := range entries {
		if e.Type()&fs.ModeDevice != 0 && e.Type()&fs.ModeCharDevice == 0 {
			return filepath.Join("/dev", e.Name())
		}
	}
	return ""
}
