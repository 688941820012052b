/* popcnt (when the CPU has it) against __builtin_popcountll.  */
/* { dg-do run } */

#include <stdio.h>
#include <stdint.h>

static uint64_t state = 0x13198a2e03707344ull;

static uint64_t
next (void)
{
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

__attribute__ ((noinline)) static uint64_t
popcount (uint64_t x)
{
  uint64_t r;
  __asm__ ("popcntq %1, %0" : "=r" (r) : "rm" (x) : "cc"); /* { dg-bogus "safeasm" } */
  return r;
}

int
main (void)
{
  __builtin_cpu_init ();
  if (!__builtin_cpu_supports ("popcnt"))
    {
      puts ("popcnt ok (no popcnt on this CPU, not run)");
      return 0;
    }
  for (int i = 0; i < 20000; i++)
    {
      uint64_t v = i == 0 ? 0 : i == 1 ? ~0ull : next () >> (i % 64);
      if (popcount (v) != (uint64_t) __builtin_popcountll (v))
	{
	  printf ("popcnt mismatch for %#llx\n", (unsigned long long) v);
	  return 1;
	}
    }
  puts ("popcnt ok");
  return 0;
}
/* { dg-output "popcnt ok" } */
/* { dg-final { scan-report-match {verdict=accept function=popcount} } } */
