// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package runtime_test

import (
	"fmt"
	"internal/testenv"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// Tests of runtime.CallersFrames given the PCs of a printed traceback,
// which has one PC per physical frame, as crash monitors parse them from a
// GOTRACEBACK=system report: it must give the same frames, inlined ones
// included, as for the PCs that runtime.Callers returns at the same point.
// For a Callers list, it must give exactly one frame per PC, as before.

// frameStrings returns "function:line" for each frame CallersFrames gives for pcs.
func frameStrings(pcs []uintptr) []string {
	var s []string
	frames := runtime.CallersFrames(pcs)
	for {
		f, more := frames.Next()
		if f.Function != "" {
			s = append(s, fmt.Sprintf("%s:%d", f.Function, f.Line))
		}
		if !more {
			return s
		}
	}
}

// printedFaultPCs does what crash monitors do to a printed list: the frame
// below runtime.sigpanic faulted, and its PC is the faulting instruction's
// rather than a return address, so it gets one added, as CallersFrames
// subtracts one from every PC.
func printedFaultPCs(pcs []uintptr) []uintptr {
	out := append([]uintptr(nil), pcs...)
	for i := 1; i < len(out); i++ {
		if physicalFunc(out[i-1]) == "runtime.sigpanic" {
			out[i]++
		}
	}
	return out
}

// physicalFunc returns the name of the function whose code holds the call
// that returns to pc. FuncForPC alone will not do: it names the innermost
// function inlined at an address, and the address after a call may be in
// other inlined code than the call (sigpanic inlines panicmem and others).
// The entry of the function FuncForPC gives is the outermost function's.
func physicalFunc(pc uintptr) string {
	f := runtime.FuncForPC(pc - 1)
	if f == nil {
		return ""
	}
	return runtime.FuncForPC(f.Entry()).Name()
}

// checkInlined checks that a printed list has inlined frames to expand.
func checkInlined(t *testing.T, printed []uintptr) {
	t.Helper()
	if n := len(frameStrings(printed)); n <= len(printed) {
		t.Errorf("printed list of %d PCs gave %d frames: want more (inlined frames)", len(printed), n)
	}
}

// checkPCLists checks the frames of a printed list and a Callers list taken
// at the same point, want being the frames expected from the Callers list,
// innermost first, as function names (a prefix of the list).
func checkPCLists(t *testing.T, printed, callers []uintptr, want []string) {
	t.Helper()
	logical := frameStrings(callers)
	if len(logical) != len(callers) {
		t.Errorf("Callers list of %d PCs gave %d frames:\n%s", len(callers), len(logical), strings.Join(logical, "\n"))
	}
	for i, fn := range want {
		if i >= len(logical) || !strings.HasPrefix(logical[i], fn+":") {
			t.Fatalf("frames of the Callers list:\n%s\nwant these first:\n%s", strings.Join(logical, "\n"), strings.Join(want, "\n"))
		}
	}
	// Compare the test's own frames: below them, the testing package
	// starts tests in a wrapper, a physical frame that Callers leaves out
	// but a printed traceback shows.
	if got, want := testFrames(frameStrings(printed)), testFrames(logical); !slices.Equal(got, want) {
		t.Errorf("frames of the printed list:\n%s\nframes of the Callers list:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Any part of a Callers list gives the same part of its frames: its
	// virtual PCs are never expanded twice, even where it is cut short.
	for i := 0; i <= len(callers); i++ {
		for j := i; j <= len(callers); j++ {
			if got := frameStrings(callers[i:j]); !slices.Equal(got, logical[i:j]) {
				t.Fatalf("frames of Callers list [%d:%d]:\n%s\nwant:\n%s", i, j, strings.Join(got, "\n"), strings.Join(logical[i:j], "\n"))
			}
		}
	}
}

// testFrames returns the frames before the first of package testing.
func testFrames(frames []string) []string {
	for i, f := range frames {
		if strings.HasPrefix(f, "testing.") {
			return frames[:i]
		}
	}
	return frames
}

func TestCallersFramesPrintedPCs(t *testing.T) {
	if testenv.OptimizationOff() {
		t.Skip("no inlining with optimization off: nothing to expand")
	}
	printed, callers := framesOuter()
	checkPCLists(t, printed, callers, []string{
		"runtime_test.framesLeaf",
		"runtime_test.framesInner",
		"runtime_test.framesMiddle",
		"runtime_test.framesOuter",
	})
	checkInlined(t, printed)
}

//go:noinline
func framesLeaf() ([]uintptr, []uintptr) { return runtime.StackPCs(100) }

func framesInner() ([]uintptr, []uintptr)  { return framesLeaf() }
func framesMiddle() ([]uintptr, []uintptr) { return framesInner() }

//go:noinline
func framesOuter() ([]uintptr, []uintptr) { return framesMiddle() }

// A nil dereference in inlined code: the faulting frame's printed PC is not
// a return address, and runtime.sigpanic, which has inlined calls of its
// own, comes before it.
func TestCallersFramesPrintedPCsFault(t *testing.T) {
	if testenv.OptimizationOff() {
		t.Skip("no inlining with optimization off: nothing to expand")
	}
	var printed, callers []uintptr
	func() {
		defer func() {
			recover()
			printed, callers = runtime.StackPCs(100)
		}()
		faultOuter(nil)
	}()
	// Both lists start with the deferred function.
	checkPCLists(t, printedFaultPCs(printed[1:]), callers[1:], []string{
		"runtime.gopanic",
		"runtime.panicmem",
		"runtime.sigpanic",
		"runtime_test.faultInner",
		"runtime_test.faultMiddle",
		"runtime_test.faultOuter",
	})
	checkInlined(t, printed)
}

var faultSink int

func faultInner(p *int)  { faultSink = *p }
func faultMiddle(p *int) { faultInner(p) }

//go:noinline
func faultOuter(p *int) { faultMiddle(p) }

// A wrapper method that Callers leaves out, with the wrapped method inlined
// into it.
func TestCallersFramesPrintedPCsWrapper(t *testing.T) {
	if testenv.OptimizationOff() {
		t.Skip("no inlining with optimization off: nothing to expand")
	}
	printed, callers := framesThroughWrapper(opaqueFramer())
	checkPCLists(t, printed, callers, []string{
		"runtime_test.framesLeaf",
		"runtime_test.framesEmbedded.pcs",
		"runtime_test.framesThroughWrapper",
	})
}

type framesEmbedded struct{}

func (framesEmbedded) pcs() ([]uintptr, []uintptr) { return framesLeaf() }

type framesPromoted struct{ framesEmbedded }

type framer interface{ pcs() ([]uintptr, []uintptr) }

//go:noinline
func opaqueFramer() framer { return framesPromoted{} }

//go:noinline
func framesThroughWrapper(f framer) ([]uintptr, []uintptr) { return f.pcs() }

// TestCrashOutputInlinedFrames runs a crash monitor as golang.org/x/telemetry's
// works (see testdata/testprog/crashout_frames.go): it reads a crash report
// from the crash output pipe, takes the pc= values of the crashing goroutine
// and expands them with CallersFrames. Each inlined frame must be there.
func TestCrashOutputInlinedFrames(t *testing.T) {
	if testenv.OptimizationOff() {
		t.Skip("no inlining with optimization off: nothing to expand")
	}
	for _, tc := range []struct {
		name string
		want []string
	}{
		{"InlinedPanic", []string{
			"runtime.gopanic",
			"main.inlinedPanic3",
			"main.inlinedPanic2",
			"main.inlinedPanic1",
			"main.CrashOutputInlinedPanic",
			"main.main",
			"runtime.main",
			"runtime.goexit",
		}},
		{"InlinedNilDeref", []string{
			"runtime.gopanic",
			"runtime.panicmem",
			"runtime.sigpanic",
			"main.inlinedNilDeref3",
			"main.inlinedNilDeref2",
			"main.inlinedNilDeref1",
			"main.CrashOutputInlinedNilDeref",
			"main.main",
			"runtime.main",
			"runtime.goexit",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := runTestProg(t, "testprog", "CrashOutput"+tc.name)
			var got []string
			for _, line := range strings.Split(out, "\n") {
				if fn, ok := strings.CutPrefix(line, "frame: "); ok {
					got = append(got, fn)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("monitor's frames:\n%s\nwant:\n%s\nprogram output:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"), out)
			}
			// The frames to expand were inlined: the report prints them
			// without a pc= value of their own.
			if !strings.Contains(out, "main.inlinedPanic2(...)") && !strings.Contains(out, "main.inlinedNilDeref2(...)") {
				t.Errorf("no inlined frame in the crash report:\n%s", out)
			}
		})
	}
}
