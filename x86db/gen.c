/* gen.c -- x86db-gen: reads x86.tbl (see FORMAT), expands <cc>, checks
   every line, and prints x86db-table.c: the forms grouped by mnemonic
   (stable) for x86db_lookup.  The mnemonics are in the order of the
   first table (argument) that has them, then alphabetical: the forms of
   the everyday integer instructions (x86.tbl, given first) share a few
   pages, so a compilation whose asm uses only them maps only those.
   Any error is FILE:LINE: message, exit 1.  */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "x86db.h"

#define MAXLINE 4096
#define MAXMN 32

static const char *path;
static int lineno;

static void die (const char *fmt, ...)
{
  va_list ap;
  fprintf (stderr, "%s:%d: ", path, lineno);
  va_start (ap, fmt);
  vfprintf (stderr, fmt, ap);
  va_end (ap);
  fputc ('\n', stderr);
  exit (1);
}

/* A name in the table and what it stands for, with its C spelling.  */
struct sym { const char *name; unsigned val; const char *c; };
#define S(n, v) { n, v, #v }

static const struct sym accesses[] = {
  S ("r", X86_A_R), S ("w", X86_A_W), S ("rw", X86_A_R | X86_A_W),
  S ("cw", X86_A_W | X86_A_COND), S ("n", 0),
  /* implicit registers only */
  S ("or", X86_A_R | X86_A_SOFT),
  S ("mr", X86_A_MEM | X86_A_R), S ("mw", X86_A_MEM | X86_A_W),
  S ("mrw", X86_A_MEM | X86_A_R | X86_A_W), { 0, 0, 0 }
};
static const struct sym accbits[] = {
  S ("", X86_A_R), S ("", X86_A_W), S ("", X86_A_COND), S ("", X86_A_MEM),
  S ("", X86_A_ZX), S ("", X86_A_SOFT), { 0, 0, 0 }
};
static const struct sym kinds[] = {
  S ("R", X86_K_GPR), S ("M", X86_K_MEM), S ("I", X86_K_IMM),
  S ("X", X86_K_XMM), S ("Y", X86_K_YMM), S ("Z", X86_K_ZMM),
  S ("K", X86_K_MASK), S ("P", X86_K_MMX), S ("C", X86_K_CL),
  S ("A", X86_K_ADDR), S ("L", X86_K_LABEL), S ("S", X86_K_ST),
  S ("G", X86_K_SEG), { 0, 0, 0 }
};
static const struct sym flags[] = {
  S ("C", X86_CF), S ("P", X86_PF), S ("A", X86_AF), S ("Z", X86_ZF),
  S ("S", X86_SF), S ("O", X86_OF), S ("D", X86_DF), { 0, 0, 0 }
};
static const struct sym suffixes[] = {
  S ("b", X86_SFX_B), S ("w", X86_SFX_W), S ("l", X86_SFX_L),
  S ("q", X86_SFX_Q), { 0, 0, 0 }
};
static const struct sym attrs[] = {
  S ("zero", X86_F_ZERO_IDIOM), S ("ones", X86_F_ONES_IDIOM),
  S ("undef0", X86_F_UNDEF_IF_ZERO), S ("string", X86_F_STRING),
  S ("repe", X86_F_REPE), S ("lock", X86_F_LOCK), S ("move", X86_F_MOVE),
  S ("xchg", X86_F_XCHG), S ("vex", X86_F_VEX), S ("rep", X86_F_REP_OK),
  S ("evex", X86_F_EVEX), S ("er", X86_F_ER), S ("sae", X86_F_SAE),
  S ("bitstr", X86_F_BITSTR), S ("count", X86_F_COUNT),
  { 0, 0, 0 }
};
static const struct sym flows[] = {
  S ("none", X86_FLOW_NONE), S ("jcc", X86_FLOW_JCC), S ("jmp", X86_FLOW_JMP),
  S ("call", X86_FLOW_CALL), S ("ret", X86_FLOW_RET),
  S ("trap", X86_FLOW_TRAP), S ("syscall", X86_FLOW_SYSCALL), { 0, 0, 0 }
};
static const struct sym classes[] = {
  S ("safe", X86_C_SAFE), S ("nondet", X86_C_NONDET), S ("stack", X86_C_STACK),
  S ("flow", X86_C_FLOW), S ("system", X86_C_SYSTEM), S ("priv", X86_C_PRIV),
  S ("reject", X86_C_REJECT), { 0, 0, 0 }
};

