/* plugin.cc -- the core of the safeasm GCC plugin (safeasm-core.so,
   which loader.cc loads at the first asm statement): the pass body that
   hands every inline asm statement to the analyzer, diagnostics, and
   top-level asm.

   The pass runs first among all_lowering_passes, right after
   gimplification: the body is still high GIMPLE (GIMPLE_BIND and
   GIMPLE_TRY nesting, OpenMP regions not yet outlined, no CFG), every
   asm statement of the function is there exactly once, and nothing
   has been inlined or cloned yet.  A rejected statement is replaced
   there (trap mode) or repaired (repair mode, repair.cc), so every
   later copy of it traps or is repaired too.  Under policy=strict the
   constraints are made register-only there first (repair.cc); the
   fix-it hints of the diagnostics come from fixit.cc.  */

#include "plugin.h"
#include "stmt.h"
#include <unistd.h>

/* The texts of the plugin's diagnostics are a fixed, documented format
   ("safeasm [CODE]: MESSAGE") that tests and tools match exactly; they
   do not follow GCC's own quoting conventions.  */
#pragma GCC diagnostic ignored "-Wformat-diag"

/* The configuration, a copy of the loader's (safeasm_core_init).  */
struct safeasm_config safeasm_cfg;

/* One "-m32 is not supported" warning per translation unit.  */
static int m32_warned;
static int toplevel_done;

/* ---------------------------------------------------------------- */
/* Statements already diagnosed, by (location, code): each instantiation
   of a C++ template (and each constructor or destructor clone GCC does
   not alias) contains the same asm statement; say it once.  Every copy
   is still rewritten and reported.  An open-addressing hash set.  */

struct seen_key
{
  location_t loc;
  unsigned code;
};

static struct seen_key *seen_tab;
static size_t seen_n, seen_cap;

static size_t
seen_hash (location_t loc, unsigned code, size_t cap)
{
  unsigned long h = (unsigned long) loc * 2654435761UL + code * 40503UL;
  return (size_t) (h ^ (h >> 15)) & (cap - 1);
}

/* Nonzero if (LOC, CODE) was seen before; records it otherwise.
   A slot with code 0 is empty, so codes are stored plus one.  */
static int
seen_before (location_t loc, unsigned code)
{
  size_t i;

  code++;
  if (seen_n * 2 >= seen_cap)
    {
      size_t old_cap = seen_cap, cap = seen_cap ? seen_cap * 2 : 64, j;
      struct seen_key *old = seen_tab;
      seen_tab = XCNEWVEC (struct seen_key, cap);
      seen_cap = cap;
      for (j = 0; j < old_cap; j++)
        if (old[j].code)
          {
            i = seen_hash (old[j].loc, old[j].code, cap);
            while (seen_tab[i].code)
              i = (i + 1) & (cap - 1);
            seen_tab[i] = old[j];
          }
      XDELETEVEC (old);
    }
  i = seen_hash (loc, code, seen_cap);
  while (seen_tab[i].code)
    {
      if (seen_tab[i].loc == loc && seen_tab[i].code == code)
        return 1;
      i = (i + 1) & (seen_cap - 1);
    }
  seen_tab[i].loc = loc;
  seen_tab[i].code = code;
  seen_n++;
  return 0;
}

/* ---------------------------------------------------------------- */
/* Filling struct sa_asm.                                            */

static const char *
string_of (tree t)
{
  if (!t)
    return NULL;
  if (TREE_CODE (t) == STRING_CST)
    return TREE_STRING_POINTER (t);
  if (TREE_CODE (t) == IDENTIFIER_NODE)
    return IDENTIFIER_POINTER (t);
  return NULL;
}

static enum sa_kind
kind_of (tree type)
{
  if (!type || type == error_mark_node)
    return SA_KIND_OTHER;
  if (INTEGRAL_TYPE_P (type))           /* also enum and bool */
    return SA_KIND_INT;
  if (POINTER_TYPE_P (type))
    return SA_KIND_PTR;
  if (SCALAR_FLOAT_TYPE_P (type))
    return SA_KIND_FLOAT;
  if (VECTOR_TYPE_P (type))
    return SA_KIND_VECTOR;
  return SA_KIND_OTHER;
}

static unsigned
size_of (tree type)
{
  HOST_WIDE_INT s;

  if (!type || type == error_mark_node || !COMPLETE_TYPE_P (type))
    return 0;
  s = int_size_in_bytes (type);
  if (s <= 0 || (unsigned HOST_WIDE_INT) s > UINT_MAX)
    return 0;
  return (unsigned) s;
}

