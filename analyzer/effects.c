/* effects.c -- matching each parsed instruction to an x86db form: the
   mnemonic with or without its size suffix, operand kinds and widths,
   the operation size, prefixes and branch targets.  */

#include <stdio.h>
#include <string.h>
#include "internal.h"

/* Does operand O fit SPEC?  Every kind the operand may take at run time
   must be one the form accepts.  */
static int
op_fits (const struct iop *o, const struct x86_opspec *sp, int check_width)
{
  unsigned k = o->kinds;
  unsigned s = sp->kinds;

  if ((k & X86_K_LABEL) && (k & X86_K_MEM) && !(k & ~(X86_K_LABEL | X86_K_MEM)))
    return (s & (X86_K_LABEL | X86_K_MEM | X86_K_ADDR)) != 0;
  if (k & X86_K_LABEL)
    return (s & X86_K_LABEL) != 0;
  if (k & X86_K_MEM)
    {
      if (!(s & (X86_K_MEM | X86_K_ADDR)))
        return 0;
      if ((s & X86_K_ADDR) && (k & ~X86_K_MEM))
        return 0;
    }
  if ((k & X86_K_GPR) && !(s & X86_K_GPR) && !((s & X86_K_CL) && (k & X86_K_CL)))
    return 0;
  if ((k & X86_K_IMM) && !(s & X86_K_IMM))
    return 0;
  {
    unsigned other = X86_K_XMM | X86_K_YMM | X86_K_ZMM | X86_K_MASK | X86_K_MMX
                     | X86_K_ST | X86_K_SEG;
    if ((k & other) & ~(s & other))
      return 0;
  }
  /* fnstsw %ax: that register and no other.  */
  if (sp->reg && (o->reg != sp->reg || (sp->width && o->width != sp->width) || o->offset))
    return 0;
  /* A vector operand's width in a form is the bytes used (movd: 4),
     not the register's: only general registers must match.  */
  if (check_width && sp->width && o->width && (k & X86_K_GPR) && o->width != sp->width)
    return 0;
  return 1;
}

/* Does IN need an EVEX form: a write mask, a broadcast, a rounding
   operand or one of xmm16-31?  */
static int
needs_evex (const struct insn *in)
{
  if (in->rounding)
    return 1;
  for (int j = 0; j < in->nops; j++)
    {
      const struct iop *o = &in->ops[j];
      if (o->mask || o->mask_op >= 0 || o->zeroing || o->bcst
          || (X86_IS_VEC (o->reg) && o->reg >= X86_XMM0 + 16))
        return 1;
    }
  return 0;
}

/* A VEX form and an EVEX form may have the same operands: the EVEX
   one is taken only when the instruction needs it.  */
enum { TIER_VEX, TIER_EVEX, TIER_ANY };

static int
form_fits (const struct x86_form *f, const struct insn *in, int check_width, int tier)
{
  int evex = (f->attrs & X86_F_EVEX) != 0;
  if (f->nops != in->nops || (tier == TIER_VEX && evex) || (tier == TIER_EVEX && !evex))
    return 0;
  for (int i = 0; i < in->nops; i++)
    if (!op_fits (&in->ops[i], &f->ops[i], check_width))
      return 0;
  return 1;
}

static unsigned
suffix_size (char c)
{
  switch (c)
    {
    case 'b': return 1;
    case 'w': return 2;
    case 'l': return 4;
    case 'q': return 8;
    default: return 0;
    }
}

static unsigned
suffix_bit (char c)
{
  switch (c)
    {
    case 'b': return X86_SFX_B;
    case 'w': return X86_SFX_W;
    case 'l': return X86_SFX_L;
    case 'q': return X86_SFX_Q;
    default: return 0;
    }
}

/* Find the form for IN.  Returns the form and sets *SIZE from the
   suffix (0 if none); *KNOWN says whether the mnemonic exists at all.  */
/* The forms of a mnemonic as written and without its last letter (a
   size suffix), looked up once per instruction.  */
struct cands {
  const struct x86_form *full, *stem;
  size_t nfull, nstem;
  unsigned sfx;                 /* X86_SFX_* of the last letter, 0 if none */
  unsigned sfx_size;
};

static void
lookup_cands (const struct insn *in, struct cands *c)
{
  size_t len = strlen (in->mnem);
  char last = len ? in->mnem[len - 1] : 0;
  c->nfull = x86db_lookup (in->mnem, len, &c->full);
  c->sfx = len > 1 ? suffix_bit (last) : 0;
  c->sfx_size = suffix_size (last);
  c->nstem = c->sfx ? x86db_lookup (in->mnem, len - 1, &c->stem) : 0;
}

