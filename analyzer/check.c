/* check.c -- the contract checks.  Runs the template's instructions over
   an abstract state (which value each register holds, how many of its
   low bytes are defined, which outputs have been written) along every
   path through its local branches, then judges each read and the state
   at every exit against the operands, clobbers and qualifiers.  */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* A location's abstract value.  Tokens: ENTRY(loc) is the value the
   location had when the asm started; an instruction's write gives a
   token fixed by (instruction, location); a join of different values
   gives one fixed by (join point, location).  So iteration converges. */
struct lstate {
  uint32_t tok;
  uint8_t def;                  /* low bytes holding a defined value */
  uint8_t wwidth;               /* width of the last write, for messages */
  int16_t writer;               /* last instruction that wrote it, -1 */
  int16_t origin;               /* undefined register its value came from, -1 */
  uint32_t src_tok;             /* a move copied this value (token) into it, 0 if not */
  uint8_t src_w;                /* how many bytes that move copied */
};

#define NSLOTS 16

struct state {
  int reached;
  uint64_t outs_written;        /* outputs possibly written so far (earlyclobber) */
  uint64_t mem_written;         /* memory operands surely written so far */
  regset touched;               /* locations whose token may not be the entry one */
  struct lstate l[NLOC];
  /* The stack the asm pushes on (only with -mno-red-zone): %rsp minus
     its entry value, when known, and the values pushed at -8, -16...  */
  int rsp_off;
  int rsp_known;
  struct lstate slot[NSLOTS];
  /* A memory operand that holds an exact copy of a register value (the
     token, and how many bytes), so that loading it back restores the
     register: "stmxcsr %0 ... ldmxcsr %0".  0 if not.  */
  uint32_t mtok[MAX_OPERANDS];
  uint8_t mwidth[MAX_OPERANDS];
  /* The x87 register stack: how far it moved since entry (pushes are
     +1), when known.  The st(i) locations are relative to its top, so
     a push or pop rotates them.  */
  int x87_delta;
  int x87_known;
};

#define ENTRY(loc) ((uint32_t) (loc) + 1)
#define NTOKLOC (NLOC + 16)
#define WTOK(i, loc) (0x01000000u + (uint32_t) (i) * NTOKLOC + (uint32_t) (loc))
#define PTOK(i, loc) (0x80000000u + (uint32_t) (i) * NTOKLOC + (uint32_t) (loc))

struct ctx {
  const struct prog *p;
  const struct model *m;
  struct sa_result *res;
  int report;
  signed char loc_out[NLOC];    /* output operand bound to a location, -1 */
  signed char loc_in[NLOC];     /* input-only operand bound to a location, -1 */
  unsigned char full[NLOC];     /* width of the location */
  const char *scenario;         /* "if GCC puts %1 in %rbx", or NULL */
  regset written;               /* architectural registers written anywhere */
  /* For the summary: operands read and written, memory touched.  */
  uint64_t op_read, op_written;
  int mem_read, mem_written, flags_written;
};

static int
bit (int no)
{
  return no >= 0 && no < 64;
}

static int
flag_index (int flag)
{
  return __builtin_ctz ((unsigned) flag);
}

static const char *
flag_name (int i)
{
  static const char *const n[] = { "CF", "PF", "AF", "ZF", "SF", "OF", "DF" };
  return n[i];
}

static unsigned
full_width (const struct model *m, int loc)
{
  if (loc >= LOC_V0)
    {
      const struct opnd *o = &m->op[loc - LOC_V0];
      int r;
      if (loc - LOC_V0 >= m->nops)
        return 8;
      r = rs_first (&o->regs);
      if (X86_IS_VEC (r))
        return 64;
      if (X86_IS_ST (r))
        return 10;
      return 8;
    }
  if (loc >= LOC_FLAG0)
    return 1;
  if (X86_IS_VEC (loc))
    return 64;
  if (X86_IS_ST (loc))
    return 10;
  if (loc == X86_MXCSR)
    return 4;
  if (loc == X86_FPCW || loc == X86_FPSW || X86_IS_SEG (loc))
    return 2;
  return 8;
}

/* Name of LOC as the user wrote it, at WIDTH.  */
static const char *
loc_name (const struct ctx *c, int loc, unsigned width, char *buf, unsigned len)
{
  if (loc >= LOC_V0)
    return opnd_label (c->m, loc - LOC_V0, buf, len);
  if (loc >= LOC_FLAG0)
    return flag_name (loc - LOC_FLAG0);
  if (c->loc_out[loc] >= 0 || c->loc_in[loc] >= 0)
    {
      char b2[40];
      int no = c->loc_out[loc] >= 0 ? c->loc_out[loc] : c->loc_in[loc];
      sa_snprintf (buf, len, "%%%s (%s)", x86_reg_name (loc, width ? width : 8),
                opnd_label (c->m, no, b2, sizeof b2));
      return buf;
    }
  sa_snprintf (buf, len, "%%%s", x86_reg_name (loc, width ? width : full_width (c->m, loc)));
  return buf;
}

/* What does not depend on the statement, computed once: the widths of
   the architectural locations and the entry state's tokens.  */
static struct {
  int ready;
  unsigned char full[LOC_V0];
  struct state entry;
} base;

static void init_base (void);

static void
init_ctx (struct ctx *c, const struct prog *p, const struct model *m, struct sa_result *res)
{
  if (!base.ready)
    init_base ();
  c->p = p;
  c->m = m;
  c->res = res;
  c->report = 0;
  c->scenario = NULL;
  memset (&c->written, 0, sizeof c->written);
  c->op_read = c->op_written = 0;
  c->mem_read = c->mem_written = c->flags_written = 0;
  memset (c->loc_out, 0xff, sizeof c->loc_out);     /* -1 */
  memset (c->loc_in, 0xff, sizeof c->loc_in);
  memcpy (c->full, base.full, sizeof base.full);
  for (int i = LOC_V0; i < NLOC; i++)
    c->full[i] = (unsigned char) full_width (m, i);
  for (int i = 0; i < m->nops; i++)
    {
      const struct opnd *o = &m->op[i];
      int locs[2] = { o->loc, o->fixed[1] };
      for (int k = 0; k < 2; k++)
        {
          if (locs[k] <= 0)
            continue;
          if (o->output)
            c->loc_out[locs[k]] = (signed char) i;
          else if (o->tied < 0)
            c->loc_in[locs[k]] = (signed char) i;
        }
    }
}

static void
init_base (void)
{
  struct state *s = &base.entry;
  for (int i = 0; i < LOC_V0; i++)
    base.full[i] = (unsigned char) full_width (NULL, i);
  memset (s, 0, sizeof *s);
  s->reached = 1;
  for (int i = 0; i < NLOC; i++)
    {
      s->l[i].tok = ENTRY (i);
      s->l[i].writer = -1;
      s->l[i].origin = -1;
    }
  s->l[X86_RSP].def = 8;
  s->l[X86_RIP].def = 8;
  s->l[X86_MXCSR].def = 4;
  s->l[X86_FPCW].def = 2;
  s->l[X86_FPSW].def = 2;       /* the exception flags are program state */
  for (int r = X86_ES; r <= X86_GS; r++)
    s->l[r].def = 2;
  s->l[LOC_FLAG0 + flag_index (X86_DF)].def = 1;   /* the ABI keeps DF clear */
  s->rsp_known = 1;
  s->x87_known = 1;
  for (int k = 0; k < NSLOTS; k++)
    {
      s->slot[k].tok = ENTRY (NLOC + k);
      s->slot[k].writer = s->slot[k].origin = -1;
    }
  base.ready = 1;
}

static void
entry_state (const struct ctx *c, struct state *s)
{
  const struct model *m = c->m;
  *s = base.entry;
  /* Registers holding values on entry: inputs, in-out outputs, the
     stack and instruction pointers, the control registers.  */
  for (int i = 0; i < m->nops; i++)
    {
      const struct opnd *o = &m->op[i];
      int defined = !o->output || o->inout || o->tied_by >= 0;
      if (!defined)
        continue;
      if (o->loc >= 0)
        s->l[o->loc].def = c->full[o->loc];
      if (o->fixed[1])
        s->l[o->fixed[1]].def = c->full[o->fixed[1]];
    }
}

/* Join location B into A (PTOK: the token for "either value").  */
static int
join_loc (struct lstate *a, const struct lstate *b, uint32_t ptok)
{
  int changed = 0;
  if (a->tok != b->tok && a->tok != ptok)
    {
      a->tok = ptok;
      changed = 1;
    }
  if (b->def < a->def)
    {
      a->def = b->def;
      changed = 1;
    }
  if (a->writer < 0 && b->writer >= 0)
    {
      a->writer = b->writer;
      changed = 1;
    }
  if (a->origin < 0 && b->origin >= 0)
    {
      a->origin = b->origin;
      changed = 1;
    }
  return changed;
}

