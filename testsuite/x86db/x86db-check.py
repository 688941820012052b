#!/usr/bin/env python3
"""x86db-check.py -- machine validation of the x86db instruction database.

Three checks, each over every form `safeasm-check --list=full' prints:

  parse   every form has a representative AT&T instance (one per size
          suffix) that the analyzer's parser matches to that very form
          (`safeasm-check --identify') and GNU as accepts;
  decode  the instances, assembled by GNU as in one run, decoded by
          capstone 4 in detail mode (capdecode.c): its implicit
          registers read/written and its EFLAGS (modified, undefined,
          reset, set, tested) must agree with x86db, unless a reviewed
          exception in decoder-exceptions.txt says why capstone is wrong;
  cpu     every instance without branch targets, stack or implicit
          memory whose CPUID features this CPU has runs from several
          random states (GPRs but %rsp, OSZAPC, xmm/ymm/zmm0-31, k0-7,
          mm0-7 for MMX forms, a 256-byte memory operand at
          x86db_mem(%rip)); every byte and flag that changes must be one
          x86db says may be written (explicit written operands, implicit
          writes, zero-extension of 32-bit GPR and VEX/EVEX vector
          writes, fw=/fu=), and the flags in f0= must be 0 afterwards.

Prints detail lines and, per check, one line
  RESULT CHECK PASS|FAIL|UNSUPPORTED SUMMARY
for x86db.exp.  Usage:
  x86db-check.py --check SAFEASM-CHECK --srcdir DIR --workdir DIR
                 [--cc CC] [--states N] [--checks parse,decode,cpu]
                 [--table FILE]   (read --list=full output from FILE)
"""

import argparse
import fnmatch
import itertools
import os
import re
import shlex
import subprocess
import sys

# ---------------------------------------------------------------- forms

FLAG_LETTERS = "CPAZSOD"
# RFLAGS bit of each x86db flag letter.
RFLAGS_BIT = {"C": 0, "P": 2, "A": 4, "Z": 6, "S": 7, "O": 11, "D": 10}


class Form:
    pass


def parse_forms(text):
    forms = []
    for line in text.splitlines():
        if not line.strip():
            continue
        w = shlex.split(line)
        f = Form()
        f.idx = int(w[0])
        f.mnem = w[1]
        kv = {}
        for item in w[2:]:
            k, _, v = item.partition("=")
            kv[k] = v
        f.sfx = "" if kv["sfx"] == "-" else kv["sfx"]
        f.ops = []
        f.opreg = []            # =REG: the one register an R operand may be
        if kv["ops"] != "-":
            for o in kv["ops"].split(","):
                acc, rest = o.split(":", 1)
                rest, _, fixed = rest.partition("=")
                kinds, width = rest.split("/")
                f.ops.append((set(acc), kinds, int(width)))
                f.opreg.append(fixed)
        f.imp = []
        f.impoff = []           # byte offset of each implicit register
        if kv["imp"] != "-":
            for o in kv["imp"].split(","):
                acc, rest = o.split(":", 1)
                reg, width = rest.rsplit("/", 1)
                reg, _, off = reg.partition("+")   # zmm0+16: bytes 16 on
                f.imp.append((set(acc), reg, int(width)))
                f.impoff.append(int(off or 0))
        for k in ("fr", "fw", "fu", "f0"):
            setattr(f, k, set() if kv[k] == "-" else set(kv[k]))
        f.attrs = set() if kv["attr"] == "-" else set(kv["attr"].split(","))
        f.flow = kv["flow"]
        f.stack = int(kv["stack"])
        f.x87 = int(kv["x87"])
        f.cls = kv["class"]
        f.feat = "" if kv["feat"] == "-" else kv["feat"]
        f.evex = "" if kv["evex"] == "-" else kv["evex"]
        f.bcst = int(kv["bcst"])
        f.group = kv.get("group", "")
        f.why = kv.get("why", "")
        forms.append(f)
    return forms


def form_desc(f):
    ops = ",".join("%s:%s%s" % ("".join(sorted(a)), k, "/%d" % w if w else "")
                   for a, k, w in f.ops) or "-"
    return "%s [%d] sfx=%s ops=%s" % (f.mnem, f.idx, f.sfx or "-", ops)


# ------------------------------------------------------------ registers

GPR = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
       "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"]
GPR32 = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"] + \
    ["r%dd" % i for i in range(8, 16)]
GPR16 = ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di"] + \
    ["r%dw" % i for i in range(8, 16)]
GPR8 = ["al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil"] + \
    ["r%db" % i for i in range(8, 16)]
GPR_BY_WIDTH = {8: GPR, 4: GPR32, 2: GPR16, 1: GPR8}


def base_reg(name):
    """The architectural register a name (x86db or capstone) is a part
    of: ('gpr', n), ('vec', n), ('k', n), ('mm', n), ('st', n), or
    (name, 0) for the others (rflags, rip, fpsw, mxcsr, segments)."""
    n = name.lower().strip("%")
    for tab in (GPR, GPR32, GPR16, GPR8):
        if n in tab:
            return ("gpr", tab.index(n))
    if n in ("ah", "ch", "dh", "bh"):
        return ("gpr", ["ah", "ch", "dh", "bh"].index(n))
    m = re.fullmatch(r"[xyz]mm(\d+)", n)
    if m:
        return ("vec", int(m.group(1)))
    m = re.fullmatch(r"k(\d)", n)
    if m:
        return ("k", int(m.group(1)))
    m = re.fullmatch(r"mm(\d)", n)
    if m:
        return ("mm", int(m.group(1)))
    if n in ("st", "st0", "st(0)"):
        return ("st", 0)
    m = re.fullmatch(r"st\(?(\d)\)?", n)
    if m:
        return ("st", int(m.group(1)))
    if n in ("eflags", "rflags", "flags"):
        return ("flags", 0)
    if n in ("eip", "rip", "ip"):
        return ("rip", 0)
    if n in ("fpsw", "fpsr"):
        return ("fpsw", 0)
    if n in ("fpcw",):
        return ("fpcw", 0)
    return (n, 0)


