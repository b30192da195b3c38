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
	crashDest.CompareAndSwap(0, crashFD.Load()+1)
}

// setCrashFD installs fd as the crash output (^uintptr(0) for none). It
// returns the descriptor it replaces (^uintptr(0) for none) and whether the
// caller may close it: not once a crash has started, which may be writing
// to it. The process is dying then, so nothing is leaked for long.
//
//go:linkname setCrashFD runtime/debug.setCrashFD
func setCrashFD(fd uintptr) (old uintptr, closable bool) {
	old = crashFD.Swap(fd+1) - 1
	return old, !crashStarted.Load()
}

// writeErrOut writes the n bytes at p to standard error and, once the
// runtime has decided to die, the same bytes to the crash output, a line at
// a time (crashPrint). Callers hold the print lock when they have an m, so
// both descriptors receive the crash report in the same order. Off the crash
// path it costs one atomic load and writes exactly as upstream does.
//
// nosplit, no allocation, no write barriers: it runs on every crashing path,
// including signal handlers with no g.
//
//go:nosplit
func writeErrOut(p unsafe.Pointer, n int32) {
	if crashDest.Load() == 0 {
		write(2, p, n)
		return
	}
	crashPrint(p, n)
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
	waiter := crashWaiterFor(fd)
	var since int64 // when the current run of retries began
	for n > 0 {
		if !crashWaitWritable(waiter) {
			crashStalled(fd, p, n)
			return
		}
		w := crashWrite(waiter, fd, p, min(n, crashChunk))
		if w > 0 {
			p = add(p, uintptr(w))
			n -= w
			since = 0
			continue
		}
		if !crashWriteAgain(w) {
			crashDest.CompareAndSwap(fd+2, crashDestNone)
			return
		}
		if crashStallPassed(&since) {
			crashStalled(fd, p, n)
			return
		}
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

// crashStallPassed reports whether retries that began at *since (0: now)
// have gone on for longer than the stall limit. Without a g there is no
// clock to read (nanotime needs an m); such a crash waits, as upstream does.
//
//go:nosplit
func crashStallPassed(since *int64) bool {
	if crashStallSeconds <= 0 || getg() == nil {
		return false
	}
	now := nanotime()
	if *since == 0 {
		*since = now
		return false
	}
	return now-*since > int64(crashStallSeconds)*1e9
}

// crashStalled drops the stalled crash output fd, whose write of the n
// bytes at p made no progress, and notes that on standard error: at once
// if those bytes ended a line, else after the line standard error is in.
//
//go:nosplit
func crashStalled(fd uintptr, p unsafe.Pointer, n int32) {
	if !crashDest.CompareAndSwap(fd+2, crashDestNone) {
		return // another thread dropped it and owns the note
	}
	if *(*byte)(add(p, uintptr(n-1))) == '\n' {
		writeCrashStallNote()
	} else {
		crashStallNotePending.Store(1)
	}
}

// crashStallNotePending is set when the stall note waits for the end of
// the line standard error is in.
var crashStallNotePending atomic.Uint32

const crashStallNote = "runtime: crash output made no progress for GODEBUG=crashoutputstall seconds; the rest of the crash report goes to standard error only\n"

//go:nosplit
func writeCrashStallNote() {
	write(2, unsafe.Pointer(unsafe.StringData(crashStallNote)), int32(len(crashStallNote)))
}
