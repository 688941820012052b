/* regs.c -- x86-64 register names as GNU as spells them in 64-bit mode:
   name -> (register, size, byte offset), and the canonical name of a
   register slice for messages.  */

#include <string.h>
#include "x86db.h"

#define G(q, d, w, b, r) \
  { q, r, 8, 0 }, { d, r, 4, 0 }, { w, r, 2, 0 }, { b, r, 1, 0 }
#define V(n) \
  { "xmm" #n, X86_XMM0 + n, 16, 0 }, { "ymm" #n, X86_XMM0 + n, 32, 0 }, \
  { "zmm" #n, X86_XMM0 + n, 64, 0 }
#define N8(p, base, size) \
  { p "0", base, size, 0 }, { p "1", base + 1, size, 0 }, \
  { p "2", base + 2, size, 0 }, { p "3", base + 3, size, 0 }, \
  { p "4", base + 4, size, 0 }, { p "5", base + 5, size, 0 }, \
  { p "6", base + 6, size, 0 }, { p "7", base + 7, size, 0 }

/* For each register, the first entry of a given size is its canonical
   name at that size.  */
static const struct x86_regname names[] = {
  G ("rax", "eax", "ax", "al", X86_RAX), { "ah", X86_RAX, 1, 1 },
  G ("rcx", "ecx", "cx", "cl", X86_RCX), { "ch", X86_RCX, 1, 1 },
  G ("rdx", "edx", "dx", "dl", X86_RDX), { "dh", X86_RDX, 1, 1 },
  G ("rbx", "ebx", "bx", "bl", X86_RBX), { "bh", X86_RBX, 1, 1 },
  G ("rsp", "esp", "sp", "spl", X86_RSP),
  G ("rbp", "ebp", "bp", "bpl", X86_RBP),
  G ("rsi", "esi", "si", "sil", X86_RSI),
  G ("rdi", "edi", "di", "dil", X86_RDI),
  G ("r8", "r8d", "r8w", "r8b", X86_R8),
  G ("r9", "r9d", "r9w", "r9b", X86_R9),
  G ("r10", "r10d", "r10w", "r10b", X86_R10),
  G ("r11", "r11d", "r11w", "r11b", X86_R11),
  G ("r12", "r12d", "r12w", "r12b", X86_R12),
  G ("r13", "r13d", "r13w", "r13b", X86_R13),
  G ("r14", "r14d", "r14w", "r14b", X86_R14),
  G ("r15", "r15d", "r15w", "r15b", X86_R15),
  { "rip", X86_RIP, 8, 0 }, { "eip", X86_RIP, 4, 0 },
  V (0), V (1), V (2), V (3), V (4), V (5), V (6), V (7),
  V (8), V (9), V (10), V (11), V (12), V (13), V (14), V (15),
  V (16), V (17), V (18), V (19), V (20), V (21), V (22), V (23),
  V (24), V (25), V (26), V (27), V (28), V (29), V (30), V (31),
  N8 ("k", X86_K0, 8),
  N8 ("mm", X86_MM0, 8),
  { "st", X86_ST0, 10, 0 },
  { "st(0)", X86_ST0, 10, 0 }, { "st(1)", X86_ST0 + 1, 10, 0 },
  { "st(2)", X86_ST0 + 2, 10, 0 }, { "st(3)", X86_ST0 + 3, 10, 0 },
  { "st(4)", X86_ST0 + 4, 10, 0 }, { "st(5)", X86_ST0 + 5, 10, 0 },
  { "st(6)", X86_ST0 + 6, 10, 0 }, { "st(7)", X86_ST0 + 7, 10, 0 },
  { "es", X86_ES, 2, 0 }, { "cs", X86_CS, 2, 0 }, { "ss", X86_SS, 2, 0 },
  { "ds", X86_DS, 2, 0 }, { "fs", X86_FS, 2, 0 }, { "gs", X86_GS, 2, 0 },
};
#define NNAMES (sizeof names / sizeof names[0])

/* Registers gas has no operand name for: only for x86_reg_name.  */
static const struct x86_regname unnamed[] = {
  { "mxcsr", X86_MXCSR, 4, 0 }, { "fpcw", X86_FPCW, 2, 0 },
  { "fpsw", X86_FPSW, 2, 0 },
};

/* A hash table of NAMES, built on the first lookup.  */
#define SLOTS 512               /* a power of two, over twice NNAMES */
static unsigned short slot[SLOTS];      /* index + 1; 0: empty */
static int ready;

static unsigned hash (const char *s, size_t n)
{
  unsigned h = 2166136261u;     /* FNV-1a */
  while (n--)
    h = (h ^ (unsigned char) *s++) * 16777619u;
  return h & (SLOTS - 1);
}

static const struct x86_regname *find (const char *s, size_t n)
{
  unsigned h;
  if (!ready) {
    size_t i;
    for (i = 0; i < NNAMES; i++) {
      for (h = hash (names[i].name, strlen (names[i].name)); slot[h];
           h = (h + 1) & (SLOTS - 1))
        ;
      slot[h] = (unsigned short) (i + 1);
    }
    ready = 1;
  }
  for (h = hash (s, n); slot[h]; h = (h + 1) & (SLOTS - 1)) {
    const struct x86_regname *r = &names[slot[h] - 1];
    if (!strncmp (r->name, s, n) && !r->name[n])
      return r;
  }
  return 0;
}

const struct x86_regname *x86_regname_lookup (const char *name, size_t len)
{
  char buf[8];
  size_t i, n = 0;

  /* Lower-case into BUF; inside "st (1)" blanks are dropped.  */
  for (i = 0; i < len; i++) {
    char c = name[i];
    if ((c == ' ' || c == '\t') && n == 2 && buf[0] == 's' && buf[1] == 't')
      continue;
    if ((c == ' ' || c == '\t') && n > 2 && buf[2] == '(')
      continue;
    if (n == sizeof buf)
      return 0;
    buf[n++] = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
  }
  return find (buf, n);
}

/* Is P a better name than B for SIZE bytes: the smallest name that
   covers SIZE, else the largest.  */
static int better (const struct x86_regname *p, const struct x86_regname *b,
                   unsigned size)
{
  int pfits = p->size >= size, bfits = b->size >= size;
  if (pfits != bfits)
    return pfits;
  return pfits ? p->size < b->size : p->size > b->size;
}

static const struct x86_regname *pick (const struct x86_regname *t, size_t n,
                                       int reg, unsigned size)
{
  const struct x86_regname *best = 0;
  size_t i;
  for (i = 0; i < n; i++)
    if (t[i].reg == reg && !t[i].offset && (!best || better (&t[i], best, size)))
      best = &t[i];
  return best;
}

/* The answers of x86_reg_name by register and size class: a name's
   size is one of 1 2 4 8 10 16 32 64, and the choice depends only on
   which of those SIZE exceeds.  Filled as asked.  */
static const char *named[X86_NREGS][9];

static unsigned size_class (unsigned size)
{
  static const unsigned bound[] = { 1, 2, 4, 8, 10, 16, 32, 64 };
  unsigned c = 0;
  while (c < sizeof bound / sizeof bound[0] && size > bound[c])
    c++;
  return c;
}

const char *x86_reg_name (int reg, unsigned size)
{
  const struct x86_regname *p;
  const char **cached = 0;
  if (!size)
    size = 255;                 /* the whole register */
  if (reg >= 0 && reg < X86_NREGS) {
    cached = &named[reg][size_class (size)];
    if (*cached)
      return *cached;
  }
  p = pick (names, NNAMES, reg, size);
  if (!p)
    p = pick (unnamed, sizeof unnamed / sizeof unnamed[0], reg, size);
  if (cached)
    *cached = p ? p->name : "?";
  return p ? p->name : "?";
}
