// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package harness

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// buildVars are the variables that would pick another toolchain or change
// the build.
var buildVars = []string{"GOROOT", "GOFLAGS", "GOTOOLCHAIN", "GOWORK", "GO111MODULE", "GOOS", "GOARCH", "CGO_ENABLED", "GOEXPERIMENT"}

// runVars are the runtime's settings, which a program under test gets only
// from its case.
var runVars = []string{"GOTRACEBACK", "GODEBUG", "GOGC", "GOMEMLIMIT", "GOMAXPROCS", "GOCRASHOUTPUT"}

// environ returns the caller's environment without the variables named.
func environ(drop []string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !contains(drop, k) {
			env = append(env, kv)
		}
	}
	return env
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// BuildEnv is the environment for the go command: the caller's, without
// the settings that would pick another toolchain or change the build; then
// GOTOOLCHAIN=local, GOFLAGS cleared, GOWORK=off and GO111MODULE=on; then
// settings (KEY=value: CGO_ENABLED, GOOS, GOARCH).
func BuildEnv(settings ...string) []string {
	env := append(environ(buildVars), "GOTOOLCHAIN=local", "GOFLAGS=", "GOWORK=off", "GO111MODULE=on")
	return append(env, settings...)
}

// RunEnv is the environment for a program under test: the caller's,
// without the runtime's settings (GOTRACEBACK, GODEBUG, GOGC, GOMEMLIMIT,
// GOMAXPROCS, GOCRASHOUTPUT) and without any variable that settings
// (KEY=value) set; then settings.
func RunEnv(settings ...string) []string {
	drop := runVars
	for _, kv := range settings {
		k, _, _ := strings.Cut(kv, "=")
		drop = append(drop[:len(drop):len(drop)], k)
	}
	return append(environ(drop), settings...)
}

// A Toolchain is a Go installation to build the programs under test with.
type Toolchain struct {
	GOROOT  string // absolute
	Go      string // GOROOT/bin/go
	Version string // what go env GOVERSION prints, such as go1.22.12
}

// LoadToolchain finds the go command of the Go installation at goroot and
// asks it its version.
func LoadToolchain(goroot string) (*Toolchain, error) {
	root, err := filepath.Abs(goroot)
	if err != nil {
		return nil, err
	}
	tc := &Toolchain{GOROOT: root, Go: filepath.Join(root, "bin", "go")}
	cmd := exec.Command(tc.Go, "env", "GOVERSION")
	cmd.Env = BuildEnv("CGO_ENABLED=0")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s env GOVERSION: %v", tc.Go, err)
	}
	tc.Version = strings.TrimSpace(string(out))
	return tc, nil
}
