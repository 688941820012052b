/* constraints.c -- the operand model of GCC's i386 target: what each
   constraint string allows (register classes, fixed registers, memory,
   immediates, ties, earlyclobber, flag outputs) and what clobbers name.  */

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"

int
rs_count (const regset *s)
{
  /* Not __builtin_popcountll: without -mpopcnt that is a libgcc call.  */
  int n = 0;
  for (int k = 0; k < 2; k++)
    {
      uint64_t x = s->w[k];
      x -= (x >> 1) & 0x5555555555555555u;
      x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
      x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fu;
      n += (int) ((x * 0x0101010101010101u) >> 56);
    }
  return n;
}

int
rs_first (const regset *s)
{
  if (s->w[0])
    return __builtin_ctzll (s->w[0]);
  if (s->w[1])
    return 64 + __builtin_ctzll (s->w[1]);
  return 0;
}

static void
add_range (regset *s, int from, int n)
{
  for (int i = 0; i < n; i++)
    rs_add (s, from + i);
}

static void
add_gprs (regset *s, int with_sp)
{
  for (int r = X86_RAX; r <= X86_R15; r++)
    if (with_sp || r != X86_RSP)
      rs_add (s, r);
}

/* Flags read by condition NAME ("z", "nc", "ge"...), 0 if unknown.  */
static int
cond_flags (const char *name)
{
  static const struct { const char *n; int f; } t[] = {
    { "o", X86_OF }, { "no", X86_OF }, { "b", X86_CF }, { "c", X86_CF },
    { "nae", X86_CF }, { "ae", X86_CF }, { "nb", X86_CF }, { "nc", X86_CF },
    { "e", X86_ZF }, { "z", X86_ZF }, { "ne", X86_ZF }, { "nz", X86_ZF },
    { "be", X86_CF | X86_ZF }, { "na", X86_CF | X86_ZF },
    { "a", X86_CF | X86_ZF }, { "nbe", X86_CF | X86_ZF },
    { "s", X86_SF }, { "ns", X86_SF }, { "p", X86_PF }, { "pe", X86_PF },
    { "np", X86_PF }, { "po", X86_PF }, { "l", X86_SF | X86_OF },
    { "nge", X86_SF | X86_OF }, { "ge", X86_SF | X86_OF },
    { "nl", X86_SF | X86_OF }, { "le", X86_ZF | X86_SF | X86_OF },
    { "ng", X86_ZF | X86_SF | X86_OF }, { "g", X86_ZF | X86_SF | X86_OF },
    { "nle", X86_ZF | X86_SF | X86_OF },
  };
  for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++)
    if (strcmp (t[i].n, name) == 0)
      return t[i].f;
  return 0;
}

static int
find_output_by_name (const struct model *m, const char *name, size_t len)
{
  for (int i = 0; i < m->nout; i++)
    if (m->op[i].name && strlen (m->op[i].name) == len
        && memcmp (m->op[i].name, name, len) == 0)
      return i;
  return -1;
}

/* Parse the constraint of operand O.  Returns 0, or -1 after adding a
   reason to RES.  */
