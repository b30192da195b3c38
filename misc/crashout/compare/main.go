// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build linux

// Compare builds small crashing programs with the fork's toolchain and with
// an upstream toolchain that has runtime/debug.SetCrashOutput (Go 1.23 and
// later), runs each, and prints a Markdown table of how much of the crash
// report on standard error each toolchain's crash output captured.
//
// It is a package of GOROOT's misc module; scripts/harness runs it from this
// repository's working tree, in the repository root:
//
//	scripts/harness compare [-fork goroot] [-upstream /usr/local/go] [-timeout 20s] [-run REGEXP] [-v] [-keep]
//
// Every case program calls SetCrashOutput first (with descriptor 3, which
// the tool opens on a regular file or on a pipe), then prints one marker
// line with println, which is not part of any crash report, then crashes.
// Standard error is therefore the marker line followed by the crash report,
// and a cell compares the crash output with that report:
//
//	complete                  the crash output is the report, first line to last
//	misses first N lines (…)  the crash output is the report without its first N lines
//	empty                     nothing reached the crash output
//	hangs                     the program did not exit within -timeout and was killed
//
// followed by how the program ended. The programs are built in a temporary
// module ("go 1.22") with GOTOOLCHAIN=local, GOFLAGS cleared and
// CGO_ENABLED=0 (1 for the C thread cases, which use cgo), and run one
// at a time.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"

	"misc/crashout/internal/harness"
)

// marker is the line every case program prints with println after
// SetCrashOutput and before it crashes.
const marker = "crashout-compare: printed before the crash"

// helperSrc is added to every case program: start sends the crash output to
// descriptor 3 and prints the marker line.
const helperSrc = `package main

import (
	"os"
	"runtime/debug"
)

func start() {
	if err := debug.SetCrashOutput(os.NewFile(3, "crash output"), debug.CrashOptions{}); err != nil {
		println("SetCrashOutput:", err.Error())
		os.Exit(3)
	}
	println("` + marker + `")
}
`

// cthreadSrc is the C thread cases' program: a thread that C creates
// faults, or calls abort() if CTHREAD_ABORT is set. If CTHREAD_CHANDLER is
// set, a C constructor installs a SIGSEGV handler before the Go runtime
// starts, and that handler ends the process.
const cthreadSrc = `package main

/*
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void handler(int sig) { _exit(42); }

__attribute__((constructor)) static void setup(void) {
	struct sigaction sa;
	if (getenv("CTHREAD_CHANDLER") == NULL) return;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGSEGV, &sa, NULL);
}

static void *fault(void *arg) { *(volatile int *)0 = 0; return NULL; }
static void *doabort(void *arg) { abort(); return NULL; }

static void run(void) {
	pthread_t t;
	pthread_create(&t, NULL, getenv("CTHREAD_ABORT") ? doabort : fault, NULL);
	pthread_join(t, NULL);
}
*/
import "C"

func main() {
	start()
	C.run()
}
`

// sink is where a case's descriptor 3 goes.
type sink int

const (
	toFile       sink = iota // a regular file
	toUnreadPipe             // a pipe whose reader never reads until the program is gone
	toClosedPipe             // a pipe whose reader is closed: writes fail with EPIPE
	viaEnv                   // no descriptor 3: GOCRASHOUTPUT names a file (the fork's start-up setting)
	viaPattern               // no descriptor 3: GOCRASHOUTPUT is a pattern, one new file per crash (the fork's); the report after its header is compared
)

type crashCase struct {
	name    string
	prog    string   // directory (and binary) name of the program in the build module
	src     string   // the program, without helperSrc; "" reuses prog of an earlier case
	env     []string // added to the program's environment
	sink    sink
	noCrash bool // the program exits normally: its crash output must stay empty
	cgo     bool // the program uses cgo: built with CGO_ENABLED=1
}