static void
fill_operand (struct sa_operand *o, tree op)
{
  tree purpose = TREE_PURPOSE (op);
  tree val = TREE_VALUE (op);
  tree type = val && val != error_mark_node ? TREE_TYPE (val) : NULL_TREE;
  const char *c = purpose ? string_of (TREE_VALUE (purpose)) : NULL;

  o->constraint = c ? c : "";
  o->name = purpose ? string_of (TREE_PURPOSE (purpose)) : NULL;
  o->reg = NULL;
  if (val && VAR_P (val) && DECL_HARD_REGISTER (val)
      && DECL_ASSEMBLER_NAME_SET_P (val))
    {
      const char *r = IDENTIFIER_POINTER (DECL_ASSEMBLER_NAME (val));
      /* "r10" for asm ("r10"), "*%r11" for asm ("%r11").  */
      if (*r == '*')
        r++;
      if (*r == '%')
        r++;
      o->reg = r;
    }
  o->size = size_of (type);
  o->kind = kind_of (type);
  /* A literal input ("a" (7)): cpuid's leaf, for instance.  */
  o->has_const = 0;
  o->const_value = 0;
  if (val && TREE_CODE (val) == INTEGER_CST)
    {
      o->has_const = 1;
      o->const_value = tree_fits_shwi_p (val) ? tree_to_shwi (val)
                                             : (long long) TREE_INT_CST_LOW (val);
    }
}

/* The gimplifier splits an in/out operand.  "+r" (x) becomes "=r" (x)
   plus an input "0" (x), which says the same thing.  But a memory-only
   "+m" (x) becomes "=m" (x) plus an input "m" (x), which reads as an
   output the asm must not read.  Recognise that shape (the input is
   the output's constraint without its '=', on the same object, and
   the constraint allows no register) so the analyzer sees "+m"
   again.  The added input stays, last, where GCC numbers it.  */
static int
split_memory_inout (gasm *stmt, unsigned out, const char *c)
{
  tree oval = TREE_VALUE (gimple_asm_output_op (stmt, out));
  unsigned i, nin = gimple_asm_ninputs (stmt);

  if (c[0] != '=' || !oval)
    return 0;
  for (i = 0; i < nin; i++)
    {
      tree in = gimple_asm_input_op (stmt, i);
      const char *ic = (TREE_PURPOSE (in)
                        ? string_of (TREE_VALUE (TREE_PURPOSE (in))) : NULL);
      if (ic && strcmp (ic, c + 1) == 0 && TREE_VALUE (in)
          && operand_equal_p (oval, TREE_VALUE (in), 0))
        {
          const char *p = c;
          bool mem = false, reg = false, inout = false;
          /* Already parsed without complaint by the gimplifier.  */
          if (parse_output_constraint (&p, out, nin,
                                       gimple_asm_noutputs (stmt),
                                       &mem, &reg, &inout))
            return mem && !reg;
          return 0;
        }
    }
  return 0;
}

/* Value identity of the operands, for the analyzer's register-sharing
   rules: GCC gives an in-out operand's register to another input only
   when the two hold equal values.  Operand K's value is 1 + the index
   of the first operand whose expression equals its own (so equal
   expressions share an id); a memory operand's ADDR_USES marks the
   operand values its address is computed from (the pointer of *p, an
   array index).  */

static tree
operand_value (gasm *stmt, unsigned k)
{
  unsigned nout = gimple_asm_noutputs (stmt);
  tree op = k < nout ? gimple_asm_output_op (stmt, k)
                     : gimple_asm_input_op (stmt, k - nout);
  return TREE_VALUE (op);
}

static void
note_addr_value (gasm *stmt, unsigned nops, tree t, struct sa_operand *o,
                 const int *ids)
{
  unsigned k;
  if (!t)
    return;
  STRIP_NOPS (t);
  for (k = 0; k < nops; k++)
    {
      tree v = operand_value (stmt, k);
      if (ids[k] > 0 && v && operand_equal_p (v, t, 0))
        o->addr_uses |= 1ULL << ids[k];
    }
}

static void
collect_addr_values (gasm *stmt, unsigned nops, tree ref, struct sa_operand *o,
                     const int *ids)
{
  while (ref && handled_component_p (ref))
    {
      if (TREE_CODE (ref) == ARRAY_REF || TREE_CODE (ref) == ARRAY_RANGE_REF)
        note_addr_value (stmt, nops, TREE_OPERAND (ref, 1), o, ids);
      ref = TREE_OPERAND (ref, 0);
    }
  if (!ref)
    return;
  if (TREE_CODE (ref) == MEM_REF || TREE_CODE (ref) == INDIRECT_REF
      || TREE_CODE (ref) == TARGET_MEM_REF)
    {
      tree base = TREE_OPERAND (ref, 0);
      note_addr_value (stmt, nops, base, o, ids);
      if (TREE_CODE (base) == ADDR_EXPR)
        collect_addr_values (stmt, nops, TREE_OPERAND (base, 0), o, ids);
      if (TREE_CODE (ref) == TARGET_MEM_REF)
        {
          note_addr_value (stmt, nops, TMR_INDEX (ref), o, ids);
          note_addr_value (stmt, nops, TMR_INDEX2 (ref), o, ids);
        }
    }
}

