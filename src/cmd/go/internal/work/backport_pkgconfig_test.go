// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package work

import (
	"fmt"
	"strings"
	"testing"

	"cmd/go/internal/load"
)

// CVE-2026-97039: a #cgo pkg-config directive may name only packages,
// not .pc files or paths, and may not use --with-path, --personality,
// or define a variable as an option-like, sysroot-relative or
// variable-expanding value.
func TestCheckPkgConfigBypass(t *testing.T) {
	for _, flags := range [][]string{
		{"--define-variable=prefix=/opt/mypkg/lib"},
		{"--prefix-variable=prefix"},
	} {
		if err := checkPkgConfigFlags("", "pkg-config", flags); err != nil {
			t.Errorf("checkPkgConfigFlags(%q) = %v, want nil", flags, err)
		}
	}
	for _, flag := range []string{
		"--define-variable=A=b-c",
		"--define-variable=A=b@c",
		"--define-variable=libdir==/tmp/sub",
		"--define-variable=libdir=$SYSROOT/tmp/sub",
		"--define-variable=A=b$c",
		"--define-variable=A=",
		"--with-path=.",
		"--with-path=/tmp",
		"--personality=triplet",
		"--personality=filename",
	} {
		err := checkPkgConfigFlags("", "pkg-config", []string{flag})
		if want := "invalid flag in pkg-config: " + flag; err == nil || err.Error() != want {
			t.Errorf("checkPkgConfigFlags(%q) = %v, want %q", flag, err, want)
		}
	}

	// getPkgConfigFlags refuses a bad name before running pkg-config;
	// it must not get that far in this test.
	t.Setenv("PKG_CONFIG", "/nonexistent/pkg-config")
	b := &Builder{backgroundSh: &Shell{}}
	getPkgConfigFlags := func(pkg string) (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("ran pkg-config (panic: %v)", r)
			}
		}()
		a := &Action{Package: &load.Package{PackagePublic: load.PackagePublic{CgoPkgConfig: []string{pkg}}}}
		_, _, err = b.getPkgConfigFlags(a)
		return err
	}
	for _, pkg := range []string{
		"zlib",
		"libfoo.pc2",
		"glib-2.0,gobject-2.0",
		"png cairo",
		"foo >= 1.0, bar <= 2.0",
		"foo>=1.0",
	} {
		if err := getPkgConfigFlags(pkg); err != nil && strings.Contains(err.Error(), "invalid pkg-config package name") {
			t.Errorf("getPkgConfigFlags(%q) = %v, want pkg name accepted", pkg, err)
		}
	}
	for _, pkg := range []string{
		"pwn.pc",
		"PWN.PC",
		"pwn.pc>=0",
		"a!b.pc>=0",
		"foo=pwn.pc",
		"./pwn.pc",
		"sub/pwn",
		`sub\pwn`,
		"C:pwn",
		"..",
		"pkg-config,pwn.pc",
		"pkg-config pwn.pc",
		"pkg-config\tpwn.pc",
		"\u00a0pwn.pc",
		"pwn.pc\xa0pkg-config",
	} {
		err := getPkgConfigFlags(pkg)
		if want := "invalid pkg-config package name: " + pkg; err == nil || err.Error() != want {
			t.Errorf("getPkgConfigFlags(%q) = %v, want %q", pkg, err, want)
		}
	}
}
