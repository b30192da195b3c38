// run

// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// GO-2026-4867 (CVE-2026-27144): an assignment between partially
// overlapping arrays must copy as memmove does, also when the right-hand
// side is a conversion that changes only the array's type.

package main

type A [10]int

//go:noinline
func shiftConv(s []int) {
	p := (*[10]int)(s[1:])
	q := (*A)(s[:10])
	*p = [10]int(*q)
}

//go:noinline
func shiftConvBack(s []int) {
	p := (*A)(s[:10])
	q := (*[10]int)(s[1:])
	*p = A(*q)
}

func check(name string, s []int, want func(i int) int) {
	for i := range s {
		if s[i] != want(i) {
			println(name, "index", i, "got", s[i], "want", want(i))
			panic("overlapping array assignment corrupted memory")
		}
	}
}

func seq() []int {
	s := make([]int, 11)
	for i := range s {
		s[i] = i
	}
	return s
}

func main() {
	s := seq()
	shiftConv(s)
	check("shiftConv", s[1:], func(i int) int { return i })

	s = seq()
	shiftConvBack(s)
	check("shiftConvBack", s[:10], func(i int) int { return i + 1 })
}