/* Condition codes, in FORMAT's order, and the flags each one reads.  */
static const struct { const char *cc; unsigned fl; } ccs[] = {
  { "o", X86_OF }, { "no", X86_OF },
  { "b", X86_CF }, { "c", X86_CF }, { "nae", X86_CF },
  { "ae", X86_CF }, { "nb", X86_CF }, { "nc", X86_CF },
  { "e", X86_ZF }, { "z", X86_ZF }, { "ne", X86_ZF }, { "nz", X86_ZF },
  { "be", X86_CF | X86_ZF }, { "na", X86_CF | X86_ZF },
  { "a", X86_CF | X86_ZF }, { "nbe", X86_CF | X86_ZF },
  { "s", X86_SF }, { "ns", X86_SF },
  { "p", X86_PF }, { "pe", X86_PF }, { "np", X86_PF }, { "po", X86_PF },
  { "l", X86_SF | X86_OF }, { "nge", X86_SF | X86_OF },
  { "ge", X86_SF | X86_OF }, { "nl", X86_SF | X86_OF },
  { "le", X86_ZF | X86_SF | X86_OF }, { "ng", X86_ZF | X86_SF | X86_OF },
  { "g", X86_ZF | X86_SF | X86_OF }, { "nle", X86_ZF | X86_SF | X86_OF },
};
#define NCC (sizeof ccs / sizeof ccs[0])

/* Register names for imp=.  Vector, mask, mmx and x87 names are numbered
   (xmm0..xmm31, ymm, zmm, k0..k7, mm0..mm7, st0..st7) and parsed.  */
static const char gpr[16][4][5] = {
  { "rax", "eax", "ax", "al" }, { "rcx", "ecx", "cx", "cl" },
  { "rdx", "edx", "dx", "dl" }, { "rbx", "ebx", "bx", "bl" },
  { "rsp", "esp", "sp", "spl" }, { "rbp", "ebp", "bp", "bpl" },
  { "rsi", "esi", "si", "sil" }, { "rdi", "edi", "di", "dil" },
  { "r8", "r8d", "r8w", "r8b" }, { "r9", "r9d", "r9w", "r9b" },
  { "r10", "r10d", "r10w", "r10b" }, { "r11", "r11d", "r11w", "r11b" },
  { "r12", "r12d", "r12w", "r12b" }, { "r13", "r13d", "r13w", "r13b" },
  { "r14", "r14d", "r14w", "r14b" }, { "r15", "r15d", "r15w", "r15b" },
};
static const struct { const char *name; unsigned char reg, width, offset; } special[] = {
  /* ah..bh: byte 1 of rax..rbx */
  { "ah", X86_RAX, 1, 1 }, { "ch", X86_RCX, 1, 1 }, { "dh", X86_RDX, 1, 1 },
  { "bh", X86_RBX, 1, 1 },
  { "rAX", X86_RAX, 0, 0 }, { "rCX", X86_RCX, 0, 0 }, { "rDX", X86_RDX, 0, 0 },
  { "rBX", X86_RBX, 0, 0 }, { "rSI", X86_RSI, 0, 0 }, { "rDI", X86_RDI, 0, 0 },
  { "rip", X86_RIP, 8, 0 }, { "st", X86_ST0, 10, 0 },
  { "mxcsr", X86_MXCSR, 4, 0 }, { "fpcw", X86_FPCW, 2, 0 }, { "fpsw", X86_FPSW, 2, 0 },
  { "es", X86_ES, 2, 0 }, { "cs", X86_CS, 2, 0 }, { "ss", X86_SS, 2, 0 },
  { "ds", X86_DS, 2, 0 }, { "fs", X86_FS, 2, 0 }, { "gs", X86_GS, 2, 0 },
};
static const struct { const char *prefix; unsigned char base, n, width; } numbered[] = {
  { "xmm", X86_XMM0, 32, 16 }, { "ymm", X86_XMM0, 32, 32 },
  { "zmm", X86_XMM0, 32, 64 }, { "k", X86_K0, 8, 8 },
  { "mm", X86_MM0, 8, 8 }, { "st", X86_ST0, 8, 10 },
};
static const char *const regc[X86_NREGS] = {
  [X86_NOREG] = "X86_NOREG",
  [X86_RAX] = "X86_RAX", [X86_RCX] = "X86_RCX", [X86_RDX] = "X86_RDX",
  [X86_RBX] = "X86_RBX", [X86_RSP] = "X86_RSP", [X86_RBP] = "X86_RBP",
  [X86_RSI] = "X86_RSI", [X86_RDI] = "X86_RDI", [X86_R8] = "X86_R8",
  [X86_R9] = "X86_R9", [X86_R10] = "X86_R10", [X86_R11] = "X86_R11",
  [X86_R12] = "X86_R12", [X86_R13] = "X86_R13", [X86_R14] = "X86_R14",
  [X86_R15] = "X86_R15", [X86_RIP] = "X86_RIP", [X86_MXCSR] = "X86_MXCSR",
  [X86_FPCW] = "X86_FPCW", [X86_FPSW] = "X86_FPSW", [X86_ES] = "X86_ES",
  [X86_CS] = "X86_CS", [X86_SS] = "X86_SS", [X86_DS] = "X86_DS",
  [X86_FS] = "X86_FS", [X86_GS] = "X86_GS",
};

