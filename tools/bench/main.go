// Command bench benchmarks the fork's crash path, and the compiler, against
// the previous fork release, the unpatched base and upstream Go, in one run,
// and prints Markdown tables with ratios on standard output (./bench.bash
// runs it). Progress goes to standard error.
//
// Usage:
//
//	bench -top DIR [-runs 5] [-big-runs 1] [-sizes 1000,10000,100000]
//	      [-lines 200000] [-prev REV|none] [-upstream GOROOT|none]
//	      [-strace-max 1000] [-compile-runs N]
//
// The toolchains: fork is the repository's goroot/ ($FORK_GOROOT), built by
// ./make.bash; prev is the previous fork release, commit -prev (default
// go1.22.12-crashout.3, see defaultPrev), built once by
// scripts/build-prev-toolchain into .cache/prev-<hash>/; base is the
// unpatched Go 1.22.12, built once by scripts/build-base-toolchain into
// .cache/base-goroot; upstream is a Go 1.23 or later (it has
// runtime/debug.SetCrashOutput) at -upstream. Each builds the same programs,
// copied from misc/crashout/bench into a module of its own ("go 1.22"),
// with CGO_ENABLED=0 and -trimpath.
//
// The tables:
//
//  1. A panic with N goroutines (-sizes) blocked 11 frames deep,
//     GOTRACEBACK=all, for every crash output a toolchain has: none, a file
//     given to SetCrashOutput, GOCRASHOUTPUT=<fixed path> and
//     GOCRASHOUTPUT=<dir>/%e-%p.crash (a pattern: one new file per crash,
//     with a "go-crash: " header). Each form is probed once with one
//     goroutine; a toolchain without it gets no cell. Measures: wall time,
//     write system calls, bytes on stderr and in the crash file (and the
//     pattern file's header bytes); ratios fork/prev, fork/base and
//     fork/upstream.
//  2. The fork's pattern file against its fixed path: write calls, wall
//     time and bytes, with the ratio pattern/path.
//  3. A println-heavy program (-lines calls) and the size of a hello-world
//     binary: what lies off the crash path.
//  4. The compiler: each toolchain compiles its own net/http (the fork's
//     has the security patches), with the flags its go command uses (read
//     from "go build -a -n net/http") and an importcfg of its own export
//     data ("go list -export -deps"), -compile-runs times (default -runs):
//     wall time, CPU time and the compiler's maximum resident set size,
//     which /usr/bin/time -f %M reports (not the rusage of a child of
//     bench: Go starts it with vfork, so it counts bench's own peak too).
//
// Wall time is the median of -runs runs (5), taken in turn across the
// toolchains, each run starting with another one; sizes of 100000 and more
// get -big-runs runs (1), since one such run of the base takes seconds and
// writes 80 MB. A crash's report must list more than N goroutines, and a
// pattern crash must create exactly one file whose report, after the
// header, is the stderr of that run byte for byte.
//
// Write calls are counted with strace -f -c -e trace=write,writev for
// sizes up to -strace-max (1000); above that strace costs minutes per
// program, so they are counted with perf stat's syscalls:sys_enter_write
// and sys_enter_writev tracepoints, which must agree with strace wherever
// both ran on the unbatched programs (base and upstream). The fork and
// prev write a complete line after at most 1 ms, so their counts depend on
// speed: strace, which stops the program at every write, sees a few more
// writes than perf. Without a working perf those cells say n/a. The println
// program is counted with perf (strace without it).
//
// A full run took 5.5 to 6.5 minutes on 2 busy cores (load average 4),
// the compile table 1 to 1.5 of them, plus, once, the builds of prev and the
// base (15 minutes for both at once there; 3 to 10 each on an idle
// machine); each extra -big-runs adds a minute or more.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// defaultPrev is the last commit of the previous release,
// go1.22.12-crashout.3: main before the work of crashout.4 began. It
// cannot be derived from VERSION, which moves on only when a release is
// made, after most of its work has landed. Move it on at each release.
const defaultPrev = "7a5468191262dbf4d4039e9a2cac7f8a0e436e1c"

// config holds the flags.
type config struct {
	top         string
	runs        int
	bigRuns     int
	big         int
	sizes       []int
	lines       int
	prev        string
	upstream    string
	straceMax   int
	compileRuns int
}

var start = time.Now()

func main() {
	cfg := parseFlags()
	b, err := newBench(cfg)
	if err != nil {
		fatalf("%v", err)
	}
	defer b.cleanup()
	if err := b.run(); err != nil {
		b.keep = true
		b.cleanup()
		fatalf("%v", err)
	}
	b.report(os.Stdout)
	note("done in %d s", int(time.Since(start).Seconds()))
}

func parseFlags() config {
	var cfg config
	var sizes string
	flag.StringVar(&cfg.top, "top", "", "the fork's repository (required)")
	flag.IntVar(&cfg.runs, "runs", 5, "timed runs per program and toolchain")
	flag.IntVar(&cfg.bigRuns, "big-runs", 1, "timed runs for sizes of 100000 goroutines and more")
	flag.StringVar(&sizes, "sizes", "1000,10000,100000", "goroutine counts of the crash, comma-separated")
	flag.IntVar(&cfg.lines, "lines", 200000, "println calls of the println program")
	flag.StringVar(&cfg.prev, "prev", defaultPrev, "commit of the previous fork release, or none")
	flag.StringVar(&cfg.upstream, "upstream", "/usr/local/go", "GOROOT of an upstream Go 1.23 or later, or none")
	flag.IntVar(&cfg.straceMax, "strace-max", 1000, "count write calls with strace up to this many goroutines, with perf above")
	flag.IntVar(&cfg.compileRuns, "compile-runs", 0, "timed compilations of net/http per toolchain (default -runs)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: bench -top DIR [flags] (see go doc forktools/bench)")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 || cfg.top == "" {
		flag.Usage()
		os.Exit(2)
	}
	var err error
	if cfg.sizes, err = parseSizes(sizes); err != nil {
		fatalf("%v", err)
	}
	if cfg.compileRuns == 0 {
		cfg.compileRuns = cfg.runs
	}
	for _, v := range []int{cfg.runs, cfg.bigRuns, cfg.lines, cfg.straceMax, cfg.compileRuns} {
		if v < 1 {
			fatalf("not a positive number: %d", v)
		}
	}
	cfg.big = 100000
	if cfg.top, err = filepath.Abs(cfg.top); err != nil {
		fatalf("%v", err)
	}
	return cfg
}

// parseSizes parses a comma-separated list of positive numbers.
func parseSizes(s string) ([]int, error) {
	var sizes []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("not a positive number: %q", f)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

// note prints progress on standard error, with the seconds since start.
func note(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: [%d s] %s\n", int(time.Since(start).Seconds()), fmt.Sprintf(format, args...))
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
	os.Exit(1)
}
