// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package textproto

import (
	"bufio"
	"io"
	"strings"
	"testing"
)

// GO-2025-4015 (CVE-2025-61724): ReadResponse must assemble a multi-line
// response in linear time. Appending each line to a string copies the whole
// message per line, so the allocation count grows with two allocations per
// line instead of one (the line itself).
func TestReadResponseManyLinesAllocs(t *testing.T) {
	const lines = 2000
	var in strings.Builder
	for i := 0; i < lines; i++ {
		in.WriteString("230-continued line of text\r\n")
	}
	in.WriteString("230 done\r\n")
	input := in.String()

	var gotMsg string
	allocs := testing.AllocsPerRun(5, func() {
		r := NewReader(bufio.NewReader(strings.NewReader(input)))
		code, msg, err := r.ReadResponse(230)
		if err != nil || code != 230 {
			t.Fatalf("ReadResponse = %d, %v; want 230, nil", code, err)
		}
		gotMsg = msg
	})
	if want := strings.Repeat("continued line of text\n", lines) + "done"; gotMsg != want {
		t.Errorf("ReadResponse message has %d bytes, want %d", len(gotMsg), len(want))
	}
	// About one allocation per line is needed to read it; allow
	// generous slack but far less than a second copy per line.
	if max := float64(lines) * 1.5; allocs > max {
		t.Errorf("ReadResponse of %d lines: %v allocations, want <= %v", lines, allocs, max)
	}
}

// GO-2026-5039 (CVE-2026-42507): input echoed in errors must be quoted, so
// that a peer cannot inject newlines or other control text into logs.
func TestErrorsQuoteInput(t *testing.T) {
	tests := []struct {
		name string
		read func(*Reader) error
		in   string
		want string
	}{{
		name: "ReadCodeLine short response",
		read: func(r *Reader) error { _, _, err := r.ReadCodeLine(0); return err },
		in:   "12\x1b[0m\n",
		want: `short response: "12\x1b[0m"`,
	}, {
		name: "ReadCodeLine invalid code",
		read: func(r *Reader) error { _, _, err := r.ReadCodeLine(0); return err },
		in:   "abc fake\tline\n",
		want: `invalid response code: "abc fake\tline"`,
	}, {
		name: "ReadCodeLine multi-line",
		read: func(r *Reader) error { _, _, err := r.ReadCodeLine(0); return err },
		in:   "220-hello \"world\"\n",
		want: `unexpected multi-line response: "hello \"world\""`,
	}, {
		name: "ReadCodeLine Error",
		read: func(r *Reader) error { _, _, err := r.ReadCodeLine(2); return err },
		in:   "550 no\x00such user\n",
		want: `550 "no\x00such user"`,
	}, {
		name: "ReadResponse Error",
		read: func(r *Reader) error { _, _, err := r.ReadResponse(2); return err },
		in:   "550-first\n550-INFO fake log line\n550 last\n",
		want: `550 "first\nINFO fake log line\nlast"`,
	}, {
		name: "ReadMIMEHeader initial line",
		read: func(r *Reader) error { _, err := r.ReadMIMEHeader(); return err },
		in:   " Bad\x7f: x\r\nFoo: bar\r\n\r\n",
		want: `malformed MIME header initial line: " Bad\x7f: x"`,
	}, {
		name: "ReadMIMEHeader quote in key",
		read: func(r *Reader) error { _, err := r.ReadMIMEHeader(); return err },
		in:   "Foo: bar\r\nBad\"Key\": x\r\n\r\n",
		want: `malformed MIME header line: "Bad\"Key\": x"`,
	}, {
		name: "ReadMIMEHeader bad key",
		read: func(r *Reader) error { _, err := r.ReadMIMEHeader(); return err },
		in:   "Fo\x01o: bar\r\n\r\n",
		want: `malformed MIME header line: "Fo\x01o: bar"`,
	}, {
		name: "ReadMIMEHeader bad value",
		read: func(r *Reader) error { _, err := r.ReadMIMEHeader(); return err },
		in:   "Foo: b\x00ar\r\n\r\n",
		want: `malformed MIME header line: "Foo: b\x00ar"`,
	}}
	for _, tt := range tests {
		err := tt.read(reader(tt.in))
		if err == nil {
			t.Errorf("%s: got nil error, want %q", tt.name, tt.want)
			continue
		}
		if got := err.Error(); got != tt.want {
			t.Errorf("%s: got error %q, want %q", tt.name, got, tt.want)
		}
	}
}

// spaceSource yields n spaces and then io.EOF, remembering whether it
// was drained: a header reader that honours its limit stops long before.
type spaceSource struct{ n int }

func (r *spaceSource) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	if len(p) > r.n {
		p = p[:r.n]
	}
	for i := range p {
		p[i] = ' '
	}
	r.n -= len(p)
	return len(p), nil
}

// GO-2026-6608 (CVE-2026-94440): readMIMEHeader (used by mime/multipart) must enforce
// maxMemory even when it is smaller than the per-header overhead, and an
// over-long continuation line must be an error rather than be dropped.
func TestReadMIMEHeaderMemoryLimit(t *testing.T) {
	tests := []struct {
		name      string
		prefix    string
		spaces    int
		suffix    string
		maxMemory int64
	}{{
		name:      "small limit, long first line",
		prefix:    "K:",
		spaces:    1 << 20,
		maxMemory: 1,
	}, {
		name:      "limit below 400",
		prefix:    "Key: value",
		spaces:    1 << 20,
		maxMemory: 399,
	}, {
		name:      "negative limit",
		prefix:    "K: v",
		spaces:    1 << 20,
		maxMemory: -1,
	}, {
		name:      "long continuation line",
		prefix:    "Key: value\r\n x",
		spaces:    2000,
		suffix:    "x\r\nOther: v\r\n\r\n",
		maxMemory: 1000,
	}}
	for _, tt := range tests {
		src := &spaceSource{n: tt.spaces}
		r := NewReader(bufio.NewReader(io.MultiReader(
			strings.NewReader(tt.prefix), src, strings.NewReader(tt.suffix))))
		h, err := readMIMEHeader(r, tt.maxMemory, 100)
		if err != errMessageTooLarge {
			t.Errorf("%s: readMIMEHeader = %v, %v; want error %v", tt.name, h, err, errMessageTooLarge)
		}
		if tt.spaces > 1<<16 && src.n == 0 {
			t.Errorf("%s: readMIMEHeader read all %d bytes of an over-long line; want it to stop at the limit", tt.name, tt.spaces)
		}
	}

	// The continuation error must reach readContinuedLineSlice callers too.
	r := reader("Key: value\r\n " + strings.Repeat("x", 100) + "\r\n\r\n")
	line, err := r.readContinuedLineSlice(50, mustHaveFieldNameColon)
	if err != errMessageTooLarge {
		t.Errorf("readContinuedLineSlice = %q, %v; want error %v", line, err, errMessageTooLarge)
	}
}