static int
join (struct state *into, const struct state *from, int at)
{
  int changed = 0;
  if (!from->reached)
    return 0;
  if (!into->reached)
    {
      *into = *from;
      return 1;
    }
  into->touched.w[0] |= from->touched.w[0];
  into->touched.w[1] |= from->touched.w[1];
  if ((into->outs_written | from->outs_written) != into->outs_written)
    {
      into->outs_written |= from->outs_written;
      changed = 1;
    }
  if ((into->mem_written & from->mem_written) != into->mem_written)
    {
      into->mem_written &= from->mem_written;
      changed = 1;
    }
  for (int k = 0; k < MAX_OPERANDS; k++)
    if (into->mtok[k] && (into->mtok[k] != from->mtok[k]
                          || into->mwidth[k] != from->mwidth[k]))
      {
        into->mtok[k] = 0;
        changed = 1;
      }
  if (into->x87_known && (!from->x87_known || from->x87_delta != into->x87_delta))
    {
      into->x87_known = 0;
      changed = 1;
    }
  if (into->rsp_known && (!from->rsp_known || from->rsp_off != into->rsp_off))
    {
      into->rsp_known = 0;
      changed = 1;
    }
#ifdef SAFEASM_SELFCHECK
  /* A location neither path touched is as it was on entry in both.  */
  for (int i = 0; i < NLOC; i++)
    if (!rs_has (&into->touched, i)
        && (into->l[i].tok != from->l[i].tok || into->l[i].def != from->l[i].def
            || into->l[i].writer != from->l[i].writer
            || into->l[i].origin != from->l[i].origin))
      {
        fprintf (stderr, "safeasm: location %d differs untouched\n", i);
        abort ();
      }
#endif
  /* The locations either path touched, then the stack slots.  */
  regset todo = into->touched;
  for (int i; (i = rs_pop (&todo)) >= 0;)
    changed |= join_loc (&into->l[i], &from->l[i], PTOK (at, i));
  for (int k = 0; k < NSLOTS; k++)
    changed |= join_loc (&into->slot[k], &from->slot[k], PTOK (at, NLOC + k));
  return changed;
}

/* Location of an instruction operand's register, -1 if none.  */
static int
op_loc (const struct ctx *c, const struct iop *o)
{
  if (o->reg)
    return o->reg;
  if (o->opno >= 0 && (o->kinds & ~(X86_K_MEM | X86_K_IMM | X86_K_LABEL)))
    return c->m->op[o->opno].loc;
  return -1;
}

static int
is_regop (const struct iop *o)
{
  return (o->kinds & (X86_K_GPR | X86_K_XMM | X86_K_YMM | X86_K_ZMM | X86_K_MASK
                      | X86_K_MMX | X86_K_ST | X86_K_SEG)) != 0;
}

/* ---- reporting helpers ---- */

static struct sa_reason *
say (struct ctx *c, enum sa_code code, const struct insn *in, const char *msg)
{
  if (!c->report)
    return NULL;
  if (c->scenario)
    return add_reason (c->res, code, in, "%s: %s", c->scenario, msg);
  return add_reason (c->res, code, in, "%s", msg);
}

/* Attach a mechanical fix to reason R (which may be NULL).  */
static void
fix (struct sa_reason *r, enum sa_fix f, int op, const char *reg)
{
  if (!r)
    return;
  r->fix = f;
  r->fix_op = op;
  if (reg)
    sa_snprintf (r->fix_reg, sizeof r->fix_reg, "%s", reg);
}

/* The name GCC knows LOC by as a clobber: "rbx", "xmm3", "k1", "st(1)".  */
static const char *
clobber_name (int loc)
{
  if (X86_IS_VEC (loc))
    return x86_reg_name (loc, 16);
  return x86_reg_name (loc, X86_IS_GPR (loc) ? 8 : 0);
}

/* A read of LOC, which holds input operand NO: the asm must not have
   overwritten it (it may be restored later, but not yet).  */
static void
check_input_intact (struct ctx *c, const struct state *s, const struct insn *in, int loc)
{
  char a[64], msg[SA_MSG_LEN];
  if (c->loc_in[loc] < 0 || s->l[loc].tok == ENTRY (loc) || !c->report)
    return;
  sa_snprintf (msg, sizeof msg, "`%s` reads %s after the asm overwrote it",
            in->text, loc_name (c, loc, 0, a, sizeof a));
  say (c, SA_INPUT_WRITTEN, in, msg);
}

/* Could output O share a register with input operand I, which is read
   as a register (AS_ADDR = 0) or used in an address (AS_ADDR = 1)?  */
static int
may_share (const struct model *m, int o, int i, int as_addr)
{
  const struct opnd *out = &m->op[o], *in = &m->op[i];
  regset gprs;
  if (o == i || in->tied == o || out->early || out->flagcc)
    return 0;
  if (!(out->kinds & OPK_REG))
    return 0;
  if (out->inout || out->tied_by >= 0)
    {
      /* Its register holds its own input value: GCC puts another input
         there only when that input has the same value.  */
      int v = out->inout ? out->value : m->op[out->tied_by].value;
      if (!v)
        return 0;
      if (as_addr)
        return (in->addr_uses >> v) & 1;
      return in->value == v && in->tied < 0 && !in->output && rs_meets (&out->regs, &in->regs);
    }
  if (as_addr)
    {
      memset (&gprs, 0, sizeof gprs);
      for (int r = X86_RAX; r <= X86_R15; r++)
        if (r != X86_RSP)
          rs_add (&gprs, r);
      return rs_meets (&out->regs, &gprs);
    }
  if (in->tied >= 0 || !(in->kinds & OPK_REG))
    return 0;
  if (in->output)               /* '+' operand: outputs never share */
    return 0;
  return rs_meets (&out->regs, &in->regs);
}

static void
check_early (struct ctx *c, const struct state *s, const struct insn *in, int no, int as_addr,
             unsigned width)
{
  char a[40], b[40], msg[SA_MSG_LEN];
  if (!c->report || no < 0)
    return;
  for (int o = 0; o < c->m->nout && o < 64; o++)
    if ((s->outs_written >> o) & 1 && may_share (c->m, o, no, as_addr))
      {
        int ol = c->m->op[o].loc, il = c->m->op[no].loc;
        /* After "mov %1, %0" the two hold the same value: sharing a
           register is harmless while %0 keeps that copy.  */
        if (!as_addr && ol >= 0 && il >= 0 && s->l[ol].src_tok
            && s->l[ol].src_tok == s->l[il].tok && width && width <= s->l[ol].src_w)
          continue;
        sa_snprintf (msg, sizeof msg,
                  "`%s` reads %s %s after %s was written; without '&' (\"=&...\")"
                  " GCC may give both the same register",
                  in->text, as_addr ? "the address of" : "input",
                  opnd_label (c->m, no, a, sizeof a), opnd_label (c->m, o, b, sizeof b));
        fix (say (c, SA_EARLYCLOBBER, in, msg), SA_FIX_EARLY, o, NULL);
        return;
      }
}

/* How a register is read: named in the template (%%rax), through an
   operand reference (%1), implicitly (mul's rax), or as the old value a
   conditional write keeps.  Only a read through an operand expects the
   operand's value, so only it must find the input intact.  */
enum { READ_EXPLICIT, READ_OPERAND, READ_IMPLICIT, READ_COND_DEST };

/* A register read of LOC, WIDTH bytes at OFFSET: explicit, implicit
   (mul's rax), or the old value a conditional write keeps.  */
static void
read_reg (struct ctx *c, const struct state *s, const struct insn *in, int loc,
          unsigned width, unsigned offset, int how)
{
  char a[64], msg[SA_MSG_LEN];
  unsigned need = width + offset;
  if (need > c->full[loc])
    need = c->full[loc];
  if (c->report && c->loc_in[loc] >= 0 && bit (c->loc_in[loc]))
    c->op_read |= (uint64_t) 1 << c->loc_in[loc];
  if (c->report && c->loc_out[loc] >= 0 && bit (c->loc_out[loc]) && s->l[loc].def
      && s->l[loc].tok == ENTRY (loc))    /* its incoming value: "+" */
    c->op_read |= (uint64_t) 1 << c->loc_out[loc];
  if (c->loc_in[loc] >= 0)
    {
      check_early (c, s, in, c->loc_in[loc], 0, width);
      if (how == READ_OPERAND)
        check_input_intact (c, s, in, loc);
    }
  if (s->l[loc].def >= need || !c->report)
    return;
  if (c->loc_out[loc] >= 0)
    {
      int no = c->loc_out[loc];
      if (how == READ_COND_DEST)
        sa_snprintf (msg, sizeof msg,
                  "`%s` only conditionally writes %s, so its old value can survive;"
                  " an output-only operand has none: make it \"+\" or write it first",
                  in->text, opnd_label (c->m, no, a, sizeof a));
      else
        sa_snprintf (msg, sizeof msg,
                  "`%s` reads %s, an output-only operand (\"%s\") not yet written;"
                  " use \"+\" if the asm needs its old value",
                  in->text, opnd_label (c->m, no, a, sizeof a), c->m->op[no].constraint);
      fix (say (c, SA_OUTPUT_READ, in, msg), SA_FIX_INOUT, no, NULL);
      return;
    }
  sa_snprintf (msg, sizeof msg, "`%s` %sreads %s, which holds no declared input",
            in->text, how == READ_IMPLICIT ? "implicitly " : "",
            loc_name (c, loc, width, a, sizeof a));
  say (c, SA_UNDECLARED_READ, in, msg);
}

