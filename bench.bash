#!/usr/bin/env bash
# Benchmark the crash path: build the same programs (misc/crashout/bench/)
# with the fork (goroot/), the unpatched base (scripts/build-base-toolchain)
# and an upstream Go that has SetCrashOutput (/usr/local/go, if present),
# run them, and print two Markdown tables on standard output:
#
#  1. a panic with N goroutines blocked 11 frames deep, GOTRACEBACK=all,
#     without and with a crash file: wall time, write system calls, bytes
#     on stderr and in the crash file, with the ratios fork/base and
#     fork/upstream;
#  2. a println-heavy program (wall time, write calls, bytes) and the size
#     of a hello-world binary, fork against base.
#
# Usage: ./bench.bash [-runs N] [-big-runs N] [-sizes 1000,10000,100000]
#                     [-lines N] [-upstream GOROOT|none] [-strace-max N]
#
# Wall time is the median of -runs runs (5), taken round-robin across the
# toolchains; sizes of 100000 goroutines and more get -big-runs runs (1),
# since one such run takes up to 10 s and writes 80 MB. Write calls are
# counted with strace -f -c (-e trace=write,writev) for sizes up to
# -strace-max (1000); above that strace costs minutes per program, so they
# are counted with perf stat's syscall tracepoints, which must agree with
# strace where both ran on the base's and upstream's programs. (The fork's
# count depends on speed, as a complete line waits at most 1 ms: strace,
# which slows the program down, sees a few more writes than perf.) Without
# a working perf those cells say n/a.
# Progress goes to standard error. A full run took about 1.5 minutes on
# 2 cores (plus 3 to 7 minutes once to build the base toolchain); each
# extra -big-runs adds about half a minute.
set -eu
TOP=$(cd "$(dirname "$0")" && pwd)
. "$TOP/scripts/env.sh"

runs=5 big_runs=1 big=100000 sizes=1000,10000,100000 lines=200000
upstream=/usr/local/go strace_max=1000
usage() { sed -n '/^# Usage:/,/^#$/ s/^# \{0,1\}//p' "$0"; }
while [ $# -gt 0 ]; do
	case $1 in
	-runs | -big-runs | -sizes | -lines | -upstream | -strace-max)
		[ $# -ge 2 ] || { usage >&2; exit 2; }
		case $1 in
		-runs) runs=$2 ;; -big-runs) big_runs=$2 ;; -sizes) sizes=$2 ;;
		-lines) lines=$2 ;; -upstream) upstream=$2 ;; -strace-max) strace_max=$2 ;;
		esac
		shift 2 ;;
	-h | -help | --help) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
