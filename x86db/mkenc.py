#!/usr/bin/env python3
"""mkenc.py -- derive x86db/enc.tbl, the machine encodings of the x86db
forms, from GNU as; and check a decoder against enc.tbl.

A maintainer script: enc.tbl is checked in, the build reads it (genenc.c)
and does not need Python or as.  Run it again after changing the tables:

    python3 x86db/mkenc.py [--as AS] [-o x86db/enc.tbl] [x86db/*.tbl]

For every form (each size suffix, each choice of operand kinds: register
or memory, small or large immediate, an operand in its accumulator or
not, and gas's {load}/{store} alternatives) it writes instances with
distinct registers and addressing modes, assembles all of them in one
`as --64` run, and finds the encoding layout that explains every
instance's bytes: legacy prefixes, REX.W or VEX.L.pp.map.W, opcode bytes,
which operand is ModRM.reg, ModRM.rm, VEX.vvvv, +r in the opcode, is4 or
an immediate (and its size), or the /digit.  A layout is accepted only
when decoding each instance's bytes with it gives back exactly that
instance's operands.  Forms it cannot explain get no line; they are
listed on stderr with the reason (-v: each one).

    python3 x86db/mkenc.py --check DECODER [--as AS] [enc.tbl]

assembles instances of every enc.tbl line, has DECODER (x86db-dec:
reads hex byte strings, prints the AT&T text of one instruction each)
decode them, assembles the decoded text again and requires the same
bytes, every byte consumed, and the line's mnemonic (or one of the same
encoding).  Exit status 0 if all agree, 1 if not, 77 if as is missing.

EVEX (AVX-512: zmm, mask registers, {k} masking) is left out, and so are
branches (a relative target is no operand text can name), far/moffs
forms and forms that encode one operand twice.
"""

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

CC = ("o no b c nae ae nb nc e z ne nz be na a nbe s ns p pe np po "
      "l nge ge nl le ng g nle").split()

GPR = {
    8: "rax rcx rdx rbx rsp rbp rsi rdi r8 r9 r10 r11 r12 r13 r14 r15".split(),
    4: "eax ecx edx ebx esp ebp esi edi r8d r9d r10d r11d r12d r13d r14d r15d".split(),
    2: "ax cx dx bx sp bp si di r8w r9w r10w r11w r12w r13w r14w r15w".split(),
    1: "al cl dl bl spl bpl sil dil r8b r9b r10b r11b r12b r13b r14b r15b".split(),
}
HIGH8 = "ah ch dh bh".split()           # byte registers 4-7 without REX
SEG = "es cs ss ds fs gs".split()
SFXW = {"b": 1, "w": 2, "l": 4, "q": 8}
LEGACY_PFX = (0x66, 0xF2, 0xF3)


def die(msg):
    sys.stderr.write("mkenc.py: %s\n" % msg)
    sys.exit(2)


# ---------------------------------------------------------------- tables

class Form:
    def __init__(self, mnem, sfx, ops, vex, evex_only, src):
        self.mnem, self.sfx, self.ops = mnem, sfx, ops
        self.vex, self.evex_only, self.src = vex, evex_only, src


def parse_tables(paths):
    """The forms of the x86db tables, <cc> expanded, in table order."""
    forms = []
    for path in paths:
        with open(path) as f:
            for n, line in enumerate(f, 1):
                line = re.sub(r"#.*", "", line)
                # why="..." may hold blanks
                line = re.sub(r'why="[^"]*"', "", line).strip()
                if not line or line.startswith("@"):
                    continue
                words = line.split()
                mnem, fields = words[0], {}
                for w in words[1:]:
                    k, _, v = w.partition("=")
                    fields[k] = v if k not in fields else fields[k] + "," + v
                ops = []
                if fields.get("ops", "-") != "-":
                    for spec in fields["ops"].split(","):
                        acc, _, kw = spec.partition(":")
                        kinds, _, width = kw.partition("/")
                        ops.append((acc, kinds, 0 if width in ("", "v") else int(width)))
                attrs = fields.get("attr", "").split(",")
                vex = "vex" in attrs or "evex" in fields
                feat = fields.get("feat", "")
                evex_only = "evex" in fields and (feat.startswith("avx512") or any(
                    "Z" in k or "K" in k for _, k, _ in ops))
                src = "%s:%d" % (os.path.basename(path), n)
                names = [mnem.replace("<cc>", c) for c in CC] if "<cc>" in mnem else [mnem]
                for m in names:
                    forms.append(Form(m, fields.get("sfx", ""), ops, vex, evex_only, src))
    return forms


