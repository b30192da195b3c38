// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package harness

import (
	"slices"
	"testing"
)

const report = "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/src/main.go:5 +0x25\nexit status 2\n"

func TestCompare(t *testing.T) {
	tests := []struct {
		name        string
		want, got   string
		kind        Kind
		long, short string
	}{
		{"equal", report, report, Equal,
			"complete (6 lines)", "ok"},
		{"both empty", "", "", Equal,
			"empty (and no report on stderr)", "ok"},
		{"empty", report, "", Empty,
			"empty", "empty"},
		{"misses the first line", report, report[len("panic: boom\n"):], MissesStart,
			"misses first 1 line (`panic: boom`)",
			"misses the first line (`panic: boom`)"},
		{"misses the first 2 lines", report, report[len("panic: boom\n\n"):], MissesStart,
			"misses first 2 lines (`panic: boom`)",
			"misses the first 2 lines (`panic: boom`)"},
		{"misses the start of a line", report, report[len("pan"):], MissesStart,
			"misses first 3 bytes, cut mid-line (`pan`)",
			"misses the first line (`pan`)"},
		{"has only the first 2 lines", report, "panic: boom\n\n", OnlyStart,
			"has only the first 2 of 6 lines (last: ``)",
			"has only the first 13 of 84 bytes"},
		{"has only the first 20 bytes", report, report[:20], OnlyStart,
			"has only the first 20 of 84 bytes, cut in line 3 of 6 (ends `\\ngorouti`)",
			"has only the first 20 of 84 bytes"},
		{"extra bytes", report, "hello\n" + report, ExtraStart,
			"has 6 extra bytes before the report (`hello`)",
			"differs at line 1: stderr `panic: boom`, crash output `hello`"},
		{"differs at line 3", report, "panic: boom\n\ngoroutine 7 [running]:\n", Differs,
			"differs at line 3: stderr `goroutine 1 [running]:`, crash output `goroutine 7 [running]:`",
			"differs at line 3: stderr `goroutine 1 [running]:`, crash output `goroutine 7 [running]:`"},
		{"longer", "a\n", "a\nb\n", Differs,
			"differs at line 2: stderr ``, crash output `b`",
			"differs at line 2: stderr ``, crash output `b`"},
		{"no line 2", "a\nb\n", "a\nc", Differs,
			"differs at line 2: stderr `b`, crash output `c`",
			"differs at line 2: stderr `b`, crash output `c`"},
	}
	for _, tt := range tests {
		d := Compare([]byte(tt.want), []byte(tt.got))
		if d.Kind != tt.kind {
			t.Errorf("%s: Kind = %d, want %d", tt.name, d.Kind, tt.kind)
		}
		if s := d.String(); s != tt.long {
			t.Errorf("%s: String() = %q, want %q", tt.name, s, tt.long)
		}
		if s := d.Short(); s != tt.short {
			t.Errorf("%s: Short() = %q, want %q", tt.name, s, tt.short)
		}
	}
}

func TestLines(t *testing.T) {
	for _, tt := range []struct {
		in          string
		n           int
		first, last string
	}{
		{"", 0, "", ""},
		{"a", 1, "a", "a"},
		{"a\n", 1, "a", "a"},
		{"a\nb", 2, "a", "b"},
		{"a\nb\n", 2, "a", "b"},
	} {
		b := []byte(tt.in)
		if n := CountLines(b); n != tt.n {
			t.Errorf("CountLines(%q) = %d, want %d", tt.in, n, tt.n)
		}
		if s := FirstLine(b); s != tt.first {
			t.Errorf("FirstLine(%q) = %q, want %q", tt.in, s, tt.first)
		}
		if s := LastLine(b); s != tt.last {
			t.Errorf("LastLine(%q) = %q, want %q", tt.in, s, tt.last)
		}
	}
}

func TestQuoteEscape(t *testing.T) {
	long := "0123456789012345678901234567890123456789012345678901234567890123456789xyz"
	for _, tt := range []struct{ in, quoted, escaped string }{
		{"a `b` | c\n", "`a 'b' | c`", "`a 'b' \\| c`"},
		{long, "`" + long[:70] + "…`", "`" + long[:70] + "…`"},
	} {
		if q := Quote(tt.in); q != tt.quoted {
			t.Errorf("Quote(%q) = %q, want %q", tt.in, q, tt.quoted)
		}
		if e := Escape(Quote(tt.in)); e != tt.escaped {
			t.Errorf("Escape(Quote(%q)) = %q, want %q", tt.in, e, tt.escaped)
		}
	}
	if s := Escape("a\nb|c"); s != `a b\|c` {
		t.Errorf("Escape = %q", s)
	}
	if s := Plural(1, "line") + ", " + Plural(2, "line"); s != "1 line, 2 lines" {
		t.Errorf("Plural: %q", s)
	}
}

func TestEnv(t *testing.T) {
	t.Setenv("GOFLAGS", "-race")
	t.Setenv("GOTRACEBACK", "all")
	t.Setenv("GOCRASHOUTPUT", "/tmp/x")
	t.Setenv("SCENARIO_EXEC", "qemu")
	t.Setenv("HARNESS_TEST", "kept")

	b := BuildEnv("CGO_ENABLED=0")
	if !slices.Contains(b, "HARNESS_TEST=kept") || slices.Contains(b, "GOFLAGS=-race") {
		t.Errorf("BuildEnv keeps or drops the wrong variables: %q", b)
	}
	if want := []string{"GOTOOLCHAIN=local", "GOFLAGS=", "GOWORK=off", "GO111MODULE=on", "CGO_ENABLED=0"}; !slices.Equal(b[len(b)-5:], want) {
		t.Errorf("BuildEnv ends %q, want %q", b[len(b)-5:], want)
	}

	r := RunEnv("SCENARIO_EXEC=", "GOMAXPROCS=4")
	for _, kv := range []string{"GOTRACEBACK=all", "GOCRASHOUTPUT=/tmp/x", "SCENARIO_EXEC=qemu"} {
		if slices.Contains(r, kv) {
			t.Errorf("RunEnv keeps %s", kv)
		}
	}
	if !slices.Contains(r, "HARNESS_TEST=kept") || !slices.Equal(r[len(r)-2:], []string{"SCENARIO_EXEC=", "GOMAXPROCS=4"}) {
		t.Errorf("RunEnv = %q", r)
	}
}

func TestSelect(t *testing.T) {
	cases := []string{"panic", "mapwrites", "envpath", "envpattern"}
	id := func(s string) string { return s }
	got, err := Select(cases, "panic|envpath", id)
	if err != nil || !slices.Equal(got, []string{"panic", "envpath"}) {
		t.Errorf("Select = %q, %v", got, err)
	}
	if got, err := Select(cases, "", id); err != nil || !slices.Equal(got, cases) {
		t.Errorf("Select with no pattern = %q, %v", got, err)
	}
	if _, err := Select(cases, "(", id); err == nil {
		t.Errorf("Select takes a bad pattern")
	}
}

func TestOutputFiles(t *testing.T) {
	dir := t.TempDir() + "/run/a"
	stdout, stderr, err := OutputFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer stdout.Close()
	defer stderr.Close()
	if stdout.Name() != dir+"/stdout" || stderr.Name() != dir+"/stderr" {
		t.Errorf("OutputFiles: %s, %s", stdout.Name(), stderr.Name())
	}
}
