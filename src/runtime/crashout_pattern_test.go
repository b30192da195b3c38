// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build linux

package runtime_test

import (
	"bytes"
	"errors"
	"internal/testenv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Crash report files: GOCRASHOUTPUT=/dir/pattern gives every crash a new
// file in dir, a header and then the report, byte for byte what standard
// error gets. (runtime/debug's tests check the file names, modes and the
// header's facts.)

// crashPatternCases are the crashes whose reports go to a pattern file:
// a panic, fatal errors, fatal signals, a SIGQUIT dump, and GOTRACEBACK=crash,
// where every thread prints and the process aborts.
var crashPatternCases = []string{"Panic", "MapWrites", "StackOverflow", "NilDeref", "Fault", "SIGQUIT", "PrintFault", "GotracebackCrash", "GotracebackCrashSignal"}

func TestCrashOutputPattern(t *testing.T) {
	t.Parallel()
	cases := map[string]crashOutputCase{}
	for _, c := range crashOutputCases {
		cases[c.name] = c
	}
	for _, name := range crashPatternCases {
		c := cases[name]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fn := c.fn
			if fn == "" {
				fn = "CrashOutput" + c.name
			}
			exe, err := buildTestProg(t, "testprog")
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir() // also where a core dump would go
			crashes := filepath.Join(dir, "crashes")
			if err := os.Mkdir(crashes, 0o777); err != nil {
				t.Fatal(err)
			}
			cmd := testenv.CleanCmdEnv(testenv.Command(t, exe, fn))
			cmd.Env = append(cmd.Env, "GOCRASHOUTPUT="+crashes+"/%e-%p-%t.crash")
			cmd.Env = append(cmd.Env, c.env...)
			cmd.Dir = dir
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err = cmd.Run()
			var exitErr *exec.ExitError
			if err != nil && !errors.As(err, &exitErr) {
				t.Fatalf("%v: %v", cmd, err)
			}
			checkCrashExit(t, cmd.ProcessState, c.abort)
			_, report := readCrashPatternFile(t, crashes)
			if before := checkCrashOutput(t, stderr.String(), report, c.first); before != crashOutputMarker+"\n" {
				t.Errorf("standard error has %q before the crash report, want %q", before, crashOutputMarker+"\n")
			}
		})
	}
}

// readCrashPatternFile returns the header and the report of the one file
// in dir, a pattern's directory, and checks that the header is lines that
// begin "go-crash: ", then an empty line.
func readCrashPatternFile(t *testing.T, dir string) (header, report string) {
	t.Helper()
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 {
		t.Fatalf("%d files in the pattern's directory, want 1: %v", len(files), files)
	}
	b, err := os.ReadFile(filepath.Join(dir, files[0].Name()))
	if err != nil {
		t.Fatal(err)
	}
	header, report, ok := strings.Cut(string(b), "\n\n")
	if !ok {
		t.Fatalf("crash report file %s has no header:\n%s", files[0].Name(), b)
	}
	for _, line := range strings.Split(header, "\n") {
		if !strings.HasPrefix(line, "go-crash: ") {
			t.Errorf("header line %q does not begin %q", line, "go-crash: ")
		}
	}
	return header, report
}

// A crash on a thread that C created lands in a pattern file too, and so
// does every thread's dump at GOTRACEBACK=crash: one file, one header.
func TestCrashOutputPatternCThread(t *testing.T) {
	testenv.MustHaveCGO(t)
	t.Parallel()
	for _, level := range []string{"single", "crash"} {
		level := level
		t.Run(level, func(t *testing.T) {
			t.Parallel()
			crashes := t.TempDir()
			r := runCThreadProg(t, "CrashOutputCThreadSegv", "none", "GOTRACEBACK="+level, "GOCRASHOUTPUT="+crashes+"/%e-%p.crash")
			const first = "SIGSEGV: segmentation violation\nPC=0x"
			report := r.checkReport(t, syscall.SIGSEGV, first)
			checkCThreadGoroutines(t, report, level)
			_, got := readCrashPatternFile(t, crashes)
			if before := checkCrashOutput(t, r.stderr, got, first); before != crashOutputMarker+"\n" {
				t.Errorf("standard error has %q before the crash report, want %q", before, crashOutputMarker+"\n")
			}
		})
	}
}