# ------------------------------------------------------------- operands
#
# A concrete operand: (kind, width), kind one of
#   R X Y P K S G  register classes (GPR xmm ymm mmx mask st segment)
#   M              memory (M and A in the tables)
#   I              immediate
#   C              %cl

REG_CLASSES = "RXYPSG"


def concrete_variants(form):
    """(spelling, opsize, [(kind, width)]) for every suffix and choice of
    operand kinds of FORM; None when the form is left out, with why."""
    if form.evex_only:
        return None, "EVEX only"
    for _, kinds, _ in form.ops:
        if "L" in kinds:
            return None, "branch target"
        if "Z" in kinds or "K" in kinds:
            return None, "EVEX operand"
    if form.sfx:
        sizes = [(form.mnem + s, SFXW[s]) for s in form.sfx]
    elif any(w == 0 and k not in ("C",) for _, k, w in form.ops):
        sizes = [(form.mnem, s) for s in (1, 2, 4, 8)]
    else:
        sizes = [(form.mnem, None)]
    out = []
    for spelling, opsize in sizes:
        choices = [[]]
        for acc, kinds, width in form.ops:
            w = width or opsize
            alts = []
            for k in kinds:
                if k == "A":
                    k = "M"
                if k == "S":
                    alts.append(("S", 10))
                elif k == "G":
                    alts.append(("G", 2))
                elif k in "XY":
                    alts.append((k, width or (16 if k == "X" else 32)))
                elif k == "P":
                    alts.append(("P", 8))
                else:
                    alts.append((k, w))
            choices = [c + [a] for c in choices for a in alts]
        for c in choices:
            out.append((spelling, opsize, c))
    return out, None


# Register numbers for the instances of a family: operand i of instance
# j gets PROBE[j][i]; every operand takes low and high numbers, and the
# low three bits of any two operands differ.
PROBE = [(1, 2, 3, 6), (10, 3, 13, 9), (7, 12, 1, 11), (14, 9, 6, 2),
         (3, 15, 10, 7), (6, 1, 11, 12)]
MEMS = [("0x12(%rcx)", (1, None, 1, 0x12)),
        ("0x12345(%r9,%r10,8)", (9, 10, 8, 0x12345)),
        ("(%rsp)", (4, None, 1, 0)),
        ("-0x80(%r13,%rbx,2)", (13, 3, 2, -0x80)),
        ("0x40(%rip)", ("rip", None, 1, 0x40)),
        ("(%rdx,%r12,4)", (2, 12, 4, 0)),
        ("0x1234", (None, None, 1, 0x1234))]


def regname(kind, width, num):
    if kind == "R":
        return GPR[width][num]
    if kind == "X":
        return "xmm%d" % num
    if kind == "Y":
        return "ymm%d" % num
    if kind == "P":
        return "mm%d" % num
    if kind == "S":
        return "st" if num == 0 else "st(%d)" % num
    if kind == "G":
        return SEG[num]
    raise ValueError(kind)


def reg_count(kind):
    return {"R": 16, "X": 16, "Y": 16, "P": 8, "S": 8, "G": 6}[kind]


