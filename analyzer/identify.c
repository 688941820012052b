/* identify.c -- sa_identify: which x86db form the analyzer matches one
   AT&T instruction to.  For the x86db cross-checks (testsuite/x86db)
   and `safeasm-check --identify': the same parse and the same form
   matching sa_analyze uses, without the contract checks.  */

#include <stdio.h>
#include <string.h>
#include "internal.h"

long
sa_identify (const char *text, unsigned *opsize, char *msg, unsigned msglen)
{
  struct sa_asm a;
  struct sa_result res;
  struct model m;
  struct prog p;
  long idx = -1;

  memset (&a, 0, sizeof a);
  a.tmpl = text;
  a.basic = 1;                  /* registers with one '%' */
  a.policy = SA_POLICY_CONTRACT;
  res.verdict = SA_ACCEPT;
  res.n_insns = res.n_reasons = res.n_notes = 0;
  res.summary[0] = '\0';
  memset (&p, 0, sizeof p);
  if (opsize)
    *opsize = 0;
  if (msg && msglen)
    msg[0] = '\0';

  if (parse_operands (&m, &a, &res) == 0 && parse_template (&p, &m, &res) == 0)
    {
      if (p.ninsns != 1)
        {
          if (msg && msglen)
            sa_snprintf (msg, msglen, "%d instructions, expected one", p.ninsns);
        }
      else if (match_forms (&p, &m, &res) == 0 && p.insns[0].base)
        {
          /* base, not form: a decorated form is a copy in the insn */
          idx = (long) (p.insns[0].base - x86db_forms);
          if (opsize)
            *opsize = p.insns[0].opsize;
        }
    }
  if (idx < 0 && msg && msglen && !msg[0])
    sa_snprintf (msg, msglen, "%s", res.n_reasons ? res.reasons[0].message : "no form matches");
  free_prog (&p);
  return idx;
}
