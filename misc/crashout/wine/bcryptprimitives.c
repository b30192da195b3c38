/*
 * Copyright 2026 The Go crashout fork Authors. All rights reserved.
 * Use of this source code is governed by a BSD-style
 * license that can be found in the LICENSE file.
 *
 * A test-only bcryptprimitives.dll for wine 8.0, which lacks it. Go 1.22's
 * runtime loads bcryptprimitives.dll!ProcessPrng at start-up and dies
 * without it ("fatal error: bcryptprimitives.dll not found"). This shim
 * exports ProcessPrng on top of RtlGenRandom (advapi32!SystemFunction036).
 * Never ship it: real Windows (8 and later) has the genuine DLL.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll \
 *            bcryptprimitives.c -ladvapi32   (scripts/setup-wine does it)
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buf, ULONG len); /* RtlGenRandom */

/*
 * ProcessPrng fills buf with n random bytes and returns TRUE (the real one
 * never fails; here FALSE means RtlGenRandom did). RtlGenRandom takes a
 * ULONG, so n is fed in chunks of at most 1 GiB.
 */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE buf, SIZE_T n)
{
	while (n > 0) {
		ULONG k = n > 0x40000000 ? 0x40000000 : (ULONG)n;
		if (!SystemFunction036(buf, k))
			return FALSE;
		buf += k;
		n -= k;
	}
	return TRUE;
}