struct form {
  char mn[MAXMN];
  unsigned sfx, nops, nimp, fr, fw, fu, f0, attrs, flow, cls;
  int x87;
  int stack, frcc;
  struct { unsigned acc, kinds, width, reg; } ops[X86_MAX_OPS];
  struct { unsigned acc, reg, width, offset; } imp[X86_MAX_IMP];
  char *feat, *why, *group, *evex;
  unsigned bcst;
  int line, order;
  const char *file;             /* the table file it comes from */
  int table;                    /* its argument index; then the first of its mnemonic's */
};

static struct form *forms;
static size_t nforms, cap;

static const struct sym *find (const struct sym *t, const char *s, size_t n)
{
  for (; t->name; t++)
    if (strlen (t->name) == n && !memcmp (t->name, s, n))
      return t;
  return 0;
}

static unsigned lookup (const struct sym *t, const char *s, const char *what)
{
  const struct sym *p = find (t, s, strlen (s));
  if (!p)
    die ("unknown %s '%s'", what, s);
  return p->val;
}

/* A set of one-letter names: "OSZAPC".  */
static unsigned letters (const struct sym *t, const char *s, const char *what)
{
  unsigned v = 0;
  const struct sym *p;
  if (!*s)
    die ("empty %s", what);
  for (; *s; s++) {
    if (!(p = find (t, s, 1)))
      die ("bad %s letter '%c'", what, *s);
    if (v & p->val)
      die ("%s letter '%c' given twice", what, *s);
    v |= p->val;
  }
  return v;
}

static char *save (const char *s)
{
  char *p = malloc (strlen (s) + 1);
  if (!p)
    die ("out of memory");
  return strcpy (p, s);
}

/* Split S at commas in place; returns the count, at most MAX.  */
static int split (char *s, char **v, int max, const char *what)
{
  int n = 0;
  for (;;) {
    if (n == max)
      die ("too many %s (at most %d)", what, max);
    v[n++] = s;
    if (!(s = strchr (s, ',')))
      return n;
    *s++ = 0;
  }
}

static unsigned width (const char *s)
{
  static const char *const ok[] = { "1", "2", "4", "8", "10", "16", "32", "64" };
  size_t i;
  if (!strcmp (s, "v"))
    return 0;
  for (i = 0; i < sizeof ok / sizeof ok[0]; i++)
    if (!strcmp (s, ok[i]))
      return atoi (s);
  die ("bad width '%s'", s);
  return 0;
}

static unsigned parse_num (const char *s, unsigned limit)
{
  unsigned v = 0;
  if (!*s || (*s == '0' && s[1]))
    return limit;
  for (; *s; s++) {
    if (*s < '0' || *s > '9' || (v = v * 10 + (*s - '0')) >= limit)
      return limit;
  }
  return v;
}

static void impreg (const char *s, unsigned *reg, unsigned *w, unsigned *off)
{
  size_t i, n;
  unsigned k;
  *off = 0;
  for (i = 0; i < 16; i++)
    for (k = 0; k < 4; k++)
      if (!strcmp (s, gpr[i][k])) {
        *reg = X86_RAX + i;
        *w = 8 >> k;
        return;
      }
  for (i = 0; i < sizeof special / sizeof special[0]; i++)
    if (!strcmp (s, special[i].name)) {
      *reg = special[i].reg;
      *w = special[i].width;
      *off = special[i].offset;
      return;
    }
  for (i = 0; i < sizeof numbered / sizeof numbered[0]; i++) {
    n = strlen (numbered[i].prefix);
    if (!strncmp (s, numbered[i].prefix, n)
        && (k = parse_num (s + n, numbered[i].n)) < numbered[i].n) {
      *reg = numbered[i].base + k;
      *w = numbered[i].width;
      return;
    }
  }
  if (!strncmp (s, "st(", 3) && s[3] >= '0' && s[3] <= '7' && !strcmp (s + 4, ")")) {
    *reg = X86_ST0 + (unsigned) (s[3] - '0');   /* st(1), as the assembler spells it */
    *w = 10;
    return;
  }
  die ("unknown register '%s'", s);
}

