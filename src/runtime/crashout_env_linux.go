// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package runtime

import (
	"internal/goarch"
	"runtime/internal/syscall"
	"unsafe"
)

const (
	crashInheritedSupported = true
	crashInheritedWhy       = "want fd=N,ppid=P"
	crashSettingWhy         = "want an absolute path or fd=N,ppid=P"
)

// crashIsMips is 1 on Linux's MIPS ports, whose flag and errno values
// differ.
const crashIsMips = goarch.IsMips + goarch.IsMipsle + goarch.IsMips64 + goarch.IsMips64le

const crashAtFDCWD = ^uintptr(99) // AT_FDCWD, -100

const (
	crashOAppend = 0x400 - (0x400-0x8)*crashIsMips   // O_APPEND
	crashONoctty = 0x100 + (0x800-0x100)*crashIsMips // O_NOCTTY
)

// crashOpenPath opens the NUL-terminated path close-on-exec, and returns
// the descriptor or why it cannot, from the error the system gave.
func crashOpenPath(path *byte, flags, perm int32) (int32, string) {
	fd, _, errno := syscall.Syscall6(sysOpenat, crashAtFDCWD, uintptr(unsafe.Pointer(path)), uintptr(flags|_O_CLOEXEC), uintptr(perm), 0, 0)
	if errno == 0 {
		return int32(fd), ""
	}
	switch errno {
	case 1, 13: // EPERM, EACCES
		return 0, "permission denied"
	case 2: // ENOENT
		return 0, "no such directory"
	case 6: // ENXIO: a FIFO with no reader, or a socket
		if crashPathType(path) == crashSIfsock {
			return 0, "a socket, not a file"
		}
		return 0, "a FIFO with no reader"
	case 20: // ENOTDIR
		return 0, "a component of the path is not a directory"
	case 21: // EISDIR
		return 0, "a directory"
	case 30: // EROFS
		return 0, "read-only file system"
	}
	return 0, "cannot open the file"
}

// crashOutputFileType says why fd, a crash output the runtime opened by
// path, cannot be one: only a regular file, a FIFO or a character device
// (a terminal, /dev/null) takes a crash report as a stream of lines. A
// kernel too old to tell the type (statx, Linux 4.11) lets fd pass.
func crashOutputFileType(fd int32) string {
	switch crashFDType(fd) {
	case crashSIfreg, crashSIfifo, crashSIfchr, 0:
		return ""
	case crashSIfblk:
		return "a block device"
	}
	return "not a regular file, FIFO or character device"
}

// File types, the S_IFMT bits of a mode.
const (
	crashSIfmt   = 0xf000
	crashSIfifo  = 0x1000
	crashSIfchr  = 0x2000
	crashSIfblk  = 0x6000
	crashSIfreg  = 0x8000
	crashSIfsock = 0xc000
)

// crashFDType returns the file type of fd, or 0 if it cannot tell.
func crashFDType(fd int32) uint16 {
	const atEmptyPath = 0x1000
	return crashStatxType(uintptr(fd), unsafe.Pointer(&zeroString), atEmptyPath)
}

// crashPathType returns the file type of the file at path, or 0 if it
// cannot tell.
func crashPathType(path *byte) uint16 {
	return crashStatxType(crashAtFDCWD, unsafe.Pointer(path), 0)
}

var zeroString byte // "" as a NUL-terminated string

// crashStatxType asks statx for the type of the file that dirfd, path and
// flags name. struct statx has the same layout on every port.
func crashStatxType(dirfd uintptr, path unsafe.Pointer, flags uintptr) uint16 {
	const statxType = 0x1 // STATX_TYPE
	var buf [256]byte     // struct statx; stx_mode is a uint16 at offset 28
	_, _, errno := syscall.Syscall6(sysStatx, dirfd, uintptr(path), flags, statxType, uintptr(unsafe.Pointer(&buf[0])), 0)
	if errno != 0 {
		return 0
	}
	return *(*uint16)(unsafe.Pointer(&buf[28])) & crashSIfmt
}

