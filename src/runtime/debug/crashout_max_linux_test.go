// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package debug_test

import (
	"bytes"
	"fmt"
	"os"
	"testing"
)

// GODEBUG=crashoutputmax caps what the crash output gets, for every form:
// whole lines of the report, then one line saying how much was left out.
// Standard error gets everything.
func TestCrashOutputMax(t *testing.T) {
	mustHaveCrashOutputEnv(t)
	const limit = 300
	check := func(t *testing.T, got []byte, report []byte) {
		t.Helper()
		i := bytes.LastIndex(got[:len(got)-1], []byte("\n")) + 1
		kept, note := got[:i], got[i:]
		if len(kept) > limit || !bytes.HasPrefix(report, kept) || !bytes.HasSuffix(kept, []byte("\n")) {
			t.Fatalf("crash output %q: want whole lines of the report, at most %d bytes, then the note", got, limit)
		}
		if next := bytes.IndexByte(report[len(kept):], '\n'); len(kept)+next+1 <= limit {
			t.Errorf("crash output keeps %d bytes; the next line would have fit in %d", len(kept), limit)
		}
		want := fmt.Sprintf("runtime: crash output truncated at GODEBUG=crashoutputmax: %d bytes of the report left out (standard error has them)\n", len(report)-len(kept))
		if string(note) != want {
			t.Errorf("crash output ends with %q, want %q", note, want)
		}
	}
	t.Run("path", func(t *testing.T) {
		dir := absTempDir(t)
		res := runCommand(t, startHelperCommand(t, "crash", dir+"/crash", dir, "GODEBUG=crashoutputmax=300"), helperTimeout)
		check(t, readCrashFile(t, dir, "crash"), crashReport(t, res, "panic", 2))
	})
	t.Run("pipe", func(t *testing.T) {
		dir := absTempDir(t)
		res, got := runOnCrashPipeEnv(t, "crash", dir, "GODEBUG=crashoutputmax=300")
		c := <-got
		if c.err != nil {
			t.Fatal(c.err)
		}
		check(t, c.data, crashReport(t, res, "panic", 2))
	})
	t.Run("no-cap", func(t *testing.T) {
		dir := absTempDir(t)
		res := runCommand(t, startHelperCommand(t, "crash", dir+"/crash", dir, "GODEBUG=crashoutputmax=1000000"), helperTimeout)
		checkCopy(t, "crash file", readCrashFile(t, dir, "crash"), crashReport(t, res, "panic", 2))
	})
}

// runOnCrashPipeEnv is runOnCrashPipe with more environment.
func runOnCrashPipeEnv(t *testing.T, mode, dir string, env ...string) (helperResult, <-chan readResult) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	cmd := startHelperCommand(t, mode, "", dir, env...)
	cmd.Env = append(cmd.Env, crashOutputEnv+"="+inheritedSetting(passInherited(t, cmd, w)))
	got := readAsync(r)
	res := runCommand(t, cmd, helperTimeout)
	w.Close()
	return res, got
}
