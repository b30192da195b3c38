// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package runtime

import "unsafe"

// cthreadCrashSignal reports whether sig is the crash of the thread it
// arrived on: a fault that the kernel raised for the thread's own
// instruction (si_code > 0), or SIGABRT that the process sent itself
// (abort, raise). A signal that another process sent with kill or tgkill
// is not, whatever its number: it is handled as upstream handles it, with
// no report.
func cthreadCrashSignal(sig uint32, c *sigctxt) bool {
	switch sig {
	case _SIGSEGV, _SIGBUS, _SIGFPE, _SIGILL, _SIGTRAP:
		return int32(c.sigcode()) > 0
	case _SIGABRT:
		return c.sigFromUser() && sigSenderPID(c) == getpid()
	}
	return false
}

// sigSenderPID returns the si_pid of a signal sent with kill or tgkill:
// the first member of the union at si_addr, on every Linux architecture.
func sigSenderPID(c *sigctxt) int {
	return int(*(*int32)(unsafe.Pointer(&c.info.si_addr)))
}
