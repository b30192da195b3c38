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
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Most of these tests need a crash, so they run this test binary again as a
// helper process (TestCrashOutputHelperProcess) whose environment says what
// to do: which files to hand to SetCrashOutput and how to crash. The helper
// never returns to the testing package; it crashes or calls os.Exit, so its
// standard error holds only what the helper prints and the crash report.

const (
	helperModeEnv   = "GO_CRASHOUT_TEST_MODE"   // what the helper does; unset in the test process
	helperDirEnv    = "GO_CRASHOUT_TEST_DIR"    // where the helper creates its crash files
	helperKindEnv   = "GO_CRASHOUT_TEST_KIND"   // how the helper crashes: a key of crashKinds
	helperParkedEnv = "GO_CRASHOUT_TEST_PARKED" // how many idle goroutines the crash report lists
)

// helperPrefix is what the helper writes to standard error before it
// crashes, after SetCrashOutput: once through package os and once with the
// runtime's println. Neither is crash output, so neither may reach the file.
const helperPrefix = "crashout helper: stderr before the crash\n" +
	"crashout helper: println before the crash\n"

// crashKinds maps each way the helper can crash to the line its crash
// report starts with.
var crashKinds = map[string]string{
	"panic":         "panic: crashout test panic\n",
	"fatal":         "fatal error: sync: unlock of unlocked mutex\n",
	"nilderef":      "panic: runtime error: invalid memory address or nil pointer dereference\n",
	"stackoverflow": "runtime: goroutine stack exceeds 1048576-byte limit\n",
}

var noOpts debug.CrashOptions

// TestCrashOutputHelperProcess is not a test: it is the helper process the
// other tests start, and it does nothing unless helperModeEnv is set.
func TestCrashOutputHelperProcess(t *testing.T) {
	mode := os.Getenv(helperModeEnv)
	if mode == "" {
		return
	}
	runHelperMode(mode)
	helperFail("mode %q returned", mode)
}

// runHelperMode does what the helper's mode says. In most modes it sets the
// crash output and then crashes with helperCrash.
func runHelperMode(mode string) {
	dir := os.Getenv(helperDirEnv)
	crash := func() {
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

	switch mode {
	case "close-after-set":
		f := helperCreate(dir, "crash")
		helperSet(f)
		f.Close()
		crash()

	case "nil":
		f := helperCreate(dir, "crash")
		helperSet(f)
		f.Close()
		helperSet(nil)
		crash()

	case "replace":
		f1 := helperCreate(dir, "crash1")
		f2 := helperCreate(dir, "crash2")
		helperSet(f1)
		helperSet(f2)
		f1.Close()
		f2.Close()
		crash()

	case "invalid":
		good := helperCreate(dir, "crash")
		helperSet(good)
		good.Close()
		// A descriptor number that was open and no longer is. Nothing is
		// opened between the Close and the SetCrashOutput calls, so the
		// number is not reused.
		closed := helperCreate(dir, "closed")
		stale := os.NewFile(closed.Fd(), "stale-descriptor")
		closed.Close()
		if err := debug.SetCrashOutput(stale, noOpts); err == nil {
			helperFail("SetCrashOutput(os.NewFile(descriptor not open)) = nil, want an error")
		}
		if err := debug.SetCrashOutput(closed, noOpts); err == nil {
			helperFail("SetCrashOutput(closed *os.File) = nil, want an error")
		}
		helperKeep = stale // its finalizer must not close a reused descriptor
		crash()

	case "reader-closed":
		r, w, err := os.Pipe()
		if err != nil {
			helperFail("%v", err)
		}
		helperSet(w)
		r.Close()
		w.Close()
		crash()

	case "disk-full":
		f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
		if err != nil {
			helperFail("%v", err)
		}
		helperSet(f)
		f.Close()
		crash()

	case "concurrent", "concurrent-nil":
		start := make(chan struct{})
		close(start)
		sets := startRacers(dir, mode == "concurrent-nil", start)
		for sets.Load() < 200 {
			runtime.Gosched()
		}
		crash()

	case "stalled":
		// Descriptor 3 is a full pipe, drained by the test only after
		// the racers have run for a while; descriptor 4 reaches EOF once
		// the test has seen the crash start.
		f := os.NewFile(3, "crash-pipe")
		helperSet(f)
		f.Close()
		start := make(chan struct{})
		go func() {
			io.Copy(io.Discard, os.NewFile(4, "go-ahead"))
			close(start)
		}()
		startRacers(dir, false, start)
		crash()

	case "monitored", "monitored-clean":
		// Start a monitor that reads the crash output from a pipe.
		exe, err := os.Executable()
		if err != nil {
			helperFail("%v", err)
		}
		r, w, err := os.Pipe()
		if err != nil {
			helperFail("%v", err)
		}
		mon := exec.Command(exe, "-test.run=^TestCrashOutputHelperProcess$")
		mon.Env = append(os.Environ(), helperModeEnv+"=monitor")
		mon.Stdin = r
		mon.Stdout = os.Stdout
		mon.Stderr = os.Stdout // our standard error is for the crash report only
		if err := mon.Start(); err != nil {
			helperFail("%v", err)
		}
		r.Close()
		helperSet(w)
		w.Close()
		if mode == "monitored-clean" {
			os.Exit(0)
		}
		crash()

	case "monitor":
		report, err := io.ReadAll(os.Stdin)
		if err != nil {
			fmt.Printf("monitor: %v\n", err)
			os.Exit(1)
		}
		if len(report) > 0 {
			if err := os.WriteFile(filepath.Join(dir, "crash"), report, 0o666); err != nil {
				fmt.Printf("monitor: %v\n", err)
				os.Exit(1)
			}
		}
		fmt.Printf("monitor: EOF after %d bytes\n", len(report))
		os.Exit(0)

	case "wait-stdin":
		io.Copy(io.Discard, os.Stdin)
		os.Exit(0)

	default:
		helperFail("unknown mode %q", mode)
	}
}

var helperKeep any

// startRacers starts goroutines that, once start is closed, keep setting
// fresh files in dir (and, withNil, nil) as the crash output. It returns
// the count of files set so far.
func startRacers(dir string, withNil bool, start <-chan struct{}) *atomic.Int64 {
	sets := new(atomic.Int64)
	for i := 0; i < 4; i++ {
		go func(i int) {
			<-start
			for j := 0; ; j++ {
				if withNil && j%2 == 1 {
					helperSet(nil)
					continue
				}
				f := helperCreate(dir, fmt.Sprintf("crash-%d-%d", i, j))
				helperSet(f)
				f.Close()
				sets.Add(1)
			}
		}(i)
	}
	return sets
}

// helperFail reports a failure of the helper itself, with an exit status
// no crash has.
func helperFail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "crashout helper: FAIL: "+format+"\n", args...)
	os.Exit(3)
}

