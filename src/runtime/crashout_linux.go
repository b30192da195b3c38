// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package runtime

import (
	"internal/goarch"
	"runtime/internal/atomic"
	"runtime/internal/syscall"
	"unsafe"
)

// On Linux the crash output obeys the stall limit whatever its mode, and
// without setting O_NONBLOCK on its open file description, which other
// processes may share:
//   - a pipe (or anything epoll can watch that is not a socket) is waited
//     for with epoll, then written at most a page at a time, which a pipe
//     with a free buffer slot takes without blocking;
//   - a socket is written with non-blocking sends (MSG_DONTWAIT), because
//     its EPOLLOUT waits for far more free buffer than a write needs; a
//     send that would block is retried until the limit passes;
//   - a regular file, which epoll cannot watch, is written as it is.

// crashWaiter says how the crash output is waited for, found on its first
// write of a crash: 0 until then, crashNoWait, crashSocket, or an epoll
// descriptor watching it for EPOLLOUT, plus one.
var crashWaiter atomic.Int32

const (
	crashNoWait = -1
	crashSocket = -2
)

// crashWaitWritable waits until the crash output that waiter (from
// crashWaiterOf) watches can take a write of crashChunk bytes without
// blocking, for at most the stall limit, and reports false if it could not.
//
// nosplit and g-free like the rest of the crash write path: raw system
// calls, state in a global atomic.
//
//go:nosplit
func crashWaitWritable(waiter int32) bool {
	limit := crashStallSeconds
	if limit <= 0 || waiter < 0 {
		return true // no limit, or nothing to wait with
	}
	var ev syscall.EpollEvent
	for {
		n, _, errno := syscall.Syscall6(syscall.SYS_EPOLL_PWAIT, uintptr(waiter), uintptr(unsafe.Pointer(&ev)), 1, uintptr(limit)*1000, 0, 0)
		if errno == _EINTR {
			continue
		}
		// Writable, hung up or in error: the write tells which.
		// A wait that failed cannot tell a stall: write as if unlimited.
		return errno != 0 || n != 0
	}
}

// crashWrite writes up to n bytes at p to fd, the crash output, and
// returns the count or a negative errno. Under a stall limit a socket is
// sent to without blocking, and without SIGPIPE.
//
//go:nosplit
func crashWrite(waiter int32, fd uintptr, p unsafe.Pointer, n int32) int32 {
	if crashStallSeconds > 0 && waiter == crashSocket {
		r, _, errno := syscall.Syscall6(sysSendto, fd, uintptr(p), uintptr(n), msgDontwait|msgNosignal, 0, 0)
		if errno != 0 {
			return -int32(errno)
		}
		return int32(r)
	}
	return write1(fd, p, n)
}

// crashFindWaiter sets crashWaiter for fd, the latched crash output, if
// it is not set yet. Threads that crash together may race to find it; a
// loser closes its own epoll descriptor.
//
//go:nosplit
func crashFindWaiter(fd uintptr) {
	if crashWaiter.Load() == 0 {
		found := newCrashWaiter(fd)
		if !crashWaiter.CompareAndSwap(0, found) && found > 0 {
			closefd(found - 1)
		}
	}
}

// crashWaiterOf returns how to wait for the crash output: an epoll
// descriptor, crashNoWait (also if crashFindWaiter has not run) or
// crashSocket.
//
//go:nosplit
func crashWaiterOf() int32 {
	v := crashWaiter.Load()
	switch {
	case v > 0:
		return v - 1
	case v == 0:
		return crashNoWait
	}
	return v
}

// newCrashWaiter finds how to wait for fd: crashSocket if it is a socket
// (an empty send succeeds), else an epoll descriptor watching it, plus one,
// else crashNoWait.
//
//go:nosplit
func newCrashWaiter(fd uintptr) int32 {
	if _, _, errno := syscall.Syscall6(sysSendto, fd, 0, 0, msgDontwait|msgNosignal, 0, 0); errno != crashENOTSOCK {
		return crashSocket
	}
	ep, _, errno := syscall.Syscall6(syscall.SYS_EPOLL_CREATE1, syscall.EPOLL_CLOEXEC, 0, 0, 0, 0, 0)
	if errno != 0 {
		return crashNoWait
	}
	ev := syscall.EpollEvent{Events: syscall.EPOLLOUT}
	if _, _, errno := syscall.Syscall6(syscall.SYS_EPOLL_CTL, ep, syscall.EPOLL_CTL_ADD, fd, uintptr(unsafe.Pointer(&ev)), 0, 0); errno != 0 {
		closefd(int32(ep))
		return crashNoWait
	}
	return int32(ep) + 1
}

const (
	msgDontwait = 0x40   // MSG_DONTWAIT on every Linux port
	msgNosignal = 0x4000 // MSG_NOSIGNAL on every Linux port

	crashENOTSOCK = 88 + (95-88)*crashIsMips

	// sysSendto is the sendto system call's number on this port.
	sysSendto = 44*goarch.IsAmd64 +
		369*(goarch.Is386+goarch.IsS390x) +
		290*goarch.IsArm +
		206*(goarch.IsArm64+goarch.IsRiscv64+goarch.IsLoong64) +
		335*(goarch.IsPpc64+goarch.IsPpc64le) +
		4180*(goarch.IsMips+goarch.IsMipsle) +
		5043*(goarch.IsMips64+goarch.IsMips64le)
)
