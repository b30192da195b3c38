#!/bin/sh
# The patch workflow (see CONTRIBUTING.md), done by tools/patches (go doc
# ./tools/patches says how), run with the fork's go:
#   ./patches.bash save [NAME]  after editing inside goroot/: copy edited overlay
#                               files back and regenerate patches/; upstream files
#                               no patch claims go into patches/NNNN-NAME.patch
#   ./patches.bash security ID  after editing upstream files for one advisory:
#                               write patches/security/ID.patch, add it to the series
#   ./patches.bash check        fail if patches/ or the overlay disagree with goroot/
set -eu
TOP=$(cd "$(dirname "$0")" && pwd)
. "$TOP/scripts/env.sh"
[ -x "$GOROOT_DIR/bin/go" ] || die "no $GOROOT_DIR: run ./make.bash first"
base=$("$TOP/scripts/fetch-base")
cd "$TOP/tools"
[ $# -gt 0 ] || set -- save
"$GOROOT_DIR/bin/go" build -o "$CACHE/bin/patches" ./patches
exec "$CACHE/bin/patches" -root "$TOP" -base "$base" -goroot "$GOROOT_DIR" "$@"