def reg_text(b):
    kind, n = b
    if kind == "gpr":
        return GPR[n]
    if kind == "vec":
        return "xmm%d" % n
    if kind in ("k", "mm"):
        return "%s%d" % (kind, n)
    if kind == "st":
        return "st(%d)" % n
    return kind


# ------------------------------------------------------------ instances

SFX_SIZE = {"b": 1, "w": 2, "l": 4, "q": 8}
GPR_POOL = ["rbx", "rsi", "rdi", "r8", "r9", "r10", "r11", "rdx", "rcx",
            "rax", "r12", "r13", "r14", "r15", "rbp"]
MEM = "x86db_mem(%rip)"
LABEL = "1f"                    # each instance is followed by "1:"
# Legacy SSE forms whose first operand can only be %xmm0.
XMM0_FIRST = {"blendvps", "blendvpd", "pblendvb", "sha256rnds2"}


class Inst:
    """One instance of a form: its text and what each operand is."""
    pass


def op_choices(kinds):
    """An operand's choices in the order tried: registers first."""
    out = []
    for k in "RXYZKPSGC":
        if k in kinds:
            out.append(k)
    for k in "MIAL":
        if k in kinds:
            out.append(k)
    # C and R both: %cl is a register of R as well, keep one of them.
    if "C" in out and "R" in out:
        out.remove("R")
    return out


def instances(f, limit=24):
    """Candidate instances of F, best first, for each suffix."""
    res = []
    imp_bases = set(base_reg(r) for _, r, _ in f.imp)
    imp_bases |= set(base_reg(r) for r in f.opreg if r)
    gpool = [r for r in GPR_POOL if ("gpr", GPR.index(r)) not in imp_bases
             and r != "rcx"]
    evex = bool(f.evex)
    for sfx in (list(f.sfx) or [""]):
        opsize = SFX_SIZE.get(sfx, 0)
        choices = [op_choices(k) for _, k, _ in f.ops]
        combos = list(itertools.islice(itertools.product(*choices), limit))
        masked_variants = [False, True] if evex else [False]
        for masked in masked_variants:
            for combo in combos:
                inst = build(f, sfx, opsize, combo, gpool, evex, masked)
                if inst:
                    res.append(inst)
    return res


def build(f, sfx, opsize, combo, gpool, evex, masked):
    gi = vi = ki = mi = 0
    texts = []
    ops = []
    nS = sum(1 for c in combo if c == "S")
    sseen = 0
    for j, c in enumerate(combo):
        acc, kinds, width = f.ops[j]
        w = width or opsize
        d = {"kind": c, "acc": acc, "width": width}
        if c == "R" and f.opreg[j]:
            if not w:
                w = 4 if not opsize else opsize
            n = base_reg(f.opreg[j])[1]
            t = "%" + GPR_BY_WIDTH[w][n]
            d.update(reg=("gpr", n), bytes=w)
        elif c == "R":
            if not w:
                w = 4
            if gi >= len(gpool):
                return None
            r = gpool[gi]
            gi += 1
            t = "%" + GPR_BY_WIDTH[w][GPR.index(r)] if w in GPR_BY_WIDTH else None
            if t is None:
                return None
            d.update(reg=("gpr", GPR.index(r)), bytes=w)
        elif c == "C":
            t = "%cl"
            d.update(reg=("gpr", 1), bytes=1)
        elif c in "XYZ":
            n = (17 if evex else 1) + vi
            vi += 1
            if j == 0 and f.mnem in XMM0_FIRST:
                n, vi = 0, vi - 1
            t = "%%%smm%d" % (c.lower(), n)
            d.update(reg=("vec", n), bytes={"X": 16, "Y": 32, "Z": 64}[c])
        elif c == "K":
            n = 2 + ki
            ki += 1
            t = "%%k%d" % n
            d.update(reg=("k", n), bytes=8)
        elif c == "P":
            n = 1 + mi
            mi += 1
            t = "%%mm%d" % n
            d.update(reg=("mm", n), bytes=8)
        elif c == "S":
            sseen += 1
            if nS == 2:
                # faddp %st, %st(1) writes st(1); fcomip %st(1), %st and
                # fadd %st(1), %st name st last.
                first_st = f.x87 < 0 and bool(f.ops[-1][0] & {"w", "c"})
                n = (0 if first_st else 1) if sseen == 1 else (1 if first_st else 0)
            else:
                n = 1
            t = "%st" if n == 0 else "%%st(%d)" % n
            d.update(reg=("st", n), bytes=10)
        elif c == "G":
            # %fs: the one segment register every G form takes in 64-bit
            # mode (push/pop %ds are invalid there).
            t = "%fs"
            d.update(reg=("fs", 0), bytes=2)
        elif c == "M" or c == "A":
            t = "x86db_mem" if f.mnem == "movabs" else MEM
            d.update(mem=True, bytes=w)
        elif c == "I":
            t = "$3"
        elif c == "L":
            t = LABEL
        else:
            return None
        if f.flow in ("jmp", "call") and c in "RM":
            t = "*" + t
        texts.append(t)
        ops.append(d)
    if masked:
        if not ops or ops[-1]["kind"] not in "XYZM":
            return None
        texts[-1] += "{%k1}"
    inst = Inst()
    inst.form = f
    inst.sfx = sfx
    inst.text = f.mnem + sfx + (" " + ", ".join(texts) if texts else "")
    inst.ops = ops
    inst.combo = combo
    inst.masked = masked
    inst.regonly = all(c not in "MAL" for c in combo)
    return inst


