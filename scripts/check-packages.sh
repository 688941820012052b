#!/bin/sh
# check-packages.sh -- `make check-packages': build real Debian source
# packages that contain inline asm with safeasm in audit mode (warn with notes), through
# scripts/safeasm-debuild --audit, from a safeasm build tree (no `make
# install' needed), and check for each package that
#
#   - it builds and its own test suite passes (dh_auto_test runs it;
#     DEB_BUILD_OPTIONS has parallel=N but never nocheck);
#   - no compiler crashed: no "internal compiler error" (a crash of the
#     plugin inside cc1 is one), no "failed to initialize plugin", no
#     "safeasm: cannot ..." in the build log;
#   - the report covers every asm statement compiled: every asm
#     statement of GCC's GIMPLE dumps has a record, and every C/C++
#     object in the tree was compiled with the plugin (the audit of
#     safeasm-debuild, which explains the method);
#
# then prints a table: package, build time, statements (records),
# distinct statements, accepted, rejected, unchecked, and the rejected
# statements by main reason code.
#
#   scripts/check-packages.sh BUILDDIR [SOURCE-PACKAGE]...
#
# Default packages: $SAFEASM_CHECK_PACKAGES or "xxhash libzstd libsodium
# gmp".  Needs a Debian system, root (or sudo) for apt-get, and network
# access to a Debian mirror.  It adds a deb-src entry
# (/etc/apt/sources.list.d/safeasm-deb-src.sources) only when apt has
# none.  Work directory: BUILDDIR/check-packages (logs, reports, trees).
# PARALLEL (default 2) is the parallel= of DEB_BUILD_OPTIONS;
# SAFEASM_DEBUILD_ARGS are more options for safeasm-debuild (e.g.
# --mode warn --no-warnings: warnings, and -w against a package's -Werror).
set -eu

[ $# -ge 1 ] || { echo "usage: $0 BUILDDIR [SOURCE-PACKAGE]..." >&2; exit 2; }
builddir=$(cd "$1" && pwd)
shift
srcdir=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -eq 0 ]; then
    # shellcheck disable=SC2086 # a list of names
    set -- ${SAFEASM_CHECK_PACKAGES:-xxhash libzstd libsodium gmp}
fi

plugin=$builddir/plugin/.libs/safeasm.so
tool=$builddir/report/safeasm-report
wrapper=$srcdir/scripts/safeasm-debuild
work=$builddir/check-packages
parallel=${PARALLEL:-2}

for f in "$plugin" "$tool"; do
    [ -x "$f" ] || [ -f "$f" ] || { echo "check-packages: no $f: run make first" >&2; exit 2; }
done
if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-buildpackage >/dev/null 2>&1; then
    echo "check-packages: needs a Debian system with apt-get and dpkg-dev" >&2
    exit 77
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "check-packages: needs root or sudo for apt-get build-dep" >&2
    exit 77
fi
apt () {
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@"
}

# A deb-src entry, if apt has none.
if ! grep -Eqs '^[[:space:]]*deb-src[[:space:]]|^Types:.*deb-src' \
       /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; then
    # shellcheck disable=SC1091 # the system's
    . /etc/os-release
    if [ "${ID-}" != debian ] || [ -z "${VERSION_CODENAME-}" ]; then
	echo "check-packages: no deb-src line in apt's sources, and this is not Debian: add one" >&2
	exit 77
    fi
    echo "check-packages: adding /etc/apt/sources.list.d/safeasm-deb-src.sources"
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s %s-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
	"$VERSION_CODENAME" "$VERSION_CODENAME" \
	| $SUDO tee /etc/apt/sources.list.d/safeasm-deb-src.sources >/dev/null
fi
apt update -q >/dev/null || { echo "check-packages: apt-get update failed" >&2; exit 1; }

mkdir -p "$work"
summary=$work/summary.tsv
: > "$summary"
failed=

