// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package runtime

import "unsafe"

// crashOutputEarly does nothing on Windows: the environment is read by
// goenvs, and crashOutputLate acts then.
func crashOutputEarly() {}

// crashOutputLate sets the crash output from GOCRASHOUTPUT and removes the
// variable from the environment. It runs right after goenvs.
func crashOutputLate() {
	const prefix = crashOutputEnv + "="
	for _, kv := range envs {
		if hasPrefix(kv, prefix) {
			setCrashOutputFromEnv(kv[len(prefix):])
			break
		}
	}
	dropCrashOutputEnv()
}

const (
	crashFileAppendData = 0x4
	crashFileShareRW    = 0x1 | 0x2 // FILE_SHARE_READ | FILE_SHARE_WRITE
	crashOpenAlways     = 4
	crashFileAttrNormal = 0x80
)

// openCrashOutputSetting opens the crash output that the GOCRASHOUTPUT
// value v names: an absolute path, opened for appending and created if
// missing. The handle is not inheritable.
func openCrashOutputSetting(v string) (uintptr, string) {
	if hasPrefix(v, "handle=") {
		return 0, "the handle= form is not supported on Windows yet; use a path"
	}
	if !(len(v) >= 3 && v[1] == ':' && (v[2] == '\\' || v[2] == '/')) && !hasPrefix(v, `\\`) {
		return 0, `want an absolute path such as C:\logs\crash.log`
	}
	name := make([]byte, len(v)+1) // NUL-terminated
	copy(name, v)
	h := stdcall7(_CreateFileA, uintptr(unsafe.Pointer(&name[0])), crashFileAppendData, crashFileShareRW, 0, crashOpenAlways, crashFileAttrNormal, 0)
	if h == _INVALID_HANDLE_VALUE {
		return 0, "cannot open the file"
	}
	return h, ""
}
