/* A loop counter passed as a plain input ("r") and decremented by the
   asm: the compiler may still use that register's value afterwards.
   It must be "+r".  Rejected.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned
mul_by_adding (unsigned n, unsigned x)
{
  unsigned acc = 0;
  __asm__ ("1:\n\t" /* { dg-warning "safeasm \\\[input-written\\\]: \[^\n\]*(%1|operand 1)" } */
	   "addl %2, %0\n\t"
	   "decl %1\n\t"
	   "jnz 1b"
	   : "+r" (acc)
	   : "r" (n), "r" (x)
	   : "cc");
  return acc + n;
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  unsigned r = mul_by_adding (6, 7);
  printf ("after the asm %u\n", r);
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-input-written\\.c:13: in mul_by_adding: safeasm rejected inline asm: \\\[input-written\\\] " } */
