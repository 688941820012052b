/* mode=repair, a missing '&'.  The output is written before input %1
   is read; without '&' GCC gives the output the register of %1 (it
   does at -O0 and -O2), and scale_add returns 80 instead of 42 (see
   repair-miscompile-warn.c).  The repair makes the output "=&r".  */
/* { dg-do run } */
/* { dg-options "-fplugin-arg-safeasm-mode=repair" } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned
scale_add (unsigned a, unsigned b)
{
  unsigned out;
  __asm__ ("movl %2, %0\n\t" /* { dg-warning "safeasm \\\[earlyclobber\\\]: \[^\n\]*%0" } */
	   "shll $3, %0\n\t"
	   "addl %1, %0"
	   : "=r" (out)
	   : "r" (b), "r" (a)
	   : "cc");
  return out;
}

int
main (void)
{
  unsigned r = scale_add (5, 2);
  printf ("scale_add = %u\n", r);
  return r != 42;
}
/* { dg-output "scale_add = 42" } */
/* { dg-final { scan-report-match {function=scale_add verdict=accept action=repaired reasons.code=earlyclobber repairs=changed\ output\ 0\ from\ "=r"\ to\ "=&r"} } } */
