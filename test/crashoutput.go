// run

//go:build !js && !wasip1 && !plan9

// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Test runtime/debug.SetCrashOutput. The program runs itself again as a
// child that sets its crash output and crashes, and checks that the crash
// file holds exactly the crash report the child printed on standard error,
// or nothing when the crash output was turned off or replaced. It prints
// nothing when all is well.

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
)

const (
	modeEnv = "CRASHOUTPUT_TEST_MODE"
	dirEnv  = "CRASHOUTPUT_TEST_DIR"
)

// prefix is what a child prints on standard error before it crashes. It is
// not crash output.
const prefix = "child: before the crash\n"

func main() {
	if mode := os.Getenv(modeEnv); mode != "" {
		child(mode, os.Getenv(dirEnv))
		fail("child mode %s did not crash", mode)
	}

	// The crash file gets the crash.
	check("set", "panic: crashoutput test\n", "crash", "")
	// f may be closed right after SetCrashOutput.
	check("set-close", "panic: crashoutput test\n", "crash", "")
	// nil turns the crash output off.
	check("nil", "panic: crashoutput test\n", "", "crash")
	// A second call replaces the first file.
	check("replace", "panic: crashoutput test\n", "crash2", "crash1")
	// A closed file is an error and leaves the previous setting in effect.
	check("closed", "panic: crashoutput test\n", "crash", "closed")
	// A fatal error ("all goroutines are asleep") is crash output too.
	check("deadlock", "fatal error: all goroutines are asleep - deadlock!\n", "crash", "")
}

var keep *os.File

// child sets its crash output as mode says, in files in dir, and crashes.
func child(mode, dir string) {
	opts := debug.CrashOptions{}
	set := func(f *os.File) {
		if err := debug.SetCrashOutput(f, opts); err != nil {
			fail("SetCrashOutput: %v", err)
		}
	}
	create := func(name string) *os.File {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			fail("%v", err)
		}
		return f
	}

	switch mode {
	case "set", "deadlock":
		keep = create("crash") // stays open until the crash
		set(keep)
	case "set-close":
		f := create("crash")
		set(f)
		f.Close()
	case "nil":
		f := create("crash")
		set(f)
		f.Close()
		set(nil)
	case "replace":
		f1, f2 := create("crash1"), create("crash2")
		set(f1)
		set(f2)
		f1.Close()
		f2.Close()
	case "closed":
		f := create("crash")
		set(f)
		f.Close()
		closed := create("closed")
		closed.Close()
		if err := debug.SetCrashOutput(closed, opts); err == nil {
			fail("SetCrashOutput(closed file) = nil, want an error")
		}
	default:
		fail("unknown mode %s", mode)
	}

	os.Stderr.WriteString(prefix)
	if mode == "deadlock" {
		select {}
	}
	panic("crashoutput test")
}

// check runs a child in mode and checks that it crashed with a report
// starting with first, that the file want (if any) holds exactly that
// report, and that the file empty (if any) is empty.
func check(mode, first, want, empty string) {
	dir, err := os.MkdirTemp("", "crashoutput")
	if err != nil {
		fail("%v", err)
	}
	defer os.RemoveAll(dir)

	exe, err := os.Executable()
	if err != nil {
		fail("%v", err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), modeEnv+"="+mode, dirEnv+"="+dir, "GOTRACEBACK=single")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
		fail("%s: child: %v, want exit status 2\n%s", mode, err, stderr.Bytes())
	}
	report, ok := strings.CutPrefix(stderr.String(), prefix)
	if !ok || !strings.HasPrefix(report, first) || !strings.Contains(report, "\ngoroutine ") {
		fail("%s: child's stderr is not %q followed by a crash report starting with %q:\n%s", mode, prefix, first, stderr.Bytes())
	}
	if want != "" {
		if got := readFile(dir, want); got != report {
			fail("%s: crash file %s:\n%s\nwant the crash report on stderr:\n%s", mode, want, got, report)
		}
	}
	if empty != "" {
		if got := readFile(dir, empty); got != "" {
			fail("%s: file %s should be empty, got:\n%s", mode, empty, got)
		}
	}
}

func readFile(dir, name string) string {
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		fail("%v", err)
	}
	return string(b)
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "crashoutput: "+format+"\n", args...)
	os.Exit(1)
}