func helperCreate(dir, name string) *os.File {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		helperFail("%v", err)
	}
	return f
}

func helperSet(f *os.File) {
	if err := debug.SetCrashOutput(f, noOpts); err != nil {
		helperFail("SetCrashOutput: %v", err)
	}
}

// helperCrash prints output that is not crash output, starts parked
// goroutines, which GOTRACEBACK=all lists after the crashing one, and
// crashes as kind says. It does not return.
func helperCrash(kind string, parked int) {
	fmt.Fprint(os.Stderr, "crashout helper: stderr before the crash\n")
	println("crashout helper: println before the crash")
	func() {
		defer func() { recover() }()
		panic("crashout helper: recovered panic, not a crash")
	}()

	var started sync.WaitGroup
	started.Add(parked)
	block := make(chan struct{})
	for i := 0; i < parked; i++ {
		go crashoutTestParked(&started, block)
	}
	started.Wait()
	go crashoutTestCrash(kind)
	select {}
}

//go:noinline
func crashoutTestParked(started *sync.WaitGroup, block chan struct{}) {
	started.Done()
	<-block
}

//go:noinline
func crashoutTestCrash(kind string) {
	switch kind {
	case "panic":
		panic("crashout test panic")
	case "fatal":
		var mu sync.Mutex
		mu.Unlock()
	case "nilderef":
		crashoutTestStore(nil)
	case "stackoverflow":
		debug.SetMaxStack(1 << 20)
		crashoutTestRecurse(0)
	}
	helperFail("crash kind %q did not crash", kind)
}

//go:noinline
func crashoutTestStore(p *int) {
	*p = 1
}

//go:noinline
func crashoutTestRecurse(n int) int {
	var pad [128]byte
	pad[n%len(pad)] = byte(n)
	return crashoutTestRecurse(n+1) + int(pad[0])
}

// helperResult is what a helper process printed and its exit status.
type helperResult struct {
	stdout, stderr []byte
	code           int
}