# ------------------------------------------------------------ utilities

def run(cmd, inp=None, cwd=None):
    p = subprocess.run(cmd, input=inp, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, universal_newlines=True, cwd=cwd)
    return p.returncode, p.stdout, p.stderr


def log(*a):
    print(*a)
    sys.stdout.flush()


def identify(check, insts):
    text = "".join(i.text + "\n" for i in insts)
    rc, out, err = run([check, "--identify"], text)
    lines = out.splitlines()
    if rc != 0 or len(lines) != len(insts):
        raise SystemExit("safeasm-check --identify failed: %s" % err)
    for i, l in zip(insts, lines):
        w = l.split(" ", 2)
        if w[0] == "-":
            i.ident, i.opsize, i.why = -1, 0, l[2:]
        else:
            i.ident, i.opsize, i.why = int(w[0]), int(w[1]), ""


def assemble(insts, workdir, name):
    """Assemble INSTS with GNU as (one run; a second without the ones it
    rejects).  Sets inst.asm_error and inst.code (bytes)."""
    for i in insts:
        i.asm_error = None
        i.code = None
    todo = list(insts)
    src = os.path.join(workdir, name + ".s")
    obj = os.path.join(workdir, name + ".o")
    for attempt in range(3):
        with open(src, "w") as fp:
            fp.write("\t.text\n")
            lines = {}
            ln = 2
            for k, i in enumerate(todo):
                fp.write("x86db_i%d:\n\t%s\n1:\n" % (k, i.text))
                lines[ln + 1] = i
                ln += 3
            fp.write("x86db_iend:\n\tnop\n\t.bss\n\t.p2align 6\nx86db_mem:\n\t.zero 256\n")
        rc, out, err = run(["as", "--64", "-o", obj, src])
        bad = {}
        for l in err.splitlines():
            m = re.match(r".*\.s:(\d+): (Error|Warning): (.*)", l)
            if m and m.group(2) == "Warning" and int(m.group(1)) in lines:
                i = lines[int(m.group(1))]
                if attempt == 0:
                    log("NOTE parse: GNU as warns on `%s`: %s" % (i.text, m.group(3)))
                continue
            if m and int(m.group(1)) in lines:
                bad.setdefault(lines[int(m.group(1))], []).append(
                    m.group(2) + ": " + m.group(3))
        for i, msgs in bad.items():
            i.asm_error = "; ".join(msgs)
        if rc == 0 and not bad:
            break
        if rc != 0 and not bad:
            raise SystemExit("as failed: " + err[:2000])
        todo = [i for i in todo if i.asm_error is None]
    else:
        raise SystemExit("as keeps failing")
    # Bytes: symbols from nm, .text from objcopy.
    rc, out, err = run(["nm", obj])
    addr = {}
    for l in out.splitlines():
        w = l.split()
        if len(w) == 3 and w[2].startswith("x86db_i"):
            addr[w[2]] = int(w[0], 16)
    binf = os.path.join(workdir, name + ".bin")
    rc, out, err = run(["objcopy", "-O", "binary", "-j", ".text", obj, binf])
    if rc != 0:
        raise SystemExit("objcopy failed: " + err)
    data = open(binf, "rb").read()
    for k, i in enumerate(todo):
        a, b = addr["x86db_i%d" % k], addr["x86db_i%d" % (k + 1)] if k + 1 < len(todo) \
            else addr["x86db_iend"]
        i.code = data[a:b]


# ------------------------------------------------------------ check 1: parse

def check_parse(forms, check, workdir):
    """Choose each (form, suffix) an instance; returns (units, failures).
    A unit is the list of instances of one form and suffix that the
    analyzer matches to the form, best first."""
    cands = []
    for f in forms:
        cands.extend(instances(f))
    identify(check, cands)
    by = {}
    for i in cands:
        by.setdefault((i.form.idx, i.sfx), []).append(i)
    units = []
    fails = []
    for f in forms:
        for sfx in (list(f.sfx) or [""]):
            lst = by.get((f.idx, sfx), [])
            good = [i for i in lst if i.ident == f.idx]
            if not good:
                if lst:
                    i = lst[0]
                    got = ("form [%d] %s" % (i.ident, forms[i.ident].mnem)
                           if i.ident >= 0 else i.why)
                    fails.append("%s: `%s` identified as %s" % (form_desc(f), i.text, got))
                else:
                    fails.append("%s: no instance can be written" % form_desc(f))
                continue
            units.append(good)
    # GNU as must take the chosen instance (and the executable extra one).
    chosen = [u[0] for u in units]
    extra = [next((i for i in u[1:] if not i.regonly and u[0].regonly), None)
             for u in units]
    assemble(chosen + [e for e in extra if e], workdir, "parse")
    vsib = 0
    for u, e in zip(units, extra):
        if u[0].asm_error and re.search(r"gather|scatter", u[0].form.mnem):
            # A VSIB address (vector index) and a mask: the generator
            # does not write these yet.
            vsib += 1
            continue
        if u[0].asm_error:
            fails.append("%s: GNU as rejects `%s`: %s"
                         % (form_desc(u[0].form), u[0].text, u[0].asm_error))
        if e and e.asm_error:
            u.remove(e)
    units = [u for u in units if not u[0].asm_error]
    if vsib:
        log("NOTE parse: %d gather/scatter instance(s) not checked: the generator writes no"
            " VSIB address" % vsib)
    return units, fails


