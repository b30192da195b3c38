// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build unix || windows

package debug

import "os"

// dupCrashFD returns a duplicate of f's descriptor for the runtime's own
// use, one that child processes do not inherit (see dupFD). It reaches the
// descriptor through SyscallConn, which, unlike f.Fd, leaves f's blocking
// mode alone and fails if f is closed.
func dupCrashFD(f *os.File) (uintptr, error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return 0, err
	}
	var dup uintptr
	var dupErr error
	if err := rc.Control(func(fd uintptr) { dup, dupErr = dupFD(fd) }); err != nil {
		return 0, err
	}
	return dup, dupErr
}
