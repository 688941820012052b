#!/bin/bash
# stress-gcc-testsuite.sh -- compile GCC's own asm tests with the plugin.
#
#   scripts/stress-gcc-testsuite.sh BUILDDIR [GCC-SRC-DIR]
#
# Every test (*.c) of gcc.target/i386 and gcc.dg (with subdirectories)
# that contains `asm', `__asm' or `__asm__' is compiled with -S by $CC
# (default gcc) with the plugin of BUILDDIR in warn mode (STRESS_MODE), one shared
# report file, and the options of the test's dg-options and
# dg-additional-options lines whose target selectors hold for x86_64
# (no dg-options: -O2).  Tests for -m32, -mx32 or -m16, or whose dg-do
# selector excludes x86_64 (ia32 only, other targets), are skipped and
# counted.  A compile that does not succeed is run again without the
# plugin, which tells a failure the plugin causes from one the test
# expects (dg-error tests, missing target features).
#
# GCC-SRC-DIR is a GCC source tree (or any directory holding
# gcc/testsuite or gcc.target/i386 and gcc.dg).  Without it the Debian
# gcc-12 source package is fetched with `apt-get source' into
# $STRESS_OUT/src (a deb-src entry is added to /etc/apt/sources.list.d
# when there is none; that needs root) and only the two test
# directories are unpacked.
#
# Environment: CC (gcc), STRESS_OUT (BUILDDIR/stress-out),
# STRESS_TIMEOUT (seconds per compile, 120), STRESS_JOBS (2),
# STRESS_LIMIT (compile only the first N selected files; 0: all),
# STRESS_MODE (the plugin's mode, warn; trap and repair rewrite the
# statements they reject, which exercises more of the plugin).
#
# Output: a summary table on stdout; in STRESS_OUT: report.jsonl (the
# plugin's report), summary.json (safeasm-report --json), results.tsv
# (one line per file: category, warnings, seconds, file, options),
# failures.txt (every ICE, crash, timeout and plugin-caused failure
# with its message) and logs/ (the compiler output of those files).
# Exit status: 0 when there is no plugin-caused failure, ICE, crash or
# timeout; 1 otherwise; 2 on a usage or setup error.

set -u

die () { echo "stress-gcc-testsuite.sh: $*" >&2; exit 2; }

# ------------------------------------------------------------------
# Worker: one file.  Called by xargs as  $0 --one LINE  where LINE is
# "INDEX<TAB>FILE<TAB>OPTIONS" (OPTIONS shell-quoted).
# ------------------------------------------------------------------

