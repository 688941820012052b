#!/usr/bin/env python3
"""sarif-check.py -- checks on the SARIF that safeasm-report writes.

  sarif-check.py schema SCHEMA SARIF
      SARIF is valid against the JSON schema SCHEMA (python3-jsonschema;
      formats are checked where jsonschema can check them).  Exit 0 if
      valid, 1 if not, 3 if the jsonschema module is missing.

  sarif-check.py results SARIF EXPECT NOTIFICATIONS
      EXPECT has one line per result SARIF must hold, tab-separated:
      LEVEL RULEID PATH LINE COLUMN (PATH absolute; LINE 0: no region).
      Checks that the results are exactly these (in any order), that
      each location resolves (uriBaseId through originalUriBaseIds) to
      PATH, that each ruleId has its rule at ruleIndex, that the rules
      are distinct, and that the run has NOTIFICATIONS tool execution
      notifications.  Exit 0 or 1.

Exit 2 on usage errors or unreadable files.
"""

import json
import sys
import urllib.parse


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def check_schema(schema_path, sarif_path):
    try:
        import jsonschema
    except ImportError:
        print("the python3 module jsonschema is not installed")
        return 3
    schema = load(schema_path)
    doc = load(sarif_path)
    cls = jsonschema.validators.validator_for(schema)
    # Not cls.check_schema (schema): the official schema has a pattern,
    # "^(?i)...", that Python's re refuses as a regex; SARIF files that
    # have no "language" property never reach it.
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    for e in errors[:20]:
        print("%s: %s" % ("/".join(str(p) for p in e.path) or "(top)", e.message))
    if errors:
        print("%d schema errors" % len(errors))
        return 1
    print("valid against %s (%s)" % (schema.get("$id", schema_path), cls.__name__))
    return 0


def resolve(run, loc):
    al = loc["physicalLocation"]["artifactLocation"]
    uri = al["uri"]
    base = al.get("uriBaseId")
    if base is not None:
        bases = run.get("originalUriBaseIds", {})
        if base not in bases:
            raise ValueError("uriBaseId %r is not in originalUriBaseIds" % base)
        b = bases[base]["uri"]
        if not b.endswith("/"):
            raise ValueError("base %r does not end with a slash" % b)
        uri = urllib.parse.urljoin(b, uri)
    if not uri.startswith("file://"):
        raise ValueError("%r does not resolve to a file URI" % uri)
    return urllib.parse.unquote(uri[len("file://"):])


def check_results(sarif_path, expect_path, notifications):
    doc = load(sarif_path)
    bad = []
    if doc.get("version") != "2.1.0" or len(doc.get("runs", [])) != 1:
        print("not one SARIF 2.1.0 run")
        return 1
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    if driver.get("name") != "safeasm" or not driver.get("version"):
        bad.append("tool.driver has no name safeasm and a version")
    rules = driver.get("rules", [])
    ids = [r["id"] for r in rules]
    if len(set(ids)) != len(ids):
        bad.append("rule ids are not distinct")
    for r in rules:
        if not r.get("shortDescription", {}).get("text") or not r.get("fullDescription", {}).get("text"):
            bad.append("rule %s lacks a description" % r["id"])

    got = []
    for res in run.get("results", []):
        rid = res.get("ruleId")
        idx = res.get("ruleIndex", -1)
        if idx < 0 or idx >= len(rules) or rules[idx]["id"] != rid:
            bad.append("result %s: ruleIndex %s does not name its rule" % (rid, idx))
        if not res.get("message", {}).get("text"):
            bad.append("result %s has no message text" % rid)
        locs = res.get("locations", [])
        if len(locs) != 1:
            bad.append("result %s has %d locations" % (rid, len(locs)))
            continue
        try:
            path = resolve(run, locs[0])
        except (KeyError, ValueError) as e:
            bad.append("result %s: bad location: %s" % (rid, e))
            continue
        region = locs[0]["physicalLocation"].get("region", {})
        got.append((res.get("level", "warning"), rid, path,
                    str(region.get("startLine", 0)), str(region.get("startColumn", 0))))

    want = []
    with open(expect_path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                want.append(tuple(line.split("\t")))
    rest = list(got)
    for w in want:
        if w in rest:
            rest.remove(w)
        else:
            bad.append("no result %s" % "|".join(w))
    for r in rest:
        bad.append("unexpected result %s" % "|".join(r))

    notes = 0
    for inv in run.get("invocations", []):
        notes += len(inv.get("toolExecutionNotifications", []))
    if notes != int(notifications):
        bad.append("%d tool execution notifications, not %s" % (notes, notifications))

    for b in bad:
        print(b)
    if bad:
        print("results:\n" + "\n".join("|".join(g) for g in got))
        return 1
    print("%d results as expected" % len(got))
    return 0


def main(argv):
    try:
        if len(argv) == 4 and argv[1] == "schema":
            return check_schema(argv[2], argv[3])
        if len(argv) == 5 and argv[1] == "results":
            return check_results(argv[2], argv[3], argv[4])
    except (OSError, ValueError) as e:
        print(e)
        return 2
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
