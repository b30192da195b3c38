// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !unix

package runtime

// crashWriteAgain reports whether a crash-output write that returned r
// should be tried again. On these ports write1 returns only a count, with
// no error to tell a retryable failure: the descriptor is dropped.
//
//go:nosplit
func crashWriteAgain(r int32) bool {
	return false
}
