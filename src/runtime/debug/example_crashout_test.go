// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package debug_test

import (
	"io"
	"log"
	"os"
	"os/exec"
	"runtime/debug"
)

// ExampleSetCrashOutput_monitor shows a program that watches itself for
// crashes. At start-up it runs a second copy of its own executable as a
// crash watcher, marked by an environment variable, and hands the write end
// of a pipe to SetCrashOutput. The watcher reads the other end until EOF,
// which comes when the program exits, however it exits. Since only crash
// reports reach the pipe, any bytes the watcher got are a crash report,
// which it saves; a real watcher might upload it instead.
//
// A program would do this first thing in main:
//
//	func main() {
//		startCrashWatcher()
//		...
//	}
func ExampleSetCrashOutput_monitor() {
	startCrashWatcher()

	// The rest of the program runs here. If it crashes, the watcher
	// saves the report.
}

// crashWatcherEnv is set in the environment of the crash watcher process.
const crashWatcherEnv = "EXAMPLE_CRASH_WATCHER"

// startCrashWatcher runs the crash watcher, or, in the watcher process,
// does the watcher's job and exits.
func startCrashWatcher() {
	if os.Getenv(crashWatcherEnv) != "" {
		watchForCrash()
		os.Exit(0)
	}

	exe, err := os.Executable()
	if err != nil {
		log.Fatal(err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		log.Fatal(err)
	}
	watcher := exec.Command(exe)
	watcher.Env = append(os.Environ(), crashWatcherEnv+"=1")
	watcher.Stdin = r // the watcher reads crash reports on its standard input
	watcher.Stderr = os.Stderr
	if err := watcher.Start(); err != nil {
		log.Fatalf("starting the crash watcher: %v", err)
	}
	r.Close() // the watcher has its own copy

	// SetCrashOutput keeps a duplicate of w, which no process started
	// from now on inherits, so w itself can be closed.
	if err := debug.SetCrashOutput(w, debug.CrashOptions{}); err != nil {
		log.Fatalf("SetCrashOutput: %v", err)
	}
	w.Close()
}

// watchForCrash reads the crash output to EOF and saves what it got, if
// anything.
func watchForCrash() {
	report, err := io.ReadAll(os.Stdin)
	if err != nil {
		log.Fatalf("crash watcher: %v", err)
	}
	if len(report) == 0 {
		return // the program exited without crashing
	}
	f, err := os.CreateTemp("", "crash-*.txt")
	if err != nil {
		log.Fatalf("crash watcher: %v", err)
	}
	if _, err := f.Write(report); err != nil {
		log.Fatalf("crash watcher: %v", err)
	}
	if err := f.Close(); err != nil {
		log.Fatalf("crash watcher: %v", err)
	}
	log.Printf("crash watcher: saved a %d-byte crash report to %s", len(report), f.Name())
}
