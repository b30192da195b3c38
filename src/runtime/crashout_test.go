// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package runtime_test

import (
	"bytes"
	"errors"
	"internal/testenv"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Tests of runtime/debug.SetCrashOutput. Each test program (see
// testdata/testprog/crashout*.go and testdata/testprogcgo/crashout.go)
// sends its crash output to the file named by $CRASHOUT_FILE, prints
// crashOutputMarker and then dies in one specific way. The contract
// checked is that the file receives exactly the crash report, byte for byte
// what the runtime prints to standard error from the report's first line to
// its last, and nothing that was printed before the runtime decided to die.

// crashOutputMarker is the line the test programs print before crashing.
const crashOutputMarker = "not a crash"

// A crashOutputCase is one way for a program to die.
type crashOutputCase struct {
	name  string   // subtest name
	prog  string   // test program, "testprog" if empty
	fn    string   // the program's function, "CrashOutput"+name if empty
	goos  string   // if "unix" or "linux", run only there
	env   []string // extra environment, such as GOTRACEBACK=all
	first string   // what the first line of the crash output starts with
	want  []string // text the crash output contains, in this order
	not   []string // text the crash output does not contain
	abort bool     // killed by SIGABRT instead of exiting with status 2
}

var crashOutputCases = []crashOutputCase{
	// Unrecovered panics.
	{name: "Panic", first: "panic: crashout: main panic", want: []string{"\ngoroutine 1 [running]:\n", "main.CrashOutputPanic("}},
	{name: "GoroutinePanic", first: "panic: crashout: goroutine panic", want: []string{"created by main.CrashOutputGoroutinePanic"}},
	{name: "NestedPanic", first: "panic: crashout: first panic", want: []string{"\n\tpanic: crashout: second panic\n", "main.CrashOutputNestedPanic"}},
	{name: "Repanic", first: "panic: crashout: repanicked [recovered]", want: []string{"\n\tpanic: crashout: repanicked\n", "main.CrashOutputRepanic"}},
	{name: "InitPanic", first: "panic: crashout: init panic", want: []string{"main.init."}, not: []string{"main.main("}},
	{name: "ErrorPanic", first: "panic: crashout: error value", want: []string{"main.CrashOutputErrorPanic("}},
	{name: "RuntimeError", first: "panic: runtime error: index out of range", want: []string{"main.CrashOutputRuntimeError("}},

	// Fatal errors (throw and fatal), and the diagnostics that come before
	// some of them.
	{name: "MapWrites", first: "fatal error: concurrent map writes", want: []string{"main.CrashOutputMapWrites.func1("}},
	{name: "Deadlock", first: "fatal error: all goroutines are asleep - deadlock!", want: []string{"goroutine 1 [select (no cases)]:"}},
	{name: "Goexit", first: "fatal error: no goroutines (main called runtime.Goexit) - deadlock!"},
	{name: "StackOverflow", first: "runtime: goroutine stack exceeds 262144-byte limit", want: []string{"\nruntime: sp=", "\nfatal error: stack overflow\n", "main.crashOutputRecurse("}},
	{name: "OOM", goos: "linux", first: "runtime: out of memory: cannot allocate ", want: []string{"\nfatal error: out of memory\n", "main.CrashOutputOOM("}},

	// Fatal signals.
	{name: "NilDeref", first: "panic: runtime error: invalid memory address or nil pointer dereference", want: []string{"\n[signal ", "main.CrashOutputNilDeref("}},
	{name: "Fault", first: "unexpected fault address 0xdead0000", want: []string{"\nfatal error: fault\n[signal ", "main.CrashOutputFault("}},
	{name: "SIGBUS", goos: "unix", first: "unexpected fault address ", want: []string{"\nfatal error: fault\n[signal SIGBUS", "main.CrashOutputSIGBUS("}},
	{name: "SIGFPE", goos: "unix", first: "SIGFPE: floating-point exception", want: []string{"\ngoroutine 1 "}},
	{name: "CgoSegv", prog: "testprogcgo", goos: "unix", first: "SIGSEGV: segmentation violation", want: []string{"\nsignal arrived during cgo execution\n", "main.CrashOutputCgoSegv("}},
	{name: "SIGQUIT", goos: "unix", first: "SIGQUIT: quit", want: []string{"\ngoroutine 1 "}},
	// A fault while the report is printed: what came before it, up to the
	// middle of a line, is in the crash output, then the fault's report.
	{name: "PrintFault", goos: "unix", first: "panic: panic during panic\n", want: []string{"\nSIGSEGV: segmentation violation\n", "\ngoroutine 1 ", "main.CrashOutputPrintFault("}},

	// Every GOTRACEBACK level, for a panic in the main goroutine while a
	// second one is blocked, so that each level prints something different.
	{name: "GotracebackNone", fn: "CrashOutputTraceback", env: []string{"GOTRACEBACK=none"}, first: "panic: crashout: traceback", not: []string{"\ngoroutine "}},
	{name: "GotracebackSingle", fn: "CrashOutputTraceback", env: []string{"GOTRACEBACK=single"}, first: "panic: crashout: traceback", want: []string{"\ngoroutine 1 [running]:\nmain.CrashOutputTraceback("}, not: []string{"main.crashOutputBlocked(", "runtime.gopark(", "created by runtime."}},
	{name: "GotracebackAll", fn: "CrashOutputTraceback", env: []string{"GOTRACEBACK=all"}, first: "panic: crashout: traceback", want: []string{"\ngoroutine 1 [running]:\nmain.CrashOutputTraceback(", " [chan receive]:\nmain.crashOutputBlocked("}, not: []string{"runtime.gopark(", "created by runtime."}},
	{name: "GotracebackSystem", fn: "CrashOutputTraceback", env: []string{"GOTRACEBACK=system"}, first: "panic: crashout: traceback", want: []string{"main.CrashOutputTraceback(", "created by runtime.", " [chan receive]:\nruntime.gopark(", "main.crashOutputBlocked("}},
	{name: "GotracebackCrash", fn: "CrashOutputTraceback", goos: "unix", env: []string{"GOTRACEBACK=crash"}, first: "panic: crashout: traceback", want: []string{"main.CrashOutputTraceback(", "created by runtime.", " [chan receive]:\nruntime.gopark(", "main.crashOutputBlocked("}, abort: true},
	// GOTRACEBACK=crash for a fatal signal also makes every other thread
	// print its stack, each in turn, before the process aborts.
	{name: "GotracebackCrashSignal", fn: "CrashOutputSIGFPE", goos: "unix", env: []string{"GOTRACEBACK=crash"}, first: "SIGFPE: floating-point exception", want: []string{"main.CrashOutputSIGFPE(", "\n-----\n\nSIGQUIT: quit\n"}, abort: true},
}

func TestCrashOutput(t *testing.T) {
	t.Parallel()
	for _, c := range crashOutputCases {
		c := c
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			switch c.goos {
			case "unix":
				if runtime.GOOS == "windows" {
					t.Skipf("%s needs Unix signals", c.name)
				}
			case "linux":
				if runtime.GOOS != "linux" {
					t.Skipf("%s runs only on linux", c.name)
				}
			}
			prog := c.prog
			if prog == "" {
				prog = "testprog"
			}
			if prog == "testprogcgo" {
				testenv.MustHaveCGO(t)
			}
			fn := c.fn
			if fn == "" {
				fn = "CrashOutput" + c.name
			}
			stderr, crash, ps := runCrashOutputProg(t, prog, fn, c.env...)

			// The crash output is the whole crash report: it starts
			// with the report's first line, and standard error is the
			// marker followed by the same report, byte for byte.
			before := checkCrashOutput(t, stderr, crash, c.first)
			if before != crashOutputMarker+"\n" {
				t.Errorf("standard error has %q before the crash output, want %q", before, crashOutputMarker+"\n")
			}
			checkCrashExit(t, ps, c.abort)

			// The report is the expected one, at the expected level
			// of detail.
			for _, s := range c.not {
				if strings.Contains(crash, s) {
					t.Errorf("crash output contains %q, want it not to", s)
				}
			}
			rest := crash
			for _, s := range c.want {
				i := strings.Index(rest, s)
				if i < 0 {
					t.Errorf("crash output lacks %q (or has it out of order): want %q", s, c.want)
					break
				}
				rest = rest[i+len(s):]
			}
		})
	}
}

