/* The asm reads memory through a pointer held in a register input,
   but declares neither an "m" operand nor a "memory" clobber: GCC may
   not have stored the pointed-to value yet.  Rejected.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned
load (const unsigned *p)
{
  unsigned v;
  __asm__ ("movl (%1), %0" : "=r" (v) : "r" (p)); /* { dg-warning "safeasm \\\[memory\\\]: \[^\n\]*memory" } */
  return v;
}

int
main (void)
{
  unsigned x = 42;
  fputs ("before the asm\n", stderr);
  unsigned r = load (&x);
  printf ("after the asm %u\n", r);
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-memory-undeclared\\.c:13: in load: safeasm rejected inline asm: \\\[memory\\\] " } */
