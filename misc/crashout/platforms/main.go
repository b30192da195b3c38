// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build linux

// Platforms is the fork's platform suite. It cross-compiles the crash
// scenarios (./scenario) for other platforms, runs them on this Linux
// machine (windows/amd64 under wine, big- and little-endian Linux under
// qemu-user, linux/386 natively) and checks, for each, that the crash
// output received exactly the crash report that standard error got. It is a
// package of GOROOT's misc module; scripts/harness runs it from this
// repository's working tree, in the repository root:
//
//	scripts/harness platforms [-fork goroot] [-upstream /usr/local/go]
//		[-platforms windows/amd64,linux/arm64,...] [-run REGEXP] [-wine CMD] [-j N] [-timeout D] [-v] [-keep]
//
// scripts/check-platforms installs qemu-user-static and wine and runs it.
// It prints a Markdown table, case by platform. A cell is "ok" when the
// program exited with status 2, its standard error was the marker line
// followed by a crash report with the case's expected text, and the crash
// output was that report byte for byte (for nildisables: empty). Anything
// else is a footnote saying what was found. With -upstream, each cell holds
// the fork's result, then the upstream toolchain's: a comparison only; the
// exit status (1 if any case failed) depends on the fork alone.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"misc/crashout/internal/harness"
)

// marker is scenario.Marker.
const marker = "crashout-platforms: printed before the crash"

type crashCase struct {
	name   string
	arg    string   // the scenario's case
	env    []string // added to the environment
	expect string   // the crash report must contain this
	none   bool     // the crash output must stay empty
	goos   string   // if set, the case runs on this system only: n/a elsewhere
}

var cases = []crashCase{
	{name: "unrecovered panic", arg: "panic", expect: "panic: boom\n"},
	{name: "fatal error: concurrent map writes", arg: "mapwrites", env: []string{"GOMAXPROCS=4"}, expect: "fatal error: concurrent map writes\n"},
	{name: "nil dereference (signal)", arg: "nilderef", expect: "invalid memory address or nil pointer dereference"},
	{name: "1000 goroutines, GOTRACEBACK=all", arg: "goroutines", env: []string{"GOTRACEBACK=all"}, expect: "panic: boom with 1000 goroutines"},
	{name: "pipe read by a monitor child", arg: "monitor", expect: "panic: boom with a monitor\n"},
	{name: "monitor child, 1000 goroutines, GOTRACEBACK=all", arg: "monitorbig", env: []string{"GOTRACEBACK=all"}, expect: "panic: boom with a monitor and 1000 goroutines"},
	{name: "file closed after SetCrashOutput", arg: "closeafter", expect: "panic: boom after closing the file\n"},
	{name: "SetCrashOutput(nil) turns it off", arg: "nildisables", expect: "panic: boom with the crash output turned off\n", none: true},
	{name: "GOCRASHOUTPUT=path, panic in init", arg: "envpath", expect: "panic: boom in package init\n"},
	{name: "GOCRASHOUTPUT inherited fd (Linux) / handle (Windows), panic in init", arg: "inherit", expect: "panic: boom in package init\n"},
	{name: "GOCRASHOUTPUT=dir/%e-%p.crash (Linux), panic in init", arg: "envpattern", expect: "panic: boom in package init\n", goos: "linux"},
}

type platform struct {
	goos, goarch string
	run          []string // runs a binary: emulator or wine; empty: natively
	reexec       bool     // the scenario must start copies of itself through run
}

func (p platform) String() string { return p.goos + "/" + p.goarch }