def make_instances(spelling, ops, fixed, large, pseudo):
    """Instances of one family: a list of (text, [operand values]).
    FIXED: operand indexes held in register 0; LARGE: immediates that
    need their full size; PSEUDO: a gas {pseudo} prefix or ''."""
    insts = []
    nreg = 0
    for j in range(len(PROBE)):
        texts, vals = [], []
        for i, (k, w) in enumerate(ops):
            if k in REG_CLASSES:
                if i in fixed:
                    num = 0
                elif k == "G":
                    num = 4 + j % 2         # fs gs: push and pop take these
                else:
                    num = PROBE[j][nreg % 4] % reg_count(k)
                    if num == 0:
                        num = 5 if k != "G" else 3
                    nreg += 1
                texts.append("%" + regname(k, w, num))
                vals.append(("reg", num))
            elif k == "C":
                texts.append("%cl")
                vals.append(("reg", 1))
            elif k == "M":
                t, v = MEMS[j % len(MEMS)]
                texts.append(t)
                vals.append(("mem",) + v)
            elif k == "I":
                if large and w and w > 1:
                    v = {2: 0x1234 + j, 4: 0x12345678 + j, 8: 0x123456789abc + j}[w]
                else:
                    v = 0x12 + 0x11 * j
                texts.append("$0x%x" % v)
                vals.append(("imm", v))
        nreg = 0
        text = (pseudo + " " if pseudo else "") + spelling
        if texts:
            text += " " + ",".join(texts)
        insts.append((text, vals))
    return insts


# ------------------------------------------------------------ as batch

