// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package runtime

import "unsafe"

// Kernel32 functions for GOCRASHOUTPUT, bound by the linker like those of
// os_windows.go.
//
//go:cgo_import_dynamic runtime._GetFileType GetFileType%1 "kernel32.dll"
//go:cgo_import_dynamic runtime._SetEnvironmentVariableW SetEnvironmentVariableW%2 "kernel32.dll"
//go:cgo_import_dynamic runtime._SetHandleInformation SetHandleInformation%3 "kernel32.dll"

var (
	_GetFileType,
	_SetEnvironmentVariableW,
	_SetHandleInformation stdFunction
)

// crashOutputEarly does nothing on Windows: the environment is read by
// goenvs, and crashOutputLate acts then.
func crashOutputEarly() {}

// crashOutputLate sets the crash output from GOCRASHOUTPUT and removes the
// variable from the environment. It runs right after goenvs. Package
// syscall reads the process's environment block, not envs, on Windows
// (GetEnvironmentVariableW, GetEnvironmentStringsW), so the variable is
// removed from both: the program and its children never see it.
func crashOutputLate() {
	const prefix = crashOutputEnv + "="
	for _, kv := range envs {
		if hasPrefix(kv, prefix) {
			setCrashOutputFromEnv(kv[len(prefix):])
			stdcall2(_SetEnvironmentVariableW, uintptr(unsafe.Pointer(&crashOutputEnvW[0])), 0)
			break
		}
	}
	dropCrashOutputEnv()
}

// crashOutputEnvW is crashOutputEnv as a NUL-terminated UTF-16 string.
var crashOutputEnvW = [...]uint16{'G', 'O', 'C', 'R', 'A', 'S', 'H', 'O', 'U', 'T', 'P', 'U', 'T', 0}

// The forms of GOCRASHOUTPUT on Windows (parseCrashOutputSetting): an
// absolute path, or handle=H,ppid=P with H > 0.
const (
	crashInheritedKey       = "handle="
	crashInheritedSupported = true
	crashInheritedMin       = 1
	crashInheritedWhy       = "want handle=H,ppid=P"
	crashSettingWhy         = `want an absolute path such as C:\logs\crash.log, or handle=H,ppid=P`
)

// crashPathIsAbs reports whether v is an absolute path: a drive letter
// and a separator, or a UNC or device path (\\server\share\..., \\.\pipe\...).
func crashPathIsAbs(v string) bool {
	return len(v) >= 3 && v[1] == ':' && (v[2] == '\\' || v[2] == '/') || hasPrefix(v, `\\`)
}

const (
	crashFileAppendData = 0x4
	crashFileShareRW    = 0x1 | 0x2 // FILE_SHARE_READ | FILE_SHARE_WRITE
	crashOpenAlways     = 4
	crashFileAttrNormal = 0x80
)

// openCrashOutputPath opens path, the path form of GOCRASHOUTPUT, for
// appending, created if missing. CreateFile never waits: a named pipe with
// no server, or with every instance busy, fails at once, and a directory
// cannot be opened for data. The path must name a disk file, a pipe or a
// character device (a console, NUL): GetFileType tells. The handle is not
// inheritable. A created file gets the directory's inherited access
// control, as every file a Windows program creates.
func openCrashOutputPath(path string) (uintptr, string) {
	name := make([]byte, len(path)+1) // NUL-terminated
	copy(name, path)
	h := stdcall7(_CreateFileA, uintptr(unsafe.Pointer(&name[0])), crashFileAppendData, crashFileShareRW, 0, crashOpenAlways, crashFileAttrNormal, 0)
	if h == _INVALID_HANDLE_VALUE {
		return 0, crashOpenError(getlasterror())
	}
	if stdcall1(_GetFileType, h) == crashFileTypeUnknown {
		stdcall1(_CloseHandle, h)
		return 0, "not a file, pipe or character device"
	}
	return h, ""
}

// crashOpenError says why CreateFile failed with the error code e.
func crashOpenError(e uint32) string {
	switch e {
	case 2: // ERROR_FILE_NOT_FOUND
		return "no such file (or a named pipe with no server)"
	case 3: // ERROR_PATH_NOT_FOUND
		return "no such directory"
	case 5: // ERROR_ACCESS_DENIED
		return "access denied (or a directory)"
	case 123: // ERROR_INVALID_NAME
		return "invalid file name"
	case 231: // ERROR_PIPE_BUSY
		return "a named pipe with every instance busy"
	}
	return "cannot open the file"
}

const (
	crashFileTypeUnknown   = 0 // FILE_TYPE_UNKNOWN: not a file, pipe or console, or no handle
	crashHandleFlagInherit = 1 // HANDLE_FLAG_INHERIT
)

// inheritedCrashOutput adopts handle h of the setting "handle=H,ppid=P":
// it is used only if this process's parent is ppid, the process that set
// the variable for it, and h is an open file, pipe or console handle. It
// is made non-inheritable, so the program's children do not hold it. h is
// never touched when the parent differs: then it may be any handle of this
// process, or none.
func inheritedCrashOutput(h, ppid int32) (uintptr, string) {
	parent, ok := crashParentPID()
	if !ok {
		return 0, "cannot get the parent process ID"
	}
	if parent != uintptr(ppid) {
		return 0, "set for a child of another process (ppid differs)"
	}
	if stdcall1(_GetFileType, uintptr(h)) == crashFileTypeUnknown {
		return 0, "handle not open, or not a file, pipe or console"
	}
	if stdcall3(_SetHandleInformation, uintptr(h), crashHandleFlagInherit, 0) == 0 {
		return 0, "cannot make the handle non-inheritable"
	}
	return uintptr(h), ""
}

// crashParentPID returns the ID of the process that created this one:
// PROCESS_BASIC_INFORMATION.InheritedFromUniqueProcessId, from ntdll's
// NtQueryInformationProcess (Windows has no getppid). ntdll is loaded by
// then: osinit's loadOptionalSyscalls needs it.
func crashParentPID() (uintptr, bool) {
	// processBasicInformation is PROCESS_BASIC_INFORMATION: every field is
	// pointer-sized or padded to it, on 32-bit and 64-bit ports alike.
	type processBasicInformation struct {
		exitStatus                   uintptr
		pebBaseAddress               uintptr
		affinityMask                 uintptr
		basePriority                 uintptr
		uniqueProcessID              uintptr
		inheritedFromUniqueProcessID uintptr
	}
	ntdll := windowsLoadSystemLib(ntdlldll[:])
	if ntdll == 0 {
		return 0, false
	}
	query := windowsFindfunc(ntdll, []byte("NtQueryInformationProcess\000"))
	if query == nil {
		return 0, false
	}
	const processBasicInformationClass = 0 // ProcessBasicInformation
	var info processBasicInformation
	status := stdcall5(query, currentProcess, processBasicInformationClass, uintptr(unsafe.Pointer(&info)), unsafe.Sizeof(info), 0)
	return info.inheritedFromUniqueProcessID, uint32(status) == 0 // STATUS_SUCCESS
}