var cases = []crashCase{
	{name: "panic (main)", prog: "panic", src: `package main

func main() {
	start()
	panic("boom")
}
`},
	{name: "panic in goroutine", prog: "goroutine", src: `package main

func main() {
	start()
	go func() { panic("boom in a goroutine") }()
	select {}
}
`},
	{name: "nested panic", prog: "nested", src: `package main

func main() {
	start()
	defer func() { panic("second") }()
	panic("first")
}
`},
	{name: "re-panic after recover", prog: "repanic", src: `package main

func main() {
	start()
	defer func() { panic(recover()) }()
	panic("first")
}
`},
	{name: "panic in package init", prog: "init", src: `package main

var _ = func() int { start(); return 0 }()

func init() { panic("boom in init") }

func main() {}
`},
	{name: "error value panic", prog: "errvalue", src: `package main

import "errors"

func main() {
	start()
	panic(errors.New("an error value"))
}
`},
	{name: "concurrent map writes", prog: "mapwrites", src: `package main

func main() {
	start()
	m := map[int]int{}
	for i := 0; i < 2; i++ {
		go func() {
			for j := 0; ; j++ {
				m[j&1023] = j
			}
		}()
	}
	select {}
}
`},
	{name: "deadlock", prog: "deadlock", src: `package main

func main() {
	start()
	<-make(chan int)
}
`},
	{name: "main calls runtime.Goexit", prog: "goexit", src: `package main

import "runtime"

func main() {
	start()
	runtime.Goexit()
}
`},
	{name: "stack overflow (SetMaxStack 1 MiB)", prog: "stackoverflow", src: `package main

import "runtime/debug"

func grow(n int) int {
	var pad [128]byte
	pad[n%len(pad)] = byte(n)
	return grow(n+1) + int(pad[0])
}

func main() {
	start()
	debug.SetMaxStack(1 << 20)
	grow(0)
}
`},
	{name: "out of memory (RLIMIT_AS 2 GiB, 4 GiB make)", prog: "oom", src: `package main

import "syscall"

var sink []byte

func main() {
	start()
	lim := syscall.Rlimit{Cur: 2 << 30, Max: 2 << 30}
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &lim); err != nil {
		panic(err)
	}
	sink = make([]byte, 4<<30)
}
`},
	{name: "nil dereference (SIGSEGV)", prog: "nilderef", src: `package main

var p *int

func main() {
	start()
	*p = 1
}
`},
	{name: "SIGQUIT self-dump", prog: "sigquit", src: `package main

import (
	"os"
	"syscall"
	"time"
)

func main() {
	start()
	syscall.Kill(os.Getpid(), syscall.SIGQUIT)
	time.Sleep(10 * time.Second)
}
`},
	{name: "GOTRACEBACK=crash (panic)", prog: "panic", env: []string{"GOTRACEBACK=crash"}},
	{name: "GOTRACEBACK=system (panic in goroutine)", prog: "goroutine", env: []string{"GOTRACEBACK=system"}},
	{name: "pipe nobody reads, 2000 goroutines, GOTRACEBACK=all", prog: "manygoroutines", sink: toUnreadPipe, env: []string{"GOTRACEBACK=all"}, src: `package main

import "time"

func main() {
	start()
	for i := 0; i < 2000; i++ {
		go func() { select {} }()
	}
	time.Sleep(100 * time.Millisecond)
	panic("boom with 2000 goroutines")
}
`},
	{name: "C thread (pthread) dereferences NULL, GOTRACEBACK=all", prog: "cthread", cgo: true, env: []string{"GOTRACEBACK=all"}, src: cthreadSrc},
	{name: "C thread (pthread) calls abort()", prog: "cthread", cgo: true, env: []string{"CTHREAD_ABORT=1"}},
	{name: "C thread dereferences NULL, SIGSEGV handler installed by C before Go: C's exit status 42", prog: "cthread", cgo: true, env: []string{"CTHREAD_CHANDLER=1"}},
	{name: "pipe with closed reader (EPIPE), panic: stderr", prog: "panic", sink: toClosedPipe},
	{name: "GOCRASHOUTPUT=file, no SetCrashOutput call, panic in package init", prog: "envinit", sink: viaEnv, src: `package main

var _ = func() int { println("` + marker + `"); return 0 }()

func init() { panic("boom in init") }

func main() {}
`},
	{name: "GOCRASHOUTPUT=dir/%e-%p.crash (a new file per crash, with a header), no SetCrashOutput call, panic in package init", prog: "envinit", sink: viaPattern},
	{name: "non-crash output (println, gctrace, recovered panic) in crash file", prog: "nocrash", noCrash: true, env: []string{"GODEBUG=gctrace=1"}, src: `package main

import "runtime"

func main() {
	start()
	runtime.GC()
	func() {
		defer func() { recover() }()
		panic("recovered")
	}()
	go func() {
		defer func() { recover() }()
		panic("recovered in a goroutine")
	}()
	runtime.GC()
	println("crashout-compare: exiting normally")
}
`},
}

