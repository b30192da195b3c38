// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

// Programs for TestCrashOutputInlinedFrames in runtime/crashout_frames_test.go:
// a crash monitor as golang.org/x/telemetry's works. The crashing program
// starts a copy of itself as the monitor, reading the crash output on its
// standard input, sets GOTRACEBACK=system with debug.SetTraceback and
// crashes through calls the compiler inlines. The monitor takes the pc=
// values of the first running goroutine from the report, expands them with
// runtime.CallersFrames and prints one "frame: FUNCTION" line per frame.

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
)

func init() {
	register("CrashOutputInlinedPanic", CrashOutputInlinedPanic)
	register("CrashOutputInlinedNilDeref", CrashOutputInlinedNilDeref)
	register("CrashOutputFramesMonitor", CrashOutputFramesMonitor)
}

func CrashOutputInlinedPanic() {
	startFramesMonitor()
	inlinedPanic1()
}

func inlinedPanic1() { inlinedPanic2() }
func inlinedPanic2() { inlinedPanic3() }
func inlinedPanic3() { panic("inlined panic") }

func CrashOutputInlinedNilDeref() {
	startFramesMonitor()
	inlinedNilDeref1(nil)
}

var inlinedSink int

func inlinedNilDeref1(p *int) { inlinedNilDeref2(p) }
func inlinedNilDeref2(p *int) { inlinedNilDeref3(p) }
func inlinedNilDeref3(p *int) { inlinedSink = *p }

// textAnchorEnv passes the crashing program's address of a function to the
// monitor, which corrects the report's PCs by the difference to its own
// (the two processes differ in load address when built as PIE).
const textAnchorEnv = "CRASHOUT_TEXT_ANCHOR"

func textAnchor() uintptr { return reflect.ValueOf(CrashOutputFramesMonitor).Pointer() }

// startFramesMonitor starts the monitor on a pipe that becomes the crash
// output, and sets GOTRACEBACK=system so that the report has pc= values.
func startFramesMonitor() {
	r, w, err := os.Pipe()
	if err != nil {
		fatalf("%v", err)
	}
	monitor := exec.Command(os.Args[0], "CrashOutputFramesMonitor")
	monitor.Env = append(os.Environ(), fmt.Sprintf("%s=%#x", textAnchorEnv, textAnchor()))
	monitor.Stdin = r
	monitor.Stdout = os.Stdout
	monitor.Stderr = os.Stderr
	if err := monitor.Start(); err != nil {
		fatalf("starting the monitor: %v", err)
	}
	r.Close()
	if err := debug.SetCrashOutput(w, debug.CrashOptions{}); err != nil {
		fatalf("SetCrashOutput: %v", err)
	}
	w.Close()
	debug.SetTraceback("system")
}

// CrashOutputFramesMonitor reads a crash report on standard input and
// prints the frames of its first running goroutine.
func CrashOutputFramesMonitor() {
	anchor, err := strconv.ParseUint(os.Getenv(textAnchorEnv), 0, 64)
	if err != nil {
		fatalf("monitor: %s: %v", textAnchorEnv, err)
	}
	pcs, err := reportPCs(bufio.NewScanner(os.Stdin))
	if err != nil {
		fatalf("monitor: %v", err)
	}
	if len(pcs) == 0 {
		fatalf("monitor: no pc= values in the crash report")
	}
	for i := range pcs {
		pcs[i] += textAnchor() - uintptr(anchor)
	}
	frames := runtime.CallersFrames(pcs)
	for {
		f, more := frames.Next()
		fmt.Printf("frame: %s\n", f.Function)
		if !more {
			break
		}
	}
}

// reportPCs returns the pc= values of the frames of the first running
// goroutine in a GOTRACEBACK=system report, as runtime.Callers would give
// them: the PC of a frame that faulted (the frame below runtime.sigpanic)
// is the faulting instruction's, not a return address, so it gets one
// added, as CallersFrames subtracts one from every PC.
func reportPCs(report *bufio.Scanner) ([]uintptr, error) {
	var pcs []uintptr
	in, fn, faulted := false, "", false
	for report.Scan() {
		line := report.Text()
		switch {
		case !in:
			in = strings.HasPrefix(line, "goroutine ") && strings.HasSuffix(line, " [running]:")
		case line == "" || strings.HasPrefix(line, "created by "):
			return pcs, nil
		case !strings.HasPrefix(line, "\t"):
			fn = line
		default:
			_, s, ok := strings.Cut(line, " pc=")
			if !ok {
				continue // an inlined frame
			}
			pc, err := strconv.ParseUint(s, 0, 64)
			if err != nil {
				return nil, fmt.Errorf("frame %s: %v", fn, err)
			}
			if faulted {
				pc++
			}
			faulted = strings.HasPrefix(fn, "runtime.sigpanic(")
			pcs = append(pcs, uintptr(pc))
		}
	}
	return pcs, report.Err()
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}
