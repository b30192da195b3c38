// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build linux

package runtime_test

import (
	"bufio"
	"bytes"
	"internal/testenv"
	"io"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// Tests of the crash report for a fatal signal on a thread that C created
// (testdata/testprogcgo/crashout_cthread.go). Upstream Go prints nothing
// for it; the fork prints a crash report to standard error and the crash
// output, then dies of the signal as upstream does.
//
// GO_CRASHOUT_TEST_EXEC, if set, is a command that runs the test program
// for another architecture: scripts/check-cthread-arm64 builds these tests
// for linux/arm64 and runs them under qemu-user with it set to the emulator.

func TestCrashOutputCThread(t *testing.T) {
	testenv.MustHaveCGO(t)
	t.Parallel()
	type crash struct {
		name, fn string
		sig      syscall.Signal
		first    string
	}
	segv := crash{"Segv", "CrashOutputCThreadSegv", syscall.SIGSEGV, "SIGSEGV: segmentation violation\nPC=0x"}
	abort := crash{"Abort", "CrashOutputCThreadAbort", syscall.SIGABRT, "SIGABRT: abort\nPC=0x"}
	callback := crash{"Callback", "CrashOutputCThreadCallback", syscall.SIGSEGV, segv.first}
	for _, c := range []crash{segv, abort, callback} {
		for _, level := range []string{"single", "all", "crash"} {
			for _, out := range cthreadOutputs {
				if c.name == "Callback" && out != "SetCrashOutput" {
					continue // the same report as Segv's
				}
				c, level, out := c, level, out
				t.Run(c.name+"/"+level+"/"+out, func(t *testing.T) {
					t.Parallel()
					r := runCThreadProg(t, c.fn, out, "GOTRACEBACK="+level)
					report := r.checkReport(t, c.sig, c.first)
					checkCThreadGoroutines(t, report, level)
				})
			}
		}
	}
}

// TestCrashOutputCThreadTraceback checks that a cgo traceback function
// registered with runtime.SetCgoTraceback gets the signal context and that
// the report shows the C frames it finds.
func TestCrashOutputCThreadTraceback(t *testing.T) {
	testenv.MustHaveCGO(t)
	if runtime.GOARCH != "amd64" && runtime.GOARCH != "arm64" {
		t.Skipf("the test's traceback function reads the signal context on amd64 and arm64 only, not %s", runtime.GOARCH)
	}
	t.Parallel()
	r := runCThreadProg(t, "CrashOutputCThreadTraceback", "SetCrashOutput")
	report := r.checkReport(t, syscall.SIGSEGV, "SIGSEGV: segmentation violation\nPC=0x")
	if !regexp.MustCompile(`\ncrashOutputCThreadFault\n\tcrashout_cthread\.c:\d+ pc=0x`).MatchString(report) {
		t.Errorf("report lacks the C thread's frame from the cgo traceback function:\n%s", report)
	}
}

// TestCrashOutputCThreadCHandler checks that a SIGSEGV handler that C
// installed before the Go runtime started still gets the signal and decides
// how the process ends, and that Go prints nothing.
func TestCrashOutputCThreadCHandler(t *testing.T) {
	testenv.MustHaveCGO(t)
	t.Parallel()
	r := runCThreadProg(t, "CrashOutputCThreadSegv", "SetCrashOutput", "CRASHOUT_CTHREAD_CHANDLER=1", "GOTRACEBACK=all")
	r.checkCHandlerEnd(t, "C handler: SIGSEGV\n")
}

// TestCrashOutputCThreadKill checks that a fatal signal sent to a C thread
// from outside the process, not a fault of the thread, ends the process
// with no report, as upstream does.
func TestCrashOutputCThreadKill(t *testing.T) {
	testenv.MustHaveCGO(t)
	t.Parallel()
	for _, sig := range []syscall.Signal{syscall.SIGSEGV, syscall.SIGABRT} {
		sig := sig
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			r := runCThreadProg(t, "CrashOutputCThreadWait", "SetCrashOutput", "GOTRACEBACK=all", "kill="+strconv.Itoa(int(sig)))
			if r.stderr != crashOutputMarker+"\n" {
				t.Errorf("standard error is %q, want %q", r.stderr, crashOutputMarker+"\n")
			}
			if r.crash != "" {
				t.Errorf("crash output is %q, want it empty", r.crash)
			}
			checkKilledBy(t, r.ps, sig)
		})
	}
}

