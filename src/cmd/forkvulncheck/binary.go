// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"bytes"
	"debug/buildinfo"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
)

// The build information blob a Go 1.18 or later linker writes (see
// debug/buildinfo): a 32-byte header, 16-byte aligned, that starts with
// buildInfoMagic and whose flags byte says the strings follow it inline;
// then the Go version and the module information, each a uvarint length
// and the bytes.
var buildInfoMagic = []byte("\xff Go buildinf:")

const (
	buildInfoHeaderSize = 32
	buildInfoFlags      = 15
	flagsVersionInl     = 0x2
)

// baseBinary writes a copy of the Go binary at path whose build
// information names the upstream base of its Go version, and returns that
// version (the one the binary reports), the copy's path and a function
// that removes it. A binary of an upstream Go is not copied.
func baseBinary(path string) (version, copyPath string, cleanup func(), err error) {
	bi, err := buildinfo.ReadFile(path)
	if err != nil {
		return "", "", nil, fmt.Errorf("-mode binary %s: %v", path, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", "", nil, err
	}
	base := baseVersion(bi.GoVersion)
	if base == bi.GoVersion {
		return bi.GoVersion, abs, func() {}, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", "", nil, err
	}
	if err := setGoVersion(data, bi.GoVersion, base); err != nil {
		return "", "", nil, fmt.Errorf("-mode binary %s: %v", path, err)
	}
	dir, err := os.MkdirTemp("", "forkvulncheck-")
	if err != nil {
		return "", "", nil, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	copyPath = filepath.Join(dir, filepath.Base(abs))
	if err := os.WriteFile(copyPath, data, 0o600); err != nil {
		cleanup()
		return "", "", nil, err
	}
	return bi.GoVersion, copyPath, cleanup, nil
}

// setGoVersion rewrites, in the binary data, the Go version of its build
// information from old to new, no longer than old. The module information
// moves up behind it and zeros fill the rest. It fails unless exactly one
// blob names old.
func setGoVersion(data []byte, old, new string) error {
	if len(new) > len(old) {
		return fmt.Errorf("version %s is longer than %s", new, old)
	}
	var found []int
	for i := 0; ; {
		j := bytes.Index(data[i:], buildInfoMagic)
		if j < 0 {
			break
		}
		at := i + j
		if at%16 == 0 && inlineVersion(data[at:]) == old {
			found = append(found, at)
		}
		i = at + 1
	}
	if len(found) != 1 {
		return fmt.Errorf("found %d build information blobs naming %s, want 1", len(found), old)
	}
	blob := data[found[0]+buildInfoHeaderSize:]
	_, rest, _ := decodeString(blob)
	mod, rest, _ := decodeString(rest)
	size := len(blob) - len(rest)
	out := binary.AppendUvarint(nil, uint64(len(new)))
	out = append(out, new...)
	out = binary.AppendUvarint(out, uint64(len(mod)))
	out = append(out, mod...)
	n := copy(blob, out)
	clear(blob[n:size])
	return nil
}

// inlineVersion returns the Go version of the blob at the start of b, or
// "" if b does not start with a blob that holds its strings inline.
func inlineVersion(b []byte) string {
	if len(b) < buildInfoHeaderSize || b[buildInfoFlags]&flagsVersionInl == 0 {
		return ""
	}
	vers, rest, ok := decodeString(b[buildInfoHeaderSize:])
	if !ok {
		return ""
	}
	if _, _, ok := decodeString(rest); !ok {
		return ""
	}
	return string(vers)
}

// decodeString splits a uvarint-length-prefixed string off b.
func decodeString(b []byte) (s, rest []byte, ok bool) {
	n, w := binary.Uvarint(b)
	if w <= 0 || n > uint64(len(b)-w) {
		return nil, b, false
	}
	return b[w : w+int(n)], b[w+int(n):], true
}
