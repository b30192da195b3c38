// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build unix

package runtime

import "unsafe"

// Crash reports for threads that C created.
//
// A signal on a thread that is not running Go code (a thread that C
// created, or one that called into Go and returned) reaches badsignal.
// Unless os/signal wants it, raisebadsignal hands it to the disposition
// that was in place before the Go runtime installed its handlers. When
// that is the default action and the signal is the thread's own crash, the
// process dies of it, and upstream prints nothing: a NULL dereference or an
// abort() in a C library leaves no trace. raisebadsignal calls
// cthreadCrashReport just before it hands such a signal over; the report is
// printed like any crash, and then the signal kills the process as before,
// with the same exit status and core dump.
//
// A handler that C installed before the Go runtime started (a crash
// reporter, a JVM, a sanitizer) is what Go forwards to instead: it gets the
// signal as before, and nothing is printed.

// cthreadCrashReport prints a crash report for sig, which arrived on a
// thread not running Go code and is about to be handed to the default
// action, if the signal is that thread's own crash (cthreadCrashSignal).
//
// It runs in the signal handler, on the g0 of the extra M that badsignal
// took with needm(true), which calls no C code. The thread may hold C
// locks, malloc's among them, so the report calls no C code (except the
// functions registered with SetCgoTraceback, which must be async-signal
// safe) and allocates nothing (startpanic_m sets m.mallocing). It takes the
// locks every crash takes: paniclk, which a crash already in progress holds
// until it ends the process or has printed its report, and the print lock.
func cthreadCrashReport(sig uint32, c *sigctxt) {
	if !cthreadCrashSignal(sig, c) || isSecureMode() {
		return
	}
	gp := getg()
	if gp == nil || gp.m == nil || !gp.m.isExtraInSig {
		return // not badsignal's extra M: leave the signal as it is
	}
	if !startpanic_m() {
		// A fault while this thread was printing the report: stop
		// printing and let the signal end the process.
		crashFlush()
		return
	}
	printCThreadSignal(sig, c)

	// The thread runs no goroutine: GOTRACEBACK=single has nothing
	// more to show than the thread itself; all, system and crash show
	// every goroutine. The borrowed M's own goroutine is not one of the
	// program's, and is left out.
	level, all, _ := gotraceback()
	if level > 0 {
		printCThreadFrames(c)
		print("\n")
		dumpregs(c)
		if all {
			tracebackothers(gp.m.curg)
		}
	}
	crashFlush() // the signal ends the process next
}

// printCThreadSignal prints the first lines of the report: the signal in
// the form the runtime uses for a fatal signal on a Go thread, less the m
// (the thread has none of its own), and where it arrived.
func printCThreadSignal(sig uint32, c *sigctxt) {
	if sig < uint32(len(sigtable)) {
		print(sigtable[sig].name, "\n")
	} else {
		print("Signal ", sig, "\n")
	}
	print("PC=", hex(c.sigpc()), " sigcode=", c.sigcode())
	if sig == _SIGSEGV || sig == _SIGBUS {
		print(" addr=", hex(c.fault()))
	}
	print("\n")
	print("signal arrived on a thread not created by Go\n")
}

// printCThreadFrames prints the C frames of the thread from the signal
// context, if the program registered a cgo traceback function: the
// function gets the signal context, as it does for a signal during a cgo
// call, and the symbolizer names the frames.
func printCThreadFrames(c *sigctxt) {
	if cgoTraceback == nil {
		return
	}
	var pcs cgoCallers
	arg := cgoTracebackArg{
		sigContext: uintptr(c.ctxt),
		buf:        &pcs[0],
		max:        uintptr(len(pcs)),
	}
	// On g0 asmcgocall calls the function on the current stack.
	asmcgocall(cgoTraceback, noescape(unsafe.Pointer(&arg)))
	print("\n")
	printCgoTraceback(&pcs)
}
