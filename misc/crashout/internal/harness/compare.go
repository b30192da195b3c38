// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package harness

import (
	"bytes"
	"fmt"
	"strings"
)

// A Kind is how a crash output relates to the crash report it should hold.
type Kind int

const (
	Equal       Kind = iota // the crash output is the report (both may be empty)
	Empty                   // nothing reached the crash output; the report is not empty
	MissesStart             // the crash output is the report without its start
	OnlyStart               // the crash output is the start of the report only
	ExtraStart              // the crash output is the report after other bytes
	Differs                 // none of these
)

// A Diff compares a crash output with the crash report on standard error.
// Its descriptions hold Quote spans, not escaped for a table cell.
type Diff struct {
	Kind Kind
	Want []byte // the crash report on standard error
	Got  []byte // what the crash output received
}

// Compare compares got, a crash output, with want, the crash report on
// standard error.
func Compare(want, got []byte) Diff {
	d := Diff{Kind: Differs, Want: want, Got: got}
	switch {
	case bytes.Equal(got, want):
		d.Kind = Equal
	case len(got) == 0:
		d.Kind = Empty
	case bytes.HasSuffix(want, got):
		d.Kind = MissesStart
	case bytes.HasPrefix(want, got):
		d.Kind = OnlyStart
	case bytes.HasSuffix(got, want):
		d.Kind = ExtraStart
	}
	return d
}

// String describes d in lines: "complete (5 lines)", "empty", "misses
// first 2 lines (…)", "has only the first 3 of 9 lines (last: …)", "has 4
// extra bytes before the report (…)", "differs at line 3: …", and where
// a line is cut, in bytes.
func (d Diff) String() string {
	want, got := d.Want, d.Got
	switch d.Kind {
	case Equal:
		if len(want) == 0 {
			return "empty (and no report on stderr)"
		}
		return fmt.Sprintf("complete (%s)", Plural(CountLines(want), "line"))
	case Empty:
		return "empty"
	case MissesStart:
		missed := d.missed()
		if missed[len(missed)-1] != '\n' {
			return fmt.Sprintf("misses first %d bytes, cut mid-line (%s)", len(missed), Quote(FirstLine(missed)))
		}
		return fmt.Sprintf("misses first %s (%s)", Plural(CountLines(missed), "line"), Quote(FirstLine(missed)))
	case OnlyStart:
		if got[len(got)-1] == '\n' {
			return fmt.Sprintf("has only the first %d of %s (last: %s)",
				CountLines(got), Plural(CountLines(want), "line"), Quote(LastLine(got)))
		}
		return fmt.Sprintf("has only the first %d of %d bytes, cut in line %d of %d (ends %s)",
			len(got), len(want), CountLines(got), CountLines(want), Quote(tail(got)))
	case ExtraStart:
		extra := got[:len(got)-len(want)]
		return fmt.Sprintf("has %d extra bytes before the report (%s)", len(extra), Quote(FirstLine(extra)))
	}
	return d.differsAt()
}

// Short describes d in fewer words: "ok" when the crash output is the
// report, "empty", "misses the first 2 lines (…)" (a line cut in the middle
// counts), "has only the first 120 of 300 bytes", and otherwise where the
// two first differ, "differs at line 3: …".
func (d Diff) Short() string {
	switch d.Kind {
	case Equal:
		return "ok"
	case Empty:
		return "empty"
	case MissesStart:
		missed := d.missed()
		if n := CountLines(missed); n > 1 {
			return fmt.Sprintf("misses the first %d lines (%s)", n, Quote(FirstLine(missed)))
		}
		return fmt.Sprintf("misses the first line (%s)", Quote(FirstLine(missed)))
	case OnlyStart:
		return fmt.Sprintf("has only the first %d of %d bytes", len(d.Got), len(d.Want))
	}
	return d.differsAt()
}

// missed is the start of the report that a MissesStart crash output lacks.
func (d Diff) missed() []byte { return d.Want[:len(d.Want)-len(d.Got)] }

// differsAt names the first line in which the report and the crash output
// differ, and quotes both ("end" where one has no such line).
func (d Diff) differsAt() string {
	wl := bytes.SplitAfter(d.Want, []byte("\n"))
	gl := bytes.SplitAfter(d.Got, []byte("\n"))
	i := 0
	for i < len(wl) && i < len(gl) && bytes.Equal(wl[i], gl[i]) {
		i++
	}
	at := func(l [][]byte) string {
		if i < len(l) {
			return Quote(string(l[i]))
		}
		return "end"
	}
	return fmt.Sprintf("differs at line %d: stderr %s, crash output %s", i+1, at(wl), at(gl))
}

// tail is the end of b, a crash output cut in the middle of a line: the
// last full line and the partial one after it, at most 60 characters, with
// newlines and tabs written \n and \t.
func tail(b []byte) string {
	t := b
	if j := bytes.LastIndexByte(b, '\n'); j >= 0 {
		t = b[bytes.LastIndexByte(b[:j], '\n')+1:]
	}
	if r := []rune(string(t)); len(r) > 60 {
		t = []byte("…" + string(r[len(r)-60:]))
	}
	return strings.NewReplacer("\n", `\n`, "\t", `\t`).Replace(string(t))
}
