// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build linux || windows

package runtime_test

import (
	"bytes"
	"errors"
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
)

// What the tests of crash reports for threads that C created share on
// Linux (crashout_cthread_test.go) and Windows
// (crashout_cthread_windows_test.go). Each OS supplies cthreadTestProg,
// stripSystemNote, systemDebuggerRuns and runAndKillCThread.

// cthreadOutputs are the ways a program gets a crash output.
var cthreadOutputs = []string{"SetCrashOutput", "GOCRASHOUTPUT", "none"}

// A cthreadRun is what a test program did.
type cthreadRun struct {
	stderr string // standard error, less the emulator's note of the signal
	crash  string // the crash output; "" for none
	out    string // how it had one: SetCrashOutput, GOCRASHOUTPUT or none
	ps     *os.ProcessState
}

// runCThreadProg runs function fn of testprogcgo with env added to its
// environment and a crash output of kind out (cthreadOutputs). An env entry
// kill=N is not passed on: the program's C thread writes its thread ID to
// standard output, and the test sends it signal N.
func runCThreadProg(t *testing.T, fn, out string, env ...string) cthreadRun {
	t.Helper()
	exe := cthreadTestProg(t)
	dir := t.TempDir() // also where a core dump would go
	crashFile := filepath.Join(dir, "crash.txt")
	args := []string{exe, fn}
	if w := os.Getenv("GO_CRASHOUT_TEST_EXEC"); w != "" {
		args = append(strings.Fields(w), args...)
	}
	cmd := testenv.CleanCmdEnv(testenv.Command(t, args[0], args[1:]...))
	switch out {
	case "SetCrashOutput":
		cmd.Env = append(cmd.Env, "CRASHOUT_FILE="+crashFile)
	case "GOCRASHOUTPUT":
		cmd.Env = append(cmd.Env, "GOCRASHOUTPUT="+crashFile)
	}
	kill := syscall.Signal(0)
	for _, kv := range env {
		if n, ok := strings.CutPrefix(kv, "kill="); ok {
			k, _ := strconv.Atoi(n)
			kill = syscall.Signal(k)
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stderr = &stderr
	var err error
	if kill == 0 {
		cmd.Stdout = &stdout
		err = cmd.Run()
	} else {
		err = runAndKillCThread(t, cmd, kill)
	}
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		t.Fatalf("%v: %v", cmd, err)
	}
	t.Logf("%v: %v", cmd, cmd.ProcessState)
	if stdout.Len() > 0 && !systemDebuggerRuns() {
		t.Errorf("program wrote to standard output:\n%s", stdout.Bytes())
	}
	r := cthreadRun{stderr: stripSystemNote(stderr.String()), out: out, ps: cmd.ProcessState}
	if out != "none" {
		b, err := os.ReadFile(crashFile)
		if err != nil && !(out == "GOCRASHOUTPUT" && errors.Is(err, os.ErrNotExist)) {
			t.Fatal(err)
		}
		r.crash = string(b)
	}
	return r
}

// checkReportText checks that the program printed a crash report for a
// fatal signal or exception on its C thread, starting with first, to
// standard error and to its crash output alike. It returns the report.
func (r cthreadRun) checkReportText(t *testing.T, first string) string {
	t.Helper()
	report, ok := strings.CutPrefix(r.stderr, crashOutputMarker+"\n")
	if !ok {
		t.Fatalf("standard error does not start with %q:\n%s", crashOutputMarker, r.stderr)
	}
	if r.out != "none" {
		if before := checkCrashOutput(t, r.stderr, r.crash, first); before != crashOutputMarker+"\n" {
			t.Errorf("standard error has %q before the crash output, want %q", before, crashOutputMarker+"\n")
		}
	} else if !strings.HasPrefix(report, first) {
		t.Errorf("report on standard error starts with %q, want %q", report[:min(len(report), 60)], first)
	}
	if !strings.Contains(report, "\nsignal arrived on a thread not created by Go\n") {
		t.Errorf("report does not say where the signal arrived:\n%s", report)
	}
	checkCThreadRegisters(t, report)
	return report
}

// checkCHandlerEnd checks that a handler that C installed got the crash
// and ended the process: standard error is the program's line and then
// handlerLine, which the handler writes, the crash output is empty, and
// the exit status is the handler's 42.
func (r cthreadRun) checkCHandlerEnd(t *testing.T, handlerLine string) {
	t.Helper()
	if want := crashOutputMarker + "\n" + handlerLine; r.stderr != want {
		t.Errorf("standard error is %q, want %q", r.stderr, want)
	}
	if r.crash != "" {
		t.Errorf("crash output is %q, want it empty", r.crash)
	}
	if r.ps.ExitCode() != 42 {
		t.Errorf("program: %v, want exit status 42 (the C handler's)", r.ps)
	}
}

// cthreadPCRegister is the name dumpregs gives the program counter.
var cthreadPCRegister = map[string]string{"amd64": "rip", "arm64": "pc", "386": "eip"}

// checkCThreadRegisters checks that the report has the registers of the
// signal context: its program counter is the PC= of the report's second line.
func checkCThreadRegisters(t *testing.T, report string) {
	t.Helper()
	name, ok := cthreadPCRegister[runtime.GOARCH]
	if !ok {
		return
	}
	m := regexp.MustCompile(`\nPC=(0x[0-9a-f]+)[ \n]`).FindStringSubmatch(report)
	if m == nil {
		t.Errorf("report has no PC= line:\n%s", report)
		return
	}
	if !regexp.MustCompile(`\n` + name + ` +` + m[1] + `\n`).MatchString(report) {
		t.Errorf("report lacks register %q with the value of PC=%s:\n%s", name, m[1], report)
	}
}

// checkCThreadGoroutines checks the goroutines in the report: none at
// GOTRACEBACK=single (none ran on the C thread), every user goroutine at
// all, and the runtime's goroutines and frames too at crash.
func checkCThreadGoroutines(t *testing.T, report, level string) {
	t.Helper()
	has := func(s string) bool { return strings.Contains(report, s) }
	switch level {
	case "single":
		if has("\ngoroutine ") {
			t.Errorf("GOTRACEBACK=single report shows goroutines:\n%s", report)
		}
	case "all", "crash":
		for _, s := range []string{"\ngoroutine 1 ", "main.crashOutputCThread(", "main.crashOutputCThreadBlocked("} {
			if !has(s) {
				t.Errorf("GOTRACEBACK=%s report lacks %q:\n%s", level, s, report)
			}
		}
		if system := has("runtime.gopark("); system != (level == "crash") {
			t.Errorf("GOTRACEBACK=%s report has runtime frames: %v, want %v:\n%s", level, system, level == "crash", report)
		}
	}
}
