// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build unix || windows

package runtime_test

import (
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// crashOutputSettingSeeds are every form of GOCRASHOUTPUT and every bad
// setting the runtime/debug tests give it, on both systems' syntax.
var crashOutputSettingSeeds = []string{
	"/var/log/app/crash.log", "/", "/tmp/dir/", "//x", `C:\logs\crash.log`, "C:/logs/crash.log",
	`\\server\share\crash.log`, `\\.\pipe\monitor`, `\\.\NUL`, "CON", "NUL",
	"fd=3,ppid=1234", "fd=0,ppid=1", "handle=12,ppid=7", "handle=0,ppid=7",
	"", "crash", "crash output please", "fd=3", "fd=3,ppid=", "fd=3,ppid=0",
	"fd=,ppid=5", "fd=-3,ppid=5", "fd=+3,ppid=5", "fd=three,ppid=5", "fd=3;ppid=5",
	"fd=3,ppid=5,x", "ppid=5,fd=3", "handle=3", "handle=3,ppid=", "handle=-1,ppid=5",
	"fd=2147483647,ppid=2147483647", "fd=2147483648,ppid=5", "fd=3,ppid=99999999999999999999",
	"fd=3,ppid=5\x00", "fd=٣,ppid=5", "fd=3,,ppid=5", "fd=3,ppid=5,ppid=6",
	"/var/crash/%e-%p-%t.crash", "/var/crash/%h-%%-%e", "/%p", "/a/%", "/a/%x", "/a%p/b", "/a/b%%%",
	"%e-%p", `C:\crash\%p.crash`, "/a/%%%%%p%", "/a/%\x00",
}

// parseSettingModel is the GOCRASHOUTPUT grammar written out plainly, to
// hold the runtime's allocation-free parser to: an absolute path, or
// key+"N,ppid=P" with N and P unsigned decimal int32s, N at least min and
// P positive. An absolute path with a % in it is a pattern: on Linux only,
// with specifiers %p %t %e %h %% in its last element only.
func parseSettingModel(v string) (path string, n, ppid int32, ok bool) {
	if rest, found := strings.CutPrefix(v, runtime.CrashInheritedKey); found {
		ns, ps, found := strings.Cut(rest, ",ppid=")
		n, ok1 := unsignedInt32(ns)
		p, ok2 := unsignedInt32(ps)
		if !found || !ok1 || !ok2 || p <= 0 || n < runtime.CrashInheritedMin || !runtime.CrashInheritedSupported {
			return "", 0, 0, false
		}
		return "", n, p, true
	}
	if runtime.GOOS == "windows" {
		abs := len(v) >= 3 && v[1] == ':' && (v[2] == '\\' || v[2] == '/') || strings.HasPrefix(v, `\\`)
		return v, 0, 0, abs && !strings.Contains(v, "%")
	}
	if strings.HasPrefix(v, "/") && strings.Contains(v, "%") {
		return v, 0, 0, runtime.GOOS == "linux" && patternModel(v)
	}
	return v, 0, 0, strings.HasPrefix(v, "/")
}

// patternModel reports whether the absolute path v is a valid pattern.
func patternModel(v string) bool {
	dir, name := v[:strings.LastIndex(v, "/")+1], v[strings.LastIndex(v, "/")+1:]
	if strings.Contains(dir, "%") {
		return false
	}
	for i := 0; i < len(name); i++ {
		if name[i] == '%' {
			i++
			if i == len(name) || !strings.Contains("pteh%", name[i:i+1]) {
				return false
			}
		}
	}
	return true
}

func unsignedInt32(s string) (int32, bool) {
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 32)
	return int32(n), err == nil
}

// The GOCRASHOUTPUT parser takes any value without crashing or allocating
// (it runs before the heap exists), accepts exactly the grammar, and gives
// a reason for everything else.
func FuzzCrashOutputSetting(f *testing.F) {
	for _, v := range crashOutputSettingSeeds {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		path, n, ppid, why := runtime.ParseCrashOutputSetting(v)
		wantPath, wantN, wantPPID, ok := parseSettingModel(v)
		switch {
		case !ok && why == "":
			t.Fatalf("%q accepted as path %q, n %d, ppid %d; want it refused", v, path, n, ppid)
		case !ok && (path != "" || n != 0 || ppid != 0):
			t.Fatalf("%q refused (%s) with path %q, n %d, ppid %d; want zeros", v, why, path, n, ppid)
		case ok && (why != "" || path != wantPath || n != wantN || ppid != wantPPID):
			t.Fatalf("%q: path %q, n %d, ppid %d, why %q; want %q, %d, %d, accepted", v, path, n, ppid, why, wantPath, wantN, wantPPID)
		}
		if allocs := testing.AllocsPerRun(10, func() { runtime.ParseCrashOutputSetting(v) }); allocs != 0 {
			t.Fatalf("parsing %q allocates %v times; it runs before mallocinit", v, allocs)
		}
	})
}