static const struct x86_form *
find_form_tier (const struct insn *in, const struct cands *c, unsigned *size, int *known,
                int tier)
{
  *size = 0;
  for (int pass = 0; pass < 2; pass++)
    {
      if (c->nfull)
        *known = 1;
      for (size_t i = 0; i < c->nfull; i++)
        if (form_fits (&c->full[i], in, pass == 0, tier))
          return &c->full[i];
      for (size_t i = 0; i < c->nstem; i++)
        {
          if (!(c->stem[i].suffixes & c->sfx))
            continue;
          *known = 1;
          if (form_fits (&c->stem[i], in, pass == 0, tier))
            {
              *size = c->sfx_size;
              return &c->stem[i];
            }
        }
    }
  return NULL;
}

/* Find the form for IN.  Returns the form and sets *SIZE from the
   suffix (0 if none); *KNOWN says whether the mnemonic exists at all.  */
static const struct x86_form *
find_form (const struct insn *in, const struct cands *c, unsigned *size, int *known)
{
  const struct x86_form *f;
  *known = 0;
  if (needs_evex (in))
    return find_form_tier (in, c, size, known, TIER_EVEX);
  f = find_form_tier (in, c, size, known, TIER_VEX);
  return f ? f : find_form_tier (in, c, size, known, TIER_ANY);
}

#define REG_KINDS (X86_K_GPR | X86_K_XMM | X86_K_YMM | X86_K_ZMM | X86_K_MASK \
                   | X86_K_MMX | X86_K_ST | X86_K_SEG)

/* The kinds an operand may take, as GCC chooses among its constraint's
   alternatives: register, memory, immediate.  */
static int
choices (unsigned kinds, unsigned out[3])
{
  int n = 0;
  int classes = !!(kinds & REG_KINDS) + !!(kinds & X86_K_MEM) + !!(kinds & X86_K_IMM);
  if ((kinds & X86_K_LABEL) || classes <= 1)
    {
      out[0] = kinds;
      return 1;
    }
  if (kinds & REG_KINDS)
    out[n++] = kinds & (REG_KINDS | X86_K_CL);
  if (kinds & X86_K_MEM)
    out[n++] = X86_K_MEM;
  if (kinds & X86_K_IMM)
    out[n++] = X86_K_IMM;
  return n;
}

/* Every choice GCC may make for the operands must give an instruction
   safeasm knows: "=rm" with "rm" lets GCC put both in memory, which no
   two-operand instruction encodes (at -O0 it does).  Returns the form
   for the all-registers choice, which decides the effects; on failure
   *MEMS counts the memory operands of the choice that failed.  */
static const struct x86_form *
find_form_all (struct insn *in, unsigned *size, int *known, int *mems,
               unsigned *xattrs)
{
  unsigned ch[X86_MAX_OPS][3], saved[X86_MAX_OPS];
  int nch[X86_MAX_OPS], idx[X86_MAX_OPS] = { 0 };
  const struct x86_form *first = NULL;
  struct cands c;

  /* Each choice is tried on IN itself (its operand kinds set to the
     choice and restored at the end): no copy of the instruction.  */
  *mems = 0;
  *size = 0;
  for (int j = 0; j < in->nops; j++)
    {
      saved[j] = in->ops[j].kinds;
      nch[j] = choices (in->ops[j].kinds, ch[j]);
    }
  lookup_cands (in, &c);
  for (;;)
    {
      unsigned sz;
      const struct x86_form *f;
      for (int j = 0; j < in->nops; j++)
        in->ops[j].kinds = ch[j][idx[j]];
      f = find_form (in, &c, &sz, known);
      if (!f)
        {
          for (int j = 0; j < in->nops; j++)
            *mems += nch[j] > 1 && in->ops[j].kinds == X86_K_MEM;
          first = NULL;
          break;
        }
      if (!first)
        {
          first = f;
          *size = sz;
        }
      *xattrs |= f->attrs;
      int j = 0;
      while (j < in->nops && ++idx[j] == nch[j])
        idx[j++] = 0;
      if (j == in->nops)
        break;
    }
  for (int j = 0; j < in->nops; j++)
    in->ops[j].kinds = saved[j];
  return first;
}

/* Explain why no form fits: a shift count not in %cl gets its own
   message.  */