/* A write of WIDTH bytes at OFFSET to LOC by instruction I.  */
static void
write_reg (struct ctx *c, struct state *s, int i, int loc, unsigned width,
           unsigned offset, int vex, int cond)
{
  struct lstate *l = &s->l[loc];
  unsigned full = c->full[loc];
  unsigned def = l->def;
  int zero_ext = (X86_IS_GPR (loc) || (loc >= LOC_V0 && full == 8)) && width >= 4;

  if (zero_ext || (vex && full == 64 && !offset) || width >= full)
    def = full;
  else if (offset == 0)
    def = def >= width ? def : width;
  else if (def >= offset)
    def = def > offset + width ? def : offset + width;
  if (cond && def > l->def)
    def = l->def;
  if (loc < X86_NREGS)
    rs_add (&c->written, loc);
  l->def = (uint8_t) def;
  l->wwidth = (uint8_t) (offset ? 1 : width);
  l->tok = WTOK (i, loc);
  rs_add (&s->touched, loc);
  l->writer = (int16_t) i;
  l->origin = -1;
  l->src_tok = 0;
  if (c->loc_out[loc] >= 0 && bit (c->loc_out[loc]))
    {
      s->outs_written |= (uint64_t) 1 << c->loc_out[loc];
      if (c->report)
        c->op_written |= (uint64_t) 1 << c->loc_out[loc];
    }
}

/* A write of WIDTH bytes to memory operand NO: it counts as writing
   the output only if it covers the whole object.  */
static void
note_mem_op_written (const struct ctx *c, struct state *s, int no, unsigned width)
{
  unsigned size = c->m->op[no].size;
  if (no >= 0 && no < MAX_OPERANDS)
    s->mtok[no] = 0;
  if (bit (no) && (!size || !width || width >= size))
    s->mem_written |= (uint64_t) 1 << no;
}

/* A memory operand of IN, accessed with ACCESS (X86_A_R/W) unless it
   is address-only.  */
static void
memory_access (struct ctx *c, struct state *s, const struct insn *in, const struct iop *o,
               unsigned access)
{
  const struct model *m = c->m;
  char a[64], msg[SA_MSG_LEN];
  int uses_address = 1;

  /* The registers of the address are read, unless it is only an
     address operand of an instruction that produces nothing from it
     (nop, prefetch: lea's result is the address).  */
  if (o->kinds & X86_K_ADDR)
    {
      uses_address = 0;
      for (int j = 0; j < in->nops; j++)
        if (in->form->ops[j].access & X86_A_W)
          uses_address = 1;
    }
  if (!uses_address)
    return;
  if (o->base)
    read_reg (c, s, in, o->base, 8, 0, READ_EXPLICIT);
  if (o->index)
    read_reg (c, s, in, o->index, 8, 0, READ_EXPLICIT);
  if (o->base_op >= 0)
    {
      check_early (c, s, in, o->base_op, 1, 0);
      if (m->op[o->base_op].loc >= 0 && !m->op[o->base_op].output)
        read_reg (c, s, in, m->op[o->base_op].loc, 8, 0, READ_OPERAND);
    }
  if (o->index_op >= 0)
    {
      check_early (c, s, in, o->index_op, 1, 0);
      if (m->op[o->index_op].loc >= 0 && !m->op[o->index_op].output)
        read_reg (c, s, in, m->op[o->index_op].loc, 8, 0, READ_OPERAND);
    }
  if (o->mem_op >= 0)
    check_early (c, s, in, o->mem_op, 1, 0);
  if (!access || (o->kinds & X86_K_ADDR))
    return;
  if (c->report)
    {
      /* 1: surely; 2: if GCC chooses memory for an "rm" operand.  */
      int how = is_regop (o) ? 2 : 1;
      c->mem_read |= access & X86_A_R ? how : 0;
      c->mem_written |= access & X86_A_W ? how : 0;
      if (o->mem_op >= 0 && bit (o->mem_op))
        {
          if (access & X86_A_R)
            c->op_read |= (uint64_t) 1 << o->mem_op;
          if (access & X86_A_W)
            c->op_written |= (uint64_t) 1 << o->mem_op;
        }
    }

  if (m->in->policy == SA_POLICY_STRICT)
    {
      sa_snprintf (msg, sizeof msg, "`%s` %s memory; policy=strict allows no memory access",
                in->text, access & X86_A_W ? "writes" : "reads");
      say (c, SA_MEMORY, in, msg);
      return;
    }
  /* bt %reg, mem: the bit offset is signed and reaches 2^63 bits
     either side of the operand.  */
  if (((in->form->attrs | in->xattrs) & X86_F_BITSTR) && in->nops == 2
      && (in->ops[0].kinds & X86_K_GPR) && !m->clob_memory)
    {
      sa_snprintf (msg, sizeof msg,
                "`%s` %s a bit at an offset from a register, anywhere around its memory"
                " operand, and the asm has no \"memory\" clobber", in->text,
                access & X86_A_W ? "writes" : "reads");
      fix (say (c, SA_MEMORY, in, msg), SA_FIX_CLOBBER, -1, "memory");
      return;
    }
  if (o->mem_op >= 0 && o->base_op < 0 && o->index_op < 0 && !o->base && !o->index)
    {
      const struct opnd *op = &m->op[o->mem_op];
      long off = o->has_disp ? o->disp : 0;
      if (op->size && !m->clob_memory
          && ((o->has_disp && !o->disp_known) || off < 0
              || (unsigned long) off + o->mwidth > op->size))
        {
          if (o->has_disp && !o->disp_known)
            sa_snprintf (msg, sizeof msg,
                      "`%s` %s memory at an offset from %s that safeasm cannot bound,"
                      " and the asm has no \"memory\" clobber", in->text,
                      access & X86_A_W ? "writes" : "reads",
                      opnd_label (m, o->mem_op, a, sizeof a));
          else
            sa_snprintf (msg, sizeof msg,
                      "`%s` %s %u bytes at offset %ld of %s, a %u-byte object;"
                      " the rest is memory the asm does not declare",
                      in->text, access & X86_A_W ? "writes" : "reads", o->mwidth, off,
                      opnd_label (m, o->mem_op, a, sizeof a), op->size);
          say (c, SA_MEMORY, in, msg);
        }
      if ((access & X86_A_W) && !op->output)
        {
          sa_snprintf (msg, sizeof msg, "`%s` writes %s, an input-only memory operand",
                    in->text, opnd_label (m, o->mem_op, a, sizeof a));
          say (c, SA_INPUT_WRITTEN, in, msg);
        }
      if ((access & X86_A_R) && op->output && !op->inout && op->tied_by < 0 && !is_regop (o)
          && !(bit (o->mem_op) && (s->mem_written >> o->mem_op) & 1) && !m->clob_memory)
        {
          sa_snprintf (msg, sizeof msg,
                    "`%s` reads %s, an output-only memory operand (\"%s\") not yet written;"
                    " use \"+\" if the asm needs its old value",
                    in->text, opnd_label (m, o->mem_op, a, sizeof a), op->constraint);
          fix (say (c, SA_OUTPUT_READ, in, msg), SA_FIX_INOUT, o->mem_op, NULL);
        }
      if (access & X86_A_W)
        note_mem_op_written (c, s, o->mem_op, o->mwidth);
      return;
    }
  /* %fs/%gs: the thread pointer (%fs:0) is __builtin_thread_pointer (),
     pure per thread; other reads at a fixed offset are thread-local
     variables, outside the C object model: accepted with a note.  Writes
     and register-relative accesses follow the memory rule.  */
  if (o->seg == X86_FS || o->seg == X86_GS)
    {
      int fixed_addr = !o->base && !o->index && o->base_op < 0 && o->index_op < 0;
      if (fixed_addr && access == X86_A_R && o->disp_known && o->disp == 0)
        return;
      sa_snprintf (msg, sizeof msg,
                "`%s` %s memory relative to %%%s (thread-local storage), which is outside"
                " the C object model", in->text, access & X86_A_W ? "writes" : "reads",
                o->seg == X86_FS ? "fs" : "gs");
      say (c, SA_NOTE_SEGMENT, in, msg);
      if (fixed_addr && access == X86_A_R)
        return;
    }
  if (!m->clob_memory)
    {
      const char *via = "an address";
      if (o->base || o->base_op >= 0)
        via = o->base ? loc_name (c, o->base, 8, a, sizeof a)
                      : opnd_label (m, o->base_op, a, sizeof a);
      sa_snprintf (msg, sizeof msg,
                "`%s` %s memory through %s, which no memory operand declares, and the asm"
                " has no \"memory\" clobber",
                in->text, access & X86_A_W ? "writes" : "reads", via);
      fix (say (c, SA_MEMORY, in, msg), SA_FIX_CLOBBER, -1, "memory");
    }
}