for v in "$runs" "$big_runs" "$lines" "$strace_max" ${sizes//,/ }; do
	[[ $v =~ ^[1-9][0-9]*$ ]] || die "not a positive number: $v"
done
IFS=, read -ra sizes <<<"$sizes"

[ -x "$GOROOT_DIR/bin/go" ] || die "no fork toolchain at $GOROOT_DIR: run ./make.bash first"
command -v strace >/dev/null || die "strace not found: install it (apt-get install strace)"
strace -f -c -o /dev/null true 2>/dev/null || die "strace cannot trace here (is ptrace allowed?)"

start=$(date +%s) load0=$(cut -d' ' -f1 /proc/loadavg)
note() { echo "bench: [$(($(date +%s) - start)) s] $*" >&2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/crashout-bench.XXXXXX")
trap 'if [ $? = 0 ]; then rm -rf "$work"; else echo "bench: kept $work" >&2; fi' EXIT

# Toolchains: name, GOROOT, build tags for the crash program.
declare -A root tags ver
tcs=(fork base)
root[fork]=$GOROOT_DIR tags[fork]=crashout
root[base]=$("$TOP/scripts/build-base-toolchain")
tags[base]=
upnote=""
if [ "$upstream" != none ] && [ -x "$upstream/bin/go" ]; then
	v=$(GOTOOLCHAIN=local "$upstream/bin/go" env GOVERSION)
	minor=$(echo "$v" | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
	if [ -n "$minor" ] && [ "$minor" -ge 23 ]; then
		tcs+=(upstream) root[upstream]=$upstream tags[upstream]=crashout
	else
		upnote="No upstream columns: $upstream is $v, which has no runtime/debug.SetCrashOutput (Go 1.23 and later)."
	fi
else
	upnote="No upstream columns: no upstream Go at $upstream (-upstream GOROOT)."
	[ "$upstream" != none ] || upnote="No upstream columns (-upstream none)."
fi

# Build every program with every toolchain, from a copy of
# misc/crashout/bench in a module of its own ("go 1.22").
mkdir -p "$work/mod" "$work/bin"
cp -R "$TOP/misc/crashout/bench/." "$work/mod/"
printf 'module crashoutbench\n\ngo 1.22\n' >"$work/mod/go.mod"
gobuild() { # toolchain, output, package, tags
	(cd "$work/mod" && env -u GOROOT -u GOPATH -u GOBIN GOTOOLCHAIN=local GOFLAGS= GOWORK=off GO111MODULE=on CGO_ENABLED=0 \
		"${root[$1]}/bin/go" build -trimpath -tags "$4" -o "$2" "$3") || die "building $3 with ${root[$1]} failed"
}
for tc in "${tcs[@]}"; do
	ver[$tc]=$(GOTOOLCHAIN=local "${root[$tc]}/bin/go" env GOVERSION)
	note "building with $tc (${ver[$tc]})"
	gobuild "$tc" "$work/bin/crash-$tc" ./crash "${tags[$tc]}"
	gobuild "$tc" "$work/bin/println-$tc" ./println ""
	gobuild "$tc" "$work/bin/hello-$tc" ./hello ""
done
gobuild fork "$work/bin/timer" ./timer ""

# perf counts syscalls in the kernel, at no cost to the program; strace
# stops it at every write.
perf_ok=
if command -v perf >/dev/null &&
	perf stat -x, -o "$work/perf.chk" -e syscalls:sys_enter_write,syscalls:sys_enter_writev true 2>/dev/null &&
	grep -q '^[0-9]*,.*sys_enter_write,' "$work/perf.chk"; then
	perf_ok=1
fi

# The helpers below take the program's environment settings (VAR=value...)
# and then the program. wrap VAR=value... program -- tool...: runs the tool
# on the program with those settings and only those for the runtime.
wrap() {
	local i=$# vars=()
	while [ "${!i}" != -- ]; do i=$((i - 1)); done
	local prog=${*:i-1:1}
	vars=("${@:1:i-2}")
	shift "$i"
	env -u GOCRASHOUTPUT -u GODEBUG -u GOMAXPROCS -u GOGC -u GOMEMLIMIT "${vars[@]}" "$@" "$prog" </dev/null
}
count_strace() { # prints the write+writev calls
	wrap "$@" -- strace -f -c -e trace=write,writev -o "$work/strace.out" >/dev/null 2>"$work/count.err" || :
	awk '$NF == "total" { print $4 }' "$work/strace.out"
}
count_perf() {
	wrap "$@" -- perf stat -x, -o "$work/perf.out" -e syscalls:sys_enter_write,syscalls:sys_enter_writev >/dev/null 2>"$work/count.err" || :
	awk -F, '$3 ~ /^syscalls:sys_enter_write/ { if ($1 !~ /^[0-9]+$/) bad = 1; n += $1 } END { if (!bad) print n }' "$work/perf.out"
}
# count_writes: by strace up to strace_max (checked against perf when it
# works, except for the fork's crash program, whose count depends on its
# speed), else by perf, else n/a. $1: the size, then env settings and
# program.
count_writes() {
	local size=$1 s p
	shift
	if [ "$size" -le "$strace_max" ]; then
		s=$(count_strace "$@")
		[ -n "$s" ] || die "strace gave no count for $*"
		if [ -n "$perf_ok" ] && [[ ${*: -1} != */crash-fork ]]; then
			p=$(count_perf "$@")
			[ "$p" = "$s" ] || die "perf counts $p write calls, strace $s, for $*: perf cannot stand in for strace here"
		fi
		echo "$s"
	elif [ -n "$perf_ok" ]; then
		p=$(count_perf "$@")
		[ -n "$p" ] || die "perf gave no count for $*"
		echo "$p"
	else
		echo n/a
	fi
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
timeit() { # exit status, stderr file, VAR=value... program; prints the wall ms of one run
	local want=$1 err=$2
	shift 2
	wrap "$@" -- "$work/bin/timer" -n 1 -exit "$want" -stderr "$err" | cut -d' ' -f1
}

# Table 1: the crash.
declare -A wall writes errb fileb
crash_runs() { [ "$1" -ge "$big" ] && echo $((big_runs < runs ? big_runs : runs)) || echo "$runs"; }
for n in "${sizes[@]}"; do
	r=$(crash_runs "$n")
	for file in no yes; do
		list=()
		for tc in "${tcs[@]}"; do
			[ "$file" = yes ] && [ -z "${tags[$tc]}" ] && continue # no SetCrashOutput
			list+=("$tc")
		done
		declare -A ms=()
		for ((i = 1; i <= r; i++)); do
			k=$(((i - 1) % ${#list[@]})) # each run starts with another toolchain
			for tc in "${list[@]:k}" "${list[@]:0:k}"; do
				set -- BENCH_GOROUTINES="$n" GOTRACEBACK=all
				[ "$file" = yes ] && set -- "$@" BENCH_CRASHFILE="$work/crashfile-$tc"
				rm -f "$work/crashfile-$tc"
				t=$(timeit 2 "$work/stderr-$tc" "$@" "$work/bin/crash-$tc")
				ms[$tc]="${ms[$tc]:-} $t"
				note "$n goroutines, crash file $file, $tc, run $i/$r: $t ms"
			done
		done
		for tc in "${list[@]}"; do
			k=$tc,$n,$file
			# shellcheck disable=SC2086
			wall[$k]=$(median ${ms[$tc]})
			errb[$k]=$(stat -c %s "$work/stderr-$tc")
			got=$(grep -c '^goroutine ' "$work/stderr-$tc" || :)
			[ "$got" -gt "$n" ] || die "$tc: the dump of $n goroutines shows only $got goroutines (see $work/stderr-$tc)"
			set -- BENCH_GOROUTINES="$n" GOTRACEBACK=all
			if [ "$file" = yes ]; then
				fileb[$k]=$(stat -c %s "$work/crashfile-$tc")
				[ "${fileb[$k]}" -gt 0 ] || die "$tc: the crash file is empty"
				set -- "$@" BENCH_CRASHFILE="$work/crashfile-$tc"
			fi
			writes[$k]=$(count_writes "$n" "$@" "$work/bin/crash-$tc")
			note "$n goroutines, crash file $file, $tc: ${writes[$k]} write calls"
		done
		unset ms
	done
done

# Table 2: println and hello world.
declare -A pl
for ((i = 1; i <= runs; i++)); do
	order="fork base"
	[ $((i % 2)) = 1 ] || order="base fork"
	for tc in $order; do
		t=$(timeit 0 "$work/stderr-$tc" BENCH_LINES="$lines" "$work/bin/println-$tc")
		pl[$tc]="${pl[$tc]:-} $t"
		note "println x$lines, $tc, run $i/$runs: $t ms"
	done
done
for tc in fork base; do
	# shellcheck disable=SC2086
	wall[$tc,println]=$(median ${pl[$tc]})
	errb[$tc,println]=$(stat -c %s "$work/stderr-$tc")
	if [ -n "$perf_ok" ]; then
		writes[$tc,println]=$(count_perf BENCH_LINES="$lines" "$work/bin/println-$tc")
	else
		writes[$tc,println]=$(count_strace BENCH_LINES="$lines" "$work/bin/println-$tc")
	fi
	[ -n "${writes[$tc,println]}" ] || die "no write count for println ($tc)"
	fileb[$tc,hello]=$(stat -c %s "$work/bin/hello-$tc")
done

# Output.
ratio() { # a b
	case $1$2 in *[!0-9.]* | "") echo "—"; return ;; esac
	# three decimals; small ratios (a batched crash path) keep three digits
	awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "—"; else if (a / b >= 0.1) printf "%.3f\n", a / b; else printf "%.3g\n", a / b }'
}
cell() { [ -n "${1:-}" ] && echo "$1" || echo "—"; }
up=; [ "${root[upstream]:-}" ] && up=1
runs_text="median of $runs runs"
[ "$runs" = 1 ] && runs_text="1 run"
big_text=
for n in "${sizes[@]}"; do
	r=$(crash_runs "$n")
	if [ "$n" -ge "$big" ] && [ "$r" != "$runs" ]; then
		big_text=" ($([ "$r" = 1 ] && echo "1 run" || echo "median of $r runs") for $big goroutines and more, which take seconds each with the base and upstream; -big-runs N for more)"
	fi
done
if [ -n "$perf_ok" ]; then
	count_text="strace -f -c -e trace=write,writev up to $strace_max goroutines; above that, and for println, perf stat's syscalls:sys_enter_write{,v} tracepoints, which count the same calls in the kernel without stopping the program (checked: both agree on the base's and upstream's programs wherever strace ran; strace stops the program at every write, 20 to 100 µs each here, which gives the fork, whose count depends on speed, a few more writes than perf sees)"
else
	count_text="strace -f -c -e trace=write,writev up to $strace_max goroutines, and for the println program; n/a above that (perf is not usable here; -strace-max N counts them with strace, which stops the program at every write, 20 to 100 µs each here)"
fi

echo "## Crash with N goroutines blocked 11 frames deep (GOTRACEBACK=all, panic)"
echo
echo "$(uname -s | tr A-Z a-z)/$(uname -m), $(nproc) CPUs, load average at start $load0. fork: ${ver[fork]} ($GOROOT_DIR); base: ${ver[base]}, unpatched (${root[base]})$([ "$up" ] && echo "; upstream: ${ver[upstream]} (${root[upstream]})"). Wall time: $runs_text$big_text, runs taken in turn across the toolchains. Write calls: $count_text. The base has no SetCrashOutput: no crash-file rows for it.${upnote:+ $upnote}"
echo
uph=; [ "$up" ] && uph=" ${ver[upstream]} | fork/base | fork/upstream |" || uph=" fork/base |"
echo "| goroutines | crash file | measure | fork | base |$uph"
echo "|---:|---|---|---:|---:|$([ "$up" ] && echo "---:|---:|---:|" || echo "---:|")"
row() { # n file label array
	local n=$1 file=$2 label=$3 f b u
	local -n a=$4
	f=$(cell "${a[fork,$n,$file]:-}") b=$(cell "${a[base,$n,$file]:-}") u=$(cell "${a[upstream,$n,$file]:-}")
	if [ "$up" ]; then
		echo "| $n | $file | $label | $f | $b | $u | $(ratio "$f" "$b") | $(ratio "$f" "$u") |"
	else
		echo "| $n | $file | $label | $f | $b | $(ratio "$f" "$b") |"
	fi
}
for n in "${sizes[@]}"; do
	for file in no yes; do
		row "$n" "$file" "wall ms" wall
		row "$n" "$file" "write calls" writes
		row "$n" "$file" "stderr bytes" errb
		[ "$file" = yes ] && row "$n" "$file" "crash file bytes" fileb
	done
done
echo
echo "## println and binary size, fork against base"
echo
echo "println: $lines println calls of 3 arguments, standard error to a file, wall time $runs_text. hello: fmt.Println, CGO_ENABLED=0, -trimpath."
echo
echo "| program | measure | fork | base | fork/base |"
echo "|---|---|---:|---:|---:|"
for m in "wall ms:wall" "write calls:writes" "stderr bytes:errb"; do
	declare -n a=${m#*:}
	echo "| println x$lines | ${m%%:*} | ${a[fork,println]} | ${a[base,println]} | $(ratio "${a[fork,println]}" "${a[base,println]}") |"
	unset -n a
done
echo "| hello world | binary bytes | ${fileb[fork,hello]} | ${fileb[base,hello]} | $(ratio "${fileb[fork,hello]}" "${fileb[base,hello]}") |"
note "done in $(($(date +%s) - start)) s"
