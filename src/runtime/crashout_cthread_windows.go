// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package runtime

import (
	"runtime/internal/atomic"
	"unsafe"
)

// Crash reports for exceptions on threads that C created (Windows).
//
// An exception on a thread that runs no Go code (one that C created with
// CreateThread, or one that called into Go and returned) reaches the
// runtime's vectored handler first, before the thread's own handlers
// (__try/__except, C++ catch) have had their say; the handler finds no g
// and passes the exception on, rightly, since those may yet handle it. Only
// when no frame of the thread handles it does the system call the
// process's unhandled exception filter, just before it ends the process
// (Windows Error Reporting, or wine's debugger). There upstream prints
// nothing.
//
// On windows/amd64 the runtime installs that filter, unhandledtramp, in
// osinit. The filter first calls the one it replaced (the C runtime's, or a
// crash reporter's that C installed before the Go runtime started); if
// that one does not handle the exception and the thread runs no Go code,
// unhandledFilter prints a crash report like any crash's and returns
// EXCEPTION_CONTINUE_SEARCH, so the process ends exactly as before. A
// filter that C installs later replaces the runtime's and gets every
// unhandled exception, as it asked. A Go library in a C program
// (c-archive, c-shared) leaves the host's filter alone.

// callbackUnhandled is the kind sigtramp passes to sigtrampgo for the
// unhandled exception filter.
const callbackUnhandled = callbackLastVCH + 1

// _EXCEPTION_STACK_OVERFLOW is STATUS_STACK_OVERFLOW. The filter of an
// overflowed thread runs in the little stack the system keeps in reserve,
// too little for needm's stack checks and a report: it gets no report.
const _EXCEPTION_STACK_OVERFLOW = 0xc00000fd

// prevUnhandledFilter is the filter that installUnhandledFilter replaced,
// or 0. It is written once in osinit, just after the runtime's filter is
// installed, and then prevFilterKnown is set; the filter reads it only
// after seeing prevFilterKnown set.
var (
	prevUnhandledFilter uintptr
	prevFilterKnown     atomic.Uint32
)

// cthreadReporting is set by the first thread whose exception
// unhandledFilter reports.
var cthreadReporting atomic.Uint32

// unhandledFilter is the unhandled exception filter (sigtrampgo calls it
// for callbackUnhandled); gp is the thread's g, nil if it runs no Go code.
// It returns what the filter returns.
//
// It is nosplit because on a thread without a g there is no stack bound
// to check and no M; an M is borrowed (needm) only once the exception is
// known to end the process.
//
//go:nosplit
func unhandledFilter(ep *exceptionpointers, gp *g) int32 {
	if r := callPrevUnhandledFilter(ep); r != _EXCEPTION_CONTINUE_SEARCH {
		return r // handled, or the process ends as that filter decided
	}
	if gp != nil || !cgoHasExtraM || ep.record.exceptioncode == _EXCEPTION_STACK_OVERFLOW {
		// A Go thread's exceptions are the runtime's vectored handlers'
		// business; without an extra M, or on an overflowed stack,
		// there is nothing to print with.
		return _EXCEPTION_CONTINUE_SEARCH
	}
	waitUnlessFirstReport()
	needm(true)
	cthreadExceptionReport(ep.record, ep.context)
	return _EXCEPTION_CONTINUE_SEARCH
}

// callPrevUnhandledFilter returns what the filter that the runtime's
// replaced returns for ep, or EXCEPTION_CONTINUE_SEARCH if there was none.
// A thread that crashes while osinit installs the filter waits the few
// instructions until that filter is known. It needs no g or M.
//
//go:nosplit
func callPrevUnhandledFilter(ep *exceptionpointers) int32 {
	for prevFilterKnown.Load() == 0 {
		osyield_no_g()
	}
	prev := prevUnhandledFilter
	if prev == 0 {
		return _EXCEPTION_CONTINUE_SEARCH
	}
	return int32(stdcall_no_g(stdFunction(unsafe.Pointer(prev)), 1, uintptr(noescape(unsafe.Pointer(&ep)))))
}

// waitUnlessFirstReport returns on the first thread to call it. Any other
// thread waits for good: a report is being printed, and the process ends
// when it is done, not sooner. Left to needm and paniclk, such a thread
// would wait too, but spinning: the first report has usually taken the
// only extra M, and lockextra polls with a zero-millisecond sleep on
// Windows. It needs no g or M.
//
//go:nosplit
func waitUnlessFirstReport() {
	if cthreadReporting.CompareAndSwap(0, 1) {
		return
	}
	for {
		usleep_no_g(1000000)
	}
}

// cthreadExceptionReport prints the crash report for exception info, which
// no one handled on a thread that runs no Go code.
//
// It runs on the g0 of the extra M that unhandledFilter borrowed. The
// thread may hold C locks, malloc's among them, so the report allocates
// nothing (startpanic_m sets m.mallocing) and calls no C library code,
// only the system (stdcall) to write and to stop the Go threads. It takes
// the locks every crash takes: paniclk, which a crash already in progress
// holds until it ends the process, and the print lock. It leaves paniclk
// held: the process ends when the filter returns.
func cthreadExceptionReport(info *exceptionrecord, r *context) {
	gp := getg()
	if !startpanic_m() {
		// A fault while this thread was printing the report.
		crashFlush()
		return
	}
	print("Exception ", hex(info.exceptioncode), " ", hex(info.exceptioninformation[0]), " ",
		hex(info.exceptioninformation[1]), " ", hex(r.ip()), "\n")
	print("PC=", hex(r.ip()), "\n")
	print("signal arrived on a thread not created by Go\n")

	// As on Unix (cthreadCrashReport): the thread runs no goroutine, and
	// the borrowed M's own goroutine is not one of the program's.
	level, all, _ := gotraceback()
	if level > 0 {
		print("\n")
		dumpregs(r)
		if all {
			tracebackothers(gp.m.curg)
		}
	}
	crashFlush() // the process ends next
}
