// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package runtime

import "internal/abi"

// CallersFrames takes PC lists of two kinds:
//
//   - From Callers: one PC per logical frame. A physical frame whose PC is
//     inside inlined calls contributes its real PC and then, for each
//     enclosing call that tracebackPCs does not elide, a virtual PC: the
//     PC of an instruction at that call's site (the inline tree's parentPc),
//     plus one, like a return address.
//   - From a printed traceback (the pc= values of GOTRACEBACK=system, as
//     crash monitors parse them): one real PC per physical frame, with no
//     virtual PCs.
//
// Next tells them apart at each inlined frame by the list's next PC. In a
// list from Callers it is the virtual PC of the frame's nearest non-elided
// caller, unless the list was cut short there. In a printed list it is a
// return address, the address just past a call instruction, or, for the
// frame below runtime.sigpanic, the faulting instruction's address plus one
// (monitors add the one, as Callers does). Neither can equal a call-site PC
// plus one: that would take a call instruction one byte long, or a fault
// at a call site in the inlined frame's own function, whereas a faulting
// frame is listed right after runtime.sigpanic's. So Next adds the callers
// of an inlined frame only when the list has a next PC and it is not that
// virtual PC, and then adds exactly the frames Callers would have listed.
// A list that ends at an inlined frame is not expanded, as on Go 1.23: it
// may be a Callers list cut short.

// nextPC returns the next PC for Frames.Next to expand: a virtual PC that
// inlinedCallerPC found missing from the list first, then the list's own.
// ok is false when both are used up.
func (ci *Frames) nextPC() (pc uintptr, ok bool) {
	if ci.inlinedCaller != 0 {
		pc, ci.inlinedCaller = ci.inlinedCaller, 0
		return pc, true
	}
	if len(ci.callers) == 0 {
		return 0, false
	}
	pc, ci.callers = ci.callers[0], ci.callers[1:]
	return pc, true
}

// inlinedCallerPC returns the virtual PC of the logical caller of the
// inlined frame uf (whose function's ID is id) that Callers would list
// next, if the rest of ci's list lacks it; else 0. Callers skips a wrapper
// that did not call a panic function, so this does too.
func (ci *Frames) inlinedCallerPC(u *inlineUnwinder, uf inlineFrame, id abi.FuncID) uintptr {
	if len(ci.callers) == 0 {
		return 0
	}
	for caller := u.next(uf); caller.valid(); caller = u.next(caller) {
		callerID := u.srcFunc(caller).funcID
		if callerID == abi.FuncIDWrapper && elideWrapperCalling(id) {
			id = callerID
			continue
		}
		if ci.callers[0] == caller.pc+1 {
			return 0 // a list from Callers
		}
		return caller.pc + 1
	}
	return 0
}
