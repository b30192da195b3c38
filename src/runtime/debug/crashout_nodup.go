// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !unix && !windows

package debug

import (
	"errors"
	"os"
	"runtime"
)

// dupCrashFD fails: this port cannot give the runtime a descriptor of its
// own (js/wasm, wasip1 have no dup; plan9's is not close-on-exec).
func dupCrashFD(f *os.File) (uintptr, error) {
	return 0, errors.New("crash output is not supported on " + runtime.GOOS + "/" + runtime.GOARCH)
}

func closeCrashFD(fd uintptr) {}
