// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Println is bench.bash's println-heavy program: BENCH_LINES (default
// 200000) println calls of three arguments each, then a normal exit.
package main

import (
	"os"
	"strconv"
)

func main() {
	n := 200000
	if s := os.Getenv("BENCH_LINES"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			panic(err)
		}
	}
	for i := 0; i < n; i++ {
		println("line", i, true)
	}
}