# ------------------------------------------------------------ check 2: decode

def load_exceptions(path):
    """decoder-exceptions.txt: MNEMONIC FIELD VALUE REASON... lines;
    MNEMONIC may be a shell pattern (cmp*ps)."""
    exc = {}
    bad = []
    if not os.path.exists(path):
        return exc, bad
    for n, l in enumerate(open(path), 1):
        l = l.strip()
        if not l or l.startswith("#"):
            continue
        w = l.split(None, 3)
        if len(w) < 4:
            bad.append("%s:%d: needs MNEMONIC FIELD VALUE REASON" % (path, n))
            continue
        exc[(w[0], w[1], w[2])] = [w[3], 0]
    return exc, bad


def x86db_imp_sets(f):
    rd, wr = set(), set()
    for acc, reg, _ in f.imp:
        b = base_reg(reg)
        if "r" in acc or "m" in acc:
            rd.add(b)
        if "w" in acc and "m" not in acc:
            wr.add(b)
        if "m" in acc and "w" in acc:
            pass  # memory written through the register
    return rd, wr


IGNORED_CS = {"rip", "flags", "fpsw", "fpcw", "mxcsr"}


def check_decode(units, workdir, srcdir, cc):
    exe = os.path.join(workdir, "capdecode")
    rc, out, err = run([cc, "-std=c11", "-O1", "-o", exe,
                        os.path.join(srcdir, "capdecode.c"), "-lcapstone"])
    if rc != 0:
        return None, ["cannot build capdecode with capstone: " + err.strip()[:400]], {}
    insts = [u[0] for u in units if u[0].code]
    text = "".join("%d %s\n" % (k, i.code.hex()) for k, i in enumerate(insts))
    rc, out, err = run([exe], text)
    if rc != 0:
        return None, ["capdecode failed: " + err], {}
    exc, bad = load_exceptions(os.path.join(srcdir, "decoder-exceptions.txt"))
    fails = list(bad)
    stats = {"units": len(insts), "undecoded": 0, "compared": 0, "excepted": 0, "notes": 0,
             "rejected": 0}
    undecoded = []
    for l in out.splitlines():
        k, _, rest = l.partition(" ")
        i = insts[int(k)]
        f = i.form
        if rest == "!":
            stats["undecoded"] += 1
            undecoded.append(i.text)
            continue
        if f.cls in ("priv", "reject"):
            # The analyzer rejects these outright: their effects are
            # never used, and x86db need not (and does not) model them.
            stats["rejected"] += 1
            continue
        stats["compared"] += 1
        mn, opstr, rd, wr, fl = rest.split("|")
        cs_rd = set(base_reg(r) for r in rd.split(",")) if rd != "-" else set()
        cs_wr = set(base_reg(r) for r in wr.split(",")) if wr != "-" else set()
        cs_reads_flags = ("flags", 0) in cs_rd
        cs_rd = set(b for b in cs_rd if b[0] not in IGNORED_CS)
        cs_wr = set(b for b in cs_wr if b[0] not in IGNORED_CS)
        # Explicit operands are not implicit ones (capstone lists %cl of
        # shifts, x87 st(0) of two-operand forms as implicit sometimes).
        explicit = set(o["reg"] for o in i.ops if "reg" in o)
        db_rd, db_wr = x86db_imp_sets(f)
        db_rd = set(b for b in db_rd if b[0] not in IGNORED_CS)
        db_wr = set(b for b in db_wr if b[0] not in IGNORED_CS)
        if fl == "fpu":
            # capstone 4 does not list the x87 stack registers an x87
            # instruction uses implicitly; the CPU check covers the rest.
            cs_rd = set(b for b in cs_rd if b[0] != "st")
            cs_wr = set(b for b in cs_wr if b[0] != "st")
            db_rd = set(b for b in db_rd if b[0] != "st")
            db_wr = set(b for b in db_wr if b[0] != "st")
        if any(o["kind"] == "P" for o in i.ops) or f.mnem == "emms" or \
                any(base_reg(r)[0] == "mm" for _, r, _ in f.imp):
            # MMX registers alias the x87 stack, which x86db records as
            # written (st0-7); capstone 4 does not model the aliasing.
            db_rd = set(b for b in db_rd if b[0] != "st")
            db_wr = set(b for b in db_wr if b[0] != "st")
        problems = []
        notes = []

        def diff(field, a, b, what):
            for r in sorted(a - b - explicit):
                problems.append((field, reg_text(r), what))

        diff("imp-read", cs_rd, db_rd, "capstone reads it, x86db does not")
        diff("imp-read", db_rd, cs_rd, "x86db reads it, capstone does not")
        diff("imp-write", cs_wr, db_wr, "capstone writes it, x86db does not")
        diff("imp-write", db_wr, cs_wr, "x86db writes it, capstone does not")
        if fl.startswith("flags"):
            cf = dict(x.split("=") for x in fl.split()[1:])
            cf = {k: set() if v == "-" else set(v) for k, v in cf.items()}
            cs_change = cf["m"] | cf["u"] | cf["0"] | cf["1"]
            db_change = f.fw | f.fu
            for fl_ in sorted(cs_change - db_change):
                problems.append(("flags-write", fl_, "capstone changes it, x86db does not"))
            for fl_ in sorted(db_change - cs_change):
                problems.append(("flags-write", fl_, "x86db changes it, capstone does not"))
            for fl_ in sorted((cf["u"] - cf["m"]) & f.fw - f.fu):
                problems.append(("flags-undef", fl_, "capstone: undefined, x86db: defined"))
            # A flag x86db says is cleared and capstone only "modified":
            # capstone 4 often omits the reset; the CPU check tests f0=.
            for fl_ in sorted(f.f0 - cf["0"] - cf["m"]):
                problems.append(("flags-zero", fl_, "x86db: cleared, capstone: not"))
            for fl_ in sorted(f.f0 & cf["m"] - cf["0"]):
                notes.append("flags-zero %s x86db: cleared, capstone: modified" % fl_)
            # Where x86db is only less precise than capstone (a flag it
            # calls undefined, a cleared flag it just calls written),
            # a note: x86db claims less, which is safe.
            for fl_ in sorted(f.fu & (cf["m"] | cf["0"] | cf["1"]) - cf["u"]):
                notes.append("flags-undef %s x86db: undefined, capstone: defined" % fl_)
            for fl_ in sorted(cf["0"] & f.fw - f.f0):
                notes.append("flags-zero %s capstone: cleared, x86db: written" % fl_)
            # Reads: capstone 4 lists rflags as read without saying
            # which flags for many instructions; compare when it says.
            # DF is 0 at every asm statement (the ABI): not compared.
            if cf["t"] or not cs_reads_flags:
                for fl_ in sorted(cf["t"] - f.fr - {"D"}):
                    problems.append(("flags-read", fl_, "capstone reads it, x86db does not"))
                for fl_ in sorted(f.fr - cf["t"] - {"D"}):
                    problems.append(("flags-read", fl_, "x86db reads it, capstone does not"))
        if notes:
            stats["notes"] += 1
            log("NOTE decode: %s `%s`: %s" % (form_desc(f), i.text, "; ".join(notes)))
        real = []
        for field, val, what in problems:
            key = None
            for (m, fld, v) in exc:
                if fld == field and v in (val, "*") and not key and \
                        (fnmatch.fnmatchcase(f.mnem, m) or fnmatch.fnmatchcase(f.mnem + i.sfx, m)):
                    key = (m, fld, v)
            if key:
                exc[key][1] += 1
                stats["excepted"] += 1
            else:
                real.append("%s %s %s" % (field, val, what))
                log("MISMATCH %s %s %s" % (f.mnem, field, val))
        if real:
            fails.append("%s: `%s` = %s %s: %s" % (form_desc(f), i.text, mn, opstr,
                                                    "; ".join(real)))
    for key, (reason, used) in exc.items():
        if not used:
            log("NOTE decode: exception %s %s %s matched nothing" % key)
    if undecoded:
        log("NOTE decode: capstone 4 cannot decode %d instance(s): %s"
            % (len(undecoded), ", ".join(undecoded[:40]) + (" ..." if len(undecoded) > 40 else "")))
    return stats, fails, exc


