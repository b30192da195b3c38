// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !unix && !windows

package runtime

// These ports have no crash output (SetCrashOutput returns an error):
// GOCRASHOUTPUT is ignored, and left in the environment.

func crashOutputEarly() {}

func crashOutputLate() {}
