// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Timer is bench.bash's stopwatch: it runs a command n times, one after
// another, with standard input and output on /dev/null and standard error
// written to a file (truncated for each run), and prints the median wall
// time in milliseconds followed by every run's, measured on the monotonic
// clock from just before start to just after exit. A run that exits with
// a status other than -exit stops it with an error.
//
//	timer [-n 5] [-exit 0] -stderr FILE command [arg...]
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"time"
)

func main() {
	n := flag.Int("n", 5, "number of runs")
	want := flag.Int("exit", 0, "expected exit status")
	stderr := flag.String("stderr", "", "file for the command's standard error")
	flag.Parse()
	if flag.NArg() == 0 || *stderr == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: timer [-n runs] [-exit status] -stderr file command [arg...]")
		os.Exit(2)
	}
	var ms []float64
	for i := 0; i < *n; i++ {
		f, err := os.Create(*stderr)
		if err != nil {
			fatal(err)
		}
		cmd := exec.Command(flag.Arg(0), flag.Args()[1:]...)
		cmd.Stderr = f
		start := time.Now()
		err = cmd.Run()
		d := time.Since(start)
		f.Close()
		code := 0
		if err != nil {
			ee, ok := err.(*exec.ExitError)
			if !ok {
				fatal(err)
			}
			code = ee.ExitCode()
		}
		if code != *want {
			fatal(fmt.Errorf("%s exited with status %d, want %d (stderr in %s)", flag.Arg(0), code, *want, *stderr))
		}
		ms = append(ms, float64(d.Nanoseconds())/1e6)
	}
	runs := make([]string, len(ms))
	for i, v := range ms {
		runs[i] = fmt.Sprintf("%.1f", v)
	}
	sort.Float64s(ms)
	med := ms[len(ms)/2]
	if len(ms)%2 == 0 {
		med = (ms[len(ms)/2-1] + med) / 2
	}
	fmt.Printf("%.1f %s\n", med, strings.Join(runs, ","))
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "timer:", err)
	os.Exit(1)
}
