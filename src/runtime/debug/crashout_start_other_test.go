// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !windows

package debug_test

import (
	"os"
	"os/exec"
	"strconv"
	"testing"
)

// The non-Windows parts of the GOCRASHOUTPUT tests: the fd=N,ppid=P form
// (Linux; the tests that need it skip elsewhere).

// inheritedKey names the inherited form of GOCRASHOUTPUT here.
const inheritedKey = "fd"

// passInherited makes f a descriptor that cmd's process inherits, with
// exec.Cmd.ExtraFiles, and returns its number there.
func passInherited(t *testing.T, cmd *exec.Cmd, f *os.File) string {
	cmd.ExtraFiles = append(cmd.ExtraFiles, f)
	return strconv.Itoa(2 + len(cmd.ExtraFiles))
}

// passClosedInherited returns the number of a descriptor that is closed in
// cmd's process.
func passClosedInherited(cmd *exec.Cmd) string {
	cmd.ExtraFiles = append(cmd.ExtraFiles, nil) // closed in the child
	return strconv.Itoa(2 + len(cmd.ExtraFiles))
}

// checkNotInheritable does nothing here: TestCrashOutputEnvSupervisor's
// grandchild shows that the descriptor is close-on-exec.
func checkNotInheritable(n string) {}
