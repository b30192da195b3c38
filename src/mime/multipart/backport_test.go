// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package multipart

import (
	"io"
	"strings"
	"testing"
)

// spaceSource yields n spaces and then io.EOF; n reaching zero shows
// the whole input was consumed.
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

// GO-2026-6608 (CVE-2026-94440): ReadForm must keep bounding the size of part headers
// once the remaining memory budget is small, and a negative maxMemory
// must behave like zero rather than disable the header size limit.
func TestReadFormHeaderMemoryLimit(t *testing.T) {
	// The first value uses all but 100 bytes of the 10 MB that ReadForm
	// reserves for non-file data; the next part has a 1 MB header line.
	const (
		budget = 10 << 20
		name   = "a"
		left   = 100
	)
	value := strings.Repeat("v", budget-len(name)-200-left)
	src := &spaceSource{n: 1 << 20}
	body := io.MultiReader(
		strings.NewReader("--xyz\r\n"+
			`Content-Disposition: form-data; name="`+name+`"`+"\r\n\r\n"+
			value+"\r\n--xyz\r\n"+
			`Content-Disposition: form-data; name="b"`),
		src,
		strings.NewReader("\r\n\r\nb\r\n--xyz--\r\n"))
	f, err := NewReader(body, "xyz").ReadForm(0)
	if err == nil {
		f.RemoveAll()
	}
	if err != ErrMessageTooLarge {
		t.Errorf("ReadForm = %v, want %v", err, ErrMessageTooLarge)
	}
	if src.n == 0 {
		t.Errorf("ReadForm read the whole 1 MB header line with %d bytes of budget left", left)
	}

	// Any negative maxMemory behaves like zero.
	const form = "--xyz\r\n" +
		`Content-Disposition: form-data; name="x"` + "\r\n\r\n" +
		"value\r\n--xyz--\r\n"
	for _, maxMemory := range []int64{0, -1, -1 << 62} {
		f, err := NewReader(strings.NewReader(form), "xyz").ReadForm(maxMemory)
		if err != nil {
			t.Errorf("ReadForm(%d) = %v, want success", maxMemory, err)
			continue
		}
		if got, want := f.Value["x"], []string{"value"}; len(got) != 1 || got[0] != want[0] {
			t.Errorf("ReadForm(%d): x = %q, want %q", maxMemory, got, want)
		}
		f.RemoveAll()
	}
}
