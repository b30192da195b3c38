// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !netgo && ((cgo && unix) || darwin)

package net

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/net/dns/dnsmessage"
)

// GO-2026-4981 (CVE-2026-33811): when the answer to a cgo resolver query is
// larger than the first buffer, cgoResSearch retries with a bigger buffer;
// each of the two buffers must then be freed exactly once (the first one
// used to be freed twice and the second one leaked).
func TestCgoResSearchLongResponse(t *testing.T) {
	// A chain of CNAME records with long names, well over maxDNSPacketSize.
	longName := func(i int) string {
		var b strings.Builder
		for j := 0; j < 4; j++ {
			fmt.Fprintf(&b, "%s.", strings.Repeat(string(rune('a'+i%26)), 50))
		}
		b.WriteString("example.")
		return b.String()
	}
	const query = "long.cname.example."
	bld := dnsmessage.NewBuilder(nil, dnsmessage.Header{Response: true, RecursionAvailable: true})
	bld.StartQuestions()
	bld.Question(dnsmessage.Question{
		Name:  dnsmessage.MustNewName(query),
		Type:  dnsmessage.TypeCNAME,
		Class: dnsmessage.ClassINET,
	})
	bld.StartAnswers()
	owner := query
	for i := 0; i < 10; i++ {
		target := longName(i)
		err := bld.CNAMEResource(dnsmessage.ResourceHeader{
			Name:  dnsmessage.MustNewName(owner),
			Class: dnsmessage.ClassINET,
			TTL:   60,
		}, dnsmessage.CNAMEResource{CNAME: dnsmessage.MustNewName(target)})
		if err != nil {
			t.Fatal(err)
		}
		owner = target
	}
	msg, err := bld.Finish()
	if err != nil {
		t.Fatal(err)
	}
	if len(msg) <= maxDNSPacketSize {
		t.Fatalf("test response is %d bytes, want more than %d", len(msg), maxDNSPacketSize)
	}

	var bufs []unsafe.Pointer
	freed := make(map[unsafe.Pointer]int)
	origSearch, origFree := resNsearch, resBufFree
	defer func() {
		resNsearch, resBufFree = origSearch, origFree
		// Release every buffer seen, once, now that the C allocator
		// can no longer hand a freed address out again mid-test.
		done := make(map[unsafe.Pointer]bool)
		for _, p := range bufs {
			if !done[p] {
				done[p] = true
				origFree(p)
			}
		}
	}()
	resNsearch = func(state *_C_struct___res_state, dname *_C_char, class, typ int, ans *_C_uchar, anslen int) (int, error) {
		bufs = append(bufs, unsafe.Pointer(ans))
		// Like res_nsearch, copy what fits and report the full size.
		copy(unsafe.Slice((*byte)(unsafe.Pointer(ans)), anslen), msg)
		return len(msg), nil
	}
	// Count frees but keep the memory until the test ends, so that the
	// retry buffer cannot be allocated at the address of the first one.
	resBufFree = func(p unsafe.Pointer) {
		freed[p]++
	}

	cname, err, _ := cgoLookupCNAME(context.Background(), query)
	if err != nil {
		t.Fatalf("cgoLookupCNAME(%q): %v", query, err)
	}
	if want := longName(0); cname != want {
		t.Errorf("cgoLookupCNAME(%q) = %q, want %q", query, cname, want)
	}
	if len(bufs) != 2 {
		t.Fatalf("res_nsearch called %d times, want 2", len(bufs))
	}
	for i, p := range bufs {
		if n := freed[p]; n != 1 {
			t.Errorf("answer buffer %d freed %d times, want 1", i, n)
		}
	}
	if len(freed) != len(bufs) {
		t.Errorf("freed %d distinct buffers, want %d", len(freed), len(bufs))
	}
}
