// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !linux

package runtime

// crashWaitWritable cannot wait here: a write to a blocking crash output
// blocks as upstream's does. A non-blocking one still honours the stall
// limit (crashStallPassed).
//
//go:nosplit
func crashWaitWritable(fd uintptr) bool {
	return true
}