var (
	forkFlag      = flag.String("fork", "goroot", "GOROOT of the fork's toolchain")
	upstreamFlag  = flag.String("upstream", "", "GOROOT of an upstream toolchain to compare with (none: the fork only)")
	platformsFlag = flag.String("platforms", "windows/amd64,linux/386,linux/arm64,linux/s390x,linux/riscv64,linux/ppc64le", "platforms to run")
	runFlag       = flag.String("run", "", "run only the cases whose scenario name matches this regular expression")
	scenarioFlag  = flag.String("scenario", "misc/crashout/platforms/scenario", "directory of the scenario program")
	wineFlag      = flag.String("wine", "wine", "command that runs a windows/amd64 binary")
	timeout       = flag.Duration("timeout", 90*time.Second, "kill a run that has not ended after this long")
	jobs          = flag.Int("j", 2, "runs at a time")
	verbose       = flag.Bool("v", false, "report progress on standard error")
	keep          = flag.Bool("keep", false, "keep the temporary directory")
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("platforms: ")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "usage: scripts/harness platforms [flags]\n")
		flag.PrintDefaults()
		os.Exit(2)
	}
	began := time.Now()
	selected, err := harness.Select(cases, *runFlag, func(c crashCase) string { return c.arg })
	if err != nil {
		log.Fatalf("%v", err)
	}
	plats, err := parsePlatforms(*platformsFlag)
	if err != nil {
		log.Fatalf("%v", err)
	}
	for _, p := range plats {
		if len(p.run) > 0 {
			if _, err := exec.LookPath(p.run[0]); err != nil {
				log.Fatalf("%s: cannot run its binaries: %v (scripts/check-platforms installs what is needed)", p, err)
			}
		}
	}

	tmp, remove, err := harness.TempDir("crashout-platforms-", *keep)
	if err != nil {
		log.Fatalf("%v", err)
	}
	defer remove()
	src := filepath.Join(tmp, "src")
	if err := copyModule(*scenarioFlag, src); err != nil {
		log.Fatalf("%v", err)
	}
	tcs := []*toolchain{{label: "fork", goroot: *forkFlag}}
	if *upstreamFlag != "" {
		tcs = append(tcs, &toolchain{label: "upstream", goroot: *upstreamFlag})
	}
	for _, tc := range tcs {
		if err := tc.build(src, tmp, plats); err != nil {
			os.RemoveAll(tmp)
			log.Fatalf("%v", err)
		}
	}
	built := time.Now()

	// results[tc][platform][case]
	results := make([][][]*outcome, len(tcs))
	for t := range tcs {
		results[t] = make([][]*outcome, len(plats))
		for p := range plats {
			results[t][p] = make([]*outcome, len(selected))
		}
	}
	type job struct{ t, p, c int }
	work := make(chan job)
	var wg sync.WaitGroup
	for i := 0; i < *jobs; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				tc, p, c := tcs[j.t], plats[j.p], selected[j.c]
				dir := filepath.Join(tmp, "run", tc.label, p.goos+"-"+p.goarch, c.arg)
				start := time.Now()
				results[j.t][j.p][j.c] = runCase(tc, p, c, dir)
				if *verbose {
					fmt.Fprintf(os.Stderr, "%s %s %s: %s (%.1fs, in %s)\n", tc.version, p, c.arg,
						results[j.t][j.p][j.c].text, time.Since(start).Seconds(), dir)
				}
			}
		}()
	}
	for t := range tcs {
		for p := range plats {
			for c := range selected {
				work <- job{t, p, c}
			}
		}
	}
	close(work)
	wg.Wait()

	// The table, with one footnote per distinct finding.
	var notes []string
	note := func(s string) string {
		for i, n := range notes {
			if n == s {
				return fmt.Sprintf("[%d]", i+1)
			}
		}
		notes = append(notes, s)
		return fmt.Sprintf("[%d]", len(notes))
	}
	var versions []string
	for _, tc := range tcs {
		versions = append(versions, tc.label+" "+tc.version)
	}
	fmt.Printf("Cells: %s.\n\n", strings.Join(versions, " / "))
	fmt.Printf("| case |")
	for _, p := range plats {
		fmt.Printf(" %s |", p)
	}
	fmt.Printf("\n|---|%s\n", strings.Repeat("---|", len(plats)))
	failed := 0
	for c, cc := range selected {
		fmt.Printf("| %s |", harness.Escape(cc.name))
		for p := range plats {
			var cell []string
			for t, tc := range tcs {
				o := results[t][p][c]
				if o.ok {
					if o.text == "n/a" {
						cell = append(cell, "n/a")
					} else {
						cell = append(cell, "ok")
					}
					continue
				}
				if t == 0 {
					failed++
				}
				cell = append(cell, note(tc.label+": "+o.text))
			}
			fmt.Printf(" %s |", strings.Join(cell, " / "))
		}
		fmt.Println()
	}
	if len(notes) > 0 {
		fmt.Println()
	}
	for i, n := range notes {
		fmt.Printf("%d. %s\n", i+1, harness.Escape(n))
	}
	fmt.Printf("\nBuilt in %.0fs, ran %d cases on %d platforms with %d toolchain(s) in %.0fs.\n",
		built.Sub(began).Seconds(), len(selected), len(plats), len(tcs), time.Since(built).Seconds())
	if failed > 0 {
		fmt.Fprintf(os.Stderr, "platforms: %d fork cases failed; their runs are in %s\n", failed, filepath.Join(tmp, "run"))
		os.Exit(1)
	}
}

