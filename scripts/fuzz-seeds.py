#!/usr/bin/env python3
"""fuzz-seeds.py -- the seed corpus and dictionary of `make fuzz'.

    fuzz-seeds.py OUTDIR TABLE...
    fuzz-seeds.py --dict DICT LIST
    fuzz-seeds.py --source OUTDIR CFILE...

Each case of a testsuite/analyzer/*.tbl table (see safeasm-check
--batch) becomes one file OUTDIR/TABLE-LINE in the input format of
analyzer/fuzz.c.  Operand specs are read as the driver reads them:
[name]CONSTRAINT[:SIZE[:KIND]][$CONST][#VALUE][^V,V...][@REG].

With --dict, LIST is the output of `safeasm-check --list' and DICT a
libFuzzer dictionary: every mnemonic with its size suffixes, register
names, operand modifiers, decorations, constraints and clobbers, so that
mutations splice whole words of the language into templates.

With --source, each asm statement of the C files becomes a seed of the
source scanner's harness (analyzer/fuzz-source.c): a header with the
keyword's column and some fixes, then the text from the keyword's line.
"""

import os
import re
import struct
import sys

MAXOPS = 15
MAXLIST = 15
KINDS = {"int": 0, "ptr": 1, "float": 2, "vec": 3, "other": 4}
QUALS = {"volatile": 1, "goto": 2, "basic": 4, "intel": 8, "strict": 16,
         "no-red-zone": 32, "frame-pointer": 64, "inline": 128}


def split_fields(line):
    """Split at unescaped '|', unescaping \\n \\t \\\\ \\| as the driver does."""
    fields, cur, i = [], [], 0
    while i < len(line):
        c = line[i]
        if c == "\\" and i + 1 < len(line):
            n = line[i + 1]
            cur.append("\n" if n == "n" else "\t" if n == "t" else n)
            i += 2
            continue
        if c == "|":
            fields.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    fields.append("".join(cur))
    return fields


def split_opspec(spec):
    """The parts of an operand spec, [name]CONSTRAINT[:SIZE[:KIND]][$C][#V]
    [^V,...][@REG]: (name, constraint, size, kind name, value, address
    uses, constant, register); bench/gen.py reads them too."""
    name = reg = None
    size, kind, value, addr_uses, const = 4, "int", 0, 0, None
    p = spec
    if p.startswith("["):
        e = p.index("]")
        name, p = p[1:e], p[e + 1:]
    # '@' right after '=', '+' or '&' belongs to a flag output ("=@ccz").
    for i, c in enumerate(p):
        if c == "@" and (i == 0 or p[i - 1] not in "=+&"):
            p, reg = p[:i], p[i + 1:]
            break
    m = re.search(r"\^([0-9,]+)", p)
    if m:
        for v in m.group(1).split(","):
            if v:
                addr_uses |= 1 << (int(v) & 63)
        p = p[:m.start()] + p[m.end():]
    if ":" in p:
        d = p.find("$", p.index(":"))
        if d >= 0:
            m = re.match(r"[-+]?(0[xX][0-9a-fA-F]+|[0-9]+)", p[d + 1:])
            if m:
                const = int(m.group(0), 0)
                p = p[:d] + p[d + 1 + m.end():]
        h = p.find("#", p.index(":"))
        if h >= 0:
            m = re.match(r"[0-9]*", p[h + 1:])
            value = int(m.group(0) or "0")
            p = p[:h] + p[h + 1 + m.end():]
        constraint, rest = p.split(":", 1)
        sz, _, k = rest.partition(":")
        m = re.match(r"[0-9]*", sz)
        size = int(m.group(0) or "0")
        kind = k or "int"
    else:
        constraint = p
    return name, constraint, size, kind, value, addr_uses, const, reg


def parse_opspec(spec):
    name, constraint, size, kname, value, addr_uses, const, reg = split_opspec(spec)
    kind = KINDS.get(kname, 0)
    flags = kind | (32 if name is not None else 0) | (64 if reg is not None else 0) \
        | (128 if const is not None else 0)
    out = bytes([size & 255, flags, value & 63]) + struct.pack("<Q", addr_uses & ~1 & (2**64 - 1))
    if const is not None:
        out += struct.pack("<q", max(-2**63, min(2**63 - 1, const)))
    out += constraint.encode() + b"\0"
    if name is not None:
        out += name.encode() + b"\0"
    if reg is not None:
        out += reg.encode() + b"\0"
    return out


def convert(line):
    f = split_fields(line)
    if len(f) < 2:
        return None
    f += [""] * (6 - len(f))
    tmpl = f[1]
    outs = f[2].split()[:MAXOPS]
    ins = f[3].split()[:MAXOPS]
    clob = f[4].split()[:MAXLIST]
    q, labels = 0, []
    for w in f[5].split():
        if w.startswith("label="):
            labels.append(w[6:])
        else:
            q |= QUALS.get(w, 0)
    labels = labels[:MAXLIST]
    out = bytes([q, len(outs) | len(ins) << 4, len(clob) | len(labels) << 4])
    out += tmpl.encode().replace(b"\0", b"") + b"\0"
    for spec in outs + ins:
        out += parse_opspec(spec)
    for w in clob + labels:
        out += w.encode() + b"\0"
    return out


