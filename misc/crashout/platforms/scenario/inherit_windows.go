// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

// passInherited lets cmd inherit the handle of w and returns the
// GOCRASHOUTPUT value that names it.
func passInherited(cmd *exec.Cmd, w *os.File) string {
	h := syscall.Handle(w.Fd())
	if err := syscall.SetHandleInformation(h, syscall.HANDLE_FLAG_INHERIT, syscall.HANDLE_FLAG_INHERIT); err != nil {
		fail("%v", err)
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{AdditionalInheritedHandles: []syscall.Handle{h}}
	return fmt.Sprintf("handle=%d,ppid=%d", h, os.Getpid())
}