// helperCommand returns a command running this test binary as a helper in
// the given mode, creating its files in dir, with GOTRACEBACK=all and env.
func helperCommand(t *testing.T, mode, dir string, env ...string) *exec.Cmd {
	t.Helper()
	testenv.MustHaveExec(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := testenv.Command(t, exe, "-test.run=^TestCrashOutputHelperProcess$")
	cmd.Env = append(os.Environ(), helperModeEnv+"="+mode, helperDirEnv+"="+dir, "GOTRACEBACK=all")
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

// runHelper runs a helper to completion.
func runHelper(t *testing.T, mode, dir string, env ...string) helperResult {
	t.Helper()
	cmd := helperCommand(t, mode, dir, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	res := helperResult{stdout: stdout.Bytes(), stderr: stderr.Bytes()}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee) && ee.Exited():
		res.code = ee.ExitCode()
	default:
		t.Fatalf("helper %s: %v\nstderr:\n%s", mode, err, tail(res.stderr))
	}
	return res
}

// crashReport checks that a helper crashed the usual way (exit status 2),
// that its standard error is helperPrefix followed by the whole crash
// report of the given kind, and returns that report. A report is whole when
// it lists all parked goroutines: they come after the crashing one, last.
func crashReport(t *testing.T, res helperResult, kind string, parked int) []byte {
	t.Helper()
	if res.code != 2 {
		t.Fatalf("helper exit status %d, want 2\nstderr:\n%s", res.code, tail(res.stderr))
	}
	report, ok := bytes.CutPrefix(res.stderr, []byte(helperPrefix))
	if !ok {
		t.Fatalf("stderr does not start with the helper's own output %q:\n%s", helperPrefix, tail(res.stderr))
	}
	if first := crashKinds[kind]; !bytes.HasPrefix(report, []byte(first)) {
		t.Fatalf("crash report does not start with %q:\n%s", first, tail(report))
	}
	if n := bytes.Count(report, []byte("runtime/debug_test.crashoutTestParked(")); n != parked {
		t.Fatalf("crash report lists %d parked goroutines, want %d: report cut short?\n%s", n, parked, tail(report))
	}
	if !bytes.Contains(report, []byte("runtime/debug_test.crashoutTestCrash(")) {
		t.Fatalf("crash report has no crashoutTestCrash frame:\n%s", tail(report))
	}
	return report
}

// checkCopy checks that the crash output got is exactly report, the crash
// report on standard error: nothing printed before the crash, nothing
// missing, nothing added.
func checkCopy(t *testing.T, name string, got, report []byte) {
	t.Helper()
	if bytes.Equal(got, report) {
		return
	}
	i := 0
	for i < len(got) && i < len(report) && got[i] == report[i] {
		i++
	}
	t.Errorf("%s: %d bytes differ from the %d-byte crash report on stderr at offset %d\n%s: %q\nstderr: %q",
		name, len(got), len(report), i, name, excerpt(got, i), excerpt(report, i))
}

// readCrashFile returns the content of the crash file name in dir.
func readCrashFile(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func checkEmpty(t *testing.T, dir, name string) {
	t.Helper()
	if b := readCrashFile(t, dir, name); len(b) != 0 {
		t.Errorf("%s: got %d bytes, want none:\n%s", name, len(b), tail(b))
	}
}

func tail(b []byte) []byte {
	const max = 4 << 10
	if len(b) > max {
		return append([]byte("..."), b[len(b)-max:]...)
	}
	return b
}

func excerpt(b []byte, i int) []byte {
	lo, hi := max(i-40, 0), min(i+40, len(b))
	return b[lo:hi]
}

// mustHaveCrashOutput skips on ports where SetCrashOutput always fails.
func mustHaveCrashOutput(t *testing.T) {
	if crashOutputUnsupported() {
		t.Skipf("SetCrashOutput is not supported on %s", runtime.GOOS)
	}
}

func crashOutputUnsupported() bool {
	switch runtime.GOOS {
	case "js", "wasip1", "plan9":
		return true
	}
	return false
}

// resetCrashOutput makes sure a test that sets this process's crash output
// leaves none behind.
func resetCrashOutput(t *testing.T) {
	t.Cleanup(func() {
		if err := debug.SetCrashOutput(nil, noOpts); err != nil {
			t.Errorf("SetCrashOutput(nil) = %v", err)
		}
	})
}

// Closing f right after SetCrashOutput does not matter: the runtime writes
// to its own duplicate. Every kind of crash lands in the file, byte for byte
// what standard error gets from the first line of the report to its end.
func TestSetCrashOutputCloseAfterSet(t *testing.T) {
	mustHaveCrashOutput(t)
	for _, kind := range []string{"panic", "fatal", "nilderef", "stackoverflow"} {
		t.Run(kind, func(t *testing.T) {
			dir := t.TempDir()
			res := runHelper(t, "close-after-set", dir, helperKindEnv+"="+kind)
			report := crashReport(t, res, kind, 2)
			checkCopy(t, "crash file", readCrashFile(t, dir, "crash"), report)
		})
	}
}

// SetCrashOutput(nil) stops the copying.
func TestSetCrashOutputNil(t *testing.T) {
	mustHaveCrashOutput(t)
	dir := t.TempDir()
	res := runHelper(t, "nil", dir)
	crashReport(t, res, "panic", 2)
	checkEmpty(t, dir, "crash")
}

// A second SetCrashOutput replaces the first file.
func TestSetCrashOutputReplace(t *testing.T) {
	mustHaveCrashOutput(t)
	dir := t.TempDir()
	res := runHelper(t, "replace", dir)
	report := crashReport(t, res, "panic", 2)
	checkEmpty(t, dir, "crash1")
	checkCopy(t, "crash2", readCrashFile(t, dir, "crash2"), report)
}

// SetCrashOutput holds exactly one descriptor while a file is set and none
// after nil: replacing closes the previous duplicate.
func TestSetCrashOutputNoFDLeak(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("counts descriptors in /proc/self/fd")
	}
	resetCrashOutput(t)
	dir := t.TempDir()
	var files [2]*os.File
	for i := range files {
		f, err := os.Create(filepath.Join(dir, fmt.Sprint("crash", i)))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		files[i] = f
	}
	countFDs := func() int {
		fds, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			t.Fatal(err)
		}
		return len(fds)
	}

	base := countFDs()
	for i := 0; i < 1000; i++ {
		// files[0], files[1], nil, files[0], ...
		var f *os.File
		name, want := "nil", base
		if i%3 < 2 {
			f = files[i%3]
			name, want = filepath.Base(f.Name()), base+1
		}
		if err := debug.SetCrashOutput(f, noOpts); err != nil {
			t.Fatalf("call %d: SetCrashOutput(%s) = %v", i, name, err)
		}
		if n := countFDs(); n != want {
			t.Fatalf("after call %d, SetCrashOutput(%s): %d open descriptors, want %d", i, name, n, want)
		}
	}
	if err := debug.SetCrashOutput(nil, noOpts); err != nil {
		t.Fatal(err)
	}
	if n := countFDs(); n != base {
		t.Errorf("after SetCrashOutput(nil): %d open descriptors, want %d", n, base)
	}
}

