/* setl into a "=q" char output: the whole (1-byte) output is written.
   Checked against a signed C comparison.  */
/* { dg-do run } */

#include <stdio.h>
#include <stdint.h>

static uint64_t state = 0xbe5466cf34e90c6cull;

static uint64_t
next (void)
{
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

__attribute__ ((noinline)) static char
less (int a, int b)
{
  char c;
  __asm__ ("cmpl %2, %1\n\t" /* { dg-bogus "safeasm" } */
	   "setl %0"
	   : "=q" (c)
	   : "r" (a), "r" (b)
	   : "cc");
  return c;
}

int
main (void)
{
  for (int i = 0; i < 20000; i++)
    {
      int a = (int) next (), b = i % 5 == 0 ? a : (int) next ();
      if (less (a, b) != (a < b))
	{
	  printf ("setl mismatch for %d %d\n", a, b);
	  return 1;
	}
    }
  puts ("setcc ok");
  return 0;
}
/* { dg-output "setcc ok" } */
/* { dg-final { scan-report-not "\"verdict\": *\"reject\"" } } */