def assemble(asm, lines):
    """Bytes of each line (None where as rejects it), in one or two runs."""
    result = [None] * len(lines)
    todo = list(range(len(lines)))
    with tempfile.TemporaryDirectory() as d:
        for _ in range(3):
            src = os.path.join(d, "a.s")
            obj = os.path.join(d, "a.o")
            binf = os.path.join(d, "a.bin")
            with open(src, "w") as f:
                f.write("\t.text\n")
                for n, i in enumerate(todo):
                    f.write("I%d:\n\t%s\n" % (n, lines[i]))
                f.write("Iend:\n")
            p = subprocess.run([asm, "--64", "-o", obj, src], capture_output=True, text=True)
            if p.returncode != 0:
                bad = set()
                for m in re.finditer(r"a\.s:(\d+): Error", p.stderr):
                    ln = int(m.group(1))    # line 2n+3 holds instance n
                    bad.add((ln - 3) // 2)
                if not bad:
                    die("as failed:\n" + p.stderr[:2000])
                todo = [i for n, i in enumerate(todo) if n not in bad]
                continue
            subprocess.run(["objcopy", "-O", "binary", "--only-section=.text", obj, binf],
                           check=True)
            with open(binf, "rb") as f:
                text = f.read()
            nm = subprocess.run(["nm", obj], capture_output=True, text=True, check=True).stdout
            addr = {}
            for l in nm.split("\n"):
                parts = l.split()
                if len(parts) == 3 and parts[2].startswith("I"):
                    addr[parts[2]] = int(parts[0], 16)
            for n, i in enumerate(todo):
                a, b = addr["I%d" % n], addr["I%d" % (n + 1) if n + 1 < len(todo) else "Iend"]
                result[i] = text[a:b]
            return result
    die("as keeps failing")


# --------------------------------------------------------------- layouts
#
# A layout says where each operand is encoded: ("reg",) ModRM.reg,
# ("rm",) ModRM.rm, ("vvvv",), ("opc",) low bits of the last opcode byte,
# ("is4",) bits 7:4 of a trailing byte, ("imm", SIZE), ("fixed",) not
# encoded (a register the opcode implies, or %cl).

def read_mem(b, p, mod, rm, rex_x, rex_b):
    """ModRM memory operand at b[p] (after the ModRM byte): (value, p)."""
    base = index = None
    scale = 1
    if rm == 4:
        if p >= len(b):
            return None, p
        sib = b[p]
        p += 1
        scale = 1 << (sib >> 6)
        idx = ((sib >> 3) & 7) | (rex_x << 3)
        index = None if idx == 4 else idx
        bs = sib & 7
        if bs == 5 and mod == 0:
            base = None
            dsize = 4
        else:
            base = bs | (rex_b << 3)
            dsize = {0: 0, 1: 1, 2: 4}[mod]
    elif rm == 5 and mod == 0:
        base = "rip"
        dsize = 4
    else:
        base = rm | (rex_b << 3)
        dsize = {0: 0, 1: 1, 2: 4}[mod]
    if p + dsize > len(b):
        return None, p
    disp = int.from_bytes(b[p:p + dsize], "little", signed=True) if dsize else 0
    return ("mem", base, index, scale, disp), p + dsize


def decode(layout, ops, b):
    """Decode B with LAYOUT for operands OPS: (consts, values) or None."""
    vex, locs, has_modrm = layout
    n = len(b)
    p = 0
    pfx = []
    while p < n - 1 and b[p] in LEGACY_PFX + (0x9B,):
        pfx.append(b[p])
        p += 1
    rex = 0
    R = X = B = W = 0
    vvvv = None
    vexc = None
    if not vex:
        if p < n and 0x40 <= b[p] <= 0x4F:
            rex = b[p]
            p += 1
        W, R, X, B = (rex >> 3) & 1, (rex >> 2) & 1, (rex >> 1) & 1, rex & 1
        start = p
        if p < n and b[p] == 0x0F:
            p += 1
            if p < n and b[p] in (0x38, 0x3A):
                p += 1
        opmap = tuple(b[start:p])
    else:
        if pfx or p + 2 > n:
            return None
        if b[p] == 0xC5:
            v = b[p + 1]
            R, X, B, W, mm = 1 - (v >> 7), 0, 0, 0, 1
            p += 2
        elif b[p] == 0xC4 and p + 3 <= n:
            v1, v = b[p + 1], b[p + 2]
            R, X, B, mm = 1 - (v1 >> 7), 1 - ((v1 >> 6) & 1), 1 - ((v1 >> 5) & 1), v1 & 31
            W = v >> 7
            p += 3
        else:
            return None
        vvvv = (~v >> 3) & 15
        vexc = ((v >> 2) & 1, v & 3, mm)
        opmap = ()
    immsizes = [l[1] for l in reversed(locs) if l[0] == "imm"]
    tail = sum(immsizes) + (1 if any(l[0] == "is4" for l in locs) else 0)
    if has_modrm:
        if p >= n:
            return None
        opc = (b[p],)
        p += 1
    else:
        if n - tail <= p:
            return None
        opc = tuple(b[p:n - tail])
        p = n - tail
    vals = [None] * len(ops)
    opcl = list(opc)
    for i, l in enumerate(locs):
        if l[0] == "opc":
            if not opcl:
                return None
            vals[i] = ("reg", (opcl[-1] & 7) | (B << 3))
            opcl[-1] &= 0xF8
    digit = None
    if has_modrm:
        if p >= n:
            return None
        modrm = b[p]
        p += 1
        mod, reg, rm = modrm >> 6, (modrm >> 3) & 7, modrm & 7
        regops = [i for i, l in enumerate(locs) if l[0] == "reg"]
        if regops:
            vals[regops[0]] = ("reg", reg | (R << 3))
        else:
            digit = reg
        rmops = [i for i, l in enumerate(locs) if l[0] == "rm"]
        if not rmops:
            return None
        i = rmops[0]
        if mod == 3:
            if ops[i][0] == "M":
                return None
            vals[i] = ("reg", rm | (B << 3))
        else:
            if ops[i][0] != "M":
                return None
            v, p = read_mem(b, p, mod, rm, X, B)
            if v is None:
                return None
            vals[i] = v
    for i in reversed(range(len(locs))):
        l = locs[i]
        if l[0] == "imm":
            s = l[1]
            if p + s > n:
                return None
            vals[i] = ("imm", int.from_bytes(b[p:p + s], "little"), s)
            p += s
    for i, l in enumerate(locs):
        if l[0] == "is4":
            if p >= n or b[p] & 15:
                return None
            vals[i] = ("reg", b[p] >> 4)
            p += 1
        elif l[0] == "vvvv":
            vals[i] = ("reg", vvvv)
    tail = tuple(b[p:n])
    if tail and (not has_modrm or immsizes):
        return None
    if vex and not any(l[0] == "vvvv" for l in locs) and vvvv != 0:
        return None
    # Byte registers 4-7 are ah..bh without a REX prefix.
    for i, (k, w) in enumerate(ops):
        if k == "R" and w == 1 and vals[i] and vals[i][0] == "reg" and not vex \
                and not rex and 4 <= vals[i][1] <= 7 and locs[i][0] != "fixed":
            vals[i] = ("reg", "high%d" % vals[i][1])
    consts = (tuple(pfx), W, vexc, opmap, tuple(opcl), digit, tail)
    return consts, vals


def value_matches(got, want, kind, width):
    if want[0] == "reg":
        return got == want
    if want[0] == "mem":
        return got == want
    if want[0] == "imm":
        if got is None or got[0] != "imm":
            return False
        v, s = got[1], got[2]
        bits = 8 * (width or 8)
        if s * 8 < bits:            # sign-extended
            if v >= 1 << (8 * s - 1):
                v -= 1 << (8 * s)
        return (v - want[1]) % (1 << bits) == 0
    return False


def candidate_layouts(ops, vex, fixed):
    """All layouts for OPS, fewest fixed operands first."""
    per = []
    for i, (k, w) in enumerate(ops):
        if k == "I":
            sizes = [1] if w == 1 else sorted({1, min(w or 4, 4), w or 4})
            per.append([("imm", s) for s in sizes])
        elif k == "C":
            per.append([("fixed",)])
        elif k == "M":
            per.append([("rm",)])
        else:
            alts = [("reg",), ("rm",)]
            if k in "RSP" and not vex:
                alts.append(("opc",))
            if vex and k in "XYR":
                alts.append(("vvvv",))
            if vex and k in "XY":
                alts.append(("is4",))
            if i in fixed:
                alts = [("fixed",)]
            per.append(alts)
    layouts = [[]]
    for alts in per:
        layouts = [l + [a] for l in layouts for a in alts]
    out = []
    for l in layouts:
        names = [a[0] for a in l if a[0] not in ("imm", "fixed")]
        if len(names) != len(set(names)):
            continue
        if "rm" in names:
            out.append((vex, tuple(l), True))
        elif "reg" in names:
            continue
        else:
            out.append((vex, tuple(l), False))
            if "opc" not in names:
                pass
    return out


def explain(ops, vex, fixed, insts):
    """The layout and constants that explain every instance, or None."""
    good = [(t, v, b) for t, v, b in insts if b is not None]
    if len(good) < 2:
        return None
    found = []
    for layout in candidate_layouts(ops, vex, fixed):
        consts = None
        ok = True
        for t, want, b in good:
            r = decode(layout, ops, b)
            if r is None:
                ok = False
                break
            c, got = r
            if consts is None:
                consts = c
            elif c != consts:
                ok = False
                break
            for i, (k, w) in enumerate(ops):
                if layout[1][i][0] == "fixed":
                    continue
                if not value_matches(got[i], want[i], k, w):
                    ok = False
                    break
            if not ok:
                break
        if ok:
            fixedvals = tuple(want_fixed(good, i) for i in range(len(ops))
                              if layout[1][i][0] == "fixed")
            if None in fixedvals:
                continue
            found.append((layout, consts))
    if not found:
        return None
    return found


def want_fixed(good, i):
    vals = {tuple(v[i]) for _, v, _ in good}
    return vals.pop() if len(vals) == 1 else None


# --------------------------------------------------------------- output

def hexs(bs):
    return " ".join("%02x" % x for x in bs)


def enc_line(spelling, ops, layout, consts, sample):
    """One enc.tbl line."""
    vex, locs, has_modrm = layout
    pfx, W, vexc, opmap, opc, digit, tail = consts
    otoks = []
    for i, ((k, w), l) in enumerate(zip(ops, locs)):
        if l[0] == "fixed":
            otoks.append(sample[i])
        elif l[0] == "imm":
            sext = l[1] < (w or 8)
            otoks.append("%s%d" % ("simm" if sext else "imm", l[1]))
        else:
            kw = k + ("%d" % w if k in "RXYM" else "")
            otoks.append("%s:%s" % (l[0], kw))
    e = []
    if pfx:
        e.append(hexs(pfx))
    if vex:
        L, pp, mm = vexc
        e.append("vex.%s.%s.%s.w%d" % ("256" if L else "128", ("np", "66", "f3", "f2")[pp],
                                        {1: "0f", 2: "0f38", 3: "0f3a"}.get(mm, "m%d" % mm), W))
    elif W:
        e.append("rex.w")
    e.append(hexs(opmap + opc))
    if any(l[0] == "opc" for l in locs):
        e.append("+r")
    if has_modrm:
        e.append("/r" if digit is None else "/%d" % digit)
    if tail:
        e.append("ib=" + hexs(tail).replace(" ", ","))
    return "%-12s %-28s %s" % (spelling, ",".join(otoks) if otoks else "-", " ".join(e))


def derive(args):
    paths = args.tables or sorted(p for p in glob.glob(os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "*.tbl")) if not p.endswith("enc.tbl"))
    forms = parse_tables(paths)
    families = []          # (form, spelling, ops, fixed, texts)
    lines = []
    skipped = []           # (form, reason)
    for form in forms:
        variants, why = concrete_variants(form)
        if variants is None:
            skipped.append((form, why))
            continue
        for spelling, opsize, ops in variants:
            regs = [i for i, (k, _) in enumerate(ops) if k in REG_CLASSES]
            fixes = [()] + [(i,) for i in regs] + ([tuple(regs)] if len(regs) > 1 else [])
            larges = [False] + ([True] if any(k == "I" and (w or 0) > 1 for k, w in ops) else [])
            pseudos = [""] + (["{load}", "{store}"] if len(regs) >= 2 else []) \
                + (["{vex}"] if form.vex else [])
            for fixed in fixes:
                for large in larges:
                    for pseudo in pseudos:
                        if pseudo and fixed:
                            continue
                        insts = make_instances(spelling, ops, fixed, large, pseudo)
                        first = len(lines)
                        lines.extend(t for t, _ in insts)
                        families.append((form, spelling, ops, fixed, insts, first))
    sys.stderr.write("mkenc.py: %d forms, %d families, %d instances\n"
                     % (len(forms), len(families), len(lines)))
    code = assemble(args.asm, lines)
    out = []               # (spelling, ops, layout, consts, fixed values)
    lines_out = []
    seen = set()
    explained = set()
    reasons = {}
    for form, spelling, ops, fixed, insts, first in families:
        bs = code[first:first + len(insts)]
        full = [(t, v, b) for (t, v), b in zip(insts, bs) if b is not None]
        if len(full) < 2:
            reasons.setdefault(id(form), "gas takes none of %s" % insts[0][0])
            continue
        # Already explained by a line of this variant?
        prev = [r for r in out if r[0] == spelling and r[1] == ops]
        if prev and all(any(agrees(r, v, b) for r in prev) for t, v, b in full):
            explained.add(id(form))
            continue
        found = explain(ops, form.vex, fixed, full)
        if not found:
            reasons.setdefault(id(form), "no layout explains %s (%s)"
                               % (full[0][0], hexs(full[0][2])))
            if args.verbose:
                for t, v, b in full:
                    sys.stderr.write("  %s: %s\n" % (t, hexs(b)))
            continue
        if len(found) > 1 and args.verbose:
            sys.stderr.write("mkenc.py: %s: %d layouts fit, taking the first\n"
                             % (full[0][0], len(found)))
        layout, consts = found[0]
        opcode = consts[3] + consts[4]
        if not form.vex and opcode[0] in (0xC4, 0xC5, 0x62):
            reasons.setdefault(id(form), "VEX/EVEX bytes, but the form has no attr=vex (%s)"
                               % hexs(full[0][2]))
            continue
        if len(opcode) > 4 or len(consts[6]) > 4:
            reasons.setdefault(id(form), "more fixed bytes than enc.tbl holds (%s)"
                               % hexs(full[0][2]))
            continue
        fixedv = {i: full[0][1][i] for i in range(len(ops)) if layout[1][i][0] == "fixed"}
        out.append((spelling, ops, layout, consts, fixedv))
        explained.add(id(form))
        line = enc_line(spelling, ops, layout, consts, split_ops(full[0][0]))
        key = line.split(None, 1)[1]
        if key in seen:
            continue            # the same encoding under another spelling (sal: shl)
        seen.add(key)
        lines_out.append((form.src, line))
    missing = [(form, why) for form, why in skipped]
    for form in forms:
        if id(form) in reasons and id(form) not in explained:
            missing.append((form, reasons[id(form)]))
            explained.add(id(form))
    return lines_out, missing