# The class of a compile from its exit status $1 and its log $2:
# ok, timeout, crash, ice or error.
classify () {
  local rc=$1 log=$2
  if [ "$rc" -eq 0 ]; then
    echo ok
  elif [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    echo timeout
  elif grep -Eq 'signal terminated program|internal compiler error: (Segmentation fault|Aborted|Bus error|Illegal instruction|Floating point exception|Killed)' "$log" \
       || [ "$rc" -gt 128 ]; then
    echo crash
  elif grep -q 'internal compiler error' "$log"; then
    echo ice
  else
    echo error
  fi
}

if [ "${1-}" = "--one" ]; then
  line=$2
  idx=${line%%$'\t'*}; rest=${line#*$'\t'}
  file=${rest%%$'\t'*}; opts=${rest#*$'\t'}
  work=$STRESS_OUT/work/$idx
  mkdir -p "$work" && cd "$work" || exit 1
  eval "set -- $opts"
  start=$(date +%s.%N)
  timeout -k 5 "$STRESS_TIMEOUT" $CC "$@" -S "$file" -o out.s \
    -fplugin="$STRESS_PLUGIN" -fplugin-arg-safeasm-mode="$STRESS_MODE" \
    -fplugin-arg-safeasm-report="$STRESS_OUT/report.jsonl" \
    -fdiagnostics-plain-output -fno-diagnostics-show-caret \
    </dev/null >with.log 2>&1
  rc=$?
  end=$(date +%s.%N)
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
  cls=$(classify "$rc" with.log)
  warns=$(grep -c 'warning: safeasm' with.log)
  cat=$cls
  if [ "$cls" != ok ]; then
    # The same compile without the plugin.
    timeout -k 5 "$STRESS_TIMEOUT" $CC "$@" -S "$file" -o base.s \
      -fdiagnostics-plain-output -fno-diagnostics-show-caret \
      </dev/null >base.log 2>&1
    brc=$?
    bcls=$(classify "$brc" base.log)
    if [ "$bcls" = "$cls" ]; then
      # Fails the same way without the plugin: the test's or GCC's.
      cat=$cls-noplugin
    elif [ "$cls" = error ] && [ "$bcls" = ok ]; then
      # Every error is a safeasm warning turned into an error by
      # -Werror (warn mode honours -Werror): plugin-caused but expected.
      if grep -q 'error: safeasm \[' with.log \
         && ! grep -v 'error: safeasm \[' with.log | grep -q 'error:'; then
        cat=werror
      else
        cat=plugin-error
      fi
    elif [ "$cls" = error ]; then
      # Both fail: errors that only the compile with the plugin has?
      grep 'error:' with.log | sort -u >with.err
      grep 'error:' base.log | sort -u >base.err
      comm -23 with.err base.err >extra.err
      if [ ! -s extra.err ]; then
	cat=error-noplugin
      elif ! grep -vq 'error: safeasm \[' extra.err; then
	cat=werror
      else
	cat=plugin-error
      fi
    else
      cat=plugin-$cls
    fi
  fi
  case $cat in
    ok|error-noplugin|werror) ;;
    *) mkdir -p "$STRESS_OUT/logs"
       { echo "== $file"; echo "== options: $opts"; echo "== with the plugin (exit $rc):"
	 cat with.log
	 if [ -f base.log ]; then echo "== without the plugin (exit $brc):"; cat base.log; fi
       } >"$STRESS_OUT/logs/$idx.log" ;;
  esac
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$idx" "$cat" "$warns" "$secs" "$file" "$opts" \
    >"$STRESS_OUT/res/$idx"
  cd / && rm -rf "$work"
  exit 0
fi

# ------------------------------------------------------------------
# Main.
# ------------------------------------------------------------------

[ $# -ge 1 ] && [ $# -le 2 ] || die "usage: $0 BUILDDIR [GCC-SRC-DIR]"
BUILDDIR=$(cd "$1" 2>/dev/null && pwd) || die "no build directory $1"
export STRESS_PLUGIN=$BUILDDIR/plugin/.libs/safeasm.so
REPORTER=$BUILDDIR/report/safeasm-report
[ -f "$STRESS_PLUGIN" ] || die "no plugin $STRESS_PLUGIN (run make in $BUILDDIR)"
[ -x "$REPORTER" ] || die "no $REPORTER (run make in $BUILDDIR)"
command -v python3 >/dev/null || die "python3 is needed"
command -v timeout >/dev/null || die "timeout (coreutils) is needed"
export CC=${CC:-gcc}
export STRESS_OUT=${STRESS_OUT:-$BUILDDIR/stress-out}
export STRESS_TIMEOUT=${STRESS_TIMEOUT:-120}
export STRESS_MODE=${STRESS_MODE:-warn}
JOBS=${STRESS_JOBS:-2}
LIMIT=${STRESS_LIMIT:-0}
mkdir -p "$STRESS_OUT" || die "cannot create $STRESS_OUT"
STRESS_OUT=$(cd "$STRESS_OUT" && pwd)

# The directory that holds gcc.target/i386 and gcc.dg.
find_testsuite () {
  local d
  for d in "$1" "$1/gcc/testsuite" "$1/testsuite"; do
    if [ -d "$d/gcc.target/i386" ] && [ -d "$d/gcc.dg" ]; then
      (cd "$d" && pwd); return 0
    fi
  done
  d=$(find "$1" -maxdepth 5 -type d -path '*/gcc/testsuite' 2>/dev/null | head -n 1)
  if [ -n "$d" ] && [ -d "$d/gcc.target/i386" ] && [ -d "$d/gcc.dg" ]; then
    (cd "$d" && pwd); return 0
  fi
  return 1
}

have_deb_src () {
  grep -Eqs '^[[:space:]]*deb-src[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
    || grep -Eqs '^Types:.*deb-src' /etc/apt/sources.list.d/*.sources
}

fetch_gcc_source () {
  local src=$STRESS_OUT/src orig inner
  mkdir -p "$src"
  if ts=$(find_testsuite "$src"); then
    echo "$ts"; return 0
  fi
  command -v apt-get >/dev/null || die "no GCC-SRC-DIR given and no apt-get"
  if ! have_deb_src; then
    [ "$(id -u)" -eq 0 ] || die "no deb-src entry in /etc/apt; add one (needs root) or give GCC-SRC-DIR"
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
      sed 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
	>/etc/apt/sources.list.d/safeasm-deb-src.sources
    else
      . /etc/os-release
      printf 'deb-src http://deb.debian.org/debian %s main\n' "${VERSION_CODENAME:-bookworm}" \
	>/etc/apt/sources.list.d/safeasm-deb-src.list
    fi
    echo "added a deb-src entry to /etc/apt/sources.list.d" >&2
    apt-get -o DPkg::Lock::Timeout=600 update >&2 || die "apt-get update failed"
  fi
  orig=$(ls "$src"/gcc-12_*.orig.tar.* 2>/dev/null | head -n 1)
  if [ -z "$orig" ]; then
    (cd "$src" && apt-get source --download-only gcc-12 >&2) \
      || { [ "$(id -u)" -eq 0 ] && apt-get -o DPkg::Lock::Timeout=600 update >&2 \
	     && (cd "$src" && apt-get source --download-only gcc-12 >&2); } \
      || die "apt-get source gcc-12 failed"
    orig=$(ls "$src"/gcc-12_*.orig.tar.* 2>/dev/null | head -n 1)
    [ -n "$orig" ] || die "no gcc-12 orig tarball in $src"
  fi
  # Debian's orig tarball holds the upstream tarball gcc-*-dfsg.tar.*.
  inner=$(tar tf "$orig" | grep -E '/gcc-[0-9.]+(-dfsg)?\.tar\.[a-z0-9]+$' | head -n 1)
  if [ -n "$inner" ]; then
    echo "unpacking $inner from $orig" >&2
    (cd "$src" && tar xf "$orig" "$inner") || die "cannot unpack $orig"
    (cd "$src" && tar xf "$inner" --wildcards \
       '*/gcc/testsuite/gcc.target/i386/*' '*/gcc/testsuite/gcc.dg/*') \
      || die "cannot unpack the tests from $src/$inner"
    rm -f "$src/$inner"
  else
    (cd "$src" && tar xf "$orig" --wildcards \
       '*/gcc/testsuite/gcc.target/i386/*' '*/gcc/testsuite/gcc.dg/*') \
      || die "cannot unpack the tests from $orig"
  fi
  find_testsuite "$src" || die "no gcc/testsuite in $src"
}

if [ $# -eq 2 ]; then
  TS=$(find_testsuite "$2") || die "no gcc.target/i386 and gcc.dg under $2"
else
  TS=$(fetch_gcc_source) || exit 2
fi
echo "tests: $TS"

rm -rf "$STRESS_OUT/work" "$STRESS_OUT/res" "$STRESS_OUT/logs"
rm -f "$STRESS_OUT/report.jsonl" "$STRESS_OUT/results.tsv" "$STRESS_OUT/failures.txt" \
      "$STRESS_OUT/summary.json" "$STRESS_OUT/plan.tsv"
mkdir -p "$STRESS_OUT/work" "$STRESS_OUT/res"

# The plan: which files, with which options, or why skipped.
python3 - "$TS" "$LIMIT" >"$STRESS_OUT/plan.tsv" <<'EOF' || die "planning failed"
import fnmatch, os, re, shlex, sys

ts, limit = sys.argv[1], int(sys.argv[2])
TRIPLET = "x86_64-pc-linux-gnu"
# Effective targets that do not hold for x86_64 -m64 Linux; any other
# word is taken to hold (this CPU has AVX-512 and most extensions).
FALSE = {"ia32", "ilp32", "x32", "ia16", "llp64", "mingw", "darwin",
         "pe_aligned_commons", "nonpic", "lto_incremental", "powerpc",
         "arm", "aarch64", "*-*-solaris2*", "vxworks_kernel",
         "vxworks_rtp", "hppa", "avr", "lp32", "int16", "ptr32plus_only",
         "size20plus_only", "msp430", "nvptx", "be", "word_mode_hi"}
ASM = re.compile(r"\b(asm|__asm|__asm__)\b")
DIRECTIVE = re.compile(r"\{\s*(dg-[a-z-]+)\s+(.*)\}")

def tokens(s):
    return re.findall(r'\{|\}|"(?:[^"\\]|\\.)*"|&&|\|\||!|[^\s{}"!]+', s)

def group(toks, i):
    """Parse a {...} list starting at toks[i] == '{'; returns (items, next)."""
    items = []
    i += 1
    while i < len(toks) and toks[i] != "}":
        if toks[i] == "{":
            sub, i = group(toks, i)
            items.append(sub)
        else:
            items.append(toks[i])
            i += 1
    return items, i + 1

def holds(word):
    if isinstance(word, list):
        return evaluate(word)
    if word.startswith('"'):
        word = word[1:-1]
    if "-" in word and "*" in word or word.count("-") >= 2:
        return fnmatch.fnmatch(TRIPLET, word)
    return word not in FALSE

def evaluate(items):
    """A selector list: words OR'ed, with !, && and || operators."""
    if not items:
        return True
    if "||" in items:
        parts, cur = [], []
        for t in items:
            if t == "||":
                parts.append(cur); cur = []
            else:
                cur.append(t)
        parts.append(cur)
        return any(evaluate(p) for p in parts)
    if "&&" in items:
        parts, cur = [], []
        for t in items:
            if t == "&&":
                parts.append(cur); cur = []
            else:
                cur.append(t)
        parts.append(cur)
        return all(evaluate(p) for p in parts)
    if items[0] == "!":
        return not evaluate(items[1:2]) if len(items) == 2 else not evaluate(items[1:])
    return any(holds(w) for w in items)

def selector(toks):
    """The truth of an optional { target ... } among TOKS (None: none)."""
    i = 0
    while i < len(toks):
        if toks[i] == "{":
            items, _ = group(toks, i)
            if items and items[0] in ("target", "xfail"):
                return items[0], evaluate(items[1:])
            i += 1
        else:
            i += 1
    return None, True

def unquote(t):
    if t.startswith('"') and t.endswith('"'):
        return t[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return t

def defaults(rel):
    if rel.startswith("gcc.dg/gomp/"):
        return ["-O2", "-fopenmp"]
    if rel.startswith("gcc.dg/goacc/"):
        return ["-O2", "-fopenacc"]
    if rel.startswith("gcc.dg/tm/"):
        return ["-O2", "-fgnu-tm"]
    return ["-O2"]

files = []
for top in ("gcc.target/i386", "gcc.dg"):
    for root, dirs, names in os.walk(os.path.join(ts, top)):
        dirs.sort()
        for n in sorted(names):
            if n.endswith(".c"):
                files.append(os.path.join(root, n))

idx = 0
for path in files:
    try:
        with open(path, encoding="latin-1") as f:
            text = f.read()
    except OSError:
        continue
    if not ASM.search(text):
        continue
    rel = os.path.relpath(path, ts)
    opts, extra, skip = None, [], ""
    for m in DIRECTIVE.finditer(text):
        name, body = m.group(1), m.group(2)
        toks = tokens(body)
        if not toks:
            continue
        kind, ok = selector(toks[1:])
        if name == "dg-do":
            if kind == "target" and not ok:
                skip = "skip-target"
        elif name == "dg-require-effective-target":
            if not holds(toks[0]):
                skip = "skip-target"
        elif name in ("dg-options", "dg-additional-options", "dg-lto-options"):
            if not ok:
                continue
            if toks[0] == "{":
                items, nxt = group(toks, 0)
                kind, ok = selector(toks[nxt:])
                if not ok:
                    continue
                raw = " ".join(i for i in items if isinstance(i, str))
            else:
                raw = unquote(toks[0])
            try:
                words = shlex.split(raw)
            except ValueError:
                words = raw.split()
            if name == "dg-additional-options":
                extra += words
            elif opts is None or name == "dg-options":
                opts = words
    if opts is None:
        opts = defaults(rel)
    opts = [o for o in opts + extra if o not in ("-save-temps",)]
    if any(o in ("-m32", "-mx32", "-m16") for o in opts):
        skip = "skip-m32"
    idx += 1
    if limit and idx > limit:
        break
    line = "\t".join([str(idx), skip or "run", path, " ".join(shlex.quote(o) for o in opts)])
    print(line.replace("\n", " "))
EOF

total=$(wc -l <"$STRESS_OUT/plan.tsv")
echo "selected $total files with asm; mode=$STRESS_MODE, $JOBS jobs, timeout ${STRESS_TIMEOUT}s each"
t0=$(date +%s)
awk -F'\t' '$2 == "run" { print $1 "\t" $3 "\t" $4 }' "$STRESS_OUT/plan.tsv" \
  | xargs -d '\n' -n 1 -P "$JOBS" bash "$0" --one
t1=$(date +%s)
cat "$STRESS_OUT"/res/* 2>/dev/null | sort -n >"$STRESS_OUT/results.tsv"
rm -rf "$STRESS_OUT/res" "$STRESS_OUT/work"

if [ -f "$STRESS_OUT/report.jsonl" ]; then
  "$REPORTER" --json "$STRESS_OUT/report.jsonl" >"$STRESS_OUT/summary.json" \
    2>"$STRESS_OUT/report-errors.txt"
  echo "safeasm-report exit status: $?" >>"$STRESS_OUT/report-errors.txt"
else
  echo '{}' >"$STRESS_OUT/summary.json"
fi

python3 - "$STRESS_OUT" "$total" "$((t1 - t0))" <<'EOF'
import collections, json, os, sys

out, total, secs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
plan = [l.rstrip("\n").split("\t") for l in open(os.path.join(out, "plan.tsv"))]
res = [l.rstrip("\n").split("\t") for l in open(os.path.join(out, "results.tsv"))]
cats = collections.Counter(r[1] for r in res)
skips = collections.Counter(p[1] for p in plan if p[1] != "run")
warned = sum(1 for r in res if int(r[2]) > 0)
rows = [
    ("files with asm", total),
    ("  skipped: -m32/-mx32/-m16 options", skips["skip-m32"]),
    ("  skipped: dg-do/effective target excludes x86_64 -m64", skips["skip-target"]),
    ("compiled", len(res)),
    ("  compiled OK", cats["ok"]),
    ("    of which with safeasm warnings", sum(1 for r in res if r[1] == "ok" and int(r[2]) > 0)),
    ("  compile errors not caused by the plugin", cats["error-noplugin"]),
    ("  safeasm warnings made errors by the test's -Werror", cats["werror"]),
    ("  plugin-caused compile errors", cats["plugin-error"]),
    ("  internal compiler errors with the plugin only", cats["plugin-ice"]),
    ("  internal compiler errors also without the plugin", cats["ice-noplugin"]),
    ("  crashes (signals) with the plugin only", cats["plugin-crash"]),
    ("  crashes (signals) also without the plugin", cats["crash-noplugin"]),
    ("  timeouts with the plugin only", cats["plugin-timeout"]),
    ("  timeouts also without the plugin", cats["timeout-noplugin"]),
]
other = set(cats) - {"ok", "error-noplugin", "werror", "plugin-error", "plugin-ice",
                     "ice-noplugin", "plugin-crash", "crash-noplugin",
                     "plugin-timeout", "timeout-noplugin"}
for c in sorted(other):
    rows.append(("  " + c, cats[c]))
try:
    summ = json.load(open(os.path.join(out, "summary.json")))
except (OSError, ValueError):
    summ = {}
t = summ.get("totals", {})
rows += [
    ("report records (statements)", t.get("statements", 0)),
    ("  accepted", t.get("accepted", 0)),
    ("  repaired", t.get("repaired", 0)),
    ("  rejected", t.get("rejected", 0)),
    ("  unchecked", t.get("unchecked", 0)),
    ("  malformed report lines", summ.get("malformed", 0)),
    ("wall-clock seconds", secs),
]
w = max(len(r[0]) for r in rows)
print()
print("%-*s  %s" % (w, "safeasm stress over the GCC testsuite", "count"))
print("-" * (w + 8))
for name, n in rows:
    print("%-*s  %7d" % (w, name, n))
codes = summ.get("codes", [])
if codes:
    print("\ntop reason codes (statements rejected with the code):")
    for c in sorted(codes, key=lambda c: -c["statements"])[:12]:
        print("  %-18s %6d" % (c["name"], c["statements"]))
bad = [r for r in res if r[1] not in ("ok", "error-noplugin", "werror",
                                      "ice-noplugin", "crash-noplugin", "timeout-noplugin")]
with open(os.path.join(out, "failures.txt"), "w") as f:
    for r in res:
        if r[1] in ("ok", "error-noplugin", "werror"):
            continue
        log = os.path.join(out, "logs", r[0] + ".log")
        msg = ""
        if os.path.exists(log):
            lines = [l for l in open(log, errors="replace")
                     if "error" in l or "terminated" in l]
            msg = "".join(lines[:6])
        f.write("%s %s %s\n%s\n" % (r[1], r[4], r[5], msg))
if bad:
    print("\nplugin-caused failures (%d): see %s" % (len(bad), os.path.join(out, "failures.txt")))
    for r in bad[:40]:
        print("  %-16s %s" % (r[1], r[4]))
print("\nreport: %s\nresults: %s" % (os.path.join(out, "report.jsonl"),
                                     os.path.join(out, "results.tsv")))
sys.exit(1 if bad else 0)
EOF