static void parse_ops (struct form *f, char *s)
{
  char *v[X86_MAX_OPS], *k, *w, *r;
  unsigned rw, roff;
  int i;
  if (!strcmp (s, "-"))
    return;
  f->nops = split (s, v, X86_MAX_OPS, "operands");
  for (i = 0; i < (int) f->nops; i++) {
    if (!(k = strchr (v[i], ':')))
      die ("operand '%s': expected ACCESS:KINDS[/WIDTH]", v[i]);
    *k++ = 0;
    if ((r = strchr (k, '=')))
      *r++ = 0;
    if ((w = strchr (k, '/')))
      *w++ = 0;
    f->ops[i].acc = lookup (accesses, v[i], "operand access");
    if (f->ops[i].acc & X86_A_MEM)
      die ("access '%s' is for implicit registers only", v[i]);
    f->ops[i].kinds = letters (kinds, k, "operand kind");
    f->ops[i].width = w ? width (w) : 0;
    if (r) {
      /* =REG: this register only (its width, unless rAX-style) */
      impreg (r, &f->ops[i].reg, &rw, &roff);
      if (!X86_IS_GPR (f->ops[i].reg) || roff || w || f->ops[i].kinds != X86_K_GPR)
        die ("operand '%s': =REG names a general register for an R operand", v[i]);
      f->ops[i].width = rw;
    }
  }
}

static void parse_imp (struct form *f, char *s)
{
  char *v[X86_MAX_IMP], *r;
  int i;
  f->nimp = split (s, v, X86_MAX_IMP, "implicit registers");
  for (i = 0; i < (int) f->nimp; i++) {
    if (!(r = strchr (v[i], ':')))
      die ("implicit '%s': expected ACCESS:REG", v[i]);
    *r++ = 0;
    f->imp[i].acc = lookup (accesses, v[i], "implicit access");
    if (!f->imp[i].acc)
      die ("implicit register '%s' with access 'n'", r);
    {
      /* REG+N: the bytes of REG from N on (vzeroupper: zmm0+16) */
      char *plus = strchr (r, '+');
      long off = 0;
      if (plus) {
        char *end;
        *plus++ = 0;
        off = strtol (plus, &end, 10);
        if (*end || off <= 0)
          die ("bad byte offset '%s'", plus);
      }
      impreg (r, &f->imp[i].reg, &f->imp[i].width, &f->imp[i].offset);
      if (plus) {
        if (f->imp[i].offset || !f->imp[i].width || (unsigned) off >= f->imp[i].width)
          die ("offset +%ld does not fit in '%s'", off, r);
        f->imp[i].offset = (unsigned) off;
        f->imp[i].width -= (unsigned) off;
      }
    }
  }
}

static unsigned parse_flags (struct form *f, const char *s, int cc_ok)
{
  if (!strcmp (s, "<cc>")) {
    if (!cc_ok)
      die ("'<cc>' is only allowed in fr=");
    f->frcc = 1;
    return 0;
  }
  return letters (flags, s, "flag");
}

static void parse_field (struct form *f, char *key, char *val, unsigned *seen)
{
  static const char *const keys[] = {
    "sfx", "ops", "imp", "fr", "fw", "fu", "attr", "flow", "stack",
    "class", "feat", "why", "f0", "x87", "evex", "bcst"
  };
  char *v[16], *end;
  unsigned i, n;
  long l;

  for (i = 0; i < sizeof keys / sizeof keys[0] && strcmp (key, keys[i]); i++)
    ;
  if (i == sizeof keys / sizeof keys[0])
    die ("unknown field '%s'", key);
  if (*seen & 1u << i)
    die ("field '%s' given twice", key);
  *seen |= 1u << i;
  if (!*val)
    die ("empty field '%s'", key);

  switch (i) {
  case 0: f->sfx = letters (suffixes, val, "suffix"); break;
  case 1: parse_ops (f, val); break;
  case 2: parse_imp (f, val); break;
  case 3: f->fr = parse_flags (f, val, 1); break;
  case 4: f->fw = parse_flags (f, val, 0); break;
  case 5: f->fu = parse_flags (f, val, 0); break;
  case 12: f->f0 = parse_flags (f, val, 0); break;
  case 13:
    l = strtol (val, &end, 10);
    if (*end || l < -2 || l > 1 || l == 0)
      die ("bad x87 stack change '%s' (want 1, -1 or -2)", val);
    f->x87 = (int) l;
    break;
  case 6:
    n = split (val, v, 16, "attributes");
    for (i = 0; i < n; i++) {
      unsigned a = lookup (attrs, v[i], "attribute");
      if (f->attrs & a)
        die ("attribute '%s' given twice", v[i]);
      f->attrs |= a;
    }
    break;
  case 7: f->flow = lookup (flows, val, "flow"); break;
  case 8:
    l = strtol (val, &end, 10);
    if (*end || l < -128 || l > 127)
      die ("bad stack adjustment '%s'", val);
    f->stack = l;
    break;
  case 9: f->cls = lookup (classes, val, "class"); break;
  case 10:
  case 14:
    for (end = val; *end; end++)
      if (!strchr ("abcdefghijklmnopqrstuvwxyz0123456789._+-", *end))
        die ("bad feature name '%s'", val);
    if (i == 10)
      f->feat = save (val);
    else {
      f->evex = save (val);
      f->attrs |= X86_F_EVEX;
    }
    break;
  case 15:
    l = strtol (val, &end, 10);
    if (*end || (l != 2 && l != 4 && l != 8))
      die ("bad broadcast element size '%s' (want 2, 4 or 8)", val);
    f->bcst = (unsigned) l;
    break;
  case 11:
    n = strlen (val);
    if (n < 3 || val[0] != '"' || val[n - 1] != '"')
      die ("why= needs a non-empty quoted text");
    val[n - 1] = 0;
    for (end = val + 1; *end; end++)
      if (*end == '"' || *end == '\\' || *end < ' ' || *end > '~')
        die ("bad character in why= text");
    f->why = save (val + 1);
    break;
  }
}

