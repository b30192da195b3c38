// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build linux

package main

/*
void crashOutputCThreadTraceback(void *);
void crashOutputCThreadSymbolizer(void *);
*/
import "C"

import (
	"runtime"
	"unsafe"
)

func init() {
	register("CrashOutputCThreadTraceback", CrashOutputCThreadTraceback)
}

// CrashOutputCThreadTraceback is CrashOutputCThreadSegv with a cgo
// traceback function that reports where the C thread faulted.
func CrashOutputCThreadTraceback() {
	runtime.SetCgoTraceback(0, unsafe.Pointer(C.crashOutputCThreadTraceback), nil, unsafe.Pointer(C.crashOutputCThreadSymbolizer))
	crashOutputCThread(0)
}