def split_ops(text):
    t = text.split(None, 1)
    if t[0].startswith("{"):
        t = t[1].split(None, 1)
    if len(t) < 2:
        return []
    ops, depth, cur = [], 0, ""
    for c in t[1]:
        if c == "," and not depth:
            ops.append(cur)
            cur = ""
            continue
        depth += c == "("
        depth -= c == ")"
        cur += c
    ops.append(cur)
    return ops


def agrees(rec, want, b):
    """Whether line REC decodes bytes B to the operands WANT."""
    spelling, ops, layout, consts, fixedv = rec
    r = decode(layout, ops, b)
    if r is None or r[0] != consts:
        return False
    for i, (k, w) in enumerate(ops):
        if i in fixedv:
            if want[i] != fixedv[i]:
                return False
        elif not value_matches(r[1][i], want[i], k, w):
            return False
    return True


HEADER = """\
# enc.tbl -- machine encodings of the x86db forms, for decoding `.byte'
# sequences.  GENERATED by mkenc.py from the *.tbl forms and GNU as
# (%s); review the diff, do not edit by hand.
#
# SPELLING  OPERANDS  ENCODING
#
# SPELLING is what the decoder prints (the mnemonic, with the size
# suffix of forms that take one).  OPERANDS in AT&T order, ',' between:
#   reg:K  ModRM.reg     rm:K  ModRM.rm     vvvv:K  VEX.vvvv
#   opc:K  low 3 bits of the last opcode byte (+r)
#   is4:K  bits 7:4 of the trailing byte
#     K: R GPR, X xmm, Y ymm, P mmx, S st(i), G segment, M memory,
#        then the width in bytes (R4, X16, M8)
#   immN   an N-byte immediate; simmN: sign-extended to the operation
#          size (printed signed); immediates follow in Intel order
#          (the last AT&T immediate first)
#   %%reg   a register the opcode implies (not encoded)
# ENCODING: legacy prefixes (66 f2 f3 9b, exactly these, in this order),
#   rex.w, or vex.L.pp.map.wW; the opcode bytes (0f, 0f 38, 0f 3a
#   escapes included; without ModRM any fixed bytes that follow);
#   +r; /r (ModRM, reg from an operand) or /N (ModRM.reg = N).
"""


