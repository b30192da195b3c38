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
//   - Both descriptors receive the same bytes in the same order, and only
//     whole lines, except when a single line overflows the buffer, a fault
//     in the printing cuts one short, or a thread stops for good while
//     another is in the middle of a line (crashFlush writes it all).
//   - Complete lines are written as soon as a line completes crashLineDelay
//     or more after the previous write, or the buffer fills; a thread with
//     no g has no clock and writes every line at once. While a report is
//     being printed, lines complete every few microseconds, so a process
//     killed in the middle of a dump (SIGKILL) ends on a line boundary and
//     loses about its last crashLineDelay of lines.
//   - Every way a crashing thread stops for good (exit, abort, a second
//     crash, parking or sleeping forever) calls crashFlush first; see
//     patches/0002-crash-output-start.patch.
//
// The buffer is guarded by a spin lock that records its holder and gives up
// after a bounded wait (crashLineLock), because it is used where a lock
// cannot block: in signal handlers, with no g or m, by several crashing
// threads (GOTRACEBACK=crash), and by a thread that faults while it prints,
// which finds itself the holder. Prints from threads with an m are already
// serialized by the print lock; crashFlush and last-gasp messages are not.
var crashLine struct {
	// holder is 0 when free, else the holder's m, or 1 for a thread
	// with no m.
	holder atomic.Uintptr
	n      int32 // bytes in buf
	onErr  int32 // leading bytes of buf already on standard error (writeErrStrOut)
	last   int64 // nanotime of the last write from buf
	buf    [crashChunk]byte
}

// crashLineDelay is how long after a write complete lines may be held back.
const crashLineDelay = 1e6 // 1 ms

