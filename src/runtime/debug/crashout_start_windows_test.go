// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package debug_test

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"unsafe"
)

// The Windows parts of the GOCRASHOUTPUT tests: the handle=H,ppid=P form.

// inheritedKey names the inherited form of GOCRASHOUTPUT here.
const inheritedKey = "handle"

// passInherited makes f's handle one that cmd's process inherits, the way
// a Go supervisor on Windows does (exec.Cmd.ExtraFiles is not supported):
// inheritable, and listed in SysProcAttr.AdditionalInheritedHandles. It
// returns the handle's number, the same in both processes.
func passInherited(t *testing.T, cmd *exec.Cmd, f *os.File) string {
	t.Helper()
	h := syscall.Handle(f.Fd())
	if err := syscall.SetHandleInformation(h, syscall.HANDLE_FLAG_INHERIT, syscall.HANDLE_FLAG_INHERIT); err != nil {
		t.Fatal(err)
	}
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.AdditionalInheritedHandles = append(cmd.SysProcAttr.AdditionalInheritedHandles, h)
	return strconv.FormatUint(uint64(h), 10)
}

// passClosedInherited returns the number of a handle open in no process:
// handle values are multiples of 4 below 2^26 (at most 2^24 handles).
func passClosedInherited(cmd *exec.Cmd) string {
	return strconv.Itoa(1<<31 - 4)
}

// checkNotInheritable checks, in the helper, that the runtime made the
// crash output handle numbered n non-inheritable: no child process, started
// by any means, can inherit it.
func checkNotInheritable(n string) {
	v, err := strconv.ParseUint(n, 10, 64)
	if err != nil {
		helperFail("crash output handle %q: %v", n, err)
	}
	proc, err := syscall.LoadDLL("kernel32.dll")
	if err != nil {
		helperFail("%v", err)
	}
	getInfo, err := proc.FindProc("GetHandleInformation")
	if err != nil {
		helperFail("%v", err)
	}
	var flags uint32
	if ok, _, err := getInfo.Call(uintptr(v), uintptr(unsafe.Pointer(&flags))); ok == 0 {
		helperFail("GetHandleInformation(crash output handle %d): %v", v, err)
	}
	if flags&syscall.HANDLE_FLAG_INHERIT != 0 {
		helperFail("crash output handle %d is inheritable: the runtime did not clear HANDLE_FLAG_INHERIT", v)
	}
}

// A handle that is open but is no file, pipe or console (here, a process
// handle) is rejected, and the program runs.
func TestCrashOutputEnvHandleNotFile(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	self, err := syscall.GetCurrentProcess() // a pseudo-handle
	if err != nil {
		t.Fatal(err)
	}
	var h syscall.Handle
	if err := syscall.DuplicateHandle(self, self, self, &h, 0, true, syscall.DUPLICATE_SAME_ACCESS); err != nil {
		t.Fatal(err)
	}
	defer syscall.CloseHandle(h)
	dir := absTempDir(t)
	cmd := startHelperCommand(t, "clean", "", dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{AdditionalInheritedHandles: []syscall.Handle{h}}
	setting := inheritedSetting(strconv.FormatUint(uint64(h), 10))
	cmd.Env = append(cmd.Env, crashOutputEnv+"="+setting)
	res := runCommand(t, cmd, helperTimeout)
	if res.code != 0 || string(res.stdout) != startHelperRan {
		t.Errorf("helper: exit status %d, stdout %q; want 0 and %q\nstderr:\n%s", res.code, res.stdout, startHelperRan, tail(res.stderr))
	}
	if rest := checkIgnoringLine(t, res.stderr, setting); len(rest) != 0 {
		t.Errorf("stderr after the ignoring line: %q, want nothing", rest)
	}
}

// The path form on Windows never waits and takes only what is a file, a
// pipe or a character device: a named pipe with no server and a directory
// are refused with their reasons, and the NUL device is taken.
func TestCrashOutputEnvWindowsPaths(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	dir := absTempDir(t)
	for _, tt := range []struct{ setting, why string }{
		{fmt.Sprintf(`\\.\pipe\crashout-test-no-server-%d`, os.Getpid()), "no such file (or a named pipe with no server)"},
		{dir, "access denied (or a directory)"},
	} {
		res := runCommand(t, startHelperCommand(t, "clean", tt.setting, dir), helperTimeout)
		if res.code != 0 || string(res.stdout) != startHelperRan {
			t.Errorf("%s: exit status %d, stdout %q; want 0 and %q\nstderr:\n%s", tt.setting, res.code, res.stdout, startHelperRan, tail(res.stderr))
		}
		checkIgnoringReason(t, res.stderr, tt.setting, tt.why)
	}
	res := runCommand(t, startHelperCommand(t, "crash", `\\.\NUL`, dir), helperTimeout)
	crashReport(t, res, "panic", 2) // and no line ignoring the setting
}
