/* The replacement code works in a statically linked program too (it
   must not depend on anything only the dynamic libc provides).  */
/* { dg-do run } */
/* { dg-options "-static" } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned
probe (unsigned leaf)
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
  unsigned r = probe (0);
  printf ("after the asm %u\n", r);
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-static-link\\.c:13: in probe: safeasm rejected inline asm: \\\[clobber-missing\\\] \[^\n\]*\[er\]bx" } */
