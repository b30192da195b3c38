// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

// Programs for the runtime/debug.SetCrashOutput tests in
// runtime/crashout_test.go. Each one sends its crash output to the file
// named by $CRASHOUT_FILE, prints crashOutputMarker, which is not part of
// any crash report, and then dies in one specific way (or, for
// CrashOutputQuiet, does not die at all).

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
	"unsafe"
)

// crashOutputMarker is printed by every program before it crashes. The
// tests check that it reaches standard error but not the crash output.
const crashOutputMarker = "not a crash"

func init() {
	register("CrashOutputPanic", CrashOutputPanic)
	register("CrashOutputGoroutinePanic", CrashOutputGoroutinePanic)
	register("CrashOutputNestedPanic", CrashOutputNestedPanic)
	register("CrashOutputRepanic", CrashOutputRepanic)
	registerInit("CrashOutputInitPanic", CrashOutputInitPanic)
	register("CrashOutputErrorPanic", CrashOutputErrorPanic)
	register("CrashOutputRuntimeError", CrashOutputRuntimeError)
	register("CrashOutputTraceback", CrashOutputTraceback)
	register("CrashOutputMapWrites", CrashOutputMapWrites)
	register("CrashOutputDeadlock", CrashOutputDeadlock)
	register("CrashOutputGoexit", CrashOutputGoexit)
	register("CrashOutputStackOverflow", CrashOutputStackOverflow)
	register("CrashOutputNilDeref", CrashOutputNilDeref)
	register("CrashOutputFault", CrashOutputFault)
	register("CrashOutputQuiet", CrashOutputQuiet)
	register("CrashOutputQuietThenPanic", CrashOutputQuietThenPanic)
}

// setCrashOutput sends the crash output to $CRASHOUT_FILE, closes its own
// copy of the file (SetCrashOutput keeps a duplicate) and prints the marker.
// With CRASHOUT_FILE unset it only prints the marker: the crash output is
// GOCRASHOUTPUT's.
func setCrashOutput() {
	if os.Getenv("CRASHOUT_FILE") == "" {
		println(crashOutputMarker)
		return
	}
	f, err := os.OpenFile(os.Getenv("CRASHOUT_FILE"), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o666)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := debug.SetCrashOutput(f, debug.CrashOptions{}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	println(crashOutputMarker)
}

func CrashOutputPanic() {
	setCrashOutput()
	panic("crashout: main panic")
}

// CrashOutputGoroutinePanic panics in a second goroutine while the main
// goroutine is blocked.
func CrashOutputGoroutinePanic() {
	setCrashOutput()
	go func() {
		panic("crashout: goroutine panic")
	}()
	select {}
}

func CrashOutputNestedPanic() {
	setCrashOutput()
	defer func() {
		panic("crashout: second panic")
	}()
	panic("crashout: first panic")
}

func CrashOutputRepanic() {
	setCrashOutput()
	defer func() {
		panic(recover())
	}()
	panic("crashout: repanicked")
}

// CrashOutputInitPanic runs from an init function, before main.
func CrashOutputInitPanic() {
	setCrashOutput()
	panic("crashout: init panic")
}

// CrashOutputTraceback panics in the main goroutine once a second goroutine
// is blocked in a channel receive, so that every GOTRACEBACK level prints
// something different: nothing, the main goroutine, both, and both with
// the runtime's goroutines and frames.
func CrashOutputTraceback() {
	setCrashOutput()
	go crashOutputBlocked(make(chan int))
	buf := make([]byte, 64<<10)
	for !strings.Contains(string(buf[:runtime.Stack(buf, true)]), "[chan receive]:") {
		runtime.Gosched()
	}
	panic("crashout: traceback")
}

func crashOutputBlocked(c chan int) {
	<-c
}

func CrashOutputErrorPanic() {
	setCrashOutput()
	panic(fmt.Errorf("crashout: %w", errors.New("error value")))
}

func CrashOutputRuntimeError() {
	setCrashOutput()
	var s []int
	i := len(os.Args) + 4
	_ = s[i] // index out of range
}

func CrashOutputMapWrites() {
	setCrashOutput()
	m := map[int]int{}
	for i := 0; i < 2; i++ {
		go func() {
			for j := 0; ; j++ {
				m[j&1023] = j
			}
		}()
	}
	select {}
}

func CrashOutputDeadlock() {
	setCrashOutput()
	select {}
}

func CrashOutputGoexit() {
	setCrashOutput()
	runtime.Goexit()
}

func CrashOutputStackOverflow() {
	setCrashOutput()
	debug.SetMaxStack(256 << 10)
	crashOutputRecurse(nil)
}

func crashOutputRecurse(p *[64]byte) byte {
	var buf [64]byte
	if p != nil {
		buf[0] = p[1]
	}
	return crashOutputRecurse(&buf) + buf[2]
}

// CrashOutputNilDeref dies by a SIGSEGV (or the platform's equivalent) at
// address 0, which the runtime turns into a run-time panic.
func CrashOutputNilDeref() {
	setCrashOutput()
	var p *int
	println(*p)
}

// CrashOutputFault dies by a SIGSEGV (or the platform's equivalent) at an
// address that is not nil: the runtime reports an unexpected fault address
// and throws.
func CrashOutputFault() {
	setCrashOutput()
	addr := uintptr(0xdead0000) // not mapped, not near nil
	p := *(**int)(unsafe.Pointer(&addr))
	println(*p)
}

// crashOutputNoise prints, traces and recovers as much as it can without
// crashing. It is run with gctrace and schedtrace set in $GODEBUG.
func crashOutputNoise() {
	setCrashOutput()
	println("println: still not a crash")
	runtime.GC()
	runtime.GC()
	time.Sleep(100 * time.Millisecond) // let schedtrace print
	func() {
		defer func() {
			println("recovered:", recover().(string))
		}()
		panic("crashout: recovered panic")
	}()
	debug.PrintStack()
}

func CrashOutputQuiet() {
	crashOutputNoise()
}

func CrashOutputQuietThenPanic() {
	crashOutputNoise()
	panic("crashout: panic after noise")
}
