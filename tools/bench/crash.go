package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// A crash output form is one group of rows of the crash table.
type form struct {
	name  string // key
	label string // table text
}

var forms = []form{
	{"none", "none"},
	{"setcrash", "SetCrashOutput(file)"},
	{"path", "GOCRASHOUTPUT=path"},
	{"pattern", "GOCRASHOUTPUT=dir/%e-%p.crash"},
}

// crashSetup returns the settings of a crash of n goroutines by tc into
// form f, after removing what an earlier run left in the crash output.
func (b *bench) crashSetup(tc *toolchain, f string, n int) ([]string, error) {
	vars := []string{"BENCH_GOROUTINES=" + strconv.Itoa(n), "GOTRACEBACK=all"}
	file := filepath.Join(b.work, "crashfile-"+tc.name)
	dir := filepath.Join(b.work, "crashdir-"+tc.name)
	os.Remove(file)
	switch f {
	case "setcrash":
		vars = append(vars, "BENCH_CRASHFILE="+file)
	case "path":
		vars = append(vars, "GOCRASHOUTPUT="+file)
	case "pattern":
		if err := os.RemoveAll(dir); err != nil {
			return nil, err
		}
		if err := os.Mkdir(dir, 0o777); err != nil {
			return nil, err
		}
		vars = append(vars, "GOCRASHOUTPUT="+filepath.Join(dir, "%e-%p.crash"))
	}
	return vars, nil
}

// crashFile returns the contents of the crash file of tc's last run into
// form f (nil for none); a pattern must have made exactly one file.
func (b *bench) crashFile(tc *toolchain, f string) ([]byte, error) {
	switch f {
	case "setcrash", "path":
		return os.ReadFile(filepath.Join(b.work, "crashfile-"+tc.name))
	case "pattern":
		dir := filepath.Join(b.work, "crashdir-"+tc.name)
		ents, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		if len(ents) != 1 {
			return nil, fmt.Errorf("%s: the pattern made %d files in %s, want 1", tc.name, len(ents), dir)
		}
		return os.ReadFile(filepath.Join(dir, ents[0].Name()))
	}
	return nil, nil
}

// headerLen returns the length of a pattern file's header: its
// "go-crash: " lines and the blank line after them; -1 if there is none.
func headerLen(data []byte) int {
	if !bytes.HasPrefix(data, []byte("go-crash: ")) {
		return -1
	}
	i := bytes.Index(data, []byte("\n\n"))
	if i < 0 {
		return -1
	}
	return i + 2
}

// probeForms finds the crash outputs each toolchain has: SetCrashOutput if
// its runtime/debug declares it; GOCRASHOUTPUT's path and pattern if a
// crash of one goroutine writes the file (with a header, for the pattern).
func (b *bench) probeForms() error {
	for _, tc := range b.tcs {
		tc.forms = map[string]bool{"none": true, "setcrash": tc.setCrash}
		for _, f := range []string{"path", "pattern"} {
			vars, err := b.crashSetup(tc, f, 1)
			if err != nil {
				return err
			}
			errFile := filepath.Join(b.work, "stderr-"+tc.name)
			if _, err := timeRun(vars, b.bin("crash", tc), errFile, 2); err != nil {
				return err
			}
			data, err := b.crashFile(tc, f)
			ok := err == nil && bytes.Contains(data, []byte("\ngoroutine "))
			if f == "pattern" {
				ok = ok && headerLen(data) > 0
			}
			tc.forms[f] = ok
		}
		note("%s: crash outputs %v", tc.name, tc.forms)
	}
	return nil
}

// crashRuns is the number of timed runs for n goroutines.
func (b *bench) crashRuns(n int) int {
	if n >= b.cfg.big {
		return min(b.cfg.bigRuns, b.cfg.runs)
	}
	return b.cfg.runs
}

// crashTable measures every size, form and toolchain.
func (b *bench) crashTable() error {
	for _, n := range b.cfg.sizes {
		for _, f := range forms {
			var list []*toolchain
			for _, tc := range b.tcs {
				if tc.forms[f.name] {
					list = append(list, tc)
				}
			}
			if err := b.crashForm(list, f.name, n); err != nil {
				return err
			}
		}
		if err := b.patternCounts(n); err != nil {
			return err
		}
	}
	return nil
}

// patternCounts counts the write calls of the fork's crash of n goroutines
// into a fixed path and into a pattern file, -runs times each in turn,
// with perf (which does not slow the program down as strace does, so the
// jitter of the batched writer is smaller): the median of each.
func (b *bench) patternCounts(n int) error {
	fork := b.tcs[0]
	if !b.perfOK || !fork.forms["path"] || !fork.forms["pattern"] {
		return nil
	}
	counts := map[string][]float64{}
	for i := 0; i < b.cfg.runs; i++ {
		for _, f := range rotate([]string{"path", "pattern"}, i) {
			vars, err := b.crashSetup(fork, f, n)
			if err != nil {
				return err
			}
			c, err := b.countPerf(vars, b.bin("crash", fork))
			if err != nil {
				return err
			}
			counts[f] = append(counts[f], float64(c))
		}
	}
	for f, c := range counts {
		b.set(fmt.Sprintf("%.0f", median(c)), fork.name, n, f, "writes-perf")
		note("%d goroutines, crash output %s, fork: write calls by perf %v", n, f, c)
	}
	return nil
}

