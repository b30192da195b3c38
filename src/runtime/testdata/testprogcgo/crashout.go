// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

// Crash output for a fault in C code. See runtime/crashout_test.go.

/*
static void crashOutputSegv(void) {
	*(volatile int *)0 = 0;
}
*/
import "C"

import (
	"fmt"
	"os"
	"runtime/debug"
)

func init() {
	register("CrashOutputCgoSegv", CrashOutputCgoSegv)
}

// CrashOutputCgoSegv sends its crash output to $CRASHOUT_FILE, prints a
// line that is not part of the crash and then faults in C code.
func CrashOutputCgoSegv() {
	setCrashOutputFile(os.Getenv("CRASHOUT_FILE"))
	println("not a crash")
	C.crashOutputSegv()
}

// setCrashOutputFile makes the file name, truncated, the crash output, or
// exits with status 1.
func setCrashOutputFile(name string) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o666)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := debug.SetCrashOutput(f, debug.CrashOptions{}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	f.Close()
}
