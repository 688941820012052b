/* lookup.c -- x86db_lookup: all forms of one mnemonic in the generated
   form table (x86db-table.c, sorted by mnemonic, so the forms of one
   mnemonic are adjacent).  A hash table of the distinct mnemonics,
   built on the first call, finds them.  */

#include <string.h>
#include "x86db.h"

#define SLOTS 8192              /* a power of two, over twice the mnemonics */

struct slot {
  unsigned first;               /* index of the first form + 1; 0: empty */
  unsigned count;
};

static struct slot table[SLOTS];
static int ready;

static unsigned
hash (const char *s, size_t n)
{
  unsigned h = 2166136261u;     /* FNV-1a */
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char) s[i]) * 16777619u;
  return h;
}

static int
same (const char *s, size_t n, const char *m)
{
  return strncmp (s, m, n) == 0 && m[n] == 0;
}

static void
build (void)
{
  size_t i = 0;
  while (i < x86db_nforms)
    {
      const char *m = x86_mnemonic (&x86db_forms[i]);
      size_t n = strlen (m), end = i + 1;
      unsigned h;
      while (end < x86db_nforms && strcmp (x86_mnemonic (&x86db_forms[end]), m) == 0)
        end++;
      for (h = hash (m, n) & (SLOTS - 1); table[h].first; h = (h + 1) & (SLOTS - 1))
        ;
      table[h].first = (unsigned) i + 1;
      table[h].count = (unsigned) (end - i);
      i = end;
    }
  ready = 1;
}

size_t x86db_lookup (const char *mnemonic, size_t len,
                     const struct x86_form **first)
{
  unsigned h;

  if (!ready)
    build ();
  for (h = hash (mnemonic, len) & (SLOTS - 1); table[h].first; h = (h + 1) & (SLOTS - 1))
    {
      const struct x86_form *f = &x86db_forms[table[h].first - 1];
      if (same (mnemonic, len, x86_mnemonic (f)))
        {
          *first = f;
          return table[h].count;
        }
    }
  *first = x86db_forms;
  return 0;
}
