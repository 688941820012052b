/* repair.cc -- mechanical fixes of rejected asm statements, and the
   constraint rewriting of policy=strict.

   The analyzer attaches a fix to a reason when the contract can be
   made true by strengthening it: a clobber to add, an output whose
   '=' should be '+', an output that needs '&', a missing volatile.
   safeasm_find_fixes merges them (and those the analyzer finds once
   they are applied) into a struct safeasm_fixes; fixit.cc turns that
   into source edits, and in mode=repair safeasm_repair_stmt applies it
   to the GIMPLE statement:

     clobber    the statement is rebuilt with the clobber added (a
                basic asm becomes an extended asm without operands:
                '%', '{', '|' and '}' are escaped with '%', and it
                clobbers "memory" as the basic asm implicitly did)
     '&'        the output's constraint gets '&' in every alternative
     '+'        as the gimplifier does for "+r" (x): the output stays
                "=r" (x) and an input "N" (x) is added last (the input
                is loaded into a temporary first when X is not a
                GIMPLE value); not for asm goto, whose %l numbers
                count the operands
     volatile   gimple_asm_set_volatile.

   Nothing here decides that a statement is safe: the caller analyses
   the repaired statement again and keeps it only if it is accepted.  */

#include "plugin.h"
#include "stmt.h"
#include "output.h"
#include "attribs.h"
#include "insn-config.h"

/* ---------------------------------------------------------------- */
/* Constraint strings.                                              */

/* C with '=' made '+' (INOUT) and '&' added to every alternative that
   lacks it (EARLY).  C starts with '=' or '+'.  */
static char *
constraint_with (const char *c, int inout, int early)
{
  size_t n = strlen (c);
  char *r = XNEWVEC (char, 2 * n + 3), *w = r;
  const char *p = c;

  if (*p == '=' || *p == '+')
    {
      *w++ = inout && *p == '=' ? '+' : *p;
      p++;
    }
  for (;;)
    {
      const char *e = strchr (p, ',');
      if (!e)
        e = p + strlen (p);
      if (early && !memchr (p, '&', e - p))
        *w++ = '&';
      memcpy (w, p, e - p);
      w += e - p;
      if (!*e)
        break;
      *w++ = ',';
      p = e + 1;
    }
  *w = '\0';
  return r;
}

static const char *
op_constraint (tree op)
{
  tree purpose = TREE_PURPOSE (op);
  tree c = purpose ? TREE_VALUE (purpose) : NULL_TREE;
  return c && TREE_CODE (c) == STRING_CST ? TREE_STRING_POINTER (c) : "";
}

static tree
op_name (tree op)
{
  tree purpose = TREE_PURPOSE (op);
  return purpose ? TREE_PURPOSE (purpose) : NULL_TREE;
}

static tree
new_string (const char *s)
{
  return build_string (strlen (s), s);
}

/* A fresh operand TREE_LIST ((NAME, CONSTRAINT), VALUE).  */
static tree
new_op (tree name, tree constraint, tree value)
{
  return build_tree_list (build_tree_list (name, constraint), value);
}

/* The template of basic asm T as an extended asm says it.  */
static char *
escape_basic (const char *t)
{
  char *r = XNEWVEC (char, 2 * strlen (t) + 1), *w = r;

  for (; *t; t++)
    {
      if (*t == '%' || *t == '{' || *t == '|' || *t == '}')
        *w++ = '%';
      *w++ = *t;
    }
  *w = '\0';
  return r;
}

/* ---------------------------------------------------------------- */
/* Finding the fixes.                                               */

static int
has_clobber (const char *const *list, unsigned n, const char *name)
{
  unsigned i;
  for (i = 0; i < n; i++)
    if (list[i] && strcmp (list[i], name) == 0)
      return 1;
  return 0;
}

/* Classify one alternative [P, P+LEN) of the constraint of output OPNO
   with GCC's own parser: whether it allows a register, memory.  Returns
   false if GCC does not accept it.  */
static bool
classify_output_alt (const char *p, size_t len, unsigned opno, bool *mem, bool *reg)
{
  char *alt = XNEWVEC (char, len + 2);
  const char *q = alt;
  bool io = false, ok;

  *mem = *reg = false;
  alt[0] = '=';
  memcpy (alt + 1, p, len);
  alt[len + 1] = '\0';
  ok = parse_output_constraint (&q, opno, 0, 0, mem, reg, &io);
  XDELETEVEC (alt);
  return ok;
}

