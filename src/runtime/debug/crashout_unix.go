// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build unix

package debug

import (
	"internal/poll"
	"os"
	"syscall"
)

// dupCrashFD returns a close-on-exec duplicate of f's descriptor. It reaches
// the descriptor through SyscallConn, which, unlike f.Fd, leaves f's
// blocking mode alone and fails if f is closed.
func dupCrashFD(f *os.File) (uintptr, error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return 0, err
	}
	var dup int
	var dupErr error
	if err := rc.Control(func(fd uintptr) {
		dup, _, dupErr = poll.DupCloseOnExec(int(fd))
	}); err != nil {
		return 0, err
	}
	if dupErr != nil {
		return 0, dupErr
	}
	return uintptr(dup), nil
}

func closeCrashFD(fd uintptr) {
	syscall.Close(int(fd))
}
