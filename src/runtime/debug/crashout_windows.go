// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package debug

import "syscall"

// dupFD returns a non-inheritable duplicate of the handle h.
func dupFD(h uintptr) (uintptr, error) {
	p, err := syscall.GetCurrentProcess()
	if err != nil {
		return 0, err
	}
	var dup syscall.Handle
	err = syscall.DuplicateHandle(p, syscall.Handle(h), p, &dup, 0, false, syscall.DUPLICATE_SAME_ACCESS)
	return uintptr(dup), err
}

func closeCrashFD(h uintptr) {
	syscall.CloseHandle(syscall.Handle(h))
}
