#!/bin/sh
# The fork's test command (also what .ci/run calls):
#   ./test.bash                  build if needed, the fork's checks, then upstream's run.bash
#   ./test.bash quick [ARGS...]  build if needed, then go test ARGS only (default: the
#                                fork's crash output tests) - the development loop
set -eu
TOP=$(cd "$(dirname "$0")" && pwd)
. "$TOP/scripts/env.sh"
"$TOP/make.bash"
export PATH="$GOROOT_DIR/bin:$PATH"
if [ "${1:-}" = quick ]; then
	shift
	[ $# -gt 0 ] || set -- -short -run CrashOutput runtime runtime/debug
	cd "$GOROOT_DIR/src" && exec go test "$@"
fi
for c in "$TOP"/scripts/check-*; do "$c"; done
cd "$GOROOT_DIR/src"
exec ./run.bash --no-rebuild
