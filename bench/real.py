#!/usr/bin/env python3
"""real.py -- the compile-time cost of the plugin on real asm-heavy code.

    real.py WORKDIR PLUGIN [FILES-PER-PACKAGE] [RUNS]

WORKDIR is the work directory of `make check-packages'
(BUILDDIR/check-packages): for each package there, its report
(*.jsonl) says which translation units hold the most asm statements and
in which directory they were compiled (the records' "cwd"), and its
build log (build.log) has the command that compiled each one.  Those
commands are run again, without the plugin and with it (alternately,
RUNS times each), writing the object to a scratch file; the flags the
audit added (-fplugin=, -fplugin-arg-*, -specs=, -fdump-tree-*) are
taken out first.  Prints, per package, the files, their asm statements,
the median total CPU times (user + system of the compiler processes)
and the ratio plugin/plain.
"""

import collections
import json
import os
import resource
import re
import shlex
import statistics
import subprocess
import sys
import tempfile

DROP_PREFIXES = ("-fplugin=", "-fplugin-arg-", "-fdump-tree-", "-specs=")


def records(path):
    """(cwd, file) -> number of asm statements, from a JSON Lines report."""
    count = collections.Counter()
    with open(path, errors="replace") as fp:
        for line in fp:
            try:
                r = json.loads(line)
            except ValueError:
                continue
            if not isinstance(r, dict) or not r.get("cwd") or not r.get("file"):
                continue
            if os.path.basename(r["file"]).startswith("conftest."):
                continue
            count[(r["cwd"], r["file"])] += 1
    return count


def compile_command(log_lines, src, cwd):
    """The compiler command of build.log that compiles SRC (-c) in CWD,
    as a list, or None.  libtool's own "libtool: compile:" lines come
    first (the make lines before them are shell); make's "Entering
    directory" lines say where each command ran."""
    base = os.path.basename(src)
    best = None
    for libtool_only in (True, False):
        here = None
        for line in log_lines:
            m = re.search(r"Entering directory '([^']*)'", line)
            if m:
                here = m.group(1)
                continue
            if " -c " not in line or base not in line or "`" in line:
                continue
            if line.startswith("libtool: compile:"):
                line = line[len("libtool: compile:"):]
            elif libtool_only:
                continue
            try:
                words = shlex.split(line)
            except ValueError:
                continue
            # The compiler: the first word that runs gcc or cc.
            for i, w in enumerate(words):
                name = os.path.basename(w)
                if name.endswith("gcc") or name.endswith("g++") or name in ("cc", "c++"):
                    words = words[i:]
                    break
            else:
                continue
            if not any(w == src or os.path.basename(w) == base for w in words[1:]):
                continue
            if here is None or os.path.realpath(here) == os.path.realpath(cwd):
                return words
            best = best or words
        if best:
            return best
    return None


def cleaned(words, out):
    """WORDS without the audit's flags and its -o, writing OUT."""
    res = []
    skip = False
    for w in words:
        if skip:
            skip = False
            continue
        if w == "-o":
            skip = True
            continue
        if w.startswith(DROP_PREFIXES) or w in ("-MD", "-MP") or w.startswith("-MF"):
            continue
        if w in ("-MT", "-MF", "-MQ"):
            skip = True
            continue
        res.append(w)
    return res + ["-o", out]


def seconds(cmd, cwd):
    """The CPU time (user + system) of CMD and its children, which
    varies less than the elapsed time on a shared machine."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime), p.returncode


def main():
    if len(sys.argv) < 3:
        print("usage: real.py WORKDIR PLUGIN [FILES-PER-PACKAGE] [RUNS]", file=sys.stderr)
        return 2
    work, plugin = sys.argv[1], os.path.abspath(sys.argv[2])
    nfiles = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    if not os.path.isdir(work):
        print("bench: real sources: %s missing (run make check-packages first); skipped" % work)
        return 0
    scratch = tempfile.mkdtemp(prefix="safeasm-real.")
    out = os.path.join(scratch, "out.o")
    found = False
    for pkg in sorted(os.listdir(work)):
        d = os.path.join(work, pkg)
        log = os.path.join(d, "build.log")
        reports = [f for f in os.listdir(d) if f.endswith(".jsonl")] if os.path.isdir(d) else []
        if not os.path.exists(log) or not reports:
            continue
        count = collections.Counter()
        for r in reports:
            count.update(records(os.path.join(d, r)))
        with open(log, errors="replace") as fp:
            lines = [l.rstrip("\n") for l in fp]
        units = []
        for (cwd, src), n in count.most_common():
            if len(units) >= nfiles:
                break
            words = compile_command(lines, src, cwd)
            if not words or not os.path.isdir(cwd):
                continue
            cmd = cleaned(words, out)
            if seconds(cmd, cwd)[1] != 0:
                continue            # the tree changed since: leave it out
            units.append((cwd, cmd, n))
        if not units:
            continue
        found = True
        plain, with_ = [], []
        for _ in range(runs):
            plain.append(sum(seconds(cmd, cwd)[0] for cwd, cmd, _ in units))
            with_.append(sum(seconds(cmd[:1] + ["-fplugin=" + plugin] + cmd[1:], cwd)[0]
                             for cwd, cmd, _ in units))
        p, w = statistics.median(plain), statistics.median(with_)
        print("bench: real  %-10s (%d files, %d asm statements): plain %.2f s, plugin %.2f s"
              " CPU (median of %d), ratio plugin/plain %.3f"
              % (pkg, len(units), sum(n for _, _, n in units), p, w, runs, w / p))
    if not found:
        print("bench: real sources: no package of %s has a report and a build log; skipped" % work)
    for f in os.listdir(scratch):
        os.unlink(os.path.join(scratch, f))
    os.rmdir(scratch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
