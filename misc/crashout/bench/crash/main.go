// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Crash is bench.bash's crashing program: it starts BENCH_GOROUTINES
// goroutines (default 1000), each blocked 11 frames deep in a recursive
// function, then panics. Run it with GOTRACEBACK=all to dump every one.
// When BENCH_CRASHFILE names a file and the program is built with
// -tags crashout (a toolchain with runtime/debug.SetCrashOutput), the crash
// report also goes to that file. Without BENCH_CRASHFILE it never calls
// SetCrashOutput, so a GOCRASHOUTPUT setting (a path or a pattern) stays in
// force: that is how bench measures those.
package main

import (
	"os"
	"strconv"
	"sync"
)

const depth = 11 // frames of block per goroutine

var wg sync.WaitGroup

func block(n int, ch chan struct{}) {
	if n > 1 {
		block(n-1, ch)
		return
	}
	wg.Done()
	<-ch
}

func main() {
	n := 1000
	if s := os.Getenv("BENCH_GOROUTINES"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			panic(err)
		}
	}
	if path := os.Getenv("BENCH_CRASHFILE"); path != "" {
		setCrashOutput(path)
	}
	ch := make(chan struct{})
	wg.Add(n)
	for i := 0; i < n; i++ {
		go block(depth, ch)
	}
	wg.Wait()
	panic("crashout bench: " + strconv.Itoa(n) + " goroutines")
}
