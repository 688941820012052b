#!/bin/bash
# bench.sh -- how much the plugin costs a compilation (`make bench').
#
#   bench/bench.sh BUILDDIR [N]
#
# BUILDDIR is a configured and built tree (plugin/.libs/safeasm.so,
# analyzer/.libs/libsafeasm.a).  bench/gen.py writes, into
# BUILDDIR/bench-out:
#   asm.c    N (default 20000) functions with one asm statement each,
#            the analyzer test cases that $CC compiles (accepted and
#            rejected ones)
#   plain.c  N functions without asm
# Each file is compiled RUNS (default 5) times with and without the
# plugin, alternately ($CC $BENCH_CFLAGS -S: cc1 only, as some of the
# rejected statements do not assemble); the median CPU times, the median of
# the ratios plugin/plain of each pair of runs, and the median peak RSS
# of the compiler (/usr/bin/time, the largest process: cc1) with and
# without are printed; for asm.c also with one #warning in the file both ways
# (GCC keeps the source text once it shows any diagnostic) and with the
# plugin loaded but disabled.  Where valgrind is installed, smaller
# files of the same kinds are compiled once each way under callgrind,
# whose instruction counts do not vary from run to run.  Then
# bench/real.py times real asm-heavy sources (the translation units with
# the most asm of the Debian packages `make check-packages' built, with
# their own compile commands; BENCH_REAL_FILES per package, default 8;
# with bench/exitmem.so preloaded, also how much of cc1's resident set
# at its end is anonymous memory and how much is pages of files),
# and bench/throughput measures sa_analyze alone on the generated
# statements.
#
# Environment: CC (default gcc), RUNS (5), BENCH_CFLAGS (-O2
# -march=x86-64-v3), SAFEASM_BENCH_ARGS (plugin arguments, default
# none: the plugin's default mode), BENCH_CALLGRIND (0: no instruction
# counts), BENCH_CALLGRIND_N (500: functions of the files counted),
# BENCH_REAL_FILES (8).
set -eu

