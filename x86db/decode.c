/* decode.c -- decode machine code back into the AT&T text of one
   instruction the database knows, for templates that spell
   instructions as `.byte' sequences.  The encodings come from enc.tbl
   (derived from GNU as by mkenc.py; genenc.c turns it into
   x86db-enc.inc).  Only exact encodings are taken: the legacy prefixes
   a form needs and no others (no lock, segment or address-size
   prefix), REX.W or VEX.W/L/pp/map as recorded, VEX.vvvv 1111 when
   unused.  Anything else is "not a known instruction".  */

#include <stdio.h>
#include <string.h>
#include "x86db.h"

enum { EL_REG = 1, EL_RM, EL_VVVV, EL_OPC, EL_IS4, EL_IMM, EL_SIMM, EL_FIXED };

struct enc_op {
  unsigned char loc;            /* EL_* */
  char kind;                    /* R X Y P S G (registers), M (memory: ModRM.rm only) */
  unsigned char width;          /* register or memory bytes */
  unsigned char size;           /* immediate bytes */
  char fixed[8];                /* EL_FIXED: the register, without '%' */
};

struct enc {
  char mnem[24];                /* as printed, size suffix included */
  unsigned char npfx, pfx[3];   /* legacy prefixes, in this order */
  unsigned char vex;            /* VEX encoded */
  unsigned char w;              /* REX.W or VEX.W */
  unsigned char l, pp, map;     /* VEX.L, VEX.pp, VEX.mmmmm */
  unsigned char nopc, opc[4];   /* opcode bytes (legacy: with the 0f escapes) */
  unsigned char plusr;          /* the last opcode byte holds a register in bits 2:0 */
  unsigned char modrm;          /* a ModRM byte follows */
  signed char digit;            /* ModRM.reg for /N, else -1 */
  unsigned char ntail, tail[4]; /* fixed bytes after ModRM (cmpeqps's predicate) */
  unsigned char nops;
  struct enc_op ops[4];         /* AT&T order */
};

#include "x86db-enc.inc"

#define NENC (sizeof enc_table / sizeof enc_table[0])

/* An operand as decoded.  */
struct dop {
  int reg;                      /* register number, -1 none */
  int high8;                    /* ah ch dh bh */
  int base, index, scale, rip;  /* memory: -1 for none */
  long long disp;
  unsigned long long imm;
};

/* Decode the ModRM memory operand whose ModRM fields are MOD and RM,
   from B[*P...].  0 if the bytes end first.  */
static int
memory (const unsigned char *b, size_t n, size_t *p, int mod, int rm, int rx, int rb,
        struct dop *o)
{
  int dsize;
  o->base = o->index = -1;
  o->scale = 1;
  o->rip = 0;
  if (rm == 4)
    {
      int sib, idx;
      if (*p >= n)
        return 0;
      sib = b[(*p)++];
      o->scale = 1 << (sib >> 6);
      idx = ((sib >> 3) & 7) | (rx << 3);
      o->index = idx == 4 ? -1 : idx;
      if ((sib & 7) == 5 && mod == 0)
        dsize = 4;
      else
        {
          o->base = (sib & 7) | (rb << 3);
          dsize = mod == 1 ? 1 : mod == 2 ? 4 : 0;
        }
    }
  else if (rm == 5 && mod == 0)
    {
      o->rip = 1;
      dsize = 4;
    }
  else
    {
      o->base = rm | (rb << 3);
      dsize = mod == 1 ? 1 : mod == 2 ? 4 : 0;
    }
  if (n - *p < (size_t) dsize)
    return 0;
  o->disp = 0;
  if (dsize == 1)
    o->disp = (signed char) b[*p];
  else if (dsize == 4)
    o->disp = (int) ((unsigned) b[*p] | (unsigned) b[*p + 1] << 8
                     | (unsigned) b[*p + 2] << 16 | (unsigned) b[*p + 3] << 24);
  *p += (size_t) dsize;
  return 1;
}

/* Match E against B[0..N): the bytes it takes (0: no match), with the
   operands in OPS.  */
