// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package runtime_test

import (
	"internal/testenv"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// Tests of the crash report for an exception that no one handles on a
// thread that C created (testdata/testprogcgo/crashout_cthread.go and
// crashout_cthread_windows.c). Upstream Go prints nothing for it; the fork
// prints a crash report to standard error and the crash output, and the
// process then ends as the system ends it without the report: the tests
// compare its exit status with that of a run where a filter that C
// installed gets the exception and passes it on.
//
// GO_CRASHOUT_TESTPROGCGO, if set, is testprogcgo built for windows/amd64:
// scripts/check-cthread-windows runs these tests under wine, where there
// is no go command to build it with.

func TestCrashOutputCThreadWindows(t *testing.T) {
	t.Parallel()
	type crash struct{ name, fn, first string }
	segv := crash{"Segv", "CrashOutputCThreadSegv", "Exception 0xc0000005 0x1 0x0 0x"}
	raise := crash{"Raise", "CrashOutputCThreadRaise", "Exception 0xe0000001 0x0 0x0 0x"}
	callback := crash{"Callback", "CrashOutputCThreadCallback", segv.first}
	for _, c := range []crash{segv, raise, callback} {
		for _, level := range []string{"single", "all", "crash"} {
			for _, out := range cthreadOutputs {
				if c.name != "Segv" && (out != "SetCrashOutput" || level != "all") {
					continue // the same report as Segv's
				}
				c, level, out := c, level, out
				t.Run(c.name+"/"+level+"/"+out, func(t *testing.T) {
					t.Parallel()
					r := runCThreadProg(t, c.fn, out, "GOTRACEBACK="+level)
					report := r.checkReportText(t, c.first)
					checkCThreadGoroutines(t, report, level)
					checkSystemEnd(t, r.ps, c.fn)
				})
			}
		}
	}
}

// TestCrashOutputCThreadWindowsCFilter checks that an unhandled exception
// filter that C installed, before the Go runtime started or after, gets
// the exception and decides how the process ends, and that Go prints
// nothing.
func TestCrashOutputCThreadWindowsCFilter(t *testing.T) {
	t.Parallel()
	for _, when := range []string{"early", "late"} {
		when := when
		t.Run(when, func(t *testing.T) {
			t.Parallel()
			r := runCThreadProg(t, "CrashOutputCThreadSegv", "SetCrashOutput", "CRASHOUT_CTHREAD_CHANDLER="+when, "GOTRACEBACK=all")
			r.checkCHandlerEnd(t, "C handler: exception\n")
		})
	}
}

// TestCrashOutputCThreadWindowsAbort checks that abort() on a C thread,
// which the C runtime ends the process for without raising an exception,
// is left as it is: no report, the C runtime's exit status 3.
func TestCrashOutputCThreadWindowsAbort(t *testing.T) {
	t.Parallel()
	r := runCThreadProg(t, "CrashOutputCThreadAbort", "SetCrashOutput", "GOTRACEBACK=all")
	if r.crash != "" || strings.Contains(r.stderr, "Exception") {
		t.Errorf("abort() was reported; standard error:\n%s", r.stderr)
	}
	if r.ps.ExitCode() != 3 {
		t.Errorf("program: %v, want exit status 3", r.ps)
	}
}

// TestCrashOutputCThreadWindowsStackOverflow checks that a C thread that
// overflows its stack, whose filter has too little stack left for a report,
// is left as it is: the program prints and exits as it does when the
// runtime's filter never sees the exception.
func TestCrashOutputCThreadWindowsStackOverflow(t *testing.T) {
	t.Parallel()
	const fn = "CrashOutputCThreadOverflow"
	r := runCThreadProg(t, fn, "SetCrashOutput", "GOTRACEBACK=all")
	want := systemRun(t, fn)
	if r.stderr != want.stderr || r.crash != "" {
		t.Errorf("standard error is %q and crash output %q, want %q and none", r.stderr, r.crash, want.stderr)
	}
	if r.ps.ExitCode() != want.ps.ExitCode() {
		t.Errorf("program: %v, want %v", r.ps, want.ps)
	}
}

// systemRuns holds, per test function, what it did when a filter that C
// installed passed the exception on (CRASHOUT_CTHREAD_CHANDLER=pass), so
// that the runtime's filter never saw it.
var systemRuns struct {
	sync.Mutex
	run map[string]cthreadRun
}

// systemRun returns what fn does when the runtime's filter never sees its
// exception, run once per test binary.
func systemRun(t *testing.T, fn string) cthreadRun {
	t.Helper()
	systemRuns.Lock()
	defer systemRuns.Unlock() // also when the run fails the test
	if r, ok := systemRuns.run[fn]; ok {
		return r
	}
	r := runCThreadProg(t, fn, "none", "CRASHOUT_CTHREAD_CHANDLER=pass")
	if systemRuns.run == nil {
		systemRuns.run = make(map[string]cthreadRun)
	}
	systemRuns.run[fn] = r
	return r
}

// checkSystemEnd checks that the program, which reported an exception on
// its C thread, ended with the exit status that the system gives fn's
// exception without the report.
func checkSystemEnd(t *testing.T, ps *os.ProcessState, fn string) {
	t.Helper()
	want := systemRun(t, fn)
	if want.stderr != crashOutputMarker+"\n" {
		t.Fatalf("with the C filter that passes, standard error is %q, want %q", want.stderr, crashOutputMarker+"\n")
	}
	if code := want.ps.ExitCode(); ps.ExitCode() != code || code == 0 {
		t.Errorf("program: %v, want exit status %#x as without the report", ps, code)
	}
}

// cthreadTestProg returns the path of testprogcgo: $GO_CRASHOUT_TESTPROGCGO,
// or built for the tests.
func cthreadTestProg(t *testing.T) string {
	if exe := os.Getenv("GO_CRASHOUT_TESTPROGCGO"); exe != "" {
		return exe
	}
	testenv.MustHaveCGO(t)
	exe, err := buildTestProg(t, "testprogcgo")
	if err != nil {
		t.Fatal(err)
	}
	return exe
}

// underWine reports whether the tests run under wine, whose ntdll exports
// wine_get_version.
var underWine = sync.OnceValue(func() bool {
	return syscall.NewLazyDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
})

// systemDebuggerRuns reports whether the system runs a debugger that
// writes to the crashed program's standard output: wine's does.
func systemDebuggerRuns() bool { return underWine() }

// stripSystemNote removes the line wine adds to standard error for an
// unhandled exception ("wine: Unhandled page fault ...").
func stripSystemNote(stderr string) string {
	if i := strings.LastIndex(stderr, "wine: Unhandled "); i >= 0 && (i == 0 || stderr[i-1] == '\n') && underWine() {
		if j := strings.IndexByte(stderr[i:], '\n'); j >= 0 && i+j+1 == len(stderr) {
			return stderr[:i]
		}
	}
	return stderr
}

// runAndKillCThread is not needed on Windows: there is no signal to send.
func runAndKillCThread(t *testing.T, cmd *exec.Cmd, sig syscall.Signal) error {
	t.Fatalf("%v: cannot send %v on Windows", cmd, sig)
	return nil
}