// TestCrashOutputQuiet checks that printing, GODEBUG traces, a recovered
// panic and debug.PrintStack in a program that does not crash leave the
// crash output empty.
func TestCrashOutputQuiet(t *testing.T) {
	t.Parallel()
	stderr, crash, ps := runCrashOutputProg(t, "testprog", "CrashOutputQuiet", "GODEBUG=gctrace=1,schedtrace=10")
	checkCrashOutputNoise(t, stderr, true)
	if crash != "" {
		t.Errorf("program did not crash, but its crash output is:\n%s", crash)
	}
	if !ps.Success() {
		t.Errorf("program: %v, want success\nstderr:\n%s", ps, stderr)
	}
}

// TestCrashOutputQuietThenPanic is TestCrashOutputQuiet for a program that
// panics at the end: the crash output holds the crash report and nothing of
// what was printed before it.
func TestCrashOutputQuietThenPanic(t *testing.T) {
	t.Parallel()
	// The scheduler trace is on, but sysmon prints it only once a minute,
	// so not during the crash. A thread that prints while another dies
	// makes the report unpredictable: its lines are mixed into the
	// report's, and the last bytes it writes may reach standard error but
	// not the crash output, as the process exits between the two writes.
	stderr, crash, ps := runCrashOutputProg(t, "testprog", "CrashOutputQuietThenPanic", "GODEBUG=gctrace=1,schedtrace=60000")

	// With schedtrace set, a dying program first prints the scheduler's
	// state: that is the first line of the crash report.
	before := checkCrashOutput(t, stderr, crash, "SCHED ")
	if !strings.HasSuffix(before, "\n") {
		t.Errorf("crash output does not start on a new line of standard error:\n%s", stderr)
	}
	checkCrashOutputNoise(t, before, false)
	for _, s := range []string{"println: still not a crash", "gc 1 @", "recovered:", "runtime/debug.PrintStack()"} {
		if strings.Contains(crash, s) {
			t.Errorf("crash output contains %q, printed before the crash", s)
		}
	}
	if !strings.Contains(crash, "\npanic: crashout: panic after noise\n\ngoroutine 1 [running]:\nmain.CrashOutputQuietThenPanic(") {
		t.Errorf("crash output lacks the panic and its traceback:\n%s", crash)
	}
	checkCrashExit(t, ps, false)
}

