# Sourced by the fork's scripts: where things are. POSIX sh.
TOP=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
CACHE=${FORK_CACHE:-$TOP/.cache}
GOROOT_DIR=${FORK_GOROOT:-$TOP/goroot}
# Each checkout builds into its own Go build cache. A shared cache hands one
# checkout the cgo files another checkout's goroot produced (same sources, same
# action IDs), and vet then fails on paths that no longer exist once that
# checkout is gone ("vet: can't parse raw cgo file: open /tmp/...").
GOCACHE=${FORK_GOCACHE:-$CACHE/go-build}
export GOCACHE
BASE_VERSION=go1.22.12
# The pinned default base: Debian's golang-1.22-src from bookworm-backports.
DEB_PKG=golang-1.22-src
DEB_VERSION=1.22.12-3~bpo12+1
DEB_SUITE=bookworm-backports
DEB_SHA256=99f37c5e8252de17e52360d2d49796f61d545668545708b2cb6a0dc0705e1922
# The overlay mirrors these GOROOT folders at the repository root.
OVERLAY_DIRS="src api test misc"

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# bootstrap_goroot prints a Go >= 1.20 GOROOT to build with: $GOROOT_BOOTSTRAP,
# else the go on PATH, else a usual install location. Never the fork's own tree.
bootstrap_goroot() {
	if [ -n "${GOROOT_BOOTSTRAP:-}" ]; then
		go_at_least_120 "$GOROOT_BOOTSTRAP" || die "GOROOT_BOOTSTRAP=$GOROOT_BOOTSTRAP is not a Go >= 1.20"
		echo "$GOROOT_BOOTSTRAP"
		return
	fi
	for d in "$(go env GOROOT 2>/dev/null || :)" /usr/local/go /usr/lib/go "$HOME/go" "$HOME/sdk"/go1.*; do
		[ -n "$d" ] && [ "$d" != "$GOROOT_DIR" ] && go_at_least_120 "$d" && { echo "$d"; return; }
	done
	die "no Go >= 1.20 found to bootstrap with: install one or set GOROOT_BOOTSTRAP"
}

go_at_least_120() { # $1: a GOROOT
	[ -x "$1/bin/go" ] || return 1
	v=$(GOTOOLCHAIN=local "$1/bin/go" env GOVERSION 2>/dev/null) || return 1
	minor=$(echo "$v" | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
	[ -n "$minor" ] && [ "$minor" -ge 20 ]
}

# security_series prints the security patches in the order they apply:
# patches/security/series names them, one a line; # starts a comment.
security_series() {
	s=$TOP/patches/security/series
	[ -f "$s" ] || return 0
	sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' -e "s|^|$TOP/patches/security/|" "$s"
}
