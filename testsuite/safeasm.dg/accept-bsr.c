/* bsrq on a nonzero operand gives the index of the highest set bit.
   The asm is accepted; the analyzer notes that bsr leaves its
   destination undefined for a zero source (note-bsf-zero), which does
   not reject it.  */
/* { dg-do run } */

#include <stdio.h>
#include <stdint.h>

static uint64_t state = 0xa4093822299f31d0ull;

static uint64_t
next (void)
{
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

__attribute__ ((noinline)) static uint64_t
highest_bit (uint64_t x)
{
  uint64_t r;
  __asm__ ("bsrq %1, %0" : "=r" (r) : "rm" (x) : "cc"); /* { dg-bogus "(warning|error): safeasm" } */
  return r;
}

int
main (void)
{
  for (int i = 0; i < 20000; i++)
    {
      uint64_t v = i < 64 ? 1ull << i : next () >> (i % 64);
      if (v == 0)
	continue;
      if (highest_bit (v) != (uint64_t) (63 - __builtin_clzll (v)))
	{
	  printf ("bsr mismatch for %#llx\n", (unsigned long long) v);
	  return 1;
	}
    }
  puts ("bsr ok");
  return 0;
}
/* { dg-output "bsr ok" } */
/* { dg-final { scan-report-match {verdict=accept function=highest_bit} } } */
/* { dg-final { scan-report "note-bsf-zero" } } */