static int
parse_one (struct model *m, struct opnd *o, const char *c, struct sa_result *res)
{
  int alt_early = 0, all_early = 1;
  const char *s = c;

  if (o->output && !strpbrk (c, "=+"))
    {
      add_reason (res, SA_CONSTRAINT, NULL,
                  "output constraint \"%s\" has no '=' or '+'", c);
      return -1;
    }

  for (; *s; s++)
    {
      char ch = *s;
      switch (ch)
        {
        case '=': case '+':
          if (!o->output)
            goto bad;
          if (ch == '+')
            o->inout = 1;
          break;
        case '&': alt_early = 1; break;
        case ',':
          all_early &= alt_early;
          alt_early = 0;
          break;
        case '%': case '?': case '!': case '*': case '^': case '$':
          break;
        case '#':
          while (s[1] && s[1] != ',')
            s++;
          break;
        case '@':
          if (!o->output || strncmp (s, "@cc", 3) != 0)
            goto bad;
          sa_snprintf (o->ccname, sizeof o->ccname, "%s", s + 3);
          o->flagcc = cond_flags (o->ccname);
          if (!o->flagcc)
            goto bad;
          return 0;
        case '[':
          {
            const char *e = strchr (s, ']');
            int t;
            if (o->output || !e || (t = find_output_by_name (m, s + 1, (size_t) (e - s - 1))) < 0)
              goto bad;
            o->tied = t;
            s = e;
            break;
          }
        case 'r': case 'q': case 'l': case 'R': case 'U':
          o->kinds |= OPK_REG;
          if (ch == 'R')
            {
              for (int r = X86_RAX; r <= X86_RDI; r++)
                rs_add (&o->regs, r);
            }
          else if (ch == 'U')
            {
              static const int u[] = { X86_RAX, X86_RCX, X86_RDX, X86_RSI, X86_RDI,
                                       X86_R8, X86_R9, X86_R10, X86_R11 };
              for (unsigned i = 0; i < sizeof u / sizeof u[0]; i++)
                rs_add (&o->regs, u[i]);
            }
          else
            add_gprs (&o->regs, 0);
          break;
        case 'Q':
          o->kinds |= OPK_REG;
          rs_add (&o->regs, X86_RAX); rs_add (&o->regs, X86_RBX);
          rs_add (&o->regs, X86_RCX); rs_add (&o->regs, X86_RDX);
          break;
        case 'a': o->kinds |= OPK_REG; rs_add (&o->regs, X86_RAX); break;
        case 'b': o->kinds |= OPK_REG; rs_add (&o->regs, X86_RBX); break;
        case 'c': o->kinds |= OPK_REG; rs_add (&o->regs, X86_RCX); break;
        case 'd': o->kinds |= OPK_REG; rs_add (&o->regs, X86_RDX); break;
        case 'S': o->kinds |= OPK_REG; rs_add (&o->regs, X86_RSI); break;
        case 'D': o->kinds |= OPK_REG; rs_add (&o->regs, X86_RDI); break;
        case 'A':
          o->kinds |= OPK_REG;
          rs_add (&o->regs, X86_RAX);
          rs_add (&o->regs, X86_RDX);
          break;
        case 'f': o->kinds |= OPK_REG; add_range (&o->regs, X86_ST0, 8); break;
        case 't': o->kinds |= OPK_REG; rs_add (&o->regs, X86_ST0); break;
        case 'u': o->kinds |= OPK_REG; rs_add (&o->regs, X86_ST0 + 1); break;
        case 'x': o->kinds |= OPK_REG; add_range (&o->regs, X86_XMM0, 16); break;
        case 'v': o->kinds |= OPK_REG; add_range (&o->regs, X86_XMM0, 32); break;
        case 'y': o->kinds |= OPK_REG; add_range (&o->regs, X86_MM0, 8); break;
        case 'k': o->kinds |= OPK_REG; add_range (&o->regs, X86_K0, 8); break;
        case 'Y':
          o->kinds |= OPK_REG;
          switch (*++s)
            {
            case 'z': rs_add (&o->regs, X86_XMM0); break;
            case 'k': add_range (&o->regs, X86_K0 + 1, 7); break;
            case 'r': case 'x': add_range (&o->regs, X86_XMM0, 16); break;
            case 'v': case 'w': case 'h': add_range (&o->regs, X86_XMM0, 32); break;
            default: goto bad;
            }
          break;
        case 'm': case 'o': case 'V': case '<': case '>':
          o->kinds |= OPK_MEM;
          break;
        case 'p':
          o->kinds |= OPK_REG | OPK_IMM;
          add_gprs (&o->regs, 0);
          break;
        case 'g':
          o->kinds |= OPK_REG | OPK_MEM | OPK_IMM;
          add_gprs (&o->regs, 0);
          break;
        case 'X':
          o->kinds |= OPK_REG | OPK_MEM | OPK_IMM;
          add_gprs (&o->regs, 0);
          add_range (&o->regs, X86_XMM0, 32);
          break;
        case 'i': case 'n': case 's': case 'E': case 'F': case 'G': case 'H':
        case 'I': case 'J': case 'K': case 'L': case 'M': case 'N': case 'O':
        case 'e': case 'Z': case 'C':
          o->kinds |= OPK_IMM;
          break;
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          {
            long t = 0;
            if (o->output)
              goto bad;
            /* Capped: a long number must not wrap round to an operand.  */
            while (isdigit ((unsigned char) *s))
              {
                if (t < MAX_OPERANDS)
                  t = t * 10 + (*s - '0');
                s++;
              }
            s--;
            if (t >= m->nout)
              goto bad;
            o->tied = t;
            break;
          }
        case ' ': case '\t':
          break;
        default:
          goto bad;
        }
    }
  all_early &= alt_early;
  o->early = all_early;
  return 0;

 bad:
  add_reason (res, SA_CONSTRAINT, NULL,
              "safeasm does not understand the constraint \"%s\"", c);
  return -1;
}

static int
parse_clobber (struct model *m, const char *c, struct sa_result *res)
{
  const struct x86_regname *rn;

  if (*c == '%')
    c++;
  if (strcmp (c, "memory") == 0)
    m->clob_memory = 1;
  else if (strcmp (c, "cc") == 0 || strcmp (c, "flags") == 0)
    m->clob_cc = 1;
  else if (strcmp (c, "fpsr") == 0)
    m->clob_fpsr = 1;
  else if (strcmp (c, "fpcr") == 0)
    rs_add (&m->clobbered, X86_FPCW);
  else if ((rn = x86_regname_lookup (c, strlen (c))) != NULL)
    rs_add (&m->clobbered, rn->reg);
  else
    {
      add_reason (res, SA_CONSTRAINT, NULL, "unknown clobber \"%s\"", c);
      return -1;
    }
  return 0;
}

