// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Scenario is the crashing program of the platform suite
// (misc/crashout/platforms). The suite cross-compiles it for each platform
// and runs it there, natively or under wine or qemu:
//
//	scenario CASE
//
// in a fresh directory. Every case prints the marker line (println, so on
// standard error and never part of a crash report), then crashes; standard
// error after the marker is the crash report. The crash output goes to the
// file "crash" in the current directory (for the monitor and inherit
// cases, a child or parent copies what it read from a pipe there), except
// in the case nildisables, which must leave "crash" empty.
//
// A case that starts a copy of the program (monitor, envpath, inherit)
// starts it through the command line in $SCENARIO_EXEC, if set: the
// emulator when binfmt is not registered (SCENARIO_EXEC=qemu-s390x-static).
package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"
)

// Marker is the line printed before every crash.
const Marker = "crashout-platforms: printed before the crash"

var cases = map[string]func(){
	// Crashes with the crash output set to the file "crash".
	"panic": func() {
		setFile(false)
		panic("boom")
	},
	"mapwrites": func() {
		setFile(false)
		m := map[int]int{}
		for i := 0; i < 2; i++ {
			go func() {
				for j := 0; ; j++ {
					m[j&1023] = j
				}
			}()
		}
		select {}
	},
	"nilderef": func() {
		setFile(false)
		*nilp = 1
	},
	"goroutines": func() { // run with GOTRACEBACK=all
		setFile(false)
		manyGoroutines()
		panic("boom with 1000 goroutines")
	},
	"closeafter": func() {
		setFile(true)
		panic("boom after closing the file")
	},
	"nildisables": func() {
		setFile(false)
		if err := debug.SetCrashOutput(nil, debug.CrashOptions{}); err != nil {
			fail("SetCrashOutput(nil): %v", err)
		}
		panic("boom with the crash output turned off")
	},
	// The crash output is a pipe read by a copy of the program, which
	// writes what it read to "crash" at EOF.
	"monitor": func() {
		monitor()
		panic("boom with a monitor")
	},
	"monitorbig": func() { // run with GOTRACEBACK=all: far more than a pipe holds
		monitor()
		manyGoroutines()
		panic("boom with a monitor and 1000 goroutines")
	},
	"monitor-child": func() {
		b, err := io.ReadAll(os.Stdin)
		if err == nil {
			err = os.WriteFile("crash.tmp", b, 0o666)
		}
		if err == nil {
			err = os.Rename("crash.tmp", "crash")
		}
		if err != nil {
			fail("monitor: %v", err)
		}
		os.Exit(0)
	},
	// A copy of the program, told by GOCRASHOUTPUT where its crash output
	// goes, panics in package init; this process waits and exits as it did.
	"envpath": func() {
		abs, err := filepath.Abs("crash")
		if err != nil {
			fail("%v", err)
		}
		cmd := self("initpanic")
		cmd.Env = append(os.Environ(), "GOCRASHOUTPUT="+abs)
		os.Exit(runChild(cmd))
	},
	"inherit":    inherit,    // GOCRASHOUTPUT=fd=3,ppid=P (Linux) or handle=H,ppid=P (Windows)
	"envpattern": envPattern, // GOCRASHOUTPUT=<dir>/%e-%p.crash (Linux)
	"initpanic":  func() {},
}

var nilp *int

// The child of envpath, envpattern and inherit: no SetCrashOutput call, and a panic
// before main runs.
var initPanic = len(os.Args) == 2 && os.Args[1] == "initpanic"

var _ = func() int {
	if initPanic {
		println(Marker)
	}
	return 0
}()

func init() {
	if initPanic {
		panic("boom in package init")
	}
}

func main() {
	if len(os.Args) != 2 || cases[os.Args[1]] == nil {
		fail("usage: scenario CASE")
	}
	cases[os.Args[1]]()
	fail("case %s did not crash", os.Args[1])
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "scenario: "+format+"\n", args...)
	os.Exit(100)
}

