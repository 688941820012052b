/* A rejected asm is only a problem when it runs: the trap that replaces
   it fires when reached, so a program that never reaches it runs
   normally (and still gets the compile-time warning).  */
/* { dg-do run } */

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
main (int argc, char **argv)
{
  (void) argv;
  fputs ("before\n", stderr);
  if (argc > 1000)
    printf ("%u\n", probe (0));
  fputs ("dead code ok\n", stderr);
  return 0;
}
/* { dg-output "before\ndead code ok" } */
/* { dg-final { scan-report-match {verdict=reject function=probe reasons.code=clobber-missing} } } */
