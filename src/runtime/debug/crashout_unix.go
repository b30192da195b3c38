// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build unix

package debug

import (
	"internal/poll"
	"syscall"
)

// dupFD returns a close-on-exec duplicate of fd.
func dupFD(fd uintptr) (uintptr, error) {
	dup, _, err := poll.DupCloseOnExec(int(fd))
	return uintptr(dup), err
}

func closeCrashFD(fd uintptr) {
	syscall.Close(int(fd))
}
