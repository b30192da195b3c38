// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package runtime

// StackPCs returns two PC lists for its caller's stack: printed, the pc=
// value of each physical frame as a GOTRACEBACK=system traceback prints it,
// and callers, what Callers(1, ...) would return at the same point. Each
// holds at most max PCs.
func StackPCs(max int) (printed, callers []uintptr) {
	printed = make([]uintptr, 0, max)
	callers = make([]uintptr, max)
	pc, sp, gp := getcallerpc(), getcallersp(), getg()
	n := 0
	// On the system stack, so that the stack does not move while we unwind it.
	systemstack(func() {
		var u unwinder
		for u.initAt(pc, sp, 0, gp, unwindSilentErrors); u.valid() && len(printed) < max; u.next() {
			printed = append(printed, u.frame.pc)
		}
		u.initAt(pc, sp, 0, gp, unwindSilentErrors)
		n = tracebackPCs(&u, 0, callers)
	})
	return printed, callers[:n]
}
