/* Two pushes for one "=t" output: after the asm, GCC takes st(0) as the
   result and believes the stack is one deeper than it is.  Rejected.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static long double
two (void)
{
  long double r;
  __asm__ ("fld1\n\tfld1" : "=t" (r)); /* { dg-warning "safeasm \\\[x87-stack\\\]: the asm moves the x87 stack by \\+2, but its operands say \\+1" } */
  return r + r;
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  printf ("%Lg\n", two ());
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-x87-stack\\.c:12: in two: safeasm rejected inline asm: \\\[x87-stack\\\]" } */
