/* The message names the function the asm is written in, even when
   that function has been inlined into its caller (-O2).  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

static inline unsigned
inlined_probe (unsigned leaf)
{
  unsigned a, c, d;
  __asm__ volatile ("cpuid" /* { dg-warning "safeasm \\\[clobber-missing\\\]: \[^\n\]*\[er\]bx" } */
		    : "=a" (a), "=c" (c), "=d" (d)
		    : "0" (leaf), "1" (0));
  return a ^ c ^ d;
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  unsigned r = inlined_probe (0);
  printf ("after the asm %u\n", r);
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-inlined-function-name\\.c:12: in inlined_probe: safeasm rejected inline asm: \\\[clobber-missing\\\] " } */
/* { dg-final { scan-report-match {verdict=reject function=inlined_probe} } } */