/* Whether each alternative of the output constraint C (starting with
   '=') allows a register and, when NO_MEM, not memory, as GCC's own
   parser classifies them.  */
static int
every_output_alternative (const char *c, int no_mem)
{
  const char *p = c + 1;

  for (;;)
    {
      const char *e = strchr (p, ',');
      bool mem, reg;

      if (!e)
        e = p + strlen (p);
      if (!classify_output_alt (p, e - p, 0, &mem, &reg) || !reg || (no_mem && mem))
        return 0;
      if (!*e)
        return 1;
      p = e + 1;
    }
}

/* Nonzero if output constraint C (starting with '=') allows a register
   in every alternative, or has just one.  The gimplifier gives the
   read half of "+r,m" the constraint "0,m", and GCC then fails with
   "impossible constraint" once the value is a constant: '=' may become
   '+' only where that cannot happen.  */
static int
inout_ok (const char *c)
{
  return !strchr (c + 1, ',') || every_output_alternative (c, 0);
}

/* Add the fixes of RES's reasons to FX; returns how many were new.  */
static unsigned
collect_fixes (const struct sa_result *res, const struct sa_asm *in,
               struct safeasm_fixes *fx)
{
  unsigned i, j, nnew = 0, n = res->n_reasons;

  if (n > SA_MAX_REASONS)
    n = SA_MAX_REASONS;
  for (i = 0; i < n; i++)
    {
      const struct sa_reason *r = &res->reasons[i];
      int op = r->fix_op;
      char name[sizeof r->fix_reg];
      const char *c;

      switch (r->fix)
        {
        case SA_FIX_CLOBBER:
          memcpy (name, r->fix_reg, sizeof name);
          name[sizeof name - 1] = '\0';
          if (!name[0] || has_clobber (in->clobbers, in->n_clobbers, name))
            break;
          for (j = 0; j < fx->n_clobbers; j++)
            if (strcmp (fx->clobbers[j], name) == 0)
              break;
          if (j < fx->n_clobbers || fx->n_clobbers >= SAFEASM_MAX_FIX_CLOBBERS)
            break;
          memcpy (fx->clobbers[fx->n_clobbers++], name, sizeof name);
          nnew++;
          break;
        case SA_FIX_INOUT:
        case SA_FIX_EARLY:
          if (op < 0 || (unsigned) op >= in->n_outputs || op >= 64)
            break;
          c = in->outputs[op].constraint;
          if (!c || (c[0] != '=' && (r->fix == SA_FIX_INOUT || c[0] != '+')))
            break;
          if (r->fix == SA_FIX_INOUT && !inout_ok (c))
            break;
          if (r->fix == SA_FIX_INOUT && !(fx->inout & (1ULL << op)))
            {
              fx->inout |= 1ULL << op;
              nnew++;
            }
          else if (r->fix == SA_FIX_EARLY && !(fx->early & (1ULL << op)))
            {
              fx->early |= 1ULL << op;
              nnew++;
            }
          break;
        case SA_FIX_VOLATILE:
          if (!fx->make_volatile && !in->is_volatile)
            {
              fx->make_volatile = 1;
              nnew++;
            }
          break;
        default:
          break;
        }
    }
  fx->n += nnew;
  return nnew;
}

/* IN with FX applied, for the analyzer.  */
struct fixed_asm
{
  struct sa_asm a;
  struct sa_operand *outs;
  const char **clobbers;
  char *strings[65];
  unsigned nstrings;
};

