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
and the median of the rounds' ratios plugin/plain (each round compiles
every file once each way, so a slow spell of the machine hits both
sides of a ratio), and how much the plugin adds to the peak RSS of cc1
(file by file: the median and the largest).

Timings of files that compile in a tenth of a second vary by a few per
cent from run to run; so, where valgrind is installed (and unless
BENCH_CALLGRIND=0), the same commands also run once each way under
callgrind, whose count of executed instructions (of cc1 and as) is the
same on every run, and that ratio is printed too.

With $BENCH_EXITMEM naming bench/exitmem.so (bench.sh builds it), each
file is also compiled once each way with it preloaded, which says how
much of cc1's resident set at its end is anonymous memory (what the
process wrote) and how much is pages of files (code and tables, clean
and shared with the page cache): the peak RSS counts both.
"""

import collections
import json
import os
import re
import shlex
import shutil
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
        if w in ("-MT", "-MF", "-MQ"):     # the next word is their argument
            skip = True
            continue
        if w.startswith(DROP_PREFIXES) or w in ("-MD", "-MMD", "-MP") \
           or w.startswith(("-MF", "-MT", "-MQ")):
            continue
        res.append(w)
    return res + ["-o", out]


def run(cmd, cwd):
    """The CPU time (user + system) of CMD and its children, which
    varies less than the elapsed time on a shared machine, the peak RSS
    of its largest process (cc1) in kB, and its exit status."""
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss, p.returncode


def instructions(cmd, cwd):
    """The instructions CMD's compiler processes execute, counted by
    callgrind (gcc's -wrapper runs cc1 and as under it), or None."""
    wrapped = cmd[:1] + ["-wrapper", "valgrind,--tool=callgrind,--callgrind-out-file=/dev/null"] + cmd[1:]
    p = subprocess.run(wrapped, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       errors="replace")
    counts = re.findall(r"Collected : ([0-9]+)", p.stderr)
    if p.returncode != 0 or not counts:
        return None
    return sum(int(c) for c in counts)


def exit_memory(cmd, cwd, lib):
    """cc1's (RssAnon, RssFile) in kB when it exits, read by LIB
    (exitmem.so) preloaded into CMD, or None."""
    fd, path = tempfile.mkstemp(prefix="safeasm-mem.")
    os.close(fd)
    env = dict(os.environ, LD_PRELOAD=lib, SAFEASM_BENCH_MEM=path)
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        with open(path) as fp:
            lines = fp.read().split("\n")
    finally:
        os.unlink(path)
    words = lines[0].split() if lines else []
    if p.returncode != 0 or len(words) != 3:
        return None
    return int(words[1]), int(words[2])


def with_plugin(cmd, plugin):
    return cmd[:1] + ["-fplugin=" + plugin] + cmd[1:]


def measure(pkg, units, plugin, runs):
    """Print the CPU times, ratios and peak memory of one package's UNITS."""
    plain, with_, ratios = [], [], []
    rss = [([], []) for _ in units]
    for _ in range(runs):
        p = w = 0.0
        for k, (cwd, cmd, _, _) in enumerate(units):
            t, m, _ = run(cmd, cwd)
            p += t
            rss[k][0].append(m)
            t, m, _ = run(with_plugin(cmd, plugin), cwd)
            w += t
            rss[k][1].append(m)
        plain.append(p)
        with_.append(w)
        ratios.append(w / p if p else float("nan"))
    print("bench: real  %-10s (%d files, %d asm statements): plain %.2f s, plugin %.2f s"
          " CPU (median of %d), ratio plugin/plain %.3f (median of the rounds; %.3f to %.3f)"
          % (pkg, len(units), sum(u[2] for u in units), statistics.median(plain),
             statistics.median(with_), runs, statistics.median(ratios), min(ratios), max(ratios)))
    # Peak RSS of cc1, file by file (the median of the runs).
    growth = []
    for a, b in rss:
        ma, mb = statistics.median(a), statistics.median(b)
        growth.append((mb - ma, 100.0 * (mb - ma) / ma if ma else 0.0, ma))
    growth.sort()
    mid = growth[len(growth) // 2]
    print("bench: real  %-10s peak RSS of cc1, plugin against plain, by file: median %+d kB (%+.2f%% of"
          " %d kB), largest %+d kB (%+.2f%%)"
          % (pkg, mid[0], mid[1], mid[2], growth[-1][0], max(g[1] for g in growth)))
    lib = os.environ.get("BENCH_EXITMEM")
    if lib and os.path.exists(lib):
        anon, files = [], []
        for cwd, cmd, _, _ in units:
            a, b = exit_memory(cmd, cwd, lib), exit_memory(with_plugin(cmd, plugin), cwd, lib)
            if a and b:
                anon.append(b[0] - a[0])
                files.append(b[1] - a[1])
        if anon:
            print("bench: real  %-10s resident set of cc1 at its end, plugin against plain, by file:"
                  " anonymous median %+d kB (largest %+d), file pages median %+d kB (largest %+d)"
                  % (pkg, statistics.median(anon), max(anon), statistics.median(files),
                     max(files)))
    if os.environ.get("BENCH_CALLGRIND", "1") == "0" or not shutil.which("valgrind"):
        return
    ip = iw = 0
    for cwd, cmd, _, src in units:
        a, b = instructions(cmd, cwd), instructions(with_plugin(cmd, plugin), cwd)
        if a is None or b is None:
            print("bench: real  %-10s callgrind failed on %s; no instruction counts" % (pkg, src))
            return
        ip, iw = ip + a, iw + b
    print("bench: real  %-10s instructions (callgrind): plain %d, plugin %d, ratio %.4f"
          % (pkg, ip, iw, iw / ip))


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
        units, chosen = [], set()
        for (cwd, src), n in count.most_common():
            if len(units) >= nfiles:
                break
            # A source compiled in several directories (a library and
            # its programs) is taken once.
            path = os.path.realpath(os.path.join(cwd, src))
            if path in chosen:
                continue
            chosen.add(path)
            words = compile_command(lines, src, cwd)
            if not words or not os.path.isdir(cwd):
                continue
            cmd = cleaned(words, out)
            if run(cmd, cwd)[2] != 0:
                continue            # the tree changed since: leave it out
            units.append((cwd, cmd, n, src))
        if not units:
            continue
        found = True
        measure(pkg, units, plugin, runs)
    if not found:
        print("bench: real sources: no package of %s has a report and a build log; skipped" % work)
    for f in os.listdir(scratch):
        os.unlink(os.path.join(scratch, f))
    os.rmdir(scratch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
