/* A variable shift count must be %cl.  With "r" the count lands in any
   register and the template prints it as a 32-bit register, which
   shll does not take.  Rejected (the assembler never sees it).  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned
shl (unsigned x, unsigned n)
{
  __asm__ ("shll %1, %0" /* { dg-warning "safeasm \\\[bad-operand\\\]: \[^\n\]*\\mcl\\M" } */
	   : "+r" (x)
	   : "r" (n)
	   : "cc");
  return x;
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  unsigned r = shl (1, 5);
  printf ("after the asm %u\n", r);
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-shift-count-not-cl\\.c:12: in shl: safeasm rejected inline asm: \\\[bad-operand\\\] " } */
