/* lookup.c -- x86db_lookup: all forms of one mnemonic in the generated
   form table (x86db-table.c, where the forms of one mnemonic are
   adjacent), found through the hash table generated with
   it (x86db_mnemonics).  */

#include <string.h>
#include "x86db.h"

size_t x86db_lookup (const char *mnemonic, size_t len,
                     const struct x86_form **first)
{
  unsigned h;

  for (h = x86db_hash (mnemonic, len); x86db_mnemonics[h].first;
       h = (h + 1) & (X86DB_MN_SLOTS - 1))
    {
      const struct x86_form *f = &x86db_forms[x86db_mnemonics[h].first - 1];
      const char *m = x86_mnemonic (f);
      if (strncmp (mnemonic, m, len) == 0 && m[len] == 0)
        {
          *first = f;
          return x86db_mnemonics[h].count;
        }
    }
  *first = x86db_forms;
  return 0;
}
