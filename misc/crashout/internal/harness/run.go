// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package harness

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
)

// Select returns the cases whose name matches the regular expression
// pattern (a -run flag), in their order.
func Select[C any](cases []C, pattern string, name func(C) string) ([]C, error) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, fmt.Errorf("-run: %v", err)
	}
	var sel []C
	for _, c := range cases {
		if re.MatchString(name(c)) {
			sel = append(sel, c)
		}
	}
	return sel, nil
}

// TempDir makes a temporary directory whose name starts with prefix, and
// returns it with a function that removes it, or, if keep is set (a -keep
// flag), says on standard error that it is kept and returns a function that
// does nothing.
func TempDir(prefix string, keep bool) (dir string, remove func(), err error) {
	dir, err = os.MkdirTemp("", prefix)
	if err != nil {
		return "", nil, err
	}
	if keep {
		fmt.Fprintf(os.Stderr, "keeping %s\n", dir)
		return dir, func() {}, nil
	}
	return dir, func() { os.RemoveAll(dir) }, nil
}

// OutputFiles makes dir, for one run of a program, and creates in it the
// files stdout and stderr for the program's output. The caller closes them.
func OutputFiles(dir string) (stdout, stderr *os.File, err error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, nil, err
	}
	stdout, err = os.Create(filepath.Join(dir, "stdout"))
	if err != nil {
		return nil, nil, err
	}
	stderr, err = os.Create(filepath.Join(dir, "stderr"))
	if err != nil {
		stdout.Close()
		return nil, nil, err
	}
	return stdout, stderr, nil
}