// setFile sends the crash output to the file "crash" and prints the
// marker; with closeAfter, it closes the file after SetCrashOutput.
func setFile(closeAfter bool) {
	f, err := os.Create("crash")
	if err != nil {
		fail("%v", err)
	}
	if err := debug.SetCrashOutput(f, debug.CrashOptions{}); err != nil {
		fail("SetCrashOutput: %v", err)
	}
	if closeAfter {
		if err := f.Close(); err != nil {
			fail("%v", err)
		}
	}
	println(Marker)
}

// self is a command that runs this program with the given case.
func self(arg string) *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		fail("%v", err)
	}
	args := append(strings.Fields(os.Getenv("SCENARIO_EXEC")), exe, arg)
	return exec.Command(args[0], args[1:]...)
}

// monitor sends the crash output to a pipe read by a copy of the program
// (case monitor-child), and prints the marker.
func monitor() {
	r, w, err := os.Pipe()
	if err != nil {
		fail("%v", err)
	}
	cmd := self("monitor-child")
	cmd.Stdin = r
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		fail("starting the monitor: %v", err)
	}
	r.Close()
	if err := debug.SetCrashOutput(w, debug.CrashOptions{}); err != nil {
		fail("SetCrashOutput: %v", err)
	}
	w.Close()
	println(Marker)
}

// manyGoroutines starts 1000 goroutines that block forever.
func manyGoroutines() {
	for i := 0; i < 1000; i++ {
		go func() { select {} }()
	}
	time.Sleep(100 * time.Millisecond)
}

// runChild runs cmd with this process's standard error and returns its
// exit status.
func runChild(cmd *exec.Cmd) int {
	cmd.Stderr = os.Stderr
	err := cmd.Run()
	if cmd.ProcessState == nil {
		fail("running the child: %v", err)
	}
	return cmd.ProcessState.ExitCode()
}

// inherit passes the write end of a pipe to a child that panics in package
// init, copies what the pipe delivered to "crash" and exits as the child did.
func inherit() {
	r, w, err := os.Pipe()
	if err != nil {
		fail("%v", err)
	}
	cmd := self("initpanic")
	cmd.Env = append(os.Environ(), "GOCRASHOUTPUT="+passInherited(cmd, w))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		fail("starting the child: %v", err)
	}
	w.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		fail("%v", err)
	}
	cmd.Wait()
	if err := os.WriteFile("crash", b, 0o666); err != nil {
		fail("%v", err)
	}
	os.Exit(cmd.ProcessState.ExitCode())
}

// envPattern runs a child that panics in package init with a pattern as
// GOCRASHOUTPUT, checks that the crash made one file in the pattern's
// directory, with a header of "go-crash: " lines and an empty line, copies
// the report after the header to "crash" and exits as the child did.
func envPattern() {
	dir, err := filepath.Abs("reports")
	if err != nil {
		fail("%v", err)
	}
	if err := os.Mkdir(dir, 0o777); err != nil {
		fail("%v", err)
	}
	cmd := self("initpanic")
	cmd.Env = append(os.Environ(), "GOCRASHOUTPUT="+dir+"/%e-%p.crash")
	code := runChild(cmd)
	files, err := os.ReadDir(dir)
	if err != nil || len(files) != 1 {
		fail("files in the pattern's directory: %v, %v; want one", files, err)
	}
	b, err := os.ReadFile(filepath.Join(dir, files[0].Name()))
	if err != nil {
		fail("%v", err)
	}
	header, report, ok := strings.Cut(string(b), "\n\n")
	if !ok {
		fail("%s has no header", files[0].Name())
	}
	for _, line := range strings.Split(header, "\n") {
		if !strings.HasPrefix(line, "go-crash: ") {
			fail("%s: header line %q", files[0].Name(), line)
		}
	}
	if err := os.WriteFile("crash", []byte(report), 0o666); err != nil {
		fail("%v", err)
	}
	os.Exit(code)
}
