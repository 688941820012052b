/* template.c -- the AT&T template as gas sees it after GCC substitutes
   the operands: {att|intel} alternatives, statements and comments,
   labels, prefixes, mnemonics and operands with their %-references.  */

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* ASCII character classes (the C locale's), whatever locale the
   compiler runs in: gas reads templates byte by byte.  */
static inline int a_digit (int c) { return c >= '0' && c <= '9'; }
static inline int a_alpha (int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static inline int a_alnum (int c) { return a_alpha (c) || a_digit (c); }
static inline int a_xdigit (int c)
{ return a_digit (c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
static inline int a_space (int c)
{ return c == ' ' || (c >= '\t' && c <= '\r'); }
static inline int a_lower (int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

#define PH_START '\001'         /* placeholder: \001 NUMBER , MODIFIER \002 */
#define PH_END '\002'

/* A growable string that starts in its own small array: most
   statements never need the heap.  */
struct buf { char *p; size_t n, cap; char inl[248]; };

static void
buf_init (struct buf *b)
{
  b->p = b->inl;
  b->n = 0;
  b->cap = sizeof b->inl;
  b->inl[0] = 0;
}

static void
buf_free (struct buf *b)
{
  if (b->p != b->inl)
    free (b->p);
  buf_init (b);
}

static int
grow (struct buf *b)
{
  size_t cap = b->cap * 2;
  char *p = b->p == b->inl ? malloc (cap) : realloc (b->p, cap);
  if (!p)
    return -1;
  if (b->p == b->inl)
    memcpy (p, b->inl, b->n + 1);
  b->p = p;
  b->cap = cap;
  return 0;
}

static inline int
put (struct buf *b, char c)
{
  if (b->n + 1 >= b->cap && grow (b) < 0)
    return -1;
  b->p[b->n++] = c;
  b->p[b->n] = 0;
  return 0;
}

/* Append [S, S+N).  */
static int
putn (struct buf *b, const char *s, size_t n)
{
  while (b->n + n >= b->cap)
    if (grow (b) < 0)
      return -1;
  memcpy (b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = 0;
  return 0;
}

static int
puts_buf (struct buf *b, const char *s)
{
  return putn (b, s, strlen (s));
}

/* Keep the AT&T alternative of each {att|intel} group.  Returns 1 if
   the template had alternatives, 0 if not, -1 on a syntax error.  */
static int
select_att (const char *t, struct buf *out, struct sa_result *res)
{
  int depth = 0, alt = 0, had = 0;
  for (const char *s = t; *s; s++)
    {
      if (*s == '%' && s[1])
        {
          if (s[1] == '{' || s[1] == '|' || s[1] == '}')
            {
              if (alt == 0 && put (out, s[1]) < 0)
                return -1;
              s++;
              continue;
            }
          if (alt == 0 && (put (out, s[0]) < 0 || put (out, s[1]) < 0))
            return -1;
          s++;
          continue;
        }
      if (*s == '{')
        {
          if (depth++)
            {
              add_reason (res, SA_TEMPLATE_SYNTAX, NULL,
                          "nested {att|intel} alternatives");
              return -1;
            }
          alt = 0;
          had = 1;
          continue;
        }
      if (*s == '|' && depth)
        {
          alt++;
          continue;
        }
      if (*s == '}' && depth)
        {
          depth = 0;
          alt = 0;
          continue;
        }
      if (alt == 0 && put (out, *s) < 0)
        return -1;
    }
  if (depth)
    {
      add_reason (res, SA_TEMPLATE_SYNTAX, NULL, "unterminated {att|intel} alternative");
      return -1;
    }
  return had;
}

static const char *
suffix_for (unsigned size)
{
  switch (size)
    {
    case 1: return "b";
    case 2: return "w";
    case 4: return "l";
    case 8: return "q";
    default: return NULL;
    }
}

static int
find_label (const struct sa_asm *in, const char *name, size_t len)
{
  for (unsigned i = 0; i < in->n_labels; i++)
    if (in->labels[i] && strlen (in->labels[i]) == len
        && memcmp (in->labels[i], name, len) == 0)
      return (int) i;
  return -1;
}

static int
find_operand (const struct model *m, const char *name, size_t len)
{
  for (int i = 0; i < m->nops; i++)
    if (m->op[i].name && strlen (m->op[i].name) == len
        && memcmp (m->op[i].name, name, len) == 0)
      return i;
  return -1;
}

/* Replace %-sequences of one extended-asm statement by placeholders.  */
static int
render (const char *s, size_t len, const struct model *m, struct buf *out,
        const struct insn *ctx, struct sa_result *res)
{
  const struct sa_asm *in = m->in;
  for (size_t i = 0; i < len; i++)
    {
      char mod = '-';
      int no = -1;
      char tmp[32];

      if (s[i] != '%')
        {
          const char *pc = memchr (s + i, '%', len - i);
          size_t run = pc ? (size_t) (pc - (s + i)) : len - i;
          if (putn (out, s + i, run) < 0)
            return -1;
          i += run - 1;
          continue;
        }
      if (i + 1 >= len)
        goto bad;
      i++;
      if (s[i] == '%')
        {
          if (put (out, '%') < 0)
            return -1;
          continue;
        }
      if (s[i] == '=')
        {
          if (puts_buf (out, "1") < 0)
            return -1;
          continue;
        }
      if (a_alpha ((unsigned char) s[i]))
        {
          if (!strchr ("bwkqhlcnPpazxtgHV", s[i]))
            goto bad;
          mod = s[i++];
          if (i >= len)
            goto bad;
        }
      if (a_digit ((unsigned char) s[i]))
        {
          no = 0;
          while (i < len && a_digit ((unsigned char) s[i]) && no < 100000)
            no = no * 10 + (s[i++] - '0');
          i--;
          if (mod == 'l')
            no -= m->nops;
        }
      else if (s[i] == '[')
        {
          size_t j = i + 1;
          while (j < len && s[j] != ']')
            j++;
          if (j >= len)
            goto bad;
          no = mod == 'l' ? find_label (in, s + i + 1, j - i - 1)
                          : find_operand (m, s + i + 1, j - i - 1);
          i = j;
        }
      else
        goto bad;
      if (mod == 'l' ? (no < 0 || no >= m->nlabels) : (no < 0 || no >= m->nops))
        {
          add_reason (res, SA_TEMPLATE_SYNTAX, ctx,
                      "`%s` refers to an operand the asm does not have", ctx->text);
          return -1;
        }
      if (mod == 'z')
        {
          const char *sfx = suffix_for (m->op[no].size);
          if (!sfx)
            goto bad;
          if (puts_buf (out, sfx) < 0)
            return -1;
          continue;
        }
      {
        /* PH_START NUMBER , MODIFIER PH_END, by hand: this is the
           analyzer's most frequent formatting.  */
        char digits[12];
        int nd = 0, k = 0;
        unsigned v = (unsigned) no;
        do
          digits[nd++] = (char) ('0' + v % 10);
        while ((v /= 10) && nd < (int) sizeof digits);
        tmp[k++] = PH_START;
        while (nd)
          tmp[k++] = digits[--nd];
        tmp[k++] = ',';
        tmp[k++] = mod;
        tmp[k++] = PH_END;
        tmp[k] = 0;
      }
      if (puts_buf (out, tmp) < 0)
        return -1;
    }
  return 0;

 bad:
  add_reason (res, SA_TEMPLATE_SYNTAX, ctx,
              "`%s` has a %%-sequence safeasm does not understand", ctx->text);
  return -1;
}

static int
is_label_char (char c)
{
  return a_alnum ((unsigned char) c) || c == '_' || c == '.' || c == '$';
}

static const char *
skip_ws (const char *s)
{
  while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\f' || *s == '\v')
    s++;
  return s;
}

static int
add_label (struct prog *p, const char *name, size_t len, int at, struct sa_result *res,
           const struct insn *ctx)
{
  struct labeldef *l;
  int numeric = 1;
  if (p->nlabels >= (int) (sizeof p->labels / sizeof p->labels[0]))
    {
      add_reason (res, SA_TOO_COMPLEX, ctx, "the template defines too many labels");
      return -1;
    }
  l = &p->labels[p->nlabels++];
  for (size_t i = 0; i < len; i++)
    if (!a_digit ((unsigned char) name[i]))
      numeric = 0;
  l->num = numeric ? atoi (name) : -1;
  sa_snprintf (l->name, sizeof l->name, "%.*s", (int) len, name);
  l->at = at;
  return 0;
}

/* Register width and kinds for an operand printed as a register.  */
/* The operand kind of register REG named at WIDTH bytes.  */
static unsigned
reg_kind (int reg, unsigned width)
{
  if (X86_IS_GPR (reg))
    return X86_K_GPR;
  if (X86_IS_VEC (reg))
    return width >= 64 ? X86_K_ZMM : width >= 32 ? X86_K_YMM : X86_K_XMM;
  if (X86_IS_MASK (reg))
    return X86_K_MASK;
  if (X86_IS_MMX (reg))
    return X86_K_MMX;
  if (X86_IS_ST (reg))
    return X86_K_ST;
  if (X86_IS_SEG (reg))
    return X86_K_SEG;
  return 0;
}

static void
reg_operand (struct iop *o, int reg, unsigned width, unsigned offset)
{
  o->reg = reg;
  o->width = width;
  o->offset = offset;
  o->kinds |= reg_kind (reg, width);
  if (reg == X86_RCX && width == 1 && offset == 0)
    o->kinds |= X86_K_CL;
}
/* Width of operand NO printed as a register with modifier MOD.  */
static unsigned
opnd_width (const struct opnd *op, char mod, unsigned *offset)
{
  *offset = 0;
  switch (mod)
    {
    case 'b': return 1;
    case 'h': *offset = 1; return 1;
    case 'w': return 2;
    case 'k': return 4;
    case 'q': return 8;
    case 'x': return 16;
    case 't': return 32;
    case 'g': return 64;
    default: break;
    }
  int r = op->fixed[0] ? op->fixed[0] : rs_first (&op->regs);
  if (X86_IS_VEC (r))
    return op->size > 32 ? 64 : op->size > 16 ? 32 : 16;
  if (X86_IS_ST (r))
    return 10;
  if (X86_IS_MASK (r) || X86_IS_MMX (r))
    return 8;
  if (op->size == 1 || op->size == 2 || op->size == 4 || op->size == 8)
    return op->size;
  return 8;
}

/* Kinds of the registers operand OP may be allocated to, at WIDTH.  */
static unsigned
class_kinds (const struct opnd *op, unsigned width)
{
  /* The registers of each kind (reg_kind at this width), made once:
     an operand meets a kind if it may be any of its registers.  */
  static regset of_kind[8];
  static unsigned kind[8];
  static int nkinds, ready;
  unsigned k = 0;

  if (!ready)
    {
      for (int r = 1; r < X86_NREGS; r++)
        {
          unsigned rk = reg_kind (r, 16);
          int i = 0;
          if (!rk)
            continue;
          while (i < nkinds && kind[i] != rk)
            i++;
          if (i == nkinds)
            kind[nkinds++] = rk;
          rs_add (&of_kind[i], r);
        }
      ready = 1;
    }
  for (int i = 0; i < nkinds; i++)
    if (rs_meets (&op->regs, &of_kind[i]))
      k |= kind[i] == X86_K_XMM ? reg_kind (X86_XMM0, width) : kind[i];
  return k;
}
/* The placeholder at *S (after PH_START).  */
static const char *
read_ph (const char *s, int *no, char *mod)
{
  *no = 0;
  while (a_digit ((unsigned char) *s))
    *no = *no * 10 + (*s++ - '0');
  if (*s == ',')
    s++;
  *mod = *s ? *s++ : '-';
  if (*s == PH_END)
    s++;
  return s;
}

/* A register or asm operand used as a base or index register.  */
static const char *
parse_addr_reg (const char *s, const struct model *m, int *reg, int *op, int *ok)
{
  s = skip_ws (s);
  *reg = 0;
  *op = -1;
  if (*s == PH_START)
    {
      int no;
      char mod;
      s = read_ph (s + 1, &no, &mod);
      if (m->op[no].fixed[0])
        *reg = m->op[no].fixed[0];
      else if (m->op[no].kinds & OPK_REG)
        *op = no;
      else
        *ok = 0;
      return skip_ws (s);
    }
  if (*s == '%')
    {
      const char *e = ++s;
      const struct x86_regname *rn;
      while (a_alnum ((unsigned char) *e))
        e++;
      rn = x86_regname_lookup (s, (size_t) (e - s));
      if (!rn)
        *ok = 0;
      else
        *reg = rn->reg;
      return skip_ws (e);
    }
  return s;
}

/* A whole operand {rn-sae} {rd-sae} {ru-sae} {rz-sae} or {sae}.  */
static int
parse_rounding (struct iop *o, const char *p)
{
  static const char *const er[] = { "{rn-sae}", "{rd-sae}", "{ru-sae}", "{rz-sae}" };
  char t[16];
  size_t n = 0;
  for (; *p && n < sizeof t - 1; p++)
    if (!a_space ((unsigned char) *p))
      t[n++] = (char) a_lower ((unsigned char) *p);
  if (*p)
    return -1;
  t[n] = 0;
  for (unsigned i = 0; i < sizeof er / sizeof er[0]; i++)
    if (strcmp (t, er[i]) == 0)
      {
        o->rounding = RND_ER;
        return 0;
      }
  if (strcmp (t, "{sae}") != 0)
    return -1;
  o->rounding = RND_SAE;
  return 0;
}

/* Take the AVX-512 decorations off the end of operand TEXT: {%kN} or
   {%N} (a mask operand), {z}, {1toN}.  */
static int
strip_decorations (struct iop *o, char *text, const struct model *m)
{
  size_t n = strlen (text);
  while (n && text[n - 1] == '}')
    {
      size_t open = n - 1;
      char d[32];
      size_t dn = 0;
      while (open > 0 && text[open] != '{')
        open--;
      if (text[open] != '{' || open == 0)
        return -1;
      for (size_t i = open + 1; i < n - 1; i++)
        if (!a_space ((unsigned char) text[i]))
          {
            if (dn >= sizeof d - 1)
              return -1;
            d[dn++] = text[i];
          }
      d[dn] = 0;
      if (strcmp (d, "z") == 0 || strcmp (d, "Z") == 0)
        {
          if (o->zeroing)
            return -1;
          o->zeroing = 1;
        }
      else if (strncmp (d, "1to", 3) == 0 && a_digit ((unsigned char) d[3]))
        {
          char *end;
          long k = strtol (d + 3, &end, 10);
          if (*end || o->bcst || (k != 2 && k != 4 && k != 8 && k != 16 && k != 32))
            return -1;
          o->bcst = (int) k;
        }
      else if (d[0] == '%')
        {
          const struct x86_regname *rn = x86_regname_lookup (d + 1, dn - 1);
          if (!rn || !X86_IS_MASK (rn->reg) || o->mask || o->mask_op >= 0)
            return -1;
          o->mask = rn->reg;
        }
      else if (d[0] == PH_START)
        {
          int no;
          char mod;
          const char *q = read_ph (d + 1, &no, &mod);
          if (*q || (mod != '-' && mod != 'k' && mod != 'q')
              || !(m->op[no].kinds & OPK_REG) || o->mask || o->mask_op >= 0)
            return -1;
          o->mask_op = no;
        }
      else
        return -1;
      n = open;
      while (n && a_space ((unsigned char) text[n - 1]))
        n--;
      text[n] = 0;
    }
  return n ? 0 : -1;
}

/* The value of the immediate S (after '$'), when it is a plain number
   or an operand whose value is known.  */
static void
imm_value (struct iop *o, const char *s, const struct model *m)
{
  unsigned long long v = 0;
  int neg = 0, digits = 0;

  if (*s == PH_START)
    {
      int no;
      char mod;
      const char *q = skip_ws (read_ph (s + 1, &no, &mod));
      if (!*q && no >= 0 && no < m->nops && m->op[no].has_const)
        {
          o->imm_known = 1;
          o->imm = m->op[no].const_value;
        }
      return;
    }
  if (*s == '-')
    neg = 1, s++;
  if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
    for (s += 2; a_xdigit ((unsigned char) *s) && digits < 16; s++, digits++)
      v = v * 16 + (unsigned) (a_digit (*s) ? *s - '0' : a_lower (*s) - 'a' + 10);
  else
    for (; a_digit ((unsigned char) *s) && digits < 18; s++, digits++)
      v = v * 10 + (unsigned) (*s - '0');
  if (digits && !*skip_ws (s))
    {
      o->imm_known = 1;
      o->imm = neg ? -(long long) v : (long long) v;
    }
}

/* Parse one operand of the rendered statement, [S, E).  Basic asm
   writes registers with a single '%', which render leaves alone.  */
static int
parse_operand (struct iop *o, const char *s, const char *e, const struct model *m)
{
  char text[512];
  size_t len;
  const char *p;
  int ok = 1;

  memset (o, 0, offsetof (struct iop, lblname));
  o->lblname[0] = 0;
  o->opno = o->base_op = o->index_op = o->mem_op = o->mask_op = -1;
  while (s < e && a_space ((unsigned char) *s))
    s++;
  while (e > s && a_space ((unsigned char) e[-1]))
    e--;
  len = (size_t) (e - s);
  if (len == 0 || len >= sizeof text)
    return -1;
  memcpy (text, s, len);
  text[len] = 0;
  p = text;
  if (*p == '{')
    return parse_rounding (o, p);
  if (strip_decorations (o, text, m) < 0)
    return -1;

  if (*p == '*')
    {
      o->indirect = 1;
      p = skip_ws (p + 1);
    }
  if (*p == '$')
    {
      o->kinds = X86_K_IMM;
      imm_value (o, p + 1, m);
      return 0;
    }

  /* A whole-operand placeholder.  */
  if (*p == PH_START)
    {
      int no;
      char mod;
      const char *q = read_ph (p + 1, &no, &mod);
      q = skip_ws (q);
      if (*q == 0)
        {
          const struct opnd *op;
          unsigned off, w;
          if (mod == 'l')
            {
              o->kinds = X86_K_LABEL;
              o->lbl = LBL_GOTO;
              o->lblnum = no;
              return 0;
            }
          op = &m->op[no];
          if (mod == 'c' || mod == 'P' || mod == 'p' || mod == 'n')
            {
              /* A bare constant or symbol: a branch target or an
                 absolute memory reference.  */
              o->kinds = X86_K_MEM | X86_K_LABEL;
              o->lbl = LBL_SYMBOL;
              sa_snprintf (o->lblname, sizeof o->lblname, "%%%c%d", mod, no);
              o->has_disp = 1;
              o->disp_symbolic = 1;
              return 0;
            }
          if (mod == 'a')
            {
              o->kinds = X86_K_MEM;
              if (op->kinds & OPK_REG)
                {
                  if (op->fixed[0])
                    o->base = op->fixed[0];
                  else
                    o->base_op = no;
                }
              if (op->kinds & (OPK_IMM | OPK_MEM))
                o->has_disp = o->disp_symbolic = 1;
              return 0;
            }
          o->opno = no;
          if (mod == 'H')
            {
              o->has_disp = o->disp_known = 1;
              o->disp = 8;
            }
          if (op->kinds & OPK_REG)
            {
              w = opnd_width (op, mod, &off);
              if (op->fixed[0])
                reg_operand (o, op->fixed[0], w, off);
              else
                {
                  o->kinds |= class_kinds (op, w);
                  o->width = w;
                  o->offset = off;
                }
            }
          if (op->kinds & OPK_MEM)
            {
              o->kinds |= X86_K_MEM;
              o->mem_op = no;
            }
          if (op->kinds & OPK_IMM)
            {
              o->kinds |= X86_K_IMM;
              o->imm_known = op->has_const;
              o->imm = op->const_value;
            }
          return 0;
        }
    }

  /* A register.  */
  if (*p == '%')
    {
      const struct x86_regname *rn;
      const char *q = p + 1;
      char name[16];
      size_t n = 0;
      while (*q && (a_alnum ((unsigned char) *q)) && n < sizeof name - 1)
        name[n++] = *q++;
      q = skip_ws (q);
      if (*q == '(' && n == 2 && strncmp (name, "st", 2) == 0)
        {
          while (*q && *q != ')' && n < sizeof name - 2)
            if (*q == ' ')
              q++;
            else
              name[n++] = *q++;
          if (*q == ')')
            name[n++] = *q++;
          q = skip_ws (q);
        }
      name[n] = 0;
      rn = x86_regname_lookup (name, n);
      if (!rn)
        return -1;
      if (*q == 0)
        {
          reg_operand (o, rn->reg, rn->size, rn->offset);
          return 0;
        }
      if (*q == ':' && X86_IS_SEG (rn->reg))
        {
          o->seg = rn->reg;
          p = skip_ws (q + 1);
        }
      else
        return -1;
    }

  /* Memory: [disp](base,index,scale), or a bare expression.  */
  {
    const char *paren = strchr (p, '(');
    const char *q = p;
    char dtext[64];
    size_t dn = 0;
    int dnum = 1;
    /* Displacement: symbols, numbers, placeholders of constants; or a
       memory operand placeholder (8%1 is 8 + the operand's address).  */
    while (*q && q != paren)
      {
        if (*q == PH_START)
          {
            int no;
            char mod;
            q = read_ph (q + 1, &no, &mod);
            if (mod == '-' && (m->op[no].kinds & OPK_MEM))
              o->mem_op = no;
            else if (mod == 'c' || mod == 'P' || mod == 'p' || mod == 'n' || mod == '-')
              {
                if (!(m->op[no].kinds & (OPK_IMM | OPK_MEM)) && mod == '-')
                  return -1;
                o->has_disp = 1;
                o->disp_symbolic = 1;
              }
            else if (mod == 'H' && (m->op[no].kinds & OPK_MEM))
              o->mem_op = no;
            else
              return -1;
            continue;
          }
        if (!a_space ((unsigned char) *q))
          {
            o->has_disp = 1;
            if (a_alpha ((unsigned char) *q) || *q == '_' || *q == '.')
              o->disp_symbolic = 1;
            if (dn < sizeof dtext - 1)
              dtext[dn++] = *q;
            else
              dnum = 0;
          }
        q++;
      }
    if (o->has_disp && dnum && dn && !o->disp_symbolic)
      {
        char *end;
        /* "4+%1": the '+' joins the number to the operand's address.  */
        if (o->mem_op >= 0 && dtext[dn - 1] == '+')
          dn--;
        dtext[dn] = 0;
        o->disp = strtol (dtext, &end, 0);
        o->disp_known = *end == 0;
      }
    if (paren)
      {
        const char *r = parse_addr_reg (paren + 1, m, &o->base, &o->base_op, &ok);
        if (*r == ',')
          {
            r = parse_addr_reg (r + 1, m, &o->index, &o->index_op, &ok);
            if (*r == ',')
              {
                r = skip_ws (r + 1);
                while (a_digit ((unsigned char) *r))
                  r++;
                r = skip_ws (r);
              }
          }
        if (*r != ')' || *skip_ws (r + 1) != 0 || !ok)
          return -1;
        o->kinds = X86_K_MEM;
        return 0;
      }
    if (o->mem_op >= 0)
      {
        o->kinds = X86_K_MEM;
        return 0;
      }
    if (!o->has_disp)
      return -1;
    /* A bare expression: a branch target or an absolute address.  */
    o->kinds = X86_K_MEM | X86_K_LABEL;
    {
      size_t n = strlen (p);
      if (n >= 2 && a_digit ((unsigned char) p[0])
          && (p[n - 1] == 'b' || p[n - 1] == 'f'))
        {
          int all = 1;
          for (size_t i = 0; i + 1 < n; i++)
            if (!a_digit ((unsigned char) p[i]))
              all = 0;
          if (all)
            {
              o->lbl = LBL_LOCAL;
              o->lblnum = atoi (p);
              o->lbldir = p[n - 1];
              return 0;
            }
        }
      o->lbl = LBL_SYMBOL;
      sa_snprintf (o->lblname, sizeof o->lblname, "%.63s", p);
    }
    return 0;
  }
}

static int
is_prefix (const char *w, unsigned *flag)
{
  static const struct { const char *n; unsigned f; } t[] = {
    { "lock", PFX_LOCK }, { "rep", PFX_REP }, { "repe", PFX_REPE },
    { "repz", PFX_REPE }, { "repne", PFX_REPNE }, { "repnz", PFX_REPNE },
    /* gas pseudo-prefixes choose an encoding, not an effect */
    { "{vex}", 0 }, { "{vex2}", 0 }, { "{vex3}", 0 }, { "{evex}", 0 },
    { "{load}", 0 }, { "{store}", 0 }, { "{disp8}", 0 }, { "{disp32}", 0 },
    { "{nooptimize}", 0 },
  };
  if (w[0] != 'l' && w[0] != 'r' && w[0] != '{')
    return 0;                   /* the common case: a mnemonic */
  for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++)
    if (strcmp (w, t[i].n) == 0)
      {
        *flag = t[i].f;
        return 1;
      }
  return 0;
}

static int
harmless_directive (const char *w)
{
  return strcmp (w, ".p2align") == 0 || strcmp (w, ".align") == 0
         || strcmp (w, ".balign") == 0 || strcmp (w, ".p2alignw") == 0
         || strcmp (w, ".p2alignl") == 0 || strcmp (w, ".balignw") == 0
         || strcmp (w, ".balignl") == 0;
}

static int parse_statement (struct prog *p, const struct model *m, const char *s,
                            size_t len, unsigned line, unsigned *pending,
                            struct sa_result *res);

/* `.byte N, ...' with plain numbers (decimal, 0x hex, 0 octal; no
   signs, no expressions) whose bytes are, all of them, instructions
   x86db_decode knows -- how code for old assemblers spells xgetbv,
   rdrand or aesenc: parse each of those instructions as if the
   template said it.  ARGS is the text after `.byte'.  Returns 0 if the
   operands are not such numbers (the caller rejects the directive as
   any other), else 1 with *RC the result: the bytes that do not decode
   are a `directive' reason.  */
static int
parse_byte_directive (struct prog *p, const struct model *m, const struct insn *cur,
                      const char *args, struct sa_result *res, int *rc)
{
  unsigned char b[512];
  size_t n = 0, at = 0, ninsns = 0;
  struct { size_t at, len; char att[128]; } d[64];
  const char *s = args;

  for (;;)
    {
      unsigned long v = 0;
      s = skip_ws (s);
      if (!a_digit ((unsigned char) *s))
        return 0;
      if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        {
          s += 2;
          if (!a_xdigit ((unsigned char) *s))
            return 0;
          for (; a_xdigit ((unsigned char) *s) && v < 256; s++)
            v = v * 16 + (unsigned long) (a_digit ((unsigned char) *s) ? *s - '0'
                                          : a_lower ((unsigned char) *s) - 'a' + 10);
        }
      else if (s[0] == '0')
        for (; *s >= '0' && *s <= '7' && v < 256; s++)
          v = v * 8 + (unsigned long) (*s - '0');
      else
        for (; a_digit ((unsigned char) *s) && v < 256; s++)
          v = v * 10 + (unsigned long) (*s - '0');
      if (v > 255 || a_alnum ((unsigned char) *s) || n == sizeof b)
        return 0;
      b[n++] = (unsigned char) v;
      s = skip_ws (s);
      if (!*s)
        break;
      if (*s++ != ',')
        return 0;
    }

  while (at < n)
    {
      size_t k = ninsns < sizeof d / sizeof d[0]
                 ? x86db_decode (b + at, n - at, d[ninsns].att, sizeof d[ninsns].att) : 0;
      if (!k)
        {
          char left[64];
          size_t o = 0;
          for (size_t i = at; i < n && o + 8 < sizeof left; i++)
            o += (size_t) sa_snprintf (left + o, sizeof left - o, "%s0x%02x", i > at ? " " : "", b[i]);
          if (at + (o + 1) / 5 < n)
            sa_snprintf (left + o, sizeof left - o, " ...");
          add_reason (res, SA_DIRECTIVE, cur,
                      "the directive `.byte` emits data; its bytes from byte %zu on (%s) are not"
                      " an instruction safeasm knows, so it cannot check what they do",
                      at + 1, left);
          *rc = -1;
          return 1;
        }
      d[ninsns].at = at;
      d[ninsns++].len = k;
      at += k;
    }

  *rc = 0;
  for (size_t i = 0; i < ninsns; i++)
    {
      /* As the template would say it: '%%' for '%' in extended asm.  */
      char text[2 * sizeof d[i].att], shown[SA_INSN_LEN];
      size_t t = 0, o = 0;
      unsigned pending = i ? 0 : cur->prefixes;
      int before = p->ninsns;
      for (const char *c = d[i].att; *c; c++)
        {
          if (*c == '%' && !m->in->basic)
            text[t++] = '%';
          text[t++] = *c;
        }
      text[t] = 0;
      if (parse_statement (p, m, text, t, cur->line, &pending, res) < 0)
        {
          *rc = -1;
          continue;
        }
      if (p->ninsns != before + 1)
        continue;
      /* Show the bytes and what they are.  */
      if (ninsns == 1)
        o = (size_t) sa_snprintf (shown, sizeof shown, "%s", cur->text);
      else
        {
          o = (size_t) sa_snprintf (shown, sizeof shown, ".byte ");
          for (size_t j = 0; j < d[i].len && o < sizeof shown; j++)
            o += (size_t) sa_snprintf (shown + o, sizeof shown - o, "%s0x%02x", j ? "," : "",
                                    b[d[i].at + j]);
        }
      if (o < sizeof shown)
        sa_snprintf (shown + o, sizeof shown - o, " (%s)", d[i].att);
      memcpy (p->insns[before].text, shown, sizeof shown);
    }
  return 1;
}

/* Parse one statement [S, S+LEN) at template line LINE.  */
static int
parse_statement (struct prog *p, const struct model *m, const char *s, size_t len,
                 unsigned line, unsigned *pending, struct sa_result *res)
{
  struct insn *cur, spill;
  struct buf rb;
  const char *t, *e;
  char word[32];
  size_t wn;
  int rc = -1;

  buf_init (&rb);
  while (len && a_space ((unsigned char) *s))
    s++, len--;
  while (len && a_space ((unsigned char) s[len - 1]))
    len--;
  if (!len)
    return 0;

  /* The statement is parsed where it will stay, in the next free
     element of P->insns (an instruction is about 1.3 kB); it counts
     once P->ninsns takes it.  */
  if (!p->insns)
    {
      p->insns = p->inl;
      p->cap = PROG_INLINE;
    }
  if (p->ninsns == p->cap && p->cap < MAX_INSNS)
    {
      int cap = 2 * p->cap;
      struct insn *n;
      cap = cap < MAX_INSNS ? cap : MAX_INSNS;
      n = p->insns == p->inl ? malloc ((size_t) cap * sizeof *n)
                             : realloc (p->insns, (size_t) cap * sizeof *n);
      if (!n)
        {
          add_reason (res, SA_TOO_COMPLEX, NULL, "out of memory");
          return -1;
        }
      if (p->insns == p->inl)
        memcpy (n, p->inl, sizeof p->inl);
      p->insns = n;
      p->cap = cap;
    }
  if (p->ninsns >= MAX_INSNS)
    cur = &spill;               /* full: for the labels and the message */
  else
    cur = &p->insns[p->ninsns];

  /* Not the operands (parse_operand sets each one it parses) nor the
     decorated form (decorate writes it when it is used).  */
  memset (cur, 0, offsetof (struct insn, ops));
  cur->form = cur->base = NULL;
  cur->rounding = cur->goto_exit = 0;
  cur->xattrs = cur->opsize = 0;
  cur->line = line;
  cur->target = -2;
  {
    size_t n = len < sizeof cur->text ? len : sizeof cur->text - 1;
    memcpy (cur->text, s, n);
    cur->text[n] = 0;
  }

  if (m->in->basic)
    {
      for (size_t i = 0; i < len; i++)
        if (put (&rb, s[i]) < 0)
          goto oom;
    }
  else if (render (s, len, m, &rb, cur, res) < 0)
    goto out;
  if (!rb.p && put (&rb, 0) < 0)
    goto oom;

  t = skip_ws (rb.p);
  /* Labels.  */
  for (;;)
    {
      const char *q = t;
      while (is_label_char (*q))
        q++;
      if (q > t && *q == ':' && q[1] != ':')
        {
          if (add_label (p, t, (size_t) (q - t), p->ninsns, res, cur) < 0)
            goto out;
          t = skip_ws (q + 1);
          continue;
        }
      break;
    }
  if (!*t)
    {
      rc = 0;
      goto out;
    }

  /* Prefixes, then the mnemonic.  */
  cur->prefixes = *pending;
  for (;;)
    {
      unsigned f;
      wn = 0;
      e = t;
      while (*e && !a_space ((unsigned char) *e) && wn < sizeof word - 1)
        word[wn++] = (char) a_lower ((unsigned char) *e++);
      word[wn] = 0;
      if (*e && !a_space ((unsigned char) *e))
        {
          add_reason (res, SA_UNKNOWN_INSN, cur, "`%s` is not an instruction safeasm knows",
                      cur->text);
          goto out;
        }
      if (is_prefix (word, &f))
        {
          cur->prefixes |= f;
          t = skip_ws (e);
          if (!*t)
            {
              *pending = cur->prefixes;
              rc = 0;
              goto out;
            }
          continue;
        }
      break;
    }
  if (*pending)
    {
      /* "rep; nop": name the instruction with its prefix.  */
      char full[SA_INSN_LEN + 32];
      sa_snprintf (full, sizeof full, "%s%s%s%s; %s",
                *pending & PFX_LOCK ? "lock" : "", *pending & PFX_REP ? "rep" : "",
                *pending & PFX_REPE ? "repe" : "", *pending & PFX_REPNE ? "repne" : "",
                cur->text);
      size_t n = strlen (full);
      if (n >= sizeof cur->text)
        n = sizeof cur->text - 1;
      memcpy (cur->text, full, n);
      cur->text[n] = 0;
    }
  *pending = 0;
  memcpy (cur->mnem, word, wn + 1);       /* word has at most 31 characters */
  if (word[0] == '.')
    {
      if (strcmp (word, ".byte") == 0)
        {
          /* The instructions it spells are parsed into P->insns, over
             *CUR: work from a copy.  */
          struct insn directive = *cur;
          if (parse_byte_directive (p, m, &directive, e, res, &rc))
            goto out;
        }
      if (harmless_directive (word))
        rc = 0;
      else
        add_reason (res, SA_DIRECTIVE, cur,
                    "the directive `%s` emits data or changes how the rest is assembled;"
                    " safeasm cannot check what it produces", word);
      goto out;
    }

  /* Operands, split at commas outside parentheses.  */
  t = skip_ws (e);
  while (*t)
    {
      int depth = 0;
      const char *q = t;
      while (*q && (depth || *q != ','))
        {
          if (*q == '(')
            depth++;
          else if (*q == ')')
            depth--;
          else if (*q == PH_START)
            while (*q && *q != PH_END)
              q++;
          if (*q)
            q++;
        }
      if (cur->nops >= X86_MAX_OPS - 1
          || parse_operand (&cur->ops[cur->nops], t, q, m) < 0
          || (cur->ops[cur->nops].rounding && cur->rounding))
        {
          add_reason (res, SA_TEMPLATE_SYNTAX, cur,
                      "safeasm cannot parse the operands of `%s`", cur->text);
          goto out;
        }
      if (cur->ops[cur->nops].rounding)
        cur->rounding = cur->ops[cur->nops].rounding;  /* {rn-sae}: not an operand; gas takes
                                                       it first or after an immediate or
                                                       GPR source */
      else
        cur->nops++;
      t = *q ? q + 1 : q;
    }

  if (p->ninsns >= MAX_INSNS)
    {
      add_reason (res, SA_TOO_COMPLEX, cur, "the template has more than %d instructions",
                  MAX_INSNS);
      goto out;
    }
  p->ninsns++;
  rc = 0;
  goto out;

 oom:
  add_reason (res, SA_TOO_COMPLEX, NULL, "out of memory");
 out:
  buf_free (&rb);
  return rc;
}

/* Resolve local label references to instruction indices.  */
static void
resolve_labels (struct prog *p)
{
  for (int i = 0; i < p->ninsns; i++)
    for (int j = 0; j < p->insns[i].nops; j++)
      {
        struct iop *o = &p->insns[i].ops[j];
        o->lblnum = o->lbl == LBL_LOCAL || o->lbl == LBL_GOTO ? o->lblnum : -1;
        if (o->lbl == LBL_LOCAL)
          {
            int best = -1;
            for (int k = 0; k < p->nlabels; k++)
              {
                const struct labeldef *l = &p->labels[k];
                if (l->num != o->lblnum)
                  continue;
                if (o->lbldir == 'b' && l->at <= i)
                  best = k;
                if (o->lbldir == 'f' && l->at > i)
                  {
                    best = k;
                    break;
                  }
              }
            if (best < 0)
              {
                o->lbl = LBL_SYMBOL;
                sa_snprintf (o->lblname, sizeof o->lblname, "%d%c", o->lblnum, o->lbldir);
              }
            else
              o->lblnum = p->labels[best].at;
          }
        else if (o->lbl == LBL_SYMBOL)
          for (int k = 0; k < p->nlabels; k++)
            if (p->labels[k].num < 0 && strcmp (p->labels[k].name, o->lblname) == 0)
              {
                o->lbl = LBL_LOCAL;
                o->lblnum = p->labels[k].at;
                break;
              }
      }
}

int
parse_template (struct prog *p, const struct model *m, struct sa_result *res)
{
  const struct sa_asm *in = m->in;
  struct buf att;
  const char *s, *text;
  unsigned line = 1, pending = 0;
  int had = 0, rc = 0, nonblank = 0;
  size_t tlen = strlen (in->tmpl ? in->tmpl : "");

  buf_init (&att);
  /* Only the counts: the label table is filled before it is read.  */
  p->ninsns = 0;
  p->nlabels = 0;
  p->cap = 0;
  p->insns = NULL;              /* grown as statements are parsed */
  if (tlen > MAX_TEMPLATE)
    {
      add_reason (res, SA_TOO_COMPLEX, NULL, "the template is %zu bytes; safeasm analyses at most %d",
                  tlen, MAX_TEMPLATE);
      return -1;
    }
  /* The AT&T text: the template itself unless it has {att|intel}
     alternatives (or escapes of those characters) to choose from.  */
  text = in->tmpl ? in->tmpl : "";
  if (!in->basic && strpbrk (text, "{|}"))
    {
      if ((had = select_att (text, &att, res)) < 0)
        {
          buf_free (&att);
          return -1;
        }
      text = att.p;
    }

  /* The analyzer marks operand references with these bytes: a
     template that contains them itself is not one it can read.  */
  {
    static const char marks[] = { PH_START, PH_END, 0 };
    const char *mark = strpbrk (text, marks);
    if (mark)
      {
        add_reason (res, SA_TEMPLATE_SYNTAX, NULL,
                    "the template contains the control byte \\%03o", (unsigned) *mark);
        buf_free (&att);
        return -1;
      }
  }
  for (s = text; *s && !nonblank; s++)
    nonblank = !a_space ((unsigned char) *s);
  if (in->dialect == SA_DIALECT_INTEL && !had && nonblank)
    {
      add_reason (res, SA_DIALECT, NULL,
                  "-masm=intel is in effect and the template has no {att|intel} alternative,"
                  " so GCC emits this AT&T text as Intel syntax");
      buf_free (&att);
      return -1;
    }

  /* Split into statements at newlines and ';', dropping comments.  */
  s = text;
  while (*s)
    {
      struct buf st;
      unsigned stline = line;
      size_t plain = strcspn (s, "\n;#/");
      /* Most statements have no comment: parse them where they are.  */
      if (s[plain] != '#' && s[plain] != '/')
        {
          const char *t = s;
          s += plain;
          if (*s == '\n')
            line++;
          if (*s)
            s++;
          if (plain && parse_statement (p, m, t, plain, stline, &pending, res) < 0)
            rc = -1;
          continue;
        }
      buf_init (&st);
      while (*s && *s != '\n' && *s != ';')
        {
          if (*s == '#')
            {
              while (*s && *s != '\n')
                s++;
              break;
            }
          if (s[0] == '/' && s[1] == '*')
            {
              s += 2;
              while (*s && !(s[0] == '*' && s[1] == '/'))
                if (*s++ == '\n')
                  line++;
              if (*s)
                s += 2;
              if (put (&st, ' ') < 0)
                goto oom;
              continue;
            }
          if (put (&st, *s++) < 0)
            goto oom;
        }
      if (*s == '\n')
        line++;
      if (*s)
        s++;
      if (st.n && parse_statement (p, m, st.p, st.n, stline, &pending, res) < 0)
        rc = -1;
      buf_free (&st);
    }
  buf_free (&att);
  if (rc == 0)
    resolve_labels (p);
  return rc;

 oom:
  buf_free (&att);
  add_reason (res, SA_TOO_COMPLEX, NULL, "out of memory");
  return -1;
}

void
free_prog (struct prog *p)
{
  if (p->insns != p->inl)
    free (p->insns);
  p->insns = NULL;
}
