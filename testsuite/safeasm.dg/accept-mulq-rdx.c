/* mulq writes rdx:rax; with both declared ("=a", "=d") the asm is
   accepted.  Checked against unsigned __int128 multiplication.  */
/* { dg-do run } */

#include <stdio.h>
#include <stdint.h>

static uint64_t state = 0x3f84d5b5b5470917ull;

static uint64_t
next (void)
{
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

__attribute__ ((noinline)) static uint64_t
mul_full (uint64_t a, uint64_t b, uint64_t *high)
{
  uint64_t lo, hi;
  __asm__ ("mulq %3" /* { dg-bogus "safeasm" } */
	   : "=a" (lo), "=d" (hi)
	   : "0" (a), "rm" (b)
	   : "cc");
  *high = hi;
  return lo;
}

int
main (void)
{
  for (int i = 0; i < 20000; i++)
    {
      uint64_t a = next (), b = next () >> (i % 64), hi;
      unsigned __int128 want = (unsigned __int128) a * b;
      uint64_t lo = mul_full (a, b, &hi);
      if (lo != (uint64_t) want || hi != (uint64_t) (want >> 64))
	{
	  printf ("mulq mismatch at %d\n", i);
	  return 1;
	}
    }
  puts ("mulq ok");
  return 0;
}
/* { dg-output "mulq ok" } */
/* { dg-final { scan-report-not "\"verdict\": *\"reject\"" } } */
