#!/usr/bin/env bash
# Benchmark the crash path and the compiler: fork against the previous
# release, the unpatched base and upstream, as Markdown tables on standard
# output. The work is done by tools/bench (go doc ./tools/bench: what it
# measures, its flags, how long it takes), run with the fork's go.
# Usage: ./bench.bash [-runs N] [-big-runs N] [-sizes 1000,10000,100000]
#                     [-lines N] [-prev REV|none] [-upstream GOROOT|none]
#                     [-strace-max N] [-compile-runs N]
set -eu
TOP=$(cd "$(dirname "$0")" && pwd)
. "$TOP/scripts/env.sh"
[ -x "$GOROOT_DIR/bin/go" ] || die "no fork toolchain at $GOROOT_DIR: run ./make.bash first"
export PATH="$GOROOT_DIR/bin:$PATH"
cd "$TOP/tools"
exec go run ./bench -top "$TOP" "$@"
