// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package runtime

import (
	"runtime/internal/atomic"
	"unsafe"
)

// Crash output.
//
// runtime/debug.SetCrashOutput installs a descriptor that receives a copy of
// everything the runtime prints from the moment it decides to die until the
// process ends. Nothing printed before that moment reaches it, so any byte
// on it means a crash.
//
// The moment is startCrashOutput: called by throw and fatal before they print
// "fatal error: ...", by startpanic_m (unrecovered panics, fatal signals,
// SIGQUIT), and by the few places that print diagnostics just before a
// certain throw (stack overflow, out of memory). At that moment the crash
// latches its destination: a SetCrashOutput call that races with the crash
// neither redirects it nor closes the descriptor it writes to.
//
// Descriptors are stored plus one so that the zero value of every variable
// means "none": the state needs no initialization, and a crash early in
// start-up, before any Go code ran, finds it consistent.
var (
	// crashFD is the descriptor SetCrashOutput installed, plus one.
	crashFD atomic.Uintptr

	// crashStarted is set, never cleared, once the runtime has decided to
	// die. setCrashFD reads it after swapping crashFD, and startCrashOutput
	// sets it before reading crashFD; so when a crash latched the old
	// descriptor, setCrashFD sees the crash and does not let it be closed.
	crashStarted atomic.Bool

	// crashDest is the crash's own destination: 0 until startCrashOutput
	// latches it, then crashFD+1 at that moment (1 for none, fd+2 for fd).
	// A failing descriptor is dropped by storing 1.
	crashDest atomic.Uintptr
)

const crashDestNone = 1

// crashFDPattern is crashFD's value while a pattern is the crash output:
// a "descriptor" no system gives.
const crashFDPattern = ^uintptr(0) - 1

// crashPatternState is 0 until a crash arms the pattern, then
// crashPatternArmed, crashPatternCreating while one thread creates the
// file, and crashPatternDone.
var crashPatternState atomic.Uint32

const (
	crashPatternArmed = 1 + iota
	crashPatternCreating
	crashPatternDone
)

// crashPatternDir is the directory of the pattern, opened at start.
var crashPatternDir uintptr

// startCrashOutput records that the runtime has decided to die: from now on
// everything it prints is also written to the crash output. It is idempotent
// and may be called by several threads at once; the first latches the
// destination for all.
//
// It runs on crashing paths where the stack may not grow and there may be no
// g or m (signal handlers, early start-up), so it is nosplit and touches only
// global atomics.
//
//go:nosplit
func startCrashOutput() {
	if crashDest.Load() != 0 {
		return
	}
	crashStarted.Store(true)
	fd := crashFD.Load()
	if fd == crashFDPattern {
		// The file is created when the report is first written.
		crashPatternState.CompareAndSwap(0, crashPatternArmed)
		fd = 0
	}
	crashDest.CompareAndSwap(0, fd+1)
}

// setCrashFD installs fd as the crash output (^uintptr(0) for none). It
// returns the descriptor it replaces (^uintptr(0) for none) and whether the
// caller may close it: not once a crash has started, which may be writing
// to it. The process is dying then, so nothing is leaked for long.
//
//go:linkname setCrashFD runtime/debug.setCrashFD
func setCrashFD(fd uintptr) (old uintptr, closable bool) {
	old = crashFD.Swap(fd+1) - 1
	if old+1 == crashFDPattern {
		old = crashPatternDir // the pattern's directory, no longer needed
	}
	return old, !crashStarted.Load()
}

// writeCrashFD writes all n bytes at p to fd, the latched crash output,
// continuing after short writes and interruptions. If the descriptor fails
// (reader gone, disk full, closed) or makes no progress for the stall limit
// (GODEBUG=crashoutputstall), it is dropped for the rest of the crash, so
// standard error's report is never cut or held up by it for longer than the
// limit. It writes with crashWrite (write1, or a non-blocking send to a
// socket), never through faketime's framing of descriptors 1 and 2.
//
//go:nosplit
func writeCrashFD(fd uintptr, p unsafe.Pointer, n int32) {
	waiter := crashWaiterOf()
	var retries int32 // retries since the last progress
	for n > 0 {
		if !crashWaitWritable(waiter) {
			crashStalled(fd)
			return
		}
		w := crashWrite(waiter, fd, p, min(n, crashChunk))
		if w > 0 {
			p = add(p, uintptr(w))
			n -= w
			retries = 0
			continue
		}
		if !crashWriteAgain(w) {
			crashDest.CompareAndSwap(fd+2, crashDestNone)
			return
		}
		if crashStallPassed(&retries) {
			crashStalled(fd)
			return
		}
	}
}

// crashPrepareWrite finds, once per crash, how to wait for the latched
// crash output (crashFindWaiter). The callers of writeCrashFD call it first:
// finding the waiter takes system calls that the nosplit stack below
// writeCrashFD has no room for (sigtrampgo reaches it through needm).
//
//go:nosplit
func crashPrepareWrite() {
	if dest := crashDest.Load(); dest > crashDestNone {
		crashFindWaiter(dest - 2)
	}
}

// crashChunk bounds one write to the crash output. After crashWaitWritable
// reports a pipe writable, a write of up to one page cannot block.
const crashChunk = 4096

// crashStallSeconds is the stall limit, GODEBUG=crashoutputstall: how long
// the crash output may make no progress before the crash goes on without
// it; 0 waits forever. Statically initialized, so a crash before
// parsedebugvars has the default too.
var crashStallSeconds int32 = crashStallDefault

const crashStallDefault = 5

// crashStallPassed counts one more retry of a write that made no progress
// and reports whether the retries add up to more than the stall limit: each
// retry of a full descriptor first sleeps crashRetryMicros (crashWriteAgain);
// an interrupted write, retried at once, counts the same, which can shorten
// the wait only for a process flooded with signals. Counting instead of
// reading a clock keeps the limit working with no g or m, which nanotime
// needs, and keeps the clock's call chain (deep on some ports' vDSO) off
// this nosplit path.
//
//go:nosplit
func crashStallPassed(retries *int32) bool {
	if crashStallSeconds <= 0 {
		return false
	}
	*retries++
	return *retries > crashStallSeconds*(1e6/crashRetryMicros)
}

// crashRetryMicros is how long a write to a full crash output waits
// before it is tried again.
const crashRetryMicros = 1000

// crashStalled drops the stalled crash output fd and has the stall noted on
// standard error: crashStallNoteAt, called by the writers of the report one
// frame up, writes the note at the end of the line standard error is in.
//
//go:nosplit
func crashStalled(fd uintptr) {
	if crashDest.CompareAndSwap(fd+2, crashDestNone) {
		crashStallNotePending.Store(1) // only the thread that dropped it
	}
}

// crashStallNotePending is set when the stall note is due, at the end of
// the line standard error is in.
var crashStallNotePending atomic.Uint32

const crashStallNote = "runtime: crash output made no progress for GODEBUG=crashoutputstall seconds; the rest of the crash report goes to standard error only\n"

//go:nosplit
func writeCrashStallNote() {
	write(2, unsafe.Pointer(unsafe.StringData(crashStallNote)), int32(len(crashStallNote)))
}