type toolchain struct {
	label   string // column heading
	goroot  string
	version string
	bin     string // directory holding the built case programs
}

var (
	forkFlag     = flag.String("fork", "goroot", "GOROOT of the fork's toolchain")
	upstreamFlag = flag.String("upstream", "/usr/local/go", "GOROOT of the upstream toolchain")
	timeout      = flag.Duration("timeout", 20*time.Second, "kill a case program that has not exited after this long")
	runFlag      = flag.String("run", "", "run only the cases whose name matches this regular expression")
	verbose      = flag.Bool("v", false, "report progress and where each run's output is kept on standard error")
	keep         = flag.Bool("keep", false, "keep the temporary directory")
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("compare: ")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: scripts/harness compare [flags]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	began := time.Now()
	selected, err := harness.Select(cases, *runFlag, func(c crashCase) string { return c.name })
	if err != nil {
		log.Fatalf("%v", err)
	}

	// No core dumps from the GOTRACEBACK=crash case; the programs inherit this.
	var core syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_CORE, &core) == nil && core.Cur != 0 {
		core.Cur = 0
		syscall.Setrlimit(syscall.RLIMIT_CORE, &core)
	}

	tmp, remove, err := harness.TempDir("crashout-compare-", *keep)
	if err != nil {
		log.Fatalf("%v", err)
	}
	defer remove()
	if err := writeModule(filepath.Join(tmp, "src"), cases); err != nil {
		log.Fatalf("%v", err)
	}

	tcs := []*toolchain{{label: "fork", goroot: *forkFlag}, {label: "upstream", goroot: *upstreamFlag}}
	for _, tc := range tcs {
		if err := tc.build(tmp); err != nil {
			os.RemoveAll(tmp)
			log.Fatalf("%v", err)
		}
	}
	tcs[1].label = "upstream " + tcs[1].version

	fmt.Printf("fork: %s (%s); upstream: %s (%s); %s/%s, timeout %v\n\n",
		tcs[0].goroot, tcs[0].version, tcs[1].goroot, tcs[1].version, runtime.GOOS, runtime.GOARCH, *timeout)
	fmt.Printf("| case | %s | %s |\n|---|---|---|\n", tcs[0].label, tcs[1].label)
	for i, c := range selected {
		row := []string{harness.Escape(c.name)}
		for j, tc := range tcs {
			dir := filepath.Join(tmp, "run", fmt.Sprintf("%02d-%s-%d", i, c.prog, j))
			row = append(row, harness.Escape(cell(c, tc, dir)))
		}
		fmt.Printf("| %s |\n", strings.Join(row, " | "))
	}
	fmt.Printf("\nEach cell: what the crash output (descriptor 3 of the program) received, compared with the crash report on\n" +
		"stderr (stderr after the marker line the program printed before crashing); then how the program ended.\n")
	fmt.Printf("\nRan %d cases in %.0fs.\n", len(selected), time.Since(began).Seconds())
}

// writeModule writes the case programs into a fresh module at dir, one
// main package per program.
func writeModule(dir string, cases []crashCase) error {
	files := map[string]string{"go.mod": "module crashcases\n\ngo 1.22\n"}
	for _, c := range cases {
		if c.src != "" {
			files[filepath.Join(c.prog, "main.go")] = c.src
			files[filepath.Join(c.prog, "start.go")] = helperSrc
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(files[name]), 0o666); err != nil {
			return err
		}
	}
	return nil
}

// buildEnv is the environment for the go command, with cgo on or off.
func buildEnv(cgo bool) []string {
	if cgo {
		return harness.BuildEnv("CGO_ENABLED=1")
	}
	return harness.BuildEnv("CGO_ENABLED=0")
}