// checkCrashOutputNoise checks that standard error of a CrashOutputQuiet
// program has what the program prints before it crashes, if it does: all
// that its crash output must not receive. The scheduler trace is checked if
// sched is set.
func checkCrashOutputNoise(t *testing.T, stderr string, sched bool) {
	t.Helper()
	noise := []string{
		crashOutputMarker + "\n",
		"println: still not a crash\n",
		"gc 1 @",
		"recovered: crashout: recovered panic\n",
		"runtime/debug.PrintStack()",
	}
	if sched {
		noise = append(noise, "SCHED ")
	}
	for _, s := range noise {
		if !strings.Contains(stderr, s) {
			t.Errorf("standard error lacks %q:\n%s", s, stderr)
		}
	}
}

// runCrashOutputProg runs function fn of the test program prog, with its
// crash output going to a new file and env added to its environment. It
// returns what the program wrote to standard error and to the crash output.
func runCrashOutputProg(t *testing.T, prog, fn string, env ...string) (stderr, crash string, ps *os.ProcessState) {
	t.Helper()
	if runtime.GOOS == "plan9" {
		t.Skip("SetCrashOutput is not supported on plan9")
	}
	exe, err := buildTestProg(t, prog)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	crashFile := filepath.Join(dir, "crash.txt")
	cmd := testenv.CleanCmdEnv(testenv.Command(t, exe, fn))
	cmd.Env = append(cmd.Env, "CRASHOUT_FILE="+crashFile)
	cmd.Env = append(cmd.Env, env...)
	cmd.Dir = dir // where a GOTRACEBACK=crash core dump would go
	var stdout, errBuf bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &errBuf
	err = cmd.Run()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		t.Fatalf("%v: %v", cmd, err)
	}
	t.Logf("%v: %v", cmd, cmd.ProcessState)
	if stdout.Len() > 0 {
		t.Errorf("program wrote to standard output:\n%s", stdout.Bytes())
	}
	b, err := os.ReadFile(crashFile)
	if err != nil {
		t.Fatal(err)
	}
	return errBuf.String(), string(b), cmd.ProcessState
}

// checkCrashOutput checks that crash, the crash output of a program that
// crashed, starts with first, that the program's standard error ends with
// crash, and that crash does not contain crashOutputMarker. It returns what
// standard error has before the crash output.
func checkCrashOutput(t *testing.T, stderr, crash, first string) (before string) {
	t.Helper()
	if crash == "" {
		t.Fatalf("crash output is empty; standard error:\n%s", stderr)
	}
	if !strings.HasPrefix(crash, first) {
		line, _, _ := strings.Cut(crash, "\n")
		t.Errorf("crash output starts with %q, want %q", line, first)
	}
	if strings.Contains(crash, crashOutputMarker) {
		t.Errorf("crash output contains %q, printed before the crash", crashOutputMarker)
	}
	before, ok := strings.CutSuffix(stderr, crash)
	if !ok {
		t.Fatalf("standard error does not end with the crash output\nstandard error:\n%s\ncrash output:\n%s", stderr, crash)
	}
	return before
}

// checkCrashExit checks how the crashed program ended: with exit status 2,
// or killed by SIGABRT if abort is set (GOTRACEBACK=crash).
func checkCrashExit(t *testing.T, ps *os.ProcessState, abort bool) {
	t.Helper()
	if abort {
		// ps.Sys() is not a syscall.WaitStatus everywhere this
		// file is built; the state's description is.
		if ps.ExitCode() != -1 || !strings.HasPrefix(ps.String(), "signal: aborted") {
			t.Errorf("program: %v, want killed by SIGABRT", ps)
		}
	} else if ps.ExitCode() != 2 {
		t.Errorf("program: %v, want exit status 2", ps)
	}
}