# ------------------------------------------------------------ check 3: cpu

FEATURE_ALIAS = {"sse3": "pni", "sha": "shani", "lzcnt": "abm", "prefetchw": "3dnowprefetch",
                 "x87": "fpu", "pclmul": "pclmulqdq", "fsgsbase": "fsgsbase",
                 "cx16": "cx16", "sse4a": "sse4a"}
# Never executed: they change state the harness lives in (memory
# protection keys, segment bases, the FPU/SSE environment it restores
# by hand), wait, or are not meant for user space.
DENY = {"wrpkru", "wrfsbase", "wrgsbase", "xsetbv", "xrstor", "xrstor64", "xrstors",
        "xrstors64", "fxrstor", "fxrstor64", "umwait", "tpause", "mwait", "monitor",
        "umonitor", "lfs", "lgs", "lss", "xbegin", "xend", "xabort", "enqcmd",
        "enqcmds", "fldenv", "frstor", "fnrstor", "clui", "stui", "senduipi", "hreset",
        "xresldtrk", "xsusldtrk", "rdpkru"}


def norm_feat(s):
    s = s.lower().replace("_", "").replace(".", "").replace("-", "")
    return FEATURE_ALIAS.get(s, s).replace("_", "")


def cpu_flags():
    try:
        for l in open("/proc/cpuinfo"):
            if l.startswith("flags"):
                return set(norm_feat(x) for x in l.split(":", 1)[1].split())
    except OSError:
        pass
    return None


def executable(i):
    """Why instance I cannot run in the harness, or None."""
    f = i.form
    if f.cls not in ("safe", "nondet"):
        return "class=" + f.cls
    if f.flow != "-":
        return "flow"
    if f.stack:
        return "stack"
    if f.x87 or any(c == "S" for c in i.combo) or \
            any(base_reg(r)[0] in ("st",) for _, r, _ in f.imp):
        return "x87"
    if f.mnem in DENY:
        return "denied"
    if f.mnem in ("bt", "bts", "btr", "btc") and not i.regonly and \
            any(o["kind"] == "R" for o in i.ops):
        # The bit offset in a register is signed and addresses memory
        # up to 2^63 bits away from the operand (SDM BT): it would write
        # into the harness.
        return "bit offset outside the operand"
    for acc, reg, _ in f.imp:
        b = base_reg(reg)
        if "m" in acc:
            return "implicit memory"
        if b == ("gpr", 4) or b[0] in ("rip", "es", "cs", "ss", "ds", "fs", "gs"):
            return "implicit " + reg
    for o in i.ops:
        if o["kind"] in "L":
            return "label"
        if o["kind"] == "G" and o["acc"] & {"w"}:
            return "segment write"
        if o.get("mem") and o["bytes"] > 256:
            return "memory > 256 bytes"
    return None


def features_missing(f, have):
    need = []
    for s in (f.feat, f.evex):
        if s:
            need.extend(s.split("+"))
    return [n for n in need if norm_feat(n) not in have]


