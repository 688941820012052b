/* lookup.c -- x86db_lookup: binary search of the generated form table
   (x86db-table.c, sorted by mnemonic) for all forms of one mnemonic.  */

#include "x86db.h"

/* strcmp order of S[0..N) against the string M.  */
static int cmp (const char *s, size_t n, const char *m)
{
  size_t i;
  for (i = 0; i < n && m[i]; i++)
    if (s[i] != m[i])
      return (unsigned char) s[i] - (unsigned char) m[i];
  return i < n ? 1 : m[i] ? -1 : 0;
}

size_t x86db_lookup (const char *mnemonic, size_t len,
                     const struct x86_form **first)
{
  size_t lo = 0, hi = x86db_nforms, end;

  /* The first form not below MNEMONIC.  */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (cmp (mnemonic, len, x86db_forms[mid].mnemonic) > 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (end = lo; end < x86db_nforms
       && !cmp (mnemonic, len, x86db_forms[end].mnemonic); end++)
    ;
  *first = &x86db_forms[lo];
  return end - lo;
}
