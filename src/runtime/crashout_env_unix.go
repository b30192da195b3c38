// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build unix

package runtime

import "unsafe"

// crashOutputEarly sets the crash output from GOCRASHOUTPUT. schedinit
// calls it before mallocinit, so that even a throw during the rest of
// start-up is captured; it reads the environment block in place. Secure
// mode is known by then: on Linux from the auxiliary vector, elsewhere
// initSecureMode finds it here, ahead of schedinit's secure().
func crashOutputEarly() {
	initSecureMode()
	const prefix = crashOutputEnv + "="
	for i := int32(0); ; i++ {
		p := argv_index(argv, argc+1+i)
		if p == nil {
			return
		}
		if kv := unsafe.String(p, findnull(p)); hasPrefix(kv, prefix) {
			setCrashOutputFromEnv(kv[len(prefix):])
			return
		}
	}
}

// crashOutputLate runs right after goenvs.
func crashOutputLate() {
	dropCrashOutputEnv()
}

// The forms of GOCRASHOUTPUT on Unix (parseCrashOutputSetting): an
// absolute path, or fd=N,ppid=P where crashInheritedSupported.
const (
	crashInheritedKey = "fd="
	crashInheritedMin = 0
)

func crashPathIsAbs(v string) bool { return hasPrefix(v, "/") }

// openCrashOutputPath opens path, the path form of GOCRASHOUTPUT, to
// append crash reports: created with mode 0600 if missing, close-on-exec,
// never becoming the controlling terminal. The open does not block (a FIFO
// with no reader fails at once); the descriptor is made blocking again
// afterwards, which is safe because the open file description is new and
// this process alone holds it. The crash write path waits on it within the
// stall limit like on any descriptor.
//
// path is NUL-terminated in place (it lives in the environment block).
func openCrashOutputPath(path string) (uintptr, string) {
	fd, why := crashOpenPath(unsafe.StringData(path), _O_WRONLY|_O_CREAT|crashOAppend|_O_NONBLOCK|crashONoctty, 0o600)
	if why != "" {
		return 0, why
	}
	if why := crashOutputFileType(fd); why != "" {
		closefd(fd)
		return 0, why
	}
	if !crashClearNonblock(fd) {
		closefd(fd)
		return 0, "cannot make the descriptor blocking"
	}
	return uintptr(fd), ""
}

// crashClearNonblock clears O_NONBLOCK on fd and reports whether it could.
// Only for a description this process alone holds: the flag is shared by
// every process holding the description.
func crashClearNonblock(fd int32) bool {
	fl, errno := fcntl(fd, crashFGetfl, 0)
	if errno != 0 {
		return false
	}
	_, errno = fcntl(fd, crashFSetfl, fl&^_O_NONBLOCK)
	return errno == 0
}

const (
	crashFGetfl = 3 // F_GETFL on every Unix system
	crashFSetfl = 4 // F_SETFL on every Unix system
)