def allowed(i):
    """What instance I may change: dict of masks."""
    f = i.form
    a = {"gpr": [0] * 16, "vec": [0] * 32, "k": [0] * 8, "mm": [0] * 8,
         "mem": 0, "flags": 0, "f0": 0}
    opsize = i.opsize or 8
    vexz = "vex" in f.attrs or "evex" in f.attrs

    def bytemask(n, off=0):
        return ((1 << n) - 1) << off

    def write(b, nbytes, zx, offset=0):
        kind, n = b
        if kind == "gpr" and offset:
            a["gpr"][n] |= bytemask(offset + nbytes) & ~bytemask(offset)
        elif kind == "gpr":
            a["gpr"][n] |= bytemask(8 if zx or nbytes == 4 else nbytes)
        elif kind == "vec":
            a["vec"][n] |= bytemask(64 if zx else nbytes)
        elif kind == "k":
            a["k"][n] |= bytemask(8)
        elif kind == "mm":
            a["mm"][n] |= bytemask(8)

    for o in i.ops:
        if not (o["acc"] & {"w", "c"}):
            continue
        w = o["width"] or (opsize if o["kind"] in "RMA" else 0)
        if o.get("mem"):
            a["mem"] |= bytemask(w or opsize)
        elif "reg" in o:
            nb = o["bytes"] if o["kind"] not in "RC" else (w or o["bytes"])
            if o["kind"] in "XYZ" and o["width"]:
                nb = o["width"]
            write(o["reg"], nb, "z" in o["acc"] or (vexz and o["kind"] in "XYZ"))
    for (acc, reg, w), off in zip(f.imp, f.impoff):
        if "w" not in acc or "m" in acc:
            continue
        b = base_reg(reg)
        nb = w or opsize
        if off and b[0] == "vec":   # vzeroupper: bytes 16 on, xmm kept
            a["vec"][b[1]] |= bytemask(nb, off)
            continue
        write(b, nb, "z" in acc, 1 if reg in ("ah", "ch", "dh", "bh") else 0)
    for fl in f.fw | f.fu:
        a["flags"] |= 1 << RFLAGS_BIT[fl]
    for fl in f.f0:
        a["f0"] |= 1 << RFLAGS_BIT[fl]
    return a


# No read check: their results legitimately change from run to run
# (cpuid's per-processor leaves; the other classes are not pure).
NO_DEP = {"cpuid"}


def readmask(i):
    """What instance I may read, as allowed() masks; None when its
    result may not be a function of its inputs (no read check)."""
    f = i.form
    if f.cls != "safe" or f.mnem in NO_DEP:
        return None
    a = {"gpr": [0] * 16, "vec": [0] * 32, "k": [0] * 8, "mm": [0] * 8,
         "mem": 0, "flags": 0, "f0": 0}
    opsize = i.opsize or 8
    full = {"gpr": 8, "vec": 64, "k": 8, "mm": 8}

    def rd(b, nbytes, offset=0):
        kind, n = b
        if kind in full:
            a[kind][n] |= ((1 << nbytes) - 1) << offset

    for o in i.ops:
        acc = o["acc"]
        if not (acc & {"r", "c"}):
            continue
        w = o["width"] or (opsize if o["kind"] in "RMA" else 0)
        if o.get("mem"):
            a["mem"] |= (1 << (w or opsize)) - 1
        elif "reg" in o:
            nb = o["bytes"] if o["kind"] not in "RC" else (w or o["bytes"])
            if o["kind"] in "XYZ" and o["width"]:
                nb = o["width"]
            if "c" in acc:      # a conditional write keeps the old value
                nb = full.get(o["reg"][0], nb)
            rd(o["reg"], nb)
    for acc, reg, w in f.imp:
        if "m" in acc or not (acc & {"r", "s", "c"}):
            continue
        b = base_reg(reg)
        if "c" in acc:
            rd(b, full.get(b[0], 8))
        else:
            rd(b, w or opsize, 1 if reg in ("ah", "ch", "dh", "bh") else 0)
    for fl in f.fr:
        a["flags"] |= 1 << RFLAGS_BIT[fl]
    if i.masked:                # {%k1}: the mask, and the merged destination
        a["k"][1] = 0xff
        d = i.ops[-1]
        if "reg" in d:
            rd(d["reg"], 64)
        elif d.get("mem"):
            a["mem"] |= (1 << 256) - 1
    return a


HARNESS_OFF = {"gpr": 0, "flags": 128, "vec": 192, "k": 192 + 2048, "mm": 192 + 2048 + 64}


