// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package debug_test

import (
	"bytes"
	"errors"
	"fmt"
	"internal/testenv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"
)

// Tests of GOCRASHOUTPUT, the crash output set from process start.
//
// They run this test binary again as a helper process, like the tests in
// crashout_test.go, but through their own entry point,
// TestCrashOutputStartHelperProcess, whose modes are in startHelperModes.
// The crashes themselves are helperCrash's, so crashReport and checkCopy
// apply. A panic in package init and a throw during runtime start-up need a
// program of their own, which TestCrashOutputEnvStartup builds.

const (
	crashOutputEnv = "GOCRASHOUTPUT"
	startModeEnv   = "GO_CRASHOUT_START_MODE" // the helper's mode; unset in the test process

	// For mode "supervised-clean": the numbers of the inherited descriptors
	// or handles of the crash output, the go-ahead pipe and the alive pipe.
	startOutputEnv  = "GO_CRASHOUT_START_OUTPUT"
	startGoAheadEnv = "GO_CRASHOUT_START_GO_AHEAD"
	startAliveEnv   = "GO_CRASHOUT_START_ALIVE"
)

// startHelperRan is what the helper prints on standard output when it ran
// normally to the end, without crashing.
const startHelperRan = "crashout start helper: ran normally\n"

// startHelperModes maps each mode of TestCrashOutputStartHelperProcess to
// what the helper does in it. Every mode crashes or calls os.Exit; dir is
// the helper's directory for files (helperDirEnv).
var startHelperModes = map[string]func(dir string){
	// Crash without ever calling SetCrashOutput.
	"crash": func(dir string) {
		checkCrashOutputEnvDropped()
		startHelperCrash()
	},

	// Run normally: print startHelperRan and exit 0.
	"clean": func(dir string) {
		checkCrashOutputEnvDropped()
		fmt.Print(startHelperRan)
		os.Exit(0)
	},

	// Replace the crash output with the file "crash" in dir, then crash.
	"set-file": func(dir string) {
		f := helperCreate(dir, "crash")
		helperSet(f)
		f.Close()
		startHelperCrash()
	},

	// Turn the crash output off, then crash.
	"set-nil": func(dir string) {
		helperSet(nil)
		startHelperCrash()
	},

	// Start a child process, the helper in mode "child-crash", which
	// crashes with its standard error in the file "child-stderr" in dir.
	// Wait for it, then exit 0.
	"child": func(dir string) {
		checkCrashOutputEnvDropped()
		if runtime.GOOS == "linux" && !procEnvironHas(crashOutputEnv) {
			helperFail("%s is not in /proc/self/environ: the test did not set it", crashOutputEnv)
		}
		stderr := helperCreate(dir, "child-stderr")
		child := startHelperChild("child-crash")
		child.Stdout = os.Stdout
		child.Stderr = stderr
		err := child.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 2 {
			helperFail("child process: %v, want exit status 2", err)
		}
		fmt.Print(startHelperRan)
		os.Exit(0)
	},

	// The child of mode "child": it must not see GOCRASHOUTPUT at all,
	// not even in the environment it was started with.
	"child-crash": func(dir string) {
		checkCrashOutputEnvDropped()
		if runtime.GOOS == "linux" && procEnvironHas(crashOutputEnv) {
			helperFail("%s is in the child's /proc/self/environ: the parent passed it on", crashOutputEnv)
		}
		startHelperCrash()
	},

	// The crash output was inherited (startOutputEnv), and so were two
	// pipes from the test (startGoAheadEnv, startAliveEnv). Check that the
	// crash output is not inheritable, start a grandchild, the helper in
	// mode "wait-stdin", that reads the go-ahead pipe to EOF with the alive
	// pipe as its standard output, and exit 0 without waiting for it: the
	// grandchild outlives this process.
	"supervised-clean": func(dir string) {
		checkCrashOutputEnvDropped()
		checkNotInheritable(os.Getenv(startOutputEnv))
		gc := startHelperChild("wait-stdin")
		gc.Stdin = inheritedFile(os.Getenv(startGoAheadEnv), "go-ahead")
		gc.Stdout = inheritedFile(os.Getenv(startAliveEnv), "alive")
		if err := gc.Start(); err != nil {
			helperFail("starting the grandchild: %v", err)
		}
		fmt.Print(startHelperRan)
		os.Exit(0)
	},

	// Print the effective user ID and capabilities, which tell whether the
	// program runs with privileges, then crash.
	"privileges-crash": func(dir string) {
		checkCrashOutputEnvDropped()
		fmt.Printf("euid=%d %s\n", os.Geteuid(), effectiveCapabilities())
		startHelperCrash()
	},

	"wait-stdin": func(dir string) {
		io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	},
}

