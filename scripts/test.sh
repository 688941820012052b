#!/bin/bash
# test.sh -- build safeasm and run its testsuite the way CI does.
#
#   1. scripts/deps.sh (install what is missing; Debian 12)
#   2. autoreconf -fi when there is no configure (or configure.ac is newer)
#   3. three out-of-tree builds, each followed by `make -k check':
#        build/gcc12   the default compilers (cc/c++, GCC 12 on Debian 12)
#        build/gcc11   CC=gcc-11 CXX=g++-11
#        build/asan    --enable-sanitizers (ASan and UBSan in x86db, the
#                      analyzer and safeasm-check); its check is only
#                      `make check DEJATOOL=analyzer' (the plugin is
#                      not sanitized), and it runs the libFuzzer harness
#                      for SAFEASM_FUZZ_SECONDS (`make fuzz', clang)
#   4. `make distcheck' once, in build/gcc12 (when the gcc12 tests all
#      pass; otherwise the packaging is still checked, without re-running
#      the tests inside the distribution)
#   5. sums the DejaGnu results of all builds (testsuite/*.sum): PASS
#      and XFAIL count as passed; FAIL, XPASS, UNRESOLVED, UNTESTED and
#      ERROR as failed; a failed build step counts as one failure.
#
# The last line printed is exactly "N passed, N failed".  The exit status
# is 0 only when nothing failed and every build step succeeded.
#
# Environment:
#   SAFEASM_BUILD_ROOT  where the builds go (default: <source>/build)
#   JOBS                parallel make jobs (default: nproc)
#   SAFEASM_DISTCHECK   0 to skip step 4
#   SAFEASM_BUILDS      builds to run, default "gcc12 gcc11 asan"
#   SAFEASM_FUZZ_SECONDS  seconds of fuzzing in build/asan (default 60;
#                       0 skips it); a crash or an unavailable fuzzer is
#                       a failed step
set -u

srcdir=$(cd "$(dirname "$0")/.." && pwd)
build_root=${SAFEASM_BUILD_ROOT:-$srcdir/build}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
builds=${SAFEASM_BUILDS:-gcc12 gcc11 asan}
fuzz_seconds=${SAFEASM_FUZZ_SECONDS:-60}
distcheck=${SAFEASM_DISTCHECK:-1}

step_failures=0
failed_steps=()

say () { printf 'test.sh: %s\n' "$*"; }

# step DESCRIPTION LOG COMMAND...: run COMMAND with its output in LOG;
# on failure show the end of LOG and count a failed step.
step () {
    local what=$1 log=$2
    shift 2
    say "$what (log: $log)"
    if "$@" > "$log" 2>&1; then
	return 0
    fi
    say "FAILED: $what; the end of $log:"
    tail -n 40 "$log" | sed 's/^/    /'
    step_failures=$((step_failures + 1))
    failed_steps+=("$what")
    return 1
}

mkdir -p "$build_root"

step "dependencies" "$build_root/deps.log" "$srcdir/scripts/deps.sh"

if [ ! -x "$srcdir/configure" ] || [ "$srcdir/configure.ac" -nt "$srcdir/configure" ]; then
    step "autoreconf -fi" "$build_root/autoreconf.log" \
	sh -c 'cd "$1" && autoreconf -fi' sh "$srcdir"
fi

# configure_and_make NAME [VAR=VALUE...]: a fresh build in build/NAME.
configure_and_make () {
    local name=$1 dir=$build_root/$1
    shift
    rm -rf "$dir"
    mkdir -p "$dir"
    step "$name: configure $*" "$dir/configure.log" \
	sh -c 'cd "$1" && shift && "$@"' sh "$dir" "$srcdir/configure" "$@" || return 1
    step "$name: make" "$dir/make.log" make -C "$dir" -j"$jobs" || return 1
}

