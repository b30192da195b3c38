// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build unix

package debug_test

import (
	"bytes"
	"internal/syscall/unix"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// Tests of the stall limit of the crash output, GODEBUG=crashoutputstall:
// a crash output that makes no progress for that long is dropped, so that a
// reader that does not read cannot hold a crashing process forever, while
// a slow reader that keeps reading loses nothing.
//
// Each crash lists stallParked parked goroutines (GOTRACEBACK=all), a
// report of several hundred KiB: far more than a pipe or a small socket
// buffer holds. The limit works on Linux only; elsewhere a blocking crash
// output blocks as upstream's does. (This file is not built on Windows,
// whose pipes and sockets these tests cannot make.)

const (
	stallParked = 2000

	// stallNote is what the runtime prints on standard error, on a line of
	// its own, when it drops a stalled crash output.
	stallNote = "runtime: crash output made no progress for GODEBUG=crashoutputstall seconds; the rest of the crash report goes to standard error only\n"

	// stallMargin is how much longer than its stall limit a stalled crash
	// may take, start-up and the whole report included: the machines that
	// run these tests may be small and loaded.
	stallMargin = 9 * time.Second

	// defaultStallLimit is the limit without GODEBUG=crashoutputstall.
	defaultStallLimit = 5 * time.Second
)

func init() {
	// Set descriptor 3, from the test, as the crash output, then crash.
	startHelperModes["set-fd3"] = func(dir string) {
		f := os.NewFile(3, "crash-output")
		helperSet(f)
		f.Close()
		startHelperCrash()
	}

	// Set descriptor 3 as the crash output, then panic at the bottom of
	// deepPanicDepth nested calls with nothing printed before: a report of
	// a chosen length with no goroutine but the crashing one.
	startHelperModes["deep-panic-fd3"] = func(dir string) {
		f := os.NewFile(3, "crash-output")
		helperSet(f)
		f.Close()
		go crashoutDeepPanic(deepPanicDepth) // not under testing's recover
		select {}
	}

	// Set the write end of a non-blocking os.Pipe, which nobody reads, as
	// the crash output, check that it stays non-blocking, then crash.
	startHelperModes["nonblocking-pipe"] = func(dir string) {
		r, w, err := os.Pipe()
		if err != nil {
			helperFail("%v", err)
		}
		helperKeep = r // never read, never closed
		if !isNonblocking(w) {
			helperFail("os.Pipe's write end is blocking: the test needs a non-blocking one")
		}
		helperSet(w)
		if !isNonblocking(w) {
			helperFail("SetCrashOutput made the caller's non-blocking pipe blocking")
		}
		startHelperCrash()
	}
}

// isNonblocking reports whether f's open file description has O_NONBLOCK
// set. It reaches the descriptor through SyscallConn: f.Fd would make it
// blocking.
func isNonblocking(f *os.File) bool {
	rc, err := f.SyscallConn()
	if err != nil {
		helperFail("%v", err)
	}
	var nb bool
	var nbErr error
	if err := rc.Control(func(fd uintptr) { nb, nbErr = unix.IsNonblock(int(fd)) }); err != nil {
		helperFail("%v", err)
	}
	if nbErr != nil {
		helperFail("%v", nbErr)
	}
	return nb
}

func mustHaveStallLimit(t *testing.T) {
	t.Helper()
	mustHaveCrashOutput(t)
	if runtime.GOOS != "linux" {
		t.Skipf("the crash output stall limit (GODEBUG=crashoutputstall) works on Linux only, not %s", runtime.GOOS)
	}
}

// stallCommand returns a command running the helper in mode with the
// crash output file out as its descriptor 3, crashing with the given
// number of parked goroutines, and env. It does not set GOCRASHOUTPUT:
// these tests are about the stall limit, whichever way the crash output
// was set.
func stallCommand(t *testing.T, mode string, out *os.File, parked int, env ...string) *exec.Cmd {
	t.Helper()
	env = append([]string{helperParkedEnv + "=" + strconv.Itoa(parked)}, env...)
	cmd := startHelperCommand(t, mode, "", t.TempDir(), env...)
	if out != nil {
		cmd.ExtraFiles = []*os.File{out}
	}
	return cmd
}

// runTimed runs cmd, killing it after timeout, and reports how long it
// took.
func runTimed(t *testing.T, cmd *exec.Cmd, timeout time.Duration) (helperResult, time.Duration) {
	t.Helper()
	start := time.Now()
	res := runCommand(t, cmd, timeout)
	return res, time.Since(start)
}

// stallTimeout is when a helper whose crash output stalls has hung: far
// past the limit of 1s these tests set, and past stallMargin.
const stallTimeout = 1 * time.Minute

// checkStalled checks a crash whose crash output stalled for limit: it
// ended within the limit and stallMargin, with the usual exit status 2 and
// the whole report on standard error, with the stall note on a line of its
// own, once. It returns the report without the note. If out is not nil, it
// is the data the crash output got, which must be a part of the report
// that ends no later than the note.
func checkStalled(t *testing.T, res helperResult, took, limit time.Duration, out []byte) []byte {
	t.Helper()
	if took > limit+stallMargin {
		t.Errorf("the crash took %v, want < %v: the stalled crash output held it up past the limit of %v", took, limit+stallMargin, limit)
	}
	report := crashReport(t, res, "panic", stallParked)
	i := bytes.Index(report, []byte(stallNote))
	switch {
	case i < 0:
		t.Fatalf("no stall note %q on stderr:\n%s", stallNote, tail(report))
	case i > 0 && report[i-1] != '\n':
		t.Errorf("stall note not at the start of a line: %q", excerpt(report, i))
	case bytes.Count(report, []byte(stallNote)) != 1:
		t.Errorf("stall note printed %d times, want once", bytes.Count(report, []byte(stallNote)))
	}
	noteless := append(report[:i:i], report[i+len(stallNote):]...)
	if out != nil {
		if len(out) == 0 || len(out) > i || !bytes.HasPrefix(noteless, out) {
			t.Errorf("the stalled crash output got %d bytes, want a non-empty beginning of the report up to the note at offset %d", len(out), i)
			checkCopy(t, "crash output", out, noteless[:min(len(out), len(noteless))])
		}
		if len(out) == len(noteless) {
			t.Errorf("the stalled crash output got the whole report: it did not stall")
		}
	}
	if out != nil {
		t.Logf("the crash took %v; the crash output got %d of %d bytes before it stalled", took, len(out), len(noteless))
	} else {
		t.Logf("the crash took %v", took)
	}
	return noteless
}

// checkComplete checks a crash whose crash output did not stall: exit
// status 2, no stall note, and the crash output got the whole report that
// standard error got.
func checkComplete(t *testing.T, res helperResult, out []byte, parked int) {
	t.Helper()
	report := crashReport(t, res, "panic", parked)
	if bytes.Contains(report, []byte(stallNote)) {
		t.Errorf("stall note on stderr: the crash output was dropped")
	}
	checkCopy(t, "crash output", out, report)
}

// checkBlocking checks that f's open file description, shared with the
// helper, which set it as its crash output, is still blocking: the runtime
// never sets O_NONBLOCK on it.
func checkBlocking(t *testing.T, f *os.File) {
	t.Helper()
	rc, err := f.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var nb bool
	var nbErr error
	if err := rc.Control(func(fd uintptr) { nb, nbErr = unix.IsNonblock(int(fd)) }); err != nil {
		t.Fatal(err)
	}
	if nbErr != nil {
		t.Fatal(nbErr)
	}
	if nb {
		t.Errorf("%s is non-blocking after the crash: the runtime set O_NONBLOCK on the shared file description", f.Name())
	}
}

// A pipe that nobody reads (the test holds the read end open and never
// reads it) holds a crash up for the limit, no longer: then the crash ends
// on standard error alone. The runtime leaves the pipe blocking.
func TestCrashOutputStallPipe(t *testing.T) {
	mustHaveStallLimit(t)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	cmd := stallCommand(t, "set-fd3", w, stallParked, "GODEBUG=crashoutputstall=1")
	res, took := runTimed(t, cmd, stallTimeout) // exec.Cmd made w blocking (f.Fd)
	checkBlocking(t, w)
	w.Close()
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	checkStalled(t, res, took, 1*time.Second, out)
}

// A Unix socket whose peer never reads stalls the same way. Socket buffers
// of a few pages make sure the report does not fit in them, whatever the
// system's defaults.
func TestCrashOutputStallSocket(t *testing.T) {
	mustHaveStallLimit(t)
	crashEnd, peer := socketPair(t, 32<<10)
	cmd := stallCommand(t, "set-fd3", crashEnd, stallParked, "GODEBUG=crashoutputstall=1")
	res, took := runTimed(t, cmd, stallTimeout)
	checkBlocking(t, crashEnd)
	crashEnd.Close()
	out, err := io.ReadAll(peer)
	if err != nil {
		t.Fatal(err)
	}
	checkStalled(t, res, took, 1*time.Second, out)
}

// A short report can fit in a Unix socket's send buffer, so that a crash to
// a socket whose peer reads only after the process exited (a supervisor
// that collects the report when its child is gone) never waits: every
// write goes through at once. Upstream's blocking writes deliver such a
// report whole, and so must the stall limit: a crash output that takes
// every write at once is making progress. The test first checks, with
// GODEBUG=crashoutputstall=0, that the report fits (else it skips), then
// crashes the same way with the default limit.
//
// Waiting for EPOLLOUT before each write does not tell: on a Unix stream
// socket it needs three quarters of the send buffer free, and each of the
// runtime's many small writes takes up far more of the buffer than its
// length. The report here, of deepPanicDepth frames, is a few hundred
// bytes long in well over a hundred writes: it fits in the default send
// buffer of 208 KiB, but not in its free quarter.
func TestCrashOutputStallSocketRoomy(t *testing.T) {
	mustHaveStallLimit(t)
	crash := func(t *testing.T, env ...string) (res helperResult, took time.Duration, out []byte, hung bool) {
		crashEnd, peer := socketPair(t, 0)
		cmd := stallCommand(t, "deep-panic-fd3", crashEnd, 0, append(env, "GOTRACEBACK=single")...)
		start := time.Now()
		res, hung = runCommandHung(t, cmd, 20*time.Second)
		took = time.Since(start)
		crashEnd.Close()
		out, err := io.ReadAll(peer)
		if err != nil {
			t.Fatal(err)
		}
		return res, took, out, hung
	}
	check := func(t *testing.T, res helperResult, out []byte) {
		t.Helper()
		if res.code != 2 || !bytes.HasPrefix(res.stderr, []byte(deepPanicFirst)) {
			t.Fatalf("exit status %d, stderr:\n%s\nwant 2 and a report starting with %q", res.code, tail(res.stderr), deepPanicFirst)
		}
		if n := bytes.Count(res.stderr, []byte("runtime/debug_test.crashoutDeepPanic(")); n != deepPanicDepth+1 {
			t.Errorf("report lists %d crashoutDeepPanic frames, want %d", n, deepPanicDepth+1)
		}
		checkCopy(t, "crash output socket", out, res.stderr)
	}

	res, _, out, hung := crash(t, "GODEBUG=crashoutputstall=0")
	if hung {
		t.Skipf("the report does not fit in a Unix socket's buffer here: a crash that waits for the socket hung after %d bytes", len(out))
	}
	check(t, res, out)
	t.Logf("with crashoutputstall=0, the socket took the whole %d-byte report", len(out))

	res, took, out, hung := crash(t)
	if hung {
		t.Fatalf("with the default stall limit, the crash hung after %d bytes to the socket", len(out))
	}
	t.Logf("the crash took %v; the socket got %d bytes", took, len(out))
	check(t, res, out)
	if took >= defaultStallLimit {
		t.Errorf("the crash took %v, at least the stall limit of %v, though the socket took the whole report at once with crashoutputstall=0", took, defaultStallLimit)
	}
}

const (
	deepPanicDepth = 10
	deepPanicFirst = "panic: crashout deep panic\n"
)

//go:noinline
func crashoutDeepPanic(n int) {
	if n == 0 {
		panic("crashout deep panic")
	}
	crashoutDeepPanic(n - 1)
}

// socketPair returns the two ends of a Unix stream socket: the first, for
// a crash output, with a send buffer of bufSize bytes and the second with a
// receive buffer of bufSize bytes, or the system's defaults if bufSize is 0.
// The test closes them when it ends.
func socketPair(t *testing.T, bufSize int) (crashEnd, peer *os.File) {
	t.Helper()
	syscall.ForkLock.RLock()
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err == nil {
		syscall.CloseOnExec(fds[0])
		syscall.CloseOnExec(fds[1])
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		t.Fatal(err)
	}
	crashEnd = os.NewFile(uintptr(fds[0]), "crash-socket")
	peer = os.NewFile(uintptr(fds[1]), "peer-socket")
	t.Cleanup(func() {
		crashEnd.Close()
		peer.Close()
	})
	if bufSize > 0 {
		for _, o := range []struct{ fd, opt int }{{fds[0], syscall.SO_SNDBUF}, {fds[1], syscall.SO_RCVBUF}} {
			if err := syscall.SetsockoptInt(o.fd, syscall.SOL_SOCKET, o.opt, bufSize); err != nil {
				t.Fatal(err)
			}
		}
	}
	return crashEnd, peer
}

// The caller's non-blocking os.Pipe stays non-blocking after SetCrashOutput
// (the helper checks), and a crash to it that stalls still ends within the
// limit: a non-blocking descriptor is waited for, not spun on forever.
func TestCrashOutputStallNonblockingPipe(t *testing.T) {
	mustHaveStallLimit(t)
	cmd := stallCommand(t, "nonblocking-pipe", nil, stallParked, "GODEBUG=crashoutputstall=1")
	res, took := runTimed(t, cmd, stallTimeout)
	checkStalled(t, res, took, 1*time.Second, nil)
}

// A slow reader that keeps making progress, 1 KiB every 50ms, gets the
// whole report with the default limit, although the crash takes far
// longer than the limit.
func TestCrashOutputStallSlowReader(t *testing.T) {
	mustHaveStallLimit(t)
	if testing.Short() {
		t.Skip("reading the report slowly takes about 30s")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	cmd := stallCommand(t, "set-fd3", w, stallParked)
	got := make(chan readResult, 1)
	go func() {
		var out []byte
		buf := make([]byte, 1<<10)
		for {
			time.Sleep(50 * time.Millisecond)
			n, err := io.ReadFull(r, buf)
			out = append(out, buf[:n]...)
			if err != nil {
				if err == io.EOF || err == io.ErrUnexpectedEOF {
					err = nil
				}
				got <- readResult{out, err}
				return
			}
		}
	}()
	res, took := runTimed(t, cmd, 5*time.Minute)
	w.Close()
	c := <-got
	if c.err != nil {
		t.Fatal(c.err)
	}
	t.Logf("the crash took %v for %d bytes", took, len(c.data))
	checkComplete(t, res, c.data, stallParked)
	if took <= defaultStallLimit {
		t.Logf("the crash took %v, no longer than the limit of %v: the reader was not slow enough to test anything", took, defaultStallLimit)
	}
}

// GODEBUG=crashoutputstall=0 waits forever, as upstream does: a reader that
// starts only after longer than the default limit still gets the whole
// report.
func TestCrashOutputStallWaitForever(t *testing.T) {
	mustHaveStallLimit(t)
	if testing.Short() {
		t.Skip("waits longer than the default stall limit")
	}
	const delay = defaultStallLimit + 1*time.Second
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	cmd := stallCommand(t, "set-fd3", w, stallParked, "GODEBUG=crashoutputstall=0")
	got := make(chan readResult, 1)
	go func() {
		time.Sleep(delay)
		b, err := io.ReadAll(r)
		got <- readResult{b, err}
	}()
	res, took := runTimed(t, cmd, 2*time.Minute)
	w.Close()
	c := <-got
	if c.err != nil {
		t.Fatal(c.err)
	}
	checkComplete(t, res, c.data, stallParked)
	if took < delay {
		t.Errorf("the crash took %v, less than the %v before the reader started: it did not wait for the reader", took, delay)
	}
}