def main():
    ap = argparse.ArgumentParser(description="derive or check x86db/enc.tbl")
    ap.add_argument("--as", dest="asm", default=os.environ.get("AS", "as"))
    ap.add_argument("-o", dest="output")
    ap.add_argument("-v", dest="verbose", action="store_true")
    ap.add_argument("--check", metavar="DECODER")
    ap.add_argument("tables", nargs="*")
    args = ap.parse_args()
    if not shutil.which(args.asm) or not shutil.which("objcopy") or not shutil.which("nm"):
        sys.stderr.write("mkenc.py: %s, objcopy or nm not found\n" % args.asm)
        sys.exit(77)
    if args.check:
        sys.exit(check(args))
    lines, missing = derive(args)
    ver = subprocess.run([args.asm, "--version"], capture_output=True,
                         text=True).stdout.split("\n")[0]
    out = open(args.output, "w") if args.output else sys.stdout
    out.write(HEADER % ver)
    cur = None
    for src, line in lines:
        f = src.split(":")[0]
        if f != cur:
            out.write("\n# %s\n" % f)
            cur = f
        out.write(line + "\n")
    if missing:
        out.write("\n# Forms without an encoding here (decoded bytes of these are rejected):\n")
        for form, why in missing:
            out.write("#   %-12s %-22s %s\n" % (form.mnem, form.src, why))
    if args.output:
        out.close()
    sys.stderr.write("mkenc.py: %d encodings, %d forms without\n" % (len(lines), len(missing)))