static unsigned
imp_width (const struct insn *in, const struct x86_implicit *im)
{
  return im->width ? im->width : in->opsize;
}

static int
same_reg (const struct ctx *c, const struct insn *in)
{
  /* The two sources: "xor %eax, %eax" (the destination is one of
     them), "vpxor %xmm1, %xmm1, %xmm0" (not the write-only destination). */
  const struct iop *x, *y;
  int a, b;
  if (in->nops < 2 || in->nops > 3)
    return 0;
  x = &in->ops[0];
  y = &in->ops[1];
  a = op_loc (c, x);
  b = op_loc (c, y);
  return a >= 0 && a == b && x->width == y->width
         && !(x->kinds & X86_K_MEM) && !(y->kinds & X86_K_MEM);
}

/* The constant value an input puts in LOC, if there is one.  */
static int
const_in (const struct ctx *c, int loc, long long *val)
{
  for (int i = c->m->nout; i < c->m->nops; i++)
    if (c->m->op[i].loc == loc && c->m->op[i].has_const)
      {
        *val = c->m->op[i].const_value;
        return 1;
      }
  return 0;
}

/* Class and control-flow checks, reported once per instruction.  */
static void
check_class (struct ctx *c, const struct insn *in)
{
  const struct x86_form *f = in->form;
  const struct model *m = c->m;
  char msg[SA_MSG_LEN];

  switch (f->cls)
    {
    case X86_C_PRIV:
      sa_snprintf (msg, sizeof msg, "`%s` is privileged%s%s", in->text,
                *x86_why (f) ? ": " : "", x86_why (f));
      say (c, SA_PRIVILEGED, in, msg);
      return;
    case X86_C_REJECT:
      sa_snprintf (msg, sizeof msg, "`%s` is rejected%s%s", in->text, *x86_why (f) ? ": " : "", x86_why (f));
      say (c, SA_REJECTED_INSN, in, msg);
      return;
    case X86_C_STACK:
      if (m->in->no_red_zone && f->stack)
        break;                  /* push/pop: see stack_op */
      sa_snprintf (msg, sizeof msg,
                "`%s` uses the stack below %%rsp, where the compiler may keep data"
                " (the x86-64 red zone)", in->text);
      say (c, SA_STACK_USE, in, msg);
      return;
    case X86_C_NONDET:
      if (!m->in->is_volatile && m->nout > 0)
        {
          sa_snprintf (msg, sizeof msg,
                    "`%s` gives a different result each time, but the asm is not volatile:"
                    " GCC may merge, hoist or delete it", in->text);
          fix (say (c, SA_NOT_PURE, in, msg), SA_FIX_VOLATILE, -1, NULL);
        }
      break;
    case X86_C_SAFE:
      {
        long long leaf;
        if (!m->in->is_volatile && m->nout > 0 && strcmp (x86_mnemonic (f), "cpuid") == 0
            && const_in (c, X86_RAX, &leaf) && leaf >= 0
            && x86db_cpuid_leaf_per_core ((unsigned long) leaf))
          {
            sa_snprintf (msg, sizeof msg,
                      "`%s` leaf %#llx answers differently on each processor, but the asm"
                      " is not volatile: GCC may merge or move it", in->text,
                      (unsigned long long) leaf);
            fix (say (c, SA_NOT_PURE, in, msg), SA_FIX_VOLATILE, -1, NULL);
          }
      }
      break;
    case X86_C_FLOW:
      if (f->flow == X86_FLOW_NONE)
        {
          sa_snprintf (msg, sizeof msg, "`%s` transfers control out of the asm", in->text);
          say (c, SA_CONTROL_FLOW, in, msg);
        }
      break;
    default:
      break;
    }
  switch (f->flow)
    {
    case X86_FLOW_SYSCALL:
      /* A system call is a call into the kernel with the effects the asm
         declares: accepted under contract when it declares them all.  */
      if (m->in->policy == SA_POLICY_CONTRACT && f->cls == X86_C_SYSTEM
          && rs_has (&m->clobbered, X86_RCX) && rs_has (&m->clobbered, X86_R11)
          && m->clob_memory && c->loc_out[X86_RAX] >= 0)
        break;
      if (m->in->policy == SA_POLICY_CONTRACT && f->cls == X86_C_SYSTEM)
        sa_snprintf (msg, sizeof msg,
                  "`%s` enters the kernel: declare its effects (%%rax an output;"
                  " \"rcx\", \"r11\" and \"memory\" clobbers)", in->text);
      else
        sa_snprintf (msg, sizeof msg, "`%s` transfers control out of the asm (into the kernel)%s",
                  in->text, m->in->policy == SA_POLICY_STRICT ? "; policy=strict forbids it" : "");
      say (c, SA_CONTROL_FLOW, in, msg);
      break;
    case X86_FLOW_CALL:
    case X86_FLOW_RET:
    case X86_FLOW_TRAP:
      sa_snprintf (msg, sizeof msg, "`%s` transfers control out of the asm", in->text);
      say (c, SA_CONTROL_FLOW, in, msg);
      break;
    case X86_FLOW_JMP:
    case X86_FLOW_JCC:
      for (int j = 0; j < in->nops; j++)
        {
          const struct iop *o = &in->ops[j];
          if (o->kinds == X86_K_LABEL && (o->lbl == LBL_LOCAL || o->lbl == LBL_GOTO))
            continue;
          if (o->kinds == X86_K_LABEL)
            sa_snprintf (msg, sizeof msg,
                      "`%s` jumps to `%s`, which is neither a label of this asm nor an"
                      " asm goto label", in->text, o->lblname);
          else
            sa_snprintf (msg, sizeof msg, "`%s` is an indirect jump out of the asm", in->text);
          say (c, SA_CONTROL_FLOW, in, msg);
        }
      break;
    default:
      break;
    }
}

/* push/pop/pushf/popf with -mno-red-zone: nothing lives below %rsp, so
   the asm may use the stack as long as it pops what it pushed.  Pushed
   values are kept, so "push %rbx ... pop %rbx" restores %rbx.  */
static void
stack_op (struct ctx *c, struct state *s, int i)
{
  const struct insn *in = &c->p->insns[i];
  const struct x86_form *f = in->form;
  int off = s->rsp_off + f->stack;
  char msg[SA_MSG_LEN];
  struct lstate v;

  memset (&v, 0, sizeof v);
  v.writer = v.origin = -1;
  if (f->stack < 0)
    {
      /* push: the value goes to the slot at the new %rsp.  */
      if (in->nops == 1)
        {
          const struct iop *o = &in->ops[0];
          int loc = op_loc (c, o);
          if (loc >= 0 && is_regop (o))
            v = s->l[loc];
          else
            {
              if (o->kinds & X86_K_MEM)
                memory_access (c, s, in, o, X86_A_R);
              v.tok = WTOK (i, NLOC);
              v.def = 8;
            }
        }
      else
        {
          v.tok = WTOK (i, NLOC);   /* pushf */
          v.def = 8;
        }
      if (s->rsp_known && off < 0 && -off % 8 == 0 && -off / 8 <= NSLOTS)
        s->slot[-off / 8 - 1] = v;
    }
  else
    {
      /* pop: never above the entry %rsp (that is the caller's data).  */
      if (!s->rsp_known || s->rsp_off >= 0)
        {
          sa_snprintf (msg, sizeof msg, "`%s` pops more than the asm pushed", in->text);
          say (c, SA_STACK_USE, in, msg);
        }
      else if (-s->rsp_off % 8 == 0 && -s->rsp_off / 8 <= NSLOTS)
        v = s->slot[-s->rsp_off / 8 - 1];
      if (in->nops == 1)
        {
          const struct iop *o = &in->ops[0];
          int loc = op_loc (c, o);
          if (loc >= 0 && is_regop (o))
            {
              write_reg (c, s, i, loc, 8, 0, 0, 0);
              s->l[loc].tok = v.tok ? v.tok : s->l[loc].tok;
              s->l[loc].def = v.def < s->l[loc].def ? v.def : s->l[loc].def;
              s->l[loc].origin = v.origin;
            }
          else if (o->kinds & X86_K_MEM)
            memory_access (c, s, in, o, X86_A_W);
        }
      for (int fl = 0; fl < NFLAGS; fl++)      /* popf */
        if ((f->flags_written >> fl) & 1)
          {
            s->l[LOC_FLAG0 + fl].def = 1;
            s->l[LOC_FLAG0 + fl].tok = WTOK (i, LOC_FLAG0 + fl);
            rs_add (&s->touched, LOC_FLAG0 + fl);
          }
    }
  s->rsp_off = off;
  s->l[X86_RSP].tok = s->rsp_known && off == 0 ? ENTRY (X86_RSP) : WTOK (i, X86_RSP);
  rs_add (&s->touched, X86_RSP);
  s->l[X86_RSP].writer = (int16_t) i;
}