static void
fixed_asm_build (struct fixed_asm *f, const struct sa_asm *in,
                 const struct safeasm_fixes *fx)
{
  unsigned i, n;

  f->a = *in;
  f->nstrings = 0;
  f->outs = XNEWVEC (struct sa_operand, in->n_outputs + 1);
  if (in->n_outputs)
    memcpy (f->outs, in->outputs, in->n_outputs * sizeof *f->outs);
  for (i = 0; i < in->n_outputs && i < 64; i++)
    {
      int inout = (fx->inout >> i) & 1, early = (fx->early >> i) & 1;
      if (inout || early)
        {
          char *c = constraint_with (in->outputs[i].constraint, inout, early);
          f->strings[f->nstrings++] = c;
          f->outs[i].constraint = c;
        }
    }
  f->a.outputs = f->outs;

  f->clobbers = XNEWVEC (const char *, in->n_clobbers + fx->n_clobbers + 2);
  n = 0;
  for (i = 0; i < in->n_clobbers; i++)
    f->clobbers[n++] = in->clobbers[i];
  for (i = 0; i < fx->n_clobbers; i++)
    f->clobbers[n++] = fx->clobbers[i];
  if (in->basic && fx->n_clobbers)
    {
      /* What safeasm_repair_stmt makes of it.  */
      char *t = escape_basic (in->tmpl);
      f->strings[f->nstrings++] = t;
      f->a.tmpl = t;
      f->a.basic = 0;
      f->a.is_volatile = 1;
      if (!has_clobber (f->clobbers, n, "memory"))
        f->clobbers[n++] = "memory";
    }
  f->a.clobbers = f->clobbers;
  f->a.n_clobbers = n;
  if (fx->make_volatile)
    f->a.is_volatile = 1;
}

static void
fixed_asm_free (struct fixed_asm *f)
{
  unsigned i;
  for (i = 0; i < f->nstrings; i++)
    XDELETEVEC (f->strings[i]);
  XDELETEVEC (f->outs);
  XDELETEVEC (f->clobbers);
}

void
safeasm_find_fixes (const struct sa_asm *in, const struct sa_result *res,
                    struct safeasm_fixes *fx)
{
  struct sa_result *r = XNEW (struct sa_result);
  const struct sa_result *cur = res;
  struct fixed_asm f;
  unsigned round;

  memset (fx, 0, sizeof *fx);
  /* Each round adds at least one fix, and there are finitely many.  */
  for (round = 0; round < 16; round++)
    {
      enum sa_verdict v;

      if (!collect_fixes (cur, in, fx))
        break;
      fixed_asm_build (&f, in, fx);
      memset (r, 0, sizeof *r);
      v = sa_analyze (&f.a, r);
      fixed_asm_free (&f);
      if (v == SA_ACCEPT)
        {
          fx->complete = 1;
          break;
        }
      if (v != SA_REJECT)
        break;
      cur = r;
    }
  XDELETE (r);
}

/* ---------------------------------------------------------------- */
/* Repairing the GIMPLE statement.                                  */

/* Hard register number of the register NAME ("rax", "%r11"), or < 0.  */
static int
reg_number (const char *name)
{
  if (*name == '*')
    name++;
  if (*name == '%')
    name++;
  return decode_reg_name (name);
}

/* Nonzero if operand OP of STMT is bound to hard register REGNO: by a
   register variable or by a constraint letter naming one register.  */
static int
op_uses_reg (tree op, int regno)
{
  static const char *const letters[][3] = {
    { "a", "rax", NULL }, { "b", "rbx", NULL }, { "c", "rcx", NULL },
    { "d", "rdx", NULL }, { "S", "rsi", NULL }, { "D", "rdi", NULL },
    { "A", "rax", "rdx" }
  };
  tree val = TREE_VALUE (op);
  const char *c = op_constraint (op);
  unsigned i, k;

  if (val && VAR_P (val) && DECL_HARD_REGISTER (val)
      && DECL_ASSEMBLER_NAME_SET_P (val)
      && reg_number (IDENTIFIER_POINTER (DECL_ASSEMBLER_NAME (val))) == regno)
    return 1;
  for (; *c; c++)
    {
      /* i386's two-letter constraints: Yz is %xmm0, the others are
         classes or memory.  */
      if (strchr ("BTWY", *c) && c[1])
        {
          if (c[0] == 'Y' && c[1] == 'z' && reg_number ("xmm0") == regno)
            return 1;
          c++;
          continue;
        }
      for (i = 0; i < ARRAY_SIZE (letters); i++)
        if (*c == letters[i][0][0])
          for (k = 1; k < 3 && letters[i][k]; k++)
            if (reg_number (letters[i][k]) == regno)
              return 1;
    }
  return 0;
}

