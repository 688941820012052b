/* An asm goto is checked like any asm: this one writes eax without
   declaring it (asm goto outputs aside, a clobber would be needed).
   Rejected, and it traps when reached instead of branching.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static int
is_zero (unsigned long x)
{
  __asm__ goto ("movl $1, %%eax\n\t" /* { dg-warning "safeasm \\\[clobber-missing\\\]: \[^\n\]*\[er\]ax" } */
		"testq %0, %0\n\t"
		"jz %l[yes]"
		:
		: "r" (x)
		: "cc"
		: yes);
  return 0;
yes:
  return 1;
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  int r = is_zero (0);
  printf ("after the asm %d\n", r);
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-asm-goto\\.c:12: in is_zero: safeasm rejected inline asm: \\\[clobber-missing\\\] \[^\n\]*\[er\]ax" } */
/* { dg-final { scan-report-match {verdict=reject goto=true} } } */