// writeErrOut writes the n bytes at p to standard error and, once the
// runtime has decided to die, the same bytes to the crash output, batched
// in whole lines. Callers hold the print lock when they have an m, so both
// descriptors receive the crash report in the same order. Off the crash
// path it costs one atomic load and writes exactly as upstream does.
//
// nosplit, no allocation, no write barriers: it runs on every crashing
// path, including signal handlers with no g. The batching is written out
// here rather than in a function of its own, to keep the nosplit chain
// from signal handlers down to the write system calls within its limit.
//
//go:nosplit
func writeErrOut(p unsafe.Pointer, n int32) {
	if crashDest.Load() == 0 {
		write(2, p, n)
		return
	}
	if crashPatternState.Load() != 0 {
		crashPatternCreate()
	}
	crashPrepareWrite()
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
			crashLineWrite(end)
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

// crashLineWrite writes the first end bytes of the buffer, less those
// standard error already has, and keeps the rest. The caller holds the
// buffer.
//
//go:nosplit
func crashLineWrite(end int32) {
	b := &crashLine.buf
	if on := crashLine.onErr; on < end {
		write(2, unsafe.Pointer(&b[on]), end-on)
	}
	crashLine.onErr = max(crashLine.onErr-end, 0)
	if dest := crashDest.Load(); dest > crashDestNone {
		if k := crashCapped(unsafe.Pointer(&b[0]), end); k > 0 {
			writeCrashFD(dest-2, unsafe.Pointer(&b[0]), k)
		}
	}
	crashStallNoteAt(b[end-1])
	crashLine.n = int32(copy(b[:], b[end:crashLine.n]))
}

// crashLineFlush writes what the buffer holds. The caller holds the
// buffer.
//
//go:nosplit
func crashLineFlush() {
	if crashLine.n > 0 {
		crashLineWrite(crashLine.n)
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
	crashPrepareWrite()
	if me, held := crashLineLock(); me != 0 {
		crashLineFlush()
		crashCapNote()
		if !held {
			crashLine.holder.Store(0)
		}
	}
}

// crashLineLock takes the buffer. It returns the holder value of the caller
// and whether the caller already held it, or 0 if another thread held it
// for too long.
//
// Another thread holds the buffer only while it adds to it or writes from
// it (a crashFlush, not under the print lock, runs beside another thread's
// print). Waiting for it keeps both descriptors in the same order: a
// writer that went around the buffer could reach the crash output before
// the holder's write of earlier lines. The wait spins, which keeps the call
// chain shallow, and is bounded, about a second, in case the holder is
// held up by a stalling crash output; then the caller writes directly.
//
//go:nosplit
func crashLineLock() (me uintptr, held bool) {
	me = 1
	if gp := getg(); gp != nil && gp.m != nil {
		me = uintptr(unsafe.Pointer(gp.m))
	}
	for i := 0; i < crashLineSpins; i++ {
		if crashLine.holder.CompareAndSwap(0, me) {
			return me, false
		}
		if me != 1 && crashLine.holder.Load() == me {
			return me, true
		}
		procyield(30)
	}
	return 0, false
}

// crashLineSpins bounds crashLineLock's wait, at 30 PAUSE-like
// instructions a spin.
const crashLineSpins = 1 << 20

// crashWriteOut writes the n bytes at p to standard error and to the
// crash output, if the crash has one.
//
//go:nosplit
func crashWriteOut(p unsafe.Pointer, n int32) {
	write(2, p, n)
	if dest := crashDest.Load(); dest > crashDestNone {
		if k := crashCapped(p, n); k > 0 {
			writeCrashFD(dest-2, p, k)
		}
	}
	crashStallNoteAt(*(*byte)(add(p, uintptr(n-1))))
}

// writeErrStrOut is writeErrStr's tee, for the last-gasp messages the
// runtime writes where the stack may be all but gone (morestack on g0 or
// gsignal, a signal on a thread with no m). It calls nothing deeper than
// write, as upstream's writeErrStr. Outside a crash it writes to standard
// error alone. During a crash it writes to standard error what the buffer
// holds and then the message, and adds the message to the buffer: the
// crash output gets both, in order, with the next write of the report or
// at the crashFlush on the way out. (A message that does not fit in the
// buffer, or written while another thread holds it, reaches standard error
// alone.)
//
//go:nosplit
func writeErrStrOut(p unsafe.Pointer, n int32) {
	if crashDest.Load() == 0 {
		write(2, p, n)
		return
	}
	me, held := crashLineLock()
	if me == 0 {
		write(2, p, n)
		return
	}
	b := &crashLine.buf
	if on := crashLine.onErr; on < crashLine.n {
		write(2, unsafe.Pointer(&b[on]), crashLine.n-on)
	}
	write(2, p, n)
	k := min(n, int32(len(b))-crashLine.n)
	memmove(unsafe.Pointer(&b[crashLine.n]), p, uintptr(k))
	crashLine.n += k
	crashLine.onErr = crashLine.n
	if !held {
		crashLine.holder.Store(0)
	}
}

// crashStallNoteAt writes the stall note to standard error if it is due
// and last, the last byte just written there, ends the line the stall
// interrupted. (The note is written here, one call below the writes of
// the report, rather than by writeCrashFD, which is deeper: the nosplit
// chain from dieFromSignal leaves no room there.)
//
//go:nosplit
func crashStallNoteAt(last byte) {
	if crashStallNotePending.Load() != 0 && last == '\n' && crashStallNotePending.CompareAndSwap(1, 0) {
		writeCrashStallNote()
	}
}

// The cap of the crash output, GODEBUG=crashoutputmax=N: the crash output
// receives at most N bytes of the report, whole lines, then one line
// beginning "runtime: crash output truncated" saying how many bytes it
// left out. Standard error always gets everything. 0, the default, is no
// cap.
//
// The invariants: crashCapSent counts the report's bytes the crash output
// was given, at most crashOutputMax, and what it received is a prefix of
// the report ending at a line boundary (a single line longer than the
// cap is left out whole). crashCapLeft counts the bytes left out since;
// crashFlush, called wherever the crash can end, writes the note when
// crashCapLeft has grown since the last note, so a process that ends at
// any of those points has the note last. The counters are guarded by the
// line buffer's lock, as the writes themselves.
var (
	crashOutputMax int32 // GODEBUG=crashoutputmax, statically 0: no cap
	crashCapSent   int64
	crashCapLeft   int64
	crashCapNoted  int64
	crashCapNoteB  [128]byte
)

// crashCapped returns how many of the n bytes at p the crash output may
// receive under the cap, counting the rest as left out.
//
//go:nosplit
func crashCapped(p unsafe.Pointer, n int32) int32 {
	limit := int64(crashOutputMax)
	if limit <= 0 {
		return n
	}
	k := n
	if crashCapLeft > 0 {
		k = 0 // once cut, the crash output gets nothing more
	} else if crashCapSent+int64(n) > limit {
		k = int32(limit - crashCapSent)
		for k > 0 && *(*byte)(add(p, uintptr(k-1))) != '\n' {
			k--
		}
	}
	crashCapSent += int64(k)
	crashCapLeft += int64(n - k)
	return k
}

// crashCapNote writes the truncation note to the crash output, if bytes
// were left out since the last note.
//
//go:nosplit
func crashCapNote() {
	dest := crashDest.Load()
	if crashCapLeft == crashCapNoted || dest <= crashDestNone {
		return
	}
	crashCapNoted = crashCapLeft
	const head = "runtime: crash output truncated at GODEBUG=crashoutputmax: "
	const tail = " bytes of the report left out (standard error has them)\n"
	b := &crashCapNoteB
	n := copy(b[:], head)
	var d [20]byte
	n += copy(b[n:], itoa(d[:], uint64(crashCapLeft)))
	n += copy(b[n:], tail)
	writeCrashFD(dest-2, unsafe.Pointer(&b[0]), int32(n))
}