# ---------------------------------------------------------------- check

def parse_enc(path):
    """The lines of enc.tbl: (lineno, spelling, [operand tokens], encoding)."""
    out = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            w = line.split(None, 2)
            ops = [] if w[1] == "-" else w[1].split(",")
            out.append((n, w[0], ops, w[2]))
    return out


def check_instances(spelling, toks):
    """Instances of one enc.tbl line, registers and addressing varied."""
    insts = []
    for j in range(len(PROBE)):
        texts = []
        nreg = 0
        for t in toks:
            if t.startswith("%"):
                texts.append(t)
            elif t.startswith("imm") or t.startswith("simm"):
                s = int(t.lstrip("simm"))
                if t.startswith("simm"):
                    v = [-1, -0x80, 0x7f, 5, -2, 0x12][j] if s == 1 else -0x12345678 + j
                    texts.append("$%d" % v)
                else:
                    v = [0xff, 0x80, 0x7f, 0x5, 0xfe, 0x12][j]
                    if s > 1:
                        v = v * (1 << (8 * s - 8)) + 0x1234 + j
                    texts.append("$0x%x" % v)
            else:
                loc, kw = t.split(":")
                k, w = kw[0], int(kw[1:]) if kw[1:] else 0
                if k == "M":
                    texts.append(MEMS[j % len(MEMS)][0])
                else:
                    num = PROBE[j][nreg % 4] % reg_count(k)
                    nreg += 1
                    if k == "R" and w == 1 and j == 5 and loc != "vvvv":
                        # ah..bh where no REX is needed
                        texts.append("%" + HIGH8[num % 4])
                        continue
                    texts.append("%" + regname(k, w, num))
        insts.append(spelling + (" " + ",".join(texts) if texts else ""))
    return insts


