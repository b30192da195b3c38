// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build windows && !amd64

package runtime

// installUnhandledFilter does nothing outside windows/amd64: an exception
// no one handles on a thread that C created ends the process with no
// report, as upstream. (windows/386 uses the unhandled exception filter
// for the runtime's last-chance handler.)
func installUnhandledFilter() {}
