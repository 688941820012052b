/* analyze.c -- sa_analyze: operands, then template, then forms, then
   the contract checks; and the collection of reasons into a result.  */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"

void
add_reason (struct sa_result *res, enum sa_code code, const struct insn *in,
            const char *fmt, ...)
{
  struct sa_reason r;
  va_list ap;

  memset (&r, 0, sizeof r);
  r.code = code;
  if (in)
    {
      r.line = in->line;
      snprintf (r.insn, sizeof r.insn, "%s", in->text);
    }
  va_start (ap, fmt);
  vsnprintf (r.message, sizeof r.message, fmt, ap);
  va_end (ap);
  for (unsigned i = 0; i < res->n_reasons; i++)
    if (res->reasons[i].code == code && strcmp (res->reasons[i].message, r.message) == 0)
      return;
  if (res->n_reasons < SA_MAX_REASONS)
    res->reasons[res->n_reasons++] = r;
}

enum sa_verdict
sa_analyze (const struct sa_asm *in, struct sa_result *out)
{
  struct model m;
  struct prog p;

  memset (out, 0, sizeof *out);
  memset (&p, 0, sizeof p);
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
