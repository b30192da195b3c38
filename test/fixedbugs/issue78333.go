// run

// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// GO-2026-4868 (CVE-2026-27143): the loop induction variable analysis
// checked the increment for overflow against the int64 range only, even
// when the induction variable was an 8 or 16 bit integer. A narrow loop
// counter that wrapped around was then believed to stay within its
// bounds, and the bounds checks that depended on it were removed.

package main

import (
	"fmt"
	"strings"
)

// mem holds the arrays used below somewhere in its middle, so that a
// missing bounds check reads memory that belongs to the program and is
// reported as a test failure instead of a fault.
var mem [1 << 17]byte

const (
	off8  = 1 << 10
	off16 = 1 << 16
)

// up8 visits 0, 10, ..., 120; the next step gives 130, which does not
// fit in an int8 and wraps to -126, so a[i] must panic.
//
//go:noinline
func up8(a *[128]byte) (n int) {
	for i := int8(0); i <= 120; i += 10 {
		n += int(a[i])
		if n > 1000 {
			break
		}
	}
	return n
}

// up8Exclusive is up8 with a strict upper limit.
//
//go:noinline
func up8Exclusive(a *[128]byte) (n int) {
	for i := int8(3); i < 127; i += 10 {
		n += int(a[i])
		if n > 1000 {
			break
		}
	}
	return n
}

// up16 visits 0, 10, ..., 32760; the next step wraps to -32766.
//
//go:noinline
func up16(a *[1 << 15]byte) (n int) {
	for i := int16(0); i <= 32760; i += 10 {
		n += int(a[i])
		if n > 1000 {
			break
		}
	}
	return n
}

// down8 visits 0, -10, ..., -120; the next step wraps to 126, so the
// loop keeps going and a[-int(i)] must panic.
//
//go:noinline
func down8(a *[128]byte) (n int) {
	for i := int8(0); i >= -120; i -= 10 {
		n += int(a[-int(i)])
		if n > 1000 {
			break
		}
	}
	return n
}

// fits8 never wraps: 110 + 10 still fits in an int8.
//
//go:noinline
func fits8(a *[128]byte) (n int) {
	for i := int8(0); i < 118; i += 10 {
		n += int(a[i])
	}
	return n
}

// indexPanic calls f and returns the message of the index out of range
// panic that it raised, or a description of what happened instead.
func indexPanic(f func() int) (msg string, ok bool) {
	defer func() {
		if err, isErr := recover().(error); isErr && strings.Contains(err.Error(), "index out of range") {
			msg, ok = err.Error(), true
		}
	}()
	n := f()
	return fmt.Sprintf("returned %d", n), false
}

func main() {
	a8 := (*[128]byte)(mem[off8:])
	a16 := (*[1 << 15]byte)(mem[off16:])
	for i := range a8 {
		a8[i] = 1
	}
	// Mark the bytes that a wrapped index would reach without a bounds
	// check.
	mem[off8-126] = 100
	mem[off8-123] = 100
	mem[off16-32766] = 100

	for _, tc := range []struct {
		name string
		f    func() int
	}{
		{"up8", func() int { return up8(a8) }},
		{"up8Exclusive", func() int { return up8Exclusive(a8) }},
		{"up16", func() int { return up16(a16) }},
		{"down8", func() int { return down8(a8) }},
	} {
		if msg, ok := indexPanic(tc.f); !ok {
			panic(fmt.Sprintf("%s: %s, want an index out of range panic", tc.name, msg))
		}
	}

	if got, want := fits8(a8), 12; got != want {
		panic(fmt.Sprintf("fits8 = %d, want %d", got, want))
	}
}