/* The input constraint the gimplifier gives the read half of "+C" for
   output OPNO (C is the output's constraint, starting with '='): the
   operand number in every alternative that allows a register, the
   alternative itself in the others.  */
static char *
inout_input_constraint (const char *c, unsigned opno)
{
  char num[16];
  const char *p = c + 1;
  size_t n = strlen (c);
  char *r, *w;

  snprintf (num, sizeof num, "%u", opno);
  if (!strchr (p, ','))
    {
      bool mem, reg, inout;
      const char *q = c;
      if (!parse_output_constraint (&q, opno, 0, 0, &mem, &reg, &inout))
        return NULL;
      return xstrdup (reg ? num : p);
    }
  r = XNEWVEC (char, n * (strlen (num) + 2) + 2);
  w = r;
  for (;;)
    {
      const char *e = strchr (p, ',');
      size_t len;
      bool mem, reg;

      if (!e)
        e = p + strlen (p);
      len = e - p;
      if (!classify_output_alt (p, len, opno, &mem, &reg))
        {
          XDELETEVEC (r);
          return NULL;
        }
      if (w != r)
        *w++ = ',';
      if (reg)
        {
          memcpy (w, num, strlen (num));
          w += strlen (num);
        }
      else
        {
          memcpy (w, p, len);
          w += len;
        }
      if (!*e)
        break;
      p = e + 1;
    }
  *w = '\0';
  return r;
}

static int
popcount64 (unsigned long long v)
{
  int n = 0;
  for (; v; v &= v - 1)
    n++;
  return n;
}

/* Why FX cannot be applied to STMT, or NULL if it can.  */
static const char *
cannot_repair (gasm *stmt, const struct safeasm_fixes *fx)
{
  unsigned nout = gimple_asm_noutputs (stmt), nin = gimple_asm_ninputs (stmt);
  unsigned nlab = gimple_asm_nlabels (stmt), i, k;
  int basic = gimple_asm_input_p (stmt);

  if (current_function_decl
      && lookup_attribute ("naked", DECL_ATTRIBUTES (current_function_decl)))
    return "the function is naked";
  if (basic && (fx->inout || fx->early))
    return "a basic asm has no operands";
  if (fx->inout && nlab)
    return "an in-out operand would renumber the labels of the asm goto";
  if (nout + nin + nlab + popcount64 (fx->inout) > MAX_RECOG_OPERANDS)
    return "the asm would have too many operands";
  for (i = 0; i < nout && i < 64; i++)
    if (((fx->inout | fx->early) >> i) & 1)
      {
        tree op = gimple_asm_output_op (stmt, i);
        const char *c = op_constraint (op);
        tree val = TREE_VALUE (op);
        if (c[0] != '=' && c[0] != '+')
          return "an output constraint does not start with '='";
        if (((fx->inout >> i) & 1)
            && (c[0] != '=' || !val || TREE_CODE (val) == WITH_SIZE_EXPR
                || !TREE_TYPE (val) || !COMPLETE_TYPE_P (TREE_TYPE (val))
                || TREE_ADDRESSABLE (TREE_TYPE (val))))
          return "an output cannot be made in-out";
      }
  for (i = 0; i < fx->n_clobbers; i++)
    {
      const char *name = fx->clobbers[i];
      int regno = decode_reg_name (name);
      if (regno == -4 || regno == -2)   /* "memory", "cc" */
        continue;
      if (regno < 0)
        return "GCC does not know a register it should clobber";
      if (regno == STACK_POINTER_REGNUM || regno == HARD_FRAME_POINTER_REGNUM
          || regno == FRAME_POINTER_REGNUM)
        return "%rsp and %rbp cannot be clobbered";
      for (k = 0; k < nout; k++)
        if (op_uses_reg (gimple_asm_output_op (stmt, k), regno))
          return "a clobber would conflict with an operand's register";
      for (k = 0; k < nin; k++)
        if (op_uses_reg (gimple_asm_input_op (stmt, k), regno))
          return "a clobber would conflict with an operand's register";
    }
  return NULL;
}

static void
add_repair (char **repairs, unsigned *n, const char *text)
{
  repairs[(*n)++] = xstrdup (text);
}

