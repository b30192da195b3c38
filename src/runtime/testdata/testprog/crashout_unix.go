// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build unix

package main

// Crash output programs that die by a Unix signal. See crashout.go.

import (
	"os"
	"syscall"
	"time"
	"unsafe"
)

func init() {
	register("CrashOutputSIGBUS", CrashOutputSIGBUS)
	register("CrashOutputSIGFPE", CrashOutputSIGFPE)
	register("CrashOutputSIGQUIT", CrashOutputSIGQUIT)
	register("CrashOutputPrintFault", CrashOutputPrintFault)
}

// CrashOutputSIGBUS reads a page of a file mapping that lies past the end
// of the (empty) file: a real SIGBUS, which the runtime reports as an
// unexpected fault address.
func CrashOutputSIGBUS() {
	f, err := os.CreateTemp("", "crashout")
	if err != nil {
		println(err.Error())
		os.Exit(1)
	}
	os.Remove(f.Name())
	b, err := syscall.Mmap(int(f.Fd()), 0, os.Getpagesize(), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		println(err.Error())
		os.Exit(1)
	}
	setCrashOutput()
	println(b[0])
}

// CrashOutputSIGFPE sends itself a SIGFPE, which the runtime cannot turn
// into a panic and so treats as fatal. (Go code has no hardware SIGFPE:
// division by zero is checked by the compiled code.)
func CrashOutputSIGFPE() {
	setCrashOutput()
	syscall.Kill(syscall.Getpid(), syscall.SIGFPE)
	time.Sleep(time.Hour) // wait for the signal to be delivered
}

// CrashOutputSIGQUIT sends itself a SIGQUIT: the runtime dumps the
// goroutines and exits.
func CrashOutputSIGQUIT() {
	setCrashOutput()
	syscall.Kill(syscall.Getpid(), syscall.SIGQUIT)
	time.Sleep(time.Hour) // wait for the signal to be delivered
}

// CrashOutputPrintFault panics with a string whose bytes are unreadable:
// the runtime faults while it prints the panic's first line, and the
// fault's own report follows what was printed before it.
func CrashOutputPrintFault() {
	setCrashOutput()
	panic(unsafe.String((*byte)(unsafe.Pointer(uintptr(8))), 16))
}