/* The x87 stack moves by one: a push makes the old st(i) the new
   st(i+1) and fills st(0) with an empty slot; a pop makes st(i+1) the
   new st(i), and the popped value goes round to st(7) (still there,
   marked empty).  */
static void
x87_move (struct state *s, int i, int push)
{
  struct lstate t;
  for (int k = 0; k < 8; k++)
    rs_add (&s->touched, X86_ST0 + k);
  if (push)
    {
      for (int k = 7; k > 0; k--)
        s->l[X86_ST0 + k] = s->l[X86_ST0 + k - 1];
      memset (&s->l[X86_ST0], 0, sizeof s->l[X86_ST0]);
      s->l[X86_ST0].tok = WTOK (i, X86_ST0);
      s->l[X86_ST0].writer = (int16_t) i;
      s->l[X86_ST0].origin = -1;
      s->x87_delta++;
    }
  else
    {
      t = s->l[X86_ST0];
      for (int k = 0; k < 7; k++)
        s->l[X86_ST0 + k] = s->l[X86_ST0 + k + 1];
      s->l[X86_ST0 + 7] = t;
      s->l[X86_ST0 + 7].def = 0;
      s->x87_delta--;
    }
}

/* A memory operand the asm addresses exactly, without registers or an
   offset: where a register value can be saved and loaded back.  */
static int
plain_mem (const struct iop *o)
{
  return o->mem_op >= 0 && !is_regop (o) && !o->base && !o->index && o->base_op < 0
         && o->index_op < 0 && !o->seg && (!o->has_disp || (o->disp_known && !o->disp));
}

/* Copies through memory by a move: a register stored whole into a
   plain memory operand, and loaded back whole.  BEFORE is the state
   before the instruction.  */
static void
move_through_memory (struct ctx *c, struct state *s, const struct state *before, int i)
{
  const struct insn *in = &c->p->insns[i];
  const struct x86_form *f = in->form;
  const struct iop *mem = NULL;
  int reg = -1, to_mem;
  unsigned w;

  if (in->nops == 2 && plain_mem (&in->ops[1]) && op_loc (c, &in->ops[0]) >= 0
      && is_regop (&in->ops[0]))
    mem = &in->ops[1], reg = op_loc (c, &in->ops[0]), to_mem = 1, w = in->ops[0].width;
  else if (in->nops == 2 && plain_mem (&in->ops[0]) && op_loc (c, &in->ops[1]) >= 0
           && is_regop (&in->ops[1]))
    mem = &in->ops[0], reg = op_loc (c, &in->ops[1]), to_mem = 0, w = in->ops[1].width;
  else if (in->nops == 1 && f->nimp == 1 && plain_mem (&in->ops[0]))
    mem = &in->ops[0], reg = x86_imp (f)[0].reg, to_mem = (f->ops[0].access & X86_A_W) != 0,
    w = in->ops[0].mwidth;
  else
    return;
  if (w != c->full[reg] || in->ops[mem == &in->ops[0] ? 0 : 1].mwidth != w)
    return;
  if (to_mem)
    {
      s->mtok[mem->mem_op] = before->l[reg].tok;
      s->mwidth[mem->mem_op] = (uint8_t) w;
    }
  else if (before->mtok[mem->mem_op] && before->mwidth[mem->mem_op] == w)
    {
      s->l[reg].tok = before->mtok[mem->mem_op];
      rs_add (&s->touched, reg);
      s->l[reg].def = c->full[reg];
    }
}

