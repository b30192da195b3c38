// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

// Out of memory crash output program. See crashout.go.

import (
	"fmt"
	"os"
	"syscall"
)

func init() {
	register("CrashOutputOOM", CrashOutputOOM)
}

// CrashOutputOOM limits its address space to 1 GiB more than it already
// uses, then asks for a heap allocation of 2 GiB: the runtime cannot
// reserve the address space for it, says so and throws "out of memory".
func CrashOutputOOM() {
	setCrashOutput()
	statm, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var pages uint64
	if _, err := fmt.Sscan(string(statm), &pages); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &lim); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	lim.Cur = min(pages*uint64(os.Getpagesize())+1<<30, lim.Max)
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &lim); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	b := make([]byte, 1<<31-1) // 2 GiB, the most a 32-bit int allows
	println(b[len(b)-1])
}