def gen_asm(units):
    o = []
    P = o.append
    P("\t.set x86db_mem, x86db_area+8192")
    P("\t.text")
    # x86db_load: vectors, masks, GPRs, then flags; x86db_store: the
    # reverse, flags first.
    for name, store in (("x86db_load", False), ("x86db_store", True)):
        P("\t.globl %s\n\t.type %s,@function\n%s:" % (name, name, name))
        if store:
            P("\tpushfq\n\tpopq x86db_out+128(%rip)")
            for n, r in enumerate(GPR):
                if r != "rsp":
                    P("\tmovq %%%s, x86db_out+%d(%%rip)" % (r, 8 * n))
            P("\tcld")
        st = "x86db_out" if store else "x86db_in"

        def mv(insn, reg, off):
            if store:
                P("\t%s %%%s, %s+%d(%%rip)" % (insn, reg, st, off))
            else:
                P("\t%s %s+%d(%%rip), %%%s" % (insn, st, off, reg))
        P("\tcmpl $2, x86db_level(%rip)\n\tjb 1f")
        for n in range(32):
            mv("vmovdqu64", "zmm%d" % n, 192 + 64 * n)
        P("\tcmpl $3, x86db_level(%rip)\n\tjb 4f")
        for n in range(8):
            mv("kmovq", "k%d" % n, HARNESS_OFF["k"] + 8 * n)
        P("\tjmp 3f\n4:")
        for n in range(8):
            mv("kmovw", "k%d" % n, HARNESS_OFF["k"] + 8 * n)
        P("\tjmp 3f\n1:\tcmpl $1, x86db_level(%rip)\n\tjb 2f")
        for n in range(16):
            mv("vmovdqu", "ymm%d" % n, 192 + 64 * n)
        P("\tjmp 3f\n2:")
        for n in range(16):
            mv("movdqu", "xmm%d" % n, 192 + 64 * n)
        P("3:")
        if store:
            P("\tvzeroupper" if False else "")
            P("\tret")
        else:
            for n, r in enumerate(GPR):
                if r != "rsp":
                    P("\tmovq x86db_in+%d(%%rip), %%%s" % (8 * n, r))
            P("\tpushq x86db_in+128(%rip)\n\tpopfq\n\tret")
    P("\t.globl x86db_load_mmx\nx86db_load_mmx:")
    for n in range(8):
        P("\tmovq x86db_in+%d(%%rip), %%mm%d" % (HARNESS_OFF["mm"] + 8 * n, n))
    P("\tjmp x86db_load")
    P("\t.globl x86db_store_mmx\nx86db_store_mmx:")
    P("\tpushfq\n\tpopq x86db_out+128(%rip)")
    for n in range(8):
        P("\tmovq %%mm%d, x86db_out+%d(%%rip)" % (n, HARNESS_OFF["mm"] + 8 * n))
    P("\temms\n\tpushq x86db_out+128(%rip)\n\tpopfq\n\tjmp x86db_store")
    for k, i in enumerate(units):
        sfx = "_mmx" if i.mmx else ""
        P("\t.globl x86db_u%d\nx86db_u%d:" % (k, k))
        P("\tpush %rbx\n\tpush %rbp\n\tpush %r12\n\tpush %r13\n\tpush %r14\n\tpush %r15")
        P("\tcall x86db_load%s" % sfx)
        P("\t" + i.text)
        P("\tcall x86db_store%s" % sfx)
        P("\tpop %r15\n\tpop %r14\n\tpop %r13\n\tpop %r12\n\tpop %rbp\n\tpop %rbx\n\tret")
    P("\t.section .note.GNU-stack,\"\",@progbits")
    return "\n".join(x for x in o if x != "") + "\n"


def gen_data(units):
    o = ["/* generated by x86db-check.py */", "#include \"harness.h\"",
         "const unsigned x86db_nunits = %d;" % len(units)]
    for k in range(len(units)):
        o.append("extern void x86db_u%d (void);" % k)
    o.append("void (*const x86db_units[]) (void) = {")
    o.extend("  x86db_u%d," % k for k in range(len(units)))
    o.append("};")
    o.append("const struct allow x86db_allow[] = {")
    o.extend(allow_init(i.allow, i.mmx, i.form) for i in units)
    o.append("};")
    # The read check: what each instance may read (dep = 0: no check).
    o.append("const struct allow x86db_reads[] = {")
    o.extend(allow_init(i.reads, i.mmx, None) if i.reads else "  { .dep = 0 },"
             for i in units)
    o.append("};")
    return "\n".join(o) + "\n"


def allow_init(a, mmx, form):
    """A struct allow initializer for masks A; FORM gives the written
    flags whose values are defined (fw, not fu) for the read check."""
    parts = []
    for key in ("gpr", "vec", "k", "mm"):
        items = ["[%d] = 0x%xULL" % (n, v) for n, v in enumerate(a[key]) if v]
        if items:
            parts.append(".%s = { %s }" % (key, ", ".join(items)))
    for key in ("flags", "f0"):
        if a[key]:
            parts.append(".%s = 0x%x" % (key, a[key]))
    m = a["mem"]
    items = ["[%d] = 0x%xULL" % (n, (m >> (64 * n)) & ((1 << 64) - 1))
             for n in range(4) if (m >> (64 * n)) & ((1 << 64) - 1)]
    if items:
        parts.append(".mem = { %s }" % ", ".join(items))
    if mmx:
        parts.append(".mmx = 1")
    if form is not None:
        d = 0
        for fl in form.fw:
            d |= 1 << RFLAGS_BIT[fl]
        if d:
            parts.append(".defflags = 0x%x" % d)
    else:
        parts.append(".dep = 1")
    return "  { %s }," % ", ".join(parts)


