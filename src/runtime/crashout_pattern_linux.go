// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package runtime

import (
	"internal/bytealg"
	"internal/goarch"
	"runtime/internal/syscall"
	"unsafe"
)

const (
	crashPatternSupported   = true
	crashPatternUnsupported = ""
)

// The facts a pattern file's name and header need that do not change
// while the process runs, found when the pattern is opened at start, and
// the buffers a crash fills: only the thread that creates the file
// (crashPatternCreate) writes them then.
var (
	crashPatternPid     string // decimal
	crashPatternExe     string // the executable's path
	crashPatternExeBase string
	crashPatternHost    string

	crashPatternExeB  [4096]byte
	crashPatternHostB [65]byte
	crashPatternPidB  [20]byte

	// crashPatternName is the directory's path at start, NUL-terminated,
	// and the file's name at the crash.
	crashPatternName [4096]byte

	// crashPatternHead holds the header: the lines known at start, the
	// first crashPatternHeadN bytes, then those of the crash.
	crashPatternHead  [8192]byte
	crashPatternHeadN int
)

// openCrashPattern opens the directory of the pattern v, whose file name
// starts at v[base:], and gathers the facts its files need. It returns
// crashFD's value for a pattern, less one, or why the pattern cannot be
// used.
func openCrashPattern(v string, base int) (uintptr, string) {
	dir := v[:base]
	if len(dir) >= len(crashPatternName) {
		return 0, "the directory's path is too long"
	}
	crashPatternName[copy(crashPatternName[:], dir)] = 0
	fd, why := crashOpenPath(&crashPatternName[0], crashOPath|crashODirectory, 0)
	if why != "" {
		return 0, why
	}
	crashPatternFacts()
	if crashPatternUses(v[base:], 'h') && bytealg.IndexByteString(crashPatternHost, '/') >= 0 {
		closefd(fd)
		return 0, "the host name, which %h names, contains a /"
	}
	crashPatternDir = uintptr(fd)
	crashPatternBase = v[base:]
	return crashFDPattern - 1, ""
}

// crashPatternUses reports whether the pattern's file name p has the
// specifier %c.
func crashPatternUses(p string, c byte) bool {
	for i := 0; i+1 < len(p); i++ {
		if p[i] == '%' {
			i++
			if p[i] == c {
				return true
			}
		}
	}
	return false
}

// crashPatternFacts finds the process's facts and writes the header lines
// they make: the Go version, the platform, the main module and its version
// control facts from the build info, the executable and the process ID.
func crashPatternFacts() {
	crashPatternPid = crashPatternString(itoa(crashPatternPidB[:], uint64(getpid())))
	exe := "/proc/self/exe\x00"
	n, _, errno := syscall.Syscall6(sysReadlinkat, crashAtFDCWD, uintptr(unsafe.Pointer(unsafe.StringData(exe))), uintptr(unsafe.Pointer(&crashPatternExeB[0])), uintptr(len(crashPatternExeB)), 0, 0)
	if errno == 0 {
		crashPatternExe = crashPatternString(crashPatternExeB[:n])
	} else if argc > 0 {
		crashPatternExe = gostringnocopy(argv_index(argv, 0))
	}
	crashPatternExeBase = crashPatternExe[bytealg.LastIndexByteString(crashPatternExe, '/')+1:]
	var uts [6 * 65]byte // struct utsname; the node name is the second field
	if _, _, errno := syscall.Syscall6(sysUname, uintptr(unsafe.Pointer(&uts[0])), 0, 0, 0, 0, 0); errno == 0 {
		host := uts[65:130]
		crashPatternHost = crashPatternString(crashPatternHostB[:copy(crashPatternHostB[:], host[:findnull(&host[0])])])
	}

	n0 := 0
	n0 = crashHeadLine(n0, "version", buildVersion, "")
	n0 = crashHeadLine(n0, "platform", GOOS+"/"+GOARCH, "")
	info := modinfo
	if len(info) < 32 {
		info = ""
	} else {
		info = info[16 : len(info)-16] // less the sentinels around the text
	}
	for info != "" {
		line := info
		if i := bytealg.IndexByteString(info, '\n'); i >= 0 {
			line, info = info[:i], info[i+1:]
		} else {
			info = ""
		}
		if hasPrefix(line, "mod\t") {
			path, version := crashCut(line[len("mod\t"):], '\t')
			version, _ = crashCut(version, '\t')
			n0 = crashHeadLine(n0, "module", path, version)
		} else if hasPrefix(line, "build\tvcs.") {
			key, value := crashCut(line[len("build\t"):], '=')
			n0 = crashHeadLine(n0, key, value, "")
		}
	}
	n0 = crashHeadLine(n0, "executable", crashPatternExe, "")
	crashPatternHeadN = crashHeadLine(n0, "pid", crashPatternPid, "")
}

