// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package runtime

import (
	"runtime/internal/atomic"
	"runtime/internal/syscall"
	"unsafe"
)

// crashEpoll is an epoll instance that watches the crash output for
// EPOLLOUT, made by the first wait of a crash: 0 until then, -1 if the
// descriptor cannot be watched (a regular file, whose writes do not stall),
// else the epoll descriptor plus one.
var crashEpoll atomic.Int32

// crashWaitWritable waits until fd, the crash output, can take a write of
// crashChunk bytes without blocking (for a pipe a free buffer page, for a
// socket send buffer space), for at most the stall limit, and reports false
// if it could not. It leaves fd's open file description alone: setting
// O_NONBLOCK on it would change it for every process that shares it.
//
// nosplit and g-free like the rest of the crash write path: raw system
// calls, state in a global atomic.
//
//go:nosplit
func crashWaitWritable(fd uintptr) bool {
	limit := crashStallSeconds
	if limit <= 0 {
		return true
	}
	ep := crashEpollFor(fd)
	if ep < 0 {
		return true
	}
	var ev syscall.EpollEvent
	for {
		n, _, errno := syscall.Syscall6(syscall.SYS_EPOLL_PWAIT, uintptr(ep), uintptr(unsafe.Pointer(&ev)), 1, uintptr(limit)*1000, 0, 0)
		if errno == _EINTR {
			continue
		}
		// Writable, hung up or in error: the write tells which.
		// A wait that failed cannot tell a stall: write as if unlimited.
		return errno != 0 || n != 0
	}
}

// crashEpollFor returns the epoll descriptor that watches fd, making it on
// first use, or -1 if fd cannot be watched. Threads that crash together
// may race to make it; a loser closes its own.
//
//go:nosplit
func crashEpollFor(fd uintptr) int32 {
	v := crashEpoll.Load()
	if v == 0 {
		made := newCrashEpoll(fd)
		if !crashEpoll.CompareAndSwap(0, made) && made > 0 {
			closefd(made - 1)
		}
		v = crashEpoll.Load()
	}
	if v < 0 {
		return -1
	}
	return v - 1
}

// newCrashEpoll makes an epoll instance watching fd for EPOLLOUT and
// returns it plus one, or -1 if epoll cannot watch fd.
//
//go:nosplit
func newCrashEpoll(fd uintptr) int32 {
	ep, _, errno := syscall.Syscall6(syscall.SYS_EPOLL_CREATE1, syscall.EPOLL_CLOEXEC, 0, 0, 0, 0, 0)
	if errno != 0 {
		return -1
	}
	ev := syscall.EpollEvent{Events: syscall.EPOLLOUT}
	if _, _, errno := syscall.Syscall6(syscall.SYS_EPOLL_CTL, ep, syscall.EPOLL_CTL_ADD, fd, uintptr(unsafe.Pointer(&ev)), 0, 0); errno != 0 {
		closefd(int32(ep))
		return -1
	}
	return int32(ep) + 1
}