static void
assign_values (gasm *stmt, struct sa_operand *outs, struct sa_operand *ins)
{
  unsigned nout = gimple_asm_noutputs (stmt), nops = nout + gimple_asm_ninputs (stmt);
  unsigned k, j;
  int *ids = XCNEWVEC (int, nops + 1);

  for (k = 0; k < nops; k++)
    {
      tree v = operand_value (stmt, k);
      ids[k] = k < 63 ? (int) k + 1 : 0;
      for (j = 0; j < k && v; j++)
        {
          tree w = operand_value (stmt, j);
          if (w && ids[j] > 0 && operand_equal_p (v, w, 0))
            {
              ids[k] = ids[j];
              break;
            }
        }
    }
  for (k = 0; k < nops; k++)
    {
      struct sa_operand *o = k < nout ? &outs[k] : &ins[k - nout];
      o->value = ids[k];
      o->addr_uses = 0;
      collect_addr_values (stmt, nops, operand_value (stmt, k), o, ids);
    }
  XDELETEVEC (ids);
}

/* STMT as the analyzer sees it.  */
struct stmt_view
{
  struct sa_asm in;
  struct sa_operand *outs, *ins;
  const char **clobbers, **labels;
  char **owned;
  unsigned nowned;
};

static void
view_fill (struct stmt_view *v, gasm *stmt)
{
  unsigned i, nout, nin, nclob, nlab;

  nout = gimple_asm_noutputs (stmt);
  nin = gimple_asm_ninputs (stmt);
  nclob = gimple_asm_nclobbers (stmt);
  nlab = gimple_asm_nlabels (stmt);
  v->outs = XNEWVEC (struct sa_operand, nout + 1);
  v->ins = XNEWVEC (struct sa_operand, nin + 1);
  v->clobbers = XNEWVEC (const char *, nclob + 1);
  v->labels = XNEWVEC (const char *, nlab + 1);
  v->owned = XNEWVEC (char *, nout + 1);
  v->nowned = 0;

  for (i = 0; i < nout; i++)
    {
      fill_operand (&v->outs[i], gimple_asm_output_op (stmt, i));
      if (split_memory_inout (stmt, i, v->outs[i].constraint))
        {
          char *c = xstrdup (v->outs[i].constraint);
          c[0] = '+';
          v->owned[v->nowned++] = c;
          v->outs[i].constraint = c;
        }
    }
  for (i = 0; i < nin; i++)
    fill_operand (&v->ins[i], gimple_asm_input_op (stmt, i));
  assign_values (stmt, v->outs, v->ins);
  for (i = 0; i < nclob; i++)
    {
      const char *c = string_of (TREE_VALUE (gimple_asm_clobber_op (stmt, i)));
      v->clobbers[i] = c ? c : "";
    }
  for (i = 0; i < nlab; i++)
    {
      /* TREE_PURPOSE is the name as written in the C and C++ parsers
         (a STRING_CST), TREE_VALUE the LABEL_DECL.  */
      tree op = gimple_asm_label_op (stmt, i);
      const char *l = string_of (TREE_PURPOSE (op));
      tree decl = TREE_VALUE (op);
      if (!l && decl && DECL_P (decl) && DECL_NAME (decl))
        l = IDENTIFIER_POINTER (DECL_NAME (decl));
      v->labels[i] = l ? l : "";
    }

  memset (&v->in, 0, sizeof v->in);
  v->in.tmpl = gimple_asm_string (stmt);
  if (!v->in.tmpl)
    v->in.tmpl = "";
  v->in.basic = gimple_asm_input_p (stmt);
  v->in.is_volatile = gimple_asm_volatile_p (stmt);
  v->in.is_goto = nlab > 0;
  v->in.is_inline = gimple_asm_inline_p (stmt);
  v->in.dialect = ix86_asm_dialect == ASM_INTEL ? SA_DIALECT_INTEL
                                                : SA_DIALECT_ATT;
  v->in.outputs = v->outs;
  v->in.n_outputs = nout;
  v->in.inputs = v->ins;
  v->in.n_inputs = nin;
  v->in.clobbers = v->clobbers;
  v->in.n_clobbers = nclob;
  v->in.labels = v->labels;
  v->in.n_labels = nlab;
  v->in.policy = safeasm_cfg.policy;
  /* Target facts of this function: the red zone (-mno-red-zone, also as
     a target attribute) and whether %rbp is its frame pointer (not
     omitted, or needed for alloca/VLAs, which the gimplifier has seen).  */
  v->in.no_red_zone = TARGET_NO_RED_ZONE;
  /* The summary is for the report and explain only.  */
  v->in.no_summary = !safeasm_cfg.explain && !safeasm_report_enabled ();
  v->in.frame_pointer = !flag_omit_frame_pointer
                        || (cfun && cfun->calls_alloca);
}

