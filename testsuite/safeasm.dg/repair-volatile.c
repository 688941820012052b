/* mode=repair, a missing volatile.  A non-volatile asm is a pure
   function of its inputs to GCC: the two rdtsc reads below, with no
   inputs, are merged into one at -O2, and the program sees no time
   pass (see repair-miscompile-warn.c).  The repair makes the asm
   volatile.  */
/* { dg-do run } */
/* { dg-options "-fplugin-arg-safeasm-mode=repair" } */

#include <stdio.h>
#include <stdint.h>

static inline uint64_t
ticks (void)
{
  uint64_t t;
  __asm__ ("rdtsc\n\t" /* { dg-warning "safeasm \\\[not-pure\\\]: \[^\n\]*rdtsc" } */
	   "shlq $32, %%rdx\n\t"
	   "orq %%rdx, %0"
	   : "=a" (t) : : "rdx");
  return t;
}

int
main (void)
{
  uint64_t t1 = ticks ();
  uint64_t t2 = ticks ();
  printf ("ticks %s\n", t2 != t1 ? "differ" : "equal");
  return t2 == t1;
}
/* { dg-output "ticks differ" } */
/* { dg-final { scan-report-match {function=ticks verdict=accept action=repaired reasons.code=not-pure repairs=made\ the\ asm\ volatile volatile=false} } } */
