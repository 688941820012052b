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
  struct sa_reason r, *list = sa_code_is_note (code) ? res->notes : res->reasons;
  unsigned *n = sa_code_is_note (code) ? &res->n_notes : &res->n_reasons;
  va_list ap;

  memset (&r, 0, sizeof r);
  r.code = code;
  r.fix = SA_FIX_NONE;
  r.fix_op = -1;
  if (in)
    {
      r.line = in->line;
      snprintf (r.insn, sizeof r.insn, "%s", in->text);
    }
  va_start (ap, fmt);
  vsnprintf (r.message, sizeof r.message, fmt, ap);
  va_end (ap);
  for (unsigned i = 0; i < *n; i++)
    if (list[i].code == code && strcmp (list[i].message, r.message) == 0)
      return NULL;
  if (*n >= SA_MAX_REASONS)
    return NULL;
  list[*n] = r;
  return &list[(*n)++];
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