static void
view_free (struct stmt_view *v)
{
  unsigned i;

  for (i = 0; i < v->nowned; i++)
    free (v->owned[i]);
  XDELETEVEC (v->owned);
  XDELETEVEC (v->labels);
  XDELETEVEC (v->clobbers);
  XDELETEVEC (v->ins);
  XDELETEVEC (v->outs);
}

/* ---------------------------------------------------------------- */
/* One asm statement.                                               */

/* Text of a reason for a diagnostic: one line, valid UTF-8.  */
static const char *
reason_text (struct safeasm_buf *b, const struct sa_reason *r)
{
  b->len = 0;
  safeasm_buf_add_text (b, r->message);
  if (b->len == 0)
    safeasm_buf_add (b, "", 0);
  return b->p;
}

static const char *
code_text (enum sa_code c)
{
  const char *n = sa_code_name (c);
  return n ? n : "?";
}

/* Make the analyzer's result safe to read whatever it did.  */
static void
sanitize_result (struct sa_result *res)
{
  unsigned i;

  if (res->n_reasons > SA_MAX_REASONS)
    res->n_reasons = SA_MAX_REASONS;
  if (res->n_notes > SA_MAX_REASONS)
    res->n_notes = SA_MAX_REASONS;
  for (i = 0; i < SA_MAX_REASONS; i++)
    {
      res->reasons[i].message[SA_MSG_LEN - 1] = '\0';
      res->reasons[i].insn[SA_INSN_LEN - 1] = '\0';
      res->notes[i].message[SA_MSG_LEN - 1] = '\0';
      res->notes[i].insn[SA_INSN_LEN - 1] = '\0';
    }
}

static void
set_one_reason (struct sa_result *res, enum sa_code code, const char *msg)
{
  memset (res, 0, sizeof *res);
  res->verdict = SA_UNCHECKED;
  res->n_reasons = 1;
  res->reasons[0].code = code;
  snprintf (res->reasons[0].message, SA_MSG_LEN, "%s", msg);
}

/* What a diagnostic of a rejected statement needs for its fix-it
   hints.  */
struct fix_info
{
  gasm *stmt;
  const struct safeasm_orig *orig;
  const struct safeasm_fixes *fx;
};

/* Diagnose a rejected statement: the first reason as a warning or an
   error (with the fix-it hints of FI), the other reasons and the notes
   as notes, then what happens to the statement: replaced by a trap
   (with WHY_NOT_REPAIRED in repair mode when it is set), or repaired
   (REPAIRS).  */
static void
diagnose (location_t loc, const struct sa_result *res,
          const struct fix_info *fi, const char *const *repairs,
          unsigned n_repairs, const char *why_not_repaired)
{
  struct safeasm_buf b;
  unsigned i;
  bool shown;
  rich_location richloc (line_table, loc);

  if (seen_before (loc, res->reasons[0].code))
    return;
  safeasm_buf_init (&b);
  if (fi && fi->fx->n)
    safeasm_add_fixits (&richloc, fi->stmt, fi->orig, fi->fx);
  if (safeasm_cfg.mode == SAFEASM_MODE_ERROR)
    {
      error_at (&richloc, "safeasm [%s]: %s", code_text (res->reasons[0].code),
                reason_text (&b, &res->reasons[0]));
      shown = true;
    }
  else if (safeasm_cfg.mode == SAFEASM_MODE_AUDIT)
    {
      /* A note: -Werror (a package's own) must not fail the build.  */
      inform (&richloc, "safeasm [%s]: %s", code_text (res->reasons[0].code),
              reason_text (&b, &res->reasons[0]));
      shown = true;
    }
  else
    shown = warning_at (&richloc, 0, "safeasm [%s]: %s",
                        code_text (res->reasons[0].code),
                        reason_text (&b, &res->reasons[0]));
  if (shown)
    {
      for (i = 1; i < res->n_reasons; i++)
        inform (loc, "safeasm [%s]: %s", code_text (res->reasons[i].code),
                reason_text (&b, &res->reasons[i]));
      for (i = 0; i < res->n_notes; i++)
        inform (loc, "safeasm [%s]: %s", code_text (res->notes[i].code),
                reason_text (&b, &res->notes[i]));
      if (n_repairs)
        {
          b.len = 0;
          for (i = 0; i < n_repairs; i++)
            {
              if (i)
                safeasm_buf_adds (&b, "; ");
              safeasm_buf_add_text (&b, repairs[i]);
            }
          inform (loc, "safeasm: repaired: %s", b.p);
        }
      else if (safeasm_cfg.mode == SAFEASM_MODE_TRAP
               || safeasm_cfg.mode == SAFEASM_MODE_REPAIR)
        {
          if (why_not_repaired)
            inform (loc, "safeasm: not repaired: %s", why_not_repaired);
          inform (loc, "safeasm: this asm statement is replaced by a "
                  "run-time trap");
        }
    }
  safeasm_buf_free (&b);
}

