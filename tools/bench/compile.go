package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// compilePkg is the large std package whose compilation is timed.
const compilePkg = "net/http"

// compileResult holds one toolchain's compilations.
type compileResult struct {
	args  []string // the compile command, as its go command runs it
	wall  []float64
	cpu   []float64
	rss   []float64 // KiB
	bytes int64     // the archive written
}

// compileArgs returns the command line with which tc's go command compiles
// compilePkg ("go build -a -n"), writing to out with importcfg cfg.
func (b *bench) compileArgs(tc *toolchain, dir, out, cfg string) ([]string, error) {
	// go build -n prints the commands on standard error.
	n, err := tc.goCmd(dir, "build", "-a", "-n", compilePkg).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%s: go build -a -n %s: %v\n%s", tc.name, compilePkg, err, n)
	}
	var line string
	for _, l := range strings.Split(string(n), "\n") {
		if strings.Contains(l, "/compile -o ") && strings.Contains(l, " -p "+compilePkg+" ") {
			line = l
		}
	}
	if line == "" {
		return nil, fmt.Errorf("%s: go build -a -n %s shows no compile of it", tc.name, compilePkg)
	}
	return rewriteCompile(line, dir, out, cfg)
}

// rewriteCompile turns a compile line of "go build -n" into arguments:
// quotes dropped, the output and importcfg replaced, $WORK set to work.
func rewriteCompile(line, work, out, cfg string) ([]string, error) {
	args := strings.Fields(strings.ReplaceAll(line, `"`, ""))
	for i := 0; i < len(args); i++ {
		switch args[i] {
		case "-o":
			i++
			args[i] = out
		case "-importcfg":
			i++
			args[i] = cfg
		default:
			args[i] = strings.ReplaceAll(args[i], "$WORK", work)
		}
	}
	for _, a := range args {
		if strings.ContainsAny(a, "$'<|;") {
			return nil, fmt.Errorf("cannot run this compile line of go build -n: %s", line)
		}
	}
	return args, nil
}

// importcfg writes an importcfg for compilePkg from tc's export data
// (go list -export builds what is missing into the build cache) and the
// package's import map (std's vendored packages).
func (b *bench) importcfg(tc *toolchain, dir, cfg string) error {
	exports, err := output(tc.goCmd(dir, "list", "-export", "-deps",
		"-f", "{{if .Export}}packagefile {{.ImportPath}}={{.Export}}{{end}}", compilePkg))
	if err != nil {
		return err
	}
	imap, err := output(tc.goCmd(dir, "list",
		"-f", `{{range $k, $v := .ImportMap}}importmap {{$k}}={{$v}}{{"\n"}}{{end}}`, compilePkg))
	if err != nil {
		return err
	}
	var lines []string
	for _, l := range strings.Split(imap+"\n"+exports, "\n") {
		if l != "" && !strings.HasPrefix(l, "packagefile "+compilePkg+"=") {
			lines = append(lines, l)
		}
	}
	return os.WriteFile(cfg, []byte(strings.Join(lines, "\n")+"\n"), 0o666)
}

// compileTable compiles compilePkg with every toolchain: one warm-up run,
// then -compile-runs timed runs in turn.
func (b *bench) compileTable() error {
	for _, tc := range b.tcs {
		dir := filepath.Join(b.work, "compile-"+tc.name)
		if err := os.MkdirAll(dir, 0o777); err != nil {
			return err
		}
		note("compile: export data and flags of %s for %s", compilePkg, tc.name)
		cfg := filepath.Join(dir, "importcfg")
		if err := b.importcfg(tc, dir, cfg); err != nil {
			return err
		}
		args, err := b.compileArgs(tc, dir, filepath.Join(dir, "_pkg_.a"), cfg)
		if err != nil {
			return err
		}
		r := &compileResult{args: args}
		b.compile[tc.name] = r
		if err := b.compileOnce(tc, r, false); err != nil {
			return err
		}
	}
	for i := 0; i < b.cfg.compileRuns; i++ {
		for _, tc := range rotate(b.tcs, i) {
			r := b.compile[tc.name]
			if err := b.compileOnce(tc, r, true); err != nil {
				return err
			}
			note("compile %s, %s, run %d/%d: %.1f ms", compilePkg, tc.name, i+1, b.cfg.compileRuns, r.wall[len(r.wall)-1])
		}
	}
	return nil
}

// gnuTime is GNU time, which measures the compiler's peak RSS. The
// rusage of a child of bench cannot: Go starts it with vfork, so its
// maximum RSS includes bench's own, which holds 80 MB crash reports.
const gnuTime = "/usr/bin/time"

// compileOnce runs the compile command (under GNU time, if there is one);
// record keeps its figures.
func (b *bench) compileOnce(tc *toolchain, r *compileResult, record bool) error {
	out := r.args[2] // compile -o OUT
	os.Remove(out)
	args := r.args
	rssFile := filepath.Join(filepath.Dir(out), "maxrss")
	if isExec(gnuTime) {
		args = append([]string{gnuTime, "-f", "%M", "-o", rssFile}, args...)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = filepath.Dir(out)
	cmd.Env = append(goEnv(), "GOROOT="+tc.root)
	t0 := time.Now()
	msg, err := cmd.CombinedOutput()
	d := time.Since(t0)
	if err != nil {
		return fmt.Errorf("%s: compiling %s: %v\n%s", tc.name, compilePkg, err, msg)
	}
	if !record {
		return nil
	}
	ru := rusage(cmd.ProcessState)
	r.wall = append(r.wall, float64(d.Nanoseconds())/1e6)
	r.cpu = append(r.cpu, float64((ru.Utime.Nano()+ru.Stime.Nano()))/1e6)
	if data, err := os.ReadFile(rssFile); err == nil {
		kib, err := strconv.ParseFloat(strings.TrimSpace(string(data)), 64)
		if err != nil {
			return fmt.Errorf("%s: %s -f %%M wrote %q", tc.name, gnuTime, data)
		}
		r.rss = append(r.rss, kib)
	}
	if fi, err := os.Stat(out); err == nil {
		r.bytes = fi.Size()
	}
	return nil
}
