/* rdtsc gives a new value each time; in a non-volatile asm GCC may
   merge two of them or hoist one out of a loop.  Rejected.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

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
  fputs ("before the asm\n", stderr);
  uint64_t t = ticks ();
  printf ("after the asm %llu\n", (unsigned long long) t);
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-rdtsc-nonvolatile\\.c:13: in ticks: safeasm rejected inline asm: \\\[not-pure\\\] \[^\n\]*rdtsc" } */