/* The effect summary of an accepted statement, for a reader.  */
static const char *
summary_text (struct safeasm_buf *b, const struct sa_result *res)
{
  char s[sizeof res->summary + 1];

  memcpy (s, res->summary, sizeof res->summary);
  s[sizeof res->summary] = '\0';
  b->len = 0;
  safeasm_buf_add_text (b, s);
  if (b->len == 0)
    safeasm_buf_add (b, "", 0);
  return b->p;
}

/* -fplugin-arg-safeasm-explain: what an accepted statement does.  */
static void
explain (location_t loc, const struct sa_result *res)
{
  struct safeasm_buf b;

  if (!safeasm_cfg.explain || seen_before (loc, SA_CODE_COUNT))
    return;
  safeasm_buf_init (&b);
  inform (loc, "safeasm: %s", summary_text (&b, res));
  safeasm_buf_free (&b);
}

/* Replace the statement at GSI by the trap; GSI ends on the last
   statement inserted, so the walk goes on after it.  */
static void
trap_stmt (gimple_stmt_iterator *gsi, gasm *stmt, location_t loc,
           const expanded_location *xloc, const char *fname,
           const struct sa_result *res)
{
  struct safeasm_buf b;
  gimple_seq seq;

  safeasm_buf_init (&b);
  safeasm_buf_add_text (&b, xloc->file ? xloc->file : "<unknown>");
  safeasm_buf_adds (&b, ":");
  safeasm_buf_addu (&b, xloc->line);
  safeasm_buf_adds (&b, ": in ");
  safeasm_buf_add_text (&b, fname);
  safeasm_buf_adds (&b, ": safeasm rejected inline asm: [");
  safeasm_buf_add_text (&b, code_text (res->reasons[0].code));
  safeasm_buf_adds (&b, "] ");
  safeasm_buf_add_text (&b, res->reasons[0].message);
  safeasm_buf_adds (&b, "\n");

  seq = safeasm_build_trap (stmt, loc, b.p, b.len);
  gsi_replace_with_seq (gsi, seq, false);
  safeasm_buf_free (&b);
}

static enum sa_verdict
analyze_stmt (gasm *stmt, struct sa_result *res)
{
  struct stmt_view v;
  enum sa_verdict verdict;

  view_fill (&v, stmt);
  memset (res, 0, sizeof *res);
  verdict = sa_analyze (&v.in, res);
  sanitize_result (res);
  view_free (&v);
  return verdict;
}

/* mode=repair: try to repair STMT (at GSI), rejected with RES and
   mechanical fixes FX.  On success the repaired statement replaces
   STMT, its result is in *RES2 and REPAIRS, *N_REPAIRS say what
   changed; returns 1.  Otherwise returns 0 and sets *WHY.  */
static int
try_repair (gimple_stmt_iterator *gsi, gasm *stmt,
            const struct safeasm_fixes *fx, struct sa_result *res2,
            char **repairs, unsigned *n_repairs, const char **why)
{
  gimple_seq pre = NULL;
  tree vars = NULL_TREE;
  gasm *fixed;
  unsigned i;

  *n_repairs = 0;
  *why = NULL;
  if (!fx->n)
    return 0;
  if (!fx->complete)
    {
      *why = "the mechanical fixes would not make it acceptable";
      return 0;
    }
  fixed = safeasm_repair_stmt (stmt, fx, &pre, &vars, repairs, n_repairs, why);
  if (!fixed)
    return 0;
  /* The repaired statement is kept only if the analyzer accepts it.  */
  if (analyze_stmt (fixed, res2) != SA_ACCEPT)
    {
      for (i = 0; i < *n_repairs; i++)
        free (repairs[i]);
      *n_repairs = 0;
      *why = "the repaired statement would still be rejected";
      return 0;
    }
  if (pre)
    {
      /* Temporaries for the new inputs: local to a bind, as the trap's.  */
      gimple_seq seq = NULL;
      gbind *bind;
      gimple_seq_add_stmt (&pre, fixed);
      bind = gimple_build_bind (vars, pre, NULL_TREE);
      gimple_set_location (bind, gimple_location (stmt));
      gimple_seq_add_stmt (&seq, bind);
      gsi_replace_with_seq (gsi, seq, false);
    }
  else
    gsi_replace (gsi, fixed, false);
  return 1;
}