/* Apply instruction I to S.  */
static void
apply (struct ctx *c, struct state *s, int i)
{
  const struct insn *in = &c->p->insns[i];
  const struct x86_form *f = in->form;
  int idiom = (f->attrs & (X86_F_ZERO_IDIOM | X86_F_ONES_IDIOM)) && same_reg (c, in);
  int move = (f->attrs & X86_F_MOVE) != 0;
  struct state before;
  char msg[SA_MSG_LEN], a[64];
  unsigned written, undef;         /* flags */

  if (c->report)
    check_class (c, in);

  /* Flags read.  */
  for (int fl = 0; fl < NFLAGS; fl++)
    if ((f->flags_read >> fl) & 1 && !s->l[LOC_FLAG0 + fl].def)
      {
        sa_snprintf (msg, sizeof msg,
                  "`%s` reads %s, which the asm has not set (flags carry no value into an asm)",
                  in->text, flag_name (fl));
        say (c, SA_FLAGS_READ, in, msg);
        break;
      }

  if (f->cls == X86_C_STACK && f->stack && c->m->in->no_red_zone)
    {
      stack_op (c, s, i);
      return;
    }

  /* Explicit operands read.  */
  for (int j = 0; j < in->nops; j++)
    {
      const struct iop *o = &in->ops[j];
      unsigned acc = f->ops[j].access;
      int loc = op_loc (c, o);
      int cond = (acc & X86_A_COND) != 0;
      int undef0 = (f->attrs & X86_F_UNDEF_IF_ZERO) && j == in->nops - 1;

      if (o->kinds & (X86_K_MEM | X86_K_ADDR))
        {
          unsigned macc = o->kinds & X86_K_ADDR ? 0 : acc & (X86_A_R | X86_A_W);
          if (cond)
            macc |= X86_A_R;
          memory_access (c, s, in, o, macc);
          if (o->mem_op >= 0 && (macc & X86_A_W) && loc < 0)
            note_mem_op_written (c, s, o->mem_op, o->mwidth);
        }
      if (loc < 0 || !is_regop (o))
        continue;
      if (idiom)
        continue;
      if (undef0 && c->loc_out[loc] >= 0)
        {
          const struct opnd *op = &c->m->op[c->loc_out[loc]];
          if (!op->inout && op->tied_by < 0 && c->report)
            {
              sa_snprintf (msg, sizeof msg,
                        "`%s` leaves %s undefined when its source is zero",
                        in->text, opnd_label (c->m, op->no, a, sizeof a));
              say (c, SA_NOTE_BSF_ZERO, in, msg);
            }
          continue;
        }
      if ((acc & X86_A_R) && loc == X86_RSP && !c->m->in->is_volatile && c->m->nout > 0)
        {
          sa_snprintf (msg, sizeof msg,
                    "`%s` reads %%rsp, which differs from call to call, but the asm is not"
                    " volatile: GCC may merge, hoist or delete it", in->text);
          fix (say (c, SA_NOT_PURE, in, msg), SA_FIX_VOLATILE, -1, NULL);
        }
      if ((acc & X86_A_R) || cond)
        {
          int dest_is_reg = in->nops >= 2 && is_regop (&in->ops[in->nops - 1]);
          if (c->report && (move || (f->attrs & X86_F_XCHG)))
            {
              int no = c->loc_in[loc] >= 0 ? c->loc_in[loc] : c->loc_out[loc];
              if (no >= 0 && bit (no)
                  && (c->loc_in[loc] >= 0 || (s->l[loc].def && s->l[loc].tok == ENTRY (loc))))
                c->op_read |= (uint64_t) 1 << no;
            }
          if (move && dest_is_reg && !(acc & X86_A_W))
            {
              if (c->loc_in[loc] >= 0)
                {
                  check_early (c, s, in, c->loc_in[loc], 0, o->width);
                  if (o->opno >= 0)
                    check_input_intact (c, s, in, loc);
                }
              continue;         /* the value flows; judged where it is used */
            }
          if ((f->attrs & X86_F_XCHG) && in->nops == 2 && is_regop (&in->ops[0])
              && is_regop (&in->ops[1]))
            {
              if (c->loc_in[loc] >= 0)
                check_early (c, s, in, c->loc_in[loc], 0, o->width);
              continue;
            }
          read_reg (c, s, in, loc, o->width, o->offset,
                    cond && !(acc & X86_A_R) ? READ_COND_DEST
                    : o->opno >= 0 ? READ_OPERAND : READ_EXPLICIT);
        }
    }

  /* Implicit operands read.  */
  for (int k = 0; k < f->nimp; k++)
    {
      const struct x86_implicit *im = &x86_imp (f)[k];
      if (im->access & X86_A_MEM)
        {
          struct iop mo;
          memset (&mo, 0, sizeof mo);
          mo.kinds = X86_K_MEM;
          mo.base = im->reg;
          mo.base_op = mo.index_op = mo.mem_op = -1;
          mo.opno = -1;
          memory_access (c, s, in, &mo, im->access & (X86_A_R | X86_A_W));
          continue;
        }
      /* An optional read (cpuid's ecx) need not hold a value, but an
         input living there must still be intact and not shared.  */
      if ((im->access & X86_A_R) && (im->access & X86_A_SOFT))
        {
          long long leaf;
          if (c->loc_in[im->reg] >= 0)
            check_early (c, s, in, c->loc_in[im->reg], 0, imp_width (in, im));
          /* cpuid leaves with sub-leaves read ecx for real.  */
          if (im->reg == X86_RCX && strcmp (x86_mnemonic (f), "cpuid") == 0
              && const_in (c, X86_RAX, &leaf) && leaf >= 0
              && x86db_cpuid_leaf_has_subleaf ((unsigned long) leaf)
              && s->l[X86_RCX].def < 4)
            {
              sa_snprintf (msg, sizeof msg,
                        "`%s` with leaf %#llx reads its sub-leaf from %%ecx, which holds"
                        " no declared input", in->text, (unsigned long long) leaf);
              say (c, SA_UNDECLARED_READ, in, msg);
            }
        }
      else if (im->access & X86_A_R)
        read_reg (c, s, in, im->reg, imp_width (in, im), im->offset, READ_IMPLICIT);
    }
  if ((in->prefixes & (PFX_REP | PFX_REPE | PFX_REPNE)) && (f->attrs & X86_F_STRING))
    read_reg (c, s, in, X86_RCX, 8, 0, READ_IMPLICIT);

  /* Writes.  A push comes before them (they name the new positions).
     Moves and exchanges need the state before them (a 2 kB copy).  */
  if (move || (f->attrs & X86_F_XCHG))
    before = *s;
  if (f->x87 > 0)
    x87_move (s, i, 1);
  if ((f->attrs & X86_F_XCHG) && in->nops < 2 && in->nops + f->nimp == 2)
    {
      /* fxch: swaps st(0) with the register it names (st(1) if none).  */
      int a = in->nops ? op_loc (c, &in->ops[0]) : x86_imp (f)[0].reg;
      int b = in->nops ? x86_imp (f)[0].reg : x86_imp (f)[1].reg;
      if (a > 0 && b > 0)
        {
          struct lstate t = s->l[a];
          s->l[a] = s->l[b];
          s->l[b] = t;
          s->l[a].writer = s->l[b].writer = (int16_t) i;
          rs_add (&s->touched, a);
          rs_add (&s->touched, b);
          goto flags;
        }
    }
  for (int j = 0; j < in->nops; j++)
    {
      const struct iop *o = &in->ops[j];
      unsigned acc = f->ops[j].access;
      int loc = op_loc (c, o);
      unsigned w;
      if (!(acc & X86_A_W) || loc < 0 || !is_regop (o))
        {
          if ((acc & X86_A_W) && o->opno >= 0 && (o->kinds & X86_K_MEM))
            note_mem_op_written (c, s, o->opno, f->ops[j].width ? f->ops[j].width : in->opsize);
          continue;
        }
      if (o->opno >= 0 && (o->kinds & X86_K_MEM))
        note_mem_op_written (c, s, o->opno, f->ops[j].width ? f->ops[j].width : in->opsize);
      w = f->ops[j].width ? f->ops[j].width : o->width;
      if (!w)
        w = in->opsize;
      if ((f->attrs & X86_F_XCHG) && in->nops == 2 && is_regop (&in->ops[0])
          && is_regop (&in->ops[1]))
        {
          int other = op_loc (c, &in->ops[1 - j]);
          if (w >= c->full[loc] && w >= c->full[other])
            {
              int16_t wr = (int16_t) i;
              if (loc < X86_NREGS)
                rs_add (&c->written, loc);
              s->l[loc] = before.l[other];
              s->l[loc].writer = wr;
              rs_add (&s->touched, loc);
              if (!before.l[other].def && before.l[other].origin < 0)
                s->l[loc].origin = (int16_t) other;
              if (c->loc_out[loc] >= 0 && bit (c->loc_out[loc]))
                s->outs_written |= (uint64_t) 1 << c->loc_out[loc];
              continue;
            }
        }
      write_reg (c, s, i, loc, w, o->offset, (f->attrs & X86_F_VEX) != 0,
                 (acc & X86_A_COND) && !(f->attrs & X86_F_UNDEF_IF_ZERO));
      if (idiom)
        s->l[loc].def = c->full[loc] < 8 || X86_IS_GPR (loc) ? c->full[loc] : s->l[loc].def;
      if (move && in->nops == 2 && j == 1)
        {
          const struct iop *src = &in->ops[0];
          int sl = op_loc (c, src);
          if (sl >= 0 && is_regop (src))
            {
              const struct lstate *sv = &before.l[sl];
              unsigned need = src->width + src->offset;
              if (!src->offset && sv->def >= src->width)
                {
                  s->l[loc].src_tok = sv->tok;
                  s->l[loc].src_w = (uint8_t) (w < src->width ? w : src->width);
                }
              if (need > c->full[sl])
                need = c->full[sl];
              if (w >= c->full[loc] && src->width >= c->full[sl] && c->full[sl] == c->full[loc])
                {
                  s->l[loc].tok = sv->tok;
                  rs_add (&s->touched, loc);
                  s->l[loc].def = sv->def;
                }
              else if (sv->def < need && sv->def < s->l[loc].def)
                s->l[loc].def = sv->def;  /* the copied bytes are undefined */
              if (sv->def < need)
                s->l[loc].origin = sv->origin >= 0 ? sv->origin : (int16_t) sl;
            }
        }
    }
  for (int k = 0; k < f->nimp; k++)
    {
      const struct x86_implicit *im = &x86_imp (f)[k];
      if ((im->access & X86_A_W) && !(im->access & X86_A_MEM))
        write_reg (c, s, i, im->reg, imp_width (in, im), im->offset,
                   (f->attrs & X86_F_VEX) != 0, (im->access & X86_A_COND) != 0);
    }
  if (move)
    move_through_memory (c, s, &before, i);
  for (int k = f->x87; k < 0; k++)
    x87_move (s, i, 0);
  if ((in->prefixes & (PFX_REP | PFX_REPE | PFX_REPNE)) && (f->attrs & X86_F_STRING))
    write_reg (c, s, i, X86_RCX, 8, 0, 0, 0);
 flags:
  written = f->flags_written;
  undef = f->flags_undef;
  if ((f->attrs & X86_F_COUNT) && in->nops > 0
      && !(in->ops[0].imm_known && (in->ops[0].imm & (in->opsize == 8 ? 63 : 31))))
    {
      /* A count that may be 0 may leave every flag as it was.  */
      undef |= written;
      written = 0;
    }
  for (int fl = 0; fl < NFLAGS; fl++)
    {
      struct lstate *l = &s->l[LOC_FLAG0 + fl];
      if ((written >> fl) & 1)
        {
          c->flags_written |= c->report;
          l->def = 1;
          l->tok = WTOK (i, LOC_FLAG0 + fl);
          l->writer = (int16_t) i;
          rs_add (&s->touched, LOC_FLAG0 + fl);
          /* The ABI keeps DF clear, so clearing it restores its entry
             value.  */
          if (1 << fl == X86_DF && (f->flags_zero & X86_DF))
            l->tok = ENTRY (LOC_FLAG0 + fl);
        }
      if ((undef >> fl) & 1)
        {
          l->def = 0;
          l->tok = WTOK (i, LOC_FLAG0 + fl);
          l->writer = (int16_t) i;
          rs_add (&s->touched, LOC_FLAG0 + fl);
        }
    }
}

/* Successors of instruction I: fallthrough and branch target.  */
static void
successors (const struct prog *p, int i, int *fall, int *target, int *to_goto)
{
  const struct insn *in = &p->insns[i];
  const struct x86_form *f = in->form;
  *fall = i + 1;
  *target = -1;
  *to_goto = 0;
  if (f->flow == X86_FLOW_JMP || f->flow == X86_FLOW_RET || f->flow == X86_FLOW_TRAP)
    *fall = -1;
  if (f->flow == X86_FLOW_JMP || f->flow == X86_FLOW_JCC)
    for (int j = 0; j < in->nops; j++)
      {
        const struct iop *o = &in->ops[j];
        if (o->kinds != X86_K_LABEL)
          continue;
        if (o->lbl == LBL_LOCAL)
          *target = o->lblnum;
        else if (o->lbl == LBL_GOTO)
          *to_goto = 1;
      }
}

