/* mulq writes rdx:rax.  Declaring only rax ("=a") leaves rdx
   undeclared: rejected, traps when reached.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned long
mul_low (unsigned long a, unsigned long b)
{
  unsigned long lo;
  __asm__ ("mulq %2" /* { dg-warning "safeasm \\\[clobber-missing\\\]: \[^\n\]*rdx" } */
	   : "=a" (lo)
	   : "0" (a), "rm" (b)
	   : "cc");
  return lo;
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  unsigned long r = mul_low (123456789, 987654321);
  printf ("after the asm %lu\n", r);
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-mulq-rdx\\.c:12: in mul_low: safeasm rejected inline asm: \\\[clobber-missing\\\] \[^\n\]*rdx" } */
