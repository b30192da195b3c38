// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package archive

import "testing"

// CVE-2026-97040: a long .syso member name is shortened before its
// suffix, so that the linker still knows the member is a .syso file.
func TestExactly16BytesSyso(t *testing.T) {
	for _, tt := range []struct {
		name, want string
	}{
		{"x.syso", "x.syso          "},
		{"exactly16bytes.o", "exactly16bytes.o"},
		{"averyverylongname.syso", "averyverylo.syso"},
		{"zz_windows_amd64.syso", "zz_windows_.syso"},
		{"ééééééé.syso", "ééééé.syso "}, // no partial rune
		{"averyverylongname.o", "averyverylongnam"},
	} {
		if got := exactly16Bytes(tt.name); got != tt.want {
			t.Errorf("exactly16Bytes(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
