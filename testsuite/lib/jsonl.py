#!/usr/bin/env python3
"""jsonl.py -- checks on safeasm report files (JSON Lines), for the testsuite.

  jsonl.py validate FILE            every line is a JSON object (exit 0) or
                                    say which line is not (exit 1)
  jsonl.py count FILE               print the number of lines
  jsonl.py fields FILE F...         every object has the fields F (exit 0/1)
  jsonl.py match FILE COND...       some object satisfies every COND (exit 0/1)
  jsonl.py gccdiag FILE KIND REGEXP LINE
                                    FILE is GCC's -fdiagnostics-format=json
                                    output (one JSON array); some diagnostic
                                    of KIND (warning, error) has a message
                                    matching REGEXP at line LINE (exit 0/1)

COND is PATH=VALUE (the value's text equals VALUE) or PATH~REGEXP (the
text contains a match of REGEXP).  PATH is a dotted field path; when a
step meets a list, any element may satisfy the rest ("reasons.code=memory"
means: one of the reasons has code "memory").  The text of a value is the
string itself, JSON spelling otherwise (true, false, null, 12).
Exit 2 on usage errors or an unreadable file.
"""

import json
import re
import sys


def load(path):
    objs = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                obj = json.loads(line)
            except ValueError as e:
                raise SystemExit("%s:%d: not JSON (%s): %r" % (path, n, e, line))
            if not isinstance(obj, dict):
                raise SystemExit("%s:%d: not a JSON object: %r" % (path, n, line))
            objs.append(obj)
    return objs


def text(v):
    if isinstance(v, str):
        return v
    return json.dumps(v)


def values(obj, path):
    """Every value PATH reaches in OBJ (lists fan out)."""
    cur = [obj]
    for step in path.split("."):
        nxt = []
        for v in cur:
            if isinstance(v, list):
                v = [e for e in v]
            else:
                v = [v]
            for e in v:
                if isinstance(e, dict) and step in e:
                    nxt.append(e[step])
        cur = nxt
    out = []
    for v in cur:
        if isinstance(v, list):
            out.extend(v)
        out.append(v)
    return out


def cond_ok(obj, cond):
    m = re.match(r"^([A-Za-z0-9_.]+)([=~])(.*)$", cond, re.S)
    if not m:
        raise SystemExit("bad condition %r (want PATH=VALUE or PATH~REGEXP)" % cond)
    path, op, want = m.groups()
    for v in values(obj, path):
        t = text(v)
        if op == "=" and t == want:
            return True
        if op == "~" and re.search(want, t):
            return True
    return False


def gccdiag(path, kind, regexp, line):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        diags = json.loads(text)
    except ValueError as e:
        print("%s: not JSON (%s):\n%s" % (path, e, text))
        return 1
    if not isinstance(diags, list):
        print("%s: not a JSON array" % path)
        return 1

    def walk(ds):
        for d in ds:
            yield d
            for c in walk(d.get("children", [])):
                yield c

    for d in walk(diags):
        if d.get("kind") != kind or not re.search(regexp, d.get("message", "")):
            continue
        for loc in d.get("locations", []):
            if str(loc.get("caret", {}).get("line")) == str(line):
                return 0
    print("no %s matching %r at line %s in:\n%s" % (kind, regexp, line, text))
    return 1


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, path, rest = argv[1], argv[2], argv[3:]
    if cmd == "gccdiag":
        return gccdiag(path, *rest)
    try:
        objs = load(path)
    except OSError as e:
        print("%s: %s" % (path, e), file=sys.stderr)
        return 2
    except SystemExit as e:
        print(e, file=sys.stderr)
        return 1
    if cmd == "validate":
        return 0
    if cmd == "count":
        print(len(objs))
        return 0
    if cmd == "fields":
        bad = 0
        for n, o in enumerate(objs, 1):
            missing = [f for f in rest if f not in o]
            if missing:
                print("%s:%d: missing %s" % (path, n, " ".join(missing)))
                bad = 1
        return bad
    if cmd == "match":
        for o in objs:
            if all(cond_ok(o, c) for c in rest):
                return 0
        print("no report object has all of: %s" % " ".join(rest))
        return 1
    print("unknown command %r" % cmd, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
