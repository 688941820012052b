/* Memory operands: "m" inputs read and a "+m" output updated in
   place; the "=&r" scratch is written before the last input is read.  */
/* { dg-do run } */

#include <stdio.h>

struct pair { unsigned first, second; };

__attribute__ ((noinline)) static void
accumulate (unsigned *total, const struct pair *p)
{
  unsigned tmp;
  __asm__ ("movl %2, %1\n\t" /* { dg-bogus "safeasm" } */
	   "addl %3, %1\n\t"
	   "addl %1, %0"
	   : "+m" (*total), "=&r" (tmp)
	   : "m" (p->first), "m" (p->second)
	   : "cc");
}

int
main (void)
{
  unsigned total = 0, want = 0;
  struct pair p;
  for (unsigned i = 0; i < 5000; i++)
    {
      p.first = i;
      p.second = i * 7;
      accumulate (&total, &p);
      want += i + i * 7;
      if (total != want)
	{
	  printf ("mismatch at %u\n", i);
	  return 1;
	}
    }
  puts ("memory ok");
  return 0;
}
/* { dg-output "memory ok" } */
/* { dg-final { scan-report-not "\"verdict\": *\"reject\"" } } */
