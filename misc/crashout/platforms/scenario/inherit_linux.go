// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"fmt"
	"os"
	"os/exec"
)

// passInherited makes w descriptor 3 of cmd and returns the GOCRASHOUTPUT
// value that names it.
func passInherited(cmd *exec.Cmd, w *os.File) string {
	cmd.ExtraFiles = []*os.File{w}
	return fmt.Sprintf("fd=3,ppid=%d", os.Getpid())
}