static void
explain_mismatch (const struct insn *in, struct sa_result *res)
{
  const struct x86_form *first;
  size_t len = strlen (in->mnem);
  size_t n = x86db_lookup (in->mnem, len, &first);
  if (!n && len > 1)
    n = x86db_lookup (in->mnem, len - 1, &first);
  for (size_t i = 0; i < n; i++)
    {
      const struct x86_form *f = &first[i];
      if (f->nops != in->nops)
        continue;
      for (int j = 0; j < in->nops; j++)
        if ((f->ops[j].kinds & X86_K_CL) && (in->ops[j].kinds & X86_K_GPR)
            && !(in->ops[j].kinds & X86_K_CL))
          {
            add_reason (res, SA_BAD_OPERAND, in,
                        "`%s`: a variable count must be in %%cl (use the \"c\" constraint and %%b)",
                        in->text);
            return;
          }
    }
  add_reason (res, SA_BAD_OPERAND, in,
              "`%s`: safeasm knows no form of `%s` with these operands", in->text, in->mnem);
}

static int
is_mem (const struct iop *o)
{
  return (o->kinds & X86_K_MEM) != 0;
}

static int
check_prefixes (const struct insn *in, struct sa_result *res)
{
  const struct x86_form *f = in->form;
  if ((in->prefixes & PFX_LOCK)
      && (!(f->attrs & X86_F_LOCK) || in->nops == 0 || !is_mem (&in->ops[in->nops - 1])))
    {
      add_reason (res, SA_PREFIX, in,
                  "`%s`: lock applies only to a read-modify-write of memory", in->text);
      return -1;
    }
  /* rep and repe are one encoding (F3); repne (F2) means something only
     to cmps and scas.  */
  if ((in->prefixes & (PFX_REP | PFX_REPE)) && !(f->attrs & (X86_F_STRING | X86_F_REP_OK)))
    {
      add_reason (res, SA_PREFIX, in,
                  "`%s`: rep prefixes belong on string instructions only"
                  " (on others they change the encoding's meaning)", in->text);
      return -1;
    }
  if ((in->prefixes & PFX_REPNE) && !(f->attrs & X86_F_REPE))
    {
      add_reason (res, SA_PREFIX, in,
                  "`%s`: repne applies only to cmps and scas", in->text);
      return -1;
    }
  return 0;
}

/* The AVX-512 decorations of IN, applied to a copy of its form: the
   write mask becomes a first operand that is read, a merge-masked
   destination keeps part of its old value, a broadcast source reads
   one element.  */
static int
decorate (struct insn *in, const struct model *m, struct sa_result *res)
{
  const struct x86_form *f = in->form;
  struct x86_form *x = &in->xform;
  int last = in->nops - 1, any = in->rounding != RND_NONE;
  struct iop *d;

  for (int j = 0; j < in->nops; j++)
    {
      const struct iop *o = &in->ops[j];
      if ((o->mask || o->mask_op >= 0 || o->zeroing) && j != last)
        {
          add_reason (res, SA_BAD_OPERAND, in,
                      "`%s`: a write mask or {z} belongs on the destination", in->text);
          return -1;
        }
      if (o->bcst && (j == last || !(o->kinds & X86_K_MEM) || (o->kinds & ~X86_K_MEM)))
        {
          add_reason (res, SA_BAD_OPERAND, in,
                      "`%s`: {1to%d} applies to a memory source only", in->text, o->bcst);
          return -1;
        }
      any |= o->mask || o->mask_op >= 0 || o->zeroing || o->bcst;
    }
  if (!any)
    return 0;
  *x = *f;
  if ((in->rounding == RND_ER && !(f->attrs & X86_F_ER))
      || (in->rounding == RND_SAE && !(f->attrs & (X86_F_ER | X86_F_SAE))))
    {
      add_reason (res, SA_BAD_OPERAND, in, "`%s`: `%s` takes no %s", in->text, in->mnem,
                  in->rounding == RND_ER ? "rounding control" : "{sae}");
      return -1;
    }
  for (int j = 0; j < in->nops; j++)
    if (in->ops[j].bcst)
      {
        if (!f->bcst || f->ops[j].width != in->ops[j].bcst * f->bcst)
          {
            add_reason (res, SA_BAD_OPERAND, in,
                        "`%s`: `%s` has no {1to%d} broadcast form", in->text, in->mnem,
                        in->ops[j].bcst);
            return -1;
          }
        x->ops[j].width = f->bcst;
      }
  d = &in->ops[last];
  if (d->zeroing && !d->mask && d->mask_op < 0)
    {
      add_reason (res, SA_BAD_OPERAND, in, "`%s`: {z} needs a write mask", in->text);
      return -1;
    }
  if (d->zeroing && (d->kinds & X86_K_MEM))
    {
      add_reason (res, SA_BAD_OPERAND, in,
                  "`%s`: {z} applies to register destinations only", in->text);
      return -1;
    }
  if (d->mask || d->mask_op >= 0)
    {
      struct iop k;
      memset (&k, 0, sizeof k);
      k.opno = k.base_op = k.index_op = k.mem_op = k.mask_op = -1;
      k.kinds = X86_K_MASK;
      if (d->mask == X86_K0)
        {
          add_reason (res, SA_BAD_OPERAND, in,
                      "`%s`: %%k0 cannot be a write mask", in->text);
          return -1;
        }
      if (d->mask)
        {
          k.reg = d->mask;
          k.width = 1;
        }
      else
        {
          const struct opnd *op = &m->op[d->mask_op];
          for (int r = 1; r < X86_NREGS; r++)
            if (rs_has (&op->regs, r) && (!X86_IS_MASK (r) || r == X86_K0))
              {
                add_reason (res, SA_BAD_OPERAND, in,
                            "`%s`: the write mask's constraint \"%s\" allows %s, which"
                            " cannot be a write mask (use \"Yk\": %%k1-%%k7)", in->text,
                            op->constraint, r == X86_K0 ? "%k0" : "registers that are not masks");
                return -1;
              }
          k.opno = d->mask_op;
          k.width = op->size && op->size < 8 ? op->size : 8;
          if (op->fixed[0])
            k.reg = op->fixed[0];
        }
      if (in->nops >= X86_MAX_OPS)
        {
          add_reason (res, SA_BAD_OPERAND, in, "`%s`: too many operands", in->text);
          return -1;
        }
      /* Merge masking keeps the masked elements of a vector or memory
         destination; a mask destination (vpcmpd) is zeroed there.  */
      if (!d->zeroing && !(d->kinds & X86_K_MASK) && (x->ops[last].access & X86_A_W))
        x->ops[last].access |= X86_A_COND;
      /* A masked instruction is no plain copy, and its mask is read
         even in a zeroing idiom.  */
      x->attrs &= (unsigned short) ~(X86_F_MOVE | X86_F_XCHG | X86_F_ZERO_IDIOM
                                     | X86_F_ONES_IDIOM);
      for (int j = in->nops; j > 0; j--)
        {
          in->ops[j] = in->ops[j - 1];
          x->ops[j] = x->ops[j - 1];
        }
      in->ops[0] = k;
      x->ops[0].access = X86_A_R;
      x->ops[0].kinds = X86_K_MASK;
      x->ops[0].width = (unsigned char) k.width;
      x->nops = (unsigned char) ++in->nops;
    }
  in->form = x;
  return 0;
}

