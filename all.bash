#!/bin/sh
# Upstream's all.bash (make.bash, then run.bash) on the assembled fork tree.
set -eu
TOP=$(cd "$(dirname "$0")" && pwd)
. "$TOP/scripts/env.sh"
"$TOP/make.bash"
cd "$GOROOT_DIR/src"
exec env GOROOT_BOOTSTRAP="$(bootstrap_goroot)" ./all.bash
