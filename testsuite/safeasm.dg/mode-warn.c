/* With -fplugin-arg-safeasm-mode=warn a rejected asm is only warned
   about: it stays, and here (rdtsc in a non-volatile asm) it runs
   harmlessly.  */
/* { dg-do run } */
/* { dg-options "-fplugin-arg-safeasm-mode=warn" } */

#include <stdio.h>
#include <stdint.h>

__attribute__ ((noinline)) static uint64_t
ticks (void)
{
  uint32_t lo, hi;
  __asm__ ("rdtsc" : "=a" (lo), "=d" (hi)); /* { dg-warning "safeasm \\\[not-pure\\\]: \[^\n\]*rdtsc" } */
  return ((uint64_t) hi << 32) | lo;
}

int
main (void)
{
  uint64_t t = ticks ();
  printf ("warn mode ran %s\n", t != 0 ? "ok" : "zero");
  return 0;
}
/* { dg-output "warn mode ran ok" } */
/* { dg-final { scan-report-match {verdict=reject mode=warn function=ticks reasons.code=not-pure} } } */