// TestCrashOutputStartHelperProcess is not a test: it is the helper process
// of the GOCRASHOUTPUT tests, and it does nothing unless startModeEnv is set.
func TestCrashOutputStartHelperProcess(t *testing.T) {
	mode := os.Getenv(startModeEnv)
	if mode == "" {
		return
	}
	run, ok := startHelperModes[mode]
	if !ok {
		helperFail("unknown mode %q", mode)
	}
	run(os.Getenv(helperDirEnv))
	helperFail("mode %q returned", mode)
}

// startHelperCrash crashes as helperKindEnv and helperParkedEnv say (by
// default a panic listing 2 parked goroutines).
func startHelperCrash() {
	kind := os.Getenv(helperKindEnv)
	if kind == "" {
		kind = "panic"
	}
	parked := 2
	if s := os.Getenv(helperParkedEnv); s != "" {
		parked, _ = strconv.Atoi(s)
	}
	helperCrash(kind, parked)
}

// startHelperChild returns a command that runs the helper, from within the
// helper, in the given mode, with the helper's environment as package os
// sees it.
func startHelperChild(mode string) *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		helperFail("%v", err)
	}
	cmd := exec.Command(exe, "-test.run=^TestCrashOutputStartHelperProcess$")
	cmd.Env = append(os.Environ(), startModeEnv+"="+mode)
	return cmd
}

// checkCrashOutputEnvDropped checks, in the helper, that the runtime removed
// GOCRASHOUTPUT from the environment the program sees, whatever it was set
// to: the program's children inherit that environment.
func checkCrashOutputEnvDropped() {
	if v, ok := os.LookupEnv(crashOutputEnv); ok {
		helperFail("os.LookupEnv(%q) = %q, true; want it removed", crashOutputEnv, v)
	}
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, crashOutputEnv+"=") {
			helperFail("os.Environ() has %q; want it removed", kv)
		}
	}
}

// inheritedFile returns the file of the inherited descriptor or handle
// whose number is n.
func inheritedFile(n, name string) *os.File {
	v, err := strconv.ParseUint(n, 10, 64)
	if err != nil {
		helperFail("inherited %s: %v", name, err)
	}
	return os.NewFile(uintptr(v), name)
}

// procEnvironHas reports whether the environment this process was started
// with, /proc/self/environ, sets the variable name.
func procEnvironHas(name string) bool {
	b, err := os.ReadFile("/proc/self/environ")
	if err != nil {
		helperFail("%v", err)
	}
	for _, kv := range bytes.Split(b, []byte{0}) {
		if bytes.HasPrefix(kv, []byte(name+"=")) {
			return true
		}
	}
	return false
}

