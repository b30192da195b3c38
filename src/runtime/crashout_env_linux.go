// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package runtime

import (
	"internal/goarch"
	"runtime/internal/syscall"
)

// crashOAppend is O_APPEND: 0x8 on MIPS, 0x400 on Linux's other ports.
const crashOAppend = 0x400 - (0x400-0x8)*(goarch.IsMips+goarch.IsMipsle+goarch.IsMips64+goarch.IsMips64le)

// inheritedCrashOutput checks the setting "fd=N,ppid=P": descriptor N is
// used only if this process's parent is P, the process that set the
// variable for it, and N is open. It is made close-on-exec.
func inheritedCrashOutput(v string) (uintptr, string) {
	fd, ppid, ok := crashOutputSettingInherited(v, "fd=")
	if !ok {
		return 0, "want fd=N,ppid=P"
	}
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
func getppid() uintptr {
	ppid, _, _ := syscall.Syscall6(sysGetppid, 0, 0, 0, 0, 0, 0)
	return ppid
}

// sysGetppid is the getppid system call's number on this port.
const sysGetppid = 110*goarch.IsAmd64 +
	64*(goarch.Is386+goarch.IsArm+goarch.IsS390x+goarch.IsPpc64+goarch.IsPpc64le) +
	173*(goarch.IsArm64+goarch.IsRiscv64+goarch.IsLoong64) +
	4064*(goarch.IsMips+goarch.IsMipsle) +
	5108*(goarch.IsMips64+goarch.IsMips64le)

const fGETFD = 1 // F_GETFD on every Linux port
