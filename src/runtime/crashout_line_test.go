// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package runtime_test

import (
	"bytes"
	"internal/testenv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// Tests of how a crash report is written: whole lines, batched.

// crashWriteMax is the most the runtime writes at once while crashing (its
// crashChunk): the crash output lags standard error by at most that much.
const crashWriteMax = 4096

// TestCrashOutputKilledMidDump kills a program with SIGKILL in the middle of
// a long dump. Standard error and the crash output, both pipes, must each
// end on a line boundary, and the crash output may lag standard error by at
// most the one write in progress.
func TestCrashOutputKilledMidDump(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the crash output is opened as /dev/fd/3, which needs Linux")
	}
	t.Parallel()
	exe, err := buildTestProg(t, "testprog")
	if err != nil {
		t.Fatal(err)
	}
	errR, errW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	crashR, crashW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := testenv.CleanCmdEnv(testenv.Command(t, exe, "CrashOutputBigDump"))
	cmd.Env = append(cmd.Env, "CRASHOUT_FILE=/dev/fd/3", "CRASHOUT_GOROUTINES=20000", "GOTRACEBACK=all")
	cmd.Stderr = errW
	cmd.ExtraFiles = []*os.File{crashW}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	errW.Close()
	crashW.Close()

	// Kill the program once 256 KiB of its crash output arrived, a few
	// percent of the whole report.
	const killAt = 256 << 10
	var stderr bytes.Buffer
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		io.Copy(&stderr, errR)
	}()
	var crash bytes.Buffer
	buf := make([]byte, 32<<10)
	killed := false
	for {
		n, err := crashR.Read(buf)
		crash.Write(buf[:n])
		if !killed && crash.Len() >= killAt {
			cmd.Process.Signal(syscall.SIGKILL)
			killed = true
		}
		if err != nil {
			break
		}
	}
	wg.Wait()
	cmd.Wait()
	if !killed || cmd.ProcessState.String() != "signal: killed" {
		t.Fatalf("program: %v after %d bytes of crash output, want killed mid-dump", cmd.ProcessState, crash.Len())
	}
	t.Logf("killed after %d bytes of crash output; stderr %d bytes, crash output %d bytes", killAt, stderr.Len(), crash.Len())

	report := stderr.String()
	if i := strings.Index(report, "panic: crashout: big dump\n"); i >= 0 {
		report = report[i:]
	}
	out := crash.String()
	if !strings.HasPrefix(out, "panic: crashout: big dump\n") {
		t.Fatalf("crash output starts with %.80q, want the panic", out)
	}
	for name, s := range map[string]string{"standard error": report, "crash output": out} {
		if !strings.HasSuffix(s, "\n") {
			t.Errorf("%s ends in the middle of a line: ...%q", name, s[max(0, len(s)-80):])
		}
	}
	rest, ok := strings.CutPrefix(report, out)
	if !ok {
		t.Fatalf("the crash output is not the start of standard error's report")
	}
	if len(rest) > crashWriteMax {
		t.Errorf("standard error is %d bytes ahead of the crash output, want at most %d", len(rest), crashWriteMax)
	}
}

// TestCrashOutputCrashComplete checks GOTRACEBACK=crash: every thread
// prints its stack in turn, then the process aborts. The crash output must
// hold all of it, ending with the last thread's register dump.
func TestCrashOutputCrashComplete(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs Unix signals")
	}
	t.Parallel()
	stderr, crash, ps := runCrashOutputProg(t, "testprog", "CrashOutputSIGFPE", "GOTRACEBACK=crash")
	checkCrashOutput(t, stderr, crash, "SIGFPE: floating-point exception")
	checkCrashExit(t, ps, true)
	threads := strings.Count(crash, "\n-----\n\nSIGQUIT: quit\n")
	if threads == 0 {
		t.Errorf("no other thread printed its stack:\n%s", crash)
	}
	lines := strings.Split(strings.TrimSuffix(crash, "\n"), "\n")
	last := lines[len(lines)-1]
	if !strings.HasSuffix(crash, "\n") || !regexp.MustCompile(`^[a-z0-9]+ +0x[0-9a-f]+$`).MatchString(last) {
		t.Errorf("crash output ends with %q, want a register of the last thread's dump", last)
	}
}

// TestCrashOutputStderrUnbuffered checks that off the crash path standard
// error is written as before, even with a crash output set: a program that
// prints part of a line and then sleeps has that part on standard error.
func TestCrashOutputStderrUnbuffered(t *testing.T) {
	t.Parallel()
	exe, err := buildTestProg(t, "testprog")
	if err != nil {
		t.Fatal(err)
	}
	cmd := testenv.CleanCmdEnv(exec.Command(exe, "CrashOutputPartialLine"))
	cmd.Env = append(cmd.Env, "CRASHOUT_FILE="+filepath.Join(t.TempDir(), "crash.txt"))
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = w
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	defer cmd.Wait()
	defer cmd.Process.Kill()
	want := crashOutputMarker + "\na line in progress: "
	got := make([]byte, len(want))
	if _, err := io.ReadFull(r, got); err != nil || string(got) != want {
		t.Fatalf("read %q, %v from standard error; want %q before the line ends", got, err, want)
	}
}
