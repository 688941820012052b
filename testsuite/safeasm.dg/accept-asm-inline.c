/* "asm inline" is an ordinary asm for the checks: accepted, works,
   and the report says inline.  */
/* { dg-do run } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned
add3 (unsigned a, unsigned b, unsigned c)
{
  __asm__ inline ("addl %1, %0\n\t" /* { dg-bogus "safeasm" } */
		  "addl %2, %0"
		  : "+r" (a)
		  : "rm" (b), "rm" (c)
		  : "cc");
  return a;
}

int
main (void)
{
  for (unsigned i = 0; i < 5000; i++)
    if (add3 (i, i * 3, 12345) != i + i * 3 + 12345)
      {
	printf ("mismatch at %u\n", i);
	return 1;
      }
  puts ("asm inline ok");
  return 0;
}
/* { dg-output "asm inline ok" } */
/* { dg-final { scan-report-match {verdict=accept inline=true} } } */