// inheritedCrashOutput adopts descriptor fd of the setting "fd=N,ppid=P":
// it is used only if this process's parent is ppid, the process that set
// the variable for it, and fd is open. It is made close-on-exec.
func inheritedCrashOutput(fd, ppid int32) (uintptr, string) {
	if int32(getppid()) != ppid {
		return 0, "set for a child of another process (ppid differs)"
	}
	if _, errno := fcntl(fd, fGETFD, 0); errno != 0 {
		return 0, "descriptor not open"
	}
	closeonexec(fd)
	return uintptr(fd), ""
}

// getppid returns the parent's process ID.
//
//go:nosplit
func getppid() uintptr {
	ppid, _, _ := syscall.Syscall6(sysGetppid, 0, 0, 0, 0, 0, 0)
	return ppid
}

// System call numbers on this port.
const (
	sysGetppid = 110*goarch.IsAmd64 +
		64*(goarch.Is386+goarch.IsArm+goarch.IsS390x+goarch.IsPpc64+goarch.IsPpc64le) +
		173*(goarch.IsArm64+goarch.IsRiscv64+goarch.IsLoong64) +
		4064*(goarch.IsMips+goarch.IsMipsle) +
		5108*(goarch.IsMips64+goarch.IsMips64le)
	sysOpenat = 257*goarch.IsAmd64 + 295*goarch.Is386 + 322*goarch.IsArm +
		56*(goarch.IsArm64+goarch.IsRiscv64+goarch.IsLoong64) +
		288*goarch.IsS390x + 286*(goarch.IsPpc64+goarch.IsPpc64le) +
		4288*(goarch.IsMips+goarch.IsMipsle) +
		5247*(goarch.IsMips64+goarch.IsMips64le)
	sysStatx = 332*goarch.IsAmd64 + 383*goarch.Is386 + 397*goarch.IsArm +
		291*(goarch.IsArm64+goarch.IsRiscv64+goarch.IsLoong64) +
		379*goarch.IsS390x + 383*(goarch.IsPpc64+goarch.IsPpc64le) +
		4366*(goarch.IsMips+goarch.IsMipsle) +
		5326*(goarch.IsMips64+goarch.IsMips64le)
	sysClockGettime = 228*goarch.IsAmd64 + 265*goarch.Is386 + 263*goarch.IsArm +
		113*(goarch.IsArm64+goarch.IsRiscv64+goarch.IsLoong64) +
		260*goarch.IsS390x + 246*(goarch.IsPpc64+goarch.IsPpc64le) +
		4263*(goarch.IsMips+goarch.IsMipsle) +
		5222*(goarch.IsMips64+goarch.IsMips64le)
	sysFchmod = 91*goarch.IsAmd64 +
		94*(goarch.Is386+goarch.IsArm+goarch.IsS390x+goarch.IsPpc64+goarch.IsPpc64le) +
		52*(goarch.IsArm64+goarch.IsRiscv64+goarch.IsLoong64) +
		4094*(goarch.IsMips+goarch.IsMipsle) +
		5089*(goarch.IsMips64+goarch.IsMips64le)
	sysReadlinkat = 267*goarch.IsAmd64 + 305*goarch.Is386 + 332*goarch.IsArm +
		78*(goarch.IsArm64+goarch.IsRiscv64+goarch.IsLoong64) +
		298*goarch.IsS390x + 296*(goarch.IsPpc64+goarch.IsPpc64le) +
		4298*(goarch.IsMips+goarch.IsMipsle) +
		5257*(goarch.IsMips64+goarch.IsMips64le)
	sysUname = 63*goarch.IsAmd64 +
		122*(goarch.Is386+goarch.IsArm+goarch.IsS390x+goarch.IsPpc64+goarch.IsPpc64le) +
		160*(goarch.IsArm64+goarch.IsRiscv64+goarch.IsLoong64) +
		4122*(goarch.IsMips+goarch.IsMipsle) +
		5061*(goarch.IsMips64+goarch.IsMips64le)
)

const fGETFD = 1 // F_GETFD on every Linux port
