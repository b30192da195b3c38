// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !linux

package runtime

import "unsafe"

// crashWaitWritable cannot wait here: a write to a blocking crash output
// blocks as upstream's does. A non-blocking one still honours the stall
// limit (crashStallPassed).
//
//go:nosplit
func crashWaitWritable(waiter int32) bool {
	return true
}

// There is nothing to wait with.

//go:nosplit
func crashFindWaiter(fd uintptr) {}

//go:nosplit
func crashWaiterOf() int32 { return -1 }

// crashWrite writes up to n bytes at p to fd, the crash output, and
// returns the count or a negative errno.
//
//go:nosplit
func crashWrite(waiter int32, fd uintptr, p unsafe.Pointer, n int32) int32 {
	return write1(fd, p, n)
}
