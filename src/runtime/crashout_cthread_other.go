// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build unix && !linux

package runtime

// cthreadCrashSignal reports whether sig is the crash of the thread it
// arrived on. Outside Linux the fork does not tell yet, and a fatal signal
// on a thread that C created ends the process with no report, as upstream.
func cthreadCrashSignal(sig uint32, c *sigctxt) bool {
	return false
}