/* Checks that need the whole line.  */
static void check (const struct form *f)
{
  unsigned i, a, k;
  for (i = 0; i < f->nops; i++) {
    a = f->ops[i].acc;
    k = f->ops[i].kinds;
    if ((k & (X86_K_IMM | X86_K_LABEL | X86_K_CL)) && a != X86_A_R)
      die ("operand %u: immediates, labels and %%cl can only be read", i + 1);
    if ((k & X86_K_ADDR) && a)
      die ("operand %u: an address operand (A) must have access 'n'", i + 1);
    if (!a && (k & ~(X86_K_ADDR | X86_K_GPR)))
      die ("operand %u: access 'n' only for R and A operands", i + 1);
  }
  if (f->frcc && !strstr (f->mn, "<cc>"))
    die ("fr=<cc> in a form without <cc>");
  if (f->f0 & ~f->fw)
    die ("f0= flags must also be written (fw=)");
  if (f->fw & f->fu)
    die ("a flag both written and undefined");
  if ((f->cls == X86_C_PRIV || f->cls == X86_C_REJECT) != !!*f->why)
    die ("why= goes with class=priv and class=reject, and only there");
  if (f->nops > X86_MAX_OPS - 1)
    die ("at most %d operands (the analyzer adds the opmask)", X86_MAX_OPS - 1);
  if (!!(f->attrs & X86_F_EVEX) != !!*f->evex)
    die ("attr=evex is set by evex=FEATURE, and only by it");
  if ((f->attrs & (X86_F_ER | X86_F_SAE)) && !*f->evex)
    die ("attr=er and attr=sae need evex=FEATURE");
  if (f->bcst) {
    int mem = 0;
    for (i = 0; i < f->nops; i++)
      mem |= (f->ops[i].kinds & X86_K_MEM) && f->ops[i].acc == X86_A_R;
    if (!*f->evex || !mem)
      die ("bcst= needs evex=FEATURE and a memory source operand");
  }
}

static void add (const struct form *f)
{
  if (nforms == cap) {
    cap = cap ? 2 * cap : 256;
    if (!(forms = realloc (forms, cap * sizeof *forms)))
      die ("out of memory");
  }
  forms[nforms] = *f;
  forms[nforms].order = nforms;
  nforms++;
}

static void expand (const struct form *f)
{
  const char *p = strstr (f->mn, "<cc>");
  struct form g;
  size_t i;
  if (!p) {
    add (f);
    return;
  }
  if (strstr (p + 4, "<cc>"))
    die ("more than one <cc> in the mnemonic");
  for (i = 0; i < NCC; i++) {
    g = *f;
    if ((size_t) snprintf (g.mn, sizeof g.mn, "%.*s%s%s", (int) (p - f->mn),
                           f->mn, ccs[i].cc, p + 4) >= sizeof g.mn)
      die ("mnemonic too long");
    if (f->frcc)
      g.fr |= ccs[i].fl;
    add (&g);
  }
}

static void parse_line (char *s, char *group)
{
  struct form f;
  unsigned seen = 0;
  char *tok, *eq, *p;
  int q;

  /* Cut the comment ('#' outside quotes).  */
  for (p = s, q = 0; *p && *p != '\n'; p++)
    if (*p == '"')
      q = !q;
    else if (*p == '#' && !q)
      break;
  *p = 0;
  if (q)
    die ("unterminated quote");

  memset (&f, 0, sizeof f);
  f.feat = f.why = f.evex = "";
  f.line = lineno;
  f.file = path;
  for (p = s; ; ) {
    while (*p == ' ' || *p == '\t' || *p == '\r')
      p++;
    if (!*p)
      break;
    tok = p;
    while (*p && *p != ' ' && *p != '\t' && *p != '\r')
      if (*p++ == '"')
        while (*p && *p++ != '"')
          ;
    if (*p)
      *p++ = 0;
    if (!f.mn[0]) {
      if (strlen (tok) >= MAXMN)
        die ("mnemonic too long");
      for (eq = tok; *eq; eq++)
        if (!strchr ("abcdefghijklmnopqrstuvwxyz0123456789_", *eq)
            && strncmp (eq, "<cc>", 4))
          die ("bad mnemonic '%s'", tok);
        else if (*eq == '<')
          eq += 3;
      strcpy (f.mn, tok);
      continue;
    }
    if (!(eq = strchr (tok, '=')))
      die ("expected KEY=VALUE, got '%s'", tok);
    *eq = 0;
    parse_field (&f, tok, eq + 1, &seen);
  }
  if (!f.mn[0])
    return;
  if (!group)
    die ("form before the first @group");
  f.group = group;
  check (&f);
  if (f.attrs & X86_F_EVEX)
    f.attrs |= X86_F_VEX;       /* EVEX register writes clear the upper bits too */
  expand (&f);
}