static size_t
match (const struct enc *e, const unsigned char *b, size_t n, struct dop *ops)
{
  size_t p = 0;
  int rex = 0, R = 0, X = 0, B = 0, vvvv = 0, reg = 0, rm = 0, mod = 0;

  for (unsigned i = 0; i < e->npfx; i++)
    if (p >= n || b[p++] != e->pfx[i])
      return 0;
  if (!e->vex)
    {
      if (p < n && (b[p] & 0xf0) == 0x40)
        rex = b[p++];
      if (((rex >> 3) & 1) != e->w)
        return 0;
      R = (rex >> 2) & 1;
      X = (rex >> 1) & 1;
      B = rex & 1;
    }
  else
    {
      int l, pp, map, w, v;
      if (p + 2 > n)
        return 0;
      if (b[p] == 0xc5)
        {
          v = b[p + 1];
          R = !(v & 0x80);
          map = 1;
          w = 0;
          p += 2;
        }
      else if (b[p] == 0xc4 && p + 3 <= n)
        {
          R = !(b[p + 1] & 0x80);
          X = !(b[p + 1] & 0x40);
          B = !(b[p + 1] & 0x20);
          map = b[p + 1] & 0x1f;
          v = b[p + 2];
          w = v >> 7;
          p += 3;
        }
      else
        return 0;
      vvvv = (~v >> 3) & 15;
      l = (v >> 2) & 1;
      pp = v & 3;
      if (l != e->l || pp != e->pp || map != e->map || w != e->w)
        return 0;
    }
  if (n - p < e->nopc)
    return 0;
  for (unsigned i = 0; i < e->nopc; i++, p++)
    if (e->plusr && i + 1 == e->nopc)
      {
        if ((b[p] & 0xf8) != e->opc[i])
          return 0;
        reg = (b[p] & 7) | (B << 3);
      }
    else if (b[p] != e->opc[i])
      return 0;

  for (int i = 0; i < e->nops; i++)
    {
      ops[i].reg = -1;
      ops[i].high8 = 0;
      ops[i].rip = 0;
      ops[i].base = ops[i].index = -1;
      if (e->ops[i].loc == EL_OPC)
        ops[i].reg = reg;
      else if (e->ops[i].loc == EL_VVVV)
        ops[i].reg = vvvv;
    }
  if (e->vex)
    {
      int used = 0;
      for (int i = 0; i < e->nops; i++)
        used |= e->ops[i].loc == EL_VVVV;
      if (!used && vvvv)
        return 0;
    }
  if (e->modrm)
    {
      if (p >= n)
        return 0;
      mod = b[p] >> 6;
      reg = (b[p] >> 3) & 7;
      rm = b[p] & 7;
      p++;
      if (e->digit >= 0 && reg != e->digit)
        return 0;
      for (int i = 0; i < e->nops; i++)
        if (e->ops[i].loc == EL_REG)
          ops[i].reg = reg | (R << 3);
        else if (e->ops[i].loc == EL_RM)
          {
            if ((mod == 3) != (e->ops[i].kind != 'M'))
              return 0;
            if (mod == 3)
              ops[i].reg = rm | (B << 3);
            else if (!memory (b, n, &p, mod, rm, X, B, &ops[i]))
              return 0;
          }
    }
  for (int i = e->nops - 1; i >= 0; i--)
    if (e->ops[i].loc == EL_IMM || e->ops[i].loc == EL_SIMM)
      {
        unsigned s = e->ops[i].size;
        unsigned long long v = 0;
        if (n - p < s)
          return 0;
        for (unsigned k = 0; k < s; k++)
          v |= (unsigned long long) b[p + k] << (8 * k);
        p += s;
        ops[i].imm = v;
      }
  for (int i = 0; i < e->nops; i++)
    if (e->ops[i].loc == EL_IS4)
      {
        if (p >= n || (b[p] & 15))
          return 0;
        ops[i].reg = b[p++] >> 4;
      }
  if (n - p < e->ntail)
    return 0;
  for (unsigned i = 0; i < e->ntail; i++)
    if (b[p++] != e->tail[i])
      return 0;

  /* REX.R/X/B (VEX.R/X/B) set for a field the encoding does not use:
     not taken (41 90 is xchg %eax,%r8d, not the 90 of a line without
     operands).  */
  {
    int useR = 0, useX = 0, useB = 0;
    for (int i = 0; i < e->nops; i++)
      switch (e->ops[i].loc)
        {
        case EL_REG:
          useR = 1;
          break;
        case EL_OPC:
          useB = 1;
          break;
        case EL_RM:
          useB = ops[i].rip ? 0 : e->ops[i].kind != 'M' || ops[i].base >= 0;
          useX = e->ops[i].kind == 'M' && ops[i].index >= 0;
          break;
        }
    if ((R && !useR) || (X && !useX) || (B && !useB))
      return 0;
  }

  /* Register numbers each class has; byte registers 4-7 without a REX
     prefix are ah ch dh bh.  */
  for (int i = 0; i < e->nops; i++)
    {
      const struct enc_op *o = &e->ops[i];
      int r = ops[i].reg;
      if (r < 0 || o->loc == EL_FIXED || o->loc == EL_IMM || o->loc == EL_SIMM || o->kind == 'M')
        continue;
      if ((o->kind == 'P' || o->kind == 'S') && r > 7)
        r &= 7;                 /* REX.R/B are ignored for mm and st */
      if (o->kind == 'G' && r > 5)
        return 0;
      if (o->kind == 'R' && o->width == 1 && !rex && !e->vex && r >= 4 && r <= 7)
        ops[i].high8 = 1;
      ops[i].reg = r;
    }
  return p;
}

