/* A flag output "=@ccc" gives the carry of an addq; checked against
   the C overflow test (a + b < a).  */
/* { dg-do run } */

#include <stdio.h>
#include <stdint.h>

static uint64_t state = 0xc0ac29b7c97c50ddull;

static uint64_t
next (void)
{
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

__attribute__ ((noinline)) static int
add_carries (uint64_t a, uint64_t b, uint64_t *sum)
{
  int carry;
  __asm__ ("addq %2, %0" /* { dg-bogus "safeasm" } */
	   : "+r" (a), "=@ccc" (carry)
	   : "r" (b));
  *sum = a;
  return carry;
}

int
main (void)
{
  for (int i = 0; i < 20000; i++)
    {
      uint64_t a = next (), b = next () >> (i % 3), s;
      int c = add_carries (a, b, &s);
      if (s != a + b || c != (a + b < a))
	{
	  printf ("carry mismatch for %#llx %#llx\n",
		  (unsigned long long) a, (unsigned long long) b);
	  return 1;
	}
    }
  puts ("flag output ok");
  return 0;
}
/* { dg-output "flag output ok" } */
/* { dg-final { scan-report-not "\"verdict\": *\"reject\"" } } */
