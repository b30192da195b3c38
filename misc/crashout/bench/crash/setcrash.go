// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build crashout

package main

import (
	"os"
	"runtime/debug"
)

// setCrashOutput sends crash reports to path too (built with -tags crashout,
// for toolchains that have runtime/debug.SetCrashOutput).
func setCrashOutput(path string) {
	f, err := os.Create(path)
	if err != nil {
		panic(err)
	}
	if err := debug.SetCrashOutput(f, debug.CrashOptions{}); err != nil {
		panic(err)
	}
	f.Close()
}