def registers():
    """Register names as gas spells them (the dictionary needs no more
    precision than that)."""
    names = []
    for r in ("ax", "bx", "cx", "dx", "si", "di", "bp", "sp"):
        names += ["r" + r, "e" + r, r]
    names += ["al", "bl", "cl", "dl", "ah", "bh", "ch", "dh",
              "sil", "dil", "bpl", "spl", "rip", "eip", "eflags",
              "cs", "ds", "es", "fs", "gs", "ss", "st", "mxcsr", "fpsr"]
    for i in range(8, 16):
        names += ["r%d" % i, "r%dd" % i, "r%dw" % i, "r%db" % i]
    for i in range(32):
        names += ["xmm%d" % i, "ymm%d" % i, "zmm%d" % i]
    for i in range(8):
        names += ["mm%d" % i, "k%d" % i, "st(%d)" % i, "cr%d" % i, "dr%d" % i]
    return names


def dict_entry(word):
    out = []
    for b in word.encode():
        if b in (0x22, 0x5c) or b < 0x20 or b > 0x7e:
            out.append("\\x%02x" % b)
        else:
            out.append(chr(b))
    return '"%s"' % "".join(out)


def write_dict(path, listing):
    words = set()
    with open(listing, encoding="utf-8") as fp:
        for line in fp:
            f = line.split()
            if len(f) < 2:
                continue
            words.add(f[0])
            if re.fullmatch(r"[bwlqtsdxyz]+", f[1]):
                words.update(f[0] + c for c in f[1])
    for r in registers():
        words.update(("%" + r, "%%" + r))
    for m in "bhwkqxtgcPaln":
        words.update(("%" + m + "0", "%" + m + "1", "%" + m + "[x]"))
    words.update(("%0", "%1", "%2", "%9", "%[x]", "%=", "%%", "%{", "%}", "%|",
                  "{", "}", "|", "%{%k1%}", "%{z%}", "%{1to8%}", "%{rn-sae%}",
                  "%{sae%}", "{vex}", "{evex}", "{load}", "{store}", "{disp32}",
                  "\n\t", "\n", ";", "#", "/*", "*/", "(%", "),", "$", "$0",
                  "$-1", "0x", "*%", ":", ".byte ", ".long ", ".align ", ".set ",
                  "1:", "1f", "1b", "%l[lab]", "lock ", "rep ", "repne ",
                  "rex.W ", "data16 ", "addr32 ", "%fs:", "%gs:", "(%rip)",
                  ".intel_syntax noprefix", ".att_syntax"))
    for c in ("=r", "+r", "=&r", "r", "m", "=m", "+m", "rm", "=rm", "g", "i",
              "n", "e", "Z", "I", "J", "K", "N", "x", "=x", "+x", "v", "=v",
              "Yz", "Yk", "k", "a", "=a", "b", "c", "d", "S", "D", "A", "=A",
              "t", "u", "f", "=t", "q", "Q", "R", "l", "y", "o", "V", "p", "X",
              "0", "1", "%", "*", "=@ccz", "=@ccc", "=@ccnae", "=@cca",
              "memory", "cc", "redzone", "dirflag", "fpsr", "rax", "xmm0",
              "st", "st(1)", "ymm31", "k1", "r12"):
        words.add(c)
    words = sorted(w for w in words if w and len(w.encode()) <= 64)
    with open(path, "w", encoding="ascii") as o:
        for w in words:
            o.write(dict_entry(w) + "\n")
    print("fuzz-seeds.py: %d dictionary words in %s" % (len(words), path))


def write_source_seeds(outdir, files):
    os.makedirs(outdir, exist_ok=True)
    n = 0
    for path in files:
        with open(path, "rb") as fp:
            lines = fp.read().split(b"\n")
        base = os.path.basename(path)
        for i, line in enumerate(lines):
            for m in re.finditer(rb"\b(asm|__asm|__asm__)\b", line):
                if m.start() > 255:
                    continue
                # volatile, outputs 0 and 1 in-out, output 0 early, two clobbers
                header = bytes([n & 1, m.start()]) + struct.pack("<Q", n % 4) \
                    + struct.pack("<Q", (n // 4) % 2) + bytes([n % 5])
                text = b"\n".join(lines[i:i + 40])
                with open(os.path.join(outdir, "%s-%d-%d" % (base, i + 1, m.start())), "wb") as o:
                    o.write(header + text)
                n += 1
    print("fuzz-seeds.py: %d source seeds in %s" % (n, outdir))


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "--source":
        write_source_seeds(sys.argv[2], sys.argv[3:])
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == "--dict":
        write_dict(sys.argv[2], sys.argv[3])
        return 0
    if len(sys.argv) < 3:
        sys.stderr.write("usage: fuzz-seeds.py OUTDIR TABLE...\n"
                         "       fuzz-seeds.py --dict DICT LIST\n"
                         "       fuzz-seeds.py --source OUTDIR CFILE...\n")
        return 2
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    n = 0
    for table in sys.argv[2:]:
        base = os.path.splitext(os.path.basename(table))[0]
        with open(table, encoding="utf-8") as fp:
            for lineno, line in enumerate(fp, 1):
                t = line.strip()
                if not t or t.startswith("#"):
                    continue
                try:
                    data = convert(t)
                except (ValueError, IndexError):
                    data = None
                if data is None:
                    sys.stderr.write("fuzz-seeds.py: %s:%d: skipped\n" % (table, lineno))
                    continue
                with open(os.path.join(outdir, "%s-%d" % (base, lineno)), "wb") as o:
                    o.write(data)
                n += 1
    print("fuzz-seeds.py: %d seeds in %s" % (n, outdir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
