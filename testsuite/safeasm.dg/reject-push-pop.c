/* push/pop move the stack pointer, over the red zone the compiler may
   be using in a leaf function.  Rejected.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned long
copy (unsigned long x)
{
  unsigned long y;
  __asm__ ("pushq %1\n\t" /* { dg-warning "safeasm \\\[stack\\\]: \[^\n\]*push" } */
	   "popq %0"
	   : "=r" (y)
	   : "r" (x));
  return y;
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  unsigned long r = copy (42);
  printf ("after the asm %lu\n", r);
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-push-pop\\.c:12: in copy: safeasm rejected inline asm: \\\[stack\\\] \[^\n\]*push" } */