// A child process started after SetCrashOutput does not inherit the
// runtime's duplicate: once the parent drops its own copies, the read end of
// the pipe sees EOF while the child still runs.
func TestSetCrashOutputCloseOnExec(t *testing.T) {
	mustHaveCrashOutput(t)
	resetCrashOutput(t)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := debug.SetCrashOutput(w, noOpts); err != nil {
		t.Fatal(err)
	}
	w.Close()

	cmd := helperCommand(t, "wait-stdin", t.TempDir())
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stdin.Close() // lets the child exit
		if err := cmd.Wait(); err != nil {
			t.Errorf("child: %v", err)
		}
	}()

	// Close the runtime's duplicate; only the child could hold one now.
	if err := debug.SetCrashOutput(nil, noOpts); err != nil {
		t.Fatal(err)
	}
	eof := make(chan error, 1)
	go func() {
		n, err := r.Read(make([]byte, 1))
		if n > 0 {
			err = fmt.Errorf("read %d bytes", n)
		}
		eof <- err
	}()
	select {
	case err := <-eof:
		if err != io.EOF {
			t.Errorf("read from the crash output pipe: %v, want EOF", err)
		}
	case <-time.After(10 * time.Second):
		t.Errorf("no EOF on the crash output pipe while a child process runs: the child inherited the crash output")
	}
}

