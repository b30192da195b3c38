// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build unix && !linux

package runtime

// The descriptor form needs the parent's process ID, which the runtime
// reads only on Linux.
const (
	crashInheritedSupported = false
	crashInheritedWhy       = "the fd= form is supported on Linux only; use a path"
	crashSettingWhy         = "want an absolute path"
)

const (
	crashOAppend = 0x8 // O_APPEND on Darwin, the BSDs, Solaris and AIX
	// crashONoctty is 0: opening a terminal never makes it the controlling
	// terminal on Darwin and the BSDs. (Solaris and AIX, which would, are
	// not ports the crash output is tested on.)
	crashONoctty = 0
)

// crashOpenPath opens the NUL-terminated path and makes it close-on-exec.
// The runtime's open here gives no error number to tell why it failed.
func crashOpenPath(path *byte, flags, perm int32) (int32, string) {
	fd := open(path, flags, perm)
	if fd < 0 {
		return 0, "cannot open the file (missing directory, no permission, a directory, or a FIFO with no reader)"
	}
	closeonexec(fd)
	return fd, ""
}

// crashOutputFileType lets every descriptor pass: the runtime has no fstat
// here. Directories and FIFOs with no reader do not open.
func crashOutputFileType(fd int32) string { return "" }

func inheritedCrashOutput(fd, ppid int32) (uintptr, string) {
	return 0, crashInheritedWhy
}
