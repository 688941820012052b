/* lzcnt (when the CPU has it, else it would run as bsr) against
   __builtin_clzll, including the zero input (64).  */
/* { dg-do run } */

#include <stdio.h>
#include <stdint.h>
#include <cpuid.h>

static uint64_t state = 0x082efa98ec4e6c89ull;

static uint64_t
next (void)
{
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

__attribute__ ((noinline)) static uint64_t
leading_zeros (uint64_t x)
{
  uint64_t r;
  __asm__ ("lzcntq %1, %0" : "=r" (r) : "rm" (x) : "cc"); /* { dg-bogus "safeasm" } */
  return r;
}

static int
have_lzcnt (void)
{
  unsigned a, b, c, d;
  /* ABM/LZCNT: CPUID 0x80000001 ECX bit 5.  */
  if (!__get_cpuid (0x80000001, &a, &b, &c, &d))
    return 0;
  return (c >> 5) & 1;
}

int
main (void)
{
  if (!have_lzcnt ())
    {
      puts ("lzcnt ok (no lzcnt on this CPU, not run)");
      return 0;
    }
  if (leading_zeros (0) != 64)
    {
      puts ("lzcnt (0) != 64");
      return 1;
    }
  for (int i = 0; i < 20000; i++)
    {
      uint64_t v = next () >> (i % 64);
      if (v != 0 && leading_zeros (v) != (uint64_t) __builtin_clzll (v))
	{
	  printf ("lzcnt mismatch for %#llx\n", (unsigned long long) v);
	  return 1;
	}
    }
  puts ("lzcnt ok");
  return 0;
}
/* { dg-output "lzcnt ok" } */
/* { dg-final { scan-report-not "\"verdict\": *\"reject\"" } } */
