// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !crashout

package main

import "os"

// setCrashOutput: this toolchain has no runtime/debug.SetCrashOutput (built
// without -tags crashout), so a crash file cannot be asked for.
func setCrashOutput(path string) {
	println("crashout bench: built without -tags crashout, cannot write", path)
	os.Exit(3)
}