static void
check_asm (gimple_stmt_iterator *gsi, gasm *stmt)
{
  tree fndecl = current_function_decl;
  location_t loc = gimple_location (stmt);
  expanded_location xloc;
  char *fname;
  struct safeasm_record rec;
  struct sa_result res, *res2;
  struct safeasm_orig orig;
  struct safeasm_fixes fx;
  struct fix_info fi;
  struct stmt_view v;
  char *repairs[SAFEASM_MAX_REPAIRS];
  unsigned i, n_repairs = 0;
  const char *why = NULL;
  enum sa_verdict verdict;
  struct safeasm_buf sb;

  if (loc == UNKNOWN_LOCATION && fndecl)
    loc = DECL_SOURCE_LOCATION (fndecl);
  xloc = expand_location (loc);
  /* A copy: the C++ front end returns names from a small ring that
     the diagnostics below may recycle.  */
  {
    const char *n = fndecl ? lang_hooks.decl_printable_name
                               (fndecl, SAFEASM_NAME_VERBOSITY) : NULL;
    fname = xstrdup (n ? n : "");
  }

  memset (&rec, 0, sizeof rec);
  rec.file = xloc.file;
  rec.line = xloc.line > 0 ? xloc.line : 0;
  rec.column = xloc.column > 0 ? xloc.column : 0;
  rec.function = fname;
  rec.tmpl = gimple_asm_string (stmt);
  rec.intel = ix86_asm_dialect == ASM_INTEL;
  rec.basic = gimple_asm_input_p (stmt);
  rec.is_volatile = gimple_asm_volatile_p (stmt);
  rec.is_goto = gimple_asm_nlabels (stmt) > 0;
  rec.is_inline = gimple_asm_inline_p (stmt);
  rec.res = &res;

  if (!TARGET_64BIT)
    {
      if (!m32_warned)
        {
          m32_warned = 1;
          warning_at (loc, 0, "safeasm: -m32 is not supported; inline asm "
                      "is not checked");
        }
      set_one_reason (&res, SA_UNSUPPORTED,
                      "-m32 is not supported; inline asm is not checked");
      rec.verdict = "unchecked";
      rec.action = "none";
      safeasm_report_write (&rec);
      free (fname);
      return;
    }

  /* The constraints as the front end left them, for the fix-it hints;
     policy=strict may change them below.  */
  orig.nout = gimple_asm_noutputs (stmt);
  orig.nin = gimple_asm_ninputs (stmt);
  orig.constraints = XNEWVEC (const char *, orig.nout + orig.nin + 1);
  for (i = 0; i < orig.nout; i++)
    {
      tree p = TREE_PURPOSE (gimple_asm_output_op (stmt, i));
      orig.constraints[i] = p ? string_of (TREE_VALUE (p)) : NULL;
    }
  for (i = 0; i < orig.nin; i++)
    {
      tree p = TREE_PURPOSE (gimple_asm_input_op (stmt, i));
      orig.constraints[orig.nout + i] = p ? string_of (TREE_VALUE (p)) : NULL;
    }
  if (safeasm_cfg.policy == SA_POLICY_STRICT)
    safeasm_strict_constraints (stmt);

  view_fill (&v, stmt);
  memset (&res, 0, sizeof res);
  verdict = sa_analyze (&v.in, &res);
  sanitize_result (&res);
  memset (&fx, 0, sizeof fx);
  if (verdict == SA_REJECT)
    safeasm_find_fixes (&v.in, &res, &fx);
  view_free (&v);

  safeasm_buf_init (&sb);
  if (verdict == SA_ACCEPT)
    {
      rec.verdict = "accept";
      rec.action = "kept";
      rec.summary = summary_text (&sb, &res);
      safeasm_report_write (&rec);
      explain (loc, &res);
      goto done;
    }
  if (verdict == SA_UNCHECKED)
    {
      rec.verdict = "unchecked";
      rec.action = "none";
      safeasm_report_write (&rec);
      goto done;
    }

  /* SA_REJECT, or anything else the analyzer returned.  */
  if (res.n_reasons == 0)
    {
      res.n_reasons = 1;
      memset (&res.reasons[0], 0, sizeof res.reasons[0]);
      res.reasons[0].code = SA_NOTE_NONE;
      snprintf (res.reasons[0].message, SA_MSG_LEN,
                "the analyzer rejected the statement without a reason");
    }
  fi.stmt = stmt;
  fi.orig = &orig;
  fi.fx = &fx;

  res2 = XNEW (struct sa_result);
  if (safeasm_cfg.mode == SAFEASM_MODE_REPAIR && verdict == SA_REJECT
      && try_repair (gsi, stmt, &fx, res2, repairs, &n_repairs, &why))
    {
      diagnose (loc, &res, &fi, repairs, n_repairs, NULL);
      rec.verdict = "accept";
      rec.action = "repaired";
      rec.summary = summary_text (&sb, res2);
      rec.repairs = repairs;
      rec.n_repairs = n_repairs;
      safeasm_report_write (&rec);
      explain (loc, res2);
      for (i = 0; i < n_repairs; i++)
        free (repairs[i]);
      XDELETE (res2);
      goto done;
    }
  XDELETE (res2);

  rec.verdict = "reject";
  switch (safeasm_cfg.mode)
    {
    case SAFEASM_MODE_TRAP:
    case SAFEASM_MODE_REPAIR: rec.action = "trapped"; break;
    case SAFEASM_MODE_ERROR: rec.action = "error"; break;
    default: rec.action = "kept"; break;
    }
  diagnose (loc, &res, &fi, NULL, 0, why);
  safeasm_report_write (&rec);
  if (safeasm_cfg.mode == SAFEASM_MODE_TRAP
      || safeasm_cfg.mode == SAFEASM_MODE_REPAIR)
    trap_stmt (gsi, stmt, loc, &xloc, fname, &res);

 done:
  safeasm_buf_free (&sb);
  XDELETEVEC (orig.constraints);
  free (fname);
}

