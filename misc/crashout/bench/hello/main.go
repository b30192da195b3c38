// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Hello is bench.bash's hello world, for the binary size.
package main

import "fmt"

func main() {
	fmt.Println("hello, world")
}
