/* The output is written (movl, shll) before input %2 is read, but it
   is a plain "=r": GCC may give the output and %2 the same register,
   and then the addl adds the wrong value.  Needs "=&r".  Rejected.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned
scale_add (unsigned a, unsigned b)
{
  unsigned out;
  __asm__ ("movl %1, %0\n\t" /* { dg-warning "safeasm \\\[earlyclobber\\\]: \[^\n\]*(%0|operand 0)" } */
	   "shll $3, %0\n\t"
	   "addl %2, %0"
	   : "=r" (out)
	   : "r" (a), "r" (b)
	   : "cc");
  return out;
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  unsigned r = scale_add (5, 2);
  printf ("after the asm %u\n", r);
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-earlyclobber\\.c:13: in scale_add: safeasm rejected inline asm: \\\[earlyclobber\\\] " } */
