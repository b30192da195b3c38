// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build linux || windows

package main

// Crash output for a fatal signal on a thread that C created. See
// runtime/crashout_cthread_test.go and crashout_cthread_windows_test.go.
// The C side is in crashout_cthread.c (Linux) and
// crashout_cthread_windows.c.

/*
void crashOutputCThreadRun(int how);
*/
import "C"

import (
	"os"
	"runtime"
	"strconv"
)

func init() {
	register("CrashOutputCThreadSegv", func() { crashOutputCThread(0) })
	register("CrashOutputCThreadAbort", func() { crashOutputCThread(1) })
	register("CrashOutputCThreadCallback", func() { crashOutputCThread(2) })
	register("CrashOutputCThreadWait", func() { crashOutputCThread(3) })
	if runtime.GOOS == "windows" {
		register("CrashOutputCThreadRaise", func() { crashOutputCThread(4) })
		register("CrashOutputCThreadOverflow", func() { crashOutputCThread(5) })
	}
}

// crashOutputCThread sends its crash output to $CRASHOUT_FILE if it is
// set, starts a goroutine that blocks ($CRASHOUT_CTHREAD_GOROUTINES of
// them if set), prints a line that is not part of the crash, and runs C
// thread how (crashOutputCThreadRun) until it ends the process.
func crashOutputCThread(how int) {
	if name := os.Getenv("CRASHOUT_FILE"); name != "" {
		setCrashOutputFile(name)
	}
	n := 1
	if s := os.Getenv("CRASHOUT_CTHREAD_GOROUTINES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	started := make(chan bool)
	for i := 0; i < n; i++ {
		go crashOutputCThreadBlocked(started)
		<-started
	}
	println("not a crash")
	C.crashOutputCThreadRun(C.int(how))
	println("C thread returned")
	os.Exit(1)
}

// crashOutputCThreadBlocked blocks for good: GOTRACEBACK=all shows it.
func crashOutputCThreadBlocked(started chan bool) {
	started <- true
	<-make(chan int)
}

//export crashOutputCThreadGo
func crashOutputCThreadGo() {
	runtime.Gosched()
}