int
parse_operands (struct model *m, const struct sa_asm *in, struct sa_result *res)
{
  int ok = 0;

  /* Only the operands this asm has are set below and read later.  */
  memset (m, 0, offsetof (struct model, op));
  memset (m->op, 0, (size_t) (in->n_outputs + in->n_inputs < MAX_OPERANDS
                              ? in->n_outputs + in->n_inputs : MAX_OPERANDS)
                    * sizeof m->op[0]);
  memset (&m->clobbered, 0, sizeof *m - offsetof (struct model, clobbered));
  m->in = in;
  m->nout = (int) in->n_outputs;
  m->nops = (int) (in->n_outputs + in->n_inputs);
  m->nlabels = (int) in->n_labels;
  if (in->n_outputs + in->n_inputs > MAX_OPERANDS || in->n_labels > MAX_LABELS)
    {
      add_reason (res, SA_TOO_COMPLEX, NULL,
                  "the asm has %u operands and %u labels; safeasm analyses at most %d and %d",
                  in->n_outputs + in->n_inputs, in->n_labels, MAX_OPERANDS, MAX_LABELS);
      return -1;
    }

  for (int i = 0; i < m->nops; i++)
    {
      const struct sa_operand *so = i < m->nout ? &in->outputs[i] : &in->inputs[i - m->nout];
      struct opnd *o = &m->op[i];
      o->no = i;
      o->output = i < m->nout;
      o->tied = -1;
      o->tied_by = -1;
      o->size = so->size;
      o->value = so->value > 0 && so->value < 64 ? so->value : 0;
      o->addr_uses = so->addr_uses;
      o->has_const = !o->output && so->has_const;
      o->const_value = so->const_value;
      o->kind = so->kind;
      o->name = so->name;
      o->constraint = so->constraint ? so->constraint : "";
      o->loc = -1;
      if (parse_one (m, o, o->constraint, res) < 0)
        {
          ok = -1;
          continue;
        }
      if (o->tied >= 0)
        {
          struct opnd *t = &m->op[o->tied];
          if (t->tied_by < 0)
            t->tied_by = i;
          o->kinds |= t->kinds;
          o->regs = t->regs;
        }
      if (so->reg && *so->reg)
        {
          const char *r = so->reg;
          const struct x86_regname *rn;
          while (*r == '%' || *r == '*')
            r++;
          rn = x86_regname_lookup (r, strlen (r));
          if (!rn)
            {
              add_reason (res, SA_CONSTRAINT, NULL,
                          "unknown register \"%s\" in a register variable", so->reg);
              ok = -1;
              continue;
            }
          memset (&o->regs, 0, sizeof o->regs);
          rs_add (&o->regs, rn->reg);
          o->kinds = (o->kinds & ~OPK_MEM) | OPK_REG;
        }
    }
  if (ok < 0)
    return -1;

  /* Fixed registers and state locations.  */
  for (int i = 0; i < m->nops; i++)
    {
      struct opnd *o = &m->op[i];
      if (o->tied >= 0)
        continue;
      if (!(o->kinds & OPK_REG) || o->flagcc)
        continue;
      if (rs_count (&o->regs) == 1)
        o->fixed[0] = rs_first (&o->regs);
      else if (rs_count (&o->regs) == 2 && rs_has (&o->regs, X86_RAX)
               && rs_has (&o->regs, X86_RDX) && o->size > 8)
        {
          /* "A" holding a double-word value: the rdx:rax pair.  */
          o->fixed[0] = X86_RAX;
          o->fixed[1] = X86_RDX;
        }
      o->loc = o->fixed[0] ? o->fixed[0] : LOC_V0 + i;
    }
  for (int i = 0; i < m->nops; i++)
    {
      struct opnd *o = &m->op[i];
      if (o->tied >= 0)
        {
          const struct opnd *t = &m->op[o->tied];
          o->loc = t->loc;
          o->fixed[0] = t->fixed[0];
          o->fixed[1] = t->fixed[1];
        }
    }

  for (unsigned i = 0; i < in->n_clobbers; i++)
    if (parse_clobber (m, in->clobbers[i], res) < 0)
      ok = -1;
  return ok;
}

/* "%0" or "%[name]" for operand NO.  */
const char *
opnd_label (const struct model *m, int no, char *buf, unsigned len)
{
  if (no >= 0 && no < m->nops && m->op[no].name)
    sa_snprintf (buf, len, "%%[%s]", m->op[no].name);
  else
    sa_snprintf (buf, len, "%%%d", no);
  return buf;
}
