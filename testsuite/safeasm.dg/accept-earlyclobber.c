/* The output is written before the last input is read, and it is
   declared early-clobber ("=&r"), so the two never share a register.
   Computes a * 8 + b.  */
/* { dg-do run } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned
scale_add (unsigned a, unsigned b)
{
  unsigned out;
  __asm__ ("movl %1, %0\n\t" /* { dg-bogus "safeasm" } */
	   "shll $3, %0\n\t"
	   "addl %2, %0"
	   : "=&r" (out)
	   : "r" (a), "r" (b)
	   : "cc");
  return out;
}

int
main (void)
{
  for (unsigned a = 0; a < 3000; a += 3)
    for (unsigned b = 0; b < 3000; b += 7)
      if (scale_add (a, b) != a * 8 + b)
	{
	  printf ("mismatch for %u %u\n", a, b);
	  return 1;
	}
  puts ("earlyclobber ok");
  return 0;
}
/* { dg-output "earlyclobber ok" } */
/* { dg-final { scan-report-not "\"verdict\": *\"reject\"" } } */
