/* cmov writes its destination only when the condition holds, so the
   destination must be "+r": unsigned max via cmpq/cmovbq.  */
/* { dg-do run } */

#include <stdio.h>
#include <stdint.h>

static uint64_t state = 0x452821e638d01377ull;

static uint64_t
next (void)
{
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

__attribute__ ((noinline)) static uint64_t
umax (uint64_t a, uint64_t b)
{
  __asm__ ("cmpq %[b], %[a]\n\t" /* { dg-bogus "safeasm" } */
	   "cmovbq %[b], %[a]"
	   : [a] "+r" (a)
	   : [b] "r" (b)
	   : "cc");
  return a;
}

int
main (void)
{
  for (int i = 0; i < 20000; i++)
    {
      uint64_t a = next (), b = i % 3 == 0 ? a : next ();
      uint64_t want = a > b ? a : b;
      if (umax (a, b) != want)
	{
	  printf ("cmov mismatch for %#llx %#llx\n",
		  (unsigned long long) a, (unsigned long long) b);
	  return 1;
	}
    }
  puts ("cmov ok");
  return 0;
}
/* { dg-output "cmov ok" } */
/* { dg-final { scan-report-not "\"verdict\": *\"reject\"" } } */
