// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

/*
Forkvulncheck runs govulncheck on a module or a binary built with this fork
of Go, so that the standard library is checked at the fork's upstream base,
and leaves out what the fork's security ledger says it has fixed or is not
affected by.

Usage:

	forkvulncheck -vex FILE [-govulncheck PATH] [govulncheck flags] [patterns]
	forkvulncheck -vex FILE -mode binary [govulncheck flags] BINARY

The toolchain installs it in $(go env GOTOOLDIR). Run that file rather than
go tool forkvulncheck or go run cmd/forkvulncheck when the exit code
matters: Go 1.22's go tool and go run exit 1 whenever the program fails.

-vex names the release's OpenVEX statement (go1.22.12-crashout.N.openvex.json,
published beside the release's archives), the fork's security ledger in
OpenVEX form. -govulncheck names the govulncheck to run (default: govulncheck
on PATH); tested with v1.1.4 and v1.10.0. Every other flag and argument goes to
govulncheck unchanged, and forkvulncheck exits with govulncheck's exit code:
0 when no vulnerability is found, 3 when one is (text output), 1 or 2 on an
error. Its output is govulncheck's own, in the format -format asks for.

Plain govulncheck cannot check the standard library of a fork build: the
fork's version, go1.22.12-crashout.N, is not an upstream release tag, so it
cannot place it among the fixed versions and treats every standard-library
advisory as not affecting the program (golang/go#53740). Forkvulncheck makes
govulncheck see the upstream base, go1.22.12:

  - in source mode, by setting GOVERSION=go1.22.12 in govulncheck's
    environment, which govulncheck (v1.1.4 to v1.10.0 at least) takes in
    place of what the go command on PATH reports;
  - in binary mode, by handing govulncheck a copy of the binary whose build
    information names go1.22.12 (the version is all that changes).

Neither is documented by govulncheck; scripts/check-govulncheck in the
fork's repository checks both with the govulncheck versions it names.

At go1.22.12 every upstream standard-library and toolchain advisory since
then applies, fixed or not, so forkvulncheck runs govulncheck against a
vulnerability database of its own: a server on the loopback interface that
serves the database of -db (default https://vuln.go.dev; file:// for a local
copy, which then needs no network) with, in each advisory that the OpenVEX
statement marks fixed or not_affected for the version being scanned, the
standard library's (or the toolchain's) affected ranges removed. What
remains is found and reported by govulncheck as usual: symbol-level
reachability, call stacks, third-party modules.

The OpenVEX statement must name the version being scanned
(pkg:golang/stdlib@v1.22.12-crashout.N): a binary is checked against the
statement of the release that built it.
*/
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

func main() {
	code, err := run(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "forkvulncheck:", err)
	}
	os.Exit(code)
}

// run runs govulncheck as args ask and returns its exit code, or 1 and the
// error that kept it from running (2 for a usage error).
func run(args []string) (int, error) {
	a, err := parseArgs(args)
	if err != nil {
		return 2, err
	}
	if a.mode == "extract" {
		return runGovulncheck(a.govulncheck, a.rest, nil)
	}
	vex, err := readVEX(a.vex)
	if err != nil {
		return 1, err
	}
	var env []string
	if a.mode == "binary" {
		version, copyPath, cleanup, err := baseBinary(a.binary())
		if err != nil {
			return 1, err
		}
		defer cleanup()
		a.setBinary(copyPath)
		if err := a.filter(vex, version); err != nil {
			return 1, err
		}
	} else {
		version, err := goVersion(a.dir)
		if err != nil {
			return 1, err
		}
		if err := a.filter(vex, version); err != nil {
			return 1, err
		}
		env = append(os.Environ(), "GOVERSION="+baseVersion(version))
	}
	srv, err := serveFiltered(a.db, a.drop)
	if err != nil {
		return 1, err
	}
	defer srv.Close()
	return runGovulncheck(a.govulncheck, append([]string{"-db", srv.URL}, a.rest...), env)
}

// runGovulncheck runs the govulncheck at path with args and env (nil: ours)
// and returns its exit code.
func runGovulncheck(path string, args, env []string) (int, error) {
	cmd := exec.Command(path, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = env
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.Exited() {
		return exit.ExitCode(), nil
	}
	if err != nil {
		return 1, fmt.Errorf("running govulncheck: %v", err)
	}
	return 0, nil
}

// goVersion returns the version of the go command on PATH, run in dir, as
// govulncheck finds it in source mode.
func goVersion(dir string) (string, error) {
	cmd := exec.Command("go", "env", "GOVERSION")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go env GOVERSION: %v", err)
	}
	v := strings.TrimSpace(string(out))
	if v == "" {
		return "", errors.New("go env GOVERSION printed nothing")
	}
	return v, nil
}