gasm *
safeasm_repair_stmt (gasm *stmt, const struct safeasm_fixes *fx,
                     gimple_seq *pre, tree *vars, char **repairs,
                     unsigned *n_repairs, const char **why)
{
  unsigned nout = gimple_asm_noutputs (stmt), nin = gimple_asm_ninputs (stmt);
  unsigned nclob = gimple_asm_nclobbers (stmt), nlab = gimple_asm_nlabels (stmt);
  unsigned i;
  int basic = gimple_asm_input_p (stmt);
  int convert = basic && fx->n_clobbers > 0, has_memory = 0;
  location_t loc = gimple_location (stmt);
  vec<tree, va_gc> *outs = NULL, *ins = NULL, *clobs = NULL, *labs = NULL;
  char *tmpl = NULL;
  char text[256];
  gasm *g;

  *pre = NULL;
  *vars = NULL_TREE;
  *n_repairs = 0;
  *why = cannot_repair (stmt, fx);
  if (*why)
    return NULL;

  for (i = 0; i < nout; i++)
    {
      tree op = gimple_asm_output_op (stmt, i);
      tree c = TREE_VALUE (TREE_PURPOSE (op));
      int inout = i < 64 && ((fx->inout >> i) & 1);
      int early = i < 64 && ((fx->early >> i) & 1);
      if (inout || early)
        {
          const char *old = op_constraint (op);
          char *shown = constraint_with (old, inout, early);
          char *nc = constraint_with (old, 0, early);
          c = new_string (nc);
          snprintf (text, sizeof text, "changed output %u from \"%s\" to "
                    "\"%s\"", i, old, shown);
          add_repair (repairs, n_repairs, text);
          XDELETEVEC (shown);
          XDELETEVEC (nc);
        }
      vec_safe_push (outs, new_op (op_name (op), c, TREE_VALUE (op)));
    }
  for (i = 0; i < nin; i++)
    {
      tree op = gimple_asm_input_op (stmt, i);
      vec_safe_push (ins, new_op (op_name (op), TREE_VALUE (TREE_PURPOSE (op)),
                                  TREE_VALUE (op)));
    }
  /* The read halves of the new in-out operands, last, as the
     gimplifier puts them.  */
  for (i = 0; i < nout && i < 64; i++)
    if ((fx->inout >> i) & 1)
      {
        tree op = gimple_asm_output_op (stmt, i);
        const char *c = op_constraint (op);
        char *ic = inout_input_constraint (c, i);
        tree val = unshare_expr (TREE_VALUE (op));
        bool mem, reg, io;
        const char *q = c;

        if (!ic || !parse_output_constraint (&q, i, 0, 0, &mem, &reg, &io))
          {
            unsigned k;
            XDELETEVEC (ic);
            for (k = 0; k < *n_repairs; k++)
              free (repairs[k]);
            *n_repairs = 0;
            *why = "an output cannot be made in-out";
            return NULL;
          }
        if (reg && !is_gimple_asm_val (val))
          {
            tree tmp = create_tmp_var_raw (TREE_TYPE (val), "safeasm");
            gimple *load = gimple_build_assign (tmp, val);
            gimple_set_location (load, loc);
            gimple_seq_add_stmt (pre, load);
            DECL_CHAIN (tmp) = *vars;
            *vars = tmp;
            val = tmp;
          }
        vec_safe_push (ins, new_op (NULL_TREE, new_string (ic), val));
        XDELETEVEC (ic);
      }
  for (i = 0; i < nclob; i++)
    {
      tree op = gimple_asm_clobber_op (stmt, i);
      tree s = TREE_VALUE (op);
      if (s && TREE_CODE (s) == STRING_CST
          && strcmp (TREE_STRING_POINTER (s), "memory") == 0)
        has_memory = 1;
      vec_safe_push (clobs, build_tree_list (NULL_TREE, s));
    }
  for (i = 0; i < fx->n_clobbers; i++)
    {
      if (strcmp (fx->clobbers[i], "memory") == 0)
        has_memory = 1;
      vec_safe_push (clobs, build_tree_list (NULL_TREE,
                                             new_string (fx->clobbers[i])));
      snprintf (text, sizeof text, "added \"%s\" to the clobbers",
                fx->clobbers[i]);
      add_repair (repairs, n_repairs, text);
    }
  if (convert)
    {
      if (!has_memory)
        vec_safe_push (clobs, build_tree_list (NULL_TREE, new_string ("memory")));
      tmpl = escape_basic (gimple_asm_string (stmt));
      add_repair (repairs, n_repairs, "made the basic asm an extended asm "
                  "(with '%' doubled and a \"memory\" clobber)");
    }
  for (i = 0; i < nlab; i++)
    {
      tree op = gimple_asm_label_op (stmt, i);
      vec_safe_push (labs, build_tree_list (TREE_PURPOSE (op), TREE_VALUE (op)));
    }
  if (fx->make_volatile && !gimple_asm_volatile_p (stmt))
    add_repair (repairs, n_repairs, "made the asm volatile");

  g = gimple_build_asm_vec (tmpl ? tmpl : gimple_asm_string (stmt),
                            ins, outs, clobs, labs);
  XDELETEVEC (tmpl);
  gimple_asm_set_volatile (g, gimple_asm_volatile_p (stmt)
                              || fx->make_volatile || convert);
  gimple_asm_set_input (g, basic && !convert);
  gimple_asm_set_inline (g, gimple_asm_inline_p (stmt));
  gimple_set_location (g, loc);
  gimple_set_block (g, gimple_block (stmt));
  gimple_set_no_warning (g, gimple_no_warning_p (stmt));
  return g;
}