// startHelperCommand returns a command running the helper in the given mode
// with GOCRASHOUTPUT set to setting (unset if empty), its files in dir,
// GOTRACEBACK=all, and env.
func startHelperCommand(t *testing.T, mode, setting, dir string, env ...string) *exec.Cmd {
	t.Helper()
	testenv.MustHaveExec(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := testenv.Command(t, exe, "-test.run=^TestCrashOutputStartHelperProcess$")
	cmd.Env = append(os.Environ(), startModeEnv+"="+mode, helperDirEnv+"="+dir, "GOTRACEBACK=all")
	if setting != "" {
		cmd.Env = append(cmd.Env, crashOutputEnv+"="+setting)
	}
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

// runCommand runs cmd to completion and returns what it printed and its
// exit status. It kills cmd if it runs for longer than timeout, a hang,
// so that a crash waiting forever fails the test rather than the run.
func runCommand(t *testing.T, cmd *exec.Cmd, timeout time.Duration) helperResult {
	t.Helper()
	res, hung := runCommandHung(t, cmd, timeout)
	if hung {
		t.Fatalf("%s: killed after %v: it hung\nstderr:\n%s", cmd, timeout, tail(res.stderr))
	}
	return res
}

// runCommandHung is runCommand for a command that may hang: it reports
// whether cmd was killed after timeout.
func runCommandHung(t *testing.T, cmd *exec.Cmd, timeout time.Duration) (res helperResult, hung bool) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var killed atomic.Bool
	watchdog := time.AfterFunc(timeout, func() {
		killed.Store(true)
		cmd.Process.Kill()
	})
	err := cmd.Wait()
	watchdog.Stop()
	res = helperResult{stdout: stdout.Bytes(), stderr: stderr.Bytes()}
	var ee *exec.ExitError
	switch {
	case killed.Load():
		return res, true
	case err == nil:
	case errors.As(err, &ee) && ee.Exited():
		res.code = ee.ExitCode()
	default:
		t.Fatalf("%s: %v\nstderr:\n%s", cmd, err, tail(res.stderr))
	}
	return res, false
}

// helperTimeout bounds a helper that should take well under a second.
const helperTimeout = 2 * time.Minute

// readAsync reads r to EOF in a goroutine and sends what it read.
func readAsync(r io.Reader) <-chan readResult {
	c := make(chan readResult, 1)
	go func() {
		b, err := io.ReadAll(r)
		c <- readResult{b, err}
	}()
	return c
}

type readResult struct {
	data []byte
	err  error
}

// mustHaveCrashOutputEnv skips on ports where the runtime ignores
// GOCRASHOUTPUT.
func mustHaveCrashOutputEnv(t *testing.T) {
	t.Helper()
	mustHaveCrashOutput(t)
}

// mustHaveCrashOutputInherited skips where neither inherited form of
// GOCRASHOUTPUT is supported: fd=N,ppid=P (Linux) and handle=H,ppid=P
// (Windows). passInherited, inheritedKey and checkNotInheritable are the
// per-system parts of those tests.
func mustHaveCrashOutputInherited(t *testing.T) {
	t.Helper()
	if runtime.GOOS != "linux" && runtime.GOOS != "windows" {
		t.Skipf("GOCRASHOUTPUT=fd=N,ppid=P is supported on Linux only, and handle=H,ppid=P on Windows, not %s", runtime.GOOS)
	}
}

// absTempDir is t.TempDir made absolute: the path form of GOCRASHOUTPUT
// must be absolute.
func absTempDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// runOnCrashPipe runs the helper in mode with the write end of a pipe as
// an inherited descriptor or handle N and GOCRASHOUTPUT=fd=N,ppid=<this
// process> (handle=N on Windows), and returns its result and what the read
// end gets up to EOF.
func runOnCrashPipe(t *testing.T, mode, dir string) (helperResult, <-chan readResult) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	cmd := startHelperCommand(t, mode, "", dir)
	cmd.Env = append(cmd.Env, crashOutputEnv+"="+inheritedSetting(passInherited(t, cmd, w)))
	got := readAsync(r)
	res := runCommand(t, cmd, helperTimeout)
	w.Close()
	return res, got
}

// inheritedSetting is the setting that passes the descriptor or handle
// numbered n to a child of this process.
func inheritedSetting(n string) string {
	return fmt.Sprintf("%s=%s,ppid=%d", inheritedKey, n, os.Getpid())
}

// A program that never calls SetCrashOutput: every kind of crash lands in
// the GOCRASHOUTPUT file, byte for byte what standard error gets.
func TestCrashOutputEnvNoSetCrashOutput(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	for _, kind := range []string{"panic", "fatal", "nilderef"} {
		t.Run(kind, func(t *testing.T) {
			dir := absTempDir(t)
			crash := filepath.Join(dir, "crash")
			res := runCommand(t, startHelperCommand(t, "crash", crash, dir, helperKindEnv+"="+kind), helperTimeout)
			report := crashReport(t, res, kind, 2)
			checkCopy(t, "GOCRASHOUTPUT file", readCrashFile(t, dir, "crash"), report)
		})
	}
}

// The runtime appends to the GOCRASHOUTPUT file: what it held survives, and
// two crashes leave two reports, in order.
func TestCrashOutputEnvAppend(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	dir := absTempDir(t)
	crash := filepath.Join(dir, "crash")
	const earlier = "earlier content of the crash file\n"
	if err := os.WriteFile(crash, []byte(earlier), 0o666); err != nil {
		t.Fatal(err)
	}
	want := []byte(earlier)
	for i := 0; i < 2; i++ {
		res := runCommand(t, startHelperCommand(t, "crash", crash, dir), helperTimeout)
		want = append(want, crashReport(t, res, "panic", 2)...)
	}
	checkCopy(t, "GOCRASHOUTPUT file after two crashes", readCrashFile(t, dir, "crash"), want)
}

