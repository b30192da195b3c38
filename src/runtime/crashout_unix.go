// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build unix

package runtime

// crashWriteAgain reports whether a crash-output write that returned r
// (a negative errno) should be tried again. An interrupted write is retried
// at once; a full non-blocking descriptor (SetCrashOutput never changes the
// mode of the caller's file) after a pause, up to the stall limit.
//
//go:nosplit
func crashWriteAgain(r int32) bool {
	switch r {
	case -_EINTR:
		return true
	case -_EAGAIN:
		usleep(crashRetryMicros)
		return true
	}
	return false
}