// TestCrashOutputCThreadStall checks that the stall limit applies to the
// report: with a crash output that nobody reads (a pipe passed with
// GOCRASHOUTPUT=fd=3) and a report larger than the pipe holds, the crash
// output is dropped after GODEBUG=crashoutputstall=1 second, standard
// error gets the whole report and the stall note, and the process still
// dies of the signal.
func TestCrashOutputCThreadStall(t *testing.T) {
	testenv.MustHaveCGO(t)
	t.Parallel()
	exe := cthreadTestProg(t)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	args := []string{exe, "CrashOutputCThreadSegv"}
	if wrap := os.Getenv("GO_CRASHOUT_TEST_EXEC"); wrap != "" {
		args = append(strings.Fields(wrap), args...)
	}
	cmd := testenv.CleanCmdEnv(testenv.Command(t, args[0], args[1:]...))
	cmd.Env = append(cmd.Env, "GOTRACEBACK=all", "GODEBUG=crashoutputstall=1", "CRASHOUT_CTHREAD_GOROUTINES=2000",
		"GOCRASHOUTPUT=fd=3,ppid="+strconv.Itoa(os.Getpid()))
	cmd.ExtraFiles = []*os.File{w}
	cmd.Dir = t.TempDir()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	cmd.Wait() // the pipe is read only once the program is gone
	t.Logf("%v: %v", cmd, cmd.ProcessState)
	crash, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	checkKilledBy(t, cmd.ProcessState, syscall.SIGSEGV)
	const note = "runtime: crash output made no progress for GODEBUG=crashoutputstall seconds; the rest of the crash report goes to standard error only\n"
	report, ok := strings.CutPrefix(stripSystemNote(stderr.String()), crashOutputMarker+"\n")
	if !ok || !strings.Contains(report, note) {
		t.Fatalf("standard error lacks the marker or the stall note:\n%s", stderr.Bytes()[:min(stderr.Len(), 2000)])
	}
	report = strings.Replace(report, note, "", 1)
	if !strings.HasPrefix(report, "SIGSEGV: segmentation violation\n") || !strings.HasSuffix(report, "\n") ||
		strings.Count(report, "main.crashOutputCThreadBlocked(") != 2000 {
		t.Errorf("report on standard error is not the whole report with 2000 goroutines (%d bytes)", len(report))
	}
	if len(crash) == 0 || !strings.HasPrefix(report, string(crash)) || crash[len(crash)-1] != '\n' {
		t.Errorf("crash output (%d bytes) is not whole lines from the start of the report", len(crash))
	}
}

// runAndKillCThread starts cmd, reads the thread ID that its C thread
// writes to standard output and sends that thread sig with tgkill.
func runAndKillCThread(t *testing.T, cmd *exec.Cmd, sig syscall.Signal) error {
	t.Helper()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	tid, convErr := strconv.Atoi(strings.TrimSpace(line))
	if err != nil || convErr != nil {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("reading the C thread's ID: %q, %v", line, err)
	}
	if err := syscall.Tgkill(cmd.Process.Pid, tid, sig); err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("tgkill %d %d %v: %v", cmd.Process.Pid, tid, sig, err)
	}
	return cmd.Wait()
}

// cthreadTestProg returns the path of testprogcgo, built for the tests.
func cthreadTestProg(t *testing.T) string {
	exe, err := buildTestProg(t, "testprogcgo")
	if err != nil {
		t.Fatal(err)
	}
	return exe
}

// systemDebuggerRuns reports whether the system runs a debugger that
// writes to the crashed program's standard output: not on Linux.
func systemDebuggerRuns() bool { return false }

// stripSystemNote removes the line qemu-user adds to standard error when
// the program it runs dies of a signal.
func stripSystemNote(stderr string) string {
	if os.Getenv("GO_CRASHOUT_TEST_EXEC") == "" {
		return stderr
	}
	if i := strings.Index(stderr, "qemu: uncaught target signal "); i >= 0 && (i == 0 || stderr[i-1] == '\n') {
		if j := strings.IndexByte(stderr[i:], '\n'); j >= 0 && i+j+1 == len(stderr) {
			return stderr[:i]
		}
	}
	return stderr
}

// checkReport checks that the program printed a crash report for a fatal
// signal on its C thread, starting with first, to standard error and to its
// crash output alike (checkReportText), and then died of sig. It returns
// the report.
func (r cthreadRun) checkReport(t *testing.T, sig syscall.Signal, first string) string {
	t.Helper()
	report := r.checkReportText(t, first)
	checkKilledBy(t, r.ps, sig)
	return report
}

// checkKilledBy checks that the process died of sig.
func checkKilledBy(t *testing.T, ps *os.ProcessState, sig syscall.Signal) {
	t.Helper()
	if ws, ok := ps.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != sig {
		t.Errorf("program: %v, want killed by %v", ps, sig)
	}
}