/* walk_gimple_seq_mod callback.  Statements with bodies (binds, try,
   OpenMP regions, ...) are left to the walker, which then descends
   into them; an asm statement is handled here, and when it is
   replaced, GSI is left on the last inserted statement so the walker
   never visits what the plugin inserted.  */
static tree
visit_stmt (gimple_stmt_iterator *gsi, bool *handled_ops,
            struct walk_stmt_info *)
{
  gasm *stmt = dyn_cast <gasm *> (gsi_stmt (*gsi));

  if (!stmt)
    {
      *handled_ops = false;
      return NULL_TREE;
    }
  *handled_ops = true;
  check_asm (gsi, stmt);
  return NULL_TREE;
}

/* Autoconf test programs are named conftest.*: a trap (or an error)
   there would silently change what configure detects, so they are
   only warned about, unless conftest=same.  Decided once, when the
   main input file is known.  */
static void
conftest_rule (void)
{
  static int done;
  const char *base;

  if (done || !main_input_filename)
    return;
  done = 1;
  base = strrchr (main_input_filename, '/');
  base = base ? base + 1 : main_input_filename;
  if (strncmp (base, "conftest.", 9) != 0)
    return;
  safeasm_cfg.conftest = 1;
  if (!safeasm_cfg.conftest_same && safeasm_cfg.mode != SAFEASM_MODE_AUDIT)
    safeasm_cfg.mode = SAFEASM_MODE_WARN;
}

/* FUN is a function whose high GIMPLE body the loader found asm in
   (loader_execute).  */
static unsigned int
core_execute (function *fun)
{
  struct walk_stmt_info wi;
  gimple_seq body = fun->gimple_body;

  conftest_rule ();
  memset (&wi, 0, sizeof wi);
  walk_gimple_seq_mod (&body, visit_stmt, NULL, &wi);
  fun->gimple_body = body;
  return 0;
}

/* ---------------------------------------------------------------- */
/* Top-level asm: not a statement, not checked; reported.  The asm
   nodes are still listed when the IPA passes start (they are output
   and cleared after them).  */

static void
core_toplevel (void)
{
  asm_node *a;
  struct sa_result res;
  struct safeasm_record rec;

  if (toplevel_done || in_lto_p || !safeasm_report_enabled ())
    return;
  toplevel_done = 1;
  set_one_reason (&res, SA_NOTE_TOPLEVEL,
                  "top-level asm is not a statement and is not checked");
  for (a = symtab->first_asm_symbol (); a; a = a->next)
    {
      memset (&rec, 0, sizeof rec);
      rec.file = main_input_filename ? main_input_filename : "";
      rec.function = NULL;
      rec.tmpl = string_of (a->asm_str);
      rec.intel = ix86_asm_dialect == ASM_INTEL;
      rec.basic = 1;
      rec.is_volatile = 1;
      rec.verdict = "unchecked";
      rec.action = "none";
      rec.res = &res;
      safeasm_report_write (&rec);
    }
}