// build builds every case program with tc into tmp/bin-LABEL.
func (tc *toolchain) build(tmp string) error {
	t, err := harness.LoadToolchain(tc.goroot)
	if err != nil {
		return fmt.Errorf("%s toolchain: %v", tc.label, err)
	}
	tc.goroot, tc.version = t.GOROOT, t.Version
	gobin := t.Go
	tc.bin = filepath.Join(tmp, "bin-"+tc.label)
	start := time.Now()
	for _, cgo := range []bool{false, true} {
		args := []string{"build", "-o", tc.bin + string(filepath.Separator)}
		for _, c := range cases {
			if c.src != "" && c.cgo == cgo {
				args = append(args, "./"+c.prog)
			}
		}
		cmd := exec.Command(gobin, args...)
		cmd.Dir = filepath.Join(tmp, "src")
		cmd.Env = buildEnv(cgo)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("building the case programs with %s (%s): %v\n%s", gobin, tc.version, err, out)
		}
	}
	if *verbose {
		fmt.Fprintf(os.Stderr, "built the case programs with %s in %.1fs\n", tc.version, time.Since(start).Seconds())
	}
	return nil
}

type result struct {
	stderr []byte
	crash  []byte // what reached descriptor 3 (nothing for toClosedPipe)
	state  *os.ProcessState
	hung   bool
}

// run runs the program bin once in dir, with descriptor 3 on s.
func run(bin string, env []string, s sink, dir string) (*result, error) {
	stdout, stderr, err := harness.OutputFiles(dir)
	if err != nil {
		return nil, err
	}
	defer stdout.Close()
	defer stderr.Close()
	var crashR, crashW *os.File
	crashPath := filepath.Join(dir, "crash")
	switch s {
	case toFile:
		crashW, err = os.Create(crashPath)
	case viaEnv:
		env = append(env[:len(env):len(env)], "GOCRASHOUTPUT="+crashPath)
	case viaPattern:
		if err = os.Mkdir(filepath.Join(dir, "reports"), 0o777); err == nil {
			env = append(env[:len(env):len(env)], "GOCRASHOUTPUT="+filepath.Join(dir, "reports", "%e-%p.crash"))
		}
	default:
		crashR, crashW, err = os.Pipe()
	}
	if err != nil {
		return nil, err
	}
	if crashR != nil {
		defer crashR.Close()
	}
	if s == toClosedPipe {
		crashR.Close()
		crashR = nil
	}

	cmd := exec.Command(bin)
	cmd.Dir = dir
	cmd.Env = harness.RunEnv(env...)
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	if crashW != nil {
		cmd.ExtraFiles = []*os.File{crashW}
	}
	err = cmd.Start()
	if crashW != nil {
		crashW.Close()
	}
	if err != nil {
		return nil, err
	}
	r := new(result)
	done := make(chan struct{})
	go func() {
		cmd.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(*timeout):
		r.hung = true
		cmd.Process.Kill()
		<-done
	}
	r.state = cmd.ProcessState
	switch s {
	case toFile:
		r.crash, err = os.ReadFile(crashPath)
	case viaEnv:
		// Only a toolchain that knows GOCRASHOUTPUT creates the file.
		if r.crash, err = os.ReadFile(crashPath); os.IsNotExist(err) {
			err = nil
		}
	case viaPattern:
		r.crash, err = patternReport(filepath.Join(dir, "reports"))
	case toUnreadPipe:
		// The program is gone and we closed our copy of the writing end:
		// this reads what the pipe held, then EOF.
		r.crash, err = io.ReadAll(crashR)
		if err == nil {
			err = os.WriteFile(crashPath, r.crash, 0o666)
		}
	}
	if err != nil {
		return nil, err
	}
	r.stderr, err = os.ReadFile(stderr.Name())
	return r, err
}

