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

const (
	crashFileAppendData = 0x4
	crashFileShareRW    = 0x1 | 0x2 // FILE_SHARE_READ | FILE_SHARE_WRITE
	crashOpenAlways     = 4
	crashFileAttrNormal = 0x80
)

// openCrashOutputSetting opens the crash output that the GOCRASHOUTPUT
// value v names: an inherited handle (handle=H,ppid=P), or an absolute path,
// opened for appending and created if missing. The handle it returns is
// not inheritable.
func openCrashOutputSetting(v string) (uintptr, string) {
	if hasPrefix(v, "handle=") {
		return inheritedCrashOutput(v)
	}
	if !(len(v) >= 3 && v[1] == ':' && (v[2] == '\\' || v[2] == '/')) && !hasPrefix(v, `\\`) {
		return 0, `want an absolute path such as C:\logs\crash.log, or handle=H,ppid=P`
	}
	name := make([]byte, len(v)+1) // NUL-terminated
	copy(name, v)
	h := stdcall7(_CreateFileA, uintptr(unsafe.Pointer(&name[0])), crashFileAppendData, crashFileShareRW, 0, crashOpenAlways, crashFileAttrNormal, 0)
	if h == _INVALID_HANDLE_VALUE {
		return 0, "cannot open the file"
	}
	return h, ""
}

const (
	crashFileTypeUnknown   = 0 // FILE_TYPE_UNKNOWN: not a file, pipe or console, or no handle
	crashHandleFlagInherit = 1 // HANDLE_FLAG_INHERIT
)

// inheritedCrashOutput checks the setting "handle=H,ppid=P": handle H is
// used only if this process's parent is P, the process that set the
// variable for it, and H is an open file, pipe or console handle. It is
// made non-inheritable, so the program's children do not hold it. H is
// never touched when the parent differs: then it may be any handle of this
// process, or none.
func inheritedCrashOutput(v string) (uintptr, string) {
	h, ppid, ok := crashOutputSettingInherited(v, "handle=")
	if !ok || h == 0 {
		return 0, "want handle=H,ppid=P"
	}
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