for pkg in "$@"; do
    echo "=== $pkg"
    pdir=$work/$pkg
    rm -rf "$pdir"
    mkdir -p "$pdir"
    log=$pdir/build.log
    report=$pdir/$pkg.jsonl
    if ! apt build-dep -y -q "$pkg" > "$pdir/build-dep.log" 2>&1; then
	echo "check-packages: $pkg: apt-get build-dep failed (see $pdir/build-dep.log)"
	failed="$failed $pkg"; printf '%s\tbuild-dep-failed\n' "$pkg" >> "$summary"; continue
    fi
    # apt-get source unpacks as the invoking user; _apt cannot read the
    # directory when it is root's: that warning is harmless.
    if ! (cd "$pdir" && apt-get source -q "$pkg") > "$pdir/source.log" 2>&1; then
	echo "check-packages: $pkg: apt-get source failed (see $pdir/source.log)"
	failed="$failed $pkg"; printf '%s\tsource-failed\n' "$pkg" >> "$summary"; continue
    fi
    tree=
    for d in "$pdir"/*/; do
	[ -f "$d/debian/changelog" ] && tree=${d%/}
    done
    [ -n "$tree" ] || { echo "check-packages: $pkg: no unpacked tree"; failed="$failed $pkg"; continue; }

    start=$(date +%s)
    status=0
    # shellcheck disable=SC2086 # SAFEASM_DEBUILD_ARGS: a list of options
    (cd "$tree" && DEB_BUILD_OPTIONS="parallel=$parallel" \
	sh "$wrapper" --plugin "$plugin" --report-tool "$tool" --report "$report" \
	   --audit ${SAFEASM_DEBUILD_ARGS-} -- -us -uc -b) > "$log" 2>&1 || status=$?
    secs=$(( $(date +%s) - start ))

    problems=
    [ $status = 0 ] || problems="$problems build-or-tests-failed(status=$status)"
    if grep -q 'internal compiler error' "$log"; then problems="$problems internal-compiler-error"; fi
    if grep -Eq 'fail(ed)? to initiali[sz]e plugin|cannot load plugin' "$log"; then problems="$problems plugin-not-loaded"; fi
    if grep -Eq 'safeasm: (cannot|short write)' "$log"; then problems="$problems report-write-error"; fi
    grep -q 'audit: ok$' "$log" || problems="$problems audit-failed"
    missing=$(sed -n 's/.*audit: statements without a record: //p' "$log")
    unplugged=$(sed -n 's/.*C\/C++ compilation units with debug info, \([0-9]*\) compiled without the plugin/\1/p' "$log")
    dumped=$(sed -n 's/.*GIMPLE dumps, \([0-9]*\) asm statements in them.*/\1/p' "$log")
    cus=$(sed -n 's/.*object files, \([0-9]*\) C\/C++ compilation units.*/\1/p' "$log")

    "$tool" --json "$report" > "$pdir/summary.json" 2>"$pdir/summary.err" || true
    python3 - "$pkg" "$secs" "${dumped:-?}" "${missing:-?}" "${cus:-?}" "${unplugged:-?}" \
	"$pdir/summary.json" "$report" "${problems:-ok}" >> "$summary" <<'EOF'
import json, sys
pkg, secs, dumped, missing, cus, unplugged, path, report, verdict = sys.argv[1:]
d = json.load(open(path))
t = d["totals"]
distinct = set()
for line in open(report, encoding="utf-8", errors="replace"):
    try:
        r = json.loads(line)
    except ValueError:
        continue
    distinct.add((r.get("cwd"), r.get("file"), r.get("line"), r.get("column"), r.get("template")))
codes = {}
for r in d.get("rejected", []):
    reasons = r.get("reasons") or []
    c = reasons[0]["code"] if reasons else "?"
    codes[c] = codes.get(c, 0) + r.get("records", 1)
rej = ",".join("%s=%d" % kv for kv in sorted(codes.items())) or "-"
print("\t".join(str(x) for x in (pkg, secs, t["statements"], len(distinct), t["accepted"],
      t["repaired"], t["rejected"], t["unchecked"], dumped, missing, cus, unplugged, rej, verdict)))
EOF
    tail -n 1 "$summary" | cut -f14
    [ -z "$problems" ] || failed="$failed $pkg"
done

echo
echo "check-packages: safeasm in audit mode on Debian source packages ($work)"
python3 - "$summary" <<'EOF'
import sys
head = ["package", "secs", "records", "distinct", "accepted", "repaired", "rejected",
        "unchecked", "dumped", "no-record", "C/C++ CUs", "no-plugin", "rejected by reason", "result"]
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
rows = [r + [""] * (len(head) - len(r)) if len(r) > 2 else [r[0]] + [""] * (len(head) - 2) + [r[1]] for r in rows]
w = [max(len(x) for x in col) for col in zip(head, *rows)]
for r in [head] + rows:
    print("  ".join(x.ljust(w[i]) for i, x in enumerate(r)).rstrip())
EOF
echo
echo "records: statement records (a statement compiled twice, as libtool does, or in a header"
echo "included by several files, counts each time); distinct: by file, line, column, template"
echo "and directory; dumped: asm statements in GCC's GIMPLE dumps; no-record: of those, how"
echo "many have no record; no-plugin: C/C++ compilation units compiled without the plugin."
if [ -n "$failed" ]; then
    echo "check-packages: FAILED:$failed (logs: $work/PACKAGE/build.log)"
    exit 1
fi
echo "check-packages: ok"
