// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package runtime

import (
	"runtime/internal/atomic"
	"unsafe"
)

// Batched crash printing.
//
// The runtime prints a crash report one print argument at a time, a few
// bytes each. Once the runtime has decided to die, writeErrOut collects
// those pieces in crashLine, a static buffer, and writes whole lines from
// it: one write to standard error and one to the crash output per buffer
// of lines, instead of one each per argument.
//
// The invariants:
//   - The descriptors only ever receive whole lines, except when a single
//     line overflows the buffer or a fault in the printing cuts one short.
//   - A complete line waits in the buffer for at most crashLineDelay: it is
//     written with the first line completed after that, or when the
//     buffer fills. A thread with no g has no clock and writes every line
//     at once. So a process killed in the middle of a dump (SIGKILL) ends
//     on a line boundary and loses at most its last crashLineDelay of
//     lines.
//   - Every way a crashing thread stops for good (exit, abort, a second
//     crash, parking or sleeping forever) calls crashFlush first; see
//     patches/0002-crash-output-start.patch.
//
// The buffer is guarded by a try-lock that records its holder, because it
// is used where a lock cannot wait: in signal handlers, with no g or m, by
// several crashing threads (GOTRACEBACK=crash), and by a thread that faults
// while it prints. Prints from threads with an m are already serialized by
// the print lock; a writer that finds the buffer held by another thread
// writes its bytes directly instead, as upstream does.
var crashLine struct {
	// holder is 0 when free, else the holder's m, or 1 for a thread
	// with no m.
	holder atomic.Uintptr
	n      int32 // bytes in buf
	last   int64 // nanotime of the last write from buf
	buf    [crashChunk]byte
}

// crashLineDelay bounds how long a complete line may wait in crashLine.
const crashLineDelay = 1e6 // 1 ms

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
		start := crashLine.n
		crashLine.n += k
		p, n = add(p, uintptr(k)), n-k

		// Write up to the last newline once the lines are due, or all
		// of a full buffer that holds no newline.
		end := crashLine.n
		if end < int32(len(b)) {
			if !crashLineDue(b[start:end]) {
				continue
			}
			for end > 0 && b[end-1] != '\n' {
				end--
			}
		} else {
			for end > 0 && b[end-1] != '\n' {
				end--
			}
			if end == 0 {
				end = crashLine.n
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

// crashLineDue reports whether the buffered lines are to be written now
// that the bytes added ends: when added completes a line and the last write
// was crashLineDelay ago or more, or there is no clock to tell.
//
//go:nosplit
func crashLineDue(added []byte) bool {
	i := len(added) - 1
	for i >= 0 && added[i] != '\n' {
		i--
	}
	if i < 0 {
		return false
	}
	if getg() == nil {
		return true
	}
	if now := nanotime(); now-crashLine.last >= crashLineDelay {
		crashLine.last = now
		return true
	}
	return false
}

// crashLineFlush writes what the buffer holds. The caller holds the
// buffer.
//
//go:nosplit
func crashLineFlush() {
	if crashLine.n > 0 {
		crashWriteOut(unsafe.Pointer(&crashLine.buf[0]), crashLine.n)
		crashLine.n = 0
	}
}

// crashFlush writes what the buffer holds. It is called before the
// process ends or a crashing thread stops printing for good.
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
