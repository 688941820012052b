/* xorl %0,%0 reads nothing (a zeroing idiom), so "=r" is right; the
   result must be 0 whatever was in the register.  */
/* { dg-do run } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned
zero (unsigned junk)
{
  unsigned r = junk;
  __asm__ ("xorl %0, %0" : "=r" (r) : : "cc"); /* { dg-bogus "safeasm" } */
  return r;
}

__attribute__ ((noinline)) static unsigned long
zero_sub (void)
{
  unsigned long r;
  __asm__ ("subq %0, %0" : "=r" (r) : : "cc"); /* { dg-bogus "safeasm" } */
  return r;
}

int
main (void)
{
  for (unsigned i = 0; i < 1000; i++)
    if (zero (i * 2654435761u) != 0 || zero_sub () != 0)
      {
	printf ("not zero at %u\n", i);
	return 1;
      }
  puts ("zero ok");
  return 0;
}
/* { dg-output "zero ok" } */
/* { dg-final { scan-report-not "output-read" } } */
/* { dg-final { scan-report-count "\"verdict\": *\"accept\"" 2 } } */