// startupProg is a program that panics in package init when
// GO_CRASHOUT_INIT_PANIC is set, and otherwise prints startupProgRan.
const startupProg = `package main

import "os"

var initialized = initialize()

func initialize() bool {
	if os.Getenv("GO_CRASHOUT_INIT_PANIC") != "" {
		panic("crashout test: panic in package init")
	}
	return true
}

func main() {
	println("main ran", initialized)
}
`

// startupThrow is the first line of the report of the throw that an
// address-space limit of startupThrowLimitKiB provokes in mallocinit on
// 64-bit Linux: the runtime reserves (PROT_NONE) several hundred MiB of
// address space for the page allocator's summaries, more than the limit,
// while the program's own mappings fit well within it.
const (
	startupThrow         = "fatal error: failed to reserve page summary memory\n"
	startupThrowLimitKiB = 100 << 10
)

// Crashes before main.main can call anything are captured from process
// start: a panic in package init, and a throw inside schedinit, during the
// runtime's own initialization, after GOCRASHOUTPUT is read but before the
// heap exists. Both need a program of their own: the test binary cannot be
// made to crash there on demand.
func TestCrashOutputEnvStartup(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	testenv.MustHaveGoBuild(t)
	src := t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "main.go"), []byte(startupProg), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "go.mod"), []byte("module crashoutstartup\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	prog := filepath.Join(src, "prog.exe")
	build := testenv.Command(t, testenv.GoToolPath(t), "build", "-o", prog, ".")
	build.Dir = src
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", build, err, out)
	}

	// progCommand runs prog, or a shell command running it, with the
	// crash file of a fresh directory as GOCRASHOUTPUT.
	progCommand := func(t *testing.T, args ...string) (*exec.Cmd, string) {
		dir := absTempDir(t)
		cmd := testenv.Command(t, args[0], args[1:]...)
		cmd.Env = append(os.Environ(), "GOTRACEBACK=all", crashOutputEnv+"="+filepath.Join(dir, "crash"))
		return cmd, dir
	}

	t.Run("init-panic", func(t *testing.T) {
		cmd, dir := progCommand(t, prog)
		cmd.Env = append(cmd.Env, "GO_CRASHOUT_INIT_PANIC=1")
		res := runCommand(t, cmd, helperTimeout)
		checkStartupReport(t, res, "panic: crashout test: panic in package init\n", "main.init()")
		checkCopy(t, "GOCRASHOUTPUT file", readCrashFile(t, dir, "crash"), res.stderr)
	})

	t.Run("runtime-init-throw", func(t *testing.T) {
		if runtime.GOOS != "linux" || unsafe.Sizeof(uintptr(0)) != 8 {
			t.Skipf("the throw provoked by an address-space limit is known on 64-bit Linux only, not %s/%s", runtime.GOOS, runtime.GOARCH)
		}
		sh, err := exec.LookPath("sh")
		if err != nil {
			t.Skipf("no shell to set the limit: %v", err)
		}
		cmd, dir := progCommand(t, sh, "-c", `ulimit -v "$1" && exec "$2"`, "sh", strconv.Itoa(startupThrowLimitKiB), prog)
		res := runCommand(t, cmd, helperTimeout)
		checkStartupReport(t, res, startupThrow, "runtime.mallocinit()")
		if !bytes.Contains(res.stderr, []byte("runtime.schedinit()")) {
			t.Fatalf("throw not in schedinit: the runtime was not initializing\n%s", tail(res.stderr))
		}
		checkCopy(t, "GOCRASHOUTPUT file", readCrashFile(t, dir, "crash"), res.stderr)
	})
}

// checkStartupReport checks that the startup program crashed the usual way
// (exit status 2), that nothing but the crash report, starting with first
// and naming the function frame, reached its standard error, and that main
// did not run.
func checkStartupReport(t *testing.T, res helperResult, first, frame string) {
	t.Helper()
	if res.code != 2 {
		t.Fatalf("exit status %d, want 2\nstderr:\n%s", res.code, tail(res.stderr))
	}
	if !bytes.HasPrefix(res.stderr, []byte(first)) {
		t.Fatalf("stderr does not start with %q:\n%s", first, tail(res.stderr))
	}
	if !bytes.Contains(res.stderr, []byte("\n"+frame+"\n")) {
		t.Fatalf("crash report has no %s frame:\n%s", frame, tail(res.stderr))
	}
	if len(res.stdout) != 0 {
		t.Fatalf("stdout %q, want nothing", res.stdout)
	}
}

