// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build unix || windows

package runtime

// Crash output from process start: GOCRASHOUTPUT.
//
// The environment variable GOCRASHOUTPUT sets the crash output before any
// Go code runs, so that a panic in package init, a throw during runtime
// start-up, or the crash of a program that never calls SetCrashOutput is
// captured too. It takes one of two forms:
//
//	GOCRASHOUTPUT=/abs/path       the runtime opens the file itself at start-up
//	                              (write-only, appending, created if missing)
//	GOCRASHOUTPUT=fd=N,ppid=P     descriptor N, passed by the parent process P
//	                              (Linux)
//	GOCRASHOUTPUT=handle=H,ppid=P inherited handle H, passed by the parent
//	                              process P (Windows; H and P in decimal)
//
// The danger of an inherited descriptor number is that a child process
// inherits the variable while N is some unrelated file in the child. Two
// things rule that out: the runtime removes GOCRASHOUTPUT from the
// environment that the program and its children see, and it uses
// descriptor N only if its parent process is P, the process that set the
// variable for it (a grandchild's parent is never P). The descriptor is
// made close-on-exec (the handle non-inheritable), so the program's
// children do not hold it either.
//
// A setting that cannot be used (a path that cannot be opened, a closed
// descriptor or handle, the wrong parent, anything else) is reported once
// on standard error and ignored: the program runs without it.

const crashOutputEnv = "GOCRASHOUTPUT"

// setCrashOutputFromEnv installs the crash output that the value v of
// GOCRASHOUTPUT names, or says on standard error why it cannot. It may run
// before mallocinit: it allocates nothing.
func setCrashOutputFromEnv(v string) {
	fd, why := openCrashOutputSetting(v)
	if why != "" {
		print("runtime: ignoring ", crashOutputEnv, "=", v, ": ", why, "\n")
		return
	}
	crashFD.Store(fd + 1)
}

// dropCrashOutputEnv removes GOCRASHOUTPUT from envs, the environment that
// package syscall hands to the program and its children on Unix (on
// Windows, crashOutputLate also removes it from the process's environment
// block, which package syscall reads there). It runs once, right after
// goenvs.
func dropCrashOutputEnv() {
	kept := envs[:0]
	for _, kv := range envs {
		if !hasPrefix(kv, crashOutputEnv+"=") {
			kept = append(kept, kv)
		}
	}
	clear(envs[len(kept):])
	envs = kept
}

// crashOutputSettingInherited parses key+"N,ppid=P", where key is "fd=" or
// "handle=": N and P are decimal, fit in an int32, N >= 0 and P > 0.
func crashOutputSettingInherited(v, key string) (n, ppid int32, ok bool) {
	if !hasPrefix(v, key) {
		return 0, 0, false
	}
	v = v[len(key):]
	i := 0
	for i < len(v) && v[i] != ',' {
		i++
	}
	if i == len(v) || !hasPrefix(v[i:], ",ppid=") {
		return 0, 0, false
	}
	n, ok1 := atoi32(v[:i])
	ppid, ok2 := atoi32(v[i+len(",ppid="):])
	return n, ppid, ok1 && ok2 && n >= 0 && ppid > 0
}