def check_cpu(units, workdir, srcdir, cc, states):
    have = cpu_flags()
    stats = {"forms": 0, "instances": 0, "executed": 0, "skipped-feature": 0,
             "skipped-not-register": 0, "faulted": 0, "failed": 0}
    if have is None or os.uname().machine != "x86_64":
        return None, ["not an x86-64 Linux machine"], stats
    why_skip = {}
    missing_feats = {}
    run_units = []
    forms_all, forms_feat, forms_run = set(), set(), set()
    for u in units:
        f = u[0].form
        forms_all.add(f.idx)
        cands = [u[0]]
        mem = next((i for i in u[1:] if not i.regonly), None)
        if u[0].regonly and mem and mem.code is not None:
            cands.append(mem)
        miss = features_missing(f, have)
        if miss:
            forms_feat.add(f.idx)
            for m in miss:
                missing_feats[m] = missing_feats.get(m, 0) + 1
            continue
        for i in cands:
            w = executable(i)
            if w:
                why_skip[w] = why_skip.get(w, 0) + 1
                continue
            i.mmx = any(o["kind"] == "P" for o in i.ops) or \
                any(base_reg(r)[0] == "mm" for _, r, _ in f.imp)
            i.allow = allowed(i)
            i.reads = readmask(i)
            run_units.append(i)
            forms_run.add(f.idx)
    stats["forms"] = len(forms_all)
    stats["skipped-feature"] = len(forms_feat)
    stats["skipped-not-register"] = len(forms_all - forms_feat - forms_run)
    stats["instances"] = len(run_units)
    log("NOTE cpu: skipped for missing CPU features: %s" %
        (", ".join("%s %d" % kv for kv in sorted(missing_feats.items())) or "none"))
    log("NOTE cpu: instances not run: %s" %
        (", ".join("%s %d" % kv for kv in sorted(why_skip.items())) or "none"))
    with open(os.path.join(workdir, "oracle-units.s"), "w") as fp:
        fp.write(gen_asm(run_units))
    with open(os.path.join(workdir, "oracle-data.c"), "w") as fp:
        fp.write(gen_data(run_units))
    exe = os.path.join(workdir, "oracle")
    rc, out, err = run([cc, "-std=gnu11", "-O1", "-I", srcdir, "-I", workdir, "-o", exe,
                        os.path.join(srcdir, "harness.c"),
                        os.path.join(workdir, "oracle-data.c"),
                        os.path.join(workdir, "oracle-units.s")])
    if rc != 0:
        return None, ["cannot build the oracle: " + err[:3000]], stats
    rc, out, err = run([exe, str(states)])
    fails = []
    done = set()
    viol, deps = {}, {}
    ran_forms, bad_forms = set(), set()
    for l in out.splitlines():
        w = l.split()
        if w and w[0] == "U":
            k = int(w[1])
            done.add(k)
            if int(w[2]):
                ran_forms.add(run_units[k].form.idx)
        elif w and w[0] == "V":
            viol.setdefault(int(w[1]), []).append(" ".join(w[2:]))
            bad_forms.add(run_units[int(w[1])].form.idx)
        elif w and w[0] == "D":
            deps.setdefault(int(w[1]), []).append(" ".join(w[2:]))
            bad_forms.add(run_units[int(w[1])].form.idx)
    stats["executed"] = len(ran_forms)
    stats["faulted"] = len(forms_run - ran_forms)
    stats["failed"] = len(bad_forms)
    if rc != 0 or len(done) != len(run_units):
        last = max(done) if done else -1
        nxt = run_units[last + 1].text if last + 1 < len(run_units) else "?"
        fails.append("the oracle stopped (status %d) after %d of %d instances; next: `%s`: %s"
                     % (rc, len(done), len(run_units), nxt, err.strip()[:500]))
    for k, v in sorted(viol.items()):
        i = run_units[k]
        fails.append("%s: `%s` changed what x86db does not say it writes: %s"
                     % (form_desc(i.form), i.text, "; ".join(v)))
    for k, v in sorted(deps.items()):
        i = run_units[k]
        fails.append("%s: `%s` gives a result that depends on what x86db does not say"
                     " it reads (two runs differing only there): %s"
                     % (form_desc(i.form), i.text, "; ".join(v)))
    stats["read-checked"] = sum(1 for i in run_units if i.reads)
    return stats, fails, {}


# ------------------------------------------------------------ main

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", required=True)
    ap.add_argument("--srcdir", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--cc", default="gcc")
    ap.add_argument("--states", type=int, default=8)
    ap.add_argument("--checks", default="parse,decode,cpu")
    ap.add_argument("--table")
    args = ap.parse_args()
    checks = args.checks.split(",")
    os.makedirs(args.workdir, exist_ok=True)
    if args.table:
        text = open(args.table).read()
    else:
        rc, text, err = run([args.check, "--list=full"])
        if rc != 0:
            raise SystemExit("safeasm-check --list=full failed: " + err)
    forms = parse_forms(text)
    units, fails = check_parse(forms, args.check, args.workdir)
    ninst = sum(len(f.sfx) or 1 for f in forms)
    if "parse" in checks:
        for m in fails:
            log("FAIL parse: " + m)
        log("RESULT parse %s forms %d, instances %d, identified and assembled %d, failed %d"
            % ("FAIL" if fails else "PASS", len(forms), ninst, len(units), len(fails)))
    if "decode" in checks:
        stats, dfails, _ = check_decode(units, args.workdir, args.srcdir, args.cc)
        if stats is None:
            log("RESULT decode UNSUPPORTED %s" % dfails[0])
        else:
            for m in dfails:
                log("FAIL decode: " + m)
            log("RESULT decode %s instances %d, compared %d, not decodable by capstone %d,"
                " class=priv/reject (not compared) %d, differences covered by exceptions %d,"
                " failed %d"
                % ("FAIL" if dfails else "PASS", stats["units"], stats["compared"],
                   stats["undecoded"], stats["rejected"], stats["excepted"], len(dfails)))
    if "cpu" in checks:
        stats, cfails, _ = check_cpu(units, args.workdir, args.srcdir, args.cc, args.states)
        if stats is None:
            log("RESULT cpu UNSUPPORTED %s" % cfails[0])
        else:
            for m in cfails:
                log("FAIL cpu: " + m)
            log("RESULT cpu %s forms %d, executed %d, skipped for missing CPU features %d,"
                " skipped as not register-only %d, faulted %d, failed %d"
                " (instances %d, %d random states each; %d also run twice to check"
                " their reads)"
                % ("FAIL" if cfails else "PASS", stats["forms"], stats["executed"],
                   stats["skipped-feature"], stats["skipped-not-register"],
                   stats["faulted"], stats["failed"], stats["instances"], args.states,
                   stats.get("read-checked", 0)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