static int cmp_form (const void *a, const void *b)
{
  const struct form *x = a, *y = b;
  int c = strcmp (x->mn, y->mn);
  return c ? c : x->order - y->order;
}

/* The final order: by the first table of the mnemonic, then as cmp_form.  */
static int cmp_layout (const void *a, const void *b)
{
  const struct form *x = a, *y = b;
  return x->table != y->table ? x->table - y->table : cmp_form (a, b);
}

static int same (const struct form *a, const struct form *b)
{
  unsigned i;
  if (a->sfx != b->sfx || a->nops != b->nops || a->nimp != b->nimp
      || a->fr != b->fr || a->fw != b->fw || a->fu != b->fu || a->f0 != b->f0
      || a->x87 != b->x87
      || a->attrs != b->attrs || a->flow != b->flow || a->cls != b->cls
      || a->stack != b->stack || strcmp (a->feat, b->feat)
      || strcmp (a->why, b->why) || strcmp (a->evex, b->evex) || a->bcst != b->bcst)
    return 0;
  for (i = 0; i < a->nops; i++)
    if (a->ops[i].acc != b->ops[i].acc || a->ops[i].kinds != b->ops[i].kinds
        || a->ops[i].width != b->ops[i].width || a->ops[i].reg != b->ops[i].reg)
      return 0;
  for (i = 0; i < a->nimp; i++)
    if (a->imp[i].acc != b->imp[i].acc || a->imp[i].reg != b->imp[i].reg
        || a->imp[i].width != b->imp[i].width || a->imp[i].offset != b->imp[i].offset)
      return 0;
  return 1;
}

/* Could one instruction as written match both forms?  Yes if the
   suffixes do not tell them apart and every operand could be both.  */
static int ambiguous (const struct form *a, const struct form *b)
{
  unsigned i;
  if (a->nops != b->nops || (a->sfx && b->sfx && !(a->sfx & b->sfx)))
    return 0;
  /* A VEX form and the EVEX form of the same operands: the analyzer
     takes the EVEX one when the instruction is masked, broadcast,
     rounded or uses xmm16-31.  */
  if ((a->attrs ^ b->attrs) & X86_F_EVEX)
    return 0;
  for (i = 0; i < a->nops; i++)
    if (!(a->ops[i].kinds & b->ops[i].kinds)
        || a->ops[i].width != b->ops[i].width)
      return 0;
  return 1;
}

static void bits (const struct sym *t, unsigned v)
{
  const char *sep = "";
  if (!v)
    fputs ("0", stdout);
  for (; t->name; t++)
    if (v & t->val) {
      printf ("%s%s", sep, t->c);
      sep = "|";
    }
}

static const char *cname (const struct sym *t, unsigned v)
{
  while (t->val != v)
    t++;
  return t->c;
}

static const char *regname (unsigned r)
{
  static char buf[32];
  if (regc[r])
    return regc[r];
  if (X86_IS_VEC (r))
    snprintf (buf, sizeof buf, "X86_XMM0 + %u", r - X86_XMM0);
  else if (X86_IS_MASK (r))
    snprintf (buf, sizeof buf, "X86_K0 + %u", r - X86_K0);
  else if (X86_IS_MMX (r))
    snprintf (buf, sizeof buf, "X86_MM0 + %u", r - X86_MM0);
  else
    snprintf (buf, sizeof buf, "X86_ST0 + %u", r - X86_ST0);
  return buf;
}

/* 32-bit GPR writes zero-extend; so do VEX writes of vector registers.  */
static unsigned zx (const struct form *f, unsigned acc, unsigned kinds,
                    unsigned reg, unsigned w)
{
  unsigned vec = X86_K_XMM | X86_K_YMM | X86_K_ZMM;
  if (!(acc & X86_A_W) || (acc & X86_A_MEM))
    return acc;
  if (w == 4 && ((kinds & X86_K_GPR) || X86_IS_GPR (reg)))
    acc |= X86_A_ZX;
  if ((f->attrs & X86_F_VEX) && ((kinds & vec) || X86_IS_VEC (reg)))
    acc |= X86_A_ZX;
  return acc;
}

/* The string pool, x86db_strings: each distinct string once, at an
   offset found through a hash table of POOL_SLOTS.  */
