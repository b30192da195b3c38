// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package harness holds what the crash output harnesses (compare and
// platforms) share: comparing what a crash output received with the crash
// report on standard error, formatting program output for Markdown tables,
// and the environments to build and run the programs under test with.
package harness

import (
	"bytes"
	"fmt"
	"strings"
)

// CountLines returns how many lines b holds; a last line without a
// newline counts.
func CountLines(b []byte) int {
	n := bytes.Count(b, []byte("\n"))
	if len(b) > 0 && b[len(b)-1] != '\n' {
		n++
	}
	return n
}

// FirstLine returns the first line of b, without its newline.
func FirstLine(b []byte) string {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	return string(line)
}

// LastLine returns the last line of b, without its newline.
func LastLine(b []byte) string {
	b = bytes.TrimSuffix(b, []byte("\n"))
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		b = b[i+1:]
	}
	return string(b)
}

// Plural returns n and what, with an s unless n is 1: "1 line", "2 lines".
func Plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// Quote formats one line of program output as a Markdown code span: without
// its newline, cut after 70 characters, backquotes turned into quotes. It
// does not escape the span for a table cell: Escape the text it ends up in.
func Quote(s string) string {
	s = strings.TrimRight(s, "\n")
	if r := []rune(s); len(r) > 70 {
		s = string(r[:70]) + "…"
	}
	return "`" + strings.ReplaceAll(s, "`", "'") + "`"
}

// Escape makes s safe in a Markdown table cell.
func Escape(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.ReplaceAll(s, "|", `\|`)
}
