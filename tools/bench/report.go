package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
)

// run takes every measurement.
func (b *bench) run() error {
	if err := b.buildPrograms(); err != nil {
		return err
	}
	b.perfOK = b.checkPerf()
	if err := b.probeForms(); err != nil {
		return err
	}
	if err := b.crashTable(); err != nil {
		return err
	}
	if err := b.offPathTable(); err != nil {
		return err
	}
	return b.compileTable()
}

// key joins the parts of a result's name.
func key(parts ...any) string {
	s := make([]string, len(parts))
	for i, p := range parts {
		s[i] = fmt.Sprint(p)
	}
	return strings.Join(s, "|")
}

func (b *bench) set(v string, parts ...any) { b.results[key(parts...)] = v }

// get returns a result, or "—" if there is none.
func (b *bench) get(parts ...any) string {
	if v, ok := b.results[key(parts...)]; ok {
		return v
	}
	return "—"
}

// median returns the median of v (the mean of the middle two for an even
// count), 0 for none.
func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64{}, v...)
	sort.Float64s(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

// ratio formats a/b with three decimals, or three significant digits below
// 0.1 (a batched crash path); "—" if either is not a number or b is 0.
func ratio(a, b string) string {
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil || y == 0 {
		return "—"
	}
	r := x / y
	if r >= 0.1 {
		return fmt.Sprintf("%.3f", r)
	}
	return fmt.Sprintf("%.3g", r)
}

// A table is a Markdown table; right-aligned columns are numbers.
type table struct {
	head  []string
	right []bool
	rows  [][]string
}

func (t *table) add(row ...string) { t.rows = append(t.rows, row) }

func (t *table) write(w io.Writer) {
	fmt.Fprintf(w, "| %s |\n", strings.Join(t.head, " | "))
	sep := make([]string, len(t.head))
	for i := range sep {
		sep[i] = "---"
		if i < len(t.right) && t.right[i] {
			sep[i] = "---:"
		}
	}
	fmt.Fprintf(w, "|%s|\n", strings.Join(sep, "|"))
	for _, r := range t.rows {
		fmt.Fprintf(w, "| %s |\n", strings.Join(r, " | "))
	}
}

// toolchainTable starts a table with the given label columns, one column
// per toolchain and one fork/X ratio per other toolchain.
func (b *bench) toolchainTable(labels ...string) *table {
	t := &table{head: labels, right: make([]bool, len(labels))}
	for _, tc := range b.tcs {
		t.head = append(t.head, tc.name)
		t.right = append(t.right, true)
	}
	for _, tc := range b.tcs[1:] {
		t.head = append(t.head, "fork/"+tc.name)
		t.right = append(t.right, true)
	}
	return t
}

// values returns the cells of a row: each toolchain's result, then the
// ratios.
func (b *bench) values(parts ...any) []string {
	var cells []string
	get := func(tc *toolchain) string { return b.get(append([]any{tc.name}, parts...)...) }
	for _, tc := range b.tcs {
		cells = append(cells, get(tc))
	}
	for _, tc := range b.tcs[1:] {
		cells = append(cells, ratio(get(b.tcs[0]), get(tc)))
	}
	return cells
}

// report writes the tables.
func (b *bench) report(w io.Writer) {
	b.reportCrash(w)
	b.reportPattern(w)
	b.reportOffPath(w)
	b.reportCompile(w)
}

// runsText says how many runs a median is of.
func runsText(n int) string {
	if n == 1 {
		return "1 run"
	}
	return fmt.Sprintf("median of %d runs", n)
}

// machine describes the machine and the toolchains.
func (b *bench) machine() string {
	var parts []string
	for _, tc := range b.tcs {
		s := fmt.Sprintf("%s: %s (%s)", tc.name, tc.version, tc.root)
		switch tc.name {
		case "prev":
			s = fmt.Sprintf("prev: %s, commit %.7s (%s)", tc.version, tc.rev, tc.root)
		case "base":
			s = fmt.Sprintf("base: %s, unpatched (%s)", tc.version, tc.root)
		}
		parts = append(parts, s)
	}
	arch, _ := exec.Command("uname", "-m").Output()
	s := fmt.Sprintf("%s/%s, %d CPUs, load average at start %s. %s.",
		runtime.GOOS, strings.TrimSpace(string(arch)), runtime.NumCPU(), b.load, strings.Join(parts, "; "))
	for _, n := range b.notes {
		s += " " + n
	}
	return s
}

func (b *bench) countText() string {
	if b.perfOK {
		return fmt.Sprintf("strace -f -c -e trace=write,writev up to %d goroutines; above that, and for println, perf stat's syscalls:sys_enter_write{,v} tracepoints, which count the same calls in the kernel without stopping the program (checked: both agree on the base's and upstream's programs wherever strace ran; strace stops the program at every write, which gives fork and prev, whose counts depend on speed, a few more writes than perf sees)", b.cfg.straceMax)
	}
	return fmt.Sprintf("strace -f -c -e trace=write,writev up to %d goroutines, and for the println program; n/a above that (perf is not usable here; -strace-max N counts them with strace, which stops the program at every write)", b.cfg.straceMax)
}

func (b *bench) reportCrash(w io.Writer) {
	big := ""
	for _, n := range b.cfg.sizes {
		if r := b.crashRuns(n); n >= b.cfg.big && r != b.cfg.runs {
			big = fmt.Sprintf(" (%s for %d goroutines and more, which take seconds each with the base and upstream; -big-runs N for more)", runsText(r), b.cfg.big)
		}
	}
	fmt.Fprintf(w, "## Crash with N goroutines blocked 11 frames deep (GOTRACEBACK=all, panic)\n\n")
	fmt.Fprintf(w, "%s\n\n", b.machine())
	fmt.Fprintf(w, "Wall time: %s%s, runs taken in turn across the toolchains. Write calls: %s. Crash outputs: none; a file given to runtime/debug.SetCrashOutput; GOCRASHOUTPUT set to a fixed path; GOCRASHOUTPUT set to the pattern dir/%%e-%%p.crash (one new file per crash, with a `go-crash: ` header). A toolchain gets the rows of the outputs it has (probed with a crash of one goroutine): %s.\n\n",
		runsText(b.cfg.runs), big, b.countText(), b.formsText())
	t := b.toolchainTable("goroutines", "crash output", "measure")
	t.right[0] = true
	for _, n := range b.cfg.sizes {
		for _, f := range forms {
			if !b.anyForm(f.name) {
				continue
			}
			add := func(label, m string) {
				t.add(append([]string{strconv.Itoa(n), "`" + f.label + "`", label}, b.values(n, f.name, m)...)...)
			}
			add("wall ms", "wall")
			add("write calls", "writes")
			add("stderr bytes", "stderr")
			if f.name != "none" {
				add("crash file bytes", "file")
			}
			if f.name == "pattern" {
				add("header bytes", "header")
			}
		}
	}
	t.write(w)
	fmt.Fprintln(w)
}

func (b *bench) anyForm(f string) bool {
	for _, tc := range b.tcs {
		if tc.forms[f] {
			return true
		}
	}
	return false
}

// formsText lists the crash outputs of each toolchain.
func (b *bench) formsText() string {
	var parts []string
	for _, tc := range b.tcs {
		var have []string
		for _, f := range forms[1:] {
			if tc.forms[f.name] {
				have = append(have, f.name)
			}
		}
		if len(have) == 0 {
			have = []string{"stderr only"}
		}
		parts = append(parts, tc.name+" "+strings.Join(have, ", "))
	}
	return strings.Join(parts, "; ")
}

// reportPattern compares the fork's pattern file with its fixed path.
func (b *bench) reportPattern(w io.Writer) {
	fork := b.tcs[0]
	if !fork.forms["path"] || !fork.forms["pattern"] {
		return
	}
	fmt.Fprintf(w, "## GOCRASHOUTPUT: a pattern file against a fixed path (fork)\n\n")
	fmt.Fprintf(w, "The same crashes as above, the fork only: `GOCRASHOUTPUT=dir/%%e-%%p.crash` (checked: each crash made exactly one file, whose report after the header is that run's stderr byte for byte) against `GOCRASHOUTPUT=path` (one file, appended to). The pattern file's bytes include its header. Write calls: first as in the table above (one count each); then the median of %d counts each by perf, path and pattern in turn, which slows the program down less than strace and so shows less of the batched writer's jitter.\n\n", b.cfg.runs)
	t := &table{head: []string{"goroutines", "measure", "path", "pattern", "pattern/path"}, right: []bool{true, false, true, true, true}}
	for _, n := range b.cfg.sizes {
		for _, m := range []struct{ label, key string }{
			{"write calls", "writes"}, {"write calls, perf median", "writes-perf"},
			{"wall ms", "wall"}, {"crash file bytes", "file"}, {"stderr bytes", "stderr"},
		} {
			if m.key == "writes-perf" && !b.perfOK {
				continue
			}
			p, q := b.get("fork", n, "path", m.key), b.get("fork", n, "pattern", m.key)
			t.add(strconv.Itoa(n), m.label, p, q, ratio(q, p))
		}
	}
	t.write(w)
	fmt.Fprintln(w)
}

// reportOffPath writes the println and hello-world table.
func (b *bench) reportOffPath(w io.Writer) {
	fmt.Fprintf(w, "## Off the crash path: println and binary size\n\n")
	fmt.Fprintf(w, "println: %d println calls of 3 arguments, standard error to a file, wall time %s, in turn across the toolchains. hello: fmt.Println, CGO_ENABLED=0, -trimpath.\n\n", b.cfg.lines, runsText(b.cfg.runs))
	t := b.toolchainTable("program", "measure")
	for _, m := range []struct{ label, key string }{{"wall ms", "wall"}, {"write calls", "writes"}, {"stderr bytes", "stderr"}} {
		t.add(append([]string{fmt.Sprintf("println x%d", b.cfg.lines), m.label}, b.values("println", m.key)...)...)
	}
	t.add(append([]string{"hello world", "binary bytes"}, b.values("hello", "size")...)...)
	t.write(w)
	fmt.Fprintln(w)
	fork, _ := strconv.Atoi(b.get("fork", "hello", "size"))
	var deltas []string
	for _, tc := range b.tcs[1:] {
		if v, err := strconv.Atoi(b.get(tc.name, "hello", "size")); err == nil {
			deltas = append(deltas, fmt.Sprintf("%+d bytes against %s", fork-v, tc.name))
		}
	}
	fmt.Fprintf(w, "The fork's hello world: %s.\n\n", strings.Join(deltas, ", "))
}

// reportCompile writes the compile-time table.
func (b *bench) reportCompile(w io.Writer) {
	fmt.Fprintf(w, "## Compile time of %s\n\n", compilePkg)
	fmt.Fprintf(w, "Each toolchain's compiler (pkg/tool/.../compile, run directly under GNU time, not through the go command) compiles its own %s (the fork's has the security patches, so the sources differ), with the flags its go command passes (from `go build -a -n %s`: -lang, -std, -complete, -buildid, -goversion, -c, -trimpath) and an importcfg of its own export data. One warm-up compilation, then %s each, in turn across the toolchains. CPU: user + system time; max RSS: the compiler's peak resident set as GNU time reports it (%s -f %%M; — if it is missing).\n\n",
		compilePkg, compilePkg, runsText(b.cfg.compileRuns), gnuTime)
	for _, tc := range b.tcs {
		r := b.compile[tc.name]
		if r == nil {
			continue
		}
		b.set(fmt.Sprintf("%.1f", median(r.wall)), tc.name, "compile", "wall")
		b.set(fmt.Sprintf("%.1f", median(r.cpu)), tc.name, "compile", "cpu")
		if len(r.rss) > 0 {
			b.set(fmt.Sprintf("%.0f", median(r.rss)), tc.name, "compile", "rss")
		}
		b.set(strconv.FormatInt(r.bytes, 10), tc.name, "compile", "bytes")
	}
	t := b.toolchainTable("measure")
	for _, m := range []struct{ label, key string }{{"wall ms", "wall"}, {"CPU ms", "cpu"}, {"max RSS KiB", "rss"}, {"archive bytes", "bytes"}} {
		t.add(append([]string{m.label}, b.values("compile", m.key)...)...)
	}
	t.write(w)
	fmt.Fprintln(w)
}

// rusage returns the resource usage of an exited process (zero if none).
func rusage(ps *os.ProcessState) *syscall.Rusage {
	if ps != nil {
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			return ru
		}
	}
	return &syscall.Rusage{}
}