// patternReport returns the report in the one file in dir after its
// header ("go-crash: " lines, then an empty line), or nothing if dir is
// empty (a toolchain without the pattern form creates no file).
func patternReport(dir string) ([]byte, error) {
	files, err := os.ReadDir(dir)
	if err != nil || len(files) == 0 {
		return nil, err
	}
	if len(files) > 1 {
		return nil, fmt.Errorf("%d files in %s, want one", len(files), dir)
	}
	b, err := os.ReadFile(filepath.Join(dir, files[0].Name()))
	if err != nil {
		return nil, err
	}
	header, report, ok := bytes.Cut(b, []byte("\n\n"))
	for _, line := range bytes.Split(header, []byte("\n")) {
		if !ok || !bytes.HasPrefix(line, []byte("go-crash: ")) {
			return nil, fmt.Errorf("%s: no header of go-crash: lines and an empty line", files[0].Name())
		}
	}
	return report, nil
}

// status says how the program ended.
func (r *result) status() string {
	if r.hung {
		return fmt.Sprintf("hangs (killed after %v; stderr stopped after %s)", *timeout, harness.Plural(harness.CountLines(r.stderr), "line"))
	}
	ws, ok := r.state.Sys().(syscall.WaitStatus)
	switch {
	case !ok:
		return r.state.String()
	case ws.Signaled():
		s := "killed by " + signalName(ws.Signal())
		if ws.CoreDump() {
			s += " (core dumped)"
		}
		return s
	default:
		return fmt.Sprintf("exit %d", ws.ExitStatus())
	}
}

func signalName(sig syscall.Signal) string {
	names := map[syscall.Signal]string{
		syscall.SIGABRT: "SIGABRT", syscall.SIGKILL: "SIGKILL", syscall.SIGQUIT: "SIGQUIT",
		syscall.SIGSEGV: "SIGSEGV", syscall.SIGPIPE: "SIGPIPE", syscall.SIGBUS: "SIGBUS",
		syscall.SIGTRAP: "SIGTRAP", syscall.SIGTERM: "SIGTERM",
	}
	if n, ok := names[sig]; ok {
		return n
	}
	return fmt.Sprintf("signal %d (%v)", int(sig), sig)
}

// cell runs case c built by tc and describes the outcome, not yet escaped
// for the table.
func cell(c crashCase, tc *toolchain, dir string) string {
	bin := filepath.Join(tc.bin, c.prog)
	if *verbose {
		fmt.Fprintf(os.Stderr, "%s: %s (output in %s)\n", tc.version, c.name, dir)
	}
	r, err := run(bin, c.env, c.sink, dir)
	if err != nil {
		return "error: " + err.Error()
	}
	st := r.status()
	if c.noCrash {
		if len(r.crash) == 0 {
			return fmt.Sprintf("none (stderr: %s, %d of them gctrace); %s",
				harness.Plural(harness.CountLines(r.stderr), "line"), bytes.Count(r.stderr, []byte("\ngc ")), st)
		}
		return fmt.Sprintf("%d bytes, first line %s; %s", len(r.crash), harness.Quote(harness.FirstLine(r.crash)), st)
	}
	report, ok := bytes.CutPrefix(r.stderr, []byte(marker+"\n"))
	if !ok {
		return fmt.Sprintf("stderr does not start with the marker line but with %s; %s", harness.Quote(harness.FirstLine(r.stderr)), st)
	}
	if c.sink == toClosedPipe {
		// Standard error must not suffer from the failing crash output: it
		// must be what a run of the same program with a crash file prints,
		// up to addresses.
		ref, err := run(bin, c.env, toFile, dir+"-with-file")
		if err != nil {
			return "error: " + err.Error()
		}
		refReport, _ := bytes.CutPrefix(ref.stderr, []byte(marker+"\n"))
		if len(report) > 0 && bytes.Equal(normalize(report), normalize(refReport)) {
			return fmt.Sprintf("stderr complete (%d lines, as with a crash file); %s", harness.CountLines(report), st)
		}
		return fmt.Sprintf("stderr differs from a run with a crash file (%s there): %s; %s",
			ref.status(), harness.Compare(normalize(refReport), normalize(report)), st)
	}
	return harness.Compare(report, r.crash).String() + "; " + st
}

var hexRE = regexp.MustCompile(`0x[0-9a-f]+`)

func normalize(b []byte) []byte { return hexRE.ReplaceAll(b, []byte("0x?")) }
