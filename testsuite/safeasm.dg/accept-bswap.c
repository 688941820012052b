/* An accepted asm computes what the C it stands for computes:
   bswapl / bswapq on "+r" operands against __builtin_bswap32/64.  */
/* { dg-do run } */

#include <stdio.h>
#include <stdint.h>

static uint64_t state = 0x9e3779b97f4a7c15ull;

static uint64_t
next (void)
{
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

__attribute__ ((noinline)) static uint32_t
swap32 (uint32_t x)
{
  __asm__ ("bswapl %0" : "+r" (x)); /* { dg-bogus "safeasm" } */
  return x;
}

__attribute__ ((noinline)) static uint64_t
swap64 (uint64_t x)
{
  __asm__ ("bswapq %0" : "+r" (x)); /* { dg-bogus "safeasm" } */
  return x;
}

int
main (void)
{
  static const uint64_t fixed[] = { 0, 1, 0xff, 0x0102030405060708ull,
				    0x8000000000000000ull, ~0ull };
  for (int i = 0; i < 10000; i++)
    {
      uint64_t v = i < 6 ? fixed[i] : next ();
      if (swap32 ((uint32_t) v) != __builtin_bswap32 ((uint32_t) v)
	  || swap64 (v) != __builtin_bswap64 (v))
	{
	  printf ("bswap mismatch for %#llx\n", (unsigned long long) v);
	  return 1;
	}
    }
  puts ("bswap ok");
  return 0;
}
/* { dg-output "bswap ok" } */
/* { dg-final { scan-report-match {verdict=accept function=swap32 line=22} } } */
/* { dg-final { scan-report-not "\"verdict\": *\"reject\"" } } */
