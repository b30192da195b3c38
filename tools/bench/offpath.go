package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// offPathTable measures what lies off the crash path: the println program
// (wall time, write calls, stderr bytes) and the hello-world binary size.
func (b *bench) offPathTable() error {
	vars := []string{"BENCH_LINES=" + strconv.Itoa(b.cfg.lines)}
	ms := map[string][]float64{}
	for i := 0; i < b.cfg.runs; i++ {
		for _, tc := range rotate(b.tcs, i) {
			errFile := filepath.Join(b.work, "stderr-"+tc.name)
			t, err := timeRun(vars, b.bin("println", tc), errFile, 0)
			if err != nil {
				return err
			}
			ms[tc.name] = append(ms[tc.name], t)
			note("println x%d, %s, run %d/%d: %.1f ms", b.cfg.lines, tc.name, i+1, b.cfg.runs, t)
		}
	}
	for _, tc := range b.tcs {
		b.set(fmt.Sprintf("%.1f", median(ms[tc.name])), tc.name, "println", "wall")
		errData, _ := os.ReadFile(filepath.Join(b.work, "stderr-"+tc.name))
		b.set(strconv.Itoa(len(errData)), tc.name, "println", "stderr")
		count := b.countStrace
		if b.perfOK {
			count = b.countPerf
		}
		w, err := count(vars, b.bin("println", tc))
		if err != nil {
			return err
		}
		b.set(strconv.Itoa(w), tc.name, "println", "writes")
		fi, err := os.Stat(b.bin("hello", tc))
		if err != nil {
			return err
		}
		b.set(strconv.FormatInt(fi.Size(), 10), tc.name, "hello", "size")
	}
	return nil
}
