#!/bin/sh
# Build the fork: fetch the pinned base, assemble goroot/ (base + overlay +
# patches), run upstream's make.bash in it. Quick when nothing changed.
# Environment: GO_BASE (own base tree or tarball), GOROOT_BOOTSTRAP,
# FORK_DISCARD=1 (throw away edits made inside goroot/).
set -eu
TOP=$(cd "$(dirname "$0")" && pwd)
. "$TOP/scripts/env.sh"

base=$("$TOP/scripts/fetch-base")
stamp=$("$TOP/scripts/stamp" "$base")
if [ -x "$GOROOT_DIR/bin/go" ] && [ "$(cat "$GOROOT_DIR/.fork-stamp" 2>/dev/null)" = "$stamp" ]; then
	echo "make.bash: $GOROOT_DIR is up to date ($(cat "$GOROOT_DIR/VERSION" | head -n 1))"
	exit 0
fi

new=$GOROOT_DIR.new
rm -rf "$new"
"$TOP/scripts/assemble" "$base" "$new"
if [ -d "$GOROOT_DIR" ] && [ -z "${FORK_DISCARD:-}" ]; then
	"$TOP/scripts/unsaved-edits" "$GOROOT_DIR" "$new" || { rm -rf "$new"; exit 1; }
fi
rm -rf "$GOROOT_DIR"
mv "$new" "$GOROOT_DIR"
"$TOP/scripts/build" "$GOROOT_DIR"
echo "$stamp" >"$GOROOT_DIR/.fork-stamp"
"$GOROOT_DIR/bin/go" version
