// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package debug

import (
	"fmt"
	"os"
)

// CrashOptions holds options for [SetCrashOutput]. It has no fields yet;
// it exists so that options can be added without changing the signature.
type CrashOptions struct {
	// for future expansion
}

// SetCrashOutput sends a copy of every crash report of this process to f,
// in addition to standard error.
//
// A crash report is what the runtime prints when the program dies: an
// unrecovered panic, a fatal error such as "concurrent map writes" or a
// deadlock, a fatal signal such as SIGSEGV, or the goroutine dump of SIGQUIT.
// From the moment the runtime decides to die, everything it prints goes to
// standard error and to f, byte for byte the same, from the report's first
// line (such as "panic: ..." or "fatal error: ...", or a diagnostic like
// "runtime: goroutine stack exceeds ..." that precedes it) to its last.
// Nothing else reaches f: not print or println output, not GODEBUG traces,
// not recovered panics. Any byte written to f therefore means a crash.
//
// SetCrashOutput keeps its own duplicate of f's descriptor, which child
// processes do not inherit, so the caller may close f once SetCrashOutput
// returns. The mode of f is not changed; if f is non-blocking, the runtime
// waits for it as for a blocking descriptor. If writing to f fails during a
// crash (the reading end of a pipe closed, a full disk), or f makes no
// progress for the stall limit (a pipe or socket that nobody reads), the
// runtime stops writing to f and standard error still gets the whole
// report; the exit status is not affected. The stall limit is 5 seconds;
// GODEBUG=crashoutputstall=N sets it to N seconds, and 0 waits forever.
// On systems other than Linux, a blocking f is waited for without limit.
//
// Calling SetCrashOutput again replaces the previous file, whose duplicate
// is closed; SetCrashOutput(nil, opts) stops the copying. A crash already in
// progress keeps writing to the file it started with.
//
// If f is closed or is not a valid open file, SetCrashOutput returns an
// error and the previous setting stays in effect. On ports that cannot
// duplicate a descriptor (js/wasm, wasip1, plan9), SetCrashOutput returns
// an error for any non-nil f.
//
// The environment variable GOCRASHOUTPUT sets the crash output from the
// start of the process, before any package is initialized, with no call to
// SetCrashOutput: GOCRASHOUTPUT=/abs/path (C:\path on Windows) names a
// file that the runtime opens for appending, GOCRASHOUTPUT=fd=N,ppid=P
// (Linux) an inherited descriptor N, and GOCRASHOUTPUT=handle=H,ppid=P
// (Windows) an inherited handle H, which the runtime uses only if its
// parent process is P, and makes close-on-exec or non-inheritable. The
// runtime removes the variable from the environment the program and its
// children see, and reports a setting it cannot use once on standard error.
// SetCrashOutput replaces that setting. A file the runtime creates has mode
// 0600, whatever the umask; the path must name a regular file, a FIFO that
// has a reader, or a character device, and the runtime never waits to open
// it.
//
// On Linux, an absolute GOCRASHOUTPUT path with a % in its last element is
// a pattern, such as /var/crash/%e-%p-%t.crash: each crash creates a new
// file, named with %p (the process ID), %t (seconds since the Unix epoch),
// %e (the executable's base name), %h (the host name) and %% (a percent
// sign), and a run that does not crash creates nothing. The directory is
// opened at start; the file is created exclusively, with mode 0600, never
// through an existing file or symbolic link (a taken name gets a suffix
// .1 to .99). It starts with a header, lines beginning "go-crash: " that
// name the Go version, platform, main module, version control revision,
// executable, process and parent IDs and the time of the crash, then an
// empty line; the report follows. Other systems refuse a path with a %.
//
// GODEBUG=crashoutputmax=N caps what the crash output (of any form)
// receives at N bytes of whole lines of the report, followed by one line
// beginning "runtime: crash output truncated" that says how many bytes were
// left out. Standard error gets the whole report.
//
// A program running in secure mode ignores GOCRASHOUTPUT, and says so on
// standard error without acting on the value. A program runs in secure
// mode when it has privileges its invoker lacks: on Linux, when the kernel
// sets AT_SECURE in its auxiliary vector, which it does for a set-user-ID
// or set-group-ID program whose real and effective IDs differ, for a
// program given capabilities by its file, and when a Linux Security Module
// asks for it; on other Unix systems, when issetugid reports so. The
// environment is then the invoker's, and taking a destination from it
// would let the invoker write where it cannot. SetCrashOutput, called by
// the program itself, works in secure mode as everywhere else.
//
// A typical use is a monitor: the program starts a copy of itself as a
// child process that reads crash reports from a pipe and saves or uploads
// them; see the example. A monitor that expands the report's pc= values
// with [runtime.CallersFrames] (from GOTRACEBACK=system, in a process
// running the same executable) gets inlined frames too, as on Go 1.23.
//
// # Libraries that build with any Go 1.22 toolchain
//
// Upstream Go has SetCrashOutput from Go 1.23 on; this toolchain, a Go 1.22
// fork, also sets the build tag goexperiment.crashoutput. A module whose
// go.mod says go 1.22 uses SetCrashOutput where it exists with three files,
// for upstream Go 1.23 and later, for this fork, and a stub:
//
//	crash_go123.go:  //go:build go1.23
//	crash_fork.go:   //go:build !go1.23 && goexperiment.crashoutput
//	crash_none.go:   //go:build !go1.23 && !goexperiment.crashoutput
//
// The first two hold the same code. A single file with
// "//go:build go1.23 || goexperiment.crashoutput" builds too, but that
// constraint does not imply go1.23, so the file keeps the module's Go
// version, 1.22, and upstream's go vet (the stdversion analyzer, Go 1.23
// and later) and gopls report "debug.SetCrashOutput requires go1.23 or
// later (module is go1.22)". The go1.23 file avoids that upstream; with
// this fork, gopls (which runs the same analyzer) still reports it in the
// fork's file. It is a warning that does not affect the build; to quiet it,
// set gopls's "analyses": {"stdversion": false}. The fork's own go vet does
// not have the analyzer.
//
// GOEXPERIMENT=nocrashoutput clears the tag, so that such code builds its
// stub, for example to test it; SetCrashOutput itself stays.
func SetCrashOutput(f *os.File, opts CrashOptions) error {
	fd := ^uintptr(0)
	if f != nil {
		var err error
		if fd, err = dupCrashFD(f); err != nil {
			return fmt.Errorf("runtime/debug: SetCrashOutput(%s): %w", f.Name(), err)
		}
	}
	if old, closable := setCrashFD(fd); old != ^uintptr(0) && closable {
		closeCrashFD(old)
	}
	return nil
}

// setCrashFD installs fd (^uintptr(0) for none) as the runtime's crash
// output and returns the descriptor it replaces and whether that one may be
// closed (not while a crash may be writing to it). Implemented in package
// runtime.
func setCrashFD(fd uintptr) (old uintptr, closable bool)
