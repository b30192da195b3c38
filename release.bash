#!/bin/sh
# Build the release files of the committed fork (usage: ./release.bash
# [GOOS/GOARCH ...], default the five platforms below) into dist/, or
# $FORK_DIST: for each platform upstream's distpack writes the binary archive
# and the toolchain module; the module files form a GOPROXY tree under
# proxy/; the source archive is written once; the OpenVEX statement of the
# security ledger is written beside them; SHA256SUMS covers them all.
# The tree is a fresh assembly of HEAD (uncommitted changes are left out)
# with VERSION's time line set to the commit time, built in a clean
# environment, so a commit always gives the same bytes.
set -eu
TOP=$(cd "$(dirname "$0")" && pwd)
. "$TOP/scripts/env.sh"
[ $# -gt 0 ] || set -- linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64
for p; do case $p in */*) ;; *) die "$p: want GOOS/GOARCH, as go tool dist list prints" ;; esac; done
dist=${FORK_DIST:-$TOP/dist}
work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT

git -C "$TOP" rev-parse -q --verify HEAD >/dev/null || die "$TOP has no commit to release"
[ -z "$(git -C "$TOP" status --porcelain)" ] || echo "release.bash: uncommitted changes are not released" >&2
mkdir "$work/repo" && git -C "$TOP" archive HEAD | tar -x -C "$work/repo"
base=$("$TOP/scripts/fetch-base")
TOP=$work/repo "$work/repo/scripts/assemble" "$base" "$work/go"
# The base package has no LICENSE; a distribution carries one.
[ -e "$work/go/LICENSE" ] || cp "$work/repo/LICENSE" "$work/go/LICENSE"
# distpack stamps every archived file with VERSION's time.
version=$(head -n 1 "$work/go/VERSION")
time=$(TZ=UTC git -C "$TOP" log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ HEAD)
printf '%s\ntime %s\n' "$version" "$time" >"$work/go/VERSION"

bs=$(bootstrap_goroot)
mkdir "$work/out"
for p; do
	echo "release.bash: $version for $p"
	(cd "$work/go/src" && env -i PATH="$PATH" HOME="${HOME:-$work}" TMPDIR="${TMPDIR:-/tmp}" GOENV=off \
		GOROOT_BOOTSTRAP="$bs" GOOS="${p%/*}" GOARCH="${p#*/}" ./make.bash -distpack) ||
		die "building $p failed"
	mv "$work/go/pkg/distpack"/* "$work/out/"
done

at=$work/dist/proxy/golang.org/toolchain/@v
mkdir -p "$at"
mv "$work/out"/v0.0.1-* "$at/"
mv "$work/out"/* "$work/dist/"
(cd "$at" && ls | sed -n 's/\.info$//p' | LC_ALL=C sort) >"$at/list"
(cd "$work/repo/tools" && "$bs/bin/go" run ./ledger vex -root "$work/repo" -version "$version" -time "$time") \
	>"$work/dist/$version.openvex.json" || die "writing the OpenVEX statement failed"
(cd "$work/dist" && find . -type f | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum) >"$work/SHA256SUMS"
mv "$work/SHA256SUMS" "$work/dist/"
rm -rf "$dist" && mkdir -p "$(dirname "$dist")" && mv "$work/dist" "$dist"
echo "release.bash: $version ($time) in $dist:" && cat "$dist/SHA256SUMS"
