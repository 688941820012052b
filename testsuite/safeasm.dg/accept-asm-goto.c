/* asm goto to a C label: accepted, and the branch is taken exactly
   when the tested bit is set.  */
/* { dg-do run } */

#include <stdio.h>
#include <stdint.h>

__attribute__ ((noinline)) static int
bit_set (uint64_t x, uint64_t bit)
{
  __asm__ goto ("btq %1, %0\n\t" /* { dg-bogus "safeasm" } */
		"jc %l[yes]"
		:
		: "r" (x), "r" (bit)
		: "cc"
		: yes);
  return 0;
yes:
  return 1;
}

int
main (void)
{
  uint64_t x = 0x8000000000000001ull;
  for (int i = 0; i < 100000; i++)
    {
      uint64_t bit = (uint64_t) i % 64;
      if (bit_set (x, bit) != (int) ((x >> bit) & 1))
	{
	  printf ("branch wrong for %#llx bit %llu\n",
		  (unsigned long long) x, (unsigned long long) bit);
	  return 1;
	}
      x = x * 6364136223846793005ull + 1442695040888963407ull;
    }
  puts ("asm goto ok");
  return 0;
}
/* { dg-output "asm goto ok" } */
/* { dg-final { scan-report-match {verdict=accept goto=true} } } */
