package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// runtimeVars are the settings a program never inherits from the
// environment bench runs in: it gets only those it is given.
var runtimeVars = []string{"GOCRASHOUTPUT", "GODEBUG", "GOMAXPROCS", "GOGC", "GOMEMLIMIT", "GOTRACEBACK"}

// buildPrograms builds crash, println and hello with every toolchain from a
// copy of misc/crashout/bench in a module of its own.
func (b *bench) buildPrograms() error {
	mod := filepath.Join(b.work, "mod")
	if err := exec.Command("cp", "-R", filepath.Join(b.cfg.top, "misc", "crashout", "bench")+"/.", mod).Run(); err != nil {
		return fmt.Errorf("copying misc/crashout/bench: %v", err)
	}
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module crashoutbench\n\ngo 1.22\n"), 0o666); err != nil {
		return err
	}
	for _, tc := range b.tcs {
		note("building with %s (%s)", tc.name, tc.version)
		tags := ""
		if tc.setCrash {
			tags = "crashout"
		}
		for _, p := range []struct{ name, tags string }{{"crash", tags}, {"println", ""}, {"hello", ""}} {
			cmd := tc.goCmd(mod, "build", "-trimpath", "-tags", p.tags, "-o", b.bin(p.name, tc), "./"+p.name)
			if _, err := output(cmd); err != nil {
				return fmt.Errorf("building %s with %s: %v", p.name, tc.root, err)
			}
		}
	}
	return nil
}

// bin is the path of program name built by tc.
func (b *bench) bin(name string, tc *toolchain) string {
	return filepath.Join(b.work, "bin", name+"-"+tc.name)
}

// progCmd returns a command for prog with the given settings (VAR=value)
// and none of runtimeVars from the environment; tool, if any, runs it.
func progCmd(vars []string, prog string, tool ...string) *exec.Cmd {
	args := append(tool, prog)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(cleanEnv(runtimeVars...), vars...)
	return cmd
}

// timeRun runs prog once with standard error to errFile and returns the
// wall time in milliseconds (monotonic clock, start to exit); its exit
// status must be want.
func timeRun(vars []string, prog, errFile string, want int) (float64, error) {
	f, err := os.Create(errFile)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	cmd := progCmd(vars, prog)
	cmd.Stderr = f
	t0 := time.Now()
	err = cmd.Run()
	d := time.Since(t0)
	var ee *exec.ExitError
	code := 0
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		return 0, err
	}
	if code != want {
		return 0, fmt.Errorf("%s exited with status %d, want %d (stderr in %s)", prog, code, want, errFile)
	}
	return float64(d.Nanoseconds()) / 1e6, nil
}

// checkPerf reports whether perf can count write calls here.
func (b *bench) checkPerf() bool {
	out := filepath.Join(b.work, "perf.chk")
	if _, err := exec.LookPath("perf"); err != nil {
		return false
	}
	if exec.Command("perf", "stat", "-x,", "-o", out, "-e", "syscalls:sys_enter_write,syscalls:sys_enter_writev", "true").Run() != nil {
		return false
	}
	data, _ := os.ReadFile(out)
	_, ok := parsePerf(string(data))
	return ok
}

// countStrace counts the write and writev calls of one run with strace.
func (b *bench) countStrace(vars []string, prog string) (int, error) {
	out := filepath.Join(b.work, "strace.out")
	cmd := progCmd(vars, prog, "strace", "-f", "-c", "-e", "trace=write,writev", "-o", out)
	cmd.Run() // the program crashes on purpose
	data, err := os.ReadFile(out)
	if err != nil {
		return 0, fmt.Errorf("strace gave no count for %s: %v", prog, err)
	}
	n, ok := parseStrace(string(data))
	if !ok {
		return 0, fmt.Errorf("strace gave no count for %s (see %s)", prog, out)
	}
	return n, nil
}

// countPerf counts them with perf stat's tracepoints.
func (b *bench) countPerf(vars []string, prog string) (int, error) {
	out := filepath.Join(b.work, "perf.out")
	cmd := progCmd(vars, prog, "perf", "stat", "-x,", "-o", out, "-e", "syscalls:sys_enter_write,syscalls:sys_enter_writev")
	cmd.Run()
	data, _ := os.ReadFile(out)
	n, ok := parsePerf(string(data))
	if !ok {
		return 0, fmt.Errorf("perf gave no count for %s (see %s)", prog, out)
	}
	return n, nil
}

// parseStrace returns the calls of the total line of strace -c's summary.
func parseStrace(s string) (int, bool) {
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 4 && f[len(f)-1] == "total" {
			n, err := strconv.Atoi(f[3])
			return n, err == nil
		}
	}
	return 0, false
}

// parsePerf sums the counts of perf stat -x, for the write tracepoints;
// not ok if one is missing or not counted.
func parsePerf(s string) (int, bool) {
	sum, seen := 0, 0
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		f := strings.Split(sc.Text(), ",")
		if len(f) < 3 || !strings.HasPrefix(f[2], "syscalls:sys_enter_write") {
			continue
		}
		n, err := strconv.Atoi(f[0])
		if err != nil {
			return 0, false
		}
		sum += n
		seen++
	}
	return sum, seen == 2
}
