// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package debug

import (
	"os"
	"syscall"
)

// dupCrashFD returns a non-inheritable duplicate of f's handle, so that child
// processes never hold the crash output open. It reaches the handle through
// SyscallConn, which fails if f is closed.
func dupCrashFD(f *os.File) (uintptr, error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return 0, err
	}
	var dup syscall.Handle
	var dupErr error
	if err := rc.Control(func(h uintptr) {
		p, _ := syscall.GetCurrentProcess()
		dupErr = syscall.DuplicateHandle(p, syscall.Handle(h), p, &dup, 0, false, syscall.DUPLICATE_SAME_ACCESS)
	}); err != nil {
		return 0, err
	}
	if dupErr != nil {
		return 0, dupErr
	}
	return uintptr(dup), nil
}

func closeCrashFD(h uintptr) {
	syscall.CloseHandle(syscall.Handle(h))
}
