// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package runtime

import (
	"runtime/internal/atomic"
	"unsafe"
)

// Line-at-a-time crash printing.
//
// The runtime prints a crash report one print argument at a time, a few
// bytes each. Once the runtime has decided to die, writeErrOut collects
// those pieces in crashLine and writes them when a line is complete: one
// write to standard error and one to the crash output per line, instead of
// one each per argument.
//
// The invariant: at every moment, everything the crash printed up to its
// last complete line has been written to both descriptors. Only the line
// being printed is held back, so a process killed in the middle of a dump
// (SIGKILL) loses at most that line, and ending the process never needs
// the buffer flushed, except for a line cut short, which crashFlush writes.
//
// The buffer is static and guarded by a try-lock that records its holder,
// because it is used where a lock cannot wait: in signal handlers, with no
// g or m, by several crashing threads (GOTRACEBACK=crash), and by a thread
// that faults while it prints. Prints from threads with an m are already
// serialized by the print lock; a writer that finds the buffer held by
// another thread writes its bytes directly instead, as upstream does.
var crashLine struct {
	// holder is 0 when free, else the holder's m, or 1 for a thread
	// with no m.
	holder atomic.Uintptr
	n      int32 // bytes in buf, none of them a newline
	buf    [crashChunk]byte
}

// crashPrint writes the n bytes at p as part of the crash report: whole
// lines at once, the line in progress later.
//
//go:nosplit
func crashPrint(p unsafe.Pointer, n int32) {
	me, held := crashLineLock()
	if me == 0 {
		crashWriteOut(p, n)
		return
	}
	if held {
		// This thread faulted while it held the buffer, and will not
		// return there: what it had buffered goes first.
		crashLineFlush()
	}
	b := &crashLine.buf
	for n > 0 {
		k := min(n, int32(len(b))-crashLine.n)
		memmove(unsafe.Pointer(&b[crashLine.n]), p, uintptr(k))
		crashLine.n += k
		p, n = add(p, uintptr(k)), n-k

		// Write up to the last newline, or all of a full buffer.
		end := crashLine.n
		if end < int32(len(b)) {
			for end > 0 && b[end-1] != '\n' {
				end--
			}
		}
		if end > 0 {
			crashWriteOut(unsafe.Pointer(&b[0]), end)
			crashLine.n = int32(copy(b[:], b[end:crashLine.n]))
		}
	}
	if !held {
		crashLine.holder.Store(0)
	}
}

// crashLineFlush writes what the buffer holds, a line cut short. The
// caller holds the buffer.
//
//go:nosplit
func crashLineFlush() {
	if crashLine.n > 0 {
		crashWriteOut(unsafe.Pointer(&crashLine.buf[0]), crashLine.n)
		crashLine.n = 0
	}
}

// crashFlush writes a line that the crash left unfinished. It is called
// before the process ends or a crashing thread stops for good.
//
//go:nosplit
func crashFlush() {
	if crashDest.Load() == 0 {
		return
	}
	if me, held := crashLineLock(); me != 0 {
		crashLineFlush()
		if !held {
			crashLine.holder.Store(0)
		}
	}
}

// crashLineLock tries to take the buffer. It returns the holder value of
// the caller (0 if the buffer is held by another thread, which the caller
// must not wait for) and whether the caller already held it.
//
//go:nosplit
func crashLineLock() (me uintptr, held bool) {
	me = 1
	if gp := getg(); gp != nil && gp.m != nil {
		me = uintptr(unsafe.Pointer(gp.m))
	}
	if crashLine.holder.CompareAndSwap(0, me) {
		return me, false
	}
	if me != 1 && crashLine.holder.Load() == me {
		return me, true
	}
	return 0, false
}

// crashWriteOut writes the n bytes at p to standard error and to the
// crash output, if the crash has one.
//
//go:nosplit
func crashWriteOut(p unsafe.Pointer, n int32) {
	write(2, p, n)
	dest := crashDest.Load()
	if dest > crashDestNone {
		writeCrashFD(dest-2, p, n)
	} else if crashStallNotePending.Load() != 0 && *(*byte)(add(p, uintptr(n-1))) == '\n' && crashStallNotePending.CompareAndSwap(1, 0) {
		writeCrashStallNote() // the line the stall interrupted is complete
	}
}
