// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build unix

package runtime

import "unsafe"

// crashOutputEarly sets the crash output from GOCRASHOUTPUT. schedinit
// calls it before mallocinit, so that even a throw during the rest of
// start-up is captured; it reads the environment block in place.
func crashOutputEarly() {
	const prefix = crashOutputEnv + "="
	for i := int32(0); ; i++ {
		p := argv_index(argv, argc+1+i)
		if p == nil {
			return
		}
		if kv := unsafe.String(p, findnull(p)); hasPrefix(kv, prefix) {
			setCrashOutputFromEnv(kv[len(prefix):])
			return
		}
	}
}

// crashOutputLate runs right after goenvs.
func crashOutputLate() {
	dropCrashOutputEnv()
}

// openCrashOutputSetting opens the crash output that the GOCRASHOUTPUT
// value v names, returning its descriptor, or why it cannot.
func openCrashOutputSetting(v string) (fd uintptr, why string) {
	switch {
	case hasPrefix(v, "/"):
		// v lives in the environment block, NUL-terminated in place.
		f := open(unsafe.StringData(v), _O_WRONLY|_O_CREAT|crashOAppend, 0o666)
		if f < 0 {
			return 0, "cannot open the file"
		}
		closeonexec(f) // start-up is single-threaded: no fork can race
		return uintptr(f), ""
	case hasPrefix(v, "fd="):
		return inheritedCrashOutput(v)
	}
	return 0, "want an absolute path or fd=N,ppid=P"
}