if [ $# -lt 1 ]; then
    echo "usage: bench/bench.sh BUILDDIR [N]" >&2
    exit 2
fi
srcdir=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
n=${2:-20000}
cc=${CC:-gcc}
runs=${RUNS:-5}
cflags=${BENCH_CFLAGS:--O2 -march=x86-64-v3}
plugin=$build/plugin/.libs/safeasm.so
out=$build/bench-out
python=${PYTHON3:-python3}

say () { printf 'bench: %s\n' "$*"; }

for f in "$plugin" "$build/analyzer/.libs/libsafeasm.a" "$build/x86db/.libs/libx86db.a"; do
    if [ ! -f "$f" ]; then
        say "$f is missing: build $build first (make)" >&2
        exit 1
    fi
done

mkdir -p "$out"
"$python" "$srcdir/bench/gen.py" "$out" "$n" "$cc" "$srcdir"/testsuite/analyzer/*.tbl

# run_once COMMAND...: "SECONDS KB": the CPU time (user + system) of
# COMMAND and the processes it waited for (cc1), which on a shared
# machine varies less than the elapsed time, and the peak RSS of the
# largest of them.
run_once () {
    /usr/bin/time -f '%U %S %M' -o "$out/cpu" "$@" > /dev/null 2>&1 || true
    awk 'END { printf "%.3f %s\n", $1 + $2, $3 }' "$out/cpu"
}

median () {
    sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# peak_rss COMMAND...: the peak RSS of COMMAND's largest process, in kB.
peak_rss () {
    run_once "$@" | awk '{ print $2 }'
}

# instructions COMMAND...: the instructions of COMMAND's compiler
# processes (gcc -wrapper valgrind, ...), summed from callgrind's lines.
instructions () {
    "$@" 2>&1 | sed -n 's/^==[0-9]*== Collected : //p' | awk '{ n += $1 } END { print n + 0 }'
}

# percent A B: A against B, as "+1.23%".
percent () {
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.2f%%", b ? 100 * (a - b) / b : 0 }'
}

plugin_args=(-fplugin="$plugin")
for arg in ${SAFEASM_BENCH_ARGS:-}; do
    plugin_args+=(-fplugin-arg-safeasm-"$arg")
done

# shellcheck disable=SC2086,SC2206 # $cflags is a list of flags
for file in asm plain; do
    for f in with without rss.with rss.without ratio; do
        : > "$out/$file.$f"
    done
    plain_cmd=("$cc" $cflags -S "$out/$file.c" -o "$out/$file.s")
    plugin_cmd=("${plain_cmd[@]}" "${plugin_args[@]}")
    # The plugin may reject (and stop the compilation on) some statements
    # in some modes; what matters is the work done, not the output.
    # Each run gives the CPU time and the peak RSS.
    for _ in $(seq "$runs"); do
        read -r a ma < <(run_once "${plain_cmd[@]}")
        read -r b mb < <(run_once "${plugin_cmd[@]}")
        echo "$a" >> "$out/$file.without"
        echo "$b" >> "$out/$file.with"
        echo "$ma" >> "$out/$file.rss.without"
        echo "$mb" >> "$out/$file.rss.with"
        awk -v a="$a" -v b="$b" 'BEGIN { printf "%.6f\n", b / a }' >> "$out/$file.ratio"
    done
    without=$(median < "$out/$file.without")
    with=$(median < "$out/$file.with")
    rss_plain=$(median < "$out/$file.rss.without")
    rss_with=$(median < "$out/$file.rss.with")
    printf 'bench: %-5s (%s functions): plain %.2f s, plugin %.2f s CPU (median of %s), ratio plugin/plain %.3f (median of the pairs; %.3f to %.3f); peak RSS %s kB plain, %s kB plugin (%s)\n' \
        "$file.c" "$n" "$without" "$with" "$runs" "$(median < "$out/$file.ratio")" \
        "$(sort -g "$out/$file.ratio" | head -n 1)" "$(sort -g "$out/$file.ratio" | tail -n 1)" \
        "$rss_plain" "$rss_with" "$(percent "$rss_with" "$rss_plain")"
    if [ "$file" = asm ]; then
        # The first diagnostic with a caret makes GCC read the whole
        # source file and keep it (5 MB here), whoever emits it: the
        # plugin's warnings do, and so does any ordinary warning.  The
        # same file with one #warning at its end, compiled both ways,
        # shows what is the plugin's own.
        { cat "$out/asm.c"; echo '#warning "one ordinary warning"'; } > "$out/asm-warning.c"
        warn_plain=("$cc" $cflags -S "$out/asm-warning.c" -o "$out/asm-warning.s")
        rss_without=$(peak_rss "${warn_plain[@]}")
        rss_with=$(peak_rss "${warn_plain[@]}" "${plugin_cmd[@]:${#plain_cmd[@]}}")
        printf 'bench: asm.c with one #warning in both compilations (the source file kept for diagnostics either way): peak RSS %s kB plain, %s kB plugin (%s)\n' \
            "$rss_without" "$rss_with" "$(percent "$rss_with" "$rss_without")"
        rss_with=$(peak_rss "${plain_cmd[@]}" -fplugin="$plugin" -fplugin-arg-safeasm-disable)
        printf 'bench: asm.c, plugin loaded with disable (the cost of loading it): peak RSS %s kB (%s)\n' \
            "$rss_with" "$(percent "$rss_with" "$rss_plain")"
    fi
done

# Instructions, counted by callgrind: the same on every run, where the
# times above vary by several per cent on a shared machine.  Smaller
# files (BENCH_CALLGRIND_N functions), as callgrind runs some fifty
# times slower.
# shellcheck disable=SC2086,SC2206 # $cflags is a list of flags
if [ "${BENCH_CALLGRIND:-1}" != 0 ] && command -v valgrind > /dev/null 2>&1; then
    cg_n=${BENCH_CALLGRIND_N:-500}
    mkdir -p "$out/cg"
    "$python" "$srcdir/bench/gen.py" "$out/cg" "$cg_n" "$cc" "$srcdir"/testsuite/analyzer/*.tbl > /dev/null
    for file in asm plain; do
        cmd=("$cc" $cflags -S "$out/cg/$file.c" -o "$out/cg/$file.s"
             -wrapper valgrind,--tool=callgrind,--callgrind-out-file=/dev/null)
        a=$(instructions "${cmd[@]}")
        b=$(instructions "${cmd[@]}" "${plugin_args[@]}")
        printf 'bench: %-5s (%s functions) instructions (callgrind): plain %s, plugin %s, ratio %.4f\n' \
            "$file.c" "$cg_n" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { print b / a }')"
    done
fi

# Real asm-heavy code: the translation units with the most asm statements
# of the packages `make check-packages' built, compiled again as their
# build logs say (skipped when it has not run); with exitmem.so
# preloaded, how much of cc1's resident set is anonymous memory and how
# much is pages of files.
"$cc" -O2 -Wall -Wextra -shared -fPIC "$srcdir/bench/exitmem.c" -o "$out/exitmem.so"
BENCH_EXITMEM=$out/exitmem.so "$python" "$srcdir/bench/real.py" "$build/check-packages" "$plugin" \
    "${BENCH_REAL_FILES:-8}" "$runs"

"$cc" -std=c11 -O2 -Wall -Wextra -I"$srcdir/analyzer" -I"$build" \
    "$srcdir/bench/throughput.c" "$build/analyzer/.libs/libsafeasm.a" \
    "$build/x86db/.libs/libx86db.a" -o "$out/throughput"
"$out/throughput" "$out/stmts.bin" 3 | sed 's/^/bench: /'