func parsePlatforms(list string) ([]platform, error) {
	qemu := map[string]string{"arm64": "aarch64", "s390x": "s390x", "riscv64": "riscv64", "ppc64le": "ppc64le"}
	var ps []platform
	for _, s := range strings.Split(list, ",") {
		goos, goarch, _ := strings.Cut(s, "/")
		p := platform{goos: goos, goarch: goarch}
		switch {
		case s == "windows/amd64":
			p.run = strings.Fields(*wineFlag)
		case s == "linux/386" || s == "linux/amd64":
		case goos == "linux" && qemu[goarch] != "":
			p.run, p.reexec = []string{"qemu-" + qemu[goarch] + "-static"}, true
		default:
			return nil, fmt.Errorf("-platforms: cannot run %s here", s)
		}
		ps = append(ps, p)
	}
	return ps, nil
}

// copyModule copies the scenario's .go files into a fresh module at dst.
func copyModule(from, dst string) error {
	files, err := filepath.Glob(filepath.Join(from, "*.go"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no scenario program in %s (run from the repository root or set -scenario)", from)
	}
	if err := os.MkdirAll(dst, 0o777); err != nil {
		return err
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dst, filepath.Base(f)), b, 0o666); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dst, "go.mod"), []byte("module scenario\n\ngo 1.22\n"), 0o666)
}

type toolchain struct {
	label, goroot, version string
	bin                    string            // holds GOOS-GOARCH/scenario[.exe]
	broken                 map[string]string // platform: why the scenario does not build
}

// buildEnv is the environment for the go command building for p.
func buildEnv(p platform) []string {
	return harness.BuildEnv("CGO_ENABLED=0", "GOOS="+p.goos, "GOARCH="+p.goarch)
}

func (tc *toolchain) build(src, tmp string, plats []platform) error {
	t, err := harness.LoadToolchain(tc.goroot)
	if err != nil {
		return err
	}
	tc.goroot, tc.version = t.GOROOT, t.Version
	gobin := t.Go
	tc.bin = filepath.Join(tmp, "bin-"+tc.label)
	tc.broken = map[string]string{}
	for _, p := range plats {
		start := time.Now()
		cmd := exec.Command(gobin, "build", "-o", tc.exe(p), ".")
		cmd.Dir = src
		cmd.Env = buildEnv(p)
		if out, err := cmd.CombinedOutput(); err != nil {
			// Every case fails on p; the other platforms still run.
			fmt.Fprintf(os.Stderr, "platforms: building the scenario for %s with %s: %v\n%s", p, tc.version, err, out)
			why := strings.TrimPrefix(string(out), "# scenario\n")
			tc.broken[p.String()] = fmt.Sprintf("the scenario does not build: %s", harness.Quote(harness.FirstLine([]byte(why))))
			continue
		}
		if *verbose {
			fmt.Fprintf(os.Stderr, "built the scenario for %s with %s in %.1fs\n", p, tc.version, time.Since(start).Seconds())
		}
	}
	return nil
}

