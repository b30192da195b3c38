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
// captured too. It takes one of these forms:
//
//	GOCRASHOUTPUT=/abs/path       the runtime opens the file itself at start-up
//	                              (write-only, appending, created 0600
//	                              if missing)
//	GOCRASHOUTPUT=/dir/%e-%p.crash  a pattern: each crash creates a new file
//	                              in /dir (Linux; see crashout_pattern.go)
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
//
// Secure mode. A program that runs with privileges its invoker lacks
// (set-user-ID, set-group-ID or file capabilities: isSecureMode) ignores
// GOCRASHOUTPUT altogether, as the C library ignores LD_PRELOAD there: the
// invoker chose the environment, and a path or descriptor taken from it
// would let the invoker write where it cannot. The variable is still
// removed from the environment; SetCrashOutput, called by the program
// itself, works as usual.
//
// Start-up never waits on the setting: the path form is opened without
// blocking (a FIFO with no reader is refused, not waited for) and must
// name a regular file, a FIFO or a character device. A file it creates
// gets mode 0600, like a core dump, whatever the umask allows: a crash
// report holds the program's data. An existing file keeps its mode and
// owner.

const crashOutputEnv = "GOCRASHOUTPUT"

// setCrashOutputFromEnv installs the crash output that the value v of
// GOCRASHOUTPUT names, or says on standard error why it cannot. It may run
// before mallocinit: it allocates nothing.
func setCrashOutputFromEnv(v string) {
	if isSecureMode() {
		// The value is the invoker's: do not act on it, nor echo it.
		print("runtime: ignoring ", crashOutputEnv, ": the program runs with privileges its invoker lacks (secure mode)\n")
		return
	}
	fd, why := openCrashOutputSetting(v)
	if why != "" {
		print("runtime: ignoring ", crashOutputEnv, "=", v, ": ", why, "\n")
		return
	}
	crashFD.Store(fd + 1)
}

// openCrashOutputSetting opens the crash output that the GOCRASHOUTPUT
// value v names, returning its descriptor or handle, or why it cannot.
func openCrashOutputSetting(v string) (uintptr, string) {
	s, why := parseCrashOutputSetting(v)
	switch {
	case why != "":
		return 0, why
	case s.pattern:
		return openCrashPattern(s.path, s.base)
	case s.path != "":
		return openCrashOutputPath(s.path)
	}
	return inheritedCrashOutput(s.n, s.ppid)
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

// crashOutputSetting is a GOCRASHOUTPUT value taken apart: the path form
// (path set), the pattern form (pattern set too, and the file name starts
// at path[base:]), or the inherited form, descriptor or handle n passed by
// the process ppid.
type crashOutputSetting struct {
	path    string
	pattern bool
	base    int
	n, ppid int32
}

// parseCrashOutputSetting takes the GOCRASHOUTPUT value v apart, or says
// why it is not a setting this system takes. It only reads v: it opens,
// checks and allocates nothing, so any value is safe to give it (the fuzz
// test holds it to that). A path is returned as a suffix of v, so a v that
// is NUL-terminated in place keeps path NUL-terminated.
//
// The forms, per system: crashPathIsAbs says what an absolute path is,
// crashInheritedKey starts the inherited form ("fd=" or "handle="),
// crashInheritedWhy is the reason given for a malformed (or, where the
// form is unsupported, any) inherited setting, and crashSettingWhy the
// reason given for anything else.
func parseCrashOutputSetting(v string) (s crashOutputSetting, why string) {
	if hasPrefix(v, crashInheritedKey) {
		n, ppid, ok := parseCrashOutputInherited(v[len(crashInheritedKey):])
		if !ok || !crashInheritedSupported || n < crashInheritedMin {
			return s, crashInheritedWhy
		}
		return crashOutputSetting{n: n, ppid: ppid}, ""
	}
	if crashPathIsAbs(v) && hasCrashPattern(v) {
		base, why := parseCrashPattern(v)
		if why != "" {
			return s, why
		}
		return crashOutputSetting{path: v, pattern: true, base: base}, ""
	}
	if crashPathIsAbs(v) {
		return crashOutputSetting{path: v}, ""
	}
	return s, crashSettingWhy
}

// parseCrashOutputInherited parses "N,ppid=P", the rest of the inherited
// form after its key: N and P are unsigned decimal, fit in an int32, and
// P > 0.
func parseCrashOutputInherited(v string) (n, ppid int32, ok bool) {
	i := 0
	for i < len(v) && v[i] != ',' {
		i++
	}
	if i == len(v) || !hasPrefix(v[i:], ",ppid=") {
		return 0, 0, false
	}
	n, ok1 := crashDecimal(v[:i])
	ppid, ok2 := crashDecimal(v[i+len(",ppid="):])
	return n, ppid, ok1 && ok2 && ppid > 0
}

// crashDecimal parses s, one or more decimal digits (no sign), as an int32.
func crashDecimal(s string) (int32, bool) {
	if s == "" {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
		if n > 1<<31-1 {
			return 0, false
		}
	}
	return int32(n), true
}