# run_check NAME [TOOL...]: make -k check in build/NAME, of the DejaGnu
# TOOLs only when given (DEJATOOL=).  The DejaGnu results are the .sum
# files (a failing test makes `make check' fail: that is counted from the
# .sum files, not as a failed step), and each must be there.  When `make
# check' fails although no DejaGnu test did, another check failed (e.g.
# doc/'s): that is a failed step.
run_check () {
    local name=$1 dir=$build_root/$1 status=0
    shift
    local tools=(safeasm analyzer) args=()
    if [ $# -gt 0 ]; then
	tools=("$@")
	args=(DEJATOOL="$*")
    fi
    say "$name: make -k check ${args[*]} (log: $dir/check.log)"
    make -k -C "$dir" check "${args[@]}" > "$dir/check.log" 2>&1 || status=$?
    local sum missing=0
    for sum in "${tools[@]}"; do
	if [ ! -s "$dir/testsuite/$sum.sum" ]; then
	    say "FAILED: $name: no testsuite/$sum.sum; the end of $dir/check.log:"
	    tail -n 40 "$dir/check.log" | sed 's/^/    /'
	    step_failures=$((step_failures + 1))
	    failed_steps+=("$name: make check ($sum.sum missing)")
	    missing=1
	fi
    done
    if [ $status -ne 0 ] && [ $missing -eq 0 ]; then
	local sums
	mapfile -t sums < <(sums_of "$name")
	if [ "$(count "$FAILED_KINDS" "${sums[@]}")" -eq 0 ]; then
	    say "FAILED: $name: make check failed outside the DejaGnu tests; see $dir/check.log:"
	    grep -E '(^make.*Error|FAIL|[Ff]ailed|: error)' "$dir/check.log" | head -n 20 | sed 's/^/    /'
	    step_failures=$((step_failures + 1))
	    failed_steps+=("$name: make check (checks other than DejaGnu)")
	fi
    fi
}

# count KIND SUMFILES...: number of result lines of KIND (a regexp).
count () {
    local kind=$1
    shift
    [ $# -gt 0 ] || { echo 0; return; }
    cat "$@" 2>/dev/null | grep -Ec "^($kind): " || true
}

sums_of () {
    local f
    for f in "$build_root/$1"/testsuite/*.sum; do
	[ -f "$f" ] && printf '%s\n' "$f"
    done
}

FAILED_KINDS='FAIL|XPASS|UNRESOLVED|UNTESTED|ERROR'
PASSED_KINDS='PASS|XFAIL|KFAIL'

# run_fuzz NAME: `make fuzz' in build/NAME/analyzer for $fuzz_seconds
# seconds; prints the number of executions.
run_fuzz () {
    local dir=$build_root/$1/analyzer
    if step "$1: make fuzz FUZZ_SECONDS=$fuzz_seconds" "$dir/fuzz.log" \
	make -C "$dir" fuzz FUZZ_SECONDS="$fuzz_seconds"; then
	say "$1: fuzzing, $fuzz_seconds s each, no crash: $(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/fuzz.log" | paste -sd' ' | awk '{ printf "%s executions of the analyzer, %s of the source scanner", $1, $2 }')"
    fi
}

for name in $builds; do
    case $name in
	gcc12) vars=() ;;
	gcc11) vars=(CC=gcc-11 CXX=g++-11) ;;
	asan) vars=(--enable-sanitizers) ;;
	*) say "unknown build $name (want gcc12, gcc11 or asan)"
	   step_failures=$((step_failures + 1)); failed_steps+=("unknown build $name"); continue ;;
    esac
    if configure_and_make "$name" "${vars[@]}"; then
	if [ "$name" = asan ]; then
	    run_check "$name" analyzer
	    if [ "$fuzz_seconds" != 0 ]; then
		run_fuzz "$name"
	    fi
	else
	    run_check "$name"
	fi
    fi
done

if [ "$distcheck" != 0 ] && [ -f "$build_root/gcc12/Makefile" ] && [ -f "$build_root/gcc12/testsuite/safeasm.sum" ]; then
    dc_vars=()
    # distcheck builds the DVI manual, which needs TeX (not a dependency);
    # the Info manual checks the Texinfo source just as well.
    if ! command -v tex > /dev/null 2>&1; then
	dc_vars+=(AM_DISTCHECK_DVI_TARGET=info)
    fi
    mapfile -t gcc12_sums < <(sums_of gcc12)
    if [ "$(count "$FAILED_KINDS" "${gcc12_sums[@]}")" -eq 0 ]; then
	step "gcc12: make distcheck ${dc_vars[*]}" "$build_root/gcc12/distcheck.log" \
	    make -C "$build_root/gcc12" distcheck "${dc_vars[@]}"
    else
	say "gcc12 has failing tests: make distcheck checks the packaging only (DEJATOOL=)"
	step "gcc12: make distcheck DEJATOOL= ${dc_vars[*]} (packaging only)" "$build_root/gcc12/distcheck.log" \
	    make -C "$build_root/gcc12" distcheck DEJATOOL= "${dc_vars[@]}"
    fi
fi

# ---- summary ----
passed=0
failed=0
echo
say "results"
for name in $builds; do
    mapfile -t sums < <(sums_of "$name")
    for f in "${sums[@]}"; do
	p=$(count "$PASSED_KINDS" "$f")
	n=$(count "$FAILED_KINDS" "$f")
	printf '  %-7s %-12s %5d passed, %d failed\n' "$name" "$(basename "$f")" "$p" "$n"
	passed=$((passed + p))
	failed=$((failed + n))
	grep -E "^($FAILED_KINDS): " "$f" | sed "s|^|    $name: |"
    done
done
if [ "$step_failures" -gt 0 ]; then
    say "failed build steps (each counted as one failure):"
    for s in "${failed_steps[@]}"; do
	printf '    %s\n' "$s"
    done
    failed=$((failed + step_failures))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