// A child process started by the program inherits neither GOCRASHOUTPUT nor
// the crash output: its crash does not land in the parent's destination,
// and GOCRASHOUTPUT is in neither process's os.Environ (the helper checks
// that, and /proc/self/environ on Linux).
func TestCrashOutputEnvChild(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	// checkChild checks the helper's run in mode "child".
	checkChild := func(t *testing.T, res helperResult, dir string) {
		t.Helper()
		if res.code != 0 || string(res.stdout) != startHelperRan || len(res.stderr) != 0 {
			t.Fatalf("helper: exit status %d, stdout %q, stderr %q; want 0, %q and nothing", res.code, res.stdout, res.stderr, startHelperRan)
		}
		// The child did crash.
		crashReport(t, helperResult{stderr: readCrashFile(t, dir, "child-stderr"), code: 2}, "panic", 2)
	}

	t.Run("path", func(t *testing.T) {
		dir := absTempDir(t)
		res := runCommand(t, startHelperCommand(t, "child", filepath.Join(dir, "crash"), dir), helperTimeout)
		checkChild(t, res, dir)
		checkEmpty(t, dir, "crash")
	})

	t.Run("inherited", func(t *testing.T) {
		mustHaveCrashOutputInherited(t)
		dir := absTempDir(t)
		res, got := runOnCrashPipe(t, "child", dir)
		checkChild(t, res, dir)
		select {
		case c := <-got:
			if c.err != nil || len(c.data) != 0 {
				t.Errorf("crash output pipe: %d bytes, %v; want EOF and nothing:\n%s", len(c.data), c.err, tail(c.data))
			}
		case <-time.After(10 * time.Second):
			t.Errorf("no EOF on the crash output pipe 10s after the helper and its child exited")
		}
	})
}

