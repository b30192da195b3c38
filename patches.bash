#!/bin/sh
# The patch workflow (see CONTRIBUTING.md).
#   ./patches.bash save [NAME]  after editing files inside goroot/: copy overlay
#                               files edited there (newer than the repository's)
#                               back into the repo and regenerate patches/;
#                               upstream files no patch claims yet go into the
#                               patch patches/NNNN-NAME.patch, which is created
#                               (write its header) if no patch has that NAME.
#   ./patches.bash security ID  after editing upstream files inside goroot/ for one
#                               security advisory: write what differs from base +
#                               patches into patches/security/ID.patch (write its
#                               header) and add it to the end of the series.
#   ./patches.bash check        fail if patches/ or the overlay disagree with goroot/.
set -eu
TOP=$(cd "$(dirname "$0")" && pwd)
. "$TOP/scripts/env.sh"
[ -d "$GOROOT_DIR" ] || die "no $GOROOT_DIR: run ./make.bash first"
base=$("$TOP/scripts/fetch-base")
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
"$TOP/scripts/diff-patches" "$base" "$GOROOT_DIR" "$tmp"
cd "$TOP"

overlay_drift() { # overlay files whose goroot copy differs (or, with "missing", is absent)
	find $OVERLAY_DIRS -type f 2>/dev/null | LC_ALL=C sort | while read -r f; do
		if [ -f "$GOROOT_DIR/$f" ]; then
			cmp -s "$f" "$GOROOT_DIR/$f" || echo "$f"
		elif [ "${1:-}" = missing ]; then
			echo "$f (not in goroot/: run ./make.bash)"
		fi
	done
}

diff_unclaimed() {
	while read -r f; do
		LC_ALL=C diff -u --label "a/$f" --label "b/$f" "$base/$f" "$GOROOT_DIR/$f" || [ $? = 1 ]
	done <"$tmp/unclaimed.txt"
}

diff_security_drift() { # files the security series touches, edited since
	while read -r f; do
		LC_ALL=C diff -u --label "a/$f" --label "b/$f" "$tmp/security-tree/$f" "$GOROOT_DIR/$f" || [ $? = 1 ]
	done <"$tmp/security-drift.txt"
}

case ${1:-save} in
check)
	bad=0
	for p in "$tmp"/*.patch; do
		[ -e "$p" ] || break
		cmp -s "$p" "patches/$(basename "$p")" || { echo "patches/$(basename "$p") disagrees with goroot/"; bad=1; }
	done
	[ -s "$tmp/unclaimed.txt" ] && { echo "upstream files edited in goroot/ but in no patch:"; sed 's/^/  /' "$tmp/unclaimed.txt"; bad=1; }
	[ -s "$tmp/security-drift.txt" ] && { echo "files that differ in goroot/ from base + patches/security/series:"; sed 's/^/  /' "$tmp/security-drift.txt"; bad=1; }
	drift=$(overlay_drift missing)
	[ -n "$drift" ] && { echo "overlay files that differ in goroot/:"; echo "$drift" | sed 's/^/  /'; bad=1; }
	[ $bad = 0 ] && echo "patches.bash: patches/ and the overlay match goroot/"
	exit $bad
	;;
security)
	id=${2:-}
	case $id in GO-20[0-9][0-9]-[0-9]* | CVE-20[0-9][0-9]-[0-9]*) ;; *) die "usage: ./patches.bash security GO-YYYY-NNNN (or CVE-YYYY-NNNN)" ;; esac
	new=patches/security/$id.patch
	[ ! -e "$new" ] || die "$new exists: a security patch is written once, for one advisory"
	[ -s "$tmp/unclaimed.txt" ] || [ -s "$tmp/security-drift.txt" ] || die "no upstream file in goroot/ differs from base + patches"
	mkdir -p patches/security
	{
		echo "$id: PACKAGE: WHAT THE FIX DOES (one line)"
		echo
		echo "CVE: "
		echo "Upstream: golang/go#NNNNN, CL NNNNNN; fixed in go1.X.Y"
		echo "Packages: "
		echo "GODEBUG: none"
		echo "Test: PACKAGE TestName (src/PACKAGE/backport_test.go)"
		echo "Backport: what had to change for Go 1.22"
		echo
		{ diff_unclaimed; diff_security_drift; }
	} >"$new"
	echo "$id.patch" >>patches/security/series
	echo "patch: $new, added to patches/security/series (write its header and its ledger row)"
	;;
save)
	[ -s "$tmp/security-drift.txt" ] && die "files of the security patches were edited in goroot/: ./patches.bash security ID makes a new patch of them
$(sed 's/^/  /' "$tmp/security-drift.txt")"
	for f in $(overlay_drift); do # only what was edited in goroot/ after the repository's copy
		if [ "$GOROOT_DIR/$f" -nt "$f" ]; then cp "$GOROOT_DIR/$f" "$f" && echo "overlay: $f"; fi
	done
	for p in "$tmp"/*.patch; do
		[ -e "$p" ] || break
		cmp -s "$p" "patches/$(basename "$p")" || { cp "$p" patches/ && echo "patch: patches/$(basename "$p")"; }
	done
	[ -s "$tmp/unclaimed.txt" ] || exit 0
	[ -n "${2:-}" ] || die "upstream files edited but in no patch; name a new one: ./patches.bash save NAME
$(sed 's/^/  /' "$tmp/unclaimed.txt")"
	old=$(ls patches/[0-9]*-"$2".patch 2>/dev/null || :)
	if [ -n "$old" ]; then # add the files to that patch, then re-sort its diffs
		diff_unclaimed >>"$old"
		"$TOP/scripts/diff-patches" "$base" "$GOROOT_DIR" "$tmp/again"
		cp "$tmp/again/$(basename "$old")" "$old"
		echo "patch: $old"
		exit 0
	fi
	n=$(ls patches/*.patch 2>/dev/null | wc -l)
	new=patches/$(printf '%04d' $((n + 1)))-$2.patch
	{
		echo "$2: WHAT THIS PATCH DOES (one line)"
		echo
		echo "WHY: the hook, and where the logic lives in the overlay."
		echo
		diff_unclaimed
	} >"$new"
	echo "patch: $new (write its header)"
	;;
*) die "usage: ./patches.bash save [NAME] | security ID | check" ;;
esac
