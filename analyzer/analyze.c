/* analyze.c -- sa_analyze: operands, then template, then forms, then
   the contract checks; and the collection of reasons into a result.  */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"

struct sa_reason *
add_reason (struct sa_result *res, enum sa_code code, const struct insn *in,
            const char *fmt, ...)
{
  int note = sa_code_is_note (code);
  struct sa_reason *list = note ? res->notes : res->reasons, *r;
  unsigned *n = note ? &res->n_notes : &res->n_reasons;
  va_list ap;

  if (*n >= SA_MAX_REASONS)
    return NULL;
  /* Written in place, and kept only if it is not there already.  */
  r = &list[*n];
  va_start (ap, fmt);
  sa_vsnprintf (r->message, sizeof r->message, fmt, ap);
  va_end (ap);
  for (unsigned i = 0; i < *n; i++)
    if (list[i].code == code && strcmp (list[i].message, r->message) == 0)
      return NULL;
  r->code = code;
  r->fix = SA_FIX_NONE;
  r->fix_op = -1;
  memset (r->fix_reg, 0, sizeof r->fix_reg);
  r->line = 0;
  r->insn[0] = 0;
  if (in)
    {
      const char *z = memchr (in->text, 0, sizeof r->insn - 1);
      size_t l = z ? (size_t) (z - in->text) : sizeof r->insn - 1;
      r->line = in->line;
      memcpy (r->insn, in->text, l);
      r->insn[l] = 0;
    }
  (*n)++;
  return r;
}

enum sa_verdict
sa_analyze (const struct sa_asm *in, struct sa_result *out)
{
  struct model m;
  struct prog p;

  /* Only what is read: the reasons and notes past the counts are not.  */
  out->verdict = SA_ACCEPT;
  out->n_insns = out->n_reasons = out->n_notes = 0;
  out->summary[0] = '\0';
  p.ninsns = p.nlabels = p.cap = 0;    /* not the label table: 18 kB nobody reads yet */
  p.insns = NULL;
  if (parse_operands (&m, in, out) == 0 && parse_template (&p, &m, out) == 0)
    {
      out->n_insns = (unsigned) p.ninsns;
      if (match_forms (&p, &m, out) == 0)
        check_prog (&p, &m, out);
    }
  free_prog (&p);
  out->verdict = out->n_reasons ? SA_REJECT : SA_ACCEPT;
  return out->verdict;
}
