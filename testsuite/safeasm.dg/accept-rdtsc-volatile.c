/* rdtsc gives a different value each time: in a volatile asm that is
   fine (the compiler neither merges nor removes it).  */
/* { dg-do run } */

#include <stdio.h>
#include <stdint.h>

__attribute__ ((noinline)) static uint64_t
ticks (void)
{
  uint32_t lo, hi;
  __asm__ volatile ("rdtsc" : "=a" (lo), "=d" (hi)); /* { dg-bogus "safeasm" } */
  return ((uint64_t) hi << 32) | lo;
}

int
main (void)
{
  uint64_t t0 = ticks (), t1 = t0;
  for (int i = 0; i < 1000 && t1 == t0; i++)
    t1 = ticks ();
  if (t1 == t0)
    {
      puts ("rdtsc never changes");
      return 1;
    }
  puts ("rdtsc ok");
  return 0;
}
/* { dg-output "rdtsc ok" } */
/* { dg-final { scan-report-match {verdict=accept volatile=true} } } */