int
match_forms (struct prog *p, const struct model *m, struct sa_result *res)
{
  int rc = 0;
  for (int i = 0; i < p->ninsns; i++)
    {
      struct insn *in = &p->insns[i];
      unsigned size;
      int known;
      int mems;
      const struct x86_form *f = find_form_all (in, &size, &known, &mems, &in->xattrs);

      if (!f)
        {
          if (known && mems >= 2)
            add_reason (res, SA_BAD_OPERAND, in,
                        "`%s`: the constraints let GCC put %d operands in memory at once"
                        " (it does at -O0), and `%s` cannot take them", in->text, mems,
                        in->mnem);
          else if (!known)
            add_reason (res, SA_UNKNOWN_INSN, in,
                        "`%s`: `%s` is not an instruction safeasm knows", in->text, in->mnem);
          else
            explain_mismatch (in, res);
          rc = -1;
          continue;
        }
      in->form = in->base = f;
      if (decorate (in, m, res) < 0)
        {
          rc = -1;
          continue;
        }
      f = in->form;
      if (!size)
        for (int j = 0; j < in->nops && !size; j++)
          if (!f->ops[j].width && in->ops[j].width
              && (in->ops[j].kinds & (X86_K_GPR | X86_K_XMM | X86_K_YMM | X86_K_ZMM)))
            size = in->ops[j].width;
      in->opsize = size ? size : 8;
      for (int j = 0; j < in->nops; j++)
        {
          struct iop *o = &in->ops[j];
          if (!(f->ops[j].kinds & X86_K_LABEL) || o->indirect)
            o->lbl = LBL_NONE;
          else if ((o->kinds & X86_K_LABEL) && (f->ops[j].kinds & X86_K_LABEL))
            o->kinds = X86_K_LABEL;
          if (o->lbl == LBL_NONE && (o->kinds & X86_K_LABEL))
            o->kinds &= ~X86_K_LABEL;
          if (f->ops[j].kinds & X86_K_ADDR)
            o->kinds = (o->kinds & ~X86_K_MEM) | X86_K_ADDR;
          if (!(o->kinds & REG_KINDS) && !o->width)
            o->width = f->ops[j].width ? f->ops[j].width : in->opsize;
          if (o->kinds & X86_K_MEM)
            o->mwidth = f->ops[j].width ? f->ops[j].width : in->opsize;
        }
      if (check_prefixes (in, res) < 0)
        rc = -1;
    }
  return rc;
}
