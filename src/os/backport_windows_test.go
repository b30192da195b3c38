// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package os_test

import (
	"errors"
	"internal/testenv"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// GO-2025-3750 (CVE-2025-0913): OpenFile with O_CREATE|O_EXCL must not
// follow a symlink, even a dangling one, and so must not create the file
// the link points to; it reports that the name exists, as on Unix.
func TestOpenFileCreateExclSymlink(t *testing.T) {
	testenv.MustHaveSymlink(t)

	tests := []struct {
		name     string
		flag     int
		absolute bool // symlink target given as an absolute path
	}{
		{"wronly/relative", os.O_WRONLY, false},
		{"rdwr/relative", os.O_RDWR, false},
		{"wronly/absolute", os.O_WRONLY, true},
		{"rdwr/absolute", os.O_RDWR, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			target := filepath.Join(dir, "does_not_exist")
			link := filepath.Join(dir, "link")
			linkTarget := "does_not_exist"
			if tt.absolute {
				linkTarget = target
			}
			if err := os.Symlink(linkTarget, link); err != nil {
				t.Fatal(err)
			}

			f, err := os.OpenFile(link, tt.flag|os.O_CREATE|os.O_EXCL, 0o666)
			if err == nil {
				f.Close()
			}
			if !errors.Is(err, fs.ErrExist) {
				t.Errorf("OpenFile(%q, %#x|O_CREATE|O_EXCL) error = %v, want ErrExist", link, tt.flag, err)
			}
			if _, err := os.Lstat(target); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("symlink target %q after OpenFile: Lstat error = %v, want ErrNotExist (file was created through the link)", target, err)
			}
			fi, err := os.Lstat(link)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode()&fs.ModeSymlink == 0 {
				t.Errorf("%q mode = %v after OpenFile, want a symlink", link, fi.Mode())
			}
		})
	}
}
