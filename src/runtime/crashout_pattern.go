// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build unix || windows

package runtime

// Crash report files: the pattern form of GOCRASHOUTPUT.
//
// An absolute path with a % in it is a pattern: each crash gets a new file,
// named by the pattern when the crash starts, as the kernel names core
// dumps with core_pattern:
//
//	%p  the process ID
//	%t  the time of the crash, in seconds since the Unix epoch
//	%e  the executable's base name
//	%h  the host name
//	%%  a percent sign
//
// Specifiers are allowed in the last path element only. The directory is
// opened when the program starts (crashPatternDir), so a later chdir,
// rename of the path or dropped privilege changes nothing; the file is
// created in it when the crash output starts, exclusively and with mode
// 0600, and never through a file that existed before: a name that is taken
// gets a suffix .1 to .99. A run that does not crash creates nothing.
//
// A pattern file starts with a header: lines that begin "go-crash: ",
// naming the build and the process, then an empty line. The crash report
// follows, byte for byte what standard error gets (crashPatternFacts and
// crashPatternHeadEnd write the header).
//
// Only Linux has the pattern form (crashPatternSupported); elsewhere a
// path with a % is refused at start.
//
// The crash side: crashFD holds crashFDPattern while a pattern is the
// crash output. startCrashOutput then latches no descriptor but arms
// crashPatternState; the first thread to write the report creates the
// file (crashPatternCreate, called by writeErrOut) and latches it, while
// threads that crash with it wait for it, within a bound. Until the file
// exists, and if it cannot be created, the report goes to standard error
// alone, with one line saying why there is no file. crashFlush does not
// create it: it is called at the bottom of nosplit chains from signal
// handlers (dieFromSignal), with no stack to spare; a crash that prints
// nothing through writeErrOut, only last-gasp messages, has no file.

// crashPatternBase is the pattern's last path element, the one with the
// specifiers: a substring of the environment block, which lives as long
// as the process.
var crashPatternBase string

// parseCrashPattern checks the pattern v, an absolute path, and returns
// where its last path element starts, or why it is refused. It only reads
// v.
func parseCrashPattern(v string) (base int, why string) {
	if !crashPatternSupported {
		return 0, crashPatternUnsupported
	}
	base = len(v)
	for base > 0 && v[base-1] != '/' {
		base--
	}
	for i := 0; i < len(v); i++ {
		if v[i] != '%' {
			continue
		}
		if i < base {
			return 0, "% specifiers are allowed in the file name only, not in its directory"
		}
		i++
		if i == len(v) {
			return 0, "the pattern ends with a lone %"
		}
		switch v[i] {
		case 'p', 't', 'e', 'h', '%':
		default:
			return 0, "unknown % specifier (want %p, %t, %e, %h or %%)"
		}
	}
	return base, ""
}

// hasCrashPattern reports whether the path v is a pattern.
func hasCrashPattern(v string) bool {
	for i := 0; i < len(v); i++ {
		if v[i] == '%' {
			return true
		}
	}
	return false
}
