/* rewrite.cc -- the run-time trap that replaces a rejected asm
   statement in trap mode.

   The asm statement becomes

     out0 = 0; out1 = {}; ...        every output that is not also an
                                     input, so later code sees defined
                                     values
     asm volatile ("{movl $1, %%eax|mov eax, 1}\n\tsyscall"
        :                            write (2, MESSAGE, LEN), without
        : "D" (2L), "S" (MESSAGE),   any library: the program links
          "d" (LEN)                  with -nostdlib and -static too
        : "rax", "rcx", "r11", "memory");
     __builtin_trap ();              ud2: SIGILL

   No temporaries, no declarations: a compilation may have thousands of
   these, and what they allocate stays until the end.  The pass runs
   before the CFG exists, so nothing else needs fixing; the labels of
   an asm goto simply lose one use.  */

#include "plugin.h"

/* Nonzero if the constraint string C contains the decimal number N as
   a matching constraint (a run of digits).  */
static int
constraint_matches (const char *c, unsigned n)
{
  while (*c)
    {
      if (safeasm_isdigit (*c))
        {
          unsigned long v = 0;
          int overflow = 0;
          while (safeasm_isdigit (*c))
            {
              if (v > 100000000UL)
                overflow = 1;
              else
                v = v * 10 + (*c - '0');
              c++;
            }
          if (!overflow && v == n)
            return 1;
        }
      else
        c++;
    }
  return 0;
}

static const char *
op_constraint (tree op)
{
  tree purpose = TREE_PURPOSE (op);
  tree c = purpose ? TREE_VALUE (purpose) : NULL_TREE;
  return c && TREE_CODE (c) == STRING_CST ? TREE_STRING_POINTER (c) : "";
}

int
safeasm_output_is_inout (gasm *stmt, unsigned out)
{
  tree oval = TREE_VALUE (gimple_asm_output_op (stmt, out));
  unsigned i, n = gimple_asm_ninputs (stmt);

  for (i = 0; i < n; i++)
    {
      tree in = gimple_asm_input_op (stmt, i);
      if (constraint_matches (op_constraint (in), out))
        return 1;
      /* "+m" is gimplified into "=m" (x) and an input "m" (x).  */
      if (oval && TREE_VALUE (in)
          && operand_equal_p (oval, TREE_VALUE (in), 0))
        return 1;
    }
  return 0;
}

/* An asm operand: the TREE_LIST ((NULL, "CONSTRAINT"), VALUE).  */
static tree
build_op (const char *constraint, tree value)
{
  tree c = build_string (strlen (constraint), constraint);
  return build_tree_list (build_tree_list (NULL_TREE, c), value);
}

static void
add_clobber (vec<tree, va_gc> **clobbers, const char *reg)
{
  tree s = build_string (strlen (reg), reg);
  vec_safe_push (*clobbers, build_tree_list (NULL_TREE, s));
}

/* "lhs = 0" for an output operand, or NULL if its type is not one a
   zero can be stored into (unknown or variable size, void).  */
static gimple *
zero_output (tree lhs, location_t loc)
{
  tree type;
  HOST_WIDE_INT size;
  gimple *g;

  if (!lhs || lhs == error_mark_node || TREE_CODE (lhs) == WITH_SIZE_EXPR)
    return NULL;
  type = TREE_TYPE (lhs);
  if (!type || type == error_mark_node || VOID_TYPE_P (type)
      || !COMPLETE_TYPE_P (type))
    return NULL;
  size = int_size_in_bytes (type);
  if (size <= 0)
    return NULL;
  g = gimple_build_assign (unshare_expr (lhs),
                           AGGREGATE_TYPE_P (type)
                           ? build_constructor (type, NULL)
                           : build_zero_cst (type));
  gimple_set_location (g, loc);
  return g;
}

gimple_seq
safeasm_build_trap (gasm *stmt, location_t loc, const char *message,
                    size_t len)
{
  gimple_seq seq = NULL;
  vec<tree, va_gc> *inputs = NULL, *clobbers = NULL;
  unsigned i, n = gimple_asm_noutputs (stmt);
  tree trap;
  gasm *wr;
  gimple *g;

  /* (a) Defined values for the outputs.  */
  for (i = 0; i < n; i++)
    if (!safeasm_output_is_inout (stmt, i))
      {
        g = zero_output (TREE_VALUE (gimple_asm_output_op (stmt, i)), loc);
        if (g)
          gimple_seq_add_stmt (&seq, g);
      }

  /* (b) write (2, message, len) by a raw system call.  */
  vec_safe_push (inputs, build_op ("D", build_int_cst (long_integer_type_node,
                                                       2)));
  vec_safe_push (inputs, build_op ("S", build_string_literal (len + 1,
                                                              message)));
  vec_safe_push (inputs, build_op ("d", build_int_cst (long_integer_type_node,
                                                       len)));
  add_clobber (&clobbers, "rax");
  add_clobber (&clobbers, "rcx");
  add_clobber (&clobbers, "r11");
  add_clobber (&clobbers, "memory");
  wr = gimple_build_asm_vec ("{movl $1, %%eax|mov eax, 1}\n\tsyscall", inputs, NULL,
                             clobbers, NULL);
  gimple_asm_set_volatile (wr, true);
  gimple_set_location (wr, loc);
  gimple_seq_add_stmt (&seq, wr);

  /* (c) The trap.  */
  trap = builtin_decl_explicit (BUILT_IN_TRAP);
  if (trap)
    g = gimple_build_call (trap, 0);
  else
    {
      /* Cannot happen in C or C++; keep a trap anyway.  */
      gasm *ud2 = gimple_build_asm_vec ("ud2", NULL, NULL, NULL, NULL);
      gimple_asm_set_volatile (ud2, true);
      g = ud2;
    }
  gimple_set_location (g, loc);
  gimple_seq_add_stmt (&seq, g);
  return seq;
}