// SetCrashOutput leaves f's mode alone: a non-blocking pipe stays
// non-blocking, so a write past its capacity still honours a deadline.
// (A file made blocking, as (*os.File).Fd does, blocks in the kernel.)
func TestSetCrashOutputKeepsMode(t *testing.T) {
	switch runtime.GOOS {
	case "windows", "plan9", "js", "wasip1":
		t.Skipf("os.Pipe is not non-blocking on %s", runtime.GOOS)
	}
	resetCrashOutput(t)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if err := debug.SetCrashOutput(w, noOpts); err != nil {
		t.Fatal(err)
	}
	if err := w.SetWriteDeadline(time.Now().Add(50 * time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := w.Write(make([]byte, 4<<20))
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Errorf("write past the pipe's capacity: %v, want %v", err, os.ErrDeadlineExceeded)
		}
	case <-time.After(10 * time.Second):
		t.Errorf("write past the pipe's capacity ignored its deadline: SetCrashOutput made the pipe blocking")
		go io.Copy(io.Discard, r)
		<-done
	}
}

// The monitor pattern: a child process reads the crash output from a pipe.
// It gets the whole report, however long, and EOF when the process exits;
// after a clean exit it gets EOF and nothing else.
func TestSetCrashOutputMonitor(t *testing.T) {
	mustHaveCrashOutput(t)
	t.Run("crash", func(t *testing.T) {
		const parked = 2000
		dir := t.TempDir()
		res := runHelper(t, "monitored", dir, helperParkedEnv+"="+strconv.Itoa(parked))
		report := crashReport(t, res, "panic", parked)
		got := readCrashFile(t, dir, "crash")
		if want := fmt.Sprintf("monitor: EOF after %d bytes\n", len(got)); string(res.stdout) != want {
			t.Errorf("monitor printed %q, want %q", res.stdout, want)
		}
		checkCopy(t, "monitor", got, report)
	})
	t.Run("clean-exit", func(t *testing.T) {
		dir := t.TempDir()
		res := runHelper(t, "monitored-clean", dir)
		if res.code != 0 || len(res.stderr) != 0 {
			t.Fatalf("helper exit status %d, stderr %q; want 0 and empty", res.code, res.stderr)
		}
		if want := "monitor: EOF after 0 bytes\n"; string(res.stdout) != want {
			t.Errorf("monitor printed %q, want %q", res.stdout, want)
		}
	})
}

// A crash output whose reader is gone (EPIPE) is dropped: standard error
// still gets the whole report and the exit status is 2, not SIGPIPE's.
func TestSetCrashOutputReaderClosed(t *testing.T) {
	mustHaveCrashOutput(t)
	res := runHelper(t, "reader-closed", t.TempDir())
	crashReport(t, res, "panic", 2)
}

// A crash output that cannot be written (ENOSPC) is dropped likewise.
func TestSetCrashOutputDiskFull(t *testing.T) {
	mustHaveCrashOutput(t)
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	res := runHelper(t, "disk-full", t.TempDir())
	crashReport(t, res, "panic", 2)
}

// SetCrashOutput of a descriptor that is not open, or of a closed *os.File,
// fails (the helper checks the errors) and keeps the previous file, which
// then gets the crash.
func TestSetCrashOutputInvalidFile(t *testing.T) {
	mustHaveCrashOutput(t)
	dir := t.TempDir()
	res := runHelper(t, "invalid", dir)
	report := crashReport(t, res, "panic", 2)
	checkCopy(t, "crash file", readCrashFile(t, dir, "crash"), report)
	checkEmpty(t, dir, "closed")
}

// SetCrashOutput calls racing with a crash neither redirect it nor close the
// descriptor it writes to: the whole report lands in the one file that was
// set when the crash started, and in no other file. With nil among the
// racing calls, that setting may have been nil, so no file at all is also
// right.
//
// Once it has printed the first line, the runtime freezes the other
// goroutines, so here the racers overlap only the start of the crash; see
// TestSetCrashOutputConcurrentStalled for a crash that waits for them.
func TestSetCrashOutputConcurrent(t *testing.T) {
	mustHaveCrashOutput(t)
	runs := 2
	if !testing.Short() {
		runs = 20
	}
	for _, mode := range []string{"concurrent", "concurrent-nil"} {
		t.Run(mode, func(t *testing.T) {
			for run := 0; run < runs; run++ {
				dir := t.TempDir()
				res := runHelper(t, mode, dir)
				report := crashReport(t, res, "panic", 2)
				written, total := checkCrashFiles(t, dir, report)
				if len(written) > 1 || len(written) == 0 && mode == "concurrent" {
					t.Fatalf("run %d: crash output in %d of %d files (%s), want 1", run, len(written), total, strings.Join(written, ", "))
				}
			}
		})
	}
}

