/* adc first thing in an asm reads a carry flag that carries no value
   into the asm.  Rejected.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned
add_carry (unsigned x, unsigned y)
{
  __asm__ ("adcl %1, %0" /* { dg-warning "safeasm \\\[flags-read\\\]: \[^\n\]*(adc|CF|carry)" } */
	   : "+r" (x)
	   : "r" (y)
	   : "cc");
  return x;
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  unsigned r = add_carry (40, 2);
  printf ("after the asm %u\n", r);
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-flags-read\\.c:11: in add_carry: safeasm rejected inline asm: \\\[flags-read\\\] " } */
