/* The template names %%ecx and writes it, but ecx is neither an
   operand nor a clobber.  Rejected.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned
plus5 (unsigned x)
{
  __asm__ ("movl $5, %%ecx\n\t" /* { dg-warning "safeasm \\\[clobber-missing\\\]: \[^\n\]*\[er\]cx" } */
	   "addl %%ecx, %0"
	   : "+r" (x)
	   :
	   : "cc");
  return x;
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  unsigned r = plus5 (37);
  printf ("after the asm %u\n", r);
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-explicit-ecx\\.c:11: in plus5: safeasm rejected inline asm: \\\[clobber-missing\\\] \[^\n\]*\[er\]cx" } */
