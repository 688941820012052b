/* With -masm=intel GCC prints operands in Intel syntax, so an AT&T-only
   template (no {att|intel} alternatives) assembles to something else
   or not at all.  Rejected.  */
/* { dg-do run } */
/* { dg-options "-masm=intel" } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned
add (unsigned a, unsigned b)
{
  __asm__ ("addl %1, %0" /* { dg-warning "safeasm \\\[dialect\\\]: \[^\n\]*\[Ii\]ntel" } */
	   : "+r" (a)
	   : "r" (b)
	   : "cc");
  return a;
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  unsigned r = add (40, 2);
  printf ("after the asm %u\n", r);
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-intel-dialect\\.c:13: in add: safeasm rejected inline asm: \\\[dialect\\\] " } */
/* { dg-final { scan-report-match {verdict=reject dialect=intel reasons.code=dialect} } } */