// The supervisor pattern: a Go program passes the write end of a pipe as
// descriptor 3 (exec.Cmd.ExtraFiles) with GOCRASHOUTPUT=fd=3,ppid=<its pid>
// and reads the other end; on Windows, as an inherited handle H
// (SysProcAttr.AdditionalInheritedHandles) with handle=H,ppid=<its pid>.
// It gets the crash report, and EOF when the program exits, even while a
// grandchild the program started still runs: the runtime made the
// descriptor close-on-exec (the handle non-inheritable; the helper checks
// that directly on Windows, whose os/exec never passes a handle it is not
// asked to).
func TestCrashOutputEnvSupervisor(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	mustHaveCrashOutputInherited(t)

	t.Run("crash", func(t *testing.T) {
		dir := absTempDir(t)
		res, got := runOnCrashPipe(t, "crash", dir)
		report := crashReport(t, res, "panic", 2)
		c := <-got
		if c.err != nil {
			t.Fatal(c.err)
		}
		checkCopy(t, "crash output pipe", c.data, report)
	})

	t.Run("clean-exit", func(t *testing.T) {
		dir := absTempDir(t)
		var pipes [3][2]*os.File // crash output, go-ahead, alive: read and write ends
		for i := range pipes {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			defer w.Close()
			pipes[i] = [2]*os.File{r, w}
		}
		crashR, crashW := pipes[0][0], pipes[0][1]
		goR, goW := pipes[1][0], pipes[1][1]
		aliveR, aliveW := pipes[2][0], pipes[2][1]

		cmd := startHelperCommand(t, "supervised-clean", "", dir)
		n := passInherited(t, cmd, crashW)
		cmd.Env = append(cmd.Env, crashOutputEnv+"="+inheritedSetting(n), startOutputEnv+"="+n,
			startGoAheadEnv+"="+passInherited(t, cmd, goR), startAliveEnv+"="+passInherited(t, cmd, aliveW))
		res := runCommand(t, cmd, helperTimeout)
		crashW.Close()
		goR.Close()
		aliveW.Close()
		// Let the grandchild go whatever happens, so that it exits.
		defer goW.Close()
		if res.code != 0 || string(res.stdout) != startHelperRan || len(res.stderr) != 0 {
			t.Fatalf("helper: exit status %d, stdout %q, stderr %q; want 0, %q and nothing", res.code, res.stdout, res.stderr, startHelperRan)
		}

		got := readAsync(crashR)
		alive := readAsync(aliveR) // EOF once the grandchild exits
		select {
		case c := <-got:
			if c.err != nil || len(c.data) != 0 {
				t.Errorf("crash output pipe: %d bytes, %v; want EOF and nothing", len(c.data), c.err)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("no EOF on the crash output pipe 10s after the program exited: the grandchild holds descriptor or handle %s, which the runtime did not make close-on-exec or non-inheritable", n)
		}
		select {
		case <-alive:
			t.Fatalf("the grandchild exited before the test let it: the EOF proves nothing")
		default:
		}
		goW.Close()
		select {
		case <-alive:
		case <-time.After(10 * time.Second):
			t.Errorf("the grandchild did not exit 10s after its standard input was closed")
		}
	})
}

// A GOCRASHOUTPUT setting that cannot be used is reported in one line on
// standard error and otherwise ignored: the program runs normally, exit
// status 0, and the variable is still removed from its environment.
func TestCrashOutputEnvBadSettings(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	// Whatever the test process's parent is, it is not the helper's.
	otherPID := os.Getppid()
	if otherPID <= 0 {
		otherPID = os.Getpid() + 4 // also not the helper's parent
	}
	otherKey := map[string]string{"fd": "handle", "handle": "fd"}[inheritedKey]
	const (
		passNone   = iota
		passOpen   // a fresh file "passed" in the test's directory is {n}
		passClosed // {n} is open in no process
	)
	tests := []struct {
		name string
		// {dir}: the test's directory; {key}: fd, or handle on Windows;
		// {otherkey}: the other one; {n}: the descriptor or handle
		// passed; {pid}: this process's ID; {other}: another process's.
		setting string
		pass    int // passNone for the path form
	}{
		{name: "unopenable-path", setting: "{dir}/missing/crash"},
		{name: "directory", setting: "{dir}"},
		{name: "relative-path", setting: "crash"},
		{name: "garbage", setting: "crash output please"},
		{name: "closed", setting: "{key}={n},ppid={pid}", pass: passClosed},
		{name: "other-ppid", setting: "{key}={n},ppid={other}", pass: passOpen},
		{name: "no-ppid", setting: "{key}={n}", pass: passOpen},
		{name: "empty-ppid", setting: "{key}={n},ppid=", pass: passOpen},
		{name: "zero-ppid", setting: "{key}={n},ppid=0", pass: passOpen},
		{name: "empty-n", setting: "{key}=,ppid={pid}", pass: passOpen},
		{name: "negative-n", setting: "{key}=-{n},ppid={pid}", pass: passOpen},
		{name: "non-numeric-n", setting: "{key}=three,ppid={pid}", pass: passOpen},
		{name: "wrong-separator", setting: "{key}={n};ppid={pid}", pass: passOpen},
		{name: "trailing-junk", setting: "{key}={n},ppid={pid},x", pass: passOpen},
		{name: "reversed", setting: "ppid={pid},{key}={n}", pass: passOpen},
		{name: "other-system-form", setting: "{otherkey}={n},ppid={pid}", pass: passOpen},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.pass != passNone {
				mustHaveCrashOutputInherited(t)
			}
			dir := absTempDir(t)
			cmd := startHelperCommand(t, "clean", "", dir)
			cmd.Dir = dir // where a relative path would be created
			n := ""
			switch tt.pass {
			case passOpen:
				n = passInherited(t, cmd, createPassed(t, dir))
			case passClosed:
				n = passClosedInherited(cmd)
			}
			setting := strings.NewReplacer("{dir}", dir, "{key}", inheritedKey, "{otherkey}", otherKey,
				"{n}", n, "{pid}", strconv.Itoa(os.Getpid()), "{other}", strconv.Itoa(otherPID)).Replace(tt.setting)
			cmd.Env = append(cmd.Env, crashOutputEnv+"="+setting)
			res := runCommand(t, cmd, helperTimeout)
			if res.code != 0 || string(res.stdout) != startHelperRan {
				t.Errorf("helper: exit status %d, stdout %q; want 0 and %q\nstderr:\n%s", res.code, res.stdout, startHelperRan, tail(res.stderr))
			}
			rest := checkIgnoringLine(t, res.stderr, setting)
			if len(rest) != 0 {
				t.Errorf("stderr after the ignoring line: %q, want nothing", rest)
			}
			if tt.name == "relative-path" {
				if _, err := os.Stat(filepath.Join(dir, "crash")); err == nil {
					t.Errorf("the runtime created %q relative to the working directory", setting)
				}
			}
			if tt.pass == passOpen {
				checkEmpty(t, dir, "passed")
			}
		})
	}

	// The descriptor or handle of a process whose parent is not the one
	// that set the variable (a grandchild given the parent's setting) must
	// not get a crash either.
	t.Run("other-ppid-crash", func(t *testing.T) {
		mustHaveCrashOutputInherited(t)
		dir := absTempDir(t)
		cmd := startHelperCommand(t, "crash", "", dir)
		setting := fmt.Sprintf("%s=%s,ppid=%d", inheritedKey, passInherited(t, cmd, createPassed(t, dir)), otherPID)
		cmd.Env = append(cmd.Env, crashOutputEnv+"="+setting)
		res := runCommand(t, cmd, helperTimeout)
		res.stderr = checkIgnoringLine(t, res.stderr, setting)
		crashReport(t, res, "panic", 2)
		checkEmpty(t, dir, "passed")
	})
}

