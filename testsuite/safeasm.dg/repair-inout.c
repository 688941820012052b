/* mode=repair, "=" that should be "+".  addl reads %0, but "=r" lets
   GCC leave anything in that register: compiled as written this
   returns 4 instead of 42 at -O0 and -O2 (see repair-miscompile-warn.c).
   The repair makes the output in-out, as "+r" would: an input tied to
   it with the same variable.  The second function does the same for
   an output that is a global variable (its value is loaded into a
   temporary for the tied input).  */
/* { dg-do run } */
/* { dg-options "-fplugin-arg-safeasm-mode=repair" } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned
add (unsigned x, unsigned y)
{
  __asm__ ("addl %1, %0" : "=r" (x) : "r" (y) : "cc"); /* { dg-warning "safeasm \\\[output-read\\\]: \[^\n\]*%0" } */
  return x;
}

unsigned total = 40;

__attribute__ ((noinline)) static void
add_to_total (unsigned y)
{
  __asm__ ("addl %1, %0" : "=r" (total) : "r" (y) : "cc"); /* { dg-warning "safeasm \\\[output-read\\\]: \[^\n\]*%0" } */
}

int
main (void)
{
  unsigned r = add (40, 2);
  add_to_total (2);
  printf ("add = %u, total = %u\n", r, total);
  return r != 42 || total != 42;
}
/* { dg-output "add = 42, total = 42" } */
/* { dg-final { scan-report-match {function=add verdict=accept action=repaired reasons.code=output-read repairs=changed\ output\ 0\ from\ "=r"\ to\ "\+r"} } } */
/* { dg-final { scan-report-match {function=add_to_total verdict=accept action=repaired} } } */
