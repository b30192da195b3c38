# Sourced after env.sh by setup-wine and wine-run: the wine environment for
# the fork's windows/amd64 test binaries. POSIX sh.
export WINEPREFIX="${FORK_WINEPREFIX:-$CACHE/wine}"
export WINEARCH=win64
export WINEDEBUG=-all          # wine's own diagnostics would mix into stderr
export WINEDLLOVERRIDES="mscoree,mshtml=" # never offer to install mono or gecko
