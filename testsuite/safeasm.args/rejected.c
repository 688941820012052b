/* One asm that safeasm rejects (rdtsc in a non-volatile asm:
   not-pure) but that does no harm when it runs, so that warn mode can
   keep it and the program still works.  */

#include <stdio.h>
#include <stdint.h>

__attribute__ ((noinline)) uint64_t
ticks (void)
{
  uint32_t lo, hi;
  __asm__ ("rdtsc" : "=a" (lo), "=d" (hi)); /* ASM-LINE */
  return ((uint64_t) hi << 32) | lo;
}

int
main (void)
{
  uint64_t t = ticks ();
  printf ("rejected ran %s\n", t != 0 ? "ok" : "zero");
  return 0;
}