// checkCrashFiles checks that every non-empty file in dir holds exactly
// report, and returns their names and the number of files.
func checkCrashFiles(t *testing.T, dir string, report []byte) (written []string, total int) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if got := readCrashFile(t, dir, e.Name()); len(got) > 0 {
			written = append(written, e.Name())
			checkCopy(t, e.Name(), got, report)
		}
	}
	return written, len(entries)
}

// TestSetCrashOutputConcurrentStalled makes a crash wait, before the runtime
// freezes the other goroutines, while racers call SetCrashOutput with fresh
// files. The crash output is a pipe that the test has filled, so the crash
// stalls writing "fatal error: ..." to it. Once the test sees that line begin
// on the helper's standard error (the crash has latched the pipe), it lets
// the racers go, and drains the pipe only after they have set 100 files. The
// pipe must then get the whole report, and no racer's file any of it: a
// racing call neither redirects the crash nor closes the pipe under it,
// which would send the rest of the report to a file reusing the descriptor.
func TestSetCrashOutputConcurrentStalled(t *testing.T) {
	mustHaveCrashOutput(t)
	if runtime.GOOS == "windows" {
		t.Skip("needs exec.Cmd.ExtraFiles")
	}
	const filler = "x"
	dir := t.TempDir()
	crashR, crashW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer crashR.Close()
	goR, goW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer goW.Close()
	// Fill the pipe: the write returns at the deadline once the pipe is full.
	crashW.SetWriteDeadline(time.Now().Add(20 * time.Millisecond))
	if _, err := crashW.Write(bytes.Repeat([]byte(filler), 1<<20)); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("filling the pipe: %v, want %v", err, os.ErrDeadlineExceeded)
	}

	// GOGC=off: a collection could not stop the world while the crash,
	// on the system stack, waits for the pipe.
	cmd := helperCommand(t, "stalled", dir, helperKindEnv+"=fatal", "GOGC=off")
	cmd.ExtraFiles = []*os.File{crashW, goR}
	stderrPipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	crashW.Close()
	goR.Close()

	// Read the helper's standard error, reporting when the crash starts.
	started := make(chan struct{})
	stderrDone := make(chan []byte)
	go func() {
		var stderr []byte
		buf := make([]byte, 4096)
		notify := started
		for {
			n, err := stderrPipe.Read(buf)
			stderr = append(stderr, buf[:n]...)
			if notify != nil && bytes.Contains(stderr, []byte("fatal error: ")) {
				close(notify)
				notify = nil
			}
			if err != nil {
				stderrDone <- stderr
				return
			}
		}
	}()
	var stderr []byte
	select {
	case <-started:
	case stderr = <-stderrDone:
		t.Errorf("helper's stderr ended before the crash started")
	case <-time.After(10 * time.Second):
		// The crash may be waiting for the pipe before it writes to
		// standard error: drain the pipe all the same.
		t.Logf("no crash on the helper's stderr after 10s")
	}

	goW.Close() // let the racers go
	if stderr == nil {
		deadline := time.Now().Add(10 * time.Second)
		for countFiles(t, dir) < 100 {
			if time.Now().After(deadline) {
				t.Logf("racers set only %d files: the crash may not have waited for them", countFiles(t, dir))
				break
			}
			time.Sleep(time.Millisecond)
		}
	}
	got, err := io.ReadAll(crashR)
	if err != nil {
		t.Fatal(err)
	}
	got = bytes.TrimLeft(got, filler)
	if stderr == nil {
		stderr = <-stderrDone
	}
	res := helperResult{stderr: stderr}
	if err := cmd.Wait(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatal(err)
		}
		res.code = ee.ExitCode()
	}
	report := crashReport(t, res, "fatal", 2)
	checkCopy(t, "crash pipe", got, report)
	if written, total := checkCrashFiles(t, dir, report); len(written) > 0 {
		t.Errorf("crash output in %d of %d racer files (%s), want none", len(written), total, strings.Join(written, ", "))
	}
}

func countFiles(t *testing.T, dir string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}

// On ports that cannot duplicate a descriptor, SetCrashOutput fails for any
// file but accepts nil.
func TestSetCrashOutputUnsupported(t *testing.T) {
	if !crashOutputUnsupported() {
		t.Skipf("SetCrashOutput is supported on %s", runtime.GOOS)
	}
	if err := debug.SetCrashOutput(os.Stderr, noOpts); err == nil {
		t.Error("SetCrashOutput(os.Stderr) = nil, want an error")
	}
	if err := debug.SetCrashOutput(nil, noOpts); err != nil {
		t.Errorf("SetCrashOutput(nil) = %v, want nil", err)
	}
}