/* How much of E is fixed: the more specific of two encodings that take
   the same bytes wins (90 is nop, not xchg %eax,%eax).  */
static int
specific (const struct enc *e)
{
  return e->npfx + e->nopc + e->ntail + (e->digit >= 0) - e->plusr;
}

struct out { char *p; size_t cap, n; int overflow; };

static void
put (struct out *o, const char *fmt, ...)
#if defined __GNUC__
  __attribute__ ((format (printf, 2, 3)))
#endif
  ;

#include <stdarg.h>

static void
put (struct out *o, const char *fmt, ...)
{
  va_list ap;
  int k;
  va_start (ap, fmt);
  k = vsnprintf (o->p + o->n, o->cap - o->n, fmt, ap);
  va_end (ap);
  if (k < 0 || (size_t) k >= o->cap - o->n)
    {
      o->overflow = 1;
      return;
    }
  o->n += (size_t) k;
}

static void
put_reg (struct out *o, const struct enc_op *eo, const struct dop *d)
{
  static const char *const high8[] = { "ah", "ch", "dh", "bh" };
  int r = d->reg;
  switch (eo->kind)
    {
    case 'R':
      if (d->high8)
        put (o, "%%%s", high8[r - 4]);
      else
        put (o, "%%%s", x86_reg_name (X86_RAX + r, eo->width));
      break;
    case 'X':
      put (o, "%%xmm%d", r);
      break;
    case 'Y':
      put (o, "%%ymm%d", r);
      break;
    case 'P':
      put (o, "%%mm%d", r);
      break;
    case 'S':
      if (r)
        put (o, "%%st(%d)", r);
      else
        put (o, "%%st");
      break;
    case 'G':
      put (o, "%%%s", x86_reg_name (X86_ES + r, 2));
      break;
    }
}

static void
put_disp (struct out *o, long long d)
{
  if (d < 0)
    put (o, "-0x%llx", -(unsigned long long) d);
  else
    put (o, "0x%llx", (unsigned long long) d);
}

/* The encodings by their opcode: the first opcode byte after the legacy
   prefixes and REX (key 0-255), the byte after a 0f escape (0x100 +
   byte), or the opcode byte of a VEX encoding (0x200 + byte); a +r
   opcode is listed under each of its eight values.  */
#define NKEYS 0x300
static unsigned short bucket[8 * NENC];     /* at most 8 keys an encoding */
static unsigned bucket_start[NKEYS + 1];
static int index_ready;

static int
e_is_rex (unsigned char c)
{
  return (c & 0xf0) == 0x40;
}

static int
keys_of (const struct enc *e, int *k)
{
  int n = 0, base, byte;
  if (e->vex)
    base = 0x200, byte = e->opc[0];
  else if (e->opc[0] == 0x0f && e->nopc > 1)
    base = 0x100, byte = e->opc[1];
  else
    base = 0, byte = e->opc[0];
  if (e->plusr && e->nopc == (base == 0x100 ? 2 : 1))
    for (int r = 0; r < 8; r++)
      k[n++] = base + ((byte & 0xf8) | r);
  else
    k[n++] = base + byte;
  return n;
}

static void
build_index (void)
{
  static unsigned count[NKEYS], at[NKEYS];
  int k[8];
  for (size_t i = 0; i < NENC; i++)
    for (int j = 0, n = keys_of (&enc_table[i], k); j < n; j++)
      count[k[j]]++;
  bucket_start[0] = 0;
  for (int c = 0; c < NKEYS; c++)
    bucket_start[c + 1] = bucket_start[c] + count[c];
  memcpy (at, bucket_start, sizeof at);
  for (size_t i = 0; i < NENC; i++)
    for (int j = 0, n = keys_of (&enc_table[i], k); j < n; j++)
      bucket[at[k[j]]++] = (unsigned short) i;
  index_ready = 1;
}