#define POOL_SLOTS 8192
static char *pool;
static size_t pool_len, pool_cap;
static struct { const char *s; size_t at; } pool_slot[POOL_SLOTS];
static size_t pool_count;

static size_t intern (const char *s)
{
  unsigned h = 2166136261u;
  size_t n = strlen (s);
  for (const char *p = s; *p; p++)
    h = (h ^ (unsigned char) *p) * 16777619u;
  for (h &= POOL_SLOTS - 1; pool_slot[h].s; h = (h + 1) & (POOL_SLOTS - 1))
    if (!strcmp (pool_slot[h].s, s))
      return pool_slot[h].at;
  if (++pool_count > POOL_SLOTS / 2)
    die ("over %d distinct strings: raise POOL_SLOTS in gen.c", POOL_SLOTS / 2);
  while (pool_len + n + 1 > pool_cap) {
    pool_cap = pool_cap ? 2 * pool_cap : 65536;
    if (!(pool = realloc (pool, pool_cap)))
      die ("out of memory");
  }
  memcpy (pool + pool_len, s, n + 1);
  pool_slot[h].s = s;
  pool_slot[h].at = pool_len;
  pool_len += n + 1;
  return pool_slot[h].at;
}

static size_t nimplicits;        /* emitted so far, in x86db_implicits */

/* A form's entries of x86db_implicits.  */
static void emit_implicits (const struct form *f)
{
  unsigned i;
  for (i = 0; i < f->nimp; i++) {
    fputs ("  { .access = ", stdout);
    bits (accbits, zx (f, f->imp[i].acc, 0, f->imp[i].reg, f->imp[i].width));
    printf (", .reg = %s, .width = %u, .offset = %u }, /* %s */\n",
            regname (f->imp[i].reg), f->imp[i].width, f->imp[i].offset, f->mn);
  }
}

static void emit (const struct form *f)
{
  unsigned i;
  printf ("  { /* %s:%d */\n    .mnemonic_at = %zu /* %s */, .suffixes = ", f->file,
          f->line, intern (f->mn), f->mn);
  bits (suffixes, f->sfx);
  printf (", .nops = %u,", f->nops);
  for (i = 0; i < f->nops; i++) {
    printf ("%s\n      { .access = ", i ? "," : "\n    .ops = {");
    bits (accbits, zx (f, f->ops[i].acc, f->ops[i].kinds, X86_NOREG,
                       f->ops[i].width));
    fputs (", .kinds = ", stdout);
    bits (kinds, f->ops[i].kinds);
    printf (", .width = %u, .reg = %s }", f->ops[i].width,
            f->ops[i].reg ? regname (f->ops[i].reg) : "0");
  }
  printf ("%s\n    .nimp = %u, .imp_at = %zu,", f->nops ? " }," : "", f->nimp, nimplicits);
  nimplicits += f->nimp;
  if (nimplicits > 65535)
    die ("over 65535 implicit registers: widen imp_at in x86db.h");
  fputs ("\n    .flags_read = ", stdout);
  bits (flags, f->fr);
  fputs (", .flags_written = ", stdout);
  bits (flags, f->fw);
  fputs (", .flags_undef = ", stdout);
  bits (flags, f->fu);
  fputs (", .flags_zero = ", stdout);
  bits (flags, f->f0);
  fputs (",\n    .attrs = ", stdout);
  bits (attrs, f->attrs);
  printf (", .flow = %s, .stack = %d, .x87 = %d, .cls = %s,\n", cname (flows, f->flow),
          f->stack, f->x87, cname (classes, f->cls));
  printf ("    .bcst = %u, .feature_at = %zu /* %s */, .evex_feature_at = %zu /* %s */,\n",
          f->bcst, intern (f->feat), f->feat, intern (f->evex), f->evex);
  printf ("    .why_at = %zu, .group_at = %zu /* %s */ },\n", intern (f->why),
          intern (f->group), f->group);
}

/* Read one table file into FORMS.  */
static void read_table (const char *file)
{
  static char buf[MAXLINE];
  char *group = 0, *p;
  size_t i, n;
  FILE *in;

  path = file;
  lineno = 0;
  if (!(in = fopen (path, "r"))) {
    perror (path);
    exit (1);
  }
  while (fgets (buf, sizeof buf, in)) {
    lineno++;
    n = strlen (buf);
    if (n == sizeof buf - 1 && buf[n - 1] != '\n')
      die ("line too long");
    if (!strncmp (buf, "@group", 6) && strchr (" \t\r\n", buf[6])) {
      for (p = buf + 6; *p == ' ' || *p == '\t'; p++)
        ;
      while (n && strchr (" \t\r\n", buf[n - 1]))
        buf[--n] = 0;
      if (!*p)
        die ("@group without a name");
      for (i = 0; p[i]; i++)
        if (p[i] == '"' || p[i] == '\\' || p[i] < ' ' || p[i] > '~')
          die ("bad character in group name");
      group = save (p);
    } else if (buf[0] == '@')
      die ("unknown directive");
    else
      parse_line (buf, group);
  }
  if (ferror (in))
    die ("read error");
  fclose (in);
}

