#!/bin/bash
# demo.sh -- build safeasm and show what it does on examples/demo.c.
#
#   1. scripts/deps.sh (install what is missing; Debian 12)
#   2. autoreconf -fi (when there is no configure, or configure.ac is newer)
#   3. configure and make, out of tree in build/demo
#   4. compile examples/demo.c with the plugin: a warning for the bad asm
#   5. run the program: the good asm's result, then the trap
#
# Exits 0 when all of that happened as described, 1 otherwise.
# SAFEASM_BUILD_ROOT overrides the build directory's parent (default
# <source>/build); JOBS the number of make jobs.
set -u

srcdir=$(cd "$(dirname "$0")/.." && pwd)
build_root=${SAFEASM_BUILD_ROOT:-$srcdir/build}
builddir=$build_root/demo
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

say () { printf '%s\n' "$*"; }
die () { say "demo.sh: $*" >&2; exit 1; }
quiet () {			# quiet LOG COMMAND...: output to LOG, shown on failure
    local log=$1
    shift
    if ! "$@" > "$log" 2>&1; then
	tail -n 30 "$log" >&2
	die "failed: $* (log: $log)"
    fi
}

mkdir -p "$builddir"

say "== 1. dependencies"
"$srcdir/scripts/deps.sh" || die "could not install the dependencies"

say "== 2. autotools"
if [ ! -x "$srcdir/configure" ] || [ "$srcdir/configure.ac" -nt "$srcdir/configure" ]; then
    say "running autoreconf -fi in $srcdir"
    quiet "$builddir/autoreconf.log" sh -c 'cd "$1" && autoreconf -fi' sh "$srcdir"
else
    say "configure is up to date"
fi

say "== 3. configure and make in $builddir"
[ -f "$builddir/Makefile" ] ||
    quiet "$builddir/configure.log" sh -c 'cd "$1" && "$2/configure"' sh "$builddir" "$srcdir"
quiet "$builddir/make.log" make -C "$builddir" -j"$jobs"
plugin=$builddir/plugin/.libs/safeasm.so
[ -f "$plugin" ] || die "the build did not produce $plugin"
cc=$(sed -n 's/^CC = //p' "$builddir/Makefile")
cc=${cc:-gcc}
say "built $plugin (for $cc)"

demo_src=$srcdir/examples/demo.c
exe=$builddir/safeasm-demo
say
say "== 4. compile examples/demo.c with the plugin"
say "\$ $cc -O2 -fplugin=$plugin $demo_src -o $exe"
compile_out=$($cc -O2 -fplugin="$plugin" -fdiagnostics-color=never "$demo_src" -o "$exe" 2>&1)
compile_status=$?
say "$compile_out"
[ $compile_status -eq 0 ] || die "the compile failed (status $compile_status)"

say
say "== 5. run it"
say "\$ $exe"
out=$builddir/safeasm-demo.out
# The inner shell reports the signal; its own message is not wanted.
run_status=$(sh -c '"$0" > "$1" 2>&1; echo $?' "$exe" "$out" 2>/dev/null)
cat "$out"
say "(exit status $run_status)"

say
say "== what you see"
ok=1
asm_line=$(grep -n '__asm__ volatile ("cpuid"' "$demo_src" | cut -d: -f1)
if printf '%s\n' "$compile_out" | grep -q "demo.c:$asm_line:[0-9]*: warning: safeasm \[clobber-missing\]"; then
    say "* At compile time, GCC warned about the cpuid asm at demo.c:$asm_line: cpuid"
    say "  writes %ebx, which that asm declares neither as an output nor as a clobber"
    say "  [clobber-missing].  The bswap asm got no warning: it was proven correct."
else
    say "* MISSING: the compile-time warning 'safeasm [clobber-missing]' at demo.c:$asm_line."
    ok=0
fi
if grep -q '^bswap(0x12345678) = 0x78563412$' "$out"; then
    say "* At run time the accepted asm ran unchanged: bswap(0x12345678) = 0x78563412."
else
    say "* MISSING: the line 'bswap(0x12345678) = 0x78563412' from the accepted asm."
    ok=0
fi
if grep -q "demo.c:$asm_line: in highest_leaf: safeasm rejected inline asm: \[clobber-missing\]" "$out" &&
   [ "$run_status" = 132 ]; then
    say "* Then the program reached the rejected asm.  The plugin had replaced it with"
    say "  code that prints where it was and why it was rejected, and traps: the"
    say "  program died of SIGILL (status 132) instead of running cpuid and silently"
    say "  corrupting %rbx.  (Only reaching it traps: unused code is harmless.)"
else
    say "* MISSING: the run-time message 'demo.c:$asm_line: in highest_leaf: safeasm rejected"
    say "  inline asm: [clobber-missing] ...' followed by SIGILL (exit status 132)."
    ok=0
fi
say
say "Other modes: -fplugin-arg-safeasm-mode=warn keeps the asm, =error stops the"
say "compile, =repair adds the missing \"rbx\" clobber and keeps the asm working;"
say "-fplugin-arg-safeasm-explain says what each accepted asm does;"
say "-fplugin-arg-safeasm-report=FILE writes a JSON Lines report."
if [ $ok -eq 1 ]; then
    say "demo.sh: everything happened as described."
    exit 0
fi
say "demo.sh: the demo did not behave as described (see above)."
exit 1