// createPassed creates the file "passed" in dir, for a test to pass to the
// helper, and closes it when the test ends.
func createPassed(t *testing.T, dir string) *os.File {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "passed"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// checkIgnoringLine checks that stderr starts with the one line that
// reports an unusable GOCRASHOUTPUT setting, with a reason, and returns the
// rest of stderr.
func checkIgnoringLine(t *testing.T, stderr []byte, setting string) []byte {
	t.Helper()
	prefix := "runtime: ignoring " + crashOutputEnv + "=" + setting + ": "
	line, rest, ok := bytes.Cut(stderr, []byte("\n"))
	reason, hasPrefix := bytes.CutPrefix(line, []byte(prefix))
	if !ok || !hasPrefix || len(bytes.TrimSpace(reason)) == 0 {
		t.Fatalf("stderr does not start with the line %q<reason>:\n%s", prefix, tail(stderr))
	}
	if bytes.Contains(rest, []byte(crashOutputEnv)) {
		t.Errorf("%s reported more than once:\n%s", crashOutputEnv, tail(stderr))
	}
	t.Logf("%s", line)
	return rest
}

// SetCrashOutput after GOCRASHOUTPUT replaces it: the crash lands in the new
// file only, or, after SetCrashOutput(nil), nowhere.
func TestCrashOutputEnvReplace(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	t.Run("file", func(t *testing.T) {
		dir := absTempDir(t)
		res := runCommand(t, startHelperCommand(t, "set-file", filepath.Join(dir, "env-crash"), dir), helperTimeout)
		report := crashReport(t, res, "panic", 2)
		checkEmpty(t, dir, "env-crash")
		checkCopy(t, "SetCrashOutput file", readCrashFile(t, dir, "crash"), report)
	})
	t.Run("nil", func(t *testing.T) {
		dir := absTempDir(t)
		res := runCommand(t, startHelperCommand(t, "set-nil", filepath.Join(dir, "env-crash"), dir), helperTimeout)
		crashReport(t, res, "panic", 2)
		checkEmpty(t, dir, "env-crash")
	})
}

// effectiveCapabilities returns the CapEff line of /proc/self/status
// (Linux), or "CapEff: unknown".
func effectiveCapabilities() string {
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "CapEff:") {
			return strings.Join(strings.Fields(line), " ")
		}
	}
	return "CapEff: unknown"
}

// checkIgnoringReason checks that stderr is exactly the line ignoring
// GOCRASHOUTPUT=setting for the reason why.
func checkIgnoringReason(t *testing.T, stderr []byte, setting, why string) {
	t.Helper()
	if want := "runtime: ignoring " + crashOutputEnv + "=" + setting + ": " + why + "\n"; string(stderr) != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
}

// Where the pattern form is not implemented (every system but Linux), a
// GOCRASHOUTPUT path with a % in it is refused at start, with the reason.
func TestCrashOutputEnvPatternRefusedElsewhere(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	if runtime.GOOS == "linux" {
		t.Skip("Linux takes the pattern form (crashout_pattern_linux_test.go)")
	}
	dir := absTempDir(t)
	setting := filepath.Join(dir, "%e-%p.crash")
	res := runCommand(t, startHelperCommand(t, "clean", setting, dir), helperTimeout)
	checkIgnoringReason(t, res.stderr, setting, "the % pattern form is supported on Linux only: a path with a % in it is refused here")
	if res.code != 0 {
		t.Errorf("exit status %d, want 0", res.code)
	}
}
