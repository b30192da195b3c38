// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build linux

// Threads that C creates and that crash. See crashout_cthread.go.

#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "_cgo_export.h"

// A SIGSEGV handler installed before the Go runtime starts, as a C crash
// reporter would, when CRASHOUT_CTHREAD_CHANDLER is set. It decides the
// exit status.
static void crashOutputCHandler(int sig) {
	static const char msg[] = "C handler: SIGSEGV\n";
	write(2, msg, sizeof msg - 1);
	_exit(42);
}

__attribute__((constructor)) static void crashOutputCThreadSetup(void) {
	struct sigaction sa;

	if (getenv("CRASHOUT_CTHREAD_CHANDLER") == NULL) {
		return;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = crashOutputCHandler;
	sigaction(SIGSEGV, &sa, NULL);
}

enum { crashOutputFaultLine = __LINE__ + 3 };

static void *crashOutputCThreadFault(void *arg) {
	*(volatile int *)0 = 0;
	return NULL;
}

static void *crashOutputCThreadAbort(void *arg) {
	abort();
	return NULL;
}

// Calls into Go, which returns, and then faults.
static void *crashOutputCThreadCallback(void *arg) {
	crashOutputCThreadGo();
	return crashOutputCThreadFault(arg);
}

// Writes its thread ID to standard output and waits to be killed.
static void *crashOutputCThreadWait(void *arg) {
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%ld\n", (long)syscall(SYS_gettid));
	write(1, buf, n);
	for (;;) {
		pause();
	}
	return NULL;
}

// Runs thread how (0 faults, 1 aborts, 2 calls Go and faults, 3 waits to
// be killed) and waits for it.
void crashOutputCThreadRun(int how) {
	static void *(*const fns[])(void *) = {
		crashOutputCThreadFault,
		crashOutputCThreadAbort,
		crashOutputCThreadCallback,
		crashOutputCThreadWait,
	};
	pthread_t t;

	if (pthread_create(&t, NULL, fns[how], NULL) != 0) {
		perror("pthread_create");
		exit(1);
	}
	pthread_join(t, NULL);
}

struct crashOutputTracebackArg {
	uintptr_t context;
	uintptr_t sigContext;
	uintptr_t *buf;
	uintptr_t max;
};

struct crashOutputSymbolizerArg {
	uintptr_t pc;
	const char *file;
	uintptr_t lineno;
	const char *func;
	uintptr_t entry;
	uintptr_t more;
	uintptr_t data;
};

// A cgo traceback function that knows one frame: where the signal
// context says the thread was.
void crashOutputCThreadTraceback(void *p) {
	struct crashOutputTracebackArg *arg = p;
	ucontext_t *uc = (ucontext_t *)arg->sigContext;
	uintptr_t pc = 0;

	if (arg->max < 2) {
		return;
	}
#if defined(__x86_64__)
	if (uc != NULL) {
		pc = uc->uc_mcontext.gregs[REG_RIP];
	}
#elif defined(__aarch64__)
	if (uc != NULL) {
		pc = uc->uc_mcontext.pc;
	}
#endif
	arg->buf[0] = pc;
	arg->buf[1] = 0;
}

// A cgo symbolizer that names the faulting function.
void crashOutputCThreadSymbolizer(void *p) {
	struct crashOutputSymbolizerArg *arg = p;
	uintptr_t fn = (uintptr_t)crashOutputCThreadFault;

	if (arg->pc >= fn && arg->pc < fn + 64) {
		arg->func = "crashOutputCThreadFault";
		arg->file = "crashout_cthread.c";
		arg->lineno = crashOutputFaultLine;
		arg->entry = fn;
	} else {
		arg->func = NULL;
		arg->file = NULL;
		arg->lineno = 0;
		arg->entry = 0;
	}
	arg->more = 0;
}