/* The key of the instruction whose legacy prefixes end at B[P], or -1.  */
static int
key_at (const unsigned char *b, size_t n, size_t p)
{
  if (p < n && e_is_rex (b[p]))
    p++;
  if (p >= n)
    return -1;
  if (b[p] == 0x0f)
    return p + 1 < n ? 0x100 + b[p + 1] : -1;
  if (b[p] == 0xc5)
    return p + 2 < n ? 0x200 + b[p + 2] : -1;
  if (b[p] == 0xc4)
    return p + 3 < n ? 0x200 + b[p + 3] : -1;
  return b[p];
}

size_t
x86db_decode (const unsigned char *b, size_t n, char *att, size_t cap)
{
  struct dop ops[4], best_ops[4];
  const struct enc *best = NULL;
  size_t best_len = 0;
  struct out o = { att, cap, 0, 0 };

  if (!cap)
    return 0;
  if (!index_ready)
    build_index ();
  /* Only the encodings of the opcode found after 0 to 3 legacy
     prefixes.  */
  int keys[4], nkeys = 0;
  for (size_t k = 0; k < n && k < 4; k++)
    {
      int key = key_at (b, n, k), seen = 0;
      for (int j = 0; j < nkeys; j++)
        seen |= keys[j] == key;
      if (key >= 0 && !seen)
        keys[nkeys++] = key;
      if (b[k] != 0x66 && b[k] != 0xf2 && b[k] != 0xf3 && b[k] != 0x9b)
        break;
    }
  for (int kk = 0; kk < nkeys; kk++)
    for (unsigned j = bucket_start[keys[kk]]; j < bucket_start[keys[kk] + 1]; j++)
    {
      const struct enc *e = &enc_table[bucket[j]];
      size_t len = match (e, b, n, ops);
      if (len && (len > best_len
                  || (len == best_len
                      && (specific (e) > specific (best)
                          || (specific (e) == specific (best) && e->nops < best->nops)))))
        {
          best = e;
          best_len = len;
          memcpy (best_ops, ops, sizeof ops);
        }
    }
  if (!best)
    return 0;

  put (&o, "%s", best->mnem);
  for (int i = 0; i < best->nops; i++)
    {
      const struct enc_op *eo = &best->ops[i];
      const struct dop *d = &best_ops[i];
      put (&o, i ? "," : " ");
      switch (eo->loc)
        {
        case EL_FIXED:
          put (&o, "%%%s", eo->fixed);
          break;
        case EL_IMM:
          put (&o, "$0x%llx", d->imm);
          break;
        case EL_SIMM:
          {
            long long v = (long long) d->imm;
            if (eo->size < 8 && (d->imm >> (8 * eo->size - 1)) & 1)
              v = (long long) (d->imm | ~0ULL << (8 * eo->size));
            put (&o, "$%lld", v);
          }
          break;
        default:
          if (eo->kind != 'M' || d->reg >= 0)
            {
              put_reg (&o, eo, d);
              break;
            }
          if (d->rip)
            {
              put_disp (&o, d->disp);
              put (&o, "(%%rip)");
              break;
            }
          if (d->disp || d->base < 0)
            put_disp (&o, d->disp);
          if (d->base >= 0 || d->index >= 0)
            {
              put (&o, "(");
              if (d->base >= 0)
                put (&o, "%%%s", x86_reg_name (X86_RAX + d->base, 8));
              if (d->index >= 0)
                put (&o, ",%%%s,%d", x86_reg_name (X86_RAX + d->index, 8), d->scale);
              put (&o, ")");
            }
          break;
        }
    }
  if (o.overflow)
    {
      att[0] = 0;
      return 0;
    }
  return best_len;
}

#ifdef X86DB_DECODE_MAIN
/* x86db-dec: for `make check' (mkenc.py --check).  Each line of the
   input is a byte string in hex; the output line is the number of bytes
   the first instruction takes, a tab and its text ("0\t" if none).  */
#include <stdlib.h>

int
main (void)
{
  char line[1024], att[256];
  unsigned char b[64];
  while (fgets (line, sizeof line, stdin))
    {
      size_t n = 0, len;
      for (char *s = line; *s && n < sizeof b;)
        {
          char *end;
          unsigned long v = strtoul (s, &end, 16);
          if (end == s)
            break;
          b[n++] = (unsigned char) v;
          s = end;
        }
      len = x86db_decode (b, n, att, sizeof att);
      printf ("%zu\t%s\n", len, len ? att : "");
    }
  return 0;
}
#endif
