/* %c prints a constant without '$', for a displacement: %c[off](%[p])
   reads a field through a pointer; the "memory" clobber declares the
   read.  Checked against the C field access.  */
/* { dg-do run } */

#include <stdio.h>
#include <stddef.h>

struct rec { unsigned long a; unsigned b, c; };

__attribute__ ((noinline)) static unsigned
field_c (const struct rec *r)
{
  unsigned v;
  __asm__ ("movl %c[off](%[p]), %[v]" /* { dg-bogus "safeasm" } */
	   : [v] "=r" (v)
	   : [p] "r" (r), [off] "i" (offsetof (struct rec, c))
	   : "memory");
  return v;
}

int
main (void)
{
  struct rec r[64];
  for (unsigned i = 0; i < 64; i++)
    {
      r[i].a = i;
      r[i].b = i * 3;
      r[i].c = i * 1000 + 7;
    }
  for (unsigned i = 0; i < 64; i++)
    if (field_c (&r[i]) != r[i].c)
      {
	printf ("mismatch at %u\n", i);
	return 1;
      }
  puts ("displacement ok");
  return 0;
}
/* { dg-output "displacement ok" } */
/* { dg-final { scan-report-not "\"verdict\": *\"reject\"" } } */
