package main

import (
	"reflect"
	"strings"
	"testing"
)

func TestMedian(t *testing.T) {
	for _, tt := range []struct {
		v    []float64
		want float64
	}{
		{nil, 0}, {[]float64{3}, 3}, {[]float64{5, 1, 3}, 3}, {[]float64{4, 1, 3, 2}, 2.5},
	} {
		if got := median(tt.v); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

func TestRatio(t *testing.T) {
	for _, tt := range []struct{ a, b, want string }{
		{"12.4", "56.8", "0.218"}, {"226", "182019", "0.00124"}, {"784050", "784050", "1.000"},
		{"—", "3", "—"}, {"3", "n/a", "—"}, {"1", "0", "—"}, {"39242", "36400038", "0.00108"},
	} {
		if got := ratio(tt.a, tt.b); got != tt.want {
			t.Errorf("ratio(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestTable(t *testing.T) {
	tb := &table{head: []string{"n", "measure", "fork"}, right: []bool{true, false, true}}
	tb.add("1000", "wall ms", "12.4")
	var b strings.Builder
	tb.write(&b)
	want := "| n | measure | fork |\n|---:|---|---:|\n| 1000 | wall ms | 12.4 |\n"
	if b.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestParseCounts(t *testing.T) {
	strace := `% time     seconds  usecs/call     calls    errors syscall
------ ----------- ----------- --------- --------- ----------------
 99.61    0.004125          18       224           write
  0.39    0.000016           8         2           writev
------ ----------- ----------- --------- --------- ----------------
100.00    0.004141          18       226           total
`
	if n, ok := parseStrace(strace); !ok || n != 226 {
		t.Errorf("parseStrace = %d, %v; want 226, true", n, ok)
	}
	perf := "# started on Mon Nov 30 20:51:15 2026\n\n1974,,syscalls:sys_enter_write,658398,100.00,,\n0,,syscalls:sys_enter_writev,658398,100.00,,\n"
	if n, ok := parsePerf(perf); !ok || n != 1974 {
		t.Errorf("parsePerf = %d, %v; want 1974, true", n, ok)
	}
	if _, ok := parsePerf("<not counted>,,syscalls:sys_enter_write,0,0.00,,\n0,,syscalls:sys_enter_writev,1,100.00,,\n"); ok {
		t.Errorf("parsePerf accepted an uncounted event")
	}
}

func TestHeaderLen(t *testing.T) {
	data := []byte("go-crash: version x\ngo-crash: pid 1\n\npanic: x\n\ngoroutine 1")
	if got, want := headerLen(data), len("go-crash: version x\ngo-crash: pid 1\n\n"); got != want {
		t.Errorf("headerLen = %d, want %d", got, want)
	}
	if got := headerLen([]byte("panic: x\n\n")); got != -1 {
		t.Errorf("headerLen without a header = %d, want -1", got)
	}
}

func TestRewriteCompile(t *testing.T) {
	line := `/g/pkg/tool/linux_amd64/compile -o $WORK/b001/_pkg_.a -trimpath "$WORK/b001=>" -p net/http -lang=go1.22 -std -complete -buildid a/a -goversion go1.22.12 -c=2 -nolocalimports -importcfg $WORK/b001/importcfg -pack /g/src/net/http/client.go`
	got, err := rewriteCompile(line, "/w", "/w/out.a", "/w/cfg")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/g/pkg/tool/linux_amd64/compile", "-o", "/w/out.a", "-trimpath", "/w/b001=>", "-p", "net/http", "-lang=go1.22", "-std", "-complete",
		"-buildid", "a/a", "-goversion", "go1.22.12", "-c=2", "-nolocalimports", "-importcfg", "/w/cfg", "-pack", "/g/src/net/http/client.go"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rewriteCompile:\n got %q\nwant %q", got, want)
	}
}

func TestRotate(t *testing.T) {
	if got := rotate([]int{1, 2, 3}, 4); !reflect.DeepEqual(got, []int{2, 3, 1}) {
		t.Errorf("rotate = %v", got)
	}
}

func TestGoMinor(t *testing.T) {
	for v, want := range map[string]int{"go1.26.8": 26, "go1.22.12-crashout.3": 22, "devel": -1} {
		if got := goMinor(v); got != want {
			t.Errorf("goMinor(%q) = %d, want %d", v, got, want)
		}
	}
}
