// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package buildcfg

import (
	"slices"
	"testing"
)

// The crashout fork's experiment is on in the baseline, on every port, so
// that goexperiment.crashoutput is a build tag by default, and
// GOEXPERIMENT=nocrashoutput turns it off as a difference from the baseline.
func TestCrashOutputExperiment(t *testing.T) {
	for _, port := range [][2]string{{"linux", "amd64"}, {"windows", "386"}, {"js", "wasm"}} {
		on, err := ParseGOEXPERIMENT(port[0], port[1], "")
		if err != nil {
			t.Fatal(err)
		}
		if !on.CrashOutput || !slices.Contains(on.Enabled(), "crashoutput") || on.String() != "" {
			t.Errorf("%s/%s default: CrashOutput=%v, enabled %v, differences %q; want on, listed, no difference",
				port[0], port[1], on.CrashOutput, on.Enabled(), on.String())
		}
		off, err := ParseGOEXPERIMENT(port[0], port[1], "nocrashoutput")
		if err != nil {
			t.Fatal(err)
		}
		if off.CrashOutput || slices.Contains(off.Enabled(), "crashoutput") || off.String() != "nocrashoutput" {
			t.Errorf("%s/%s GOEXPERIMENT=nocrashoutput: CrashOutput=%v, enabled %v, differences %q; want off, not listed, %q",
				port[0], port[1], off.CrashOutput, off.Enabled(), off.String(), "nocrashoutput")
		}
	}
}

// The go command's build tags come from Experiment, which the environment's
// GOEXPERIMENT may change, so the test checks agreement rather than a value.
func TestCrashOutputToolTag(t *testing.T) {
	if got := slices.Contains(ToolTags, "goexperiment.crashoutput"); got != Experiment.CrashOutput {
		t.Errorf("ToolTags has goexperiment.crashoutput: %v; Experiment.CrashOutput: %v", got, Experiment.CrashOutput)
	}
}
