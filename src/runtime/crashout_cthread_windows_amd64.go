// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package runtime

import "internal/abi"

// unhandledtramp is the unhandled exception filter: it passes the
// exception to sigtrampgo with kind callbackUnhandled
// (sys_windows_amd64.s).
func unhandledtramp()

// installUnhandledFilter makes unhandledtramp the process's unhandled
// exception filter, keeping the one it replaces for unhandledFilter to call
// first. initExceptionHandler calls it in osinit, on the main thread,
// before the program's Go code runs.
func installUnhandledFilter() {
	if islibrary || isarchive {
		return // the host program's filter is the host's business
	}
	prevUnhandledFilter = stdcall1(_SetUnhandledExceptionFilter, abi.FuncPCABI0(unhandledtramp))
	prevFilterKnown.Store(1)
}