/* ---------------------------------------------------------------- */
/* policy=strict.                                                   */

/* Nonzero for a type GCC can put in a register for "r" or "x".  */
static int
register_type_p (tree type)
{
  HOST_WIDE_INT size;

  if (!type || type == error_mark_node || !COMPLETE_TYPE_P (type)
      || TYPE_MODE (type) == BLKmode)
    return 0;
  size = int_size_in_bytes (type);
  if (INTEGRAL_TYPE_P (type) || POINTER_TYPE_P (type))
    return size > 0 && size <= 16;
  if (SCALAR_FLOAT_TYPE_P (type))
    return size > 0 && size <= 8;
  if (VECTOR_TYPE_P (type))
    return size > 0 && size <= 64;
  return 0;
}

/* Nonzero if the alternative [P, E) names a register class, a matching
   operand or a constant, not just modifiers.  */
static int
alt_has_letter (const char *p, const char *e)
{
  for (; p < e; p++)
    if (safeasm_isalnum (*p))
      return 1;
  return 0;
}

/* C without its memory letters: m o V < > dropped, g and X become r
   (ri for an input).  An alternative left without a letter becomes a
   copy of the first one that has one.  NULL if no alternative has a
   letter left (a memory-only constraint) or nothing changed.  */
static char *
strip_memory (const char *c, int input)
{
  size_t n = strlen (c);
  /* Each letter at most triples (g -> ri); alternatives may be
     replaced by a copy of another one.  */
  char *tmp = XNEWVEC (char, 3 * n + 2), *w = tmp, *r, *o;
  const char *p = c, *first = NULL, *first_end = NULL, *q;
  int changed = 0;

  if (*p == '=' || *p == '+')
    *w++ = *p++;
  /* Pass 1: strip each alternative, separated by ','.  */
  for (; *p; p++)
    {
      switch (*p)
        {
        case 'm': case 'o': case 'V': case '<': case '>':
          changed = 1;
          break;
        case 'g': case 'X':
          *w++ = 'r';
          if (input)
            *w++ = 'i';
          changed = 1;
          break;
        case 'B': case 'T': case 'W': case 'Y':
          /* Two-letter i386 constraints: copied as they are.  */
          *w++ = *p;
          if (p[1] && p[1] != ',')
            *w++ = *++p;
          break;
        default:
          *w++ = *p;
          break;
        }
    }
  *w = '\0';
  if (!changed)
    {
      XDELETEVEC (tmp);
      return NULL;
    }
  /* Pass 2: fill the emptied alternatives.  */
  q = tmp + (tmp[0] == '=' || tmp[0] == '+');
  for (p = q;;)
    {
      const char *e = strchr (p, ',');
      if (!e)
        e = p + strlen (p);
      if (!first && alt_has_letter (p, e))
        {
          first = p;
          first_end = e;
        }
      if (!*e)
        break;
      p = e + 1;
    }
  if (!first)
    {
      XDELETEVEC (tmp);
      return NULL;
    }
  r = XNEWVEC (char, strlen (tmp) * (first_end - first + 2) + 2);
  o = r;
  if (q != tmp)
    *o++ = tmp[0];
  for (p = q;;)
    {
      const char *e = strchr (p, ',');
      if (!e)
        e = p + strlen (p);
      if (alt_has_letter (p, e))
        {
          memcpy (o, p, e - p);
          o += e - p;
        }
      else
        {
          memcpy (o, first, first_end - first);
          o += first_end - first;
        }
      if (!*e)
        break;
      *o++ = ',';
      p = e + 1;
    }
  *o = '\0';
  XDELETEVEC (tmp);
  return r;
}