/* The x87 stack at an exit.  The asm finds its inputs ("t", "u") on top
   and must leave its outputs ("=t", "=u") there: it may pop the inputs
   it declares popped (clobbered, or matched to an output) and push its
   outputs, and must not touch the values below, which may be GCC's.  */
static void
x87_exit (struct ctx *c, const struct state *s)
{
  const struct model *m = c->m;
  int d_in = 0, outs = 0, popped = 0, d_out, changed = !s->x87_known || s->x87_delta;
  char msg[SA_MSG_LEN];

  for (int k = 0; k < 8 && !changed; k++)
    changed = s->l[X86_ST0 + k].tok != ENTRY (X86_ST0 + k);
  if (!changed)
    return;
  for (int k = 0; k < 8; k++)
    {
      int loc = X86_ST0 + k, out = c->loc_out[loc];
      int inout = out >= 0 && (m->op[out].inout || m->op[out].tied_by >= 0);
      if (out >= 0)
        outs++;
      if (c->loc_in[loc] >= 0 || inout)
        {
          d_in++;
          if (inout || rs_has (&m->clobbered, loc))
            popped++;
        }
    }
  if (!s->x87_known)
    {
      say (c, SA_X87_STACK, NULL,
           "the x87 stack is not the same depth on every path through the asm");
      return;
    }
  if (s->x87_delta != outs - popped)
    {
      sa_snprintf (msg, sizeof msg,
                "the asm moves the x87 stack by %+d, but its operands say %+d"
                " (%d output(s) \"=t\"/\"=u\" pushed, %d input(s) popped: clobbered"
                " \"st\"/\"st(1)\" or matched to an output)",
                s->x87_delta, outs - popped, outs, popped);
      say (c, SA_X87_STACK, NULL, msg);
      return;
    }
  d_out = d_in + s->x87_delta;
  for (int k = 0; d_in + k < 8 && d_out + k < 8; k++)
    {
      int pin = d_in + k, pout = d_out + k;
      const struct lstate *l = &s->l[X86_ST0 + pout];
      if (rs_has (&m->clobbered, X86_ST0 + pin) || l->tok == ENTRY (X86_ST0 + pin))
        continue;
      char reg[8] = "st(0)";
      reg[3] = (char) ('0' + (pin & 7));
      sa_snprintf (msg, sizeof msg,
                "`%.80s` changes the x87 register below the asm's operands that was %%%s,"
                " where GCC may keep its own values; clobber \"%s\" if the asm needs"
                " the space", l->writer >= 0 ? c->p->insns[l->writer].text : "the asm",
                reg, reg);
      fix (say (c, SA_X87_STACK, l->writer >= 0 ? &c->p->insns[l->writer] : NULL, msg),
           SA_FIX_CLOBBER, -1, reg);
      return;
    }
}

static void
exit_checks (struct ctx *c, const struct state *s, int fallthrough)
{
  const struct model *m = c->m;
  const struct prog *p = c->p;
  char a[64], b[64], msg[SA_MSG_LEN];
  regset touched = s->touched;

#ifdef SAFEASM_SELFCHECK
  /* What the loop below skips must hold its entry value.  */
  for (int loc = 1; loc < NLOC; loc++)
    if (!rs_has (&touched, loc) && s->l[loc].tok != ENTRY (loc))
      {
        fprintf (stderr, "safeasm: location %d changed unseen\n", loc);
        abort ();
      }
#endif
  /* The locations some instruction may have changed, in order.  */
  for (int loc; (loc = rs_pop (&touched)) >= 0;)
    {
      const struct lstate *l = &s->l[loc];
      const struct insn *w;
      if (loc == 0 || l->tok == ENTRY (loc) || loc == X86_RIP || X86_IS_ST (loc)
          || loc == X86_FPSW)
        continue;               /* the x87 stack: see x87_exit; GCC always
                                   clobbers fpsr, like the flags */
      w = l->writer >= 0 ? &p->insns[l->writer] : NULL;
      if (loc == LOC_FLAG0 + flag_index (X86_DF))
        {
          sa_snprintf (msg, sizeof msg,
                    "`%s` sets the direction flag and the asm does not clear it (cld);"
                    " GCC assumes it is clear after every asm", w ? w->text : "the asm");
          say (c, SA_DIRECTION_FLAG, w, msg);
          continue;
        }
      if (loc >= LOC_FLAG0 && loc < LOC_V0)
        continue;
      if (loc >= LOC_V0)
        {
          const struct opnd *o = &m->op[loc - LOC_V0];
          if (loc - LOC_V0 >= m->nops || o->output)
            continue;
          sa_snprintf (msg, sizeof msg,
                    "`%s` modifies %s, an input-only operand; declare it as an output"
                    " (\"+%s\") or restore it", w ? w->text : "the asm",
                    opnd_label (m, o->no, a, sizeof a),
                    o->constraint[0] ? o->constraint : "r");
          say (c, SA_INPUT_WRITTEN, w, msg);
          continue;
        }
      if (loc == X86_RBP && m->in->frame_pointer)
        {
          sa_snprintf (msg, sizeof msg,
                    "`%s` changes %%rbp, which holds this function's frame pointer",
                    w ? w->text : "the asm");
          say (c, SA_FRAME_POINTER, w, msg);
          continue;
        }
      if (c->loc_out[loc] >= 0 || rs_has (&m->clobbered, loc))
        continue;
      if (loc == X86_RSP)
        {
          int told = 0;
          for (unsigned k = 0; k < c->res->n_reasons; k++)
            told |= c->res->reasons[k].code == SA_STACK_USE;
          if (told)
            continue;
          sa_snprintf (msg, sizeof msg, "`%s` changes the stack pointer", w ? w->text : "the asm");
          say (c, SA_STACK_USE, w, msg);
          continue;
        }
      if (c->loc_in[loc] >= 0)
        {
          sa_snprintf (msg, sizeof msg,
                    "`%s` writes %s, an input-only operand; make it an output (\"+\")",
                    w ? w->text : "the asm", loc_name (c, loc, l->wwidth, a, sizeof a));
          say (c, SA_INPUT_WRITTEN, w, msg);
          continue;
        }
      if (loc == X86_MXCSR || loc == X86_FPCW)
        sa_snprintf (msg, sizeof msg,
                  "`%s` changes %s (rounding and exception modes) and does not restore it",
                  w ? w->text : "the asm", loc == X86_MXCSR ? "MXCSR" : "the x87 control word");
      else
        sa_snprintf (msg, sizeof msg, "`%s` writes %s, which is neither an output nor a clobber",
                  w ? w->text : "the asm", loc_name (c, loc, l->wwidth, a, sizeof a));
      if (loc == X86_MXCSR || loc == X86_FPCW)
        say (c, SA_CLOBBER_MISSING, w, msg);
      else
        fix (say (c, SA_CLOBBER_MISSING, w, msg), SA_FIX_CLOBBER, -1, clobber_name (loc));
    }

  x87_exit (c, s);
  if (!fallthrough)
    return;
  for (int i = 0; i < m->nout; i++)
    {
      const struct opnd *o = &m->op[i];
      if (o->flagcc)
        {
          for (int fl = 0; fl < NFLAGS; fl++)
            if ((o->flagcc >> fl) & 1 && !s->l[LOC_FLAG0 + fl].def)
              {
                sa_snprintf (msg, sizeof msg,
                          "%s (\"=@cc%s\") reads %s, which the asm does not set",
                          opnd_label (m, i, a, sizeof a), o->ccname, flag_name (fl));
                say (c, SA_OUTPUT_UNSET, NULL, msg);
                break;
              }
          continue;
        }
      if (o->inout || o->tied_by >= 0)
        continue;
      if (o->loc >= 0)
        {
          int locs[2] = { o->loc, o->fixed[1] };
          for (int k = 0; k < 2; k++)
            {
              int loc = locs[k];
              unsigned need = o->size ? o->size : 1;
              const struct lstate *l;
              if (loc <= 0)
                continue;
              if (o->fixed[1])
                need = 8;
              if (need > c->full[loc])
                need = c->full[loc];
              l = &s->l[loc];
              if (l->def >= need)
                continue;
              if ((o->kinds & OPK_MEM) && bit (i) && (s->mem_written >> i) & 1)
                continue;
              if (l->origin >= 0)
                {
                  sa_snprintf (msg, sizeof msg, "%s receives %s, which holds no declared input",
                            opnd_label (m, i, a, sizeof a),
                            loc_name (c, l->origin, 0, b, sizeof b));
                  say (c, SA_UNDECLARED_READ,
                       l->writer >= 0 ? &p->insns[l->writer] : NULL, msg);
                  break;
                }
              else if (l->tok == ENTRY (loc))
                sa_snprintf (msg, sizeof msg, "%s is an output, but the asm never writes it",
                          opnd_label (m, i, a, sizeof a));
              else if (l->def == 0)
                sa_snprintf (msg, sizeof msg,
                          "%s is an output, but not every path through the asm writes it",
                          opnd_label (m, i, a, sizeof a));
              else
                sa_snprintf (msg, sizeof msg,
                          "the asm writes only %u byte(s) of %s, a %u-byte output;"
                          " the rest is left as it was", (unsigned) l->def,
                          opnd_label (m, i, a, sizeof a), need);
              say (c, SA_OUTPUT_UNSET, l->writer >= 0 ? &p->insns[l->writer] : NULL, msg);
              break;
            }
        }
      else if ((o->kinds & OPK_MEM) && !(bit (i) && (s->mem_written >> i) & 1))
        {
          sa_snprintf (msg, sizeof msg, "%s is a memory output, but the asm does not write all of it on every path",
                    opnd_label (m, i, a, sizeof a));
          say (c, SA_OUTPUT_UNSET, NULL, msg);
        }
    }
}