/* The end of the forms of forms[I]'s mnemonic, which are adjacent once
   sorted by cmp_form or cmp_layout.  */
static size_t mnemonic_end (size_t i)
{
  size_t j;
  for (j = i + 1; j < nforms && !strcmp (forms[i].mn, forms[j].mn); j++)
    ;
  return j;
}

/* x86db_mnemonics: the hash table of the distinct mnemonics (the forms
   of each are adjacent), for x86db_lookup.  */
static void emit_mnemonics (void)
{
  static struct x86db_mnslot slots[X86DB_MN_SLOTS];
  size_t i, j;
  unsigned h;

  if (nforms >= 65535)
    die ("over 65534 forms: widen struct x86db_mnslot");
  for (i = 0; i < nforms; i = j) {
    j = mnemonic_end (i);
    for (h = x86db_hash (forms[i].mn, strlen (forms[i].mn)); slots[h].first;
         h = (h + 1) & (X86DB_MN_SLOTS - 1))
      ;
    slots[h].first = (uint16_t) (i + 1);
    slots[h].count = (uint16_t) (j - i);
  }
  printf ("\nconst struct x86db_mnslot x86db_mnemonics[X86DB_MN_SLOTS] = {");
  for (h = 0; h < X86DB_MN_SLOTS; h++)
    if (slots[h].first)
      printf ("\n  [%u] = { %u, %u },", h, slots[h].first, slots[h].count);
  printf ("\n};\n");
}

int main (int argc, char **argv)
{
  size_t i, j, m, n, distinct = 0;
  int arg;

  if (argc < 2) {
    fputs ("usage: x86db-gen TABLE... > x86db-table.c\n", stderr);
    return 2;
  }
  for (arg = 1; arg < argc; arg++) {
    size_t before = nforms;
    read_table (argv[arg]);
    for (i = before; i < nforms; i++)
      forms[i].table = arg;
  }
  if (!nforms)
    die ("no forms");

  qsort (forms, nforms, sizeof *forms, cmp_form);
  for (i = 0; i < nforms; i = j) {
    int first = forms[i].table;
    j = mnemonic_end (i);
    for (m = i + 1; m < j; m++)
      if (forms[m].table < first)
        first = forms[m].table;
    for (m = i; m < j; m++)
      forms[m].table = first;
  }
  qsort (forms, nforms, sizeof *forms, cmp_layout);
  for (i = 0; i < nforms; i = j) {
    j = mnemonic_end (i);
    if (++distinct > X86DB_MN_SLOTS / 2) {
      fprintf (stderr, "x86db-gen: over %d mnemonics: raise X86DB_MN_SLOTS in x86db.h\n",
               X86DB_MN_SLOTS / 2);
      return 1;
    }
    for (n = i + 1; n < j; n++)
      for (m = i; m < n; m++) {
        lineno = forms[n].line;
        path = forms[n].file;
        if (same (&forms[m], &forms[n]))
          die ("duplicate of the %s form on line %d", forms[n].mn,
               forms[m].line);
        if (ambiguous (&forms[m], &forms[n]))
          die ("%s: the operands do not tell this form from line %d",
               forms[n].mn, forms[m].line);
      }
  }

  printf ("/* x86db-table.c -- generated by x86db-gen from the x86db tables.\n"
          "   Do not edit: edit the tables.  */\n\n#include \"x86db.h\"\n\n"
          "const struct x86_form x86db_forms[] = {\n");
  intern ("");                  /* offset 0 */
  for (i = 0; i < nforms; i++)
    emit (&forms[i]);
  printf ("};\n\nconst size_t x86db_nforms = %zu;\n", nforms);
  printf ("\nconst struct x86_implicit x86db_implicits[] = {\n");
  for (i = 0; i < nforms; i++)
    emit_implicits (&forms[i]);
  printf ("  { 0, 0, 0, 0 }\n};\n");
  emit_mnemonics ();
  if (pool_len > 65535)
    die ("the strings take over 64 KiB: widen the *_at offsets in x86db.h");
  /* The strings are checked (the parser lets no '"', '\\' or control
     character through), so they are printed as they are.  */
  printf ("\nconst char x86db_strings[] =");
  for (i = 0; i < pool_len; i += strlen (pool + i) + 1)
    printf ("\n  \"%s\\0\"", pool + i);
  printf (";\n");
  if (fflush (stdout) || ferror (stdout)) {
    perror ("x86db-gen: stdout");
    return 1;
  }
  return 0;
}