/* Nonzero if every alternative of the output constraint C allows a
   register and not memory.  */
static int
output_register_only (const char *c)
{
  return c[0] == '=' && every_output_alternative (c, 1);
}

/* The same for an input constraint C; CONS[0..NOUT-1] are the output
   constraints its matching alternatives refer to.  */
static int
input_register_only (const char *c, unsigned nout, const char *const *cons)
{
  const char *p = c;
  int ok = 1;

  while (ok)
    {
      const char *e = strchr (p, ',');
      const char *d;
      size_t len;

      if (!e)
        e = p + strlen (p);
      len = e - p;
      for (d = p; d < e && !safeasm_isdigit (*d); d++)
        ;
      if (d < e)
        {
          /* A matching alternative: only the number.  */
          unsigned long m = 0;
          const char *x;
          for (x = p; x < e && safeasm_isdigit (*x) && m < 1000; x++)
            m = m * 10 + (*x - '0');
          ok = x == e && x > p && m < nout && output_register_only (cons[m]);
        }
      else
        {
          char *alt = xstrndup (p, len);
          const char *q = alt;
          bool mem = false, reg = false;
          ok = parse_input_constraint (&q, 0, 1, (int) nout, 0, cons,
                                       &mem, &reg)
               && reg && !mem;
          free (alt);
        }
      if (!*e)
        break;
      p = e + 1;
    }
  return ok;
}

/* Nonzero if constraint C has a letter that allows memory.  */
static int
allows_memory_letter (const char *c)
{
  for (; *c; c++)
    {
      if (strchr ("BTWY", *c) && c[1] && c[1] != ',')
        c++;
      else if (strchr ("moV<>gX", *c))
        return 1;
    }
  return 0;
}

unsigned
safeasm_strict_constraints (gasm *stmt)
{
  unsigned nout = gimple_asm_noutputs (stmt), nin = gimple_asm_ninputs (stmt);
  unsigned i, changed = 0;
  const char **cons = XNEWVEC (const char *, nout + nin + 1);

  for (i = 0; i < nout; i++)
    cons[i] = op_constraint (gimple_asm_output_op (stmt, i));
  for (i = 0; i < nin; i++)
    cons[nout + i] = op_constraint (gimple_asm_input_op (stmt, i));

  /* Outputs first: the inputs' matching alternatives refer to them.  */
  for (i = 0; i < nout + nin; i++)
    {
      int input = i >= nout;
      tree op = input ? gimple_asm_input_op (stmt, i - nout)
                      : gimple_asm_output_op (stmt, i);
      tree val = TREE_VALUE (op);
      const char *c = cons[i];
      char *nc;
      int ok;

      /* '%' (commutative) is checked against the operand count by
         GCC's constraint parsers; leave such constraints alone.  */
      if (!val || val == error_mark_node || strchr (c, '%')
          || !allows_memory_letter (c)
          || !register_type_p (TREE_TYPE (val)))
        continue;
      if (input ? (c[0] == '=' || c[0] == '+') : c[0] != '=')
        continue;
      nc = strip_memory (c, input);
      if (!nc)
        continue;
      ok = input ? input_register_only (nc, nout, cons)
                 : output_register_only (nc);
      if (ok)
        {
          TREE_VALUE (TREE_PURPOSE (op)) = new_string (nc);
          cons[i] = op_constraint (op);
          changed++;
        }
      XDELETEVEC (nc);
    }
  XDELETEVEC (cons);
  return changed;
}