def check(args):
    enc = args.tables[0] if args.tables else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "enc.tbl")
    lines = parse_enc(enc)
    texts, owner = [], []
    vexline = {}
    for n, spelling, toks, e in lines:
        # gas takes EVEX for some forms that also have a VEX encoding
        vexline[n] = "{vex} " if e.startswith("vex.") else ""
        for t in check_instances(spelling, toks):
            texts.append(vexline[n] + t)
            owner.append(n)
    code = assemble(args.asm, texts)
    # Lines whose register choice gas refuses (ah with a REX register)
    # are dropped; every line must keep one instance.
    fails = 0
    kept = [(t, o, b) for t, o, b in zip(texts, owner, code) if b is not None]
    for n, *_ in lines:
        if not any(o == n for _, o, _ in kept):
            sys.stderr.write("%s:%d: gas takes no instance of this line\n" % (enc, n))
            fails += 1
    p = subprocess.run([args.check], input="".join(hexs(b) + "\n" for _, _, b in kept),
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write("mkenc.py: %s failed: %s\n" % (args.check, p.stderr))
        return 1
    dec = p.stdout.split("\n")
    again = []
    for (t, o, b), d in zip(kept, dec):
        parts = d.split("\t")
        if len(parts) != 2 or int(parts[0]) != len(b):
            sys.stderr.write("%s:%d: %s (%s): decoded as `%s'\n" % (enc, o, t, hexs(b), d))
            fails += 1
            again.append(None)
            continue
        # Another line's spelling of the same bytes (shl for sal) is
        # fine when it assembles back to them, checked below.
        again.append(vexline[o] + parts[1])
    code2 = assemble(args.asm, [a or "nop" for a in again])
    for (t, o, b), d, b2 in zip(kept, again, code2):
        if d is not None and b2 != b:
            sys.stderr.write("%s:%d: %s (%s) decodes to `%s', which is %s\n"
                             % (enc, o, t, hexs(b), d, hexs(b2) if b2 else "not assembled"))
            fails += 1
    sys.stderr.write("mkenc.py --check: %d instances of %d lines, %d failures\n"
                     % (len(kept), len(lines), fails))
    return 1 if fails else 0


if __name__ == "__main__":
    main()