func (tc *toolchain) exe(p platform) string {
	name := "scenario"
	if p.goos == "windows" {
		name += ".exe"
	}
	return filepath.Join(tc.bin, p.goos+"-"+p.goarch, name)
}

// runEnv is the environment for the scenario on p: see harness.RunEnv.
// SCENARIO_EXEC is p's emulator, if the scenario must start copies of
// itself through it, else empty.
func runEnv(p platform, extra []string) []string {
	emulator := ""
	if p.reexec {
		emulator = strings.Join(p.run, " ")
	}
	return harness.RunEnv(append([]string{"SCENARIO_EXEC=" + emulator}, extra...)...)
}

type outcome struct {
	ok   bool
	text string
}

// runCase runs case c of the scenario built by tc for p in dir.
func runCase(tc *toolchain, p platform, c crashCase, dir string) *outcome {
	if c.goos != "" && c.goos != p.goos {
		return &outcome{ok: true, text: "n/a"}
	}
	if why := tc.broken[p.String()]; why != "" {
		return &outcome{text: why}
	}
	stdout, stderr, err := harness.OutputFiles(dir)
	if err != nil {
		return &outcome{text: err.Error()}
	}
	defer stdout.Close()
	defer stderr.Close()
	args := append(append(p.run[:len(p.run):len(p.run)], tc.exe(p)), c.arg)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Env = runEnv(p, c.env)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return &outcome{text: err.Error()}
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	hung := false
	select {
	case <-done:
	case <-time.After(*timeout):
		hung = true
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
	crashPath := filepath.Join(dir, "crash")
	if strings.HasPrefix(c.arg, "monitor") {
		// The monitor child outlives the crash: wait for its file.
		for end := time.Now().Add(*timeout); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
			if _, err := os.Stat(crashPath); err == nil {
				break
			}
		}
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	errb, _ := os.ReadFile(stderr.Name())
	crash, err := os.ReadFile(crashPath)
	missing := err != nil
	status := fmt.Sprintf("exit %d", cmd.ProcessState.ExitCode())
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		status = "killed by " + ws.Signal().String()
	}
	if hung {
		return &outcome{text: fmt.Sprintf("hangs (killed after %v)", *timeout)}
	}
	report, ok := bytes.CutPrefix(errb, []byte(marker+"\n"))
	switch {
	case !ok:
		return &outcome{text: fmt.Sprintf("stderr does not start with the marker but with %s; %s", harness.Quote(harness.FirstLine(errb)), status)}
	case !bytes.Contains(report, []byte(c.expect)):
		return &outcome{text: fmt.Sprintf("no %s in the report on stderr; %s", harness.Quote(c.expect), status)}
	case c.env != nil && c.env[0] == "GOTRACEBACK=all" && bytes.Count(report, []byte("\ngoroutine ")) < 1000:
		return &outcome{text: fmt.Sprintf("only %d goroutines in the report", bytes.Count(report, []byte("\ngoroutine ")))}
	}
	var what string
	switch {
	case c.none && len(crash) == 0:
		what = "ok"
	case c.none:
		what = fmt.Sprintf("crash output not empty: %d bytes, first line %s", len(crash), harness.Quote(harness.FirstLine(crash)))
	case missing:
		what = "no crash output file"
	default:
		what = harness.Compare(report, crash).Short()
	}
	if what == "ok" && cmd.ProcessState.ExitCode() == 2 {
		return &outcome{ok: true, text: fmt.Sprintf("ok (%d lines)", harness.CountLines(report))}
	}
	return &outcome{text: what + "; " + status}
}