// crashForm times and counts a crash of n goroutines into form f for the
// toolchains of list.
func (b *bench) crashForm(list []*toolchain, f string, n int) error {
	r := b.crashRuns(n)
	ms := map[string][]float64{}
	for i := 0; i < r; i++ {
		for _, tc := range rotate(list, i) {
			vars, err := b.crashSetup(tc, f, n)
			if err != nil {
				return err
			}
			errFile := filepath.Join(b.work, "stderr-"+tc.name)
			t, err := timeRun(vars, b.bin("crash", tc), errFile, 2)
			if err != nil {
				return err
			}
			if err := b.checkCrash(tc, f, n); err != nil {
				return err
			}
			ms[tc.name] = append(ms[tc.name], t)
			note("%d goroutines, crash output %s, %s, run %d/%d: %.1f ms", n, f, tc.name, i+1, r, t)
		}
	}
	for _, tc := range list {
		b.set(fmt.Sprintf("%.1f", median(ms[tc.name])), tc.name, n, f, "wall")
		errData, _ := os.ReadFile(filepath.Join(b.work, "stderr-"+tc.name))
		b.set(strconv.Itoa(len(errData)), tc.name, n, f, "stderr")
		if f != "none" {
			data, _ := b.crashFile(tc, f)
			b.set(strconv.Itoa(len(data)), tc.name, n, f, "file")
			if f == "pattern" {
				b.set(strconv.Itoa(headerLen(data)), tc.name, n, f, "header")
			}
		}
		w, err := b.countWrites(tc, f, n)
		if err != nil {
			return err
		}
		b.set(w, tc.name, n, f, "writes")
		note("%d goroutines, crash output %s, %s: %s write calls", n, f, tc.name, w)
	}
	return nil
}

// checkCrash checks the last run of tc: the report lists more than n
// goroutines, the crash file is not empty, a pattern file's report is
// stderr's byte for byte.
func (b *bench) checkCrash(tc *toolchain, f string, n int) error {
	errFile := filepath.Join(b.work, "stderr-"+tc.name)
	errData, err := os.ReadFile(errFile)
	if err != nil {
		return err
	}
	if got := countGoroutines(errData); got <= n {
		return fmt.Errorf("%s: the dump of %d goroutines shows only %d goroutines (see %s)", tc.name, n, got, errFile)
	}
	if f == "none" {
		return nil
	}
	data, err := b.crashFile(tc, f)
	if err != nil {
		return err
	}
	if len(data) == 0 {
		return fmt.Errorf("%s: the crash file (%s) is empty", tc.name, f)
	}
	if f == "pattern" {
		h := headerLen(data)
		if h < 0 || !bytes.Equal(data[h:], errData) {
			return fmt.Errorf("%s: the pattern file's report differs from stderr (%s)", tc.name, b.work)
		}
	}
	return nil
}

// countGoroutines counts the lines starting "goroutine ".
func countGoroutines(data []byte) int {
	n := bytes.Count(data, []byte("\ngoroutine "))
	if bytes.HasPrefix(data, []byte("goroutine ")) {
		n++
	}
	return n
}

// countWrites counts the write calls of a crash of n goroutines by tc into
// form f: with strace up to -strace-max goroutines (checked against perf
// for the unbatched toolchains, when perf works), with perf above, else
// n/a.
func (b *bench) countWrites(tc *toolchain, f string, n int) (string, error) {
	prog := b.bin("crash", tc)
	count := func(by func([]string, string) (int, error)) (int, error) {
		vars, err := b.crashSetup(tc, f, n)
		if err != nil {
			return 0, err
		}
		return by(vars, prog)
	}
	if n <= b.cfg.straceMax {
		s, err := count(b.countStrace)
		if err != nil {
			return "", err
		}
		if b.perfOK && !tc.batched {
			p, err := count(b.countPerf)
			if err != nil {
				return "", err
			}
			if p != s {
				return "", fmt.Errorf("perf counts %d write calls, strace %d, for %s into %s: perf cannot stand in for strace here", p, s, prog, f)
			}
		}
		return strconv.Itoa(s), nil
	}
	if !b.perfOK {
		return "n/a", nil
	}
	p, err := count(b.countPerf)
	if err != nil {
		return "", err
	}
	return strconv.Itoa(p), nil
}

// rotate returns list starting at its element i (mod its length).
func rotate[T any](list []T, i int) []T {
	if len(list) == 0 {
		return nil
	}
	k := i % len(list)
	return append(append([]T{}, list[k:]...), list[:k]...)
}
