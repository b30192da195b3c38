// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

// A long crash report, for the tests that look at it being written. See
// crashout.go.

import (
	"os"
	"strconv"
	"sync"
	"time"
)

func init() {
	register("CrashOutputBigDump", CrashOutputBigDump)
}

// CrashOutputBigDump blocks $CRASHOUT_GOROUTINES goroutines (default
// 10000) a few frames deep, then panics; with GOTRACEBACK=all the report
// lists them all.
func CrashOutputBigDump() {
	n := 10000
	if s := os.Getenv("CRASHOUT_GOROUTINES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	setCrashOutput()
	var started sync.WaitGroup
	started.Add(n)
	block := make(chan int)
	for i := 0; i < n; i++ {
		go crashOutputDeep(4, &started, block)
	}
	started.Wait()
	panic("crashout: big dump")
}

func crashOutputDeep(depth int, started *sync.WaitGroup, block chan int) {
	if depth > 0 {
		crashOutputDeep(depth-1, started, block)
		return
	}
	started.Done()
	<-block
}

func init() {
	register("CrashOutputPartialLine", CrashOutputPartialLine)
}

// CrashOutputPartialLine sets a crash output, prints part of a line and
// waits to be killed.
func CrashOutputPartialLine() {
	setCrashOutput()
	print("a line in progress: ")
	time.Sleep(time.Hour)
}
