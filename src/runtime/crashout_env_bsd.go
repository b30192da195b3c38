// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build unix && !linux

package runtime

// crashOAppend is O_APPEND on Darwin, the BSDs, Solaris and AIX.
const crashOAppend = 0x8

// inheritedCrashOutput: the descriptor form needs the parent's process ID,
// which the runtime reads only on Linux.
func inheritedCrashOutput(v string) (uintptr, string) {
	return 0, "the fd= form is supported on Linux only; use a path"
}
