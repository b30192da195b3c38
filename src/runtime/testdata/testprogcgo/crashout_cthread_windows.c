// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Threads that C creates and that crash, on Windows. See
// crashout_cthread.go.

#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "_cgo_export.h"

// An unhandled exception filter that C installs, as a C crash reporter
// would, when CRASHOUT_CTHREAD_CHANDLER is set: "early" from a C
// constructor, before the Go runtime starts; "late" just before the thread
// starts. It decides the exit status.
static LONG WINAPI crashOutputCFilter(EXCEPTION_POINTERS *ep) {
	static const char msg[] = "C handler: exception\n";
	DWORD n;

	WriteFile(GetStdHandle(STD_ERROR_HANDLE), msg, sizeof msg - 1, &n, NULL);
	TerminateProcess(GetCurrentProcess(), 42);
	return EXCEPTION_CONTINUE_SEARCH;
}

// A filter that C installs just before the thread starts when
// CRASHOUT_CTHREAD_CHANDLER is "pass": it passes every exception on, so
// the process ends as the system ends it, and the runtime's filter, which
// it replaced, never sees the exception.
static LONG WINAPI crashOutputCPassFilter(EXCEPTION_POINTERS *ep) {
	return EXCEPTION_CONTINUE_SEARCH;
}

static int crashOutputCHandler(const char *when) {
	const char *v = getenv("CRASHOUT_CTHREAD_CHANDLER");

	return v != NULL && strcmp(v, when) == 0;
}

__attribute__((constructor)) static void crashOutputCThreadSetup(void) {
	if (crashOutputCHandler("early")) {
		SetUnhandledExceptionFilter(crashOutputCFilter);
	}
}

static DWORD WINAPI crashOutputCThreadFault(void *arg) {
	*(volatile int *)0 = 0;
	return 0;
}

static DWORD WINAPI crashOutputCThreadAbort(void *arg) {
	abort();
	return 0;
}

// Calls into Go, which returns, and then faults.
static DWORD WINAPI crashOutputCThreadCallback(void *arg) {
	crashOutputCThreadGo();
	return crashOutputCThreadFault(arg);
}

static DWORD WINAPI crashOutputCThreadWait(void *arg) {
	Sleep(INFINITE);
	return 0;
}

// Raises an exception that no one handles, as an uncaught C++ exception
// or a failed check in a C library would.
static DWORD WINAPI crashOutputCThreadRaise(void *arg) {
	RaiseException(0xE0000001, EXCEPTION_NONCONTINUABLE, 0, NULL);
	return 0;
}

// Recurses until the thread's stack overflows.
static int crashOutputCThreadRecurse(volatile char *up) {
	volatile char buf[4096];

	buf[0] = up != NULL ? up[0] : 0;
	return crashOutputCThreadRecurse(buf) + buf[1];
}

static DWORD WINAPI crashOutputCThreadOverflow(void *arg) {
	return crashOutputCThreadRecurse(NULL);
}

// Runs thread how (0 faults, 1 aborts, 2 calls Go and faults, 3 waits, 4
// raises an exception, 5 overflows its stack) and waits for it.
void crashOutputCThreadRun(int how) {
	static LPTHREAD_START_ROUTINE const fns[] = {
		crashOutputCThreadFault,
		crashOutputCThreadAbort,
		crashOutputCThreadCallback,
		crashOutputCThreadWait,
		crashOutputCThreadRaise,
		crashOutputCThreadOverflow,
	};
	HANDLE t;

	if (crashOutputCHandler("late")) {
		SetUnhandledExceptionFilter(crashOutputCFilter);
	} else if (crashOutputCHandler("pass")) {
		SetUnhandledExceptionFilter(crashOutputCPassFilter);
	}
	t = CreateThread(NULL, 0, fns[how], NULL, 0, NULL);
	if (t == NULL) {
		fprintf(stderr, "CreateThread: error %lu\n", GetLastError());
		exit(1);
	}
	WaitForSingleObject(t, INFINITE);
}