// crashCut returns s before and after its first c; all of s if none.
func crashCut(s string, c byte) (string, string) {
	if i := bytealg.IndexByteString(s, c); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// crashPatternString returns the bytes of b, a static or stack buffer
// that outlives the string's use, as a string, without the checks of
// unsafe.String, which may panic: the crash path cannot.
//
//go:nosplit
func crashPatternString(b []byte) string {
	return *(*string)(unsafe.Pointer(&b))
}

// crashHeadLine writes the header line "go-crash: key: value1", or
// "go-crash: key: value1 value2" if value2 is not empty, at
// crashPatternHead[n:] and returns where it ends. A newline in a value
// (a file name may have one) becomes a space, so that a line cannot end
// the header early. A line that does not fit is cut short.
//
//go:nosplit
//go:noinline
func crashHeadLine(n int, key, value1, value2 string) int {
	b := crashPatternHead[:len(crashPatternHead)-1] // room for the final blank line
	start := n
	n += copy(b[n:], "go-crash: ")
	n += copy(b[n:], key)
	n += copy(b[n:], ": ")
	n += copy(b[n:], value1)
	if value2 != "" {
		n += copy(b[n:], " ")
		n += copy(b[n:], value2)
	}
	for i := start; i < n; i++ {
		if b[i] == '\n' {
			b[i] = ' '
		}
	}
	n += copy(b[n:], "\n")
	return n
}

// crashPatternCreate creates the crash's pattern file, writes its header
// and latches it as the crash output; if the file cannot be created it
// says why on standard error. The first thread to arrive creates it; the
// others wait, for at most about a second, until it is done.
//
// nosplit and g-free, for the crash write path: raw system calls, static
// buffers that only the creating thread touches.
//
//go:nosplit
func crashPatternCreate() {
	if !crashPatternState.CompareAndSwap(crashPatternArmed, crashPatternCreating) {
		for i := 0; i < crashLineSpins && crashPatternState.Load() == crashPatternCreating; i++ {
			procyield(30)
		}
		return
	}
	var ts [2]uintptr // struct timespec: tv_sec is a long on every port
	syscall.Syscall6(sysClockGettime, 0, uintptr(unsafe.Pointer(&ts[0])), 0, 0, 0, 0)
	sec := int64(ts[0])
	why := "the file name is too long"
	fd := uintptr(0)
	if n := crashPatternRender(sec); n >= 0 {
		fd, why = crashPatternOpenFile(n)
	}
	if why != "" {
		crashPatternWhy(why)
	} else {
		n := crashPatternHeadEnd(sec)
		write1(fd, unsafe.Pointer(&crashPatternHead[0]), int32(n))
		crashDest.CompareAndSwap(crashDestNone, fd+2)
	}
	crashPatternState.Store(crashPatternDone)
}

// crashPatternWhy says on standard error why the crash has no file.
//
//go:nosplit
func crashPatternWhy(why string) {
	const head = "runtime: no crash report file for GOCRASHOUTPUT: "
	write(2, unsafe.Pointer(unsafe.StringData(head)), int32(len(head)))
	write(2, unsafe.Pointer(unsafe.StringData(why)), int32(len(why)))
	write(2, unsafe.Pointer(unsafe.StringData(crashNewline)), 1)
}

const crashNewline = "\n"

// crashPatternHeadEnd adds the header lines known at the crash at sec,
// and the blank line that ends the header, and returns the header's
// length.
//
//go:nosplit
func crashPatternHeadEnd(sec int64) int {
	var d [20]byte
	ppid := itoa(d[:], uint64(getppid()))
	n := crashHeadLine(crashPatternHeadN, "ppid", crashPatternString(ppid), "")
	var t [20]byte
	crashRFC3339(&t, sec)
	n = crashHeadLine(n, "time", crashPatternString(t[:]), "")
	crashPatternHead[n] = '\n'
	return n + 1
}

// crashRFC3339 writes the UTC time sec, in seconds since the Unix epoch,
// as YYYY-MM-DDTHH:MM:SSZ.
//
//go:nosplit
func crashRFC3339(t *[20]byte, sec int64) {
	days, s := sec/86400, sec%86400
	// The civil date from the days since 1970-01-01, counted in eras of
	// 400 years from 0000-03-01.
	z := days + 719468
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	month := mp + 3
	year := yoe + era*400
	if month > 12 {
		month -= 12
		year++
	}
	crashPut2(t[0:], year/100)
	crashPut2(t[2:], year%100)
	t[4] = '-'
	crashPut2(t[5:], month)
	t[7] = '-'
	crashPut2(t[8:], day)
	t[10] = 'T'
	crashPut2(t[11:], s/3600)
	t[13] = ':'
	crashPut2(t[14:], s/60%60)
	t[16] = ':'
	crashPut2(t[17:], s%60)
	t[19] = 'Z'
}

// crashPut2 writes v, 0 to 99, as two decimal digits.
//
//go:nosplit
func crashPut2(b []byte, v int64) {
	b[0] = byte('0' + v/10)
	b[1] = byte('0' + v%10)
}

// crashPatternOpenFile creates the file whose name is the first n bytes
// of crashPatternName in the pattern's directory, exclusively, never
// through a symbolic link, with mode 0600 whatever the umask. A name that
// is taken gets a suffix, .1 to .99. It returns the descriptor, or why
// there is none.
//
//go:nosplit
func crashPatternOpenFile(n int) (uintptr, string) {
	b := &crashPatternName
	var d [20]byte
	for k := 0; k < 100; k++ {
		m := n
		if k > 0 {
			b[m] = '.'
			m++
			m += copy(b[m:], itoa(d[:], uint64(k)))
		}
		b[m] = 0
		fd, _, errno := syscall.Syscall6(sysOpenat, crashPatternDir, uintptr(unsafe.Pointer(&b[0])), _O_WRONLY|_O_CREAT|crashOExcl|crashONofollow|_O_CLOEXEC, 0o600, 0, 0)
		switch errno {
		case 0:
			syscall.Syscall6(sysFchmod, fd, 0o600, 0, 0, 0, 0)
			return fd, ""
		case 17: // EEXIST: a file, a directory or a symbolic link
			continue
		case 1, 13: // EPERM, EACCES
			return 0, "permission denied in the directory"
		case 2: // ENOENT
			return 0, "the directory is gone"
		case 28: // ENOSPC
			return 0, "no space left on the device"
		case 30: // EROFS
			return 0, "read-only file system"
		}
		return 0, "cannot create the file"
	}
	return 0, "the file name and its suffixes .1 to .99 are all taken"
}

// crashPatternRender writes the file name the pattern gives for a crash at
// sec to crashPatternName, leaving room for a suffix, and returns its
// length, or -1 if it does not fit.
//
//go:nosplit
func crashPatternRender(sec int64) int {
	b := crashPatternName[:256-len(".99")-1] // NAME_MAX is 255
	p := crashPatternBase
	var d [20]byte
	n := 0
	for i := 0; i < len(p); i++ {
		v := p[i : i+1]
		if p[i] == '%' && i+1 < len(p) {
			i++
			switch p[i] {
			case 'p':
				v = crashPatternPid
			case 't':
				v = crashPatternString(itoa(d[:], uint64(sec)))
			case 'e':
				v = crashPatternExeBase
			case 'h':
				v = crashPatternHost
			}
		}
		if n+len(v) > len(b) {
			return -1
		}
		n += copy(b[n:], v)
	}
	return n
}

// Flags of the pattern's directory and files: most differ on ARM, PowerPC
// or MIPS.
const (
	crashIsArmPpc   = goarch.IsArm + goarch.IsArm64 + goarch.IsPpc64 + goarch.IsPpc64le
	crashOPath      = 0x200000                                 // O_PATH
	crashODirectory = 0x10000 - (0x10000-0x4000)*crashIsArmPpc // O_DIRECTORY
	crashONofollow  = 0x20000 - (0x20000-0x8000)*crashIsArmPpc // O_NOFOLLOW
	crashOExcl      = 0x80 + (0x400-0x80)*crashIsMips          // O_EXCL
)
