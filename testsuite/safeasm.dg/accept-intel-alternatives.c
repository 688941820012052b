/* With -masm=intel a template must give the Intel spelling; one with
   {att|intel} alternatives is accepted and the Intel half runs.  */
/* { dg-do run } */
/* { dg-options "-masm=intel" } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned
sub (unsigned a, unsigned b)
{
  __asm__ ("{subl %1, %0|sub %0, %1}" /* { dg-bogus "safeasm" } */
	   : "+r" (a)
	   : "r" (b)
	   : "cc");
  return a;
}

int
main (void)
{
  for (unsigned i = 0; i < 5000; i++)
    if (sub (100000, i) != 100000 - i)
      {
	printf ("mismatch at %u\n", i);
	return 1;
      }
  puts ("intel ok");
  return 0;
}
/* { dg-output "intel ok" } */
/* { dg-final { scan-report-match {verdict=accept dialect=intel} } } */
