// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build unix || windows

package runtime

// Export the GOCRASHOUTPUT parser for the fuzz test.

const (
	CrashInheritedKey       = crashInheritedKey
	CrashInheritedSupported = crashInheritedSupported
	CrashInheritedMin       = crashInheritedMin
)

// ParseCrashOutputSetting is parseCrashOutputSetting, taken apart.
func ParseCrashOutputSetting(v string) (path string, n, ppid int32, why string) {
	s, why := parseCrashOutputSetting(v)
	return s.path, s.n, s.ppid, why
}