static void
core_finish (void)
{
  safeasm_report_close ();
  XDELETEVEC (seen_tab);
  seen_tab = NULL;
  seen_n = seen_cap = 0;
}

static void
safeasm_print_help (void)
{
  struct safeasm_buf b;
  char line[256];
  int i;

  safeasm_buf_init (&b);
  snprintf (line, sizeof line, "safeasm %s: ", SAFEASM_VERSION);
  safeasm_buf_adds (&b, line);
  safeasm_buf_adds (&b,
"checks the x86-64 inline asm statements of each function and\n"
"warns about, reports, rejects, repairs or replaces the ones it cannot\n"
"prove safe.\n"
"\n"
"Arguments (-fplugin-arg-safeasm-KEY[=VALUE]):\n"
"  mode=trap      warn, and replace a rejected asm statement by code that\n"
"                 prints the reason to stderr and traps (SIGILL) (default)\n"
"  mode=warn      warn only; the asm statement is kept\n"
"  mode=audit     as warn, but with notes, which -Werror does not turn\n"
"                 into errors: for auditing builds you must not break\n"
"  mode=error     a rejected asm statement is a compile-time error\n"
"  mode=repair    where mechanical fixes (clobbers, '&', '+', volatile)\n"
"                 make it acceptable, compile the asm statement with them\n"
"                 and warn; replace the others by the trap, as mode=trap\n"
"  policy=contract  check the template against the contract the asm\n"
"                 declares: its operands, clobbers and qualifiers (default)\n"
"  policy=strict  as contract, and the asm may not access memory at all;\n"
"                 constraints that allow a register or memory (\"rm\", \"g\")\n"
"                 are compiled as register-only (\"r\", \"ri\")\n"
"  report=FILE    append one JSON object per asm statement to FILE\n"
"                 (JSON Lines; safe for parallel compilers)\n"
"  explain        a note with the effect summary of each accepted asm\n"
"                 statement: what it reads and writes, and its C story\n"
"  disable        check nothing (opt a package out of a -specs file)\n"
"  conftest=warn  autoconf test programs (conftest.*) are only warned\n"
"                 about, so configure detects what it would without\n"
"                 safeasm (default); conftest=same: no exception\n"
"  help           print this text and carry on\n"
"\n"
"Environment (defaults that the arguments above override):\n"
"  SAFEASM_MODE, SAFEASM_POLICY, SAFEASM_REPORT, SAFEASM_DISABLE=1\n"
"\n"
"Current settings: ");
  safeasm_buf_adds (&b, "mode=");
  safeasm_buf_adds (&b, safeasm_mode_name (safeasm_cfg.mode));
  safeasm_buf_adds (&b, " policy=");
  safeasm_buf_adds (&b, safeasm_policy_name (safeasm_cfg.policy));
  safeasm_buf_adds (&b, " report=");
  safeasm_buf_adds (&b, safeasm_cfg.report_path ? safeasm_cfg.report_path : "(none)");
  safeasm_buf_adds (&b, safeasm_cfg.explain ? " explain\n\nReason codes:\n"
                                           : "\n\nReason codes:\n");

  for (i = 1; i < SA_CODE_COUNT; i++)
    {
      const char *name = sa_code_name ((enum sa_code) i);
      const char *summary = sa_code_summary ((enum sa_code) i);
      snprintf (line, sizeof line, "  %-16s %s\n", name ? name : "?",
                summary ? summary : "");
      safeasm_buf_adds (&b, line);
    }
  /* One write to the standard error, as GCC's own diagnostics go.  */
  if (write (2, b.p, b.len) < 0)
    {
      /* Nothing to do: the help is a courtesy.  */
    }
  safeasm_buf_free (&b);
}

extern "C" __attribute__ ((visibility ("default"))) int
safeasm_core_init (const char *version, size_t sizes, struct plugin_gcc_version *gcc,
                   const struct safeasm_config *cfg, int report_fd,
                   struct safeasm_core *core)
{
  if (strcmp (version, SAFEASM_VERSION) != 0 || sizes != SAFEASM_CORE_SIZES
      || !plugin_default_version_check (gcc, &gcc_version))
    return 1;
  safeasm_cfg = *cfg;
  safeasm_gcc_version = gcc->basever;
  if (report_fd >= 0)
    safeasm_report_attach (report_fd);
  core->execute = core_execute;
  core->toplevel = core_toplevel;
  core->finish = core_finish;
  core->print_help = safeasm_print_help;
  return 0;
}
