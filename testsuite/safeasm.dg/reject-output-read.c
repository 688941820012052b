/* addl %1, %0 reads %0, but "=r" says its old value does not matter
   (the compiler need not load it): it should be "+r".  Rejected.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned
add (unsigned x, unsigned y)
{
  __asm__ ("addl %1, %0" /* { dg-warning "safeasm \\\[output-read\\\]: \[^\n\]*(%0|operand 0)" } */
	   : "=r" (x)
	   : "r" (y)
	   : "cc");
  return x;
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  unsigned r = add (40, 2);
  printf ("after the asm %u\n", r);
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-output-read\\.c:11: in add: safeasm rejected inline asm: \\\[output-read\\\] " } */
