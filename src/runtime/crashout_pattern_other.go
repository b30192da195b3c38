// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !linux

package runtime

// The pattern form of GOCRASHOUTPUT is refused here: creating a file
// exclusively in a directory opened at start, with no g and from any
// thread, is written for Linux's system calls only.
const (
	crashPatternSupported   = false
	crashPatternUnsupported = "the % pattern form is supported on Linux only: a path with a % in it is refused here"
)

func openCrashPattern(v string, base int) (uintptr, string) {
	return 0, crashPatternUnsupported
}

//go:nosplit
func crashPatternCreate() {}
