/* A ret inside an asm returns from the function behind the compiler's
   back (skipping its epilogue).  Rejected.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static int
early_return (void)
{
  __asm__ volatile ("ret"); /* { dg-warning "safeasm \\\[control-flow\\\]: \[^\n\]*ret" } */
  return 1;
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  int r = early_return ();
  printf ("after the asm %d\n", r);
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-ret\\.c:11: in early_return: safeasm rejected inline asm: \\\[control-flow\\\] \[^\n\]*ret" } */