static void
run (struct ctx *c0, const struct prog *p, const struct model *m, struct sa_result *res,
     const char *scenario)
{
  struct ctx *c = c0;
  struct state *in, exit_fall, exit_goto, cur;
  int n = p->ninsns, changed, rounds = 0;

  init_ctx (c, p, m, res);
  c->scenario = scenario;

  /* Straight-line code (the common case) needs no fixed point: one
     pass that judges as it goes, and its end is the only exit.  */
  {
    int straight = 1;
    for (int i = 0; i < n && straight; i++)
      {
        int fall, target, to_goto;
        successors (p, i, &fall, &target, &to_goto);
        straight = fall == i + 1 && target < 0 && !to_goto;
      }
    if (straight)
      {
        c->report = 1;
        entry_state (c, &cur);
        for (int i = 0; i < n; i++)
          apply (c, &cur, i);
        exit_checks (c, &cur, 1);
        return;
      }
  }

  /* Only the reached flags: join copies a whole state into one that
     is not reached.  */
  in = malloc (((size_t) n + 1) * sizeof *in);
  if (!in)
    {
      add_reason (res, SA_TOO_COMPLEX, NULL, "out of memory");
      return;
    }
  for (int i = 0; i <= n; i++)
    in[i].reached = 0;
  memset (&exit_fall, 0, sizeof exit_fall);
  memset (&exit_goto, 0, sizeof exit_goto);
  entry_state (c, &in[0]);

  /* Fixed point over the template's branches.  */
  do
    {
      changed = 0;
      for (int i = 0; i < n; i++)
        {
          int fall, target, to_goto;
          if (!in[i].reached)
            continue;
          cur = in[i];
          apply (c, &cur, i);
          successors (p, i, &fall, &target, &to_goto);
          if (fall >= 0)
            changed |= fall < n ? join (&in[fall], &cur, fall) : join (&exit_fall, &cur, n);
          if (target >= 0)
            changed |= target < n ? join (&in[target], &cur, target)
                                  : join (&exit_fall, &cur, n);
          if (to_goto)
            changed |= join (&exit_goto, &cur, n + 1);
        }
      if (n == 0)
        join (&exit_fall, &in[0], 0);
    }
  while (changed && ++rounds < 4 * n + 16);
  if (changed)
    {
      add_reason (res, SA_TOO_COMPLEX, NULL, "the template's branches do not settle");
      free (in);
      return;
    }

  /* Judge every reachable instruction once, then every exit.  */
  c->report = 1;
  for (int i = 0; i < n; i++)
    if (in[i].reached)
      {
        cur = in[i];
        apply (c, &cur, i);
      }
  if (exit_fall.reached)
    exit_checks (c, &exit_fall, 1);
  if (exit_goto.reached)
    exit_checks (c, &exit_goto, 0);
  free (in);
}

static void
add_ops (const struct model *m, uint64_t set, char *buf, size_t len)
{
  char a[40];
  int first = 1;
  for (int i = 0; i < m->nops && i < 64; i++)
    if ((set >> i) & 1)
      {
        size_t n = strlen (buf);
        sa_snprintf (buf + n, len - n, "%s%s", first ? "" : ", ", opnd_label (m, i, a, sizeof a));
        first = 0;
      }
}

/* What an accepted statement does, and the C it stands for.  */
static void
summarize (const struct ctx *c, struct sa_result *res)
{
  const struct model *m = c->m;
  char *b = res->summary, outs[160] = "", ins[160] = "", regs[160] = "";
  size_t len = sizeof res->summary, n;
  uint64_t in_ops = 0, out_ops = 0, x87_written = 0;

  for (int i = 0; i < m->nops && i < 64; i++)
    {
      const struct opnd *o = &m->op[i];
      if (o->output)
        out_ops |= (uint64_t) 1 << i;
      else if (o->tied < 0)
        in_ops |= (uint64_t) 1 << i;
      else if (o->tied < 64)
        in_ops |= (uint64_t) 1 << o->tied;  /* "+r": the output is also read */
    }
  for (int i = 0; i < m->nout && i < 64; i++)
    if (X86_IS_ST (m->op[i].fixed[0]))
      x87_written |= (uint64_t) 1 << i;  /* pushed on the x87 stack */
  add_ops (m, (c->op_written | x87_written) & out_ops, outs, sizeof outs);
  add_ops (m, c->op_read & (in_ops | out_ops), ins, sizeof ins);
  for (int r = X86_RAX; r < X86_NREGS; r++)
    if (rs_has (&c->written, r) && rs_has (&m->clobbered, r))
      {
        n = strlen (regs);
        sa_snprintf (regs + n, sizeof regs - n, "%s%%%s", *regs ? ", " : "", clobber_name (r));
      }
  sa_snprintf (b, len, "reads %s; writes %s; destroys %s%s; memory: %s%s%s; story: ",
            *ins ? ins : "nothing", *outs ? outs : "nothing", *regs ? regs : "nothing",
            c->flags_written ? " and the flags" : "",
            c->mem_read & 1 ? "reads" : c->mem_read ? "may read" : "",
            c->mem_read && c->mem_written ? " and " : "",
            c->mem_written & 1 ? "writes" : c->mem_written ? "may write"
            : c->mem_read ? "" : "none");
  n = strlen (b);
  if (!m->in->is_volatile && !c->mem_written && *outs)
    sa_snprintf (b + n, len - n, "%s = f(%s), a pure function%s", outs, *ins ? ins : "",
              c->mem_read ? " of its inputs and the memory it reads" : " of its inputs");
  else if (*outs)
    sa_snprintf (b + n, len - n, "%s = f(%s), a call with side effects", outs, *ins ? ins : "");
  else
    sa_snprintf (b + n, len - n, "f(%s), a call with side effects and no result", *ins ? ins : "");
}

/* Registers the asm borrows (writes without declaring, then restores)
   may be where GCC put an operand whose class includes them: judge the
   asm again for each such allocation.  */
void
check_prog (const struct prog *p, const struct model *m, struct sa_result *res)
{
  struct ctx c;
  struct model *alt = NULL;
  regset borrowed;

  run (&c, p, m, res, NULL);
  if (res->n_reasons)
    return;
  if (!m->in->no_summary)
    summarize (&c, res);
  /* Registers written and not declared (so restored, or the asm is
     rejected already).  */
  borrowed.w[0] = c.written.w[0] & ~m->clobbered.w[0];
  borrowed.w[1] = c.written.w[1] & ~m->clobbered.w[1];
  rs_del (&borrowed, X86_RSP);
  if (rs_empty (&borrowed))
    return;
  for (int r = X86_RAX; r < X86_NREGS && !res->n_reasons; r++)
    {
      if (!rs_has (&borrowed, r) || c.loc_out[r] >= 0 || c.loc_in[r] >= 0)
        continue;
      if (!alt && !(alt = malloc (sizeof *alt)))
        return;
      for (int v = 0; v < m->nops && !res->n_reasons; v++)
        {
          const struct opnd *o = &m->op[v];
          char scen[96], a[40];
          struct ctx c2;
          if (o->tied >= 0 || o->fixed[0] || o->loc < LOC_V0 || !rs_has (&o->regs, r))
            continue;
          *alt = *m;
          for (int k = 0; k < m->nops; k++)
            if (alt->op[k].loc == o->loc)
              {
                alt->op[k].loc = r;
                alt->op[k].fixed[0] = r;
              }
          sa_snprintf (scen, sizeof scen, "if GCC puts %s in %%%s",
                    opnd_label (m, v, a, sizeof a), x86_reg_name (r, 8));
          run (&c2, p, alt, res, scen);
        }
    }
  free (alt);
}
