/* mode=repair, a missing "memory" clobber.  The asm stores through a
   pointer it gets in a register; the C code reads the object before
   and after.  Compiled as written, GCC at -O2 reuses the value it read
   before the asm, and poke returns 101 instead of 142 (see
   repair-miscompile-warn.c).  The repair adds "memory".  */
/* { dg-do run } */
/* { dg-options "-fplugin-arg-safeasm-mode=repair" } */

#include <stdio.h>

__attribute__ ((noinline)) static int
poke (int *p)
{
  int before = *p;
  __asm__ volatile ("movl $42, (%0)" : : "r" (p)); /* { dg-warning "safeasm \\\[memory\\\]: \[^\n\]*movl" } */
  int after = *p;
  return before * 100 + after;
}

int
main (void)
{
  int v = 1;
  int r = poke (&v);
  printf ("poke = %d\n", r);
  return r != 142;
}
/* { dg-output "poke = 142" } */
/* { dg-final { scan-report-match {function=poke verdict=accept action=repaired reasons.code=memory repairs=added\ "memory"\ to\ the\ clobbers} } } */
